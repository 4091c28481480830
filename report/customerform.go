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

// halfH is the height of one form: two fit on an A4 page, cut along the
// dashed line between them.
const halfH = pageH / 2

// CustomerForms prints the forms two to an A4 page.
func CustomerForms(w io.Writer, forms []CustomerForm, m Meta) error {
	l, err := i18n.For(m.Lang)
	if err != nil {
		return err
	}
	texts := []string{m.Company}
	for _, k := range []string{"cform.title", "cform.intro", "cform.scale", "cform.serial", "cform.free", "cform.customer",
		"cform.anonymous", "cform.date", "cform.advisor", "cform.hr_note", "sep.colon", "sheet.criteria", "report.page"} {
		texts = append(texts, l.T(k))
	}
	for _, f := range forms {
		texts = append(texts, f.Serial, f.Advisor.Name, f.Advisor.EmpNo)
		for _, it := range f.Template.Items {
			texts = append(texts, it.Label(m.Lang), it.StandardText(m.Lang))
		}
	}
	d, err := newDoc(m, "P", texts...)
	if err != nil {
		return err
	}
	for i, f := range forms {
		top := 0.0
		if i%2 == 0 {
			d.AddPage()
		} else {
			top = halfH
		}
		d.customerForm(f, top, m)
		if i%2 == 0 && i+1 < len(forms) {
			d.SetDrawColor(160, 160, 160)
			d.SetDashPattern([]float64{2, 1.5}, 0)
			d.Line(6, halfH, pageW-6, halfH)
			d.SetDashPattern(nil, 0)
		}
	}
	return d.finish(w)
}

func (d *doc) customerForm(f CustomerForm, top float64, m Meta) {
	l := d.l
	x0, w := margin+4, bodyW-8
	y := top + 9
	d.SetDrawColor(110, 120, 135)
	d.SetLineWidth(0.2)
	if m.Company != "" {
		d.bold(true, 10)
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
	d.bold(false, 9.5)
	d.SetXY(x0, y)
	d.CellFormat(w/2, 6, d.label("cform.advisor")+d.label("sep.colon")+d.clean(f.Advisor.Name+"（"+f.Advisor.EmpNo+"）"), "", 0, "L", false, 0, "")
	d.SetXY(x0+w/2, y)
	d.CellFormat(w/2, 6, d.label("cform.date")+d.label("sep.colon"), "", 0, "L", false, 0, "")
	d.Line(x0+w/2+d.GetStringWidth(d.label("cform.date")+d.label("sep.colon"))+1, y+5, x0+w, y+5)
	y += 7
	d.bold(false, 8.5)
	lines := d.lines(l.T("cform.intro")+" "+l.T("cform.scale"), w)
	d.textIn(x0, y, w, 4.2, lines, "L")
	y += float64(len(lines))*4.2 + 2

	// The items customers rate, each with boxes 1–5.
	nameW, boxW := w-5*11, 11.0
	d.SetFillColor(228, 235, 245)
	d.bold(true, 9)
	d.Rect(x0, y, nameW, 6.5, "FD")
	d.SetXY(x0+cellPad, y)
	d.CellFormat(nameW-2*cellPad, 6.5, d.label("sheet.criteria"), "", 0, "L", false, 0, "")
	for k := 1; k <= 5; k++ {
		bx := x0 + nameW + float64(k-1)*boxW
		d.Rect(bx, y, boxW, 6.5, "FD")
		d.SetXY(bx, y)
		d.CellFormat(boxW, 6.5, strconv.Itoa(k), "", 0, "C", false, 0, "")
	}
	y += 6.5
	for _, it := range f.Template.Items {
		if !it.Rated(model.CustomerEval) {
			continue
		}
		d.bold(false, 9)
		name := d.lines(it.Label(m.Lang), nameW-2*cellPad)
		d.bold(false, 7.5)
		std := d.lines(it.StandardText(m.Lang), nameW-2*cellPad)
		h := float64(len(name))*4.2 + float64(len(std))*3.5 + 1.5
		d.Rect(x0, y, nameW, h, "D")
		d.bold(false, 9)
		d.textIn(x0+cellPad, y+0.5, nameW-2*cellPad, 4.2, name, "L")
		d.bold(false, 7.5)
		d.SetTextColor(90, 90, 90)
		d.textIn(x0+cellPad, y+0.5+float64(len(name))*4.2, nameW-2*cellPad, 3.5, std, "L")
		d.SetTextColor(0, 0, 0)
		for k := 0; k < 5; k++ {
			bx := x0 + nameW + float64(k)*boxW
			d.Rect(bx, y, boxW, h, "D")
			d.Rect(bx+boxW/2-1.75, y+h/2-1.75, 3.5, 3.5, "D")
		}
		y += h
	}
	y += 3
	d.bold(false, 9)
	d.SetXY(x0, y)
	d.CellFormat(w, 5, d.label("cform.free"), "", 0, "L", false, 0, "")
	y += 5.5
	d.Rect(x0, y, w, 16, "D")
	y += 19
	label := d.label("cform.customer") + d.label("sep.colon")
	d.SetXY(x0, y)
	d.CellFormat(w, 5, label, "", 0, "L", false, 0, "")
	lx := x0 + d.GetStringWidth(label) + 1
	d.Line(lx, y+4.5, x0+w-30, y+4.5)
	d.Rect(x0+w-26, y+0.8, 3.5, 3.5, "D")
	d.SetXY(x0+w-21.5, y)
	d.CellFormat(22, 5, d.label("cform.anonymous"), "", 0, "L", false, 0, "")
	y += 7
	d.bold(false, 7)
	d.SetTextColor(110, 110, 110)
	d.SetXY(x0, y)
	d.CellFormat(w, 4, d.label("cform.hr_note"), "", 0, "L", false, 0, "")
	d.SetTextColor(0, 0, 0)
}
