package report

import (
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"advisordesk/i18n"
	"advisordesk/model"
)

// Sheet is one advisor's appraisal as the sheet prints it. A blank sheet
// (for filling in by hand) has no Advisor.
type Sheet struct {
	FormNo   string
	Cycle    *model.Cycle
	Template *model.Template
	Advisor  *model.Advisor
	Evals    []model.Evaluation
	Result   model.Result
	Outcome  *model.Outcome // confirmed by HR; nil prints the rules' suggestion
	// Provisional prints the total and grade of an unfinished sheet (forms
	// missing), marked as provisional; without it such a sheet shows no total.
	Provisional bool
}

// Page geometry of the portrait forms, in mm.
const (
	pageW   = 210.0
	pageH   = 297.0
	margin  = 12.0
	bodyW   = pageW - 2*margin
	footerY = pageH - 10
	bottom  = pageH - 16
)

// sheetCol is one column of the criteria table.
type sheetCol struct {
	key   string
	width float64
	align string
}

var sheetCols = []sheetCol{
	{"field.dimension", 19, "C"}, {"sheet.criteria", 25, "L"}, {"sheet.standard", 45, "L"}, {"sheet.weight", 13, "C"},
	{"sheet.self", 14, "C"}, {"sheet.supervisor", 18, "C"}, {"sheet.customer", 17, "C"}, {"sheet.score", 17, "C"},
	{"sheet.weighted", 18, "C"},
}

func num(v float64, decimals int) string {
	return strconv.FormatFloat(model.Round(v, decimals), 'f', decimals, 64)
}

func pct(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) + "%" }

// AppraisalSheets prints sheets into one PDF, each starting on a new page
// with its own "page x of y".
func AppraisalSheets(w io.Writer, sheets []Sheet, m Meta) error {
	return appraisalSheets(w, sheets, m, nil)
}

// allSheetTexts is every text the sheets may draw.
func allSheetTexts(sheets []Sheet, m Meta) ([]string, error) {
	l, err := i18n.For(m.Lang)
	if err != nil {
		return nil, err
	}
	var texts []string
	for i := range sheets {
		texts = append(texts, sheetTexts(l, &sheets[i], m)...)
	}
	return texts, nil
}

// sheetBoldTexts are the texts sheets draw in bold: labels, the company,
// grades and numbers (not names, departments or comments).
func sheetBoldTexts(sheets []Sheet, m Meta) []string {
	l, err := i18n.For(m.Lang)
	if err != nil {
		return nil
	}
	out := append(sheetLabels(l), m.Company)
	seen := map[*model.Template]bool{}
	for _, s := range sheets {
		if t := s.Template; t != nil && !seen[t] {
			seen[t] = true
			for _, g := range t.Grades {
				out = append(out, g.Code, pickGrade(m.Lang, g))
			}
		}
	}
	return out
}

