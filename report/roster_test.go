package report

import (
	"advisordesk/i18n"
	"bytes"
	"slices"
	"strings"
	"testing"

	"advisordesk/model"
	"advisordesk/report/pdftext"
)

func demo(n int) []*model.Advisor {
	var out []*model.Advisor
	for _, a := range model.DemoAdvisors(n, 42, "2026-11-27") {
		a := a
		out = append(out, &a)
	}
	return out
}

func TestRosterPDF(t *testing.T) {
	advisors := demo(60)
	advisors[3].Name = "吉\U00020BB7" // a rare name character outside the BMP
	advisors[4].Department = "客户服务中心（华东区大客户及售后保障联合工作组）"
	for _, lang := range i18n.Langs {
		t.Run(lang, func(t *testing.T) {
			var buf bytes.Buffer
			m := Meta{Lang: lang, Company: "星河汽车服务有限公司", Date: "2026-11-27"}
			if err := Roster(&buf, advisors, m); err != nil {
				t.Fatal(err)
			}
			text := pdftext.Of(t, buf.Bytes())
			flat := strings.ReplaceAll(text, "\n", "")
			for i, a := range advisors {
				if i == 3 {
					continue
				}
				if !strings.Contains(flat, a.Name) || !strings.Contains(text, a.EmpNo) {
					t.Fatalf("advisor %s %s missing from the PDF text", a.EmpNo, a.Name)
				}
			}
			if !strings.Contains(text, "吉〓") {
				t.Error("the rare character was not replaced visibly")
			}
			if !strings.Contains(flat, "客户服务中心（华东区大客户及售后保障联合工作组）") {
				t.Error("a wrapped department lost characters")
			}
			l, _ := i18n.For(lang)
			for _, want := range []string{l.T("report.roster"), l.T("field.department"), l.T("employment.fulltime"),
				"星河汽车服务有限公司"} {
				if !strings.Contains(text, want) {
					t.Errorf("PDF text lacks %q", want)
				}
			}
			pages := len(pdftext.Pages(text))
			if pages < 2 {
				t.Fatalf("60 advisors on %d page", pages)
			}
			for p := 1; p <= pages; p++ {
				if want := l.T("report.page", "Page", p, "Pages", pages); !strings.Contains(text, want) {
					t.Errorf("PDF text lacks %q", want)
				}
			}
		})
	}
}

func TestRosterEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := Roster(&buf, nil, Meta{Lang: "en", Date: "2026-11-27"}); err != nil {
		t.Fatal(err)
	}
	if text := pdftext.Of(t, buf.Bytes()); !strings.Contains(text, "No advisor matches") {
		t.Fatalf("empty roster text: %q", text)
	}
}

func TestUnknownLanguage(t *testing.T) {
	if err := Roster(&bytes.Buffer{}, nil, Meta{Lang: "fr"}); err == nil {
		t.Fatal("printed in an unknown language")
	}
}

// Chinese line-breaking in the roster's cells: a name breaks at its middle
// dots, a department's closing "。" never starts a line, and no line is
// wider than its cell (a hung mark was covered by the next cell's shading).
func TestRosterLineBreaking(t *testing.T) {
	list := demo(8)
	list[7].Name = "阿依古丽·买买提·艾力"
	for _, a := range list {
		a.Department = "售后服务部客户关系中心（东区）。"
	}
	var buf bytes.Buffer
	if err := Roster(&buf, list, Meta{Lang: "zh", Date: "2026-11-27"}); err != nil {
		t.Fatal(err)
	}
	text := pdftext.Of(t, buf.Bytes())
	for _, want := range []string{" 阿依古丽·\n买买提·艾力\n"} {
		if !strings.Contains(text, want) {
			t.Errorf("name not broken at its dots: %s", text)
		}
	}
	for _, ln := range strings.Split(text, "\n") {
		if strings.HasPrefix(ln, "。") || strings.HasPrefix(ln, "）") || strings.HasSuffix(ln, "（") {
			t.Errorf("line %q breaks the rules", ln)
		}
	}
	d, _ := newDoc(Meta{Lang: "zh"}, "L", list[7].Department, list[7].Name)
	d.bold(false, 9)
	for _, f := range model.AdvisorRecord.PrintFields() {
		for _, ln := range d.lines(list[7].Department, f.Print-2*cellPad) {
			if w := d.GetStringWidth(ln); w > f.Print-2*cellPad+1e-6 {
				t.Errorf("%q is %.1f mm wide in a %.1f mm cell", ln, w, f.Print-2*cellPad)
			}
		}
	}
}

// TestFieldWithPrintWidthIsPrinted: giving a field of the advisor's
// description a print width is all it takes to put it on the roster (the ID
// card number is not printed by default; see docs/records.md).
func TestFieldWithPrintWidthIsPrinted(t *testing.T) {
	rec := *model.AdvisorRecord
	rec.Fields = slices.Clone(rec.Fields)
	rec.Field(model.FieldIDCard).Print = 40
	tb := *rosterTable
	tb.Record = &rec
	a := model.DemoAdvisors(1, 1, "2026-11-27")[0]
	var buf bytes.Buffer
	if err := tb.Print(&buf, []*model.Advisor{&a}, Meta{Lang: "en", Date: "2026-11-27"}); err != nil {
		t.Fatal(err)
	}
	text := pdftext.Of(t, buf.Bytes())
	if !strings.Contains(text, "ID card no.") || !strings.Contains(text, a.IDCard) {
		t.Fatalf("the ID card column is not on the roster:\n%s", text)
	}
	buf.Reset()
	if err := rosterTable.Print(&buf, []*model.Advisor{&a}, Meta{Lang: "en", Date: "2026-11-27"}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(pdftext.Of(t, buf.Bytes()), a.IDCard) {
		t.Fatal("the roster prints ID card numbers by default")
	}
}
