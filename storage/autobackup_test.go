package storage

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"advisordesk/model"
)

// Another data file whose name starts with this one's ("office-2025.db"
// beside "office.db") shares the backups folder: pruning this file's copies
// must never touch the other file's.
func TestPruneKeepsOtherFilesBackups(t *testing.T) {
	db := openTemp(t)
	dir := BackupDir(db.Path())
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	var others []string
	for i := range model.DefaultKeepBackups + 2 {
		name := filepath.Join(dir, fmt.Sprintf("office-2025-20250101-0000%02d.000-before-import.db", i))
		if err := os.WriteFile(name, []byte("another file's backup"), 0o600); err != nil {
			t.Fatal(err)
		}
		others = append(others, name)
	}
	if _, err := db.autoBackup("", "before-import"); err != nil {
		t.Fatal(err)
	}
	for _, name := range others {
		if _, err := os.Stat(name); err != nil {
			t.Errorf("pruning office.db's backups removed %s", filepath.Base(name))
		}
	}
}

func TestBackupNamePattern(t *testing.T) {
	at := time.Date(2026, 11, 27, 9, 30, 15, 250e6, time.Local)
	name := backupName("office", at, ReasonDaily)
	if name != "office-20261127-093015.250-daily.db" {
		t.Fatalf("name %q", name)
	}
	if got, reason, ok := parseBackupName("office", name); !ok || !got.Equal(at) || reason != ReasonDaily {
		t.Fatalf("parse %q: %v %q %v", name, got, reason, ok)
	}
	for _, other := range []string{
		"office-2025-20261127-093015.250-daily.db", // another file's copy
		"office-20261127-093015.250-daily.db.tmp",
		".office-20261127-093015.250-daily.db.part",
		"office-20261127-093015.250-.db",
		"office-20261127-093015.250-Daily Copy.db",
		"office-20261327-093015.250-daily.db", // month 13
		"office.db",
	} {
		if _, _, ok := parseBackupName("office", other); ok {
			t.Errorf("%q taken for a copy of office.db", other)
		}
	}
}

func TestDailyDue(t *testing.T) {
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.Local)
	yesterday := model.BackupCopy{Taken: now.AddDate(0, 0, -1), Reason: ReasonDaily}
	closeToday := model.BackupCopy{Taken: now.Add(-time.Hour), Reason: ReasonClose}
	secondToday := model.BackupCopy{Taken: now.Add(-time.Hour), Reason: ReasonDaily, Second: true}
	today := model.BackupCopy{Taken: now.Add(-8 * time.Hour), Reason: ReasonDaily}
	if !DailyDue(nil, now) || !DailyDue([]model.BackupCopy{yesterday, closeToday, secondToday}, now) {
		t.Error("no daily copy today, yet not due")
	}
	if DailyDue([]model.BackupCopy{today, yesterday}, now) {
		t.Error("a daily copy was taken today, yet due again")
	}
}

// ticking is a clock that moves a second forward at every reading.
func ticking() func() time.Time {
	at := time.Date(2026, 11, 27, 9, 0, 0, 0, time.Local)
	return func() time.Time { at = at.Add(time.Second); return at }
}

