package ui

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"advisordesk/exchange"
	"advisordesk/i18n"
	"advisordesk/model"
	"advisordesk/report"
	"advisordesk/report/pdftext"
	"advisordesk/storage"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// visit is a record type declared only here, in a few lines: a follow-up
// call with a serial, a customer, a method, a day, a score and a note.
type visit struct {
	ID               uint64
	Serial, Customer string
	Method           model.Method
	Date             model.Date
	Score            float64
	Note             string
	Created, Updated time.Time
}

func (v *visit) Key() uint64      { return v.ID }
func (v *visit) SetKey(id uint64) { v.ID = id }
func (v *visit) Touch(t time.Time) {
	if v.Created.IsZero() {
		v.Created = t
	}
	v.Updated = t
}

var visitRecord = &model.Record[visit]{Name: "visits", Key: model.FieldSerial, Fields: []model.Field[visit]{
	{Key: model.FieldSerial, Required: true, Max: 12, Search: true, List: 100, Print: 30,
		Access: model.Str(func(v *visit) *string { return &v.Serial })},
	{Key: "customer", Kind: model.KindName, Required: true, Search: true, List: 120, Print: 50,
		Access: model.Str(func(v *visit) *string { return &v.Customer })},
	{Key: model.FieldMethod, Kind: model.KindChoice, Choices: model.Codes(model.Methods), Prefix: "method.",
		List: 100, Print: 30, Access: model.Str(func(v *visit) *model.Method { return &v.Method })},
	{Key: model.FieldDate, Kind: model.KindDate, List: 100, Print: 30,
		Access: model.Str(func(v *visit) *model.Date { return &v.Date })},
	{Key: model.FieldScore, Kind: model.KindNumber, List: 60, Print: 20, Access: model.Num(func(v *visit) *float64 { return &v.Score })},
	{Key: "note", Kind: model.KindMultiline, Max: 200, Access: model.Str(func(v *visit) *string { return &v.Note })},
}}

