package storage

import (
	"errors"
	"slices"
	"testing"
	"time"

	"advisordesk/model"
)

// complaintOffice is newOffice with a customer of Bo's and a complaint
// about Bo taken in by his supervisor Sun on Friday 27 November 2026.
func complaintOffice(t *testing.T) (*office, *model.Customer, *model.Complaint) {
	t.Helper()
	o := newOffice(t)
	cu := &model.Customer{Name: "王建国", Phone: "13912345678", AdvisorID: o.bo.ID}
	if err := o.hr.SaveCustomer(cu); err != nil {
		t.Fatal(err)
	}
	c := &model.Complaint{Received: "2026-11-27", Channel: model.ChannelPhone, Severity: model.SeverityNormal,
		CustomerID: cu.ID, AdvisorID: o.bo.ID, Description: "保养后发动机异响，等待两小时无人解释"}
	if err := o.sup.SaveComplaint(c); err != nil {
		t.Fatal(err)
	}
	return o, cu, c
}

func TestComplaintTakenInAndHandled(t *testing.T) {
	o, _, c := complaintOffice(t)
	if c.Status != model.ComplaintOpen || len(c.Timeline) != 1 || c.Timeline[0].By != "孙丽" || c.CustomerPhone != "13912345678" {
		t.Fatalf("taken in: %s %+v phone %q", c.Status, c.Timeline, c.CustomerPhone)
	}
	// An is not Bo and not his supervisor: nothing until she handles it.
	if _, n, _ := o.adv.FindComplaints(model.ListQuery{}); n != 0 {
		t.Fatalf("an unrelated advisor lists %d complaints", n)
	}
	if _, err := o.adv.GetComplaint(c.ID); !isRefused(err) {
		t.Fatalf("an unrelated advisor reads the complaint: %v", err)
	}
	// Nor does she take one in about Bo: said beside the advisor field.
	other := *c
	other.ID, other.Timeline = 0, nil
	if fes, _ := model.AsFieldErrors(o.adv.SaveComplaint(&other)); fes.For(model.FieldComplAdvisor) == nil || fes[0].Code != model.CodeComplaintReach {
		t.Fatalf("an advisor took in a complaint about a colleague: %v", fes)
	}
	c.HandlerID = o.an.ID
	if err := o.sup.SaveComplaint(c); err != nil {
		t.Fatal(err)
	}
	got, err := o.adv.GetComplaint(c.ID)
	if err != nil || got.CustomerPhone != "13912345678" || got.Handler != "安然" {
		t.Fatalf("the handler reads %+v, %v; want it whole with the customer's phone", got, err)
	}
	if err := o.adv.MoveComplaint(got, model.ComplaintInvestigating, "已致电客户"); err != nil {
		t.Fatal(err)
	}
	if got.Contacted != "2026-11-27" || got.Timeline[1].By != "安然" || got.Timeline[1].Note != "已致电客户" {
		t.Errorf("the first step: contacted %s, %+v", got.Contacted, got.Timeline[1])
	}
	// Resolving without a resolution: refused beside the field, nothing saved.
	got.Satisfaction = "4"
	err = o.adv.MoveComplaint(got, model.ComplaintResolved, "")
	if fes, _ := model.AsFieldErrors(err); fes.For(model.FieldResolution) == nil {
		t.Fatalf("resolved without a resolution: %v", err)
	}
	if again, _ := o.hr.GetComplaint(c.ID); again.Status != model.ComplaintInvestigating || again.Satisfaction != "" || len(again.Timeline) != 2 {
		t.Fatalf("a refused step half-saved: %s %q %d events", again.Status, again.Satisfaction, len(again.Timeline))
	}
	// The handler records no finding on a colleague.
	got.Resolution, got.Cause = "免费复检并致歉", model.CauseService
	if fes, _ := model.AsFieldErrors(o.adv.MoveComplaint(got, model.ComplaintResolved, "")); fes.For(model.FieldCause) == nil {
		t.Fatalf("the handler recorded a finding")
	}
	got.Cause = ""
	if err := o.adv.MoveComplaint(got, model.ComplaintResolved, "客户接受"); err != nil {
		t.Fatal(err)
	}
	// Closing is not the handler's (the complaint leaves her when closed),
	// and needs the finding.
	got.Cause = model.CauseService
	if err := o.adv.MoveComplaint(got, model.ComplaintClosed, ""); !isRefused(err) {
		t.Fatalf("the handler closed it: %v", err)
	}
	byBoss, _ := o.sup.GetComplaint(c.ID)
	if fes, _ := model.AsFieldErrors(o.sup.MoveComplaint(byBoss, model.ComplaintClosed, "")); fes.For(model.FieldCause) == nil {
		t.Fatalf("closed without a finding")
	}
	byBoss.Cause, byBoss.ResponsibleID = model.CauseService, o.bo.ID
	if err := o.sup.MoveComplaint(byBoss, model.ComplaintClosed, "结案"); err != nil {
		t.Fatal(err)
	}
	if _, err := o.adv.GetComplaint(c.ID); !isRefused(err) {
		t.Errorf("the handler still reads a closed complaint: %v", err)
	}
	var refused *model.MoveRefused
	if err := o.sup.MoveComplaint(byBoss, model.ComplaintWaiting, ""); !errors.As(err, &refused) {
		t.Errorf("closed → waiting: %v, want refused", err)
	}
	want := []model.ComplaintStatus{model.ComplaintOpen, model.ComplaintInvestigating, model.ComplaintResolved, model.ComplaintClosed}
	final, _ := o.hr.GetComplaint(c.ID)
	for i, e := range final.Timeline {
		if i >= len(want) || e.To != want[i] {
			t.Fatalf("timeline %+v, want %v", final.Timeline, want)
		}
	}
	// Reopened when the customer comes back.
	if err := o.sup.MoveComplaint(final, model.ComplaintInvestigating, "客户再次来电"); err != nil {
		t.Fatal(err)
	}
	n, err := o.hr.ComplaintNumbers(o.bo.ID, "2026-11-01", "2026-11-30")
	if err != nil || n.Founded != 0 || len(n.Satisfaction) != 0 {
		t.Errorf("reopened: %+v %v, want nothing counted until it is done again", n, err)
	}
}

