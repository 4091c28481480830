package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"advisordesk/report/pdftext"
)

// The demo office's complaints come out as a CSV of twelve rows and as a
// handling record per complaint, in either language; a number on file
// nowhere, or none at all, is told.
func TestExportAndPrintComplaints(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "office.db")
	if code, _, e := ctl(t, "--db", db, "demo", "--advisors", "40"); code != 0 {
		t.Fatal(e)
	}
	code, out, e := ctl(t, "--db", db, "export", "complaints", "--format", "csv", "--lang", "en")
	if code != 0 {
		t.Fatal(e)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\ufeff"))).ReadAll()
	if err != nil || len(rows) != 13 || rows[0][0] != "Received" || !strings.Contains(out, "Closed") {
		t.Fatalf("csv: %v %d rows %v", err, len(rows), rows[:min(len(rows), 2)])
	}
	x := filepath.Join(dir, "c.xlsx")
	if code, _, e := ctl(t, "--db", db, "export", "complaints", "--format", "xlsx", "--out", x); code != 0 {
		t.Fatal(e)
	}
	if b, _ := os.ReadFile(x); !bytes.HasPrefix(b, []byte("PK")) {
		t.Fatal("xlsx export is not a zip file")
	}
	for _, lang := range []string{"zh", "en"} {
		pdf := filepath.Join(dir, "c1-"+lang+".pdf")
		if code, _, e := ctl(t, "--db", db, "print", "complaint", "--id", "1", "--lang", lang, "--out", pdf); code != 0 {
			t.Fatal(e)
		}
		text := pdftext.File(t, pdf)
		for _, want := range map[string][]string{"zh": {"投诉处理记录", "编号：1", "已结案", "处理人签字"},
			"en": {"Complaint handling record", "No. 1", "Closed", "Supervisor"}}[lang] {
			if !strings.Contains(text, want) {
				t.Errorf("%s record lacks %q:\n%s", lang, want, text)
			}
		}
	}
	if code, _, e := ctl(t, "--db", db, "print", "complaint", "--id", "99", "--out", filepath.Join(dir, "x.pdf")); code != 1 || e == "" {
		t.Errorf("a complaint not on file: %d %q", code, e)
	}
	if code, _, _ := ctl(t, "--db", db, "print", "complaint", "--out", filepath.Join(dir, "x.pdf")); code != 2 {
		t.Errorf("no --id: exit %d, want a usage error", code)
	}
}
