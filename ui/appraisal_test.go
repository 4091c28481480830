package ui

import (
	"os"

	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"advisordesk/model"
	"advisordesk/report"
	"advisordesk/report/pdftext"
)

// fillScores types v into every enabled score field of the open form.
func (ef *evaluationForm) fillScores(v string) {
	for _, e := range ef.scores {
		if !e.Disabled() {
			e.SetText(v)
		}
	}
}

// tapTab shows the appraisal's tab labelled by key, as a click on it would.
func tapTab(t *testing.T, s *appraisalScreen, key string) {
	t.Helper()
	var tab fyne.Tappable
	eachObject(s.tabs, func(o fyne.CanvasObject) {
		if tp, ok := o.(fyne.Tappable); ok && tab == nil && o != fyne.CanvasObject(s.tabs) && rendered(o) == tr(key) {
			tab = tp
		}
	})
	if tab == nil {
		t.Fatalf("no tab %q", tr(key))
	}
	test.Tap(tab)
}

// pickAdvisor taps the results row of advisor id, wherever the sort put it.
func pickAdvisor(t *testing.T, u *App, id uint64) {
	t.Helper()
	for i, r := range u.appraisal.results.ranked {
		if r.AdvisorID == id {
			tapRow(t, u.appraisal.results.table, i)
			u.Wait()
			return
		}
	}
	t.Fatalf("advisor %d is not in the results", id)
}

