package storage

import (
	"slices"

	"advisordesk/model"
)

// Access is decided here, for every read and write of a table, with the
// person the transaction acts for (chapter 2). A table's scope follows from
// its record type's declared owner (model.Owner) and write permission; the
// role matrix decides the permissions. The window, the command line and the
// tests reach records only through these checks: a person's DB is made
// only by signing in (see accounts.go).

// ErrSignedOut: the DB acts for nobody; sign in first.
var ErrSignedOut error = &keyed{"err.signed_out", "sign in first"}

// program is the identity of the program's own work: migrations, demo
// data, automatic copies. It never leaves this package.
var program = model.Identity{Name: "AdvisorDesk", Role: model.RoleProgram}

// as is the data file as who acts on it; it shares everything else with db.
func (db *DB) as(who model.Identity) *DB {
	s := &DB{file: db.file, who: who}
	s.declare()
	return s
}

// scoping is how a table's records are reached (see model.Owner).
type scoping[T any] struct {
	owner    func(*T) uint64 // nil: the office's records
	assigned func(*T) []uint64
	shared   bool
	write    model.Perm
	read     model.Perm // needed to see the records at all (querying products)
	// allow refines the scope for one record type: it reports whether the
	// person may read (write false) or write rec. Nil: the scope decides.
	allow func(tx *Tx, s *model.Scope, rec *T, write bool) bool
	// listed is allow for a listing row, of an office table with a
	// refinement (the accounts: HR lists them, anyone their own).
	listed func(s *model.Scope, r *row) bool
	// rule is a table's own rule for any person's create (old nil), change
	// or delete (rec nil), checked after the scope: nil when it holds.
	rule func(tx *Tx, old, rec *T) error
	// assigneeWrites: an assignee may change a record handed to them (the
	// caller records the call), but not move it to another owner.
	assigneeWrites bool
}

// view is how much of a record a person sees.
type view int

const (
	viewNone     view = iota
	viewMasked        // a shared record not theirs: sensitive fields masked
	viewWhole         // theirs, their team's, or everything (HR)
	viewAssigned      // handed to them for now: whole, and each read logged
)

// scope is the acting person's reach in this transaction: their team is
// read once per transaction, so a change to the roster applies at once.
func (tx *Tx) scope() *model.Scope {
	if tx.sc != nil {
		return tx.sc
	}
	s := &model.Scope{Who: tx.who, Matrix: tx.matrix()}
	if tx.who.Role == model.RoleSupervisor && tx.who.Advisor != 0 && tx.db != nil {
		s.Team = map[uint64]bool{}
		for _, id := range ixIDs(tx, tx.db.Advisors.supervisorIx(), refKey(tx.who.Advisor)) {
			s.Team[id] = true
		}
	}
	tx.sc = s
	return s
}

// refresh makes the transaction act for the person's account as it is now:
// a role changed or an account disabled by HR applies at the next read or
// write, not at the next sign-in.
func (tx *Tx) refresh() {
	if tx.db != nil && tx.db.out.Load() {
		tx.who = model.Identity{}
		return
	}
	if tx.who.Account == 0 || tx.db == nil {
		return
	}
	v := tx.tx.Bucket(tx.db.Accounts.bucket).Get(itob(tx.who.Account))
	var a model.Account
	if v == nil || decode(tx.db.Accounts.name, itob(tx.who.Account), v, &a) != nil || a.State != model.Enabled {
		tx.who = model.Identity{}
		return
	}
	tx.who.Role, tx.who.Advisor, tx.who.Name = a.Role, a.AdvisorID, a.Name
}

// everything reports whether the person reaches every record (HR, the
// program): the common case skips the per-record checks.
func (tx *Tx) everything() bool {
	return tx.who.Role == model.RoleHR || tx.who.Role == model.RoleProgram
}

func (t *Table[T, P]) refuse(id uint64, perm model.Perm) error {
	return &model.Refusal{Table: t.name, Record: id, Perm: perm}
}

// viewOf is how much of rec the transaction's person sees.
func (t *Table[T, P]) viewOf(tx *Tx, rec *T) view {
	if tx.who.Role == "" {
		return viewNone
	}
	if tx.everything() {
		return viewWhole
	}
	s := tx.scope()
	v := viewNone
	sc := &t.scope
	if sc.read != "" && !s.Can(sc.read) {
		return viewNone
	}
	switch {
	case sc.owner == nil:
		v = viewWhole
	case s.Sees(sc.owner(rec)):
		v = viewWhole
	case sc.assigned != nil && tx.who.Advisor != 0 && slices.Contains(sc.assigned(rec), tx.who.Advisor):
		v = viewAssigned
	case sc.shared:
		v = viewMasked
	}
	if v != viewNone && sc.allow != nil && !sc.allow(tx, s, rec, false) {
		return viewNone
	}
	return v
}

