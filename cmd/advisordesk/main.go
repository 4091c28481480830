// Command advisordesk is the AdvisorDesk window (服务顾问管理系统).
package main

import (
	"context"
	"flag"
	"log"

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
	a.Lifecycle().SetOnStarted(func() {
		u.Start()
		u.StartAutoBackups()
	})
	u.Window().ShowAndRun()
	// The window is gone; a copy of what this session saved is taken before
	// the file is let go (skipped when nothing was saved).
	if _, err := db.AutoBackup(context.Background(), storage.ReasonClose, nil); err != nil {
		log.Printf("backup on close: %v", err)
	}
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
