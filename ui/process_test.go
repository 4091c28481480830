package ui

import (
	"testing"

	"advisordesk/model"
)

// openProcessTab opens the Work process page on the tab titled title, as
// a person taps it: the tabs' order is the page's to choose.
func openProcessTab(t *testing.T, u *App, title string) {
	t.Helper()
	u.Open(pageProcess)
	u.Wait()
	tabs := u.process.tabs
	for i, it := range tabs.Items {
		if it.Text == title {
			tabs.SelectIndex(i)
			u.Wait()
			return
		}
	}
	t.Fatalf("no %q tab in %v", title, tabItems(tabs))
}

// A customer saved before "key customer" existed reads as not one (否),
// not as a choice still to make.
func TestYesNoOfAnOlderRecordReadsNo(t *testing.T) {
	u, db := newTestApp(t, 6)
	c := &model.Customer{Name: "旧客户", Phone: "13700001234", AdvisorID: 1}
	if err := db.SaveCustomer(c); err != nil {
		t.Fatal(err)
	}
	openProcessTab(t, u, "Customers")
	s := u.process.customers
	for i, r := range s.list.rows {
		if r.ID == c.ID {
			tapRow(t, s.list.table, i)
			u.Wait()
			if got := s.choice(model.FieldKeyCustomer).Selected; got != tr("yesno.no") {
				t.Fatalf("key customer shows %q", got)
			}
			return
		}
	}
	t.Fatal("the customer is not listed")
}
