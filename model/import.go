package model

// ImportRow is one data row of an imported file: the record it says, and
// what could not be read from it (a date, a choice). Row counts as a
// spreadsheet does: the header is row 1.
type ImportRow[T any] struct {
	Row  int
	Rec  T
	Errs FieldErrors
	// ID is the record the row names by its number (Record.Number): 0 for
	// a row to add, or a type matched by its Key.
	ID uint64
}

// Import is a file of records read in: its rows and the fields its columns
// cover. A record already on file keeps the fields the file does not have.
type Import[T any] struct {
	Rows    []ImportRow[T]
	Columns []string // field keys, in the record's field order
	Notes   []Note   // what the reader says about the file: the encoding or sheet it read, sheets it left out
}

// AdvisorImport is a roster read from a file.
type AdvisorImport = Import[Advisor]

// AdvisorRow is one advisor of an imported roster.
type AdvisorRow = ImportRow[Advisor]

// Note is something to tell the user that is not a problem: a message key
// of the translation files and its arguments.
type Note struct {
	Key  string
	Args map[string]any
}

func (n Note) MessageKey() (string, map[string]any) { return n.Key, n.Args }
func (n Note) Error() string                        { return n.Key }

// MergeInto copies the fields listed in fields from a onto dst.
func (a *Advisor) MergeInto(dst *Advisor, fields []string) { AdvisorRecord.Copy(dst, a, fields) }