func TestComplaintFlowCannotBeBypassed(t *testing.T) {
	o, _, c := complaintOffice(t)
	// A plain save keeps the status on file.
	c.Status = model.ComplaintClosed
	if err := o.sup.SaveComplaint(c); err != nil || c.Status != model.ComplaintOpen {
		t.Fatalf("a form save moved the status: %s %v", c.Status, err)
	}
	// The table itself refuses a status moved without its step.
	c.Status = model.ComplaintResolved
	c.Resolution, c.Satisfaction = "x", "4"
	var refused *model.MoveRefused
	if err := o.sup.Complaints.Save(c); !errors.As(err, &refused) {
		t.Fatalf("a status written past the flow: %v", err)
	}
	// Nor a report upward written away, or a contact day moved.
	c.Status, c.Resolution, c.Satisfaction = model.ComplaintOpen, "", ""
	if err := o.hr.RaiseComplaint(c, "客户要求人事回复"); err != nil {
		t.Fatal(err)
	}
	// Nor a report upward written in without its reason.
	bare := *c
	bare.Timeline = append(slices.Clone(c.Timeline), model.ComplaintEvent{At: *o.clock, Day: "2026-11-27", By: "孙丽",
		From: c.Status, To: c.Status, Raise: 2})
	bare.Raised = 2
	var why *model.ReasonNeeded
	if err := o.sup.Complaints.Save(&bare); !errors.As(err, &why) {
		t.Fatalf("a report upward without a reason written in: %v", err)
	}
	c.Raised = 0
	if err := o.sup.Complaints.Save(c); !errors.As(err, &refused) {
		t.Fatalf("a report upward written away: %v", err)
	}
	c.Raised, c.Contacted = 1, "2026-11-20"
	if err := o.sup.Complaints.Save(c); !errors.As(err, &refused) {
		t.Fatalf("a contact day written in: %v", err)
	}
	if err := o.sup.Complaints.Delete(c.ID); !isRefused(err) {
		t.Fatalf("a supervisor deleted a complaint: %v", err)
	}
	if err := o.hr.Complaints.Delete(c.ID); err != nil {
		t.Fatalf("HR deletes: %v", err)
	}
}

