package ui

import (
	"io"
	"strconv"

	"advisordesk/exchange"
	"advisordesk/i18n"
	"advisordesk/model"
	"advisordesk/report"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// productsScreen is the catalogue of products and services with their
// prices and stock (产品、价格、库存): read by those who may query products,
// kept by those who manage them.
type productsScreen struct {
	*recordScreen[model.Product]
	// kindNote says beneath the kind what a service means for the stock:
	// none is kept, and a product with stock turned into a service has it
	// written off on save.
	kindNote *widget.Label
}

func newProductsScreen(u *App) *productsScreen {
	s := &productsScreen{}
	st := recordStore[model.Product]{find: u.store.FindProducts, save: u.store.SaveProduct, remove: u.store.DeleteProduct}
	s.recordScreen = newRecordScreen(u, model.ProductRecord, st, func(p *model.Product) uint64 { return p.ID },
		model.FieldProductSt)
	s.name = func(p *model.Product) string { return p.Name }
	s.keys.add, s.keys.formNew, s.keys.selectHint = "products.add", "products.form_new", "products.select_hint"
	fitChoices(s.list, model.ProductRecord)
	for i, c := range s.list.cols {
		if c.key == model.FieldStock {
			s.list.cols[i].text = stockText // a service's "—"
		}
	}
	s.below = []fyne.CanvasObject{stockButton(u, func() *model.Product { return s.editing })}
	s.fresh = func() *model.Product {
		return &model.Product{Kind: model.Goods, State: model.OnSale, Backorder: model.No}
	}
	s.kindNote = widget.NewLabel("")
	s.kindNote.Importance = widget.WarningImportance
	s.kindNote.SizeName = theme.SizeNameCaptionText
	s.kindNote.Wrapping = fyne.TextWrapWord
	s.kindNote.Hide()
	ff := s.form.field(model.FieldProductKind)
	ff.input = container.NewVBox(ff.input, s.kindNote)
	s.fields = s.form.content()
	s.sync = s.syncKind
	s.files = recordFiles[model.Product]{printStem: "products", exportStem: "products",
		print: func(w io.Writer, list []*model.Product, m report.Meta) error {
			return (&report.Table[model.Product]{Record: model.ProductRecord, Numbered: true}).Print(w, list, m)
		},
		csv: func(w io.Writer, l *i18n.Labels, each func(func(*model.Product) error) error) (int, error) {
			return exchange.WriteCSV(w, l, model.ProductRecord, each)
		},
		xlsx: func(w io.Writer, l *i18n.Labels, each func(func(*model.Product) error) error) (int, error) {
			return exchange.WriteXLSX(w, l, model.ProductRecord, "record.products", each)
		}}
	return s
}

// syncKind keeps the stock fields in step with the kind chosen: a service
// has no stock and cannot run out, so both are left empty and disabled,
// and a product that had stock is told it will be written off.
func (s *productsScreen) syncKind() {
	if s.editing == nil {
		return
	}
	stock, back := s.entry(model.FieldStock), s.choice(model.FieldBackorder)
	service := model.ProductKind(s.choice(model.FieldProductKind).value()) == model.Service
	s.kindNote.Hide()
	if !service {
		if stock.Disabled() && s.writable() {
			stock.Enable()
			back.Enable()
			if stock.Text == "" {
				stock.SetText("0")
			}
		}
		stock.SetPlaceHolder("")
		return
	}
	stock.SetText("")
	stock.SetPlaceHolder(tr("product.no_stock"))
	stock.Disable()
	if back.value() != string(model.No) {
		back.set(string(model.No)) // runs sync again, which finds it set
	}
	back.Disable()
	if old := s.editing; old.ID != 0 && old.Stocked() && old.Stock != 0 {
		s.kindNote.SetText(tr("product.write_off", "Stock", strconv.FormatFloat(old.Stock, 'f', -1, 64)))
		s.kindNote.Show()
	} else {
		s.kindNote.SetText(tr("product.service_note"))
		s.kindNote.Show()
	}
}
