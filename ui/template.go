package ui

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"advisordesk/model"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// templateEditor edits an appraisal template: its criteria with scoring
// standards and weights, the method weights, the grade bands and the use
// of results per grade. The weight totals are shown as they are typed.
type templateEditor struct {
	s         *appraisalScreen
	t         *model.Template // the copy being edited
	pick      *widget.Select
	name      *entry
	items     *fyne.Container
	rows      []*itemRow
	sum       *widget.Label
	methods   [3]*entry
	msum      *widget.Label
	grades    []*gradeRow
	gradesBox *fyne.Container
	banner    *widget.Label
	frozen    *widget.Label
	dlg       dialog.Dialog
}

type itemRow struct {
	dim          *choice[model.Dimension]
	name, nameEn *entry
	std, stdEn   *entry
	// question, questionEn: how the customer form asks about the item
	question, questionEn *entry
	weight               *entry
	noCust               *widget.Check
	// measure and points: the work-process number that suggests the score,
	// and the points a founded complaint takes off it
	measure *choice[model.Measure]
	points  *entry
	key     string
	msg     *widget.Label
}

type gradeRow struct {
	code, min, label, labelEn, salary *entry
	promotion, training               *widget.Check
	msg                               *widget.Label
}

func (s *appraisalScreen) editTemplates() {
	te := &templateEditor{s: s}
	te.show()
}

func (te *templateEditor) show() {
	s, u := te.s, te.s.u
	te.pick = widget.NewSelect(s.templateNames(), func(string) { te.load(s.templates[te.pick.SelectedIndex()], false) })
	copyBtn := widget.NewButtonWithIcon(tr("template.copy"), theme.ContentCopyIcon(), func() {
		if i := te.pick.SelectedIndex(); i >= 0 {
			te.load(s.templates[i], true)
		}
	})
	te.name = newEntry(u)
	te.items = container.NewVBox()
	te.sum = widget.NewLabel("")
	te.msum = widget.NewLabel("")
	te.banner = widget.NewLabel("")
	te.banner.Importance = widget.DangerImportance
	te.banner.Wrapping = fyne.TextWrapWord
	te.frozen = widget.NewLabel("")
	te.frozen.Importance = widget.WarningImportance
	for i := range te.methods {
		te.methods[i] = newEntry(u)
		te.methods[i].OnChanged = func(string) { te.totals() }
	}
	addItem := widget.NewButtonWithIcon(tr("template.add_item"), theme.ContentAddIcon(), func() {
		te.addItem(model.Item{Dimension: model.Results, Key: fmt.Sprintf("item%d", len(te.rows)+1)})
		te.totals()
	})
	te.gradesBox = container.NewVBox()
	methods := container.NewGridWithColumns(6,
		widget.NewLabel(tr("method.self")), te.methods[0], widget.NewLabel(tr("method.supervisor")), te.methods[1],
		widget.NewLabel(tr("method.customer")), te.methods[2])
	section := func(title string, objs ...fyne.CanvasObject) fyne.CanvasObject {
		return container.NewVBox(append([]fyne.CanvasObject{widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})}, objs...)...)
	}
	body := container.NewVBox(te.banner, te.frozen,
		widget.NewForm(widget.NewFormItem(tr("field.template_name"), te.name)),
		section(tr("template.items"), te.items, container.NewHBox(addItem, layout.NewSpacer(), te.sum)),
		widget.NewSeparator(),
		section(tr("template.methods"), methods, te.msum),
		widget.NewSeparator(),
		section(tr("template.grades")+" · "+tr("template.rules"), te.gradesBox))
	save := widget.NewButton(tr("action.save"), te.save)
	save.Importance = widget.HighImportance
	cancel := widget.NewButton(tr("action.cancel"), func() { te.dlg.Hide() })
	top := container.NewBorder(nil, nil, nil, copyBtn, te.pick)
	te.dlg = dialog.NewCustomWithoutButtons(tr("template.title"),
		container.NewBorder(top, container.NewHBox(layout.NewSpacer(), cancel, save), nil, nil, container.NewVScroll(body)), u.win)
	te.dlg.Resize(fyne.NewSize(980, 700))
	u.modalKeys(te.dlg, te.save, func() { te.dlg.Hide() })
	te.dlg.Show()
	s.templateEditor = te
	if len(s.templates) > 0 {
		te.pick.SetSelectedIndex(len(s.templates) - 1)
	}
}

