package report

import (
	"io"
	"slices"
	"strconv"
	"time"

	"advisordesk/i18n"
	"advisordesk/model"
)

// The complaint handling record (投诉处理记录): one complaint on A4 — its
// intake, its deadlines, the timeline of every step, the resolution and
// the finding, and lines for the handler's, the supervisor's and the
// customer's signatures. It runs onto further pages when the timeline is
// long; each page says which page of how many it is.

// complaintView is everything the record prints, as text: drawn, and
// announced to the font cut, from one place.
type complaintView struct {
	title, no  string
	intake     [][2]string // label, value
	desc       [2]string
	deadlines  string
	dlHead     [4]string
	dlRows     [][4]string // step, deadline, done on, result
	head       [4]string
	events     [][4]string // when, by, step, note
	outcome    [][2]string
	resolution [2]string
	signs      []string
	signLines  [2]string
	printed    string
}

func newComplaintView(l *i18n.Labels, c *model.Complaint, m Meta) *complaintView {
	choice := func(prefix, v string) string {
		if v == "" {
			return ""
		}
		return l.T(prefix + v)
	}
	f := func(key string) string { return l.T("field." + key) }
	v := &complaintView{title: l.T("complaint.print_title"), no: l.T("complaint.print_no", "No", c.ID),
		printed: l.T("report.printed", "Date", m.Date)}
	v.intake = [][2]string{
		{f(model.FieldReceived), string(c.Received)},
		{f(model.FieldChannel), choice("complaint_channel.", string(c.Channel))},
		{f(model.FieldSeverity), choice("complaint_severity.", string(c.Severity))},
		{f(model.FieldComplStatus), choice("complaint_status.", string(c.Status))},
		{f(model.FieldComplCustomer), c.Customer},
		{f(model.FieldPhone), c.CustomerPhone},
		{f(model.FieldComplAdvisor), c.Advisor},
		{f(model.FieldHandler), c.Handler},
	}
	v.desc = [2]string{f(model.FieldDescription), c.Description}
	v.deadlines = l.T("complaint.print_counted", "Start", c.Standing.Start, "Days", c.Standing.Elapsed)
	if c.Status.Done() {
		v.deadlines = l.T("complaint.print_counted_done", "Start", c.Standing.Start, "Days", c.Standing.Elapsed)
	}
	if c.Standing.Paused {
		v.deadlines += " " + l.N("complaints.paused", c.Standing.Elapsed, "Days", c.Standing.Elapsed)
	}
	v.dlHead = [4]string{l.T("complaint.print_dl_step"), l.T("complaint.print_dl_due"), l.T("complaint.print_dl_done"),
		l.T("complaint.print_dl_result")}
	v.dlRows = deadlineRows(l, c)
	v.head = [4]string{l.T("complaint.print_when"), l.T("complaint.print_who"), l.T("complaint.print_step"),
		l.T("complaint.print_note")}
	for i, e := range c.Timeline {
		step := l.T("complaints.event_new")
		switch {
		case e.Raise > 0:
			step = l.T("complaints.event_raise", "Level", e.Raise)
		case e.From != "":
			step = l.T("complaint_status."+string(e.From)) + " → " + l.T("complaint_status."+string(e.To))
		}
		when := string(e.Day)
		if !e.At.IsZero() {
			when = e.At.In(time.Local).Format("2006-01-02 15:04")
		}
		note := e.Note
		// The intake is dated as the complaint came in; when it was typed
		// in is a note beside it.
		if i == 0 && e.From == "" && c.Received != "" {
			note = joinNote(l.T("complaint.print_entered", "At", when), e.Note)
			when = string(c.Received)
		}
		v.events = append(v.events, [4]string{when, e.By, step, note})
	}
	v.resolution = [2]string{f(model.FieldResolution), c.Resolution}
	v.outcome = [][2]string{
		{f(model.FieldSatisfaction), choice("complaint_satisfaction.", c.Satisfaction)},
		{f(model.FieldCause), choice("complaint_cause.", string(c.Cause))},
		{f(model.FieldResponsible), c.Responsible},
	}
	v.signs = []string{l.T("complaint.print_sign_handler"), l.T("complaint.print_sign_supervisor"),
		l.T("complaint.print_sign_customer")}
	v.signLines = [2]string{l.T("sheet.sign") + l.T("sep.colon"), l.T("complaint.print_date") + l.T("sep.colon")}
	return v
}

