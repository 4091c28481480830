package report

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"advisordesk/i18n"
	"advisordesk/model"
	"advisordesk/report/pdftext"
)

// printDuties prints s, also into DUTY_PDF_DIR when set (to look at).
func printDuties(t *testing.T, s DutySheet, m Meta) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Duties(&buf, s, m); err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("DUTY_PDF_DIR"); dir != "" {
		name := m.Lang + "-" + string(s.Role) + ".pdf"
		if err := os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return buf.Bytes()
}

// flat is the text as a reader reads it, lines joined: Chinese wraps
// between characters, English between words.
func flat(lang, text string) string {
	if lang == "zh" {
		return strings.ReplaceAll(text, "\n", "")
	}
	return strings.Join(strings.Fields(text), " ")
}

// Each role's sheet, in both languages, is one page with the company, the
// title, the role, every duty and permission the role holds with its
// explanation and source (the article for the regulation's), none it does
// not hold, the matrix's version, the acknowledgement and the signatures.
func TestDutySheet(t *testing.T) {
	matrix := model.DefaultMatrix()
	for _, lang := range i18n.Langs {
		l, _ := i18n.For(lang)
		for _, role := range model.AccountRoles {
			t.Run(lang+"/"+string(role), func(t *testing.T) {
				s := DutySheet{Role: role, Matrix: matrix, Version: "2026-1", Since: "2026-01-01"}
				raw := pdftext.Of(t, printDuties(t, s, Meta{Lang: lang, Company: "星河汽车服务有限公司", Date: "2026-11-27"}))
				if n := len(pdftext.Pages(raw)); n != 1 {
					t.Fatalf("%d pages", n)
				}
				text := flat(lang, raw)
				want := []string{"星河汽车服务有限公司", l.T("duties.title"), l.T("duties.role"), l.T("account_role." + string(role)),
					l.T("duties.employee"), l.T("duties.duties"), l.T("duties.perms"), l.T("duties.col_source"),
					l.T("duties.ack"), l.T("duties.sign_employee"), l.T("sheet.sign_hr"),
					l.T("duties.matrix_since", "Version", "2026-1", "Since", "2026-01-01"),
					l.T("report.page", "Page", 1, "Pages", 1)}
				held := matrix.Codes(role)
				for _, e := range model.Catalogue {
					name, explain := flat(lang, l.T(e.TextKey())), flat(lang, l.T(e.TextKey()+".text"))
					if !slices.Contains(held, e.Code) {
						if strings.Contains(text, explain) {
							t.Errorf("%s does not hold %s, but the sheet shows it", role, e.Code)
						}
						continue
					}
					source := l.T("duties.program")
					if e.Article != "" {
						source = l.T("duties.article", "No", e.Article)
					}
					want = append(want, name, explain, source)
				}
				for _, w := range want {
					if !strings.Contains(text, w) {
						t.Errorf("the sheet lacks %q", w)
					}
				}
				if strings.Contains(raw, string(Missing)) {
					t.Error("the sheet printed a character it could not draw")
				}
			})
		}
	}
}

// The second draft's permissions cite its article as the second draft's;
// an HR sheet numbers its 6 duties and 12 permissions.
func TestDutySheetArticles(t *testing.T) {
	raw := pdftext.Of(t, printDuties(t, DutySheet{Role: model.RoleHR, Matrix: model.DefaultMatrix()}, Meta{Lang: "zh", Date: "2026-11-27"}))
	if n := strings.Count(raw, "第 2.2.5 条（第二稿）"); n != 2 {
		t.Errorf("second-draft article printed %d times", n)
	}
	for _, art := range []string{"2.1.1", "2.1.6", "2.2.1", "2.2.4"} {
		if strings.Count(raw, "第 "+art+" 条") != 1 {
			t.Errorf("article %s not printed once", art)
		}
	}
	if !strings.Contains(raw, "\n13 管理产品、价格与库存") || strings.Contains(raw, "\n14 ") {
		t.Error("permissions not numbered 1–13")
	}
	if !strings.Contains(raw, "职责与权限矩阵：系统默认") {
		t.Error("the default matrix is not named as such")
	}
	// A matrix the file knows only by the day HR saved it says so, once.
	raw = pdftext.Of(t, printDuties(t, DutySheet{Role: model.RoleHR, Matrix: model.DefaultMatrix(), Since: "2026-11-20"}, Meta{Lang: "zh", Date: "2026-11-27"}))
	if !strings.Contains(raw, "职责与权限矩阵：人事于 2026-11-20 保存") || strings.Count(raw, "2026-11-20") != 1 {
		t.Errorf("a matrix saved on 2026-11-20 is named: %s", raw)
	}
}

