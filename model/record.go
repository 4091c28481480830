package model

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Kind is what sort of value a field holds. It decides how the value is
// cleaned and checked, the input a form gives it, how an import reads it and
// how a printed table lines it up.
type Kind int

const (
	KindText      Kind = iota // one line of text
	KindMultiline             // notes: several lines
	KindName                  // a person's name: spaces inside collapsed, found by pinyin, wrapped between its parts
	KindChoice                // one of a fixed set of codes, shown translated
	KindDate                  // a calendar day, YYYY-MM-DD
	KindNumber                // a decimal number
	KindPhone                 // a telephone number (see ValidPhone)
	KindEmail                 // an e-mail address
	// KindRef points at another record (Field.Ref). Its text is the
	// referenced record's title (a name), which the store fills in on every
	// read; while the reference is unset it holds a name no record was
	// matched to yet, for a person to resolve.
	KindRef
)

// Access reads and writes one field of a record as text: a choice's code, a
// date as YYYY-MM-DD, a number in Go's shortest form.
type Access[T any] struct {
	Get func(*T) string
	Set func(*T, string)
}

// Str is the Access of a string-typed field (string, Date, a choice type).
func Str[T any, S ~string](at func(*T) *S) Access[T] {
	return Access[T]{
		Get: func(r *T) string { return string(*at(r)) },
		Set: func(r *T, s string) { *at(r) = S(s) },
	}
}

// Flag is the Access of a yes/no choice, where a record saved before the
// field existed (or left empty) reads as no, never as "choose one".
func Flag[T any](at func(*T) *YesNo) Access[T] {
	return Access[T]{
		Get: func(r *T) string {
			if *at(r) == "" {
				return string(No)
			}
			return string(*at(r))
		},
		Set: func(r *T, s string) { *at(r) = YesNo(s) },
	}
}

// Rating is the Access of a rating where 0 means none given: it shows blank,
// not 0, and blank reads back as 0.
func Rating[T any](at func(*T) *float64) Access[T] {
	num := Num(at)
	return Access[T]{
		Get: func(r *T) string {
			if *at(r) == 0 {
				return ""
			}
			return num.Get(r)
		},
		Set: num.Set,
	}
}

// Num is the Access of a float64 field. The empty text is zero.
func Num[T any](at func(*T) *float64) Access[T] {
	return Access[T]{
		Get: func(r *T) string { return strconv.FormatFloat(*at(r), 'f', -1, 64) },
		Set: func(r *T, s string) { *at(r), _ = ParseNumber(s) },
	}
}

// Codes turns a choice type's values into the codes a Field lists.
func Codes[S ~string](values []S) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = string(v)
	}
	return out
}

// Field describes one field of a record type: everything the store, the
// screens, the files and the printed tables need to know about it. A record
// type's fields are listed once, in its Record; nothing else lists them.
type Field[T any] struct {
	Key      string // the field key; its label is "field."+Key in the translation files
	Kind     Kind
	Required bool
	Max      int      // the longest text, in characters; 0 for no limit
	Choices  []string // a choice's codes, in the order a form offers them
	Prefix   string   // a choice's label keys: Prefix+code ("status.active")
	Search   bool     // the list's search box finds a record by this field
	List     float32  // the column's width on a list screen; 0 for no column
	Sort     bool     // kept beside each record to sort and filter by, also when not a column
	Print    float64  // the column's width in mm in the printed table; 0 for none
	NoFile   bool     // left out of CSV/xlsx export and import
	FileOnly bool     // only in CSV/xlsx files: no form row, list column or print column
	// Fixed is set by the store (the day a record was made): shown and
	// exported, never typed in a form or read from a file.
	Fixed bool
	Ref   *Ref[T] // what a KindRef field points at
	// Sensitive marks personal data: shown masked (see Mask) to people who
	// see the record but do not own or lead it, and whose export or print
	// is logged and needs PermExportPersonal.
	Sensitive bool
	// Whole marks a number that counts (stock, a 1–5 score, a record's
	// number): a text that is no number is told with a whole-number example.
	Whole bool
	Access[T]
	// Clean puts a value in the one form the store keeps, after the kind's
	// own cleaning (trimmed; a name's inner spaces collapsed).
	Clean func(string) string
	// Check is the field's own rule, run after the kind's checks pass (also
	// on an empty value, so that it can require one): it returns the
	// problem's code and argument, or "" when the value is right.
	Check func(rec *T, today Date) (code, arg string)
}

