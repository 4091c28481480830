package report

import (
	"io"
	"strconv"
	"strings"

	"advisordesk/i18n"
	"advisordesk/model"
)

// RowNumber is the key of the numbered first column (label "field.no") in
// a Table's Align and Totals.
const RowNumber = "no"

// Table prints records of one type as a list on A4, driven by the record's
// description: its PrintFields are the columns, Print their widths in mm,
// "field."+Key their headers. What the description does not say — the
// title, the count line, a record's special cells — is set here.
type Table[T any] struct {
	Record *model.Record[T]
	Title  string // label key of the title; "" for "record."+Record.Name
	// Count is the label key of the count under the title, with {{.N}}
	// and a ".one" form where the language has one ("report.total": "40
	// advisors"); "" for "records.total" ("40 records").
	Count     string
	Empty     string // label key of the line an empty list prints; "" for "records.empty"
	Landscape bool
	Numbered  bool // a first column numbering the rows, 10 mm wide
	// Cells overrides the cell of a field: given the record and the cell's
	// usual text (a choice already translated), it returns the text printed.
	Cells map[string]func(l *i18n.Labels, rec *T, cell string) string
	// Align sets a column's alignment, "L", "C" or "R", by field key. Without
	// it dates are centred, numbers right-aligned, the rest left-aligned.
	Align map[string]string
	// Totals, when set, gives the cells of a last, bold row by field key (and
	// RowNumber): a label and the sums, for instance (see Sums).
	Totals func(l *i18n.Labels, recs []*T) map[string]string
}

// Print writes the records as a PDF: a title block with the company, the
// count and the print date; a header row repeated on every page; rows that
// grow when a cell wraps (a name only between its parts); every other row
// shaded; the totals row; "page x of y" at the foot of each page.
func (t *Table[T]) Print(w io.Writer, recs []*T, m Meta) error {
	l, err := i18n.For(m.Lang)
	if err != nil {
		return err
	}
	g := grid{landscape: t.Landscape, title: t.Title, empty: t.Empty}
	if g.title == "" {
		g.title = "record." + t.Record.Name
	}
	if g.empty == "" {
		g.empty = "records.empty"
	}
	count := t.Count
	if count == "" {
		count = "records.total"
	}
	g.count = l.N(count, len(recs))
	fields := t.Record.PrintFields()
	if t.Numbered {
		g.cols = append(g.cols, gridCol{head: "field.no", width: 10, align: "C"})
	}
	for _, f := range fields {
		g.cols = append(g.cols, gridCol{head: "field." + f.Key, width: f.Print, align: t.align(f), name: f.Kind == model.KindName})
	}
	g.cells = make([][]string, len(recs))
	for i, rec := range recs {
		if t.Numbered {
			g.cells[i] = append(g.cells[i], strconv.Itoa(i+1))
		}
		for _, f := range fields {
			g.cells[i] = append(g.cells[i], t.cell(l, f, rec))
		}
	}
	if t.Totals != nil {
		sums := t.Totals(l, recs)
		if t.Numbered {
			g.totals = append(g.totals, sums[RowNumber])
		}
		for _, f := range fields {
			g.totals = append(g.totals, sums[f.Key])
		}
	}
	return g.print(w, l, m)
}

// align is a column's alignment: the table's choice, else by kind.
func (t *Table[T]) align(f *model.Field[T]) string {
	if a, ok := t.Align[f.Key]; ok {
		return a
	}
	switch f.Kind {
	case model.KindDate:
		return "C"
	case model.KindNumber:
		return "R"
	}
	return "L"
}

// cell is the text of one field of rec: a choice's translated label (none
// for no choice), else the field's text, then the table's override.
func (t *Table[T]) cell(l *i18n.Labels, f *model.Field[T], rec *T) string {
	s := f.Get(rec)
	if f.Kind == model.KindChoice && s != "" {
		s = l.T(f.Prefix + s)
	}
	if over, ok := t.Cells[f.Key]; ok {
		s = over(l, rec, s)
	}
	return s
}