// The fullest sheet, HR's, holds its page with its text at 9.5 pt in
// Chinese and 8.5 pt in English (since the catalogue has the products'
// permission: 19 entries); the others at 9.5 pt.
func TestDutySheetTextSize(t *testing.T) {
	for _, lang := range i18n.Langs {
		l, _ := i18n.For(lang)
		for _, role := range model.AccountRoles {
			s := DutySheet{Role: role, Matrix: model.DefaultMatrix(), Version: "2026-1", Since: "2026-01-01", Employee: "欧阳娜娜"}
			m := Meta{Lang: lang, Company: "星河汽车服务有限公司", Date: "2026-11-27"}
			d, err := newDoc(m, "P", dutyTexts(l, s, m)...)
			if err != nil {
				t.Fatal(err)
			}
			p := &dutyPainter{d: d, l: l, s: s, m: m}
			p.fit()
			want := 9.5
			if lang == "en" && role == model.RoleHR {
				want = 8.5
			}
			if p.size < want {
				t.Errorf("%s %s: text at %.1f pt, want %.1f", lang, role, p.size, want)
			}
			if end := p.height(); end > bottom {
				t.Errorf("%s %s: the sheet ends at %.1f mm, below %.1f", lang, role, end, bottom)
			}
		}
	}
}

// Long texts of the office's own (company, employee, the matrix's version)
// shrink or wrap: the sheet stays on one page with the signatures above
// the footer. A role that holds nothing says so.
func TestDutySheetLongTexts(t *testing.T) {
	for _, lang := range i18n.Langs {
		l, _ := i18n.For(lang)
		matrix := model.DefaultMatrix()
		matrix[model.RoleAdvisor] = nil
		for _, role := range []model.AccountRole{model.RoleHR, model.RoleAdvisor} {
			s := DutySheet{Role: role, Matrix: matrix, Version: strings.Repeat("2026年第一次修订版 ", 20), Since: "2026-01-01",
				Employee: "Aleksandra Konstantinopolskaya-Wolfeschlegelsteinhausen 欧阳娜娜"}
			m := Meta{Lang: lang, Company: strings.Repeat("星河汽车服务有限公司华东区大客户及售后保障中心", 3), Date: "2026-11-27"}
			pdf := printDuties(t, s, m)
			path := filepath.Join(t.TempDir(), "duties.pdf")
			if err := os.WriteFile(path, pdf, 0o600); err != nil {
				t.Fatal(err)
			}
			raw := pdftext.File(t, path)
			if n := len(pdftext.Pages(raw)); n != 1 {
				t.Fatalf("%s %s: %d pages", lang, role, n)
			}
			date := l.T("field.date") + strings.TrimSpace(l.T("sep.colon"))
			var dateY, footY float64
			for _, w := range pdftext.Words(t, path, 1) {
				if strings.HasPrefix(w.Text, date) || w.Text == strings.TrimSpace(l.T("field.date")) {
					dateY = max(dateY, w.YMax)
				}
				if strings.HasSuffix(w.Text, "2026-11-27") {
					footY = w.YMin
				}
			}
			if dateY == 0 || footY == 0 || dateY > footY {
				t.Errorf("%s %s: signature date line at %.0f pt, footer at %.0f pt", lang, role, dateY, footY)
			}
			if role == model.RoleAdvisor && strings.Count(raw, l.T("duties.none")) != 2 {
				t.Errorf("%s: a role without duties or permissions does not say so", lang)
			}
		}
	}
}

func TestDutySheetUnknownLanguage(t *testing.T) {
	if err := Duties(&bytes.Buffer{}, DutySheet{Role: model.RoleHR, Matrix: model.DefaultMatrix()}, Meta{Lang: "fr"}); err == nil {
		t.Fatal("a sheet in French printed")
	}
}
