package ui

import (
	"advisordesk/model"

	"strings"
	"testing"

	"advisordesk/storage"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// picker is what a choice field offers a walker: a Select, or a ui type
// extending one.
type picker interface {
	fyne.Widget
	fyne.Tappable
	fyne.Disableable
	SelectedIndex() int
}

// visible lists the visible objects of a kind in what the window (not a
// dialog) shows.
func visible[T fyne.CanvasObject](u *App) []T {
	var out []T
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		if x, ok := o.(T); ok {
			out = append(out, x)
		}
		switch x := o.(type) {
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	walk(u.win.Canvas().Content())
	return out
}

// onScreen reports whether o is still part of the window (a page change or
// a language switch makes the screens anew).
func onScreen(u *App, o fyne.CanvasObject) bool {
	found := false
	eachObject(u.win.Canvas().Content(), func(x fyne.CanvasObject) { found = found || x == o })
	return found
}

// closeDialogs answers whatever is open on top of the window as a person
// who changed their mind would: Esc, or the dialog's cancel/close button.
func closeDialogs(t *testing.T, u *App) {
	t.Helper()
	c := u.win.Canvas()
	for range 20 {
		top := c.Overlays().Top()
		if top == nil {
			return
		}
		key(u, fyne.KeyEscape)
		u.Wait()
		if c.Overlays().Top() != top {
			continue
		}
		// Fyne's file dialogs, and a few of ours, answer only their buttons.
		t.Logf("Esc does not answer the dialog %q", rendered(top))
		tapped := false
		for _, k := range []string{"action.cancel", "action.close"} {
			eachObject(top, func(o fyne.CanvasObject) {
				if b, ok := o.(*widget.Button); ok && !tapped && b.Visible() && b.Text == tr(k) {
					tapped = true
					test.Tap(b)
				}
			})
		}
		if !tapped {
			top.Hide()
			c.Overlays().Remove(top)
		}
		u.Wait()
	}
	t.Fatal("dialogs keep opening")
}

// tapNav taps the navigation entry of page i.
func tapNav(t *testing.T, u *App, i int) {
	t.Helper()
	want := tr(u.pages[i].title)
	var item fyne.Tappable
	eachObject(u.nav, func(o fyne.CanvasObject) {
		if tp, ok := o.(fyne.Tappable); ok && item == nil && o != fyne.CanvasObject(u.nav) && rendered(o) == want {
			item = tp
		}
	})
	if item == nil {
		t.Fatalf("no navigation entry %q", want)
	}
	test.Tap(item)
	u.Wait()
	if u.current != i {
		t.Fatalf("tapping %q shows page %d", want, u.current)
	}
}

// walkChoices opens every choice field's pop-up and picks each option in
// turn; each pick must be drawn. check runs after every pick.
func walkChoices(t *testing.T, u *App, skip map[fyne.CanvasObject]bool, check func()) {
	t.Helper()
	for _, p := range visible[picker](u) {
		if skip[p] || p.Disabled() {
			continue
		}
		n := len(popUp(t, u, p).Items)
		closeDialogs(t, u)
		for j := range n {
			if !onScreen(u, p) {
				return
			}
			m := popUp(t, u, p)
			label := rendered(m.Items[j])
			test.Tap(m.Items[j].(fyne.Tappable))
			u.Wait()
			closeDialogs(t, u)
			if got := rendered(p); onScreen(u, p) && got != label {
				t.Errorf("picked %q, the field draws %q", label, got)
			}
			if check != nil {
				check()
			}
		}
	}
}

// walkEntries types into every enabled entry and checks the typed text is
// drawn, then puts the old text back.
func walkEntries(t *testing.T, u *App) {
	t.Helper()
	for _, e := range visible[*entry](u) {
		if e.Disabled() || !onScreen(u, e) {
			continue
		}
		old := e.Text
		u.win.Canvas().Focus(e)
		key(u, fyne.KeyEnd)
		typeText(u, "7")
		u.Wait()
		if !e.MultiLine && !strings.Contains(rendered(e), old+"7") {
			t.Errorf("typed 7 after %q, the entry draws %q", old, rendered(e))
		}
		e.SetText(old)
		u.Wait()
		u.win.Canvas().Unfocus()
	}
}

// walkButtons taps every button that a person may try without choosing a
// file on disk or destroying data; what opens is answered with Esc. A
// button that goes to another page is followed there and back.
func walkButtons(t *testing.T, u *App, unsafe map[string]bool) {
	t.Helper()
	page := u.current
	done := map[fyne.CanvasObject]bool{}
	doneText := map[string]bool{}
	for {
		var next *widget.Button
		for _, b := range visible[*widget.Button](u) {
			if !b.Disabled() && !unsafe[b.Text] && !done[b] && !(b.Text != "" && doneText[b.Text]) {
				next = b
				break
			}
		}
		if next == nil {
			return
		}
		done[next], doneText[next.Text] = true, true
		test.Tap(next)
		u.Wait()
		closeDialogs(t, u)
		if u.current != page {
			tapNav(t, u, page)
			closeDialogs(t, u)
		}
	}
}

// TestWalkEveryScreen goes through every page as a curious person would:
// taps each navigation entry, switches list rows, opens every choice's
// pop-up and picks each option, types into every field and taps every
// button that does not choose a file or destroy data. Nothing may panic,
// and what the roster form and the results draw is what the file holds.
func TestWalkEveryScreen(t *testing.T) {
	u, db := newTestApp(t, 8)
	unsafe := map[string]bool{}
	for _, k := range []string{"action.print", "action.export", "action.export_xlsx", "import.action", "action.delete",
		"settings.backup", "settings.restore", "settings.compact", "appraisal.print_all", "appraisal.print_files",
		"appraisal.print_one", "appraisal.export", "appraisal.print_blank", "appraisal.customer_forms",
		"appraisal.delete_form", "action.open_pdf", "signin.out", "lock.lock"} {
		unsafe[tr(k)] = true
	}
	for i := range u.pages {
		tapNav(t, u, i)
		closeDialogs(t, u)
		switch i {
		case pageRoster:
			walkRoster(t, u, db)
		case pageAppraisal:
			walkAppraisal(t, u, db)
		case pageSettings:
			// The language choice remakes every screen; it has its own test.
			walkChoices(t, u, map[fyne.CanvasObject]bool{u.settings.lang: true}, nil)
		default:
			walkChoices(t, u, nil, nil)
		}
		if u.current != i {
			tapNav(t, u, i)
		}
		walkEntries(t, u)
		walkButtons(t, u, unsafe)
		closeDialogs(t, u)
	}
}

// walkRoster opens the first rows; in each it picks every option of every
// choice field and saves, and then the form must draw what the file holds.
func walkRoster(t *testing.T, u *App, db *storage.DB) {
	t.Helper()
	r := u.roster
	for row := range 3 {
		tapRow(t, r.list.table, row)
		closeDialogs(t, u)
		empno := r.editing.EmpNo
		walkChoices(t, u, map[fyne.CanvasObject]bool{r.filter: true}, nil)
		if !r.entry(model.FieldStatusDate).Disabled() && r.entry(model.FieldStatusDate).Text == "" { // the last status picked needs its date
			u.win.Canvas().Focus(r.entry(model.FieldStatusDate))
			typeText(u, "2026-11-01")
		}
		test.Tap(r.saveBtn)
		u.Wait()
		closeDialogs(t, u)
		if r.form.banner.Visible() {
			t.Fatalf("%s: save refused: %s", empno, rendered(r.form.banner))
		}
		a, err := db.Advisors.ByEmpNo.Get(empno)
		if err != nil {
			t.Fatal(err)
		}
		rosterShown(t, r, a)
		if t.Failed() {
			t.FailNow()
		}
	}
	// The status filter: each choice, then back to all.
	walkChoices(t, u, map[fyne.CanvasObject]bool{r.choice(model.FieldGender): true, r.choice(model.FieldEmployment): true, r.choice(model.FieldRole): true, r.choice(model.FieldStatus): true}, nil)
	pick(t, u, r.filter, 0)
	u.Wait()
}

// walkAppraisal switches between the cycles; the results drawn belong to
// the cycle open.
func walkAppraisal(t *testing.T, u *App, db *storage.DB) {
	t.Helper()
	s := u.appraisal
	n := len(s.list.rows)
	for _, row := range []int{0, n - 1, 0, 1} {
		tapRow(t, s.list.table, row)
		u.Wait()
		closeDialogs(t, u)
		d, err := db.LoadCycle(s.data.Cycle.ID)
		if err != nil {
			t.Fatal(err)
		}
		in := map[string]bool{}
		for _, id := range d.Cycle.Participants {
			in[d.Advisors[id].EmpNo] = true
		}
		for _, w := range strings.Fields(rendered(s.results.table)) {
			if strings.HasPrefix(w, "SA") && !in[w] {
				t.Fatalf("cycle %s shows %s, who is not in it", d.Cycle.Name, w)
			}
		}
	}
	walkChoices(t, u, nil, nil)
}
