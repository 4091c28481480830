package storage

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"advisordesk/model"
)

func saveCustomer(t *testing.T, db *DB, name, phone string, owner *model.Advisor) *model.Customer {
	t.Helper()
	c := &model.Customer{Name: name, Phone: phone, AdvisorID: owner.ID}
	if err := db.SaveCustomer(c); err != nil {
		t.Fatalf("save %s: %v", name, err)
	}
	return c
}

// A number is the same number however it was typed; who holds it is told
// as the asker may see them: their own whole, anyone else's masked.
func TestSamePhoneNormalisesAndMasks(t *testing.T) {
	o := newOffice(t)
	mine := saveCustomer(t, o.adv, "周先生", "138 0013 8000", o.an)
	other := saveCustomer(t, o.hr, "吴女士", "+86 139-0013-9000", o.chen)

	got, err := o.adv.SamePhone("+8613800138000", 0)
	if err != nil || len(got) != 1 || got[0].ID != mine.ID || got[0].Phone != "138 0013 8000" {
		t.Fatalf("own number: %+v %v", got, err)
	}
	got, err = o.adv.SamePhone("13900139000", 0)
	if err != nil || len(got) != 1 || got[0].ID != other.ID {
		t.Fatalf("another's number: %+v %v", got, err)
	}
	if got[0].Phone == other.Phone || got[0].Phone != model.Mask(model.KindPhone, model.FieldPhone, other.Phone) {
		t.Errorf("another advisor's customer's phone shown as %q, want it masked", got[0].Phone)
	}
	if got[0].Name != "吴女士" {
		t.Errorf("who holds it: %q", got[0].Name)
	}
	// The customer being edited is not their own duplicate; a fragment is no number.
	if got, _ := o.adv.SamePhone("13800138000", mine.ID); len(got) != 0 {
		t.Errorf("the customer itself reported: %+v", got)
	}
	if got, _ := o.adv.SamePhone("138", 0); len(got) != 0 {
		t.Errorf("a fragment matched: %+v", got)
	}
	// A changed number moves in the index.
	mine.Phone = "13700137000"
	if err := o.adv.SaveCustomer(mine); err != nil {
		t.Fatal(err)
	}
	if got, _ := o.adv.SamePhone("13800138000", 0); len(got) != 0 {
		t.Errorf("the old number still found: %+v", got)
	}
}

func TestTransferCustomers(t *testing.T) {
	o := newOffice(t)
	c1 := saveCustomer(t, o.adv, "周先生", "13800138000", o.an)
	c2 := saveCustomer(t, o.adv, "郑女士", "13800138001", o.an)
	c3 := saveCustomer(t, o.hr, "冯先生", "13800138002", o.chen)

	// An advisor hands no customer away, not even their own.
	if _, err := o.adv.TransferCustomers([]uint64{c1.ID}, 0, o.bo.ID, "休假"); !isRefused(err) {
		t.Fatalf("advisor transferred: %v", err)
	}
	// Without a reason, nothing moves; the form is told which field.
	_, err := o.sup.TransferCustomers([]uint64{c1.ID}, 0, o.bo.ID, "")
	if fes, ok := model.AsFieldErrors(err); !ok || fes.For(FieldReason) == nil {
		t.Fatalf("no reason: %v", err)
	}
	// A supervisor moves within the team only, both ways.
	if _, err := o.sup.TransferCustomers([]uint64{c1.ID}, 0, o.chen.ID, "调岗"); !isRefused(err) {
		t.Fatalf("supervisor moved a customer out of the team: %v", err)
	}
	if _, err := o.sup.TransferCustomers([]uint64{c3.ID}, 0, o.bo.ID, "调岗"); !isRefused(err) {
		t.Fatalf("supervisor took a customer from outside the team: %v", err)
	}
	if n, err := o.sup.TransferCustomers([]uint64{c1.ID}, 0, o.bo.ID, "安然休产假"); err != nil || n != 1 {
		t.Fatalf("transfer: %d %v", n, err)
	}
	got, _ := o.hr.GetCustomer(c1.ID)
	if got.AdvisorID != o.bo.ID || got.Advisor != "薄一" {
		t.Errorf("after transfer: %+v", got)
	}
	log, err := o.hr.Audit(model.AuditQuery{Action: model.Transferred})
	if err != nil || len(log) != 1 {
		t.Fatalf("transfer log: %+v %v", log, err)
	}
	want := []model.FieldChange{{Field: model.FieldOwner, Old: "安然", New: "薄一"}, {Field: FieldReason, New: "安然休产假"}}
	if e := log[0]; e.Record != c1.ID || e.Who.Name != "孙丽" || len(e.Fields) != 2 || e.Fields[0] != want[0] || e.Fields[1] != want[1] {
		t.Errorf("logged: %+v", e)
	}

	// An advisor who leaves: HR hands all their customers over at once.
	if n, err := o.hr.TransferCustomers(nil, o.an.ID, o.chen.ID, "离职"); err != nil || n != 1 {
		t.Fatalf("transfer all: %d %v", n, err)
	}
	got, _ = o.hr.GetCustomer(c2.ID)
	if got.AdvisorID != o.chen.ID {
		t.Errorf("the leaver's customer stayed: %+v", got)
	}
	if log, _ := o.hr.Audit(model.AuditQuery{Action: model.Transferred}); len(log) != 2 {
		t.Errorf("transfers logged: %d, want 2", len(log))
	}
}

