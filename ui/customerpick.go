package ui

import (
	"strings"

	"advisordesk/model"
)

// customerPicker chooses one customer of those the person finds (a
// colleague's masked): search by name (also pinyin), phone or company. The
// sale and the complaint forms both open it; title is the translation key
// of its dialog's title. done gets the customer as the list shows them,
// with their advisor (the sale form follows it).
type customerPicker = listPicker[model.Customer]

func newCustomerPicker(u *App, title string, done func(c *model.Customer)) *customerPicker {
	var cols []column[model.Customer]
	for _, key := range []string{model.FieldCustomerName, model.FieldPhone, model.FieldCompany, model.FieldOwner} {
		f := model.CustomerRecord.Field(key)
		cols = append(cols, column[model.Customer]{key, max(f.List, 90), func(c *model.Customer) string { return strings.TrimSpace(f.Get(c)) }})
	}
	list := newListView(u, cols, u.store.FindCustomers, func(c *model.Customer) uint64 { return c.ID }, nil)
	list.q.Sort = model.FieldCustomerName
	list.searchKey, list.countKey, list.emptyKey = "records.search", "records.count", "records.empty"
	return newListPicker(u, tr(title), 600, list, done)
}

// pickCustomer is a reference field's picker of customers.
func pickCustomer(u *App, title string, opened **customerPicker) refPicker {
	return func(done func(uint64, string)) {
		*opened = newCustomerPicker(u, title, func(c *model.Customer) { done(c.ID, c.Name) })
		(*opened).show()
	}
}
