package report

import (
	"io"
	"strconv"

	"advisordesk/i18n"
	"advisordesk/model"
)

// CustomerForm is one paper customer evaluation form (客户评价表): a unique
// serial, the advisor it is about, the items customers rate.
type CustomerForm struct {
	Serial   string
	Advisor  *model.Advisor
	Template *model.Template
}

// halfH is the height of one form when two share an A4 page, cut along the
// dashed line between them.
const halfH = pageH / 2

// Customer form geometry, in mm.
const (
	cformTop   = 9.0  // from the top of the form's area
	cformStub  = 13.0 // the HR stub at the foot of the form's area
	cformBoxW  = 11.0 // one rating box column
	cformQLine = 4.2  // a line of a question
)

// CustomerForms prints the forms two to an A4 page, or one to a page when a
// template's questions are too long for half a page.
func CustomerForms(w io.Writer, forms []CustomerForm, m Meta) error {
	l, err := i18n.For(m.Lang)
	if err != nil {
		return err
	}
	texts := []string{m.Company}
	for _, k := range []string{"cform.title", "cform.intro", "cform.scale", "cform.serial", "cform.free", "cform.customer",
		"cform.anonymous", "cform.date", "cform.advisor", "cform.hr_note", "cform.hr_only", "cform.hr_entered", "cform.question",
		"field.date", "sep.colon", "report.page"} {
		texts = append(texts, l.T(k))
	}
	for _, f := range forms {
		texts = append(texts, f.Serial, f.Advisor.Name, f.Advisor.EmpNo)
		for _, it := range f.Template.Items {
			texts = append(texts, it.QuestionText(m.Lang))
		}
	}
	d, err := newDoc(m, "P", texts...)
	if err != nil {
		return err
	}
	perPage := 2
	for _, f := range forms {
		if d.customerFormHeight(f, m) > halfH {
			perPage = 1
		}
	}
	area := pageH / float64(perPage)
	for i, f := range forms {
		top := float64(i%perPage) * area
		if i%perPage == 0 {
			d.AddPage()
		}
		d.customerForm(f, top, area, m)
		if perPage == 2 && i%2 == 0 && i+1 < len(forms) {
			d.SetDrawColor(160, 160, 160)
			d.SetDashPattern([]float64{2, 1.5}, 0)
			d.Line(6, halfH, pageW-6, halfH)
			d.SetDashPattern(nil, 0)
		}
	}
	return d.finish(w)
}

// cformQuestions are the lines of each question customers answer.
func (d *doc) cformQuestions(f CustomerForm, m Meta, width float64) [][]string {
	d.bold(false, 9)
	var out [][]string
	for _, it := range f.Template.Items {
		if it.Rated(model.CustomerEval) {
			out = append(out, d.lines(it.QuestionText(m.Lang), width))
		}
	}
	return out
}

func cformRowH(lines []string) float64 { return max(7.5, float64(len(lines))*cformQLine+2.5) }

// customerFormHeight is the least room a form needs, stub included.
func (d *doc) customerFormHeight(f CustomerForm, m Meta) float64 {
	w := bodyW - 8
	h := cformTop + 5.5 + 10 + 7 + 2 + 6.5 // company, title, advisor line, intro, table head
	d.bold(false, 8.5)
	h += float64(len(d.lines(d.l.T("cform.intro")+" "+d.l.T("cform.scale"), w))) * 4.2
	for _, q := range d.cformQuestions(f, m, w-5*cformBoxW-2*cellPad) {
		h += cformRowH(q)
	}
	return h + 3 + 5.5 + 12 + 3 + 7 + cformStub + 3 // comments, name line, stub
}

// shrinkTo sets the font to size, or smaller (down to 7 pt) until s fits
// one line of width w.
func (d *doc) shrinkTo(s string, w, size float64, boldOn bool) {
	d.bold(boldOn, size)
	for size > 7 && d.width(d.clean(s)) > w {
		size -= 0.5
		d.bold(boldOn, size)
	}
}

// customerForm draws one form in the area of height area starting at top:
// the customer's questions in their words, 1–5 boxes, room for comments and
// a name, and a stub at the foot marked for HR, which holds the note on how
// to enter the form.
func (d *doc) customerForm(f CustomerForm, top, area float64, m Meta) {
	x0, w := margin+4, bodyW-8
	d.SetDrawColor(110, 120, 135)
	d.SetLineWidth(0.2)
	y := d.cformHead(f, top+cformTop, m)
	y = d.cformQuestionRows(f, m, y)
	stubY := top + area - cformStub - 3
	d.cformComments(y, stubY)
	d.cformStub(x0, w, stubY)
}

// cformHead draws the company, the title, the serial, the advisor and the
// introduction from y, and returns where the questions start.
func (d *doc) cformHead(f CustomerForm, y float64, m Meta) float64 {
	l := d.l
	x0, w := margin+4, bodyW-8
	if m.Company != "" {
		d.shrinkTo(m.Company, w, 10, true)
		d.SetXY(x0, y)
		d.CellFormat(w, 5, d.clean(m.Company), "", 0, "C", false, 0, "")
		y += 5.5
	}
	d.bold(true, 14)
	d.SetXY(x0, y)
	d.CellFormat(w, 7, d.label("cform.title"), "", 0, "C", false, 0, "")
	d.bold(true, 9.5)
	d.SetXY(x0, y+1)
	d.CellFormat(w, 5, d.label("cform.serial")+d.label("sep.colon")+d.clean(f.Serial), "", 0, "R", false, 0, "")
	y += 10
	advisor := d.label("cform.advisor") + d.label("sep.colon") + d.clean(f.Advisor.Name+"（"+f.Advisor.EmpNo+"）")
	d.shrinkTo(advisor, w, 9.5, false)
	d.SetXY(x0, y)
	d.CellFormat(w, 6, advisor, "", 0, "L", false, 0, "")
	y += 7
	d.bold(false, 8.5)
	lines := d.lines(l.T("cform.intro")+" "+l.T("cform.scale"), w)
	d.textIn(x0, y, w, 4.2, lines, "L")
	return y + float64(len(lines))*4.2 + 2
}

