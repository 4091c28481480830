package main

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"advisordesk/exchange/hostile"
	"advisordesk/report/pdftext"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// The reproductions through the command line: a GB18030 roster is
// read and the encoding named; an over-size CSV and a zip bomb are refused
// with exit status 1 and the limit, and nothing is written.
func TestImportFilesFromOffices(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "office.db")
	if code, _, e := ctl(t, "--db", db, "demo", "--advisors", "3"); code != 0 {
		t.Fatalf("demo: %d %s", code, e)
	}
	gb, _ := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte("工号,姓名,用工类型,岗位\r\n\r\nGB1,高小燕,正式员工,前台接待\r\n"))
	gbPath := filepath.Join(dir, "excel.csv")
	os.WriteFile(gbPath, gb, 0o600)
	code, out, e := ctl(t, "--db", db, "import", "advisors", gbPath, "--dry-run")
	if code != 0 || !strings.Contains(out, "Read "+gbPath+" as GB18030 text.") || !strings.Contains(out, "1 advisors will be added") {
		t.Fatalf("gb18030: %d %q %q", code, out, e)
	}

	big := filepath.Join(dir, "big.csv")
	row := "SA000001,王小明," + strings.Repeat("备注", 1000) + "\n"
	os.WriteFile(big, []byte("工号,姓名,备注\n"+strings.Repeat(row, (64<<20)/len(row)+1)), 0o600)
	if code, out, e := ctl(t, "--db", db, "import", "advisors", big); code != 1 || !strings.Contains(e, "larger than 64 MiB") || out != "" {
		t.Fatalf("big csv: %d %q %q", code, out, e)
	}

	bomb := filepath.Join(dir, "bomb.xlsx")
	f, _ := os.Create(bomb)
	w := bufio.NewWriter(f)
	if err := hostile.Workbook(w, hostile.Cell(1_200_000_000)); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	f.Close()
	if code, _, e := ctl(t, "--db", db, "import", "advisors", bomb); code != 1 || !strings.Contains(e, "unpacks to more than 200 MiB") {
		t.Fatalf("bomb: %d %q", code, e)
	}
	if code, out, _ := ctl(t, "--db", db, "export", "advisors", "--format", "csv"); code != 0 || strings.Contains(out, "GB1") ||
		strings.Count(out, "\n") != 4 {
		t.Fatalf("after refusals the roster changed: %q", out)
	}
}

