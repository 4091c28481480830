package ui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	fynestorage "fyne.io/fyne/v2/storage"
)

// Fyne's file dialog, where the window draws it, speaks the window's
// language and closes on Esc like the program's other dialogs: its places,
// Esc from the file name, and our own question before a file is replaced.
func TestFileDialogInOurWords(t *testing.T) {
	u, _ := newTestApp(t, 4)
	dir := t.TempDir()
	fyne.CurrentApp().Preferences().SetString("fyne:fileDialogLastFolder", fynestorage.NewFileURI(dir).String())
	u.SetLanguage(langZh)
	u.Wait()
	u.Open(pageRoster)
	u.Wait()
	out := filepath.Join(dir, "advisors-20261127.csv")

	tapIn(t, u, tr("action.export"))
	shown := dialogText(u)
	for _, w := range []string{"主目录", "计算机"} {
		if !strings.Contains(shown, w) {
			t.Errorf("no place %q in the dialog: %s", w, shown)
		}
	}
	for _, en := range []string{"Home", "Computer"} {
		if strings.Contains(shown, en) {
			t.Errorf("the dialog still says %q: %s", en, shown)
		}
	}
	// Esc in the file name, where the keyboard is when the dialog opens.
	if _, ok := u.win.Canvas().Focused().(*entry); !ok {
		t.Fatalf("the file name is not the focused field: %T", u.win.Canvas().Focused())
	}
	key(u, fyne.KeyEscape)
	if top := u.win.Canvas().Overlays().Top(); top != nil {
		t.Fatalf("Esc left the dialog open: %s", rendered(top))
	}
	if _, err := os.Stat(out); err == nil {
		t.Fatal("Esc saved the file")
	}

	// A name typed in the field is the name saved.
	tapIn(t, u, tr("action.export"))
	u.win.Canvas().Focused().(*entry).SetText("mine.csv")
	tapOnTop(t, u, "保存")
	u.Wait()
	if _, err := os.Stat(filepath.Join(dir, "mine.csv")); err != nil {
		t.Fatalf("the typed name was not saved: %v; %s", err, dialogText(u))
	}
	closeDialogs(t, u)

	// Over a file already there: our question, Esc keeps the file, Replace
	// writes it.
	if err := os.WriteFile(out, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	tapIn(t, u, tr("action.export"))
	tapOnTop(t, u, "保存")
	if q := dialogText(u); !strings.Contains(q, "替换文件？") || !strings.Contains(q, "“advisors-20261127.csv”已存在") || strings.Contains(q, "Overwrite") {
		t.Fatalf("the question before replacing reads %q", q)
	}
	key(u, fyne.KeyEscape)
	if body, _ := os.ReadFile(out); string(body) != "old" {
		t.Fatal("Esc replaced the file")
	}
	tapOnTop(t, u, "保存") // the file dialog is still open
	tapOnTop(t, u, "替换")
	u.Wait()
	if body, _ := os.ReadFile(out); !strings.Contains(string(body), "工号") {
		t.Fatalf("Replace wrote %q", body)
	}
	closeDialogs(t, u)
}

// fakeFiles answers as the system's dialogs would: the path chosen, or ""
// for a cancel; it keeps what it was asked.
type fakeFiles struct {
	path  string
	asked []string
}

func (f *fakeFiles) Open(title string, exts []string) (string, error) {
	f.asked = append(f.asked, title+" "+strings.Join(exts, " "))
	return f.path, nil
}

func (f *fakeFiles) Save(title, name string, exts []string) (string, error) {
	f.asked = append(f.asked, title+" "+name+" "+strings.Join(exts, " "))
	return f.path, nil
}

func (f *fakeFiles) Folder(title string) (string, error) {
	f.asked = append(f.asked, title)
	return f.path, nil
}

// With the system's dialogs (Windows, macOS) the window asks them for the
// place, with the name and type it would suggest, and writes or reads the
// file chosen; a cancel does nothing and leaves no dialog of ours open.
func TestSystemFileDialogs(t *testing.T) {
	u, db := newTestApp(t, 4)
	files := &fakeFiles{}
	u.UseFileDialogs(files)
	u.Open(pageRoster)
	u.Wait()
	tapIn(t, u, tr("action.export"))
	u.Wait()
	if top := u.win.Canvas().Overlays().Top(); top != nil || len(files.asked) != 1 {
		t.Fatalf("a cancel left %v open; asked %q", top != nil, files.asked)
	}
	dir := t.TempDir()
	files.path = filepath.Join(dir, "chosen.csv")
	tapIn(t, u, tr("action.export"))
	u.Wait()
	if want := "Save as advisors-20261127.csv .csv"; files.asked[1] != want {
		t.Errorf("asked %q, want %q", files.asked[1], want)
	}
	body, err := os.ReadFile(files.path)
	if err != nil || strings.Count(string(body), "\n") != 5 {
		t.Fatalf("the export at the chosen place: %v, %q", err, body)
	}
	closeDialogs(t, u)

	// The roster's import reads the file chosen.
	files.path = filepath.Join(dir, "new.csv")
	if err := os.WriteFile(files.path, []byte("工号,姓名,用工类型,岗位\r\nNEW1,高小燕,正式员工,前台接待\r\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tapIn(t, u, "Import…")
	u.Wait()
	if !slices.Contains(files.asked, "Open a file .csv .xlsx") {
		t.Errorf("the import asked %q", files.asked)
	}
	tapOnTop(t, u, "Import")
	u.Wait()
	if n, _ := db.Advisors.Count(); n != 5 {
		t.Fatalf("after the import through the system dialog: %d advisors; %s", n, dialogText(u))
	}
}
