package storage

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"advisordesk/model"

	bolt "go.etcd.io/bbolt"
)

// A reference field (model.KindRef) keeps the key of another record. Its
// table indexes it (derived from the description, see addRefs), so the
// store can count and list the records that refer to one; the referenced
// record's title is filled in on every read, so a rename shows everywhere
// at once; a record still referred to is not deleted.

// tableRef is one reference field of a table, with its index: its own,
// or another index of the table that already starts its keys with the
// referenced key (see servedBy).
type tableRef[T any] struct {
	field *model.Field[T]
	ix    *index[T]
	// via, when set, answers for ix: every record with the reference set
	// has a key in via starting with prefix and the referenced key.
	via    *index[T]
	prefix string
}

// ids lists the records that refer to record id through the field.
func (r *tableRef[T]) ids(tx *Tx, id uint64) []uint64 {
	if r.via == nil {
		return ixIDs(tx, r.ix, refKey(id))
	}
	var ids []uint64
	ixRange(tx, r.via, r.prefix+refKey(id), "", "", func(id uint64, _ string) bool {
		ids = append(ids, id)
		return true
	})
	return ids
}

// servedBy lets index via of t answer who refers through the reference
// field key, whose own index is then not kept: via holds, for every record
// with the reference set, a key of prefix, the referenced key and more. A
// save then writes one B+tree fewer (a walk-in's save is counted against an
// fsync). The file's layout before is kept for the migration that drops
// the index's bucket (schema.go).
func (t *Table[T, P]) servedBy(key string, via *index[T], prefix string) {
	for _, r := range t.refs {
		if r.field.Key != key {
			continue
		}
		if t.indexedBefore == nil {
			t.indexedBefore = slices.Clone(t.indexes)
		}
		t.indexes = slices.DeleteFunc(t.indexes, func(ix *index[T]) bool { return ix == r.ix })
		r.via, r.prefix = via, prefix
		return
	}
	panic(t.name + ": no reference field " + key)
}

// dropServed removes the buckets of the reference indexes that other
// indexes now answer for (servedBy). The derived data left is what the
// current layout derives, so a file whose layout was the one before gets
// the current one recorded, without a rebuild.
func (t *Table[T, P]) dropServed(tx *bolt.Tx) error {
	for _, r := range t.refs {
		if r.via == nil || tx.Bucket(r.ix.bucket) == nil {
			continue
		}
		if err := tx.DeleteBucket(r.ix.bucket); err != nil {
			return err
		}
	}
	meta := tx.Bucket(bucketMeta)
	key := []byte(metaLayout + t.name)
	if t.indexedBefore != nil && string(meta.Get(key)) == t.layoutOf(t.indexedBefore) {
		return meta.Put(key, []byte(t.layout()))
	}
	return nil // another layout: relayout rebuilds the table
}

// target is a table that reference fields point at.
type target interface {
	// refText is what a reference to the record id shows: its title and its
	// key text. ErrNotFound when no such record is on file.
	refText(tx *Tx, id uint64) (title, key string, err error)
	// refFind finds records by a text typed or imported for a reference:
	// by key first, then by exact title.
	refFind(tx *Tx, text string) ([]uint64, error)
}

// referrer is a reference field as the referenced table sees it: who
// refers to a record, and how many.
type referrer struct {
	table, field string
	ids          func(tx *Tx, id uint64) ([]uint64, error)
	relink       func(tx *Tx, id uint64) error // re-derives the listing row of a referring record
}

// refKey is the index text of a referenced key: fixed width, so that one
// key is never the prefix of another.
func refKey(id uint64) string { return string(itob(id)) }

// addRefs indexes every reference field of t's description.
func addRefs[T any, P interface {
	*T
	Record
}](t *Table[T, P]) {
	for _, f := range t.record.Refs() {
		get := f.Ref.ID
		ix := addIndex(t, "ref."+f.Key, f.Key, false, refKey, func(rec *T) []uint64 {
			if id := *get(rec); id != 0 {
				return []uint64{id}
			}
			return nil
		})
		t.refs = append(t.refs, &tableRef[T]{field: f, ix: ix.ix})
	}
}

