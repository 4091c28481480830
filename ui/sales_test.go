package ui

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"advisordesk/model"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// saleTestApp is a demo office with an advisor signed in on the Sales tab.
func saleTestApp(t *testing.T) (*App, *salesScreen, func(code string) float64) {
	t.Helper()
	file := openFile(t, filepath.Join(t.TempDir(), "office.db"))
	hr, _, err := file.SetUp("admin", "王芳", testPassword)
	if err != nil {
		t.Fatal(err)
	}
	if err := hr.LoadDemo(6, 1); err != nil {
		t.Fatal(err)
	}
	me, _ := hr.Advisors.ByEmpNo.Get("SA0003")
	if err := hr.SaveAccount(&model.Account{Login: "sa0003", Name: me.Name, Role: model.RoleAdvisor, AdvisorID: me.ID}, "given pass 1"); err != nil {
		t.Fatal(err)
	}
	adv, err := file.Login("sa0003", "given pass 1")
	if err != nil {
		t.Fatal(err)
	}
	u := openAs(t, adv)
	u.Open(pageProcess)
	u.Wait()
	tabs := u.process.tabs
	i := -1
	for n, it := range tabs.Items {
		if it.Text == "Sales" {
			i = n
		}
	}
	if i < 0 {
		t.Fatal("no Sales tab")
	}
	tabs.SelectIndex(i)
	u.Wait()
	stock := func(code string) float64 {
		ps, _, err := hr.FindProducts(model.ListQuery{Text: code})
		if err != nil || len(ps) != 1 {
			t.Fatalf("product %s: %v %v", code, ps, err)
		}
		return ps[0].Stock
	}
	return u, u.process.sales, stock
}

// pickProduct adds a line and chooses the product code in the picker by
// typing it into the picker's search and tapping the row.
func pickProduct(t *testing.T, u *App, s *salesScreen, code string) {
	t.Helper()
	tapIn(t, u, "Add a product")
	p := s.lines.picker
	test.Type(p.list.search, code)
	u.Wait()
	if len(p.list.rows) != 1 || p.list.rows[0].Code != code {
		t.Fatalf("searching %s finds %v", code, p.list.rowTexts())
	}
	tapRow(t, p.list.table, 0)
	u.Wait()
}