// appraisalSheets prints with faces cut for a batch, or (nil) for these sheets.
func appraisalSheets(w io.Writer, sheets []Sheet, m Meta, c *cutFaces) error {
	if c == nil {
		texts, err := allSheetTexts(sheets, m)
		if err != nil {
			return err
		}
		bold := sheetBoldTexts(sheets, m)
		if c, err = cutFor(texts, bold, sheetCommonTexts(sheets, m, bold)); err != nil {
			return err
		}
	}
	// Long batches are drawn in parts side by side, each into a document of
	// its own, and joined.
	parts := make([]*doc, (len(sheets)+sheetsPerPart-1)/sheetsPerPart)
	errs := make([]error, len(parts))
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < max(1, min(runtime.GOMAXPROCS(0), len(parts))); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < len(parts); i = int(next.Add(1) - 1) {
				parts[i], errs[i] = drawSheets(sheets[i*sheetsPerPart:min(len(sheets), (i+1)*sheetsPerPart)], m, c)
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	if len(parts) == 0 {
		d, err := newDocWith(m, "P", c)
		if err != nil {
			return err
		}
		return d.finish(w)
	}
	d := parts[0]
	for _, p := range parts[1:] {
		d.AppendPages(p.Fpdf)
		d.missed = append(d.missed, p.missed...)
	}
	return d.finish(w)
}

// sheetsPerPart is how many sheets one part of a batch holds: fixed, so
// that the same sheets give the same bytes on any number of cores.
const sheetsPerPart = 50

// drawSheets draws sheets into a document of their own.
func drawSheets(sheets []Sheet, m Meta, c *cutFaces) (*doc, error) {
	d, err := newDocWith(m, "P", c)
	if err != nil {
		return nil, err
	}
	for i := range sheets {
		s := &sheets[i]
		// The largest scale at which page one holds the whole sheet.
		var dry *sheetPainter
		for _, k := range sheetScales {
			dry = &sheetPainter{d: d, s: s, m: m, dry: true, scale: k}
			if dry.paint(0); dry.fits {
				break
			}
		}
		(&sheetPainter{d: d, s: s, m: m, scale: dry.scale}).paint(dry.page)
	}
	return d, nil
}

// sheetLabels are the translated labels a sheet may draw.
func sheetLabels(l *i18n.Labels) []string {
	keys := []string{"sheet.title", "sheet.blank_title", "sheet.form_no", "sheet.period", "sheet.subtotal", "sheet.total",
		"sheet.grade", "sheet.comments", "sheet.outcome", "sheet.salary", "sheet.promotion", "sheet.training",
		"sheet.suggested", "sheet.sign_advisor", "sheet.sign_supervisor", "sheet.sign_hr", "sheet.sign", "sheet.incomplete",
		"sheet.grade_bands", "sheet.name", "sheet.none", "report.page", "field.empno", "field.department", "field.role",
		"field.supervisor", "field.date", "sep.colon", "sep.list", "sheet.formula", "sheet.customer_mean", "sheet.customer_mean.one",
		"field.name", "sheet.printed", "sheet.provisional_title", "sheet.provisional_mark", "sheet.not_final", "sheet.pending",
		"sheet.customer_none", "sheet.incomplete_provisional", "sheet.continued", "sheet.continuation", "sheet.comments_continued",
		"sheet.self_assessment", "sheet.supervisor_comments", "sheet.improvement_plan", "sheet.outcome_later"}
	for _, c := range sheetCols {
		keys = append(keys, c.key)
	}
	for _, d := range model.Dimensions {
		keys = append(keys, "dimension."+string(d))
	}
	for _, mth := range model.Methods {
		keys = append(keys, "method."+string(mth))
	}
	for _, r := range model.Roles {
		keys = append(keys, "role."+string(r))
	}
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = l.T(k)
	}
	return out
}

// sheetCommonTexts are the texts every sheet of a batch draws alike: the
// bold ones, and the cycles' names and templates' items.
func sheetCommonTexts(sheets []Sheet, m Meta, bold []string) []string {
	out := append(slices.Clip(bold), string(m.Date))
	seen := map[any]bool{}
	for _, s := range sheets {
		if c := s.Cycle; c != nil && !seen[c] {
			seen[c] = true
			out = append(out, c.Name)
		}
		if t := s.Template; t != nil && !seen[t] {
			seen[t] = true
			for _, it := range t.Items {
				out = append(out, it.Label(m.Lang), it.StandardText(m.Lang))
			}
		}
	}
	return out
}

// sheetTexts is every text a sheet may draw, for the document's face.
func sheetTexts(l *i18n.Labels, s *Sheet, m Meta) []string {
	out := sheetLabels(l)
	out = append(out, m.Company, s.FormNo, string(m.Date))
	if s.Cycle != nil {
		out = append(out, s.Cycle.Name)
	}
	for _, it := range s.Template.Items {
		out = append(out, it.Label(m.Lang), it.StandardText(m.Lang))
	}
	for _, g := range s.Template.Grades {
		out = append(out, g.Code, pickGrade(m.Lang, g))
	}
	if a := s.Advisor; a != nil {
		out = append(out, a.Name, a.EmpNo, a.Department, a.Supervisor)
	}
	for _, e := range s.Evals {
		out = append(out, e.Comment, e.Customer, e.Serial)
	}
	return out
}

func pickGrade(lang string, g model.GradeBand) string {
	if lang == "en" && g.LabelEn != "" {
		return g.LabelEn
	}
	return g.Label
}

