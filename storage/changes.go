package storage

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/user"
	"slices"

	"advisordesk/model"

	"github.com/vmihailenco/msgpack/v5"
	bolt "go.etcd.io/bbolt"
)

// bucketChanges is the change log: one model.Change per write a person made,
// under a sequence key, oldest first. The access chapter's audit log is this
// same log.
var bucketChanges = []byte("changes")

// LocalUser is the identity of the computer's user, for the window and the
// command line until accounts exist.
func LocalUser() model.Identity {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return model.Local(u.Username)
	}
	for _, v := range []string{"USER", "USERNAME"} {
		if s := os.Getenv(v); s != "" {
			return model.Local(s)
		}
	}
	return model.Local("")
}

// logChange records in tx's change log that tx's person created (old nil),
// changed or deleted (rec nil) a record, with the fields that differ. A
// save that changed nothing, and the program's own writes, are not logged.
func (t *Table[T, P]) logChange(tx *Tx, old, rec *T) error {
	if tx.who.Role == "" || tx.who.Role == model.RoleProgram || tx.noLog {
		return nil
	}
	c := model.Change{Table: t.name, Action: model.Updated}
	switch {
	case old == nil:
		c.Action, c.Record = model.Created, P(rec).Key()
	case rec == nil:
		c.Action, c.Record = model.Deleted, P(old).Key()
	default:
		c.Record = P(rec).Key()
	}
	var err error
	if c.Fields, err = t.diff(old, rec); err != nil {
		return err
	}
	if c.Action == model.Updated && len(c.Fields) == 0 {
		return nil
	}
	return tx.appendLog(c)
}

