package storage

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"slices"

	"advisordesk/model"
)

// Sales, stock and targets (chapter 4). A sale and the stock it takes are
// one transaction: the stock is read and checked inside the write, so of two
// saves selling the last unit the second finds none left and is refused;
// nothing of a refused sale is written. Every change of a product's stock
// writes a stock move beside it.

// SalesTable is the sales, indexed by advisor and date (a period's total
// without a scan), by customer and date (the customer page) and by the
// products their lines sell (a product sold is not deleted).
type SalesTable struct {
	*Table[model.Sale, *model.Sale]
	byAdvisor, byCustomer, byProduct *index[model.Sale]
}

// TargetTable is the advisors' sales targets, indexed by advisor and period.
type TargetTable struct {
	*Table[model.Target, *model.Target]
	byPeriod *index[model.Target]
}

// declareSales makes the sales, targets and stock-move tables, and has a
// product's own save write its stock move.
func (db *DB) declareSales() {
	st, _ := describedTable[model.Sale, *model.Sale](db, model.SaleRecord)
	s := &SalesTable{Table: st}
	s.byAdvisor = addIndex(st, "advisor_date", model.FieldSaleAdvisor, false, same, func(r *model.Sale) []string {
		return []string{dated(r.AdvisorID, r.Date)}
	}).ix
	s.byCustomer = addIndex(st, "customer_date", model.FieldSaleCustomer, false, same, func(r *model.Sale) []string {
		return []string{dated(r.CustomerID, r.Date)}
	}).ix
	s.byProduct = addIndex(st, "product", model.FieldSaleLines, false, refKey, func(r *model.Sale) []uint64 {
		ids := make([]uint64, len(r.Lines))
		for i, l := range r.Lines {
			ids[i] = l.ProductID
		}
		return ids
	}).ix
	// The file's own list of tables gets the handle that also names the
	// sales of a product (the first declaration only; a person's DB
	// shares it).
	for i, t := range db.all {
		if t == table(st) {
			db.all[i] = salesRefs{s}
		}
	}
	db.Sales = s

	tt, _ := describedTable[model.Target, *model.Target](db, model.TargetRecord)
	tg := &TargetTable{Table: tt}
	tg.byPeriod = addIndex(tt, "advisor_period", model.FieldTargetPeriod, false, same, func(r *model.Target) []string {
		return []string{refKey(r.AdvisorID) + string(r.Period)}
	}).ix
	tt.scope.rule = tg.oneTarget
	db.Targets = tg

	db.StockMoves = newTable[model.StockMove, *model.StockMove](db, "stock_moves", nil)
	db.stockByProduct = addIndex(db.StockMoves, "product", "", false, refKey, func(m *model.StockMove) []uint64 {
		return []uint64{m.ProductID}
	}).ix
	db.Products.afterPut = func(tx *Tx, old, p *model.Product) error {
		was, reason := int64(0), model.MoveOpening
		if old != nil {
			was, reason = int64(old.Stock), model.MoveManual
			if old.Stocked() && !p.Stocked() {
				reason = model.MoveService // its stock written off: a service keeps none
			}
		}
		if d := int64(p.Stock) - was; d != 0 {
			return db.logMove(tx, &model.StockMove{ProductID: p.ID, Delta: d, After: int64(p.Stock), Reason: reason})
		}
		return nil
	}
}

// dated is an index text that sorts one person's records by day: the
// fixed-width key, then YYYY-MM-DD.
func dated(id uint64, d model.Date) string { return refKey(id) + string(d) }

// datedIDs lists, oldest first, the records an index of dated() texts holds
// for id from day from to day to (either "" for no bound).
func datedIDs[T any](tx *Tx, ix *index[T], id uint64, from, to model.Date) []uint64 {
	prefix := []byte(refKey(id))
	c := tx.tx.Bucket(ix.bucket).Cursor()
	var ids []uint64
	const keyLen = 8 + 10 + 1 + 8 // id, date, 0, record key
	for k, _ := c.Seek(append(slices.Clip(prefix), from...)); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		if len(k) != keyLen {
			continue
		}
		if to != "" && string(k[8:18]) > string(to) {
			break
		}
		ids = append(ids, btoi(k[19:]))
	}
	return ids
}

// salesRefs is the sales table as the file's list of tables holds it: a
// product is referred to by the sales whose lines sell it.
type salesRefs struct{ *SalesTable }

func (s salesRefs) referrersTo(to string) []referrer {
	out := s.Table.referrersTo(to)
	if to != "products" {
		return out
	}
	t, ix := s.Table, s.byProduct
	return append(out, referrer{table: t.name, field: model.FieldSaleLines,
		ids: func(tx *Tx, id uint64) ([]uint64, error) { return ixIDs(tx, ix, refKey(id)), nil },
		relink: func(tx *Tx, id uint64) error {
			rec, err := t.get(tx, id)
			if err != nil {
				return err
			}
			return t.link(tx, rec)
		}})
}