// The listing keeps its sorted columns and search text up to date row by
// row as saves and deletes commit; every answer must be the one a listing
// loaded afresh from the file gives.
func TestListingKeptInStepWithSaves(t *testing.T) {
	o := newOffice(t)
	r := rand.New(rand.NewPCG(7, 7))
	names := []string{"王先生", "王女士", "李伟", "欧阳娜", "张强", "Zhang Wei", "周杰"}
	owners := []*model.Advisor{o.an, o.bo, o.chen}
	var ids []uint64
	queries := []model.ListQuery{
		{Sort: model.FieldCustomerName}, {Sort: model.FieldCustomerName, Desc: true, Text: "王"},
		{Text: "138"}, {Sort: model.FieldPhone, Text: "zh"}, {Sort: model.FieldCreatedOn, Desc: true},
		{Text: "13800138005"}, {Sort: model.FieldCustomerName, Offset: 3, Limit: 4},
		// One letter at a time: each search narrows the one before.
		{Text: "w"}, {Text: "wa"}, {Text: "wang"}, {Text: "wang x"}, {Text: "1"}, {Text: "13"}, {Text: "1380013800"},
	}
	ask := func(db *DB) [][]uint64 {
		var out [][]uint64
		for _, q := range queries {
			got, total, err := db.FindCustomers(q)
			if err != nil {
				t.Fatal(err)
			}
			var page []uint64
			for _, c := range got {
				page = append(page, c.ID)
			}
			out = append(out, append(page, uint64(total)))
		}
		return out
	}
	narrowed := func(db *DB, q model.ListQuery) []uint64 {
		got, _, err := db.FindCustomers(q)
		if err != nil {
			t.Fatal(err)
		}
		var ids []uint64
		for _, c := range got {
			ids = append(ids, c.ID)
		}
		return ids
	}
	for step := range 120 {
		// A search before the save, one more letter after it: the save's
		// row must be looked at too.
		narrowed(o.hr, model.ListQuery{Text: "zhou"})
		switch {
		case len(ids) > 3 && r.IntN(4) == 0:
			i := r.IntN(len(ids))
			if err := o.hr.DeleteCustomer(ids[i]); err != nil {
				t.Fatal(err)
			}
			ids = slices.Delete(ids, i, i+1)
		case len(ids) > 3 && r.IntN(3) == 0:
			c, _ := o.hr.GetCustomer(ids[r.IntN(len(ids))])
			c.Name = names[r.IntN(len(names))]
			c.Phone = fmt.Sprintf("138001380%02d", r.IntN(20))
			if err := o.hr.SaveCustomer(c); err != nil {
				t.Fatal(err)
			}
		default:
			c := &model.Customer{Name: names[r.IntN(len(names))], Phone: fmt.Sprintf("138001380%02d", r.IntN(20)),
				AdvisorID: owners[r.IntN(len(owners))].ID}
			if err := o.hr.SaveCustomer(c); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, c.ID)
		}
		kept := narrowed(o.hr, model.ListQuery{Text: "zhoujie"})
		o.hr.Customers.list.reset()
		if fresh := narrowed(o.hr, model.ListQuery{Text: "zhoujie"}); !reflect.DeepEqual(kept, fresh) {
			t.Fatalf("step %d: typing on after a save found %v, a fresh listing %v", step, kept, fresh)
		}
		if step%10 != 9 {
			continue
		}
		for _, db := range []*DB{o.hr, o.adv} {
			kept := ask(db)
			db.Customers.list.reset()
			if fresh := ask(db); !reflect.DeepEqual(kept, fresh) {
				t.Fatalf("step %d as %s: kept listing answered\n%v\nfresh one\n%v", step, db.Who().Name, kept, fresh)
			}
		}
	}
}

