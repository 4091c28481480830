package storage

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"sort"

	"advisordesk/model"
)

// FollowUpTable keeps the follow-up calls (chapter 4). Their lists are
// read through one index bucket of day keys, each a one-letter kind, a
// fixed-width advisor or customer key and a day — one bucket, so that a
// save writes one more B+tree instead of four (a walk-in's save is counted
// against an fsync):
//   - o: the assignee (the caller, else the advisor) and due day of each
//     call still to be made: the due list of one person is one seek;
//   - a: the advisor who served the customer and the due day of every
//     call (the appraisal's calls due, made and their scores);
//   - c: the customer and due day of every call (the customer page);
//   - m: the customer and the day of each call made (the last contact);
//   - x: whom a call asks to act, and the act-by day (else the call's), of
//     each action not yet marked done: a person's actions are one seek,
//     and a call without one (a walk-in's) writes no key of it.
type FollowUpTable struct {
	*Table[model.FollowUp, *model.FollowUp]
	days *index[model.FollowUp]
}

// Kinds of the day keys of a FollowUpTable.
const (
	dayOpen     = "o"
	dayAdvisor  = "a"
	dayCustomer = "c"
	dayMade     = "m"
	dayAction   = "x"
)

func newFollowUpTable(db *DB) *FollowUpTable {
	t := &FollowUpTable{}
	t.Table, _ = describedTable[model.FollowUp, *model.FollowUp](db, model.FollowUpRecord)
	t.scope.assigneeWrites = true
	t.days = addIndex(t.Table, "days", model.FieldFUDue, false, same, func(f *model.FollowUp) []string {
		var out []string
		if f.Open() && f.Assignee() != 0 {
			out = append(out, dayOpen+refKey(f.Assignee())+string(f.Due))
		}
		if f.AdvisorID != 0 {
			out = append(out, dayAdvisor+refKey(f.AdvisorID)+string(f.Due))
		}
		if f.CustomerID != 0 {
			out = append(out, dayCustomer+refKey(f.CustomerID)+string(f.Due))
			if !f.Open() && f.Done != "" {
				out = append(out, dayMade+refKey(f.CustomerID)+string(f.Done))
			}
		}
		if f.ActionOpen() {
			out = append(out, dayAction+refKey(f.ActorID)+string(cmp.Or(f.ActBy, f.Done, f.Due)))
		}
		return out
	}).ix
	// The customer's and the advisor's reference indexes would repeat the
	// c and a keys: those answer who refers.
	t.servedBy(model.FieldFUCustomer, t.days, dayCustomer)
	t.servedBy(model.FieldFUAdvisor, t.days, dayAdvisor)
	return t
}

// SettingFollowUpRules keeps the office's follow-up rules, as JSON.
const SettingFollowUpRules = "followup_rules"

// FollowUpRules are the office's rules, or the defaults while none are set.
func (db *DB) FollowUpRules() (model.FollowUpRules, error) {
	var r model.FollowUpRules
	err := db.View(func(tx *Tx) error { r = db.rulesIn(tx); return nil })
	return r, err
}

func (db *DB) rulesIn(tx *Tx) model.FollowUpRules {
	r := model.DefaultFollowUpRules()
	if b := tx.tx.Bucket(bucketSettings); b != nil {
		if v := b.Get([]byte(SettingFollowUpRules)); v != nil {
			var saved model.FollowUpRules
			if json.Unmarshal(v, &saved) == nil && saved.Validate() == nil {
				r = saved
			}
		}
	}
	return r
}

// SaveFollowUpRules sets the office's rules: HR and supervisors. They
// apply to calls scheduled from now on.
func (db *DB) SaveFollowUpRules(r model.FollowUpRules) error {
	if db.who.Role == "" {
		return ErrSignedOut
	}
	if db.who.Role != model.RoleHR && db.who.Role != model.RoleSupervisor && db.who.Role != model.RoleProgram {
		return &model.Refusal{Table: "followup_rules"}
	}
	if err := r.Validate(); err != nil {
		return err
	}
	v, err := json.Marshal(r)
	if err != nil {
		return err
	}
	return db.Update(func(tx *Tx) error {
		return tx.tx.Bucket(bucketSettings).Put([]byte(SettingFollowUpRules), v)
	})
}

