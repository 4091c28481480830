package ui

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"advisordesk/model"
	"advisordesk/report"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// FollowUps is what the reception log and the follow-up calls (chapter 4)
// ask of the store.
type FollowUps interface {
	FindReceptions(q model.ListQuery) ([]*model.Reception, int, error)
	// SaveReception saves a reception with, when not nil, the new customer
	// typed into the same form, and schedules the calls its outcome asks for.
	SaveReception(r *model.Reception, newCustomer *model.Customer) error
	FindCustomersByText(text string, limit int) ([]*model.Customer, error)
	DueFollowUps(q model.DueQuery) ([]model.DueCall, error)
	RecordFollowUp(f *model.FollowUp) error
	// DraftFollowUp starts a call arranged by hand to a customer: their
	// advisor, the caller the rules name, tomorrow; SaveFollowUp saves it.
	DraftFollowUp(customer uint64) (*model.FollowUp, error)
	SaveFollowUp(f *model.FollowUp) error
	FollowUpRules() (model.FollowUpRules, error)
	SaveFollowUpRules(r model.FollowUpRules) error
}

// followUpsScreen is the due list of follow-up calls (定期回访): the calls
// due today, overdue and this week, the person's own or their team's, each
// with where it stands (a letter task, missed) computed as it is read; a
// call chosen opens the form to record it. Its call list prints for the
// telephone; HR and supervisors edit the rules that schedule calls.
type followUpsScreen struct {
	u       *App
	list    *listView[model.DueCall]
	team    *choice[string] // a supervisor's: mine or the team's; HR's: the office's or mine
	horizon *choice[string] // how far ahead: the next 7 or 30 days
	only    *choice[string] // all, due today, past due
	calls   []model.DueCall // the due list as last read
	through model.Date      // its last due day
	rules   model.FollowUpRules
	// arranging is the last call arranged by hand; for tests
	arranging   *newCallDialog
	rulesDialog *followUpRulesDialog // the rules dialog last opened

	form      *form
	panel     *fyne.Container
	hint      *widget.Label
	split     *container.Split
	formBox   fyne.CanvasObject
	title     *widget.Label
	about     *widget.Label
	editing   *model.DueCall
	result    *choice[model.FollowUpResult]
	done      *entry
	score     *entry
	problem   *entry
	actor     *refInput
	actBy     *entry
	next      *entry
	notes     *entry
	status    *widget.Label
	saveBtn   *widget.Button
	dueColumn []column[model.DueCall]
	actions   *actionsView
	view      *choice[string] // calls due, or actions for me
}

func newFollowUpsScreen(u *App) *followUpsScreen {
	s := &followUpsScreen{u: u}
	text := func(f func(*model.DueCall) string) func(*model.DueCall) string { return f }
	s.dueColumn = []column[model.DueCall]{
		{"followup_state", 132, text(stateCell)},
		{model.FieldFUDue, 98, text(func(c *model.DueCall) string { return string(c.Due) })},
		{model.FieldFUCustomer, 80, text(func(c *model.DueCall) string { return c.Customer })},
		{model.FieldPhone, 122, text(func(c *model.DueCall) string { return c.Phone })},
		{model.FieldFUReason, 178, text(func(c *model.DueCall) string { return reasonText(c.FollowUp) })},
		{model.FieldFUCaller, 86, text(func(c *model.DueCall) string { return c.CallerName() })},
		{"last_contact", 104, text(func(c *model.DueCall) string { return string(c.LastContact) })},
	}
	s.list = newListView(u, s.dueColumn, s.find, func(c *model.DueCall) uint64 { return c.ID }, s.open)
	s.list.searchKey, s.list.countKey, s.list.emptyKey = "records.search", "records.count", "followup.list_empty"
	s.list.q.Sort = model.FieldFUDue
	reload := func(string) { s.list.q.Offset = 0; s.list.reload() }
	s.horizon = newChoice([]string{"week", "month"}, "followup.horizon.")
	s.horizon.set("week")
	s.horizon.OnChanged = reload
	s.only = newChoice([]string{"", model.DueToday, model.DuePast}, "followup.only.")
	s.only.Options[0] = tr("followup.only.all")
	s.only.SetSelectedIndex(0)
	s.only.OnChanged = reload
	s.list.tone = func(c *model.DueCall, col int) widget.Importance {
		if col == 0 && pastDue(c.State) {
			return widget.DangerImportance
		}
		return widget.MediumImportance
	}
	s.list.extra = []fyne.CanvasObject{s.only, s.horizon}
	switch u.store.Who().Role {
	case model.RoleSupervisor:
		s.team = newChoice([]string{"mine", "team"}, "followup.scope.")
		s.team.set("team")
	case model.RoleHR: // the office's calls, overdue ones above all
		s.team = newChoice([]string{"office", "mine"}, "followup.scope.")
		s.team.set("office")
	}
	if s.team != nil {
		s.team.OnChanged = reload
		s.list.extra = append(s.list.extra, s.team)
	}
	s.buildForm()
	// Calls due, or the actions calls asked of the person (ui/actions.go).
	s.actions = newActionsView(u)
	s.view = s.actions.viewChoice(s)
	return s
}

