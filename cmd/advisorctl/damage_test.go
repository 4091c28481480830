package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The reproductions of issue 7, through the command line as a user types them.

func demoWithBackup(t *testing.T) (db, bak string) {
	t.Helper()
	dir := t.TempDir()
	db, bak = filepath.Join(dir, "good.db"), filepath.Join(dir, "goodbak.db")
	if code, _, e := ctl(t, "--db", db, "demo", "--advisors", "60"); code != 0 {
		t.Fatal(e)
	}
	if code, _, e := ctl(t, "--db", db, "backup", "--out", bak); code != 0 {
		t.Fatal(e)
	}
	return db, bak
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// withTimeout fails the test instead of hanging it.
func withTimeout(t *testing.T, what string, fn func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { fn(); close(done) }()
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		t.Fatalf("%s did not finish", what)
	}
}

// Defects 1 and 2: `truncate -s 65536` crashed check, export and restore.
func TestTruncatedFileIsDamagedAndRestores(t *testing.T) {
	good, bak := demoWithBackup(t)
	db := filepath.Join(filepath.Dir(good), "t.db")
	copyFile(t, good, db)
	os.Truncate(db, 65536)
	if code, out, _ := ctl(t, "--db", db, "check"); code != 1 || !strings.Contains(out, "DAMAGED") || !strings.Contains(out, "cut short") {
		t.Fatalf("check: %d %q", code, out)
	}
	t.Setenv("LANG", "zh_CN.UTF-8")
	if code, out, _ := ctl(t, "--db", db, "check"); code != 1 || !strings.HasPrefix(out, "已损坏：") {
		t.Fatalf("check in zh: %d %q", code, out)
	}
	t.Setenv("LANG", "en_US.UTF-8")
	if code, _, e := ctl(t, "--db", db, "export", "advisors", "--format", "csv"); code != 1 || !strings.Contains(e, "damaged") {
		t.Fatalf("export: %d %q", code, e)
	}
	damaged, _ := os.ReadFile(db)
	code, out, e := ctl(t, "--db", db, "restore", bak)
	if code != 0 || !strings.Contains(out, "kept in") {
		t.Fatalf("restore: %d %q %q", code, out, e)
	}
	kept := strings.TrimSpace(out[strings.Index(out, "kept in ")+len("kept in "):])
	if b, _ := os.ReadFile(kept); !bytes.Equal(b, damaged) {
		t.Fatalf("the damaged file was not kept as it was in %s", kept)
	}
	if code, out, _ := ctl(t, "--db", db, "check"); code != 0 || !strings.Contains(out, "no problems") {
		t.Fatalf("check after restore: %d %q", code, out)
	}
}

// A zero-length file says so.
func TestEmptyFileSaysEmpty(t *testing.T) {
	db := filepath.Join(t.TempDir(), "office.db")
	os.WriteFile(db, nil, 0o600)
	if code, _, e := ctl(t, "--db", db, "check"); code != 1 || !strings.Contains(e, "is empty (0 bytes)") {
		t.Fatalf("check: %d %q", code, e)
	}
}

// Defect 2: a text file at the data path is replaced by the backup.
func TestRestoreOverTextFile(t *testing.T) {
	_, bak := demoWithBackup(t)
	db := filepath.Join(t.TempDir(), "office.db")
	os.WriteFile(db, []byte(strings.Repeat("hello\n", 2000)), 0o600)
	if code, _, e := ctl(t, "--db", db, "restore", bak); code != 0 {
		t.Fatalf("restore over a text file: %q", e)
	}
	if code, out, _ := ctl(t, "--db", db, "check"); code != 0 {
		t.Fatalf("check: %q", out)
	}
}

// Defect 3: restoring a backup of the first schema hung.
func TestRestoreSchemaV1(t *testing.T) {
	db, _ := demoWithBackup(t)
	v1 := filepath.Join(t.TempDir(), "v1.db")
	copyFile(t, filepath.Join("..", "..", "storage", "testdata", "schema-v1.db"), v1)
	var code int
	var e string
	withTimeout(t, "restore of a v1 backup", func() { code, _, e = ctl(t, "--db", db, "restore", v1) })
	if code != 0 {
		t.Fatal(e)
	}
	if code, out, _ := ctl(t, "--db", db, "check"); code != 0 || !strings.Contains(out, ": 12 records") {
		t.Fatalf("check after restoring v1: %q", out)
	}
}