// scheduleFollowUps schedules, inside the caller's write transaction, the
// calls the office's rules ask for after a service event: kind is
// model.ReasonService, ReasonRepair or ReasonSale; day is the event's;
// source says what it was ("reception 12", "sale 7"). A key customer also
// gets their regular call when none is open. A call the customer already
// has for the same reason on the same day, open or made, is not scheduled
// twice (a reception that ended in a sale, then the sale itself).
func (db *DB) scheduleFollowUps(tx *Tx, kind model.FollowUpReason, customerID, advisorID uint64, day model.Date, source string) error {
	rules := db.rulesIn(tx)
	cust, err := db.Customers.get(tx, customerID)
	if err != nil {
		return fmt.Errorf("follow-ups of customer %d: %w", customerID, err)
	}
	type call struct {
		model.PlannedCall
		reason model.FollowUpReason
	}
	var calls []call
	for _, p := range rules.Plan(kind, day) {
		calls = append(calls, call{p, kind})
	}
	if cust.KeyCustomer == model.Yes && rules.KeyEvery > 0 && !db.hasOpen(tx, customerID, model.ReasonKey) {
		due := model.AddDays(day, rules.KeyEvery)
		calls = append(calls, call{model.PlannedCall{Due: due, Window: model.AddDays(due, rules.WindowDays),
			Step: fmt.Sprintf("%dd", rules.KeyEvery), Independent: rules.KeyIndependent}, model.ReasonKey})
	}
	for _, c := range calls {
		if db.hasCallOn(tx, customerID, c.reason, c.Due) {
			continue
		}
		f := &model.FollowUp{Due: c.Due, Window: c.Window, CustomerID: customerID, AdvisorID: advisorID,
			Reason: c.reason, Step: c.Step, Source: source, ReceptionDate: day, Independent: c.Independent}
		if c.Independent {
			f.CallerID = db.independentCaller(tx, cust, advisorID)
		}
		if tx.demoCall != nil {
			tx.demoCall(f)
		}
		if err := db.FollowUps.Put(tx, f); err != nil {
			return fmt.Errorf("follow-up %s of customer %d: %w", c.Step, customerID, err)
		}
	}
	return nil
}

// scheduleManual schedules the call a reception that ended with "follow-up
// needed" asks for: the next day, by its advisor, to be moved as agreed.
func (db *DB) scheduleManual(tx *Tx, r *model.Reception) error {
	rules := db.rulesIn(tx)
	due := model.AddDays(r.Date, 1)
	f := &model.FollowUp{Due: due, Window: model.AddDays(due, rules.WindowDays),
		CustomerID: r.CustomerID, AdvisorID: r.AdvisorID, Reason: model.ReasonManual,
		Source: fmt.Sprintf("reception %d", r.ID), ReceptionDate: r.Date}
	if tx.demoCall != nil {
		tx.demoCall(f)
	}
	return db.FollowUps.Put(tx, f)
}

// independentCaller is who makes a call the rules want made by someone
// other than the advisor who served: the customer's own follow-up caller,
// else the advisor's supervisor; with neither, the advisor (the due list
// shows that the call wants another caller, for the supervisor to assign).
func (db *DB) independentCaller(tx *Tx, cust *model.Customer, advisorID uint64) uint64 {
	if cust.CallerID != 0 && cust.CallerID != advisorID {
		return cust.CallerID
	}
	if a, err := db.Advisors.get(tx, advisorID); err == nil && a.SupervisorID != 0 && a.SupervisorID != advisorID {
		return a.SupervisorID
	}
	return 0
}

// hasOpen reports whether the customer has an open call for reason.
func (db *DB) hasOpen(tx *Tx, customerID uint64, reason model.FollowUpReason) bool {
	found := false
	ixRange(tx, db.FollowUps.days, dayCustomer+refKey(customerID), "", "", func(id uint64, _ string) bool {
		f, err := db.FollowUps.get(tx, id)
		found = err == nil && f.Reason == reason && f.Open()
		return !found
	})
	return found
}

// hasCallOn reports whether the customer has a call for reason due on
// day, open or made: a call made already is not scheduled again (the
// demo records calls as it schedules them, and listed the 7-day call of a
// reception's sale twice).
func (db *DB) hasCallOn(tx *Tx, customerID uint64, reason model.FollowUpReason, day model.Date) bool {
	found := false
	ixRange(tx, db.FollowUps.days, dayCustomer+refKey(customerID), string(day), string(day), func(id uint64, _ string) bool {
		f, err := db.FollowUps.get(tx, id)
		found = err == nil && f.Reason == reason
		return !found
	})
	return found
}