func joinNote(a, b string) string {
	if b == "" {
		return a
	}
	return a + "; " + b
}

// deadlineRows are the record's deadlines, each with the day its step was
// taken and whether in time, then the escalation steps and when they were
// taken: by the deadlines (computed) or reported upward by hand (on the
// timeline).
func deadlineRows(l *i18n.Labels, c *model.Complaint) [][4]string {
	k := c.Standing
	due := func(key string, d model.Date, days int) string {
		if d == "" {
			return l.T("complaint.print_paused")
		}
		return l.N(key, days, "Date", d, "Days", days)
	}
	result := func(done model.Date, late bool) string {
		switch {
		case late:
			return l.T("complaint.print_missed")
		case done != "":
			return l.T("complaint.print_met")
		}
		return l.T("complaint.print_pending")
	}
	rows := [][4]string{
		{l.T("complaint.print_dl_contact"), due("complaint.print_dl_by", k.ContactDue, k.Rule.Contact), string(k.Contacted),
			result(k.Contacted, k.ContactLate)},
		{l.T("complaint.print_dl_outcome"), due("complaint.print_dl_by", k.OutcomeDue, k.Rule.Outcome), string(k.Resolved),
			result(k.Resolved, k.OutcomeLate)},
	}
	// An escalation step: the day the deadlines took it, or the day
	// someone reported it upward by hand, whichever came first.
	step := func(level int, byDate model.Date) (string, string) {
		day, by := byDate, ""
		for _, e := range c.Timeline {
			if e.Raise >= level && e.Day >= k.Start && (day == "" || e.Day < day) {
				day, by = e.Day, e.By
			}
		}
		switch {
		case day == "":
			return "", l.T("complaint.print_not_escalated")
		case by != "":
			return string(day), l.T("complaint.print_by_hand", "By", by)
		}
		return string(day), l.T("complaint.print_escalated")
	}
	sd, sr := step(1, k.ToSupervisor)
	hd, hr := step(2, k.ToHR)
	rows = append(rows,
		[4]string{l.T("complaint.print_dl_supervisor"), l.T("complaint.print_dl_missed_any"), sd, sr},
		[4]string{l.T("complaint.print_dl_hr"), due("complaint.print_dl_after", k.EscalateDue, k.Rule.Escalate), hd, hr})
	return rows
}

// texts is every text the record may draw.
func (v *complaintView) texts(m Meta, l *i18n.Labels) []string {
	out := []string{m.Company, v.title, v.no, v.printed, v.deadlines, v.desc[0], v.desc[1], v.resolution[0], v.resolution[1],
		v.signLines[0], v.signLines[1], l.T("complaint.print_intake"), l.T("complaint.print_timeline"),
		l.T("complaint.print_outcome"), l.T("complaint.print_deadlines"), l.T("sep.colon")}
	for _, p := range append(v.intake, v.outcome...) {
		out = append(out, p[0], p[1])
	}
	out = append(out, v.head[:]...)
	out = append(out, v.dlHead[:]...)
	for _, r := range v.dlRows {
		out = append(out, r[:]...)
	}
	for _, e := range v.events {
		out = append(out, e[:]...)
	}
	out = append(out, v.signs...)
	for p := 1; p <= 9; p++ {
		out = append(out, l.T("report.page", "Page", p, "Pages", 9))
	}
	return out
}

