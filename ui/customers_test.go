package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"advisordesk/model"

	"fyne.io/fyne/v2"
	fynestorage "fyne.io/fyne/v2/storage"
)

// TestCustomersMaskedAndLogged: an advisor's customer page lists their own
// customers whole and a colleague's masked (the front desk looks people up);
// the caller a customer is handed to sees it whole; HR's export of the
// customers is in the audit log.
func TestCustomersMaskedAndLogged(t *testing.T) {
	file := openFile(t, filepath.Join(t.TempDir(), "office.db"))
	hr, _, err := file.SetUp("admin", "王芳", testPassword)
	if err != nil {
		t.Fatal(err)
	}
	if err := hr.LoadDemo(12, 1); err != nil {
		t.Fatal(err)
	}
	me, _ := hr.Advisors.ByEmpNo.Get("SA0003")
	other, _ := hr.Advisors.ByEmpNo.Get("SA0005")
	for _, c := range []*model.Customer{
		{Name: "张客户", Phone: "13812345678", AdvisorID: me.ID},
		{Name: "李客户", Phone: "010-62345678", Email: "li.k@example.com", AdvisorID: other.ID},
		{Name: "赵客户", Phone: "13900001111", AdvisorID: other.ID, CallerID: me.ID},
	} {
		if err := hr.SaveCustomer(c); err != nil {
			t.Fatal(err)
		}
	}
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
	rows := u.customers.list.rowTexts() // the demo office's customers too
	if n, _ := hr.Customers.Count(); len(rows) != n {
		t.Fatalf("the advisor's customer list has %d of the %d customers: shared ones are looked up", len(rows), n)
	}
	want := map[string]string{"张客户": "13812345678", "李客户": "010-****5678", "赵客户": "13900001111"}
	for _, r := range rows {
		line := strings.Join(r, "|")
		for name, phone := range want {
			if strings.Contains(line, name) && !strings.Contains(line, phone) {
				t.Errorf("%s shows as %q, want the phone %s", name, line, phone)
			}
		}
		if strings.Contains(line, "62345678") && !strings.Contains(line, "****") {
			t.Errorf("a colleague's customer shows whole: %q", line)
		}
	}
	if strings.Contains(fmt.Sprint(rows), "li.k@example.com") {
		t.Error("a colleague's customer's e-mail shows whole")
	}
	// The caller's look at 赵客户 is logged.
	views, _ := hr.Audit(model.AuditQuery{Action: model.Viewed})
	if len(views) == 0 || !slices.ContainsFunc(views, func(c model.Change) bool { return c.Who.Name == me.Name }) {
		t.Fatalf("the caller's view is logged as %+v", views)
	}
	// HR exports the customers: logged before the file is written.
	hu := openAs(t, hr)
	hu.Open(pageProcess)
	hu.Wait()
	dir := t.TempDir()
	fyne.CurrentApp().Preferences().SetString("fyne:fileDialogLastFolder", fynestorage.NewFileURI(dir).String())
	tapIn(t, hu, "Export CSV…")
	tapOnTop(t, hu, "Save")
	tapOnTop(t, hu, "OK")
	files, _ := filepath.Glob(filepath.Join(dir, "customers-*.csv"))
	if len(files) != 1 {
		t.Fatalf("the export wrote %v", files)
	}
	csv, _ := os.ReadFile(files[0])
	if !strings.Contains(string(csv), "13812345678") || !strings.Contains(string(csv), "li.k@example.com") {
		t.Fatalf("HR's export lacks the whole data: %s", csv)
	}
	ex, _ := hr.Audit(model.AuditQuery{Action: model.Exported, Table: "customers"})
	if len(ex) != 1 || ex[0].Fields[0].New != filepath.Base(files[0]) || ex[0].Who.Name != "王芳" {
		t.Fatalf("the customers' export is logged as %+v", ex)
	}
}