// Market notes: the author keeps theirs, everyone at the desk reads and
// finds them by a tag or a competitor's name.
func TestMarketNotes(t *testing.T) {
	o := newOffice(t)
	n := &model.MarketNote{Date: "2026-11-20", Kind: model.MarketCompetitor, Competitor: "远航4S店",
		Title: "对手推出保养套餐 8 折", Tags: "保养，价格;  保养", AuthorID: o.an.ID}
	if err := o.adv.SaveMarketNote(n); err != nil {
		t.Fatal(err)
	}
	if n.Tags != "保养, 价格" || n.Author != "安然" {
		t.Errorf("kept as %q by %q", n.Tags, n.Author)
	}
	// Not dated ahead, not a dozen tags.
	bad := &model.MarketNote{Date: "2026-12-30", Title: "x", Tags: "a b c d e f g h i", AuthorID: o.an.ID}
	fes, _ := model.AsFieldErrors(o.adv.SaveMarketNote(bad))
	if fes.For(model.FieldNoteDate) == nil || fes.For(model.FieldTags) == nil {
		t.Errorf("bad note: %v", fes)
	}
	if err := o.hr.SaveAccount(&model.Account{Login: "chen", Name: "陈晨", Role: model.RoleAdvisor, AdvisorID: o.chen.ID}, "first pass 1"); err != nil {
		t.Fatal(err)
	}
	other, err := o.hr.as(program).Login("chen", "first pass 1")
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"价格", "远航", "套餐"} {
		got, total, err := other.FindMarketNotes(model.ListQuery{Text: q})
		if err != nil || total != 1 || got[0].Title != n.Title {
			t.Errorf("%q: %d %v", q, total, err)
		}
	}
	n.Title = "改了"
	if err := other.SaveMarketNote(n); !isRefused(err) {
		t.Errorf("another advisor changed the note: %v", err)
	}
	if err := o.sup.SaveMarketNote(n); err != nil {
		t.Errorf("the author's supervisor: %v", err)
	}
}

// demo --customers N: N customers over the active advisors, the office's
// other demo data made for them (it crashed: the complaints' generator
// found no customer in the office's transaction).
func TestDemoWithCustomers(t *testing.T) {
	file, err := Open(filepath.Join(t.TempDir(), "d.db"), &Options{WeakHashes: true})
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	hr, _, err := file.SetUp("admin", "人事", testPassword)
	if err != nil {
		t.Fatal(err)
	}
	if err := hr.LoadDemoWith(12, 1, 300); err != nil {
		t.Fatal(err)
	}
	if n, _ := hr.Customers.Count(); n != 300 {
		t.Errorf("%d customers, want 300", n)
	}
	cs, _, _ := hr.FindCustomers(model.ListQuery{Limit: 20})
	with := 0
	for _, c := range cs {
		if rs, _ := hr.ReceptionsOfCustomer(c.ID); len(rs) > 0 {
			with++
		}
	}
	if with == 0 {
		t.Error("no demo customer has a reception")
	}
}
