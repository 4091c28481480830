package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestCustomersRoundTrip: a user exports the customers, edits a few cells
// in Excel and imports the file back. Unchanged rows are reported
// unchanged, an edited row updates its customer (by the number the export
// carries), a row without a number is added, a dry run says the same and
// writes nothing; a number not on file, a number twice and a row of a
// customer the importing person may not change are refused, named by row,
// and nothing of the file is saved. Both languages' headers, CSV and .xlsx.
func TestCustomersRoundTrip(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "office.db")
	if code, _, e := ctl(t, "--db", db, "demo", "--advisors", "12"); code != 0 {
		t.Fatalf("demo: %s", e)
	}
	run := func(want int, args ...string) string {
		t.Helper()
		code, out, e := ctl(t, append([]string{"--db", db}, args...)...)
		if code != want {
			t.Fatalf("%s: exit %d: %s%s", strings.Join(args, " "), code, out, e)
		}
		return out + e
	}
	exportCSV := func(lang string) [][]string {
		t.Helper()
		out := run(0, "export", "customers", "--format", "csv", "--lang", lang)
		rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\ufeff"))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}
	writeCSV := func(name string, rows [][]string) string {
		t.Helper()
		p := filepath.Join(dir, name)
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString("\ufeff")
		w := csv.NewWriter(f)
		w.WriteAll(rows)
		f.Close()
		return p
	}
	rows := exportCSV("en")
	n := len(rows) - 1
	if rows[0][0] != "Customer no." || n != 20 {
		t.Fatalf("the export's header %q, %d rows", rows[0], n)
	}
	same := writeCSV("same.csv", rows)
	if out := run(0, "import", "customers", same, "--dry-run"); !strings.Contains(out, "Customers: 0 to add, 0 to update, 20 unchanged") {
		t.Fatalf("the export read back: %s", out)
	}
	if out := run(0, "import", "customers", same); !strings.Contains(out, "0 added, 0 updated, 20 unchanged") {
		t.Fatalf("the export imported back: %s", out)
	}

	// Two cells edited, one customer added at the end.
	col := func(name string) int {
		for i, h := range rows[0] {
			if h == name {
				return i
			}
		}
		t.Fatalf("no column %q in %q", name, rows[0])
		return -1
	}
	rows[3][col("Company")] = "新华书店"
	rows[5][col("Tags")] = "VIP"
	added := make([]string, len(rows[0]))
	added[col("Customer")], added[col("Phone")], added[col("Advisor employee no.")] = "韩先生", "13700001234", "SA0003"
	edited := writeCSV("edited.csv", append(rows, added))
	if out := run(0, "import", "customers", edited, "--dry-run"); !strings.Contains(out, "Customers: 1 to add, 2 to update, 18 unchanged") {
		t.Fatalf("dry run of the edited file: %s", out)
	}
	if got := exportCSV("en"); len(got) != n+1 || got[3][col("Company")] == "新华书店" {
		t.Fatal("the dry run wrote")
	}
	if out := run(0, "import", "customers", edited); !strings.Contains(out, "Imported: 1 added, 2 updated, 18 unchanged") {
		t.Fatalf("import of the edited file: %s", out)
	}
	after := exportCSV("en")
	if len(after) != n+2 || after[3][col("Company")] != "新华书店" || after[5][col("Tags")] != "VIP" ||
		after[3][0] != rows[3][0] || after[n+1][col("Customer")] != "韩先生" || after[n+1][0] == "" {
		t.Fatalf("after the import: %d rows, row 4 %q, row 6 %q, last %q", len(after)-1, after[3], after[5], after[n+1])
	}

	// The Chinese workbook, one cell edited in Excel (excelize here).
	x := filepath.Join(dir, "customers.xlsx")
	run(0, "export", "customers", "--format", "xlsx", "--lang", "zh", "--out", x)
	f, err := excelize.OpenFile(x)
	if err != nil {
		t.Fatal(err)
	}
	sheet := f.GetSheetList()[0]
	if h, _ := f.GetCellValue(sheet, "A1"); h != "客户编号" {
		t.Fatalf("the workbook's first column is %q", h)
	}
	f.SetCellStr(sheet, "E2", "长城汽配")
	f.Save()
	f.Close()
	t.Setenv("LANG", "zh_CN.UTF-8")
	if out := run(0, "import", "customers", x, "--dry-run"); !strings.Contains(out, "客户资料：将新增 0 条，更新 1 条，20 条无变化") {
		t.Fatalf("the edited workbook: %s", out)
	}
	t.Setenv("LANG", "en_US.UTF-8")

	// Bad numbers: refused by row, nothing of the file saved.
	bad := [][]string{after[0], after[1], after[2], after[3], after[4]}
	bad[1] = append([]string(nil), bad[1]...)
	bad[1][col("Company")] = "不该保存"
	bad[2] = append([]string{"99999"}, bad[2][1:]...)
	bad[3] = append([]string{"abc"}, bad[3][1:]...)
	bad = append(bad, bad[4])
	out := run(1, "import", "customers", writeCSV("bad.csv", bad))
	for _, w := range []string{"Row 3: Customer no.: No record has the number 99999", "Row 4: Customer no.: Not a whole number",
		"Row 6: Customer no.: the same as row 5 of the file"} {
		if !strings.Contains(out, w) {
			t.Errorf("no %q in\n%s", w, out)
		}
	}
	if got := exportCSV("en"); got[1][col("Company")] == "不该保存" {
		t.Error("a refused file saved its good row")
	}

	// Hostile files: 10,000 rows each naming a customer not on file, a
	// workbook renamed .csv, a formula typed in a cell.
	many := [][]string{after[0]}
	for i := range 10000 {
		r := append([]string(nil), after[1]...)
		r[0], r[col("Phone")] = strconv.Itoa(900000+i), ""
		many = append(many, r)
	}
	out = run(1, "import", "customers", writeCSV("many.csv", many))
	if !strings.Contains(out, "10,000 problems") || !strings.Contains(out, "Row 2: Customer no.: No record has the number 900000") ||
		!strings.Contains(out, "Row 10001: Customer no.: No record has the number 909999") {
		t.Errorf("10,000 bad rows: %.400s", out)
	}
	renamed := filepath.Join(dir, "renamed.csv")
	if body, err := os.ReadFile(x); err != nil || os.WriteFile(renamed, body, 0o600) != nil {
		t.Fatal(err)
	}
	if out := run(1, "import", "customers", renamed); !strings.Contains(out, "renamed.csv is not text") {
		t.Errorf("a workbook renamed .csv: %s", out)
	}
	formula := make([]string, len(after[0]))
	formula[col("Customer")], formula[col("Company")], formula[col("Advisor employee no.")] = "=HYPERLINK(\"http://x\")", "+1+2", "SA0003"
	run(0, "import", "customers", writeCSV("formula.csv", [][]string{after[0], formula}))
	if got := run(0, "export", "customers", "--format", "csv"); !strings.Contains(got, "'=HYPERLINK(\"\"http://x\"\")") || !strings.Contains(got, ",'+1+2,") {
		t.Errorf("a formula typed in a cell is not kept as text and defused on export")
	}
	if got := exportCSV("en"); len(got) != n+3 {
		t.Fatalf("after the hostile files: %d customers, want %d", len(got)-1, n+2)
	}

	// A supervisor's export holds the office's customers, other teams'
	// masked: read back as it is, it changes nothing; an edit of a customer
	// outside her team is refused on its row.
	code, o, e := ctl(t, "--db", db, "users", "add", "dong", "--role", "supervisor", "--advisor", "SA0001")
	first := regexp.MustCompile(`first password: (\S+)`).FindStringSubmatch(o)
	if code != 0 || first == nil {
		t.Fatalf("users add: %q %q", o, e)
	}
	t.Setenv(envPassword, first[1])
	mine := run(0, "--user", "dong", "export", "customers", "--format", "csv")
	theirs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(mine, "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	masked := -1
	for i, r := range theirs[1:] {
		if strings.Contains(r[col("Phone")], "****") {
			masked = i + 1
		}
	}
	if masked < 0 {
		t.Fatal("the supervisor's export masks no one")
	}
	back := writeCSV("dong.csv", theirs)
	if out := run(0, "--user", "dong", "import", "customers", back, "--dry-run"); !strings.Contains(out, "0 to update, "+strconv.Itoa(len(theirs)-1)+" unchanged") {
		t.Fatalf("the supervisor's export read back: %s", out)
	}
	theirs[masked][col("Company")] = "别人的客户"
	if out := run(1, "--user", "dong", "import", "customers", writeCSV("dong2.csv", theirs)); !strings.Contains(out,
		"Row "+strconv.Itoa(masked+1)+": Customer no.: You may not change this record") {
		t.Fatalf("an edit of another team's customer: %s", out)
	}
}