// sheetPainter draws one sheet. In a dry run it only measures: how many
// pages the sheet takes and whether its first page holds everything but the
// overflow of long comments at the chosen scale.
type sheetPainter struct {
	d     *doc
	s     *Sheet
	m     Meta
	dry   bool
	scale float64 // of the criteria table's type and rows, shrunk until page one fits
	y     float64
	page  int
	pages int
	fits  bool
	// overflow are the comment lines page one had no room for.
	overflow []string
}

// sheetScales are the sizes tried for the criteria table, largest first.
var sheetScales = []float64{1, 0.94, 0.88, 0.82, 0.76, 0.7}

func (p *sheetPainter) blank() bool { return p.s.Advisor == nil }

// final tells whether the sheet prints scores, a total and a grade: all
// forms are in, or the user asked for a provisional result.
func (p *sheetPainter) final() bool {
	return !p.blank() && (p.s.Result.Complete || p.s.Provisional)
}

// provisional is an unfinished sheet printed with its result so far.
func (p *sheetPainter) provisional() bool {
	return !p.blank() && !p.s.Result.Complete && p.s.Provisional
}

func (p *sheetPainter) newPage() {
	if p.page > 0 {
		p.footer()
	}
	p.page++
	if !p.dry {
		p.d.AddPage()
	}
	p.y = margin
}

func (p *sheetPainter) footer() {
	if p.dry {
		return
	}
	d := p.d
	d.bold(false, 8)
	d.SetTextColor(90, 90, 90)
	d.SetXY(margin, footerY)
	d.CellFormat(bodyW/2, 5, d.clean(p.s.FormNo), "", 0, "L", false, 0, "")
	d.SetXY(margin+bodyW/2, footerY)
	d.CellFormat(bodyW/2, 5, d.label("report.page", "Page", p.page, "Pages", p.pages), "", 0, "R", false, 0, "")
	d.SetTextColor(0, 0, 0)
}

// text draws wrapped lines in a box and returns the box's height.
func (p *sheetPainter) text(x, y, w float64, s string, size float64, boldOn bool, align string) float64 {
	d := p.d
	d.bold(boldOn, size)
	lh := size * 0.45
	lines := d.lines(s, w-2*cellPad)
	if !p.dry {
		d.textIn(x+cellPad, y+0.8, w-2*cellPad, lh, lines, align)
	}
	return float64(len(lines))*lh + 1.6
}

// measure is the height text would take, drawing nothing.
func (p *sheetPainter) measure(w float64, s string, size float64, boldOn bool) float64 {
	p.d.bold(boldOn, size)
	return float64(len(p.d.lines(s, w-2*cellPad)))*size*0.45 + 1.6
}

func (p *sheetPainter) rect(x, y, w, h float64, fill bool) {
	if p.dry {
		return
	}
	if fill {
		p.d.Rect(x, y, w, h, "FD")
	} else {
		p.d.Rect(x, y, w, h, "D")
	}
}

// paint draws the sheet: everything on page one, and only comments too long
// for their box on continuation pages.
func (p *sheetPainter) paint(pages int) int {
	p.pages = pages
	d := p.d
	d.dry = p.dry
	defer func() { // gofpdf's font is again the one measured with
		if d.dry {
			d.dry = false
			d.selectFont()
		}
	}()
	d.SetDrawColor(110, 120, 135)
	d.SetLineWidth(0.2)
	d.SetFillColor(228, 235, 245)
	p.newPage()
	p.header()
	p.info()
	p.criteria()
	tail := p.outcomeHeight() + signaturesH
	p.fits = true
	if p.blank() {
		p.blankComments(bottom - tail)
	} else {
		p.comments(bottom - tail)
	}
	p.y = bottom - tail
	p.outcome()
	p.signatures()
	p.footer()
	p.more()
	return p.page
}