// cformQuestionRows draws the questions from y, each with boxes 1–5, and
// returns where they end.
func (d *doc) cformQuestionRows(f CustomerForm, m Meta, y float64) float64 {
	x0, w := margin+4, bodyW-8
	nameW := w - 5*cformBoxW
	d.SetFillColor(228, 235, 245)
	d.bold(true, 9)
	d.Rect(x0, y, nameW, 6.5, "FD")
	d.SetXY(x0+cellPad, y)
	d.CellFormat(nameW-2*cellPad, 6.5, d.label("cform.question"), "", 0, "L", false, 0, "")
	for k := 1; k <= 5; k++ {
		bx := x0 + nameW + float64(k-1)*cformBoxW
		d.Rect(bx, y, cformBoxW, 6.5, "FD")
		d.SetXY(bx, y)
		d.CellFormat(cformBoxW, 6.5, strconv.Itoa(k), "", 0, "C", false, 0, "")
	}
	y += 6.5
	for _, q := range d.cformQuestions(f, m, nameW-2*cellPad) {
		h := cformRowH(q)
		d.Rect(x0, y, nameW, h, "D")
		d.bold(false, 9)
		d.textIn(x0+cellPad, y+(h-float64(len(q))*cformQLine)/2, nameW-2*cellPad, cformQLine, q, "L")
		for k := 0; k < 5; k++ {
			bx := x0 + nameW + float64(k)*cformBoxW
			d.Rect(bx, y, cformBoxW, h, "D")
			d.Rect(bx+cformBoxW/2-1.75, y+h/2-1.75, 3.5, 3.5, "D")
		}
		y += h
	}
	return y
}

// cformComments draws the comment box, which takes the room left above the
// stub, and the line for the customer's name, the date of service and
// "anonymous".
func (d *doc) cformComments(y, stubY float64) {
	x0, w := margin+4, bodyW-8
	y += 3
	d.bold(false, 9)
	d.SetXY(x0, y)
	d.CellFormat(w, 5, d.label("cform.free"), "", 0, "L", false, 0, "")
	y += 5.5
	boxH := max(12, stubY-10-y-3)
	d.Rect(x0, y, w, boxH, "D")
	y += boxH + 3
	d.bold(false, 9)
	label, date := d.label("cform.customer")+d.label("sep.colon"), d.label("cform.date")+d.label("sep.colon")
	anonX := x0 + w - 26
	dateX := x0 + w*0.55
	d.SetXY(x0, y)
	d.CellFormat(w, 5, label, "", 0, "L", false, 0, "")
	d.Line(x0+d.width(label)+1, y+4.5, dateX-3, y+4.5)
	d.SetXY(dateX, y)
	d.CellFormat(w, 5, date, "", 0, "L", false, 0, "")
	d.Line(dateX+d.width(date)+1, y+4.5, anonX-3, y+4.5)
	d.Rect(anonX, y+0.8, 3.5, 3.5, "D")
	d.SetXY(anonX+4.5, y)
	d.CellFormat(22, 5, d.label("cform.anonymous"), "", 0, "L", false, 0, "")
}

// cformStub draws the HR stub: a dotted rule, "for HR only", the entry note
// and the lines HR signs when the form is entered.
func (d *doc) cformStub(x0, w, stubY float64) {
	d.SetDrawColor(160, 160, 160)
	d.SetDashPattern([]float64{0.6, 0.9}, 0)
	d.Line(x0, stubY, x0+w, stubY)
	d.SetDashPattern(nil, 0)
	d.SetDrawColor(110, 120, 135)
	d.SetTextColor(100, 100, 100)
	d.bold(true, 7.5)
	d.SetXY(x0, stubY+1)
	d.CellFormat(w, 4, d.label("cform.hr_only"), "", 0, "L", false, 0, "")
	d.bold(false, 7)
	d.textIn(x0, stubY+5, w*0.62, 3.3, d.lines(d.l.T("cform.hr_note"), w*0.62), "L")
	entered := d.label("cform.hr_entered") + d.label("sep.colon")
	ex := x0 + w*0.66
	d.SetXY(ex, stubY+5)
	d.CellFormat(w*0.34, 4, entered, "", 0, "L", false, 0, "")
	d.Line(ex+d.width(entered)+1, stubY+8.5, x0+w, stubY+8.5)
	date := d.label("field.date") + d.label("sep.colon")
	d.SetXY(ex, stubY+10)
	d.CellFormat(w*0.34, 4, date, "", 0, "L", false, 0, "")
	d.Line(ex+d.width(date)+1, stubY+13.5, x0+w, stubY+13.5)
	d.SetTextColor(0, 0, 0)
}
