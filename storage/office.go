package storage

import (
	"context"
	"errors"
	"fmt"

	"advisordesk/model"
)

// The methods below are what the window asks of the store, in model terms
// only, so the ui package can declare them as interfaces without importing
// storage or bbolt.

// FindAdvisors answers one page of the roster screen.
func (db *DB) FindAdvisors(q model.ListQuery) ([]*model.Advisor, int, error) {
	return db.Advisors.List(q)
}

func (db *DB) GetAdvisor(id uint64) (*model.Advisor, error) { return db.Advisors.Get(id) }

// SaveAdvisor saves an advisor as the DB's person.
func (db *DB) SaveAdvisor(a *model.Advisor) error {
	return db.Update(func(tx *Tx) error {
		if err := db.Advisors.Put(tx, a); err != nil {
			return err
		}
		return db.disableLeaver(tx, a)
	})
}

// disableLeaver disables the accounts of an advisor who has left, in the
// transaction that records the leaving: never deleted, they keep naming
// who did what in the log.
func (db *DB) disableLeaver(tx *Tx, a *model.Advisor) error {
	if a.Status != model.Left {
		return nil
	}
	for _, r := range db.Accounts.refs {
		for _, id := range ixIDs(tx, r.ix, refKey(a.ID)) {
			acc, err := db.Accounts.get(tx, id)
			if err != nil {
				return err
			}
			if acc.State == model.Disabled {
				continue
			}
			acc.State = model.Disabled
			if err := db.Accounts.Put(tx, acc); err != nil {
				return err
			}
		}
	}
	return nil
}

// DeleteAdvisor removes an advisor nothing refers to; one who took part in
// a cycle or is another's supervisor gets an *InUseError that counts each.
func (db *DB) DeleteAdvisor(id uint64) error {
	return db.Update(func(tx *Tx) error {
		a, err := db.Advisors.TxGet(tx, id)
		if err != nil {
			return err
		}
		cycles, err := db.Cycles.ByParticipant.TxIDs(tx, id)
		if err != nil {
			return err
		}
		var more []Use
		if len(cycles) > 0 {
			more = append(more, Use{Table: "cycles", Field: "participant", N: len(cycles)})
		}
		if err := db.Advisors.refuseInUse(tx, a, more...); err != nil {
			return err
		}
		return db.Advisors.Remove(tx, id)
	})
}

// AdvisorsByEmpNo is the whole roster in employee-number order, for printing
// and export.
func (db *DB) AdvisorsByEmpNo() ([]*model.Advisor, error) {
	recs, _, err := db.Advisors.FindRecords(Query{Sort: db.Advisors.Column(model.FieldEmpNo)})
	return recs, err
}

// StatusCounts counts advisors per status from the status index.
func (db *DB) StatusCounts() (map[model.Status]int, error) {
	out := map[model.Status]int{}
	for _, s := range model.Statuses {
		ids, err := db.Advisors.ByStatus.IDs(s)
		if err != nil {
			return nil, err
		}
		out[s] = len(ids)
	}
	return out, nil
}

// CheckFile runs the full check on a snapshot of the file, in a child
// process (see CheckSnapshot), and returns its findings as sentences.
func (db *DB) CheckFile(ctx context.Context) (records int, problems []string, err error) {
	r, err := db.CheckSnapshot(ctx)
	var d *DamagedError
	if errors.As(err, &d) { // a crash of the check is one problem found
		return 0, []string{d.Reason}, nil
	}
	if err != nil {
		return 0, nil, err
	}
	for _, p := range r.Problems {
		problems = append(problems, p.String())
	}
	return r.Records, problems, nil
}

// FindCustomers answers one page of the customers screen: the customers
// of the person's reach, a shared one masked.
func (db *DB) FindCustomers(q model.ListQuery) ([]*model.Customer, int, error) {
	return db.Customers.List(q)
}

// SaveCustomer saves a customer as the DB's person.
func (db *DB) SaveCustomer(c *model.Customer) error { return db.Customers.Save(c) }

// DeleteCustomer removes a customer.
func (db *DB) DeleteCustomer(id uint64) error { return db.Customers.Delete(id) }

// FindProducts answers one page of the product catalogue, for those who
// may query products.
func (db *DB) FindProducts(q model.ListQuery) ([]*model.Product, int, error) {
	return db.Products.List(q)
}

// SaveProduct saves a product (those who manage products).
func (db *DB) SaveProduct(p *model.Product) error { return db.Products.Save(p) }

// DeleteProduct removes a product nothing uses; one in use is discontinued.
func (db *DB) DeleteProduct(id uint64) error { return db.Products.Delete(id) }

// FindCycles answers one page of the appraisal screen's cycle list.
func (db *DB) FindCycles(q model.ListQuery) ([]*model.Cycle, int, error) { return db.Cycles.List(q) }