// canWrite decides a create (old nil), change or delete (rec nil) by the
// transaction's person: both the record as it was and as it will be must be
// theirs to write, so nothing is moved out of or into someone's reach.
func (t *Table[T, P]) canWrite(tx *Tx, old, rec *T) error {
	if tx.who.Role == "" {
		return ErrSignedOut
	}
	if tx.who.Role == model.RoleProgram {
		return nil
	}
	id := uint64(0)
	if old != nil {
		id = P(old).Key()
	}
	s := tx.scope()
	sc := &t.scope
	if sc.write != "" && !s.Can(sc.write) {
		return t.refuse(id, sc.write)
	}
	if sc.owner == nil && sc.write == "" && tx.who.Role != model.RoleHR {
		return t.refuse(id, "") // office records without a permission: HR's
	}
	handed := sc.assigneeWrites && old != nil && rec != nil && tx.who.Advisor != 0 &&
		slices.Contains(sc.assigned(old), tx.who.Advisor) && sc.owner(old) == sc.owner(rec)
	for _, r := range []*T{old, rec} {
		if r == nil {
			continue
		}
		if sc.owner != nil && !s.Sees(sc.owner(r)) && !handed {
			return t.refuse(id, "")
		}
		if sc.allow != nil && !sc.allow(tx, s, r, true) {
			return t.refuse(id, "")
		}
	}
	if sc.rule != nil {
		return sc.rule(tx, old, rec)
	}
	return nil
}

// read is TxGet's check: the record as the person may see it, or a
// refusal (an attempt the log keeps: asking by id for what is not theirs).
func (t *Table[T, P]) read(tx *Tx, rec *T) (*T, error) {
	switch t.viewOf(tx, rec) {
	case viewNone:
		if tx.who.Role == "" {
			return nil, ErrSignedOut
		}
		err := t.refuse(P(rec).Key(), "")
		tx.refused = append(tx.refused, refusedRead{table: t.name, id: P(rec).Key()})
		return nil, err
	case viewMasked:
		t.mask(rec)
	case viewAssigned:
		tx.viewed = append(tx.viewed, refusedRead{table: t.name, id: P(rec).Key()})
	}
	return rec, nil
}

// mask hides the sensitive fields of rec (model.Field.Mask).
func (t *Table[T, P]) mask(rec *T) {
	if t.record == nil {
		return
	}
	for i := range t.record.Fields {
		if f := &t.record.Fields[i]; f.Sensitive {
			f.Set(rec, f.Mask(f.Get(rec)))
		}
	}
}

// refusedRead names a record a read touched: refused, or seen whole by an
// assignee; both are logged after the read.
type refusedRead struct {
	table string
	id    uint64
}

// visible is the listing filter of the person's reach: nil for everything.
// A listed table's refinement (allow) is applied here only through listed:
// an owned record type lists by its owner.
func (t *Table[T, P]) visible(tx *Tx) func(r *row) bool {
	if t.scope.read != "" && tx.who.Role != "" && !tx.scope().Can(t.scope.read) {
		return func(*row) bool { return false }
	}
	if tx.everything() || (t.scope.owner == nil && t.scope.listed == nil) {
		return nil
	}
	if t.scope.listed != nil {
		s := tx.scope()
		return func(r *row) bool { return t.scope.listed(s, r) }
	}
	if tx.who.Role == "" {
		return func(*row) bool { return false }
	}
	sc := &t.scope
	if sc.shared {
		return nil // everyone finds every record; whole tells how much they see
	}
	s := tx.scope()
	me := tx.who.Advisor
	return func(r *row) bool {
		return s.Sees(r.owner) || (me != 0 && slices.Contains(r.assigned, me))
	}
}

// whole is the listing's test of a row the person sees whole (nil: every
// row), for searching the fields others see masked (Query.whole).
func (t *Table[T, P]) whole(tx *Tx) func(r *row) bool {
	if tx.everything() || t.lister == nil || t.lister.secret == nil {
		return nil
	}
	s, me := tx.scope(), tx.who.Advisor
	return func(r *row) bool { return s.Sees(r.owner) || (me != 0 && slices.Contains(r.assigned, me)) }
}