// TestThrowawayRecordTypeGetsEveryPiece: the record type above, with no
// other code, gets its table on the data file, a list-and-form screen that
// adds, refuses and finds records when its widgets are tapped, a CSV and an
// Excel export that read back in, and a printed table.
func TestThrowawayRecordTypeGetsEveryPiece(t *testing.T) {
	u, db := newTestApp(t, 0)
	tbl, bySerial, err := storage.AddTable[visit](db, visitRecord)
	if err != nil {
		t.Fatal(err)
	}
	s := newRecordScreen(u, visitRecord, recordStore[visit]{find: tbl.List, save: tbl.Save, remove: tbl.Delete},
		func(v *visit) uint64 { return v.ID }, model.FieldMethod)
	printed := &report.Table[visit]{Record: visitRecord}
	s.files = recordFiles[visit]{printStem: "visits", exportStem: "visits", print: printed.Print,
		csv: func(w io.Writer, l *i18n.Labels, each func(func(*visit) error) error) (int, error) {
			return exchange.WriteCSV(w, l, visitRecord, each)
		},
		xlsx: func(w io.Writer, l *i18n.Labels, each func(func(*visit) error) error) (int, error) {
			return exchange.WriteXLSX(w, l, visitRecord, "record.visits", each)
		}}
	u.win.SetContent(s.content())
	u.Wait()

	add := func(serial, customer, date string, method int) {
		t.Helper()
		tapButton(t, u, u.win.Content(), "New")
		for key, text := range map[string]string{model.FieldSerial: serial, "customer": customer,
			model.FieldDate: date, model.FieldScore: "4.5"} {
			test.Type(s.entry(key), text)
		}
		pick(t, u, s.choice(model.FieldMethod), method)
		tapButton(t, u, u.win.Content(), "Save")
	}
	add("V-001", "王芳", "2026-11-02", 2)
	add("V-002", "Li Lei", "2026/11/03", 0)
	if got := bySerial; true {
		v, err := got.Get("V-002")
		if err != nil || v.Date != "2026-11-03" || v.Method != model.SelfEval || v.Score != 4.5 {
			t.Fatalf("saved through the form: %+v, %v", v, err)
		}
	}
	// A date that is no date is refused on its field; nothing is saved.
	add("V-003", "张伟", "2026-13-40", 1)
	if got := s.form.message(model.FieldDate); !strings.Contains(got, "date") {
		t.Errorf("the date field says %q", got)
	}
	if n, _ := tbl.Count(); n != 2 {
		t.Fatalf("%d visits on file after a refused save, want 2", n)
	}
	tapButton(t, u, u.win.Content(), "Cancel")

	// The list finds by pinyin, shows the choice by its label, filters.
	test.Type(s.list.search, "wang")
	u.Wait()
	if rows := s.list.rowTexts(); len(rows) != 1 || !rowsContain(rows, "V-001", "王芳", "Customer", "2026-11-02") {
		t.Fatalf("search 'wang' shows %v", rows)
	}
	s.list.search.SetText("")
	pick(t, u, s.filter, 1) // Self
	u.Wait()
	if rows := s.list.rowTexts(); len(rows) != 1 || rows[0][0] != "V-002" {
		t.Fatalf("filtered to self: %v", rows)
	}

	// Export what the list shows (the filter on), and the file reads back
	// as the same records.
	path := filepath.Join(t.TempDir(), "visits.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	s.export(f, nil, ".csv")
	u.Wait()
	body, _ := os.ReadFile(path)
	imp, err := exchange.ReadRecords(bytes.NewReader(body), "visits.csv", visitRecord)
	if err != nil || len(imp.Rows) != 1 || imp.Rows[0].Rec.Customer != "Li Lei" || imp.Rows[0].Rec.Method != model.SelfEval {
		t.Fatalf("the export read back as %+v, %v", imp, err)
	}

	// Every record (the filter off) to Excel and back.
	pick(t, u, s.filter, 0)
	u.Wait()
	xlsx := filepath.Join(t.TempDir(), "visits.xlsx")
	if f, err = os.Create(xlsx); err != nil {
		t.Fatal(err)
	}
	s.export(f, nil, ".xlsx")
	u.Wait()
	xf, _ := os.Open(xlsx)
	defer xf.Close()
	imp, err = exchange.ReadRecords(xf, "visits.xlsx", visitRecord)
	if err != nil || len(imp.Rows) != 2 || imp.Rows[1].Rec.Date != "2026-11-03" || imp.Rows[1].Rec.Score != 4.5 {
		t.Fatalf("the Excel export read back as %+v, %v", imp, err)
	}

	// Print every record: the table carries the headers, the records and
	// the labels.
	pdf := filepath.Join(t.TempDir(), "visits.pdf")
	if f, err = os.Create(pdf); err != nil {
		t.Fatal(err)
	}
	s.print(f, nil)
	u.Wait()
	text := pdftext.File(t, pdf)
	for _, want := range []string{"Form serial no.", "Customer", "V-001", "王芳", "Li Lei", "Self", "2026-11-03", "4.5", "Page 1 of 1"} {
		if !strings.Contains(text, want) {
			t.Errorf("%q missing from the print:\n%s", want, text)
		}
	}
}

// TestHistoryShowsWhoChangedWhat: an advisor changed through the form shows,
// under History, who changed which field from what to what.
func TestHistoryShowsWhoChangedWhat(t *testing.T) {
	u, _ := newTestApp(t, 3)
	u.Open(pageRoster)
	u.Wait()
	r := u.roster
	tapRow(t, r.list.table, 0)
	u.Wait()
	old, oldStatus := r.editing.Department, tr("status."+string(r.editing.Status))
	r.entry(model.FieldDepartment).SetText("")
	test.Type(r.entry(model.FieldDepartment), "售后二部")
	pick(t, u, r.choice(model.FieldStatus), 1) // on leave
	r.entry(model.FieldStatusDate).SetText("2026-11-20")
	tapButton(t, u, u.win.Content(), "Save")
	tapButton(t, u, u.win.Content(), "History")
	text := drawn(top(t, u))
	for _, want := range []string{"tester", "changed", "Department: " + old + " → 售后二部", "Status: " + oldStatus + " → On leave"} {
		if !strings.Contains(text, want) {
			t.Errorf("the history lacks %q:\n%s", want, text)
		}
	}
}

// team and mate: a mate points at a team; a team someone still points at is
// closed, not deleted, as its description says.
type team struct {
	ID               uint64
	Code, State      string
	Created, Updated time.Time
}

func (x *team) Key() uint64       { return x.ID }
func (x *team) SetKey(id uint64)  { x.ID = id }
func (x *team) Touch(t time.Time) { x.Updated = t }

type mate struct {
	ID               uint64
	Name, Team       string
	TeamID           uint64
	Created, Updated time.Time
}

func (x *mate) Key() uint64       { return x.ID }
func (x *mate) SetKey(id uint64)  { x.ID = id }
func (x *mate) Touch(t time.Time) { x.Updated = t }

// TestDeleteTappedArchivesAUsedRecord: Delete on a record that others
// still point at, where the description archives, says so and lists it as
// archived.
func TestDeleteTappedArchivesAUsedRecord(t *testing.T) {
	teamRecord := &model.Record[team]{Name: "teams", Key: model.FieldSerial,
		Archive: func(x *team, _ model.Date) { x.State = string(model.Left) },
		Fields: []model.Field[team]{
			{Key: model.FieldSerial, Required: true, List: 100, Access: model.Str(func(x *team) *string { return &x.Code })},
			{Key: model.FieldStatus, Kind: model.KindChoice, Choices: model.Codes(model.Statuses), Prefix: "status.", List: 100,
				Access: model.Str(func(x *team) *string { return &x.State })},
		}}
	mateRecord := &model.Record[mate]{Name: "mates", Key: "customer", Fields: []model.Field[mate]{
		{Key: "customer", Required: true, Access: model.Str(func(x *mate) *string { return &x.Name })},
		{Key: model.FieldSupervisor, Kind: model.KindRef, Access: model.Str(func(x *mate) *string { return &x.Team }),
			Ref: &model.Ref[mate]{To: "teams", ID: func(x *mate) *uint64 { return &x.TeamID }}},
	}}
	u, db := newTestApp(t, 0)
	teams, _, err := storage.AddTable[team](db, teamRecord)
	if err != nil {
		t.Fatal(err)
	}
	mates, _, err := storage.AddTable[mate](db, mateRecord)
	if err != nil {
		t.Fatal(err)
	}
	tm := &team{Code: "T-1", State: string(model.Active)}
	if err := teams.Save(tm); err != nil {
		t.Fatal(err)
	}
	if err := mates.Save(&mate{Name: "王芳", TeamID: tm.ID}); err != nil {
		t.Fatal(err)
	}
	s := newRecordScreen(u, teamRecord, recordStore[team]{find: teams.List, save: teams.Save, remove: teams.Delete},
		func(x *team) uint64 { return x.ID }, "")
	u.win.SetContent(s.content())
	u.Wait()
	tapRow(t, s.list.table, 0)
	u.Wait()
	before := s.bar.MinSize().Width
	tapButton(t, u, u.win.Content(), "Delete")
	tapButton(t, u, top(t, u), "Delete")
	if got := s.status.Text; !strings.Contains(got, "archived instead of deleted") {
		t.Fatalf("the status says %q", got)
	}
	// The long line is cut, not laid out whole: it widened the window.
	if w := s.bar.MinSize().Width; w > before {
		t.Errorf("the tool bar needs %.0f px after the message, %.0f before", w, before)
	}
	if rows := s.list.rowTexts(); len(rows) != 1 || rows[0][1] != "Left" {
		t.Fatalf("the list shows %v", rows)
	}
}

// TestReadOnlyRosterCtrlNOpensNothing: an advisor, who may not add to the
// roster, gets no empty "New advisor" form from Ctrl+N.
func TestReadOnlyRosterCtrlNOpensNothing(t *testing.T) {
	_, hr := newTestApp(t, 3)
	u := openAs(t, accountFor(t, hr, "SA0002", model.RoleAdvisor))
	u.Open(pageRoster)
	u.Wait()
	u.win.Canvas().(fyne.Shortcutable).TypedShortcut(ctrl(fyne.KeyN))
	u.Wait()
	if got := drawn(screen(u)); strings.Contains(got, tr("form.new")) || !strings.Contains(got, tr("records.select_view")) {
		t.Fatalf("Ctrl+N on an advisor's roster: %s", got)
	}
}
