package storage

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"advisordesk/model"

	bolt "go.etcd.io/bbolt"
)

// A demo office (advisors and three appraisal cycles), made once per test
// run and copied for each test.
var demoOnce = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "advisordesk-demo-*")
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, "demo.db")
	db, err := openProgram(path, &Options{Now: fixedNow})
	if err != nil {
		return "", err
	}
	if err := db.LoadDemo(120, 1); err != nil {
		return "", err
	}
	return path, db.Close()
})

func demoCopy(t *testing.T, name string) string {
	t.Helper()
	master, err := demoOnce()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name)
	copyTestFile(t, master, path)
	return path
}

// flipInPage flips one byte at offset off of the first page of kind,
// counted from the given fraction of the file on.
func flipInPage(t *testing.T, path, kind string, from float64, off int64) int64 {
	t.Helper()
	pm, err := readPageMap(path)
	if err != nil {
		t.Fatal(err)
	}
	start := int(from * float64(len(pm.Kinds)))
	for i := 0; i < len(pm.Kinds); i++ {
		id := (start + i) % len(pm.Kinds)
		raw, _ := os.ReadFile(path)
		if pm.Kinds[id] == kind && off < leafUsed(raw[int64(id)*pm.PageSize:]) {
			at := int64(id)*pm.PageSize + off
			raw[at] ^= 0xFF
			os.WriteFile(path, raw, 0o600)
			return int64(id)
		}
	}
	t.Fatalf("no %s page", kind)
	return 0
}

// leafUsed is how many bytes of the leaf page at the start of b hold its
// header, elements, keys and values: a flip past them damages nothing.
func leafUsed(b []byte) int64 {
	h := parsePageHeader(b)
	if h.Count == 0 {
		return 16
	}
	e := 16 + 16*int64(h.Count-1) // the last element; its key and value come last
	pos := int64(binary.LittleEndian.Uint32(b[e+4:]))
	k := int64(binary.LittleEndian.Uint32(b[e+8:]))
	v := int64(binary.LittleEndian.Uint32(b[e+12:]))
	return e + pos + k + v
}

func isDamaged(err error) bool {
	var d *DamagedError
	return errors.As(err, &d)
}

// Defect 1: a file cut at 64 KiB made bbolt fault in FastCheck (on the
// calling goroutine) and its page walk crash in a goroutine of its own: every
// command, check included, died. Now the check answers "damaged" and opening
// gives an error.
func TestTruncatedFileIsReportedNotCrashed(t *testing.T) {
	path := demoCopy(t, "office.db")
	if err := os.Truncate(path, 65536); err != nil {
		t.Fatal(err)
	}
	if _, err := CheckIsolated(context.Background(), path); !isDamaged(err) {
		t.Fatalf("check of a truncated file: %v", err)
	}
	for _, ro := range []bool{true, false} {
		if _, err := openProgram(path, &Options{ReadOnly: ro}); !isDamaged(err) {
			t.Fatalf("open (read-only %v) of a truncated file: %v", ro, err)
		}
	}
	if err := VerifyFile(path); !isDamaged(err) || !strings.Contains(err.Error(), "cut short") {
		t.Fatalf("verify: %v", err)
	}
}

// Defect 1: damage inside a page of records far into the file: the full
// check crashed in bbolt's own goroutine. In a child process the crash (or
// bbolt's report) becomes the answer; reading in this process gives errors.
func TestDamagedLeafIsReportedNotCrashed(t *testing.T) {
	// The page header, an element header (flags, pos), the first key and
	// the first value (where the first element header points).
	for _, off := range []int64{8, 16, 20, -1, -2} {
		path := demoCopy(t, "office.db")
		if want := off; off < 0 {
			pm, _ := readPageMap(path)
			raw, _ := os.ReadFile(path)
			id := int64(0.8 * float64(len(pm.Kinds)))
			for pm.Kinds[id] != kindLeaf { // as flipInPage picks it
				id = (id + 1) % int64(len(pm.Kinds))
			}
			e := raw[id*pm.PageSize+pageHeaderSize:]
			off = pageHeaderSize + int64(binary.LittleEndian.Uint32(e[4:8])) // the key
			if want == -2 {
				off += int64(binary.LittleEndian.Uint32(e[8:12])) // the value after it
			}
		}
		flipInPage(t, path, kindLeaf, 0.8, off)
		r, err := CheckIsolated(context.Background(), path)
		if err == nil && r.OK() {
			t.Fatalf("offset %d: check passed a damaged leaf", off)
		}
		if err != nil && !isDamaged(err) {
			t.Fatalf("offset %d: %v", off, err)
		}
		// Reading survives: an open and a whole export end in data or an error.
		db, err := openProgram(path, &Options{ReadOnly: true})
		if err == nil {
			db.AdvisorsByEmpNo()
			db.Advisors.Each(func(*model.Advisor) error { return nil })
			db.Close()
		}
	}
}

