package ui

import (
	"bytes"
	"context"
	"io"
	"strconv"

	"advisordesk/exchange"
	"advisordesk/i18n"
	"advisordesk/model"
	"advisordesk/report"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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
	own      *widget.Label // tells the advisor concerned who resolves it
	note     *entry
	moves    *fyne.Container
	printBtn *widget.Button // the handling record, for those who may print personal data
	timeline *fyne.Container
}

func newComplaintsScreen(u *App) *complaintsScreen {
	s := &complaintsScreen{}
	st := recordStore[model.Complaint]{find: u.store.FindComplaints, save: u.store.SaveComplaint}
	id := func(c *model.Complaint) uint64 { return c.ID }
	s.recordScreen = newRecordScreen(u, model.ComplaintRecord, st, id, "")
	s.name = func(c *model.Complaint) string { return tr("complaints.name", "No", c.ID) }
	s.keys.add, s.keys.formNew, s.keys.selectHint = "complaints.add", "complaints.form_new", "complaints.select_hint"
	s.keys.edit = "complaints.edit"
	// The list leads with the deadline flag, computed when read.
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
	s.list = newListView(u, cols, st.find, id, s.open)
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
	s.pickers = map[string]refPicker{model.FieldComplAdvisor: pick, model.FieldHandler: pick, model.FieldResponsible: pick,
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

// buildPanels makes the panels under the form's fields: the customer's
// phone and the deadlines, the flow's steps with a note, the timeline.
func (s *complaintsScreen) buildPanels() {
	s.phone = widget.NewLabel("")
	s.standing = widget.NewLabel("")
	s.standing.Wrapping = fyne.TextWrapWord
	s.note = newEntry(s.u)
	s.note.SetPlaceHolder(tr("complaints.note"))
	s.moves = container.NewGridWithColumns(2)
	s.timeline = container.NewVBox()
	head := widget.NewLabelWithStyle(tr("complaints.timeline"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.own = widget.NewLabel(tr("complaints.own"))
	s.own.Wrapping = fyne.TextWrapWord
	s.own.Hide()
	s.above = []fyne.CanvasObject{s.standing, s.phone, s.own, s.note, s.moves, widget.NewSeparator()}
	s.below = []fyne.CanvasObject{widget.NewSeparator(), head, s.timeline}
	if s.u.can(model.PermExportPersonal) {
		s.printBtn = widget.NewButtonWithIcon(tr("complaints.print"), theme.DocumentPrintIcon(), s.askPrintRecord)
	}
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
		s.standing.SetText(tr("complaints.paused", "Days", k.Elapsed))
	default:
		s.standing.SetText(flagText(c) + " · " + tr("complaints.standing", "Days", k.Elapsed, "Contact", string(k.ContactDue),
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
// read until reopened, and the finding is its lead's (the advisor's
// supervisor or HR), never the advisor's it is about. A new one is the
// person's to fill but for the finding if they are an advisor.
func (s *complaintsScreen) lock(c *model.Complaint) {
	edit, finding := c.Rights.Edit, c.Rights.Finding
	if c.ID == 0 {
		edit, finding = true, s.u.store.Who().Role != model.RoleAdvisor
	}
	edit = edit && s.writable()
	for key, in := range s.inputs {
		on := edit && key != model.FieldComplStatus
		if key == model.FieldCause || key == model.FieldResponsible {
			on = on && finding
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
	s.saveBtn.Hidden = !edit
	s.saveBtn.Refresh()
}

// fillMoves offers the steps the person may take from the complaint's
// status (none before it is saved), and the report upward: the store
// decided them with the complaint (model.ComplaintRights), so no button
// leads to a refusal. The advisor a complaint is about is told why she
// cannot resolve it.
func (s *complaintsScreen) fillMoves(c *model.Complaint) {
	s.moves.Objects = nil
	writable := s.writable()
	if c.ID != 0 && writable {
		for _, to := range c.Status.Moves() {
			if !c.Rights.May(to) {
				continue
			}
			key := "complaints.move_" + string(to)
			if c.Status.Reopens(to) {
				key = "complaints.move_reopen"
			}
			b := widget.NewButton(tr(key), func() { s.move(to) })
			if to == model.ComplaintResolved || to == model.ComplaintClosed {
				b.Importance = widget.HighImportance
			}
			s.moves.Add(b)
		}
		if c.Rights.Raise && c.Standing.Level < 2 {
			s.moves.Add(widget.NewButtonWithIcon(tr("complaints.raise"), theme.UploadIcon(), s.raise))
		}
	}
	s.note.Hidden = c.ID == 0 || !writable || len(s.moves.Objects) == 0
	me := s.u.store.Who().Advisor
	s.own.Hidden = c.ID == 0 || me == 0 || me != c.AdvisorID || c.Status.Done()
	s.own.Refresh()
	if s.printBtn != nil && c.ID != 0 {
		s.moves.Add(s.printBtn)
	}
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
// transaction; a refusal marks the fields and moves nothing.
func (s *complaintsScreen) move(to model.ComplaintStatus) {
	s.step(func(c *model.Complaint) error { return s.u.store.MoveComplaint(c, to, s.note.Text) }, func(c *model.Complaint) string {
		return tr("complaints.moved", "Name", c.ID, "Status", tr("complaint_status."+string(c.Status)))
	})
}

// raise reports the complaint upward one level.
func (s *complaintsScreen) raise() {
	s.step(func(c *model.Complaint) error { return s.u.store.RaiseComplaint(c, s.note.Text) }, func(c *model.Complaint) string {
		return tr("complaints.raised", "Name", c.ID)
	})
}

func (s *complaintsScreen) step(do func(*model.Complaint) error, said func(*model.Complaint) string) {
	if s.editing == nil || s.editing.ID == 0 {
		return
	}
	r, errs := s.collect()
	if errs != nil {
		s.form.showErrors(s.problems(r, errs), s.u.labels())
		return
	}
	s.form.submit(s.u, func() error { return do(r) }, func() {
		s.note.SetText("")
		s.status.SetText(said(r))
		s.list.selected = r.ID
		s.edit(r)
		s.list.reload()
	})
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
