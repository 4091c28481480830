package storage

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"

	"advisordesk/model"
)

// shop is the office of newOffice with a catalogue and customers: a
// stocked part (no back-order), a service (no stock) and one customer
// of An's and one of Bo's.
type shop struct {
	*office
	filter, service *model.Product
	anCust, boCust  *model.Customer
}

func newShop(t *testing.T, stock float64) *shop {
	t.Helper()
	s := &shop{office: newOffice(t)}
	s.filter = &model.Product{Code: "PT-101", Name: "机油滤清器", Price: 45, Stock: stock}
	s.service = &model.Product{Code: "SV-001", Name: "常规保养", Kind: model.Service, Price: 380}
	for _, p := range []*model.Product{s.filter, s.service} {
		if err := s.hr.SaveProduct(p); err != nil {
			t.Fatal(err)
		}
	}
	s.anCust = &model.Customer{Name: "赵先生", AdvisorID: s.an.ID}
	s.boCust = &model.Customer{Name: "钱女士", AdvisorID: s.bo.ID}
	for _, c := range []*model.Customer{s.anCust, s.boCust} {
		if err := s.hr.SaveCustomer(c); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func (s *shop) sale(c *model.Customer, date model.Date, lines ...model.SaleLine) *model.Sale {
	return &model.Sale{CustomerID: c.ID, AdvisorID: c.AdvisorID, Date: date, Lines: lines}
}

func line(p *model.Product, qty, fen int64) model.SaleLine {
	return model.SaleLine{ProductID: p.ID, Qty: qty, Price: fen}
}

func (s *shop) stock(t *testing.T, p *model.Product) float64 {
	t.Helper()
	got, err := s.hr.Products.Get(p.ID)
	if err != nil {
		t.Fatal(err)
	}
	return got.Stock
}

func TestSaleTakesStockAndCancelPutsItBack(t *testing.T) {
	s := newShop(t, 5)
	sale := s.sale(s.anCust, "2026-11-20", line(s.filter, 3, 4500), line(s.service, 1, 38000))
	sale.Discount = 1500
	if err := s.adv.SaveSale(sale); err != nil {
		t.Fatal(err)
	}
	if got := s.stock(t, s.filter); got != 2 {
		t.Errorf("stock after selling 3 of 5 = %v, want 2", got)
	}
	if sale.Total != 3*4500+38000-1500 || sale.Lines[0].Name != "机油滤清器" {
		t.Errorf("total %d, line %+v", sale.Total, sale.Lines[0])
	}
	// The rules' calls after a sale are scheduled with it, 7 days on first.
	calls, err := s.hr.FollowUpsOfCustomer(s.anCust.ID)
	if err != nil || len(calls) == 0 || !slices.ContainsFunc(calls, func(f *model.FollowUp) bool {
		return f.Reason == model.ReasonSale && f.Due == "2026-11-27" && f.Source == fmt.Sprintf("sale %d", sale.ID)
	}) {
		t.Errorf("calls after the sale: %v %v", calls, err)
	}
	n := len(calls)
	// More on the same sale takes only the difference.
	sale.Lines[0].Qty = 4
	if err := s.adv.SaveSale(sale); err != nil {
		t.Fatal(err)
	}
	if got := s.stock(t, s.filter); got != 1 {
		t.Errorf("stock after the sale went from 3 to 4 = %v, want 1", got)
	}
	sale.State = model.SaleCancelled
	if err := s.adv.SaveSale(sale); err != nil {
		t.Fatal(err)
	}
	// Cancelled, its calls not yet made go; made again, they come back.
	ofSale := func() (mine, all int) {
		calls, _ := s.hr.FollowUpsOfCustomer(s.anCust.ID)
		for _, f := range calls {
			if f.Source == fmt.Sprintf("sale %d", sale.ID) {
				mine++
			}
		}
		return mine, len(calls)
	}
	if mine, all := ofSale(); mine != 0 || all == n {
		t.Errorf("after cancelling, %d of the sale's calls stay (%d calls, %d before)", mine, all, n)
	}
	if got := s.stock(t, s.filter); got != 5 {
		t.Errorf("stock after cancelling = %v, want 5", got)
	}
	sale.State = model.SaleActive
	if err := s.adv.SaveSale(sale); err != nil {
		t.Fatal(err)
	}
	if mine, all := ofSale(); mine == 0 || all != n {
		t.Errorf("made again, the sale has %d calls (%d calls, %d before)", mine, all, n)
	}
	sale.State = model.SaleCancelled
	if err := s.adv.SaveSale(sale); err != nil {
		t.Fatal(err)
	}
	moves, err := s.adv.StockHistory(s.filter.ID)
	if err != nil {
		t.Fatal(err)
	}
	type mv struct {
		d, after int64
		r        model.StockReason
		who      string
	}
	want := []mv{{4, 5, model.MoveCancel, "安然"}, {-4, 1, model.MoveSale, "安然"}, {4, 5, model.MoveCancel, "安然"},
		{-1, 1, model.MoveResale, "安然"}, {-3, 2, model.MoveSale, "安然"}, {5, 5, model.MoveOpening, "人事 王"}}
	if len(moves) != len(want) {
		t.Fatalf("%d moves, want %d: %+v", len(moves), len(want), moves)
	}
	for i, m := range moves {
		if got := (mv{m.Delta, m.After, m.Reason, m.Who}); got != want[i] {
			t.Errorf("move %d = %+v, want %+v", i, got, want[i])
		}
	}
	// A service keeps no stock: sold and cancelled, it stays none.
	if got := s.stock(t, s.service); got != 0 {
		t.Errorf("service stock after cancel = %v, want 0", got)
	}
	// A manual change in the product form is a move too.
	p, _ := s.hr.Products.Get(s.filter.ID)
	p.Stock = 12
	if err := s.hr.SaveProduct(p); err != nil {
		t.Fatal(err)
	}
	moves, _ = s.hr.StockHistory(s.filter.ID)
	if m := moves[0]; m.Delta != 7 || m.After != 12 || m.Reason != model.MoveManual {
		t.Errorf("manual move = %+v", m)
	}
	mustCheck(t, s.hr)
}

func TestOversellIsRefusedOnItsLineAndNothingIsWritten(t *testing.T) {
	s := newShop(t, 2)
	sale := s.sale(s.anCust, "2026-11-20", line(s.service, 1, 38000), line(s.filter, 3, 4500))
	err := s.adv.SaveSale(sale)
	fes, ok := model.AsFieldErrors(err)
	if !ok || len(fes) != 1 {
		t.Fatalf("oversell: %v", err)
	}
	if fe := fes[0]; fe.Field != model.FieldLineQty || fe.Row != 2 || fe.Code != model.CodeStockShort || fe.Arg != "机油滤清器" {
		t.Errorf("oversell error = %+v, want line 2's quantity, stock_short, naming the product", fe)
	}
	if sale.ID != 0 {
		t.Errorf("refused sale got key %d", sale.ID)
	}
	if _, n, _ := s.hr.FindSales(model.ListQuery{}); n != 0 {
		t.Errorf("%d sales on file after a refused one", n)
	}
	if got := s.stock(t, s.filter); got != 2 {
		t.Errorf("stock after a refused sale = %v, want 2", got)
	}
	if got := s.stock(t, s.service); got != 0 {
		t.Errorf("service stock after a refused sale = %v, want 0 (its line not half-saved)", got)
	}
	if moves, _ := s.hr.StockHistory(s.filter.ID); len(moves) != 1 {
		t.Errorf("moves after a refused sale: %+v", moves)
	}
	// Exactly the stock is fine.
	sale.Lines[1].Qty = 2
	if err := s.adv.SaveSale(sale); err != nil {
		t.Fatal(err)
	}
	if got := s.stock(t, s.filter); got != 0 {
		t.Errorf("stock = %v, want 0", got)
	}
	// A sale without lines, or with a quantity of zero, says so.
	err = s.adv.SaveSale(s.sale(s.anCust, "2026-11-20"))
	if fes, _ := model.AsFieldErrors(err); fes.For(model.FieldSaleLines) == nil {
		t.Errorf("no lines: %v", err)
	}
	err = s.adv.SaveSale(s.sale(s.anCust, "2026-11-20", line(s.service, 0, 100)))
	if fes, _ := model.AsFieldErrors(err); fes.For(model.FieldLineQty) == nil || fes[0].Row != 1 {
		t.Errorf("zero quantity: %v", err)
	}
}

func TestTwoSalesOfTheLastUnitOneWins(t *testing.T) {
	s := newShop(t, 1)
	// An and her supervisor sell the last filter at the same moment.
	dbs := []*DB{s.adv, s.sup}
	errs := make([]error, 2)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range dbs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			errs[i] = dbs[i].SaveSale(s.sale(s.anCust, "2026-11-27", line(s.filter, 1, 4500)))
		}()
	}
	close(start)
	wg.Wait()
	won := 0
	for _, err := range errs {
		if err == nil {
			won++
			continue
		}
		if fes, ok := model.AsFieldErrors(err); !ok || fes[0].Code != model.CodeStockShort {
			t.Errorf("the loser was told %v, want stock_short", err)
		}
	}
	if won != 1 {
		t.Fatalf("%d saves won, want 1: %v", won, errs)
	}
	if got := s.stock(t, s.filter); got != 0 {
		t.Errorf("stock = %v, want 0", got)
	}
	if _, n, _ := s.hr.FindSales(model.ListQuery{}); n != 1 {
		t.Errorf("%d sales, want 1", n)
	}
}