// A zero-length file says "empty", not bbolt's "file size too small".
func TestEmptyFileSaysEmpty(t *testing.T) {
	path := filepath.Join(t.TempDir(), "office.db")
	os.WriteFile(path, nil, 0o600)
	var empty *EmptyFileError
	if _, err := CheckIsolated(context.Background(), path); !errors.As(err, &empty) {
		t.Fatalf("check: %v", err)
	}
	if _, err := openProgram(path, &Options{ReadOnly: true}); !errors.As(err, &empty) {
		t.Fatalf("read-only open: %v", err)
	}
}

// Defect 2: restore backed up the current file first, that backup failed to
// verify, and restore stopped: a damaged file could not be restored. Now
// the current file is kept aside as it is and the backup put in place; the
// same for a text file or a foreign file at the data path.
func TestRestoreRecoversDamagedFile(t *testing.T) {
	good := demoCopy(t, "good.db")
	want, _ := os.ReadFile(good)
	truncated := want[:65536]
	leaf := demoCopy(t, "leaf.db")
	flipInPage(t, leaf, kindLeaf, 0.8, 20)
	leafBytes, _ := os.ReadFile(leaf)
	for name, body := range map[string][]byte{
		"truncated": truncated, "leaf": leafBytes, "text": []byte(strings.Repeat("名单 roster\n", 500)),
		"foreign": append([]byte("SQLite format 3\x00"), make([]byte, 8192)...), "empty": nil,
	} {
		path := filepath.Join(t.TempDir(), "office.db")
		os.WriteFile(path, body, 0o600)
		kept, err := RestoreFile(context.Background(), path, good)
		if err != nil {
			t.Fatalf("%s: restore: %v", name, err)
		}
		if got, _ := os.ReadFile(kept); !bytes.Equal(got, body) {
			t.Fatalf("%s: the replaced file was not kept as it was (%s)", name, kept)
		}
		if err := VerifyFile(path); err != nil {
			t.Fatalf("%s: restored file: %v", name, err)
		}
		db, err := openProgram(path, nil)
		if err != nil {
			t.Fatalf("%s: open after restore: %v", name, err)
		}
		if n, _ := db.Advisors.Count(); n != 120 {
			t.Fatalf("%s: %d advisors after restore", name, n)
		}
		db.Close()
	}
}

// Defect 3: restoring a backup of an older schema deadlocked (the swap held
// the lock that the migration's backup waited for) and left a 0-byte temp.
func TestRestoreOlderSchemaMigrates(t *testing.T) {
	db := openTemp(t)
	fill(t, db, 5)
	v1 := filepath.Join(t.TempDir(), "v1.db")
	copyTestFile(t, filepath.Join("testdata", "schema-v1.db"), v1)
	done := make(chan error, 1)
	go func() {
		_, err := db.Restore(context.Background(), v1)
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("restore of a v1 backup did not finish (deadlock)")
	}
	if n, _ := db.Advisors.Count(); n != 12 {
		t.Fatalf("advisors after restoring the v1 file: %d", n)
	}
	if p, _ := db.Advisors.Find(Query{Text: "SA0003", Sort: -1}); p.Total != 1 {
		t.Fatal("the restored file was not migrated (no listing rows)")
	}
	mustCheck(t, db)
	entries, _ := os.ReadDir(filepath.Dir(db.Path()))
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Fatalf("left behind: %s", e.Name())
		}
	}
}

