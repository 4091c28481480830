package storage

import (
	"crypto/sha256"
	"errors"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"advisordesk/model"

	bolt "go.etcd.io/bbolt"
)

// A walk-in logged as a new customer who bought something: one save makes
// the customer, the reception and the calls the rules ask for; the
// independent 7-day call goes to the customer's caller, who sees the
// customer's phone while the call is theirs and records it.
func TestWalkInSaleSchedulesCalls(t *testing.T) {
	o := newOffice(t)
	if err := o.hr.SaveAccount(&model.Account{Login: "bo", Name: "薄一", Role: model.RoleAdvisor, AdvisorID: o.bo.ID}, "first pass 1"); err != nil {
		t.Fatal(err)
	}
	bo, err := o.hr.Login("bo", "first pass 1")
	if err != nil {
		t.Fatal(err)
	}

	// Bad input first: a phone that is no phone and no time; nothing is saved.
	r := &model.Reception{Date: "2026-11-20", AdvisorID: o.an.ID, Outcome: model.OutcomeSale}
	c := &model.Customer{Name: "周杰", Phone: "12345"}
	fes, _ := model.AsFieldErrors(o.adv.SaveReception(r, c))
	if fes.For(model.FieldPhone) == nil || fes.For(model.FieldRecTime) == nil || fes.For(model.FieldRecCustomer) != nil {
		t.Fatalf("a bad walk-in: %v", fes)
	}
	if n, _ := o.hr.Customers.Count(); n != 0 || r.ID != 0 || c.ID != 0 {
		t.Fatalf("a refused walk-in left %d customers, keys %d/%d", n, r.ID, c.ID)
	}

	r.Time, c.Phone, c.CallerID = "10:05", "13800138000", o.bo.ID
	if err := o.adv.SaveReception(r, c); err != nil {
		t.Fatal(err)
	}
	if c.ID == 0 || r.CustomerID != c.ID || c.AdvisorID != o.an.ID {
		t.Fatalf("the new customer %+v, reception's customer %d", c, r.CustomerID)
	}
	if got, _ := o.hr.GetCustomer(c.ID); got.Source != model.SourceWalkIn {
		t.Errorf("a customer made at the desk came from %q, want a walk-in", got.Source)
	}
	recs, err := o.adv.ReceptionsOfCustomer(c.ID)
	if err != nil || len(recs) != 1 || recs[0].Customer != "周杰" {
		t.Fatalf("receptions of the customer: %v, %v", recs, err)
	}
	calls, err := o.adv.FollowUpsOfCustomer(c.ID)
	if err != nil || len(calls) != 4 {
		t.Fatalf("calls of the customer: %d, %v", len(calls), err)
	}
	want := []model.Date{"2027-05-20", "2027-02-20", "2026-12-20", "2026-11-27"} // newest first
	for i, f := range calls {
		if f.Due != want[i] || f.Reason != model.ReasonSale || f.ReceptionDate != "2026-11-20" {
			t.Errorf("call %d: due %s reason %s", i, f.Due, f.Reason)
		}
	}
	if calls[3].CallerID != o.bo.ID || calls[0].CallerID != 0 {
		t.Errorf("the 7-day call's caller %d, the 6-month's %d", calls[3].CallerID, calls[0].CallerID)
	}
	// The same sale saved as a sale: no call twice.
	if err := o.adv.Update(func(tx *Tx) error {
		return o.adv.scheduleFollowUps(tx, model.ReasonSale, c.ID, o.an.ID, "2026-11-20", "sale 1")
	}); err != nil {
		t.Fatal(err)
	}
	if again, _ := o.adv.FollowUpsOfCustomer(c.ID); len(again) != 4 {
		t.Errorf("scheduled twice: %d calls", len(again))
	}

	// An's week has none of her own; Bo's has the call due today, with the phone.
	if due, err := o.adv.DueFollowUps(model.DueQuery{}); err != nil || len(due) != 0 {
		t.Errorf("An's due list: %v, %v", due, err)
	}
	due, err := bo.DueFollowUps(model.DueQuery{})
	if err != nil || len(due) != 1 || due[0].State != model.StateDue || due[0].Phone != "13800138000" ||
		due[0].LastContact != "2026-11-20" {
		t.Fatalf("Bo's due list: %+v, %v", due, err)
	}
	// Sun leads An and Bo: her team's list has it too.
	if team, err := o.sup.DueFollowUps(model.DueQuery{Team: true}); err != nil || len(team) != 1 {
		t.Errorf("the team's due list: %d, %v", len(team), err)
	}

	// A call dated before the sale is refused beside its day.
	call := *due[0].FollowUp
	call.Done, call.Result, call.Satisfaction = "2026-11-19", model.ResultReached, 4
	fes, _ = model.AsFieldErrors(bo.RecordFollowUp(&call))
	if fe := fes.For(model.FieldFUDone); fe == nil || fe.Code != model.CodeBeforeReception || fe.Arg != "2026-11-20" {
		t.Fatalf("a call before the sale: %v", fes)
	}
	call.Done = "2026-11-27"
	if err := bo.RecordFollowUp(&call); err != nil {
		t.Fatal(err)
	}
	// Made: no longer Bo's to read, nor in anyone's due list.
	if _, err := bo.FollowUps.Get(call.ID); !isRefused(err) {
		t.Errorf("Bo reads a call made: %v", err)
	}
	if due, _ := bo.DueFollowUps(model.DueQuery{}); len(due) != 0 {
		t.Errorf("Bo's list after the call: %v", due)
	}
	// The call counts for An, whose customer it is, though Bo made it.
	n, err := o.hr.FollowUpNumbers(o.bo.ID, "2026-11-01", "2026-11-30")
	if err != nil || n.Due != 0 {
		t.Errorf("Bo's numbers: %+v, %v", n, err)
	}
	n, err = o.hr.FollowUpNumbers(o.an.ID, "2026-11-01", "2026-12-31")
	if err != nil || n.Due != 2 || n.Done != 1 || len(n.Scores) != 1 || n.Average() != 4 {
		t.Errorf("An's numbers: %+v, %v", n, err)
	}
}

