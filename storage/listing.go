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

	// The search texts of all rows, joined: a typed word is found with one
	// fast bytes.Index pass over it instead of a call per row. A saved row's
	// text is appended and the text it replaces left dead, so a save costs
	// its own row and not the listing's (see put); rebuilt whole once a
	// quarter of it is dead, or after a reset.
	blob   []byte
	starts []int  // blob offset of each position's text, ascending
	byPos  []*row // the row at each position; nil where its text is dead
	dead   int    // dead positions
	// secrets: blob offset of each position's secret text, which follows
	// its search text, when the listing has them
	secrets []int
	// refs: blob offset of where each position's search text turns to
	// the names of the records it refers to (refsMark; its end if none)
	refs []int
	hits [][]found // per term, per position: reused from query to query
	pass []bool    // per position, whether the last query kept it
	gen  int       // counts changes to the blob and its positions
	// typed: the terms of the last search, the blob's gen then, and the
	// positions whose texts held them all (nil when too many to be worth
	// it): a search whose every term contains the one before it (one more
	// letter typed) looks only there.
	typed struct {
		terms []string
		own   bool
		gen   int
		pos   []int32
	}
}

type row struct {
	id       uint64
	search   string
	cols     []string
	owner    uint64   // of an owned record type: the advisor it belongs to
	assigned []uint64 // and those it is handed to
	secret   string   // what its search text holds masked, whole
	keys     [][]byte // collation keys, filled per column on first sort
	ranks    []int32  // place in each sorted column (col+1), kept with sorted
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

// put takes a committed row in: it replaces the old one in every sorted
// column by binary search and appends its text to the blob, so that the
// next keystroke after a save does not sort or join 100,000 rows again.
func (l *listing) put(id uint64, v []byte) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.rows == nil {
		return // not loaded yet: the next load reads the committed rows
	}
	r := l.parseRow(id, v)
	l.replace(l.rows[id], r)
	l.rows[id] = r
}

func (l *listing) remove(id uint64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.rows == nil {
		return
	}
	if old := l.rows[id]; old != nil {
		l.replace(old, nil)
	}
	delete(l.rows, id)
}

// replace puts r in old's place (either may be nil) in the sorted columns
// and the blob; the caller holds mu.
func (l *listing) replace(old, r *row) {
	for col, s := range l.sorted {
		from := len(s)
		if old != nil {
			i := l.place(s, old, col)
			if i < len(s) && s[i] == old {
				s = slices.Delete(s, i, i+1)
				from = i
			}
		}
		if r != nil {
			l.sortKey(r, col)
			i := l.place(s, r, col)
			s = slices.Insert(s, i, r)
			from = min(from, i)
		}
		l.rank(s, col, from)
		l.sorted[col] = s
	}
	if l.byPos == nil {
		return
	}
	l.gen++
	if old != nil && old.pos < len(l.byPos) && l.byPos[old.pos] == old {
		l.byPos[old.pos] = nil
		l.dead++
	}
	if r != nil {
		l.appendText(r)
	}
	if l.dead > len(l.byPos)/4 {
		l.byPos = nil // rebuilt at the next query
	}
}

// place is where r belongs in s, sorted by column col.
func (l *listing) place(s []*row, r *row, col int) int {
	i, _ := slices.BinarySearchFunc(s, r, func(a, b *row) int { return l.cmp(a, b, col) })
	return i
}

func (l *listing) cmp(a, b *row, col int) int {
	if col >= 0 {
		if c := bytes.Compare(a.keys[col], b.keys[col]); c != 0 {
			return c
		}
	}
	return cmpID(a, b)
}

// rank records each row's place in s from index from on.
func (l *listing) rank(s []*row, col, from int) {
	for i := from; i < len(s); i++ {
		r := s[i]
		if len(r.ranks) <= col+1 {
			r.ranks = append(r.ranks, make([]int32, col+2-len(r.ranks))...)
		}
		r.ranks[col+1] = int32(i)
	}
}

// sortKey fills r's collation key of column col.
func (l *listing) sortKey(r *row, col int) {
	if col < 0 {
		return
	}
	if l.coll == nil {
		l.coll = collate.New(language.SimplifiedChinese, collate.Numeric, collate.IgnoreCase)
	}
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
		l.sortKey(r, col)
	}
	slices.SortFunc(s, func(a, b *row) int { return l.cmp(a, b, col) })
	l.rank(s, col, 0)
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
	// Own matches the record's own text only, not the names of the
	// records it refers to: a look-up of a customer by who they are finds
	// no one by their advisor's name.
	Own bool
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