// Defect 4: a backup over an existing good file, from a damaged source,
// renamed the copy over the target before verifying it, then deleted it.
func TestFailedBackupLeavesTargetAlone(t *testing.T) {
	path := demoCopy(t, "office.db")
	out := filepath.Join(t.TempDir(), "backup.db")
	copyTestFile(t, path, out)
	before, _ := os.ReadFile(out)
	raw, _ := os.ReadFile(path)
	i := bytes.Index(raw, []byte("dealer.example.cn"))
	raw[i] ^= 0x20 // a record's checksum fails: the copy cannot verify
	os.WriteFile(path, raw, 0o600)
	db, err := openProgram(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Backup(context.Background(), out, nil); !isDamaged(err) {
		t.Fatalf("backup of a damaged file: %v", err)
	}
	if after, _ := os.ReadFile(out); !bytes.Equal(after, before) {
		t.Fatal("a failed backup changed the existing target")
	}
	assertNoTemp(t, filepath.Dir(out))
}

func assertNoTemp(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Fatalf("temporary file left in %s: %s", dir, e.Name())
		}
	}
}

// Defect 5 and 12: a backup onto the data file itself, onto a data file
// another process holds, or into a missing folder is refused, naming the
// file or folder the user gave (not our hidden temporary file).
func TestBackupRefusesBadTargets(t *testing.T) {
	db := openTemp(t)
	fill(t, db, 3)
	var same *SameFileError
	if err := db.Backup(context.Background(), db.Path(), nil); !errors.As(err, &same) {
		t.Fatalf("backup onto itself: %v", err)
	}
	missing := filepath.Join(t.TempDir(), "no-such-folder", "b.db")
	var nf *NoFolderError
	if err := db.Backup(context.Background(), missing, nil); !errors.As(err, &nf) || nf.Path != filepath.Dir(missing) ||
		strings.Contains(err.Error(), ".tmp") {
		t.Fatalf("backup into a missing folder: %v", err)
	}
	other := filepath.Join(t.TempDir(), "other.db")
	o, _ := openProgram(other, nil)
	fill(t, o, 2)
	o.Close()
	holder := child(t, "hold", other)
	stdin, _ := holder.StdinPipe()
	out, _ := holder.StdoutPipe()
	if err := holder.Start(); err != nil {
		t.Fatal(err)
	}
	defer holder.Wait()
	defer stdin.Close()
	line := make([]byte, 5)
	out.Read(line)
	before, _ := os.ReadFile(other)
	var inUse *TargetInUseError
	if err := db.Backup(context.Background(), other, nil); !errors.As(err, &inUse) {
		t.Fatalf("backup onto a file in use: %v", err)
	}
	if after, _ := os.ReadFile(other); !bytes.Equal(after, before) {
		t.Fatal("the file in use was replaced")
	}
	var sf *SameFileError
	if _, err := db.Restore(context.Background(), db.Path()); !errors.As(err, &sf) {
		t.Fatalf("restore from the data file itself: %v", err)
	}
}

// Defect 8: a read-only open of a not-yet-migrated file showed no records
// (check "ok: 0 records", an empty export). It is read through a migrated
// temporary copy; the file itself is not changed.
func TestReadOnlyOlderFileShowsItsRecords(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v1.db")
	copyTestFile(t, filepath.Join("testdata", "schema-v1.db"), path)
	before, _ := os.ReadFile(path)
	db, err := openProgram(path, &Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	recs, err := db.AdvisorsByEmpNo()
	if err != nil || len(recs) != 12 {
		t.Fatalf("advisors of the v1 file read-only: %d %v", len(recs), err)
	}
	r, err := db.Check(context.Background())
	if err != nil || !r.OK() || r.Records != 12 {
		t.Fatalf("check of the v1 file: %+v %v", r, err)
	}
	db.Close()
	if after, _ := os.ReadFile(path); !bytes.Equal(after, before) {
		t.Fatal("a read-only open changed the older file")
	}
	if err := VerifyFile(path); err != nil {
		t.Fatal(err)
	}
}

// Defect 12: a damaged file's report counts its records ("N problems in 0
// records" before); a failed compaction leaves no output; temporary files of
// a killed backup or restore go at the next open.
func TestSmallerDefects(t *testing.T) {
	path := demoCopy(t, "office.db")
	raw, _ := os.ReadFile(path)
	i := bytes.Index(raw, []byte("dealer.example.cn"))
	raw[i] ^= 0x20
	os.WriteFile(path, raw, 0o600)
	r, err := CheckIsolated(context.Background(), path)
	if err != nil || r.OK() || r.Records < 120 {
		t.Fatalf("report of a damaged file: %+v %v", r, err)
	}

	db, err := openProgram(path, &Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "small.db")
	if err := db.CompactTo(context.Background(), out, nil); !isDamaged(err) {
		t.Fatalf("compaction of a damaged file: %v", err)
	}
	db.Close()
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Fatal("a failed compaction left its output")
	}
	assertNoTemp(t, filepath.Dir(out))

	good := demoCopy(t, "office.db")
	stale := []string{good + ".restore.tmp", good + ".compact.tmp", filepath.Join(filepath.Dir(good), ".office.db.123.tmp"),
		filepath.Join(BackupDir(good), ".office-20261127-090000.000-before-import.db.456.tmp")}
	os.MkdirAll(BackupDir(good), 0o700)
	keep := filepath.Join(filepath.Dir(good), ".other.db.1.tmp") // another file's
	for _, p := range append(stale, keep) {
		os.WriteFile(p, nil, 0o600)
	}
	db, err = openProgram(good, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	for _, p := range stale {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Fatalf("stale %s not removed", p)
		}
	}
	if _, err := os.Stat(keep); err != nil {
		t.Fatal("another file's temporary file was removed")
	}
}