// AllTemplates lists the templates in order of creation.
func (db *DB) AllTemplates() ([]*model.Template, error) {
	var out []*model.Template
	err := db.Templates.Each(func(t *model.Template) error { out = append(out, t); return nil })
	return out, err
}

// rowProblems is everything wrong with a row the reader already found
// fault with, so that one pass over the file fixes it.
func (db *DB) rowProblems(row *model.AdvisorRow) model.FieldErrors {
	problems := append(model.FieldErrors(nil), row.Errs...)
	a := row.Rec
	a.Normalize()
	if fes, ok := model.AsFieldErrors(a.Validate(db.Today())); ok {
		for _, fe := range fes {
			if row.Errs.For(fe.Field) == nil {
				cp := *fe
				cp.Row = row.Row
				problems = append(problems, &cp)
			}
		}
	}
	return problems
}

// importRow adds or updates the advisor of one row; its problems come back
// with the row's number. With mayWait, a row whose supervisor names no
// advisor yet is left for later (wait) and nothing is written.
func (db *DB) importRow(tx *Tx, imp *model.AdvisorImport, row *model.AdvisorRow, res *importResult,
	mayWait bool) (model.FieldErrors, bool, error) {
	a := model.Advisor{}
	ids, err := db.Advisors.ByEmpNo.TxIDs(tx, row.Rec.EmpNo)
	if err != nil {
		return nil, false, err
	}
	if len(ids) > 0 {
		old, err := db.Advisors.TxGet(tx, ids[0])
		if err != nil {
			return nil, false, err
		}
		a = *old
	}
	row.Rec.MergeInto(&a, imp.Columns)
	fes, err := db.Advisors.resolveRefs(tx, &a, imp.Columns)
	if err != nil {
		return nil, false, err
	}
	if fes != nil && mayWait && fes[0].Code == model.CodeRefUnknown {
		return nil, true, nil
	}
	if fes == nil {
		err = db.Advisors.Put(tx, &a)
		if fes, _ = model.AsFieldErrors(err); fes == nil && err != nil {
			return nil, false, err
		}
		if fes == nil {
			if err := db.disableLeaver(tx, &a); err != nil {
				return nil, false, err
			}
		}
	}
	if fes == nil {
		if len(ids) > 0 {
			res.Updated++
		} else {
			res.Added++
		}
	}
	out := make(model.FieldErrors, len(fes))
	for i, fe := range fes {
		cp := *fe
		cp.Row = row.Row
		out[i] = &cp
	}
	return out, false, nil
}

// importResult says what an import did, or would do in a dry run.
type importResult struct {
	Added, Updated int
	Backup         string // the verified copy taken before writing
}

// ImportAdvisors writes an imported roster in one transaction: an advisor
// whose employee number is on file is updated in the columns the file has,
// the others are added. Every row is checked as the form checks it; if any
// row has a problem, all problems come back (model.FieldErrors, each with
// its row) and nothing is written. A dry run checks and counts only.
// It returns how many were (or would be) added and updated, and the backup.
func (db *DB) ImportAdvisors(imp *model.AdvisorImport, dryRun bool) (added, updated int, backup string, err error) {
	res, err := db.importAdvisors(imp, dryRun)
	return res.Added, res.Updated, res.Backup, err
}

func (db *DB) importAdvisors(imp *model.AdvisorImport, dryRun bool) (importResult, error) {
	var res importResult
	errDry := errors.New("dry run")
	check := func(tx *Tx) error {
		res.Added, res.Updated = 0, 0
		var problems model.FieldErrors
		// A row whose supervisor is further down the file waits for the
		// rows after it.
		var later []*model.AdvisorRow
		for i := range imp.Rows {
			row := &imp.Rows[i]
			if len(row.Errs) > 0 {
				problems = append(problems, db.rowProblems(row)...)
				continue
			}
			fes, wait, err := db.importRow(tx, imp, row, &res, true)
			if err != nil {
				return err
			}
			if wait {
				later = append(later, row)
			}
			problems = append(problems, fes...)
		}
		for _, row := range later {
			fes, _, err := db.importRow(tx, imp, row, &res, false)
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
	if dryRun {
		if err := db.Update(check); err != nil && !errors.Is(err, errDry) {
			return res, err
		}
		return res, nil
	}
	// Check first without writing, so a file with problems costs no backup.
	if err := db.Update(func(tx *Tx) error {
		if err := check(tx); err != nil {
			return err
		}
		return errDry
	}); !errors.Is(err, errDry) {
		return res, err
	}
	backup, err := db.autoBackup("", "before-import")
	if err != nil {
		return res, fmt.Errorf("backup before import: %w", err)
	}
	res.Backup = backup
	return res, db.updateBulk(check)
}
