package ui

import (
	"strings"
	"testing"

	"advisordesk/model"

	"fyne.io/fyne/v2/test"
)

// TestPickSupervisorByTapping: the form's supervisor is chosen in a picker
// (searched, a row tapped), saved as a reference, shown by name in the
// list; choosing the advisor themself is refused beside the field; clear
// removes it.
func TestPickSupervisorByTapping(t *testing.T) {
	u, db := newTestApp(t, 8)
	u.Open(pageRoster)
	u.Wait()
	r := u.roster
	tapRow(t, r.list.table, 5)
	if r.editing == nil || r.editing.EmpNo != "SA0006" {
		t.Fatalf("row 6 opened %+v", r.editing)
	}
	lead, _ := db.Advisors.ByEmpNo.Get("SA0003")
	test.Tap(r.inputs[model.FieldSupervisor].ref.choose)
	u.Wait()
	if r.picker == nil || top(t, u) == nil {
		t.Fatal("no picker opened")
	}
	test.Type(r.picker.list.search, "SA0003")
	u.Wait()
	if rows := r.picker.list.rowTexts(); len(rows) != 1 || rows[0][1] != lead.Name {
		t.Fatalf("the picker's search shows %v", rows)
	}
	tapRow(t, r.picker.list.table, 0)
	u.Wait()
	if o := u.win.Canvas().Overlays().Top(); o != nil {
		t.Fatal("the picker stayed open after a tap")
	}
	if got := r.inputs[model.FieldSupervisor].ref.choose.Text; got != lead.Name {
		t.Fatalf("the form shows %q", got)
	}
	tapButton(t, u, r.formBox, "Save")
	a, _ := db.Advisors.ByEmpNo.Get("SA0006")
	if a.SupervisorID != lead.ID || a.Supervisor != lead.Name {
		t.Fatalf("saved supervisor %d %q, want %d", a.SupervisorID, a.Supervisor, lead.ID)
	}
	if !rowsContain(r.list.rowTexts(), "SA0006", lead.Name) {
		t.Fatal("the list does not show the chosen supervisor")
	}

	// Oneself: refused, said beside the field, nothing written.
	test.Tap(r.inputs[model.FieldSupervisor].ref.choose)
	u.Wait()
	test.Type(r.picker.list.search, "SA0006")
	u.Wait()
	tapRow(t, r.picker.list.table, 0)
	tapButton(t, u, r.formBox, "Save")
	if got := r.form.message(model.FieldSupervisor); got != "An advisor cannot be their own supervisor" {
		t.Fatalf("own supervisor: %q", got)
	}
	if a, _ := db.Advisors.ByEmpNo.Get("SA0006"); a.SupervisorID != lead.ID {
		t.Fatal("a refused supervisor was written")
	}
	// Clear: no supervisor.
	test.Tap(r.inputs[model.FieldSupervisor].ref.clear)
	tapButton(t, u, r.formBox, "Save")
	if a, _ := db.Advisors.ByEmpNo.Get("SA0006"); a.SupervisorID != 0 || a.Supervisor != "" {
		t.Fatalf("cleared supervisor saved as %d %q", a.SupervisorID, a.Supervisor)
	}
}

// TestSupervisorsToResolve: a supervisor kept as a name (as the migration
// keeps one that matched no advisor or several) is counted in the roster's
// banner, marked in the list and the form; the banner lists only those
// advisors, and choosing the advisor meant resolves it.
func TestSupervisorsToResolve(t *testing.T) {
	u, db := newTestApp(t, 8)
	a, _ := db.Advisors.ByEmpNo.Get("SA0007")
	a.SupervisorID, a.Supervisor = 0, "钱多多"
	if err := db.Advisors.Save(a); err != nil {
		t.Fatal(err)
	}
	u.Open(pageRoster)
	u.Wait()
	r := u.roster
	if !r.resolve.Visible() || r.resolve.Text != "1 supervisor to resolve" || r.resolve.Size().Width < r.resolve.MinSize().Width {
		t.Fatalf("banner: %v %q, %v wide", r.resolve.Visible(), r.resolve.Text, r.resolve.Size().Width)
	}
	tapButton(t, u, r.resolve, "1 supervisor to resolve")
	rows := r.list.rowTexts()
	if len(rows) != 1 || !rowsContain(rows, "SA0007", "钱多多 (to resolve)") {
		t.Fatalf("the filtered list: %v", rows)
	}
	tapRow(t, r.list.table, 0)
	note := r.inputs[model.FieldSupervisor].ref.note
	if !note.Visible() || note.Text != "“钱多多” is not matched to one advisor on the roster: choose the advisor meant, or clear it." {
		t.Fatalf("the form's note: %v %q", note.Visible(), note.Text)
	}
	test.Tap(r.inputs[model.FieldSupervisor].ref.choose)
	u.Wait()
	tapRow(t, r.picker.list.table, 1) // SA0002
	tapButton(t, u, r.formBox, "Save")
	if got, _ := db.Advisors.ByEmpNo.Get("SA0007"); got.SupervisorNo != "SA0002" {
		t.Fatalf("resolved to %q", got.SupervisorNo)
	}
	if r.resolve.Text != "Show all advisors" {
		t.Fatalf("banner while filtered: %q", r.resolve.Text)
	}
	tapButton(t, u, r.resolve, "Show all advisors")
	if r.resolve.Visible() || len(r.list.rowTexts()) != 8 {
		t.Fatalf("after resolving: banner %v, %d rows", r.resolve.Visible(), len(r.list.rowTexts()))
	}
}

// A long name in a reference's button or the walk-in's chosen customer
// does not widen the form: the window grew past the screen with a
// 26-character company customer, and with a reception told in full.
func TestLongNamesKeepTheFormWidth(t *testing.T) {
	long := strings.Repeat("顺达物流有限公司", 4) + "王先生"
	in := newRefInput(func(func(uint64, string)) {})
	short := in.object().MinSize().Width
	in.show(7, "2026-11-27 10:30 · "+long+" · 空调制冷效果差，想加装行车记录仪")
	if w := in.object().MinSize().Width; w > short+refWidth {
		t.Errorf("a long reference is %v wide, the input %v empty", w, short)
	}
	if !strings.HasSuffix(in.choose.Text, "…") || in.text == in.choose.Text {
		t.Errorf("the button reads %q, the reference %q", in.choose.Text, in.text)
	}
	u, _, _ := advisorApp(t)
	processTab(t, u, "Receptions")
	s := u.process.reception
	before := s.form.content().MinSize().Width
	s.choose(&model.Customer{ID: 1, Name: long, Phone: "13800138000"})
	s.found = []*model.Customer{{Name: long, Phone: "13800138000", Company: long}}
	s.showMatches()
	if w := s.form.content().MinSize().Width; w > before {
		t.Errorf("a long customer name widened the walk-in form from %v to %v", before, w)
	}
}
