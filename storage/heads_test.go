package storage

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"advisordesk/model"

	bolt "go.etcd.io/bbolt"
)

// rewriteLog edits entry seq of the log at path as another tool could: the
// new text stored with a valid checksum, and every later entry's link
// recomputed, so the chain itself holds together again.
func rewriteLog(t *testing.T, path string, seq uint64, edit func(*model.Change)) {
	t.Helper()
	b, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	err = b.Update(func(tx *bolt.Tx) error {
		log := tx.Bucket(bucketChanges)
		var prev []byte
		c := log.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			var ch model.Change
			if err := decode("changes", k, v, &ch); err != nil {
				return err
			}
			if btoi(k) == seq {
				edit(&ch)
			}
			if prev != nil {
				ch.Prev = chainHash(prev)
			}
			nv, err := encode(&ch)
			if err != nil {
				return err
			}
			if err := log.Put(k, nv); err != nil {
				return err
			}
			prev = nv
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestRememberedHeadFindsARecomputedChain(t *testing.T) {
	dir := t.TempDir()
	RememberHeadsIn(filepath.Join(dir, "heads.json"))
	t.Cleanup(func() { RememberHeadsIn("") })
	path := filepath.Join(dir, "office.db")
	file, err := Open(path, &Options{WeakHashes: true})
	if err != nil {
		t.Fatal(err)
	}
	hr, _, err := file.SetUp("admin", "王", testPassword)
	if err != nil {
		t.Fatal(err)
	}
	a := advisor("SA1", "张三")
	if err := hr.SaveAdvisor(a); err != nil {
		t.Fatal(err)
	}
	a.Department = "销售部"
	if err := hr.SaveAdvisor(a); err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(dir, "copy.db")
	if err := hr.Backup(context.Background(), backup, nil); err != nil {
		t.Fatal(err)
	}
	file.Close()
	// Someone hides who changed the department, with a tool that knows
	// the chain: it holds together, and only the remembered head tells.
	for _, p := range []string{path, backup} {
		rewriteLog(t, p, 3, func(c *model.Change) { c.Who.Name = "李四" })
	}
	for _, p := range []string{path, backup} {
		r, err := CheckIsolated(context.Background(), p)
		if err != nil {
			t.Fatal(err)
		}
		if r.OK() || !strings.Contains(r.Problems[0].String(), "rewritten by another tool") {
			t.Fatalf("%s: a rewritten log passed the check: %+v", filepath.Base(p), r.Problems)
		}
	}
	// On another computer (nothing remembered, no copy beside it) the
	// recomputed chain passes: the head is what catches it.
	RememberHeadsIn("")
	other := filepath.Join(t.TempDir(), "office.db")
	copyTestFile(t, path, other)
	if r, err := CheckIsolated(context.Background(), other); err != nil || !r.OK() {
		t.Fatalf("a consistent chain without a remembered head: %+v %v", r, err)
	}
	// An entry edited without recomputing breaks the chain itself.
	b, _ := bolt.Open(other, 0o600, nil)
	b.Update(func(tx *bolt.Tx) error {
		log := tx.Bucket(bucketChanges)
		v := log.Get(itob(2))
		var ch model.Change
		decode("changes", itob(2), v, &ch)
		ch.Who.Name = "李四"
		nv, _ := encode(&ch)
		return log.Put(itob(2), nv)
	})
	b.Close()
	if r, _ := CheckIsolated(context.Background(), other); r.OK() || !strings.Contains(r.Problems[0].String(), "change log broken") {
		t.Fatalf("an edited entry passed: %+v", r.Problems)
	}
}
