package ui

import (
	"strconv"

	"advisordesk/model"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// stockButton opens the stock history of the product open in the form.
func stockButton(u *App, open func() *model.Product) fyne.CanvasObject {
	return container.NewHBox(widget.NewButtonWithIcon(tr("stock.history"), theme.ListIcon(), func() {
		if p := open(); p != nil && p.ID != 0 {
			showStockHistory(u, p)
		}
	}))
}

// showStockHistory lists a product's stock moves, newest first: when, what
// moved it (a sale and its number, a cancellation, a person's edit), by how
// much, the stock it left, and who.
func showStockHistory(u *App, p *model.Product) {
	var moves []*model.StockMove
	u.background(func() (err error) {
		moves, err = u.store.StockHistory(p.ID)
		return err
	}, func(err error) {
		if err != nil {
			u.showError(err)
			return
		}
		body := stockTable(moves)
		if !p.Stocked() { // what moved it while it was goods stays readable
			none := widget.NewLabel(tr("stock.service"))
			none.Wrapping = fyne.TextWrapWord
			body = none
			if len(moves) > 0 {
				none.SetText(tr("stock.service_before"))
				body = container.NewBorder(none, nil, nil, nil, stockTable(moves))
			}
		}
		d := dialog.NewCustom(tr("stock.title", "Name", p.Name), tr("action.close"), body, u.win)
		u.dialogKeys(d, map[string]func(){keyEscape: d.Hide})
		d.Resize(fyne.NewSize(720, 460))
		d.Show()
	})
}

// stockCells are one move as its row's cells.
func stockCells(m *model.StockMove) []string {
	reason := tr("stock.reason." + string(m.Reason))
	if m.Sale != 0 {
		reason = tr("stock.of_sale", "Reason", reason, "N", m.Sale)
	}
	delta := strconv.FormatInt(m.Delta, 10)
	if m.Delta > 0 {
		delta = "+" + delta
	}
	return []string{m.At.Local().Format("2006-01-02 15:04"), reason, delta, strconv.FormatInt(m.After, 10), m.Who}
}

func stockTable(moves []*model.StockMove) fyne.CanvasObject {
	if len(moves) == 0 {
		return widget.NewLabel(tr("stock.none"))
	}
	heads := []string{"stock.at", "stock.reason", "stock.delta", "stock.after", "stock.who"}
	widths := []float32{140, 200, 70, 70, 140}
	t := widget.NewTableWithHeaders(func() (int, int) { return len(moves), len(heads) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(stockCells(moves[id.Row])[id.Col])
		})
	t.ShowHeaderColumn = false
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 {
			l := o.(*widget.Label)
			l.TextStyle.Bold = true
			l.SetText(tr(heads[id.Col]))
		}
	}
	for i, w := range widths {
		t.SetColumnWidth(i, w)
	}
	return container.NewStack(t)
}
