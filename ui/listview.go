package ui

import (
	"image/color"
	"strconv"
	"strings"

	"advisordesk/i18n"
	"advisordesk/model"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// column is one column of a list screen.
type column[T any] struct {
	key   string // field key: header text "field."+key, and the sort key
	width float32
	text  func(*T) string
}

// pageSize is how many rows a list shows at once: enough to scroll, few
// enough that a table of 100,000 records costs one page of widgets.
const pageSize = 200

// listView is the list half of every list-and-form screen: a search box that
// filters as you type, a table whose header sorts, and paging. The store
// does the searching and sorting; the view holds one page.
type listView[T any] struct {
	u        *App
	cols     []column[T]
	find     func(model.ListQuery) ([]*T, int, error)
	onSelect func(*T)
	idOf     func(*T) uint64

	q        model.ListQuery
	shownQ   model.ListQuery // the query whose answer is on screen
	rows     []*T
	total    int
	selected uint64
	loads    latest // drops answers to queries that a newer one replaced
	quiet    bool   // selecting to restore the highlight, not the user
	hi       uint64 // the row a picker's arrows highlight (see listPicker), 0 for none
	col      int    // the column of the cell last tapped

	search      *entry
	table       *widget.Table
	count       *widget.Label
	first, last *widget.Button
	prev, next  *widget.Button
	page        *entry              // the page number: type one and press Enter to go there
	extra       []fyne.CanvasObject // screen-specific filters beside the search box
	// Translation keys of the search box's hint and the count under the
	// table and the text when nothing matches; the roster's by default.
	searchKey, countKey, emptyKey string
	// opensNoForm: a tap on a row does not replace the screen's form (the
	// participant picker ticks a row), so it never asks about unsaved edits.
	opensNoForm bool
	// compact: icon-only paging buttons under the count (see content).
	compact bool
	// loaded, if set, runs after each page is shown (a screen's banner
	// that counts something follows the store).
	loaded func()
	// tone, if set, colours a row's cell (an overdue row's state in the
	// theme's error colour); the cell's text carries a marker too.
	tone func(r *T, col int) widget.Importance
	// heads gives a column a shorter header than its field's label (a
	// form's "Advisor concerned" is the list's "Advisor"): column key to
	// translation key.
	heads map[string]string
}

// headText is a column's header in the language shown.
func (l *listView[T]) headText(key string) string {
	if k, ok := l.heads[key]; ok {
		return tr(k)
	}
	return tr("field." + key)
}

func newListView[T any](u *App, cols []column[T], find func(model.ListQuery) ([]*T, int, error),
	idOf func(*T) uint64, onSelect func(*T)) *listView[T] {
	l := &listView[T]{u: u, cols: cols, find: find, idOf: idOf, onSelect: onSelect,
		searchKey: "search.placeholder", countKey: "list.count", emptyKey: "list.empty", compact: true}
	l.q.Limit = pageSize
	l.search = newEntry(u)
	l.search.noLeadingSpace = true
	l.search.SetPlaceHolder(tr("search.placeholder"))
	l.search.OnChanged = func(s string) {
		l.q.Text, l.q.Offset = s, 0
		l.reload()
	}
	l.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(l.rows), len(l.cols) },
		newRowCell,
		func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Row < len(l.rows) {
				r := l.rows[id.Row]
				mark := l.idOf(r)
				setRowCell(o, l.cols[id.Col].text(r), mark == l.selected && l.selected != 0 || mark == l.hi && l.hi != 0)
				if l.tone != nil {
					toneRowCell(o, l.tone(r, id.Col))
				} else {
					toneRowCell(o, widget.MediumImportance)
				}
			}
		})
	l.table.ShowHeaderColumn = false
	l.table.CreateHeader = newSortHeader
	l.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 {
			c := l.cols[id.Col]
			setSortHeader(o, l.headText(c.key), l.q.Sort == c.key, l.q.Desc, func() { l.sortBy(c.key) })
		}
	}
	// A column is at least as wide as its header in the current language,
	// with room for the sort arrow.
	for i, c := range cols {
		head := fyne.MeasureText(tr("field."+c.key), theme.TextSize(), fyne.TextStyle{Bold: true}).Width
		l.table.SetColumnWidth(i, max(c.width, head+3*theme.Padding()+theme.IconInlineSize()))
	}
	l.table.OnSelected = func(id widget.TableCellID) {
		if l.quiet || id.Row < 0 || id.Row >= len(l.rows) {
			return
		}
		r := l.rows[id.Row]
		l.col = id.Col
		if l.idOf(r) == l.selected {
			return // another cell of the row already open
		}
		choose := func() {
			l.selected = l.idOf(r)
			l.onSelect(r)
			l.showSelected()
		}
		if l.opensNoForm {
			choose() // a picker: a tap replaces no form
			return
		}
		// Another row replaces the form: the mark stays on the open row
		// while the user is asked about unsaved changes, and moves only
		// if the form is saved or discarded.
		l.showSelected()
		u.leave(choose, nil)
	}
	l.count = widget.NewLabel("")
	l.first = widget.NewButtonWithIcon(tr("action.first"), theme.MediaSkipPreviousIcon(), func() { l.goTo(1) })
	l.prev = widget.NewButtonWithIcon(tr("action.prev"), theme.NavigateBackIcon(), func() { l.turn(-1) })
	l.next = widget.NewButtonWithIcon(tr("action.next"), theme.NavigateNextIcon(), func() { l.turn(1) })
	l.last = widget.NewButtonWithIcon(tr("action.last"), theme.MediaSkipNextIcon(), func() { l.goTo(l.pages()) })
	l.page = newEntry(u)
	l.page.OnSubmitted = func(s string) {
		if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil {
			l.goTo(n)
		} else {
			l.page.SetText(strconv.Itoa(l.q.Offset/pageSize + 1))
		}
	}
	return l
}

