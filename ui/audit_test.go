package ui

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"advisordesk/exchange"
	"advisordesk/model"
	"advisordesk/storage"

	"fyne.io/fyne/v2"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
)

// auditOffice is a data file whose log spans several days: HR set up on
// the 20th, a failed and a good sign-in on the 20th, an advisor's account
// created on the 25th, and HR signed in on the 27th, whose window it is.
func auditOffice(t *testing.T) (*App, *storage.DB) {
	t.Helper()
	now := time.Date(2026, 11, 20, 9, 0, 0, 0, time.Local)
	file, err := storage.Open(filepath.Join(t.TempDir(), "office.db"), &storage.Options{WeakHashes: true,
		Now: func() time.Time { return now }})
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
	if _, err := file.Login("admin", "wrong password"); err == nil {
		t.Fatal("a wrong password signed in")
	}
	if _, err := file.Login("admin", testPassword); err != nil {
		t.Fatal(err)
	}
	now = now.AddDate(0, 0, 5)
	adv, _ := hr.Advisors.ByEmpNo.Get("SA0002")
	if err := hr.SaveAccount(&model.Account{Login: "an", Name: "安然", Role: model.RoleAdvisor, AdvisorID: adv.ID},
		"first password"); err != nil {
		t.Fatal(err)
	}
	now = now.AddDate(0, 0, 2)
	if hr, err = file.Login("admin", testPassword); err != nil {
		t.Fatal(err)
	}
	u := openAs(t, hr)
	openPage(t, u, "nav.audit")
	return u, hr
}

// shown are the audit table's rows as the cells draw them.
func (s *auditScreen) shown() [][]string {
	out := make([][]string, len(s.rows))
	for i := range s.rows {
		for _, f := range auditFile.Fields {
			out[i] = append(out[i], f.Get(&s.rows[i]))
		}
	}
	return out
}

