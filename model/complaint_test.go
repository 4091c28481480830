package model

import (
	"errors"
	"testing"
	"time"
)

func newComplaint(received Date) *Complaint {
	c := &Complaint{Received: received, Channel: ChannelPhone, Severity: SeverityNormal, CustomerID: 1,
		Customer: "王先生", AdvisorID: 2, Advisor: "李娜", Description: "保养后异响"}
	c.Normalize()
	c.Timeline = []ComplaintEvent{{Day: received, To: ComplaintOpen}}
	return c
}

func move(t *testing.T, c *Complaint, to ComplaintStatus, day Date) {
	t.Helper()
	note := ""
	if c.Status.Reopens(to) {
		note = "客户再次来电" // a reopening says why
	}
	if err := c.Move(to, "tester", time.Now(), day, note); err != nil {
		t.Fatalf("move to %s on %s: %v", to, day, err)
	}
}

func TestComplaintClockOverNationalDay(t *testing.T) {
	cal, rules := china2026(), DefaultComplaintRules()
	c := newComplaint("2026-09-30")
	k := c.Clock(cal, rules, "2026-10-10")
	if k.ContactDue != "2026-10-10" || k.OutcomeDue != "2026-10-13" || k.EscalateDue != "2026-10-15" {
		t.Errorf("dues = %s %s %s, want 10-10 10-13 10-15", k.ContactDue, k.OutcomeDue, k.EscalateDue)
	}
	if k.Elapsed != 3 || k.Overdue || k.Level != 0 {
		t.Errorf("on the contact day: %+v, want 3 days, not overdue", k)
	}
	if k = c.Clock(cal, rules, "2026-10-12"); !k.Overdue || !k.ContactLate || k.Level != 1 {
		t.Errorf("a day past contact: %+v, want overdue at level 1", k)
	}
	if k = c.Clock(cal, rules, "2026-10-15"); k.Level != 1 || !k.OutcomeLate {
		t.Errorf("on the escalation day: %+v, want level 1", k)
	}
	if k = c.Clock(cal, rules, "2026-10-16"); k.Level != 2 || k.Elapsed != 8 {
		t.Errorf("past escalation: %+v, want level 2 after 8 days", k)
	}
}

func TestComplaintClockPausesWhileWaiting(t *testing.T) {
	cal, rules := china2026(), DefaultComplaintRules()
	c := newComplaint("2026-09-30")
	move(t, c, ComplaintWaiting, "2026-10-08")
	if k := c.Clock(cal, rules, "2026-10-20"); !k.Paused || k.Elapsed != 0 || k.OutcomeDue != "" || k.Overdue {
		t.Errorf("waiting since the first working day: %+v, want paused at 0", k)
	}
	move(t, c, ComplaintInvestigating, "2026-10-12")
	k := c.Clock(cal, rules, "2026-10-12")
	// 8, 9 and 10 October ended waiting; Monday 12 counts.
	if k.Elapsed != 1 || k.OutcomeDue != "2026-10-16" || c.Contacted != "2026-10-08" || k.ContactLate {
		t.Errorf("after the customer answered: %+v contacted %s, want 1 day, outcome due 10-16", k, c.Contacted)
	}
	c.Resolution = "更换部件"
	move(t, c, ComplaintResolved, "2026-10-14")
	if k := c.Clock(cal, rules, "2026-12-01"); k.Overdue || k.Level != 0 || k.Elapsed != 3 || k.OutcomeLate {
		t.Errorf("resolved: %+v, want the clock stopped at 3, not overdue", k)
	}
}

func TestComplaintReopenRestartsClock(t *testing.T) {
	cal, rules := NewCalendar(nil), DefaultComplaintRules()
	c := newComplaint("2026-03-02") // a Monday
	move(t, c, ComplaintInvestigating, "2026-03-03")
	c.Resolution, c.Cause = "退款", CauseService
	move(t, c, ComplaintResolved, "2026-03-04")
	move(t, c, ComplaintClosed, "2026-03-05")
	move(t, c, ComplaintInvestigating, "2026-04-01") // the customer came back
	k := c.Clock(cal, rules, "2026-04-08")           // Thu 2, Fri 3, Mon 6, Tue 7, Wed 8
	if k.Start != "2026-04-01" || k.Elapsed != 5 || k.Overdue || k.Level != 0 {
		t.Errorf("reopened: %+v, want counted from 04-01, 5 days, on time", k)
	}
	if k := c.Clock(cal, rules, "2026-04-09"); !k.Overdue || k.Level != 1 {
		t.Errorf("reopened a day later: %+v, want overdue", k)
	}
}

func TestComplaintFlow(t *testing.T) {
	c := newComplaint("2026-03-02")
	var refused *MoveRefused
	if err := c.Move(ComplaintClosed, "x", time.Now(), "2026-03-03", ""); !errors.As(err, &refused) {
		t.Fatalf("open → closed: %v, want refused", err)
	}
	if c.Status != ComplaintOpen || len(c.Timeline) != 1 {
		t.Fatalf("a refused step changed the complaint: %s, %d events", c.Status, len(c.Timeline))
	}
	move(t, c, ComplaintResolved, "2026-03-03")
	fes, _ := AsFieldErrors(c.Validate("2026-03-03"))
	if fe := fes.For(FieldResolution); fe == nil || fe.Code != CodeToClose {
		t.Errorf("resolved without a resolution: %v, want %s on the resolution", fes, CodeToClose)
	}
	c.Resolution, c.Satisfaction = "道歉并免费检修", "4"
	move(t, c, ComplaintClosed, "2026-03-04")
	fes, _ = AsFieldErrors(c.Validate("2026-03-04"))
	if fe := fes.For(FieldCause); fe == nil || fe.Code != CodeNeedsFinding || len(fes) != 1 {
		t.Errorf("closed without a finding: %v, want only %s on the cause", fes, CodeNeedsFinding)
	}
	if err := c.Raise(0, "x", time.Now(), "2026-03-04", ""); err == nil {
		t.Error("a closed complaint was reported upward")
	}
	e := c.Timeline[len(c.Timeline)-1]
	if e.From != ComplaintResolved || e.To != ComplaintClosed || e.By != "x" && e.By != "tester" {
		t.Errorf("last event %+v", e)
	}
}

