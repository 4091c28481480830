package storage

import (
	"testing"

	"advisordesk/model"
)

// An's figures for April–September 2026, worked out by hand:
//
//	targets: Q2 ¥30,000 (whole quarter inside: used; her ¥50,000 for May is
//	not), July ¥10,000, August ¥10,000, September none → ¥50,000
//	sold in the targeted periods: 10 May ¥24,000 + 15 July ¥10,000 +
//	3 August ¥5,000 = ¥39,000 (5 September has no target; 1 June was
//	cancelled; Bo's sale is Bo's) → 78 %
//	calls handed to her that fell due: 3, made: 2 → 66.7 %
//	satisfaction: calls 5 and 4, the complaint's resolution 3 → 4.0
//	founded complaints: 1
func TestAdvisorNumbersByHand(t *testing.T) {
	s := newShop(t, 5)
	// Only the calls made by hand below: no rule schedules calls after the
	// sales (the rules are tested with the follow-ups).
	rules, err := s.hr.FollowUpRules()
	if err != nil {
		t.Fatal(err)
	}
	rules.Steps = nil
	if err := s.hr.SaveFollowUpRules(rules); err != nil {
		t.Fatal(err)
	}
	for _, tg := range []*model.Target{
		{AdvisorID: s.an.ID, Period: "2026-Q2", Amount: 3_000_000},
		{AdvisorID: s.an.ID, Period: "2026-05", Amount: 5_000_000},
		{AdvisorID: s.an.ID, Period: "2026-07", Amount: 1_000_000},
		{AdvisorID: s.an.ID, Period: "2026-08", Amount: 1_000_000},
		{AdvisorID: s.bo.ID, Period: "2026-07", Amount: 1_000_000},
	} {
		if err := s.sup.SaveTarget(tg); err != nil {
			t.Fatal(err)
		}
	}
	for _, x := range []struct {
		c      *model.Customer
		day    model.Date
		fen    int64
		cancel bool
	}{
		{s.anCust, "2026-05-10", 2_400_000, false},
		{s.anCust, "2026-06-01", 1_000_000, true},
		{s.anCust, "2026-07-15", 1_000_000, false},
		{s.anCust, "2026-08-03", 500_000, false},
		{s.anCust, "2026-09-05", 900_000, false},
		{s.boCust, "2026-07-20", 3_000_000, false},
	} {
		sale := s.sale(x.c, x.day, line(s.service, 1, x.fen))
		if err := s.hr.SaveSale(sale); err != nil {
			t.Fatal(err)
		}
		if x.cancel {
			sale.State = model.SaleCancelled
			if err := s.hr.SaveSale(sale); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, call := range []struct {
		due   model.Date
		score float64 // 0: not made yet
	}{{"2026-06-02", 5}, {"2026-07-18", 4}, {"2026-09-20", 0}} {
		f := &model.FollowUp{Due: call.due, CustomerID: s.anCust.ID, AdvisorID: s.an.ID}
		if err := s.hr.SaveFollowUp(f); err != nil {
			t.Fatal(err)
		}
		if call.score > 0 {
			f.Done, f.Result, f.Satisfaction = call.due, model.ResultReached, call.score
			if err := s.hr.RecordFollowUp(f); err != nil {
				t.Fatal(err)
			}
		}
	}
	c := &model.Complaint{Received: "2026-08-10", Channel: model.ChannelPhone, Severity: model.SeverityNormal,
		CustomerID: s.anCust.ID, AdvisorID: s.an.ID, Description: "报价与结算不一致"}
	if err := s.sup.SaveComplaint(c); err != nil {
		t.Fatal(err)
	}
	for _, to := range []model.ComplaintStatus{model.ComplaintInvestigating, model.ComplaintResolved, model.ComplaintClosed} {
		if to == model.ComplaintResolved {
			c.Resolution, c.Satisfaction = "退还差价并致歉", "3"
		}
		if to == model.ComplaintClosed {
			c.Cause, c.ResponsibleID = model.CauseService, s.an.ID
		}
		if err := s.sup.MoveComplaint(c, to, ""); err != nil {
			t.Fatalf("%s: %v", to, err)
		}
	}

	n, err := s.sup.AdvisorNumbers(s.an.ID, "2026-04-01", "2026-09-30")
	if err != nil {
		t.Fatal(err)
	}
	if n.Target != 5_000_000 || n.Sold != 3_900_000 {
		t.Errorf("target %d sold %d, want 5000000 and 3900000", n.Target, n.Sold)
	}
	if a, _ := n.Achievement(); a != 78 {
		t.Errorf("achievement %v, want 78", a)
	}
	if n.FollowUpsDue != 3 || n.FollowUpsDone != 2 {
		t.Errorf("calls due %d made %d, want 3 and 2", n.FollowUpsDue, n.FollowUpsDone)
	}
	if v, _ := n.FollowUpCompletion(); v != 66.7 {
		t.Errorf("follow-up completion %v, want 66.7", v)
	}
	if v, _ := n.Satisfaction(); v != 4 || n.Ratings != 3 {
		t.Errorf("satisfaction %v of %d ratings, want 4.0 of 3", v, n.Ratings)
	}
	if n.Founded != 1 {
		t.Errorf("founded complaints %d, want 1", n.Founded)
	}
	// The figures are read in the asker's scope: An, an advisor, gets none
	// of her colleague Bo's sales or target.
	if other, err := s.adv.AdvisorNumbers(s.bo.ID, "2026-04-01", "2026-09-30"); err == nil && (other.Sold != 0 || other.Target != 0) {
		t.Errorf("An reads Bo's sales figures: %+v", other)
	}
}
