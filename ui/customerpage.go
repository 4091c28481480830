package ui

import (
	"slices"
	"strconv"
	"strings"

	"advisordesk/model"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// CustomerFiles is what the customer page, the duplicate-phone warning and
// the transfer ask of the store, and the market notes.
type CustomerFiles interface {
	// GetCustomer is one customer as the person may see them.
	GetCustomer(id uint64) (*model.Customer, error)
	// SamePhone lists the other customers with the same number, as the
	// person may see them (masked when not theirs).
	SamePhone(phone string, except uint64) ([]*model.Customer, error)
	// TransferCustomers hands customers (or, ids empty, all of advisor
	// from's) to advisor to, logged with the reason; HR and supervisors.
	TransferCustomers(ids []uint64, from, to uint64, reason string) (int, error)
	// Each kind of a customer's history, newest first.
	ReceptionsOfCustomer(id uint64) ([]*model.Reception, error)
	SalesOfCustomer(id uint64) ([]*model.Sale, error)
	FollowUpsOfCustomer(id uint64) ([]*model.FollowUp, error)
	ComplaintsOfCustomer(id uint64) ([]*model.Complaint, error)

	FindMarketNotes(q model.ListQuery) ([]*model.MarketNote, int, error)
	SaveMarketNote(n *model.MarketNote) error
	DeleteMarketNote(id uint64) error
}

// pageSection is one kind of a customer's history on their page: its
// records as the rows of a small table, with its description's list
// columns (the customer's own column left out).
type pageSection struct {
	title string // translation key
	load  func(customer uint64) (pageTable, error)
}

type pageTable struct {
	head   []string  // field keys
	widths []float32 // each column's share of the width
	rows   [][]string
}

// pageCell shows one column of a section otherwise than its field's list
// cell (text, when not nil), as wide as width (when not 0); a cell of a
// field the list does not show is a column added after the list's.
type pageCell[T any] struct {
	key   string
	width float32
	text  func(*T) string
}

// section makes the page section of a record type from the store method
// that lists one customer's records of it, newest first; cells replace
// the text of some columns.
func section[T any](rec *model.Record[T], of func(uint64) ([]*T, error), cells ...pageCell[T]) pageSection {
	var fields []*model.Field[T]
	for _, f := range rec.ListFields() {
		if f.Ref == nil || f.Ref.To != model.CustomerRecord.Name {
			fields = append(fields, f)
		}
	}
	return pageSection{title: "record." + rec.Name, load: func(id uint64) (pageTable, error) {
		list, err := of(id)
		if err != nil {
			return pageTable{}, err
		}
		var t pageTable
		texts := make([]func(*T) string, len(fields))
		for i, f := range fields {
			t.head = append(t.head, f.Key)
			t.widths = append(t.widths, float32(max(f.List, 90)))
			for _, c := range cells {
				if c.key != f.Key {
					continue
				}
				if c.text != nil {
					texts[i] = c.text
				}
				if c.width > 0 {
					t.widths[i] = c.width
				}
			}
		}
		for _, c := range cells {
			if !slices.Contains(t.head, c.key) && c.text != nil {
				t.head, t.widths, texts = append(t.head, c.key), append(t.widths, c.width), append(texts, c.text)
			}
		}
		for _, r := range list {
			row := make([]string, len(t.head))
			for i := range row {
				if texts[i] != nil {
					row[i] = texts[i](r)
				} else {
					row[i] = cellText(fields[i], r)
				}
			}
			t.rows = append(t.rows, row)
		}
		return t, nil
	}}
}

// callSection is the follow-ups' section: each call's reason says which
// call of its rules' sequence it is, and the caller is the advisor when
// nobody else was named.
func (u *App) callSection() pageSection {
	var rules model.FollowUpRules
	of := func(id uint64) ([]*model.FollowUp, error) {
		var err error
		if rules, err = u.store.FollowUpRules(); err != nil {
			return nil, err
		}
		return u.store.FollowUpsOfCustomer(id)
	}
	return section(model.FollowUpRecord, of,
		pageCell[model.FollowUp]{model.FieldFUReason, 230, func(f *model.FollowUp) string { return callReason(f, &rules) }},
		pageCell[model.FollowUp]{model.FieldFUCaller, 0, (*model.FollowUp).CallerName},
		pageCell[model.FollowUp]{model.FieldFUResult, 140, nil},
		pageCell[model.FollowUp]{model.FieldSatisfaction, 130, nil})
}

// customerSections are the kinds of history the page shows, in order:
// a new kind of history is one line here and one method in CustomerFiles.
func (u *App) customerSections() []pageSection {
	st := u.store
	return []pageSection{
		section(model.ReceptionRecord, st.ReceptionsOfCustomer),
		section(model.SaleRecord, st.SalesOfCustomer),
		u.callSection(),
		section(model.ComplaintRecord, st.ComplaintsOfCustomer,
			pageCell[model.Complaint]{model.FieldComplAdvisor, 135, nil}, // "Advisor concerned" whole
			pageCell[model.Complaint]{model.FieldDescription, 230, func(c *model.Complaint) string { return firstLine(c.Description) }},
			pageCell[model.Complaint]{model.FieldResolution, 230, func(c *model.Complaint) string { return firstLine(c.Resolution) }}),
	}
}

// firstLine is the first line of a text written in a form, cut short with
// "…" when longer than a row shows (the complaint's whole text is one tap
// away in its form).
func firstLine(s string) string {
	const most = 40 // runes: about a 250-pixel column of Chinese
	s = strings.TrimSpace(s)
	line, _, more := strings.Cut(s, "\n")
	line = strings.TrimSpace(line)
	if r := []rune(line); len(r) > most {
		return string(r[:most-1]) + "…"
	}
	if more {
		return line + " …"
	}
	return line
}

// customerPage is everything about one customer on one screen: their
// details, then each kind of their history, newest first.
type customerPage struct {
	u    *App
	dlg  dialog.Dialog
	body *fyne.Container
	// what the page shows, once loaded; for tests
	customer  *model.Customer
	tables    []pageTable
	arranging *newCallDialog
}

// showCustomerPage opens the page of customer id; it fills in once the
// store has answered, off the UI thread.
func (u *App) showCustomerPage(id uint64) *customerPage {
	p := &customerPage{u: u, body: container.NewVBox(widget.NewLabel(tr("customer.loading")))}
	p.dlg = dialog.NewCustom(tr("customer.page"), tr("action.close"), container.NewVScroll(p.body), u.win)
	p.dlg.Resize(fyne.NewSize(min(1100, u.win.Canvas().Size().Width-40), min(700, u.win.Canvas().Size().Height-40)))
	u.dialogKeys(p.dlg, map[string]func(){keyEscape: p.dlg.Hide})
	p.dlg.Show()
	p.load(id)
	return p
}

// load reads the customer and their history off the UI thread and fills
// the page in.
func (p *customerPage) load(id uint64) {
	u := p.u
	sections := u.customerSections()
	var c *model.Customer
	tables := make([]pageTable, len(sections))
	u.background(func() (err error) {
		if c, err = u.store.GetCustomer(id); err != nil {
			return err
		}
		for i, s := range sections {
			if tables[i], err = s.load(id); err != nil {
				return err
			}
		}
		return nil
	}, func(err error) {
		if err != nil {
			p.dlg.Hide()
			u.showError(err)
			return
		}
		p.customer, p.tables = c, tables
		p.fill(sections)
	})
}

// newCall arranges a call to the page's customer; saved, the page shows
// it among the follow-ups.
func (p *customerPage) newCall() {
	c := p.customer
	p.arranging = p.u.showNewCall(c.ID, c.Name, func(*model.FollowUp) { p.load(c.ID) })
}

func (p *customerPage) fill(sections []pageSection) {
	c := p.customer
	title := widget.NewLabelWithStyle(c.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	var head fyne.CanvasObject = title
	if p.u.can(model.PermCommunicate) {
		head = container.NewBorder(nil, nil, nil, widget.NewButtonWithIcon(tr("followup.new"), theme.ContentAddIcon(), p.newCall), title)
	}
	// The details in two columns, so that the history starts high on the
	// page; the name is the title.
	var shown []*model.Field[model.Customer]
	for _, f := range model.CustomerRecord.FormFields() {
		if f.Key != model.FieldCustomerName && cellText(f, c) != "" {
			shown = append(shown, f)
		}
	}
	cols := [2]*fyne.Container{container.New(layout.NewFormLayout()), container.New(layout.NewFormLayout())}
	for i, f := range shown {
		col := cols[0]
		if i >= (len(shown)+1)/2 {
			col = cols[1]
		}
		val := widget.NewLabel(cellText(f, c))
		val.Wrapping = fyne.TextWrapWord
		col.Add(widget.NewLabelWithStyle(tr("field."+f.Key), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
		col.Add(val)
	}
	objs := []fyne.CanvasObject{head, container.NewGridWithColumns(2, cols[0], cols[1])}
	for i, s := range sections {
		t := p.tables[i]
		head := widget.NewLabelWithStyle(tr(s.title)+"  ("+strconv.Itoa(len(t.rows))+")", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		objs = append(objs, widget.NewSeparator(), head)
		if len(t.rows) == 0 {
			none := widget.NewLabel(tr("customer.none"))
			none.Importance = widget.LowImportance
			objs = append(objs, none)
			continue
		}
		grid := container.New(&tableLayout{widths: t.widths})
		for _, k := range t.head {
			h := widget.NewLabelWithStyle(tr("field."+k), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			h.Truncation = fyne.TextTruncateEllipsis
			grid.Add(h)
		}
		for _, row := range t.rows {
			for _, cell := range row {
				l := widget.NewLabel(cell)
				l.Truncation = fyne.TextTruncateEllipsis
				grid.Add(l)
			}
		}
		objs = append(objs, grid)
	}
	p.body.Objects = objs
	p.body.Refresh()
}

// texts is what the page shows, line by line; for tests.
func (p *customerPage) texts() []string {
	var out []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			out = append(out, w.Text)
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		}
	}
	walk(p.body)
	return out
}

// tableLayout lays cells out in rows of len(widths) columns, each column
// its share of the width by widths, each row as high as its tallest cell.
type tableLayout struct{ widths []float32 }

func (l *tableLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for _, x := range l.widths {
		w += x
	}
	for r := 0; r < len(objs); r += len(l.widths) {
		h += l.rowHeight(objs[r:min(r+len(l.widths), len(objs))])
	}
	return fyne.NewSize(w, h)
}

func (l *tableLayout) rowHeight(row []fyne.CanvasObject) float32 {
	var h float32
	for _, o := range row {
		h = max(h, o.MinSize().Height)
	}
	return h
}

func (l *tableLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	var total float32
	for _, x := range l.widths {
		total += x
	}
	var y float32
	for r := 0; r < len(objs); r += len(l.widths) {
		row := objs[r:min(r+len(l.widths), len(objs))]
		h := l.rowHeight(row)
		var x float32
		for i, o := range row {
			w := size.Width * l.widths[i] / total
			o.Move(fyne.NewPos(x, y))
			o.Resize(fyne.NewSize(w, h))
			x += w
		}
		y += h
	}
}