// page takes the rows kept, in the query's order, until the page is full.
func (q Query) page(rows []*row, kept func(*row) bool) []uint64 {
	var ids []uint64
	n := 0
	take := func(r *row) bool {
		if !kept(r) {
			return true
		}
		if n >= q.Offset {
			ids = append(ids, r.id)
		}
		n++
		return q.Limit == 0 || len(ids) < q.Limit
	}
	if q.Desc {
		for i := len(rows) - 1; i >= 0 && take(rows[i]); i-- {
		}
	} else {
		for i := 0; i < len(rows) && take(rows[i]); i++ {
		}
	}
	return ids
}

func (l *listing) query(q Query) (Page, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := l.ensure(); err != nil {
		return Page{}, err
	}
	terms := searchTerms(q.Text)
	rows := l.order(q.Sort)
	keep := func(r *row) bool {
		return (q.Where == nil || q.Where(r.cols)) && (q.visible == nil || q.visible(r))
	}
	var p Page
	page := func(rows []*row, kept func(*row) bool) { p.IDs = q.page(rows, kept) }
	if len(terms) == 0 {
		if q.Where == nil && q.visible == nil {
			p.Total = len(rows)
			page(rows, func(*row) bool { return true })
			return p, nil
		}
		for _, r := range rows {
			if keep(r) {
				p.Total++
			}
		}
		page(rows, keep)
		return p, nil
	}
	// Every row is decided in one pass in the blob's order, which reads
	// memory in sequence; then only the page is taken in the sorted order.
	l.matchAll(terms, q.Own)
	pass := slices.Grow(l.pass[:0], len(l.byPos))[:len(l.byPos)]
	var few []*row
	typed := l.typed.pos[:0]
	for pos, r := range l.byPos {
		if r != nil && l.found(pos, len(terms)) && len(typed) < len(l.byPos)/4 {
			typed = append(typed, int32(pos))
		}
		pass[pos] = r != nil && l.holds(pos, r, terms, q.whole) && keep(r)
		if pass[pos] {
			p.Total++
			if p.Total <= len(rows)/8 {
				few = append(few, r)
			}
		}
	}
	l.pass = pass
	l.typed.terms, l.typed.own, l.typed.gen, l.typed.pos = terms, q.Own, l.gen, typed
	if len(typed) >= len(l.byPos)/4 {
		l.typed.pos = nil // most rows: the next search scans the blob
	}
	if p.Total == len(few) {
		// Few: sorted by their place in the column, not walked to.
		col := q.Sort + 1
		slices.SortFunc(few, func(a, b *row) int { return int(a.ranks[col] - b.ranks[col]) })
		page(few, func(*row) bool { return true })
	} else {
		page(rows, func(r *row) bool { return pass[r.pos] })
	}
	return p, nil
}

// holds reports whether r's texts hold every term (l.hits): in a row seen
// masked (whole says which are seen whole; nil for all), a term found
// only in the fields others see masked must be one of them whole (the
// desk finds a caller by the number they give, and no more).
// It looks at r itself only then: a row's memory is touched for the rows
// that need it, not for every position.
func (l *listing) holds(pos int, r *row, terms []string, whole func(*row) bool) bool {
	for i, t := range terms {
		switch l.hits[i][pos] {
		case foundNot:
			return false
		case foundSecret:
			if whole != nil && !whole(r) && !slices.Contains(strings.Split(r.secret, "\x1f"), t) {
				return false
			}
		}
	}
	return true
}

// found reports whether position pos's texts hold each of the n terms.
func (l *listing) found(pos, n int) bool {
	for i := range n {
		if l.hits[i][pos] == foundNot {
			return false
		}
	}
	return true
}