func TestComplaintOverdueEscalatesByDate(t *testing.T) {
	o, cu, c := complaintOffice(t)
	// Tuesday 1 December: two working days (Mon 30, Tue 1) — in time.
	*o.clock = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	got, _ := o.sup.GetComplaint(c.ID)
	if got.Standing.Overdue || got.Standing.ContactDue != "2026-12-02" {
		t.Fatalf("on day 2: %+v", got.Standing)
	}
	// Thursday 3 December: day 4, not contacted — flagged for Sun.
	*o.clock = time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	list, n, err := o.sup.FindComplaints(model.ListQuery{Where: model.Match{Field: model.FieldComplaintFlag, Value: model.FlagOverdue}})
	if err != nil || n != 1 || list[0].ID != c.ID || list[0].Standing.Level != 1 {
		t.Fatalf("Sun's overdue list: %d %v", n, err)
	}
	if _, n, _ := o.hr.FindComplaints(model.ListQuery{Where: model.Match{Field: model.FieldComplaintFlag, Value: model.FlagEscalated}}); n != 0 {
		t.Fatalf("at level 1 HR's escalated list has %d", n)
	}
	// HR enters Monday 7 December as a holiday: the escalation moves a day.
	if err := o.adv.SaveCalendarDay(&model.CalendarDay{Date: "2026-12-07", Kind: model.DayHoliday, Name: "x"}); !isRefused(err) {
		t.Fatalf("an advisor changed the calendar: %v", err)
	}
	if err := o.hr.SaveCalendarDay(&model.CalendarDay{Date: "2026-12-07", Kind: model.DayHoliday, Name: "公司活动日"}); err != nil {
		t.Fatal(err)
	}
	// Wednesday 9 December: Nov 30, Dec 1–4, 8, 9 = 7 days — not yet.
	*o.clock = time.Date(2026, 12, 9, 9, 0, 0, 0, time.UTC)
	if got, _ := o.hr.GetComplaint(c.ID); got.Standing.Level != 1 || got.Standing.EscalateDue != "2026-12-09" {
		t.Fatalf("on the escalation day: %+v", got.Standing)
	}
	*o.clock = time.Date(2026, 12, 10, 9, 0, 0, 0, time.UTC)
	list, n, _ = o.hr.FindComplaints(model.ListQuery{Where: model.Match{Field: model.FieldComplaintFlag, Value: model.FlagEscalated}})
	if n != 1 || list[0].Standing.Level != 2 {
		t.Fatalf("HR's escalated list: %d", n)
	}
	// The reading wrote nothing: the file's complaint is as saved.
	if raw, _ := o.hr.Complaints.Get(c.ID); raw.Standing.Level != 0 || len(raw.Timeline) != 1 {
		t.Errorf("reading the standing wrote to the record: %+v", raw)
	}
	// A second complaint of the same customer: the customer page's list.
	c2 := &model.Complaint{Received: "2026-12-10", Channel: model.ChannelWalkIn, Severity: model.SeverityUrgent,
		CustomerID: cu.ID, AdvisorID: o.bo.ID, Description: "再次投诉"}
	if err := o.sup.SaveComplaint(c2); err != nil {
		t.Fatal(err)
	}
	of, err := o.sup.ComplaintsOfCustomer(cu.ID)
	if err != nil || len(of) != 2 || of[0].ID != c2.ID || of[1].ID != c.ID {
		t.Fatalf("the customer's complaints, newest first: %v", err)
	}
	if of, _ := o.adv.ComplaintsOfCustomer(cu.ID); len(of) != 0 {
		t.Errorf("an unrelated advisor sees %d of the customer's complaints", len(of))
	}
}

func TestComplaintNumbersForAppraisal(t *testing.T) {
	o, cu, _ := complaintOffice(t)
	mk := func(day model.Date, cause model.ComplaintCause, resp *model.Advisor, sat string) {
		c := &model.Complaint{Received: day, Channel: model.ChannelPhone, Severity: model.SeverityNormal,
			CustomerID: cu.ID, AdvisorID: o.bo.ID, Description: "测试"}
		if err := o.sup.SaveComplaint(c); err != nil {
			t.Fatal(err)
		}
		c.Resolution, c.Satisfaction, c.Cause = "处理完毕", sat, cause
		if resp != nil {
			c.ResponsibleID = resp.ID
		}
		if err := o.sup.MoveComplaint(c, model.ComplaintResolved, ""); err != nil {
			t.Fatal(err)
		}
	}
	mk("2026-10-05", model.CauseService, o.bo, "2")                      // founded against Bo
	mk("2026-10-20", model.CauseUnfounded, o.bo, "5")                    // unfounded
	mk("2026-11-02", model.CauseProduct, nil, "4")                       // founded, but no one responsible
	mk("2026-09-30", model.CauseService, o.bo, "1")                      // before the period
	n, err := o.hr.ComplaintNumbers(o.bo.ID, "2026-10-01", "2026-11-26") // the open one of 27 Nov falls outside
	if err != nil || n.Founded != 1 || len(n.Satisfaction) != 3 || n.AverageSatisfaction() != 11.0/3 {
		t.Fatalf("Bo's numbers: %+v %v, want 1 founded and scores 2, 5, 4", n, err)
	}
	if n, _ := o.adv.ComplaintNumbers(o.bo.ID, "2026-01-01", "2026-12-31"); n.Founded != 0 {
		t.Errorf("An reads Bo's numbers: %+v", n)
	}
}