func (p *sheetPainter) header() {
	d, l := p.d, p.d.l
	if p.m.Company != "" {
		// A long company name shrinks to one line (down to 9 pt), then wraps.
		size := 12.0
		d.bold(true, size)
		for size > 9 && len(d.lines(p.m.Company, bodyW-2*cellPad)) > 1 {
			size -= 0.5
			d.bold(true, size)
		}
		p.y += p.text(margin, p.y, bodyW, p.m.Company, size, true, "C") - 1
	}
	title := l.T("sheet.title")
	switch {
	case p.blank():
		title = l.T("sheet.blank_title")
	case p.provisional():
		title += l.T("sheet.provisional_title")
	}
	p.y += p.text(margin, p.y, bodyW, title, 15, true, "C") + 1
	if p.s.FormNo != "" && !p.dry {
		d.bold(false, 8.5)
		d.SetXY(margin, p.y)
		d.CellFormat(bodyW, 4, d.label("sheet.form_no", "No", p.s.FormNo), "", 0, "R", false, 0, "")
	}
	p.y += 5
}

// infoCell is one label and value of the block naming the advisor; a name
// wraps only between the parts of a transliterated name.
type infoCell struct {
	label, value string
	name         bool
}

// info is the block naming the advisor and the period. A long value shrinks
// to at most two lines (down to 7 pt) before it wraps further.
func (p *sheetPainter) info() {
	l, s := p.d.l, p.s
	a := s.Advisor
	if a == nil {
		a = &model.Advisor{}
	}
	role := ""
	if a.Role != "" {
		role = l.T("role." + string(a.Role))
	}
	dateLabel, date := l.T("field.date"), ""
	if !p.blank() {
		dateLabel, date = l.T("sheet.printed"), string(p.m.Date)
	}
	period := ""
	if s.Cycle != nil {
		// The dates joined without spaces never break apart.
		period = s.Cycle.Name + "  " + string(s.Cycle.Start) + "–" + string(s.Cycle.End)
	}
	rows := [][]infoCell{
		{{l.T("sheet.name"), a.Name, true}, {l.T("field.empno"), a.EmpNo, false}},
		{{l.T("field.department"), a.Department, false}, {l.T("field.role"), role, false}},
		{{l.T("field.supervisor"), a.Supervisor, true}, {dateLabel, date, false}},
		{{l.T("sheet.period"), period, false}},
	}
	const lw = 27.0
	for _, r := range rows {
		vw := bodyW/float64(len(r)) - lw
		sizes := make([]float64, len(r))
		h := 7.0
		for i, c := range r {
			sizes[i] = 9.5
			for sizes[i] > 7 && len(p.valueLines(c, vw, sizes[i])) > 2 {
				sizes[i] -= 0.5
			}
			h = max(h, float64(len(p.valueLines(c, vw, sizes[i])))*sizes[i]*0.45+1.6, p.measure(lw, c.label, 9.5, true))
		}
		x := margin
		for i, c := range r {
			p.rect(x, p.y, lw, h, true)
			p.rect(x+lw, p.y, vw, h, false)
			if !p.dry {
				p.text(x, p.y+(h-p.measure(lw, c.label, 9.5, true))/2, lw, c.label, 9.5, true, "L")
				ls := p.valueLines(c, vw, sizes[i])
				lh := sizes[i] * 0.45
				p.d.bold(false, sizes[i])
				p.d.textIn(x+lw+cellPad, p.y+(h-float64(len(ls))*lh)/2, vw-2*cellPad, lh, ls, "L")
			}
			x += lw + vw
		}
		p.y += h
	}
	p.y += 4
}

func (p *sheetPainter) valueLines(c infoCell, w, size float64) []string {
	p.d.bold(false, size)
	if c.name {
		return p.d.nameLines(c.value, w-2*cellPad)
	}
	return p.d.lines(c.value, w-2*cellPad)
}

// criteria is the table of items grouped by dimension, with subtotals, the
// total, the grade and the formula.
func (p *sheetPainter) criteria() {
	p.criteriaHeader()
	results := map[string]*model.ItemResult{}
	for i := range p.s.Result.Items {
		results[p.s.Result.Items[i].Item.Key] = &p.s.Result.Items[i]
	}
	for _, dim := range model.Dimensions {
		var items []*model.Item
		for i := range p.s.Template.Items {
			if p.s.Template.Items[i].Dimension == dim {
				items = append(items, &p.s.Template.Items[i])
			}
		}
		if len(items) > 0 {
			p.dimensionRows(dim, items, results)
		}
	}
	p.totalRows()
	p.notes()
}