// Unanswered attempts turn into a letter task after the office's days;
// a call never made is missed after its window: both computed when read.
func TestAttemptsBecomeLetterAndMissed(t *testing.T) {
	o := newOffice(t)
	c := &model.Customer{Name: "吴敏", Phone: "13900139000", AdvisorID: o.an.ID}
	r := &model.Reception{Date: "2026-11-24", Time: "09:00", AdvisorID: o.an.ID, Outcome: model.OutcomeService}
	if err := o.adv.SaveReception(r, c); err != nil {
		t.Fatal(err)
	}
	due, err := o.adv.DueFollowUps(model.DueQuery{})
	if err != nil || len(due) != 1 || due[0].Due != "2026-11-27" {
		t.Fatalf("a service's call: %+v, %v", due, err)
	}
	call := *due[0].FollowUp
	call.Done, call.Result = "2026-11-27", model.ResultNoAnswer
	if err := o.adv.RecordFollowUp(&call); err != nil {
		t.Fatal(err)
	}
	*o.clock = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	if due, _ = o.adv.DueFollowUps(model.DueQuery{}); len(due) != 1 || due[0].State != model.StateOverdue || len(due[0].Attempts) != 1 {
		t.Fatalf("after 4 days: %+v", due)
	}
	*o.clock = time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	if due, _ = o.adv.DueFollowUps(model.DueQuery{}); len(due) != 1 || due[0].State != model.StateLetter {
		t.Fatalf("after 5 days of attempts: %+v", due)
	}
	// The rules set by a supervisor: a letter after 10 days instead.
	rules, _ := o.sup.FollowUpRules()
	rules.LetterDays = 10
	if err := o.sup.SaveFollowUpRules(rules); err != nil {
		t.Fatal(err)
	}
	if err := o.adv.SaveFollowUpRules(rules); !isRefused(err) {
		t.Errorf("an advisor set the rules: %v", err)
	}
	if due, _ = o.adv.DueFollowUps(model.DueQuery{}); due[0].State != model.StateOverdue {
		t.Fatalf("with 10 letter days: %s", due[0].State)
	}
	*o.clock = time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC) // past the 7-day window, 8 days of attempts
	if due, _ = o.adv.DueFollowUps(model.DueQuery{}); due[0].State != model.StateMissed {
		t.Fatalf("past the window: %s", due[0].State)
	}
}

