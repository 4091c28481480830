package ui

import (
	"strings"
	"testing"
	"time"

	"advisordesk/model"

	"fyne.io/fyne/v2/test"
)

// TestActionReachesWhomItNames: the supervisor records a call about An's
// customer, naming An to act by 2026-12-01. Signed in as An, Home counts
// it; its button opens "Actions for me" with the problem and the act-by
// day; on 2 December the row says overdue; An opens it, reads the problem
// whole and marks it done, and the list is empty.
func TestActionReachesWhomItNames(t *testing.T) {
	d := newCallDesk(t, time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC))
	d.receive(t, "周杰", "13800138000", model.OutcomeService)
	*d.now = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	due, err := d.sun.DueFollowUps(model.DueQuery{Team: true})
	if err != nil || len(due) != 1 {
		t.Fatalf("the team's calls: %v, %v", due, err)
	}
	call := *due[0].FollowUp
	call.Done, call.Result, call.Satisfaction = "2026-11-27", model.ResultReached, 4
	call.Problem, call.ActorID, call.Actor, call.ActBy = "故障灯偶尔还会亮", d.anID, "安然", "2026-12-01"
	if err := d.sun.RecordFollowUp(&call); err != nil {
		t.Fatal(err)
	}
	*d.now = time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)

	u := openAs(t, d.an)
	u.Open(pageHome)
	u.Wait()
	var btn *workItem
	for _, it := range u.home.items {
		if it.key == "home.actions" {
			btn = it
		}
	}
	if btn == nil || btn.btn.Text != "1 action asked of me" {
		t.Fatalf("Home does not count An's action: %v", btn)
	}
	test.Tap(btn.btn)
	u.Wait()
	s := u.process.followups
	if !s.actions.box.Visible() || s.split.Visible() {
		t.Fatal("Home's count did not open Actions for me")
	}
	rows := s.actions.list.rowTexts()
	if len(rows) != 1 {
		t.Fatalf("An's actions: %v", rows)
	}
	row := strings.Join(rows[0], "|")
	for _, want := range []string{"Overdue", "2026-12-01", "周杰", "13800138000", "故障灯偶尔还会亮"} {
		if !strings.Contains(row, want) {
			t.Errorf("the action's row %q lacks %q", row, want)
		}
	}
	tapRow(t, s.actions.list.table, 0)
	u.Wait()
	if got := rendered(s.actions.panel); !strings.Contains(got, "故障灯偶尔还会亮") || !strings.Contains(got, "act by 2026-12-01 · Overdue") {
		t.Errorf("the action opened: %s", got)
	}
	test.Tap(s.actions.done)
	u.Wait()
	if rows := s.actions.list.rowTexts(); len(rows) != 0 {
		t.Errorf("the action is still listed after it was marked done: %v", rows)
	}
	got, err := d.hr.FollowUps.Get(call.ID)
	if err != nil || got.ActDone != "2026-12-02" || got.ActDoneBy != "安然" {
		t.Errorf("the call after the action: %+v, %v", got, err)
	}
	// The customer page's call row shows the problem, the actor and when it was done.
	calls, _ := d.hr.FollowUpsOfCustomer(call.CustomerID)
	if len(calls) == 0 || model.FollowUpRecord.Field(model.FieldActDone).Get(calls[0]) != "2026-12-02 · 安然" {
		t.Errorf("the call's action-done cell: %v", calls)
	}
}
