package ui

import (
	"slices"
	"strings"
	"time"
	"unicode"

	"advisordesk/model"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// receptionScreen is the reception log (客户接待): a quick-entry form for a
// walk-in beside the list of receptions. The form is made for the keyboard:
// the customer is found by typing part of a name or phone (the matches
// show below; arrows and Enter choose one), a name not found is a new
// customer saved with the reception, Tab walks the fields in the order a
// walk-in is told — who, their phone, the outcome, the need — with the
// day, the time and the advisor (filled in) last, and Enter in any line
// saves. A reception chosen in the list opens in the same form, to read
// whole and, for those who may write it, to correct (see open).
type receptionScreen struct {
	u    *App
	list *listView[model.Reception]
	form *form
	// editing is the reception open for correction, as read; nil while
	// the form takes a new walk-in.
	editing *model.Reception
	title   *widget.Label
	history *widget.Button

	lookup   *entry          // its arrows and Enter go through lookupKey
	matches  *fyne.Container // the matches, one label each: not in the Tab order
	found    []*model.Customer
	hi       int             // the highlighted match; -1 for none
	customer *model.Customer // the customer chosen; nil: a new one, typed
	chosen   *widget.Label
	phone    *entry // a new customer's phone
	date     *entry
	clock    *entry
	// stamp is the day and time a blank form was given; untouched, they
	// follow the clock when the walk-in begins (the form may wait for hours).
	stamp    [2]string
	need     *entry
	asked    *entry
	products *refInput
	picked   []uint64
	names    []string
	chosenPs *widget.Label // the products' names whole, beneath their button
	outcome  *choice[model.ReceptionOutcome]
	advisor  *refInput
	status   *widget.Label
	saveBtn  *widget.Button
	clearBtn *widget.Button
	picker   *productPicker
	dup      *duplicateWarning // while it asks about a number on file
}

func newReceptionScreen(u *App) *receptionScreen {
	s := &receptionScreen{u: u, hi: -1}
	s.list = newListView(u, recordColumns(model.ReceptionRecord), u.store.FindReceptions,
		func(r *model.Reception) uint64 { return r.ID }, func(r *model.Reception) { s.open(r) })
	s.list.searchKey, s.list.countKey, s.list.emptyKey = "records.search", "records.count", "records.empty"
	s.list.q.Sort, s.list.q.Desc = model.FieldRecDate, true
	// Icon-only paging: the pager's texts kept the list ≥ 580 px wide, and
	// the split gave the form only what was left.
	s.list.compact = true
	fitChoices(s.list, model.ReceptionRecord) // "已保养/服务" whole
	s.build()
	return s
}

func (s *receptionScreen) build() {
	u := s.u
	s.form = newForm()
	s.lookup = newEntry(u)
	s.lookup.SetPlaceHolder(tr("reception.lookup_hint"))
	s.lookup.OnChanged = s.search
	s.lookup.keys = s.lookupKey
	s.lookup.OnSubmitted = func(string) { s.save() }
	s.matches = container.NewVBox()
	s.chosen = widget.NewLabel("")
	s.chosen.Importance = widget.SuccessImportance
	s.chosen.Truncation = fyne.TextTruncateEllipsis // a long name must not widen the window
	s.chosen.Hide()
	s.form.add(model.FieldRecCustomer, container.NewVBox(s.lookup, s.chosen, s.matches), true)
	s.phone = newEntry(u)
	s.phone.SetPlaceHolder(tr("form.hint_phone"))
	s.phone.OnSubmitted = func(string) { s.save() }
	ff := s.form.add(model.FieldPhone, s.phone, false)
	ff.label = tr("reception.new_phone")
	s.outcome = newChoice(model.ReceptionOutcomes, "reception.outcome.")
	s.form.add(model.FieldRecOutcome, s.outcome, true)
	s.need = s.textEntry(model.FieldNeed)
	s.asked = s.textEntry(model.FieldQuestions)
	s.products = newRefInput(func(done func(uint64, string)) {
		s.picker = newProductPicker(u, func(p *model.Product) {
			s.picked, s.names = append(s.picked, p.ID), append(s.names, p.Name)
			done(p.ID, strings.Join(s.names, "、"))
			s.showProducts()
			// On to what follows the products, whose Enter saves: the
			// walk-in is told in that order.
			u.win.Canvas().Focus(s.date)
		})
		s.picker.show()
	})
	s.products.clear.OnTapped = func() {
		s.picked, s.names = nil, nil
		s.products.show(0, "")
		s.showProducts()
	}
	s.chosenPs = widget.NewLabel("")
	s.chosenPs.Wrapping = fyne.TextWrapWord
	s.chosenPs.SizeName = theme.SizeNameCaptionText
	s.chosenPs.Hide()
	// A shorter label than the list column's: the form's inputs keep room.
	s.form.add(model.FieldRecommended, container.NewVBox(s.products.object(), s.chosenPs), false).label = tr("reception.products")
	// What is rarely changed comes last: today, now, oneself.
	s.date = s.lineEntry(model.FieldRecDate, tr("form.hint_date"), true)
	s.clock = s.lineEntry(model.FieldRecTime, tr("form.hint_time"), true)
	s.advisor = newRefInput(func(done func(uint64, string)) { newAdvisorPicker(u, done).show() })
	s.form.add(model.FieldRecAdvisor, s.advisor.object(), true)
	s.status = widget.NewLabel("")
	s.status.Importance = widget.SuccessImportance
	s.status.Wrapping = fyne.TextWrapWord
	s.saveBtn = widget.NewButtonWithIcon(tr("action.save"), theme.DocumentSaveIcon(), s.save)
	s.saveBtn.Importance = widget.HighImportance
	s.title = widget.NewLabelWithStyle(tr("reception.form_title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.title.Truncation = fyne.TextTruncateEllipsis
	s.clearBtn = widget.NewButtonWithIcon(tr("action.clear"), theme.ContentClearIcon(), s.reset)
	s.history = widget.NewButtonWithIcon(tr("history.action"), theme.HistoryIcon(), func() {
		if r := s.editing; r != nil {
			s.u.showHistory(model.ReceptionRecord.Name, r.ID, r.Customer+" "+string(r.Date), model.ReceptionRecord)
		}
	})
	s.reset()
}

// textEntry adds an entry for what a customer said: it wraps, so that an
// opened reception reads whole, yet Tab moves on and Enter saves, as in
// the one-line fields.
func (s *receptionScreen) textEntry(key string) *entry {
	e := newMultiLineEntry(s.u)
	e.tabMoves = true
	e.SetMinRowsVisible(2)
	e.keys = func(k *fyne.KeyEvent) bool {
		if k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter {
			s.save()
			return true
		}
		return false
	}
	s.form.add(key, e, false)
	return e
}

// showProducts lists the recommended products whole beneath their button,
// which cuts a long list.
func (s *receptionScreen) showProducts() {
	s.chosenPs.SetText(strings.Join(s.names, "、"))
	s.chosenPs.Hidden = len(s.names) == 0
	s.chosenPs.Refresh()
}

// lineEntry adds a one-line entry for field key whose Enter saves.
func (s *receptionScreen) lineEntry(key, hint string, required bool) *entry {
	e := newEntry(s.u)
	e.SetPlaceHolder(hint)
	e.OnSubmitted = func(string) { s.save() }
	s.form.add(key, e, required)
	return e
}

// reset empties the form for the next walk-in: today, now, the person's
// own advisor record.
func (s *receptionScreen) reset() {
	s.form.clearErrors()
	s.editing = nil
	s.list.selected = 0
	s.list.showSelected()
	s.title.SetText(tr("reception.form_title"))
	s.clearBtn.SetText(tr("action.clear"))
	s.history.Hide()
	s.setEditable(true)
	s.customer, s.found, s.hi = nil, nil, -1
	s.lookup.SetText("")
	s.chosen.Hide()
	s.phone.SetText("")
	s.phone.SetPlaceHolder(tr("form.hint_phone"))
	s.phone.Enable()
	s.restamp()
	s.need.SetText("")
	s.asked.SetText("")
	s.picked, s.names = nil, nil
	s.products.show(0, "")
	s.showProducts()
	s.outcome.set("")
	me := s.u.store.Who()
	s.advisor.show(me.Advisor, "")
	if me.Advisor != 0 {
		s.advisor.show(me.Advisor, me.Name)
	}
	s.showMatches()
}

// showMatches lists the customers found, the highlighted one marked; a
// tap on one chooses it.
func (s *receptionScreen) showMatches() {
	s.matches.Objects = nil
	for i, c := range s.found {
		text := strings.TrimSpace(c.Name + "  " + c.Phone + "  " + c.Company)
		if i == s.hi {
			text = "▶ " + text
		}
		m := newMatchRow(text, func() { s.choose(c); s.u.win.Canvas().Focus(s.outcome) })
		if i == s.hi {
			m.Importance = widget.HighImportance
			m.TextStyle.Bold = true
		}
		s.matches.Add(m)
	}
	s.matches.Refresh()
}

func (s *receptionScreen) content() fyne.CanvasObject {
	// Escape on a half-typed walk-in asks, as leaving the page does.
	s.list.bindKeys(nil, s.save, func() { s.u.leave(s.reset, nil) })
	s.u.editor = s
	hint := widget.NewLabel(tr("reception.keys_hint"))
	hint.Importance = widget.LowImportance
	hint.Wrapping = fyne.TextWrapWord
	buttons := container.NewHBox(s.saveBtn, s.clearBtn, s.history)
	s.form.scroll = scrollBeside(s.form.content())
	formBox := container.NewBorder(container.NewVBox(s.title, hint, widget.NewSeparator()),
		container.NewVBox(widget.NewSeparator(), buttons, s.status), nil, nil, s.form.scroll)
	split := container.NewHSplit(container.NewPadded(formBox), s.list.content())
	// The form's inputs take the room a look-up's hint needs; the list
	// keeps its first five columns (the rest scroll, and open in the form).
	split.Offset = 0.5
	s.list.reload()
	// Typing goes to the look-up once the tab shows it.
	s.u.background(func() error { return nil }, func(error) { s.u.win.Canvas().Focus(s.lookup) })
	return split
}

// search shows the customers whose name, pinyin or phone holds what is
// typed; typing again after a choice starts a new look-up.
// restamp gives a blank walk-in today's date and the time now.
func (s *receptionScreen) restamp() {
	s.stamp = [2]string{string(s.u.store.Today()), time.Now().Format("15:04")}
	s.date.SetText(s.stamp[0])
	s.clock.SetText(s.stamp[1])
}

func (s *receptionScreen) search(text string) {
	if s.editing == nil && s.date.Text == s.stamp[0] && s.clock.Text == s.stamp[1] {
		s.restamp() // the walk-in begins now, not when the form was laid out
	}
	if s.customer != nil && text != s.customer.Name {
		s.customer = nil
		s.chosen.Hide()
		s.phone.SetPlaceHolder(tr("form.hint_phone"))
		s.phone.Enable()
	}
	text = strings.TrimSpace(text)
	if text == "" || s.customer != nil {
		s.found, s.hi = nil, -1
		s.showMatches()
		return
	}
	var found []*model.Customer
	s.u.background(func() (err error) {
		found, err = s.u.store.FindCustomersByText(text, 8)
		return err
	}, func(err error) {
		if err != nil {
			s.u.showError(err)
			return
		}
		if strings.TrimSpace(s.lookup.Text) != text {
			return // typed on since
		}
		s.found, s.hi = found, -1
		if len(found) > 0 {
			s.hi = 0
		}
		s.showMatches()
	})
}

// matchRow is one customer found: tapped, it is chosen. A label, not a
// button, so that Tab goes from the look-up straight to the next field
// even while matches show.
type matchRow struct {
	widget.Label
	tapped func()
}

func newMatchRow(text string, tapped func()) *matchRow {
	m := &matchRow{tapped: tapped}
	m.Text = text
	m.Truncation = fyne.TextTruncateEllipsis
	m.ExtendBaseWidget(m)
	return m
}

func (m *matchRow) Tapped(*fyne.PointEvent) { m.tapped() }

// lookupKey moves through the matches and chooses one.
func (s *receptionScreen) lookupKey(k *fyne.KeyEvent) bool {
	switch k.Name {
	case fyne.KeyDown, fyne.KeyUp:
		if len(s.found) == 0 {
			return false
		}
		step := 1
		if k.Name == fyne.KeyUp {
			step = -1
		}
		s.hi = min(max(s.hi+step, 0), len(s.found)-1)
		s.showMatches()
		return true
	case fyne.KeyReturn, fyne.KeyEnter:
		if s.customer == nil && s.hi >= 0 && s.hi < len(s.found) {
			s.choose(s.found[s.hi])
			s.u.win.Canvas().FocusNext()
			return true
		}
	}
	return false
}

// choose makes c the reception's customer.
func (s *receptionScreen) choose(c *model.Customer) {
	s.customer = c
	s.lookup.SetText(c.Name)
	s.found, s.hi = nil, -1
	s.showMatches()
	s.chosen.SetText(tr("reception.chosen", "Name", c.Name, "Phone", c.Phone))
	s.chosen.Show()
	// The phone is on file: the row stays, out of the Tab order.
	s.phone.SetText("")
	s.phone.SetPlaceHolder(tr("reception.phone_on_file"))
	s.phone.Disable()
}

// changed: a walk-in typed but not saved, or a correction not saved.
func (s *receptionScreen) changed() bool {
	if o := s.editing; o != nil {
		r, _, _ := s.collect()
		return s.customer == nil || r.CustomerID != o.CustomerID || r.Date != o.Date || r.Time != o.Time ||
			r.AdvisorID != o.AdvisorID || r.Need != o.Need || r.Questions != o.Questions ||
			r.Outcome != o.Outcome || !slices.Equal(r.ProductIDs, o.ProductIDs)
	}
	return strings.TrimSpace(s.lookup.Text) != "" || strings.TrimSpace(s.need.Text) != "" ||
		strings.TrimSpace(s.asked.Text) != "" || len(s.picked) > 0
}

// open shows a reception chosen in the list in the form: whole, and to
// correct for those who may write it (its advisor, their supervisor, HR,
// with the permission to communicate: the store decides each save). A
// correction of what decides its calls trades them for the corrected
// ones while none was made (see storage.redoReceptionCalls).
func (s *receptionScreen) open(r *model.Reception) {
	s.reset()
	cp := *r
	s.editing = &cp
	s.list.selected = r.ID
	s.list.showSelected()
	s.title.SetText(tr("reception.edit_title", "Name", r.Customer, "Date", string(r.Date)))
	s.customer = &model.Customer{ID: r.CustomerID, Name: r.Customer}
	s.lookup.SetText(r.Customer)
	s.chosen.SetText(tr("reception.chosen_on_file", "Name", r.Customer))
	s.chosen.Show()
	s.phone.SetPlaceHolder(tr("reception.phone_on_file"))
	s.phone.Disable()
	s.date.SetText(string(r.Date))
	s.clock.SetText(r.Time)
	s.need.SetText(r.Need)
	s.asked.SetText(r.Questions)
	s.picked, s.names = slices.Clone(r.ProductIDs), nil
	if r.Recommended != "" {
		s.names = strings.Split(r.Recommended, "、")
	}
	s.products.show(0, "")
	if len(s.picked) > 0 {
		s.products.show(s.picked[len(s.picked)-1], r.Recommended)
	}
	s.showProducts()
	s.outcome.set(r.Outcome)
	s.advisor.show(r.AdvisorID, r.Advisor)
	s.clearBtn.SetText(tr("reception.new"))
	s.history.Show()
	s.setEditable(s.u.can(model.PermCommunicate))
	s.status.SetText("")
}

// setEditable enables the form's inputs and Save, or leaves a reception
// to read (a person without the permission to communicate).
func (s *receptionScreen) setEditable(on bool) {
	for _, w := range []fyne.Disableable{s.lookup, s.date, s.clock, s.need, s.asked, s.outcome,
		s.products.choose, s.products.clear, s.advisor.choose, s.advisor.clear, s.saveBtn} {
		if on {
			w.Enable()
		} else {
			w.Disable()
		}
	}
	if on {
		s.products.show(s.products.id, s.products.text) // its clear button follows the choice
		s.advisor.show(s.advisor.id, s.advisor.text)
	}
}

func (s *receptionScreen) save() { s.saveThen(nil, nil) }

// collect reads the form into a reception and, when the customer was
// typed rather than chosen, the new customer: a look-up that is a phone
// number is the new customer's phone.
func (s *receptionScreen) collect() (*model.Reception, *model.Customer, model.FieldErrors) {
	var errs model.FieldErrors
	r := &model.Reception{}
	if s.editing != nil {
		*r = *s.editing // its key, its notes and when it was made stay
	}
	r.Date, r.Time = dateIn(s.date, model.FieldRecDate, &errs), s.clock.Text
	r.AdvisorID, r.Advisor, r.Need, r.Questions = s.advisor.id, s.advisor.text, s.need.Text, s.asked.Text
	r.ProductIDs, r.Outcome = append([]uint64(nil), s.picked...), s.outcome.value()
	if s.customer != nil {
		r.CustomerID, r.Customer = s.customer.ID, s.customer.Name
		return r, nil, errs
	}
	typed := strings.TrimSpace(s.lookup.Text)
	if s.editing != nil {
		// A correction chooses a customer on file: a name typed over the
		// customer's is corrected on the customer's record, not made anew.
		r.CustomerID, r.Customer = 0, ""
		return r, nil, append(errs, &model.FieldError{Field: model.FieldRecCustomer, Code: model.CodeCustomerOnFile})
	}
	if typed == "" {
		return r, nil, errs
	}
	c := &model.Customer{Name: typed, Phone: s.phone.Text}
	if isPhoneLike(typed) && strings.TrimSpace(c.Phone) == "" {
		c.Name, c.Phone = "", typed
	}
	return r, c, errs
}

func isPhoneLike(s string) bool {
	digits := 0
	for _, r := range s {
		switch {
		case unicode.IsDigit(r):
			digits++
		case r != '-' && r != ' ' && r != '+':
			return false
		}
	}
	return digits >= 5
}

// onForm puts the new customer's problems on the look-up and phone rows.
func onForm(fes model.FieldErrors) model.FieldErrors {
	out := make(model.FieldErrors, len(fes))
	for i, fe := range fes {
		cp := *fe
		if cp.Field == model.FieldCustomerName {
			cp.Field = model.FieldRecCustomer
		}
		out[i] = &cp
	}
	return out
}

func (s *receptionScreen) saveThen(done, refused func()) {
	r, c, errs := s.collect()
	if errs != nil {
		// What cannot be read, with every other problem at once.
		s.form.showErrors(onForm(model.WalkInProblems(r, c, errs, s.u.store.Today())), s.u.labels())
		if refused != nil {
			refused()
		}
		return
	}
	s.status.SetText("")
	// A walk-in added with a number already on file is asked about first,
	// as the customers' form asks: the desk adds most customers.
	if c != nil && strings.TrimSpace(c.Phone) != "" {
		askSamePhone(s.u, c.Phone, 0, &s.dup, func() { s.store(r, c, done, refused) }, func() {
			s.u.win.Canvas().Focus(s.phone)
			if refused != nil {
				refused()
			}
		})
		return
	}
	s.store(r, c, done, refused)
}

// store saves a collected walk-in.
func (s *receptionScreen) store(r *model.Reception, c *model.Customer, done, refused func()) {
	s.u.background(func() error { return s.u.store.SaveReception(r, c) }, func(err error) {
		if err != nil {
			if fes, ok := model.AsFieldErrors(err); ok {
				s.form.showErrors(onForm(fes), s.u.labels())
			} else {
				s.u.showError(err)
			}
			if refused != nil {
				refused()
			}
			return
		}
		s.form.clearErrors()
		key := "reception.saved"
		switch {
		case c != nil:
			key = "reception.saved_new"
		case s.editing != nil:
			key = "reception.corrected"
		}
		status := tr(key, "Name", r.Customer, "Outcome", tr("reception.outcome."+string(r.Outcome)), "Date", string(r.Date))
		// Corrected, the form is ready for the next walk-in again.
		s.reset()
		s.status.SetText(status)
		s.list.reload()
		s.u.win.Canvas().Focus(s.lookup)
		if done != nil {
			done()
		}
	})
}