// content lays the view out: search and filters on top, pager below.
func (l *listView[T]) content() fyne.CanvasObject {
	l.search.SetPlaceHolder(tr(l.searchKey))
	top := container.NewBorder(nil, nil, nil, container.NewHBox(l.extra...), l.search)
	page := container.NewGridWrap(fyne.NewSize(64, l.page.MinSize().Height), l.page)
	buttons := container.NewHBox(l.first, l.prev, page, l.next, l.last)
	var pager fyne.CanvasObject = container.NewBorder(nil, nil, l.count, buttons)
	if l.compact {
		// A narrow list (beside a wide panel or in a dialog): the buttons
		// keep their icons only and the count sits above them, or the
		// pager alone would widen the window past a 1366-pixel screen.
		for _, b := range []*widget.Button{l.first, l.prev, l.next, l.last} {
			b.SetText("")
		}
		pager = container.NewVBox(l.count, buttons)
	}
	return container.NewBorder(top, pager, nil, nil, l.table)
}

// sortBy sorts by a column; a second tap on the same column reverses it.
func (l *listView[T]) sortBy(key string) {
	if l.q.Sort == key {
		l.q.Desc = !l.q.Desc
	} else {
		l.q.Sort, l.q.Desc = key, false
	}
	l.q.Offset = 0
	l.reload()
}

func (l *listView[T]) turn(dir int) {
	l.goTo(l.q.Offset/pageSize + 1 + dir)
}

// pages is the number of pages of the current answer, at least 1.
func (l *listView[T]) pages() int { return max(1, (l.total+pageSize-1)/pageSize) }

// goTo shows page n (from 1), kept within the pages there are.
func (l *listView[T]) goTo(n int) {
	n = min(max(n, 1), l.pages())
	l.q.Offset = (n - 1) * pageSize
	l.reload()
}

// reload asks the store for the current page off the UI thread.
func (l *listView[T]) reload() {
	q := l.q
	var rows []*T
	var total int
	l.u.load(&l.loads, func() (err error) {
		rows, total, err = l.find(q)
		return err
	}, func(err error) {
		if err != nil {
			l.u.showError(err)
			return
		}
		l.rows, l.total = rows, total
		pages := l.pages()
		if total == 0 {
			l.count.SetText(tr(l.emptyKey))
		} else {
			key := l.countKey
			if total == 1 && l.u.labels().Has(key+".one") {
				key += ".one"
			}
			l.count.SetText(tr(key, "Total", i18n.Count(total), "Page", i18n.Count(q.Offset/pageSize+1),
				"Pages", i18n.Count(pages)))
		}
		l.page.SetText(strconv.Itoa(q.Offset/pageSize + 1))
		setEnabled(l.first, q.Offset > 0)
		setEnabled(l.prev, q.Offset > 0)
		setEnabled(l.next, q.Offset+pageSize < total)
		setEnabled(l.last, q.Offset+pageSize < total)
		setEnabled(l.page, pages > 1)
		if q != l.shownQ {
			// Another page, search, sort or filter starts at the top.
			l.table.ScrollToTop()
			l.shownQ = q
		}
		l.table.Refresh()
		l.showSelected()
		if l.loaded != nil {
			l.loaded()
		}
	})
}