// load fills the editor with t, or with a new template copied from it.
func (te *templateEditor) load(t *model.Template, asCopy bool) {
	cp := *t
	cp.Items = append([]model.Item(nil), t.Items...)
	cp.Grades = append([]model.GradeBand(nil), t.Grades...)
	cp.Rules = append([]model.OutcomeRule(nil), t.Rules...)
	if asCopy {
		cp.ID, cp.Version, cp.BasedOn, cp.Frozen = 0, 1, t.ID, false
		cp.Name += tr("template.copy_suffix")
		cp.Created = time.Time{}
	}
	te.t = &cp
	te.name.SetText(cp.Name)
	te.rows = nil
	te.items.Objects = nil
	for _, it := range cp.Items {
		te.addItem(it)
	}
	for i, v := range []float64{cp.Methods.Self, cp.Methods.Supervisor, cp.Methods.Customer} {
		te.methods[i].SetText(strconv.FormatFloat(v, 'f', -1, 64))
	}
	te.gradesBox.Objects = nil
	te.grades = nil
	for _, g := range cp.Grades {
		te.addGrade(g, cp.Rule(g.Code))
	}
	te.frozen.Hide()
	if cp.Frozen {
		te.frozen.SetText(tr("template.frozen", "V", cp.Version+1))
		te.frozen.Show()
	}
	te.banner.Hide()
	te.totals()
}

func (te *templateEditor) addItem(it model.Item) {
	u := te.s.u
	r := &itemRow{key: it.Key}
	r.dim = newChoice(model.Dimensions, "dimension.")
	r.dim.set(it.Dimension)
	r.name, r.nameEn, r.std, r.stdEn, r.weight = newEntry(u), newEntry(u), newEntry(u), newEntry(u), newEntry(u)
	r.question, r.questionEn = newEntry(u), newEntry(u)
	r.name.SetText(it.Name)
	r.name.SetPlaceHolder(tr("field.item_name"))
	r.nameEn.SetText(it.NameEn)
	r.nameEn.SetPlaceHolder(tr("field.name_en"))
	r.std.SetText(it.Standard)
	r.std.SetPlaceHolder(tr("field.standard"))
	r.stdEn.SetText(it.StandardEn)
	r.stdEn.SetPlaceHolder(tr("field.standard_en"))
	r.question.SetText(it.Question)
	r.question.SetPlaceHolder(tr("field.question"))
	r.questionEn.SetText(it.QuestionEn)
	r.questionEn.SetPlaceHolder(tr("field.question_en"))
	r.weight.SetText(strconv.FormatFloat(it.Weight, 'f', -1, 64))
	r.weight.SetPlaceHolder(tr("field.weight"))
	r.weight.OnChanged = func(string) { te.totals() }
	r.noCust = widget.NewCheck(tr("template.no_customer"), nil)
	r.noCust.SetChecked(it.NoCustomer)
	r.measure = newChoice(model.Measures, "measure.")
	r.measure.Options[0] = tr("measure.none")
	r.measure.set(it.Measure)
	r.points = newEntry(u)
	r.points.SetPlaceHolder("0")
	if it.ComplaintPoints != 0 {
		r.points.SetText(model.FormatPoints(it.ComplaintPoints))
	}
	r.msg = widget.NewLabel("")
	r.msg.Importance = widget.DangerImportance
	r.msg.SizeName = theme.SizeNameCaptionText
	r.msg.Hide()
	te.rows = append(te.rows, r)
	var line *fyne.Container
	remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		for i, x := range te.rows {
			if x == r {
				te.rows = append(te.rows[:i], te.rows[i+1:]...)
			}
		}
		te.items.Remove(line)
		te.totals()
	})
	fixed := func(o fyne.CanvasObject, w float32) fyne.CanvasObject {
		return container.NewGridWrap(fyne.NewSize(w, o.MinSize().Height), o)
	}
	grid := container.NewBorder(nil, nil, fixed(r.dim, 150),
		container.NewHBox(fixed(r.weight, 64), widget.NewLabel("%"), r.noCust, remove),
		container.NewGridWithColumns(2, r.name, r.nameEn))
	line = container.NewVBox(grid,
		container.NewBorder(nil, nil, fixed(widget.NewLabel(tr("field.standard")), 150), nil, container.NewGridWithColumns(2, r.std, r.stdEn)),
		container.NewBorder(nil, nil, fixed(widget.NewLabel(tr("field.question")), 150), nil, container.NewGridWithColumns(2, r.question, r.questionEn)),
		container.NewBorder(nil, nil, fixed(widget.NewLabel(tr("field.measure")), 150), nil,
			container.NewHBox(fixed(r.measure, 260), widget.NewLabel(tr("field.complaint_points")), fixed(r.points, 64))),
		r.msg, widget.NewSeparator())
	te.items.Add(line)
}

