package storage

import (
	"context"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"advisordesk/model"

	bolt "go.etcd.io/bbolt"
)

var updateV1 = flag.Bool("update-v1", false, "rewrite testdata/schema-v1.db (only if the v1 layout below changes)")

// writeV1 lays out a file as schema version 1 wrote it: meta, the advisors
// and their employee-number index, nothing else.
func writeV1(path string) error {
	b, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		return err
	}
	defer b.Close()
	return b.Update(func(tx *bolt.Tx) error {
		meta, _ := tx.CreateBucket(bucketMeta)
		meta.Put(metaSchema, itob(1))
		meta.Put(metaCodec, []byte(codecName))
		recs, _ := tx.CreateBucket([]byte("advisors"))
		idx, _ := tx.CreateBucket([]byte("advisors.idx.empno"))
		for _, a := range model.DemoAdvisors(12, 3, "2025-06-30") {
			id, _ := recs.NextSequence()
			a.ID = id
			a.Created = fixedNow().AddDate(-1, 0, 0)
			a.Updated = a.Created
			v, err := encode(&a)
			if err != nil {
				return err
			}
			recs.Put(itob(id), v)
			idx.Put(indexKey(a.EmpNo, id), nil)
		}
		return nil
	})
}

func TestMigrateFromV1(t *testing.T) {
	master := filepath.Join("testdata", "schema-v1.db")
	if *updateV1 {
		os.Remove(master)
		if err := writeV1(master); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "office.db")
	copyTestFile(t, master, path)

	db, err := openProgram(path, &Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	mustCheck(t, db)
	if n, _ := db.Advisors.Count(); n != 12 {
		t.Fatalf("advisors after migration: %d", n)
	}
	if p, _ := db.Advisors.Find(Query{Text: "SA0003", Sort: -1}); p.Total != 1 {
		t.Fatalf("listing rows not built: %+v", p)
	}
	a, _ := db.Advisors.ByEmpNo.Get("SA0003")
	if ids, _ := db.Advisors.ByDept.IDs(a.Department); len(ids) == 0 {
		t.Fatal("department index not built")
	}
	entries, _ := os.ReadDir(BackupDir(path))
	if len(entries) != 1 || !strings.Contains(entries[0].Name(), "before-migration-v1") {
		t.Fatalf("no backup before migration: %v", entries)
	}
	backup := filepath.Join(BackupDir(path), entries[0].Name())
	if err := VerifyFile(backup); err != nil {
		t.Fatalf("backup before migration: %v", err)
	}
	b, _ := bolt.Open(backup, 0o600, &bolt.Options{ReadOnly: true})
	b.View(func(tx *bolt.Tx) error {
		if v, _ := schemaOf(tx); v != 1 {
			t.Fatalf("backup has schema %d, want the old file's 1", v)
		}
		return nil
	})
	b.Close()
	// A newer file is refused, not damaged.
	db.Close()
	b, _ = bolt.Open(path, 0o600, nil)
	b.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(metaSchema, itob(SchemaVersion+1)) })
	b.Close()
	if _, err := openProgram(path, nil); err == nil || !strings.Contains(err.Error(), "update the program") {
		t.Fatalf("newer file: %v", err)
	}
}

func copyTestFile(t *testing.T, from, to string) {
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, _ := os.Create(to)
	defer out.Close()
	io.Copy(out, in)
}

