package ui

import (
	"errors"

	"advisordesk/model"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// newCallDialog arranges a follow-up call by hand: the customer (the
// shared customer picker), the reason, the day and the caller. Choosing a
// customer asks the store for a draft, which names the caller the rules
// would — someone other than the advisor who served — and the day of the
// last reception the call may not precede. Opened from the due list and
// from the customer page (the customer filled in).
type newCallDialog struct {
	u        *App
	form     *form
	customer *refInput
	reason   *choice[model.FollowUpReason]
	due      *entry
	caller   *refInput
	notes    *entry
	about    *widget.Label
	draft    *model.FollowUp // the store's draft for the customer chosen
	picker   *customerPicker
	loading  bool // a draft is being read: a save waits for it
	dlg      dialog.Dialog
	saved    func(f *model.FollowUp)
}

// showNewCall opens the dialog; customer, when not 0, is filled in.
// saved runs after the call is on file.
func (u *App) showNewCall(customer uint64, name string, saved func(f *model.FollowUp)) *newCallDialog {
	d := &newCallDialog{u: u, form: newForm(), saved: saved}
	d.customer = newRefInput(func(done func(uint64, string)) {
		d.picker = newCustomerPicker(u, "followup.choose_customer", func(c *model.Customer) {
			done(c.ID, c.Name)
			d.load(c.ID)
		})
		d.picker.show()
	})
	d.customer.show(0, "")
	d.form.add(model.FieldFUCustomer, d.customer.object(), true)
	d.reason = newChoice(model.FollowUpReasons, "followup.reason.")
	d.reason.set(model.ReasonManual)
	d.form.add(model.FieldFUReason, d.reason, true)
	d.due = newEntry(u)
	d.due.SetPlaceHolder(tr("form.hint_date"))
	d.due.SetText(string(model.AddDays(u.store.Today(), 1)))
	d.due.OnSubmitted = func(string) { d.save() }
	d.form.add(model.FieldFUDue, d.due, true)
	d.caller = newRefInput(func(done func(uint64, string)) { newAdvisorPicker(u, done).show() })
	d.caller.show(0, "")
	d.form.add(model.FieldFUCaller, d.caller.object(), false)
	d.notes = newEntry(u)
	d.notes.OnSubmitted = func(string) { d.save() }
	d.form.add(model.FieldNotes, d.notes, false)
	d.about = widget.NewLabel(tr("followup.new_hint"))
	d.about.Wrapping = fyne.TextWrapWord
	d.about.Importance = widget.LowImportance

	save := widget.NewButton(tr("action.save"), d.save)
	save.Importance = widget.HighImportance
	cancel := widget.NewButton(tr("action.cancel"), func() { d.dlg.Hide() })
	d.dlg = dialog.NewCustomWithoutButtons(tr("followup.new_title"),
		container.NewBorder(nil, container.NewVBox(d.about, container.NewHBox(layout.NewSpacer(), cancel, save)), nil, nil,
			d.form.content()), u.win)
	d.resize()
	u.modalKeys(d.dlg, d.save, func() { d.dlg.Hide() })
	d.dlg.Show()
	if customer != 0 {
		d.customer.show(customer, name)
		d.load(customer)
	}
	return d
}

// resize fits the dialog to its content: a message under a field makes
// the form taller, and the buttons must stay below the last row.
func (d *newCallDialog) resize() { d.dlg.Resize(fyne.NewSize(540, 0)) }

// load asks the store for the draft of a call to customer id and puts its
// caller in the form; a customer whose calls the person may not arrange
// is named beside the field.
func (d *newCallDialog) load(id uint64) {
	var f *model.FollowUp
	d.loading = true
	d.u.background(func() (err error) {
		f, err = d.u.store.DraftFollowUp(id)
		return err
	}, func(err error) {
		d.loading = false
		if d.customer.id != id {
			return // another customer was chosen meanwhile
		}
		if err != nil {
			d.draft = nil
			if r := new(model.Refusal); errors.As(err, &r) {
				d.form.showErrors(model.FieldErrors{{Field: model.FieldFUCustomer, Code: model.CodeCallNotYours}}, d.u.labels())
				d.resize()
				return
			}
			d.u.showError(err)
			return
		}
		d.draft = f
		d.form.clearErrors()
		d.caller.show(f.CallerID, f.Caller)
		last := string(f.ReceptionDate)
		if last == "" {
			last = tr("followup.never")
		}
		d.about.SetText(tr("followup.new_about", "Advisor", f.Advisor, "Last", last))
		d.resize()
	})
}

// save checks the day as typed, then saves the call; refused, every
// problem is named beside its field at once.
func (d *newCallDialog) save() {
	if d.loading {
		return
	}
	f := &model.FollowUp{}
	if d.draft != nil && d.draft.CustomerID == d.customer.id {
		cp := *d.draft
		f = &cp
	}
	var errs model.FieldErrors
	f.Due = dateIn(d.due, model.FieldFUDue, &errs)
	f.Reason = d.reason.value()
	f.CallerID, f.Caller = d.caller.id, d.caller.text
	f.Notes = d.notes.Text
	switch {
	case d.customer.id == 0:
		errs = append(errs, &model.FieldError{Field: model.FieldFUCustomer, Code: model.CodeChooseCustomer})
	case d.draft == nil || d.draft.CustomerID != d.customer.id:
		// No draft for the customer chosen: the store refused it.
		errs = append(errs, &model.FieldError{Field: model.FieldFUCustomer, Code: model.CodeCallNotYours})
	}
	if errs != nil {
		// Every other problem too, as the store would find it (a bad day
		// hid a note too long); the advisor comes with the draft.
		probe := *f
		probe.AdvisorID = max(probe.AdvisorID, 1)
		d.form.showErrors(allProblems(&probe, errs, d.u.store.Today()), d.u.labels())
		d.resize()
		return
	}
	d.form.submitThen(d.u, func() error { return d.u.store.SaveFollowUp(f) }, func() {
		d.dlg.Hide()
		if d.saved != nil {
			d.saved(f)
		}
	}, d.resize)
}
