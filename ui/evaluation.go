package ui

import (
	"strconv"
	"strings"

	"advisordesk/model"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// evaluationForm enters one appraisal form for a participant: the self or
// the supervisor evaluation, or a customer's paper form by its serial.
type evaluationForm struct {
	a       *appraisalScreen
	advisor *model.Advisor
	forms   []*model.Evaluation // the choices of the "form" select, nil for a new one
	methods []model.Method
	editing *model.Evaluation

	choose                     *widget.Select
	serial, date, by, customer *entry
	comment                    *entry
	scores                     map[string]*entry
	// suggest shows, under each item a template maps to a number of the
	// work process, the score those numbers suggest and a button to take it.
	suggest            map[string]*suggestion
	numbers            *model.Numbers // the advisor's figures for the cycle's period, once read
	form               *form
	dlg                dialog.Dialog
	deleteBtn, saveBtn *widget.Button
	loaded             string        // the fields as loaded: what "unsaved" is measured against
	ask                dialog.Dialog // the open save / discard / cancel question, for tests
}

// newEvaluationForm opens the forms of advisor in the open cycle.
func newEvaluationForm(a *appraisalScreen, advisor *model.Advisor) *evaluationForm {
	ef := &evaluationForm{a: a, advisor: advisor}
	ef.choose = widget.NewSelect(ef.choices(), func(string) { ef.load() })
	ef.show()
	return ef
}

// choices are the forms to choose from: self and supervisor (existing or
// new), a new customer form, and each customer form already entered.
func (ef *evaluationForm) choices() []string {
	evals := ef.a.data.Evals[ef.advisor.ID]
	var labels []string
	existing := func(m model.Method) *model.Evaluation {
		for i, e := range evals {
			if e.Method == m {
				return &evals[i]
			}
		}
		return nil
	}
	for _, m := range []model.Method{model.SelfEval, model.SupervisorEval} {
		labels = append(labels, tr("method."+string(m)))
		ef.forms, ef.methods = append(ef.forms, existing(m)), append(ef.methods, m)
	}
	labels = append(labels, tr("appraisal.form_new_customer"))
	ef.forms, ef.methods = append(ef.forms, nil), append(ef.methods, model.CustomerEval)
	for i, e := range evals {
		if e.Method == model.CustomerEval {
			labels = append(labels, tr("appraisal.form_customer", "Serial", e.Serial))
			ef.forms, ef.methods = append(ef.forms, &evals[i]), append(ef.methods, model.CustomerEval)
		}
	}
	return labels
}

func (ef *evaluationForm) show() {
	s, u := ef.a, ef.a.u
	t := s.data.Template
	ef.form = newForm()
	ef.serial, ef.date, ef.by, ef.customer = newEntry(u), newEntry(u), newEntry(u), newEntry(u)
	ef.comment = newMultiLineEntry(u)
	ef.comment.SetMinRowsVisible(3)
	ef.form.add(model.FieldSerial, ef.serial, true)
	ef.form.add(model.FieldDate, ef.date, true)
	ef.scores = map[string]*entry{}
	ef.suggest = map[string]*suggestion{}
	for i := range t.Items {
		it := &t.Items[i]
		e := newEntry(u)
		e.SetPlaceHolder("0–100")
		ef.scores[it.Key] = e
		var input fyne.CanvasObject = e
		if it.Measure != model.MeasureNone {
			sg := newSuggestion(e)
			ef.suggest[it.Key] = sg
			input = container.NewVBox(e, sg.row)
		}
		ff := ef.form.add(model.FieldScore, input, true)
		ff.label = tr("dimension."+string(it.Dimension)) + " · " + it.Label(u.lang) + " (" + pct(it.Weight) + ")"
		ff.row = i + 1
		e.OnChanged = func(string) { ef.checkScore(ff, e) }
	}
	ef.form.add(model.FieldComment, ef.comment, false)
	ef.form.add("customer", ef.customer, false)
	ef.form.add("entered_by", ef.by, false)
	ef.deleteBtn = widget.NewButton(tr("appraisal.delete_form"), ef.delete)
	ef.deleteBtn.Importance = widget.DangerImportance
	save := widget.NewButton(tr("action.save"), ef.save)
	save.Importance = widget.HighImportance
	ef.saveBtn = save
	if s.data.Cycle.Stage == model.Published { // locked: the forms can be read, not changed
		save.Disable()
		ef.deleteBtn.Disable()
	}
	cancel := widget.NewButton(tr("action.cancel"), ef.close)
	top := widget.NewForm(widget.NewFormItem(tr("appraisal.form"), ef.choose))
	body := container.NewBorder(top, container.NewHBox(ef.deleteBtn, layout.NewSpacer(), cancel, save), nil, nil,
		container.NewVScroll(ef.form.content()))
	ef.dlg = dialog.NewCustomWithoutButtons(tr("appraisal.evaluation_title", "Name", ef.advisor.Name+" "+ef.advisor.EmpNo), body, u.win)
	ef.dlg.Resize(fyne.NewSize(640, 680))
	u.modalKeys(ef.dlg, ef.save, ef.close)
	ef.dlg.Show()
	// Open on the first form the cycle's stage accepts.
	first := 0
	for i, m := range ef.methods {
		if s.data.Cycle.Accepts(m) {
			first = i
			break
		}
	}
	ef.choose.SetSelectedIndex(first)
	ef.readNumbers()
}

// readNumbers reads the advisor's figures for the cycle's period in the
// background, when the template maps an item to them.
func (ef *evaluationForm) readNumbers() {
	if len(ef.suggest) == 0 {
		return
	}
	u, c := ef.a.u, ef.a.data.Cycle
	var n model.Numbers
	u.background(func() (err error) {
		n, err = u.store.AdvisorNumbers(ef.advisor.ID, c.Start, c.End)
		return err
	}, func(err error) {
		if err != nil {
			for _, sg := range ef.suggest {
				sg.note.SetText(tr("suggest.unread"))
				sg.row.Show()
			}
			return
		}
		ef.numbers = &n
		ef.showSuggestions()
	})
}

// suggestion is the line under a mapped item's score: what the numbers
// suggest, from where, and a button that puts it in the score.
type suggestion struct {
	note   *widget.Label
	accept *widget.Button
	row    *fyne.Container
	score  float64
	ok     bool
}

func newSuggestion(e *entry) *suggestion {
	sg := &suggestion{note: widget.NewLabel("")}
	sg.note.SizeName = theme.SizeNameCaptionText
	sg.note.Wrapping = fyne.TextWrapWord
	sg.accept = widget.NewButton(tr("suggest.accept"), func() { e.SetText(strconv.FormatFloat(sg.score, 'f', -1, 64)) })
	sg.row = container.NewBorder(nil, nil, nil, sg.accept, sg.note)
	sg.row.Hide()
	return sg
}

// showSuggestions fills the suggestion lines of the chosen form; the
// customers' paper forms take no suggestions.
func (ef *evaluationForm) showSuggestions() {
	if ef.numbers == nil || ef.editing == nil {
		return
	}
	for _, it := range ef.a.data.Template.Items {
		sg := ef.suggest[it.Key]
		if sg == nil {
			continue
		}
		if ef.editing.Method == model.CustomerEval || !it.Rated(ef.editing.Method) {
			sg.row.Hide()
			continue
		}
		s, ok := ef.numbers.Suggest(&it)
		sg.score, sg.ok = s.Score, ok
		sg.note.SetText(suggestionText(s, ok, it.Measure))
		if ok && !ef.scores[it.Key].Disabled() {
			sg.accept.Show()
		} else {
			sg.accept.Hide()
		}
		sg.row.Show()
	}
}

// suggestionText says the suggested score and where it comes from, e.g.
// "Suggested 70 · satisfaction 4 of 5 × 20, less 5 for each founded complaint (2)".
func suggestionText(s model.Suggestion, ok bool, m model.Measure) string {
	if !ok {
		return tr("suggest.none." + string(m))
	}
	num := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	text := tr("suggest.score", "Score", num(s.Score)) + " · " + tr("suggest.from."+string(s.Measure), "Value", num(s.Value))
	if s.Founded > 0 && s.Points > 0 {
		text += tr("suggest.less", "N", s.Founded, "Points", num(s.Points))
	}
	return text
}

// load fills the form with the chosen evaluation, or an empty new one.
func (ef *evaluationForm) load() {
	i := ef.choose.SelectedIndex()
	if i < 0 {
		return
	}
	s := ef.a
	e := ef.forms[i]
	if e == nil {
		e = &model.Evaluation{CycleID: s.data.Cycle.ID, AdvisorID: ef.advisor.ID, Method: ef.methods[i],
			Date: s.u.store.Today(), EnteredBy: s.u.store.Who().Name, Scores: map[string]float64{}}
	}
	cp := *e
	ef.editing = &cp
	ef.form.clearErrors()
	ef.serial.SetText(e.Serial)
	ef.date.SetText(string(e.Date))
	ef.by.SetText(e.EnteredBy)
	ef.customer.SetText(e.Customer)
	ef.comment.SetText(e.Comment)
	if e.Method == model.CustomerEval {
		ef.serial.Enable()
		ef.customer.Enable()
	} else {
		ef.serial.Disable()
		ef.customer.Disable()
	}
	for _, it := range s.data.Template.Items {
		en := ef.scores[it.Key]
		if !it.Rated(e.Method) {
			en.SetText("")
			en.SetPlaceHolder(tr("appraisal.not_rated"))
			en.Disable()
			continue
		}
		en.Enable()
		en.SetPlaceHolder("0–100")
		if v, ok := e.Scores[it.Key]; ok {
			en.SetText(strconv.FormatFloat(v, 'f', -1, 64))
		} else {
			en.SetText("")
		}
	}
	if e.ID != 0 {
		ef.deleteBtn.Show()
	} else {
		ef.deleteBtn.Hide()
	}
	ef.showSuggestions()
	ef.loaded = ef.fields()
}

// fields is everything typed into the form, to tell whether it changed.
func (ef *evaluationForm) fields() string {
	parts := []string{ef.serial.Text, ef.date.Text, ef.by.Text, ef.customer.Text, ef.comment.Text}
	for _, it := range ef.a.data.Template.Items {
		parts = append(parts, ef.scores[it.Key].Text)
	}
	return strings.Join(parts, "\x00")
}

// checkScore marks a score as it is typed: a word, a value outside 0–100
// or a second decimal shows its message at once, not only on save.
func (ef *evaluationForm) checkScore(ff *formField, e *entry) {
	var msg string
	if strings.TrimSpace(e.Text) != "" {
		if _, err := model.ParseScore(e.Text); err != nil {
			msg = ef.a.u.labels().Message(err.(*model.FieldError))
		}
	}
	ff.msg.SetText(msg)
	if msg == "" {
		ff.msg.Hide()
	} else {
		ff.msg.Show()
	}
}

// close is Cancel and Esc: a form with unsaved changes asks first whether
// to save them, throw them away, or go on editing.
func (ef *evaluationForm) close() {
	if ef.saveBtn.Disabled() || ef.fields() == ef.loaded {
		ef.dlg.Hide()
		return
	}
	// The same question, buttons and keys as leaving a screen's form.
	u := ef.a.u
	var ask dialog.Dialog
	keep := widget.NewButtonWithIcon(tr("action.cancel"), theme.CancelIcon(), func() { ask.Hide() })
	discard := widget.NewButtonWithIcon(tr("unsaved.discard"), theme.DeleteIcon(), func() {
		ask.Hide()
		ef.dlg.Hide()
	})
	save := widget.NewButtonWithIcon(tr("unsaved.save"), theme.DocumentSaveIcon(), func() {
		ask.Hide()
		ef.save()
	})
	save.Importance = widget.HighImportance
	msg := widget.NewLabel(tr("appraisal.unsaved", "Name", ef.advisor.Name))
	msg.Wrapping = fyne.TextWrapWord
	ask = dialog.NewCustomWithoutButtons(tr("unsaved.title"),
		container.NewVBox(msg, container.NewHBox(layout.NewSpacer(), keep, discard, save)), u.win)
	ask.Resize(fyne.NewSize(480, 0))
	u.dialogKeys(ask, map[string]func(){keyEscape: keep.OnTapped, keyEnter: save.OnTapped, shortcutName(fyne.KeyS): save.OnTapped})
	ef.ask = ask
	ask.Show()
}

// collect reads the form; a score that is not a number comes back as an
// error on its row.
func (ef *evaluationForm) collect() (*model.Evaluation, model.FieldErrors) {
	e := *ef.editing
	var errs model.FieldErrors
	e.Date = dateIn(ef.date, model.FieldDate, &errs)
	e.Serial, e.EnteredBy, e.Customer, e.Comment = ef.serial.Text, ef.by.Text, ef.customer.Text, ef.comment.Text
	e.Scores = map[string]float64{}
	for i, it := range ef.a.data.Template.Items {
		txt := strings.TrimSpace(ef.scores[it.Key].Text)
		if !it.Rated(e.Method) || txt == "" {
			continue
		}
		v, err := model.ParseScore(txt)
		if fe, ok := err.(*model.FieldError); ok {
			fe.Row = i + 1
			errs = append(errs, fe)
			continue
		}
		e.Scores[it.Key] = v
	}
	// Keep what was suggested beside what was given.
	e.Suggested = nil
	for _, it := range ef.a.data.Template.Items {
		if sg := ef.suggest[it.Key]; sg != nil && sg.ok && sg.row.Visible() {
			if e.Suggested == nil {
				e.Suggested = map[string]float64{}
			}
			e.Suggested[it.Key] = sg.score
		}
	}
	// Every problem with what was typed at once, on the first save: the
	// form's own checks and the score rows against the template. Storage
	// runs them again, with the cycle's stage, in the saving transaction.
	check := e
	check.Normalize()
	if fes, ok := model.AsFieldErrors(check.Validate(ef.a.u.store.Today())); ok {
		errs = append(errs, fes...)
	}
	if fes, ok := model.AsFieldErrors(check.CheckAgainst(ef.a.data.Cycle, ef.a.data.Template)); ok {
		for _, fe := range fes {
			if fe.Field == model.FieldScore {
				errs = append(errs, fe)
			}
		}
	}
	return &e, errs
}

func (ef *evaluationForm) save() {
	e, errs := ef.collect()
	if errs != nil {
		ef.form.showErrors(errs, ef.a.u.labels())
		return
	}
	s := ef.a
	ef.form.submit(s.u, func() error { return s.u.store.SaveEvaluation(e) }, func() {
		ef.dlg.Hide()
		s.results.evaluation = nil
		s.status.SetText(tr("appraisal.saved", "Name", ef.advisor.Name+" · "+tr("method."+string(e.Method))))
		s.open(s.data.Cycle.ID)
	})
}

func (ef *evaluationForm) delete() {
	e := ef.editing
	if e == nil || e.ID == 0 {
		return
	}
	s := ef.a
	s.u.confirm(tr("appraisal.delete_form"), tr("appraisal.delete_form")+"?", tr("appraisal.delete_form"), func() {
		s.u.background(func() error { return s.u.store.DeleteEvaluation(e.ID) }, func(err error) {
			if err != nil {
				s.u.showError(err)
				return
			}
			ef.dlg.Hide()
			s.open(s.data.Cycle.ID)
		})
	})
}

func pct(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) + "%" }