// criteriaHeader prints the table's header row. Its labels shrink until
// their longest word fits the column, so English words are not cut
// ("Weighted", "Supervisor").
func (p *sheetPainter) criteriaHeader() {
	d, l, k := p.d, p.d.l, p.scale
	sizes := make([]float64, len(sheetCols))
	for i, c := range sheetCols {
		sizes[i] = 8.5 * k
		for _, word := range strings.Fields(l.T(c.key)) {
			for {
				d.bold(true, sizes[i])
				if d.width(word) <= c.width-2*cellPad || sizes[i] <= 6 {
					break
				}
				sizes[i] -= 0.25
			}
		}
	}
	h := 0.0
	for i, c := range sheetCols {
		h = max(h, p.measure(c.width, l.T(c.key), sizes[i], true))
	}
	x := margin
	for i, c := range sheetCols {
		p.rect(x, p.y, c.width, h, true)
		if !p.dry {
			th := p.measure(c.width, l.T(c.key), sizes[i], true)
			p.text(x, p.y+(h-th)/2, c.width, l.T(c.key), sizes[i], true, "C")
		}
		x += c.width
	}
	p.y += h
}

// dimensionRows prints one dimension's items, its name spanning their rows,
// and its subtotal.
func (p *sheetPainter) dimensionRows(dim model.Dimension, items []*model.Item, results map[string]*model.ItemResult) {
	d, l, k := p.d, p.d.l, p.scale
	// Heights of the dimension's rows, so the dimension cell spans them.
	heights := make([]float64, len(items))
	for i, it := range items {
		heights[i] = max(7*k, p.measure(sheetCols[1].width, it.Label(p.m.Lang), 9*k, false),
			p.measure(sheetCols[2].width, it.StandardText(p.m.Lang), 8*k, false))
	}
	top := p.y
	for i, it := range items {
		cells := p.itemCells(it, results[it.Key])
		x := margin + sheetCols[0].width
		for ci := 1; ci < len(sheetCols); ci++ {
			c := sheetCols[ci]
			p.rect(x, p.y, c.width, heights[i], false)
			size := 9 * k
			if ci == 2 {
				size = 8 * k
			}
			if !p.dry {
				if cells[ci] == l.T("sheet.pending") {
					d.SetTextColor(120, 120, 120)
				}
				th := p.measure(c.width, cells[ci], size, false)
				p.text(x, p.y+(heights[i]-th)/2, c.width, cells[ci], size, false, c.align)
				d.SetTextColor(0, 0, 0)
			}
			x += c.width
		}
		p.y += heights[i]
	}
	// The dimension's name, spanning its rows.
	p.rect(margin, top, sheetCols[0].width, p.y-top, true)
	if !p.dry {
		name := l.T("dimension." + string(dim))
		th := p.measure(sheetCols[0].width, name, 9*k, true)
		p.text(margin, top+(p.y-top-th)/2, sheetCols[0].width, name, 9*k, true, "C")
	}
	sub := ""
	if p.final() {
		sub = num(p.s.Result.Subtotals[dim], 2)
	}
	p.summaryRow(l.T("sheet.subtotal")+" · "+l.T("dimension."+string(dim)), sub, 6.5*k, false)
}

// itemCells are an item's cells: its name, standard and weight, and, on a
// filled sheet, its scores.
func (p *sheetPainter) itemCells(it *model.Item, r *model.ItemResult) []string {
	cells := []string{"", it.Label(p.m.Lang), it.StandardText(p.m.Lang), pct(it.Weight), "", "", "", "", ""}
	if !p.blank() && r != nil {
		cells[4], cells[5], cells[6] = p.methodCell(r, model.SelfEval, r.Self), p.methodCell(r, model.SupervisorEval, r.Supervisor),
			p.methodCell(r, model.CustomerEval, r.Customer)
		if p.final() {
			cells[7], cells[8] = num(r.Score, 1), num(r.Weighted, 2)
		}
	} else if !it.Rated(model.CustomerEval) {
		cells[6] = p.d.l.T("sheet.none")
	}
	return cells
}

