package storage

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"advisordesk/model"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// listing is a table's rows held in memory: a few short strings per record,
// loaded once from the rows bucket (not by decoding records) and kept current
// by every commit. Search-as-you-type and column sort run here, so a screen
// asks for one page of keys and decodes only those records.
type listing struct {
	load  func() (map[uint64][]byte, error)
	owned bool // each row ends with its owner and assignees (ownerCells)
	// secret: then, with the whole text of the fields its search text
	// holds masked (lister.secret)
	secret bool

	mu     sync.Mutex
	rows   map[uint64]*row
	sorted map[int][]*row // ascending order per column; -1 is key order
	coll   *collate.Collator
	buf    collate.Buffer

	// The search texts of all rows, joined into one string: a typed word is
	// found with one fast strings.Index pass over it instead of a call per row.
	// Rebuilt after a change, on the next query.
	blob   string
	starts []int  // blob offset of each row's text, ascending
	byPos  []*row // the row at each position of starts
	// secrets: blob offset of each row's secret text, which follows its
	// search text, when the listing has them
	secrets []int
}

type row struct {
	id       uint64
	search   string
	cols     []string
	owner    uint64   // of an owned record type: the advisor it belongs to
	assigned []uint64 // and those it is handed to
	secret   string   // what its search text holds masked, whole
	keys     [][]byte // collation keys, filled per column on first sort
	pos      int      // index in byPos, valid while blob is
}

func newListing(load func() (map[uint64][]byte, error), owned, secret bool) *listing {
	return &listing{load: load, owned: owned, secret: secret}
}

func (l *listing) parseRow(id uint64, v []byte) *row {
	var cells []string
	if decode("rows", itob(id), v, &cells) != nil || len(cells) == 0 {
		return &row{id: id}
	}
	r := &row{id: id, search: cells[0], cols: cells[1:]}
	if l.secret && len(r.cols) >= 1 {
		r.secret = r.cols[len(r.cols)-1]
		r.cols = r.cols[:len(r.cols)-1]
	}
	if l.owned && len(r.cols) >= 2 {
		n := len(r.cols) - 2
		r.owner, r.assigned = parseOwnerCells(r.cols[n:])
		r.cols = r.cols[:n]
	}
	return r
}

// ownerCells are the last two cells of an owned record type's row: its
// owner and its assignees, as decimal keys.
func ownerCells[T any](owner uint64, assigned func(*T) []uint64, rec *T) []string {
	var as []string
	if assigned != nil {
		for _, id := range assigned(rec) {
			as = append(as, strconv.FormatUint(id, 10))
		}
	}
	return []string{strconv.FormatUint(owner, 10), strings.Join(as, ",")}
}

func parseOwnerCells(cells []string) (uint64, []uint64) {
	owner, _ := strconv.ParseUint(cells[0], 10, 64)
	var as []uint64
	for _, f := range strings.Split(cells[1], ",") {
		if id, err := strconv.ParseUint(f, 10, 64); err == nil {
			as = append(as, id)
		}
	}
	return owner, as
}

func (l *lister[T]) owned() bool { return l.owner != nil }

// ensure loads the rows on first use; the caller holds mu.
func (l *listing) ensure() error {
	if l.rows != nil {
		return nil
	}
	raw, err := l.load()
	if err != nil {
		return err
	}
	l.rows = make(map[uint64]*row, len(raw))
	for id, v := range raw {
		l.rows[id] = l.parseRow(id, v)
	}
	l.sorted = map[int][]*row{}
	return nil
}

func (l *listing) put(id uint64, v []byte) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.rows == nil {
		return // not loaded yet: the next load reads the committed rows
	}
	l.rows[id] = l.parseRow(id, v)
	clear(l.sorted)
	l.byPos = nil
}

func (l *listing) remove(id uint64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.rows == nil {
		return
	}
	delete(l.rows, id)
	clear(l.sorted)
	l.byPos = nil
}

func (l *listing) reset() {
	l.mu.Lock()
	l.rows, l.sorted, l.byPos = nil, nil, nil
	l.mu.Unlock()
}

