package ui

import (
	"context"
	"os"
	"strings"
	"testing"

	"advisordesk/model"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// renderedTexts is every visible label's text in the window's content.
func renderedTexts(u *App) string {
	var b strings.Builder
	eachObject(u.win.Canvas().Content(), func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && l.Visible() {
			b.WriteString(l.Text + "\n")
		}
	})
	return b.String()
}

func TestBackupListAndRestore(t *testing.T) {
	u, db := newTestApp(t, 5)
	if err := db.SetBackupPolicy(model.BackupPolicy{Keep: 5}); err != nil {
		t.Fatal(err)
	}
	u.dailyBackup() // the scheduler's step: a copy is due, none was taken today
	u.Wait()
	u.dailyBackup() // not due again the same day
	u.Wait()
	// A change after the copy, which the restore rolls back.
	if err := db.SaveAdvisor(&model.Advisor{EmpNo: "NEW1", Name: "新同事", Employment: model.FullTime,
		Role: model.FrontDesk, Status: model.Active}); err != nil {
		t.Fatal(err)
	}
	u.Open(pageSettings)
	u.Wait()
	shown := renderedTexts(u)
	for _, want := range []string{"A verified copy is taken every day", "2026-11-27 09:00", "Daily", "✓ verified",
		"backups folder", " KB", "Copies: 1"} {
		if !strings.Contains(shown, want) {
			t.Errorf("Settings do not show %q:\n%s", want, shown)
		}
	}
	if strings.Count(shown, "Daily") != 1 {
		t.Errorf("want one daily copy listed:\n%s", shown)
	}

	var restore *widget.Button
	eachObject(u.win.Canvas().Content(), func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Visible() && b.Text == "Restore…" {
			restore = b
		}
	})
	if restore == nil {
		t.Fatal("no Restore button in the list")
	}
	test.Tap(restore)
	if !strings.Contains(shownMessage(u), "2026-11-27 09:00") || !strings.Contains(shownMessage(u), "disappears") {
		t.Fatalf("confirmation %q does not name the date and what is lost", shownMessage(u))
	}
	var yes *widget.Button
	for _, o := range u.win.Canvas().Overlays().List() {
		eachObject(o, func(o fyne.CanvasObject) {
			if b, ok := o.(*widget.Button); ok && b.Text == "Restore this copy" {
				yes = b
			}
		})
	}
	if yes == nil {
		t.Fatal("no confirm button in the dialog")
	}
	test.Tap(yes)
	u.Wait()
	if n, _ := db.Advisors.Count(); n != 5 || !strings.Contains(shownMessage(u), "Restored") {
		t.Fatalf("restore: %d advisors, %q", n, shownMessage(u))
	}
}

func TestBackupSecondFolderGone(t *testing.T) {
	u, db := newTestApp(t, 3)
	stick := t.TempDir()
	if err := db.SetBackupPolicy(model.BackupPolicy{Keep: 5, Second: stick}); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(stick); err != nil {
		t.Fatal(err)
	}
	u.dailyBackup()
	u.Wait()
	if !strings.Contains(shownMessage(u), "cannot be reached") || !strings.Contains(shownMessage(u), stick) {
		t.Fatalf("unplugged stick said as %q", shownMessage(u))
	}
	copies, _ := db.Backups()
	if len(copies) != 1 || copies[0].Second {
		t.Fatalf("the copy in the backups folder must still be made: %v", copies)
	}
	// Later copies still fail on the stick; Settings keeps saying so.
	db.Advisors.Save(&model.Advisor{EmpNo: "SA9", Name: "李四", Employment: model.FullTime, Role: model.FrontDesk})
	u.store.AutoBackup(context.Background(), model.BackupDaily, nil)
	u.Open(pageSettings)
	u.Wait()
	if shown := renderedTexts(u); !strings.Contains(shown, "cannot be reached") {
		t.Errorf("Settings do not say the second folder is missing:\n%s", shown)
	}
}