// totalRows prints the total and the grade: as computed on a finished
// sheet, marked provisional when asked for on an unfinished one, not at all
// while forms are missing, and as a box and tick boxes on a blank sheet.
func (p *sheetPainter) totalRows() {
	l, s, k := p.d.l, p.s, p.scale
	switch {
	case p.blank():
		p.summaryRow(l.T("sheet.total"), "", 9*k, true)
		p.gradeTicks()
	case p.final():
		label, grade := l.T("sheet.total"), l.T("sheet.grade")
		if p.provisional() {
			label += l.T("sheet.provisional_mark")
			grade += l.T("sheet.provisional_mark")
		}
		p.summaryRow(label+"   "+grade+l.T("sep.colon")+s.Result.Grade.Code+" "+pickGrade(p.m.Lang, s.Result.Grade),
			num(s.Result.Total, 1), 8*k, true)
	default:
		p.summaryRow(l.T("sheet.total")+"   "+l.T("sheet.grade")+l.T("sep.colon")+l.T("sheet.not_final"), l.T("sheet.none"), 8*k, true)
	}
}

// gradeTicks is the blank sheet's row of grade tick boxes.
func (p *sheetPainter) gradeTicks() {
	l, s := p.d.l, p.s
	h := 9 * p.scale
	p.rect(margin, p.y, bodyW, h, false)
	label := l.T("sheet.grade") + l.T("sep.colon")
	p.d.bold(true, 10)
	x := margin + cellPad
	if !p.dry {
		p.text(margin, p.y+(h-p.measure(bodyW, label, 10, true))/2, bodyW, label, 10, true, "L")
	}
	x += p.d.width(label) + 4
	step := (margin + bodyW - x) / float64(max(1, len(s.Template.Grades)))
	for _, g := range s.Template.Grades {
		p.d.bold(false, 9.5)
		p.checkbox(x, p.y+(h-4.5)/2, 4.5, false)
		text := g.Code + " " + pickGrade(p.m.Lang, g)
		size := 9.5 // shrinks to keep a long grade name on one line
		for size > 6.5 && len(p.d.lines(text, step-6-2*cellPad)) > 1 {
			size -= 0.5
			p.d.bold(false, size)
		}
		if !p.dry {
			p.text(x+5.5, p.y+(h-p.measure(step-6, text, size, false))/2, step-6, text, size, false, "L")
		}
		x += step
	}
	p.y += h
}

// notes are the grade bands, the formula and what is missing, in small
// print under the table.
func (p *sheetPainter) notes() {
	d, l, s := p.d, p.d.l, p.s
	var bands []string
	for _, g := range s.Template.Grades {
		bands = append(bands, fmt.Sprintf("%s %s ≥ %s", g.Code, pickGrade(p.m.Lang, g), strconv.FormatFloat(g.Min, 'f', -1, 64)))
	}
	note := l.T("sheet.grade_bands") + l.T("sep.colon") + strings.Join(bands, l.T("sep.list")) + "\n" +
		l.T("sheet.formula", "S", strconv.FormatFloat(s.Template.Methods.Self, 'f', -1, 64),
			"V", strconv.FormatFloat(s.Template.Methods.Supervisor, 'f', -1, 64),
			"C", strconv.FormatFloat(s.Template.Methods.Customer, 'f', -1, 64))
	if !p.blank() {
		n := 0
		for _, e := range s.Evals {
			if e.Method == model.CustomerEval {
				n++
			}
		}
		if n == 0 {
			note = sentences(note, l.T("sheet.customer_none"))
		} else {
			note = sentences(note, l.N("sheet.customer_mean", n))
		}
	}
	if !p.blank() && !s.Result.Complete {
		var miss []string
		for _, mth := range s.Result.Missing {
			miss = append(miss, l.T("method."+string(mth)))
		}
		key := "sheet.incomplete"
		if p.provisional() {
			key = "sheet.incomplete_provisional"
		}
		note += "\n" + l.T(key, "Missing", strings.Join(miss, l.T("sep.list")))
	}
	size := max(6, 7.5*p.scale)
	h := p.measure(bodyW, note, size, false)
	if !p.dry {
		d.SetTextColor(70, 70, 70)
		p.text(margin, p.y+0.5, bodyW, note, size, false, "L")
		d.SetTextColor(0, 0, 0)
	}
	p.y += h + 2
}

// sentences joins two sentences: with a space after a Latin full stop,
// without one after a Chinese one.
func sentences(a, b string) string {
	if strings.HasSuffix(a, "。") || a == "" {
		return a + b
	}
	return a + " " + b
}

