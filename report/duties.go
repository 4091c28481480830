package report

import (
	"io"
	"slices"
	"strconv"

	"advisordesk/i18n"
	"advisordesk/model"
)

// DutySheet is a role's duties and permissions (岗位职责与权限) on one A4
// page, for the employee to read and sign and for HR to file.
type DutySheet struct {
	Role   model.AccountRole
	Matrix model.Matrix
	// Version is the matrix's version as HR names it; "" for the
	// program's default matrix, or, with Since, for a matrix known only by
	// the day HR saved it (what the file keeps).
	Version string
	Since   model.Date // the day the matrix took effect; "" when not known
	// Employee is printed on the name line; "" leaves it to be written in.
	Employee string
}

// Duty sheet geometry, in mm. The number, item and source columns of its
// tables are as wide as their longest text (the item at most dutyItemW),
// and the explanation takes the rest.
const (
	dutyItemW = 46.0
	dutyPad   = 1.1  // above and below a row's lines
	dutySignH = 22.0 // the two signature blocks
)

// Duties prints the sheet on one A4 page.
func Duties(w io.Writer, s DutySheet, m Meta) error {
	l, err := i18n.For(m.Lang)
	if err != nil {
		return err
	}
	d, err := newDoc(m, "P", dutyTexts(l, s, m)...)
	if err != nil {
		return err
	}
	p := &dutyPainter{d: d, l: l, s: s, m: m}
	p.fit()
	d.AddPage()
	d.SetDrawColor(110, 120, 135)
	d.SetLineWidth(0.2)
	d.SetFillColor(228, 235, 245)
	p.paint()
	return d.finish(w)
}

// dutyTexts is every text the sheet may draw, for the font cut.
func dutyTexts(l *i18n.Labels, s DutySheet, m Meta) []string {
	texts := []string{m.Company, s.Version, string(s.Since), s.Employee, l.T("account_role." + string(s.Role))}
	for _, k := range []string{"duties.title", "duties.role", "duties.employee", "duties.duties", "duties.perms",
		"duties.col_no", "duties.col_item", "duties.col_text", "duties.col_source", "duties.article",
		"duties.article_draft2", "duties.program", "duties.none", "duties.matrix", "duties.matrix_since",
		"duties.matrix_default", "duties.version_saved", "duties.basis", "duties.ack", "duties.sign_employee", "sheet.sign_hr", "sheet.sign",
		"field.date", "sep.colon", "sheet.printed", "report.page"} {
		texts = append(texts, l.T(k))
	}
	for _, e := range model.Catalogue {
		texts = append(texts, l.T(e.TextKey()), l.T(e.TextKey()+".text"))
	}
	return texts
}

// dutyPainter draws the sheet, or (dry) measures it.
type dutyPainter struct {
	d    *doc
	l    *i18n.Labels
	s    DutySheet
	m    Meta
	size float64 // the body text's size in points
	y    float64
	dry  bool
	// noW, itemW and sourceW are the widths of the number, item and
	// source columns at this size.
	noW, itemW, sourceW float64
}

// fit sets the body text's size: 9.5 pt, or less in half points (down to
// 7) until the page holds the sheet. HR's, the fullest, holds it at 9.5 pt
// in Chinese and 9 pt in English.
func (p *dutyPainter) fit() {
	p.size = 9.5
	for p.size > 7 && p.height() > bottom {
		p.size -= 0.5
	}
}

// height is where on the page the sheet ends at p.size.
func (p *dutyPainter) height() float64 {
	p.dry, p.d.dry = true, true
	defer func() { p.dry, p.d.dry = false, false }()
	p.paint()
	return p.y
}

func (p *dutyPainter) lh() float64 { return p.size * 0.43 }

// paint draws from the top: heading, the role and the employee, the two
// tables, the notes, the acknowledgement and the signatures, the footer.
func (p *dutyPainter) paint() {
	p.y = margin
	p.header()
	p.y += 3
	var duties, perms []model.CatalogueEntry
	for _, c := range p.s.Matrix.Codes(p.s.Role) {
		e, _ := model.Entry(c)
		if e.Duty {
			duties = append(duties, e)
		} else {
			perms = append(perms, e)
		}
	}
	p.columns(append(slices.Clone(duties), perms...))
	p.section("duties.duties", duties)
	p.y += 3
	p.section("duties.perms", perms)
	p.y += 2.5
	p.notes()
	p.signatures()
	if !p.dry {
		p.footer()
	}
}

