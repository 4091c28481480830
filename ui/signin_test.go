package ui

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"advisordesk/model"
	"advisordesk/storage"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// openDoor makes a window over the file at path as the program does: the
// sign-in (or set-up) first.
func openDoor(t *testing.T, file *storage.DB) *App {
	t.Helper()
	u := New(test.NewTempApp(t), DoorOf[*storage.DB](file))
	u.quietFrom = true
	u.SetLanguage(langEn)
	u.win.Resize(fyne.NewSize(1200, 760))
	u.Wait()
	return u
}

func openFile(t *testing.T, path string) *storage.DB {
	t.Helper()
	file, err := storage.Open(path, &storage.Options{WeakHashes: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { file.Close() })
	return file
}

// typeInto types text into the rendered entries of the window's content,
// in order.
func typeInto(t *testing.T, o fyne.CanvasObject, texts ...string) {
	t.Helper()
	type field interface {
		fyne.Focusable
		SetText(string)
	}
	var entries []field // Fyne's entries and ours
	for _, w := range findAll[fyne.Widget](o) {
		switch e := w.(type) {
		case *widget.Entry:
			entries = append(entries, e)
		case *entry:
			entries = append(entries, e)
		}
	}
	if len(entries) < len(texts) {
		t.Fatalf("%d entries for %d texts", len(entries), len(texts))
	}
	for i, s := range texts {
		entries[i].SetText("")
		test.Type(entries[i], s)
	}
}

func TestSetUpThenSignIn(t *testing.T) {
	path := filepath.Join(t.TempDir(), "office.db")
	file := openFile(t, path)
	u := openDoor(t, file)
	if findLabel(u.win.Content(), "no accounts yet") == nil || findLabel(u.win.Content(), "not encrypted") == nil {
		t.Fatalf("a new file does not ask for its HR administrator: %q", rendered(u.win.Content()))
	}
	// Name, login (prefilled), password, repeat: a mismatch is said.
	typeInto(t, u.win.Content(), "王芳", "admin", "office pass 1", "office pass 2")
	tapIn(t, u, "Create the HR administrator")
	if findLabel(u.win.Content(), "The two passwords differ") == nil {
		t.Fatal("mismatched passwords not said")
	}
	typeInto(t, u.win.Content(), "王芳", "admin", "short", "short")
	tapIn(t, u, "Create the HR administrator")
	if findLabel(u.win.Content(), "At least 8 characters") == nil {
		t.Fatalf("a short password: %q", rendered(u.win.Content()))
	}
	typeInto(t, u.win.Content(), "王芳", "admin", "office pass 1", "office pass 1")
	tapIn(t, u, "Create the HR administrator")
	if !u.signedIn || u.store.Who().Role != model.RoleHR {
		t.Fatal("not signed in after the set-up")
	}
	if !strings.Contains(dialogText(u), "Recovery code") {
		t.Fatalf("no recovery code shown: %q", dialogText(u))
	}
	tapOnTop(t, u, "I have kept it")
	// Sign out; a wrong password keeps the form, the right one opens.
	tapIn(t, u, "Sign out")
	typeInto(t, u.win.Content(), "admin", "wrong pass 9")
	tapIn(t, u, "Sign in")
	if u.signedIn || findLabel(u.win.Content(), "Wrong login or password") == nil {
		t.Fatalf("a wrong password: %q", rendered(u.win.Content()))
	}
	typeInto(t, u.win.Content(), "admin", "office pass 1")
	tapIn(t, u, "Sign in")
	if !u.signedIn || u.store.Who().Name != "王芳" {
		t.Fatal("the right password does not sign in")
	}
	u.Open(pageSettings)
	u.Wait()
	if findButton(u.win.Content(), tr("settings.backup")) == nil {
		t.Fatal("HR is not offered the file's maintenance")
	}
}

// navTitles are the navigation's entries as shown.
func navTitles(u *App) []string {
	var out []string
	for _, p := range u.pages {
		out = append(out, tr(p.title))
	}
	return out
}

// TestAdvisorWindow: an advisor signs in with the password HR gave, must
// choose their own, and then sees their own record only, read-only, with
// no import, print or export, and no file maintenance in Settings.
func TestAdvisorWindow(t *testing.T) {
	path := filepath.Join(t.TempDir(), "office.db")
	file := openFile(t, path)
	hr, _, err := file.SetUp("admin", "王芳", testPassword)
	if err != nil {
		t.Fatal(err)
	}
	if err := hr.LoadDemo(12, 1); err != nil {
		t.Fatal(err)
	}
	me, err := hr.Advisors.ByEmpNo.Get("SA0003")
	if err != nil {
		t.Fatal(err)
	}
	if err := hr.SaveAccount(&model.Account{Login: "sa0003", Name: me.Name, Role: model.RoleAdvisor, AdvisorID: me.ID}, "given pass 1"); err != nil {
		t.Fatal(err)
	}
	u := openDoor(t, file)
	typeInto(t, u.win.Content(), "sa0003", "given pass 1")
	tapIn(t, u, "Sign in")
	if !u.signedIn || !strings.Contains(dialogText(u), "HR has set your password") {
		t.Fatalf("no forced change of the given password: %q", dialogText(u))
	}
	typeInto(t, top(t, u), "given pass 1", "my own pass 2", "my own pass 2")
	tapOnTop(t, u, "Change the password")
	if _, err := file.Login("sa0003", "my own pass 2"); err != nil {
		t.Fatalf("the new password does not sign in: %v", err)
	}
	closeDialogs(t, u)
	if navs := navTitles(u); slices.Contains(navs, "Accounts") || slices.Contains(navs, "Audit log") {
		t.Fatalf("an advisor sees HR's pages: %v", navs)
	}
	u.Open(pageRoster)
	u.Wait()
	if rows := u.roster.list.rows; len(rows) != 1 || rows[0].EmpNo != "SA0003" {
		t.Fatalf("an advisor's roster: %d rows", len(rows))
	}
	for _, hidden := range []string{"New advisor", "Import", "Print", "Export CSV", "Export Excel"} {
		if b := findButton(u.win.Content(), hidden); b != nil && b.Visible() {
			t.Errorf("an advisor is offered %q", hidden)
		}
	}
	tapRow(t, u.roster.list.table, 0)
	if u.roster.saveBtn.Visible() || !u.roster.entry(model.FieldName).Disabled() {
		t.Fatal("an advisor's own record is editable in the window")
	}
	u.Open(pageSettings)
	u.Wait()
	if findButton(u.win.Content(), tr("settings.backup")) != nil || findButton(u.win.Content(), tr("settings.restore")) != nil {
		t.Fatal("an advisor is offered the file's maintenance")
	}
}

// TestLock: the lock hides the office and its dialogs until the password
// is typed; a wrong one keeps it locked.
func TestLock(t *testing.T) {
	u, _ := newTestApp(t, 3)
	u.info("T", "a dialog open behind the lock")
	u.lock()
	if findLabel(u.win.Content(), "was locked for tester") == nil {
		t.Fatalf("the lock screen: %q", rendered(u.win.Content()))
	}
	for _, o := range u.win.Canvas().Overlays().List() {
		if o.Visible() {
			t.Fatal("a dialog shows over the lock")
		}
	}
	if u.shortcut(shortcutName(fyne.KeyN)) {
		t.Fatal("a shortcut answers behind the lock")
	}
	typeInto(t, u.win.Content(), "wrong pass 1")
	tapIn(t, u, "Unlock")
	if !u.idle.locked {
		t.Fatal("a wrong password unlocked")
	}
	// The lock asks for a password only: it does not blame a login.
	if findLabel(u.win.Content(), "Wrong password.") == nil || findLabel(u.win.Content(), "login") != nil {
		t.Fatalf("a wrong password at the lock: %q", rendered(u.win.Content()))
	}
	typeInto(t, u.win.Content(), testPassword)
	tapIn(t, u, "Unlock")
	if u.idle.locked || !strings.Contains(dialogText(u), "a dialog open behind the lock") {
		t.Fatal("unlocking does not bring the office and its dialog back")
	}
	// The idle time: nothing used for longer than the office's setting.
	closeDialogs(t, u)
	u.idleMinutes = 1
	u.idle.last = time.Now().Add(-2 * time.Minute)
	u.checkIdle()
	if !u.idle.locked {
		t.Fatal("not locked after the idle time")
	}
}

// TestSetUpNamesEachFieldOnce: a set-up refused for an empty name and a
// short password says each field's name once, in both languages.
func TestSetUpNamesEachFieldOnce(t *testing.T) {
	file := openFile(t, filepath.Join(t.TempDir(), "office.db"))
	u := openDoor(t, file)
	for _, c := range []struct{ lang, want string }{
		{langEn, "Name: Required\nPassword: At least 8 characters"},
		{langZh, "姓名：必填\n密码：至少 8 个字符"},
	} {
		u.SetLanguage(c.lang)
		u.Wait()
		typeInto(t, u.win.Content(), "", "admin", "short", "short")
		tapIn(t, u, tr("setup.create"))
		if got := u.signIn.problem.Text; got != c.want {
			t.Fatalf("%s: the set-up's problem reads %q, want %q", c.lang, got, c.want)
		}
	}
}

// TestRecoveryCodeBeforeWelcome: on a new file the recovery code, shown
// once, stays on top until HR has kept it; the first-start question
// comes after, not over it.
func TestRecoveryCodeBeforeWelcome(t *testing.T) {
	file := openFile(t, filepath.Join(t.TempDir(), "office.db"))
	u := openDoor(t, file)
	typeInto(t, u.win.Content(), "王芳", "admin", "office pass 1", "office pass 1")
	tapIn(t, u, "Create the HR administrator")
	u.Start() // what the window does on signing in, quiet in other tests
	u.Wait()
	if !strings.Contains(dialogText(u), "Recovery code") {
		t.Fatalf("the recovery code is covered by %q", dialogText(u))
	}
	tapOnTop(t, u, "I have kept it")
	u.Wait()
	if !strings.Contains(dialogText(u), "Welcome") {
		t.Fatalf("no first-start question after the recovery code: %q", dialogText(u))
	}
	tapOnTop(t, u, tr("first.empty"))
	u.Wait()
	if dialogText(u) != "" {
		t.Fatalf("a dialog left open: %q", dialogText(u))
	}
}

// TestRecoveryByKeyboard: the recovery dialog starts typing in the code
// (the login is carried over), Enter walks on and sets the password, and
// Esc closes the dialog; before, nothing had the focus (typing went to the
// sign-in form behind) and no key reached a dialog before anyone signed in.
func TestRecoveryByKeyboard(t *testing.T) {
	file := openFile(t, filepath.Join(t.TempDir(), "office.db"))
	_, code, err := file.SetUp("admin", "王芳", "office pass 1")
	if err != nil {
		t.Fatal(err)
	}
	u := openDoor(t, file)
	typeInto(t, u.win.Content(), "admin")
	tapIn(t, u, "Forgot the HR password?")
	if !strings.Contains(dialogText(u), "recovery code kept on paper") {
		t.Fatalf("no recovery dialog: %q", dialogText(u))
	}
	key(u, fyne.KeyEscape)
	if dialogText(u) != "" {
		t.Fatalf("Esc left the recovery dialog open: %q", dialogText(u))
	}
	tapIn(t, u, "Forgot the HR password?")
	for _, s := range []string{code, "new pass 12", "new pass 12"} {
		f, ok := u.win.Canvas().Focused().(*entry)
		if !ok || f.Text != "" {
			t.Fatalf("typing %q goes to %T, not the next empty field of the dialog", s, u.win.Canvas().Focused())
		}
		test.Type(f, s)
		key(u, fyne.KeyReturn)
	}
	u.Wait()
	if !u.signedIn || !strings.Contains(dialogText(u), "Recovery code") {
		t.Fatalf("the recovery by keyboard: signed in %v, %q", u.signedIn, dialogText(u))
	}
}

// TestPasswordDialogEsc: Esc closes the password dialog opened from the
// side bar, with the typing in its first field; it went to the field only.
func TestPasswordDialogEsc(t *testing.T) {
	u, _ := newTestApp(t, 0)
	tapIn(t, u, "Password")
	if _, ok := u.win.Canvas().Focused().(*entry); !ok || !strings.Contains(dialogText(u), "Current password") {
		t.Fatalf("the password dialog: focus on %T, %q", u.win.Canvas().Focused(), dialogText(u))
	}
	key(u, fyne.KeyEscape)
	if dialogText(u) != "" {
		t.Fatalf("Esc left the password dialog open: %q", dialogText(u))
	}
}

// TestSignInCheckingIsNotAProblem: while the password is checked the form
// says so in the ordinary colour; it said it in the red of a refusal.
func TestSignInCheckingIsNotAProblem(t *testing.T) {
	file := openFile(t, filepath.Join(t.TempDir(), "office.db"))
	if _, _, err := file.SetUp("admin", "王芳", "office pass 1"); err != nil {
		t.Fatal(err)
	}
	u := openDoor(t, file)
	typeInto(t, u.win.Content(), "admin", "wrong pass 9")
	test.Tap(findButton(u.win.Content(), "Sign in")) // its answer waits for u.Wait
	if p := u.signIn.problem; p.Text != tr("signin.checking") || p.Importance == widget.DangerImportance {
		t.Fatalf("while checking the form says %q in importance %v", p.Text, p.Importance)
	}
	u.Wait()
	if p := u.signIn.problem; !strings.Contains(p.Text, "Wrong login or password") || p.Importance != widget.DangerImportance {
		t.Fatalf("a wrong password reads %q in importance %v", p.Text, p.Importance)
	}
}

// TestSignInEnterOnEmptyLoginSays: Enter with nothing typed said nothing
// at all; it asks for the login. Enter on the login with the password
// already typed signs in.
func TestSignInEnterOnEmptyLoginSays(t *testing.T) {
	file := openFile(t, filepath.Join(t.TempDir(), "office.db"))
	if _, _, err := file.SetUp("admin", "王芳", "office pass 1"); err != nil {
		t.Fatal(err)
	}
	u := openDoor(t, file)
	s := u.signIn
	u.win.Canvas().Focus(s.login)
	s.login.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if s.problem.Text != tr("signin.both") {
		t.Fatalf("Enter on an empty login says %q", s.problem.Text)
	}
	test.Type(s.password, "office pass 1")
	test.Type(s.login, "admin")
	s.login.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	u.Wait()
	if !u.signedIn {
		t.Fatalf("Enter on the login with both typed did not sign in: %q", s.problem.Text)
	}
}
