// Command advisordesk is the AdvisorDesk window (服务顾问管理系统).
package main

import (
	"context"
	"flag"
	"log"

	"advisordesk/cmd/advisordesk/osfiles"
	"advisordesk/storage"
	"advisordesk/ui"

	"fyne.io/fyne/v2/app"
)

func main() {
	storage.ServeCheck() // started as the checker of a data file: check, answer, exit
	if p, err := storage.DefaultHeadsPath(); err == nil {
		storage.RememberHeadsIn(p) // the audit log's head, for check to compare with
	}
	dbPath := flag.String("db", "", "data file (default: AdvisorDesk/advisordesk.db in the user's config folder)")
	flag.Parse()

	a := app.NewWithID("com.advisordesk.desk")
	a.SetIcon(ui.Icon)
	path, err := dataPath(*dbPath)
	if err != nil {
		ui.ShowStartError(a, err)
		a.Run()
		return
	}
	var db *storage.DB
	defer func() {
		if db != nil {
			db.Close()
		}
	}()
	open := func() {
		var err error
		if db, err = storage.Open(path, nil); err != nil {
			ui.ShowStartError(a, err)
			return
		}
		// The window asks for a sign-in (or the HR administrator's set-up)
		// and reaches the records only through the person's store.
		u := ui.New(a, ui.DoorOf[*storage.DB](db))
		// Windows' and macOS's own file dialogs, in the system's language;
		// elsewhere the window draws its own.
		if d := osfiles.New(u.Window()); d != nil {
			u.UseFileDialogs(d)
		}
		u.Window().Show()
	}
	// The quick check (milliseconds) before opening; the full one runs in
	// the background once the window is up.
	if rec := storage.StartCheck(context.Background(), path); rec != nil {
		ui.ShowDamaged(a, rec.Problem, rec.Backup, rec.Taken,
			func(login, password string) error {
				if err := storage.CheckHR(rec.Backup, login, password); err != nil {
					return err
				}
				return rec.Restore(context.Background())
			}, open)
	} else {
		open()
	}
	a.Run()
	// The window is gone; a copy of what this session saved is taken before
	// the file is let go (skipped when nothing was saved).
	if db != nil {
		if _, err := db.AutoBackup(context.Background(), storage.ReasonClose, nil); err != nil {
			log.Printf("backup on close: %v", err)
		}
	}
}

func dataPath(path string) (string, error) {
	if path != "" {
		return path, nil
	}
	return storage.DefaultPath()
}
