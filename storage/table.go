package storage

import (
	"bytes"
	"errors"
	"time"

	"advisordesk/model"

	bolt "go.etcd.io/bbolt"
)

// Record is what a table stores: a value that knows its sequence key and
// the times it was made and changed.
type Record interface {
	Key() uint64
	SetKey(uint64)
	Touch(time.Time)
}

// validator is implemented by records that clean and check themselves before
// a save; the store refuses what Validate refuses.
type validator interface {
	Normalize()
	Validate(today model.Date) error
}

// Index describes one secondary index. Its bucket holds value 0x00 id keys
// with empty values, written in the same transaction as the record.
type Index[T any] struct {
	Name   string
	Field  string // the model field a duplicate is reported on
	Unique bool
	Values func(*T) []string
}

// Table is a typed record store over one bucket, with its indexes and the
// listing rows that search and sort use without decoding records.
type Table[T any, P interface {
	*T
	Record
}] struct {
	db      *DB
	name    string
	bucket  []byte
	rows    []byte
	indexes []Index[T]
	// columns gives the listing's cells (sorting uses them); search the text
	// that the search box matches.
	columns func(*T) []string
	search  func(*T) string
	list    *listing
}

// table is what check, reindex and restore need of every Table.
type table interface {
	Name() string
	bucketNames() [][]byte
	rebuild(tx *bolt.Tx) error
	check(tx *bolt.Tx, r *Report)
	reset()
}

func (t *Table[T, P]) Name() string { return t.name }

func (t *Table[T, P]) indexBucket(ix *Index[T]) []byte {
	return []byte(t.name + ".idx." + ix.Name)
}

func (t *Table[T, P]) bucketNames() [][]byte {
	names := [][]byte{t.bucket, t.rows}
	for i := range t.indexes {
		names = append(names, t.indexBucket(&t.indexes[i]))
	}
	return names
}

func indexKey(value string, id uint64) []byte {
	k := make([]byte, 0, len(value)+9)
	k = append(k, value...)
	k = append(k, 0)
	return append(k, itob(id)...)
}

// derived is everything a record implies besides itself.
type derived struct {
	keys map[string][][]byte // index bucket name → keys
	row  []byte
}

func (t *Table[T, P]) derive(rec *T) (derived, error) {
	d := derived{keys: map[string][][]byte{}}
	id := P(rec).Key()
	for i := range t.indexes {
		ix := &t.indexes[i]
		for _, v := range ix.Values(rec) {
			if v != "" {
				name := string(t.indexBucket(ix))
				d.keys[name] = append(d.keys[name], indexKey(v, id))
			}
		}
	}
	row, err := encode(append([]string{t.search(rec)}, t.columns(rec)...))
	d.row = row
	return d, err
}

// Get returns the record with key id, or ErrNotFound.
func (t *Table[T, P]) Get(id uint64) (*T, error) {
	var rec *T
	err := t.db.View(func(tx *Tx) (err error) {
		rec, err = t.TxGet(tx, id)
		return err
	})
	return rec, err
}

// TxGet is Get inside the caller's transaction.
func (t *Table[T, P]) TxGet(tx *Tx, id uint64) (*T, error) {
	k := itob(id)
	v := tx.tx.Bucket(t.bucket).Get(k)
	if v == nil {
		return nil, ErrNotFound
	}
	rec := new(T)
	if err := decode(t.name, k, v, rec); err != nil {
		return nil, err
	}
	return rec, nil
}

// GetMany returns the records for ids in that order, skipping none: a missing
// key is an error, since ids come from the listing of the same store.
func (t *Table[T, P]) GetMany(ids []uint64) ([]*T, error) {
	out := make([]*T, 0, len(ids))
	err := t.db.View(func(tx *Tx) error {
		for _, id := range ids {
			rec, err := t.TxGet(tx, id)
			if err != nil {
				return err
			}
			out = append(out, rec)
		}
		return nil
	})
	return out, err
}

// Save validates rec and writes it in its own transaction: a new record
// (key 0) gets the next sequence key.
func (t *Table[T, P]) Save(rec *T) error {
	return t.db.Update(func(tx *Tx) error { return t.Put(tx, rec) })
}

// Put validates rec and writes it with its index entries and listing row
// inside tx. A unique index that already holds the value for another record
// gives a model.FieldErrors with CodeDuplicate on the index's field.
func (t *Table[T, P]) Put(tx *Tx, rec *T) error {
	p := P(rec)
	if v, ok := any(rec).(validator); ok {
		v.Normalize()
		if err := v.Validate(t.db.Today()); err != nil {
			// Report a taken unique value in the same pass, so the form
			// marks every problem at once.
			fes, _ := model.AsFieldErrors(err)
			if uerr, ok := model.AsFieldErrors(t.checkUnique(tx, rec)); ok {
				for _, fe := range uerr {
					if fes.For(fe.Field) == nil {
						fes = append(fes, fe)
					}
				}
				return fes
			}
			return err
		}
	}
	b := tx.fill(tx.tx.Bucket(t.bucket), true)
	var old *T
	if id := p.Key(); id != 0 {
		var err error
		if old, err = t.TxGet(tx, id); err != nil {
			return err
		}
	} else {
		id, err := b.NextSequence()
		if err != nil {
			return err
		}
		p.SetKey(id)
	}
	if err := t.checkUnique(tx, rec); err != nil {
		if old == nil {
			p.SetKey(0) // the caller may fix the field and save again as new
		}
		return err
	}
	p.Touch(t.db.now())
	if old != nil {
		if err := t.unlink(tx, old); err != nil {
			return err
		}
	}
	v, err := encode(rec)
	if err != nil {
		return err
	}
	if err := b.Put(itob(p.Key()), v); err != nil {
		return err
	}
	return t.link(tx, rec)
}