// A file whose follow-up rows showed an unrated call as 0 (before Shown 1)
// opens cleanly: its rows are rebuilt once, and the list shows it blank.
func TestShownChangeRebuildsListingRows(t *testing.T) {
	path := filepath.Join(t.TempDir(), "office.db")
	fields := model.FollowUpRecord.Fields
	i := slices.IndexFunc(fields, func(f model.Field[model.FollowUp]) bool { return f.Key == model.FieldSatisfaction })
	shown, access := model.FollowUpRecord.Shown, fields[i].Access
	model.FollowUpRecord.Shown = 0
	fields[i].Access = model.Num(func(f *model.FollowUp) *float64 { return &f.Satisfaction })
	restore := func() { model.FollowUpRecord.Shown, fields[i].Access = shown, access }
	defer restore()

	file, err := Open(path, &Options{WeakHashes: true})
	if err != nil {
		t.Fatal(err)
	}
	hr, _, err := file.SetUp("admin", "王", testPassword)
	if err != nil {
		t.Fatal(err)
	}
	a := advisor("SA0001", "安然")
	if err := hr.SaveAdvisor(a); err != nil {
		t.Fatal(err)
	}
	c := &model.Customer{Name: "林晓", Phone: "13800001111", AdvisorID: a.ID}
	if err := hr.SaveCustomer(c); err != nil {
		t.Fatal(err)
	}
	if err := hr.SaveFollowUp(&model.FollowUp{Due: "2099-11-20", CustomerID: c.ID, AdvisorID: a.ID}); err != nil {
		t.Fatal(err)
	}
	file.Close()

	restore()
	file, err = Open(path, &Options{WeakHashes: true})
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	hr, err = file.Login("admin", testPassword)
	if err != nil {
		t.Fatal(err)
	}
	mustCheck(t, hr)
	list, _, err := hr.FollowUps.List(model.ListQuery{Text: "林晓"})
	if err != nil || len(list) != 1 {
		t.Fatalf("%v %v", list, err)
	}
	if got := model.FollowUpRecord.Field(model.FieldSatisfaction).Get(list[0]); got != "" {
		t.Errorf("an unrated call shows %q", got)
	}
}

// The due list on a Wednesday (2026-11-25): a sale made today puts its
// independent 7-day call (next Wednesday) on the supervisor's list the
// same day, marked as coming up; a service's 3-day call (Saturday) is
// this week's; the 1-month call shows only when asked for 30 days; the
// team's list has both advisors' calls.
func TestDueListReachesAWeekAhead(t *testing.T) {
	o := newOffice(t)
	*o.clock = time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	sale := &model.Reception{Date: "2026-11-25", Time: "10:00", AdvisorID: o.an.ID, Outcome: model.OutcomeSale}
	if err := o.adv.SaveReception(sale, &model.Customer{Name: "周杰", Phone: "13800138000"}); err != nil {
		t.Fatal(err)
	}
	service := &model.Reception{Date: "2026-11-25", Time: "11:00", AdvisorID: o.an.ID, Outcome: model.OutcomeService}
	if err := o.adv.SaveReception(service, &model.Customer{Name: "吴敏", Phone: "13900139000"}); err != nil {
		t.Fatal(err)
	}
	type row struct {
		due   model.Date
		state model.FollowUpState
	}
	rows := func(db *DB, q model.DueQuery) []row {
		t.Helper()
		due, err := db.DueFollowUps(q)
		if err != nil {
			t.Fatal(err)
		}
		var out []row
		for _, c := range due {
			out = append(out, row{c.Due, c.State})
		}
		return out
	}
	// Sun, An's supervisor, makes the independent 7-day call.
	if got, want := rows(o.sup, model.DueQuery{}), []row{{"2026-12-02", model.StateUpcoming}}; !slices.Equal(got, want) {
		t.Errorf("Sun's week: %v, want %v", got, want)
	}
	if got, want := rows(o.adv, model.DueQuery{}), []row{{"2026-11-28", model.StateWeek}}; !slices.Equal(got, want) {
		t.Errorf("An's week: %v, want %v", got, want)
	}
	want30 := []row{{"2026-11-28", model.StateWeek}, {"2026-12-25", model.StateUpcoming}}
	if got := rows(o.adv, model.DueQuery{Days: 30}); !slices.Equal(got, want30) {
		t.Errorf("An's 30 days: %v, want %v", got, want30)
	}
	team := []row{{"2026-11-28", model.StateWeek}, {"2026-12-02", model.StateUpcoming}}
	if got := rows(o.sup, model.DueQuery{Team: true}); !slices.Equal(got, team) {
		t.Errorf("Sun's team: %v, want %v", got, team)
	}
	// Saturday: the 3-day call is due today; Wednesday's lies in the next
	// week still.
	*o.clock = time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)
	team = []row{{"2026-11-28", model.StateDue}, {"2026-12-02", model.StateUpcoming}}
	if got := rows(o.sup, model.DueQuery{Team: true}); !slices.Equal(got, team) {
		t.Errorf("Sun's team on Saturday: %v, want %v", got, team)
	}
	// Monday: Wednesday's call is this week's.
	*o.clock = time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	team = []row{{"2026-11-28", model.StateOverdue}, {"2026-12-02", model.StateWeek}}
	if got := rows(o.sup, model.DueQuery{Team: true}); !slices.Equal(got, team) {
		t.Errorf("Sun's team on Monday: %v, want %v", got, team)
	}
	if through := (model.DueQuery{}).Through("2026-11-25"); through != "2026-12-02" {
		t.Errorf("a week's list reaches %s", through)
	}
}