func TestSoldProductIsArchivedAndCustomerWithSalesStays(t *testing.T) {
	s := newShop(t, 10)
	for range 3 {
		if err := s.adv.SaveSale(s.sale(s.anCust, "2026-11-20", line(s.filter, 1, 4500))); err != nil {
			t.Fatal(err)
		}
	}
	var archived *model.Archived
	if err := s.hr.DeleteProduct(s.filter.ID); !errors.As(err, &archived) {
		t.Fatalf("deleting a sold product: %v, want archived", err)
	}
	p, err := s.hr.Products.Get(s.filter.ID)
	if err != nil || p.State != model.Discontinued {
		t.Errorf("sold product after delete: %+v, %v", p, err)
	}
	// A discontinued product is not sold again.
	err = s.adv.SaveSale(s.sale(s.anCust, "2026-11-21", line(s.filter, 1, 4500)))
	if fes, _ := model.AsFieldErrors(err); fes.For(model.FieldLineProduct) == nil || fes[0].Code != model.CodeProductClosed {
		t.Errorf("selling a discontinued product: %v", err)
	}
	var inUse *InUseError
	if err := s.hr.DeleteCustomer(s.anCust.ID); !errors.As(err, &inUse) ||
		!slices.Contains(inUse.Uses, Use{"sales", model.FieldSaleCustomer, 3}) {
		t.Fatalf("deleting a customer with 3 sales: %v", err)
	}
	if err := s.hr.DeleteCustomer(s.boCust.ID); err != nil {
		t.Errorf("a customer without sales is deleted: %v", err)
	}
	// The unused service is deleted outright.
	if err := s.hr.DeleteProduct(s.service.ID); err != nil {
		t.Errorf("an unsold product: %v", err)
	}
	mustCheck(t, s.hr)
}

