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

// calendarScreen is HR's office calendar: the year's public holidays and
// the weekend days worked instead (调休), which complaint deadlines are
// counted in, and the deadlines themselves by severity.
type calendarScreen struct {
	*recordScreen[model.CalendarDay]
	rules *rulesDialog // the deadlines dialog last opened
}

func newCalendarScreen(u *App) *calendarScreen {
	s := &calendarScreen{}
	st := recordStore[model.CalendarDay]{find: u.store.FindCalendar, save: u.store.SaveCalendarDay,
		remove: u.store.DeleteCalendarDay}
	s.recordScreen = newRecordScreen(u, model.CalendarRecord, st, func(d *model.CalendarDay) uint64 { return d.ID },
		model.FieldCalKind)
	s.name = func(d *model.CalendarDay) string { return string(d.Date) + " " + d.Name }
	s.keys.add, s.keys.formNew, s.keys.selectHint = "calendar.add", "calendar.form_new", "calendar.select_hint"
	s.list.q.Desc = true // this year's days first
	s.fresh = func() *model.CalendarDay { return &model.CalendarDay{Kind: model.DayHoliday} }
	note := widget.NewLabel(tr("calendar.note"))
	note.Wrapping = fyne.TextWrapWord
	note.Importance = widget.LowImportance
	s.below = []fyne.CanvasObject{widget.NewSeparator(), container.NewPadded(note)}
	s.tools = []fyne.CanvasObject{widget.NewButtonWithIcon(tr("calendar.rules_button"), theme.SettingsIcon(), func() {
		s.rules = newRulesDialog(u, s.status)
	})}
	return s
}

// rulesDialog edits the complaint deadlines: for each severity, the
// working days to contact the customer, to report the outcome and after
// which the complaint goes up to HR. Every problem is marked beneath its
// own cell at once, and nothing is saved.
type rulesDialog struct {
	u      *App
	dlg    dialog.Dialog
	inputs map[model.Severity][3]*entry
	msgs   map[model.Severity][3]*widget.Label
}

func newRulesDialog(u *App, status *widget.Label) *rulesDialog {
	d := &rulesDialog{u: u, inputs: map[model.Severity][3]*entry{}, msgs: map[model.Severity][3]*widget.Label{}}
	rules, err := u.store.ComplaintRules()
	if err != nil {
		u.showError(err)
		return d
	}
	grid := container.New(layout.NewGridLayout(4), widget.NewLabel(""),
		boldLabel(tr("field.complaint_rule_contact")), boldLabel(tr("field.complaint_rule_outcome")),
		boldLabel(tr("field.complaint_rule_escalate")))
	for _, sev := range model.Severities {
		r := rules[sev]
		var in [3]*entry
		var msgs [3]*widget.Label
		grid.Add(container.NewVBox(boldLabel(tr("complaint_severity." + string(sev)))))
		for i, v := range []int{r.Contact, r.Outcome, r.Escalate} {
			in[i] = newEntry(u)
			in[i].SetText(strconv.Itoa(v))
			msgs[i] = widget.NewLabel("")
			msgs[i].Importance = widget.DangerImportance
			msgs[i].SizeName = theme.SizeNameCaptionText
			msgs[i].Wrapping = fyne.TextWrapWord
			msgs[i].Hide()
			grid.Add(container.NewVBox(in[i], msgs[i]))
		}
		d.inputs[sev], d.msgs[sev] = in, msgs
	}
	title := widget.NewLabelWithStyle(tr("calendar.rules"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	save := widget.NewButtonWithIcon(tr("calendar.rules_save"), theme.DocumentSaveIcon(), func() {
		if r, ok := d.read(); ok {
			u.background(func() error { return u.store.SetComplaintRules(r) }, func(err error) {
				if err != nil {
					u.showError(err)
					return
				}
				d.dlg.Hide()
				status.SetText(tr("calendar.rules_saved"))
			})
		}
	})
	save.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(tr("action.cancel"), theme.CancelIcon(), func() { d.dlg.Hide() })
	// The messages grow the grid: it scrolls above the buttons, never
	// under them.
	d.dlg = dialog.NewCustomWithoutButtons(tr("calendar.rules_button"),
		container.NewBorder(title, container.NewHBox(layout.NewSpacer(), cancel, save), nil, nil,
			container.NewVScroll(grid)), u.win)
	d.dlg.Resize(fyne.NewSize(720, 400))
	u.dialogKeys(d.dlg, map[string]func(){keyEscape: d.dlg.Hide})
	d.dlg.Show()
	return d
}

func boldLabel(s string) *widget.Label {
	l := widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Wrapping = fyne.TextWrapWord
	return l
}

// read takes the rules from the inputs and marks every cell that is not
// a whole number or lies out of its bounds or order, all at once.
func (d *rulesDialog) read() (model.ComplaintRules, bool) {
	rules, ok := model.ComplaintRules{}, true
	l := d.u.labels()
	for _, sev := range model.Severities {
		var v [3]int
		found := map[string]*model.FieldError{}
		for i, in := range d.inputs[sev] {
			n, err := strconv.Atoi(strings.TrimSpace(in.Text))
			if err != nil {
				found[model.RuleSteps[i]] = &model.FieldError{Field: model.RuleSteps[i], Code: model.CodeCount}
			}
			v[i] = n
		}
		r := model.SeverityRule{Contact: v[0], Outcome: v[1], Escalate: v[2]}
		for _, fe := range r.Problems() {
			if found[fe.Field] == nil {
				found[fe.Field] = fe
			}
		}
		for i, msg := range d.msgs[sev] {
			if fe := found[model.RuleSteps[i]]; fe != nil {
				msg.SetText(l.Message(fe))
				msg.Show()
				ok = false
			} else {
				msg.Hide()
			}
		}
		rules[sev] = r
	}
	return rules, ok
}