// TestSupervisorThroughFiles: an import names supervisors by employee
// number or by a unique name, and a name two advisors share is its row's
// error; an export carries the supervisor's number beside the name, so it
// reads back unchanged even where names repeat; check lists a name kept as
// text apart from damage, with exit status 0.
func TestSupervisorThroughFiles(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "office.db")
	in := filepath.Join(dir, "in.csv")
	os.WriteFile(in, []byte("工号,姓名,用工类型,岗位,上级\n"+
		"L1,周建国,正式员工,前台接待,\nL2,王伟,正式员工,前台接待,\nL3,王伟,正式员工,前台接待,\n"+
		"A1,甲,正式员工,前台接待,周建国\nA2,乙,正式员工,前台接待,l3\nA3,丙,正式员工,前台接待,王伟\n"), 0o600)
	setUp(t, db)
	code, out, e := ctl(t, "--db", db, "import", "advisors", in)
	if code != 1 || !strings.Contains(out, "Row 7: Supervisor: Several advisors are named 王伟: give the employee number") {
		t.Fatalf("a shared name: %d %q %q", code, out, e)
	}
	csv, _ := os.ReadFile(in)
	os.WriteFile(in, []byte(strings.Replace(string(csv), "丙,正式员工,前台接待,王伟", "丙,正式员工,前台接待,L2", 1)), 0o600)
	if code, out, e := ctl(t, "--db", db, "import", "advisors", in); code != 0 {
		t.Fatalf("import: %d %q %q", code, out, e)
	}
	_, first, _ := ctl(t, "--db", db, "export", "advisors", "--format", "csv")
	for _, want := range []string{"A1,甲,", ",周建国,L1,", "A2,乙,", ",王伟,L3,", "A3,丙,", ",王伟,L2,"} {
		if !strings.Contains(first, want) {
			t.Fatalf("export lacks %q:\n%s", want, first)
		}
	}
	back := filepath.Join(dir, "back.csv")
	os.WriteFile(back, []byte(first), 0o600)
	if code, out, e := ctl(t, "--db", db, "import", "advisors", back); code != 0 {
		t.Fatalf("reading the export back: %d %q %q", code, out, e)
	}
	if _, again, _ := ctl(t, "--db", db, "export", "advisors", "--format", "csv"); again != first {
		t.Fatalf("the round trip changed the roster:\n%s\n%s", first, again)
	}
	os.WriteFile(in, []byte("工号,姓名,用工类型,岗位,上级\nA1,甲,正式员工,前台接待,钱多多\n"), 0o600)
	if code, out, e := ctl(t, "--db", db, "import", "advisors", in); code != 1 || !strings.Contains(out, "Row 2: Supervisor: No advisor has the employee number or name 钱多多") {
		t.Fatalf("an unknown supervisor: %d %q %q", code, out, e)
	}
	// A name kept as text (as the migration keeps one it cannot match).
	st := openHR(t, db, false)
	a, _ := st.Advisors.ByEmpNo.Get("A1")
	a.SupervisorID, a.Supervisor = 0, "钱多多"
	err := st.Advisors.Save(a)
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	code, out, e = ctl(t, "--db", db, "check")
	if code != 0 || !strings.Contains(out, "no problems\nto resolve (not damage): 1 names match no single record") ||
		!strings.Contains(out, `supervisor "钱多多" names no advisors yet`) {
		t.Fatalf("check: %d %q %q", code, out, e)
	}
}

// TestRenamedSupervisorShowsEverywhere: after a supervisor's rename, the
// export, the printed roster and the appraisal sheet of someone reporting to
// them carry the new name, not the old one.
func TestRenamedSupervisorShowsEverywhere(t *testing.T) {
	pdftext.Available(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "office.db")
	if code, _, e := ctl(t, "--db", db, "demo", "--advisors", "12"); code != 0 {
		t.Fatalf("demo: %s", e)
	}
	in := filepath.Join(dir, "rename.csv")
	os.WriteFile(in, []byte("工号,姓名\nSA0002,陈新名\n"), 0o600)
	if code, out, e := ctl(t, "--db", db, "import", "advisors", in); code != 0 {
		t.Fatalf("rename: %q %q", out, e)
	}
	_, csv, _ := ctl(t, "--db", db, "export", "advisors", "--format", "csv")
	if !strings.Contains(csv, ",陈新名,SA0002,") || strings.Contains(csv, "陈建华") {
		t.Fatalf("the export after the rename:\n%s", csv)
	}
	var sub string // an advisor reporting to SA0002
	for _, line := range strings.Split(csv, "\n") {
		if strings.Contains(line, ",陈新名,SA0002,") {
			sub = strings.SplitN(line, ",", 2)[0]
			break
		}
	}
	roster, sheet := filepath.Join(dir, "roster.pdf"), filepath.Join(dir, "sheet.pdf")
	if code, _, e := ctl(t, "--db", db, "print", "roster", "--lang", "zh", "--out", roster); code != 0 {
		t.Fatal(e)
	}
	if code, _, e := ctl(t, "--db", db, "print", "appraisal", "--cycle", "2", "--advisor", sub, "--lang", "zh", "--out", sheet); code != 0 {
		t.Fatal(e)
	}
	for _, f := range []string{roster, sheet} {
		if text := pdftext.File(t, f); !strings.Contains(text, "陈新名") || strings.Contains(text, "陈建华") {
			t.Errorf("%s after the rename:\n%s", filepath.Base(f), text)
		}
	}
}
