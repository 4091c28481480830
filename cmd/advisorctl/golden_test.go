package main

// The golden test holds what a user sees from the CLI — its messages, the
// CSV bytes, the cells of every .xlsx sheet and the text of every print —
// against masters under testdata/golden, so that a refactor of the roster
// and appraisal code (issue 8) can show it changed none of it.
//
//	go test ./cmd/advisorctl -run Golden           compare
//	go test ./cmd/advisorctl -run Golden -update   rewrite the masters
//
// What is made deterministic, and what is stripped:
//   - The store's clock is fixed (the clock hook in main.go) at goldenNow, so
//     the demo's hire dates, cycles, evaluation dates, serial year and every
//     printed date repeat. The demo's random numbers come from its fixed seed.
//   - The only text stripped is the test's temporary folder, which differs
//     on every run: it is replaced by $TMP wherever a message or an argument
//     names a file.
//   - .xlsx files are compared as the text of their cells, sheet by sheet,
//     not as zip bytes (the zip and its document properties carry times).
//   - PDFs are compared as `pdftotext -layout` text; the PDF bytes carry a
//     document ID. Page ends (form feeds) are written as a marked line.

import (
	"bytes"
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"advisordesk/i18n"
	"advisordesk/model"
	"advisordesk/report/pdftext"

	"github.com/xuri/excelize/v2"
)

var goldenUpdate = flag.Bool("update", false, "rewrite the golden masters under testdata/golden")

// goldenNow is the fixed clock: a working day in the fourth quarter, so
// the demo has two published quarters and one at the self-evaluation stage.
var goldenNow = time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)

const goldenDir = "testdata/golden"

// goldenLocale is the locale each run is given (LC_ALL, which the CLI reads
// first), so the masters do not depend on the tester's own locale.
var goldenLocale = map[string]string{"zh": "zh_CN.UTF-8", "en": "en_US.UTF-8"}

type golden struct {
	t        *testing.T
	dir      string          // the temporary folder, stripped as $TMP
	db       string          // the data file
	produced map[string]bool // masters this run compared or wrote
}

