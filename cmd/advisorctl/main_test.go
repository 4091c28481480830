package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"advisordesk/report/pdftext"
	"advisordesk/storage"
)

// TestBenchJSON builds an office of 100,000 advisors (about a minute), so
// it runs only when asked: -large runs the bench in process; -bench-json
// checks what the built advisorctl's bench wrote (CI runs it anyway).
var (
	large     = flag.Bool("large", false, "TestBenchJSON runs the bench, which builds 100,000 advisors")
	benchJSON = flag.String("bench-json", "", "TestBenchJSON checks this output of advisorctl bench --json")
)

func TestMain(m *testing.M) {
	storage.ServeCheck()
	if path := os.Getenv("ADVISORCTL_HOLD"); path != "" {
		db, err := storage.Open(path, nil)
		if err != nil {
			os.Exit(3)
		}
		os.Stdout.WriteString("open\n")
		bufio.NewReader(os.Stdin).ReadString('\n')
		db.Close()
		os.Exit(0)
	}
	os.Setenv("LANG", "en_US.UTF-8")
	// demo makes admin with this password; every command signs in with it.
	os.Setenv(envPassword, testPassword)
	os.Unsetenv(envUser)
	os.Exit(m.Run())
}

const testPassword = "office password 1"

// setUp makes a new file's HR administrator, admin, as a new office does
// before its first import.
func setUp(t *testing.T, db string) {
	t.Helper()
	if code, out, e := ctl(t, "--db", db, "setup", "--name", "管理员"); code != 0 || !strings.Contains(out, "recovery code: ") {
		t.Fatalf("setup: %d %q %q", code, out, e)
	}
}

// openHR opens the file at path signed in as the demo's admin; read-only
// leaves it open to the commands a test runs meanwhile.
func openHR(t *testing.T, path string, readOnly bool) *storage.DB {
	t.Helper()
	file, err := storage.Open(path, &storage.Options{ReadOnly: readOnly})
	if err != nil {
		t.Fatal(err)
	}
	db, err := file.Login("admin", testPassword)
	if err != nil {
		file.Close()
		t.Fatal(err)
	}
	return db
}

func ctl(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var o, e bytes.Buffer
	code = run(args, &o, &e)
	return code, o.String(), e.String()
}

