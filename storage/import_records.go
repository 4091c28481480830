package storage

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"advisordesk/model"
)

// ImportResult is what an import wrote, or would write (a dry run).
type ImportResult struct {
	Added, Updated int
	Unchanged      int    // rows that say what is on file already: not written
	Backup         string // the verified copy taken before writing
}

// ImportRecords writes the rows of a file of records of t's type in one
// transaction, as the DB's person: a record whose key field (the
// description's Key) is on file is updated in the columns the file has,
// another added. vet, if set, is the table's own check of a row (its
// number, its record) before it is saved. Every problem of every row comes back at once, named by row and
// field, and then nothing is written; a dry run writes nothing either way.
// A real import takes a verified backup first.
func ImportRecords[T any, P interface {
	*T
	Record
}](t *Table[T, P], imp *model.Import[T], dryRun bool, vet func(tx *Tx, row int, rec *T) model.FieldErrors) (ImportResult, error) {
	var res ImportResult
	errDry := errors.New("dry run")
	check := func(tx *Tx) error {
		res.Added, res.Updated, res.Unchanged = 0, 0, 0
		var problems model.FieldErrors
		for i := range imp.Rows {
			row := &imp.Rows[i]
			fes, err := importRecord(tx, t, imp, row, vet, &res)
			if err != nil {
				return err
			}
			problems = append(problems, fes...)
		}
		if problems != nil {
			return problems
		}
		if dryRun {
			return errDry
		}
		return nil
	}
	// Checked first without writing, so a file with problems costs no backup.
	if err := t.db.Update(func(tx *Tx) error {
		if err := check(tx); err != nil {
			return err
		}
		return errDry
	}); !errors.Is(err, errDry) {
		return res, err
	}
	if dryRun {
		return res, nil
	}
	backup, err := t.db.autoBackup("", "before-import")
	if err != nil {
		return res, fmt.Errorf("backup before import: %w", err)
	}
	res.Backup = backup
	return res, t.db.updateBulk(check)
}

// importRecord adds or updates the record of one row; its problems come
// back with the row's number. A row that changes nothing is not written,
// and needs no right to change the record (an export read back as it is).
func importRecord[T any, P interface {
	*T
	Record
}](tx *Tx, t *Table[T, P], imp *model.Import[T], row *model.ImportRow[T], vet func(*Tx, int, *T) model.FieldErrors,
	res *ImportResult) (model.FieldErrors, error) {
	old, fes, err := importTarget(tx, t, row)
	if err != nil || fes != nil {
		return rowErrs(append(fes, row.Errs...), row.Row), err
	}
	rec := new(T)
	if old != nil {
		*rec = *old
	}
	t.record.Copy(rec, &row.Rec, imp.Columns)
	if old != nil {
		keepMasked(t.record, rec, old, imp.Columns)
	}
	fes = append(model.FieldErrors(nil), row.Errs...)
	more, err := t.resolveRefs(tx, rec, imp.Columns)
	if err != nil {
		return nil, err
	}
	fes = addNew(fes, more)
	if vet != nil {
		fes = addNew(fes, vet(tx, row.Row, rec))
	}
	if len(fes) == 0 && old != nil && unchanged[T, P](rec, old) {
		res.Unchanged++
		return nil, nil
	}
	if len(fes) == 0 {
		err := t.Put(tx, rec)
		var refused *model.Refusal
		if errors.As(err, &refused) {
			return rowErrs(model.FieldErrors{refusedRow(t.record)}, row.Row), nil
		}
		more, ok := model.AsFieldErrors(err)
		if err != nil && !ok {
			return nil, err
		}
		fes = addNew(fes, more)
	} else if v, ok := any(rec).(validator); ok {
		// What the save would say besides, so a row's problems come at once.
		v.Normalize()
		more, _ := model.AsFieldErrors(v.Validate(t.db.Today()))
		fes = addNew(fes, more)
	}
	if len(fes) == 0 {
		if old != nil {
			res.Updated++
		} else {
			res.Added++
		}
		return nil, nil
	}
	return rowErrs(fes, row.Row), nil
}

// importTarget is the record on file a row updates: the one its number
// names, or the one with its key; nil for a row to add. A number that names
// no record is the row's problem.
func importTarget[T any, P interface {
	*T
	Record
}](tx *Tx, t *Table[T, P], row *model.ImportRow[T]) (*T, model.FieldErrors, error) {
	if row.ID != 0 {
		old, err := t.get(tx, row.ID)
		if errors.Is(err, ErrNotFound) {
			return nil, model.FieldErrors{{Field: t.record.Number, Code: model.CodeNoRecord, Arg: strconv.FormatUint(row.ID, 10)}}, nil
		}
		return old, nil, err
	}
	if t.byKey == nil {
		return nil, nil, nil
	}
	key := t.record.Field(t.record.Key)
	probe := row.Rec
	t.record.Normalize(&probe)
	if ids := ixIDs(tx, t.byKey, key.Get(&probe)); len(ids) > 0 {
		old, err := t.get(tx, ids[0])
		return old, nil, err
	}
	return nil, nil, nil
}

// keepMasked keeps the stored value of a sensitive field whose cell holds
// it as the exporting person saw it, masked (138****5678): the mask is
// what they were shown, not a new number.
func keepMasked[T any](r *model.Record[T], rec, old *T, columns []string) {
	for _, f := range r.SensitiveFields() {
		if !slices.Contains(columns, f.Key) {
			continue
		}
		was := f.Get(old)
		if v := f.Get(rec); v != was && v == f.Mask(was) {
			f.Set(rec, was)
		}
	}
}

// unchanged reports whether rec, cleaned as a save cleans it, stores what old
// does.
func unchanged[T any, P interface {
	*T
	Record
}](rec, old *T) bool {
	cp := *rec
	if v, ok := any(&cp).(validator); ok {
		v.Normalize()
	}
	a, err1 := encode(&cp)
	b, err2 := encode(old)
	return err1 == nil && err2 == nil && bytes.Equal(a, b)
}

// refusedRow is a row's problem when the person may not change the record:
// named on the record's key, number or title field.
func refusedRow[T any](r *model.Record[T]) *model.FieldError {
	field := r.Key
	if field == "" {
		field = r.Number
	}
	if field == "" {
		field = r.Title
	}
	return &model.FieldError{Field: field, Code: model.CodeRowRefused}
}

// rowErrs are fes, copied, on the file's row.
func rowErrs(fes model.FieldErrors, row int) model.FieldErrors {
	if len(fes) == 0 {
		return nil
	}
	out := make(model.FieldErrors, len(fes))
	for i, fe := range fes {
		cp := *fe
		cp.Row = row
		out[i] = &cp
	}
	return out
}

// addNew adds the problems of more on fields fes does not name yet.
func addNew(fes, more model.FieldErrors) model.FieldErrors {
	for _, fe := range more {
		if fes.For(fe.Field) == nil {
			fes = append(fes, fe)
		}
	}
	return fes
}
