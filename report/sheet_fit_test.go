package report

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"advisordesk/i18n"
	"advisordesk/model"
	"advisordesk/report/pdftext"
)

var pdfDir = flag.String("pdfdir", "", "also write the extreme forms' PDFs here, to look at")

// longest fills s up to n characters by repeating unit.
func longest(unit string, n int) string {
	r := []rune(strings.Repeat(unit, n/len([]rune(unit))+1))
	return string(r[:n])
}

// extremeTemplate is the default template with every text at its limit
// and as many items as a template may have.
func extremeTemplate() model.Template {
	t := model.DefaultTemplate()
	for len(t.Items) < model.MaxItems {
		it := t.Items[len(t.Items)%9]
		it.Key = fmt.Sprintf("extra%d", len(t.Items))
		t.Items = append(t.Items, it)
	}
	for i := range t.Items {
		it := &t.Items[i]
		it.Weight = 100 / model.MaxItems
		it.Name = longest("客户满意程度", model.MaxItemName)
		it.NameEn = longest("Customer satisfaction ", model.MaxItemNameEn)
		it.Standard = longest("回访与评价中的满意程度，", model.MaxStandard)
		it.StandardEn = longest("Satisfaction in follow-up visits and evaluations, ", model.MaxStandardEn)
		it.Question = longest("您对顾问解答问题的耐心程度是否满意？", model.MaxQuestion)
		it.QuestionEn = longest("Did the advisor answer your questions patiently and clearly? ", model.MaxQuestionEn)
	}
	for i := range t.Grades {
		t.Grades[i].Label = longest("良好", model.MaxGradeLabel)
		t.Grades[i].LabelEn = longest("Needs improvement ", model.MaxGradeLabelEn)
	}
	return t
}

// extremeAdvisor has every printed field at its longest.
func extremeAdvisor() *model.Advisor {
	return &model.Advisor{EmpNo: longest("SA0123456789", 20), Name: longest("阿依古丽·买买提·艾合买提", 40),
		Department: longest("售后服务部客户关系中心（东区）。", 60), Supervisor: longest("欧阳娜娜·穆罕默德", 60),
		Role: model.Roles[len(model.Roles)-1]}
}

// extremeSheets are the sheets that must each fit one page: finished,
// unfinished, provisional, with comments at the length page one holds, with
// the longest texts the editors allow.
func extremeSheets(tpl *model.Template) []Sheet {
	cycle := &model.Cycle{ID: 3, Name: longest("2026年第四季度服务顾问绩效考核", 60), Start: "2026-10-01", End: "2026-12-31"}
	a := extremeAdvisor()
	evals := func(methods ...model.Method) []model.Evaluation {
		var out []model.Evaluation
		for k, m := range methods {
			e := model.Evaluation{Method: m, Scores: map[string]float64{}, Comment: "服务热情，解释清楚。"}
			if m == model.CustomerEval {
				e.Serial = fmt.Sprintf("CF-2026-%06d", k)
			}
			for _, it := range tpl.Items {
				if it.Rated(m) {
					e.Scores[it.Key] = 100
				}
			}
			out = append(out, e)
		}
		return out
	}
	all := evals(model.SelfEval, model.SupervisorEval, model.CustomerEval)
	self := evals(model.SelfEval)
	sheet := func(no string, ev []model.Evaluation) Sheet {
		return Sheet{FormNo: no, Cycle: cycle, Template: tpl, Advisor: a, Evals: ev, Result: model.Score(tpl, ev)}
	}
	prov := sheet("PA-3-PROV", self)
	prov.Provisional = true
	return []Sheet{sheet("PA-3-FULL", all), sheet("PA-3-SELF", self), prov, {Template: tpl}}
}

// TestSheetsFitOnePage prints the extremes in both languages and checks
// that each sheet is one page with its signatures on it.
func TestSheetsFitOnePage(t *testing.T) {
	for _, name := range []string{"default", "extreme"} {
		tpl := model.DefaultTemplate()
		if name == "extreme" {
			tpl = extremeTemplate()
		}
		if err := tpl.Validate("2026-11-27"); err != nil {
			t.Fatalf("%s template: %v", name, err)
		}
		sheets := extremeSheets(&tpl)
		for _, lang := range i18n.Langs {
			l, _ := i18n.For(lang)
			for _, s := range sheets {
				var buf bytes.Buffer
				if err := AppraisalSheets(&buf, []Sheet{s}, Meta{Lang: lang, Company: longest("星河汽车销售服务有限公司", 60), Date: "2026-11-27"}); err != nil {
					t.Fatal(err)
				}
				kind := s.FormNo
				if kind == "" {
					kind = "BLANK"
				}
				writePDF(t, fmt.Sprintf("sheet-%s-%s-%s", name, lang, kind), buf.Bytes())
				text := pdftext.Of(t, buf.Bytes())
				if pages := len(pdftext.Pages(text)); pages != 1 {
					t.Errorf("%s %s %s: %d pages, want 1", name, lang, kind, pages)
				}
				if !strings.Contains(squash(text), squash(l.T("sheet.sign_hr"))) {
					t.Errorf("%s %s %s: no HR signature", name, lang, kind)
				}
			}
		}
	}
}

func squash(s string) string { return strings.NewReplacer(" ", "", "\n", "").Replace(s) }

