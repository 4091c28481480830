package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"advisordesk/model"
)

// Every command that reads or changes personal data refuses an account
// that is not HR's, a wrong password and no password, and none of them
// leaves the file changed.
func TestCommandsNeedAnHRAccount(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "office.db")
	if code, _, e := ctl(t, "--db", db, "demo", "--advisors", "6"); code != 0 {
		t.Fatalf("demo: %s", e)
	}
	code, out, e := ctl(t, "--db", db, "users", "add", "an", "--role", "advisor", "--advisor", "SA0002")
	first := regexp.MustCompile(`first password: (\S+)`).FindStringSubmatch(out)
	if code != 0 || first == nil {
		t.Fatalf("users add: %q %q", out, e)
	}
	commands := [][]string{
		{"users", "list"}, {"users", "add", "mallory", "--role", "hr"}, {"users", "reset", "admin"},
		{"audit"}, {"reindex"}, {"backup", "--out", filepath.Join(dir, "b.db")}, {"backups"},
		{"compact", "--out", filepath.Join(dir, "c.db")}, {"changes"},
		{"export", "advisors", "--format", "csv", "--out", filepath.Join(dir, "a.csv")},
		{"export", "appraisals", "--format", "csv", "--out", filepath.Join(dir, "e.csv")},
		{"print", "roster", "--out", filepath.Join(dir, "r.pdf")},
		{"print", "customer-form", "--advisor", "SA0002", "--out", filepath.Join(dir, "f.pdf")},
		{"demo"},
	}
	t.Setenv(envPassword, first[1])
	for _, c := range commands {
		args := append([]string{"--db", db, "--user", "an"}, c...)
		if code, _, e := ctl(t, args...); code == 0 || !strings.Contains(e, "an is not an HR account") {
			t.Errorf("%v as an advisor: %d %q", c, code, e)
		}
	}
	t.Setenv(envPassword, "not the password")
	if code, _, e := ctl(t, "--db", db, "users", "list"); code == 0 || !strings.Contains(e, "Wrong login or password") {
		t.Errorf("a wrong password: %d %q", code, e)
	}
	// An empty variable is no password, not a wrong one that counts.
	t.Setenv(envPassword, "")
	for i := 0; i < 5; i++ {
		if code, _, e := ctl(t, "--db", db, "users", "list"); code == 0 || !strings.Contains(e, "no password") {
			t.Fatalf("an empty password: %d %q", code, e)
		}
	}
	hr := openHR(t, db, false)
	defer hr.Close()
	log, err := hr.Audit(model.AuditQuery{Action: model.LoginFailed})
	if err != nil || len(log) != 1 {
		t.Errorf("failed sign-ins logged: %d (%v), want the one wrong password", len(log), err)
	}
	for _, f := range []string{"b.db", "c.db", "a.csv", "e.csv", "r.pdf", "f.pdf"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			t.Errorf("%s was written for an advisor", f)
		}
	}
}