// diff lists the fields of old and rec (either may be nil) that differ: by
// the record's description where it has one, else by the names its stored
// form gives its fields. The record's own times are left out.
func (t *Table[T, P]) diff(old, rec *T) ([]model.FieldChange, error) {
	if r := t.record; r != nil {
		var out []model.FieldChange
		for i := range r.Fields {
			f := &r.Fields[i]
			o, n := textOf(f, old), textOf(f, rec)
			if o != n {
				out = append(out, model.FieldChange{Field: f.Key, Old: o, New: n})
			}
		}
		return out, nil
	}
	om, err := fieldMap(old)
	if err != nil {
		return nil, err
	}
	nm, err := fieldMap(rec)
	if err != nil {
		return nil, err
	}
	keys := make([]string, 0, len(om)+len(nm))
	for k := range om {
		keys = append(keys, k)
	}
	for k := range nm {
		if _, ok := om[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var out []model.FieldChange
	for _, k := range keys {
		if k == "id" || k == "created" || k == "updated" {
			continue
		}
		if o, n := om[k], nm[k]; o != n {
			out = append(out, model.FieldChange{Field: k, Old: o, New: n})
		}
	}
	return out, nil
}

func textOf[T any](f *model.Field[T], rec *T) string {
	if rec == nil {
		return ""
	}
	return f.Get(rec)
}

// maxChangeText bounds one field's text in the log: a template's items or a
// form's scores are summed up, not copied whole into every entry.
const maxChangeText = 300

// fieldMap is a record's stored fields by name, each as short text.
func fieldMap(rec any) (map[string]string, error) {
	out := map[string]string{}
	if rec == nil {
		return out, nil
	}
	b, err := msgpack.Marshal(rec)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := msgpack.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	for k, v := range m {
		s := fmt.Sprint(v)
		if v == nil {
			s = ""
		}
		if r := []rune(s); len(r) > maxChangeText {
			s = string(r[:maxChangeText]) + "…"
		}
		out[k] = s
	}
	return out, nil
}

// chainHash is what the next entry of the change log carries of this one:
// the SHA-256 of its stored bytes, checksum header included.
func chainHash(stored []byte) string {
	sum := sha256.Sum256(stored)
	return hex.EncodeToString(sum[:])
}

// checkChain walks the change log in order and reports each entry whose
// link to the entry before does not hold: one edited, inserted or removed
// outside the program. (Entries cut from the end leave no broken link; the
// head kept outside the file is for that.)
func checkChain(btx *bolt.Tx, r *Report) {
	b := btx.Bucket(bucketChanges)
	if b == nil {
		return
	}
	var prev []byte
	b.ForEach(func(k, v []byte) error {
		var c model.Change
		if err := decode(string(bucketChanges), k, v, &c); err != nil {
			if verify(v) == "" { // a checksum failure is already reported
				r.add(string(bucketChanges), k, err.(*CorruptError).Reason)
			}
		} else if want := hashOrEmpty(prev); c.Prev != want {
			r.add(string(bucketChanges), k, "change log broken: this entry does not follow the one before it")
		}
		prev = append(prev[:0], v...)
		return nil
	})
}

func hashOrEmpty(b []byte) string {
	if b == nil {
		return ""
	}
	return chainHash(b)
}

// ChangeQuery picks entries of the change log: of one table, of one record
// of it, the newest first, at most Limit (0: all).
type ChangeQuery struct {
	Table  string
	Record uint64
	Limit  int
}

// Changes reads the change log, newest first. A damaged entry is listed as
// unreadable, whatever the query, not an error. The whole log is HR's; one
// record's history is for those who may read the record.
func (db *DB) Changes(q ChangeQuery) ([]model.Change, error) {
	var out []model.Change
	err := db.View(func(tx *Tx) error {
		mask, err := db.mayReadHistory(tx, q)
		if err != nil {
			return err
		}
		b := tx.tx.Bucket(bucketChanges)
		if b == nil {
			return nil // a file from before the log, opened read-only
		}
		c := b.Cursor()
		for k, v := c.Last(); k != nil && (q.Limit == 0 || len(out) < q.Limit); k, v = c.Prev() {
			var ch model.Change
			if decode(string(bucketChanges), k, v, &ch) != nil {
				// One bad value must not hide every record's history, nor
				// pass unseen: it stands as unreadable (check reports it).
				out = append(out, model.Change{Action: model.Unreadable})
				continue
			}
			if (q.Table == "" || ch.Table == q.Table) && (q.Record == 0 || ch.Record == q.Record) {
				if mask != nil {
					mask(&ch)
				}
				out = append(out, ch)
			}
		}
		return nil
	})
	return out, err
}

// mayReadHistory: HR reads any part of the log; others one record's
// history, of a record they may read. It returns how each entry is to be
// masked (nil: as it is): a record its reader sees masked has a history
// with the same fields masked, or its past values would show them.
func (db *DB) mayReadHistory(tx *Tx, q ChangeQuery) (func(*model.Change), error) {
	if tx.who.Role == "" {
		return nil, ErrSignedOut
	}
	if tx.scope().Can(model.PermManageAccounts) {
		return nil, nil
	}
	for _, t := range db.all {
		if r, ok := t.(interface {
			readable(tx *Tx, id uint64) (func(*model.Change), error)
		}); ok && t.Name() == q.Table && q.Record != 0 {
			return r.readable(tx, q.Record)
		}
	}
	return nil, &model.Refusal{Table: "changes", Perm: model.PermManageAccounts}
}

// readable says whether the transaction's person may read record id's
// history, and how to mask it (see mayReadHistory); a record no longer on
// file has a history only HR reads.
func (t *Table[T, P]) readable(tx *Tx, id uint64) (func(*model.Change), error) {
	rec, err := t.TxGet(tx, id)
	if errors.Is(err, ErrNotFound) {
		return nil, t.refuse(id, model.PermManageAccounts)
	}
	if err != nil || t.record == nil || t.viewOf(tx, rec) != viewMasked {
		return nil, err
	}
	return func(c *model.Change) {
		for i := range c.Fields {
			if f := t.record.Field(c.Fields[i].Field); f != nil && f.Sensitive {
				c.Fields[i].Old, c.Fields[i].New = f.Mask(c.Fields[i].Old), f.Mask(c.Fields[i].New)
			}
		}
	}, nil
}

// RecordChanges is one record's change log, newest first, at most limit.
func (db *DB) RecordChanges(table string, id uint64, limit int) ([]model.Change, error) {
	return db.Changes(ChangeQuery{Table: table, Record: id, Limit: limit})
}
