package ui

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"advisordesk/model"
	"advisordesk/storage"

	"fyne.io/fyne/v2/test"
)

// productsTestApp is a demo office with HR on the Products tab.
func productsTestApp(t *testing.T) (*App, *storage.DB) {
	t.Helper()
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
	return u, hr
}

// openProduct finds a product by its code in the list's search and taps it.
func openProduct(t *testing.T, u *App, code string) {
	t.Helper()
	s := u.process.products
	s.list.search.SetText("")
	test.Type(s.list.search, code)
	u.Wait()
	if len(s.list.rows) != 1 {
		t.Fatalf("searching %s lists %v", code, s.list.rowTexts())
	}
	tapRow(t, s.list.table, 0)
	u.Wait()
}

// TestProductKindService: the demo's services are services, listed with
// no stock ("—", not the −12 the walk saw); in the form a service's stock
// and back-order are disabled; goods with stock turned into a service are
// told their stock will be written off, and the save writes it off with a
// move the stock history shows under "a service keeps no stock".
func TestProductKindService(t *testing.T) {
	u, hr := productsTestApp(t)
	s := u.process.products
	if !rowsContain(s.list.rowTexts(), "SV-001", "Service", "—") || !rowsContain(s.list.rowTexts(), "PT-101", "Goods") {
		t.Fatalf("the catalogue lists %v", s.list.rowTexts())
	}
	openProduct(t, u, "SV-001")
	if !s.entry(model.FieldStock).Disabled() || s.entry(model.FieldStock).Text != "" || !s.choice(model.FieldBackorder).Disabled() {
		t.Error("a service's stock and back-order take input")
	}
	if got := rendered(s.formBox); !strings.Contains(got, "A service keeps no stock") {
		t.Errorf("the service's form says %q", got)
	}

	openProduct(t, u, "PT-102")
	had := s.editing.Stock
	if had == 0 || s.entry(model.FieldStock).Disabled() {
		t.Fatalf("PT-102 has stock %v", had)
	}
	popUp(t, u, s.choice(model.FieldProductKind))
	tapMenuItem(t, u, "Service")
	if got := rendered(s.formBox); !strings.Contains(got, "its stock of "+ftoa(had)+" is written off") {
		t.Errorf("turning goods with stock into a service says %q", got)
	}
	if !s.entry(model.FieldStock).Disabled() {
		t.Error("the stock takes input for a service")
	}
	tapIn(t, u, "Save")
	if s.form.banner.Visible() {
		t.Fatalf("refused: %s", s.form.banner.Text)
	}
	ps, _, _ := hr.FindProducts(model.ListQuery{Text: "PT-102"})
	if len(ps) != 1 || ps[0].Kind != model.Service || ps[0].Stock != 0 {
		t.Fatalf("on file: %+v", ps)
	}
	tapIn(t, u, "Stock history")
	got := rendered(top(t, u))
	for _, want := range []string{"A service keeps no stock. Below, the moves from when it was goods.",
		"Became a service: written off", "-" + ftoa(had)} {
		if !strings.Contains(got, want) {
			t.Errorf("the stock history has no %q: %q", want, got)
		}
	}

	// Back to goods: the stock takes input again, from 0.
	top(t, u).Hide()
	popUp(t, u, s.choice(model.FieldProductKind))
	tapMenuItem(t, u, "Goods")
	if s.entry(model.FieldStock).Disabled() || s.entry(model.FieldStock).Text != "0" || s.choice(model.FieldBackorder).Disabled() {
		t.Error("goods' stock does not take input again")
	}

	// In Chinese, the list says 服务 and —.
	u.SetLanguage(langZh)
	openProcessTab(t, u, "产品、价格与库存")
	if !rowsContain(u.process.products.list.rowTexts(), "SV-001", "服务", "—") {
		t.Errorf("zh: %v", u.process.products.list.rowTexts())
	}
}

func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