// TestSaleFormLinesStockAndCancel: an advisor records a sale with the
// keyboard and the pickers: the price comes from the catalogue, the totals
// follow the typing, a line selling more than the stock is refused beneath
// that line with the product named and nothing saved; the saved sale takes
// the stock, cancelling it puts it back.
func TestSaleFormLinesStockAndCancel(t *testing.T) {
	u, s, stock := saleTestApp(t)
	pads, cams := stock("PT-110"), stock("AC-210")
	tapIn(t, u, "New sale")
	if s.editing == nil || s.editing.Advisor == "" {
		t.Fatal("a new sale is not the signed-in advisor's")
	}
	tapIn(t, u, "Choose…")
	test.Type(s.customer.list.search, "")
	u.Wait()
	if len(s.customer.list.rows) == 0 {
		t.Fatal("the advisor has no customers to sell to")
	}
	buyer := s.customer.list.rows[0].Name
	tapRow(t, s.customer.list.table, 0)
	u.Wait()

	pickProduct(t, u, s, "PT-110")
	if got := s.lines.price[0].Text; got != "560.00" {
		t.Errorf("the line's price = %q, want the catalogue's 560.00", got)
	}
	fillIn(map[*entry]string{s.lines.qty[0]: "3", s.entry(model.FieldSaleDiscount): "80"})
	if got := s.entry(model.FieldSaleTotal).Text; got != "1600.00" {
		t.Errorf("total shown %q, want 3 × 560.00 − 80 = 1600.00", got)
	}
	if got := rendered(s.lines.box); !strings.Contains(got, "1680.00") || !strings.Contains(got, "= total 1600.00") {
		t.Errorf("the lines show %q", got)
	}

	pickProduct(t, u, s, "AC-210")
	fillIn(map[*entry]string{s.lines.qty[1]: strconv.FormatFloat(cams+1, 'f', -1, 64)})
	tapIn(t, u, "Save")
	msg := s.form.fieldRow(model.FieldLineQty, 2).msg
	if !msg.Visible() || !strings.Contains(msg.Text, "Not enough 行车记录仪 in stock") {
		t.Fatalf("oversold line 2 says %q (banner %q)", msg.Text, s.form.banner.Text)
	}
	if !strings.Contains(rendered(s.lines.box), "Not enough 行车记录仪") {
		t.Error("the refusal is not drawn beneath the line")
	}
	for _, o := range s.formBox.(*fyne.Container).Objects {
		if sc, ok := o.(*container.Scroll); ok && sc.Offset.Y == 0 {
			t.Error("the form was not scrolled down to the refused line")
		}
	}
	if stock("PT-110") != pads || stock("AC-210") != cams {
		t.Fatal("a refused sale changed the stock")
	}
	fillIn(map[*entry]string{s.lines.qty[1]: "2"})
	tapIn(t, u, "Save")
	if s.form.banner.Visible() {
		t.Fatalf("save refused: %s", s.form.banner.Text)
	}
	if stock("PT-110") != pads-3 || stock("AC-210") != cams-2 {
		t.Fatalf("stock after the sale: %v, %v; want %v, %v", stock("PT-110"), stock("AC-210"), pads-3, cams-2)
	}
	if !rowsContain(s.list.rowTexts(), buyer, "3398.00", "Active") {
		t.Fatalf("the sale is not listed: %v", s.list.rowTexts())
	}
	// The saved sale's lines still say what is in stock (it went blank).
	if got := rendered(s.lines.box); !strings.Contains(got, strconv.FormatFloat(stock("PT-110"), 'f', -1, 64)) {
		t.Errorf("after the save the lines read %q; PT-110 has %v left", got, stock("PT-110"))
	}

	// Cancel it: the state's pop-up, then Save.
	popUp(t, u, s.choice(model.FieldSaleState))
	tapMenuItem(t, u, "Cancelled")
	tapIn(t, u, "Save")
	if stock("PT-110") != pads || stock("AC-210") != cams {
		t.Fatalf("stock after cancelling: %v, %v", stock("PT-110"), stock("AC-210"))
	}
	if !rowsContain(s.list.rowTexts(), buyer, "3398.00", "Cancelled") {
		t.Fatalf("the cancelled sale: %v", s.list.rowTexts())
	}
}