// pastDue reports a call past its day and not made: marked in the list.
func pastDue(st model.FollowUpState) bool {
	return model.DueQuery{Only: model.DuePast}.Keeps(st)
}

// stateCell is where a call stands, marked when past due.
func stateCell(c *model.DueCall) string {
	if pastDue(c.State) {
		return lateMark + tr("followup.state."+string(c.State))
	}
	return tr("followup.state." + string(c.State))
}

// showOnly lists the calls of the due list q asks for (whose: the
// person's, the team's or the office's; which: due today or past due):
// what Home's counts open.
func (s *followUpsScreen) showOnly(q model.DueQuery) {
	if s.team != nil {
		switch {
		case q.Office:
			s.team.set("office")
		case q.Team:
			s.team.set("team")
		default:
			s.team.set("mine")
		}
	}
	s.only.set(q.Only)
}

func reasonText(f *model.FollowUp) string {
	t := tr("followup.reason." + string(f.Reason))
	if f.Step != "" {
		n, _ := strconv.Atoi(f.Step[:len(f.Step)-1])
		unit := "followup.step_days"
		if strings.HasSuffix(f.Step, "m") {
			unit = "followup.step_months"
		}
		t += " · " + trN(unit, n)
	}
	return t
}

// callReason is why a call is made, in full: which call of its rules'
// sequence it is ("7-day call after a sale, step 1 of 4"), a key
// customer's regular call, or the reason alone (arranged by hand).
func callReason(f *model.FollowUp, rules *model.FollowUpRules) string {
	if f.Step == "" {
		return tr("followup.reason." + string(f.Reason))
	}
	n, _ := strconv.Atoi(f.Step[:len(f.Step)-1])
	if f.Reason == model.ReasonKey {
		return trN("followup.reason_every", n, "Days", n)
	}
	step := tr("followup.step_days_adj", "N", n)
	if strings.HasSuffix(f.Step, "m") {
		step = tr("followup.step_months_adj", "N", n)
	}
	event := tr("followup.event." + string(f.Reason))
	if i, of := rules.StepOf(f.Reason, f.Step); of > 1 {
		return tr("followup.reason_step", "Step", step, "Event", event, "N", i, "Of", of)
	}
	return tr("followup.reason_once", "Step", step, "Event", event)
}

// dueQuery is the list the screen asks for: the person's or their team's,
// a week or a month ahead.
func (s *followUpsScreen) dueQuery() model.DueQuery {
	q := model.DueQuery{Team: s.team != nil && s.team.value() == "team", Office: s.team != nil && s.team.value() == "office",
		Days: model.DefaultDueDays, Only: s.only.value()}
	if s.horizon.value() == "month" {
		q.Days = 30
	}
	return q
}

// find answers a page of the due list: the calls are read whole (a week's
// or a month's worth, through the store's index), then searched, sorted
// and paged here.
func (s *followUpsScreen) find(q model.ListQuery) ([]*model.DueCall, int, error) {
	dq := s.dueQuery()
	calls, err := s.u.store.DueFollowUps(dq)
	if err != nil {
		return nil, 0, err
	}
	rules, err := s.u.store.FollowUpRules()
	if err != nil {
		return nil, 0, err
	}
	s.calls, s.through, s.rules = calls, dq.Through(s.u.store.Today()), rules
	var rows []*model.DueCall
	text := strings.ToLower(strings.TrimSpace(q.Text))
	for i := range calls {
		c := &calls[i]
		if text == "" || strings.Contains(strings.ToLower(c.Customer+" "+c.Phone+" "+reasonText(c.FollowUp)+" "+c.CallerName()), text) {
			rows = append(rows, c)
		}
	}
	if col := slices.IndexFunc(s.dueColumn, func(c column[model.DueCall]) bool { return c.key == q.Sort }); col >= 0 {
		slices.SortStableFunc(rows, func(a, b *model.DueCall) int {
			x, y := s.dueColumn[col].text(a), s.dueColumn[col].text(b)
			if q.Desc {
				x, y = y, x
			}
			return strings.Compare(x, y)
		})
	}
	total := len(rows)
	rows = rows[min(q.Offset, total):]
	if q.Limit > 0 && len(rows) > q.Limit {
		rows = rows[:q.Limit]
	}
	return rows, total, nil
}