func TestDemoCheckExportPrint(t *testing.T) {
	db := filepath.Join(t.TempDir(), "office.db")
	if code, _, e := ctl(t, "--db", db, "demo", "--advisors", "12"); code != 0 {
		t.Fatalf("demo: %d %s", code, e)
	}
	// --db after the command, and with =.
	if code, out, _ := ctl(t, "check", "--db="+db); code != 0 || !strings.Contains(out, "records, no problems") {
		t.Fatalf("check: %d %q", code, out)
	}
	// In a Chinese session the report is Chinese, as the rest of the CLI.
	t.Setenv("LANG", "zh_CN.UTF-8")
	if code, out, _ := ctl(t, "check", "--db="+db); code != 0 || !strings.HasPrefix(out, "正常：") || !strings.Contains(out, "条记录，没有问题") {
		t.Fatalf("check in zh: %d %q", code, out)
	}
	t.Setenv("LANG", "en_US.UTF-8")
	code, out, _ := ctl(t, "export", "advisors", "--format", "csv", "--lang", "zh", "--db", db)
	if code != 0 || !strings.HasPrefix(out, "\ufeff") {
		t.Fatalf("export: %d", code)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\ufeff"))).ReadAll()
	if err != nil || len(rows) != 13 || rows[0][0] != "工号" || rows[1][0] != "SA0001" || rows[12][0] != "SA0012" {
		t.Fatalf("csv: %v %v", err, rows)
	}
	pdf := filepath.Join(t.TempDir(), "r.pdf")
	if code, _, e := ctl(t, "--db", db, "print", "roster", "--lang", "en", "--out", pdf); code != 0 {
		t.Fatalf("print: %s", e)
	}
	if b, _ := os.ReadFile(pdf); !bytes.HasPrefix(b, []byte("%PDF")) {
		t.Fatal("print wrote no PDF")
	}
	// A second demo into the same file is refused and changes nothing.
	if code, _, e := ctl(t, "--db", db, "demo"); code != 1 || !strings.Contains(e, "already holds advisors") {
		t.Fatalf("second demo: %d %q", code, e)
	}
}

func TestBackupRestoreCompact(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "office.db")
	ctl(t, "--db", db, "demo")
	copyPath := filepath.Join(dir, "copy.db")
	if code, _, e := ctl(t, "--db", db, "backup", "--out", copyPath); code != 0 {
		t.Fatal(e)
	}
	if code, _, e := ctl(t, "--db", db, "compact", "--out", filepath.Join(dir, "small.db")); code != 0 {
		t.Fatal(e)
	}
	if code, out, e := ctl(t, "--db", db, "restore", copyPath); code != 0 || !strings.Contains(out, "kept in") {
		t.Fatalf("restore: %q %q", out, e)
	}
	if code, _, e := ctl(t, "--db", db, "restore", filepath.Join(dir, "missing.db")); code != 1 || !strings.Contains(e, "does not exist") {
		t.Fatalf("restore of a missing file: %d %q", code, e)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{{}, {"frobnicate"}, {"backup"}, {"print", "roster"}, {"export", "advisors", "--format", "pdf"},
		{"print", "roster", "--lang", "fr", "--out", "x.pdf"}, {"--db"}} {
		if code, _, e := ctl(t, args...); code != 2 || !strings.Contains(e, "usage:") {
			t.Errorf("%v: exit %d, %q", args, code, e)
		}
	}
}

func TestCheckDamagedExitsOne(t *testing.T) {
	db := filepath.Join(t.TempDir(), "office.db")
	ctl(t, "--db", db, "demo", "--advisors", "40")
	raw, _ := os.ReadFile(db)
	i := bytes.Index(raw, []byte("dealer.example.cn"))
	raw[i] ^= 0x20
	os.WriteFile(db, raw, 0o600)
	if code, out, _ := ctl(t, "--db", db, "check"); code != 1 || !strings.Contains(out, "DAMAGED") {
		t.Fatalf("check on a damaged file: %d %q", code, out)
	}
}

func TestCheckWhileAnotherProcessHoldsTheFile(t *testing.T) {
	db := filepath.Join(t.TempDir(), "office.db")
	ctl(t, "--db", db, "demo")
	holder := exec.Command(os.Args[0], "-test.run=^$")
	holder.Env = append(os.Environ(), "ADVISORCTL_HOLD="+db)
	stdin, _ := holder.StdinPipe()
	out, _ := holder.StdoutPipe()
	if err := holder.Start(); err != nil {
		t.Fatal(err)
	}
	defer holder.Wait()
	defer stdin.Close()
	if line, _ := bufio.NewReader(out).ReadString('\n'); line != "open\n" {
		t.Fatalf("holder: %q", line)
	}
	start := time.Now()
	code, _, e := ctl(t, "--db", db, "check")
	if code != 1 || !strings.Contains(e, "is in use by another AdvisorDesk window or program") || !strings.Contains(e, db) {
		t.Fatalf("check on a held file: %d %q", code, e)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Fatalf("took %v", d)
	}
}

func TestBenchJSON(t *testing.T) {
	var out string
	switch {
	case *benchJSON != "":
		b, err := os.ReadFile(*benchJSON)
		if err != nil {
			t.Fatal(err)
		}
		out = string(b)
	case *large:
		dir := t.TempDir()
		code, o, e := ctl(t, "--db", filepath.Join(dir, "x.db"), "bench", "--json", "--dir", dir)
		if code != 0 {
			t.Fatal(e)
		}
		out = o
	default:
		t.Skip("builds an office of 100,000 advisors: run with -large, or check a bench's output with -bench-json FILE")
	}
	var res map[string]float64
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"fsync_p50_ms", "save_p50_ms", "save_p99_ms", "floor_p50_ms", "save_vs_floor", "filter_100k_ms", "backup_100mb_ms", "demo5k_file_vs_stored",
		// chapter 4 at 100,000 customers
		"customer_filter_ms", "customer_filter_p99_ms", "customer_page_ms", "followups_due_ms", "reception_save_ms", "reception_save_vs_fsync",
		"commit_floor_ms", "reception_save_vs_floor"} {
		if res[k] <= 0 {
			t.Errorf("%s missing or zero in %v", k, res)
		}
	}
}

