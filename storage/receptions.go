package storage

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"advisordesk/model"
)

// ReceptionTable keeps the desk's receptions (chapter 4), indexed by
// customer and day for the customer page.
type ReceptionTable struct {
	*Table[model.Reception, *model.Reception]
	byCustomer *index[model.Reception]
}

func newReceptionTable(db *DB) *ReceptionTable {
	t := &ReceptionTable{}
	t.Table, _ = describedTable[model.Reception, *model.Reception](db, model.ReceptionRecord)
	t.byCustomer = addIndex(t.Table, "customer_day", model.FieldRecCustomer, false, same,
		func(r *model.Reception) []string {
			if r.CustomerID == 0 {
				return nil
			}
			return []string{refKey(r.CustomerID) + string(r.Date) + " " + r.Time}
		}).ix
	t.servedBy(model.FieldRecCustomer, t.byCustomer, "")
	return t
}

// ixRange calls fn with the key and the value's tail of every entry of ix
// whose value starts with prefix and whose tail lies from from through
// through (compared on through's length; "" for no bound), in index order,
// until fn returns false. The values are fixed-width keys followed by a
// day, so the range is one cursor seek and a walk, never a scan.
func ixRange[T any](tx *Tx, ix *index[T], prefix, from, through string, fn func(id uint64, tail string) bool) {
	c := tx.tx.Bucket(ix.bucket).Cursor()
	start := []byte(prefix + from)
	for k, _ := c.Seek(start); k != nil && bytes.HasPrefix(k, []byte(prefix)) && len(k) >= len(prefix)+9; k, _ = c.Next() {
		tail := string(k[len(prefix) : len(k)-9])
		if through != "" && tail[:min(len(tail), len(through))] > through {
			return
		}
		if !fn(btoi(k[len(k)-8:]), tail) {
			return
		}
	}
}

// seen reads record id as the transaction's person may see it, or nil
// when it is outside their reach: for lists gathered through an index,
// where what is not theirs is left out rather than refused and logged.
func (t *Table[T, P]) seen(tx *Tx, id uint64) (*T, view, error) {
	rec, err := t.get(tx, id)
	if err != nil {
		return nil, viewNone, err
	}
	v := t.viewOf(tx, rec)
	if v == viewNone {
		return nil, v, nil
	}
	rec, err = t.read(tx, rec)
	return rec, v, err
}

// ReceptionsOfCustomer lists a customer's receptions within the person's
// reach, newest first, through the customer index.
func (db *DB) ReceptionsOfCustomer(customerID uint64) ([]*model.Reception, error) {
	var out []*model.Reception
	err := db.View(func(tx *Tx) error {
		if tx.who.Role == "" {
			return ErrSignedOut
		}
		var ids []uint64
		ixRange(tx, db.Receptions.byCustomer, refKey(customerID), "", "", func(id uint64, _ string) bool {
			ids = append(ids, id)
			return true
		})
		for _, id := range slices.Backward(ids) {
			r, _, err := db.Receptions.seen(tx, id)
			if err != nil {
				return err
			}
			if r != nil {
				out = append(out, r)
			}
		}
		return nil
	})
	return out, err
}

// FindReceptions answers one page of the receptions list.
func (db *DB) FindReceptions(q model.ListQuery) ([]*model.Reception, int, error) {
	return db.Receptions.List(q)
}

// SaveReception saves a reception in one transaction with what it implies:
// newCustomer, when not nil, is a customer typed into the same form, who is
// added first and becomes the reception's customer; the recommended
// products' names are written from the catalogue; a service, a repair or a
// sale schedules its follow-up calls. Every problem of the reception and
// the new customer is reported at once; a refused save changes nothing.
func (db *DB) SaveReception(r *model.Reception, newCustomer *model.Customer) error {
	rID := r.ID
	var cID uint64
	if newCustomer != nil {
		cID = newCustomer.ID
	}
	err := db.Update(func(tx *Tx) error { return db.putReception(tx, r, newCustomer) })
	if err != nil { // the transaction rolled back: so do the keys it gave
		r.ID = rID
		if newCustomer != nil {
			newCustomer.ID = cID
		}
	}
	return err
}

