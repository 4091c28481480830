package storage

import (
	"errors"
	"testing"

	"advisordesk/model"
)

func appraisalFixture(t *testing.T) (*DB, *model.Cycle, *model.Template, []*model.Advisor) {
	t.Helper()
	db := openTemp(t)
	fill(t, db, 4)
	tpl, err := db.EnsureTemplate()
	if err != nil {
		t.Fatal(err)
	}
	advisors, _ := db.AdvisorsByEmpNo()
	c := &model.Cycle{Name: "2026年第四季度", Period: model.Quarterly, Start: "2026-10-01", End: "2026-12-31",
		TemplateID: tpl.ID, Participants: []uint64{advisors[0].ID, advisors[1].ID}}
	if err := db.SaveCycle(c); err != nil {
		t.Fatal(err)
	}
	if _, err := db.AdvanceCycle(c.ID, "hr"); err != nil { // to self-evaluation
		t.Fatal(err)
	}
	return db, c, tpl, advisors
}

func form(c *model.Cycle, tpl *model.Template, adv uint64, m model.Method, serial string, v float64) *model.Evaluation {
	e := &model.Evaluation{CycleID: c.ID, AdvisorID: adv, Method: m, Serial: serial, Date: "2026-11-20", Scores: map[string]float64{}}
	for _, it := range tpl.Items {
		if it.Rated(m) {
			e.Scores[it.Key] = v
		}
	}
	return e
}

