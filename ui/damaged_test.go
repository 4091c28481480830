package ui

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"advisordesk/storage"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// findRendered looks through what is rendered under o for the first object
// of type T that match accepts.
func findRendered[T fyne.CanvasObject](o fyne.CanvasObject, match func(T) bool) T {
	if v, ok := o.(T); ok && match(v) {
		return v
	}
	var children []fyne.CanvasObject
	switch v := o.(type) {
	case *fyne.Container:
		children = v.Objects
	case fyne.Widget:
		children = test.WidgetRenderer(v).Objects()
	}
	var none T
	for _, c := range children {
		if found := findRendered(c, match); any(found) != any(none) {
			return found
		}
	}
	return none
}

// findAll lists the rendered objects of type T under o, in drawing order.
func findAll[T fyne.CanvasObject](o fyne.CanvasObject) []T {
	var out []T
	if v, ok := o.(T); ok {
		out = append(out, v)
	}
	var children []fyne.CanvasObject
	switch v := o.(type) {
	case *fyne.Container:
		children = v.Objects
	case fyne.Widget:
		children = test.WidgetRenderer(v).Objects()
	}
	for _, c := range children {
		out = append(out, findAll[T](c)...)
	}
	return out
}

// findButton finds the rendered button labelled text under o.
func findButton(o fyne.CanvasObject, text string) *widget.Button {
	return findRendered(o, func(b *widget.Button) bool { return b.Text == text })
}

func overlayButton(t *testing.T, u *App, text string) *widget.Button {
	t.Helper()
	for _, o := range u.win.Canvas().Overlays().List() {
		if b := findButton(o, text); b != nil {
			return b
		}
	}
	t.Fatalf("no %q button on screen", text)
	return nil
}

// A file found damaged by the check that runs after start brings up the
// offer of the newest verified backup, with its date; one tap restores it.
func TestDamagedFileOffersBackup(t *testing.T) {
	u, db := newTestApp(t, 10)
	os.MkdirAll(storage.BackupDir(db.Path()), 0o700)
	// The copy's time is the one in its name.
	bak := filepath.Join(storage.BackupDir(db.Path()), "office-20261120-083000.000-daily.db")
	if err := db.Backup(context.Background(), bak, nil); err != nil {
		t.Fatal(err)
	}
	// One byte of a record changes on disk under the open window.
	raw, _ := os.ReadFile(db.Path())
	i := bytes.Index(raw, []byte("dealer.example.cn"))
	f, _ := os.OpenFile(db.Path(), os.O_WRONLY, 0)
	f.WriteAt([]byte{raw[i] ^ 0x20}, int64(i))
	f.Close()

	u.Start()
	u.Wait()
	if !strings.Contains(shownMessage(u), "cannot be read") || !strings.Contains(shownMessage(u), "2026-11-20 08:30") ||
		!strings.Contains(shownMessage(u), "is lost") {
		t.Fatalf("offer: %q", shownMessage(u))
	}
	test.Tap(overlayButton(t, u, "Restore this backup"))
	u.Wait()
	if !strings.Contains(shownMessage(u), "Restored") {
		t.Fatalf("after restore: %q", shownMessage(u))
	}
	if _, problems, err := db.CheckFile(context.Background()); err != nil || len(problems) > 0 {
		t.Fatalf("check after restore: %v %v", problems, err)
	}
	if n, _ := db.Advisors.Count(); n != 10 {
		t.Fatalf("%d advisors after restore", n)
	}
}

// A sound file brings up nothing.
func TestSoundFileOffersNothing(t *testing.T) {
	u, _ := newTestApp(t, 3)
	u.Start()
	u.Wait()
	if strings.Contains(shownMessage(u), "damaged") || len(u.win.Canvas().Overlays().List()) != 0 {
		t.Fatalf("a sound file brought up %q", shownMessage(u))
	}
}

// The window shown instead of the main one when the quick check at start
// fails: it explains, names the backup's date, restores off the UI thread and
// then opens the office.
func TestShowDamagedAtStart(t *testing.T) {
	a := test.NewTempApp(t)
	a.Preferences().SetString(prefLang, langEn)
	restored, opened := make(chan bool, 1), make(chan bool, 1)
	taken := time.Date(2026, 11, 26, 18, 5, 0, 0, time.Local)
	problem := &storage.DamagedError{Path: "/x/office.db", Reason: "the file was cut short"}
	// The restore asks for an HR account of the backup: a wrong password
	// restores nothing and says so.
	restore := func(login, password string) error {
		if login != "admin" || password != "secret pass" {
			return storage.ErrBadLogin
		}
		restored <- true
		return nil
	}
	ShowDamaged(a, problem, "/x/backups/office-1.db", taken, restore, func() { opened <- true })
	w := a.Driver().AllWindows()[len(a.Driver().AllWindows())-1]
	body := findLabel(w.Content(), "cut short")
	if body == nil || !strings.Contains(body.Text, "2026-11-26 18:05") {
		t.Fatalf("start window: %v", body)
	}
	entries := findAll[*widget.Entry](w.Content())
	if len(entries) != 2 {
		t.Fatalf("the restore asks for %d fields, want login and password", len(entries))
	}
	test.Type(entries[0], "admin")
	test.Type(entries[1], "wrong pass")
	test.Tap(findButton(w.Content(), "Restore this backup"))
	deadline := time.Now().Add(10 * time.Second)
	for findLabel(w.Content(), "Wrong login or password") == nil {
		if time.Now().After(deadline) {
			t.Fatal("a wrong password is not said")
		}
		time.Sleep(10 * time.Millisecond)
	}
	entries[1].SetText("")
	test.Type(entries[1], "secret pass")
	test.Tap(findButton(w.Content(), "Restore this backup"))
	for _, c := range []chan bool{restored, opened} {
		select {
		case <-c:
		case <-time.After(10 * time.Second):
			t.Fatal("restore or open not called")
		}
	}
	// Without a backup there is nothing to restore, only the explanation.
	ShowDamaged(a, errors.New("x"), "", time.Time{}, nil, nil)
	w = a.Driver().AllWindows()[len(a.Driver().AllWindows())-1]
	if findButton(w.Content(), "Restore this backup") != nil || findLabel(w.Content(), "No verified backup") == nil {
		t.Fatal("a restore offered without a backup")
	}
}

// findLabel finds the rendered label under o whose text holds part.
func findLabel(o fyne.CanvasObject, part string) *widget.Label {
	return findRendered(o, func(l *widget.Label) bool { return strings.Contains(l.Text, part) })
}