// fillPhone gives a follow-up the customer's phone for a person who sees
// the follow-up whole: its advisor's side, or its caller while the call is
// theirs (that read is logged as the caller's view of the follow-up).
func (db *DB) fillPhone(tx *Tx, f *model.FollowUp) {
	if c, err := db.Customers.get(tx, f.CustomerID); err == nil {
		f.Phone = c.Phone
	}
}

// DueLookback is how far back a due list reaches: the calls of the last
// 30 days still open — overdue, letter tasks, missed lately. An older call
// never made is missed, counted in the numbers, no longer listed.
const DueLookback = 30

// DueFollowUps is a due list: the open calls of the advisor (and their
// team, or for HR the office's; only those due today or past due if asked) due up to q.Days days after today (a week unless asked: the call
// set a week after today's sale is listed today) — overdue, letter tasks
// and lately missed ones included — oldest first, each with the customer's phone for those
// who see it whole. It reads the open-call index, one seek per advisor.
func (db *DB) DueFollowUps(q model.DueQuery) ([]model.DueCall, error) {
	var out []model.DueCall
	err := db.View(func(tx *Tx) error {
		if tx.who.Role == "" {
			return ErrSignedOut
		}
		tx.titles = map[titleKey][2]string{} // the same advisors on every row
		today := model.DateOf(tx.now())
		rules := db.rulesIn(tx)
		for _, id := range db.dueIDs(tx, q, today) {
			f, _, err := db.FollowUps.seen(tx, id)
			if err != nil {
				return err
			}
			if f == nil || !q.Keeps(f.State(today, &rules)) {
				continue
			}
			db.fillPhone(tx, f)
			out = append(out, model.DueCall{FollowUp: f, State: f.State(today, &rules), LastContact: db.lastContact(tx, f)})
		}
		sort.SliceStable(out, func(i, j int) bool { return out[i].Due < out[j].Due })
		return nil
	})
	return out, err
}

// lastContact is the last day up to f's due day that its customer was
// received or reached by a call: the newest entry at or before that day of
// the reception and the calls-made indexes, read from their keys alone.
func (db *DB) lastContact(tx *Tx, f *model.FollowUp) model.Date {
	last := model.Date("")
	for _, in := range []struct {
		bucket []byte
		prefix string
	}{{db.Receptions.byCustomer.bucket, refKey(f.CustomerID)}, {db.FollowUps.days.bucket, dayMade + refKey(f.CustomerID)}} {
		prefix := in.prefix
		c := tx.tx.Bucket(in.bucket).Cursor()
		k, _ := c.Seek([]byte(prefix + string(f.Due) + "\xff"))
		if k == nil {
			k, _ = c.Last()
		} else {
			k, _ = c.Prev()
		}
		if k != nil && len(k) >= len(prefix)+19 && string(k[:len(prefix)]) == prefix {
			last = max(last, model.Date(k[len(prefix):len(prefix)+10]))
		}
	}
	return last
}

// FollowUpsOfCustomer lists a customer's follow-up calls within the
// person's reach, newest first, through the customer index.
func (db *DB) FollowUpsOfCustomer(customerID uint64) ([]*model.FollowUp, error) {
	var out []*model.FollowUp
	err := db.View(func(tx *Tx) error {
		if tx.who.Role == "" {
			return ErrSignedOut
		}
		var ids []uint64
		ixRange(tx, db.FollowUps.days, dayCustomer+refKey(customerID), "", "", func(id uint64, _ string) bool {
			ids = append(ids, id)
			return true
		})
		for _, id := range slices.Backward(ids) {
			f, _, err := db.FollowUps.seen(tx, id)
			if err != nil {
				return err
			}
			if f != nil {
				out = append(out, f)
			}
		}
		return nil
	})
	return out, err
}