func (db *DB) putReception(tx *Tx, r *model.Reception, c *model.Customer) error {
	var old *model.Reception
	if r.ID != 0 {
		var err error
		if old, err = db.Receptions.get(tx, r.ID); err != nil {
			return err
		}
	}
	if c != nil {
		if c.AdvisorID == 0 {
			c.AdvisorID, c.Advisor = r.AdvisorID, r.Advisor
		}
		if c.Source == "" { // received at the desk: a walk-in
			c.Source = model.SourceWalkIn
		}
		// Both records' problems at once: the customer's own, and the
		// reception's apart from its customer, who is being made.
		if fes := model.WalkInProblems(r, c, nil, db.Today()); fes != nil {
			return fes
		}
		if err := db.Customers.Put(tx, c); err != nil {
			return err
		}
		r.CustomerID, r.Customer = c.ID, c.Name
	}
	names := make([]string, 0, len(r.ProductIDs))
	for _, id := range r.ProductIDs {
		title, _, err := db.Products.refText(tx, id)
		if err != nil {
			return &model.FieldError{Field: model.FieldRecommended, Code: model.CodeRefMissing, Arg: fmt.Sprint(id)}
		}
		names = append(names, title)
	}
	r.Recommended = strings.Join(names, "、")
	if err := db.Receptions.Put(tx, r); err != nil {
		return err
	}
	if old != nil {
		if !old.SchedulesLike(r) {
			if err := db.redoReceptionCalls(tx, old, r); err != nil {
				return err
			}
		} else {
			return nil // the calls it scheduled stand
		}
	}
	if ev := r.Outcome.Event(); ev != "" {
		return db.scheduleFollowUps(tx, ev, r.CustomerID, r.AdvisorID, r.Date, fmt.Sprintf("reception %d", r.ID))
	}
	if r.Outcome == model.OutcomeFollowUp {
		return db.scheduleManual(tx, r)
	}
	return nil
}

// redoReceptionCalls is a correction of what decides a reception's calls
// (its outcome, day, customer or advisor): the calls it scheduled that
// nobody made or tried yet are dropped, for the corrected reception's to
// be scheduled — a typo must not leave wrong calls. Once one of them was
// made or tried, those fields are what the call was about: their change is
// refused beside each field, naming the day. An outcome of sale with a
// sale recorded from the reception stays a sale while that sale stands.
func (db *DB) redoReceptionCalls(tx *Tx, old, r *model.Reception) error {
	source := fmt.Sprintf("reception %d", old.ID)
	var ids []uint64
	ixRange(tx, db.FollowUps.days, dayCustomer+refKey(old.CustomerID), string(old.Date), "", func(id uint64, _ string) bool {
		ids = append(ids, id)
		return true
	})
	var drop []uint64
	for _, id := range ids {
		f, err := db.FollowUps.get(tx, id)
		if err != nil {
			return err
		}
		if f.Source != source {
			continue
		}
		if f.Done != "" || f.Result != "" || len(f.Attempts) > 0 {
			day := f.Done
			if day == "" && len(f.Attempts) > 0 {
				day = f.Attempts[0]
			}
			return old.CallsMadeProblems(r, day)
		}
		drop = append(drop, id)
	}
	if old.Outcome == model.OutcomeSale && r.Outcome != model.OutcomeSale {
		if id := db.saleFromReception(tx, old); id != 0 {
			return model.FieldErrors{{Field: model.FieldRecOutcome, Code: model.CodeSaleFromReception, Arg: fmt.Sprint(id)}}
		}
	}
	for _, id := range drop {
		if err := db.FollowUps.Remove(tx, id); err != nil {
			return err
		}
	}
	return nil
}

// saleFromReception is the number of an active sale recorded from the
// reception, 0 for none: read through the customer's sales index.
func (db *DB) saleFromReception(tx *Tx, r *model.Reception) uint64 {
	for _, id := range datedIDs(tx, db.Sales.byCustomer, r.CustomerID, r.Date, "") {
		if s, err := db.Sales.get(tx, id); err == nil && s.Reception == r.ID && s.State == model.SaleActive {
			return id
		}
	}
	return 0
}

// FindCustomersByText is the quick entry's live look-up: up to limit
// customers of the person's reach whose own name, pinyin, phone, company
// or tags hold text — not their advisor's name, which the matches do not
// show (typing 李 offered every customer of 李洋 first).
func (db *DB) FindCustomersByText(text string, limit int) ([]*model.Customer, error) {
	list, _, err := db.Customers.List(model.ListQuery{Text: text, Sort: model.FieldCustomerName, Limit: limit, Own: true})
	return list, err
}