// A cycle from its creation to its prints, every step a tap on what the
// window shows: new cycle, its group and save; each stage through its
// button and question; forms entered in the evaluation dialog; the
// results' search and sort; the prints through their save dialogs.
func TestAppraisalThroughTheWindow(t *testing.T) {
	u, db := newTestApp(t, 6)
	dir := t.TempDir()
	fyne.CurrentApp().Preferences().SetString("fyne:fileDialogLastFolder", fynestorage.NewFileURI(dir).String())
	u.Open(pageAppraisal)
	u.Wait()
	s := u.appraisal

	// A new quarterly cycle for every active advisor.
	tapIn(t, u, tr("appraisal.new_cycle"))
	test.Type(s.cycle.name, "2026年第四季度考核")
	test.Tap(s.cycle.group)
	tapMenuItem(t, u, tr("appraisal.group_all"))
	tapButton(t, u, s.body, tr("appraisal.add_group"))
	if !strings.Contains(s.cycle.participants.Text, "participants") || len(s.cycle.editing.Participants) == 0 {
		t.Fatalf("participants: %q", s.cycle.participants.Text)
	}
	tapButton(t, u, s.body, tr("action.save"))
	if s.data == nil || s.data.Cycle.Stage != model.Draft {
		t.Fatalf("cycle not saved: %v", s.cycle.form.banner.Text)
	}
	advance := func(to model.Stage, answer string) {
		t.Helper()
		tapTab(t, s, "appraisal.tab_cycle")
		next := tr("appraisal.next", "Stage", tr("stage."+string(to)))
		tapButton(t, u, s.body, next)
		if answer == "" {
			answer = next
		}
		tapOnTop(t, u, answer)
		if s.data.Cycle.Stage != to {
			t.Fatalf("the cycle is at %s, want %s", s.data.Cycle.Stage, to)
		}
	}
	advance(model.SelfStage, "")
	target := s.data.Cycle.Participants[0]

	// evaluate opens the evaluation dialog for the target with form choice
	// i (0 self, 1 supervisor, 2 a new customer form) and every score v.
	evaluate := func(choice int, v string) *evaluationForm {
		t.Helper()
		tapTab(t, s, "appraisal.tab_results")
		pickAdvisor(t, u, target)
		tapButton(t, u, s.body, tr("appraisal.evaluate"))
		a := s.data.Advisors[target]
		if want := tr("appraisal.evaluation_title", "Name", a.Name+" "+a.EmpNo); !strings.Contains(dialogText(u), want) {
			t.Fatalf("Enter evaluation opened %q", dialogText(u))
		}
		ef := s.results.evaluation
		pick(t, u, ef.choose, choice)
		ef.fillScores(v)
		return ef
	}
	enter := func(choice int, serial, score string) {
		t.Helper()
		ef := evaluate(choice, score)
		if serial != "" {
			ef.serial.SetText(serial)
		}
		ef.comment.SetText("服务热情，解释清楚。")
		tapOnTop(t, u, tr("action.save"))
		if s.results.evaluation != nil {
			t.Fatalf("form %d refused: %s", choice, ef.form.banner.Text+" "+ef.form.message(model.FieldScore)+ef.form.message(model.FieldSerial))
		}
	}
	// dismiss closes a refused form through Cancel, dropping what was typed.
	dismiss := func() {
		t.Helper()
		tapOnTop(t, u, tr("action.cancel"))
		tapOnTop(t, u, tr("unsaved.discard"))
		if got := dialogText(u); got != "" {
			t.Fatalf("Cancel and Discard left a dialog open: %q", got)
		}
	}
	enter(0, "", "88")
	// Ctrl+S in the open dialog saves the dialog, not the cycle behind it.
	evaluate(2, "91").serial.SetText("CF-T-0")
	s.results.evaluation.serial.TypedShortcut(ctrl(fyne.KeyS))
	u.Wait()
	if s.results.evaluation != nil || len(s.data.Evals[target]) != 2 {
		t.Fatalf("Ctrl+S in the dialog did not save the form: %d forms", len(s.data.Evals[target]))
	}
	if s.u.keys[shortcutName(fyne.KeyS)] == nil {
		t.Fatal("the screen's Ctrl+S was not given back")
	}
	// A score over 100 is refused, with the message on its row, and nothing is saved.
	ef := evaluate(2, "95")
	ef.serial.SetText("CF-T-1")
	ef.scores["product"].SetText("101")
	tapOnTop(t, u, tr("action.save"))
	if got := ef.form.fieldRow(model.FieldScore, 4).msg.Text; !strings.Contains(got, "0–100") {
		t.Fatalf("row 4 message: %q", got)
	}
	dismiss()

	advance(model.SupervisorStg, "")
	enter(1, "", "90")
	enter(2, "CF-T-1", "95")
	// The same serial twice is refused.
	ef = evaluate(2, "70")
	ef.serial.SetText("cf-t-1")
	tapOnTop(t, u, tr("action.save"))
	if got := ef.form.message(model.FieldSerial); !strings.Contains(got, "already used") {
		t.Fatalf("duplicate serial message: %q", got)
	}
	dismiss()

	advance(model.ReviewStage, "")
	advance(model.Published, tr("appraisal.publish_anyway")) // the other participants have no forms
	if !s.cycle.reopen.Visible() {
		t.Fatal("a published cycle offers no reopening")
	}
	// The table shows the total and grade that model.Score computes.
	tapTab(t, s, "appraisal.tab_results")
	want := model.Score(s.data.Template, s.data.Evals[target])
	row := -1
	for i, r := range s.results.ranked {
		if r.AdvisorID == target {
			row = i
		}
	}
	if got := s.results.resultCell(row, 3); got != strconv.FormatFloat(want.Total, 'f', 1, 64) {
		t.Fatalf("total cell %q, want %v", got, want.Total)
	}
	if got := s.results.resultCell(row, 4); !strings.HasPrefix(got, want.Grade.Code) || strings.HasSuffix(got, "*") {
		t.Fatalf("grade cell %q, want %s complete", got, want.Grade.Code)
	}
	// Customer forms CF-T-0 (91) and CF-T-1 (95) average 93:
	// (88×20 + 90×50 + 93×30)/100 = 90.5 for the items customers rate.
	if want.Total < 89 || want.Total > 91 {
		t.Fatalf("total %v grade %s", want.Total, want.Grade.Code)
	}
	// Locked: the dialog's Save is disabled, and Ctrl+S is refused.
	before, _ := db.Evaluations.Count()
	evaluate(2, "60").serial.SetText("CF-T-3")
	if !buttonIn(t, top(t, u), tr("action.save")).Disabled() {
		t.Fatal("a published cycle's evaluation can be saved")
	}
	s.results.evaluation.serial.TypedShortcut(ctrl(fyne.KeyS))
	u.Wait()
	if after, _ := db.Evaluations.Count(); after != before || !strings.Contains(dialogText(u), "locked") {
		t.Fatalf("published cycle took a form: %d → %d, %q", before, after, dialogText(u))
	}
	tapOnTop(t, u, "OK")
	tapOnTop(t, u, tr("action.cancel"))
	if got := dialogText(u); got != "" {
		t.Fatalf("Cancel left a dialog open: %q", got)
	}

	// Picking the row lists the cycle just published in the history.
	pickAdvisor(t, u, target)
	if !strings.Contains(s.results.history.Text, "2026年第四季度考核") {
		t.Fatalf("history: %q", s.results.history.Text)
	}

	// The results filter by number or name and sort by a tapped header.
	test.Type(s.results.find, s.data.Advisors[target].EmpNo)
	if len(s.results.ranked) != 1 || s.results.ranked[0].AdvisorID != target {
		t.Fatalf("filter by employee number: %d rows", len(s.results.ranked))
	}
	s.results.find.SetText("")
	empNo := tr("appraisal.col_empno")
	test.Tap(headerButton(t, s.results.table, empNo))
	test.Tap(headerButton(t, s.results.table, empNo))
	first, last := s.results.ranked[0].AdvisorID, s.results.ranked[len(s.results.ranked)-1].AdvisorID
	if len(s.results.ranked) != len(s.results.all) || s.data.Advisors[first].EmpNo < s.data.Advisors[last].EmpNo {
		t.Fatal("two taps on the number's header do not sort by it descending")
	}
	test.Tap(headerButton(t, s.results.table, tr("appraisal.rank")))

	// One file per participant, into the folder the dialog shows.
	tapButton(t, u, s.body, tr("appraisal.print_files"))
	tapOnTop(t, u, "Open")
	files, _ := filepath.Glob(filepath.Join(dir, "PA-*.pdf"))
	if len(files) != len(s.data.Cycle.Participants) || !strings.Contains(shownMessage(u), "Printed") {
		t.Fatalf("%d files for %d participants (%q)", len(files), len(s.data.Cycle.Participants), shownMessage(u))
	}
	closeDialogs(t, u)

	// The target's sheet, printed through its button, reads back.
	pickAdvisor(t, u, target)
	path := filepath.Join(dir, report.FormNo(s.data.Cycle, s.data.Advisors[target])+".pdf")
	os.Remove(path) // printed above with the others: the save dialog would ask to replace it
	tapButton(t, u, s.body, tr("appraisal.print_one"))
	tapOnTop(t, u, "Save")
	if out := pdftext.File(t, path); !strings.Contains(out, strconv.FormatFloat(want.Total, 'f', 1, 64)) || !strings.Contains(out, s.data.Advisors[target].Name) {
		t.Fatalf("printed sheet lacks the total or the name: %s", out)
	}
}