func TestGoldenCLIOutputs(t *testing.T) {
	pdftext.Available(t) // scripts/deps test installs poppler-utils
	saved := clock
	clock = func() time.Time { return goldenNow }
	t.Cleanup(func() { clock = saved })
	dir := t.TempDir()
	g := &golden{t: t, dir: dir, db: filepath.Join(dir, "office.db"), produced: map[string]bool{}}
	file := func(name string) string { return filepath.Join(dir, name) }

	// 12 advisors: SA0005 is on leave and SA0007 has left, with a status
	// date and notes; every advisor has gender, phone, email, department
	// and supervisor. Cycles 1 and 2 are published with self, supervisor
	// and customer evaluations; cycle 3 is at the self-evaluation stage.
	g.run("demo", "en", "--db", g.db, "demo", "--advisors", "12")
	g.run("check", "en", "--db", g.db, "check")
	g.run("cycles-en", "en", "--db", g.db, "cycles")
	g.run("cycles-zh", "zh", "--db", g.db, "cycles")

	// Advisors: CSV to stdout and to a file, xlsx, in both languages.
	zhCSV := g.runCSV("export-advisors-zh.csv", "--db", g.db, "export", "advisors", "--format", "csv", "--lang", "zh")
	g.run("export-advisors-en-csv", "en", "--db", g.db, "export", "advisors", "--format", "csv", "--lang", "en", "--out", file("adv-en.csv"))
	g.fileBytes("export-advisors-en.csv", file("adv-en.csv"))
	for _, lang := range []string{"zh", "en"} {
		x := file("adv-" + lang + ".xlsx")
		g.run("export-advisors-"+lang+"-xlsx", "en", "--db", g.db, "export", "advisors", "--format", "xlsx", "--lang", lang, "--out", x)
		g.xlsx("export-advisors-"+lang+".xlsx", x)
	}

	// Appraisals of the published cycle 2 and the unfinished latest one.
	for _, lang := range []string{"zh", "en"} {
		g.runCSV("export-appraisals-2-"+lang+".csv", "--db", g.db, "export", "appraisals", "--cycle", "2", "--format", "csv", "--lang", lang)
		x := file("appr-" + lang + ".xlsx")
		g.run("export-appraisals-2-"+lang+"-xlsx", "en", "--db", g.db, "export", "appraisals", "--cycle", "2", "--format", "xlsx", "--lang", lang, "--out", x)
		g.xlsx("export-appraisals-2-"+lang+".xlsx", x)
	}
	for _, lang := range []string{"zh", "en"} {
		g.runCSV("export-sales-"+lang+".csv", "--db", g.db, "export", "sales", "--format", "csv", "--lang", lang)
	}
	g.run("export-sales-zh-xlsx", "en", "--db", g.db, "export", "sales", "--format", "xlsx", "--lang", "zh", "--out", file("sales.xlsx"))
	g.xlsx("export-sales-zh.xlsx", file("sales.xlsx"))
	// Receptions and follow-ups: what customers said, a logged handover.
	for _, what := range []string{"receptions", "followups"} {
		for _, lang := range []string{"zh", "en"} {
			g.runCSV("export-"+what+"-"+lang+".csv", "--db", g.db, "export", what, "--format", "csv", "--lang", lang)
			x := file(what + "-" + lang + ".xlsx")
			g.run("export-"+what+"-"+lang+"-xlsx", "en", "--db", g.db, "export", what, "--format", "xlsx", "--lang", lang, "--out", x)
			g.xlsx("export-"+what+"-"+lang+".xlsx", x)
		}
	}
	g.run("export-appraisals-3-zh-xlsx", "en", "--db", g.db, "export", "appraisals", "--cycle", "3", "--format", "xlsx", "--lang", "zh", "--out", file("unfinished.xlsx"))
	g.xlsx("export-appraisals-3-zh.xlsx", file("unfinished.xlsx"))

	// Import, dry run: the unchanged English xlsx export, then the Chinese
	// CSV export with three bad rows, with the report in each language.
	g.run("import-dry-xlsx", "en", "--db", g.db, "import", "advisors", file("adv-en.xlsx"), "--dry-run")
	bad := file("bad.csv")
	if err := os.WriteFile(bad, badRows(t, zhCSV), 0o600); err != nil {
		t.Fatal(err)
	}
	g.run("import-dry-bad-en", "en", "--db", g.db, "import", "advisors", bad, "--dry-run")
	g.run("import-dry-bad-zh", "zh", "--db", g.db, "import", "advisors", bad, "--dry-run")

	// Prints.
	for _, lang := range []string{"zh", "en"} {
		g.print("print-roster-"+lang, "--db", g.db, "print", "roster", "--lang", lang, "--out", file("roster-"+lang+".pdf"))
		g.print("print-appraisal-2-"+lang, "--db", g.db, "print", "appraisal", "--cycle", "2", "--lang", lang, "--out", file("appr-"+lang+".pdf"))
		g.print("print-appraisal-blank-"+lang, "--db", g.db, "print", "appraisal-blank", "--lang", lang, "--out", file("blank-"+lang+".pdf"))
		g.print("print-customer-form-"+lang, "--db", g.db, "print", "customer-form", "--advisor", "sa0003", "--count", "2", "--lang", lang, "--out", file("cf-"+lang+".pdf"))
	}
	g.print("print-appraisal-1-one-en", "--db", g.db, "print", "appraisal", "--cycle", "1", "--advisor", "SA0002", "--lang", "en", "--out", file("one.pdf"))
	// "latest" is the latest published cycle (2); cycle 3 is unfinished.
	g.print("print-appraisal-latest-zh", "--db", g.db, "print", "appraisal", "--cycle", "latest", "--lang", "zh", "--out", file("latest-zh.pdf"))
	g.print("print-appraisal-3-zh", "--db", g.db, "print", "appraisal", "--cycle", "3", "--lang", "zh", "--out", file("unfinished-zh.pdf"))
	g.print("print-appraisal-3-provisional-en", "--db", g.db, "print", "appraisal", "--cycle", "3", "--provisional", "--lang", "en", "--out", file("prov-en.pdf"))
	sheets := file("sheets")
	g.run("print-appraisal-2-dir", "en", "--db", g.db, "print", "appraisal", "--cycle", "2", "--lang", "zh", "--dir", sheets)
	g.pdfDir("print-appraisal-2-dir.pdf.txt", sheets)

	g.stale()
}

