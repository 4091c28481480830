package ui

import (
	"io"

	"advisordesk/exchange"
	"advisordesk/i18n"
	"advisordesk/model"
	"advisordesk/report"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// customersScreen is chapter 4's customer list (客户资料): the list-and-form
// screen of the customer's description. Whose customers a person sees, and
// whether masked, the store decides; the screen only offers what they may do.
type customersScreen struct {
	*recordScreen[model.Customer]
	picker *advisorPicker // the advisor picker last opened

	pageBtn, transferBtn *widget.Button
	// what is open, for tests: the page, the duplicate warning, the transfer
	page     *customerPage
	dup      *duplicateWarning
	transfer *transferForm
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
	s.pageBtn = widget.NewButtonWithIcon(tr("customer.page"), theme.InfoIcon(), func() {
		if c := s.editing; c != nil && c.ID != 0 {
			s.page = u.showCustomerPage(c.ID)
		}
	})
	s.transferBtn = widget.NewButtonWithIcon(tr("customer.transfer"), theme.MailForwardIcon(), s.askTransfer)
	actions := container.NewHBox(s.pageBtn)
	if s.leads() {
		actions.Add(s.transferBtn)
		s.tools = append(s.tools, widget.NewButtonWithIcon(tr("customer.transfer_all"), theme.MailForwardIcon(), s.askTransferAll))
	}
	s.sync = func() {
		if c := s.editing; c != nil && c.ID != 0 {
			actions.Show()
		} else {
			actions.Hide()
		}
	}
	s.below = []fyne.CanvasObject{actions, widget.NewSeparator(), container.NewPadded(note)}
	s.confirm = s.checkPhone
	return s
}

// leads reports whether the person hands customers from one advisor to
// another: HR, and a supervisor within their team.
func (s *customersScreen) leads() bool {
	r := s.u.store.Who().Role
	return (r == model.RoleHR || r == model.RoleSupervisor) && s.writable()
}

// checkPhone warns, before a new customer is saved (or a number changed),
// that their number is already someone's: who, as the person may see
// them. The person goes on or stops.
func (s *customersScreen) checkPhone(c *model.Customer, save, stop func()) {
	if c.Phone == "" || (c.ID != 0 && model.NormalPhone(c.Phone) == model.NormalPhone(s.editing.Phone)) {
		save()
		return
	}
	askSamePhone(s.u, c.Phone, c.ID, &s.dup, save, stop)
}

// askSamePhone runs save at once when no customer but except has phone;
// otherwise it says who has it (as the person may see them) and runs save
// if the person goes on, stop if not. *open is the warning while it shows.
func askSamePhone(u *App, phone string, except uint64, open **duplicateWarning, save, stop func()) {
	var same []*model.Customer
	u.background(func() (err error) {
		same, err = u.store.SamePhone(phone, except)
		return err
	}, func(err error) {
		if err != nil || len(same) == 0 {
			save() // the save itself says what is wrong, if anything
			return
		}
		*open = newDuplicateWarning(phone, same, func(ok bool) {
			*open = nil
			if ok {
				save()
			} else {
				stop()
			}
		}, u)
	})
}

// duplicateWarning lists the customers who already have a number.
type duplicateWarning struct {
	dlg   *dialog.ConfirmDialog
	lines []string // what it says of each customer; for tests
}

func newDuplicateWarning(phone string, same []*model.Customer, done func(bool), u *App) *duplicateWarning {
	w := &duplicateWarning{}
	text := widget.NewLabel(tr("customer.dup_text", "Phone", phone, "Count", len(same)))
	text.Wrapping = fyne.TextWrapWord
	box := container.NewVBox(text)
	for _, c := range same {
		line := c.Name + "  ·  " + c.Phone
		if c.Advisor != "" {
			line += "  ·  " + tr("customer.dup_owner", "Name", c.Advisor)
		}
		if c.Company != "" {
			line += "  ·  " + c.Company
		}
		w.lines = append(w.lines, line)
		l := widget.NewLabelWithStyle(line, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		box.Add(l)
	}
	ask := widget.NewLabel(tr("customer.dup_ask"))
	ask.Wrapping = fyne.TextWrapWord
	box.Add(ask)
	w.dlg = dialog.NewCustomConfirm(tr("customer.dup_title"), tr("customer.dup_go"), tr("customer.dup_stop"), box, done, u.win)
	w.dlg.Resize(fyne.NewSize(560, 0))
	w.dlg.Show()
	return w
}

// askTransfer hands the open customer to another advisor, with a reason.
func (s *customersScreen) askTransfer() {
	c := s.editing
	if c == nil || c.ID == 0 {
		return
	}
	s.transferDialog(tr("customer.transfer_one", "Name", c.Name), nil, []uint64{c.ID})
}

// askTransferAll hands every customer of an advisor (one who leaves) to
// another, with a reason.
func (s *customersScreen) askTransferAll() {
	from := newRefInput(func(done func(uint64, string)) {
		s.picker = newAdvisorPicker(s.u, done)
		s.picker.show()
	})
	from.show(0, "")
	s.transferDialog(tr("customer.transfer_all"), from, nil)
}

// transferDialog asks for the advisor to hand to (and, from set, the one
// to hand from) and the reason, then hands over off the UI thread.
func (s *customersScreen) transferDialog(title string, from *refInput, ids []uint64) {
	to := newRefInput(func(done func(uint64, string)) {
		s.picker = newAdvisorPicker(s.u, done)
		s.picker.show()
	})
	to.show(0, "")
	reason := newEntry(s.u)
	reason.SetPlaceHolder(tr("customer.reason_hint"))
	problem := widget.NewLabel("")
	problem.Importance = widget.DangerImportance
	problem.Wrapping = fyne.TextWrapWord
	problem.Hide()
	var items []*widget.FormItem
	if from != nil {
		items = append(items, widget.NewFormItem(tr("customer.transfer_from"), from.object()))
	}
	items = append(items, widget.NewFormItem(tr("field.transfer_to"), to.object()),
		widget.NewFormItem(tr("field.reason"), reason))
	form := widget.NewForm(items...)
	var dlg *dialog.CustomDialog
	var ok *widget.Button
	ok = widget.NewButtonWithIcon(tr("customer.transfer_go"), theme.ConfirmIcon(), func() {
		fromID := uint64(0)
		if from != nil {
			fromID = from.id
			if fromID == 0 {
				problem.SetText(tr("customer.transfer_needs_from"))
				problem.Show()
				return
			}
		}
		ok.Disable()
		var n int
		s.u.background(func() (err error) {
			n, err = s.u.store.TransferCustomers(ids, fromID, to.id, reason.Text)
			return err
		}, func(err error) {
			ok.Enable()
			if err != nil {
				problem.SetText(s.u.labels().Explain(err))
				problem.Show()
				return
			}
			dlg.Hide()
			s.status.SetText(trN("customer.transfer_done", n, "Name", to.text))
			if c := s.editing; c != nil && len(ids) == 1 {
				s.reopen(c.ID)
			}
			s.list.reload()
		})
	})
	ok.Importance = widget.HighImportance
	cancel := widget.NewButton(tr("action.cancel"), func() { dlg.Hide() })
	dlg = dialog.NewCustomWithoutButtons(title, container.NewVBox(form, problem, container.NewHBox(layout.NewSpacer(), cancel, ok)), s.u.win)
	dlg.Resize(fyne.NewSize(520, 0))
	s.transfer = &transferForm{dlg: dlg, to: to, from: from, reason: reason, ok: ok, problem: problem}
	// The dialog answers Esc and Ctrl+S itself: Esc went through to the
	// customer's form behind it and closed that instead.
	s.u.modalKeys(dlg, func() {
		if !ok.Disabled() {
			ok.OnTapped()
		}
	}, dlg.Hide)
	dlg.Show()
}

// transferForm is the open transfer dialog; for tests.
type transferForm struct {
	dlg      *dialog.CustomDialog
	to, from *refInput
	reason   *entry
	ok       *widget.Button
	problem  *widget.Label
}

// reopen shows customer id again as the store has it now.
func (s *customersScreen) reopen(id uint64) {
	var c *model.Customer
	s.u.background(func() (err error) {
		c, err = s.u.store.GetCustomer(id)
		return err
	}, func(err error) {
		if err == nil {
			s.edit(c)
		}
	})
}
