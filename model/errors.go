package model

import (
	"errors"
	"strconv"
	"strings"
)

// FieldError says what is wrong with one field of a record. Code is a stable
// message key ("required", "phone", …) that the UI and the CLI translate;
// Field is the record's field key ("empno", "phone", …), translated the same way.
type FieldError struct {
	Field string
	Code  string
	// Arg carries the one detail a message may need (a maximum length, a date).
	Arg string
	// Row is the 1-based row of a list inside the record (an appraisal item,
	// an import line) the error is about; 0 when it is about the record.
	Row int
}

func (e *FieldError) Error() string {
	msg := e.Field + ": " + e.Code
	if e.Row > 0 {
		msg = "row " + strconv.Itoa(e.Row) + ", " + msg
	}
	if e.Arg != "" {
		msg += " (" + e.Arg + ")"
	}
	return msg
}

// FieldErrors is every problem found in one record, in form order.
type FieldErrors []*FieldError

func (es FieldErrors) Error() string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.Error()
	}
	return strings.Join(parts, "; ")
}

// For returns the first error on the named field, or nil.
func (es FieldErrors) For(field string) *FieldError {
	for _, e := range es {
		if e.Field == field {
			return e
		}
	}
	return nil
}

// AsFieldErrors unwraps err into the field errors it carries, if any.
func AsFieldErrors(err error) (FieldErrors, bool) {
	var fes FieldErrors
	if errors.As(err, &fes) {
		return fes, true
	}
	var fe *FieldError
	if errors.As(err, &fe) {
		return FieldErrors{fe}, true
	}
	return nil, false
}

// Error codes shared by every entity.
const (
	CodeRequired  = "required"
	CodeTooLong   = "too_long"
	CodeTooMany   = "too_many"
	CodePhone     = "phone"
	CodeEmail     = "email"
	CodeDate      = "date"
	CodeChoice    = "choice"
	CodeDuplicate = "duplicate"
	CodeBefore    = "before_hire"
	CodeFuture    = "future"
	CodeEmpNo     = "empno"
	CodeIDCard    = "id_card"
	CodeNumber    = "number" // text where a number belongs
	CodeCount     = "count"  // text where a whole number belongs
	// CodeWorkdayWeekday: a make-up working day (调休) on Monday to Friday.
	CodeWorkdayWeekday = "workday_weekday"
	CodeRange          = "range"      // a number outside its bounds; Arg says which
	CodeDecimals       = "decimals"   // more than one decimal place
	CodeWeightSum      = "weight_sum" // weights do not total 100; Arg is the gap
	CodeLocked         = "locked"     // the cycle is published
	CodeStage          = "stage"      // not allowed at the cycle's current stage
	CodeNotInCycle     = "not_in_cycle"
	CodeOrder          = "order"          // a date range or a list out of order
	CodeUnknown        = "unknown"        // no record has the value given (Arg)
	CodeHasForms       = "has_forms"      // a participant (Arg) already has evaluation forms
	CodeDuplicateRow   = "duplicate_row"  // the same key appeared earlier in the file, at row Arg
	CodeUnknownChoice  = "unknown_choice" // a cell (Arg) names none of the choices
	CodeRefUnknown     = "ref_unknown"    // a reference names (Arg) no record by key or title
	CodeRefAmbiguous   = "ref_ambiguous"  // a reference's name (Arg) is the title of several records
	CodeRefMissing     = "ref_missing"    // the referenced record is no longer on file
	CodeRefSelf        = "ref_self"       // a record refers to itself
	CodeRefCycle       = "ref_cycle"      // following the reference leads back to the record (Arg: the name that closes it)
	CodeNoRecord       = "no_record"      // an imported row's number (Arg) names no record on file
	CodeRowRefused     = "row_refused"    // an imported row changes a record the person may not change
)

// Archived says that a delete kept the record, archived, because others
// still refer to it (see Record.Archive). It is not a failure: the screen
// says so and lists the record as archived.
type Archived struct{ Name string }

func (a *Archived) Error() string {
	return a.Name + " is still referred to: archived instead of deleted"
}
func (a *Archived) MessageKey() (string, map[string]any) {
	return "delete.archived", map[string]any{"Name": a.Name}
}
