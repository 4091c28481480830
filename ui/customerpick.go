package ui

import (
	"strings"

	"advisordesk/model"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
)

// customerPicker chooses one customer of those the person finds (a
// colleague's masked): search by name (also pinyin), phone or company; a
// tap chooses. The sale and the complaint forms both open it; title is
// the translation key of its dialog's title.
type customerPicker struct {
	list *listView[model.Customer]
	dlg  dialog.Dialog
}

func newCustomerPicker(u *App, title string, done func(id uint64, name string)) *customerPicker {
	p := &customerPicker{}
	var cols []column[model.Customer]
	for _, key := range []string{model.FieldCustomerName, model.FieldPhone, model.FieldCompany, model.FieldOwner} {
		f := model.CustomerRecord.Field(key)
		cols = append(cols, column[model.Customer]{key, max(f.List, 90), func(c *model.Customer) string { return strings.TrimSpace(f.Get(c)) }})
	}
	p.list = newListView(u, cols, u.store.FindCustomers, func(c *model.Customer) uint64 { return c.ID },
		func(c *model.Customer) {
			p.dlg.Hide()
			done(c.ID, c.Name)
		})
	p.list.q.Sort = model.FieldCustomerName
	p.list.compact = true
	p.list.searchKey, p.list.countKey, p.list.emptyKey = "records.search", "records.count", "records.empty"
	p.list.opensNoForm = true
	p.dlg = dialog.NewCustom(tr(title), tr("action.cancel"), p.list.content(), u.win)
	p.dlg.Resize(fyne.NewSize(600, 600))
	u.dialogKeys(p.dlg, map[string]func(){keyEscape: p.dlg.Hide})
	return p
}

func (p *customerPicker) show() {
	p.list.reload()
	p.dlg.Show()
	p.list.u.win.Canvas().Focus(p.list.search)
}