// Record describes a record type: its fields in the order a form and a file
// show them, and the order of the columns of its list and printed table when
// that differs.
type Record[T any] struct {
	Name string // the table's name; its label is "record."+Name
	// Key is the field that names a record to people and files (an
	// employee number): unique, and what an import matches records by.
	Key string
	// Title is the field a reference to this record shows (a name); "" for
	// the key.
	Title string
	// Number is the file-only field that carries a record's own number (its
	// store key) for a type without a Key of its own (a customer): an
	// export writes it, an import updates the record a row names by it and
	// adds a row without one. "" for none.
	Number string
	// InUse is the translation key of the advice given when a record that
	// others still refer to cannot be deleted ("" for none): records a
	// person may not delete while used are archived by a status instead.
	InUse string
	// Archive, when set, is what a delete of a record others still refer
	// to does instead of being refused: it turns rec into its archived form
	// (a status, a date), which the store saves. The advisor has none: HR
	// is told what refers to the advisor and to set the status to Left.
	Archive func(rec *T, today Date)
	Fields  []Field[T]
	// Columns puts the named fields first, in this order, in the list and
	// the printed table; the other fields follow in the order of Fields.
	Columns []string
	// Owner says whose a record is, and so who reaches it (see Owner); nil
	// for the office's records.
	Owner *Owner[T]
	// Write is the permission a person needs to create, change or delete
	// a record, within their scope; "" for none beyond the scope.
	Write Perm
	// Read is the permission a person needs to see records of this type at
	// all (querying the products); "" for none beyond the scope.
	Read Perm
	// Personal marks a record type that carries customers' personal data
	// without a Sensitive field of its own (a sale names its customer):
	// its export or print is logged and needs PermExportPersonal.
	Personal bool
	// Shown is bumped when a field's shown text changes for the same stored
	// value (a 0 that now shows blank): the store keeps listing rows of the
	// shown text, and a file written before rebuilds them once at open.
	Shown int
}

// Ref is the target of a reference field: which record type it points
// at, where the record keeps the referenced key, and where the store puts
// the referenced record's key text (an employee number) so that a file can
// carry it beside the title.
type Ref[T any] struct {
	To      string           // the referenced record type's Name
	ID      func(*T) *uint64 // the referenced record's key; 0 for none
	KeyText string           // the FileOnly field that carries the referenced key text; "" for none
}

// Unresolved reports whether f is a reference whose text names no record
// yet: a name kept from before the field was a reference, or typed in, that
// matched none or several records.
func (f *Field[T]) Unresolved(rec *T) bool {
	return f.Ref != nil && *f.Ref.ID(rec) == 0 && f.Get(rec) != ""
}

// Refs lists the record's reference fields.
func (r *Record[T]) Refs() []*Field[T] {
	var out []*Field[T]
	for i := range r.Fields {
		if r.Fields[i].Ref != nil {
			out = append(out, &r.Fields[i])
		}
	}
	return out
}

// TitleField is the field a reference to this record shows.
func (r *Record[T]) TitleField() *Field[T] {
	if r.Title != "" {
		return r.Field(r.Title)
	}
	return r.Field(r.Key)
}

// SensitiveFields are the fields that hold personal data, in order.
func (r *Record[T]) SensitiveFields() []*Field[T] {
	var out []*Field[T]
	for i := range r.Fields {
		if r.Fields[i].Sensitive {
			out = append(out, &r.Fields[i])
		}
	}
	return out
}

// HoldsPersonal reports whether a file of these records is personal data
// leaving the program: the type is Personal or has a Sensitive field.
func (r *Record[T]) HoldsPersonal() bool { return r.Personal || len(r.SensitiveFields()) > 0 }

// Mask is v as people who may not read the field see it: masked by the
// field's kind (see model.Mask) when the field is sensitive, else v.
func (f *Field[T]) Mask(v string) string {
	if !f.Sensitive {
		return v
	}
	return Mask(f.Kind, f.Key, v)
}

// FormFields are the fields a form shows, in order.
func (r *Record[T]) FormFields() []*Field[T] {
	var out []*Field[T]
	for i := range r.Fields {
		if !r.Fields[i].FileOnly {
			out = append(out, &r.Fields[i])
		}
	}
	return out
}

// Field returns the field with key, or nil.
func (r *Record[T]) Field(key string) *Field[T] {
	for i := range r.Fields {
		if r.Fields[i].Key == key {
			return &r.Fields[i]
		}
	}
	return nil
}

// ordered lists the fields in table-column order.
func (r *Record[T]) ordered() []*Field[T] {
	out := make([]*Field[T], 0, len(r.Fields))
	for _, k := range r.Columns {
		if f := r.Field(k); f != nil {
			out = append(out, f)
		}
	}
	for i := range r.Fields {
		if !slices.Contains(r.Columns, r.Fields[i].Key) && !r.Fields[i].FileOnly {
			out = append(out, &r.Fields[i])
		}
	}
	return out
}

// ListFields are the columns of the record's list screen, in order; the
// store keeps their text beside each record to search and sort by.
func (r *Record[T]) ListFields() []*Field[T] {
	return slices.DeleteFunc(r.ordered(), func(f *Field[T]) bool { return f.List == 0 })
}

// SortFields are what the store keeps beside each record to sort and
// filter its list by: the list's columns and the fields marked Sort.
func (r *Record[T]) SortFields() []*Field[T] {
	return slices.DeleteFunc(r.ordered(), func(f *Field[T]) bool { return f.List == 0 && !f.Sort })
}