func (te *templateEditor) addGrade(g model.GradeBand, rule model.OutcomeRule) {
	u := te.s.u
	r := &gradeRow{code: newEntry(u), min: newEntry(u), label: newEntry(u), labelEn: newEntry(u), salary: newEntry(u)}
	r.code.SetText(g.Code)
	r.min.SetText(strconv.FormatFloat(g.Min, 'f', -1, 64))
	r.min.SetPlaceHolder(tr("field.grade_min"))
	r.label.SetText(g.Label)
	r.labelEn.SetText(g.LabelEn)
	r.salary.SetText(strconv.FormatFloat(rule.SalaryPct, 'f', -1, 64))
	r.promotion = widget.NewCheck(tr("sheet.promotion"), nil)
	r.promotion.SetChecked(rule.Promotion)
	r.training = widget.NewCheck(tr("sheet.training"), nil)
	r.training.SetChecked(rule.Training)
	r.msg = widget.NewLabel("")
	r.msg.Importance = widget.DangerImportance
	r.msg.SizeName = theme.SizeNameCaptionText
	r.msg.Hide()
	te.grades = append(te.grades, r)
	fixed := func(o fyne.CanvasObject, w float32) fyne.CanvasObject {
		return container.NewGridWrap(fyne.NewSize(w, o.MinSize().Height), o)
	}
	te.gradesBox.Add(container.NewVBox(container.NewHBox(
		widget.NewLabel(tr("field.grade_code")), fixed(r.code, 56), widget.NewLabel("≥"), fixed(r.min, 64),
		fixed(r.label, 110), fixed(r.labelEn, 150), widget.NewLabel(tr("field.salary_pct")), fixed(r.salary, 64),
		r.promotion, r.training), r.msg))
}

// number reads a number field; text that is not a number reads as NaN,
// which the model refuses with a message on that field.
func number(e *entry) (float64, bool) {
	v, err := model.ParseNumber(e.Text)
	if err != nil {
		return math.NaN(), false
	}
	return v, true
}

// totals shows the weight sums and by how much they are off.
func (te *templateEditor) totals() {
	show := func(l *widget.Label, sum float64) {
		sum = model.Round(sum, 1)
		s := strconv.FormatFloat(sum, 'f', -1, 64)
		if sum == 100 {
			l.Importance = widget.SuccessImportance
			l.SetText(tr("template.sum", "Sum", s))
			return
		}
		diff := strconv.FormatFloat(model.Round(sum-100, 1), 'f', -1, 64)
		if sum > 100 {
			diff = "+" + diff
		}
		l.Importance = widget.DangerImportance
		l.SetText(tr("template.sum_off", "Sum", s, "Diff", diff))
	}
	sum := 0.0
	for _, r := range te.rows {
		if v, ok := number(r.weight); ok {
			sum += v
		}
	}
	show(te.sum, sum)
	msum := 0.0
	for _, e := range te.methods {
		if v, ok := number(e); ok {
			msum += v
		}
	}
	show(te.msum, msum)
}

