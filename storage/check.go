package storage

import (
	"bytes"
	"context"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// Problem is one thing Check found wrong.
type Problem struct {
	Bucket string
	Key    []byte
	What   string
}

func (p Problem) String() string {
	if p.Key == nil {
		return fmt.Sprintf("%s: %s", p.Bucket, p.What)
	}
	return fmt.Sprintf("%s[%x]: %s", p.Bucket, p.Key, p.What)
}

// Report is the outcome of Check.
type Report struct {
	Records  int
	Problems []Problem
	// ToResolve is not damage but work for a person: a reference's text
	// that names no record yet (a supervisor's name kept from before
	// supervisors were references, that matched no advisor or several).
	ToResolve []Problem
}

func (r *Report) OK() bool { return len(r.Problems) == 0 }

func (r *Report) add(bucket string, key []byte, what string) {
	r.Problems = append(r.Problems, Problem{bucket, append([]byte(nil), key...), what})
}

// Check reads the whole file: bbolt's own page check, every value's
// checksum and decoding, and every index entry and listing row against the
// records they come from. It writes nothing.
func (db *DB) Check(ctx context.Context) (*Report, error) {
	r := &Report{}
	err := db.View(func(tx *Tx) error {
		for err := range tx.tx.Check() {
			r.add("file", nil, err.Error())
		}
		if err := ctx.Err(); err != nil {
			return ErrCanceled
		}
		v, err := schemaOf(tx.tx)
		if err != nil || v == 0 || v > SchemaVersion {
			r.add("meta", nil, fmt.Sprintf("schema version %d, this program knows 1–%d (%v)", v, SchemaVersion, err))
			return nil
		}
		// Every stored value carries its checksum, whatever the file's
		// version; records are counted here, so that a report with problems
		// still says how many records it looked at.
		records := map[string]bool{}
		for _, t := range db.tables() {
			records[string(t.bucketNames()[0])] = true
		}
		tx.tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			if bytes.Equal(name, bucketMeta) || bytes.Equal(name, bucketSettings) {
				return nil
			}
			return b.ForEach(func(k, v []byte) error {
				if records[string(name)] {
					r.Records++
				}
				if len(v) > 0 {
					if reason := verify(v); reason != "" {
						r.add(string(name), k, reason)
					}
				}
				return nil
			})
		})
		if v < SchemaVersion {
			return nil // an older file (a backup): its layout is checked once migrated
		}
		for _, name := range db.buckets() {
			if tx.tx.Bucket(name) == nil {
				r.add(string(name), nil, "bucket missing")
			}
		}
		if !r.OK() {
			return nil
		}
		for _, t := range db.tables() {
			if err := ctx.Err(); err != nil {
				return ErrCanceled
			}
			t.check(tx.tx, r)
		}
		checkChain(tx.tx, r)
		checkAccounts(tx.tx, r)
		if b := tx.tx.Bucket(bucketChanges); b != nil {
			if p := headProblem(db.path, func(seq uint64) []byte { return b.Get(itob(seq)) }); p != "" {
				r.add(string(bucketChanges), nil, p)
			}
		}
		return nil
	})
	return r, err
}

func (t *Table[T, P]) check(btx *bolt.Tx, r *Report) {
	want := map[string]map[string]bool{} // bucket → expected keys
	for _, ix := range t.indexes {
		want[string(ix.bucket)] = map[string]bool{}
	}
	var rows *bolt.Bucket
	if t.rows != nil {
		rows = btx.Bucket(t.rows)
	}
	c := btx.Bucket(t.bucket).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		rec := new(T)
		if err := decode(t.name, k, v, rec); err != nil {
			if verify(v) == "" { // a checksum failure is already reported
				r.add(t.name, k, err.(*CorruptError).Reason)
			}
			continue
		}
		if len(k) != 8 || P(rec).Key() != btoi(k) {
			r.add(t.name, k, "record key does not match its id")
			continue
		}
		t.checkRefsOf(btx, k, rec, r)
		if t.fillRefs(&Tx{tx: btx}, rec) != nil {
			continue // a damaged referenced record is reported on its own
		}
		d, err := t.derive(rec)
		if err != nil {
			r.add(t.name, k, err.Error())
			continue
		}
		for name, keys := range d.keys {
			b := btx.Bucket([]byte(name))
			for _, ik := range keys {
				want[name][string(ik)] = true
				if b.Get(ik) == nil && !hasKey(b, ik) {
					r.add(name, ik, "index entry missing")
				}
			}
		}
		if rows == nil {
			continue
		}
		if got := rows.Get(k); !bytes.Equal(got, d.row) {
			r.add(string(t.rows), k, "listing row missing or stale")
		}
	}
	for name, keys := range want {
		btx.Bucket([]byte(name)).ForEach(func(k, _ []byte) error {
			if !keys[string(k)] {
				r.add(name, k, "index entry for no record")
			}
			return nil
		})
	}
	if rows == nil {
		return
	}
	rows.ForEach(func(k, _ []byte) error {
		if btx.Bucket(t.bucket).Get(k) == nil {
			r.add(string(t.rows), k, "listing row for no record")
		}
		return nil
	})
}

// hasKey tells a present key with an empty value from an absent one (bbolt's
// Get returns nil for both an empty value and no key).
func hasKey(b *bolt.Bucket, k []byte) bool {
	got, _ := b.Cursor().Seek(k)
	return bytes.Equal(got, k)
}

// Reindex rebuilds every index and listing row from the records, in one
// transaction.
func (db *DB) Reindex() error {
	if err := db.needHR("backups"); err != nil {
		return err
	}
	return db.Update(func(tx *Tx) error {
		for _, t := range db.tables() {
			if err := t.rebuild(tx.tx); err != nil {
				return err
			}
		}
		return nil
	})
}
