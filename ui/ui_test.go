package ui

// These tests drive the real window over a real data file with Fyne's test
// driver. The ui package itself never imports storage; its tests do, to
// give the screens a real bbolt file rather than a stand-in.

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"advisordesk/exchange"
	"advisordesk/model"
	"advisordesk/report/pdftext"
	"advisordesk/storage"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
)

func TestMain(m *testing.M) {
	storage.ServeCheck() // the window's checks run in a child, as in the program
	testQueue = true
	os.Exit(m.Run())
}

func newTestApp(t *testing.T, demo int) (*App, *storage.DB) {
	t.Helper()
	hr := newTestFile(t, filepath.Join(t.TempDir(), "office.db"))
	if demo > 0 {
		if err := hr.LoadDemo(demo, 1); err != nil {
			t.Fatal(err)
		}
	}
	return openAs(t, hr), hr
}

// testPassword is the password of the tests' HR administrator, admin.
const testPassword = "test password 1"

// newTestFile makes a data file at path with its HR administrator, signed
// in (password hashes made cheap: tests sign in many times).
func newTestFile(t *testing.T, path string) *storage.DB {
	t.Helper()
	file, err := storage.Open(path, &storage.Options{WeakHashes: true,
		Now: func() time.Time { return time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { file.Close() })
	hr, _, err := file.SetUp("admin", "tester", testPassword)
	if err != nil {
		t.Fatal(err)
	}
	return hr
}

// openAs makes a window over st, signed in already (the sign-in form has
// tests of its own), without the first-start question.
func openAs(t *testing.T, st Store) *App {
	t.Helper()
	u := New(test.NewTempApp(t), signedDoor{st})
	u.quietFrom = true
	u.Wait()
	m, _, err := st.Matrix()
	if err != nil {
		t.Fatal(err)
	}
	u.enter(st, m)
	u.SetLanguage(langEn)
	u.win.Resize(fyne.NewSize(1200, 760))
	u.Wait()
	return u
}

// signedDoor is the door of a file someone has signed in to already.
type signedDoor struct{ st Store }

func (d signedDoor) Path() string                        { return d.st.Path() }
func (d signedDoor) HasAccounts() (bool, error)          { return true, nil }
func (d signedDoor) Login(string, string) (Store, error) { return d.st, nil }
func (d signedDoor) SetUp(string, string, string) (Store, string, error) {
	return nil, "", errors.New("the file has accounts")
}
func (d signedDoor) Recover(string, string, string) (Store, string, error) {
	return d.st, "", nil
}

func ctrl(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}

func fillIn(fields map[*entry]string) {
	for e, v := range fields {
		e.SetText("")
		test.Type(e, v)
	}
}

func rowsContain(rows [][]string, cells ...string) bool {
	for _, row := range rows {
		joined := strings.Join(row, "|")
		ok := true
		for _, c := range cells {
			ok = ok && strings.Contains(joined, c)
		}
		if ok {
			return true
		}
	}
	return false
}

// tapIn taps the button labelled text on the window's page and runs the
// answers of the jobs it started; tapOnTop the one in the dialog on top.
func tapIn(t *testing.T, u *App, text string) {
	t.Helper()
	tapButton(t, u, u.win.Content(), text)
}

func tapOnTop(t *testing.T, u *App, text string) {
	t.Helper()
	tapButton(t, u, top(t, u), text)
}

func TestAddAdvisorThroughForm(t *testing.T) {
	u, db := newTestApp(t, 5)
	u.Open(pageRoster)
	u.Wait()
	r := u.roster
	if len(r.list.rows) != 5 {
		t.Fatalf("roster shows %d rows, want 5", len(r.list.rows))
	}
	// Ctrl+N opens an empty form with the number field focused.
	u.win.Canvas().(fyne.Shortcutable).TypedShortcut(ctrl(fyne.KeyN))
	if r.editing == nil || r.editing.ID != 0 || u.win.Canvas().Focused() != r.entry(model.FieldEmpNo) {
		t.Fatal("Ctrl+N did not open a new form on the employee number")
	}
	fillIn(map[*entry]string{r.entry(model.FieldEmpNo): "sa0100", r.entry(model.FieldName): "林晓燕", r.entry(model.FieldPhone): "139 1234 5678", r.entry(model.FieldDepartment): "售后服务部"})
	r.choice(model.FieldRole).set(string(model.AfterSales))
	// Ctrl+S typed while the phone field has focus saves the form.
	r.entry(model.FieldPhone).TypedShortcut(ctrl(fyne.KeyS))
	u.Wait()
	if msg := strings.Join([]string{r.form.message("empno"), r.form.message("phone"), r.form.banner.Text}, ""); r.form.banner.Visible() {
		t.Fatalf("save refused: %s", msg)
	}
	if !rowsContain(r.list.rowTexts(), "SA0100", "林晓燕", "After-sales advisor", "售后服务部") {
		t.Fatalf("new advisor not in the list: %v", r.list.rowTexts())
	}
	a, err := db.Advisors.ByEmpNo.Get("SA0100")
	if err != nil || a.Name != "林晓燕" || a.HireDate != "2026-11-27" || a.Role != model.AfterSales {
		t.Fatalf("stored advisor: %+v %v", a, err)
	}
	if !strings.Contains(r.status.Text, "林晓燕") {
		t.Fatalf("no saved message: %q", r.status.Text)
	}
	// Esc closes the form.
	r.entry(model.FieldName).TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if r.editing != nil {
		t.Fatal("Esc did not close the form")
	}
}

func TestBadInputSavesNothing(t *testing.T) {
	u, db := newTestApp(t, 3)
	u.Open(pageRoster)
	u.Wait()
	r := u.roster
	count := func() int { n, _ := db.Advisors.Count(); return n }

	tapIn(t, u, "New advisor")
	fillIn(map[*entry]string{r.entry(model.FieldEmpNo): "SA0200", r.entry(model.FieldName): "错误电话", r.entry(model.FieldPhone): "12345"})
	tapIn(t, u, "Save")
	if got := r.form.message(model.FieldPhone); !strings.Contains(got, "Not a phone number") {
		t.Fatalf("phone message: %q", got)
	}
	if count() != 3 {
		t.Fatal("an advisor with a bad phone was saved")
	}

	fillIn(map[*entry]string{r.entry(model.FieldEmpNo): "SA0001", r.entry(model.FieldPhone): "13912345678", r.entry(model.FieldHireDate): "2026-02-30"})
	tapIn(t, u, "Save")
	if got := r.form.message(model.FieldHireDate); !strings.Contains(got, "Not a date") {
		t.Fatalf("date message: %q", got)
	}
	fillIn(map[*entry]string{r.entry(model.FieldHireDate): "2024-05-06"})
	tapIn(t, u, "Save")
	if got := r.form.message(model.FieldEmpNo); got != "SA0001 is already used by another record" {
		t.Fatalf("duplicate message: %q", got)
	}
	if r.form.message(model.FieldPhone) != "" {
		t.Fatal("the corrected phone still shows its message")
	}
	if count() != 3 {
		t.Fatal("a duplicate employee number was saved")
	}
	if r.editing.ID != 0 {
		t.Fatal("the refused new record got a key")
	}
}

func TestEditAndDelete(t *testing.T) {
	u, db := newTestApp(t, 4)
	u.Open(pageRoster)
	u.Wait()
	r := u.roster
	tapRow(t, r.list.table, 1)
	if r.editing == nil || r.editing.EmpNo != "SA0002" {
		t.Fatalf("selecting row 2 opened %+v", r.editing)
	}
	r.choice(model.FieldStatus).set(string(model.Left))
	fillIn(map[*entry]string{r.entry(model.FieldStatusDate): "2026/10/31"})
	tapIn(t, u, "Save")
	a, _ := db.Advisors.ByEmpNo.Get("SA0002")
	if a.Status != model.Left || a.StatusDate != "2026-10-31" {
		t.Fatalf("edit not stored: %+v", a)
	}
	if !rowsContain(r.list.rowTexts(), "SA0002", "Left") {
		t.Fatal("list does not show the new status")
	}
	// SA0002 took part in the demo appraisals: the record stays, and the
	// message says what still uses it.
	tapIn(t, u, "Delete")
	if got := dialogText(u); !strings.Contains(got, "SA0002") {
		t.Fatalf("delete asks: %q", got)
	}
	tapOnTop(t, u, "Delete")
	// What refers to the advisor grows with each area's demo data: the
	// message names the cycles and customers first and ends with the advice.
	if _, err := db.Advisors.ByEmpNo.Get("SA0002"); err != nil || !strings.Contains(shownMessage(u),
		"陈建华 cannot be deleted: 3 appraisal cycles, 2 customers (as their advisor), ") || !strings.Contains(shownMessage(u),
		" still refer to this record. Set the status to Left instead of deleting.") {
		t.Fatalf("a participant was deleted, or no reason given: %v %q", err, shownMessage(u))
	}
	tapOnTop(t, u, "OK")
	// A new advisor with no records can be deleted.
	tapIn(t, u, "New advisor")
	fillIn(map[*entry]string{r.entry(model.FieldEmpNo): "TMP1", r.entry(model.FieldName): "临时工"})
	tapIn(t, u, "Save")
	tapIn(t, u, "Delete")
	tapOnTop(t, u, "Cancel")
	if _, err := db.Advisors.ByEmpNo.Get("TMP1"); err != nil {
		t.Fatal("cancel deleted the advisor")
	}
	tapIn(t, u, "Delete")
	tapOnTop(t, u, "Delete")
	if _, err := db.Advisors.ByEmpNo.Get("TMP1"); err == nil {
		t.Fatal("deleted advisor still stored")
	}
	if len(r.list.rows) != 4 || r.editing != nil {
		t.Fatalf("after delete: %d rows, form %v", len(r.list.rows), r.editing)
	}
}

func TestSearchSortAndFilter(t *testing.T) {
	u, _ := newTestApp(t, 30)
	u.Open(pageRoster)
	u.Wait()
	r := u.roster
	test.Type(r.list.search, "SA001")
	u.Wait()
	if r.list.total != 10 { // SA0010 … SA0019
		t.Fatalf("search SA001: %d rows", r.list.total)
	}
	r.list.sortBy(model.FieldName)
	u.Wait()
	first := r.list.rowTexts()[0][1]
	r.list.sortBy(model.FieldName) // again: descending
	u.Wait()
	rows := r.list.rowTexts()
	if rows[len(rows)-1][1] != first {
		t.Fatalf("descending sort does not end with the ascending first: %v", rows)
	}
	r.list.search.SetText("")
	r.filter.set(string(model.Left))
	u.Wait()
	for _, row := range r.list.rowTexts() {
		if row[7] != "Left" {
			t.Fatalf("status filter let through %v", row)
		}
	}
	if r.list.total == 0 {
		t.Fatal("the demo office has nobody who left")
	}
}

func TestLanguageSwitch(t *testing.T) {
	u, _ := newTestApp(t, 2)
	u.SetLanguage(langZh)
	u.Open(pageRoster)
	u.Wait()
	if got := tr("nav.roster"); got != "总则 · 顾问花名册" {
		t.Fatalf("zh nav: %q", got)
	}
	if got := u.roster.list.rowTexts()[0][2]; got != "正式员工" && got != "实习生" && got != "兼职人员" {
		t.Fatalf("zh employment cell: %q", got)
	}
	if u.app.Preferences().String(prefLang) != langZh {
		t.Fatal("language choice not remembered")
	}
	tapIn(t, u, "新增顾问")
	fillIn(map[*entry]string{u.roster.entry(model.FieldPhone): "1"})
	tapIn(t, u, "保存")
	if got := u.roster.form.message(model.FieldPhone); !strings.HasPrefix(got, "电话号码无效") {
		t.Fatalf("zh field message: %q", got)
	}
	u.SetLanguage(langEn)
	u.Wait()
	if got := tr("nav.roster"); got != "General · Roster" {
		t.Fatalf("en nav: %q", got)
	}
	if u.current != pageRoster {
		t.Fatal("switching language left the page")
	}
}

func TestFirstStartDemo(t *testing.T) {
	u, db := newTestApp(t, 0)
	u.Start()
	u.Wait()
	if len(u.win.Canvas().Overlays().List()) == 0 {
		t.Fatal("no first-start dialog on an empty file")
	}
	u.startDemo()
	u.Wait()
	if n, _ := db.Advisors.Count(); n != demoSize {
		t.Fatalf("demo office has %d advisors", n)
	}
	if u.current != pageRoster || len(u.roster.list.rows) != demoSize {
		t.Fatal("the roster does not show the demo office")
	}
	u2 := openAs(t, db)
	before := len(u2.win.Canvas().Overlays().List())
	u2.Start()
	u2.Wait()
	if len(u2.win.Canvas().Overlays().List()) != before {
		t.Fatal("first-start dialog shown again")
	}
}

// Back up, check, restore and compact, each through its button in Settings
// and the dialogs it opens.
func TestMaintenanceJobs(t *testing.T) {
	u, db := newTestApp(t, 10)
	dir := t.TempDir()
	fyne.CurrentApp().Preferences().SetString("fyne:fileDialogLastFolder", fynestorage.NewFileURI(dir).String())
	u.Open(pageSettings)
	u.Wait()
	tapIn(t, u, tr("settings.backup"))
	tapOnTop(t, u, "Save")
	copies, _ := filepath.Glob(filepath.Join(dir, "advisordesk-backup-*.db"))
	if len(copies) != 1 {
		t.Fatalf("backup wrote %v", copies)
	}
	out := copies[0]
	if err := storage.VerifyFile(out); err != nil || !strings.Contains(shownMessage(u), out) {
		t.Fatalf("backup: %v, message %q", err, shownMessage(u))
	}
	tapOnTop(t, u, "OK")
	tapIn(t, u, tr("settings.check"))
	if !strings.Contains(shownMessage(u), "records checked, no problems") {
		t.Fatalf("check message: %q", shownMessage(u))
	}
	tapOnTop(t, u, "OK")
	a, _ := db.Advisors.ByEmpNo.Get("SA0001")
	db.Advisors.Delete(a.ID)
	tapIn(t, u, tr("settings.restore"))
	pickFile(t, u, filepath.Base(out))
	tapOnTop(t, u, tr("settings.restore_yes"))
	if n, _ := db.Advisors.Count(); n != 10 || !strings.Contains(shownMessage(u), "Restored") {
		t.Fatalf("restore: %d advisors, %q", n, shownMessage(u))
	}
	closeDialogs(t, u)
	tapIn(t, u, tr("settings.compact"))
	if !strings.Contains(shownMessage(u), "Compacted") {
		t.Fatalf("compact: %q", shownMessage(u))
	}
	if _, problems, _ := db.CheckFile(context.Background()); len(problems) > 0 {
		t.Fatal(problems)
	}
}

// Print, Export CSV and Export Excel, each tapped and answered in the
// save dialog as a person would: each file holds the roster.
func TestPrintAndExportRoster(t *testing.T) {
	u, _ := newTestApp(t, 12)
	dir := t.TempDir()
	fyne.CurrentApp().Preferences().SetString("fyne:fileDialogLastFolder", fynestorage.NewFileURI(dir).String())
	u.Open(pageRoster)
	u.Wait()
	list, _ := u.store.AdvisorsByEmpNo()
	tapIn(t, u, "Print roster…")
	tapOnTop(t, u, "Save")
	tapOnTop(t, u, "Close") // the offer to open the PDF
	out := pdftext.File(t, filepath.Join(dir, "roster-20261127.pdf"))
	for _, a := range list {
		if !strings.Contains(out, a.Name) {
			t.Fatalf("%s missing from the printed roster", a.Name)
		}
	}
	if !strings.Contains(out, "Service Advisor Roster") {
		t.Fatal("the roster printed in the wrong language")
	}

	for _, b := range []struct{ button, ext string }{{"Export CSV…", ".csv"}, {"Export Excel…", ".xlsx"}} {
		tapIn(t, u, b.button)
		tapOnTop(t, u, "Save")
		if !strings.Contains(dialogText(u), "Exported 12 advisors") {
			t.Fatalf("%s: the dialog reads %q", b.button, dialogText(u))
		}
		tapOnTop(t, u, "OK")
		path := filepath.Join(dir, "advisors-20261127"+b.ext)
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		imp, err := exchange.ReadAdvisors(f, path)
		f.Close()
		if err != nil || len(imp.Rows) != len(list) {
			t.Fatalf("%s reads back as %v, %v", path, imp, err)
		}
		for i, row := range imp.Rows {
			if row.Rec.EmpNo != list[i].EmpNo || row.Rec.Name != list[i].Name {
				t.Fatalf("%s row %d holds %s %s, want %s %s", path, i+2, row.Rec.EmpNo, row.Rec.Name, list[i].EmpNo, list[i].Name)
			}
		}
	}
}

// TestWindowSizeRemembered: a window closed at a size other than the
// first-start default opens at that size next time. (The sizes differ from
// the default 1200×760 in both directions, so a window that forgot opens
// at the default and fails here.)
func TestWindowSizeRemembered(t *testing.T) {
	u, db := newTestApp(t, 0)
	for _, want := range []fyne.Size{fyne.NewSize(1010, 700), fyne.NewSize(1300, 820)} {
		u.win.Resize(want)
		u.askClose() // the close button: nothing unsaved, so it closes
		u = New(u.app, signedDoor{db})
		u.Wait()
		got := u.win.Canvas().Size()
		if d := got.Subtract(want); d.Width*d.Width > 1 || d.Height*d.Height > 1 {
			t.Fatalf("closed at %v, opened again at %v", want, got)
		}
	}
}

// screen is the current page's content: what a markup master holds, so
// that the navigation beside it (a new chapter's entry) is in no master.
func screen(u *App) fyne.CanvasObject { return u.body.Objects[0] }

// The roster with a refused phone number, as markup: a change to what the
// screen shows fails here until the master under testdata/roster/ is
// renewed (run the test, inspect testdata/failed/, copy it over the master).
func TestRosterFormMarkup(t *testing.T) {
	u, _ := newTestApp(t, 3)
	u.Open(pageRoster)
	u.Wait()
	r := u.roster
	tapRow(t, r.list.table, 0)
	fillIn(map[*entry]string{r.entry(model.FieldPhone): "12345"})
	tapIn(t, u, "Save")
	test.AssertObjectRendersToMarkup(t, "roster/invalid_phone.xml", screen(u))
}

// importFile taps Import… and picks the file in the open dialog.
func importFile(t *testing.T, u *App, name string) {
	t.Helper()
	tapIn(t, u, "Import…")
	pickFile(t, u, name)
}

// pickFile taps the file name in the folder the open dialog on top shows,
// then its Open, as a person would.
func pickFile(t *testing.T, u *App, name string) {
	t.Helper()
	// The dialog's grid draws a file's extension on its icon and the rest of
	// its name below, over two lines, cut with "…" when longer.
	ext := filepath.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	shows := func(o fyne.CanvasObject) bool {
		pieces := strings.Split(drawn(o), " | ")
		if len(pieces) < 2 || pieces[0] != ext {
			return false
		}
		label := strings.Join(pieces[1:], "")
		cut, short := strings.CutSuffix(label, "…")
		return label == stem || short && strings.HasPrefix(stem, cut)
	}
	var item fyne.Tappable
	walkDrawn(top(t, u), func(o fyne.CanvasObject) {
		// the innermost tappable that draws the name: the file's item
		if tp, ok := o.(fyne.Tappable); ok && shows(o) {
			item = tp
		}
	})
	if item == nil {
		t.Fatalf("the open dialog does not show %s: %s", name, drawn(top(t, u)))
	}
	test.Tap(item)
	tapOnTop(t, u, "Open")
}

func TestImportRoster(t *testing.T) {
	u, db := newTestApp(t, 3)
	dir := t.TempDir()
	fyne.CurrentApp().Preferences().SetString("fyne:fileDialogLastFolder", fynestorage.NewFileURI(dir).String())
	for name, body := range map[string]string{
		"bad.csv":  "工号,姓名,用工类型,岗位,电话,入职日期\nSA0001,王新名,实习生,其他,12345,2024-02-30\nNEW9,新人,,前台接待,,\n",
		"good.csv": "工号,姓名,用工类型,岗位\nNEW9,新人,正式员工,前台接待\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	u.Open(pageRoster)
	u.Wait()
	r := u.roster
	importFile(t, u, "bad.csv")
	// Row 2 has a bad date and a bad phone: both are listed.
	if got := shownMessage(u); !strings.Contains(got, "Row 2: Phone") || !strings.Contains(got, "Row 2: Hire date") ||
		!strings.Contains(got, "Row 3: Employment: Required") {
		t.Fatalf("problems: %q", got)
	}
	if n, _ := db.Advisors.Count(); n != 3 {
		t.Fatal("a refused import saved rows")
	}
	tapOnTop(t, u, "Close")
	importFile(t, u, "good.csv")
	tapOnTop(t, u, "Import")
	if !strings.Contains(shownMessage(u), "1 added") || !rowsContain(r.list.rowTexts(), "NEW9", "新人") {
		t.Fatalf("import: %q", shownMessage(u))
	}
}