func (s *followUpsScreen) buildForm() {
	u := s.u
	s.form = newForm()
	s.about = widget.NewLabel("")
	s.about.Wrapping = fyne.TextWrapWord
	s.result = newChoice(model.FollowUpResults, "followup.result.")
	s.form.add(model.FieldFUResult, s.result, true)
	line := func(key, hint string, required bool) *entry {
		e := newEntry(u)
		e.SetPlaceHolder(hint)
		e.OnSubmitted = func(string) { s.save() }
		s.form.add(key, e, required)
		return e
	}
	s.done = line(model.FieldFUDone, tr("form.hint_date"), true)
	s.score = line(model.FieldSatisfaction, "1–5", false)
	s.problem = line(model.FieldProblem, "", false)
	s.actor = newRefInput(func(done func(uint64, string)) { newAdvisorPicker(u, done).show() })
	s.form.add(model.FieldFUActor, s.actor.object(), false)
	s.actBy = line(model.FieldActBy, tr("form.hint_date"), false)
	s.next = line(model.FieldFUNext, tr("form.hint_date"), false)
	s.notes = line(model.FieldNotes, "", false)
	s.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.status = widget.NewLabel("")
	s.status.Importance = widget.SuccessImportance
	s.status.Truncation = fyne.TextTruncateEllipsis
	s.saveBtn = widget.NewButtonWithIcon(tr("action.save"), theme.DocumentSaveIcon(), s.save)
	s.saveBtn.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(tr("action.cancel"), theme.CancelIcon(), s.close)
	s.formBox = container.NewBorder(container.NewVBox(s.title, s.about, widget.NewSeparator()),
		container.NewVBox(widget.NewSeparator(), container.NewHBox(s.saveBtn, cancel)), nil, nil,
		container.NewVScroll(s.form.content()))
	// The form shows beside the list only while a call is open: the list
	// needs the whole width for its columns otherwise.
	s.hint = widget.NewLabel(tr("followup.select_hint"))
	s.hint.Importance = widget.LowImportance
	s.hint.Truncation = fyne.TextTruncateEllipsis
	s.panel = container.NewPadded(s.formBox)
	s.panel.Hide()
}

func (s *followUpsScreen) content() fyne.CanvasObject {
	s.list.bindKeys(nil, s.save, func() { s.u.leave(s.close, nil) }) // a half-recorded call asks first
	s.u.editor = s
	bar := []fyne.CanvasObject{s.view}
	if s.u.can(model.PermCommunicate) {
		bar = append(bar, widget.NewButtonWithIcon(tr("followup.new"), theme.ContentAddIcon(), s.newCall))
	}
	if s.u.can(model.PermExportPersonal) {
		bar = append(bar, widget.NewButtonWithIcon(tr("followup.print"), theme.DocumentPrintIcon(), s.askPrint))
	}
	if r := s.u.store.Who().Role; r == model.RoleHR || r == model.RoleSupervisor {
		bar = append(bar, widget.NewButtonWithIcon(tr("followup.rules"), theme.SettingsIcon(), s.showRules))
	}
	// The hint and what a save says share the rest of the bar's one line.
	top := container.NewBorder(nil, nil, container.NewHBox(bar...), nil, container.NewGridWithColumns(2, s.hint, s.status))
	s.split = container.NewHSplit(s.list.content(), s.panel)
	s.split.Offset = 0.64
	s.list.reload()
	s.actions.apply(s, s.view.value())
	return container.NewBorder(container.NewPadded(top), nil, nil, nil, container.NewStack(s.split, s.actions.box))
}

// showActions opens the person's actions (Home's count of them).
func (s *followUpsScreen) showActions() { s.view.set("actions") }

