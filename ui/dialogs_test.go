package ui

import (
	"errors"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestWelcomeKeys: Enter on the welcome dialog opens the demo office (the
// highlighted choice), Esc starts empty; Esc and Enter close a message box.
func TestWelcomeKeys(t *testing.T) {
	u, db := newTestApp(t, 0)
	u.Start()
	u.Wait()
	if !strings.Contains(dialogText(u), "Welcome") {
		t.Fatalf("no welcome dialog: %q", dialogText(u))
	}
	key(u, fyne.KeyReturn)
	u.Wait()
	if n, _ := db.Advisors.Count(); n != demoSize {
		t.Fatalf("Enter on the welcome dialog: %d advisors", n)
	}
	if !strings.Contains(dialogText(u), "demo office is ready") {
		t.Fatalf("no message after the demo: %q", dialogText(u))
	}
	key(u, fyne.KeyEscape)
	if dialogText(u) != "" {
		t.Fatalf("Esc left the message box open: %q", dialogText(u))
	}
	u.info("T", "second")
	key(u, fyne.KeyEnter)
	if dialogText(u) != "" {
		t.Fatal("Enter left the message box open")
	}

	u2, db2 := newTestApp(t, 0)
	u2.Start()
	u2.Wait()
	key(u2, fyne.KeyEscape)
	u2.Wait()
	if got, _ := db2.Setting(settingFirstStart); got != "empty" || dialogText(u2) != "" {
		t.Fatalf("Esc on the welcome dialog: setting %q, dialog %q", got, dialogText(u2))
	}
	if n, _ := db2.Advisors.Count(); n != 0 {
		t.Fatal("Esc loaded the demo")
	}
}

// TestRestoreConfirmSaysWhatButtonsDo: the restore question's buttons say
// what they do, in both languages, and Esc cancels it.
func TestRestoreConfirmSaysWhatButtonsDo(t *testing.T) {
	u, db := newTestApp(t, 3)
	out := filepath.Join(t.TempDir(), "b.db")
	if err := db.Backup(t.Context(), out, nil); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{langEn, langZh} {
		u.SetLanguage(lang)
		u.Open(pageSettings)
		u.Wait()
		u.settings.confirmRestore(out)
		got := dialogText(u)
		yes, no := tr("settings.restore_yes"), tr("action.cancel")
		if !strings.Contains(got, yes) || !strings.Contains(got, no) {
			t.Fatalf("%s: restore question %q lacks %q / %q", lang, got, yes, no)
		}
		for _, bare := range []string{"Yes", "No", "是", "不", "否"} {
			for _, w := range strings.Fields(got) {
				if w == bare {
					t.Fatalf("%s: a bare %q button: %q", lang, bare, got)
				}
			}
		}
		key(u, fyne.KeyEscape)
		u.Wait()
		if dialogText(u) != "" {
			t.Fatalf("%s: Esc did not cancel the restore", lang)
		}
	}
}

func TestCompactionThatGrewSaysSo(t *testing.T) {
	u, _ := newTestApp(t, 0)
	if got := compactMessage(420<<10, 512<<10); !strings.Contains(got, "did not get smaller") || !strings.Contains(got, "420 KB → 512 KB") {
		t.Fatalf("grew: %q", got)
	}
	if got := compactMessage(2<<20, 1<<20); strings.Contains(got, "did not get smaller") {
		t.Fatalf("shrank: %q", got)
	}
	u.SetLanguage(langZh)
	if got := compactMessage(420<<10, 512<<10); !strings.Contains(got, "没有变小") {
		t.Fatalf("zh grew: %q", got)
	}
}

// TestDataFilePathAbsolute: a file opened by a relative path is shown by
// its full path in Settings.
func TestDataFilePathAbsolute(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	u := openAs(t, newTestFile(t, "office.db"))
	u.SetLanguage(langEn)
	u.Open(pageSettings)
	u.Wait()
	want := filepath.Join(dir, "office.db")
	if got := rendered(u.win.Canvas().Content()); !strings.Contains(got, want) {
		t.Fatalf("settings do not show %s: %q", want, got)
	}
}

// TestOpenPDFWithoutViewer: "Open PDF" on a machine with no PDF program
// says so and where the file is.
func TestOpenPDFWithoutViewer(t *testing.T) {
	u, _ := newTestApp(t, 0)
	u.openURL = func(*url.URL) error { return errors.New(`exec: "xdg-open": executable file not found in $PATH`) }
	path := filepath.Join(t.TempDir(), "roster.pdf")
	u.offerOpen(tr("action.print"), "Printed.", fynestorage.NewFileURI(path))
	test.Tap(button(t, u, "Open PDF"))
	// (the path may wrap: rendered lines are joined with spaces)
	if got := dialogText(u); !strings.Contains(got, "No program to open PDF") || !strings.Contains(strings.ReplaceAll(got, " ", ""), path) {
		t.Fatalf("no viewer: %q", got)
	}
}

// TestStageQuestionNamesItsAction: moving a cycle on asks with a button
// that names the next stage; Esc keeps the stage, Enter moves it.
func TestStageQuestionNamesItsAction(t *testing.T) {
	u, db := newTestApp(t, 6)
	u.Open(pageAppraisal)
	u.Wait()
	s := u.appraisal
	tapRow(t, s.list.table, 0)
	u.Wait()
	id, stage := s.data.Cycle.ID, s.data.Cycle.Stage
	next := stage.Next()
	test.Tap(s.cycle.next)
	want := tr("appraisal.next", "Stage", tr("stage."+string(next)))
	if got := dialogText(u); !strings.Contains(got, want) || strings.Contains(got, " Yes") {
		t.Fatalf("question %q, want a %q button", got, want)
	}
	key(u, fyne.KeyEscape)
	u.Wait()
	if c, _ := db.Cycles.Get(id); c.Stage != stage || dialogText(u) != "" {
		t.Fatalf("Esc moved the cycle to %s", c.Stage)
	}
	test.Tap(s.cycle.next)
	key(u, fyne.KeyReturn)
	u.Wait()
	if c, _ := db.Cycles.Get(id); c.Stage != next {
		t.Fatalf("Enter left the cycle at %s", c.Stage)
	}
}

// shownMessage is the text of the message on top of the window: its labels'
// whole text, however the dialog wraps it.
func shownMessage(u *App) string {
	top := u.win.Canvas().Overlays().Top()
	if top == nil {
		return ""
	}
	var lines []string
	walkDrawn(top, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && l.Text != "" {
			lines = append(lines, l.Text)
		}
	})
	return strings.Join(lines, "\n")
}

// Fyne's own dialogs speak the window's language, not the system's: a
// Chinese window on an English system opened an English file dialog.
func TestFileDialogInTheWindowsLanguage(t *testing.T) {
	u, _ := newTestApp(t, 0)
	for _, c := range []struct{ code, open, cancel string }{
		{langZh, "打开", "取消"}, {langEn, "Open", "Cancel"}, {langZh, "打开", "取消"},
	} {
		u.SetLanguage(c.code)
		u.Wait()
		d := dialog.NewFileOpen(func(fyne.URIReadCloser, error) {}, u.win)
		d.Show()
		buttonIn(t, top(t, u), c.open)
		buttonIn(t, top(t, u), c.cancel)
		d.Hide()
	}
}