// header is the company, the title and the row naming the role and the
// employee.
func (p *dutyPainter) header() {
	if c := p.m.Company; c != "" {
		p.y += p.fitted(margin, p.y, bodyW, 0, c, 12, true, "C") + 0.5
	}
	p.d.bold(true, 16)
	p.cell(margin, p.y, bodyW, 8, p.l.T("duties.title"), "C")
	p.y += 11
	const lw = 24.0
	half := bodyW / 2
	cells := [][2]string{{"duties.role", p.l.T("account_role." + string(p.s.Role))}, {"duties.employee", p.s.Employee}}
	h := 8.0
	for i, c := range cells {
		h = max(h, p.fitted(0, 0, half-lw-2*cellPad, 0, c[1], 10.5, i == 0, ""))
	}
	for i, c := range cells {
		x := margin + float64(i)*half
		p.rect(x, p.y, lw, h, true)
		p.rect(x+lw, p.y, half-lw, h, false)
		p.d.bold(true, 10)
		p.cell(x+cellPad, p.y, lw-2*cellPad, h, p.l.T(c[0]), "L")
		p.fitted(x+lw+cellPad, p.y, half-lw-2*cellPad, h, c[1], 10.5, i == 0, "L")
	}
	p.y += h
}

// fitted draws s in width w from x, y: shrunk from size to at most 2 pt
// less until it fits one line, then wrapped; the lines are centred in a
// box of height h when given. It returns the lines' height (and draws
// nothing when align is "").
func (p *dutyPainter) fitted(x, y, w, h float64, s string, size float64, boldOn bool, align string) float64 {
	d := p.d
	d.bold(boldOn, size)
	for small := size - 2; size > small && d.width(d.clean(s)) > w; size -= 0.5 {
		d.bold(boldOn, size-0.5)
	}
	lines := d.lines(s, w)
	lh := d.size * 0.45
	used := float64(len(lines))*lh + 2
	if align != "" && !p.dry {
		d.textIn(x, y+max(0, h-used)/2+1, w, lh, lines, align)
	}
	return used
}

// section is one of the two tables, under its heading: the role's duties,
// or its permissions; a role without any gets a row saying so.
func (p *dutyPainter) section(title string, entries []model.CatalogueEntry) {
	p.d.bold(true, p.size+1.5)
	p.cell(margin, p.y, bodyW, 7, p.l.T(title), "L")
	p.y += 7
	p.row([4]string{p.l.T("duties.col_no"), p.l.T("duties.col_item"), p.l.T("duties.col_text"), p.l.T("duties.col_source")}, true)
	if len(entries) == 0 {
		p.row([4]string{"", p.l.T("duties.none"), "", ""}, false)
	}
	for i, e := range entries {
		p.row([4]string{strconv.Itoa(i + 1), p.l.T(e.TextKey()), p.l.T(e.TextKey() + ".text"), p.source(e)}, false)
	}
}

// source is where an entry comes from: the regulation's article (and its
// second draft, for what only that draft says), or the program.
func (p *dutyPainter) source(e model.CatalogueEntry) string {
	switch {
	case !e.FromRegulation():
		return p.l.T("duties.program")
	case e.Draft == 2:
		return p.l.T("duties.article_draft2", "No", e.Article)
	}
	return p.l.T("duties.article", "No", e.Article)
}

// columns fits the number, item and source columns to their headers and
// the entries' texts, so that an article never wraps and the explanations
// get the rest; a long item wraps beyond dutyItemW.
func (p *dutyPainter) columns(entries []model.CatalogueEntry) {
	d := p.d
	d.bold(true, p.size)
	no := max(d.width(d.clean(p.l.T("duties.col_no"))), d.width("00"))
	item := max(d.width(d.clean(p.l.T("duties.col_item"))), d.width(d.clean(p.l.T("duties.none"))))
	source := d.width(d.clean(p.l.T("duties.col_source")))
	for _, e := range entries {
		item = max(item, d.width(d.clean(p.l.T(e.TextKey()))))
	}
	d.bold(false, p.size)
	for _, e := range entries {
		source = max(source, d.width(d.clean(p.source(e))))
	}
	p.noW, p.itemW, p.sourceW = no+2*cellPad+1, min(dutyItemW, item+2*cellPad+1), source+2*cellPad+1
}

