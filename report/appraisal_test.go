package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"advisordesk/i18n"
	"advisordesk/model"
	"advisordesk/report/pdftext"
)

// demoSheets builds n filled sheets from the default template.
func demoSheets(n int) []Sheet {
	tpl := model.DefaultTemplate()
	cycle := &model.Cycle{ID: 7, Name: "2026年第三季度绩效考核", Period: model.Quarterly, Start: "2026-07-01", End: "2026-09-30"}
	var out []Sheet
	for i, a := range demo(n) {
		a.ID = uint64(i + 1)
		base := 70 + float64(i%25)
		var evals []model.Evaluation
		for k, m := range []model.Method{model.SelfEval, model.SupervisorEval, model.CustomerEval, model.CustomerEval} {
			e := model.Evaluation{Method: m, Scores: map[string]float64{}, Comment: "服务热情，解释清楚。"}
			if m == model.CustomerEval {
				e.Serial = fmt.Sprintf("CF-2026-%06d", 2*i+k)
			}
			for j, it := range tpl.Items {
				if it.Rated(m) {
					e.Scores[it.Key] = model.Round(base+float64((j*7+k*3)%11)-3, 1)
				}
			}
			evals = append(evals, e)
		}
		out = append(out, Sheet{FormNo: fmt.Sprintf("PA-7-%s", a.EmpNo), Cycle: cycle, Template: &tpl, Advisor: a,
			Evals: evals, Result: model.Score(&tpl, evals)})
	}
	return out
}

func TestAppraisalSheetText(t *testing.T) {
	sheets := demoSheets(3)
	sheets[1].Evals[1].Comment = strings.Repeat("该顾问本季度表现稳定，客户回访及时，投诉处理耐心细致；建议加强新车型的产品知识学习。", 12)
	sheets[2].Outcome = &model.Outcome{SalaryPct: 3, Training: true}
	for _, lang := range i18n.Langs {
		t.Run(lang, func(t *testing.T) {
			var buf bytes.Buffer
			if err := AppraisalSheets(&buf, sheets, Meta{Lang: lang, Company: "星河汽车服务有限公司", Date: "2026-10-08"}); err != nil {
				t.Fatal(err)
			}
			text := pdftext.Of(t, buf.Bytes())
			flat := strings.ReplaceAll(text, "\n", "")
			pages := strings.Split(text, "\f")
			for _, s := range sheets {
				if !strings.Contains(text, s.Advisor.Name) || !strings.Contains(text, s.FormNo) {
					t.Fatalf("%s missing", s.Advisor.Name)
				}
				for _, r := range s.Result.Items {
					if !strings.Contains(text, num(r.Weighted, 2)) {
						t.Fatalf("%s: weighted score %s of %s missing", s.Advisor.Name, num(r.Weighted, 2), r.Item.Key)
					}
				}
				if !strings.Contains(text, num(s.Result.Total, 1)) {
					t.Fatalf("%s: total %s missing", s.Advisor.Name, num(s.Result.Total, 1))
				}
			}
			l, _ := i18n.For(lang)
			// The long comment fills page one's box, which says where it
			// continues, and goes on on a continuation page naming the form and
			// the advisor; the signatures stay on page one.
			if len(pages) != 5 { // 1 + 2 + 1 and the empty text after the last form feed
				t.Fatalf("3 sheets on %d pages, want 4", len(pages)-1)
			}
			p1, p2 := squash(pages[1]), squash(pages[2])
			comment := squash(sheets[1].Evals[1].Comment)
			marker := squash(l.T("sheet.continued", "Page", 2))
			i, j := strings.Index(p1, comment[:30]), strings.Index(p1, marker)
			if i < 0 || j < i || !strings.Contains(p1, squash(l.T("sheet.sign_hr"))) {
				t.Fatalf("page one of the long sheet: comment at %d, marker at %d: %s", i, j, p1)
			}
			head := squash(l.T("sheet.comments_continued"))
			k := strings.Index(p2, head)
			if !strings.Contains(p2, squash(l.T("sheet.continuation"))) || !strings.Contains(p2, sheets[1].FormNo) ||
				!strings.Contains(p2, sheets[1].Advisor.Name) || k < 0 {
				t.Fatalf("continuation page lacks its title, form number or name: %s", p2)
			}
			if !strings.HasPrefix(p1[i:j]+p2[k+len(head):], comment) {
				t.Errorf("the long comment lost characters:\n%s\n%s", p1[i:j], p2[k+len(head):])
			}
			for _, want := range []string{l.T("sheet.title"), l.T("dimension.attitude"), l.T("sheet.sign_hr"), l.T("sheet.training"), "工作积极性"} {
				if lang == "en" && want == "工作积极性" {
					want = "Initiative"
				}
				if !strings.Contains(flat, strings.ReplaceAll(want, " ", "")) && !strings.Contains(text, want) {
					t.Errorf("sheet text lacks %q", want)
				}
			}
			if len(pages) < 3 {
				t.Fatalf("3 sheets on %d pages", len(pages))
			}
		})
	}
}

