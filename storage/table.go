package storage

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
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

// index is one secondary index of a table. Its bucket holds value 0x00 id
// keys with empty values, written in the same transaction as the record.
type index[T any] struct {
	name   string
	field  string // the model field a duplicate is reported on
	unique bool
	values func(*T) []string
	bucket []byte
}

// Index is a typed handle on one index of a table: code holds the handle, so
// a misspelt index does not compile, and K is what the index is looked up by.
type Index[T any, K any] struct {
	ix  *index[T]
	db  *DB
	key func(K) string
	get func(*Tx, uint64) (*T, error)
	// reaches reports whether the transaction's person sees record id.
	reaches func(*Tx, uint64) (bool, error)
}

// Table is a typed record store over one bucket, with its indexes and,
// when a screen lists it, the listing rows that search and sort use without
// decoding records.
type Table[T any, P interface {
	*T
	Record
}] struct {
	db      *DB
	name    string
	bucket  []byte
	rows    []byte           // nil: no listing
	record  *model.Record[T] // the description, if the record type has one
	indexes []*index[T]
	// indexedBefore, if set, is indexes as files before schema 8 kept
	// them, with the reference indexes others now answer for (servedBy).
	indexedBefore []*index[T]
	lister        *lister[T]
	list          *listing
	// Of a described table: the indexes a reference finds a record by,
	// and its own reference fields.
	byKey, byTitle *index[T]
	refs           []*tableRef[T]
	// scope is who reaches which record (access.go).
	scope scoping[T]
	// afterPut, if set, writes what a save implies beyond the record, in
	// its transaction: a product's stock history (sales.go).
	afterPut func(tx *Tx, old, rec *T) error
}

// lister says what a table's listing keeps of each record: the cells that
// sort and filter, named by field key, and the text the search box matches.
type lister[T any] struct {
	keys    []string
	columns func(*T) []string
	search  func(*T) string
	// searched names what the search text is made of, where a description
	// says so (see layout).
	searched string
	// owner and assigned, of an owned record type, are kept in each row
	// too, so that a listing shows a person only their reach (access.go).
	owner    func(*T) uint64
	assigned func(*T) []uint64
	// secret, of a record type others read masked, is the whole text of its
	// sensitive searched fields: the search text holds them masked, so that
	// typing digits cannot find what the mask hides (listing.query).
	secret func(*T) string
}

// refsMark starts, in a row's search text, the names of the records it
// refers to.
const refsMark = "\x03"

// unresolvedMark starts the cell of a reference whose text names no record
// yet: such rows sort first and a filter finds them (model.Match).
const unresolvedMark = "\x01"

// recordLister lists a described record type: its list fields are the
// columns, as their text; its searched fields the search text, a name also
// by pinyin and a phone number also by its digits alone.
func recordLister[T any](r *model.Record[T]) *lister[T] {
	fields := r.SortFields()
	l := &lister[T]{}
	shared := r.Owner != nil && r.Owner.Shared
	if o := r.Owner; o != nil {
		l.owner, l.assigned = o.Advisor, o.Assigned
	}
	for _, f := range fields {
		l.keys = append(l.keys, f.Key)
	}
	// hidden: a field others see masked, so its whole text is kept out of
	// the cells that anyone's search and sort run on.
	hidden := func(f *model.Field[T]) bool { return shared && f.Sensitive }
	l.columns = func(rec *T) []string {
		out := make([]string, len(fields))
		for i, f := range fields {
			out[i] = f.Get(rec)
			if hidden(f) {
				out[i] = f.Mask(out[i])
			}
			if f.Unresolved(rec) {
				out[i] = unresolvedMark + out[i]
			}
		}
		return out
	}
	l.searched = searchLayout(r)
	// text is the search text, the hidden fields masked; or, secret, the
	// hidden fields alone, whole.
	// The names of the records it refers to (a customer's advisor) come
	// last, after refsMark: a look-up of the record itself (Query.Own)
	// does not match them.
	text := func(rec *T, secret bool) string {
		var parts, refs []string
		for i := range r.Fields {
			f := &r.Fields[i]
			if !f.Search || secret && !hidden(f) {
				continue
			}
			v := f.Get(rec)
			if hidden(f) && !secret {
				v = f.Mask(v)
			}
			switch f.Kind {
			case model.KindName:
				parts = append(parts, v, pinyinSearch(v))
			case model.KindRef:
				refs = append(refs, v, pinyinSearch(v))
			case model.KindPhone:
				parts = append(parts, v)
				if d := digitsOnly(v); d != v {
					parts = append(parts, d) // only when it differs: the text every keystroke scans
				}
			default:
				parts = append(parts, v)
			}
		}
		if len(refs) > 0 {
			parts = append(parts, refsMark+strings.Join(refs, "\x1f"))
		}
		return FoldSearch(strings.Join(parts, "\x1f"))
	}
	l.search = func(rec *T) string { return text(rec, false) }
	for i := range r.Fields {
		if f := &r.Fields[i]; f.Search && hidden(f) {
			l.secret = func(rec *T) string { return text(rec, true) }
		}
	}
	return l
}

