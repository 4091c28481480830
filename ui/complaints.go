package ui

import (
	"bytes"
	"context"
	"io"
	"slices"
	"strconv"
	"strings"

	"advisordesk/exchange"
	"advisordesk/i18n"
	"advisordesk/model"
	"advisordesk/report"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// complaintsScreen is chapter 4's complaint handling (投诉处理): the list of
// the person's complaints with where each stands against its deadlines,
// and the form with the flow's steps as buttons, the timeline and the
// customer's phone for whoever handles it. Whose complaints a person sees,
// and whether a step is allowed, the store decides.
type complaintsScreen struct {
	*recordScreen[model.Complaint]
	picker   *advisorPicker  // the advisor picker last opened
	cpicker  *customerPicker // the customer picker last opened
	flags    *choice[string]
	phone    *widget.Label
	standing *widget.Label
	note     *entry
	noteFor  uint64 // the complaint the note was typed for
	// The action row: the same buttons in the same places whatever the
	// status, those the person may not use disabled, with why beneath
	// (a button that appeared under the mouse took a second click).
	steps    map[model.ComplaintStatus]*widget.Button
	raiseBtn *widget.Button
	why      *widget.Label
	moves    *fyne.Container
	printBtn *widget.Button // the handling record, for those who may print personal data
	timeline *fyne.Container
	ask      *reasonDialog // the reopen or report-upward question last asked
}

func newComplaintsScreen(u *App) *complaintsScreen {
	s := &complaintsScreen{}
	st := recordStore[model.Complaint]{find: u.store.FindComplaints, save: u.store.SaveComplaint}
	id := func(c *model.Complaint) uint64 { return c.ID }
	s.recordScreen = newRecordScreen(u, model.ComplaintRecord, st, id, "")
	s.name = func(c *model.Complaint) string { return tr("complaints.name", "No", c.ID) }
	s.keys.add, s.keys.formNew, s.keys.selectHint = "complaints.add", "complaints.form_new", "complaints.select_hint"
	s.keys.edit = "complaints.edit"
	s.buildList(u, st.find, id)

	me := u.store.Who()
	s.fresh = func() *model.Complaint {
		c := &model.Complaint{Received: u.store.Today(), Channel: model.ChannelPhone, Severity: model.SeverityNormal,
			Status: model.ComplaintOpen}
		if me.Advisor != 0 && me.Role == model.RoleAdvisor {
			c.AdvisorID, c.Advisor = me.Advisor, me.Name
		}
		return c
	}
	pick := func(done func(uint64, string)) {
		s.picker = newAdvisorPicker(u, done)
		s.picker.show()
	}
	// The handler is anyone in reach but the advisor concerned.
	handler := func(done func(uint64, string)) {
		s.picker = newAdvisorPicker(u, done)
		concerned := s.inputs[model.FieldComplAdvisor].ref.id
		find := s.picker.list.find
		s.picker.list.find = func(q model.ListQuery) ([]*model.Advisor, int, error) {
			list, n, err := find(q)
			if i := slices.IndexFunc(list, func(a *model.Advisor) bool { return a.ID == concerned }); i >= 0 {
				list, n = slices.Delete(list, i, i+1), n-1
			}
			return list, n, err
		}
		s.picker.show()
	}
	s.pickers = map[string]refPicker{model.FieldComplAdvisor: pick, model.FieldHandler: handler, model.FieldResponsible: pick,
		model.FieldComplCustomer: pickCustomer(u, "complaints.choose_customer", &s.cpicker)}
	// The status moves only by the buttons; which fields take typing
	// follows the person's rights on the complaint open (lock).
	s.choice(model.FieldComplStatus).Disable()
	// Complaints name customers and what they said: printing or exporting
	// them is personal data leaving the program, offered only with the
	// permission for it (the store refuses it anyway).
	if u.can(model.PermExportPersonal) {
		s.files = recordFiles[model.Complaint]{printStem: "complaints", exportStem: "complaints",
			print: func(w io.Writer, list []*model.Complaint, m report.Meta) error {
				return (&report.Table[model.Complaint]{Record: model.ComplaintRecord, Numbered: true, Landscape: true}).Print(w, list, m)
			},
			csv: func(w io.Writer, l *i18n.Labels, each func(func(*model.Complaint) error) error) (int, error) {
				return exchange.WriteCSV(w, l, model.ComplaintRecord, each)
			},
			xlsx: func(w io.Writer, l *i18n.Labels, each func(func(*model.Complaint) error) error) (int, error) {
				return exchange.WriteXLSX(w, l, model.ComplaintRecord, "record.complaints", each)
			}}
	}
	s.buildPanels()
	s.sync = s.showStanding
	return s
}

// buildList makes the complaints list with its deadline flag and filter.
func (s *complaintsScreen) buildList(u *App, find func(model.ListQuery) ([]*model.Complaint, int, error), id func(*model.Complaint) uint64) {
	// The list leads with the deadline flag, computed when read, and keeps
	// what a supervisor scans by — when it came in, where it stands, the
	// customer, the advisor concerned — to fit beside the form at the
	// window's first size in either language; severity and handler are in
	// the form.
	cols := []column[model.Complaint]{{model.FieldComplaintFlag, 150, flagCell}}
	for _, c := range recordColumns(model.ComplaintRecord) {
		switch c.key {
		case model.FieldSeverity, model.FieldHandler:
			continue
		case model.FieldComplStatus:
			c.text = statusCell
		}
		cols = append(cols, c)
	}
	s.list = newListView(u, cols, find, id, s.open)
	s.list.heads = map[string]string{model.FieldComplAdvisor: "complaints.col_advisor"}
	s.list.tone = func(c *model.Complaint, col int) widget.Importance {
		if col == 0 {
			return lateTone(c)
		}
		return widget.MediumImportance
	}
	s.list.searchKey, s.list.countKey, s.list.emptyKey = "records.search", "records.count", "records.empty"
	s.list.q.Sort, s.list.q.Desc = model.FieldReceived, true
	s.fitColumns()
	s.flags = newChoice(append([]string{""}, model.ComplaintFlags...), "complaints.filter_")
	s.flags.Options[0] = tr("complaints.filter_all")
	s.flags.SetSelectedIndex(0)
	s.flags.OnChanged = func(string) {
		s.list.q.Where, s.list.q.Offset = model.Match{}, 0
		if v := s.flags.value(); v != "" {
			s.list.q.Where = model.Match{Field: model.FieldComplaintFlag, Value: v}
		}
		s.list.reload()
	}
	s.list.extra = []fyne.CanvasObject{s.flags}
}

// lateMark leads the cell of a late row (a complaint overdue or gone up,
// a call past its day), which the theme's error colour shows too: a mark
// that does not rest on colour alone.
const lateMark = "⚠ "

// flagCell is the list's deadline cell: a complaint overdue or gone up is
// marked.
func flagCell(c *model.Complaint) string {
	if lateTone(c) != widget.MediumImportance {
		return lateMark + flagText(c)
	}
	return flagText(c)
}

// lateTone colours a complaint's deadline cell: the error colour once it
// is overdue or up to HR, the warning colour when reported upward by hand
// before its deadlines.
func lateTone(c *model.Complaint) widget.Importance {
	switch {
	case c.HasFlag(model.FlagOverdue) || c.HasFlag(model.FlagEscalated):
		return widget.DangerImportance
	case c.HasFlag(model.FlagUp):
		return widget.WarningImportance
	}
	return widget.MediumImportance
}

// statusCell is a complaint's status in the list: "waiting for the
// customer" said short, whole in the form.
func statusCell(c *model.Complaint) string {
	if c.Status == model.ComplaintWaiting {
		return tr("complaints.status_waiting_short")
	}
	return tr("complaint_status." + string(c.Status))
}

// fitColumns makes each column as wide as its header and every text its
// cells can show in the language shown: the flags (late ones marked), the
// statuses, a date.
func (s *complaintsScreen) fitColumns() {
	l := s.list
	day := &model.Complaint{Status: model.ComplaintOpen, Standing: model.ComplaintClock{ContactDue: "2026-12-31"}}
	for i, c := range l.cols {
		w := fyne.MeasureText(l.headText(c.key), theme.TextSize(), fyne.TextStyle{Bold: true}).Width + 3*theme.Padding() + theme.IconInlineSize()
		var texts []string
		switch c.key {
		case model.FieldComplaintFlag:
			texts = append(texts, flagText(day), tr("complaints.flag_met"), tr("complaints.flag_late"), tr("complaints.flag_paused"))
			for _, k := range []string{"complaints.flag_hr", "complaints.flag_overdue", "complaints.flag_raised"} {
				texts = append(texts, lateMark+tr(k))
			}
		case model.FieldComplStatus:
			for _, st := range model.ComplaintStatuses {
				texts = append(texts, statusCell(&model.Complaint{Status: st}))
			}
		case model.FieldReceived:
			texts = append(texts, "2026-12-31")
		default:
			w = max(w, c.width)
		}
		for _, t := range texts {
			w = max(w, cellWidth(t))
		}
		l.cols[i].width = w
		l.table.SetColumnWidth(i, w)
	}
}

// showFlag lists the complaints passing filter flag ("" for all): what
// Home's counts open.
func (s *complaintsScreen) showFlag(flag string) {
	if s.flags.value() != flag {
		s.flags.set(flag)
	}
}

// flagText is a complaint's deadline cell: when the next deadline falls,
// or how far up an overdue complaint has gone.
func flagText(c *model.Complaint) string {
	k := c.Standing
	switch {
	case c.Status.Done() && k.InTime():
		return tr("complaints.flag_met")
	case c.Status.Done():
		return tr("complaints.flag_late")
	case k.Level >= 2:
		return tr("complaints.flag_hr")
	case k.Overdue:
		return tr("complaints.flag_overdue")
	case k.Level == 1:
		return tr("complaints.flag_raised")
	case k.Paused:
		return tr("complaints.flag_paused")
	case c.Status == model.ComplaintOpen && k.ContactDue != "":
		return tr("complaints.flag_ok", "Date", string(k.ContactDue))
	}
	return tr("complaints.flag_ok", "Date", string(k.OutcomeDue))
}

// buildPanels makes the panels under the form's title: the note and the
// action row first, where a step taken leaves them (the deadlines' text
// above them changed its height with each step), then why some actions
// are not offered, the deadlines and the customer's phone; the timeline
// under the fields.
func (s *complaintsScreen) buildPanels() {
	s.phone = widget.NewLabel("")
	s.standing = widget.NewLabel("")
	s.standing.Wrapping = fyne.TextWrapWord
	s.note = newEntry(s.u)
	s.note.SetPlaceHolder(tr("complaints.note"))
	s.moves = container.NewGridWithColumns(2)
	s.steps = map[model.ComplaintStatus]*widget.Button{}
	for _, to := range []model.ComplaintStatus{model.ComplaintInvestigating, model.ComplaintWaiting,
		model.ComplaintResolved, model.ComplaintClosed} {
		b := widget.NewButton(tr("complaints.move_"+string(to)), func() { s.move(to) })
		if to.Done() {
			b.Importance = widget.HighImportance
		}
		s.steps[to] = b
		s.moves.Add(b)
	}
	s.raiseBtn = widget.NewButtonWithIcon(tr("complaints.raise"), theme.UploadIcon(), s.askRaise)
	s.moves.Add(s.raiseBtn)
	if s.u.can(model.PermExportPersonal) {
		s.printBtn = widget.NewButtonWithIcon(tr("complaints.print"), theme.DocumentPrintIcon(), s.askPrintRecord)
		s.moves.Add(s.printBtn)
	}
	s.why = widget.NewLabel("")
	s.why.Wrapping = fyne.TextWrapWord
	s.why.SizeName = theme.SizeNameCaptionText
	s.timeline = container.NewVBox()
	head := widget.NewLabelWithStyle(tr("complaints.timeline"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.above = []fyne.CanvasObject{s.note, s.moves, s.why, s.standing, s.phone, widget.NewSeparator()}
	s.below = []fyne.CanvasObject{widget.NewSeparator(), head, s.timeline}
}

// showStanding fills the panels from the complaint in the form.
func (s *complaintsScreen) showStanding() {
	c := s.editing
	if c == nil {
		return
	}
	s.phone.SetText("")
	if c.CustomerPhone != "" {
		s.phone.SetText(tr("complaints.phone", "Phone", c.CustomerPhone))
	}
	k := c.Standing
	switch {
	case c.ID == 0 || c.Status.Done():
		s.standing.SetText("")
	case k.Paused:
		s.standing.SetText(trN("complaints.paused", k.Elapsed, "Days", k.Elapsed))
	default:
		s.standing.SetText(flagText(c) + " · " + trN("complaints.standing", k.Elapsed, "Days", k.Elapsed, "Contact", string(k.ContactDue),
			"Outcome", string(k.OutcomeDue), "Escalate", string(k.EscalateDue)))
	}
	s.standing.Hidden = s.standing.Text == ""
	s.phone.Hidden = s.phone.Text == ""
	s.phone.Refresh()
	s.standing.Importance = widget.MediumImportance
	if k.Overdue && !c.Status.Done() {
		s.standing.Importance = widget.DangerImportance
	}
	s.standing.Refresh()
	s.lock(c)
	s.fillMoves(c)
	s.fillTimeline(c)
}

// lock lets the form take typing as far as the person may change the
// complaint open (model.ComplaintRights, read with it): a closed one is
// read until reopened; the finding and the handler are its lead's (the
// advisor's supervisor or HR), never the advisor's it is about. A new one
// is the person's to fill but for those two if they are an advisor.
func (s *complaintsScreen) lock(c *model.Complaint) {
	edit, finding, assign := c.Rights.Edit, c.Rights.Finding, c.Rights.Assign
	if c.ID == 0 {
		lead := s.u.store.Who().Role != model.RoleAdvisor
		edit, finding, assign = true, lead, lead
	}
	edit = edit && s.writable()
	for key, in := range s.inputs {
		on := edit && key != model.FieldComplStatus
		switch key {
		case model.FieldCause, model.FieldResponsible:
			on = on && finding
		case model.FieldHandler:
			on = on && assign
		}
		switch {
		case in.choice != nil:
			setEnabled(in.choice, on)
		case in.ref != nil:
			setEnabled(in.ref.choose, on)
			in.ref.clear.Hidden = !on || in.ref.id == 0
			in.ref.clear.Refresh()
		default:
			setEnabled(in.entry, on)
		}
	}
	// An advisor's handler is chosen by her supervisor: the empty field
	// says so rather than "Choose…".
	if in := s.inputs[model.FieldHandler].ref; in.id == 0 && edit && !assign {
		in.choose.SetText(tr("complaints.handler_assigned"))
	}
	s.saveBtn.Hidden = !edit
	s.saveBtn.Refresh()
}

// fillMoves sets the action row for the complaint open: each step enabled
// when the flow and the person's rights allow it (the store decided them
// with the complaint: model.ComplaintRights), the others disabled with
// why beneath. A new complaint, or one the person may not write, has no
// row.
func (s *complaintsScreen) fillMoves(c *model.Complaint) {
	if c.ID != s.noteFor {
		s.note.SetText("") // typed for another complaint
		s.noteFor = c.ID
	}
	r := c.Rights
	show := c.ID != 0 && s.writable() && (r.Edit || len(r.Moves) > 0 || r.Raise)
	// A reader has no steps: the row is the print button, if any.
	s.note.Hidden, s.moves.Hidden = !show, c.ID == 0 || !show && s.printBtn == nil
	type reason struct {
		key   string
		steps []string
	}
	var whys []*reason
	because := func(key, step string) {
		for _, w := range whys {
			if w.key == key {
				w.steps = append(w.steps, step)
				return
			}
		}
		whys = append(whys, &reason{key, []string{step}})
	}
	for to, b := range s.steps {
		b.SetText(tr("complaints.move_" + string(to)))
		if c.Status.Reopens(to) {
			b.SetText(tr("complaints.move_reopen"))
		}
		setEnabled(b, show && r.May(to))
		b.Hidden = !show
	}
	for _, to := range []model.ComplaintStatus{model.ComplaintInvestigating, model.ComplaintWaiting,
		model.ComplaintResolved, model.ComplaintClosed} {
		label := s.steps[to].Text
		switch {
		case !show || r.May(to):
		case r.Why[to] != "" && to != c.Status:
			because("complaints.why_"+r.Why[to], label)
		case to == c.Status:
		case to == model.ComplaintClosed && !c.Status.Done():
			because("complaints.why_unresolved", label)
		case c.Status.Done():
			because("complaints.why_reopen_first", label)
		}
	}
	setEnabled(s.raiseBtn, show && r.Raise)
	s.raiseBtn.Hidden = !show
	switch {
	case !show || r.Raise:
	case r.RaiseWhy == model.CodeRaiseDone:
		because("complaints.why_reopen_first", s.raiseBtn.Text)
	default:
		because("complaints.why_"+r.RaiseWhy, s.raiseBtn.Text)
	}
	var lines []string
	for _, w := range whys {
		lines = append(lines, tr(w.key, "Steps", strings.Join(w.steps, tr("sep.and"))))
	}
	s.why.SetText(strings.Join(lines, "\n"))
	s.why.Hidden = len(lines) == 0
	s.why.Refresh()
	s.moves.Refresh()
	s.note.Refresh()
}

// fillTimeline lists every step: when, who, from → to, and the note.
func (s *complaintsScreen) fillTimeline(c *model.Complaint) {
	s.timeline.Objects = nil
	for i, e := range c.Timeline {
		step := tr("complaints.event_new")
		switch {
		case e.Raise > 0:
			step = tr("complaints.event_raise", "Level", e.Raise)
		case e.From != "":
			step = tr("complaint_status."+string(e.From)) + " → " + tr("complaint_status."+string(e.To))
		}
		line := e.At.Local().Format("2006-01-02 15:04") + "  " + e.By + "  " + step
		if i == 0 && e.From == "" && c.Received != "" {
			// The intake is dated as the complaint came in, as the record prints it.
			line = string(c.Received) + "  " + e.By + "  " + step + "  (" + tr("complaint.print_entered", "At", e.At.Local().Format("2006-01-02 15:04")) + ")"
		}
		if e.Note != "" {
			line += "  — " + e.Note
		}
		l := widget.NewLabel(line)
		l.Wrapping = fyne.TextWrapWord
		s.timeline.Add(l)
	}
	s.timeline.Refresh()
}

// move saves the form and takes the complaint to status to in one
// transaction; a refusal marks the fields and moves nothing, and the note
// stays typed. A reopening asks first, for its reason.
func (s *complaintsScreen) move(to model.ComplaintStatus) {
	c := s.editing
	if c == nil || c.ID == 0 {
		return
	}
	if c.Status.Reopens(to) {
		s.askReason(tr("complaints.move_reopen"), tr("complaints.reopen_ask", "No", c.ID)+"\n"+tr("complaints.reopen_why"),
			func(reason string) error { return s.moveWith(to, reason) })
		return
	}
	_ = s.moveWith(to, s.note.Text)
}

func (s *complaintsScreen) moveWith(to model.ComplaintStatus, note string) error {
	return s.step(func(c *model.Complaint) error { return s.u.store.MoveComplaint(c, to, note) }, func(c *model.Complaint) string {
		return tr("complaints.moved", "Name", c.ID, "Status", tr("complaint_status."+string(c.Status)))
	})
}

// askRaise asks before reporting the complaint upward, naming whom it
// goes to, and for the reason, which goes on the timeline.
func (s *complaintsScreen) askRaise() {
	c := s.editing
	if c == nil || c.ID == 0 {
		return
	}
	r := c.Rights
	q := tr("complaints.raise_to_hr", "No", c.ID)
	switch {
	case r.RaiseTo < 2 && r.Supervisor != "":
		q = tr("complaints.raise_to_supervisor", "No", c.ID, "Name", c.Advisor, "Supervisor", r.Supervisor)
	case r.RaiseTo < 2:
		q = tr("complaints.raise_to_lead", "No", c.ID, "Name", c.Advisor)
	}
	s.askReason(tr("complaints.raise"), q+"\n"+tr("complaints.raise_why"), func(reason string) error {
		return s.step(func(c *model.Complaint) error { return s.u.store.RaiseComplaint(c, reason) }, func(c *model.Complaint) string {
			return tr("complaints.raised", "Name", c.ID)
		})
	})
}

// step saves the form and takes one step with do, off the UI thread; the
// form is refused as a save would be. It reports only a form it could not
// read: the store's answer comes later (said marks the success).
func (s *complaintsScreen) step(do func(*model.Complaint) error, said func(*model.Complaint) string) error {
	if s.editing == nil || s.editing.ID == 0 {
		return nil
	}
	r, errs := s.collect()
	if errs != nil {
		s.form.showErrors(s.problems(r, errs), s.u.labels())
		return errs
	}
	s.form.submit(s.u, func() error { return do(r) }, func() {
		s.note.SetText("")
		s.status.SetText(said(r))
		s.list.selected = r.ID
		s.edit(r)
		s.list.reload()
	})
	return nil
}

// reasonDialog asks whether to take a step that must say why (a
// reopening, a report upward): the question, the reason (started from the
// note typed), and a confirm button that waits for a reason.
type reasonDialog struct {
	dlg    *dialog.CustomDialog
	reason *entry
	ok     *widget.Button
}

func (s *complaintsScreen) askReason(title, question string, take func(reason string) error) {
	a := &reasonDialog{reason: newMultiLineEntry(s.u)}
	a.reason.SetMinRowsVisible(3)
	a.reason.SetPlaceHolder(tr("complaints.reason"))
	a.reason.SetText(strings.TrimSpace(s.note.Text))
	msg := widget.NewLabel(question)
	msg.Wrapping = fyne.TextWrapWord
	a.ok = widget.NewButton(title, func() {
		reason := strings.TrimSpace(a.reason.Text)
		if reason == "" {
			return
		}
		a.dlg.Hide()
		s.note.SetText(reason) // kept in the note if the store refuses the step
		_ = take(reason)
	})
	a.ok.Importance = widget.HighImportance
	a.reason.OnChanged = func(v string) { setEnabled(a.ok, strings.TrimSpace(v) != "") }
	a.reason.OnChanged(a.reason.Text)
	cancel := widget.NewButton(tr("action.cancel"), func() { a.dlg.Hide() })
	a.dlg = dialog.NewCustomWithoutButtons(title, container.NewVBox(msg, a.reason,
		container.NewHBox(layout.NewSpacer(), cancel, a.ok)), s.u.win)
	a.dlg.Resize(fyne.NewSize(460, 0))
	s.ask = a
	a.dlg.Show()
	s.u.win.Canvas().Focus(a.reason)
}

// askPrintRecord prints the open complaint's handling record.
func (s *complaintsScreen) askPrintRecord() {
	c := s.editing
	if c == nil || c.ID == 0 {
		return
	}
	s.askSave("complaint-"+strconv.FormatUint(c.ID, 10), ".pdf", func(w fyne.URIWriteCloser) {
		lang, id, uri := s.u.lang, c.ID, w.URI()
		s.u.longJob(tr("complaints.print"), func(ctx context.Context, progress func(float64)) (string, error) {
			progress(-1)
			defer w.Close()
			rec, err := s.u.store.GetComplaint(id)
			if err != nil {
				return "", err
			}
			m, err := s.u.printMeta()
			if err != nil {
				return "", err
			}
			m.Lang = lang
			var buf bytes.Buffer
			if err := report.Complaint(&buf, rec, m); err != nil {
				return "", err
			}
			if err := s.u.handover(model.ComplaintRecord.Name, ".pdf", uriPath(uri), 1); err != nil {
				return "", err
			}
			if _, err := w.Write(buf.Bytes()); err != nil {
				return "", err
			}
			return tr("complaint.print_done", "Path", uriPath(uri)), w.Close()
		}, func(msg string) { s.u.offerOpen(tr("complaints.print"), msg, uri) })
	})
}