// methodCell is a method's score for an item: the score, "—" for a method
// that does not rate the item, "pending" while its form is not in.
func (p *sheetPainter) methodCell(r *model.ItemResult, m model.Method, v float64) string {
	if !r.Item.Rated(m) {
		return p.d.l.T("sheet.none")
	}
	if !r.Has[m] {
		if p.s.Template.Methods.Of(m) == 0 {
			return ""
		}
		return p.d.l.T("sheet.pending")
	}
	return num(v, 1)
}

// summaryRow spans all columns but the last with a label and puts value in it.
func (p *sheetPainter) summaryRow(label, value string, h float64, strong bool) {
	last := sheetCols[len(sheetCols)-1].width
	p.rect(margin, p.y, bodyW-last, h, true)
	p.rect(margin+bodyW-last, p.y, last, h, strong)
	if !p.dry {
		size := 9.0 * p.scale
		if strong {
			size = 10 * p.scale
		}
		th := p.measure(bodyW-last, label, size, true)
		p.text(margin, p.y+(h-th)/2, bodyW-last, label, size, true, "R")
		p.text(margin+bodyW-last, p.y+(h-th)/2, last, value, size, true, "C")
	}
	p.y += h
}

// Comment boxes: line height and the fewest lines page one must offer.
const (
	commentLH       = 4.6
	commentMinLines = 4
)

// commentText is the self, supervisor and customer comments, each marked
// with who wrote it.
func (p *sheetPainter) commentText() string {
	l, s := p.d.l, p.s
	var parts []string
	for _, m := range model.Methods {
		for _, e := range s.Evals {
			if e.Method == m && e.Comment != "" {
				who := l.T("method." + string(m))
				if m == model.CustomerEval && e.Serial != "" {
					who += " " + e.Serial
				}
				parts = append(parts, who+l.T("sep.colon")+e.Comment)
			}
		}
	}
	return strings.Join(parts, "\n")
}

// comments fills page one down to end with the comments box; what does not
// fit continues on continuation pages (more), and the box says so.
func (p *sheetPainter) comments(end float64) {
	l, d := p.d.l, p.d
	p.y += p.text(margin, p.y, bodyW, l.T("sheet.comments"), 10, true, "L")
	d.bold(false, 9)
	lines := d.lines(p.commentText(), bodyW-2*cellPad-2)
	h := end - 3 - p.y
	fit := int((h - 2) / commentLH)
	if fit < commentMinLines {
		p.fits = false
	}
	shown := lines
	if len(lines) > fit {
		shown = append(slices.Clone(lines[:max(0, fit-1)]), l.T("sheet.continued", "Page", p.page+1))
	}
	p.rect(margin, p.y, bodyW, h, false)
	if !p.dry {
		d.bold(false, 9)
		d.textIn(margin+cellPad+1, p.y+1, bodyW-2*cellPad-2, commentLH, shown, "L")
	}
	if len(lines) > fit {
		p.overflow = lines[max(0, fit-1):]
	}
	p.y += h
}

// blankComments divides page one's room down to end among three boxes to
// write in: self-assessment, supervisor's comments, improvement plan.
func (p *sheetPainter) blankComments(end float64) {
	l := p.d.l
	keys := []string{"sheet.self_assessment", "sheet.supervisor_comments", "sheet.improvement_plan"}
	titleH := p.measure(bodyW, l.T(keys[0]), 10, true)
	boxH := (end - p.y - 3*(titleH+2)) / 3
	if boxH < 12 { // room for two or three handwritten lines
		p.fits = false
	}
	for _, k := range keys {
		p.y += p.text(margin, p.y, bodyW, l.T(k), 10, true, "L")
		p.rect(margin, p.y, bodyW, boxH, false)
		p.y += boxH + 2
	}
}