// searchLayout names what a record's search text holds and in what form:
// a file whose rows were written with another layout has them rebuilt.
func searchLayout[T any](r *model.Record[T]) string {
	var out string
	refs := false
	for i := range r.Fields {
		if f := &r.Fields[i]; f.Search {
			out += fmt.Sprintf("%s:%d ", f.Key, f.Kind)
			if f.Kind == model.KindPhone {
				out += "digits-if-other " // the layout of files before holds them always
			}
			refs = refs || f.Kind == model.KindRef
		}
	}
	if refs {
		out += "refs-last "
	}
	return out
}

// newTable declares a table; its buckets, their creation at open, check,
// reindex and compaction follow from this one declaration. l is nil for a
// table no screen lists.
func newTable[T any, P interface {
	*T
	Record
}](db *DB, name string, l *lister[T]) *Table[T, P] {
	t := &Table[T, P]{db: db, name: name, bucket: []byte(name), lister: l}
	if l != nil {
		t.rows = []byte(name + ".rows")
		if t.list = db.lists[name]; t.list == nil {
			t.list = newListing(t.loadRows, l.owned(), l.secret != nil)
			if db.lists == nil {
				db.lists = map[string]*listing{}
			}
			db.lists[name] = t.list
		}
	}
	for _, known := range db.all {
		if known.Name() == name {
			return t // a person's handle on a table the file has
		}
	}
	db.all = append(db.all, t)
	return t
}

// describedTable declares the table of a record type with a description:
// listed by it, with a unique index on its key field if it has one, an
// index on its title field (what a typed reference is matched by) and one
// on each reference field.
func describedTable[T any, P interface {
	*T
	Record
}](db *DB, r *model.Record[T]) (*Table[T, P], Index[T, string]) {
	t := newTable[T, P](db, r.Name, recordLister(r))
	t.record = r
	t.scope.write, t.scope.read = r.Write, r.Read
	if o := r.Owner; o != nil {
		t.scope.owner, t.scope.assigned, t.scope.shared = o.Advisor, o.Assigned, o.Shared
	}
	var byKey Index[T, string]
	if key := r.Field(r.Key); key != nil {
		byKey = addIndex(t, r.Key, key.Key, true, same,
			func(rec *T) []string { return []string{key.Get(rec)} })
		t.byKey = byKey.ix
	}
	if r.Title != "" {
		title := r.TitleField()
		t.byTitle = addIndex(t, "title", title.Key, false, same,
			func(rec *T) []string { return []string{title.Get(rec)} }).ix
	}
	addRefs(t)
	return t, byKey
}

// addIndex adds an index to t and returns its handle: values gives what a
// record is found by, key turns one such value into index text. A unique
// index refuses a value another record holds, reported on field.
func addIndex[T any, P interface {
	*T
	Record
}, K any](t *Table[T, P], name, field string, unique bool, key func(K) string, values func(*T) []K) Index[T, K] {
	ix := &index[T]{name: name, field: field, unique: unique, bucket: []byte(t.name + ".idx." + name),
		values: func(rec *T) []string {
			vs := values(rec)
			out := make([]string, len(vs))
			for i, v := range vs {
				out[i] = key(v)
			}
			return out
		}}
	t.indexes = append(t.indexes, ix)
	return Index[T, K]{ix: ix, db: t.db, key: key, get: t.TxGet,
		reaches: func(tx *Tx, id uint64) (bool, error) {
			rec, err := t.get(tx, id)
			if err != nil {
				return false, err
			}
			return t.viewOf(tx, rec) != viewNone, nil
		}}
}

// IDs lists, in index order, the keys of the records the index finds by k.
func (x Index[T, K]) IDs(k K) ([]uint64, error) {
	var ids []uint64
	err := x.db.View(func(tx *Tx) (err error) {
		ids, err = x.TxIDs(tx, k)
		return err
	})
	return ids, err
}