// collect builds the template from the editor.
func (te *templateEditor) collect() *model.Template {
	t := *te.t
	t.Name = te.name.Text
	t.Items = nil
	for i, r := range te.rows {
		w, _ := number(r.weight)
		points := 0.0
		if strings.TrimSpace(r.points.Text) != "" {
			points, _ = number(r.points)
		}
		key := r.key
		if key == "" {
			key = fmt.Sprintf("item%d", i+1)
		}
		t.Items = append(t.Items, model.Item{Key: key, Dimension: r.dim.value(), Name: r.name.Text, NameEn: r.nameEn.Text,
			Standard: r.std.Text, StandardEn: r.stdEn.Text, Question: r.question.Text, QuestionEn: r.questionEn.Text,
			Weight: w, NoCustomer: r.noCust.Checked, Measure: r.measure.value(), ComplaintPoints: points})
	}
	vals := [3]float64{}
	for i, e := range te.methods {
		vals[i], _ = number(e)
	}
	t.Methods = model.MethodWeights{Self: vals[0], Supervisor: vals[1], Customer: vals[2]}
	t.Grades, t.Rules = nil, nil
	for _, g := range te.grades {
		min, _ := number(g.min)
		pct, _ := number(g.salary)
		code := strings.ToUpper(strings.TrimSpace(g.code.Text))
		t.Grades = append(t.Grades, model.GradeBand{Code: code, Min: min, Label: g.label.Text, LabelEn: g.labelEn.Text})
		t.Rules = append(t.Rules, model.OutcomeRule{Grade: code, SalaryPct: pct, Promotion: g.promotion.Checked, Training: g.training.Checked})
	}
	return &t
}

func (te *templateEditor) save() {
	t := te.collect()
	s := te.s
	for _, r := range te.rows {
		r.msg.Hide()
	}
	for _, g := range te.grades {
		g.msg.Hide()
	}
	s.u.background(func() error { return s.u.store.SaveTemplate(t) }, func(err error) {
		if fes, ok := model.AsFieldErrors(err); ok {
			te.showErrors(fes)
			return
		}
		if err != nil {
			s.u.showError(err)
			return
		}
		te.dlg.Hide()
		s.templateEditor = nil
		s.status.SetText(tr("template.saved", "Name", t.Name, "V", t.Version))
		s.loadTemplates()
	})
}

// showErrors puts row errors under their row and the rest in the banner.
func (te *templateEditor) showErrors(fes model.FieldErrors) {
	l := te.s.u.labels()
	var other []string
	for _, fe := range fes {
		alone := model.FieldErrors{{Field: fe.Field, Code: fe.Code, Arg: fe.Arg}}
		var msg *widget.Label
		switch fe.Field {
		case model.FieldItemKey, model.FieldItemName, model.FieldDimension, model.FieldWeight, model.FieldItemNameEn,
			model.FieldStandard, model.FieldStandardEn, model.FieldQuestion, model.FieldQuestionEn,
			model.FieldMeasure, model.FieldComplaintPoints:
			if fe.Row > 0 && fe.Row <= len(te.rows) {
				msg = te.rows[fe.Row-1].msg
			}
		case model.FieldGradeCode, model.FieldGradeMin, model.FieldSalaryPct, model.FieldGradeLabel, model.FieldGradeLabelEn:
			if fe.Row > 0 && fe.Row <= len(te.grades) {
				msg = te.grades[fe.Row-1].msg
			}
		}
		if msg == nil {
			other = append(other, l.Explain(model.FieldErrors{fe}))
			continue
		}
		msg.SetText(l.Explain(alone))
		msg.Show()
	}
	te.banner.SetText(strings.Join(append([]string{tr("err.form")}, other...), "\n"))
	te.banner.Show()
}