func TestComplaintRulesSetting(t *testing.T) {
	o := newOffice(t)
	r := model.DefaultComplaintRules()
	r[model.SeverityNormal] = model.SeverityRule{Contact: 2, Outcome: 4, Escalate: 6}
	if err := o.sup.SetComplaintRules(r); !isRefused(err) && err == nil {
		t.Fatalf("a supervisor changed the rules")
	}
	if err := o.hr.SetComplaintRules(r); err != nil {
		t.Fatal(err)
	}
	if got, _ := o.adv.ComplaintRules(); got[model.SeverityNormal].Escalate != 6 {
		t.Errorf("rules read back %v", got)
	}
	r[model.SeverityUrgent] = model.SeverityRule{Contact: 3, Outcome: 2, Escalate: 6}
	if fes, _ := model.AsFieldErrors(o.hr.SetComplaintRules(r)); fes.For("complaint_rule_outcome") == nil {
		t.Errorf("a rule out of order was kept")
	}
}

// The demo office's complaints: a dozen over six months, most closed with
// a finding, two past their deadlines (one up to HR), the 2026 calendar.
func TestDemoComplaints(t *testing.T) {
	db := openTemp(t)
	if err := db.LoadDemo(40, 1); err != nil {
		t.Fatal(err)
	}
	mustCheck(t, db)
	list, n, err := db.FindComplaints(model.ListQuery{})
	if err != nil || n != 12 {
		t.Fatalf("%d demo complaints, %v", n, err)
	}
	closed, overdue, hr := 0, 0, 0
	for _, c := range list {
		if c.Status == model.ComplaintClosed {
			closed++
			if c.Cause == "" || c.Resolution == "" || len(c.Timeline) != 4 {
				t.Errorf("closed demo complaint %d lacks its finding or steps: %+v", c.ID, c)
			}
		}
		if c.Standing.Overdue {
			overdue++
		}
		if c.Standing.Level == 2 {
			hr++
		}
		if c.HandlerID == 0 || c.HandlerID == c.AdvisorID {
			t.Errorf("demo complaint %d handled by %d, about %d", c.ID, c.HandlerID, c.AdvisorID)
		}
	}
	if closed != 6 || overdue < 2 || hr < 1 {
		t.Errorf("closed %d, overdue %d, up to HR %d", closed, overdue, hr)
	}
}