// newCall arranges a call by hand (the call being recorded, if any, stays
// as it is); saved, it shows in the list when due within its reach.
func (s *followUpsScreen) newCall() {
	s.arranging = s.u.showNewCall(0, "", func(f *model.FollowUp) {
		s.status.SetText(tr("followup.arranged", "Name", f.Customer, "Due", string(f.Due)))
		s.list.reload()
	})
}

// open shows a call in the form, to record how it went.
func (s *followUpsScreen) open(c *model.DueCall) {
	cp := *c
	f := *c.FollowUp
	cp.FollowUp = &f
	s.editing = &cp
	s.form.clearErrors()
	s.title.SetText(tr("followup.form_title", "Name", f.Customer, "Phone", f.Phone))
	about := tr("followup.about", "Reason", callReason(&f, &s.rules), "Caller", f.CallerName(), "Due", string(f.Due), "Advisor", f.Advisor,
		"State", tr("followup.state."+string(c.State)))
	if len(f.Attempts) > 0 {
		days := make([]string, len(f.Attempts))
		for i, d := range f.Attempts {
			days[i] = string(d)
		}
		about += "\n" + tr("followup.attempts", "Days", strings.Join(days, ", "))
	}
	s.about.SetText(about)
	s.result.set(model.ResultReached)
	if c.State == model.StateLetter {
		s.result.set(model.ResultLetterSent)
	}
	s.done.SetText(string(s.u.store.Today()))
	s.score.SetText("")
	s.problem.SetText(f.Problem)
	s.actor.show(f.ActorID, f.Actor)
	s.actBy.SetText(string(f.ActBy))
	s.next.SetText("")
	s.notes.SetText(f.Notes)
	s.hint.Hide()
	s.panel.Show()
	s.split.Refresh()
}

func (s *followUpsScreen) close() {
	s.editing = nil
	s.form.clearErrors()
	s.list.selected = 0
	s.list.showSelected()
	s.panel.Hide()
	s.hint.Show()
	if s.split != nil {
		s.split.Refresh()
	}
}

func (s *followUpsScreen) changed() bool {
	return s.editing != nil && (s.score.Text != "" || s.next.Text != "" || s.problem.Text != s.editing.Problem ||
		s.notes.Text != s.editing.Notes)
}

func (s *followUpsScreen) save() { s.saveThen(nil, nil) }

func (s *followUpsScreen) saveThen(done, refused func()) {
	if s.editing == nil {
		return
	}
	f := *s.editing.FollowUp
	var errs model.FieldErrors
	f.Result = s.result.value()
	f.Done = dateIn(s.done, model.FieldFUDone, &errs)
	f.ActBy = dateIn(s.actBy, model.FieldActBy, &errs)
	f.Next = dateIn(s.next, model.FieldFUNext, &errs)
	f.Satisfaction = 0
	if t := strings.TrimSpace(s.score.Text); t != "" {
		n, err := model.ParseNumber(t)
		if err != nil {
			errs = append(errs, &model.FieldError{Field: model.FieldSatisfaction, Code: model.CodeScore15})
		}
		f.Satisfaction = n
	}
	f.Problem, f.Notes = s.problem.Text, s.notes.Text
	f.ActorID, f.Actor = s.actor.id, s.actor.text
	if errs != nil {
		// With every other problem of the call: a bad day hid the rest.
		s.form.showErrors(allProblems(&f, errs, s.u.store.Today()), s.u.labels())
		if refused != nil {
			refused()
		}
		return
	}
	s.form.submitThen(s.u, func() error { return s.u.store.RecordFollowUp(&f) }, func() {
		s.status.SetText(tr("followup.saved", "Name", f.Customer, "Result", tr("followup.result."+string(f.Result))))
		s.close()
		s.list.reload()
		if done != nil {
			done()
		}
	}, refused)
}

func (s *followUpsScreen) askPrint() {
	s.u.askSave("followups-"+strings.ReplaceAll(string(s.u.store.Today()), "-", "")+".pdf",
		func(w fyne.URIWriteCloser) { s.print(w, w.URI()) })
}