// target finds the table named to, or nil.
func (db *DB) target(to string) target {
	for _, t := range db.all {
		if t.Name() == to {
			if tg, ok := t.(target); ok {
				return tg
			}
		}
	}
	return nil
}

// referrers lists every reference field that points at the table to.
func (db *DB) referrers(to string) []referrer {
	var out []referrer
	for _, t := range db.all {
		out = append(out, t.referrersTo(to)...)
	}
	return out
}

func (t *Table[T, P]) referrersTo(to string) []referrer {
	var out []referrer
	for _, r := range t.refs {
		if r.field.Ref.To != to {
			continue
		}
		out = append(out, referrer{table: t.name, field: r.field.Key,
			ids: func(tx *Tx, id uint64) ([]uint64, error) { return r.ids(tx, id), nil },
			relink: func(tx *Tx, id uint64) error {
				rec, err := t.get(tx, id)
				if err != nil {
					return err
				}
				return t.link(tx, rec)
			}})
	}
	return out
}

// ixIDs lists the keys an index holds under one value.
func ixIDs[T any](tx *Tx, ix *index[T], value string) []uint64 {
	prefix := append([]byte(value), 0)
	var ids []uint64
	c := tx.tx.Bucket(ix.bucket).Cursor()
	for k, _ := c.Seek(prefix); k != nil && len(k) == len(prefix)+8 && string(k[:len(prefix)]) == string(prefix); k, _ = c.Next() {
		ids = append(ids, btoi(k[len(prefix):]))
	}
	return ids
}

func (t *Table[T, P]) refText(tx *Tx, id uint64) (string, string, error) {
	// A page of 200 customers names the same few advisors: a read-only
	// transaction decodes each once (a write may change them under it).
	memo := refMemo{t.name, id}
	if got, ok := tx.refTexts[memo]; ok {
		return got[0], got[1], nil
	}
	v := tx.tx.Bucket(t.bucket).Get(itob(id))
	if v == nil || t.record == nil {
		return "", "", ErrNotFound
	}
	rec := new(T)
	if err := decode(t.name, itob(id), v, rec); err != nil {
		return "", "", err
	}
	title, key := t.titleOf(rec), t.keyOf(rec)
	if !tx.tx.Writable() {
		if tx.refTexts == nil {
			tx.refTexts = map[refMemo][2]string{}
		}
		tx.refTexts[memo] = [2]string{title, key}
	}
	return title, key, nil
}

// refMemo names a referenced record in a transaction's memo of titles.
type refMemo struct {
	table string
	id    uint64
}

func (t *Table[T, P]) refFind(tx *Tx, text string) ([]uint64, error) {
	if t.byKey != nil {
		key := t.record.Field(t.record.Key)
		probe := new(T)
		key.Set(probe, text)
		t.record.Normalize(probe)
		if ids := ixIDs(tx, t.byKey, key.Get(probe)); len(ids) > 0 {
			return ids, nil
		}
	}
	if t.byTitle == nil {
		return nil, nil
	}
	probe := new(T)
	title := t.record.TitleField()
	title.Set(probe, text)
	t.record.Normalize(probe)
	return ixIDs(tx, t.byTitle, title.Get(probe)), nil
}

// fillRefs puts the current title (and key text) of each referenced record
// into rec's reference fields. A reference to a record no longer on file
// keeps the text saved with it; check reports it.
func (t *Table[T, P]) fillRefs(tx *Tx, rec *T) error {
	for _, r := range t.refs {
		id := *r.field.Ref.ID(rec)
		if id == 0 {
			continue
		}
		title, key, err := t.cachedRefText(tx, r.field.Ref.To, id)
		if errors.Is(err, ErrNotFound) || errors.Is(err, errNoTarget) {
			continue
		}
		if err != nil {
			return err
		}
		t.setRef(rec, r, title, key)
	}
	return nil
}

// setRef writes a referenced record's title and key text into rec.
func (t *Table[T, P]) setRef(rec *T, r *tableRef[T], title, key string) {
	r.field.Set(rec, title)
	if k := t.record.Field(r.field.Ref.KeyText); k != nil {
		k.Set(rec, key)
	}
}