// order returns the rows sorted by column col ascending (col -1: by key).
// Text sorts as a Chinese reader expects: Han characters by pinyin, digits
// by value (A2 before A10), case ignored.
func (l *listing) order(col int) []*row {
	if s, ok := l.sorted[col]; ok {
		return s
	}
	s := make([]*row, 0, len(l.rows))
	for _, r := range l.rows {
		s = append(s, r)
	}
	if col < 0 {
		slices.SortFunc(s, func(a, b *row) int { return cmpID(a, b) })
	} else {
		if l.coll == nil {
			l.coll = collate.New(language.SimplifiedChinese, collate.Numeric, collate.IgnoreCase)
		}
		for _, r := range s {
			if len(r.keys) <= col {
				r.keys = append(r.keys, make([][]byte, col+1-len(r.keys))...)
			}
			if r.keys[col] == nil {
				cell := ""
				if col < len(r.cols) {
					cell = r.cols[col]
				}
				l.buf.Reset()
				r.keys[col] = append([]byte{1}, l.coll.KeyFromString(&l.buf, cell)...)
			}
		}
		slices.SortFunc(s, func(a, b *row) int {
			if c := bytes.Compare(a.keys[col], b.keys[col]); c != 0 {
				return c
			}
			return cmpID(a, b)
		})
	}
	l.sorted[col] = s
	return s
}

func cmpID(a, b *row) int {
	switch {
	case a.id < b.id:
		return -1
	case a.id > b.id:
		return 1
	}
	return 0
}

// Query asks a table's listing for one page.
type Query struct {
	// Text is what the user typed: every space-separated word must appear,
	// case ignored, in the record's searchable text.
	Text string
	// Sort is the listing column to order by, -1 for the order of entry.
	Sort int
	Desc bool
	// Where, if set, keeps only rows whose cells it accepts (a status filter).
	Where  func(cols []string) bool
	Offset int
	Limit  int // 0: no limit
	// visible keeps the rows of the person's reach; set by Find.
	visible func(*row) bool
	// whole tells the rows the person sees whole (nil: all of them): only
	// there does a word match the masked fields' text anywhere; in a row
	// seen masked it must be one of those fields whole (the desk finds a
	// caller by the number they give, and no more).
	whole func(*row) bool
}

// Page is one page of a query's answer: the keys to show and how many rows
// matched in all.
type Page struct {
	IDs   []uint64
	Total int
}

// FoldSearch is how searchable text and typed queries are compared.
func FoldSearch(s string) string { return strings.ToLower(s) }

func (l *listing) query(q Query) (Page, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := l.ensure(); err != nil {
		return Page{}, err
	}
	terms := strings.Fields(FoldSearch(q.Text))
	hits := make([][]found, len(terms)) // by term, by row position
	for i, t := range terms {
		hits[i] = l.match(t)
	}
	rows := l.order(q.Sort)
	var p Page
	visit := func(r *row) {
		for i, t := range terms {
			switch hits[i][r.pos] {
			case foundNot:
				return
			case foundSecret:
				// Anywhere for a row seen whole; else only a field whole.
				if q.whole != nil && !q.whole(r) && !slices.Contains(strings.Split(r.secret, "\x1f"), t) {
					return
				}
			}
		}
		if q.Where != nil && !q.Where(r.cols) {
			return
		}
		if q.visible != nil && !q.visible(r) {
			return
		}
		if p.Total >= q.Offset && (q.Limit == 0 || len(p.IDs) < q.Limit) {
			p.IDs = append(p.IDs, r.id)
		}
		p.Total++
	}
	if q.Desc {
		for i := len(rows) - 1; i >= 0; i-- {
			visit(rows[i])
		}
	} else {
		for _, r := range rows {
			visit(r)
		}
	}
	return p, nil
}

// found is where a term was found in a row: not, in its search text, or
// only in its secret text.
type found uint8

const (
	foundNot found = iota
	foundSearch
	foundSecret
)

// match tells for each row where its texts contain term. A term with the
// separators of the blob in it matches nothing, so that no term spans the
// search and the secret text.
func (l *listing) match(term string) []found {
	if l.byPos == nil {
		l.rebuildBlob()
	}
	hit := make([]found, len(l.byPos))
	if strings.ContainsAny(term, "\x00\x02") {
		return hit
	}
	for from := 0; ; {
		i := strings.Index(l.blob[from:], term)
		if i < 0 {
			break
		}
		at := from + i
		// The row whose text holds offset at: the last start ≤ at.
		pos, found := slices.BinarySearch(l.starts, at)
		if !found {
			pos--
		}
		// A row's search text comes first: a hit in its secret text
		// means none in its search text.
		hit[pos] = foundSearch
		if l.secret && at >= l.secrets[pos] {
			hit[pos] = foundSecret
		}
		if pos+1 < len(l.starts) {
			from = l.starts[pos+1] // one hit per row is enough
		} else {
			break
		}
	}
	return hit
}