// TxIDs is IDs inside the caller's transaction: the records of the
// person's reach only.
func (x Index[T, K]) TxIDs(tx *Tx, k K) ([]uint64, error) {
	prefix := append([]byte(x.key(k)), 0)
	var ids []uint64
	c := tx.tx.Bucket(x.ix.bucket).Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		if len(k) == len(prefix)+8 {
			ids = append(ids, btoi(k[len(prefix):]))
		}
	}
	if tx.everything() {
		return ids, nil
	}
	if tx.who.Role == "" {
		return nil, ErrSignedOut
	}
	kept := ids[:0]
	for _, id := range ids {
		if ok, err := x.reaches(tx, id); err != nil {
			return nil, err
		} else if ok {
			kept = append(kept, id)
		}
	}
	return kept, nil
}

// Get returns the first record the index finds by k, or ErrNotFound; for a
// unique index, the one record.
func (x Index[T, K]) Get(k K) (*T, error) {
	var rec *T
	err := x.db.View(func(tx *Tx) error {
		ids, err := x.TxIDs(tx, k)
		if err != nil {
			return err
		}
		if len(ids) == 0 {
			return ErrNotFound
		}
		rec, err = x.get(tx, ids[0])
		return err
	})
	return rec, err
}

// table is what check, reindex and restore need of every Table.
type table interface {
	Name() string
	layout() string
	bucketNames() [][]byte
	rebuild(tx *bolt.Tx) error
	check(tx *bolt.Tx, r *Report)
	reset()
	referrersTo(name string) []referrer
}

func (t *Table[T, P]) Name() string { return t.name }

// layout sums up what the table derives from each record: its listing's
// columns and search text and its indexes. A file written under another
// layout has its derived data rebuilt at open (see DB.relayout), so that a
// field added to a description needs no migration of its own.
func (t *Table[T, P]) layout() string { return t.layoutOf(t.indexes) }

// layoutOf is the layout with the given indexes.
func (t *Table[T, P]) layoutOf(indexes []*index[T]) string {
	var b strings.Builder
	if l := t.lister; l != nil {
		fmt.Fprintf(&b, "list %s; search %s; ", strings.Join(l.keys, " "), l.searched)
		if l.owned() {
			b.WriteString("owner; ")
		}
		if l.secret != nil {
			b.WriteString("masked search; ")
		}
	}
	for _, ix := range indexes {
		fmt.Fprintf(&b, "index %s %s %v; ", ix.name, ix.field, ix.unique)
	}
	if t.record != nil && t.record.Shown > 0 {
		fmt.Fprintf(&b, "shown %d; ", t.record.Shown)
	}
	return b.String()
}