// TestSaleLinksItsReceptionByPicking: the sale's link to the reception it
// came from is chosen among the customer's receptions and shows that
// reception (day, time, customer, need), before and after the save.
func TestSaleLinksItsReceptionByPicking(t *testing.T) {
	u, s, _ := saleTestApp(t)
	u.win.Resize(fyne.NewSize(1200, 760))
	tapIn(t, u, "New sale")
	link := s.form.field(model.FieldSaleReception)
	if got := rendered(link.input); !strings.Contains(got, "None (choose…)") {
		t.Fatalf("an unlinked sale's reception reads %q", got)
	}
	// A customer of the advisor's with two receptions or more.
	all, _, _ := u.store.FindReceptions(model.ListQuery{})
	count := map[uint64]int{}
	var cid uint64
	for _, r := range all {
		if count[r.CustomerID]++; count[r.CustomerID] == 2 && cid == 0 {
			cid = r.CustomerID
		}
	}
	tapIn(t, u, "Choose…") // the customer
	u.Wait()
	row := -1
	for i, c := range s.customer.list.rows {
		if c.ID == cid {
			row = i
		}
	}
	if row < 0 {
		t.Fatalf("no customer with two receptions in the picker (%d)", cid)
	}
	buyer := s.customer.list.rows[row]
	tapRow(t, s.customer.list.table, row)
	u.Wait()
	recs, err := u.store.ReceptionsOfCustomer(buyer.ID)
	if err != nil || len(recs) < 2 {
		t.Fatalf("the demo customer has receptions %v (%v)", recs, err)
	}
	test.Tap(s.reception.choose)
	u.Wait()
	if s.receptions == nil || len(s.receptions.list.rows) != len(recs) {
		t.Fatalf("the reception picker does not list the customer's %d receptions", len(recs))
	}
	key(u, fyne.KeyDown)
	key(u, fyne.KeyDown)
	key(u, fyne.KeyReturn)
	u.Wait()
	want := recs[1]
	got := rendered(link.input)
	for _, w := range []string{string(want.Date), want.Time, buyer.Name} {
		if !strings.Contains(got, w) {
			t.Errorf("the link shows %q, want %q of the second reception", got, w)
		}
	}
	// The link's text wraps within the form at the window's first size
	// (a long one on the button widened the window).
	for _, o := range s.formBox.(*fyne.Container).Objects {
		if sc, ok := o.(*container.Scroll); ok && sc.Content.MinSize().Width > sc.Size().Width {
			t.Errorf("the linked form is %v wide in a view of %v", sc.Content.MinSize().Width, sc.Size().Width)
		}
	}
	pickProduct(t, u, s, "PT-101")
	tapIn(t, u, "Save")
	if s.form.banner.Visible() {
		t.Fatalf("save refused: %s", s.form.banner.Text)
	}
	sales, _, _ := u.store.FindSales(model.ListQuery{})
	var saved *model.Sale
	for _, x := range sales {
		if x.CustomerID == buyer.ID && x.Reception == want.ID {
			saved = x
		}
	}
	if saved == nil {
		t.Fatalf("no sale on file linked to reception %d", want.ID)
	}
	tapIn(t, u, "Cancel")
	s.open(saved)
	u.Wait()
	if got := rendered(link.input); !strings.Contains(got, string(want.Date)+" "+want.Time) {
		t.Errorf("the saved sale's link reads %q", got)
	}
}

// TestSaleLineProblemsNameLineAndField: a line's problems show beneath the
// line, under its three inputs, so each names the line and the field: a
// unit price below zero on line 1 and no quantity on line 2, in English and
// in Chinese (the walk saw a bare "不能小于零"); nothing is saved.
func TestSaleLineProblemsNameLineAndField(t *testing.T) {
	u, _, _ := saleTestApp(t)
	_, before, _ := u.store.FindSales(model.ListQuery{})
	for _, c := range []struct {
		lang                  string
		newSale, choose, save string
		price, qty            string
	}{
		{langEn, "New sale", "Choose…", "Save", "Line 1 · Unit price: Cannot be below zero", "Line 2 · Quantity: A whole number of at least 1"},
		{langZh, "新建销售", "选择…", "保存", "第 1 行单价：不能小于零", "第 2 行数量：数量须为不小于 1 的整数"},
	} {
		u.SetLanguage(c.lang)
		openProcessTab(t, u, map[string]string{langEn: "Sales", langZh: "销售业绩"}[c.lang])
		s := u.process.sales
		tapIn(t, u, c.newSale)
		tapIn(t, u, c.choose)
		test.Type(s.customer.list.search, "")
		u.Wait()
		tapRow(t, s.customer.list.table, 0)
		u.Wait()
		for _, code := range []string{"PT-110", "AC-210"} {
			tapIn(t, u, map[string]string{langEn: "Add a product", langZh: "添加产品"}[c.lang])
			test.Type(s.lines.picker.list.search, code)
			u.Wait()
			tapRow(t, s.lines.picker.list.table, 0)
			u.Wait()
		}
		fillIn(map[*entry]string{s.lines.price[0]: "-5", s.lines.qty[1]: ""})
		tapIn(t, u, c.save)
		got := rendered(s.lines.box)
		for _, want := range []string{c.price, c.qty} {
			if !strings.Contains(got, want) {
				t.Errorf("%s: no %q beneath the lines: %q", c.lang, want, got)
			}
		}
		if _, after, _ := u.store.FindSales(model.ListQuery{}); after != before {
			t.Fatalf("%s: a refused sale was saved", c.lang)
		}
	}
}