func TestTemplateEditor(t *testing.T) {
	u, db := newTestApp(t, 3)
	u.Open(pageAppraisal)
	u.Wait()
	s := u.appraisal
	tapIn(t, u, tr("template.open"))
	te := s.templateEditor
	if te == nil || te.t == nil || len(te.rows) != 9 {
		t.Fatal("editor did not open on the default template")
	}
	// Copy it, then break the weights: the total says by how much.
	tapOnTop(t, u, tr("template.copy"))
	if got := rendered(te.name); !strings.HasSuffix(got, tr("template.copy_suffix")) {
		t.Fatalf("after Copy the name reads %q", got)
	}
	te.name.SetText("精简考核")
	te.rows[0].weight.SetText("12.5")
	if !strings.Contains(te.sum.Text, "off by +2.5") {
		t.Fatalf("sum label: %q", te.sum.Text)
	}
	tapOnTop(t, u, tr("action.save"))
	if !te.banner.Visible() || !strings.Contains(te.banner.Text, "off by +2.5") {
		t.Fatalf("banner: %q", te.banner.Text)
	}
	before, _ := db.Templates.Count()
	// Zero weight on a row: the message sits under that row.
	te.rows[0].weight.SetText("10")
	te.rows[2].weight.SetText("0")
	te.rows[3].weight.SetText("20")
	tapOnTop(t, u, tr("action.save"))
	if !te.rows[2].msg.Visible() {
		t.Fatal("no message under the zero-weight row")
	}
	// Text where a number belongs is refused on its row, not read as 0.
	te.rows[2].weight.SetText("五")
	te.grades[1].salary.SetText("abc")
	tapOnTop(t, u, tr("action.save"))
	if !te.rows[2].msg.Visible() || !te.grades[1].msg.Visible() {
		t.Fatal("a word in a number field was not marked")
	}
	// A question longer than the customer form holds is refused on its row.
	te.rows[1].question.SetText(strings.Repeat("您对顾问的服务满意吗？", 4))
	tapOnTop(t, u, tr("action.save"))
	if !te.rows[1].msg.Visible() || !strings.Contains(te.rows[1].msg.Text, "at most 30") {
		t.Fatalf("long question: %q", te.rows[1].msg.Text)
	}
	te.rows[1].question.SetText("顾问答应您的事是否按时办好？")
	te.grades[1].salary.SetText("5")
	te.rows[2].weight.SetText("5")
	te.rows[3].weight.SetText("15")
	te.methods[0].SetText("10")
	te.methods[1].SetText("60")
	tapOnTop(t, u, tr("action.save"))
	if s.templateEditor != nil {
		t.Fatalf("valid template refused: %s", te.banner.Text)
	}
	after, _ := db.Templates.Count()
	if after != before+1 {
		t.Fatalf("templates %d → %d", before, after)
	}
	all, _ := db.AllTemplates()
	got := all[len(all)-1]
	if got.Name != "精简考核" || got.Methods.Supervisor != 60 || got.Items[2].Weight != 5 || got.BasedOn != all[0].ID ||
		got.Items[1].Question != "顾问答应您的事是否按时办好？" || got.Items[1].StandardEn != all[0].Items[1].StandardEn {
		t.Fatalf("saved template: %+v", got)
	}
}