func (l *listing) rebuildBlob() {
	var b strings.Builder
	l.byPos = make([]*row, 0, len(l.rows))
	l.starts = make([]int, 0, len(l.rows))
	l.secrets = l.secrets[:0]
	for _, r := range l.rows {
		r.pos = len(l.byPos)
		l.byPos = append(l.byPos, r)
		l.starts = append(l.starts, b.Len())
		b.WriteString(r.search)
		if l.secret {
			b.WriteByte(2)
			l.secrets = append(l.secrets, b.Len())
			b.WriteString(r.secret)
		}
		b.WriteByte(0) // no word spans two rows
	}
	l.blob = b.String()
}

func (l *listing) count() (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := l.ensure(); err != nil {
		return 0, err
	}
	return len(l.rows), nil
}

// loadRows reads a table's listing rows for its in-memory listing.
func (t *Table[T, P]) loadRows() (map[uint64][]byte, error) {
	out := map[uint64][]byte{}
	err := t.db.View(func(tx *Tx) error {
		b := tx.tx.Bucket(t.rows)
		if b == nil {
			return nil
		}
		// A damaged row would list a record under the wrong name or not at
		// all, silently: it is an error here, as a damaged record is.
		var last uint64
		return b.ForEach(func(k, v []byte) error {
			if len(k) != 8 || btoi(k) <= last {
				return &DamagedError{Path: t.db.path, Reason: fmt.Sprintf("%s: key %x out of place", t.rows, k)}
			}
			if reason := verify(v); reason != "" {
				return &DamagedError{Path: t.db.path, Reason: fmt.Sprintf("%s[%x]: %s", t.rows, k, reason)}
			}
			last = btoi(k)
			out[last] = append([]byte(nil), v...)
			return nil
		})
	})
	return out, err
}

// errNoListing: a table that no screen lists was asked for a page.
var errNoListing = errors.New("this table has no listing")

// Find answers a listing query with one page of keys, of the records
// within the person's reach.
func (t *Table[T, P]) Find(q Query) (Page, error) {
	if t.list == nil {
		return Page{}, errNoListing
	}
	_, err := t.db.view(func(tx *Tx) error {
		if tx.who.Role == "" {
			return ErrSignedOut
		}
		q.visible, q.whole = t.visible(tx), t.whole(tx)
		return nil
	})
	if err != nil {
		return Page{}, err
	}
	return t.list.query(q)
}

// FindRecords answers a listing query with the page's decoded records.
func (t *Table[T, P]) FindRecords(q Query) ([]*T, int, error) {
	p, err := t.Find(q)
	if err != nil {
		return nil, 0, err
	}
	recs, err := t.GetMany(p.IDs)
	return recs, p.Total, err
}

// Column is the listing column of the field key, -1 if none.
func (t *Table[T, P]) Column(key string) int {
	if t.lister == nil {
		return -1
	}
	return slices.Index(t.lister.keys, key)
}

// List answers a list screen's query, in field keys: its sort column and
// its filter on one field's value.
func (t *Table[T, P]) List(q model.ListQuery) ([]*T, int, error) {
	sq := Query{Text: q.Text, Sort: t.Column(q.Sort), Desc: q.Desc, Offset: q.Offset, Limit: q.Limit}
	if q.Where.Field != "" {
		col, want := t.Column(q.Where.Field), q.Where.Value
		if col < 0 {
			return nil, 0, fmt.Errorf("%s: no listed field %q to filter by", t.name, q.Where.Field)
		}
		sq.Where = func(cols []string) bool { return col < len(cols) && cols[col] == want }
		if q.Where.Unresolved {
			sq.Where = func(cols []string) bool { return col < len(cols) && strings.HasPrefix(cols[col], unresolvedMark) }
		}
	}
	return t.FindRecords(sq)
}

// Count is the number of records within the person's reach, as their
// account is now (signed out: ErrSignedOut).
func (t *Table[T, P]) Count() (int, error) {
	n, all := 0, false
	err := t.db.View(func(tx *Tx) error {
		if tx.who.Role == "" {
			return ErrSignedOut
		}
		if all = tx.everything(); all && t.list == nil {
			n = tx.tx.Bucket(t.bucket).Stats().KeyN
		}
		return nil
	})
	switch {
	case err != nil:
		return 0, err
	case all && t.list != nil:
		return t.list.count()
	case all:
		return n, nil
	case t.list != nil:
		p, err := t.Find(Query{Sort: -1})
		return p.Total, err
	}
	err = t.Each(func(*T) error { n++; return nil })
	return n, err
}