// TestSaleFormClearOfTheScrollBar: at the window's first size a sale with
// lines scrolls, and its inputs end left of the scroll bar, which is drawn
// over the form.
func TestSaleFormClearOfTheScrollBar(t *testing.T) {
	u, s, _ := saleTestApp(t)
	u.win.Resize(fyne.NewSize(1200, 760))
	tapIn(t, u, "New sale")
	pickProduct(t, u, s, "PT-101")
	pickProduct(t, u, s, "PT-110")
	var sc *container.Scroll
	for _, o := range s.formBox.(*fyne.Container).Objects {
		if x, ok := o.(*container.Scroll); ok {
			sc = x
		}
	}
	if sc.Content.MinSize().Height <= sc.Size().Height {
		t.Fatal("the form does not scroll at this size: nothing to check")
	}
	d := fyne.CurrentApp().Driver()
	edge := d.AbsolutePositionForObject(sc).X + sc.Size().Width - theme.Size(theme.SizeNameScrollBar)
	for _, o := range []fyne.CanvasObject{s.entry(model.FieldSaleDate), s.inputs[model.FieldSaleCustomer].ref.clear, s.lines.price[0]} {
		if right := d.AbsolutePositionForObject(o).X + o.Size().Width; right > edge {
			t.Errorf("%T ends at x %v, under the scroll bar from %v", o, right, edge)
		}
	}
}

// TestSaleLineUnreadNamesLineAndField: what a line's inputs say that is no
// number is named as such by line and field — "abc" as a unit price read
// "below zero" — in English and Chinese, with the other problems of the
// sale at once (a discount of "x"), an empty price is required and a
// quantity past 100000 out of range; nothing is saved.
func TestSaleLineUnreadNamesLineAndField(t *testing.T) {
	u, _, _ := saleTestApp(t)
	_, before, _ := u.store.FindSales(model.ListQuery{})
	for _, c := range []struct {
		lang                  string
		newSale, choose, save string
		want                  []string
	}{
		{langEn, "New sale", "Choose…", "Save", []string{"Line 1 · Unit price: Not a number", "Line 2 · Quantity: Not a number",
			"Line 3 · Unit price: Required", "Line 3 · Quantity: Must lie within 1–100000"}},
		{langZh, "新建销售", "选择…", "保存", []string{"第 1 行单价：不是数字", "第 2 行数量：不是数字",
			"第 3 行单价：必填", "第 3 行数量：应在 1–100000 之间"}},
	} {
		u.SetLanguage(c.lang)
		openProcessTab(t, u, map[string]string{langEn: "Sales", langZh: "销售业绩"}[c.lang])
		s := u.process.sales
		tapIn(t, u, c.newSale)
		tapIn(t, u, c.choose)
		test.Type(s.customer.list.search, "")
		u.Wait()
		tapRow(t, s.customer.list.table, 0)
		u.Wait()
		for _, code := range []string{"PT-110", "AC-210", "PT-101"} {
			tapIn(t, u, map[string]string{langEn: "Add a product", langZh: "添加产品"}[c.lang])
			test.Type(s.lines.picker.list.search, code)
			u.Wait()
			tapRow(t, s.lines.picker.list.table, 0)
			u.Wait()
		}
		fillIn(map[*entry]string{s.lines.price[0]: "abc", s.lines.qty[1]: "abc", s.lines.price[2]: "",
			s.lines.qty[2]: "99999999999999999999", s.entry(model.FieldSaleDiscount): "x"})
		tapIn(t, u, c.save)
		got := rendered(s.lines.box)
		for _, want := range c.want {
			if !strings.Contains(got, want) {
				t.Errorf("%s: no %q beneath the lines: %q", c.lang, want, got)
			}
		}
		if msg := s.form.message(model.FieldSaleDiscount); msg == "" {
			t.Errorf("%s: the discount of x is not named with the lines", c.lang)
		}
		if _, after, _ := u.store.FindSales(model.ListQuery{}); after != before {
			t.Fatalf("%s: a refused sale was saved", c.lang)
		}
	}
}
