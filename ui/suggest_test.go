package ui

import (
	"strconv"
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
	// The demo's calls about this advisor's customers in the period, and two
	// more rated 5 and 3: the average, × 20, is the suggestion.
	before, err := db.AdvisorNumbers(adv.ID, c.Start, c.End)
	if err != nil {
		t.Fatal(err)
	}
	avg := model.Round((before.RatingSum+8)/float64(before.Ratings+2), 2)
	score := strconv.FormatFloat(model.Round(avg*20-float64(before.Founded)*5, 1), 'f', -1, 64)
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
	want := tr("suggest.score", "Score", score) + " · " + tr("suggest.from.satisfaction", "Value", strconv.FormatFloat(avg, 'f', -1, 64))
	if got := drawn(dlg); !strings.Contains(got, want) {
		t.Fatalf("want %q in: %s", want, got)
	}
	ef := s.results.evaluation
	for _, e := range scoreEntries(s) {
		e.SetText("70")
	}
	tapButton(t, u, ef.suggest["satisfaction"].row, tr("suggest.accept"))
	if got := ef.scores["satisfaction"].Text; got != score {
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
			if v, _ := strconv.ParseFloat(score, 64); e.Scores["satisfaction"] != v || e.Suggested["satisfaction"] != v {
				t.Fatalf("saved scores %v, suggested %v", e.Scores, e.Suggested)
			}
			return
		}
	}
	t.Fatal("the self-evaluation was not saved")
}