// badRows turns a Chinese advisor export into an import with three bad
// rows: SA0002's phone has a letter, SA0004's hire date is no date, and a
// new SA0099 has no name and an unknown role.
func badRows(t *testing.T, export []byte) []byte {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(export, []byte("\ufeff")))).ReadAll()
	if err != nil || len(rows) < 5 {
		t.Fatalf("advisor export: %v, %d rows", err, len(rows))
	}
	// Columns by their Chinese headers, wherever the export puts them.
	zh, _ := i18n.For("zh")
	col := func(key string) int {
		i := slices.Index(rows[0], zh.T("field."+key))
		if i < 0 {
			t.Fatalf("no column %s in the export's header %v", key, rows[0])
		}
		return i
	}
	// The masters are only worth what the data fills: one advisor with
	// every column filled, one who has left.
	full := false
	for _, r := range rows[1:] {
		full = full || (r[col(model.FieldStatus)] == "离职" && !slices.Contains(r, ""))
	}
	if !full {
		t.Fatal("the demo no longer has an advisor who left with every column filled: choose another size or seed")
	}
	rows[2][col(model.FieldPhone)] = "1380013800x"
	rows[4][col(model.FieldHireDate)] = "2026-13-45"
	extra := append([]string(nil), rows[1]...)
	extra[col(model.FieldEmpNo)], extra[col(model.FieldName)], extra[col(model.FieldRole)] = "SA0099", "", "洗车工"
	rows = append(rows, extra)
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if err := w.WriteAll(rows); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// ctl runs the CLI in this process with the locale of lang and returns its
// exit status, stdout and stderr. Exports with --out report on os.Stderr
// itself, so os.Stderr is caught in a file for the run.
func (g *golden) ctl(lang string, args ...string) (int, string, string) {
	g.t.Helper()
	g.t.Setenv("LC_ALL", goldenLocale[lang])
	caught, err := os.CreateTemp(g.t.TempDir(), "stderr")
	if err != nil {
		g.t.Fatal(err)
	}
	defer caught.Close()
	saved := os.Stderr
	os.Stderr = caught
	var o, e bytes.Buffer
	code := run(args, &o, &e)
	os.Stderr = saved
	direct, _ := os.ReadFile(caught.Name())
	return code, o.String(), e.String() + string(direct)
}

// run compares a command's exit status, stdout and stderr with master.txt.
func (g *golden) run(master, lang string, args ...string) {
	g.t.Helper()
	code, out, errOut := g.ctl(lang, args...)
	text := fmt.Sprintf("$ LC_ALL=%s advisorctl %s\nexit %d\n--- stdout\n%s--- stderr\n%s", goldenLocale[lang], strings.Join(args, " "), code, out, errOut)
	g.compare(master+".txt", []byte(g.strip(text)))
}

// runCSV compares a command's stdout, a CSV file, byte for byte with master;
// it must succeed and say nothing on stderr.
func (g *golden) runCSV(master string, args ...string) []byte {
	g.t.Helper()
	code, out, errOut := g.ctl("en", args...)
	if code != 0 || errOut != "" {
		g.t.Errorf("%s: exit %d, stderr %q", master, code, errOut)
	}
	g.compare(master, []byte(out))
	return []byte(out)
}

func (g *golden) fileBytes(master, path string) {
	g.t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		g.t.Fatal(err)
	}
	g.compare(master, b)
}