// bucketNames: the records' bucket first, then the listing's, then the
// indexes'.
func (t *Table[T, P]) bucketNames() [][]byte {
	names := [][]byte{t.bucket}
	if t.rows != nil {
		names = append(names, t.rows)
	}
	for _, ix := range t.indexes {
		names = append(names, ix.bucket)
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
	for _, ix := range t.indexes {
		for _, v := range ix.values(rec) {
			if v != "" {
				name := string(ix.bucket)
				d.keys[name] = append(d.keys[name], indexKey(v, id))
			}
		}
	}
	if t.lister == nil {
		return d, nil
	}
	cells := append([]string{t.lister.search(rec)}, t.lister.columns(rec)...)
	if l := t.lister; l.owned() {
		cells = append(cells, ownerCells(l.owner(rec), l.assigned, rec)...)
	}
	if l := t.lister; l.secret != nil {
		cells = append(cells, l.secret(rec))
	}
	row, err := encode(cells)
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

// TxGet is Get inside the caller's transaction: the record as the
// transaction's person may see it, or a *model.Refusal.
func (t *Table[T, P]) TxGet(tx *Tx, id uint64) (*T, error) {
	rec, err := t.get(tx, id)
	if err != nil {
		return nil, err
	}
	return t.read(tx, rec)
}

// get reads a record whoever asks: for the store's own work (references,
// the record before a change), never handed out unchecked.
func (t *Table[T, P]) get(tx *Tx, id uint64) (*T, error) {
	k := itob(id)
	v := tx.tx.Bucket(t.bucket).Get(k)
	if v == nil {
		return nil, ErrNotFound
	}
	rec := new(T)
	if err := decode(t.name, k, v, rec); err != nil {
		return nil, err
	}
	return rec, t.fillRefs(tx, rec)
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
	var old *T
	if id := p.Key(); id != 0 {
		var err error
		if old, err = t.get(tx, id); err != nil {
			return err
		}
	}
	if v, ok := any(rec).(validator); ok {
		v.Normalize()
		if err := v.Validate(t.db.Today()); err != nil {
			// Report a taken unique value in the same pass, so the form
			// marks every problem at once; but only to someone who may
			// write the record, or an invalid save would tell anyone
			// whether a number is on file.
			fes, _ := model.AsFieldErrors(err)
			if uerr, ok := model.AsFieldErrors(t.checkUnique(tx, rec)); ok && t.canWrite(tx, old, rec) == nil {
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
	if err := t.canWrite(tx, old, rec); err != nil {
		return err
	}
	if old == nil {
		id, err := b.NextSequence()
		if err != nil {
			return err
		}
		p.SetKey(id)
	}
	if err := joinErrs(t.checkUnique(tx, rec), t.checkRefs(tx, rec)); err != nil {
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
	if err := t.link(tx, rec); err != nil {
		return err
	}
	if err := t.relinkReferrers(tx, old, rec); err != nil {
		return err
	}
	if t.afterPut != nil {
		if err := t.afterPut(tx, old, rec); err != nil {
			return err
		}
	}
	return t.logChange(tx, old, rec)
}

func (t *Table[T, P]) checkUnique(tx *Tx, rec *T) error {
	id := P(rec).Key()
	var errs model.FieldErrors
	for _, ix := range t.indexes {
		if !ix.unique {
			continue
		}
		c := tx.tx.Bucket(ix.bucket).Cursor()
		for _, v := range ix.values(rec) {
			prefix := append([]byte(v), 0)
			for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
				if len(k) == len(prefix)+8 && btoi(k[len(prefix):]) != id {
					errs = append(errs, &model.FieldError{Field: ix.field, Code: model.CodeDuplicate, Arg: v})
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
	if t.rows == nil {
		return nil
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
	if t.rows == nil {
		return nil
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
	old, err := t.get(tx, id)
	if err != nil {
		return err
	}
	if err := t.canWrite(tx, old, nil); err != nil {
		return err
	}
	if err := t.refuseInUse(tx, old); err != nil {
		var inUse *InUseError
		if t.record == nil || t.record.Archive == nil || !errors.As(err, &inUse) {
			return err
		}
		// The description says: keep it, archived.
		t.record.Archive(old, model.DateOf(tx.now()))
		if err := t.Put(tx, old); err != nil {
			return err
		}
		return &model.Archived{Name: inUse.Name}
	}
	if err := t.unlink(tx, old); err != nil {
		return err
	}
	if err := tx.tx.Bucket(t.bucket).Delete(itob(id)); err != nil {
		return err
	}
	return t.logChange(tx, old, nil)
}

// Each calls fn for every record of the person's reach in key order
// inside one read transaction; for exports and reports. fn must not write
// to the store.
func (t *Table[T, P]) Each(fn func(*T) error) error {
	return t.db.View(func(tx *Tx) error {
		if tx.who.Role == "" {
			return ErrSignedOut
		}
		c := tx.tx.Bucket(t.bucket).Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			rec := new(T)
			if err := decode(t.name, k, v, rec); err != nil {
				return err
			}
			if t.viewOf(tx, rec) == viewNone {
				continue
			}
			if err := t.fillRefs(tx, rec); err != nil {
				return err
			}
			if _, err := t.read(tx, rec); err != nil {
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
		if decode(t.name, k, v, rec) != nil || t.fillRefs(tx, rec) != nil {
			continue
		}
		if err := t.link(tx, rec); err != nil {
			return err
		}
	}
	btx.OnCommit(t.reset)
	return nil
}

func (t *Table[T, P]) reset() {
	if t.list != nil {
		t.list.reset()
	}
}

// AddTable declares the table of a described record type on a file already
// open, making its buckets if the file has none yet. Open declares the
// program's own tables; this is for a record type declared elsewhere, such
// as a test's.
func AddTable[T any, P interface {
	*T
	Record
}](db *DB, r *model.Record[T]) (*Table[T, P], Index[T, string], error) {
	t, byKey := describedTable[T, P](db, r)
	err := db.Update(func(tx *Tx) error {
		for _, name := range t.bucketNames() {
			if _, err := tx.tx.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
		return nil
	})
	return t, byKey, err
}
