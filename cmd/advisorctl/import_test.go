package main

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"advisordesk/exchange/hostile"

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
