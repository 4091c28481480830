package ui

import (
	"strings"
	"testing"

	"advisordesk/model"
)

// The evaluation form shows, under the items the template maps to the
// work process, the score the advisor's numbers suggest and where it comes
// from; "Use it" puts it in the score and the saved form keeps it beside
// what was given.
func TestEvaluationFormSuggestsScoresFromTheWorkProcess(t *testing.T) {
	u, db := newTestApp(t, 6)
	u.Open(pageAppraisal)
	u.Wait()
	s := openCycleRow(t, u, 0) // self-evaluation stage
	adv := pickParticipant(t, u, 0)
	c := s.data.Cycle
	tapButton(t, u, s.body, tr("appraisal.evaluate"))
	if got := drawn(top(t, u)); !strings.Contains(got, tr("suggest.none.satisfaction")) || !strings.Contains(got, tr("suggest.none.sales")) {
		t.Fatalf("no figures yet, but the form says: %s", got)
	}
	s.results.evaluation.dlg.Hide()

	// Two calls about the advisor's customer in the cycle's period, rated 5
	// and 3: an average of 4, suggesting 4 × 20 = 80.
	cust := &model.Customer{Name: "林晓", Phone: "13800001111", AdvisorID: adv.ID}
	if err := db.SaveCustomer(cust); err != nil {
		t.Fatal(err)
	}
	for _, score := range []float64{5, 3} {
		f := &model.FollowUp{Due: c.Start, CustomerID: cust.ID, AdvisorID: adv.ID}
		if err := db.SaveFollowUp(f); err != nil {
			t.Fatal(err)
		}
		f.Done, f.Result, f.Satisfaction = c.Start, model.ResultReached, score
		if err := db.RecordFollowUp(f); err != nil {
			t.Fatal(err)
		}
	}
	tapButton(t, u, s.body, tr("appraisal.evaluate"))
	u.Wait()
	dlg := top(t, u)
	want := tr("suggest.score", "Score", "80") + " · " + tr("suggest.from.satisfaction", "Value", "4")
	if got := drawn(dlg); !strings.Contains(got, want) {
		t.Fatalf("want %q in: %s", want, got)
	}
	ef := s.results.evaluation
	for _, e := range scoreEntries(s) {
		e.SetText("70")
	}
	tapButton(t, u, ef.suggest["satisfaction"].row, tr("suggest.accept"))
	if got := ef.scores["satisfaction"].Text; got != "80" {
		t.Fatalf("Use it left the score at %q", got)
	}
	tapButton(t, u, dlg, tr("action.save"))
	u.Wait()
	d, err := db.LoadCycle(c.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range d.Evals[adv.ID] {
		if e.Method == model.SelfEval {
			if e.Scores["satisfaction"] != 80 || e.Suggested["satisfaction"] != 80 || len(e.Suggested) != 1 {
				t.Fatalf("saved scores %v, suggested %v", e.Scores, e.Suggested)
			}
			return
		}
	}
	t.Fatal("the self-evaluation was not saved")
}
