package ui

import (
	"strconv"

	"advisordesk/model"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
)

// productPicker chooses one product on sale from the catalogue, wherever a
// product is chosen (a sale's line, a reception's recommendation): the
// products' list view — search by code, name or category as you type,
// header sort, paging — and a tap on a row chooses it and closes the
// dialog. Discontinued products are not offered.
type productPicker struct {
	list *listView[model.Product]
	dlg  dialog.Dialog
}

func newProductPicker(u *App, done func(p *model.Product)) *productPicker {
	p := &productPicker{}
	text := func(f func(*model.Product) string) func(*model.Product) string { return f }
	cols := []column[model.Product]{
		{model.FieldProductCode, 80, text(func(x *model.Product) string { return x.Code })},
		{model.FieldProductName, 170, text(func(x *model.Product) string { return x.Name })},
		{model.FieldCategory, 80, text(func(x *model.Product) string { return x.Category })},
		{model.FieldPrice, 80, text(func(x *model.Product) string { return model.FormatFen(yuanToFen(x.Price)) })},
		{model.FieldStock, 60, text(func(x *model.Product) string { return stockText(x) })},
	}
	p.list = newListView(u, cols, u.store.FindProducts, func(x *model.Product) uint64 { return x.ID },
		func(x *model.Product) {
			p.dlg.Hide()
			done(x)
		})
	p.list.q.Sort = model.FieldProductCode
	p.list.q.Where = model.Match{Field: model.FieldProductSt, Value: string(model.OnSale)}
	p.list.searchKey, p.list.countKey, p.list.emptyKey = "sale.product_search", "records.count", "records.empty"
	// Enter in the search chooses the one product left, so that a walk-in's
	// recommendation needs no mouse.
	p.list.search.OnSubmitted = func(text string) {
		if len(p.list.rows) == 1 && p.list.shownQ.Text == text {
			p.dlg.Hide()
			done(p.list.rows[0])
		}
	}
	p.list.compact = true
	p.list.opensNoForm = true // choosing fills the form behind the dialog
	p.dlg = dialog.NewCustom(tr("sale.choose_product"), tr("action.cancel"), p.list.content(), u.win)
	p.dlg.Resize(fyne.NewSize(620, 600))
	u.dialogKeys(p.dlg, map[string]func(){keyEscape: p.dlg.Hide})
	return p
}

func (p *productPicker) show() {
	p.list.reload()
	p.dlg.Show()
	p.list.u.win.Canvas().Focus(p.list.search)
}

// yuanToFen is a catalogue price (yuan, at most two decimals) in fen.
func yuanToFen(y float64) int64 {
	f, _ := model.ParseFen(strconv.FormatFloat(y, 'f', 2, 64))
	return f
}

// stockText is a product's stock as a picker shows it: one sold on order
// (a service) with nothing on hand shows none rather than what it owes.
func stockText(p *model.Product) string {
	if p.Backorder == model.Yes && p.Stock <= 0 {
		return "—"
	}
	return strconv.FormatFloat(p.Stock, 'f', -1, 64)
}
