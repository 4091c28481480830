package ui

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"advisordesk/model"
	"advisordesk/storage"
)

// callDesk is an office on a fixed clock: Sun (SA0001) leads the advisors
// An (SA0002) and Bo (SA0003); each has an account.
type callDesk struct {
	now         *time.Time
	hr, sun, an *storage.DB
	sunID       uint64
	anID, boID  uint64
}

func newCallDesk(t *testing.T, now time.Time) *callDesk {
	t.Helper()
	d := &callDesk{now: &now}
	file, err := storage.Open(filepath.Join(t.TempDir(), "office.db"), &storage.Options{WeakHashes: true,
		Now: func() time.Time { return *d.now }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { file.Close() })
	if d.hr, _, err = file.SetUp("admin", "人事 王", testPassword); err != nil {
		t.Fatal(err)
	}
	ids := map[string]uint64{}
	for _, a := range []struct{ no, name, sup string }{{"SA0001", "孙丽", ""}, {"SA0002", "安然", "SA0001"}, {"SA0003", "薄一", "SA0001"}} {
		adv := &model.Advisor{EmpNo: a.no, Name: a.name, Employment: model.FullTime, Role: model.FrontDesk,
			Department: "售后服务部", HireDate: "2024-01-02", SupervisorID: ids[a.sup]}
		if err := d.hr.SaveAdvisor(adv); err != nil {
			t.Fatal(err)
		}
		ids[a.no] = adv.ID
	}
	d.sunID, d.anID, d.boID = ids["SA0001"], ids["SA0002"], ids["SA0003"]
	login := func(login, name string, role model.AccountRole, id uint64) *storage.DB {
		if err := d.hr.SaveAccount(&model.Account{Login: login, Name: name, Role: role, AdvisorID: id}, "given pass 1"); err != nil {
			t.Fatal(err)
		}
		db, err := file.Login(login, "given pass 1")
		if err != nil {
			t.Fatal(err)
		}
		return db
	}
	d.sun = login("sun", "孙丽", model.RoleSupervisor, d.sunID)
	d.an = login("an", "安然", model.RoleAdvisor, d.anID)
	return d
}

// receive logs a reception of a new customer by An on today's date.
func (d *callDesk) receive(t *testing.T, name, phone string, outcome model.ReceptionOutcome) *model.Customer {
	t.Helper()
	c := &model.Customer{Name: name, Phone: phone}
	r := &model.Reception{Date: model.DateOf(*d.now), Time: "10:00", AdvisorID: d.anID, Outcome: outcome}
	if err := d.an.SaveReception(r, c); err != nil {
		t.Fatal(err)
	}
	return c
}

// dueRows are the due list's rows as shown, joined by "|".
func dueRows(s *followUpsScreen) []string {
	var out []string
	for _, cells := range s.list.rowTexts() {
		out = append(out, strings.Join(cells, "|"))
	}
	return out
}

func rowWith(rows []string, parts ...string) bool {
	for _, r := range rows {
		ok := true
		for _, p := range parts {
			ok = ok && strings.Contains(r, p)
		}
		if ok {
			return true
		}
	}
	return false
}

// TestDueListShowsTheComingWeek: on Wednesday An sells to one customer and
// services another. The supervisor's team list shows, the same day, the
// sale's 7-day call (next Wednesday, "Coming up") and the service's
// 3-day call (Saturday, "This week"); choosing "Next 30 days" adds the
// sale's 1-month call, and "My calls" leaves An's calls out.
func TestDueListShowsTheComingWeek(t *testing.T) {
	d := newCallDesk(t, time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC))
	d.receive(t, "周杰", "13800138000", model.OutcomeSale)
	d.receive(t, "吴敏", "13900139000", model.OutcomeService)
	u := openAs(t, d.sun)
	openProcessTab(t, u, "Follow-ups")
	s := u.process.followups
	rows := dueRows(s)
	if len(rows) != 2 || !rowWith(rows, "Coming up", "2026-12-02", "周杰") || !rowWith(rows, "This week", "2026-11-28", "吴敏") {
		t.Fatalf("the team's next 7 days: %q", rows)
	}
	pick(t, u, s.horizon, 1)
	u.Wait()
	if rows = dueRows(s); len(rows) != 3 || !rowWith(rows, "Coming up", "2026-12-25", "周杰") {
		t.Fatalf("the team's next 30 days: %q", rows)
	}
	pick(t, u, s.team, 0)
	u.Wait()
	if rows = dueRows(s); len(rows) != 1 || !rowWith(rows, "2026-12-02", "周杰") {
		t.Fatalf("Sun's own next 30 days: %q", rows)
	}
}