// Sums are the totals of the number fields of recs by field key, for a
// Table's Totals.
func Sums[T any](r *model.Record[T], recs []*T) map[string]string {
	out := map[string]string{}
	for _, f := range r.PrintFields() {
		if f.Kind != model.KindNumber {
			continue
		}
		sum, decimals := 0.0, 0
		for _, rec := range recs {
			v := f.Get(rec)
			n, _ := model.ParseNumber(v)
			sum += n
			// As many decimals as the most precise value: 0.1 + 0.2 is 0.3.
			if i := strings.IndexByte(v, '.'); i >= 0 {
				decimals = max(decimals, len(v)-i-1)
			}
		}
		out[f.Key] = strconv.FormatFloat(sum, 'f', decimals, 64)
	}
	return out
}

// A printed table's geometry, in mm: the title block above top, the foot
// below bottom (that far from the page's lower edge).
const (
	tableTop    = 30.0
	tableBottom = 14.0
	tableMargin = 10.0 // the least room beside the table; wider tables are narrowed to it
	cellPad     = 1.5
	lineH       = 5.0
)

// grid is a table reduced to texts: what Table.Print hands to the drawing.
type grid struct {
	landscape    bool
	title, empty string // label keys
	count        string // the count line as printed
	cols         []gridCol
	cells        [][]string // by row, then column
	totals       []string   // by column; nil for no totals row
	minRowH      float64    // the least height of a row: room to write in by hand
	// foot, when set, draws below the last row of the last page (lines to
	// sign on) in footH mm.
	foot      func(d *doc, left, y, width float64)
	footH     float64
	footTexts []string // what foot draws, for the font cut
}

type gridCol struct {
	head  string // label key
	width float64
	align string
	name  bool // a person's name: wraps only between its parts
}

// laidRow is a row wrapped to its columns, and its height.
type laidRow struct {
	cells [][]string
	h     float64
}

// gridLayout is where everything goes, worked out before the first page so
// that the footer can say "of y" without gofpdf's page alias (which
// misprints with UTF-8 fonts).
type gridLayout struct {
	left, width float64 // the table is centred; the title block spans it
	pageH       float64
	heads       [][]string // the header labels, wrapped
	headH       float64
	rows        []laidRow
	totals      *laidRow
	pages       [][]int // the rows on each page
}

func (g *grid) print(w io.Writer, l *i18n.Labels, m Meta) error {
	orientation := "P"
	if g.landscape {
		orientation = "L"
	}
	// Every text the table may draw, for the font cut.
	texts := []string{m.Company, l.T(g.title), g.count, l.T("report.printed", "Date", m.Date),
		l.T("report.page", "Page", 0, "Pages", 0), l.T(g.empty)}
	for _, c := range g.cols {
		texts = append(texts, l.T(c.head))
	}
	for _, r := range g.cells {
		texts = append(texts, r...)
	}
	texts = append(append(texts, g.totals...), g.footTexts...)
	d, err := newDoc(m, orientation, texts...)
	if err != nil {
		return err
	}
	lay := g.layout(d)
	for p := range lay.pages {
		d.AddPage()
		g.page(d, m, lay, p)
	}
	return d.finish(w)
}

// layout wraps the header and every row and shares the rows out to pages.
func (g *grid) layout(d *doc) *gridLayout {
	pageW, pageH := d.GetPageSize()
	lay := &gridLayout{pageH: pageH}
	for _, c := range g.cols {
		lay.width += c.width
	}
	if room := pageW - 2*tableMargin; lay.width > room {
		for i := range g.cols {
			g.cols[i].width *= room / lay.width
		}
		lay.width = room
	}
	lay.left = (pageW - lay.width) / 2
	// The header row is as high as its longest wrapped label.
	d.bold(true, 9)
	for _, c := range g.cols {
		ls := d.lines(d.l.T(c.head), c.width-2*cellPad)
		lay.heads = append(lay.heads, ls)
		lay.headH = max(lay.headH, float64(len(ls))*lineH+3)
	}
	if g.totals != nil && len(g.cells) > 0 {
		r := g.wrapRow(d, g.totals)
		lay.totals = &r
	}
	d.bold(false, 9)
	bottom := pageH - tableBottom
	y := tableTop + lay.headH
	for i, cells := range g.cells {
		r := g.wrapRow(d, cells)
		lay.rows = append(lay.rows, r)
		if len(lay.pages) == 0 || y+r.h > bottom {
			lay.pages = append(lay.pages, nil)
			y = tableTop + lay.headH
		}
		lay.pages[len(lay.pages)-1] = append(lay.pages[len(lay.pages)-1], i)
		y += r.h
	}
	after := 0.0 // what follows the last row: the totals, the lines to sign
	if lay.totals != nil {
		after += lay.totals.h
	}
	if g.foot != nil {
		after += g.footH
	}
	switch last := len(lay.pages) - 1; {
	case last < 0:
		lay.pages = append(lay.pages, nil)
	case y+after > bottom && len(lay.pages[last]) > 1:
		// The last row goes over with them: a page of only the table's
		// head and the signature lines reads as a list gone missing.
		rows := lay.pages[last]
		lay.pages[last] = rows[:len(rows)-1]
		lay.pages = append(lay.pages, rows[len(rows)-1:])
	case y+after > bottom:
		lay.pages = append(lay.pages, nil)
	}
	return lay
}

