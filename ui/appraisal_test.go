package ui

import (
	"os"

	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

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

func TestAppraisalThroughTheWindow(t *testing.T) {
	u, db := newTestApp(t, 6)
	u.Open(pageAppraisal)
	u.Wait()
	s := u.appraisal

	// A new quarterly cycle for every active advisor.
	s.newCycle()
	u.Wait()
	s.cycle.name.SetText("2026年第四季度考核")
	s.cycle.group.SetSelectedIndex(0) // all active advisors
	s.cycle.addGroup()
	if !strings.Contains(s.cycle.participants.Text, "participants") || len(s.cycle.editing.Participants) == 0 {
		t.Fatalf("participants: %q", s.cycle.participants.Text)
	}
	s.cycle.save()
	u.Wait()
	if s.data == nil || s.data.Cycle.Stage != model.Draft {
		t.Fatalf("cycle not saved: %v", s.cycle.form.banner.Text)
	}
	cycleID := s.data.Cycle.ID
	s.cycle.advance() // to self-evaluation
	u.Wait()
	target := s.data.Cycle.Participants[0]
	s.results.selected = target

	enter := func(choice int, serial, score string) {
		t.Helper()
		s.results.evaluateSelected()
		ef := s.results.evaluation
		ef.choose.SetSelectedIndex(choice)
		ef.fillScores(score)
		if serial != "" {
			ef.serial.SetText(serial)
		}
		ef.comment.SetText("服务热情，解释清楚。")
		ef.save()
		u.Wait()
		if s.results.evaluation != nil {
			t.Fatalf("form %d refused: %s", choice, ef.form.banner.Text+" "+ef.form.message(model.FieldScore)+ef.form.message(model.FieldSerial))
		}
	}
	enter(0, "", "88")
	// Ctrl+S in the open dialog saves the dialog, not the cycle behind it.
	s.results.evaluateSelected()
	s.results.evaluation.choose.SetSelectedIndex(2)
	s.results.evaluation.fillScores("91")
	s.results.evaluation.serial.SetText("CF-T-0")
	s.results.evaluation.serial.TypedShortcut(ctrl(fyne.KeyS))
	u.Wait()
	if s.results.evaluation != nil || len(s.data.Evals[target]) != 2 {
		t.Fatalf("Ctrl+S in the dialog did not save the form: %d forms", len(s.data.Evals[target]))
	}
	if s.u.keys[shortcutName(fyne.KeyS)] == nil {
		t.Fatal("the screen's Ctrl+S was not given back")
	}
	// A score over 100 is refused, with the message on its row, and nothing is saved.
	s.results.evaluateSelected()
	ef := s.results.evaluation
	ef.choose.SetSelectedIndex(2) // a new customer form
	ef.fillScores("95")
	ef.serial.SetText("CF-T-1")
	ef.scores["product"].SetText("101")
	ef.save()
	u.Wait()
	if got := ef.form.fieldRow(model.FieldScore, 4).msg.Text; !strings.Contains(got, "0–100") {
		t.Fatalf("row 4 message: %q", got)
	}
	ef.dlg.Hide()
	s.results.evaluation = nil

	s.cycle.advance() // supervisor
	u.Wait()
	enter(1, "", "90")
	enter(2, "CF-T-1", "95")
	// The same serial twice is refused.
	s.results.evaluateSelected()
	ef = s.results.evaluation
	ef.choose.SetSelectedIndex(2)
	ef.fillScores("70")
	ef.serial.SetText("cf-t-1")
	ef.save()
	u.Wait()
	if got := ef.form.message(model.FieldSerial); !strings.Contains(got, "already used") {
		t.Fatalf("duplicate serial message: %q", got)
	}
	ef.dlg.Hide()
	s.results.evaluation = nil

	s.cycle.advance() // HR review
	u.Wait()
	s.cycle.advance() // published
	u.Wait()
	if s.data.Cycle.Stage != model.Published || !s.cycle.reopen.Visible() {
		t.Fatalf("not published: %s", s.data.Cycle.Stage)
	}
	// The table shows the total and grade that model.Score computes.
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
	// Locked: a further form is refused.
	before, _ := db.Evaluations.Count()
	s.results.evaluateSelected()
	s.results.evaluation.choose.SetSelectedIndex(2)
	s.results.evaluation.fillScores("60")
	s.results.evaluation.serial.SetText("CF-T-3")
	s.results.evaluation.save()
	u.Wait()
	if after, _ := db.Evaluations.Count(); after != before || !strings.Contains(u.lastMessage, "locked") {
		t.Fatalf("published cycle took a form: %d → %d, %q", before, after, u.lastMessage)
	}

	// The history lists the cycle just published.
	s.results.showHistory()
	u.Wait()
	if !strings.Contains(s.results.history.Text, "2026年第四季度考核") {
		t.Fatalf("history: %q", s.results.history.Text)
	}

	// The results filter by number or name and sort by a header.
	s.results.find.SetText(s.data.Advisors[target].EmpNo)
	if len(s.results.ranked) != 1 || s.results.ranked[0].AdvisorID != target {
		t.Fatalf("filter by employee number: %d rows", len(s.results.ranked))
	}
	s.results.find.SetText("")
	s.results.sortCol, s.results.sortDesc = 1, true
	s.results.applyView()
	if len(s.results.ranked) != len(s.results.all) || s.data.Advisors[s.results.ranked[0].AdvisorID].EmpNo < s.data.Advisors[s.results.ranked[len(s.results.ranked)-1].AdvisorID].EmpNo {
		t.Fatal("descending sort by employee number")
	}
	s.results.sortCol, s.results.sortDesc = 0, false
	s.results.applyView()

	// One file per participant, through the window's batch job.
	dir := t.TempDir()
	s.results.printFiles(s.data, dir)
	u.Wait()
	files, _ := os.ReadDir(dir)
	if len(files) != len(s.data.Cycle.Participants) || !strings.Contains(u.lastMessage, "Printed") {
		t.Fatalf("%d files for %d participants (%q)", len(files), len(s.data.Cycle.Participants), u.lastMessage)
	}

	// Print the sheet and read it back.
	path := filepath.Join(t.TempDir(), "sheet.pdf")
	d, _ := db.LoadCycle(cycleID)
	var sheets []report.Sheet
	for _, sh := range report.CycleSheets(d) {
		if sh.Advisor.ID == target {
			sheets = append(sheets, sh)
		}
	}
	f, _ := os.Create(path)
	if err := report.AppraisalSheets(f, sheets, s.u.printMeta()); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if out := pdftext.File(t, path); !strings.Contains(out, strconv.FormatFloat(want.Total, 'f', 1, 64)) || !strings.Contains(out, d.Advisors[target].Name) {
		t.Fatalf("printed sheet lacks the total or the name: %s", out)
	}
}

func TestTemplateEditor(t *testing.T) {
	u, db := newTestApp(t, 3)
	u.Open(pageAppraisal)
	u.Wait()
	s := u.appraisal
	s.editTemplates()
	te := s.templateEditor
	if te == nil || te.t == nil || len(te.rows) != 9 {
		t.Fatal("editor did not open on the default template")
	}
	// Copy it, then break the weights: the total says by how much.
	te.load(s.templates[0], true)
	te.name.SetText("精简考核")
	te.rows[0].weight.SetText("12.5")
	if !strings.Contains(te.sum.Text, "off by +2.5") {
		t.Fatalf("sum label: %q", te.sum.Text)
	}
	te.save()
	u.Wait()
	if !te.banner.Visible() || !strings.Contains(te.banner.Text, "off by +2.5") {
		t.Fatalf("banner: %q", te.banner.Text)
	}
	before, _ := db.Templates.Count()
	// Zero weight on a row: the message sits under that row.
	te.rows[0].weight.SetText("10")
	te.rows[2].weight.SetText("0")
	te.rows[3].weight.SetText("20")
	te.save()
	u.Wait()
	if !te.rows[2].msg.Visible() {
		t.Fatal("no message under the zero-weight row")
	}
	// Text where a number belongs is refused on its row, not read as 0.
	te.rows[2].weight.SetText("五")
	te.grades[1].salary.SetText("abc")
	te.save()
	u.Wait()
	if !te.rows[2].msg.Visible() || !te.grades[1].msg.Visible() {
		t.Fatal("a word in a number field was not marked")
	}
	// A question longer than the customer form holds is refused on its row.
	te.rows[1].question.SetText(strings.Repeat("您对顾问的服务满意吗？", 4))
	te.save()
	u.Wait()
	if !te.rows[1].msg.Visible() || !strings.Contains(te.rows[1].msg.Text, "at most 30") {
		t.Fatalf("long question: %q", te.rows[1].msg.Text)
	}
	te.rows[1].question.SetText("顾问答应您的事是否按时办好？")
	te.grades[1].salary.SetText("5")
	te.rows[2].weight.SetText("5")
	te.rows[3].weight.SetText("15")
	te.methods[0].SetText("10")
	te.methods[1].SetText("60")
	te.save()
	u.Wait()
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