// A damaged listing row (the short strings a list and an export sort by)
// is an error, not a record listed out of place or under another name.
func TestDamagedListingRowIsAnError(t *testing.T) {
	path := demoCopy(t, "office.db")
	db, err := openProgram(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := db.Advisors.ByEmpNo.Get("SA0007")
	var row []byte
	db.View(func(tx *Tx) error {
		row = append(row, tx.tx.Bucket([]byte("advisors.rows")).Get(itob(a.ID))...)
		return nil
	})
	db.Close()
	raw, _ := os.ReadFile(path)
	i := bytes.Index(raw, row)
	if i < 0 {
		t.Fatal("row not found in the file")
	}
	raw[i+len(row)-1] ^= 0x01
	os.WriteFile(path, raw, 0o600)
	db, err = openProgram(path, &Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if recs, err := db.AdvisorsByEmpNo(); !isDamaged(err) {
		t.Fatalf("roster from a damaged listing: %d records, %v", len(recs), err)
	}
}

// A check that runs out of time is no verdict: it is not reported as damage
// (the window stays quiet; check and Settings say it did not finish).
func TestCheckTimeoutIsNotDamage(t *testing.T) {
	path := demoCopy(t, "office.db")
	ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
	defer cancel()
	_, err := CheckIsolated(ctx, path)
	var te *CheckTimeoutError
	if !errors.As(err, &te) || isDamaged(err) {
		t.Fatalf("a check past its time: %v", err)
	}
	if key, _ := te.MessageKey(); key != "err.check_timeout" {
		t.Fatalf("message key %q", key)
	}
}

// A file written by the earlier AdvisorDesk (bbolt's NoFreelistSync) has no
// free list on disk: its first read-write open walks every page inside
// bbolt, where damage crashed the process beyond any recover. Such a file is
// checked in a child first; once opened, it has a free list.
func TestOldFileWithoutFreelistIsCheckedBeforeWriting(t *testing.T) {
	old := func(t *testing.T) string {
		path := demoCopy(t, "office.db")
		b, err := bolt.Open(path, 0o600, &bolt.Options{NoFreelistSync: true})
		if err != nil {
			t.Fatal(err)
		}
		if err := b.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucketIfNotExists([]byte("x")); return err }); err != nil {
			t.Fatal(err)
		}
		b.Close()
		if !walksAtOpen(path) {
			t.Fatal("the file still has a free list")
		}
		return path
	}
	path := old(t)
	db, err := openProgram(path, nil)
	if err != nil {
		t.Fatalf("a sound old file: %v", err)
	}
	db.Close()
	if walksAtOpen(path) {
		t.Fatal("no free list written at the first open")
	}
	path = old(t)
	flipInPage(t, path, kindLeaf, 0.8, 20)
	if _, err := openProgram(path, nil); !isDamaged(err) {
		t.Fatalf("a damaged old file opened for writing: %v", err)
	}
}
