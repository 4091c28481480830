package ui

import (
	"strconv"
	"strings"

	"advisordesk/model"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// outcomeDialog confirms the use of results for one participant (salary
// change, promotion, training), starting from HR's earlier decision or the
// rules' suggestion.
type outcomeDialog struct {
	a       *appraisalScreen
	advisor *model.Advisor
	o       model.Outcome // as opened: the earlier decision or the suggestion

	form         *form
	salary       *entry
	promo, train *widget.Check
	remark       *entry
	dlg          dialog.Dialog
}

func newOutcomeDialog(a *appraisalScreen, advisor *model.Advisor) *outcomeDialog {
	d := a.data
	r := model.Score(d.Template, d.Evals[advisor.ID])
	o := model.Suggest(d.Template, r.Grade.Code)
	note := tr("appraisal.suggested", "Grade", r.Grade.Code)
	if got := d.Outcomes[advisor.ID]; got != nil {
		o, note = *got, ""
	}
	o.CycleID, o.AdvisorID = d.Cycle.ID, advisor.ID
	od := &outcomeDialog{a: a, advisor: advisor, o: o, form: newForm()}
	od.salary = newEntry(a.u)
	od.salary.SetText(strconv.FormatFloat(o.SalaryPct, 'f', -1, 64))
	od.promo = widget.NewCheck(tr("sheet.promotion"), nil)
	od.promo.SetChecked(o.Promotion)
	od.train = widget.NewCheck(tr("sheet.training"), nil)
	od.train.SetChecked(o.Training)
	od.remark = newEntry(a.u)
	od.remark.SetText(o.Note)
	od.form.add(model.FieldSalaryPct, od.salary, true)
	od.form.add("promotion", od.promo, false)
	od.form.add("training", od.train, false)
	od.form.add("note", od.remark, false)
	total, grade := strconv.FormatFloat(r.Total, 'f', 1, 64), a.u.gradeText(r.Grade)
	if !r.Scored {
		total, grade = noScore, noScore
	}
	parts := []string{tr("sheet.total") + " " + total, tr("sheet.grade") + " " + grade}
	if note != "" {
		parts = append(parts, note)
	}
	hint := widget.NewLabel(strings.Join(parts, " · "))
	hint.Wrapping = fyne.TextWrapWord
	confirm := widget.NewButton(tr("action.confirm"), od.confirm)
	confirm.Importance = widget.HighImportance
	cancel := widget.NewButton(tr("action.cancel"), func() { od.dlg.Hide() })
	od.dlg = dialog.NewCustomWithoutButtons(tr("appraisal.outcome_title", "Name", advisor.Name),
		container.NewBorder(hint, container.NewHBox(layout.NewSpacer(), cancel, confirm), nil, nil, od.form.content()), a.u.win)
	od.dlg.Resize(fyne.NewSize(460, 0))
	a.u.modalKeys(od.dlg, od.confirm, func() { od.dlg.Hide() })
	od.dlg.Show()
	return od
}

// refused marks the fields. A message under a field makes the form
// taller: the dialog grows with it, or the buttons would sit over the last
// rows.
func (od *outcomeDialog) refused(fes model.FieldErrors) {
	od.form.showErrors(fes, od.a.u.labels())
	od.dlg.Resize(fyne.NewSize(460, 0))
}

func (od *outcomeDialog) confirm() {
	v, err := model.ParseNumber(od.salary.Text)
	if err != nil {
		od.refused(model.FieldErrors{{Field: model.FieldSalaryPct, Code: model.CodeNumber}})
		return
	}
	out := od.o
	out.SalaryPct, out.Promotion, out.Training, out.Note, out.ConfirmedBy = v, od.promo.Checked, od.train.Checked, od.remark.Text, od.a.u.store.Who().Name
	a := od.a
	a.u.background(func() error { return a.u.store.ConfirmOutcome(&out) }, func(err error) {
		if fes, ok := model.AsFieldErrors(err); ok {
			od.refused(fes)
			return
		}
		if err != nil {
			a.u.showError(err)
			return
		}
		od.dlg.Hide()
		a.status.SetText(tr("appraisal.outcome_saved", "Name", od.advisor.Name))
		a.open(a.data.Cycle.ID)
	})
}
