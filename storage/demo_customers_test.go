package storage

import (
	"path/filepath"
	"testing"
	"time"

	"advisordesk/model"
)

// TestDemoCustomersHaveTheirHistory makes a demo office of two batches of
// customers (demo --customers N) and checks what a user of it would see:
// every customer has their receptions, about one sale, the calls the rules
// scheduled; nothing of theirs is dated before the day they were added;
// stock never went below zero where back-order is not allowed; every
// advisor with customers has six monthly targets; some customers
// complained; and the appraisal's numbers for an advisor are sensible.
func TestDemoCustomersHaveTheirHistory(t *testing.T) {
	today := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	file, err := Open(filepath.Join(t.TempDir(), "d.db"), &Options{WeakHashes: true, Now: func() time.Time { return today }})
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	hr, _, err := file.SetUp("admin", "人事", testPassword)
	if err != nil {
		t.Fatal(err)
	}
	defer func(b int) { demoBatch = b }(demoBatch)
	demoBatch = 150 // two batches and a part
	const n = 340
	if err := hr.LoadDemoWith(12, 1, n); err != nil {
		t.Fatal(err)
	}
	added := map[uint64]model.Date{}
	owner := map[uint64]uint64{}
	hr.Customers.Each(func(c *model.Customer) error {
		added[c.ID], owner[c.ID] = model.DateOf(c.Created), c.AdvisorID
		return nil
	})
	if len(added) != n {
		t.Fatalf("%d customers, want %d", len(added), n)
	}
	before := func(what string, id uint64, day model.Date) {
		if a, ok := added[id]; !ok || day < a {
			t.Errorf("%s of customer %d on %s, before they were added (%s)", what, id, day, a)
		}
	}
	receptions, first := map[uint64]int{}, map[uint64]model.Date{}
	hr.Receptions.Each(func(r *model.Reception) error {
		before("reception", r.CustomerID, r.Date)
		receptions[r.CustomerID]++
		if f, ok := first[r.CustomerID]; !ok || r.Date < f {
			first[r.CustomerID] = r.Date
		}
		return nil
	})
	for id, a := range added {
		if k := receptions[id]; k < 2 || k > 4 {
			t.Errorf("customer %d has %d receptions, want 2 to 4", id, k)
		} else if first[id] != a {
			t.Errorf("customer %d added on %s, first received on %s", id, a, first[id])
		}
	}
	sales := 0
	hr.Sales.Each(func(s *model.Sale) error {
		before("sale", s.CustomerID, s.Date)
		sales++
		return nil
	})
	if per := float64(sales) / n; per < 0.8 || per > 1.3 {
		t.Errorf("%.2f sales per customer, want about one", per)
	}
	calls := 0
	hr.FollowUps.Each(func(f *model.FollowUp) error {
		before("call", f.CustomerID, f.ReceptionDate)
		calls++
		return nil
	})
	if calls < 3*n {
		t.Errorf("%d calls for %d customers: the rules schedule more", calls, n)
	}
	complaints := 0
	hr.Complaints.Each(func(c *model.Complaint) error {
		before("complaint", c.CustomerID, c.Received)
		complaints++
		return nil
	})
	if complaints <= 12 { // 340 customers: two or more in 150
		t.Errorf("%d complaints: only the dozen, none of the customers' own", complaints)
	}
	hr.Products.Each(func(p *model.Product) error {
		if p.Backorder != model.Yes && p.Stock < 0 {
			t.Errorf("%s: stock %v without back-order", p.Code, p.Stock)
		}
		return nil
	})
	targets := map[uint64]int{}
	hr.Targets.Each(func(tg *model.Target) error { targets[tg.AdvisorID]++; return nil })
	for _, a := range owner {
		if targets[a] != 6 {
			t.Errorf("advisor %d has %d monthly targets, want 6", a, targets[a])
		}
	}
	all := 0
	for _, k := range receptions {
		all += k
	}
	t.Logf("%d customers: %d receptions, %d sales, %d calls, %d complaints", n, all, sales, calls, complaints)
	checkDemoNumbers(t, hr, owner[1])
}

// checkDemoNumbers checks an advisor's appraisal numbers over the last
// three months of a demo office.
func checkDemoNumbers(t *testing.T, hr *DB, advisor uint64) {
	t.Helper()
	to := hr.Today()
	from := model.AddDays(to, -91)
	num, err := hr.AdvisorNumbers(advisor, from, to)
	if err != nil {
		t.Fatal(err)
	}
	if a, ok := num.Achievement(); !ok || a < 30 || a > 300 {
		t.Errorf("sales achievement %v (%v): want a target reached in part or more", a, ok)
	}
	if s, ok := num.Satisfaction(); !ok || s < 3 || s > 5 {
		t.Errorf("satisfaction %v (%v): want mostly satisfied customers", s, ok)
	}
	if c, ok := num.FollowUpCompletion(); !ok || c < 40 || c > 100 {
		t.Errorf("follow-up completion %v%% (%v)", c, ok)
	}
	t.Logf("advisor %d, %s to %s: %+v", advisor, from, to, num)
}