// Complaint prints the handling record of c (its Standing and
// CustomerPhone as the store read them) in m's language.
func Complaint(w io.Writer, c *model.Complaint, m Meta) error {
	l, err := i18n.For(m.Lang)
	if err != nil {
		return err
	}
	v := newComplaintView(l, c, m)
	d, err := newDoc(m, "P", v.texts(m, l)...)
	if err != nil {
		return err
	}
	p := &complaintPainter{d: d, l: l, v: v, m: m}
	d.SetDrawColor(110, 120, 135)
	d.SetLineWidth(0.2)
	d.SetFillColor(228, 235, 245)
	p.paint()
	return d.finish(w)
}

type complaintPainter struct {
	d *doc
	l *i18n.Labels
	v *complaintView
	m Meta
	y float64
	// labelW is the width of the pairs' labels: the longest, bold.
	labelW float64
}

const (
	complLineH  = 5.0
	complLabelW = 30.0
	complBottom = footerY - 4
)

// eventCols are the timeline's column widths: when, by, step, note;
// dlCols the deadlines': step, deadline, done on, result.
var (
	eventCols = [4]float64{32, 26, 46, bodyW - 32 - 26 - 46}
	dlCols    = [4]float64{44, 62, 28, bodyW - 44 - 62 - 28}
)

func (p *complaintPainter) paint() {
	p.d.bold(true, 9.5)
	p.labelW = complLabelW
	for _, pr := range append(slices.Clone(p.v.intake), p.v.outcome...) {
		p.labelW = max(p.labelW, p.d.width(p.d.clean(pr[0]))+3)
	}
	p.labelW = min(p.labelW, bodyW/4)
	p.page()
	p.section("complaint.print_intake")
	p.pairs(p.v.intake)
	p.block(p.v.desc)
	p.y += 3
	p.section("complaint.print_deadlines")
	p.d.bold(false, 9)
	lines := p.d.lines(p.v.deadlines, bodyW)
	p.d.textIn(margin, p.y, bodyW, 4.4, lines, "L")
	p.y += float64(len(lines))*4.4 + 1.5
	p.tableRow(dlCols, p.v.dlHead, true, p.v.dlHead)
	for _, r := range p.v.dlRows {
		p.tableRow(dlCols, r, false, p.v.dlHead)
	}
	p.y += 3
	p.section("complaint.print_timeline")
	p.tableRow(eventCols, p.v.head, true, p.v.head)
	for _, e := range p.v.events {
		p.tableRow(eventCols, e, false, p.v.head)
	}
	p.y += 3
	p.section("complaint.print_outcome")
	p.block(p.v.resolution)
	p.pairs(p.v.outcome)
	p.y += 6
	p.signatures()
	p.footers()
}

// page starts a page: the title block on the first, a short head after.
func (p *complaintPainter) page() {
	d := p.d
	d.AddPage()
	d.tableHead(p.m, p.v.title, p.v.no, margin, bodyW)
	p.y = 30
}

// need starts a new page unless h more millimetres fit on this one.
func (p *complaintPainter) need(h float64) {
	if p.y+h > complBottom {
		p.page()
	}
}

func (p *complaintPainter) section(key string) {
	d := p.d
	p.need(8 + 2*complLineH)
	d.bold(true, 11)
	d.SetXY(margin, p.y)
	d.CellFormat(bodyW, 7, d.label(key), "B", 0, "L", false, 0, "")
	p.y += 9
}

// pairs draws label–value pairs two to a line.
func (p *complaintPainter) pairs(pairs [][2]string) {
	d := p.d
	half := bodyW / 2
	for i := 0; i < len(pairs); i += 2 {
		h := complLineH
		var lines [2][]string
		for j := 0; j < 2 && i+j < len(pairs); j++ {
			d.bold(false, 9.5)
			lines[j] = d.lines(pairs[i+j][1], half-p.labelW-2)
			h = max(h, float64(len(lines[j]))*complLineH)
		}
		p.need(h + 1.5)
		for j := 0; j < 2 && i+j < len(pairs); j++ {
			x := margin + float64(j)*half
			d.bold(true, 9.5)
			d.SetXY(x, p.y)
			d.CellFormat(p.labelW, complLineH, d.clean(pairs[i+j][0]), "", 0, "L", false, 0, "")
			d.bold(false, 9.5)
			d.textIn(x+p.labelW, p.y, half-p.labelW-2, complLineH, lines[j], "L")
			d.Line(x+p.labelW, p.y+h+0.3, x+half-4, p.y+h+0.3)
		}
		p.y += h + 1.5
	}
}