// xlsx compares the text of every cell, sheet by sheet, one row a line with
// cells between tabs (tabs, newlines and backslashes in a cell escaped).
func (g *golden) xlsx(master, path string) {
	g.t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		g.t.Fatalf("%s: %v", master, err)
	}
	defer f.Close()
	esc := strings.NewReplacer(`\`, `\\`, "\t", `\t`, "\n", `\n`, "\r", `\r`)
	var b strings.Builder
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			g.t.Fatalf("%s %s: %v", master, sheet, err)
		}
		fmt.Fprintf(&b, "=== sheet %s (%d rows)\n", sheet, len(rows))
		for _, row := range rows {
			for i, c := range row {
				row[i] = esc.Replace(c)
			}
			b.WriteString(strings.Join(row, "\t") + "\n")
		}
	}
	g.compare(master+".txt", []byte(b.String()))
}

// print runs a print command (its messages to master.txt) and compares the
// PDF's text with master.pdf.txt; the PDF is the last argument.
func (g *golden) print(master string, args ...string) {
	g.t.Helper()
	g.run(master, "en", args...)
	g.compare(master+".pdf.txt", []byte(pdftext.Layout(g.t, args[len(args)-1])))
}

// pdfDir compares the text of every PDF in dir, in name order, as one master.
func (g *golden) pdfDir(master, dir string) {
	g.t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil {
		g.t.Fatal(err)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, n := range names {
		fmt.Fprintf(&b, "=== file %s\n%s", filepath.Base(n), pdftext.Layout(g.t, n))
	}
	g.compare(master, []byte(b.String()))
}

// strip replaces the temporary folder, the one part that differs per run.
func (g *golden) strip(s string) string {
	return recoveryCode.ReplaceAllString(strings.ReplaceAll(s, g.dir, "$TMP"), "recovery code: $$CODE")
}

// recoveryCode is the code set-up prints: new on every run.
var recoveryCode = regexp.MustCompile(`recovery code: [A-Z2-9]{5}(-[A-Z2-9]{5}){3}`)

// compare checks got against the master, or writes it under -update. A
// difference is reported at its first differing line, with the file name.
func (g *golden) compare(master string, got []byte) {
	g.t.Helper()
	g.produced[master] = true
	path := filepath.Join(goldenDir, master)
	if *goldenUpdate {
		if err := os.MkdirAll(goldenDir, 0o755); err != nil {
			g.t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			g.t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		g.t.Errorf("%s: no master (%v); run go test ./cmd/advisorctl -run Golden -update", path, err)
		return
	}
	if bytes.Equal(got, want) {
		return
	}
	gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	differ, first := 0, -1
	for i := 0; i < max(len(gl), len(wl)); i++ {
		var a, b string
		if i < len(gl) {
			a = gl[i]
		}
		if i < len(wl) {
			b = wl[i]
		}
		if a != b || i >= len(gl) || i >= len(wl) {
			differ++
			if first < 0 {
				first = i
			}
		}
	}
	line := func(l []string, i int) string {
		if i < len(l) {
			return fmt.Sprintf("%q", l[i])
		}
		return "(end of text)"
	}
	g.t.Errorf("%s:%d: differs from the master (%d lines differ, %d vs %d lines)\n  got:  %s\n  want: %s\n"+
		"(if the change is meant: go test ./cmd/advisorctl -run Golden -update)",
		path, first+1, differ, len(gl), len(wl), line(gl, first), line(wl, first))
}

// stale reports masters this run no longer produces (and removes them under
// -update), so that a dropped output cannot pass unnoticed.
func (g *golden) stale() {
	g.t.Helper()
	entries, err := os.ReadDir(goldenDir)
	if err != nil {
		g.t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() || strings.HasPrefix(e.Name(), ".") || g.produced[e.Name()] {
			continue
		}
		if *goldenUpdate {
			os.Remove(filepath.Join(goldenDir, e.Name()))
			continue
		}
		g.t.Errorf("%s: a master that no run produced", filepath.Join(goldenDir, e.Name()))
	}
}