func writePDF(t *testing.T, name string, pdf []byte) {
	if *pdfDir == "" {
		return
	}
	if err := os.WriteFile(filepath.Join(*pdfDir, name+".pdf"), pdf, 0o644); err != nil {
		t.Fatal(err)
	}
}

// Every extreme sheet fits page one at one of the scales, with room left
// for comments (four lines, or 12 mm a box on a blank
// sheet); the scale reached is logged to see how much room is left.
func TestExtremeScale(t *testing.T) {
	tpl := extremeTemplate()
	for _, lang := range i18n.Langs {
		l, _ := i18n.For(lang)
		for _, s := range extremeSheets(&tpl) {
			m := Meta{Lang: lang, Company: longest("星河汽车销售服务有限公司", 60)}
			d, err := newDoc(m, "P", sheetTexts(l, &s, m)...)
			if err != nil {
				t.Fatal(err)
			}
			fits := 0.0
			for _, k := range sheetScales {
				p := &sheetPainter{d: d, s: &s, m: m, dry: true, scale: k}
				if p.paint(0); p.fits {
					fits = k
					break
				}
			}
			t.Logf("%s %q: scale %v", lang, s.FormNo, fits)
			if fits == 0 {
				t.Errorf("%s %q: does not fit page one at any scale", lang, s.FormNo)
			}
		}
	}
}

// An unfinished sheet shows the scores that are in, marks the missing ones
// and prints no total or grade unless asked for a provisional one.
func TestUnfinishedSheet(t *testing.T) {
	tpl := model.DefaultTemplate()
	sheets := extremeSheets(&tpl)
	self, prov := sheets[1], sheets[2]
	for _, lang := range i18n.Langs {
		l, _ := i18n.For(lang)
		grade := squash(l.T("sheet.grade") + l.T("sep.colon") + self.Result.Grade.Code + " " + pickGrade(lang, self.Result.Grade))
		var buf bytes.Buffer
		if err := AppraisalSheets(&buf, []Sheet{self}, Meta{Lang: lang, Date: "2026-11-27"}); err != nil {
			t.Fatal(err)
		}
		text := squash(pdftext.Of(t, buf.Bytes()))
		if strings.Contains(text, grade) || strings.Contains(text, "10.00") || !strings.Contains(text, squash(l.T("sheet.not_final"))) ||
			!strings.Contains(text, squash(l.T("sheet.pending"))) || !strings.Contains(text, squash(l.T("sheet.customer_none"))) {
			t.Errorf("%s: unfinished sheet: %s", lang, text)
		}
		buf.Reset()
		if err := AppraisalSheets(&buf, []Sheet{prov}, Meta{Lang: lang, Date: "2026-11-27"}); err != nil {
			t.Fatal(err)
		}
		text = squash(pdftext.Of(t, buf.Bytes()))
		pgrade := squash(l.T("sheet.grade") + l.T("sheet.provisional_mark") + l.T("sep.colon") + self.Result.Grade.Code + " " + pickGrade(lang, self.Result.Grade))
		if !strings.Contains(text, pgrade) || !strings.Contains(text, "100.0") ||
			!strings.Contains(text, squash(l.T("sheet.incomplete_provisional", "Missing", ""))[:6]) {
			t.Errorf("%s: provisional sheet: %s", lang, text)
		}
	}
}

// Comments of 2,000 characters each continue on continuation pages; page
// one keeps the signatures, every further page names the form and advisor.
func TestLongCommentsContinue(t *testing.T) {
	tpl := extremeTemplate()
	s := extremeSheets(&tpl)[0]
	for i := range s.Evals {
		s.Evals[i].Comment = longest("该顾问本季度表现稳定，客户回访及时，投诉处理耐心细致；建议加强新车型的产品知识学习。Follow-ups on time. ", 2000)
	}
	s.Evals = append(s.Evals, s.Evals[2], s.Evals[2])
	for _, lang := range i18n.Langs {
		l, _ := i18n.For(lang)
		var buf bytes.Buffer
		if err := AppraisalSheets(&buf, []Sheet{s}, Meta{Lang: lang, Date: "2026-11-27"}); err != nil {
			t.Fatal(err)
		}
		writePDF(t, "sheet-longcomments-"+lang, buf.Bytes())
		pages := pdftext.Pages(pdftext.Of(t, buf.Bytes()))
		if len(pages) < 3 {
			t.Fatalf("%s: 10,000 characters of comments on %d pages", lang, len(pages))
		}
		if !strings.Contains(squash(pages[0]), squash(l.T("sheet.sign_hr"))) {
			t.Errorf("%s: the signatures left page one", lang)
		}
		for i, pg := range pages[1:] {
			pg = squash(pg)
			if !strings.Contains(pg, squash(l.T("sheet.continuation"))) || !strings.Contains(pg, s.FormNo) ||
				!strings.Contains(pg, squash(s.Advisor.Name)[:6]) || !strings.Contains(pg, squash(l.T("report.page", "Page", i+2, "Pages", len(pages)))) {
				t.Errorf("%s: continuation page %d: %s", lang, i+2, pg)
			}
		}
		all := squash(strings.Join(pages, ""))
		if n := strings.Count(all, squash("建议加强新车型的产品知识学习。")); n < 150 { // 5 × 34 of them, a few broken across a page
			t.Errorf("%s: comments cut short: %d repeats", lang, n)
		}
	}
}