// Save writes a sale and its stock changes in one transaction.
func (t *SalesTable) Save(s *model.Sale) error {
	return t.db.Update(func(tx *Tx) error { return t.Put(tx, s) })
}

// Put writes a sale inside tx with what it does to stock: a new active
// sale takes its quantities, a cancelled one puts back what it had taken,
// a changed one the difference. A product that does not allow back-orders
// is not sold below zero: the line that would is refused, naming the
// product, and nothing is written. The lines' codes and names are the
// catalogue's as sold.
func (t *SalesTable) Put(tx *Tx, s *model.Sale) error {
	var old *model.Sale
	if s.ID != 0 {
		var err error
		if old, err = t.get(tx, s.ID); err != nil {
			return err
		}
	}
	had := old.Taken()
	var errs model.FieldErrors
	products := map[uint64]*model.Product{}
	for i := range s.Lines {
		l := &s.Lines[i]
		if l.ProductID == 0 {
			continue // Validate names it
		}
		p, err := t.db.Products.get(tx, l.ProductID)
		if errors.Is(err, ErrNotFound) {
			errs = append(errs, &model.FieldError{Field: model.FieldLineProduct, Row: i + 1, Code: model.CodeProductGone, Arg: l.Name})
			continue
		}
		if err != nil {
			return err
		}
		products[p.ID] = p
		if _, sold := had[p.ID]; !sold && p.State == model.Discontinued && s.State != model.SaleCancelled {
			errs = append(errs, &model.FieldError{Field: model.FieldLineProduct, Row: i + 1, Code: model.CodeProductClosed, Arg: p.Name})
		}
		l.Code, l.Name = p.Code, p.Name
	}
	s.Normalize()
	if fes, ok := model.AsFieldErrors(s.Validate(t.db.Today())); ok {
		errs = append(fes, errs...)
	}
	deltas := stockDeltas(had, s.Taken())
	for _, pid := range sortedKeys(deltas) {
		p, d := products[pid], deltas[pid]
		if d >= 0 || p == nil || !p.Stocked() || p.Backorder == model.Yes || int64(p.Stock)+d >= 0 {
			continue
		}
		row := slices.IndexFunc(s.Lines, func(l model.SaleLine) bool { return l.ProductID == pid }) + 1
		errs = append(errs, &model.FieldError{Field: model.FieldLineQty, Row: row, Code: model.CodeStockShort, Arg: p.Name})
	}
	if len(errs) > 0 {
		return errs
	}
	if err := t.Table.Put(tx, s); err != nil {
		return err
	}
	reason := model.MoveResale
	switch {
	case old == nil || old.State == model.SaleCancelled:
		reason = model.MoveSale
	case s.State == model.SaleCancelled:
		reason = model.MoveCancel
	}
	for _, pid := range sortedKeys(deltas) {
		if err := t.db.moveStock(tx, pid, deltas[pid], reason, s.ID); err != nil {
			return err
		}
	}
	switch {
	case (old == nil || old.State == model.SaleCancelled) && s.State == model.SaleActive:
		// The follow-up calls the rules ask for after a sale (one that a
		// reception ending in this sale scheduled already is not doubled).
		return t.db.scheduleFollowUps(tx, model.ReasonSale, s.CustomerID, s.AdvisorID, s.Date, fmt.Sprintf("sale %d", s.ID))
	case old != nil && old.State == model.SaleActive && s.State == model.SaleCancelled:
		return t.db.dropSaleCalls(tx, s)
	}
	return nil
}

// dropSaleCalls removes the calls a sale scheduled that nobody has made
// or tried yet: a cancelled sale is nothing to ask the customer about.
// Calls made or tried stay, as what happened.
func (db *DB) dropSaleCalls(tx *Tx, s *model.Sale) error {
	source := fmt.Sprintf("sale %d", s.ID)
	var ids []uint64
	ixRange(tx, db.FollowUps.days, dayCustomer+refKey(s.CustomerID), "", "", func(id uint64, _ string) bool {
		ids = append(ids, id)
		return true
	})
	for _, id := range ids {
		f, err := db.FollowUps.get(tx, id)
		if err != nil {
			return err
		}
		if f.Source == source && f.Done == "" && f.Result == "" && len(f.Attempts) == 0 {
			if err := db.FollowUps.Remove(tx, id); err != nil {
				return err
			}
		}
	}
	return nil
}

// Delete removes a sale; what it had taken goes back to stock.
func (t *SalesTable) Delete(id uint64) error {
	return t.db.Update(func(tx *Tx) error { return t.Remove(tx, id) })
}

