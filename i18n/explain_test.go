package i18n

import (
	"strings"
	"testing"

	"advisordesk/model"
)

func TestExplain(t *testing.T) {
	zh, _ := For("zh")
	en, _ := For("en")
	err := model.FieldErrors{{Field: model.FieldPhone, Code: model.CodePhone}, {Field: model.FieldWeight, Code: model.CodeWeightSum, Arg: "+2.5"},
		{Field: model.FieldScore, Code: model.CodeRange, Arg: "0–100", Row: 3}}
	if got := en.Explain(err); got != "Phone: Not a phone number: 11-digit mobile, landline with area code, or +country code; "+
		"Weight: Weights must total 100; they are off by +2.5; Row 3: Score: Must lie within 0–100" {
		t.Fatalf("en: %q", got)
	}
	if got := zh.Explain(err); got != "电话：电话号码无效：应为 11 位手机号、带区号的座机号或 + 国际区号；权重：权重合计应为 100，现相差 +2.5；第 3 行：评分：应在 0–100 之间" {
		t.Fatalf("zh: %q", got)
	}
}

// A refusal names the record type and the permission in the user's
// language, for every table the store refuses on.
func TestRefusalReadsAsText(t *testing.T) {
	for _, lang := range Langs {
		l, _ := For(lang)
		for _, table := range []string{"accounts", "advisors", "backups", "changes", "cycles", "evaluations",
			"matrix", "outcomes", "settings", "templates"} {
			for _, perm := range []model.Perm{"", model.PermManageAccounts} {
				got := l.Explain(&model.Refusal{Table: table, Perm: perm})
				raw := lang == "zh" && (strings.Contains(got, table) || strings.Contains(got, "manage_"))
				if raw || strings.Contains(got, "record.") || strings.Contains(got, "perm.") {
					t.Errorf("%s: the refusal on %s reads %q", lang, table, got)
				}
			}
		}
	}
	en, _ := For("en")
	if got := en.Explain(&model.Refusal{Table: "matrix", Perm: model.PermManageAccounts}); got !=
		"Not allowed: Role matrix needs the permission “Manage accounts and permissions”." {
		t.Errorf("en: %q", got)
	}
}

// Every key in one language exists in the other.
func TestLanguagesHaveTheSameKeys(t *testing.T) {
	zh, _ := For("zh")
	en, _ := For("en")
	for _, k := range zh.Keys() {
		if en.T(k) == k {
			t.Errorf("en lacks %s", k)
		}
	}
	for _, k := range en.Keys() {
		if strings.HasSuffix(k, ".one") {
			continue // English's singular; Chinese has one form
		}
		if zh.T(k) == k {
			t.Errorf("zh lacks %s", k)
		}
	}
}

// Counts take the language's plural form: "1 advisor", "2 advisors", "共 1 人".
func TestPlural(t *testing.T) {
	zh, _ := For("zh")
	en, _ := For("en")
	for _, c := range []struct {
		l    *Labels
		n    int
		want string
	}{{en, 1, "1 advisor"}, {en, 2, "2 advisors"}, {en, 0, "0 advisors"}, {zh, 1, "共 1 人"}} {
		if got := c.l.N("report.total", c.n); got != c.want {
			t.Errorf("%s %d: %q, want %q", c.l.Lang, c.n, got, c.want)
		}
	}
}

// Every duty and permission of the catalogue has a name and an
// explanation in both languages, and a matrix's problem reads as a
// sentence naming the role and the code.
func TestCatalogueTexts(t *testing.T) {
	for _, lang := range Langs {
		l, _ := For(lang)
		for _, e := range model.Catalogue {
			for _, k := range []string{e.TextKey(), e.TextKey() + ".text"} {
				if l.T(k) == k || l.T(k) == "" {
					t.Errorf("%s lacks %s", lang, k)
				}
			}
		}
		for _, r := range model.AccountRoles {
			if k := "account_role." + string(r); l.T(k) == k {
				t.Errorf("%s lacks %s", lang, k)
			}
		}
	}
	m := model.DefaultMatrix()
	m[model.RoleHR] = m[model.RoleHR][:3]
	zh, _ := For("zh")
	en, _ := For("en")
	if got := zh.Explain(m.Validate()); got != "“人力资源管理员”必须保留“管理账号与权限”权限，否则将无人能管理账号" {
		t.Errorf("zh: %q", got)
	}
	m = model.Matrix{model.RoleHR: {"manage_accounts"}, model.RoleAdvisor: {"fly"}}
	if got := en.Explain(m.Validate()); got != "The role matrix gives the role “Service advisor” a duty or permission the catalogue does not know: “fly”" {
		t.Errorf("en: %q", got)
	}
}