func TestSalesOfCustomerNewestFirst(t *testing.T) {
	s := newShop(t, 10)
	for _, d := range []model.Date{"2026-10-02", "2026-11-20", "2026-09-15"} {
		if err := s.adv.SaveSale(s.sale(s.anCust, d, line(s.service, 1, 100))); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.hr.SaveSale(s.sale(s.boCust, "2026-11-01", line(s.service, 1, 100))); err != nil {
		t.Fatal(err)
	}
	got, err := s.adv.SalesOfCustomer(s.anCust.ID)
	if err != nil {
		t.Fatal(err)
	}
	var dates []model.Date
	for _, x := range got {
		dates = append(dates, x.Date)
	}
	if want := []model.Date{"2026-11-20", "2026-10-02", "2026-09-15"}; len(dates) != 3 || dates[0] != want[0] || dates[2] != want[2] {
		t.Errorf("dates %v, want %v", dates, want)
	}
	// An does not see Bo's customer's sales.
	if got, _ := s.adv.SalesOfCustomer(s.boCust.ID); len(got) != 0 {
		t.Errorf("An sees %d of Bo's sales", len(got))
	}
}

func TestAchievementFromTheSalesOfThePeriod(t *testing.T) {
	s := newShop(t, 100)
	save := func(db *DB, x *model.Sale) *model.Sale {
		t.Helper()
		if err := db.SaveSale(x); err != nil {
			t.Fatal(err)
		}
		return x
	}
	// An in November: 2 × 1500.00 = 3000.00; 4 × 625.00 less 500.00 = 2000.00.
	save(s.adv, s.sale(s.anCust, "2026-11-03", line(s.service, 2, 150000)))
	second := s.sale(s.anCust, "2026-11-27", line(s.filter, 4, 62500))
	second.Discount = 50000
	save(s.adv, second)
	// Not counted: a cancelled sale, October's, Bo's.
	gone := save(s.adv, s.sale(s.anCust, "2026-11-10", line(s.service, 1, 999900)))
	gone.State = model.SaleCancelled
	save(s.adv, gone)
	save(s.adv, s.sale(s.anCust, "2026-10-31", line(s.service, 1, 100000)))
	save(s.hr, s.sale(s.boCust, "2026-11-15", line(s.service, 1, 700000)))

	for _, tg := range []*model.Target{
		{AdvisorID: s.an.ID, Period: "2026-11", Amount: 1000000},
		{AdvisorID: s.an.ID, Period: "2026-Q4", Amount: 2400000},
		{AdvisorID: s.bo.ID, Period: "2026-11", Amount: 500000},
		{AdvisorID: s.chen.ID, Period: "2026-11", Amount: 500000},
	} {
		if err := s.sup.SaveTarget(tg); err != nil && tg.AdvisorID != s.chen.ID {
			t.Fatal(err)
		} else if err == nil && tg.AdvisorID == s.chen.ID {
			t.Error("a supervisor set a target for someone outside her team")
		}
	}
	if err := s.hr.SaveTarget(&model.Target{AdvisorID: s.chen.ID, Period: "2026-11", Amount: 500000}); err != nil {
		t.Fatal(err)
	}
	if err := s.adv.SaveTarget(&model.Target{AdvisorID: s.an.ID, Period: "2026-12", Amount: 1}); !isRefused(err) {
		t.Errorf("an advisor set her own target: %v", err)
	}
	err := s.sup.SaveTarget(&model.Target{AdvisorID: s.an.ID, Period: "2026-11", Amount: 1})
	if fes, _ := model.AsFieldErrors(err); fes.For(model.FieldTargetPeriod) == nil || fes[0].Code != model.CodeTargetTaken {
		t.Errorf("a second November target for An: %v", err)
	}

	month, err := s.sup.TargetFor(s.an.ID, "2026-11")
	if err != nil {
		t.Fatal(err)
	}
	pct, _ := month.Achievement()
	if month.Sold != 500000 || pct != 50 {
		t.Errorf("November: sold %d, %v%%; want 500000 (5000.00 yuan), 50%%", month.Sold, pct)
	}
	quarter, _ := s.adv.TargetFor(s.an.ID, "2026-Q4")
	if pct, _ := quarter.Achievement(); quarter.Sold != 600000 || pct != 25 {
		t.Errorf("Q4: sold %d, %v%%; want 600000, 25%%", quarter.Sold, pct)
	}
	if got, _ := s.hr.SalesTotal(s.an.ID, "2026-11-01", "2026-11-30"); got != 500000 {
		t.Errorf("SalesTotal = %d", got)
	}
	// The appraisal's numbers: a quarter's target stands for its months';
	// days without a target inside them measure no sales.
	for _, c := range []struct {
		from, to     model.Date
		sold, target int64
	}{
		{"2026-10-01", "2026-12-31", 600000, 2400000},
		{"2026-11-01", "2026-11-30", 500000, 1000000},
		{"2026-11-01", "2026-11-15", 0, 0},
	} {
		n, err := s.sup.AdvisorNumbers(s.an.ID, c.from, c.to)
		if err != nil || n.Sold != c.sold || n.Target != c.target {
			t.Errorf("numbers %s…%s: sold %d target %d, %v; want %d, %d", c.from, c.to, n.Sold, n.Target, err, c.sold, c.target)
		}
	}
	// Who sees which targets: An her own, Sun her team's, HR all.
	for _, c := range []struct {
		db   *DB
		want int
	}{{s.adv, 2}, {s.sup, 3}, {s.hr, 4}} {
		list, n, err := c.db.FindTargets(model.ListQuery{})
		if err != nil || n != c.want {
			t.Errorf("%s sees %d targets, %v; want %d", c.db.Who().Name, n, err, c.want)
		}
		for _, tg := range list {
			if tg.AdvisorID == s.bo.ID && tg.Sold != 700000 {
				t.Errorf("Bo's November sold %d", tg.Sold)
			}
		}
	}
	if txt := model.FormatPercent(month.Achievement()); txt != "50.0%" {
		t.Errorf("shown as %q", txt)
	}
	// Sorted by what was sold or achieved, which no stored row holds, and
	// paged after sorting.
	for _, c := range []struct {
		sort   string
		offset int
		want   []int64 // sold, in order
	}{
		{model.FieldTargetSold, 0, []int64{700000, 600000, 500000, 0}},
		{model.FieldTargetAchieved, 0, []int64{700000, 500000, 600000, 0}}, // 140 %, 50 %, 25 %, 0 %
		{model.FieldTargetAchieved, 1, []int64{500000, 600000}},
	} {
		list, n, err := s.hr.FindTargets(model.ListQuery{Sort: c.sort, Desc: true, Offset: c.offset, Limit: 2 + 2*(1-c.offset)})
		var got []int64
		for _, tg := range list {
			got = append(got, tg.Sold)
		}
		if err != nil || n != 4 || !slices.Equal(got, c.want) {
			t.Errorf("sorted by %s from %d: %v of %d, %v; want %v of 4", c.sort, c.offset, got, n, err, c.want)
		}
	}
}

// A sale written before its lines had a tag was stored under "Lines"; it
// must read with its lines, and a new save writes the tagged "lines".
func TestSaleWrittenUntaggedReadsItsLines(t *testing.T) {
	old := struct {
		ID    uint64 `msgpack:"id"`
		Total int64  `msgpack:"total"`
		Lines []model.SaleLine
	}{ID: 7, Total: 3000, Lines: []model.SaleLine{{ProductID: 2, Qty: 3, Price: 1000}}}
	b, err := encode(old)
	if err != nil {
		t.Fatal(err)
	}
	var s model.Sale
	if err := decode("sales", []byte{7}, b, &s); err != nil {
		t.Fatal(err)
	}
	if len(s.Lines) != 1 || s.Lines[0].Qty != 3 || s.Lines[0].ProductID != 2 {
		t.Fatalf("old sale's lines read as %+v", s.Lines)
	}
	nb, err := encode(&s)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(nb, []byte("lines")) || bytes.Contains(nb, []byte("Lines")) {
		t.Fatalf("a sale is written under another key: %q", nb)
	}
}

// TestServiceKeepsNoStock: a service sold forty times (the walk saw
// SV-001 at −12) neither checks nor moves stock and has no stock moves,
// and cancelling its sales moves none either; a service given a stock is
// refused beside the field; goods with stock turned into a service have
// it written off by a move that says so.
func TestServiceKeepsNoStock(t *testing.T) {
	s := newShop(t, 5)
	var sales []*model.Sale
	for range 40 {
		sale := s.sale(s.anCust, "2026-11-20", line(s.service, 1, 38000))
		if err := s.adv.SaveSale(sale); err != nil {
			t.Fatal(err)
		}
		sales = append(sales, sale)
	}
	sales[0].State = model.SaleCancelled
	sales[1].Lines[0].Qty = 3
	for _, sale := range sales[:2] {
		if err := s.adv.SaveSale(sale); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.hr.Sales.Delete(sales[2].ID); err != nil {
		t.Fatal(err)
	}
	if got := s.stock(t, s.service); got != 0 {
		t.Errorf("a service sold 40 times shows stock %v, want none", got)
	}
	if moves, err := s.adv.StockHistory(s.service.ID); err != nil || len(moves) != 0 {
		t.Errorf("a service's stock moves: %+v %v", moves, err)
	}

	given := &model.Product{Code: "SV-002", Name: "四轮定位", Kind: model.Service, Price: 198, Stock: 4}
	err := s.hr.SaveProduct(given)
	if fes, ok := model.AsFieldErrors(err); !ok || fes.For(model.FieldStock) == nil || fes.For(model.FieldStock).Code != model.CodeServiceStock {
		t.Errorf("a service with a stock of 4: %v", err)
	}

	p, err := s.hr.Products.Get(s.filter.ID)
	if err != nil {
		t.Fatal(err)
	}
	p.Kind, p.Stock = model.Service, 0
	if err := s.hr.SaveProduct(p); err != nil {
		t.Fatal(err)
	}
	moves, err := s.adv.StockHistory(p.ID)
	if err != nil || len(moves) == 0 {
		t.Fatalf("moves %v %v", moves, err)
	}
	if m := moves[0]; m.Delta != -5 || m.After != 0 || m.Reason != model.MoveService {
		t.Errorf("written off by %+v, want −5 to 0 for becoming a service", m)
	}
	if got, _ := s.hr.Products.Get(p.ID); got.Backorder != model.No || got.Stock != 0 {
		t.Errorf("the service kept %+v", got)
	}
}