// more prints the comments that did not fit page one on continuation pages
// that name the form and the advisor.
func (p *sheetPainter) more() {
	l, d := p.d.l, p.d
	lines := p.overflow
	for len(lines) > 0 {
		p.newPage()
		p.y += p.text(margin, p.y, bodyW, l.T("sheet.continuation"), 14, true, "C") + 1
		who := l.T("sheet.form_no", "No", p.s.FormNo) + "    " + l.T("sheet.name") + l.T("sep.colon") + p.s.Advisor.Name
		p.y += p.text(margin, p.y, bodyW, who, 9.5, false, "L") + 2
		p.y += p.text(margin, p.y, bodyW, l.T("sheet.comments_continued"), 10, true, "L")
		fit := int((bottom - p.y - 2) / commentLH)
		n := min(fit, len(lines))
		h := bottom - p.y
		p.rect(margin, p.y, bodyW, h, false)
		if !p.dry {
			d.bold(false, 9)
			d.textIn(margin+cellPad+1, p.y+1, bodyW-2*cellPad-2, commentLH, lines[:n], "L")
		}
		lines = lines[n:]
		p.footer()
	}
}

// outcomeHeight is the room outcome takes.
func (p *sheetPainter) outcomeHeight() float64 {
	h := p.measure(bodyW, p.d.l.T("sheet.outcome"), 10, true) + 8 + 3
	if !p.blank() && p.s.Outcome == nil {
		h += p.measure(bodyW, p.d.l.T("sheet.suggested"), 8, false)
	}
	return h
}

// outcome prints the use of results as ticked boxes: HR's decision, the
// rules' suggestion for a final or provisional result, nothing ticked while
// forms are missing.
func (p *sheetPainter) outcome() {
	l, s := p.d.l, p.s
	p.y += p.text(margin, p.y, bodyW, l.T("sheet.outcome"), 10, true, "L")
	var o model.Outcome
	confirmed := s.Outcome != nil
	switch {
	case confirmed:
		o = *s.Outcome
	case p.final():
		o = model.Suggest(s.Template, s.Result.Grade.Code)
	}
	salary := l.T("sheet.salary", "Pct", signedPct(o.SalaryPct))
	if !confirmed && !p.final() {
		salary = l.T("sheet.salary", "Pct", "____")
	}
	boxes := []struct {
		text string
		on   bool
	}{{salary, (confirmed || p.final()) && o.SalaryPct != 0}, {l.T("sheet.promotion"), o.Promotion}, {l.T("sheet.training"), o.Training}}
	x := margin
	for _, b := range boxes {
		p.checkbox(x, p.y+1.5, 4, b.on)
		p.text(x+5.5, p.y+0.8, bodyW/3-6, b.text, 9.5, false, "L")
		x += bodyW / 3
	}
	p.y += 8
	if !p.blank() && !confirmed {
		key := "sheet.suggested"
		if !p.final() {
			key = "sheet.outcome_later"
		}
		p.y += p.text(margin, p.y, bodyW, l.T(key), 8, false, "L")
	}
	p.y += 3
}

func signedPct(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if v > 0 {
		s = "+" + s
	}
	return s
}

// checkbox draws a box of side mm, ticked when on.
func (p *sheetPainter) checkbox(x, y, side float64, on bool) {
	if p.dry {
		return
	}
	d := p.d
	d.Rect(x, y, side, side, "D")
	if on {
		k := side / 3.5
		d.SetLineWidth(0.45)
		d.Line(x+0.7*k, y+1.9*k, x+1.5*k, y+2.8*k)
		d.Line(x+1.5*k, y+2.8*k, x+3.0*k, y+0.6*k)
		d.SetLineWidth(0.2)
	}
}

const signaturesH = 22.0

// signatures is the row of signature and date lines; each line starts
// after its label, however long the label is in the language.
func (p *sheetPainter) signatures() {
	l := p.d.l
	w := bodyW / 3
	for i, key := range []string{"sheet.sign_advisor", "sheet.sign_supervisor", "sheet.sign_hr"} {
		x := margin + float64(i)*w
		p.text(x, p.y, w, l.T(key), 9.5, true, "L")
		for j, label := range []string{l.T("sheet.sign") + l.T("sep.colon"), l.T("field.date") + l.T("sep.colon")} {
			y := p.y + 7 + 7*float64(j)
			p.text(x, y, w, label, 9, false, "L")
			if !p.dry {
				p.d.bold(false, 9)
				lx := x + cellPad + p.d.width(p.d.clean(label)) + 1.5
				p.d.Line(lx, y+5, x+w-4, y+5)
			}
		}
	}
	p.y += signaturesH
}