// Defect 4: backup --out over a good file, from a damaged source, deleted it.
func TestFailedBackupKeepsTarget(t *testing.T) {
	db, bak := demoWithBackup(t)
	before, _ := os.ReadFile(bak)
	raw, _ := os.ReadFile(db)
	i := bytes.Index(raw, []byte("dealer.example.cn"))
	raw[i] ^= 0x20
	os.WriteFile(db, raw, 0o600)
	if code, _, e := ctl(t, "--db", db, "backup", "--out", bak); code != 1 || !strings.Contains(e, "damaged") {
		t.Fatalf("backup of a damaged file: %d %q", code, e)
	}
	if after, _ := os.ReadFile(bak); !bytes.Equal(after, before) {
		t.Fatal("the existing backup was changed or deleted")
	}
}

// Defects 5 and 12: --out equal to the source, and a missing folder.
func TestBackupRefusals(t *testing.T) {
	db, _ := demoWithBackup(t)
	if code, _, e := ctl(t, "--db", db, "backup", "--out", db); code != 1 || !strings.Contains(e, "is the data file itself") {
		t.Fatalf("backup onto itself: %d %q", code, e)
	}
	missing := filepath.Join(t.TempDir(), "nope", "b.db")
	if code, _, e := ctl(t, "--db", db, "backup", "--out", missing); code != 1 || strings.Contains(e, ".tmp") ||
		!strings.Contains(e, filepath.Dir(missing)) {
		t.Fatalf("backup into a missing folder: %d %q", code, e)
	}
	if code, _, e := ctl(t, "--db", db, "restore", db); code != 1 || !strings.Contains(e, "is the data file itself") {
		t.Fatalf("restore onto itself: %d %q", code, e)
	}
}

// Defect 8: read-only commands on a v1 file printed "ok: 0 records" and an
// empty export; a backup migrated the source in place. A file from before
// accounts is checked as it is; what reads personal data waits for its HR
// administrator, whose set-up migrates it after a verified backup.
func TestOlderFileReadOnly(t *testing.T) {
	db := filepath.Join(t.TempDir(), "v1.db")
	copyFile(t, filepath.Join("..", "..", "storage", "testdata", "schema-v1.db"), db)
	before, _ := os.ReadFile(db)
	if code, out, _ := ctl(t, "--db", db, "check"); code != 0 || !strings.Contains(out, ": 12 records") {
		t.Fatalf("check: %d %q", code, out)
	}
	code, out, e := ctl(t, "--db", db, "export", "advisors", "--format", "csv")
	if code != 1 || out != "" || !strings.Contains(e, "no accounts yet: run `advisorctl setup`") {
		t.Fatalf("export of the v1 file without accounts: %d %q %q", code, out, e)
	}
	if after, _ := os.ReadFile(db); !bytes.Equal(after, before) {
		t.Fatal("a refused command changed the older file")
	}
	setUp(t, db)
	code, out, _ = ctl(t, "--db", db, "export", "advisors", "--format", "csv")
	if code != 0 || strings.Count(out, "\n") != 13 {
		t.Fatalf("export of the v1 file: %d %q", code, out)
	}
	backups, _ := filepath.Glob(filepath.Join(filepath.Dir(db), "backups", "*before-migration-v1*"))
	if len(backups) != 1 {
		t.Fatalf("the set-up migrated the file without keeping a copy: %v", backups)
	}
}

// Defect 12: a failed compact --out left a damaged output.
func TestFailedCompactLeavesNothing(t *testing.T) {
	db, _ := demoWithBackup(t)
	raw, _ := os.ReadFile(db)
	i := bytes.Index(raw, []byte("dealer.example.cn"))
	raw[i] ^= 0x20
	os.WriteFile(db, raw, 0o600)
	out := filepath.Join(t.TempDir(), "small.db")
	if code, _, _ := ctl(t, "--db", db, "compact", "--out", out); code != 1 {
		t.Fatal("compaction of a damaged file succeeded")
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Fatal("a failed compaction left its output")
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	for _, e := range entries {
		t.Fatalf("left behind: %s", e.Name())
	}
}
