package model

// AdvisorRow is one data row of an imported roster: what it says, and what
// could not be read from it (a date, a choice). Row counts as a spreadsheet
// does: the header is row 1.
type AdvisorRow struct {
	Row     int
	Advisor Advisor
	Errs    FieldErrors
}

// AdvisorImport is a roster read from a file: its rows and the fields its
// columns cover. An advisor already on file keeps the fields the file does
// not have.
type AdvisorImport struct {
	Rows    []AdvisorRow
	Columns []string
	Notes   []Note // what the reader says about the file: the encoding or sheet it read, sheets it left out
}

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
