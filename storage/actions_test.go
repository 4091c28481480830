package storage

import (
	"testing"
	"time"

	"advisordesk/model"
)

// A call that asks someone to act reaches them: the supervisor records a
// call about An's customer naming An, and one naming Bo (not the
// customer's advisor, who is handed the call to act on it); each finds
// their action through the index with the problem, the act-by day and the
// phone, overdue after that day as read, until marked done — who and when
// kept, and then it leaves the list.
func TestActionReachesTheActor(t *testing.T) {
	o := newOffice(t)
	bo := loginBo(t, o)
	c := &model.Customer{Name: "吴敏", Phone: "13900139000", AdvisorID: o.an.ID}
	if err := o.hr.SaveCustomer(c); err != nil {
		t.Fatal(err)
	}
	for _, day := range []model.Date{"2026-11-20", "2026-11-21"} {
		r := &model.Reception{Date: day, Time: "10:00", CustomerID: c.ID, AdvisorID: o.an.ID, Outcome: model.OutcomeService}
		if err := o.adv.SaveReception(r, nil); err != nil {
			t.Fatal(err)
		}
	}
	due, err := o.sup.DueFollowUps(model.DueQuery{Team: true})
	if err != nil || len(due) != 2 {
		t.Fatalf("the team's calls: %d, %v", len(due), err)
	}
	for i, actor := range []*model.Advisor{o.an, o.bo} {
		call := *due[i].FollowUp
		call.Done, call.Result, call.Satisfaction = "2026-11-27", model.ResultReached, 4
		call.Problem, call.ActorID, call.Actor, call.ActBy = "故障灯偶尔还会亮", actor.ID, actor.Name, "2026-12-01"
		if err := o.sup.RecordFollowUp(&call); err != nil {
			t.Fatal(err)
		}
	}
	for _, who := range []struct {
		name string
		db   *DB
	}{{"An", o.adv}, {"Bo", bo}} {
		acts, err := who.db.ActionsFor()
		if err != nil || len(acts) != 1 || acts[0].Problem != "故障灯偶尔还会亮" || acts[0].ActBy != "2026-12-01" ||
			acts[0].Phone != "13900139000" || acts[0].ActionState("2026-11-27") != model.ActionOpenState {
			t.Fatalf("%s's actions: %+v, %v", who.name, acts, err)
		}
		if got := acts[0].ActionState("2026-12-02"); got != model.ActionOverdue {
			t.Errorf("%s's action the day after its act-by day: %s", who.name, got)
		}
	}
	if acts, _ := o.sup.ActionsFor(); len(acts) != 0 {
		t.Errorf("the supervisor, named on no call, has %d actions", len(acts))
	}

	// Bo marks his done: kept with who and when; gone from his list and reach.
	acts, _ := bo.ActionsFor()
	*o.clock = time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	if err := bo.MarkActionDone(acts[0].ID); err != nil {
		t.Fatal(err)
	}
	if again, _ := bo.ActionsFor(); len(again) != 0 {
		t.Errorf("Bo's actions after marking it done: %d", len(again))
	}
	got, err := o.hr.FollowUps.Get(acts[0].ID)
	if err != nil || got.ActDone != "2026-11-30" || got.ActDoneByID != o.bo.ID || got.ActDoneBy != "薄一" ||
		got.ActionState("2026-12-05") != model.ActionDone {
		t.Errorf("the call after the action: %+v, %v", got, err)
	}
	if _, err := bo.FollowUps.Get(acts[0].ID); !isRefused(err) {
		t.Errorf("Bo still reads the call after his action was done: %v", err)
	}
	if err := o.adv.MarkActionDone(acts[0].ID); err == nil {
		t.Error("an action marked done twice")
	}
}

func loginBo(t *testing.T, o *office) *DB {
	t.Helper()
	if err := o.hr.SaveAccount(&model.Account{Login: "bo", Name: "薄一", Role: model.RoleAdvisor, AdvisorID: o.bo.ID}, "first pass 1"); err != nil {
		t.Fatal(err)
	}
	bo, err := o.hr.Login("bo", "first pass 1")
	if err != nil {
		t.Fatal(err)
	}
	return bo
}
