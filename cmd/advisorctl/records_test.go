package main

import (
	"archive/zip"
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestExportImportRecords: customers, products and market notes export as
// the signed-in person sees them,
// logged as a handover where they hold personal data (refused without the
// permission); an import of
// customers or products is all rows or none, with every bad row named by
// row and field, and a dry run writes nothing.
func TestExportImportRecords(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "office.db")
	if code, _, e := ctl(t, "--db", db, "demo", "--advisors", "12"); code != 0 {
		t.Fatalf("demo: %s", e)
	}
	count := func(what string) int {
		t.Helper()
		code, out, e := ctl(t, "--db", db, "export", what, "--format", "csv")
		if code != 0 {
			t.Fatalf("export %s: %d %s", what, code, e)
		}
		return strings.Count(out, "\n") - 1
	}
	customers := count("customers")
	if customers != 20 || count("products") != 12 || count("marketnotes") != 0 {
		t.Fatalf("exported %d customers", customers)
	}
	if code, out, _ := ctl(t, "--db", db, "audit", "--limit", "5"); code != 0 || !strings.Contains(out, "exported   Customers") {
		t.Errorf("the export of customers is not in the audit log: %q", out)
	}
	x := filepath.Join(dir, "products.xlsx")
	if code, _, e := ctl(t, "--db", db, "export", "products", "--format", "xlsx", "--out", x, "--lang", "zh"); code != 0 {
		t.Fatalf("xlsx: %s", e)
	}
	// Products come back by code: nothing added, nothing changed.
	if code, out, e := ctl(t, "--db", db, "import", "products", x, "--dry-run"); code != 0 || !strings.Contains(out, "Products: 0 to add, 0 to update, 12 unchanged") {
		t.Errorf("products back: %d %q %q", code, out, e)
	}

	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("new.csv", "Customer,Phone,Advisor employee no.,Source,Tags\n"+
		"钱先生,138 0000 1111,SA0002,Referral,VIP 车队\n孙女士,0755-26001234,SA0003,到店,\n")
	if code, out, e := ctl(t, "--db", db, "import", "customers", good, "--dry-run"); code != 0 || !strings.Contains(out, "Customers: 2 to add, 0 to update") {
		t.Fatalf("dry run: %d %q %q", code, out, e)
	}
	if n := count("customers"); n != customers {
		t.Fatalf("a dry run wrote %d customers", n-customers)
	}
	if code, out, e := ctl(t, "--db", db, "import", "customers", good); code != 0 {
		t.Fatalf("import: %d %q %q", code, out, e)
	}
	if n := count("customers"); n != customers+2 {
		t.Fatalf("imported %d, want 2", n-customers)
	}

	for _, c := range []struct {
		name, body string
		want       []string
	}{
		{"empty.csv", "", []string{"empty"}},
		{"headers.csv", "Foo,Bar\n1,2\n", []string{"Row 2", "Customer: Required"}},
		{"bad.csv", "Customer,Phone,Advisor employee no.,Tags,Source\n" +
			"周先生,12345,SA0002,,\n" + // not a phone
			",13900001111,SA0002,,\n" + // no name
			"吴女士,13900002222,SA9999,,\n" + // no such advisor
			"郑先生,13900003333,SA0002,a b c d e f g h i,\n" + // too many tags
			"冯先生,13900003333,SA0002,,\n" + // the same number as row 5
			"陈先生,138 0000 1111,SA0002,,\n" + // already a customer's
			"褚先生,13900004444,SA0002,,Carrier pigeon\n" + // no such source
			"卫先生," + strings.Repeat("9", 40) + ",SA0002,,\n" +
			"蒋先生,13900006666,SA0002,,\n", // good, and not saved alone
			[]string{"Row 2: Phone:", "Row 3: Customer: Required", "Row 4: Advisor", "SA9999", "Row 5: Tags: At most 8 tags",
				"Row 6: Phone: The same number is already at row 5", "Row 7: Phone: This number is already a customer's",
				"Row 8: Source", "Carrier pigeon", "Row 9: Phone"}},
		{"huge.csv", "Customer,Phone,Advisor employee no.,Notes\n王先生,13900005555,SA0002," + strings.Repeat("长", 40000) + "\n",
			[]string{"row 2, column “Notes”", "Nothing was imported"}},
	} {
		p := write(c.name, c.body)
		code, out, e := ctl(t, "--db", db, "import", "customers", p)
		all := out + e
		if code != 1 {
			t.Errorf("%s: exit %d: %q", c.name, code, all)
		}
		for _, w := range c.want {
			if !strings.Contains(all, w) {
				t.Errorf("%s: no %q in\n%s", c.name, w, all)
			}
		}
	}
	// A workbook that is a zip of junk.
	junk := filepath.Join(dir, "junk.xlsx")
	f, _ := os.Create(junk)
	zw := zip.NewWriter(f)
	jw, _ := zw.Create("junk.bin")
	jw.Write([]byte(strings.Repeat("not a sheet ", 100)))
	zw.Close()
	f.Close()
	if code, out, e := ctl(t, "--db", db, "import", "customers", junk); code != 1 || !strings.Contains(e, "junk.xlsx") {
		t.Errorf("junk.xlsx: %d %q %q", code, out, e)
	} else {
		t.Logf("junk.xlsx: %s%s", out, e)
	}
	if n := count("customers"); n != customers+2 {
		t.Fatalf("the refused files wrote %d customers", n-customers-2)
	}

	// An advisor exports what they reach, colleagues' numbers masked.
	code, out, e := ctl(t, "--db", db, "users", "add", "an", "--role", "advisor", "--advisor", "SA0002")
	first := regexp.MustCompile(`first password: (\S+)`).FindStringSubmatch(out)
	if code != 0 || first == nil {
		t.Fatalf("users add: %q %q", out, e)
	}
	t.Setenv(envPassword, first[1])
	// Without the permission to hand personal data out (the default
	// matrix's advisor), the customers are refused and said so; the
	// catalogue, which holds none, is theirs to export.
	code, _, e = ctl(t, "--db", db, "--user", "an", "export", "customers", "--format", "csv")
	if code != 1 || !strings.Contains(e, "Export and print personal data") {
		t.Errorf("advisor export of customers: %d %q", code, e)
	}
	if code, out, e := ctl(t, "--db", db, "--user", "an", "export", "products", "--format", "csv"); code != 0 || strings.Count(out, "\n") != 13 {
		t.Errorf("advisor export of products: %d %q %q", code, out, e)
	}
	// Read back, the catalogue changes nothing, which an advisor may do; a
	// price edited in it is refused on its row, as the catalogue is not
	// theirs to change.
	p := filepath.Join(dir, "an-products.csv")
	if code, _, e := ctl(t, "--db", db, "--user", "an", "export", "products", "--format", "csv", "--out", p); code != 0 {
		t.Fatalf("advisor export of products to a file: %s", e)
	}
	if code, out, e := ctl(t, "--db", db, "--user", "an", "import", "products", p, "--dry-run"); code != 0 ||
		!strings.Contains(out, "Products: 0 to add, 0 to update, 12 unchanged") {
		t.Errorf("the advisor's catalogue read back: %d %q %q", code, out, e)
	}
	body, _ := os.ReadFile(p)
	lines := strings.Split(string(body), "\r\n")
	cells := strings.Split(lines[2], ",")
	cells[4] = "999"
	lines[2] = strings.Join(cells, ",")
	os.WriteFile(p, []byte(strings.Join(lines, "\r\n")), 0o600)
	if code, out, e := ctl(t, "--db", db, "--user", "an", "import", "products", p); code != 1 ||
		!strings.Contains(out, "Row 3: Code: You may not change this record") || strings.Contains(out, "Row 2") {
		t.Errorf("the advisor's edited catalogue: %d %q %q", code, out, e)
	}
}

