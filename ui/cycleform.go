package ui

import (
	"slices"

	"advisordesk/i18n"
	"advisordesk/model"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// cycleForm is the appraisal screen's "cycle" tab: a cycle's name, period,
// dates, template and participants, its stage, and the buttons that move
// the stage on or reopen a published cycle.
type cycleForm struct {
	a       *appraisalScreen
	editing *model.Cycle // the form's cycle (ID 0: new)
	loaded  *model.Cycle // editing as it was opened, to tell unsaved changes
	groups  []participantGroup
	picker  *participantPicker // the open "choose by hand" dialog, for tests

	form                  *form
	name, start, end      *entry
	period                *choice[model.Period]
	template              *widget.Select
	group                 *widget.Select
	participants          *widget.Label
	addBtn, byHand, clear *widget.Button // change the participants: off in a published cycle
	stage                 *widget.Label
	next, reopen, saveBtn *widget.Button
}

// participantGroup is one choice of "add participants by …".
type participantGroup struct {
	label string
	match func(*model.Advisor) bool
}

func newCycleForm(a *appraisalScreen) *cycleForm {
	u := a.u
	f := &cycleForm{a: a, form: newForm()}
	f.name, f.start, f.end = newEntry(u), newEntry(u), newEntry(u)
	f.start.SetPlaceHolder(tr("form.hint_date"))
	f.end.SetPlaceHolder(tr("form.hint_date"))
	f.period = newChoice(model.Periods, "period.")
	f.period.OnChanged = func(string) { f.fillPeriod() }
	f.template = widget.NewSelect(nil, nil)
	f.template.PlaceHolder = tr("select.none")
	f.group = widget.NewSelect(nil, nil)
	f.group.PlaceHolder = tr("select.none")
	f.participants = widget.NewLabel("")
	f.addBtn = widget.NewButton(tr("appraisal.add_group"), f.addGroup)
	f.byHand = widget.NewButton(tr("appraisal.choose"), f.chooseByHand)
	f.clear = widget.NewButton(tr("appraisal.clear"), f.clearParticipants)
	f.form.add(model.FieldCycleName, f.name, true)
	f.form.add(model.FieldPeriod, f.period, true)
	f.form.add(model.FieldStart, f.start, true)
	f.form.add(model.FieldEnd, f.end, true)
	f.form.add(model.FieldTemplate, f.template, true)
	f.form.add(model.FieldParticipants, container.NewVBox(f.participants,
		container.NewBorder(nil, nil, nil, container.NewHBox(f.addBtn, f.byHand, f.clear), f.group)), true)
	f.stage = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	f.saveBtn = widget.NewButtonWithIcon(tr("action.save"), theme.DocumentSaveIcon(), f.save)
	f.saveBtn.Importance = widget.HighImportance
	f.next = widget.NewButtonWithIcon("", theme.MediaFastForwardIcon(), f.confirmNext)
	f.reopen = widget.NewButtonWithIcon(tr("appraisal.reopen"), theme.ViewRefreshIcon(), f.askReopen)
	return f
}

func (f *cycleForm) content() fyne.CanvasObject {
	return container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), container.NewHBox(f.saveBtn, f.next, f.reopen)),
		nil, nil, container.NewVScroll(container.NewVBox(f.stage, f.form.content())))
}

// showTemplates offers the templates as they were last read.
func (f *cycleForm) showTemplates() {
	f.template.Options = f.a.templateNames()
	f.template.Refresh()
}

// groupsFrom offers "all active" and one group per role, employment type
// and department found on the roster.
func (f *cycleForm) groupsFrom(roster []*model.Advisor) {
	active := func(a *model.Advisor) bool { return a.Status == model.Active }
	groups := []participantGroup{{tr("appraisal.group_all"), active}}
	for _, r := range model.Roles {
		groups = append(groups, participantGroup{tr("field.role") + tr("sep.colon") + tr("role."+string(r)),
			func(a *model.Advisor) bool { return active(a) && a.Role == r }})
	}
	for _, e := range model.Employments {
		groups = append(groups, participantGroup{tr("field.employment") + tr("sep.colon") + tr("employment."+string(e)),
			func(a *model.Advisor) bool { return active(a) && a.Employment == e }})
	}
	var depts []string
	for _, a := range roster {
		if a.Department != "" && !slices.Contains(depts, a.Department) {
			depts = append(depts, a.Department)
		}
	}
	slices.Sort(depts)
	for _, d := range depts {
		groups = append(groups, participantGroup{tr("field.department") + tr("sep.colon") + d,
			func(a *model.Advisor) bool { return active(a) && a.Department == d }})
	}
	f.groups = groups
	var labels []string
	for _, g := range groups {
		labels = append(labels, g.label)
	}
	f.group.Options = labels
	f.group.Refresh()
}