func TestBlankSheet(t *testing.T) {
	tpl := model.DefaultTemplate()
	for _, lang := range i18n.Langs {
		var buf bytes.Buffer
		if err := AppraisalSheets(&buf, []Sheet{{Template: &tpl}}, Meta{Lang: lang, Date: "2026-11-27"}); err != nil {
			t.Fatal(err)
		}
		l, _ := i18n.For(lang)
		text := pdftext.Of(t, buf.Bytes())
		if !strings.Contains(strings.ReplaceAll(text, "\n", ""), strings.ReplaceAll(l.T("sheet.blank_title"), " ", "")) &&
			!strings.Contains(text, l.T("sheet.blank_title")) {
			t.Fatalf("%s: blank title missing: %s", lang, text[:200])
		}
	}
}

func TestCustomerForms(t *testing.T) {
	tpl := model.DefaultTemplate()
	advisors := demo(2)
	var forms []CustomerForm
	for i := 0; i < 3; i++ {
		forms = append(forms, CustomerForm{Serial: fmt.Sprintf("CF-2026-%06d", 41+i), Advisor: advisors[i%2], Template: &tpl})
	}
	for _, lang := range i18n.Langs {
		var buf bytes.Buffer
		if err := CustomerForms(&buf, forms, Meta{Lang: lang, Company: "星河汽车服务有限公司", Date: "2026-11-27"}); err != nil {
			t.Fatal(err)
		}
		text := pdftext.Of(t, buf.Bytes())
		for _, f := range forms {
			if !strings.Contains(text, f.Serial) || !strings.Contains(text, f.Advisor.Name) {
				t.Fatalf("%s: form %s missing", lang, f.Serial)
			}
		}
		if pages := len(pdftext.Pages(text)); pages != 2 {
			t.Fatalf("%s: 3 forms on %d pages, want 2", lang, pages)
		}
		l, _ := i18n.For(lang)
		flat := squash(text)
		// Customers answer questions in their own words about six of the
		// nine items (teamwork, sales and team contribution are not on their
		// form); HR's item names and standards are not on it.
		for _, it := range tpl.Items {
			on := strings.Contains(flat, squash(it.QuestionText(lang)))
			if on != it.Rated(model.CustomerEval) || on && it.QuestionText(lang) == it.Label(lang) {
				t.Errorf("%s: question for %s on the customer form: %v", lang, it.Key, on)
			}
			if strings.Contains(flat, squash(it.StandardText(lang))) {
				t.Errorf("%s: HR's standard for %s on the customer form", lang, it.Key)
			}
		}
		if strings.Contains(flat, squash(l.T("sheet.criteria"))) || !strings.Contains(flat, squash(l.T("cform.question"))) {
			t.Errorf("%s: the form's header speaks HR", lang)
		}
		// The HR note sits in the stub marked for HR, after the customer's part.
		if i, j := strings.Index(flat, squash(l.T("cform.hr_only"))), strings.Index(flat, squash(l.T("cform.hr_note"))); i < 0 || j < i ||
			j < strings.Index(flat, squash(l.T("cform.anonymous"))) {
			t.Errorf("%s: HR note not in the HR stub", lang)
		}
		if !strings.Contains(text, l.T("cform.title")) {
			t.Errorf("%s: no title", lang)
		}
		writePDF(t, "cform-default-"+lang, buf.Bytes())
		// The longest questions of the most items a template may hold: one
		// form a page when two do not fit, each whole with its HR stub.
		ext := extremeTemplate()
		buf.Reset()
		long := []CustomerForm{{Serial: "CF-2026-000001", Advisor: extremeAdvisor(), Template: &ext}, {Serial: "CF-2026-000002", Advisor: extremeAdvisor(), Template: &ext}}
		if err := CustomerForms(&buf, long, Meta{Lang: lang, Company: longest("星河汽车销售服务有限公司", 60), Date: "2026-11-27"}); err != nil {
			t.Fatal(err)
		}
		writePDF(t, "cform-extreme-"+lang, buf.Bytes())
		pages := pdftext.Pages(pdftext.Of(t, buf.Bytes()))
		for _, p := range pages {
			p = squash(p)
			if n := strings.Count(p, "CF-2026-00000"); n == 0 || strings.Count(p, squash(l.T("cform.hr_only"))) != n {
				t.Errorf("%s: a long form without its stub: %s", lang, p)
			}
		}
		if len(pages) == 2 {
			if p := squash(pages[1]); !strings.Contains(p, "CF-2026-000002") {
				t.Errorf("%s: the second long form: %s", lang, p)
			}
		}
	}
}
