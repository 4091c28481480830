package ui

import (
	"io"

	"advisordesk/exchange"
	"advisordesk/i18n"
	"advisordesk/model"
	"advisordesk/report"

	"fyne.io/fyne/v2"
)

// productsScreen is the catalogue of products and services with their
// prices and stock (产品、价格、库存): read by those who may query products,
// kept by those who manage them.
type productsScreen struct {
	*recordScreen[model.Product]
}

func newProductsScreen(u *App) *productsScreen {
	s := &productsScreen{}
	st := recordStore[model.Product]{find: u.store.FindProducts, save: u.store.SaveProduct, remove: u.store.DeleteProduct}
	s.recordScreen = newRecordScreen(u, model.ProductRecord, st, func(p *model.Product) uint64 { return p.ID },
		model.FieldProductSt)
	s.name = func(p *model.Product) string { return p.Name }
	s.keys.add, s.keys.formNew, s.keys.selectHint = "products.add", "products.form_new", "products.select_hint"
	fitChoices(s.list, model.ProductRecord)
	s.below = []fyne.CanvasObject{stockButton(u, func() *model.Product { return s.editing })}
	s.fresh = func() *model.Product { return &model.Product{State: model.OnSale, Backorder: model.No} }
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
