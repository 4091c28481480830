package ui

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"advisordesk/model"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
)

// openTab opens the Work process page's tab titled title.
func openTab(t *testing.T, u *App, title string) {
	t.Helper()
	u.Open(pageProcess)
	u.Wait()
	i := slices.IndexFunc(u.process.tabs.Items, func(it *container.TabItem) bool { return it.Text == title })
	if i < 0 {
		t.Fatalf("no tab %q", title)
	}
	u.process.tabs.SelectIndex(i)
	u.Wait()
}

// TestTargetsTabShowsAchievement: HR's targets list shows each target with
// what was sold in its period and the achievement, as the store sums them;
// a new target is set through the advisor picker; a second one for the same
// month and a period that is none are refused beside the period.
func TestTargetsTabShowsAchievement(t *testing.T) {
	u, hr := newTestApp(t, 6)
	openTab(t, u, "Sales targets")
	s := u.process.targets
	if len(s.list.rows) == 0 {
		t.Fatal("the demo office has no targets")
	}
	first := s.list.rows[0]
	tg, err := hr.TargetFor(first.AdvisorID, first.Period)
	if err != nil {
		t.Fatal(err)
	}
	want := model.FormatPercent(tg.Achievement())
	if !rowsContain(s.list.rowTexts(), tg.Advisor, string(tg.Period), model.FormatFen(tg.Amount), model.FormatFen(tg.Sold), want) {
		t.Fatalf("the first target shows %v, want %s sold, %s", s.list.rowTexts()[0], model.FormatFen(tg.Sold), want)
	}

	tapIn(t, u, "New target")
	tapIn(t, u, "Choose…")
	test.Type(s.picker.list.search, "SA0002")
	u.Wait()
	tapRow(t, s.picker.list.table, 0)
	u.Wait()
	fillIn(map[*entry]string{s.entry(model.FieldTargetPeriod): "2027-13", s.entry(model.FieldTargetAmount): "5000"})
	tapIn(t, u, "Save")
	if got := s.form.message(model.FieldTargetPeriod); !strings.Contains(got, "A month such as 2026-05") {
		t.Fatalf("a period that is none says %q", got)
	}
	fillIn(map[*entry]string{s.entry(model.FieldTargetPeriod): "2027-q1"})
	tapIn(t, u, "Save")
	if s.form.banner.Visible() {
		t.Fatalf("refused: %s %s", s.form.banner.Text, s.form.message(model.FieldTargetPeriod))
	}
	if !rowsContain(s.list.rowTexts(), "2027-Q1", "5000.00", "0.00", "0.0%") {
		t.Fatalf("the new target: %v", s.list.rowTexts())
	}
	tapIn(t, u, "New target")
	tapIn(t, u, "Choose…")
	test.Type(s.picker.list.search, "SA0002")
	u.Wait()
	tapRow(t, s.picker.list.table, 0)
	u.Wait()
	fillIn(map[*entry]string{s.entry(model.FieldTargetPeriod): "2027-Q1", s.entry(model.FieldTargetAmount): "1"})
	tapIn(t, u, "Save")
	if got := s.form.message(model.FieldTargetPeriod); !strings.Contains(got, "already has a target for 2027-Q1") {
		t.Fatalf("a second target for the quarter says %q", got)
	}
}

// TestStockHistoryDialog: a product's form opens its stock history, newest
// first, with the opening stock and what the demo's sales took.
func TestStockHistoryDialog(t *testing.T) {
	u, hr := newTestApp(t, 6)
	openTab(t, u, "Products, prices and stock")
	s := u.process.products
	i := slices.IndexFunc(s.list.rows, func(p *model.Product) bool { return p.Code == "PT-101" })
	if i < 0 {
		t.Fatal("no PT-101")
	}
	tapRow(t, s.list.table, i)
	u.Wait()
	tapIn(t, u, "Stock history")
	got := dialogText(u)
	moves, err := hr.StockHistory(s.list.rows[i].ID)
	if err != nil || len(moves) < 2 {
		t.Fatalf("moves %v %v", moves, err)
	}
	if !strings.Contains(got, "Opening stock") || !strings.Contains(got, "+120") ||
		!strings.Contains(got, "Sold (sale ") {
		t.Fatalf("the stock history shows %q", got)
	}
	// The newest move heads the list: its change and the stock it left.
	last := moves[0]
	delta := strconv.FormatInt(last.Delta, 10)
	if last.Delta > 0 {
		delta = "+" + delta
	}
	if cells := strings.Join(stockCells(last), " "); !strings.Contains(got, cells) || !strings.Contains(cells, delta) {
		t.Errorf("the newest move %+v is not shown first: %q", last, got)
	}
}

// TestSavedTargetShowsLiveFigures: right after a save the form shows what
// was sold and the achievement, as the list does (it showed 0.00 · 0.0%).
func TestSavedTargetShowsLiveFigures(t *testing.T) {
	u, hr := newTestApp(t, 6)
	openTab(t, u, "Sales targets")
	s := u.process.targets
	var sold *model.Target
	for _, r := range s.list.rows {
		if r.Sold > 0 && !strings.Contains(string(r.Period), "Q") {
			sold = r
			break
		}
	}
	if sold == nil {
		t.Fatal("no target of the demo has sales")
	}
	a, err := hr.Advisors.Get(sold.AdvisorID)
	if err != nil {
		t.Fatal(err)
	}
	quarter := model.QuarterOf(model.Date(string(sold.Period) + "-01"))
	tapIn(t, u, "New target")
	tapIn(t, u, "Choose…")
	test.Type(s.picker.list.search, a.EmpNo)
	u.Wait()
	tapRow(t, s.picker.list.table, 0)
	u.Wait()
	fillIn(map[*entry]string{s.entry(model.FieldTargetPeriod): string(quarter), s.entry(model.FieldTargetAmount): "100000"})
	tapIn(t, u, "Save")
	if s.form.banner.Visible() {
		t.Fatalf("refused: %s %s", s.form.banner.Text, s.form.message(model.FieldTargetPeriod))
	}
	tg, err := hr.TargetFor(a.ID, quarter)
	if err != nil || tg.Sold == 0 {
		t.Fatalf("the stored quarter: %+v %v", tg, err)
	}
	if got, want := rendered(s.entry(model.FieldTargetSold)), model.FormatFen(tg.Sold); got != want {
		t.Errorf("the saved form shows sold %q, want %q", got, want)
	}
	if got, want := rendered(s.entry(model.FieldTargetAchieved)), model.FormatPercent(tg.Achievement()); got != want {
		t.Errorf("the saved form shows achieved %q, want %q", got, want)
	}
	if s.changed() {
		t.Error("the live figures count as an unsaved change")
	}
}
