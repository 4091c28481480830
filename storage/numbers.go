package storage

import (
	"time"

	"advisordesk/model"
)

// AdvisorNumbers gathers an advisor's work-process figures for the days
// from through to, as the person may see them: sales against the targets
// set inside the period, the follow-up calls handed to them that fell due
// and those made, the satisfaction given on calls about their customers
// and for the resolutions of complaints about them, and the complaints
// founded against them.
func (db *DB) AdvisorNumbers(advisorID uint64, from, to model.Date) (model.Numbers, error) {
	var n model.Numbers
	err := db.View(func(tx *Tx) (err error) {
		n.Target, n.Sold, err = db.targetAndSold(tx, advisorID, from, to)
		return err
	})
	if err != nil {
		return n, err
	}
	fu, err := db.FollowUpNumbers(advisorID, from, to)
	if err != nil {
		return n, err
	}
	n.FollowUpsDue, n.FollowUpsDone = fu.Due, fu.Done
	for _, s := range fu.Scores {
		n.Rate(s)
	}
	cn, err := db.ComplaintNumbers(advisorID, from, to)
	if err != nil {
		return n, err
	}
	n.Founded = cn.Founded
	for _, s := range cn.Satisfaction {
		n.Rate(float64(s))
	}
	return n, nil
}

// targetAndSold adds up the targets set inside the days from through to —
// a quarter's where the whole quarter lies inside and has one, else the
// months' that lie inside — and what was sold in the targeted periods
// only: a half year with targets for three months is measured on those
// three months, not on six months of sales against three months' target.
func (db *DB) targetAndSold(tx *Tx, advisorID uint64, from, to model.Date) (target, sold int64, err error) {
	inside := func(p model.TargetPeriod) (model.Date, model.Date, bool) {
		f, t, ok := p.Range()
		return f, t, ok && f >= from && t <= to
	}
	take := func(p model.TargetPeriod) (bool, error) {
		f, t, ok := inside(p)
		if !ok {
			return false, nil
		}
		ids := ixIDs(tx, db.Targets.byPeriod, refKey(advisorID)+string(p))
		if len(ids) == 0 {
			return false, nil
		}
		tg, err := db.Targets.TxGet(tx, ids[0])
		if err != nil {
			return false, err
		}
		s, err := db.Sales.total(tx, advisorID, f, t)
		target, sold = target+tg.Amount, sold+s
		return true, err
	}
	start, ok := from.Time()
	if _, okTo := to.Time(); !ok || !okTo {
		return 0, 0, nil
	}
	// Quarter by quarter from the quarter the period starts in.
	q := time.Date(start.Year(), (start.Month()-1)/3*3+1, 1, 0, 0, 0, 0, time.UTC)
	for ; model.DateOf(q) <= to; q = q.AddDate(0, 3, 0) {
		if got, err := take(model.QuarterOf(model.DateOf(q))); err != nil || got {
			if err != nil {
				return 0, 0, err
			}
			continue
		}
		for m := 0; m < 3; m++ {
			if _, err := take(model.MonthOf(model.DateOf(q.AddDate(0, m, 0)))); err != nil {
				return 0, 0, err
			}
		}
	}
	return target, sold, nil
}
