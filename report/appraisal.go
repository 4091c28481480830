package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

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
	{"field.dimension", 17, "C"}, {"sheet.criteria", 25, "L"}, {"sheet.standard", 47, "L"}, {"sheet.weight", 13, "C"},
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
	l, err := i18n.For(m.Lang)
	if err != nil {
		return err
	}
	var texts []string
	for i := range sheets {
		texts = append(texts, sheetTexts(l, &sheets[i], m)...)
	}
	d, err := newDoc(m, "P", texts...)
	if err != nil {
		return err
	}
	for i := range sheets {
		s := &sheets[i]
		pages := (&sheetPainter{d: d, s: s, m: m, dry: true}).paint(0)
		(&sheetPainter{d: d, s: s, m: m}).paint(pages)
	}
	return d.finish(w)
}

// sheetTexts is every text a sheet may draw, for the document's face.
func sheetTexts(l *i18n.Labels, s *Sheet, m Meta) []string {
	keys := []string{"sheet.title", "sheet.blank_title", "sheet.form_no", "sheet.period", "sheet.subtotal", "sheet.total",
		"sheet.grade", "sheet.comments", "sheet.outcome", "sheet.salary", "sheet.promotion", "sheet.training",
		"sheet.suggested", "sheet.sign_advisor", "sheet.sign_supervisor", "sheet.sign_hr", "sheet.sign", "sheet.incomplete",
		"sheet.grade_bands", "sheet.name", "sheet.none", "report.page", "field.empno", "field.department", "field.role",
		"field.supervisor", "field.date", "sep.colon", "sep.list", "sheet.formula", "sheet.customer_mean", "field.name"}
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
	var out []string
	for _, k := range keys {
		out = append(out, l.T(k))
	}
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

// sheetPainter draws one sheet. In a dry run it only measures and returns
// the number of pages, so the real run can print "page x of y".
type sheetPainter struct {
	d     *doc
	s     *Sheet
	m     Meta
	dry   bool
	y     float64
	page  int
	pages int
}

func (p *sheetPainter) blank() bool { return p.s.Advisor == nil }

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

// room starts a new page when h mm do not fit on this one.
func (p *sheetPainter) room(h float64) {
	if p.y+h > bottom {
		p.newPage()
	}
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

func (p *sheetPainter) paint(pages int) int {
	p.pages = pages
	d := p.d
	d.SetDrawColor(110, 120, 135)
	d.SetLineWidth(0.2)
	d.SetFillColor(228, 235, 245)
	p.newPage()
	p.header()
	p.info()
	p.criteria()
	p.comments()
	p.outcome()
	p.signatures()
	p.footer()
	return p.page
}

func (p *sheetPainter) header() {
	d, l := p.d, p.d.l
	if p.m.Company != "" {
		p.text(margin, p.y, bodyW, p.m.Company, 12, true, "C")
		p.y += 6.5
	}
	title := l.T("sheet.title")
	if p.blank() {
		title = l.T("sheet.blank_title")
	}
	p.y += p.text(margin, p.y, bodyW, title, 15, true, "C") + 1
	if p.s.FormNo != "" && !p.dry {
		d.bold(false, 8.5)
		d.SetXY(margin, p.y)
		d.CellFormat(bodyW, 4, d.label("sheet.form_no", "No", p.s.FormNo), "", 0, "R", false, 0, "")
	}
	p.y += 5
}

// info is the block naming the advisor and the period.
func (p *sheetPainter) info() {
	l, s := p.d.l, p.s
	val := func(f func(*model.Advisor) string) string {
		if s.Advisor == nil {
			return ""
		}
		return f(s.Advisor)
	}
	period := ""
	if s.Cycle != nil {
		period = s.Cycle.Name + "  " + string(s.Cycle.Start) + " – " + string(s.Cycle.End)
	}
	date := ""
	if !p.blank() {
		date = string(p.m.Date)
	}
	rows := [][4]string{
		{l.T("sheet.name"), val(func(a *model.Advisor) string { return a.Name }), l.T("field.empno"), val(func(a *model.Advisor) string { return a.EmpNo })},
		{l.T("field.department"), val(func(a *model.Advisor) string { return a.Department }), l.T("field.role"),
			val(func(a *model.Advisor) string { return l.T("role." + string(a.Role)) })},
		{l.T("sheet.period"), period, l.T("field.supervisor"), val(func(a *model.Advisor) string { return a.Supervisor })},
		{l.T("field.date"), date, "", ""},
	}
	lw, vw := 27.0, bodyW/2-27
	for _, r := range rows {
		h := max(7, p.measure(vw, r[1], 9.5, false), p.measure(vw, r[3], 9.5, false))
		x := margin
		for i, c := range r {
			w := lw
			if i%2 == 1 {
				w = vw
			}
			p.rect(x, p.y, w, h, i%2 == 0)
			if !p.dry {
				p.text(x, p.y+(h-p.measure(w, c, 9.5, i%2 == 0))/2, w, c, 9.5, i%2 == 0, "L")
			}
			x += w
		}
		p.y += h
	}
	p.y += 4
}

// criteria is the table of items grouped by dimension, with subtotals, the
// total, the grade and the formula.
func (p *sheetPainter) criteria() {
	d, l, s := p.d, p.d.l, p.s
	// Header labels shrink until their longest word fits the column, so
	// English words are not cut ("Weighted", "Supervisor").
	sizes := make([]float64, len(sheetCols))
	for i, c := range sheetCols {
		sizes[i] = 8.5
		for _, word := range strings.Fields(l.T(c.key)) {
			for {
				d.bold(true, sizes[i])
				if d.GetStringWidth(word) <= c.width-2*cellPad || sizes[i] <= 6 {
					break
				}
				sizes[i] -= 0.25
			}
		}
	}
	head := func() {
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
	p.room(30)
	head()
	results := map[string]*model.ItemResult{}
	for i := range s.Result.Items {
		results[s.Result.Items[i].Item.Key] = &s.Result.Items[i]
	}
	customerForms := 0
	for _, e := range s.Evals {
		if e.Method == model.CustomerEval {
			customerForms++
		}
	}
	for _, dim := range model.Dimensions {
		var items []*model.Item
		for i := range s.Template.Items {
			if s.Template.Items[i].Dimension == dim {
				items = append(items, &s.Template.Items[i])
			}
		}
		if len(items) == 0 {
			continue
		}
		// Heights of the dimension's rows, so the dimension cell spans them.
		heights := make([]float64, len(items))
		total := 0.0
		for i, it := range items {
			heights[i] = max(7, p.measure(sheetCols[1].width, it.Label(p.m.Lang), 9, false),
				p.measure(sheetCols[2].width, it.StandardText(p.m.Lang), 8, false))
			total += heights[i]
		}
		p.room(total + 7)
		top := p.y
		for i, it := range items {
			r := results[it.Key]
			cells := []string{"", it.Label(p.m.Lang), it.StandardText(p.m.Lang), pct(it.Weight), "", "", "", "", ""}
			if !p.blank() && r != nil {
				cells[4], cells[5], cells[6] = p.methodCell(r, model.SelfEval, r.Self), p.methodCell(r, model.SupervisorEval, r.Supervisor),
					p.methodCell(r, model.CustomerEval, r.Customer)
				cells[7], cells[8] = num(r.Score, 1), num(r.Weighted, 2)
			} else if !it.Rated(model.CustomerEval) {
				cells[6] = l.T("sheet.none")
			}
			x := margin + sheetCols[0].width
			for ci := 1; ci < len(sheetCols); ci++ {
				c := sheetCols[ci]
				p.rect(x, p.y, c.width, heights[i], false)
				size := 9.0
				if ci == 2 {
					size = 8
				}
				if !p.dry {
					th := p.measure(c.width, cells[ci], size, false)
					p.text(x, p.y+(heights[i]-th)/2, c.width, cells[ci], size, false, c.align)
				}
				x += c.width
			}
			p.y += heights[i]
		}
		// The dimension's name, spanning its rows.
		p.rect(margin, top, sheetCols[0].width, p.y-top, true)
		if !p.dry {
			name := l.T("dimension." + string(dim))
			th := p.measure(sheetCols[0].width, name, 9, true)
			p.text(margin, top+(p.y-top-th)/2, sheetCols[0].width, name, 9, true, "C")
		}
		// Subtotal row.
		sub := ""
		if !p.blank() {
			sub = num(s.Result.Subtotals[dim], 2)
		}
		p.summaryRow(l.T("sheet.subtotal")+" · "+l.T("dimension."+string(dim)), sub, 6.5, false)
	}
	total, grade := "", ""
	if !p.blank() {
		total = num(s.Result.Total, 1)
		grade = s.Result.Grade.Code + " " + pickGrade(p.m.Lang, s.Result.Grade)
	}
	p.summaryRow(l.T("sheet.total")+"   "+l.T("sheet.grade")+l.T("sep.colon")+grade, total, 8, true)
	// Grade bands and the formula, in small print under the table.
	var bands []string
	for _, g := range s.Template.Grades {
		bands = append(bands, fmt.Sprintf("%s %s ≥ %s", g.Code, pickGrade(p.m.Lang, g), strconv.FormatFloat(g.Min, 'f', -1, 64)))
	}
	note := l.T("sheet.grade_bands") + l.T("sep.colon") + strings.Join(bands, l.T("sep.list")) + "\n" +
		l.T("sheet.formula", "S", strconv.FormatFloat(s.Template.Methods.Self, 'f', -1, 64),
			"V", strconv.FormatFloat(s.Template.Methods.Supervisor, 'f', -1, 64),
			"C", strconv.FormatFloat(s.Template.Methods.Customer, 'f', -1, 64))
	if !p.blank() {
		note += " " + l.T("sheet.customer_mean", "N", customerForms)
	}
	if !p.blank() && !s.Result.Complete {
		var miss []string
		for _, mth := range s.Result.Missing {
			miss = append(miss, l.T("method."+string(mth)))
		}
		note += "\n" + l.T("sheet.incomplete", "Missing", strings.Join(miss, l.T("sep.list")))
	}
	h := p.measure(bodyW, note, 7.5, false)
	p.room(h)
	if !p.dry {
		d.SetTextColor(70, 70, 70)
		p.text(margin, p.y+0.5, bodyW, note, 7.5, false, "L")
		d.SetTextColor(0, 0, 0)
	}
	p.y += h + 3
}

// methodCell is a method's score for an item: the score, "—" for a method
// that does not rate the item, empty when its form is not in yet.
func (p *sheetPainter) methodCell(r *model.ItemResult, m model.Method, v float64) string {
	if !r.Item.Rated(m) {
		return p.d.l.T("sheet.none")
	}
	if !r.Has[m] {
		return ""
	}
	return num(v, 1)
}

// summaryRow spans all columns but the last with a label and puts value in it.
func (p *sheetPainter) summaryRow(label, value string, h float64, strong bool) {
	p.room(h)
	last := sheetCols[len(sheetCols)-1].width
	p.rect(margin, p.y, bodyW-last, h, true)
	p.rect(margin+bodyW-last, p.y, last, h, strong)
	if !p.dry {
		size := 9.0
		if strong {
			size = 10
		}
		th := p.measure(bodyW-last, label, size, true)
		p.text(margin, p.y+(h-th)/2, bodyW-last, label, size, true, "R")
		p.text(margin+bodyW-last, p.y+(h-th)/2, last, value, size, true, "C")
	}
	p.y += h
}

// comments prints the self, supervisor and customer comments, wrapped in
// full; the box grows with them and may continue on the next page.
func (p *sheetPainter) comments() {
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
	text := strings.Join(parts, "\n")
	p.room(14)
	p.y += p.text(margin, p.y, bodyW, l.T("sheet.comments"), 10, true, "L")
	d := p.d
	d.bold(false, 9)
	lines := d.lines(text, bodyW-2*cellPad-2)
	lh := 4.6
	minLines := 4
	if len(lines) < minLines {
		lines = append(lines, make([]string, minLines-len(lines))...)
	}
	for len(lines) > 0 {
		fit := int((bottom - p.y - 2) / lh)
		if fit < 2 {
			p.newPage()
			continue
		}
		n := min(fit, len(lines))
		h := float64(n)*lh + 2
		p.rect(margin, p.y, bodyW, h, false)
		if !p.dry {
			d.bold(false, 9)
			d.textIn(margin+cellPad+1, p.y+1, bodyW-2*cellPad-2, lh, lines[:n], "L")
		}
		p.y += h
		lines = lines[n:]
		if len(lines) > 0 {
			p.newPage()
		}
	}
	p.y += 4
}

// outcome prints the use of results as ticked boxes.
func (p *sheetPainter) outcome() {
	l, s := p.d.l, p.s
	p.room(16)
	p.y += p.text(margin, p.y, bodyW, l.T("sheet.outcome"), 10, true, "L")
	var o model.Outcome
	confirmed := s.Outcome != nil
	switch {
	case confirmed:
		o = *s.Outcome
	case !p.blank():
		o = model.Suggest(s.Template, s.Result.Grade.Code)
	}
	salary := l.T("sheet.salary", "Pct", signedPct(o.SalaryPct))
	if p.blank() {
		salary = l.T("sheet.salary", "Pct", "____")
	}
	boxes := []struct {
		text string
		on   bool
	}{{salary, !p.blank() && o.SalaryPct != 0}, {l.T("sheet.promotion"), o.Promotion}, {l.T("sheet.training"), o.Training}}
	x := margin
	for _, b := range boxes {
		p.checkbox(x, p.y+1, b.on)
		p.text(x+5, p.y, 58, b.text, 9.5, false, "L")
		x += bodyW / 3
	}
	p.y += 7
	if !p.blank() && !confirmed {
		p.y += p.text(margin, p.y, bodyW, l.T("sheet.suggested"), 8, false, "L")
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

// checkbox draws a 3.5 mm box, ticked when on.
func (p *sheetPainter) checkbox(x, y float64, on bool) {
	if p.dry {
		return
	}
	d := p.d
	d.Rect(x, y, 3.5, 3.5, "D")
	if on {
		d.SetLineWidth(0.45)
		d.Line(x+0.7, y+1.9, x+1.5, y+2.8)
		d.Line(x+1.5, y+2.8, x+3.0, y+0.6)
		d.SetLineWidth(0.2)
	}
}

// signatures is the row of signature and date lines.
func (p *sheetPainter) signatures() {
	l := p.d.l
	p.room(22)
	w := bodyW / 3
	for i, key := range []string{"sheet.sign_advisor", "sheet.sign_supervisor", "sheet.sign_hr"} {
		x := margin + float64(i)*w
		p.text(x, p.y, w, l.T(key), 9.5, true, "L")
		p.text(x, p.y+7, w, l.T("sheet.sign")+l.T("sep.colon"), 9, false, "L")
		p.text(x, p.y+14, w, l.T("field.date")+l.T("sep.colon"), 9, false, "L")
		if !p.dry {
			p.d.Line(x+16, p.y+12, x+w-4, p.y+12)
			p.d.Line(x+16, p.y+19, x+w-4, p.y+19)
		}
	}
	p.y += 22
}