// matchAll finds each term in the blob, into l.hits; the caller holds mu.
// Typing one more letter narrows the last search: only the positions that
// held its terms can hold the new ones, and only their texts are searched.
func (l *listing) matchAll(terms []string, own bool) {
	if l.byPos == nil {
		l.rebuildBlob()
	}
	narrow := l.typed.pos != nil && l.typed.gen == l.gen && l.typed.own == own && len(terms) >= len(l.typed.terms)
	for i, t := range l.typed.terms {
		narrow = narrow && strings.Contains(terms[i], t)
	}
	l.hits = slices.Grow(l.hits[:0], len(terms))[:len(terms)]
	for i, t := range terms {
		if narrow {
			l.hits[i] = l.matchAt(t, l.hits[i], l.typed.pos, own)
		} else {
			l.hits[i] = l.match(t, l.hits[i], own)
		}
	}
}

// matchAt is match over the texts of the given positions only.
func (l *listing) matchAt(term string, hit []found, positions []int32, own bool) []found {
	hit = slices.Grow(hit[:0], len(l.byPos))[:len(l.byPos)]
	clear(hit)
	if strings.ContainsAny(term, "\x00\x02\x03") {
		return hit
	}
	t := []byte(term)
	for _, p := range positions {
		pos := int(p)
		end := len(l.blob)
		if pos+1 < len(l.starts) {
			end = l.starts[pos+1]
		}
		at := bytes.Index(l.blob[l.starts[pos]:end], t)
		if own && at >= 0 && l.inRefs(pos, l.starts[pos]+at) {
			at = -1 // only in the names it refers to: its secret text may hold it
			if l.secret {
				if j := bytes.Index(l.blob[l.secrets[pos]:end], t); j >= 0 {
					at = l.secrets[pos] - l.starts[pos] + j
				}
			}
		}
		if at < 0 {
			continue
		}
		hit[pos] = foundSearch
		if l.secret && l.starts[pos]+at >= l.secrets[pos] {
			hit[pos] = foundSecret
		}
	}
	return hit
}

// found is where a term was found in a row: not, in its search text, or
// only in its secret text.
type found uint8

const (
	foundNot found = iota
	foundSearch
	foundSecret
)

// match tells for each position where its texts contain term, in hit
// (reused). A term with the separators of the blob in it matches nothing,
// so that no term spans the search and the secret text.
func (l *listing) match(term string, hit []found, own bool) []found {
	hit = slices.Grow(hit[:0], len(l.byPos))[:len(l.byPos)]
	clear(hit)
	if strings.ContainsAny(term, "\x00\x02\x03") {
		return hit
	}
	t := []byte(term)
	for from := 0; ; {
		i := bytes.Index(l.blob[from:], t)
		if i < 0 {
			break
		}
		at := from + i
		// The position whose text holds offset at: the last start ≤ at.
		pos, found := slices.BinarySearch(l.starts, at)
		if !found {
			pos--
		}
		if own && l.inRefs(pos, at) {
			// Only in the names it refers to so far: on to its secret
			// text, or to the next row.
			switch {
			case l.secret:
				from = l.secrets[pos]
				continue
			case pos+1 < len(l.starts):
				from = l.starts[pos+1]
				continue
			}
			break
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
	l.gen++
	l.blob = l.blob[:0]
	l.byPos = make([]*row, 0, len(l.rows))
	l.starts = make([]int, 0, len(l.rows))
	l.secrets = l.secrets[:0]
	l.refs = l.refs[:0]
	l.dead = 0
	for _, r := range l.rows {
		l.appendText(r)
	}
}

// inRefs reports whether blob offset at, in position pos's search text,
// lies in the names of the records the row refers to.
func (l *listing) inRefs(pos, at int) bool {
	return at >= l.refs[pos] && (!l.secret || at < l.secrets[pos])
}

// appendText adds r's texts at the end of the blob as a new position.
func (l *listing) appendText(r *row) {
	r.pos = len(l.byPos)
	l.byPos = append(l.byPos, r)
	l.starts = append(l.starts, len(l.blob))
	refs := strings.Index(r.search, refsMark)
	if refs < 0 {
		refs = len(r.search)
	}
	l.refs = append(l.refs, len(l.blob)+refs)
	l.blob = append(l.blob, r.search...)
	if l.secret {
		l.blob = append(l.blob, 2)
		l.secrets = append(l.secrets, len(l.blob))
		l.blob = append(l.blob, r.secret...)
	}
	l.blob = append(l.blob, 0) // no word spans two rows
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
	sq := Query{Text: q.Text, Sort: t.Column(q.Sort), Desc: q.Desc, Offset: q.Offset, Limit: q.Limit, Own: q.Own}
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