// wrapRow wraps a row's cells in the current font.
func (g *grid) wrapRow(d *doc, cells []string) laidRow {
	var r laidRow
	n := 1
	for ci, c := range g.cols {
		ls := d.lines(cells[ci], c.width-2*cellPad)
		if c.name {
			ls = d.nameLines(cells[ci], c.width-2*cellPad)
		}
		r.cells = append(r.cells, ls)
		n = max(n, len(ls))
	}
	r.h = max(float64(n)*lineH+1.5, g.minRowH)
	return r
}

// page draws page p: title block, header row, its rows, on the last page
// the totals (or the line saying there is nothing to list), and the foot.
func (g *grid) page(d *doc, m Meta, lay *gridLayout, p int) {
	d.tableHead(m, d.l.T(g.title), g.count, lay.left, lay.width)
	y := tableTop
	x := lay.left
	d.SetFillColor(226, 234, 245)
	d.SetDrawColor(120, 130, 145)
	d.SetLineWidth(0.2)
	d.bold(true, 9)
	for i, c := range g.cols {
		d.Rect(x, y, c.width, lay.headH, "FD")
		d.textIn(x+cellPad, y+(lay.headH-float64(len(lay.heads[i]))*lineH)/2, c.width-2*cellPad, lineH, lay.heads[i], "C")
		x += c.width
	}
	y += lay.headH
	d.bold(false, 9)
	for k, i := range lay.pages[p] {
		fill := "D"
		if k%2 == 1 {
			d.SetFillColor(246, 248, 251)
			fill = "FD"
		}
		y = g.drawRow(d, lay.left, y, lay.rows[i], fill)
	}
	last := p == len(lay.pages)-1
	if last && lay.totals != nil {
		d.SetFillColor(226, 234, 245)
		d.bold(true, 9)
		y = g.drawRow(d, lay.left, y, *lay.totals, "FD")
		d.bold(false, 9)
	}
	if len(g.cells) == 0 {
		d.SetXY(lay.left, y+4)
		d.CellFormat(0, lineH, d.label(g.empty), "", 0, "L", false, 0, "")
		y += 4 + lineH
	}
	if last && g.foot != nil {
		d.bold(false, 10)
		g.foot(d, lay.left, y, lay.width)
	}
	d.bold(false, 8)
	d.SetTextColor(90, 90, 90)
	d.SetXY(lay.left, lay.pageH-10)
	d.CellFormat(lay.width, 5, d.label("report.page", "Page", p+1, "Pages", len(lay.pages)), "", 0, "C", false, 0, "")
	d.SetTextColor(0, 0, 0)
}

// drawRow draws a laid-out row at y and returns the y below it.
func (g *grid) drawRow(d *doc, x, y float64, r laidRow, fill string) float64 {
	for ci, c := range g.cols {
		d.Rect(x, y, c.width, r.h, fill)
		d.textIn(x+cellPad, y+0.75, c.width-2*cellPad, lineH, r.cells[ci], c.align)
		x += c.width
	}
	return y + r.h
}

// tableHead draws the title block: company and title on one line, shrunk
// to the table's width, then the count and the print date.
func (d *doc) tableHead(m Meta, title, count string, left, width float64) {
	t := title
	if m.Company != "" {
		t = m.Company + "  " + title
	}
	d.shrinkTo(t, width, 15, true)
	d.SetXY(left, 11)
	d.CellFormat(width, 8, d.clean(t), "", 0, "C", false, 0, "")
	d.bold(false, 9)
	d.SetXY(left, 21)
	d.CellFormat(width/2, 5, d.clean(count), "", 0, "L", false, 0, "")
	d.SetXY(left+width/2, 21)
	d.CellFormat(width/2, 5, d.label("report.printed", "Date", m.Date), "", 0, "R", false, 0, "")
}
