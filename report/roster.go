package report

import (
	"advisordesk/i18n"
	"io"
	"strconv"

	"advisordesk/model"
)

// rosterCol is one column of the printed roster: its header key, width in
// mm and the cell text of an advisor.
type rosterCol struct {
	key   string
	width float64
	cell  func(l *i18n.Labels, n int, a *model.Advisor) string
	align string
	name  bool // a person's name: wraps between the parts of a transliterated name only
}

func rosterCols() []rosterCol {
	return []rosterCol{
		{"field.no", 10, func(_ *i18n.Labels, n int, _ *model.Advisor) string { return strconv.Itoa(n) }, "C", false},
		{"field.empno", 22, func(_ *i18n.Labels, _ int, a *model.Advisor) string { return a.EmpNo }, "L", false},
		{"field.name", 28, func(_ *i18n.Labels, _ int, a *model.Advisor) string { return a.Name }, "L", true},
		{"field.gender", 16, func(l *i18n.Labels, _ int, a *model.Advisor) string {
			if a.Gender == "" {
				return ""
			}
			return l.T("gender." + string(a.Gender))
		}, "C", false},
		{"field.employment", 24, func(l *i18n.Labels, _ int, a *model.Advisor) string { return l.T("employment." + string(a.Employment)) }, "L", false},
		{"field.role", 36, func(l *i18n.Labels, _ int, a *model.Advisor) string { return l.T("role." + string(a.Role)) }, "L", false},
		{"field.department", 30, func(_ *i18n.Labels, _ int, a *model.Advisor) string { return a.Department }, "L", false},
		{"field.phone", 28, func(_ *i18n.Labels, _ int, a *model.Advisor) string { return a.Phone }, "L", false},
		{"field.hire_date", 22, func(_ *i18n.Labels, _ int, a *model.Advisor) string { return string(a.HireDate) }, "C", false},
		{"field.status", 28, func(l *i18n.Labels, _ int, a *model.Advisor) string {
			s := l.T("status." + string(a.Status))
			if a.Status != model.Active && a.StatusDate != "" {
				s += " " + string(a.StatusDate)
			}
			return s
		}, "L", false},
		{"field.supervisor", 24, func(_ *i18n.Labels, _ int, a *model.Advisor) string { return a.Supervisor }, "L", true},
	}
}

// Page geometry of the roster: A4 landscape, in mm.
const (
	rosterTop    = 30.0 // below the title block
	rosterBottom = 210.0 - 14
)

// Roster prints the advisors as an A4 landscape list: a title with the
// company, the print date and the head count, a header row repeated on every
// page, rows that grow when a cell wraps, and "page x of y" at the foot.
func Roster(w io.Writer, advisors []*model.Advisor, m Meta) error {
	l, err := i18n.For(m.Lang)
	if err != nil {
		return err
	}
	cols := rosterCols()
	cells := make([][]string, len(advisors))
	texts := []string{m.Company, l.T("report.roster"), l.T("report.total", "N", "0,"), l.T("report.total.one"), l.T("report.printed", "Date", m.Date),
		l.T("report.page", "Page", 0, "Pages", 0), l.T("list.empty")}
	for _, c := range cols {
		texts = append(texts, l.T(c.key))
	}
	for i, a := range advisors {
		for _, c := range cols {
			cells[i] = append(cells[i], c.cell(l, i+1, a))
		}
		texts = append(texts, cells[i]...)
	}
	d, err := newDoc(m, "L", texts...)
	if err != nil {
		return err
	}
	// The table is centred; the title block spans exactly its width.
	tableW := 0.0
	for _, c := range cols {
		tableW += c.width
	}
	left := (297 - tableW) / 2
	// The header row is as high as its longest wrapped label.
	d.bold(true, 9)
	heads := make([][]string, len(cols))
	headH := 0.0
	for i, c := range cols {
		heads[i] = d.lines(d.l.T(c.key), c.width-2*cellPad)
		headH = max(headH, float64(len(heads[i]))*lineH+3)
	}
	d.bold(false, 9)
	// Lay out first: every row's wrapped cells and height, and so the pages,
	// so that the footer can say "of y" without gofpdf's page alias (which
	// misprints with UTF-8 fonts).
	type laid struct {
		cells [][]string
		h     float64
	}
	rows := make([]laid, len(advisors))
	var pages [][]int
	y := rosterTop + headH
	for i := range advisors {
		var r laid
		n := 1
		for ci, c := range cols {
			ls := d.lines(cells[i][ci], c.width-2*cellPad)
			if c.name {
				ls = d.nameLines(cells[i][ci], c.width-2*cellPad)
			}
			r.cells = append(r.cells, ls)
			n = max(n, len(ls))
		}
		r.h = float64(n)*lineH + 1.5
		rows[i] = r
		if len(pages) == 0 || y+r.h > rosterBottom {
			pages = append(pages, nil)
			y = rosterTop + headH
		}
		pages[len(pages)-1] = append(pages[len(pages)-1], i)
		y += r.h
	}
	if len(pages) == 0 {
		pages = [][]int{nil}
	}
	title := d.l.T("report.roster")
	for p, idx := range pages {
		d.AddPage()
		d.rosterHead(m, title, len(advisors), left, tableW)
		y := rosterTop
		x := left
		d.SetFillColor(226, 234, 245)
		d.SetDrawColor(120, 130, 145)
		d.SetLineWidth(0.2)
		d.bold(true, 9)
		for i, c := range cols {
			d.Rect(x, y, c.width, headH, "FD")
			d.textIn(x+cellPad, y+(headH-float64(len(heads[i]))*lineH)/2, c.width-2*cellPad, lineH, heads[i], "C")
			x += c.width
		}
		y += headH
		d.bold(false, 9)
		for k, i := range idx {
			r := rows[i]
			x = left
			fill := "D"
			if k%2 == 1 {
				d.SetFillColor(246, 248, 251)
				fill = "FD"
			}
			for ci, c := range cols {
				d.Rect(x, y, c.width, r.h, fill)
				d.textIn(x+cellPad, y+0.75, c.width-2*cellPad, lineH, r.cells[ci], c.align)
				x += c.width
			}
			y += r.h
		}
		if len(advisors) == 0 {
			d.SetXY(left, y+4)
			d.CellFormat(0, lineH, d.label("list.empty"), "", 0, "L", false, 0, "")
		}
		d.bold(false, 8)
		d.SetTextColor(90, 90, 90)
		d.SetXY(left, 210-10)
		d.CellFormat(tableW, 5, d.label("report.page", "Page", p+1, "Pages", len(pages)), "", 0, "C", false, 0, "")
		d.SetTextColor(0, 0, 0)
	}
	return d.finish(w)
}

func (d *doc) rosterHead(m Meta, title string, n int, left, width float64) {
	t := title
	if m.Company != "" {
		t = m.Company + "  " + title
	}
	d.shrinkTo(t, width, 15, true)
	d.SetXY(left, 11)
	d.CellFormat(width, 8, d.clean(t), "", 0, "C", false, 0, "")
	d.bold(false, 9)
	d.SetXY(left, 21)
	d.CellFormat(width/2, 5, d.clean(d.l.N("report.total", n)), "", 0, "L", false, 0, "")
	d.SetXY(left+width/2, 21)
	d.CellFormat(width/2, 5, d.label("report.printed", "Date", m.Date), "", 0, "R", false, 0, "")
}
