package storage

import "advisordesk/model"

// AdvisorNumbers gathers an advisor's work-process figures for the days
// from through to, as the person may see them: the follow-up calls handed
// to them that fell due and those made, the satisfaction given on calls
// about their customers and for the resolutions of complaints about them,
// and the complaints founded against them.
func (db *DB) AdvisorNumbers(advisorID uint64, from, to model.Date) (model.Numbers, error) {
	var n model.Numbers
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
