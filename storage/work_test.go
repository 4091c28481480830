package storage

import (
	"testing"

	"advisordesk/model"
)

// TestWorkCountsMatchTheLists: what Home counts for An, her supervisor Sun
// and HR is, for every count, the number of rows the list it opens shows:
// calls due today and past due (An's own, Sun's team's, the office's for
// HR) and complaints not done, overdue, gone up to a supervisor, gone up
// to HR. A complaint resolved leaves the open-complaint index.
func TestWorkCountsMatchTheLists(t *testing.T) {
	o, _, bo := complaintOffice(t) // Friday 2026-11-27; a complaint about Bo today
	mine := &model.Customer{Name: "周杰", Phone: "13800138000", AdvisorID: o.an.ID}
	if err := o.hr.SaveCustomer(mine); err != nil {
		t.Fatal(err)
	}
	chens := o.chenCustomer(t)
	call := func(cu *model.Customer, adv *model.Advisor, due model.Date) {
		t.Helper()
		if err := o.hr.SaveFollowUp(&model.FollowUp{Due: due, CustomerID: cu.ID, AdvisorID: adv.ID}); err != nil {
			t.Fatal(err)
		}
	}
	call(mine, o.an, "2026-11-27")    // due today
	call(mine, o.an, "2026-11-25")    // overdue
	call(mine, o.an, "2026-11-10")    // missed (window 11-17), still listed
	call(mine, o.an, "2026-12-01")    // coming up: neither
	call(chens, o.chen, "2026-11-26") // overdue, not Sun's team: HR's office count only
	complaint := func(about *model.Advisor, cu *model.Customer, day model.Date) *model.Complaint {
		t.Helper()
		c := &model.Complaint{Received: day, Channel: model.ChannelPhone, Severity: model.SeverityNormal,
			CustomerID: cu.ID, AdvisorID: about.ID, Description: "投诉"}
		if err := o.hr.SaveComplaint(c); err != nil {
			t.Fatal(err)
		}
		return c
	}
	complaint(o.an, mine, "2026-11-20")    // five working days, not contacted: overdue, up to Sun
	complaint(o.chen, chens, "2026-11-10") // past the escalation day: up to HR
	done := complaint(o.an, mine, "2026-11-26")
	done.Resolution, done.Satisfaction = "致歉并免费复检", "4"
	if err := o.hr.MoveComplaint(done, model.ComplaintInvestigating, ""); err != nil {
		t.Fatal(err)
	}
	if err := o.hr.MoveComplaint(done, model.ComplaintResolved, ""); err != nil {
		t.Fatal(err)
	}

	type want struct{ due, past, open, overdue, up, hr int }
	check := func(who string, db *DB, w want) {
		t.Helper()
		n, err := db.WorkCounts()
		if err != nil {
			t.Fatal(err)
		}
		got := want{n.CallsDue, n.CallsPast, n.Open, n.Overdue, n.Up, n.Escalated}
		if got != w {
			t.Errorf("%s counts %+v, want %+v", who, got, w)
		}
		for only, count := range map[string]int{model.DueToday: n.CallsDue, model.DuePast: n.CallsPast} {
			q := n.Calls
			q.Only = only
			if list, err := db.DueFollowUps(q); err != nil || len(list) != count {
				t.Errorf("%s: the %s list has %d calls, Home counts %d (%v)", who, only, len(list), count, err)
			}
		}
		for flag, count := range map[string]int{model.FlagOpen: n.Open, model.FlagOverdue: n.Overdue, model.FlagUp: n.Up, model.FlagEscalated: n.Escalated} {
			_, total, err := db.FindComplaints(model.ListQuery{Where: model.Match{Field: model.FieldComplaintFlag, Value: flag}})
			if err != nil || total != count {
				t.Errorf("%s: the %s list has %d complaints, Home counts %d (%v)", who, flag, total, count, err)
			}
		}
	}
	check("An", o.adv, want{due: 1, past: 2, open: 1, overdue: 1, up: 1})
	check("Sun", o.sup, want{due: 1, past: 2, open: 2, overdue: 1, up: 1})
	check("HR", o.hr, want{due: 1, past: 3, open: 3, overdue: 2, up: 2, hr: 1})

	// Bo's complaint resolved: it leaves the open index, and the counts.
	bo.Resolution, bo.Satisfaction = "更换部件", "5"
	for _, to := range []model.ComplaintStatus{model.ComplaintInvestigating, model.ComplaintResolved} {
		if err := o.sup.MoveComplaint(bo, to, ""); err != nil {
			t.Fatal(err)
		}
	}
	check("Sun after resolving Bo's", o.sup, want{due: 1, past: 2, open: 1, overdue: 1, up: 1})
	// A week on: all four of An's calls are past due (two missed).
	*o.clock = o.clock.AddDate(0, 0, 7)
	check("An a week on", o.adv, want{due: 0, past: 4, open: 1, overdue: 1, up: 1, hr: 1})
}
