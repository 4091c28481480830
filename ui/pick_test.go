package ui

import (
	"strings"
	"testing"

	"advisordesk/model"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestPickersChooseByKeyboard: the customer and advisor pickers answer
// the keyboard as the product picker does: typing filters, Enter chooses
// the one match left, ↓ moves a highlight that Enter chooses, Enter among
// several matches with nothing highlighted chooses nothing, Esc closes
// without a choice.
func TestPickersChooseByKeyboard(t *testing.T) {
	d := newComplaintDesk(t)
	for _, name := range []string{"王建华", "李四"} {
		if err := d.hr.SaveCustomer(&model.Customer{Name: name, Phone: "139000000" + map[string]string{"王建华": "01", "李四": "02"}[name], AdvisorID: d.boID}); err != nil {
			t.Fatal(err)
		}
	}
	u := openAs(t, d.bo)
	s := complaintsTab(t, u)
	tapIn(t, u, "Take in a complaint")
	c := u.win.Canvas()
	customer := s.inputs[model.FieldComplCustomer].ref
	open := func(b *refInput) {
		t.Helper()
		test.Tap(b.choose)
		u.Wait()
		if c.Overlays().Top() == nil {
			t.Fatal("no picker opened")
		}
		if _, ok := c.Focused().(*entry); !ok {
			t.Fatalf("the picker's search has not the typing: %T", c.Focused())
		}
	}

	open(customer)
	typeText(u, " 王建国") // the Space that opened a picker from its button arrives in its search
	u.Wait()
	if got := s.cpicker.list.search.Text; got != "王建国" {
		t.Errorf("the search holds %q", got)
	}
	key(u, fyne.KeyReturn)
	u.Wait()
	if c.Overlays().Top() != nil || customer.text != d.customerName {
		t.Fatalf("Enter on the only match: picker open %v, customer %q", c.Overlays().Top() != nil, customer.text)
	}
	if !strings.Contains(rendered(s.formBox), d.customerName) {
		t.Error("the form does not show the customer chosen")
	}

	open(customer)
	typeText(u, "王建")
	u.Wait()
	if rows := s.cpicker.list.rowTexts(); len(rows) != 2 {
		t.Fatalf("王建 finds %v", rows)
	}
	key(u, fyne.KeyReturn)
	u.Wait()
	if c.Overlays().Top() == nil {
		t.Fatal("Enter among two matches with none highlighted closed the picker")
	}
	second := s.cpicker.list.rows[1].Name
	key(u, fyne.KeyDown)
	key(u, fyne.KeyDown)
	key(u, fyne.KeyDown) // stays on the last row
	key(u, fyne.KeyUp)
	key(u, fyne.KeyDown)
	key(u, fyne.KeyReturn)
	u.Wait()
	if c.Overlays().Top() != nil || customer.text != second {
		t.Fatalf("↓ ↓ Enter chose %q, want the second row %q", customer.text, second)
	}

	// Enter typed before the answer to the typing came waits for it.
	open(customer)
	typeText(u, "王建国")
	key(u, fyne.KeyReturn)
	u.Wait()
	if c.Overlays().Top() != nil || customer.text != d.customerName {
		t.Fatalf("Enter before the answer: picker open %v, customer %q", c.Overlays().Top() != nil, customer.text)
	}

	open(customer)
	typeText(u, "李")
	u.Wait()
	key(u, fyne.KeyEscape)
	u.Wait()
	if c.Overlays().Top() != nil || customer.text != d.customerName {
		t.Fatalf("Esc: picker open %v, customer %q", c.Overlays().Top() != nil, customer.text)
	}

	// The advisor picker, as the supervisor who sees her team.
	u = openAs(t, d.sun)
	s = complaintsTab(t, u)
	tapIn(t, u, "Take in a complaint")
	c = u.win.Canvas()
	handler := s.inputs[model.FieldHandler].ref
	open(handler)
	typeText(u, "SA0003")
	u.Wait()
	key(u, fyne.KeyReturn)
	u.Wait()
	if c.Overlays().Top() != nil || handler.text != "安然" {
		t.Fatalf("Enter in the advisor picker: open %v, handler %q (rows %v)", c.Overlays().Top() != nil, handler.text, s.picker.list.rowTexts())
	}
}

// TestSupervisorsSaleFollowsTheCustomersAdvisor: a supervisor's new sale
// is hers until she chooses a customer of one of her advisors; then it is
// that advisor's, unless she chose the advisor herself.
func TestSupervisorsSaleFollowsTheCustomersAdvisor(t *testing.T) {
	d := newComplaintDesk(t)
	u := openAs(t, d.sun)
	openProcessTab(t, u, "Sales")
	s := u.process.sales
	advisor := s.inputs[model.FieldSaleAdvisor].ref
	chooseCustomer := func() {
		t.Helper()
		test.Tap(s.inputs[model.FieldSaleCustomer].ref.choose)
		u.Wait()
		typeText(u, d.customerName)
		u.Wait()
		key(u, fyne.KeyReturn)
		u.Wait()
	}
	tapIn(t, u, "New sale")
	if advisor.text != "孙丽" {
		t.Fatalf("a supervisor's new sale starts with advisor %q", advisor.text)
	}
	chooseCustomer()
	if advisor.text != "薄一" || !strings.Contains(rendered(s.formBox), "薄一") {
		t.Fatalf("after choosing 薄一's customer the advisor is %q", advisor.text)
	}

	tapIn(t, u, "Cancel")
	tapIn(t, u, "New sale")
	test.Tap(advisor.choose)
	u.Wait()
	typeText(u, "SA0003")
	u.Wait()
	key(u, fyne.KeyReturn)
	u.Wait()
	chooseCustomer()
	if advisor.text != "安然" {
		t.Fatalf("the advisor chosen by hand became %q after the customer", advisor.text)
	}
}
