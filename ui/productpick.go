package ui

import (
	"strconv"

	"advisordesk/model"
)

// productPicker chooses one product on sale from the catalogue, wherever a
// product is chosen (a sale's line, a reception's recommendation): the
// products' list view — search by code, name or category as you type,
// header sort, paging — in a listPicker. Discontinued products are not
// offered.
type productPicker = listPicker[model.Product]

func newProductPicker(u *App, done func(p *model.Product)) *productPicker {
	text := func(f func(*model.Product) string) func(*model.Product) string { return f }
	cols := []column[model.Product]{
		{model.FieldProductCode, 80, text(func(x *model.Product) string { return x.Code })},
		{model.FieldProductName, 170, text(func(x *model.Product) string { return x.Name })},
		{model.FieldCategory, 80, text(func(x *model.Product) string { return x.Category })},
		{model.FieldPrice, 80, text(func(x *model.Product) string { return model.FormatFen(yuanToFen(x.Price)) })},
		{model.FieldStock, 60, text(func(x *model.Product) string { return stockText(x) })},
	}
	list := newListView(u, cols, u.store.FindProducts, func(x *model.Product) uint64 { return x.ID }, nil)
	list.q.Sort = model.FieldProductCode
	list.q.Where = model.Match{Field: model.FieldProductSt, Value: string(model.OnSale)}
	list.searchKey, list.countKey, list.emptyKey = "sale.product_search", "records.count", "records.empty"
	return newListPicker(u, tr("sale.choose_product"), 620, list, done)
}

// yuanToFen is a catalogue price (yuan, at most two decimals) in fen.
func yuanToFen(y float64) int64 {
	f, _ := model.ParseFen(strconv.FormatFloat(y, 'f', 2, 64))
	return f
}

// stockText is a product's stock as a list or picker shows it: a service
// keeps none.
func stockText(p *model.Product) string {
	if !p.Stocked() {
		return "—"
	}
	return strconv.FormatFloat(p.Stock, 'f', -1, 64)
}