// TestComplaintReasonsAndHandler: a reopening and a report upward say
// why, or are refused with nothing written; the advisor a complaint is
// about is refused as its handler, beside the field.
func TestComplaintReasonsAndHandler(t *testing.T) {
	c := newComplaint("2026-03-02")
	var why *ReasonNeeded
	if err := c.Raise(0, "x", time.Now(), "2026-03-03", "  "); !errors.As(err, &why) || !why.Raise {
		t.Fatalf("raised without a reason: %v", err)
	}
	c.Resolution, c.Satisfaction = "致歉", "4"
	move(t, c, ComplaintResolved, "2026-03-03")
	if err := c.Move(ComplaintInvestigating, "x", time.Now(), "2026-03-04", ""); !errors.As(err, &why) || why.Raise {
		t.Fatalf("reopened without a reason: %v", err)
	}
	if c.Status != ComplaintResolved || len(c.Timeline) != 2 || c.Raised != 0 {
		t.Fatalf("a refused step left %s, %d events, raised %d", c.Status, len(c.Timeline), c.Raised)
	}
	c.HandlerID = c.AdvisorID
	fes, _ := AsFieldErrors(c.Validate("2026-03-04"))
	if fe := fes.For(FieldHandler); fe == nil || fe.Code != CodeHandlerOwn {
		t.Errorf("the advisor concerned as handler: %v, want %s on the handler", fes, CodeHandlerOwn)
	}
}

func TestComplaintRules(t *testing.T) {
	r, err := ParseComplaintRules("normal=4/6/9; urgent=1/1/2")
	if err != nil || r[SeverityNormal] != (SeverityRule{4, 6, 9}) || r[SeveritySerious] != DefaultComplaintRules()[SeveritySerious] {
		t.Fatalf("parse: %v %v", r, err)
	}
	if back, _ := ParseComplaintRules(r.String()); back.String() != r.String() {
		t.Errorf("round trip %q → %q", r, back)
	}
	for _, bad := range []string{"normal=5/3/7", "normal=0/1/2", "normal=3/5", "loud=1/2/3", "normal=a/b/c", "normal=3/5/61"} {
		if _, err := ParseComplaintRules(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// A complaint dealt with late keeps, once resolved, which deadlines it
// missed and the days the deadlines sent it up: received Thursday 19
// November, contacted Thursday 26 (contact due Tuesday 24), resolved
// Friday 27 (outcome due Thursday 26): up to the supervisor on Wednesday
// 25, never to HR. Another, left open, goes to HR the day after its
// escalation day.
func TestComplaintClockKeepsMissedDeadlines(t *testing.T) {
	cal, rules := NewCalendar(nil), DefaultComplaintRules()
	c := newComplaint("2026-11-19")
	move(t, c, ComplaintInvestigating, "2026-11-26")
	c.Resolution, c.Satisfaction = "道歉并免费检修", "3"
	move(t, c, ComplaintResolved, "2026-11-27")
	k := c.Clock(cal, rules, "2026-12-10")
	if k.ContactDue != "2026-11-24" || k.OutcomeDue != "2026-11-26" || k.Contacted != "2026-11-26" || k.Resolved != "2026-11-27" {
		t.Errorf("dues %s %s, contacted %s, resolved %s", k.ContactDue, k.OutcomeDue, k.Contacted, k.Resolved)
	}
	if !k.ContactLate || !k.OutcomeLate || k.InTime() || k.ToSupervisor != "2026-11-25" || k.ToHR != "" || k.Rule.Contact != 3 {
		t.Errorf("late: %+v, want both deadlines missed, up to the supervisor on 11-25 only", k)
	}
	open := newComplaint("2026-11-19")
	k = open.Clock(cal, rules, "2026-12-03") // 10 working days
	if k.ToSupervisor != "2026-11-25" || k.ToHR != "2026-12-01" || k.Level != 2 || k.Contacted != "" {
		t.Errorf("left open: %+v, want up to the supervisor on 11-25 and to HR on 12-01", k)
	}
	inTime := newComplaint("2026-11-19")
	move(t, inTime, ComplaintInvestigating, "2026-11-20")
	inTime.Resolution, inTime.Satisfaction = "更换部件", "5"
	move(t, inTime, ComplaintResolved, "2026-11-24")
	if k := inTime.Clock(cal, rules, "2026-12-10"); !k.InTime() || k.ToSupervisor != "" {
		t.Errorf("in time: %+v", k)
	}
}

// TestRuleProblemsAllAtOnce: every step out of bounds or order is named,
// each against the last right step before it.
func TestRuleProblemsAllAtOnce(t *testing.T) {
	got := SeverityRule{Contact: 3, Outcome: 999, Escalate: 2}.Problems()
	if len(got) != 2 || got[0].Field != "complaint_rule_outcome" || got[0].Arg != "3–60" ||
		got[1].Field != "complaint_rule_escalate" || got[1].Arg != "3–60" {
		t.Fatalf("problems: %v", got)
	}
	if p := (SeverityRule{Contact: 3, Outcome: 5, Escalate: 7}).Problems(); len(p) != 0 {
		t.Fatalf("a right rule: %v", p)
	}
}