// A call arranged by hand starts from a draft: the customer's advisor
// serves, the supervisor calls (someone other than the advisor), due
// tomorrow. Dated before the customer's reception it is refused beside its
// day; without a customer, beside the customer; nothing is saved;
// saved, it is on the caller's due list with the customer's phone.
func TestArrangedCall(t *testing.T) {
	o := newOffice(t) // Friday 2026-11-27
	c := &model.Customer{Name: "周杰", Phone: "13800138000"}
	r := &model.Reception{Date: "2026-11-27", Time: "10:00", AdvisorID: o.an.ID, Outcome: model.OutcomeNoInterest}
	if err := o.adv.SaveReception(r, c); err != nil {
		t.Fatal(err)
	}
	f, err := o.adv.DraftFollowUp(c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if f.Due != "2026-11-28" || f.AdvisorID != o.an.ID || f.Advisor != "安然" || f.CallerID != o.sun.ID || f.Caller != "孙丽" ||
		f.Customer != "周杰" || f.ReceptionDate != "2026-11-27" || f.Reason != model.ReasonManual {
		t.Fatalf("the draft: %+v", f)
	}
	if _, err := o.adv.DraftFollowUp(o.chenCustomer(t).ID); !isRefused(err) {
		t.Errorf("a draft for a customer out of reach: %v", err)
	}
	count := func() int { n, _ := o.hr.FollowUps.Count(); return n }
	before := count()

	bad := *f
	bad.Due = "2026-11-21"
	fes, _ := model.AsFieldErrors(o.adv.SaveFollowUp(&bad))
	if fe := fes.For(model.FieldFUDue); fe == nil || fe.Code != model.CodeBeforeReception || fe.Arg != "2026-11-27" {
		t.Errorf("a call set before the reception: %v", fes)
	}
	bad = *f
	bad.CustomerID, bad.AdvisorID = 0, 0
	fes, _ = model.AsFieldErrors(o.adv.SaveFollowUp(&bad))
	if fes.For(model.FieldFUAdvisor) == nil || fes.For(model.FieldFUCustomer) == nil || fes.For(model.FieldFUCustomer).Code != model.CodeChooseCustomer {
		t.Errorf("no customer: %v", fes)
	}
	if count() != before {
		t.Fatalf("refused calls were saved: %d", count()-before)
	}

	if err := o.adv.SaveFollowUp(f); err != nil {
		t.Fatal(err)
	}
	due, err := o.sup.DueFollowUps(model.DueQuery{})
	if err != nil || len(due) != 1 || due[0].ID != f.ID || due[0].Phone != "13800138000" || due[0].State != model.StateWeek ||
		!due[0].Independent || due[0].Window != "2026-12-05" {
		t.Fatalf("Sun's list: %+v, %v", due, err)
	}
}

// chenCustomer is a customer of Chen's, whom nobody else in the office
// leads.
func (o *office) chenCustomer(t *testing.T) *model.Customer {
	t.Helper()
	c := &model.Customer{Name: "陈客", Phone: "13700137000", AdvisorID: o.chen.ID}
	if err := o.hr.SaveCustomer(c); err != nil {
		t.Fatal(err)
	}
	return c
}

// A walk-in's save (a new customer, a service, its call) writes three
// records with their listing rows, index entries and log entries: 13
// B+trees, each a leaf-to-root path of pages to write and sync. The
// references of a reception's and a call's customer and of a call's
// advisor have no index of their own: the day indexes, which start with
// the same keys, answer who refers, so the delete rule still counts them.
func TestWalkInWritesFewTrees(t *testing.T) {
	o := newOffice(t)
	walkIn := func(name, phone string) (*model.Reception, *model.Customer) {
		r := &model.Reception{Date: "2026-11-27", Time: "10:30", AdvisorID: o.an.ID, Outcome: model.OutcomeService}
		c := &model.Customer{Name: name, Phone: phone}
		if err := o.adv.SaveReception(r, c); err != nil {
			t.Fatal(err)
		}
		return r, c
	}
	walkIn("周杰", "13800138000") // every bucket of the save holds something before
	before := bucketDigests(t, o.hr)
	_, c := walkIn("吴敏", "13800138001")
	var touched []string
	for name, d := range bucketDigests(t, o.hr) {
		if before[name] != d {
			touched = append(touched, name)
		}
	}
	slices.Sort(touched)
	if len(touched) > 13 {
		t.Errorf("a walk-in's save writes %d B+trees, want at most 13: %v", len(touched), touched)
	}

	var inUse *InUseError
	err := o.hr.DeleteCustomer(c.ID)
	if !errors.As(err, &inUse) || !slices.Contains(inUse.Uses, Use{"receptions", model.FieldRecCustomer, 1}) ||
		!slices.Contains(inUse.Uses, Use{"followups", model.FieldFUCustomer, 1}) {
		t.Fatalf("deleting a walk-in with a reception and a call: %v", err)
	}
	o.hr.View(func(tx *Tx) error {
		uses, err := o.hr.Advisors.uses(tx, o.an.ID)
		if err != nil || !slices.Contains(uses, Use{"followups", model.FieldFUAdvisor, 2}) ||
			!slices.Contains(uses, Use{"receptions", model.FieldRecAdvisor, 2}) {
			t.Errorf("what refers to the advisor who served both: %v, %v", uses, err)
		}
		return nil
	})
	mustCheck(t, o.hr)
}

// bucketDigests is a digest of each top-level bucket's keys, values and
// sequence: what a transaction wrote shows as a changed digest.
func bucketDigests(t *testing.T, db *DB) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	err := db.bolt.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			h := sha256.New()
			h.Write(itob(b.Sequence()))
			b.ForEach(func(k, v []byte) error {
				h.Write(itob(uint64(len(k))))
				h.Write(k)
				h.Write(itob(uint64(len(v))))
				h.Write(v)
				return nil
			})
			out[string(name)] = [32]byte(h.Sum(nil))
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// A sale saved after the 7-day call of the reception that ended in it was
// made schedules no second 7-day call (the demo's customers had two).
func TestMadeCallNotScheduledAgain(t *testing.T) {
	o := newOffice(t)
	*o.clock = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	c := &model.Customer{Name: "周杰", Phone: "13800138000"}
	r := &model.Reception{Date: "2026-11-20", Time: "10:00", AdvisorID: o.an.ID, Outcome: model.OutcomeSale}
	if err := o.adv.SaveReception(r, c); err != nil {
		t.Fatal(err)
	}
	*o.clock = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	calls, _ := o.hr.FollowUpsOfCustomer(c.ID)
	week := *calls[len(calls)-1]
	week.Done, week.Result, week.Satisfaction = "2026-11-27", model.ResultReached, 5
	if err := o.hr.RecordFollowUp(&week); err != nil {
		t.Fatal(err)
	}
	if err := o.adv.Update(func(tx *Tx) error {
		return o.adv.scheduleFollowUps(tx, model.ReasonSale, c.ID, o.an.ID, "2026-11-20", "sale 1")
	}); err != nil {
		t.Fatal(err)
	}
	if again, _ := o.hr.FollowUpsOfCustomer(c.ID); len(again) != 4 {
		t.Errorf("the sale after its reception's call was made: %d calls, want 4", len(again))
	}
}
