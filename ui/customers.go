package ui

import (
	"io"

	"advisordesk/exchange"
	"advisordesk/i18n"
	"advisordesk/model"
	"advisordesk/report"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// customersScreen is chapter 4's customer list (客户资料): the list-and-form
// screen of the customer's description. Whose customers a person sees, and
// whether masked, the store decides; the screen only offers what they may do.
type customersScreen struct {
	*recordScreen[model.Customer]
	picker *advisorPicker // the advisor picker last opened
}

func newCustomersScreen(u *App) *customersScreen {
	s := &customersScreen{}
	st := recordStore[model.Customer]{find: u.store.FindCustomers, save: u.store.SaveCustomer,
		remove: u.store.DeleteCustomer}
	s.recordScreen = newRecordScreen(u, model.CustomerRecord, st, func(c *model.Customer) uint64 { return c.ID }, "")
	s.name = func(c *model.Customer) string { return c.Name }
	s.keys.add, s.keys.formNew, s.keys.selectHint = "customers.add", "customers.form_new", "customers.select_hint"
	s.list.q.Sort = model.FieldCustomerName
	s.files = recordFiles[model.Customer]{printStem: "customers", exportStem: "customers",
		print: func(w io.Writer, list []*model.Customer, m report.Meta) error {
			return (&report.Table[model.Customer]{Record: model.CustomerRecord, Numbered: true}).Print(w, list, m)
		},
		csv: func(w io.Writer, l *i18n.Labels, each func(func(*model.Customer) error) error) (int, error) {
			return exchange.WriteCSV(w, l, model.CustomerRecord, each)
		},
		xlsx: func(w io.Writer, l *i18n.Labels, each func(func(*model.Customer) error) error) (int, error) {
			return exchange.WriteXLSX(w, l, model.CustomerRecord, "record.customers", each)
		}}
	// A new customer is the advisor's own who adds them.
	me := u.store.Who()
	s.fresh = func() *model.Customer {
		c := &model.Customer{}
		if me.Advisor != 0 {
			c.AdvisorID, c.Advisor = me.Advisor, me.Name
		}
		return c
	}
	pick := func(done func(uint64, string)) {
		s.picker = newAdvisorPicker(u, done)
		s.picker.show()
	}
	s.pickers = map[string]refPicker{model.FieldOwner: pick, model.FieldCaller: pick}
	note := widget.NewLabel(tr("customers.privacy"))
	note.Wrapping = fyne.TextWrapWord
	note.Importance = widget.LowImportance
	s.below = []fyne.CanvasObject{widget.NewSeparator(), container.NewPadded(note)}
	return s
}