// block draws a label above a long text, the text boxed, as many lines as
// it takes (at least three, room to write by hand when empty).
func (p *complaintPainter) block(b [2]string) {
	d := p.d
	d.bold(false, 9.5)
	lines := d.lines(b[1], bodyW-4)
	rows := max(len(lines), 3)
	for start := 0; start < rows; {
		room := int((complBottom - p.y - 7) / complLineH)
		if room < 2 {
			p.page()
			continue
		}
		n := min(rows-start, room)
		d.bold(true, 9.5)
		d.SetXY(margin, p.y)
		d.CellFormat(bodyW, 6, d.clean(b[0]), "", 0, "L", false, 0, "")
		d.Rect(margin, p.y+6, bodyW, float64(n)*complLineH+2, "D")
		d.bold(false, 9.5)
		if start < len(lines) {
			d.textIn(margin+2, p.y+7, bodyW-4, complLineH, lines[start:min(len(lines), start+n)], "L")
		}
		p.y += 6 + float64(n)*complLineH + 4
		start += n
	}
}

// tableRow draws one line of a table of columns cols, its cells wrapped;
// a row that does not fit starts a new page under the table's head.
func (p *complaintPainter) tableRow(cols [4]float64, cells [4]string, head bool, headCells [4]string) {
	d := p.d
	d.bold(head, 9)
	var lines [4][]string
	h := 0.0
	for i, s := range cells {
		lines[i] = d.lines(s, cols[i]-2)
		h = max(h, float64(len(lines[i]))*4.4+1.6)
	}
	if !head && p.y+h > complBottom {
		p.page()
		p.tableRow(cols, headCells, true, headCells)
		d.bold(false, 9)
	}
	x := margin
	for i := range cells {
		if head {
			d.Rect(x, p.y, cols[i], h, "FD")
		} else {
			d.Rect(x, p.y, cols[i], h, "D")
		}
		d.textIn(x+1, p.y+0.8, cols[i]-2, 4.4, lines[i], "L")
		x += cols[i]
	}
	p.y += h
}

// signatures: the handler's, the supervisor's and the customer's blocks,
// each a signature line and a date line.
func (p *complaintPainter) signatures() {
	d := p.d
	p.need(24)
	w := bodyW / 3
	for i, who := range p.v.signs {
		x := margin + float64(i)*w
		d.bold(true, 10)
		d.SetXY(x, p.y)
		d.CellFormat(w, 6, d.clean(who), "", 0, "L", false, 0, "")
		d.bold(false, 9.5)
		for j, label := range p.v.signLines {
			y := p.y + 8 + 8*float64(j)
			d.SetXY(x, y)
			d.CellFormat(w, 6, d.clean(label), "", 0, "L", false, 0, "")
			d.Line(x+d.width(d.clean(label))+1.5, y+5, x+w-6, y+5)
		}
	}
	p.y += 24
}

// footers write "page x of y" on every page once all are drawn.
func (p *complaintPainter) footers() {
	d := p.d
	n := d.PageNo()
	for i := 1; i <= n; i++ {
		d.SetPage(i)
		d.bold(false, 8)
		d.SetTextColor(90, 90, 90)
		d.SetXY(margin, footerY)
		d.CellFormat(bodyW/2, 5, d.clean(p.v.no), "", 0, "L", false, 0, "")
		d.SetXY(margin+bodyW/2, footerY)
		d.CellFormat(bodyW/2, 5, d.label("report.page", "Page", i, "Pages", n), "", 0, "R", false, 0, "")
		d.SetTextColor(0, 0, 0)
	}
}

// ComplaintNo is how a complaint's number is written in file names.
func ComplaintNo(c *model.Complaint) string { return strconv.FormatUint(c.ID, 10) }