func countEvals(t *testing.T, db *DB) int {
	n, err := db.Evaluations.Count()
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestEvaluationsRefusedSaveNothing(t *testing.T) {
	db, c, tpl, adv := appraisalFixture(t)
	a, b, outsider := adv[0].ID, adv[1].ID, adv[2].ID
	if err := db.SaveEvaluation(form(c, tpl, a, model.SelfEval, "", 88)); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveEvaluation(form(c, tpl, a, model.CustomerEval, "cf-1", 90)); err != nil {
		t.Fatal(err)
	}
	refused := []struct {
		name  string
		e     *model.Evaluation
		field string
		code  string
	}{
		{"second self-evaluation", form(c, tpl, a, model.SelfEval, "", 70), model.FieldMethod, model.CodeDuplicate},
		{"duplicate serial", form(c, tpl, b, model.CustomerEval, "CF-1", 80), model.FieldSerial, model.CodeDuplicate},
		{"outside the cycle", form(c, tpl, outsider, model.SelfEval, "", 80), model.FieldAdvisor, model.CodeNotInCycle},
		{"supervisor too early", form(c, tpl, a, model.SupervisorEval, "", 80), model.FieldMethod, model.CodeStage},
		{"score out of range", form(c, tpl, b, model.SelfEval, "", 100.5), model.FieldScore, model.CodeRange},
	}
	for _, r := range refused {
		err := db.SaveEvaluation(r.e)
		fes, ok := model.AsFieldErrors(err)
		if !ok || fes.For(r.field) == nil || fes.For(r.field).Code != r.code {
			t.Errorf("%s: want %s/%s, got %v", r.name, r.field, r.code, err)
		}
	}
	if n := countEvals(t, db); n != 2 {
		t.Fatalf("refused forms were saved: %d", n)
	}
	mustCheck(t, db)
}

func TestPublishLocksAndFreezes(t *testing.T) {
	db, c, tpl, adv := appraisalFixture(t)
	a := adv[0].ID
	db.SaveEvaluation(form(c, tpl, a, model.SelfEval, "", 80))
	db.AdvanceCycle(c.ID, "hr") // supervisor
	if err := db.SaveEvaluation(form(c, tpl, a, model.SupervisorEval, "", 90)); err != nil {
		t.Fatal(err)
	}
	db.AdvanceCycle(c.ID, "hr") // review
	if err := db.ConfirmOutcome(&model.Outcome{CycleID: c.ID, AdvisorID: a, SalaryPct: 5}); err != nil {
		t.Fatal(err)
	}
	if err := db.ConfirmOutcome(&model.Outcome{CycleID: c.ID, AdvisorID: a, SalaryPct: 6, Training: true}); err != nil {
		t.Fatal(err)
	}
	if n, _ := db.Outcomes.Count(); n != 1 {
		t.Fatalf("a second confirmation added a record: %d", n)
	}
	if _, err := db.AdvanceCycle(c.ID, "hr"); err != nil { // published
		t.Fatal(err)
	}
	before := countEvals(t, db)
	if err := db.SaveEvaluation(form(c, tpl, adv[1].ID, model.SelfEval, "", 80)); !errors.Is(err, ErrLocked) {
		t.Fatalf("form in a published cycle: %v", err)
	}
	cy, _ := db.Cycles.Get(c.ID)
	cy.Name = "改名"
	if err := db.SaveCycle(cy); !errors.Is(err, ErrLocked) {
		t.Fatalf("edit of a published cycle: %v", err)
	}
	if countEvals(t, db) != before {
		t.Fatal("a locked cycle changed")
	}
	// The template is frozen: an edit becomes version 2.
	frozen, _ := db.Templates.Get(tpl.ID)
	if !frozen.Frozen {
		t.Fatal("publishing did not freeze the template")
	}
	frozen.Items[0].Weight, frozen.Items[1].Weight = 15, 5
	if err := db.SaveTemplate(frozen); err != nil {
		t.Fatal(err)
	}
	if frozen.ID == tpl.ID || frozen.Version != 2 || frozen.BasedOn != tpl.ID {
		t.Fatalf("edit of a frozen template: id %d version %d based on %d", frozen.ID, frozen.Version, frozen.BasedOn)
	}
	orig, _ := db.Templates.Get(tpl.ID)
	if orig.Items[0].Weight != 10 {
		t.Fatal("the frozen template changed")
	}
	// Reopening needs a reason and lets HR correct.
	if _, err := db.ReopenCycle(c.ID, "hr", ""); err == nil {
		t.Fatal("reopened without a reason")
	}
	if _, err := db.ReopenCycle(c.ID, "hr", "补录客户评价"); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveEvaluation(form(c, tpl, a, model.CustomerEval, "CF-9", 70)); err != nil {
		t.Fatalf("form after reopening: %v", err)
	}
	d, err := db.LoadCycle(c.ID)
	if err != nil {
		t.Fatal(err)
	}
	res := d.Results()
	if len(res) != 2 || res[0].AdvisorID != a || d.Outcomes[a].SalaryPct != 6 {
		t.Fatalf("results: %+v outcome %+v", res, d.Outcomes[a])
	}
	mustCheck(t, db)
}

func TestDemoAppraisals(t *testing.T) {
	db := openTemp(t)
	if err := db.LoadDemo(30, 1); err != nil {
		t.Fatal(err)
	}
	mustCheck(t, db)
	latest, err := db.LatestCycle()
	if err != nil || latest.Stage != model.Published {
		t.Fatalf("latest cycle: %+v %v", latest, err)
	}
	d, _ := db.LoadCycle(latest.ID)
	methods := map[model.Method]int{}
	for _, evs := range d.Evals {
		for _, e := range evs {
			methods[e.Method]++
		}
	}
	if methods[model.SelfEval] == 0 || methods[model.SupervisorEval] == 0 || methods[model.CustomerEval] == 0 {
		t.Fatalf("demo cycle lacks a kind of evaluation: %v", methods)
	}
	for _, r := range d.Results() {
		if !r.Result.Complete || d.Outcomes[r.AdvisorID] == nil {
			t.Fatalf("advisor %d: incomplete or unconfirmed", r.AdvisorID)
		}
	}
	who := d.Cycle.Participants[0]
	hist, _ := db.AdvisorHistory(who)
	if len(hist) < 2 || hist[0].Cycle.End >= hist[1].Cycle.End {
		t.Fatalf("history of an advisor: %d points, oldest first?", len(hist))
	}
	for _, p := range hist {
		if p.Cycle.ID == latest.ID && p.Result.Total != model.Score(d.Template, d.Evals[who]).Total {
			t.Fatalf("history total %v differs from the cycle's", p.Result.Total)
		}
	}
	s1, _ := db.NextSerials(3)
	s2, _ := db.NextSerials(2)
	seen := map[string]bool{}
	for _, s := range append(s1, s2...) {
		if seen[s] {
			t.Fatalf("serial %s issued twice", s)
		}
		seen[s] = true
		if _, err := db.Evaluations.BySerial.Get(s); err == nil {
			t.Fatalf("new serial %s already used by a demo form", s)
		}
	}
}

func TestParticipantCannotBeDeleted(t *testing.T) {
	db, c, _, adv := appraisalFixture(t)
	var inUse *InUseError
	if err := db.DeleteAdvisor(adv[0].ID); !errors.As(err, &inUse) || inUse.Cycles() != 1 {
		t.Fatalf("deleting a participant: %v", err)
	}
	if _, err := db.LoadCycle(c.ID); err != nil {
		t.Fatalf("the cycle lost a participant: %v", err)
	}
	if err := db.DeleteAdvisor(adv[3].ID); err != nil {
		t.Fatalf("deleting an advisor outside every cycle: %v", err)
	}
}

func TestParticipantWithFormsStays(t *testing.T) {
	db, c, tpl, adv := appraisalFixture(t)
	if err := db.SaveEvaluation(form(c, tpl, adv[0].ID, model.SelfEval, "", 80)); err != nil {
		t.Fatal(err)
	}
	cy, _ := db.Cycles.Get(c.ID)
	cy.Participants = []uint64{adv[1].ID}
	fes, _ := model.AsFieldErrors(db.SaveCycle(cy))
	if fes.For(model.FieldParticipants) == nil || fes.For(model.FieldParticipants).Code != model.CodeHasForms {
		t.Fatalf("removing a participant with forms: %v", fes)
	}
	cy.Participants = []uint64{adv[0].ID} // removing one without forms is fine
	if err := db.SaveCycle(cy); err != nil {
		t.Fatal(err)
	}
}
