package ui

import (
	"image/color"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// headerButton is the header cell of a column, by its text.
func headerButton(t *testing.T, tb *widget.Table, text string) *widget.Button {
	t.Helper()
	var b *widget.Button
	eachObject(tb, func(o fyne.CanvasObject) {
		if x, ok := o.(*widget.Button); ok && x.Text == text {
			b = x
		}
	})
	if b == nil {
		t.Fatalf("no header %q", text)
	}
	return b
}

func TestSortArrowPointsUpForAscending(t *testing.T) {
	u, _ := newTestApp(t, 5)
	u.Open(pageRoster)
	u.Wait()
	tb := u.roster.list.table
	head := func() fyne.Resource { return headerButton(t, tb, tr("field.name")).Icon }
	test.Tap(headerButton(t, tb, tr("field.name")))
	u.Wait()
	if head() == nil || head().Name() != theme.MenuDropUpIcon().Name() {
		t.Fatalf("ascending shows %v, want ▲", head())
	}
	test.Tap(headerButton(t, tb, tr("field.name")))
	u.Wait()
	if head() == nil || head().Name() != theme.MenuDropDownIcon().Name() {
		t.Fatalf("descending shows %v, want ▼", head())
	}
}

// markedCells is the text of the cells drawn as selected.
func markedCells(tb *widget.Table) []string {
	sel := theme.Color(theme.ColorNameSelection)
	var marked []string
	eachObject(tb, func(o fyne.CanvasObject) {
		c, ok := o.(*fyne.Container)
		if !ok || len(c.Objects) != 2 {
			return
		}
		if bg, ok := c.Objects[0].(*canvas.Rectangle); ok && bg.FillColor != color.Transparent && bg.FillColor == sel {
			marked = append(marked, rendered(c.Objects[1]))
		}
	})
	return marked
}

// TestSelectionMarksTheRow: tapping a row marks every visible cell of it.
func TestSelectionMarksTheRow(t *testing.T) {
	u, _ := newTestApp(t, 5)
	u.Open(pageRoster)
	u.Wait()
	r := u.roster
	tapRow(t, r.list.table, 1)
	marked := markedCells(r.list.table)
	a := r.list.rows[1]
	joined := strings.Join(marked, "|")
	if len(marked) < 5 || !strings.Contains(joined, a.EmpNo) || !strings.Contains(joined, a.Name) {
		t.Fatalf("marked cells %q, want the whole row of %s", marked, a.EmpNo)
	}
}

// TestKeyColumnsStayInView: scrolled to the far right, the roster still
// shows each row's number and name.
func TestKeyColumnsStayInView(t *testing.T) {
	u, _ := newTestApp(t, 5)
	u.win.Resize(fyne.NewSize(900, 700))
	u.Open(pageRoster)
	u.Wait()
	tb := u.roster.list.table
	// Scroll the wheel sideways over the table, as far as it goes.
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(tb).Add(fyne.NewPos(300, 120))
	test.Scroll(u.win.Canvas(), at, -3000, 0)
	got := rendered(tb)
	a := u.roster.list.rows[0]
	if !strings.Contains(got, a.EmpNo) || !strings.Contains(got, a.Name) || !strings.Contains(got, tr("field.supervisor")) {
		t.Fatalf("scrolled right, the table shows %q", got)
	}
}

// TestPaging: first, last and go-to-page, and a new page or search starts
// at the top of the table.
func TestPaging(t *testing.T) {
	u, _ := newTestApp(t, 450)
	u.Open(pageRoster)
	u.Wait()
	l := u.roster.list
	onPage := func(n int, first string) {
		t.Helper()
		if !strings.Contains(rendered(l.count), "page "+string(rune('0'+n))+" of 3") || l.rows[0].EmpNo != first {
			t.Fatalf("want page %d from %s: %q, first %s", n, first, rendered(l.count), l.rows[0].EmpNo)
		}
		if !strings.Contains(rendered(l.table), first) {
			t.Fatalf("page %d is not shown from its top: %q", n, rendered(l.table))
		}
	}
	test.Tap(l.last)
	u.Wait()
	onPage(3, "SA0401")
	if !l.next.Disabled() || !l.last.Disabled() || l.first.Disabled() {
		t.Fatal("on the last page, Next and Last should be off and First on")
	}
	test.Tap(l.first)
	u.Wait()
	onPage(1, "SA0001")
	l.table.ScrollToBottom()
	if strings.Contains(rendered(l.table), "SA0001") {
		t.Fatal("scrolling did not move the table")
	}
	u.win.Canvas().Focus(l.page) // a click in the page field
	l.page.SetText("")
	typeText(u, "2")
	key(u, fyne.KeyReturn)
	u.Wait()
	onPage(2, "SA0201")
	l.table.ScrollToBottom()
	test.Tap(l.next)
	u.Wait()
	onPage(3, "SA0401")
	// A search starts at the top of its answer too.
	l.table.ScrollToBottom()
	test.Type(l.search, "SA01")
	u.Wait()
	if l.total != 100 || !strings.Contains(rendered(l.table), l.rows[0].EmpNo) {
		t.Fatalf("search: %d rows, top not shown: %q", l.total, rendered(l.table))
	}
}