// titleKey names a referenced record in a read's cache of titles.
type titleKey struct {
	table string
	id    uint64
}

var errNoTarget = errors.New("no such table")

// cachedRefText is refText of record id of table to, from the transaction's
// cache when it keeps one (a list that names the same advisors on many
// rows decodes each advisor once).
func (t *Table[T, P]) cachedRefText(tx *Tx, to string, id uint64) (string, string, error) {
	k := titleKey{to, id}
	if c, ok := tx.titles[k]; ok {
		return c[0], c[1], nil
	}
	tg := t.db.target(to)
	if tg == nil {
		return "", "", errNoTarget
	}
	title, key, err := tg.refText(tx, id)
	if err == nil && tx.titles != nil {
		tx.titles[k] = [2]string{title, key}
	}
	return title, key, err
}

// checkRefs refuses a reference to a record not on file, to the record
// itself, or one whose chain of references (within the same table) leads
// back to the record; otherwise it fills in the referenced titles, as read
// for the check (each referenced record is decoded once per save).
func (t *Table[T, P]) checkRefs(tx *Tx, rec *T) error {
	var errs model.FieldErrors
	type found struct {
		r          *tableRef[T]
		title, key string
	}
	var fill []found
	self := P(rec).Key()
	for _, r := range t.refs {
		id := *r.field.Ref.ID(rec)
		if id == 0 {
			continue
		}
		code, arg := "", ""
		tg := t.db.target(r.field.Ref.To)
		title, key, err := tg.refText(tx, id)
		switch {
		case errors.Is(err, ErrNotFound):
			code = model.CodeRefMissing
		case err != nil:
			return err
		case r.field.Ref.To == t.name && self != 0:
			code, arg = t.refLoop(tx, r, self, id)
		}
		if code != "" {
			errs = append(errs, &model.FieldError{Field: r.field.Key, Code: code, Arg: arg})
		} else {
			fill = append(fill, found{r, title, key})
		}
	}
	if errs != nil {
		return errs
	}
	for _, f := range fill {
		t.setRef(rec, f.r, f.title, f.key)
	}
	return nil
}

// refLoop follows a reference within one table from id and reports whether
// it comes back to self: directly (CodeRefSelf) or through others
// (CodeRefCycle, with the title of the record that closes the loop). A loop
// already on file that does not pass self ends the walk.
func (t *Table[T, P]) refLoop(tx *Tx, r *tableRef[T], self, id uint64) (string, string) {
	if id == self {
		return model.CodeRefSelf, ""
	}
	seen := map[uint64]bool{}
	for id != 0 && !seen[id] {
		seen[id] = true
		next, err := t.get(tx, id)
		if err != nil {
			return "", ""
		}
		if id = *r.field.Ref.ID(next); id == self {
			return model.CodeRefCycle, t.titleOf(next)
		}
	}
	return "", ""
}

// relinkReferrers re-derives the listing rows of the records that refer to
// rec when what a reference to it shows (its title or key) has changed.
func (t *Table[T, P]) relinkReferrers(tx *Tx, old, rec *T) error {
	if old == nil || t.record == nil {
		return nil
	}
	if t.shownAs(old) == t.shownAs(rec) {
		return nil
	}
	for _, rf := range t.db.referrers(t.name) {
		ids, err := rf.ids(tx, P(rec).Key())
		if err != nil {
			return err
		}
		for _, id := range ids {
			if err := rf.relink(tx, id); err != nil {
				return err
			}
		}
	}
	return nil
}

// Use is how many records of one table still refer to a record through
// one field.
type Use struct {
	Table, Field string
	N            int
}

// uses counts the records that refer to the record id of t, per field.
func (t *Table[T, P]) uses(tx *Tx, id uint64) ([]Use, error) {
	var out []Use
	for _, rf := range t.db.referrers(t.name) {
		ids, err := rf.ids(tx, id)
		if err != nil {
			return nil, err
		}
		if len(ids) > 0 {
			out = append(out, Use{Table: rf.table, Field: rf.field, N: len(ids)})
		}
	}
	return out, nil
}