// print writes the call list of the calls shown, off the UI thread.
func (s *followUpsScreen) print(w fyne.URIWriteCloser, uri fyne.URI) {
	q := s.dueQuery()
	calls, through, team := slices.Clone(s.calls), s.through, q.Team || q.Office // the list names each caller
	me := s.u.store.Who()
	s.u.longJob(tr("followup.print"), func(ctx context.Context, progress func(float64)) (string, error) {
		progress(-1)
		defer w.Close()
		m, err := s.u.printMeta()
		if err != nil {
			return "", err
		}
		list := report.CallList{Advisor: me.Name, Team: team, Through: through, Calls: calls}
		if me.Advisor != 0 { // the list says whose it is by employee number too
			if a, err := s.u.store.GetAdvisor(me.Advisor); err == nil {
				list.Advisor, list.EmpNo = a.Name, a.EmpNo
			}
		}
		var buf bytes.Buffer
		if err := report.FollowUpList(&buf, list, m); err != nil {
			return "", err
		}
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		if err := s.u.handover(model.FollowUpRecord.Name, ".pdf", uriPath(uri), len(calls)); err != nil {
			return "", err
		}
		if _, err := w.Write(buf.Bytes()); err != nil {
			return "", err
		}
		return tr("records.print_done", "Path", uriPath(uri)), w.Close()
	}, func(msg string) { s.u.offerOpen(tr("followup.print"), msg, uri) })
}

// showRules opens the office's follow-up rules to edit (HR, supervisors):
// one row a step — the event, how many days or months after it, whether
// someone other than the advisor calls — and the office's day counts.
func (s *followUpsScreen) showRules() {
	var rules model.FollowUpRules
	s.u.background(func() (err error) {
		rules, err = s.u.store.FollowUpRules()
		return err
	}, func(err error) {
		if err != nil {
			s.u.showError(err)
			return
		}
		s.rulesDialog = newFollowUpRulesDialog(s.u, rules)
		s.rulesDialog.show()
	})
}

// followUpRulesDialog edits the follow-up rules: a row a step, each with
// its problems beneath it, then the office's day counts in a form.
type followUpRulesDialog struct {
	u      *App
	rows   *fyne.Container
	steps  []*followUpStepRow
	key    *entry
	keyInd *widget.Check
	letter *entry
	window *entry
	form   *form
	dlg    dialog.Dialog
}

type followUpStepRow struct {
	event       *choice[model.FollowUpReason]
	after       *entry
	unit        *choice[string]
	independent *widget.Check
	box         fyne.CanvasObject
	fields      []*formField // the event's and the interval's messages, beneath the row
}

func newFollowUpRulesDialog(u *App, r model.FollowUpRules) *followUpRulesDialog {
	d := &followUpRulesDialog{u: u, rows: container.NewVBox()}
	d.form = newForm()
	d.key = newEntry(u)
	d.key.SetText(strconv.Itoa(r.KeyEvery))
	d.keyInd = widget.NewCheck(tr("followup.independent"), nil)
	d.keyInd.SetChecked(r.KeyIndependent)
	d.form.add(model.FieldKeyEvery, container.NewBorder(nil, nil, nil, d.keyInd, d.key), false)
	d.letter = newEntry(u)
	d.letter.SetText(strconv.Itoa(r.LetterDays))
	d.form.add(model.FieldLetterDays, d.letter, true)
	d.window = newEntry(u)
	d.window.SetText(strconv.Itoa(r.WindowDays))
	d.form.add(model.FieldWindowDays, d.window, true)
	fields := d.form.content() // the steps' messages join the form's fields after its grid is laid out
	for _, st := range r.Steps {
		d.addStep(st)
	}
	add := widget.NewButtonWithIcon(tr("followup.add_step"), theme.ContentAddIcon(), func() {
		d.addStep(model.FollowUpStep{Event: model.ReasonService, Days: 3})
	})
	intro := widget.NewLabel(tr("followup.rules_intro"))
	intro.Wrapping = fyne.TextWrapWord
	body := container.NewVBox(intro, d.rows, add, widget.NewSeparator(), fields)
	d.dlg = dialog.NewCustomConfirm(tr("followup.rules"), tr("action.save"), tr("action.cancel"),
		container.NewVScroll(body), func(ok bool) {
			if ok {
				d.save()
			}
		}, u.win)
	d.dlg.Resize(fyne.NewSize(640, 600))
	return d
}

func (d *followUpRulesDialog) show() {
	d.u.dialogKeys(d.dlg, map[string]func(){keyEscape: d.dlg.Hide}) // Esc cancels, as the button does
	d.dlg.Show()
}