func TestAutoBackupRotatesEachReason(t *testing.T) {
	db, err := openProgram(filepath.Join(t.TempDir(), "office.db"), &Options{Now: ticking()})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.SetBackupPolicy(model.BackupPolicy{Keep: 3}); err != nil {
		t.Fatal(err)
	}
	before, err := db.autoBackup("", "before-import")
	if err != nil {
		t.Fatal(err)
	}
	var last string
	for i := range 5 {
		if err := db.Advisors.Save(advisor(fmt.Sprintf("SA%03d", i+1), "王小明")); err != nil {
			t.Fatal(err)
		}
		if last, err = db.AutoBackup(context.Background(), ReasonDaily, nil); err != nil {
			t.Fatal(err)
		}
	}
	copies, err := db.Backups()
	if err != nil {
		t.Fatal(err)
	}
	var daily []string
	for _, c := range copies {
		if c.Reason == ReasonDaily {
			daily = append(daily, c.Path)
		}
		if err := VerifyFile(c.Path); err != nil {
			t.Errorf("%s: %v", filepath.Base(c.Path), err)
		}
	}
	if len(daily) != 3 || daily[0] != last || len(copies) != 4 || copies[3].Path != before {
		t.Fatalf("kept %v (daily %v), want the 3 newest daily copies and the copy before import", copies, daily)
	}
	// The newest copy holds every save.
	got, err := openProgram(last, &Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer got.Close()
	if n, _ := got.Advisors.Count(); n != 5 {
		t.Fatalf("newest copy holds %d advisors, want 5", n)
	}
}

func TestCloseBackupOnlyAfterChanges(t *testing.T) {
	db, err := openProgram(filepath.Join(t.TempDir(), "office.db"), &Options{Now: ticking()})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if out, err := db.AutoBackup(context.Background(), ReasonClose, nil); err != nil || out != "" {
		t.Fatalf("nothing saved, yet a close copy: %q %v", out, err)
	}
	if err := db.Advisors.Save(advisor("SA001", "王小明")); err != nil {
		t.Fatal(err)
	}
	out, err := db.AutoBackup(context.Background(), ReasonClose, nil)
	if err != nil || out == "" {
		t.Fatalf("a save, yet no close copy: %q %v", out, err)
	}
	if again, err := db.AutoBackup(context.Background(), ReasonClose, nil); err != nil || again != "" {
		t.Fatalf("no save since the last copy, yet another: %q %v", again, err)
	}
}

func TestSecondFolder(t *testing.T) {
	db, err := openProgram(filepath.Join(t.TempDir(), "office.db"), &Options{Now: ticking()})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	stick := filepath.Join(t.TempDir(), "USB")
	if err := db.SetBackupPolicy(model.BackupPolicy{Keep: 2, Second: stick}); err == nil {
		t.Fatal("a folder that does not exist was accepted")
	}
	if err := db.SetBackupPolicy(model.BackupPolicy{Keep: 2, Second: BackupDir(db.Path())}); err == nil {
		t.Fatal("the backups folder itself was accepted as the second folder")
	}
	os.Mkdir(stick, 0o700)
	if err := db.SetBackupPolicy(model.BackupPolicy{Keep: 2, Second: stick}); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if _, err := db.AutoBackup(context.Background(), ReasonDaily, nil); err != nil {
			t.Fatal(err)
		}
	}
	copies, err := db.Backups()
	if err != nil {
		t.Fatal(err)
	}
	var onStick int
	for _, c := range copies {
		if c.Second {
			onStick++
			if filepath.Dir(c.Path) != stick || VerifyFile(c.Path) != nil {
				t.Errorf("second copy %s", c.Path)
			}
		}
	}
	if len(copies) != 4 || onStick != 2 {
		t.Fatalf("want 2 copies in each folder, got %d (%d on the stick)", len(copies), onStick)
	}

	// The stick is pulled out: the copy in the backups folder is still made.
	os.RemoveAll(stick)
	out, err := db.AutoBackup(context.Background(), ReasonDaily, nil)
	var sf *SecondFolderError
	if !errors.As(err, &sf) || sf.Path != stick || out == "" || VerifyFile(out) != nil {
		t.Fatalf("stick gone: %q %v", out, err)
	}
	copies, err = db.Backups()
	if !errors.As(err, &sf) || len(copies) != 2 {
		t.Fatalf("listing with the stick gone: %d copies, %v", len(copies), err)
	}
}

func TestBackupPolicyBounds(t *testing.T) {
	db := openTemp(t)
	for _, keep := range []int{0, -1, model.MaxKeepBackups + 1} {
		err := db.SetBackupPolicy(model.BackupPolicy{Keep: keep})
		if fes, ok := model.AsFieldErrors(err); !ok || fes.For(model.FieldKeepBackups) == nil {
			t.Errorf("keep %d: %v", keep, err)
		}
	}
	if p, err := db.BackupPolicy(); err != nil || p.Keep != model.DefaultKeepBackups || p.Second != "" {
		t.Fatalf("default policy %+v %v", p, err)
	}
}
