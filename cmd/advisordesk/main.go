// Command advisordesk is the AdvisorDesk window (服务顾问管理系统).
package main

import (
	"flag"

	"advisordesk/storage"
	"advisordesk/ui"

	"fyne.io/fyne/v2/app"
)

func main() {
	dbPath := flag.String("db", "", "data file (default: AdvisorDesk/advisordesk.db in the user's config folder)")
	flag.Parse()

	a := app.NewWithID("com.advisordesk.desk")
	a.SetIcon(ui.Icon)
	db, err := open(*dbPath)
	if err != nil {
		ui.ShowStartError(a, err)
		a.Run()
		return
	}
	defer db.Close()
	u := ui.New(a, db)
	a.Lifecycle().SetOnStarted(u.Start)
	u.Window().ShowAndRun()
}

func open(path string) (*storage.DB, error) {
	if path == "" {
		var err error
		if path, err = storage.DefaultPath(); err != nil {
			return nil, err
		}
	}
	return storage.Open(path, nil)
}
