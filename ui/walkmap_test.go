package ui

import (
	"path/filepath"
	"strings"
	"testing"

	"advisordesk/storage"
	"advisordesk/ui/walkmap"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// The walk clicks where the walk map says a widget is. A tap at the centre
// of each named row must land on that row as Fyne lays it out: the map
// computes list and table rows itself, so this checks its arithmetic.
func TestWalkMapRowsAreWhereFyneTaps(t *testing.T) {
	u, _ := newTestApp(t, 5)
	tap := func(m *walkmap.Map, name string) *walkmap.Widget {
		t.Helper()
		x := m.Find(name)
		if x == nil {
			t.Fatalf("%s not in the walk map", name)
		}
		s := m.Scale
		test.TapCanvas(u.win.Canvas(), fyne.NewPos(float32(x.X+x.W/2)/s, float32(x.Y+x.H/2)/s))
		u.Wait()
		return x
	}

	m := u.walkMap()
	var nav []string
	for _, x := range m.Widgets {
		if x.Kind == "row" && strings.HasPrefix(x.Name, "nav.") {
			nav = append(nav, x.Name)
		}
	}
	if len(nav) != len(u.pages) {
		t.Fatalf("walk map lists navigation rows %v, want %d", nav, len(u.pages))
	}
	for i := len(nav) - 1; i >= 0; i-- {
		tap(u.walkMap(), nav[i])
		if got := u.pages[u.current].title; got != nav[i] {
			t.Errorf("tapped %s, the window shows %s", nav[i], got)
		}
	}

	u.Open(pageRoster)
	u.Wait()
	for _, row := range []string{"roster.list.2", "roster.list.0"} {
		x := tap(u.walkMap(), row)
		if u.roster.editing == nil || u.roster.editing.EmpNo != x.Text {
			t.Errorf("tapped %s (%s), the form shows %+v", row, x.Text, u.roster.editing)
		}
	}
	m = u.walkMap()
	if f := m.Find("roster.employment"); f == nil || f.Kind != "select" || len(f.Options) != 3 || f.Text == "" {
		t.Errorf("the employment choice in the walk map: %+v", f)
	}
	// Every field of the form is in the map under its key, the control
	// itself (the name carries a note beneath it: the walk types into the
	// entry, not the box around it).
	for _, f := range u.roster.form.fields {
		if x := m.Find("roster." + f.key); x == nil || x.Kind == "" {
			t.Errorf("the roster's %s field is not in the walk map: %+v", f.key, x)
		}
	}
	if x := m.Find("roster.name"); x == nil || x.Text != u.roster.editing.Name {
		t.Errorf("the name field in the walk map: %+v", x)
	}
	if m.State["roster.editing.empno"] != "SA0001" {
		t.Errorf("walk map state %v, want the open advisor SA0001", m.State)
	}

	u.Open(pageAppraisal)
	u.Wait()
	x := tap(u.walkMap(), "cycles.list.0")
	if u.appraisal.data == nil || u.appraisal.data.Cycle.Name != x.Text {
		t.Errorf("tapped the first cycle (%s), the screen shows %+v", x.Text, u.appraisal.data)
	}
}

// Before anyone has signed in the window has no screens: the walk map
// shows the sign-in form's fields by name and what the form says, then,
// signed in, who it is, and the lock without the page it hides.
func TestWalkMapShowsTheSignInAndTheLock(t *testing.T) {
	file, err := storage.Open(filepath.Join(t.TempDir(), "office.db"), &storage.Options{WeakHashes: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { file.Close() })
	hr, _, err := file.SetUp("admin", "tester", testPassword)
	if err != nil {
		t.Fatal(err)
	}
	if err := hr.LoadDemo(3, 1); err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	a.Preferences().SetString(prefLang, langEn)
	u := New(a, DoorOf[*storage.DB](file))
	u.quietFrom = true
	u.win.Resize(fyne.NewSize(1200, 760))
	u.Wait()

	m := u.walkMap()
	if m.State["door"] != "signin" || m.Page != "" {
		t.Errorf("before sign-in the walk map says door %q, page %q", m.State["door"], m.Page)
	}
	for _, name := range []string{"signin.login", "signin.password", "signin.submit"} {
		if m.Find(name) == nil {
			t.Errorf("%s is not in the walk map of the sign-in form", name)
		}
	}
	// The form's rows are placed, not left at the form's corner: the
	// password under the login, the button under both (the walk clicks
	// them in the real window).
	login, pw, submit := m.Find("signin.login"), m.Find("signin.password"), m.Find("signin.submit")
	if login.W < 200 || pw.X != login.X || pw.Y < login.Y+login.H || submit.Y < pw.Y+pw.H {
		t.Errorf("the sign-in form's rows in the walk map: login %+v, password %+v, button %+v", login, pw, submit)
	}
	test.Type(u.signIn.login, "admin")
	test.Type(u.signIn.password, "not the password")
	test.Tap(u.signIn.submit)
	u.Wait()
	want := "Wrong login or password."
	if m = u.walkMap(); m.State["signin.problem"] != want || m.Find("signin.problem").Text != want {
		t.Errorf("after a wrong password the walk map says %q, want %q", m.State["signin.problem"], want)
	}

	test.Type(u.signIn.password, testPassword)
	test.Tap(u.signIn.submit)
	u.Wait()
	if m = u.walkMap(); m.Page != "nav.home" || m.State["person"] != "tester" || m.State["person.role"] != "hr" || m.State["home.total"] != "3" {
		t.Errorf("signed in, the walk map says page %q, state %v", m.Page, m.State)
	}
	u.lock()
	if m = u.walkMap(); m.State["locked"] != "1" || m.Page != "" || m.State["home.total"] == "" {
		t.Errorf("locked, the walk map says page %q, state %v", m.Page, m.State)
	}
}

// A file without accounts opens on the HR administrator's set-up: the
// walk map says so and names its four fields.
func TestWalkMapShowsTheSetUp(t *testing.T) {
	file, err := storage.Open(filepath.Join(t.TempDir(), "office.db"), &storage.Options{WeakHashes: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { file.Close() })
	u := New(test.NewTempApp(t), DoorOf[*storage.DB](file))
	u.quietFrom = true
	u.win.Resize(fyne.NewSize(1200, 760))
	u.Wait()
	m := u.walkMap()
	if m.State["door"] != "setup" {
		t.Errorf("a file without accounts: the walk map says door %q", m.State["door"])
	}
	for _, name := range []string{"signin.name", "signin.login", "signin.password", "signin.confirm", "signin.submit"} {
		if m.Find(name) == nil {
			t.Errorf("%s is not in the walk map of the set-up", name)
		}
	}
	if x := m.Find("signin.login"); x == nil || x.Text != "admin" {
		t.Errorf("the set-up's login in the walk map: %+v, want admin filled in", x)
	}
}
