package ui

import (
	"errors"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"advisordesk/model"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Sales is what the sales, targets and stock screens ask of the store.
type Sales interface {
	FindSales(q model.ListQuery) ([]*model.Sale, int, error)
	// SaveSale records, changes or cancels a sale and its stock at once;
	// a line selling more than the stock is refused by its row.
	SaveSale(s *model.Sale) error
	FindTargets(q model.ListQuery) ([]*model.Target, int, error)
	SaveTarget(t *model.Target) error
	DeleteTarget(id uint64) error
	StockHistory(productID uint64) ([]*model.StockMove, error)
}

// salesScreen is the sales list (销售业绩) and a sale's form: the sale's
// own fields from its description, and beneath them its lines — product
// from the picker, quantity, unit price (the catalogue's, editable) — with
// the amounts and the total worked out as they are typed. A sale is never
// deleted: cancelling it (its state) puts its stock back.
type salesScreen struct {
	*recordScreen[model.Sale]
	lines    *saleLines
	customer *customerPicker // the customer picker last opened
	// advisorChosen is the sale whose advisor the person chose by hand:
	// its advisor no longer follows the customer's.
	advisorChosen *model.Sale
	reception     *refInput                    // the reception the sale came from
	receptionText *widget.Label                // that reception: day, time, customer, need
	receptions    *listPicker[model.Reception] // the reception picker last opened
}

// followCustomer makes a new sale's advisor the chosen customer's own (a
// supervisor records a sale for one of their advisors' customers), unless
// the person chose the advisor themselves.
func (s *salesScreen) followCustomer(c *model.Customer) {
	if s.editing == nil || s.editing.ID != 0 || s.advisorChosen == s.editing || c.AdvisorID == 0 {
		return
	}
	if s.u.store.Who().Role == model.RoleAdvisor {
		return // an advisor records their own sales, a colleague's customer's too
	}
	s.inputs[model.FieldSaleAdvisor].ref.show(c.AdvisorID, c.Advisor)
}

func newSalesScreen(u *App) *salesScreen {
	s := &salesScreen{}
	st := recordStore[model.Sale]{find: u.store.FindSales, save: u.store.SaveSale}
	s.recordScreen = newRecordScreen(u, model.SaleRecord, st, func(x *model.Sale) uint64 { return x.ID },
		model.FieldSaleState)
	s.name = func(x *model.Sale) string { return x.Customer + " " + string(x.Date) }
	s.keys.add, s.keys.formNew, s.keys.selectHint = "sale.add", "sale.form_new", "sale.select_hint"
	s.list.q.Sort, s.list.q.Desc = model.FieldSaleDate, true
	fitChoices(s.list, model.SaleRecord)
	me := u.store.Who()
	s.fresh = func() *model.Sale {
		x := &model.Sale{Date: u.store.Today(), State: model.SaleActive}
		if me.Advisor != 0 {
			x.AdvisorID, x.Advisor = me.Advisor, me.Name // the signed-in advisor sells
		}
		return x
	}
	s.pickers = map[string]refPicker{
		model.FieldSaleCustomer: func(done func(uint64, string)) {
			s.customer = newCustomerPicker(u, "sale.choose_customer", func(c *model.Customer) {
				if c.ID != s.inputs[model.FieldSaleCustomer].ref.id && s.reception.id != 0 {
					s.reception.chosen(0, "") // another customer's reception
				}
				done(c.ID, c.Name)
				s.followCustomer(c)
			})
			s.customer.show()
		},
		model.FieldSaleAdvisor: func(done func(uint64, string)) {
			newAdvisorPicker(u, func(id uint64, name string) {
				s.advisorChosen = s.editing
				done(id, name)
			}).show()
		},
	}
	s.linkReception()
	s.entry(model.FieldSaleTotal).Disable() // worked out from the lines
	s.entry(model.FieldSaleDiscount).OnChanged = func(string) { s.lines.showTotals() }
	s.lines = newSaleLines(s)
	s.below = []fyne.CanvasObject{widget.NewSeparator(), s.lines.box}
	s.refused = s.showRefusedLine
	s.unread = s.lines.unread
	s.sync = func() {
		if s.editing != nil && s.lines.sale != s.editing {
			s.lines.load(s.editing)
			s.showReception(s.editing.CustomerID, s.editing.Reception)
		}
	}
	return s
}

// linkReception shows the sale's link to the reception it came from as
// that reception — day, time, customer, need — chosen among the
// customer's receptions, not as a bare number to type. The number stays
// the field's value, in its hidden entry.
func (s *salesScreen) linkReception() {
	u := s.u
	number := s.entry(model.FieldSaleReception)
	s.reception = newRefInput(func(done func(uint64, string)) {
		cid := s.inputs[model.FieldSaleCustomer].ref.id
		if cid == 0 {
			u.info(tr("sale.choose_reception"), tr("sale.reception_customer_first"))
			return
		}
		s.receptions = newReceptionPicker(u, cid, func(r *model.Reception) {
			done(r.ID, receptionNo(r.ID))
			s.receptionText.SetText(receptionLink(r))
			s.receptionText.Show()
		})
		s.receptions.show()
	})
	s.reception.edited = func() {
		number.SetText("")
		if s.reception.id != 0 {
			number.SetText(strconv.FormatUint(s.reception.id, 10))
		} else {
			s.reception.choose.SetText(tr("sale.reception_none"))
			s.receptionText.Hide()
		}
	}
	ff := s.form.field(model.FieldSaleReception)
	// The button keeps to the reception's number; the reception itself
	// shows beneath it, wrapped: a button does not cut its text, and a
	// long need widened the window.
	s.receptionText = widget.NewLabel("")
	s.receptionText.Wrapping = fyne.TextWrapWord
	s.receptionText.Hide()
	ff.input, ff.label, ff.ref = container.NewVBox(s.reception.object(), s.receptionText), tr("sale.reception"), s.reception
	s.fields = s.form.content()
	s.showReception(0, 0)
}

// showReception shows reception id of customer cid in the link, read off
// the UI thread.
func (s *salesScreen) showReception(cid, id uint64) {
	s.reception.show(0, "")
	s.reception.choose.SetText(tr("sale.reception_none"))
	s.receptionText.Hide()
	if id == 0 || cid == 0 {
		return
	}
	var text string
	s.u.background(func() error {
		list, err := s.u.store.ReceptionsOfCustomer(cid)
		text = "#" + strconv.FormatUint(id, 10) // one the person no longer reaches
		for _, r := range list {
			if r.ID == id {
				text = receptionLink(r)
			}
		}
		return err
	}, func(err error) {
		if err == nil && s.editing != nil && s.editing.Reception == id {
			s.reception.show(id, receptionNo(id))
			s.receptionText.SetText(text)
			s.receptionText.Show()
		}
	})
}

// receptionNo is a reception's number as the link's button shows it.
func receptionNo(id uint64) string { return "#" + strconv.FormatUint(id, 10) }

// receptionLink is how a sale names the reception it came from.
func receptionLink(r *model.Reception) string {
	return tr("sale.reception_link", "Date", string(r.Date), "Time", r.Time, "Customer", r.Customer, "Need", oneLine(r.Need, 24))
}

// oneLine is text on one line, cut to at most n characters.
func oneLine(text string, n int) string {
	text = strings.Join(strings.Fields(text), " ")
	if r := []rune(text); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return text
}

// newReceptionPicker chooses one of customer cid's receptions, newest
// first, in the shared picker (a customer has a handful: they are read
// whole and searched here).
func newReceptionPicker(u *App, cid uint64, done func(*model.Reception)) *listPicker[model.Reception] {
	var cols []column[model.Reception]
	for _, key := range []string{model.FieldRecDate, model.FieldRecTime, model.FieldRecOutcome, model.FieldNeed} {
		f := model.ReceptionRecord.Field(key)
		cols = append(cols, column[model.Reception]{key, max(f.List, 60), func(r *model.Reception) string { return cellText(f, r) }})
	}
	find := func(q model.ListQuery) ([]*model.Reception, int, error) {
		all, err := u.store.ReceptionsOfCustomer(cid)
		var out []*model.Reception
		for _, r := range all {
			if q.Text == "" || strings.Contains(strings.ToLower(string(r.Date)+" "+r.Time+" "+r.Need+" "+
				tr("reception.outcome."+string(r.Outcome))), strings.ToLower(strings.TrimSpace(q.Text))) {
				out = append(out, r)
			}
		}
		return out, len(out), err
	}
	list := newListView(u, cols, find, func(r *model.Reception) uint64 { return r.ID }, nil)
	list.searchKey, list.countKey, list.emptyKey = "records.search", "records.count", "records.empty"
	return newListPicker(u, tr("sale.choose_reception"), 620, list, done)
}

// content is the record screen's, with this screen as the window's editor:
// changed lines are unsaved changes too.
func (s *salesScreen) content() fyne.CanvasObject {
	c := s.recordScreen.content()
	s.u.editor = s
	if !s.writable() {
		s.reception.choose.Disable()
		s.reception.clear.Hide()
	}
	return c
}

// showRefusedLine scrolls the form down to the lines when a refusal marked
// one: the lines sit below the sale's fields, out of sight on a small
// screen, and the banner on top only says to look at the marked fields.
func (s *salesScreen) showRefusedLine() {
	for _, ff := range s.form.fields[s.lines.base:] {
		if !ff.msg.Visible() {
			continue
		}
		if box, ok := s.formBox.(*fyne.Container); ok {
			for _, o := range box.Objects {
				if sc, ok := o.(*container.Scroll); ok {
					sc.ScrollToBottom()
				}
			}
		}
		return
	}
}

func (s *salesScreen) changed() bool {
	return s.recordScreen.changed() || s.editing != nil && !slices.Equal(s.editing.Lines, s.lines.orig)
}

// saleLines edits the lines of the open sale in place: each line the
// product (a button that opens the picker) and a remove button, then
// quantity, unit price, the line's amount and the stock left when the
// product was chosen; a line's problems show beneath it. Two rows a line
// keep the form narrow beside the list.
type saleLines struct {
	s      *salesScreen
	sale   *model.Sale // the open sale, whose Lines this edits
	orig   []model.SaleLine
	stock  map[uint64]*model.Product // the products chosen here, as the picker showed them
	rows   *fyne.Container
	totals *widget.Label
	add    *widget.Button
	box    *fyne.Container
	// base is how many fields the form has of its own; the lines' message
	// fields follow, so that the form marks a refused line by its row.
	base   int
	qty    []*entry // the rows' inputs, for tests and focus
	price  []*entry
	pick   []*widget.Button
	picker *productPicker // the product picker last opened
}

func newSaleLines(s *salesScreen) *saleLines {
	l := &saleLines{s: s, stock: map[uint64]*model.Product{}, base: len(s.form.fields)}
	l.rows = container.NewVBox()
	l.totals = widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	l.totals.Wrapping = fyne.TextWrapWord // a long sum wraps rather than widen the window
	l.add = widget.NewButtonWithIcon(tr("sale.add_line"), theme.ContentAddIcon(), l.addLine)
	title := widget.NewLabelWithStyle(tr("field."+model.FieldSaleLines), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.box = container.NewVBox(title, l.header(), l.rows, container.NewHBox(l.add), l.totals)
	return l
}

// lineCells lays out a line's second row (and the header above the rows)
// in four columns that share the form's width: fixed widths (330 pixels
// with their gaps) made the form wider than its side of the window at
// the first size, so its right edge was cut.
func lineCells(_ float32, qty, price, amount, stock fyne.CanvasObject) fyne.CanvasObject {
	return container.NewGridWithColumns(4, qty, price, amount, stock)
}

// header names the columns of the lines' second rows; a line's first row
// is its product, which needs no heading.
func (l *saleLines) header() fyne.CanvasObject {
	label := func(key string) *widget.Label {
		w := widget.NewLabelWithStyle(tr(key), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
		w.Truncation = fyne.TextTruncateEllipsis
		return w
	}
	return lineCells(widget.NewLabel("").MinSize().Height, label("field."+model.FieldLineQty),
		label("field."+model.FieldLinePrice), label("sale.amount"), label("field."+model.FieldStock))
}

// load shows the lines of sale, which the form just opened.
func (l *saleLines) load(sale *model.Sale) {
	sale.Lines = slices.Clone(sale.Lines) // the list's copy stays as it was
	l.sale, l.orig = sale, slices.Clone(sale.Lines)
	clear(l.stock) // what the picker showed is gone by the time a sale is opened
	l.rebuild()
	l.readStock(sale)
}

// readStock reads, off the UI thread, what is in stock now of the products
// of an opened sale, for its lines' stock column (blank after a save).
func (l *saleLines) readStock(sale *model.Sale) {
	lines := slices.Clone(sale.Lines)
	found := map[uint64]*model.Product{}
	l.s.u.background(func() error {
		for _, ln := range lines {
			if ln.ProductID == 0 || found[ln.ProductID] != nil {
				continue
			}
			ps, _, err := l.s.u.store.FindProducts(model.ListQuery{Text: ln.Code})
			if err != nil {
				return err
			}
			for _, p := range ps {
				if p.ID == ln.ProductID {
					found[p.ID] = p
				}
			}
		}
		return nil
	}, func(err error) {
		if err != nil || l.sale != sale || len(found) == 0 {
			return // only a column to read: a failure says nothing the save will not
		}
		maps.Copy(l.stock, found)
		l.rebuild()
	})
}

func (l *saleLines) addLine() {
	if l.sale == nil {
		return
	}
	l.sale.Lines = append(l.sale.Lines, model.SaleLine{Qty: 1})
	l.rebuild()
	l.choose(len(l.sale.Lines) - 1)
}

// choose opens the product picker for line i.
func (l *saleLines) choose(i int) {
	l.picker = newProductPicker(l.s.u, func(p *model.Product) {
		if l.sale == nil || i >= len(l.sale.Lines) {
			return
		}
		ln := &l.sale.Lines[i]
		ln.ProductID, ln.Code, ln.Name, ln.Price = p.ID, p.Code, p.Name, yuanToFen(p.Price)
		if ln.Qty < 1 {
			ln.Qty = 1
		}
		l.stock[p.ID] = p
		l.rebuild()
	})
	l.picker.show()
}

func (l *saleLines) remove(i int) {
	l.sale.Lines = slices.Delete(l.sale.Lines, i, i+1)
	l.rebuild()
}

// rebuild makes the rows anew from the sale's lines, and their message
// fields in the form.
func (l *saleLines) rebuild() {
	l.s.form.fields = l.s.form.fields[:l.base:l.base]
	l.rows.Objects = nil
	l.qty, l.price, l.pick = nil, nil, nil
	h := widget.NewEntry().MinSize().Height
	for i := range l.sale.Lines {
		ln := &l.sale.Lines[i]
		product := widget.NewButtonWithIcon(tr("sale.choose_product"), theme.SearchIcon(), func() { l.choose(i) })
		product.Alignment = widget.ButtonAlignLeading
		if ln.ProductID != 0 {
			product.SetText(ln.Code + "  " + ln.Name)
		}
		qty := newEntry(l.s.u)
		qty.SetText(strconv.FormatInt(ln.Qty, 10))
		price := newEntry(l.s.u)
		price.SetText(model.FormatFen(ln.Price))
		amount := widget.NewLabelWithStyle(model.FormatFen(ln.Amount()), fyne.TextAlignTrailing, fyne.TextStyle{})
		left := widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{})
		if p := l.stock[ln.ProductID]; p != nil {
			left.SetText(stockText(p))
		}
		// What cannot be read counts as 0 in the sums; the save names
		// it (see unread).
		qty.OnChanged = func(v string) {
			ln.Qty, _ = lineQty(v)
			amount.SetText(model.FormatFen(ln.Amount()))
			l.showTotals()
		}
		price.OnChanged = func(v string) {
			ln.Price, _ = linePrice(v)
			amount.SetText(model.FormatFen(ln.Amount()))
			l.showTotals()
		}
		del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { l.remove(i) })
		msgs := container.NewVBox()
		for _, f := range []struct {
			key   string
			input fyne.CanvasObject
		}{{model.FieldLineProduct, product}, {model.FieldLineQty, qty}, {model.FieldLinePrice, price}} {
			ff := l.s.form.add(f.key, f.input, true)
			ff.row, ff.named = i+1, true
			msgs.Add(ff.msg)
		}
		l.rows.Add(container.NewVBox(widget.NewSeparator(), container.NewBorder(nil, nil, nil, del, product),
			lineCells(h, qty, price, amount, left), msgs))
		l.qty, l.price, l.pick = append(l.qty, qty), append(l.price, price), append(l.pick, product)
	}
	if !l.s.writable() {
		l.add.Hide()
	}
	l.rows.Refresh()
	l.showTotals()
}

// lineQty reads a line's quantity as typed: a whole number within
// MaxQty, or the problem's code (the model names a quantity below 1).
func lineQty(v string) (int64, string) {
	n, err := model.ParseNumber(v)
	switch {
	case strings.TrimSpace(v) == "":
		return 0, ""
	case err != nil:
		return 0, model.CodeNumber
	case n != math.Trunc(n):
		return 0, model.CodeQty
	case n > model.MaxQty:
		return 0, model.CodeRange
	}
	return int64(n), ""
}

// linePrice reads a line's unit price in yuan as typed into fen, or the
// problem's code.
func linePrice(v string) (int64, string) {
	f, err := model.ParseFen(v)
	switch {
	case strings.TrimSpace(v) == "":
		return 0, model.CodeRequired
	case errors.Is(err, model.ErrTooLarge):
		return 0, model.CodeRange
	case err != nil:
		return 0, model.CodeNumber
	}
	return f, ""
}

// unread lists what the lines' inputs say that cannot be read — "abc" for
// a price is not a number, not a price below zero — by line and field.
func (l *saleLines) unread() model.FieldErrors {
	var out model.FieldErrors
	add := func(row int, field, code, arg string) {
		if code != "" {
			out = append(out, &model.FieldError{Field: field, Row: row, Code: code, Arg: arg})
		}
	}
	for i := range l.qty {
		_, code := lineQty(l.qty[i].Text)
		add(i+1, model.FieldLineQty, code, map[string]string{model.CodeRange: "1–100000"}[code])
		_, code = linePrice(l.price[i].Text)
		add(i+1, model.FieldLinePrice, code, map[string]string{model.CodeRange: "0–100000000"}[code])
	}
	return out
}

// showTotals writes the lines' sum, the discount and the total, and puts
// the total in the form's total field.
func (l *saleLines) showTotals() {
	if l.sale == nil {
		return
	}
	disc, err := model.ParseFen(l.s.entry(model.FieldSaleDiscount).Text)
	if err != nil {
		disc = 0
	}
	sub := l.sale.Subtotal()
	total := sub - disc
	l.s.entry(model.FieldSaleTotal).SetText(model.FormatFen(total))
	l.totals.SetText(tr("sale.totals", "Sub", model.FormatFen(sub), "Discount", model.FormatFen(disc),
		"Total", model.FormatFen(total)))
}