// TestExportReceptionsAndFollowUps: issue 10's `export receptions` and
// `export followups` write the records the person reaches, headed in their
// language, as CSV that reads back and as a workbook excelize opens with the
// same rows; they hold what customers said, so each is a logged handover
// (as is a sales export, which names its customers),
// refused to an advisor without the permission, and a supervisor gets their
// team's alone.
func TestExportReceptionsAndFollowUps(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "office.db")
	if code, _, e := ctl(t, "--db", db, "demo", "--advisors", "12"); code != 0 {
		t.Fatalf("demo: %s", e)
	}
	readCSV := func(user, what, lang string) [][]string {
		t.Helper()
		code, out, e := ctl(t, "--db", db, "--user", user, "export", what, "--format", "csv", "--lang", lang)
		if code != 0 || !strings.HasPrefix(out, "\ufeff") {
			t.Fatalf("export %s --lang %s as %s: %d %q", what, lang, user, code, e)
		}
		rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\ufeff"))).ReadAll()
		if err != nil || len(rows) < 2 {
			t.Fatalf("export %s --lang %s: %v, %d rows", what, lang, err, len(rows))
		}
		return rows
	}
	heads := map[string]map[string][]string{
		"receptions": {"zh": {"接待日期", "时间", "客户", "接待顾问", "接待顾问工号", "需求与痛点", "接待结果"},
			"en": {"Date", "Time", "Customer", "Advisor", "Advisor's employee no.", "Need and pain point", "Outcome"}},
		"followups": {"zh": {"客户", "回访原因", "回访结果", "满意度（1–5）", "客户反映的问题"},
			"en": {"Due", "Customer", "Reason", "Called on", "Result", "Satisfaction (1–5)", "Problem reported"}},
	}
	words := map[string]map[string]string{ // a cell only a translated choice fills
		"receptions": {"zh": "已保养/服务", "en": "Service done"},
		"followups":  {"zh": "已回访", "en": "Reached"},
	}
	all := map[string][][]string{}
	for _, what := range []string{"receptions", "followups"} {
		for _, lang := range []string{"zh", "en"} {
			rows := readCSV("admin", what, lang)
			for _, h := range heads[what][lang] {
				if !slices.Contains(rows[0], h) {
					t.Errorf("%s %s: no column %q in %q", what, lang, h, rows[0])
				}
			}
			body := strings.Join(slices.Concat(rows[1:]...), "\n")
			if !strings.Contains(body, words[what][lang]) {
				t.Errorf("%s %s: no %q in the rows", what, lang, words[what][lang])
			}
			if lang == "en" {
				all[what] = rows
			}
			x := filepath.Join(dir, what+"-"+lang+".xlsx")
			if code, _, e := ctl(t, "--db", db, "export", what, "--format", "xlsx", "--lang", lang, "--out", x); code != 0 {
				t.Fatalf("xlsx %s: %s", what, e)
			}
			f, err := excelize.OpenFile(x)
			if err != nil {
				t.Fatalf("%s: %v", x, err)
			}
			sheet := f.GetSheetList()[0]
			got, err := f.GetRows(sheet)
			f.Close()
			if err != nil || len(got) != len(rows) || !slices.Equal(got[0], rows[0]) {
				t.Errorf("%s: %v, %d rows against the CSV's %d, header %q", x, err, len(got), len(rows), got[:min(1, len(got))])
			}
		}
	}
	// Sales name their customers too: the same handover as the customers'.
	all["sales"] = readCSV("admin", "sales", "en")
	if code, out, _ := ctl(t, "--db", db, "audit", "--limit", "12"); code != 0 ||
		!strings.Contains(out, "exported   Receptions") || !strings.Contains(out, "exported   Follow-ups") ||
		!strings.Contains(out, "exported   Sales") {
		t.Errorf("the exports are not in the audit log: %q", out)
	}

	// Accounts for the supervisor SA0001 and an advisor of hers.
	account := func(login, role, empno string) {
		t.Helper()
		t.Setenv(envPassword, testPassword) // HR's
		code, out, e := ctl(t, "--db", db, "users", "add", login, "--role", role, "--advisor", empno)
		first := regexp.MustCompile(`first password: (\S+)`).FindStringSubmatch(out)
		if code != 0 || first == nil {
			t.Fatalf("users add %s: %q %q", login, out, e)
		}
		t.Setenv(envPassword, first[1])
	}
	account("dong", "supervisor", "SA0001")
	for _, what := range []string{"receptions", "followups", "sales"} {
		rows := readCSV("dong", what, "en")
		if len(rows) >= len(all[what]) {
			t.Errorf("the supervisor's %s: %d rows, HR's %d: not her team's alone", what, len(rows)-1, len(all[what])-1)
		}
		for _, r := range rows[1:] {
			if !slices.ContainsFunc(all[what][1:], func(h []string) bool { return slices.Equal(h, r) }) {
				t.Errorf("the supervisor's %s: a row HR's export has not: %q", what, r)
			}
		}
	}
	account("an", "advisor", "SA0002")
	for _, what := range []string{"receptions", "followups", "sales"} {
		if code, _, e := ctl(t, "--db", db, "--user", "an", "export", what, "--format", "csv"); code != 1 || !strings.Contains(e, "Export and print personal data") {
			t.Errorf("an advisor's export of %s: %d %q", what, code, e)
		}
	}
}
