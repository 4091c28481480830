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

// An account added, or a password set, with another tool breaks no chain:
// check compares the accounts with what the audit log recorded of them.
func TestAccountsAddedOutsideTheApp(t *testing.T) {
	o := newOffice(t)
	path := o.hr.Path()
	if r, err := o.hr.Check(context.Background()); err != nil || !r.OK() {
		t.Fatalf("a sound office: %+v %v", r, err)
	}
	o.hr.Close()
	b, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	known, _ := hashPassword("known pass 1", weakCost)
	err = b.Update(func(tx *bolt.Tx) error {
		accounts := tx.Bucket([]byte("accounts"))
		// a new HR account
		id, _ := accounts.NextSequence()
		v, _ := encode(&model.Account{ID: id, Login: "mallory", Name: "M", Role: model.RoleHR, State: model.Enabled, Hash: known})
		if err := accounts.Put(itob(id), v); err != nil {
			return err
		}
		// and the admin's password replaced by a known one
		var admin model.Account
		decode("accounts", itob(1), accounts.Get(itob(1)), &admin)
		admin.Hash = known
		v, _ = encode(&admin)
		return accounts.Put(itob(1), v)
	})
	b.Close()
	if err != nil {
		t.Fatal(err)
	}
	r, err := CheckIsolated(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, p := range r.Problems {
		found = append(found, p.String())
	}
	all := strings.Join(found, "\n")
	if !strings.Contains(all, `account "mallory" is not in the audit log`) ||
		!strings.Contains(all, `account "admin": its password_set differs from the audit log`) {
		t.Fatalf("check after accounts were changed with another tool:\n%s", all)
	}
}