// FollowUpNumbers are an advisor's follow-up figures for the days from
// through to, for the appraisal: the calls about their own customers that
// fell due then — whoever was to make them: an advisor answers for their
// customers being called — how many of those were made, and the
// satisfaction scores given on them.
func (db *DB) FollowUpNumbers(advisorID uint64, from, to model.Date) (model.FollowUpNumbers, error) {
	var n model.FollowUpNumbers
	err := db.View(func(tx *Tx) error {
		if tx.who.Role == "" {
			return ErrSignedOut
		}
		var ferr error
		ixRange(tx, db.FollowUps.days, dayAdvisor+refKey(advisorID), string(from), string(to), func(id uint64, _ string) bool {
			f, _, err := db.FollowUps.seen(tx, id)
			if err != nil {
				ferr = err
				return false
			}
			if f == nil {
				return true
			}
			n.Due++
			if !f.Open() {
				n.Done++
				if f.Satisfaction > 0 {
					n.Scores = append(n.Scores, f.Satisfaction)
				}
			}
			return true
		})
		return ferr
	})
	return n, err
}

// SaveFollowUp saves a follow-up as planned by hand: a new manual call,
// or a change of its day or caller by its advisor's side. A new call about
// a customer already received cannot be dated before the last reception.
// A day already past is allowed: a call made before it was written down is
// arranged, then recorded.
func (db *DB) SaveFollowUp(f *model.FollowUp) error {
	return db.Update(func(tx *Tx) error {
		if f.ID == 0 {
			rules := db.rulesIn(tx)
			if f.Reason == "" {
				f.Reason = model.ReasonManual
			}
			if f.ReceptionDate == "" && f.CustomerID != 0 {
				f.ReceptionDate = db.lastReception(tx, f.CustomerID)
			}
			f.Window = model.AddDays(f.Due, rules.WindowDays)
			f.Independent = f.CallerID != 0 && f.CallerID != f.AdvisorID
		}
		return db.FollowUps.Put(tx, f)
	})
}

// DraftFollowUp is a new hand-arranged call to a customer as the form
// starts it: the customer's advisor serves; the caller is whom the rules
// name for a call by someone other than the advisor (the customer's
// follow-up caller, else the advisor's supervisor; the advisor when there
// is neither); due tomorrow; and the day of the last reception, which the
// call may not precede. A customer whose calls the person may not arrange
// is refused.
func (db *DB) DraftFollowUp(customerID uint64) (*model.FollowUp, error) {
	var f *model.FollowUp
	err := db.View(func(tx *Tx) error {
		if _, err := db.Customers.TxGet(tx, customerID); err != nil {
			return err
		}
		c, err := db.Customers.get(tx, customerID)
		if err != nil {
			return err
		}
		today := model.DateOf(tx.now())
		f = &model.FollowUp{Due: model.AddDays(today, 1), CustomerID: c.ID, Customer: c.Name, Reason: model.ReasonManual,
			AdvisorID: c.AdvisorID, CallerID: db.independentCaller(tx, c, c.AdvisorID),
			ReceptionDate: db.lastReception(tx, c.ID)}
		if a, err := db.Advisors.get(tx, f.AdvisorID); err == nil {
			f.Advisor = a.Name
		}
		if a, err := db.Advisors.get(tx, f.CallerID); err == nil && f.CallerID != 0 {
			f.Caller = a.Name
		}
		// A colleague's customer is found (masked) but not called by hand.
		return db.FollowUps.canWrite(tx, nil, f)
	})
	if err != nil {
		return nil, err
	}
	return f, nil
}

// lastReception is the day of the customer's newest reception, "" for none.
func (db *DB) lastReception(tx *Tx, customerID uint64) model.Date {
	var last model.Date
	ixRange(tx, db.Receptions.byCustomer, refKey(customerID), "", "", func(_ uint64, tail string) bool {
		last = model.Date(tail[:min(len(tail), 10)])
		return true
	})
	return last
}