// PrintFields are the columns of the record's printed table, in order.
func (r *Record[T]) PrintFields() []*Field[T] {
	return slices.DeleteFunc(r.ordered(), func(f *Field[T]) bool { return f.Print == 0 })
}

// FileFields are the columns of the record's CSV and Excel files, in order.
func (r *Record[T]) FileFields() []*Field[T] {
	var out []*Field[T]
	for i := range r.Fields {
		if !r.Fields[i].NoFile {
			out = append(out, &r.Fields[i])
		}
	}
	return out
}

// Normalize cleans every field of rec: text trimmed, a name's spaces
// collapsed, then the field's own Clean.
func (r *Record[T]) Normalize(rec *T) {
	for i := range r.Fields {
		f := &r.Fields[i]
		v := f.Get(rec)
		switch f.Kind {
		case KindName, KindRef:
			v = strings.Join(strings.Fields(v), " ")
		default:
			v = strings.TrimSpace(v)
		}
		if f.Clean != nil {
			v = f.Clean(v)
		}
		f.Set(rec, v)
	}
}

// Validate checks every field of rec and returns all problems at once, in
// field order, so a form can mark each field in one pass; nil when none.
// today bounds the dates that a field's Check keeps in the past.
func (r *Record[T]) Validate(rec *T, today Date) FieldErrors {
	var errs FieldErrors
	for i := range r.Fields {
		f := &r.Fields[i]
		code, arg := f.check(f.Get(rec))
		if code == "" && f.Check != nil {
			code, arg = f.Check(rec, today)
		}
		if code != "" {
			errs = append(errs, &FieldError{Field: f.Key, Code: code, Arg: arg})
		}
	}
	return errs
}

// check is the kind's rule for a value already cleaned.
func (f *Field[T]) check(v string) (code, arg string) {
	if v == "" {
		if f.Required {
			return CodeRequired, ""
		}
		return "", ""
	}
	if f.Max > 0 && utf8.RuneCountInString(v) > f.Max {
		return CodeTooLong, strconv.Itoa(f.Max)
	}
	switch f.Kind {
	case KindChoice:
		if !slices.Contains(f.Choices, v) {
			return CodeChoice, ""
		}
	case KindDate:
		if _, ok := Date(v).Time(); !ok {
			return CodeDate, ""
		}
	case KindNumber:
		if _, err := ParseNumber(v); err != nil {
			return f.notNumber(), ""
		}
	case KindPhone:
		if !ValidPhone(v) {
			return CodePhone, ""
		}
	case KindEmail:
		if !validEmail(v) {
			return CodeEmail, ""
		}
	}
	return "", ""
}

// Parse reads a value typed in a form or found in a file cell into the form
// Set takes: a date in any format ParseDate reads, a number with thousands
// separators. A choice is matched by code here; the screens and files match
// its translated labels first. What cannot be read gives the problem's code.
func (f *Field[T]) Parse(text string) (string, string) {
	text = strings.TrimSpace(text)
	if text == "" {
		return "", ""
	}
	switch f.Kind {
	case KindDate:
		d, err := ParseDate(text)
		if err != nil {
			return "", CodeDate
		}
		return string(d), ""
	case KindNumber:
		n, err := ParseNumber(text)
		if err != nil {
			return "", f.notNumber()
		}
		return strconv.FormatFloat(n, 'f', -1, 64), ""
	}
	return text, ""
}

// notNumber is the problem of a text that is no number: a count's
// (whole) or any number's.
func (f *Field[T]) notNumber() string {
	if f.Whole {
		return CodeCount
	}
	return CodeNumber
}

// LabelKey is the translation key of a stored value of field key as people
// read it — a choice's label ("status.left") — or "" when the value is shown
// as it is: a change log shows a choice by its label, not its code.
func (r *Record[T]) LabelKey(key, value string) string {
	if f := r.Field(key); f != nil && f.Kind == KindChoice && value != "" {
		return f.Prefix + value
	}
	return ""
}

// Labeller is what shows stored values as people read them; every Record
// is one.
type Labeller interface {
	LabelKey(field, value string) string
}

// Copy sets the fields named in keys from src onto dst: an import updates
// only the columns its file has.
func (r *Record[T]) Copy(dst, src *T, keys []string) {
	for _, k := range keys {
		if f := r.Field(k); f != nil {
			f.Set(dst, f.Get(src))
		}
	}
}

// SearchText is the text of the fields the search box looks in, one
// after another.
func (r *Record[T]) SearchText(rec *T) []string {
	var out []string
	for i := range r.Fields {
		if r.Fields[i].Search {
			out = append(out, r.Fields[i].Get(rec))
		}
	}
	return out
}

// NotFuture is a Check for a date that cannot lie after today.
func NotFuture[T any](get func(*T) Date) func(*T, Date) (string, string) {
	return func(rec *T, today Date) (string, string) {
		if d := get(rec); today != "" && d > today {
			return CodeFuture, ""
		}
		return "", ""
	}
}
