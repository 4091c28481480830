package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// listPicker chooses one record in a dialog over a list view, the same way
// wherever it is opened (a customer, an advisor, a product): typing
// filters, ↑/↓ move a highlight through the rows, Enter chooses the
// highlighted row or, with none, the only row left; a tap chooses; Esc
// closes. The highlight is the picker's own, apart from the list's
// selection, so that a tap on the highlighted row still chooses it.
type listPicker[T any] struct {
	list *listView[T]
	dlg  dialog.Dialog
	done func(*T)
	// enter: Enter was pressed before the answer to what was typed came;
	// it is answered when that answer shows.
	enter bool
}

func newListPicker[T any](u *App, title string, width float32, list *listView[T], done func(*T)) *listPicker[T] {
	p := &listPicker[T]{list: list, done: done}
	list.onSelect = p.choose
	list.compact = true
	list.opensNoForm = true // choosing fills the form behind the dialog; it replaces nothing
	list.search.keys = p.key
	list.search.edited = func() { p.enter = false } // typed on: the Enter was for an earlier text
	list.loaded = func() {
		if p.enter && list.shownQ.Text == list.search.Text {
			p.enter = false
			p.submit()
		}
	}
	p.dlg = dialog.NewCustom(title, tr("action.cancel"), list.content(), u.win)
	p.dlg.Resize(fyne.NewSize(width, 600))
	u.dialogKeys(p.dlg, map[string]func(){keyEscape: p.dlg.Hide})
	return p
}

func (p *listPicker[T]) show() {
	p.list.reload()
	p.dlg.Show()
	p.list.u.win.Canvas().Focus(p.list.search)
}

func (p *listPicker[T]) choose(r *T) {
	p.dlg.Hide()
	p.done(r)
}

// key answers the search box's ↑, ↓ and Enter; true: the key was the
// picker's.
func (p *listPicker[T]) key(k *fyne.KeyEvent) bool {
	l := p.list
	switch k.Name {
	case fyne.KeyDown, fyne.KeyUp:
		if len(l.rows) == 0 {
			return false
		}
		i := l.highlighted()
		switch {
		case i < 0:
			i = 0
		case k.Name == fyne.KeyDown:
			i = min(i+1, len(l.rows)-1)
		default:
			i = max(i-1, 0)
		}
		l.hi = l.idOf(l.rows[i])
		l.table.ScrollTo(widget.TableCellID{Row: i, Col: 0})
		l.table.Refresh()
		return true
	case fyne.KeyReturn, fyne.KeyEnter:
		// Typing on a busy machine outruns the store: an Enter before
		// the answer to what was typed waits for it.
		p.enter = l.shownQ.Text != l.search.Text
		if !p.enter {
			p.submit()
		}
		return true
	}
	return false
}

// submit chooses the highlighted row or, with none, the only row left.
func (p *listPicker[T]) submit() {
	l := p.list
	if i := l.highlighted(); i >= 0 {
		p.choose(l.rows[i])
	} else if len(l.rows) == 1 {
		p.choose(l.rows[0])
	}
}