// TestLayoutChangeRebuildsDerivedData: a file whose listing rows follow
// another layout than this build's description (a field added to a list or
// to the search) has them rebuilt at the next open, with no migration
// written for it; a read-only open reads a rebuilt copy and leaves the file.
func TestLayoutChangeRebuildsDerivedData(t *testing.T) {
	path := filepath.Join(t.TempDir(), "office.db")
	db, err := openProgram(path, &Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.LoadDemo(8, 1); err != nil {
		t.Fatal(err)
	}
	db.Close()
	// What an older description would have left: rows of one column fewer
	// and its layout on record.
	b, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	b.Update(func(tx *bolt.Tx) error {
		rows := tx.Bucket([]byte("advisors.rows"))
		rows.ForEach(func(k, _ []byte) error {
			v, _ := encode([]string{"", "stale"})
			return rows.Put(k, v)
		})
		return tx.Bucket(bucketMeta).Put([]byte(metaLayout+"advisors"), []byte("list empno; search empno:0"))
	})
	b.Close()

	ro, err := openProgram(path, &Options{Now: fixedNow, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if p, err := ro.Advisors.Find(Query{Text: "sa0001"}); err != nil || p.Total != 1 {
		t.Fatalf("read-only open of a stale layout finds %d, %v", p.Total, err)
	}
	ro.Close()

	db, err = openProgram(path, &Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	r, err := db.Check(context.Background())
	if err != nil || !r.OK() {
		t.Fatalf("check after the relayout: %+v, %v", r, err)
	}
	if p, _ := db.Advisors.Find(Query{Text: "sa0001"}); p.Total != 1 {
		t.Fatalf("search after the relayout finds %d advisors, want 1", p.Total)
	}
}

// TestMigrateDropsServedReferenceIndexes: a schema-7 file kept an index for
// a reception's customer and for a call's customer and advisor. Version 8
// finds who refers through the day indexes instead: the migration drops
// the three buckets and records the tables' new layouts without rebuilding
// their rows, and the delete rule still sees the reception and the call.
func TestMigrateDropsServedReferenceIndexes(t *testing.T) {
	o := newOffice(t)
	r := &model.Reception{Date: "2026-11-27", Time: "10:30", AdvisorID: o.an.ID, Outcome: model.OutcomeService}
	c := &model.Customer{Name: "周杰", Phone: "13800138000"}
	if err := o.adv.SaveReception(r, c); err != nil {
		t.Fatal(err)
	}
	path := o.hr.Path()
	o.hr.Close()

	// The file as version 7 left it.
	recs, calls := o.hr.Receptions, o.hr.FollowUps
	gone := []string{"receptions.idx.ref.reception_customer", "followups.idx.ref.followup_customer", "followups.idx.ref.followup_advisor"}
	rows := []string{"receptions.rows", "followups.rows"}
	b, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = b.Update(func(tx *bolt.Tx) error {
		var v7 [3]*bolt.Bucket
		for i, name := range gone {
			if v7[i], err = tx.CreateBucket([]byte(name)); err != nil {
				return err
			}
		}
		tx.Bucket(recs.bucket).ForEach(func(k, v []byte) error {
			var rec model.Reception
			decode(recs.name, k, v, &rec)
			return v7[0].Put(indexKey(refKey(rec.CustomerID), rec.ID), nil)
		})
		tx.Bucket(calls.bucket).ForEach(func(k, v []byte) error {
			var f model.FollowUp
			decode(calls.name, k, v, &f)
			return errors.Join(v7[1].Put(indexKey(refKey(f.CustomerID), f.ID), nil),
				v7[2].Put(indexKey(refKey(f.AdvisorID), f.ID), nil))
		})
		// A rebuild makes the rows' buckets anew: a mark on them tells.
		for _, name := range rows {
			if err := tx.Bucket([]byte(name)).SetSequence(7); err != nil {
				return err
			}
		}
		meta := tx.Bucket(bucketMeta)
		return errors.Join(meta.Put(metaSchema, itob(7)),
			meta.Put([]byte(metaLayout+recs.name), []byte(recs.layoutOf(recs.indexedBefore))),
			meta.Put([]byte(metaLayout+calls.name), []byte(calls.layoutOf(calls.indexedBefore))))
	})
	b.Close()
	if err != nil {
		t.Fatal(err)
	}

	file, err := Open(path, &Options{Now: fixedNow, WeakHashes: true})
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	hr, err := file.Login("admin", testPassword)
	if err != nil {
		t.Fatal(err)
	}
	hr.bolt.View(func(tx *bolt.Tx) error {
		if v, _ := schemaOf(tx); v != SchemaVersion {
			t.Errorf("schema %d after the migration, want %d", v, SchemaVersion)
		}
		for _, name := range gone {
			if tx.Bucket([]byte(name)) != nil {
				t.Errorf("%s kept", name)
			}
		}
		for _, name := range rows {
			if tx.Bucket([]byte(name)).Sequence() != 7 {
				t.Errorf("%s rebuilt: the migration leaves nothing to rebuild", name)
			}
		}
		return nil
	})
	var inUse *InUseError
	if err := hr.DeleteCustomer(c.ID); !errors.As(err, &inUse) || len(inUse.Uses) != 2 {
		t.Fatalf("deleting the walk-in after the migration: %v", err)
	}
	mustCheck(t, hr)
	entries, _ := os.ReadDir(BackupDir(path))
	if !slices.ContainsFunc(entries, func(e os.DirEntry) bool { return strings.Contains(e.Name(), "before-migration-v7") }) {
		t.Errorf("no backup before the migration: %v", entries)
	}
}
