package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"advisordesk/model"
	"advisordesk/report/pdftext"

	"fyne.io/fyne/v2"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
)

// A name with a character no bundled font has (吉𠮷's U+20BB7) is warned
// about as it is typed and in the import report; 王𪟝 prints and is not.
func TestUnprintableNameWarned(t *testing.T) {
	u, _ := newTestApp(t, 3)
	dir := t.TempDir()
	fyne.CurrentApp().Preferences().SetString("fyne:fileDialogLastFolder", fynestorage.NewFileURI(dir).String())
	u.Open(pageRoster)
	u.Wait()
	r := u.roster
	tapIn(t, u, "New advisor")
	test.Type(r.entry(model.FieldName), "吉𠮷")
	if !r.inputs[model.FieldName].warn.Visible() || !strings.Contains(r.inputs[model.FieldName].warn.Text, "𠮷 will print as 〓") {
		t.Fatalf("no warning for 吉𠮷: %v %q", r.inputs[model.FieldName].warn.Visible(), r.inputs[model.FieldName].warn.Text)
	}
	r.entry(model.FieldName).SetText("王𪟝")
	if r.inputs[model.FieldName].warn.Visible() {
		t.Fatal("王𪟝 prints, but was warned about")
	}
	csv := "工号,姓名,用工类型,岗位\nNEW9,吉𠮷,正式员工,前台接待\n"
	if err := os.WriteFile(filepath.Join(dir, "roster.csv"), []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	importFile(t, u, "roster.csv")
	if got := shownMessage(u); !strings.Contains(got, "Row 2: 𠮷 in “吉𠮷” will print as 〓") || !strings.Contains(got, "will be added") {
		t.Fatalf("import report: %q", got)
	}
}

// A batch print that replaced a character says whose and which.
func TestPrintSaysWhatWasReplaced(t *testing.T) {
	u, _ := newTestApp(t, 0)
	tpl := model.DefaultTemplate()
	d := &model.CycleData{Cycle: &model.Cycle{ID: 1, Name: "Q4", Start: "2026-10-01", End: "2026-12-31", Participants: []uint64{1, 2}},
		Template: &tpl, Advisors: map[uint64]*model.Advisor{1: {ID: 1, EmpNo: "SA0001", Name: "吉𠮷"}, 2: {ID: 2, EmpNo: "SA0002", Name: "王𪟝"}}}
	dir := t.TempDir()
	u.appraisal.results.printFiles(d, dir)
	u.Wait()
	if !strings.Contains(shownMessage(u), "SA0001 吉𠮷: 𠮷 printed as 〓") || strings.Contains(shownMessage(u), "SA0002") {
		t.Fatalf("message: %q", shownMessage(u))
	}
}

// Ticking "provisional" prints an unfinished sheet's total and grade marked
// as provisional; without it there are none.
func TestPrintProvisional(t *testing.T) {
	u, _ := newTestApp(t, 0)
	tpl := model.DefaultTemplate()
	self := model.Evaluation{Method: model.SelfEval, Scores: map[string]float64{}}
	for _, it := range tpl.Items {
		self.Scores[it.Key] = 80
	}
	d := &model.CycleData{Cycle: &model.Cycle{ID: 1, Name: "Q4", Start: "2026-10-01", End: "2026-12-31", Participants: []uint64{1}},
		Template: &tpl, Advisors: map[uint64]*model.Advisor{1: {ID: 1, EmpNo: "SA0001", Name: "张三"}},
		Evals: map[uint64][]model.Evaluation{1: {self}}}
	for _, tick := range []bool{false, true} {
		if u.appraisal.results.provisional.Checked != tick {
			test.Tap(u.appraisal.results.provisional)
		}
		dir := t.TempDir()
		u.appraisal.results.printFiles(d, dir)
		u.Wait()
		text := pdftext.File(t, filepath.Join(dir, "PA-1-SA0001.pdf"))
		if strings.Contains(text, "(provisional)") != tick || strings.Contains(text, "8.00") != tick {
			t.Errorf("provisional %v: %s", tick, text)
		}
	}
}
