package storage

import (
	"bytes"

	"advisordesk/model"
)

// What waits for the signed-in person (Home's "my work"): counted through
// the open-call day keys and the open-complaint index, never by reading
// every call or complaint, by the same rules as the lists the counts open.

// dueIDs are the keys of the open calls a due list reads, oldest due day
// first per caller: one seek per person of q (the person, their team), or
// for HR's office list, one seek per caller holding open calls (the open
// day keys start with the caller, so the cursor jumps from one caller's
// days to the next's).
func (db *DB) dueIDs(tx *Tx, q model.DueQuery, today model.Date) []uint64 {
	from, through := q.Span(today, DueLookback)
	var ids []uint64
	take := func(id uint64, _ string) bool { ids = append(ids, id); return true }
	if q.Office && tx.everything() {
		c := tx.tx.Bucket(db.FollowUps.days.bucket).Cursor()
		width := len(dayOpen) + len(refKey(0))
		for k, _ := c.Seek([]byte(dayOpen)); k != nil && bytes.HasPrefix(k, []byte(dayOpen)) && len(k) >= width; {
			caller := string(k[:width])
			ixRange(tx, db.FollowUps.days, caller, string(from), string(through), take)
			k, _ = c.Seek([]byte(caller + "\xff"))
		}
		return ids
	}
	who := q.Advisor
	if who == 0 {
		who = tx.who.Advisor
	}
	if who == 0 {
		return nil // an HR account without an advisor record has no calls of its own
	}
	people := []uint64{who}
	if q.Team {
		people = append(people, ixIDs(tx, db.Advisors.supervisorIx(), refKey(who))...)
	}
	for _, p := range people {
		ixRange(tx, db.FollowUps.days, dayOpen+refKey(p), string(from), string(through), take)
	}
	return ids
}

// openComplaints are the complaints not yet done of the person's reach,
// each with its standing today, through the open-complaint index (an
// office's few dozen, not its every complaint). Counting is not reading:
// the assignee's whole read is not logged for it.
func (db *DB) openComplaints(tx *Tx) ([]*model.Complaint, error) {
	cal, err := db.txCalendar(tx)
	if err != nil {
		return nil, err
	}
	rules, err := txComplaintRules(tx)
	if err != nil {
		return nil, err
	}
	today := model.DateOf(tx.now())
	var out []*model.Complaint
	for _, id := range ixIDs(tx, db.Complaints.open.ix, openKey) {
		c, err := db.Complaints.get(tx, id)
		if err != nil {
			return nil, err
		}
		if db.Complaints.viewOf(tx, c) == viewNone {
			continue
		}
		c.Standing = c.Clock(cal, rules, today)
		out = append(out, c)
	}
	return out, nil
}

// WorkCounts counts what waits for the signed-in person: the calls of
// their due list due today and past due — their own; their team's for a
// supervisor; the office's for HR — and the complaints of their reach not
// done, overdue, gone up to a supervisor and gone up to HR. Each count is
// the length of the list Home opens with it.
func (db *DB) WorkCounts() (model.WorkCounts, error) {
	var n model.WorkCounts
	err := db.View(func(tx *Tx) error {
		if tx.who.Role == "" {
			return ErrSignedOut
		}
		n.Calls = model.DueQuery{Team: tx.who.Role == model.RoleSupervisor, Office: tx.who.Role == model.RoleHR}
		today := model.DateOf(tx.now())
		rules := db.rulesIn(tx)
		for _, only := range []string{model.DueToday, model.DuePast} {
			q := n.Calls
			q.Only = only
			ids := db.dueIDs(tx, q, today)
			if only == model.DuePast && tx.everything() {
				// An open call due before today is overdue, a letter task
				// or missed: past due, whatever its record says; HR sees
				// every one, so the keys alone count them.
				n.CallsPast = len(ids)
				continue
			}
			for _, id := range ids {
				f, err := db.FollowUps.get(tx, id)
				if err != nil {
					return err
				}
				if db.FollowUps.viewOf(tx, f) == viewNone || !q.Keeps(f.State(today, &rules)) {
					continue
				}
				if only == model.DueToday {
					n.CallsDue++
				} else {
					n.CallsPast++
				}
			}
		}
		if err := db.countActions(tx, today, &n); err != nil {
			return err
		}
		list, err := db.openComplaints(tx)
		if err != nil {
			return err
		}
		for _, c := range list {
			for flag, count := range map[string]*int{model.FlagOpen: &n.Open, model.FlagOverdue: &n.Overdue,
				model.FlagUp: &n.Up, model.FlagEscalated: &n.Escalated} {
				if c.HasFlag(flag) {
					*count++
				}
			}
		}
		return nil
	})
	return n, err
}

// countActions counts the person's open actions, as "Actions for me"
// lists them, through the day index's action keys.
func (db *DB) countActions(tx *Tx, today model.Date, n *model.WorkCounts) error {
	if tx.who.Advisor == 0 {
		return nil
	}
	var ids []uint64
	ixRange(tx, db.FollowUps.days, dayAction+refKey(tx.who.Advisor), "", "", func(id uint64, _ string) bool {
		ids = append(ids, id)
		return true
	})
	for _, id := range ids {
		f, err := db.FollowUps.get(tx, id)
		if err != nil {
			return err
		}
		if !f.ActionOpen() || db.FollowUps.viewOf(tx, f) == viewNone {
			continue
		}
		n.Actions++
		if f.ActionState(today) == model.ActionOverdue {
			n.ActionsLate++
		}
	}
	return nil
}