// TestProductsTab: HR keeps the catalogue in the Work process page's second
// tab; an advisor reads it, prices and stock, and cannot change it.
func TestProductsTab(t *testing.T) {
	file := openFile(t, filepath.Join(t.TempDir(), "office.db"))
	hr, _, err := file.SetUp("admin", "王芳", testPassword)
	if err != nil {
		t.Fatal(err)
	}
	if err := hr.LoadDemo(6, 1); err != nil {
		t.Fatal(err)
	}
	u := openAs(t, hr)
	openProcessTab(t, u, "Products, prices and stock")
	s := u.process.products
	if n := len(s.list.rows); n != len(model.DemoProducts()) {
		t.Fatalf("the catalogue lists %d products", n)
	}
	tapIn(t, u, "New product")
	fillIn(map[*entry]string{s.entry(model.FieldProductCode): "PT-999", s.entry(model.FieldProductName): "测试配件",
		s.entry(model.FieldPrice): "12.345", s.entry(model.FieldStock): "3"})
	tapIn(t, u, "Save")
	if got := rendered(u.win.Content()); !strings.Contains(got, "At most two decimal places") {
		t.Fatalf("a price in tenths of fen was not refused: %q", got)
	}
	fillIn(map[*entry]string{s.entry(model.FieldPrice): "12.34"})
	tapIn(t, u, "Save")
	ps, _, err := hr.FindProducts(model.ListQuery{Text: "PT-999"})
	if err != nil || len(ps) != 1 || ps[0].Price != 12.34 || ps[0].Stock != 3 {
		t.Fatalf("the product on file: %+v %v", ps, err)
	}
	// An advisor reads the catalogue, read-only.
	me, _ := hr.Advisors.ByEmpNo.Get("SA0005")
	if err := hr.SaveAccount(&model.Account{Login: "sa0005", Name: me.Name, Role: model.RoleAdvisor, AdvisorID: me.ID}, "given pass 1"); err != nil {
		t.Fatal(err)
	}
	adv, err := file.Login("sa0005", "given pass 1")
	if err != nil {
		t.Fatal(err)
	}
	a := openAs(t, adv)
	openProcessTab(t, a, "Products, prices and stock")
	if !rowsContain(a.process.products.list.rowTexts(), "PT-999", "12.34") {
		t.Fatalf("the advisor does not see the catalogue: %v", a.process.products.list.rowTexts())
	}
	if b := findButton(a.win.Content(), "New product"); b != nil {
		t.Fatal("an advisor is offered a new product")
	}
}

// TestCustomerDeleteTapped: Delete on a customer asks by name and deletes;
// it crashed the window, for a customer has no key field to show.
func TestCustomerDeleteTapped(t *testing.T) {
	u, hr := newTestApp(t, 2)
	adv, _ := hr.Advisors.ByEmpNo.Get("SA0001")
	if err := hr.SaveCustomer(&model.Customer{Name: "Aaron Test", Phone: "13912345678", AdvisorID: adv.ID}); err != nil {
		t.Fatal(err)
	}
	before, _ := hr.Customers.Count()
	u.Open(pageProcess)
	u.Wait()
	i := slices.IndexFunc(u.customers.list.rowTexts(), func(r []string) bool { return r[0] == "Aaron Test" })
	if i < 0 {
		t.Fatalf("the new customer is not listed: %v", u.customers.list.rowTexts())
	}
	tapRow(t, u.customers.list.table, i)
	u.Wait()
	tapButton(t, u, u.win.Content(), "Delete")
	if got := dialogText(u); !strings.Contains(got, "Delete Aaron Test?") || strings.Contains(got, "()") {
		t.Fatalf("the delete question: %q", got)
	}
	tapButton(t, u, top(t, u), "Delete")
	u.Wait()
	if n, _ := hr.Customers.Count(); n != before-1 {
		t.Fatalf("%d customers after the delete, want %d", n, before-1)
	}
}