// TestAdvisorCannotStartACycle: an advisor's appraisal page asks them to
// select a cycle to see it (not to create one), and Ctrl+N opens no
// new-cycle form that only HR could save.
func TestAdvisorCannotStartACycle(t *testing.T) {
	_, hr := newTestApp(t, 3)
	u := openAs(t, accountFor(t, hr, "SA0002", model.RoleAdvisor))
	u.Open(pageAppraisal)
	u.Wait()
	if got := drawn(screen(u)); strings.Contains(got, "or create one") || !strings.Contains(got, "Select a cycle in the list to see it.") {
		t.Fatalf("the advisor's appraisal page: %s", got)
	}
	u.win.Canvas().(fyne.Shortcutable).TypedShortcut(ctrl(fyne.KeyN))
	u.Wait()
	if got := drawn(screen(u)); strings.Contains(got, "New cycle") {
		t.Fatalf("Ctrl+N opened a new cycle for an advisor: %s", got)
	}
}

// TestNewCycleShowsEveryProblemAtOnce: a new cycle with no name and a start
// that is no date names both on one save (the date hid the name).
func TestNewCycleShowsEveryProblemAtOnce(t *testing.T) {
	u, _ := newTestApp(t, 6)
	u.Open(pageAppraisal)
	u.Wait()
	s := u.appraisal
	tapIn(t, u, tr("appraisal.new_cycle"))
	fillIn(map[*entry]string{s.cycle.name: "", s.cycle.start: "2026-13-45"})
	tapButton(t, u, s.body, tr("action.save"))
	if got := s.cycle.form.message(model.FieldStart); got != tr("err.date") {
		t.Errorf("beside the start: %q", got)
	}
	if got := s.cycle.form.message(model.FieldCycleName); got != tr("err.required") {
		t.Errorf("beside the name: %q, want it required on the same save", got)
	}
}
