package storage

import (
	"slices"
	"strconv"

	"advisordesk/model"
)

// CustomerTable is the customers (客户资料): found by their phone number
// in its one normalised form (model.NormalPhone), so that a new customer
// whose number is already someone's is told before saving, through the
// index and not by reading every customer.
type CustomerTable struct {
	*Table[model.Customer, *model.Customer]
	ByPhone Index[model.Customer, string]
}

func newCustomerTable(db *DB) *CustomerTable {
	t := &CustomerTable{}
	t.Table, _ = describedTable[model.Customer, *model.Customer](db, model.CustomerRecord)
	t.ByPhone = addIndex(t.Table, "phone", model.FieldPhone, false, model.NormalPhone,
		func(c *model.Customer) []string { return []string{c.Phone} })
	return t
}

// ownerIx is the index of the owner reference: an advisor's customers.
func (t *CustomerTable) ownerIx() *index[model.Customer] {
	for _, r := range t.refs {
		if r.field.Key == model.FieldOwner {
			return r.ix
		}
	}
	panic("customers: no owner reference")
}

// GetCustomer is one customer as the person may see them: masked when the
// customer is not theirs.
func (db *DB) GetCustomer(id uint64) (*model.Customer, error) { return db.Customers.Get(id) }

// SamePhone lists the customers other than except whose phone is phone
// once both are normalised, as the person sees them: the phone masked on a
// customer not theirs. Nothing for a number too short to be one.
func (db *DB) SamePhone(phone string, except uint64) ([]*model.Customer, error) {
	if len(model.NormalPhone(phone)) < 7 {
		return nil, nil
	}
	var out []*model.Customer
	err := db.View(func(tx *Tx) error {
		ids, err := db.Customers.ByPhone.TxIDs(tx, phone)
		if err != nil {
			return err
		}
		for _, id := range ids {
			if id == except {
				continue
			}
			c, err := db.Customers.TxGet(tx, id)
			if err != nil {
				return err
			}
			out = append(out, c)
		}
		return nil
	})
	return out, err
}

// Field keys of a transfer.
const (
	FieldReason = "reason"
	FieldTo     = "transfer_to"
)

// TransferCustomers hands customers to another advisor (HR, or a
// supervisor within their team), with a reason: each customer's change of
// advisor is logged as a transfer with the reason beside it. ids empty
// with from set hands every customer of advisor from (one who leaves). It
// returns how many were handed over; all or nothing.
func (db *DB) TransferCustomers(ids []uint64, from, to uint64, reason string) (int, error) {
	var errs model.FieldErrors
	if to == 0 {
		errs = append(errs, &model.FieldError{Field: FieldTo, Code: model.CodeRequired})
	}
	if reason == "" {
		errs = append(errs, &model.FieldError{Field: FieldReason, Code: model.CodeRequired})
	}
	if errs != nil {
		return 0, errs
	}
	n := 0
	err := db.Update(func(tx *Tx) error {
		if r := tx.who.Role; r != model.RoleHR && r != model.RoleSupervisor && r != model.RoleProgram {
			return db.Customers.refuse(0, model.PermManageCustomers)
		}
		if len(ids) == 0 && from != 0 {
			ids = ixIDs(tx, db.Customers.ownerIx(), refKey(from))
		}
		if _, err := db.Advisors.get(tx, to); err != nil {
			return model.FieldErrors{{Field: FieldTo, Code: model.CodeUnknown}}
		}
		for _, id := range ids {
			c, err := db.Customers.get(tx, id)
			if err != nil {
				return err
			}
			if c.AdvisorID == to {
				continue
			}
			old := c.Advisor
			c.AdvisorID = to
			if c.CallerID == to {
				c.CallerID = 0 // their own now: no one else's call to make
			}
			if err := db.Customers.Put(tx, c); err != nil {
				return err
			}
			if err := tx.appendLog(model.Change{Table: db.Customers.name, Record: c.ID, Action: model.Transferred,
				Fields: []model.FieldChange{{Field: model.FieldOwner, Old: old, New: c.Advisor},
					{Field: FieldReason, New: reason}}}); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// ImportCustomers writes a file of customers (see ImportRecords): a row
// with a customer's number updates that customer, a row without one adds a
// customer. A number that is another customer's, or on an earlier row of
// the file, is refused on its phone: the form, which shows who has the
// number, is where such a customer is added.
func (db *DB) ImportCustomers(imp *model.Import[model.Customer], dryRun bool) (ImportResult, error) {
	rows := map[string]int{} // each number and the first row with it
	return ImportRecords(db.Customers.Table, imp, dryRun, func(tx *Tx, row int, c *model.Customer) model.FieldErrors {
		p := model.NormalPhone(c.Phone)
		if p == "" {
			return nil
		}
		// The rows come in order (and again for the real write).
		if first, ok := rows[p]; ok && first < row {
			return model.FieldErrors{{Field: model.FieldPhone, Code: model.CodePhoneRow, Arg: strconv.Itoa(first)}}
		}
		rows[p] = row
		if slices.ContainsFunc(ixIDs(tx, db.Customers.ByPhone.ix, p), func(id uint64) bool { return id != c.ID }) {
			return model.FieldErrors{{Field: model.FieldPhone, Code: model.CodePhoneOnFile}}
		}
		return nil
	})
}