func TestPrintAppraisalForTheDemoOffice(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "office.db")
	ctl(t, "--db", db, "demo")
	pdf := filepath.Join(dir, "a.pdf")
	if code, _, e := ctl(t, "--db", db, "print", "appraisal", "--cycle", "latest", "--lang", "zh", "--out", pdf); code != 0 {
		t.Fatal(e)
	}
	text := pdftext.File(t, pdf)
	pages := pdftext.Pages(text)

	s := openHR(t, db, true)
	latest, _ := s.LatestCycle()
	d, _ := s.LoadCycle(latest.ID)
	s.Close() // the commands below sign in, which writes to the file
	if len(pages) != len(d.Cycle.Participants) {
		t.Fatalf("%d pages for %d participants", len(pages), len(d.Cycle.Participants))
	}
	// English wraps longer: the sheet still fits one page.
	en := filepath.Join(dir, "en.pdf")
	if code, _, e := ctl(t, "--db", db, "print", "appraisal", "--lang", "en", "--out", en); code != 0 {
		t.Fatal(e)
	}
	if n := len(pdftext.Pages(pdftext.File(t, en))); n != len(d.Cycle.Participants) {
		t.Fatalf("English: %d pages for %d participants", n, len(d.Cycle.Participants))
	}
	for _, r := range d.Results() {
		a := d.Advisors[r.AdvisorID]
		var page string
		for _, p := range pages {
			if strings.Contains(p, a.EmpNo) {
				page = p
			}
		}
		if page == "" || !strings.Contains(page, a.Name) {
			t.Fatalf("no page for %s %s", a.EmpNo, a.Name)
		}
		for _, it := range r.Result.Items {
			if w := strconv.FormatFloat(it.Weighted, 'f', 2, 64); !strings.Contains(page, w) {
				t.Fatalf("%s: weighted score %s of %s missing", a.Name, w, it.Item.Key)
			}
		}
		if tot := strconv.FormatFloat(r.Result.Total, 'f', 1, 64); !strings.Contains(page, tot) {
			t.Fatalf("%s: total %s missing", a.Name, tot)
		}
	}
}

func TestBlankAndCustomerForms(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "office.db")
	ctl(t, "--db", db, "demo")
	for _, lang := range []string{"zh", "en"} {
		blank := filepath.Join(dir, "blank-"+lang+".pdf")
		if code, _, e := ctl(t, "--db", db, "print", "appraisal-blank", "--lang", lang, "--out", blank); code != 0 {
			t.Fatal(e)
		}
		want := map[string]string{"zh": "服务顾问绩效考核表（手填）", "en": "Performance Appraisal Sheet"}[lang]
		if !strings.Contains(pdftext.File(t, blank), want) {
			t.Fatalf("%s blank sheet lacks its title", lang)
		}
	}
	serials := map[string]bool{}
	for i, lang := range []string{"zh", "en"} {
		out := filepath.Join(dir, "cf-"+lang+".pdf")
		code, o, e := ctl(t, "--db", db, "print", "customer-form", "--advisor", "sa0002", "--count", "3", "--lang", lang, "--out", out)
		if code != 0 {
			t.Fatal(e)
		}
		text := pdftext.File(t, out)
		n := 0
		for _, f := range strings.Fields(strings.NewReplacer("：", " ", ":", " ").Replace(text)) {
			if strings.HasPrefix(f, "CF-") {
				if serials[f] {
					t.Fatalf("serial %s printed twice", f)
				}
				serials[f] = true
				n++
			}
		}
		if n != 3 {
			t.Fatalf("run %d: %d serials in %q (%s)", i, n, text, o)
		}
	}
	if code, _, e := ctl(t, "--db", db, "print", "customer-form", "--advisor", "NOBODY", "--out", filepath.Join(dir, "x.pdf")); code != 1 || !strings.Contains(e, "NOBODY") {
		t.Fatalf("unknown advisor: %d %q", code, e)
	}
	x := filepath.Join(dir, "r.xlsx")
	if code, _, e := ctl(t, "--db", db, "export", "appraisals", "--cycle", "latest", "--format", "xlsx", "--out", x); code != 0 {
		t.Fatal(e)
	}
	if b, _ := os.ReadFile(x); !bytes.HasPrefix(b, []byte("PK")) {
		t.Fatal("xlsx export is not a zip file")
	}
}

func TestBackupsListAndCounts(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "office.db")
	if code, _, e := ctl(t, "--db", db, "demo", "--advisors", "300"); code != 0 {
		t.Fatalf("demo: %d %s", code, e)
	}
	// Counts print with thousands separators.
	code, out, _ := ctl(t, "--db", db, "check")
	if code != 0 || !regexp.MustCompile(`: \d{1,3}(,\d{3})+ records, no problems`).MatchString(out) {
		t.Fatalf("check: %d %q", code, out)
	}
	if code, out, _ := ctl(t, "--db", db, "backups"); code != 0 || !strings.Contains(out, "no automatic backups") {
		t.Fatalf("backups of a new file: %d %q", code, out)
	}
	copy := filepath.Join(dir, "copy.db")
	if code, _, e := ctl(t, "--db", db, "backup", "--out", copy); code != 0 {
		t.Fatalf("backup: %s", e)
	}
	if code, _, e := ctl(t, "--db", db, "restore", copy); code != 0 {
		t.Fatalf("restore: %s", e)
	}
	code, out, e := ctl(t, "--db", db, "backups")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != 1 || !strings.Contains(lines[0], "before-restore") ||
		!strings.Contains(lines[0], "verified") || !strings.Contains(lines[0], filepath.Join(dir, "backups", "office-")) {
		t.Fatalf("backups: %d %q %s", code, out, e)
	}
}

