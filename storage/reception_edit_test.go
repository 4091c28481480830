package storage

import (
	"fmt"
	"testing"

	"advisordesk/model"
)

// A reception corrected after its save: a typo in the need leaves its calls
// alone; a wrong outcome, while none of its calls was made or tried, trades
// the calls for the corrected outcome's; once one was made, the outcome and
// the day are what that call was about and their change is refused beside
// each, naming the day; a reception a sale was recorded from stays a sale.
func TestReceptionCorrection(t *testing.T) {
	s := newShop(t, 5)
	r := &model.Reception{Date: "2026-11-20", Time: "10:00", CustomerID: s.anCust.ID, AdvisorID: s.an.ID,
		Outcome: model.OutcomeService, Need: "保养"}
	if err := s.adv.SaveReception(r, nil); err != nil {
		t.Fatal(err)
	}
	source := fmt.Sprintf("reception %d", r.ID)
	calls := func() []*model.FollowUp {
		t.Helper()
		var out []*model.FollowUp
		all, err := s.hr.FollowUpsOfCustomer(s.anCust.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range all {
			if f.Source == source {
				out = append(out, f)
			}
		}
		return out
	}
	first := calls()
	if len(first) != 1 || first[0].Reason != model.ReasonService {
		t.Fatalf("a service's calls: %+v", first)
	}

	// The need corrected: the same call stands.
	r.Need = "保养，刹车异响"
	if err := s.adv.SaveReception(r, nil); err != nil {
		t.Fatal(err)
	}
	if got := calls(); len(got) != 1 || got[0].ID != first[0].ID {
		t.Fatalf("a need corrected changed the calls: %+v", got)
	}
	log, err := s.adv.RecordChanges("receptions", r.ID, 10)
	if err != nil || len(log) < 2 {
		t.Fatalf("the correction's change log: %v, %v", log, err)
	}

	// The outcome was a sale: the service's call goes, the sale's four come.
	r.Outcome = model.OutcomeSale
	if err := s.adv.SaveReception(r, nil); err != nil {
		t.Fatal(err)
	}
	got := calls()
	if len(got) != 4 || got[3].Reason != model.ReasonSale || got[3].Due != "2026-11-27" {
		t.Fatalf("calls after the outcome became a sale: %+v", got)
	}

	// The 7-day call is made; now the outcome and the day stay.
	made := *got[3]
	made.Done, made.Result, made.Satisfaction = "2026-11-27", model.ResultReached, 5
	if err := s.hr.RecordFollowUp(&made); err != nil {
		t.Fatal(err)
	}
	bad := *r
	bad.Outcome, bad.Date = model.OutcomeRepair, "2026-11-19"
	fes, _ := model.AsFieldErrors(s.adv.SaveReception(&bad, nil))
	for _, field := range []string{model.FieldRecOutcome, model.FieldRecDate} {
		if fe := fes.For(field); fe == nil || fe.Code != model.CodeCallMade || fe.Arg != "2026-11-27" {
			t.Errorf("%s changed after a call was made: %v", field, fes)
		}
	}
	if back, _ := s.hr.Receptions.Get(r.ID); back.Outcome != model.OutcomeSale || len(calls()) != 4 {
		t.Errorf("a refused correction left outcome %s and %d calls", back.Outcome, len(calls()))
	}

	// A second reception, its sale recorded from it: it stays a sale.
	r2 := &model.Reception{Date: "2026-11-26", Time: "15:00", CustomerID: s.boCust.ID, AdvisorID: s.bo.ID,
		Outcome: model.OutcomeSale}
	if err := s.hr.SaveReception(r2, nil); err != nil {
		t.Fatal(err)
	}
	sale := s.sale(s.boCust, "2026-11-26", line(s.filter, 1, 4500))
	sale.Reception = r2.ID
	if err := s.hr.SaveSale(sale); err != nil {
		t.Fatal(err)
	}
	r2.Outcome = model.OutcomeNoInterest
	fes, _ = model.AsFieldErrors(s.hr.SaveReception(r2, nil))
	if fe := fes.For(model.FieldRecOutcome); fe == nil || fe.Code != model.CodeSaleFromReception || fe.Arg != fmt.Sprint(sale.ID) {
		t.Errorf("a reception with a sale made no sale: %v", fes)
	}
}