// Reporting upward (the regulation's report_complaints) raises a complaint
// a level at a time before its deadlines do, each on the timeline; without
// the permission it is refused and nothing changes.
func TestComplaintReportedUpward(t *testing.T) {
	o, _, c := complaintOffice(t)
	m, _, _ := o.hr.Matrix()
	m[model.RoleSupervisor] = slices.DeleteFunc(slices.Clone(m[model.RoleSupervisor]), func(p string) bool {
		return p == string(model.PermReportComplaints)
	})
	if err := o.hr.SaveMatrix(m); err != nil {
		t.Fatal(err)
	}
	if err := o.sup.RaiseComplaint(c, "客户情绪激动"); !isRefused(err) {
		t.Fatalf("raised without the permission: %v", err)
	}
	if got, _ := o.hr.GetComplaint(c.ID); got.Raised != 0 || len(got.Timeline) != 1 {
		t.Fatalf("a refused report changed the complaint: %+v", got)
	}
	// Sun leads Bo: her report goes to HR, not to herself.
	m[model.RoleSupervisor] = append(m[model.RoleSupervisor], string(model.PermReportComplaints))
	if err := o.hr.SaveMatrix(m); err != nil {
		t.Fatal(err)
	}
	sunCopy := *c
	if got, _ := o.sup.GetComplaint(c.ID); got.Rights.RaiseTo != 2 {
		t.Fatalf("Sun's report would go to level %d", got.Rights.RaiseTo)
	}
	if err := o.sup.RaiseComplaint(&sunCopy, "客户要求人事答复"); err != nil || sunCopy.Raised != 2 {
		t.Fatalf("Sun's report: level %d, %v", sunCopy.Raised, err)
	}
	if err := o.hr.Complaints.Delete(c.ID); err != nil {
		t.Fatal(err)
	}
	c.ID, c.Timeline = 0, nil
	if err := o.sup.SaveComplaint(c); err != nil {
		t.Fatal(err)
	}
	if err := o.hr.RaiseComplaint(c, "客户情绪激动"); err != nil {
		t.Fatal(err)
	}
	if c.Standing.Level != 1 || c.Standing.Overdue || c.Timeline[1].Raise != 1 || c.Timeline[1].Note != "客户情绪激动" {
		t.Fatalf("raised once: %+v %+v", c.Standing, c.Timeline)
	}
	var why *model.ReasonNeeded
	if err := o.hr.RaiseComplaint(c, " "); !errors.As(err, &why) {
		t.Fatalf("raised without a reason: %v", err)
	}
	if c.Rights.RaiseTo != 2 || !c.Rights.Raise || c.Rights.Supervisor != "孙丽" {
		t.Fatalf("HR's rights before the second report: %+v", c.Rights)
	}
	if err := o.hr.RaiseComplaint(c, "主管未能处理"); err != nil || c.Standing.Level != 2 {
		t.Fatalf("raised twice: %+v %v", c.Standing, err)
	}
	if c.Rights.Raise || c.Rights.RaiseWhy != model.CodeRaiseTop {
		t.Fatalf("at HR, rights %+v", c.Rights)
	}
	if _, n, _ := o.hr.FindComplaints(model.ListQuery{Where: model.Match{Field: model.FieldComplaintFlag, Value: model.FlagEscalated}}); n != 1 {
		t.Fatalf("HR's escalated list has %d", n)
	}
	var refused *model.MoveRefused
	if err := o.hr.RaiseComplaint(c, "再报一次"); !errors.As(err, &refused) {
		t.Fatalf("raised past HR: %v", err)
	}
}

// Sorting by the deadline column puts the most urgent first: up to HR,
// then overdue, then by the next deadline; done ones last.
func TestComplaintsSortedByUrgency(t *testing.T) {
	db := openTemp(t)
	if err := db.LoadDemo(40, 1); err != nil {
		t.Fatal(err)
	}
	list, n, err := db.FindComplaints(model.ListQuery{Sort: model.FieldComplaintFlag})
	if err != nil || n != 12 {
		t.Fatalf("%d, %v", n, err)
	}
	if list[0].Standing.Level != 2 || !list[1].Standing.Overdue || !list[len(list)-1].Status.Done() {
		t.Fatalf("first %+v, second %+v, last %s", list[0].Standing, list[1].Standing, list[len(list)-1].Status)
	}
	page, n, _ := db.FindComplaints(model.ListQuery{Sort: model.FieldComplaintFlag, Offset: 1, Limit: 2})
	if n != 12 || len(page) != 2 || page[0].ID != list[1].ID {
		t.Fatalf("a page of the urgent order: %d of %d", len(page), n)
	}
}