// cycles lists the cycles; --cycle takes a name; an unfinished cycle prints
// one page a sheet in English, with no grade unless asked for a provisional one.
func TestCyclesAndUnfinishedSheets(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "office.db")
	ctl(t, "--db", db, "demo")
	code, out, e := ctl(t, "--db", db, "cycles")
	if code != 0 || strings.Count(out, "\n") != 4 || !strings.Contains(out, "2026年第四季度绩效考核") || !strings.Contains(out, "Self-evaluation") {
		t.Fatalf("cycles: %d %s %s", code, out, e)
	}
	pdf := filepath.Join(dir, "u.pdf")
	if code, out, e := ctl(t, "--db", db, "print", "appraisal", "--cycle", "2026年第四季度绩效考核", "--lang", "en", "--out", pdf); code != 0 ||
		!strings.HasPrefix(out, "27 appraisal sheets of 2026年第四季度绩效考核") {
		t.Fatalf("by name: %s %s", out, e)
	}
	text := pdftext.File(t, pdf)
	if n := len(pdftext.Pages(text)); n != 27 || strings.Contains(text, "Grade: C") || strings.Contains(text, "of 0 forms") {
		t.Fatalf("unfinished cycle in English: %d pages for 27 sheets, or a grade printed", n)
	}
	if code, _, e := ctl(t, "--db", db, "print", "appraisal", "--cycle", "3", "--provisional", "--lang", "en", "--out", pdf); code != 0 {
		t.Fatal(e)
	}
	if text := pdftext.File(t, pdf); !strings.Contains(text, "Grade (provisional):") {
		t.Fatal("no provisional grade")
	}
	if code, _, e := ctl(t, "--db", db, "print", "appraisal", "--cycle", "2025年", "--out", pdf); code != 1 || !strings.Contains(e, "2025年") {
		t.Fatalf("unknown name: %d %s", code, e)
	}
}

// The import report names a row whose name will print as 〓.
func TestImportWarnsOfUnprintableNames(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "office.db")
	csv := filepath.Join(dir, "r.csv")
	os.WriteFile(csv, []byte("工号,姓名,用工类型,岗位\nNEW9,吉𠮷,正式员工,前台接待\nNEW10,王𪟝,正式员工,前台接待\n"), 0o600)
	setUp(t, db)
	code, out, e := ctl(t, "--db", db, "import", "advisors", csv, "--dry-run")
	if code != 0 || !strings.Contains(out, "Row 2: 𠮷 in “吉𠮷” will print as 〓") || strings.Contains(out, "Row 3") {
		t.Fatalf("%d %s %s", code, out, e)
	}
	// and a print that had to replace it says so
	ctl(t, "--db", db, "import", "advisors", csv)
	code, out, e = ctl(t, "--db", db, "print", "roster", "--out", filepath.Join(dir, "r.pdf"))
	if code != 0 || !strings.Contains(out, "NEW9 吉𠮷: 𠮷 printed as 〓") || strings.Contains(out, "NEW10") {
		t.Fatalf("print: %d %s %s", code, out, e)
	}
}

// changes shows who changed which advisor's field from what to what; the
// demo itself is no one's change.
func TestChangesAfterAnImport(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "office.db")
	ctl(t, "--db", db, "demo", "--advisors", "3")
	if code, out, _ := ctl(t, "--db", db, "changes"); code != 0 || !strings.Contains(out, "No changes recorded.") {
		t.Fatalf("changes after the demo: %d %q", code, out)
	}
	csvPath := filepath.Join(dir, "a.csv")
	ctl(t, "--db", db, "export", "advisors", "--format", "csv", "--out", csvPath)
	body, _ := os.ReadFile(csvPath)
	rows := strings.SplitN(string(body), "\r\n", 3)
	cells := strings.Split(rows[1], ",")
	cells[1] = "王改名"
	rows[1] = strings.Join(cells, ",")
	os.WriteFile(csvPath, []byte(strings.Join(rows, "\r\n")), 0o600)
	if code, _, e := ctl(t, "--db", db, "import", "advisors", csvPath); code != 0 {
		t.Fatalf("import: %s", e)
	}
	code, out, e := ctl(t, "--db", db, "changes", "--advisor", "SA0001")
	if code != 0 || strings.Count(out, "\n") != 1 || !strings.Contains(out, "changed") || !strings.Contains(out, "→ \"王改名\"") {
		t.Fatalf("changes of SA0001: %d %q %s", code, out, e)
	}
	if code, out, _ := ctl(t, "--db", db, "changes", "--advisor", "SA0002"); code != 0 || !strings.Contains(out, "No changes") {
		t.Fatalf("an advisor the import left as it was: %q", out)
	}
}