func (d *followUpRulesDialog) addStep(st model.FollowUpStep) {
	row := &followUpStepRow{event: newChoice([]model.FollowUpReason{model.ReasonService, model.ReasonRepair, model.ReasonSale}, "followup.reason."),
		after: newEntry(d.u), unit: newChoice([]string{"days", "months"}, "followup.unit."),
		independent: widget.NewCheck(tr("followup.independent"), nil)}
	row.event.set(st.Event)
	row.after.SetText(strconv.Itoa(max(st.Days, st.Months)))
	row.unit.set("days")
	if st.Months > 0 {
		row.unit.set("months")
	}
	row.independent.SetChecked(st.Independent)
	msgs := container.NewVBox()
	for _, f := range []struct {
		key   string
		input fyne.CanvasObject
	}{{model.FieldRuleEvent, row.event}, {model.FieldRuleAfter, row.after}} {
		ff := d.form.add(f.key, f.input, true)
		ff.named = true
		msgs.Add(ff.msg)
		row.fields = append(row.fields, ff)
	}
	remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		i := slices.Index(d.steps, row)
		if i >= 0 {
			d.steps = slices.Delete(d.steps, i, i+1)
			d.form.fields = slices.DeleteFunc(d.form.fields, func(ff *formField) bool { return slices.Contains(row.fields, ff) })
			d.rows.Remove(row.box)
		}
	})
	after := container.NewGridWrap(fyne.NewSize(70, row.after.MinSize().Height), row.after)
	row.box = container.NewVBox(container.NewHBox(row.event, after, row.unit, row.independent, remove), msgs)
	d.steps = append(d.steps, row)
	d.rows.Add(row.box)
}

// read is the rules as typed, and what cannot be read: a count that is no
// whole number, or a step outside its unit's bounds (0 days, 200 months),
// each by its own field and row.
func (d *followUpRulesDialog) read() (model.FollowUpRules, model.FieldErrors) {
	var r model.FollowUpRules
	var errs model.FieldErrors
	num := func(e *entry, field string, row, lo, hi int) int {
		t := strings.TrimSpace(e.Text)
		f, err := model.ParseNumber(t)
		switch {
		case t == "":
			errs = append(errs, &model.FieldError{Field: field, Row: row, Code: model.CodeRequired})
		case err != nil:
			errs = append(errs, &model.FieldError{Field: field, Row: row, Code: model.CodeNumber})
		case f != math.Trunc(f):
			errs = append(errs, &model.FieldError{Field: field, Row: row, Code: model.CodeWhole})
		case f < float64(lo) || f > float64(hi):
			errs = append(errs, &model.FieldError{Field: field, Row: row, Code: model.CodeRange, Arg: fmt.Sprintf("%d–%d", lo, hi)})
		default:
			return int(f)
		}
		return 0
	}
	for i, row := range d.steps {
		for _, ff := range row.fields {
			ff.row = i + 1 // rows removed above renumber those below
		}
		st := model.FollowUpStep{Event: row.event.value(), Independent: row.independent.Checked}
		if row.unit.value() == "months" {
			st.Months = num(row.after, model.FieldRuleAfter, i+1, 1, 120)
		} else {
			st.Days = num(row.after, model.FieldRuleAfter, i+1, 1, 3660)
		}
		r.Steps = append(r.Steps, st)
	}
	r.KeyEvery = num(d.key, model.FieldKeyEvery, 0, 0, 3660)
	r.LetterDays = num(d.letter, model.FieldLetterDays, 0, 1, 3660)
	r.WindowDays = num(d.window, model.FieldWindowDays, 0, 0, 3660)
	r.KeyIndependent = d.keyInd.Checked
	return r, errs
}

// save checks the rules and stores them; refused, the dialog opens again
// with each problem beside its field, a step's beneath its row.
func (d *followUpRulesDialog) save() {
	r, unread := d.read()
	refused := func(fes model.FieldErrors) {
		d.form.showErrors(fes, d.u.labels())
		d.dlg.Show()
	}
	if unread != nil {
		refused(withUnread(unread, r.Validate()))
		return
	}
	d.u.background(func() error { return d.u.store.SaveFollowUpRules(r) }, func(err error) {
		if err == nil {
			return
		}
		if fes, ok := model.AsFieldErrors(err); ok {
			refused(fes)
			return
		}
		d.u.showError(err)
	})
}