// edit fills the form with c.
func (f *cycleForm) edit(c *model.Cycle) {
	f.editing = c
	loaded := *c
	loaded.Participants = slices.Clone(c.Participants)
	f.loaded = &loaded
	f.form.clearErrors()
	f.name.SetText(c.Name)
	f.period.set(c.Period)
	f.start.SetText(string(c.Start))
	f.end.SetText(string(c.End))
	f.template.ClearSelected()
	for i, t := range f.a.templates {
		if t.ID == c.TemplateID {
			f.template.SetSelectedIndex(i)
		}
	}
	if c.ID == 0 && f.a.roster == nil {
		f.a.loadRoster()
	}
	f.showParticipants()
	f.showStage()
}

// fillPeriod proposes the dates of the chosen period around the start date.
func (f *cycleForm) fillPeriod() {
	p := f.period.value()
	if p == "" || p == model.Custom || f.editing == nil {
		return
	}
	day, err := model.ParseDate(f.start.Text)
	if err != nil || day == "" {
		day = f.a.u.store.Today()
	}
	start, end := model.PeriodDates(p, day)
	f.start.SetText(string(start))
	f.end.SetText(string(end))
}

func (f *cycleForm) showParticipants() {
	n := 0
	if f.editing != nil {
		n = len(f.editing.Participants)
	}
	f.participants.SetText(tr("appraisal.participants_n", "N", i18n.Count(n)))
}

// locked tells whether the cycle in the form is published: read only until
// it is reopened with a reason (storage refuses a save too).
func (f *cycleForm) locked() bool {
	return f.editing != nil && f.editing.ID != 0 && f.editing.Stage == model.Published
}

func (f *cycleForm) showStage() {
	c := f.editing
	locked := f.locked()
	f.stage.SetText(tr("field.stage") + tr("sep.colon") + tr("stage."+string(c.Stage)))
	f.a.title.SetText(c.Name + "  ·  " + tr("stage."+string(c.Stage)))
	if c.ID == 0 {
		f.a.title.SetText(tr("appraisal.new_cycle"))
	}
	if locked {
		f.stage.SetText(f.stage.Text + "  " + tr("appraisal.published_locked"))
	}
	// Cycles are run by those who hold the permission; others read them.
	runs := f.a.u.can(model.PermRunAppraisal)
	for _, b := range []*widget.Button{f.saveBtn, f.addBtn, f.byHand, f.clear} {
		setEnabled(b, !locked && runs)
	}
	if next := c.Stage.Next(); next != "" && c.ID != 0 && runs {
		f.next.SetText(tr("appraisal.next", "Stage", tr("stage."+string(next))))
		f.next.Show()
	} else {
		f.next.Hide()
	}
	if locked && runs {
		f.reopen.Show()
	} else {
		f.reopen.Hide()
	}
}

func (f *cycleForm) addGroup() {
	i := f.group.SelectedIndex()
	if i < 0 || f.editing == nil || f.locked() {
		return
	}
	for _, a := range f.a.roster {
		if f.groups[i].match(a) && !slices.Contains(f.editing.Participants, a.ID) {
			f.editing.Participants = append(f.editing.Participants, a.ID)
		}
	}
	f.showParticipants()
}

func (f *cycleForm) clearParticipants() {
	if f.editing != nil && !f.locked() {
		f.editing.Participants = nil
		f.showParticipants()
	}
}

// chooseByHand opens the picker on the participants of the cycle in the form.
func (f *cycleForm) chooseByHand() {
	if f.editing == nil || f.locked() {
		return
	}
	p := newParticipantPicker(f.a.u, f.editing.Participants, func(ids []uint64) {
		f.editing.Participants = ids
		f.showParticipants()
	})
	f.picker = p
	p.dlg.Show()
	p.list.reload()
}