// Remove is Delete inside tx.
func (t *SalesTable) Remove(tx *Tx, id uint64) error {
	old, err := t.get(tx, id)
	if err != nil {
		return err
	}
	if err := t.Table.Remove(tx, id); err != nil {
		return err
	}
	back := old.Taken()
	for _, pid := range sortedKeys(back) {
		if err := t.db.moveStock(tx, pid, back[pid], model.MoveCancel, id); err != nil {
			return err
		}
	}
	return nil
}

// stockDeltas is how each product's stock changes when a sale that had
// taken had now takes want: negative where more is taken.
func stockDeltas(had, want map[uint64]int64) map[uint64]int64 {
	out := map[uint64]int64{}
	for id, n := range had {
		out[id] += n
	}
	for id, n := range want {
		out[id] -= n
	}
	for id, d := range out {
		if d == 0 {
			delete(out, id)
		}
	}
	return out
}

func sortedKeys[V any](m map[uint64]V) []uint64 {
	keys := make([]uint64, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// moveStock changes a product's stock by delta for a sale, with its stock
// move. It is the store's own bookkeeping, not an edit of the catalogue:
// the seller needs no permission to manage products, and the change log
// records the change as theirs. A service has no stock: nothing moves.
func (db *DB) moveStock(tx *Tx, pid uint64, delta int64, reason model.StockReason, sale uint64) error {
	t := db.Products
	old, err := t.get(tx, pid)
	if errors.Is(err, ErrNotFound) {
		return nil // a deleted product has no stock to put back
	}
	if err != nil {
		return err
	}
	if !old.Stocked() {
		return nil
	}
	p := *old
	p.Stock += float64(delta)
	p.Touch(db.now())
	if err := t.unlink(tx, old); err != nil {
		return err
	}
	v, err := encode(&p)
	if err != nil {
		return err
	}
	if err := tx.fill(tx.tx.Bucket(t.bucket), true).Put(itob(pid), v); err != nil {
		return err
	}
	if err := t.link(tx, &p); err != nil {
		return err
	}
	if err := t.logChange(tx, old, &p); err != nil {
		return err
	}
	return db.logMove(tx, &model.StockMove{ProductID: pid, Delta: delta, After: int64(p.Stock), Reason: reason, Sale: sale})
}

// logMove writes one stock move, by the transaction's person, now.
func (db *DB) logMove(tx *Tx, m *model.StockMove) error {
	t := db.StockMoves
	b := tx.fill(tx.tx.Bucket(t.bucket), true)
	id, err := b.NextSequence()
	if err != nil {
		return err
	}
	m.ID, m.Who, m.At = id, tx.who.Name, db.now()
	v, err := encode(m)
	if err != nil {
		return err
	}
	if err := b.Put(itob(id), v); err != nil {
		return err
	}
	return t.link(tx, m)
}

// StockHistory is a product's stock moves, newest first: for those who
// may query products.
func (db *DB) StockHistory(productID uint64) ([]*model.StockMove, error) {
	var out []*model.StockMove
	err := db.View(func(tx *Tx) error {
		if tx.who.Role == "" {
			return ErrSignedOut
		}
		if !tx.everything() && !tx.scope().Can(model.PermQueryProducts) {
			return &model.Refusal{Table: "stock_moves", Perm: model.PermQueryProducts}
		}
		ids := ixIDs(tx, db.stockByProduct, refKey(productID))
		for _, id := range slices.Backward(ids) {
			m, err := db.StockMoves.get(tx, id)
			if err != nil {
				return err
			}
			out = append(out, m)
		}
		return nil
	})
	return out, err
}

// FindSales answers one page of the sales screen: the sales of the
// person's reach.
func (db *DB) FindSales(q model.ListQuery) ([]*model.Sale, int, error) { return db.Sales.List(q) }

// SaveSale records, changes or cancels a sale with its stock (see
// SalesTable.Put).
func (db *DB) SaveSale(s *model.Sale) error { return db.Sales.Save(s) }

// SalesOfCustomer is a customer's sales, newest first, of the person's
// reach (the customer page).
func (db *DB) SalesOfCustomer(customerID uint64) ([]*model.Sale, error) {
	var out []*model.Sale
	err := db.View(func(tx *Tx) error {
		if tx.who.Role == "" {
			return ErrSignedOut
		}
		ids := datedIDs(tx, db.Sales.byCustomer, customerID, "", "")
		for _, id := range slices.Backward(ids) {
			s, err := db.Sales.get(tx, id)
			if err != nil {
				return err
			}
			if db.Sales.viewOf(tx, s) != viewNone {
				out = append(out, s)
			}
		}
		return nil
	})
	return out, err
}

// SalesTotal is what an advisor sold from day from to day to, both
// included, in fen: their active sales of the person's reach, found
// through the advisor-and-date index (for the appraisal's numbers).
func (db *DB) SalesTotal(advisorID uint64, from, to model.Date) (int64, error) {
	var sum int64
	err := db.View(func(tx *Tx) (err error) {
		sum, err = db.Sales.total(tx, advisorID, from, to)
		return err
	})
	return sum, err
}

func (t *SalesTable) total(tx *Tx, advisorID uint64, from, to model.Date) (int64, error) {
	if tx.who.Role == "" {
		return 0, ErrSignedOut
	}
	var sum int64
	for _, id := range datedIDs(tx, t.byAdvisor, advisorID, from, to) {
		s, err := t.get(tx, id)
		if err != nil {
			return 0, err
		}
		if s.State == model.SaleActive && t.viewOf(tx, s) != viewNone {
			sum += s.Total
		}
	}
	return sum, nil
}

// oneTarget is the targets' own rule: one target per advisor and period.
func (t *TargetTable) oneTarget(tx *Tx, _, rec *model.Target) error {
	if rec == nil {
		return nil
	}
	for _, id := range ixIDs(tx, t.byPeriod, refKey(rec.AdvisorID)+string(rec.Period)) {
		if id != rec.ID {
			return model.FieldErrors{{Field: model.FieldTargetPeriod, Code: model.CodeTargetTaken, Arg: string(rec.Period)}}
		}
	}
	return nil
}

// sold fills in what each target's advisor sold in its period.
func (t *TargetTable) sold(tx *Tx, targets []*model.Target) error {
	for _, tg := range targets {
		from, to, ok := tg.Period.Range()
		if !ok {
			continue
		}
		var err error
		if tg.Sold, err = t.db.Sales.total(tx, tg.AdvisorID, from, to); err != nil {
			return err
		}
	}
	return nil
}

// FindTargets answers one page of the targets screen, each target with
// what was sold in its period: an advisor's own, a supervisor's team's,
// HR's all.
func (db *DB) FindTargets(q model.ListQuery) ([]*model.Target, int, error) {
	if q.Sort == model.FieldTargetSold || q.Sort == model.FieldTargetAchieved {
		return db.findTargetsBySold(q)
	}
	list, n, err := db.Targets.List(q)
	if err != nil {
		return nil, 0, err
	}
	return list, n, db.View(func(tx *Tx) error { return db.Targets.sold(tx, list) })
}

// findTargetsBySold sorts by what was sold or achieved, which the store
// works out when read and no listing row holds: every matching target is
// read and summed, then sorted and paged here. An office has a few
// thousand targets at most (an advisor's month or quarter).
func (db *DB) findTargetsBySold(q model.ListQuery) ([]*model.Target, int, error) {
	all := q
	all.Sort, all.Desc, all.Offset, all.Limit = model.FieldTargetPeriod, false, 0, 0
	list, n, err := db.Targets.List(all)
	if err != nil {
		return nil, 0, err
	}
	if err := db.View(func(tx *Tx) error { return db.Targets.sold(tx, list) }); err != nil {
		return nil, 0, err
	}
	key := func(t *model.Target) float64 {
		if q.Sort == model.FieldTargetSold {
			return float64(t.Sold)
		}
		pct, ok := t.Achievement()
		if !ok {
			return -1 // no target amount: below every real achievement
		}
		return pct
	}
	slices.SortStableFunc(list, func(a, b *model.Target) int {
		c := cmp.Compare(key(a), key(b))
		if q.Desc {
			c = -c
		}
		return c
	})
	from := min(q.Offset, len(list))
	to := len(list)
	if q.Limit > 0 {
		to = min(from+q.Limit, to)
	}
	return list[from:to], n, nil
}

// SaveTarget sets a target (a supervisor for their team, HR for anyone).
func (db *DB) SaveTarget(t *model.Target) error { return db.Targets.Save(t) }

// DeleteTarget removes a target.
func (db *DB) DeleteTarget(id uint64) error { return db.Targets.Delete(id) }

// TargetFor is an advisor's target for a period with what they sold in it,
// or ErrNotFound when none is set (for the appraisal's numbers).
func (db *DB) TargetFor(advisorID uint64, period model.TargetPeriod) (*model.Target, error) {
	var out *model.Target
	err := db.View(func(tx *Tx) error {
		ids := ixIDs(tx, db.Targets.byPeriod, refKey(advisorID)+string(period))
		if len(ids) == 0 {
			return ErrNotFound
		}
		tg, err := db.Targets.TxGet(tx, ids[0])
		if err != nil {
			return err
		}
		out = tg
		return db.Targets.sold(tx, []*model.Target{tg})
	})
	return out, err
}