// A closed complaint is the record that was signed: neither a form save
// nor a step may change its dates, customer or description (they would
// rewrite its deadlines); only reopening, which changes nothing else, and
// after it the form is open again.
func TestClosedComplaintChangesOnlyByReopening(t *testing.T) {
	o, _, c := complaintOffice(t)
	other := &model.Customer{Name: "李四", Phone: "13900001111", AdvisorID: o.bo.ID}
	if err := o.hr.SaveCustomer(other); err != nil {
		t.Fatal(err)
	}
	c.Resolution, c.Satisfaction = "免费复检并致歉", "4"
	if err := o.sup.MoveComplaint(c, model.ComplaintResolved, ""); err != nil {
		t.Fatal(err)
	}
	c.Cause, c.ResponsibleID = model.CauseService, o.bo.ID
	if err := o.sup.MoveComplaint(c, model.ComplaintClosed, "结案"); err != nil {
		t.Fatal(err)
	}
	closed := func() *model.Complaint {
		got, err := o.hr.GetComplaint(c.ID)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	for name, change := range map[string]func(*model.Complaint){
		"received":    func(x *model.Complaint) { x.Received = "2026-11-20" },
		"description": func(x *model.Complaint) { x.Description = "改过的描述" },
		"customer":    func(x *model.Complaint) { x.CustomerID = other.ID },
		"severity":    func(x *model.Complaint) { x.Severity = model.SeverityUrgent },
	} {
		for _, who := range []*DB{o.sup, o.hr} {
			x := closed()
			change(x)
			fes, _ := model.AsFieldErrors(who.SaveComplaint(x))
			if fe := fes.For(model.FieldComplStatus); fe == nil || fe.Code != model.CodeComplaintClosed {
				t.Errorf("%s of a closed complaint changed: %v", name, fes)
			}
			x = closed()
			change(x)
			if err := who.MoveComplaint(x, model.ComplaintInvestigating, "客户再次来电"); err == nil {
				t.Errorf("%s changed while reopening", name)
			}
		}
	}
	if got := closed(); got.Received != "2026-11-27" || got.Status != model.ComplaintClosed || len(got.Timeline) != 3 {
		t.Fatalf("a refused change was saved: %s %s, %d steps", got.Received, got.Status, len(got.Timeline))
	}
	// Reopened, unchanged: then it is a complaint being handled again.
	x := closed()
	if err := o.sup.MoveComplaint(x, model.ComplaintInvestigating, "客户再次来电"); err != nil {
		t.Fatal(err)
	}
	x.Description += "；客户再次来电"
	if err := o.sup.SaveComplaint(x); err != nil {
		t.Fatalf("a reopened complaint stays locked: %v", err)
	}
}

// The advisor a complaint is about does not resolve or close it herself
// (that would stop its clock and its escalation): refused beside the
// status, nothing saved; her supervisor resolves it, asked first for the
// customer's satisfaction. What each may do is read with the complaint.
func TestAdvisorConcernedDoesNotResolveHerOwnComplaint(t *testing.T) {
	o := newOffice(t)
	cu := &model.Customer{Name: "赵敏", Phone: "13900002222", AdvisorID: o.an.ID}
	if err := o.hr.SaveCustomer(cu); err != nil {
		t.Fatal(err)
	}
	c := &model.Complaint{Received: "2026-11-27", Channel: model.ChannelWalkIn, Severity: model.SeverityNormal,
		CustomerID: cu.ID, AdvisorID: o.an.ID, Description: "等待太久"}
	if err := o.adv.SaveComplaint(c); err != nil {
		t.Fatal(err)
	}
	if c.Rights.May(model.ComplaintResolved) || !c.Rights.May(model.ComplaintInvestigating) || !c.Rights.Edit || c.Rights.Finding {
		t.Fatalf("An's rights on a complaint about her: %+v", c.Rights)
	}
	c.Resolution, c.Satisfaction = "告诉客户这是正常的", "5"
	fes, _ := model.AsFieldErrors(o.adv.MoveComplaint(c, model.ComplaintResolved, ""))
	if fe := fes.For(model.FieldComplStatus); fe == nil || fe.Code != model.CodeComplaintOwn {
		t.Fatalf("An resolved her own complaint: %v", fes)
	}
	// Nor as its handler.
	c.HandlerID = o.an.ID
	if err := o.adv.MoveComplaint(c, model.ComplaintResolved, ""); err == nil {
		t.Fatal("An resolved her own complaint as its handler")
	}
	got, _ := o.hr.GetComplaint(c.ID)
	if got.Status != model.ComplaintOpen || got.Resolution != "" || len(got.Timeline) != 1 {
		t.Fatalf("a refused resolve was saved: %s %q", got.Status, got.Resolution)
	}
	// Her supervisor resolves it, once the customer has been asked.
	s, _ := o.sup.GetComplaint(c.ID)
	if !s.Rights.May(model.ComplaintResolved) || !s.Rights.Finding {
		t.Fatalf("Sun's rights: %+v", s.Rights)
	}
	s.Resolution = "道歉并免费洗车"
	fes, _ = model.AsFieldErrors(o.sup.MoveComplaint(s, model.ComplaintResolved, ""))
	if fe := fes.For(model.FieldComplaintSatisfaction); fe == nil || fe.Code != model.CodeNeedsSatisfaction {
		t.Fatalf("resolved without the customer's satisfaction: %v", fes)
	}
	s.Satisfaction = "4"
	if err := o.sup.MoveComplaint(s, model.ComplaintResolved, ""); err != nil {
		t.Fatal(err)
	}
	// Resolved: An may reopen it but not close it; Sun may close it.
	a, _ := o.adv.GetComplaint(c.ID)
	if a.Rights.May(model.ComplaintClosed) || !a.Rights.May(model.ComplaintInvestigating) {
		t.Fatalf("An's rights on it resolved: %+v", a.Rights)
	}
	a.Cause = ""
	if err := o.adv.MoveComplaint(a, model.ComplaintClosed, ""); err == nil {
		t.Fatal("An closed her own complaint")
	}
	if s, _ = o.sup.GetComplaint(c.ID); !s.Rights.May(model.ComplaintClosed) {
		t.Fatalf("Sun may not close it: %+v", s.Rights)
	}
	s.Cause = model.CauseUnfounded
	if err := o.sup.MoveComplaint(s, model.ComplaintClosed, ""); err != nil {
		t.Fatal(err)
	}
	if s.Rights.Edit || s.Rights.Finding || !s.Rights.May(model.ComplaintInvestigating) || len(s.Rights.Moves) != 1 {
		t.Fatalf("Sun's rights on it closed: %+v", s.Rights)
	}
}

// The handler is assigned by those who lead the advisor concerned: An,
// taking in a complaint about herself, may not name one (herself least of
// all); her supervisor names a team mate but neither An nor someone
// outside the team; HR names anyone but An. Each refusal is beside the
// handler field, nothing saved.
func TestComplaintHandlerAssignedByLead(t *testing.T) {
	o, cu, _ := complaintOffice(t)
	if err := o.hr.SaveCustomer(&model.Customer{ID: cu.ID, Name: cu.Name, Phone: cu.Phone, AdvisorID: o.an.ID}); err != nil {
		t.Fatal(err)
	}
	onField := func(err error, code string) bool {
		fes, _ := model.AsFieldErrors(err)
		fe := fes.For(model.FieldHandler)
		return fe != nil && fe.Code == code
	}
	c := &model.Complaint{Received: "2026-11-27", Channel: model.ChannelPhone, Severity: model.SeverityNormal,
		CustomerID: cu.ID, AdvisorID: o.an.ID, HandlerID: o.an.ID, Description: "报价与结算不一致"}
	if err := o.adv.SaveComplaint(c); !onField(err, model.CodeHandlerOwn) || c.ID != 0 {
		t.Fatalf("An named herself handler of a complaint about her: %v", err)
	}
	c.HandlerID = o.bo.ID
	if err := o.adv.SaveComplaint(c); !onField(err, model.CodeHandlerLead) || c.ID != 0 {
		t.Fatalf("An named a handler: %v", err)
	}
	c.HandlerID = 0
	if err := o.adv.SaveComplaint(c); err != nil {
		t.Fatal(err)
	}
	if got, _ := o.adv.GetComplaint(c.ID); got.Rights.Assign || !got.Rights.Edit {
		t.Fatalf("An's rights on a complaint about her: %+v", got.Rights)
	}
	c.HandlerID = o.an.ID
	if err := o.sup.SaveComplaint(c); !onField(err, model.CodeHandlerOwn) {
		t.Fatalf("Sun named An handler of a complaint about An: %v", err)
	}
	c.HandlerID = o.chen.ID
	if err := o.sup.SaveComplaint(c); !onField(err, model.CodeHandlerReach) {
		t.Fatalf("Sun named Chen, outside her team: %v", err)
	}
	c.HandlerID = o.bo.ID
	if err := o.sup.SaveComplaint(c); err != nil {
		t.Fatal(err)
	}
	if !c.Rights.Assign {
		t.Fatalf("Sun may not assign: %+v", c.Rights)
	}
	c.HandlerID = o.chen.ID
	if err := o.hr.SaveComplaint(c); err != nil {
		t.Fatalf("HR names anyone: %v", err)
	}
	if got, _ := o.hr.GetComplaint(c.ID); got.HandlerID != o.chen.ID {
		t.Fatalf("handler on file %d", got.HandlerID)
	}
}