// row draws one table row, every cell wrapped and centred in the row's
// height: the number and the source centred, the item in bold.
func (p *dutyPainter) row(cells [4]string, head bool) {
	d := p.d
	widths := [4]float64{p.noW, p.itemW, bodyW - p.noW - p.itemW - p.sourceW, p.sourceW}
	aligns := [4]string{"C", "L", "L", "C"}
	lines := make([][]string, 4)
	n := 1
	for i, c := range cells {
		d.bold(head || i == 1, p.size)
		lines[i] = d.lines(c, widths[i]-2*cellPad)
		n = max(n, len(lines[i]))
	}
	lh := p.lh()
	h := float64(n)*lh + 2*dutyPad
	x := margin
	for i := range cells {
		p.rect(x, p.y, widths[i], h, head)
		if !p.dry {
			d.bold(head || i == 1, p.size)
			d.textIn(x+cellPad, p.y+(h-float64(len(lines[i]))*lh)/2, widths[i]-2*cellPad, lh, lines[i], aligns[i])
		}
		x += widths[i]
	}
	p.y += h
}

// notes are where the sheet's contents come from, the matrix's version,
// and the acknowledgement the employee signs.
func (p *dutyPainter) notes() {
	d := p.d
	matrix := p.l.T("duties.matrix", "Version", p.l.T("duties.matrix_default"))
	switch {
	case p.s.Version == "" && p.s.Since != "":
		matrix = p.l.T("duties.matrix", "Version", p.l.T("duties.version_saved", "Date", p.s.Since))
	case p.s.Since != "":
		matrix = p.l.T("duties.matrix_since", "Version", p.s.Version, "Since", p.s.Since)
	case p.s.Version != "":
		matrix = p.l.T("duties.matrix", "Version", p.s.Version)
	}
	small := max(7, p.size-1.5)
	d.SetTextColor(80, 80, 80)
	p.para(p.l.T("duties.basis"), small, false)
	p.para(matrix, small, false)
	d.SetTextColor(0, 0, 0)
	p.y += 3
	p.para(p.l.T("duties.ack"), p.size+0.5, true)
	p.y += 2
}

// para draws a paragraph across the body and moves below it.
func (p *dutyPainter) para(s string, size float64, boldOn bool) {
	p.d.bold(boldOn, size)
	lines := p.d.lines(s, bodyW)
	lh := size * 0.45
	if !p.dry {
		p.d.textIn(margin, p.y, bodyW, lh, lines, "L")
	}
	p.y += float64(len(lines))*lh + 1
}

// signatures are the employee's and HR's blocks: a signature line and a
// date line each, every line starting after its label.
func (p *dutyPainter) signatures() {
	d := p.d
	w := bodyW / 2
	for i, who := range []string{"duties.sign_employee", "sheet.sign_hr"} {
		x := margin + float64(i)*w
		d.bold(true, 10)
		p.cell(x, p.y, w, 6, p.l.T(who), "L")
		for j, k := range []string{"sheet.sign", "field.date"} {
			y := p.y + 7 + 7*float64(j)
			label := p.l.T(k) + p.l.T("sep.colon")
			d.bold(false, 9.5)
			p.cell(x, y, w, 6, label, "L")
			if !p.dry {
				d.Line(x+d.width(d.clean(label))+1.5, y+5, x+w-8, y+5)
			}
		}
	}
	p.y += dutySignH
}

// footer is the print date and the page count at the page's foot.
func (p *dutyPainter) footer() {
	d := p.d
	d.bold(false, 8)
	d.SetTextColor(90, 90, 90)
	p.cell(margin, footerY, bodyW/2, 5, p.l.T("sheet.printed")+p.l.T("sep.colon")+string(p.m.Date), "L")
	p.cell(margin+bodyW/2, footerY, bodyW/2, 5, p.l.T("report.page", "Page", 1, "Pages", 1), "R")
	d.SetTextColor(0, 0, 0)
}

// cell draws one line of text in a box, unless measuring.
func (p *dutyPainter) cell(x, y, w, h float64, s, align string) {
	if p.dry {
		return
	}
	p.d.SetXY(x, y)
	p.d.CellFormat(w, h, p.d.clean(s), "", 0, align, false, 0, "")
}

func (p *dutyPainter) rect(x, y, w, h float64, fill bool) {
	if p.dry {
		return
	}
	if fill {
		p.d.Rect(x, y, w, h, "FD")
	} else {
		p.d.Rect(x, y, w, h, "D")
	}
}