// showSelected highlights the row of the record open in the form, or
// none, without opening it again.
func (l *listView[T]) showSelected() {
	l.quiet = true
	defer func() { l.quiet = false }()
	l.table.UnselectAll()
	for i, r := range l.rows {
		if l.idOf(r) == l.selected {
			// The column last tapped: selecting another would scroll
			// the table sideways under the user.
			l.table.Select(widget.TableCellID{Row: i, Col: min(l.col, len(l.cols)-1)})
		}
	}
	l.table.Refresh()
}

// highlighted is the row of the picker's highlight on this page, or -1.
func (l *listView[T]) highlighted() int {
	for i, r := range l.rows {
		if l.hi != 0 && l.idOf(r) == l.hi {
			return i
		}
	}
	return -1
}

// rowTexts is the visible text of the current page, for tests.
func (l *listView[T]) rowTexts() [][]string {
	out := make([][]string, len(l.rows))
	for i, r := range l.rows {
		for _, c := range l.cols {
			out[i] = append(out[i], c.text(r))
		}
	}
	return out
}

func setEnabled(w fyne.Disableable, on bool) {
	if on {
		w.Enable()
	} else {
		w.Disable()
	}
}

// bindKeys gives the screen its list-and-form shortcuts: Ctrl+N new,
// Ctrl+S save, Ctrl+F the search box and, if cancel is set, Esc.
func (l *listView[T]) bindKeys(newFn, save, cancel func()) {
	u := l.u
	u.keys[shortcutName(fyne.KeyN)] = newFn
	u.keys[shortcutName(fyne.KeyS)] = save
	u.keys[shortcutName(fyne.KeyF)] = func() { u.win.Canvas().Focus(l.search) }
	if cancel != nil {
		u.keys[keyEscape] = cancel
	}
}

// hintPanel is the text a form's side shows while nothing is open.
func hintPanel(key string) fyne.CanvasObject {
	hint := widget.NewLabel(tr(key))
	hint.Wrapping = fyne.TextWrapWord
	return container.NewVBox(hint)
}

// newRowCell is a table cell whose background marks the selected row, so
// the whole row shows as selected, not the one cell tapped.
func newRowCell() fyne.CanvasObject {
	lb := widget.NewLabel("")
	lb.Truncation = fyne.TextTruncateEllipsis
	return container.NewStack(canvas.NewRectangle(color.Transparent), lb)
}

// setRowCell shows a cell made by newRowCell.
func setRowCell(o fyne.CanvasObject, text string, selected bool) {
	c := o.(*fyne.Container)
	bg := c.Objects[0].(*canvas.Rectangle)
	var fill color.Color = color.Transparent
	if selected {
		fill = theme.Color(theme.ColorNameSelection)
	}
	if bg.FillColor != fill {
		bg.FillColor = fill
		bg.Refresh()
	}
	c.Objects[1].(*widget.Label).SetText(text)
}

// toneRowCell colours the text of a cell made by newRowCell.
func toneRowCell(o fyne.CanvasObject, imp widget.Importance) {
	lb := o.(*fyne.Container).Objects[1].(*widget.Label)
	if lb.Importance != imp {
		lb.Importance = imp
		lb.Refresh()
	}
}

// newSortHeader is a table header cell that sorts by its column when tapped.
func newSortHeader() fyne.CanvasObject {
	b := widget.NewButton("", nil)
	b.Importance = widget.LowImportance
	b.Alignment = widget.ButtonAlignLeading
	b.IconPlacement = widget.ButtonIconTrailingText
	return b
}

// setSortHeader shows a header's text, an arrow on the sorted column, and
// what a tap does.
func setSortHeader(o fyne.CanvasObject, text string, sorted, desc bool, tap func()) {
	b := o.(*widget.Button)
	b.SetText(text)
	b.SetIcon(nil)
	if sorted { // ▲ ascending, ▼ descending, as spreadsheets show it
		b.SetIcon(theme.MenuDropUpIcon())
		if desc {
			b.SetIcon(theme.MenuDropDownIcon())
		}
	}
	b.OnTapped = tap
}