// collect reads the form.
func (f *cycleForm) collect() (*model.Cycle, model.FieldErrors) {
	c := *f.editing
	var errs model.FieldErrors
	c.Name, c.Period = f.name.Text, f.period.value()
	c.Start, c.End = dateIn(f.start, model.FieldStart, &errs), dateIn(f.end, model.FieldEnd, &errs)
	if i := f.template.SelectedIndex(); i >= 0 {
		c.TemplateID = f.a.templates[i].ID
	}
	return &c, errs
}

func (f *cycleForm) save() { f.saveThen(nil, nil) }

// saveThen is save that runs done after a save and refused after a refusal.
func (f *cycleForm) saveThen(done, refused func()) {
	if f.editing == nil {
		return
	}
	c, errs := f.collect()
	a := f.a
	if errs != nil {
		f.form.showErrors(allProblems(c, errs, a.u.store.Today()), a.u.labels())
		if refused != nil {
			refused()
		}
		return
	}
	f.form.submitThen(a.u, func() error { return a.u.store.SaveCycle(c) }, func() {
		a.status.SetText(tr("appraisal.saved", "Name", c.Name))
		a.list.selected = c.ID
		a.list.reload()
		a.open(c.ID)
		if done != nil {
			done()
		}
	}, refused)
}

// changed reports whether the cycle's settings differ from what was opened
// (a published cycle cannot be saved, so it has nothing to lose).
func (f *cycleForm) changed() bool {
	o := f.loaded
	if f.editing == nil || o == nil || (o.ID != 0 && o.Stage == model.Published) {
		return false
	}
	c, errs := f.collect()
	return errs != nil || c.Name != o.Name || c.Period != o.Period || c.Start != o.Start || c.End != o.End ||
		c.TemplateID != o.TemplateID || !slices.Equal(c.Participants, o.Participants)
}

// confirmNext asks before moving the cycle on; before publishing it says
// how many participants' evaluations are still incomplete.
func (f *cycleForm) confirmNext() {
	c := f.editing
	if c == nil || c.ID == 0 || c.Stage.Next() == "" {
		return
	}
	next := c.Stage.Next()
	msg := tr("appraisal.next_confirm", "Name", c.Name, "Stage", tr("stage."+string(next)))
	confirm := tr("appraisal.next", "Stage", tr("stage."+string(next)))
	if next == model.Published {
		msg += "\n" + tr("appraisal.publish_warning")
		all := f.a.results.all
		incomplete, unscored := 0, 0
		for _, r := range all {
			if !r.Result.Complete {
				incomplete++
			}
			if !r.Result.Scored {
				unscored++
			}
		}
		if incomplete > 0 {
			msg += "\n\n" + tr("appraisal.publish_incomplete", "N", i18n.Count(incomplete), "Total", i18n.Count(len(all)), "None", i18n.Count(unscored))
			confirm = tr("appraisal.publish_anyway")
		}
	}
	f.a.u.confirm(tr("field.stage"), msg, confirm, f.advance)
}

func (f *cycleForm) advance() {
	a, id := f.a, f.editing.ID
	var c *model.Cycle
	a.u.background(func() (err error) {
		c, err = a.u.store.AdvanceCycle(id, a.u.store.Who().Name)
		return err
	}, func(err error) {
		if err != nil {
			a.u.showError(err)
			return
		}
		a.status.SetText(tr("stage." + string(c.Stage)))
		a.list.reload()
		a.open(id)
	})
}

func (f *cycleForm) askReopen() {
	reason := newMultiLineEntry(f.a.u)
	reason.SetMinRowsVisible(3)
	msg := widget.NewLabel(tr("appraisal.reopen_reason"))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(tr("appraisal.reopen"), tr("action.confirm"), tr("action.cancel"),
		container.NewVBox(msg, reason), func(ok bool) {
			if ok {
				f.reopenWith(reason.Text)
			}
		}, f.a.u.win)
	d.Resize(fyne.NewSize(440, 0))
	d.Show()
}

func (f *cycleForm) reopenWith(reason string) {
	a, id := f.a, f.editing.ID
	a.u.background(func() error {
		_, err := a.u.store.ReopenCycle(id, a.u.store.Who().Name, reason)
		return err
	}, func(err error) {
		if err != nil {
			a.u.showError(err)
			return
		}
		a.list.reload()
		a.open(id)
	})
}