// refuseInUse is the delete rule: a record others still refer to stays.
func (t *Table[T, P]) refuseInUse(tx *Tx, rec *T, more ...Use) error {
	uses, err := t.uses(tx, P(rec).Key())
	if err != nil {
		return err
	}
	uses = append(more, uses...)
	if len(uses) == 0 {
		return nil
	}
	e := &InUseError{Name: t.titleOf(rec), Uses: uses}
	if t.record != nil {
		e.Hint = t.record.InUse
	}
	return e
}

// keyOf is rec's key text, or "" for a table without a key field.
func (t *Table[T, P]) keyOf(rec *T) string {
	if t.record == nil {
		return ""
	}
	if f := t.record.Field(t.record.Key); f != nil {
		return f.Get(rec)
	}
	return ""
}

// shownAs is everything a reference to rec shows.
func (t *Table[T, P]) shownAs(rec *T) string { return t.titleOf(rec) + "\x00" + t.keyOf(rec) }

// titleOf is how a message names rec: its title, or "" for a table without
// one.
func (t *Table[T, P]) titleOf(rec *T) string {
	if t.record == nil {
		return ""
	}
	if f := t.record.TitleField(); f != nil {
		return f.Get(rec)
	}
	return ""
}

// resolveRefs sets each reference of rec from the text a file gave for it,
// where the file has the reference's columns: its key column if filled,
// else its own column, read as a key or else an exact title. An empty text
// clears the reference; one that finds no record, or several by title,
// is the field's error, named with the text.
func (t *Table[T, P]) resolveRefs(tx *Tx, rec *T, columns []string) (model.FieldErrors, error) {
	var errs model.FieldErrors
	for _, rf := range t.refs {
		f := rf.field
		keyCol := f.Ref.KeyText != "" && slices.Contains(columns, f.Ref.KeyText)
		if !keyCol && !slices.Contains(columns, f.Key) {
			continue
		}
		text := ""
		if keyCol {
			text = strings.TrimSpace(t.record.Field(f.Ref.KeyText).Get(rec))
		}
		if text == "" {
			text = strings.TrimSpace(f.Get(rec))
		}
		*f.Ref.ID(rec) = 0
		if text == "" {
			f.Set(rec, "")
			continue
		}
		ids, err := t.db.target(f.Ref.To).refFind(tx, text)
		if err != nil {
			return nil, err
		}
		switch len(ids) {
		case 0:
			errs = append(errs, &model.FieldError{Field: f.Key, Code: model.CodeRefUnknown, Arg: text})
		case 1:
			*f.Ref.ID(rec) = ids[0]
		default:
			errs = append(errs, &model.FieldError{Field: f.Key, Code: model.CodeRefAmbiguous, Arg: text})
		}
	}
	return errs, nil
}

// checkRefsOf reports, for check, each reference to a record that is not on
// file (damage: the delete rule never leaves one) and each reference text
// that names no record yet (not damage: work for a person).
func (t *Table[T, P]) checkRefsOf(btx *bolt.Tx, k []byte, rec *T, r *Report) {
	tx := &Tx{tx: btx}
	for _, rf := range t.refs {
		f := rf.field
		if f.Unresolved(rec) {
			r.ToResolve = append(r.ToResolve, Problem{t.name, append([]byte(nil), k...),
				fmt.Sprintf("%s %q names no %s yet", f.Key, f.Get(rec), f.Ref.To)})
			continue
		}
		id := *f.Ref.ID(rec)
		if id == 0 {
			continue
		}
		tg := t.db.target(f.Ref.To)
		if tg == nil {
			continue
		}
		if _, _, err := tg.refText(tx, id); errors.Is(err, ErrNotFound) {
			r.add(t.name, k, fmt.Sprintf("%s refers to %s %d, which is not on file (saved as %q)", f.Key, f.Ref.To, id, f.Get(rec)))
		}
	}
}

// joinErrs is every field error of errs in one model.FieldErrors, so a
// form marks them all at once; any other error wins as it is.
func joinErrs(errs ...error) error {
	var all model.FieldErrors
	for _, err := range errs {
		if err == nil {
			continue
		}
		fes, ok := model.AsFieldErrors(err)
		if !ok {
			return err
		}
		all = append(all, fes...)
	}
	if all == nil {
		return nil
	}
	return all
}
