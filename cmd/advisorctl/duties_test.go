package main

import (
	"path/filepath"
	"strings"
	"testing"

	"advisordesk/report/pdftext"
)

// duties prints a role's sheet with the office's company name; a missing
// or unknown role, or no --out, is a usage error.
func TestDuties(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "office.db")
	if code, _, e := ctl(t, "--db", db, "demo", "--advisors", "3"); code != 0 {
		t.Fatal(e)
	}
	for _, c := range []struct{ lang, role, want string }{
		{"zh", "advisor", "服务顾问"}, {"en", "hr", "Manage accounts and permissions"}, {"en", "supervisor", "Evaluate one's team"},
	} {
		pdf := filepath.Join(dir, c.lang+"-"+c.role+".pdf")
		code, out, e := ctl(t, "--db", db, "duties", "--role", c.role, "--lang", c.lang, "--employee", "欧阳娜娜", "--out", pdf)
		if code != 0 || !strings.Contains(out, pdf) {
			t.Fatalf("%s %s: %d %q %q", c.lang, c.role, code, out, e)
		}
		text := strings.Join(strings.Fields(pdftext.File(t, pdf)), " ") // wrapped items joined
		title := map[string]string{"zh": "岗位职责与权限", "en": "Duties and permissions"}[c.lang]
		for _, w := range []string{title, c.want, "欧阳娜娜"} {
			if !strings.Contains(text, w) {
				t.Errorf("%s %s: the sheet lacks %q", c.lang, c.role, w)
			}
		}
	}
	for _, args := range [][]string{{"duties", "--out", "x.pdf"}, {"duties", "--role", "admin", "--out", "x.pdf"},
		{"duties", "--role", "hr"}, {"duties", "--role", "hr", "--lang", "fr", "--out", "x.pdf"}} {
		if code, _, e := ctl(t, append([]string{"--db", db}, args...)...); code != 2 || !strings.Contains(e, "usage:") {
			t.Errorf("%v: exit %d, %q", args, code, e)
		}
	}
}