// TestAuditLogByTapping: the audit page shows sign-ins, a failed sign-in
// and an account's creation with what it set; the action and the days
// narrow it; a day that is not a date is said naming its field; the
// export writes what the filter picks and is itself logged.
func TestAuditLogByTapping(t *testing.T) {
	u, hr := auditOffice(t)
	s := u.audit
	rows := s.shown()
	for _, want := range [][]string{
		{"2026-11-20", "tester", "failed sign-in", "Account"},
		{"2026-11-20", "tester", "signed in", "Account"},
		{"2026-11-25", "tester", "created", "Account", "Login: — → an", "Role: — → Service advisor", "State: — → Enabled"},
		{"2026-11-27", "tester", "signed in"},
	} {
		if !rowsContain(rows, want...) {
			t.Fatalf("no row with %v in %v", want, rows)
		}
	}
	if strings.Contains(drawn(screen(u)), "change.") || strings.Contains(drawn(screen(u)), "record.") {
		t.Fatalf("untranslated keys: %s", drawn(screen(u)))
	}
	if !strings.Contains(drawn(screen(u)), "Nothing in the program edits or deletes this log") {
		t.Fatal("no note on the log's integrity")
	}

	// By action: only failed sign-ins.
	pick(t, u, s.action, 1+indexOf(model.Actions, model.LoginFailed))
	tapIn(t, u, "Apply")
	if rows := s.shown(); len(rows) != 1 || rows[0][2] != "failed sign-in" {
		t.Fatalf("failed sign-ins: %v", rows)
	}
	// By days: from the 25th, the 20th's entries go.
	tapIn(t, u, "Clear")
	test.Type(s.from, "2026-11-25")
	tapIn(t, u, "Apply")
	rows = s.shown()
	if !rowsContain(rows, "2026-11-25", "created", "Login: — → an") || rowsContain(rows, "2026-11-20") {
		t.Fatalf("from the 25th: %v", rows)
	}
	// ... and up to the 20th, only theirs.
	s.from.SetText("")
	test.Type(s.to, "2026-11-20")
	tapIn(t, u, "Apply")
	rows = s.shown()
	if !rowsContain(rows, "2026-11-20", "failed sign-in") || rowsContain(rows, "2026-11-25") || rowsContain(rows, "2026-11-27") {
		t.Fatalf("up to the 20th: %v", rows)
	}
	// A day that is no date: said naming its field, the list kept.
	s.to.SetText("")
	test.Type(s.from, "2026-13-01")
	tapIn(t, u, "Apply")
	if !s.problem.Visible() || !strings.Contains(s.problem.Text, "From (day)") || !strings.Contains(drawn(screen(u)), "not a date") {
		t.Fatalf("a bad day says %q", s.problem.Text)
	}
	if len(s.shown()) != len(rows) {
		t.Fatal("a refused filter changed the list")
	}

	// Export what the filter picks: the accounts' creations.
	tapIn(t, u, "Clear")
	pick(t, u, s.action, 1+indexOf(model.Actions, model.Created))
	pick(t, u, s.table, indexOf(auditTables, "accounts"))
	tapIn(t, u, "Apply")
	want, err := hr.Audit(model.AuditQuery{Action: model.Created, Table: "accounts"})
	if err != nil || len(want) != 2 || len(s.shown()) != 2 { // admin and an
		t.Fatalf("created accounts: %d in the log (%v), %d shown", len(want), err, len(s.shown()))
	}
	dir := t.TempDir()
	fyne.CurrentApp().Preferences().SetString("fyne:fileDialogLastFolder", fynestorage.NewFileURI(dir).String())
	tapIn(t, u, "Export CSV…")
	tapOnTop(t, u, "Save")
	if got := dialogText(u); !strings.Contains(got, "Exported 2 log entries") {
		t.Fatalf("export says %q", got)
	}
	tapOnTop(t, u, "OK")
	f, err := os.Open(filepath.Join(dir, "audit-20261127.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil || len(recs) != 3 {
		t.Fatalf("the file holds %d lines, %v", len(recs), err)
	}
	if recs[0][0] != "\ufeffTime" || recs[0][5] != "Details" {
		t.Fatalf("header %v", recs[0])
	}
	for i, r := range recs[1:] {
		if r[2] != "created" || r[3] != "Account" || !strings.Contains(r[5], "Login: — → "+want[i].Fields[0].New) {
			t.Fatalf("row %d: %v (want the creation of %v)", i+2, r, want[i].Fields)
		}
	}
	log, _ := hr.Audit(model.AuditQuery{Action: model.Exported, Table: "changes"})
	if len(log) != 1 || log[0].Who.Name != "tester" || !strings.Contains(auditDetails(log[0]), "audit-20261127.csv") ||
		!strings.Contains(auditDetails(log[0]), "Rows: 2") {
		t.Fatalf("the export is logged as %+v", log)
	}
	// The same as a workbook: a header row and the two rows, and a second
	// export in the log.
	tapIn(t, u, "Export Excel…")
	tapOnTop(t, u, "Save")
	tapOnTop(t, u, "OK")
	x, err := os.Open(filepath.Join(dir, "audit-20261127.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	tb, err := exchange.ReadTable(x, "audit.xlsx", func(head []string) (exchange.Pick, error) {
		return exchange.Pick{Cols: []int{0, 2, 5}, Dates: make([]bool, 3), Numbers: make([]bool, 3)}, nil
	})
	if err != nil || len(tb.Rows) != 2 || tb.Head[5] != "Details" || tb.Rows[0].Cells[1] != "created" ||
		tb.Rows[0].Cells[2] != recs[1][5] {
		t.Fatalf("the workbook reads %+v, %v", tb, err)
	}
	if log, _ := hr.Audit(model.AuditQuery{Action: model.Exported, Table: "changes"}); len(log) != 2 {
		t.Fatalf("%d exports logged, want 2", len(log))
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Fatalf("the folder holds %v, want the two files alone", entries)
	}
}

func indexOf[T comparable](list []T, v T) int {
	for i, x := range list {
		if x == v {
			return i
		}
	}
	return -1
}

// TestAuditPages: the log is shown 200 entries a page; Next shows the
// older ones and Previous comes back, each page newest first.
func TestAuditPages(t *testing.T) {
	u, hr := newTestApp(t, 0)
	for i := range 230 {
		hr.Login(fmt.Sprintf("nobody%03d", i), "wrong password")
	}
	openPage(t, u, "nav.audit")
	s := u.audit
	all, _ := hr.Audit(model.AuditQuery{})
	if len(s.rows) != auditPage || s.rows[0].Details != "Login: nobody229" || !s.next.Visible() || s.next.Disabled() ||
		!s.prev.Disabled() {
		t.Fatalf("page 1 shows %d rows from %q; %d in the log", len(s.rows), s.rows[0].Details, len(all))
	}
	// Entries logged while page 1 is read do not shift the next page: it
	// goes on below the last entry shown.
	for i := range 5 {
		hr.Login(fmt.Sprintf("later%d", i), "wrong password")
	}
	tapIn(t, u, "Next")
	if len(s.rows) != len(all)-auditPage || s.rows[0].Details != auditDetails(all[auditPage]) || !s.next.Disabled() ||
		!strings.Contains(s.count.Text, fmt.Sprintf("Entries 201–%d", len(all))) {
		t.Fatalf("page 2 shows %d rows from %q (%s), want %d from %q", len(s.rows), s.rows[0].Details, s.count.Text,
			len(all)-auditPage, auditDetails(all[auditPage]))
	}
	tapIn(t, u, "Previous") // the first page is the newest, as it now is
	if len(s.rows) != auditPage || s.rows[0].Details != "Login: later4" {
		t.Fatalf("back on page 1: %d rows from %q", len(s.rows), s.rows[0].Details)
	}
}

// TestAuditMatrixChangeByName: a role matrix saved on the duties page shows
// in the log as what the role lost, by name; it showed every code the role
// held before and after ("Advisor: reception product_intro sales …").
func TestAuditMatrixChangeByName(t *testing.T) {
	u, _ := newTestApp(t, 3)
	dutiesPage(t, u)
	matrixTab(t, u)
	test.Tap(matrixCheck(t, u, string(model.PermSelfEvaluate), model.RoleAdvisor))
	tapIn(t, u, "Save")
	u.Wait()
	openPage(t, u, "nav.audit")
	if got := u.audit.rows[0].Details; got != "Service advisor: − Self-evaluation" {
		t.Fatalf("the matrix change reads %q", got)
	}
}
