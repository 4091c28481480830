package storage

import (
	"errors"
	"fmt"

	"advisordesk/model"
)

// ImportResult is what an import wrote, or would write (a dry run).
type ImportResult struct {
	Added, Updated int
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
		res.Added, res.Updated = 0, 0
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
// back with the row's number.
func importRecord[T any, P interface {
	*T
	Record
}](tx *Tx, t *Table[T, P], imp *model.Import[T], row *model.ImportRow[T], vet func(*Tx, int, *T) model.FieldErrors,
	res *ImportResult) (model.FieldErrors, error) {
	rec, found := new(T), false
	if t.byKey != nil {
		key := t.record.Field(t.record.Key)
		probe := row.Rec
		t.record.Normalize(&probe)
		if ids := ixIDs(tx, t.byKey, key.Get(&probe)); len(ids) > 0 {
			old, err := t.TxGet(tx, ids[0])
			if err != nil {
				return nil, err
			}
			rec, found = old, true
		}
	}
	t.record.Copy(rec, &row.Rec, imp.Columns)
	fes := append(model.FieldErrors(nil), row.Errs...)
	more, err := t.resolveRefs(tx, rec, imp.Columns)
	if err != nil {
		return nil, err
	}
	fes = addNew(fes, more)
	if vet != nil {
		fes = addNew(fes, vet(tx, row.Row, rec))
	}
	if len(fes) == 0 {
		err := t.Put(tx, rec)
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
		if found {
			res.Updated++
		} else {
			res.Added++
		}
		return nil, nil
	}
	out := make(model.FieldErrors, len(fes))
	for i, fe := range fes {
		cp := *fe
		cp.Row = row.Row
		out[i] = &cp
	}
	return out, nil
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
