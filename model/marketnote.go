package model

import "time"

// MarketNote is one piece of market research (市场调研, chapter 4): what an
// advisor learnt of the market or of a competitor's move, on a day, tagged
// so that the desk finds it again. A note is its author's to change (their
// supervisor's and HR's too); everyone at the desk reads it.
type MarketNote struct {
	ID      uint64    `msgpack:"id"`
	Created time.Time `msgpack:"created"`
	Updated time.Time `msgpack:"updated"`

	Date       Date       `msgpack:"date"`
	Kind       MarketKind `msgpack:"kind"`
	Competitor string     `msgpack:"competitor,omitempty"`
	Title      string     `msgpack:"title"`
	Tags       string     `msgpack:"tags,omitempty"`
	Body       string     `msgpack:"body,omitempty"`
	// AuthorID is the advisor who wrote it; Author their name (filled by
	// the store), AuthorNo their employee number.
	AuthorID uint64 `msgpack:"author_id,omitempty"`
	Author   string `msgpack:"author,omitempty"`
	AuthorNo string `msgpack:"-"`
}

func (n *MarketNote) Key() uint64      { return n.ID }
func (n *MarketNote) SetKey(id uint64) { n.ID = id }
func (n *MarketNote) Touch(t time.Time) {
	if n.Created.IsZero() {
		n.Created = t
	}
	n.Updated = t
}

// MarketKind is what a market note is about.
type MarketKind string

const (
	MarketPrices     MarketKind = "prices"     // prices and offers in the market
	MarketCompetitor MarketKind = "competitor" // a competitor's move
	MarketDemand     MarketKind = "demand"     // what customers ask for
	MarketPolicy     MarketKind = "policy"     // a rule or subsidy
	MarketOther      MarketKind = "other"
)

// MarketKinds in the order a form offers them.
var MarketKinds = []MarketKind{MarketCompetitor, MarketPrices, MarketDemand, MarketPolicy, MarketOther}

// Field keys of a market note.
const (
	FieldNoteDate   = "note_date"
	FieldNoteKind   = "note_kind"
	FieldCompetitor = "competitor"
	FieldNoteTitle  = "note_title"
	FieldNoteBody   = "note_body"
	FieldAuthor     = "author"
	FieldAuthorNo   = "author_empno"
)

// MarketNoteRecord describes a market note.
var MarketNoteRecord = &Record[MarketNote]{
	Name:    "marketnotes",
	Title:   FieldNoteTitle,
	Columns: []string{FieldNoteDate, FieldNoteKind, FieldNoteTitle},
	Fields: []Field[MarketNote]{
		{Key: FieldNoteDate, Kind: KindDate, Required: true, List: 90, Print: 22, Check: NotFuture(func(n *MarketNote) Date { return n.Date }),
			Access: Str(func(n *MarketNote) *Date { return &n.Date })},
		{Key: FieldNoteKind, Kind: KindChoice, Required: true, Choices: Codes(MarketKinds), Prefix: "market.kind.", List: 90, Print: 20,
			Access: Str(func(n *MarketNote) *MarketKind { return &n.Kind })},
		{Key: FieldCompetitor, Max: maxShort, Search: true, List: 110, Print: 30,
			Access: Str(func(n *MarketNote) *string { return &n.Competitor })},
		{Key: FieldNoteTitle, Required: true, Max: 80, Search: true, List: 220, Print: 60,
			Access: Str(func(n *MarketNote) *string { return &n.Title })},
		{Key: FieldTags, Max: 120, Search: true, List: 120, Print: 30, Clean: CleanTags,
			Access: Str(func(n *MarketNote) *string { return &n.Tags }),
			Check:  func(n *MarketNote, _ Date) (string, string) { return checkTags(n.Tags) }},
		{Key: FieldNoteBody, Kind: KindMultiline, Max: 4000, Search: true,
			Access: Str(func(n *MarketNote) *string { return &n.Body })},
		{Key: FieldAuthor, Kind: KindRef, Max: maxName, Search: true, List: 90, Print: 24,
			Ref:    &Ref[MarketNote]{To: "advisors", ID: func(n *MarketNote) *uint64 { return &n.AuthorID }, KeyText: FieldAuthorNo},
			Access: Str(func(n *MarketNote) *string { return &n.Author })},
		{Key: FieldAuthorNo, FileOnly: true, Max: maxEmpNo, Clean: NormalizeEmpNo,
			Access: Str(func(n *MarketNote) *string { return &n.AuthorNo })},
	},
	// Everyone reads the office's research; its author, their supervisor
	// and HR keep it.
	Owner: &Owner[MarketNote]{Advisor: func(n *MarketNote) uint64 { return n.AuthorID }, Shared: true},
}

// Normalize and Validate make MarketNote a record the store checks on save.
func (n *MarketNote) Normalize() {
	MarketNoteRecord.Normalize(n)
	if n.Kind == "" {
		n.Kind = MarketOther
	}
}

func (n *MarketNote) Validate(today Date) error {
	if fes := MarketNoteRecord.Validate(n, today); len(fes) > 0 {
		return fes
	}
	return nil
}