func (t *Table[T, P]) checkUnique(tx *Tx, rec *T) error {
	id := P(rec).Key()
	var errs model.FieldErrors
	for i := range t.indexes {
		ix := &t.indexes[i]
		if !ix.Unique {
			continue
		}
		c := tx.tx.Bucket(t.indexBucket(ix)).Cursor()
		for _, v := range ix.Values(rec) {
			prefix := append([]byte(v), 0)
			for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
				if len(k) == len(prefix)+8 && btoi(k[len(prefix):]) != id {
					errs = append(errs, &model.FieldError{Field: ix.Field, Code: model.CodeDuplicate, Arg: v})
					break
				}
			}
		}
	}
	if errs != nil {
		return errs
	}
	return nil
}

// link writes rec's index entries and listing row; unlink removes them.
func (t *Table[T, P]) link(tx *Tx, rec *T) error {
	d, err := t.derive(rec)
	if err != nil {
		return err
	}
	for name, keys := range d.keys {
		b := tx.fill(tx.tx.Bucket([]byte(name)), false)
		for _, k := range keys {
			if err := b.Put(k, nil); err != nil {
				return err
			}
		}
	}
	id := P(rec).Key()
	if err := tx.fill(tx.tx.Bucket(t.rows), true).Put(itob(id), d.row); err != nil {
		return err
	}
	tx.onCommit = append(tx.onCommit, func() { t.list.put(id, d.row) })
	return nil
}

func (t *Table[T, P]) unlink(tx *Tx, rec *T) error {
	d, err := t.derive(rec)
	if err != nil {
		return err
	}
	for name, keys := range d.keys {
		b := tx.tx.Bucket([]byte(name))
		for _, k := range keys {
			if err := b.Delete(k); err != nil {
				return err
			}
		}
	}
	id := P(rec).Key()
	tx.onCommit = append(tx.onCommit, func() { t.list.remove(id) })
	return tx.tx.Bucket(t.rows).Delete(itob(id))
}

// Delete removes the record with key id and its index entries.
func (t *Table[T, P]) Delete(id uint64) error {
	return t.db.Update(func(tx *Tx) error { return t.Remove(tx, id) })
}

// Remove is Delete inside the caller's transaction.
func (t *Table[T, P]) Remove(tx *Tx, id uint64) error {
	old, err := t.TxGet(tx, id)
	if err != nil {
		return err
	}
	if err := t.unlink(tx, old); err != nil {
		return err
	}
	return tx.tx.Bucket(t.bucket).Delete(itob(id))
}

// Lookup finds the record whose unique index holds value.
func (t *Table[T, P]) Lookup(index, value string) (*T, error) {
	var rec *T
	err := t.db.View(func(tx *Tx) error {
		ids, err := t.txIDsWhere(tx, index, value)
		if err != nil {
			return err
		}
		if len(ids) == 0 {
			return ErrNotFound
		}
		rec, err = t.TxGet(tx, ids[0])
		return err
	})
	return rec, err
}

// IDsWhere lists, in index order, the keys of records whose index holds value.
func (t *Table[T, P]) IDsWhere(index, value string) ([]uint64, error) {
	var ids []uint64
	err := t.db.View(func(tx *Tx) (err error) {
		ids, err = t.txIDsWhere(tx, index, value)
		return err
	})
	return ids, err
}

// txIDsWhere is IDsWhere inside the caller's transaction.
func (t *Table[T, P]) txIDsWhere(tx *Tx, index, value string) ([]uint64, error) {
	for i := range t.indexes {
		if ix := &t.indexes[i]; ix.Name == index {
			prefix := append([]byte(value), 0)
			var ids []uint64
			c := tx.tx.Bucket(t.indexBucket(ix)).Cursor()
			for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
				if len(k) == len(prefix)+8 {
					ids = append(ids, btoi(k[len(prefix):]))
				}
			}
			return ids, nil
		}
	}
	return nil, errors.New("no index " + index)
}

// Each calls fn for every record in key order inside one read transaction;
// for exports and reports. fn must not write to the store.
func (t *Table[T, P]) Each(fn func(*T) error) error {
	return t.db.View(func(tx *Tx) error {
		c := tx.tx.Bucket(t.bucket).Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			rec := new(T)
			if err := decode(t.name, k, v, rec); err != nil {
				return err
			}
			if err := fn(rec); err != nil {
				return err
			}
		}
		return nil
	})
}

// rebuild recreates the table's indexes and listing rows from its records.
// Damaged records are skipped here; Check reports them.
func (t *Table[T, P]) rebuild(btx *bolt.Tx) error {
	for _, name := range t.bucketNames()[1:] {
		if btx.Bucket(name) != nil {
			if err := btx.DeleteBucket(name); err != nil {
				return err
			}
		}
		if _, err := btx.CreateBucket(name); err != nil {
			return err
		}
	}
	tx := &Tx{tx: btx, bulk: true} // every index and row is rewritten
	c := btx.Bucket(t.bucket).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		rec := new(T)
		if decode(t.name, k, v, rec) != nil {
			continue
		}
		if err := t.link(tx, rec); err != nil {
			return err
		}
	}
	btx.OnCommit(t.reset)
	return nil
}

func (t *Table[T, P]) reset() { t.list.reset() }