// RecordFollowUp records how a call went, by its caller or its advisor's
// side: the result with its day, the satisfaction, the problem and who
// must act on it by when, the next call. An unanswered attempt is added to
// the call's attempts and leaves it open; a next call asked for is
// scheduled; a key customer's call made schedules their next regular one.
func (db *DB) RecordFollowUp(in *model.FollowUp) error {
	return db.Update(func(tx *Tx) error {
		old, err := db.FollowUps.TxGet(tx, in.ID)
		if err != nil {
			return err
		}
		rec := *old
		rec.Attempts = slices.Clone(old.Attempts)
		rec.Done, rec.Result, rec.Satisfaction, rec.Problem = in.Done, in.Result, in.Satisfaction, in.Problem
		rec.ActorID, rec.Actor, rec.ActBy, rec.Next, rec.Notes = in.ActorID, in.Actor, in.ActBy, in.Next, in.Notes
		if rec.ActorID != old.ActorID { // someone else asked: not done yet
			rec.ActDone, rec.ActDoneByID, rec.ActDoneBy = "", 0, ""
		}
		if rec.Result == model.ResultNoAnswer {
			// Checked as a call on that day, then kept as an attempt.
			probe := rec
			probe.Normalize()
			if err := probe.Validate(db.Today()); err != nil {
				return err
			}
			rec.Attempts = append(rec.Attempts, probe.Done)
			rec.Done, rec.Result = "", ""
		}
		if err := db.FollowUps.Put(tx, &rec); err != nil {
			return err
		}
		rules := db.rulesIn(tx)
		if rec.Next != "" && rec.Next != old.Next {
			next := &model.FollowUp{Due: rec.Next, Window: model.AddDays(rec.Next, rules.WindowDays),
				CustomerID: rec.CustomerID, AdvisorID: rec.AdvisorID, CallerID: rec.CallerID, Independent: rec.Independent,
				Reason: model.ReasonManual, Source: fmt.Sprintf("followup %d", rec.ID), ReceptionDate: rec.ReceptionDate}
			if err := db.FollowUps.Put(tx, next); err != nil {
				return err
			}
		}
		if rec.Reason == model.ReasonKey && old.Open() && !rec.Open() && rules.KeyEvery > 0 {
			cust, err := db.Customers.get(tx, rec.CustomerID)
			if err == nil && cust.KeyCustomer == model.Yes && !db.hasOpen(tx, rec.CustomerID, model.ReasonKey) {
				due := model.AddDays(rec.Done, rules.KeyEvery)
				return db.FollowUps.Put(tx, &model.FollowUp{Due: due, Window: model.AddDays(due, rules.WindowDays),
					CustomerID: rec.CustomerID, AdvisorID: rec.AdvisorID, CallerID: rec.CallerID, Independent: rec.Independent,
					Reason: model.ReasonKey, Step: fmt.Sprintf("%dd", rules.KeyEvery),
					Source: fmt.Sprintf("followup %d", rec.ID), ReceptionDate: rec.Done})
			}
		}
		return nil
	})
}

// ActionsFor lists the actions calls asked of the signed-in person and
// nobody has marked done yet, oldest act-by day first, each call with
// the customer's phone (the actor is assigned the call while the action
// is open): one seek of the day index's action keys, never a scan.
func (db *DB) ActionsFor() ([]*model.FollowUp, error) {
	var out []*model.FollowUp
	err := db.View(func(tx *Tx) error {
		if tx.who.Role == "" {
			return ErrSignedOut
		}
		if tx.who.Advisor == 0 {
			return nil // HR without an advisor record is named on no call
		}
		var ids []uint64
		ixRange(tx, db.FollowUps.days, dayAction+refKey(tx.who.Advisor), "", "", func(id uint64, _ string) bool {
			ids = append(ids, id)
			return true
		})
		for _, id := range ids {
			f, _, err := db.FollowUps.seen(tx, id)
			if err != nil {
				return err
			}
			if f != nil && f.ActionOpen() {
				db.fillPhone(tx, f)
				out = append(out, f)
			}
		}
		return nil
	})
	return out, err
}

// MarkActionDone records that the action call id asked for was taken:
// today, by the signed-in person — the actor, or someone on the call's
// advisor's side. The call leaves the actor's list and reach with the
// same write.
func (db *DB) MarkActionDone(id uint64) error {
	return db.Update(func(tx *Tx) error {
		old, err := db.FollowUps.TxGet(tx, id)
		if err != nil {
			return err
		}
		if !old.ActionOpen() {
			return &model.FieldError{Field: model.FieldActDone, Code: model.CodeNoAction}
		}
		rec := *old
		rec.ActDone, rec.ActDoneByID, rec.ActDoneBy = model.DateOf(tx.now()), tx.who.Advisor, tx.who.Name
		return db.FollowUps.Put(tx, &rec)
	})
}
