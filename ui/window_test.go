package ui

// Tests that drive the window as a person does: taps on rows, pop-ups and
// buttons, keys typed on the canvas, and assertions on what is rendered
// (the text the renderers draw), not on the widgets' fields.

import (
	"reflect"
	"strings"
	"testing"

	"advisordesk/model"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// rendered is the text an object draws, as its renderers hold it: visible
// canvas.Text pieces joined by spaces.
func rendered(o fyne.CanvasObject) string {
	var parts []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch x := o.(type) {
		case *canvas.Text:
			if x.Text != "" {
				parts = append(parts, x.Text)
			}
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
	walk(o)
	return strings.Join(parts, " ")
}

// tapRow taps the first cell of a data row of a table with a header row,
// as a mouse click at that place would.
func tapRow(t *testing.T, tb *widget.Table, row int) {
	t.Helper()
	cell := tb.CreateCell().MinSize().Height
	head := tb.CreateHeader().MinSize().Height
	pad := theme.Padding()
	y := head + pad + float32(row)*(cell+pad) + cell/2
	if y >= tb.Size().Height {
		t.Fatalf("row %d is below the table's visible height %v", row, tb.Size().Height)
	}
	test.TapAt(tb, fyne.NewPos(8, y))
}

// popUp opens a choice field's pop-up by tapping it and returns the menu.
func popUp(t *testing.T, u *App, s fyne.Tappable) *widget.PopUpMenu {
	t.Helper()
	test.Tap(s)
	// An open pop-up menu takes the keyboard focus.
	m, ok := u.win.Canvas().Focused().(*widget.PopUpMenu)
	if !ok {
		t.Fatalf("tapping %T opened no pop-up menu", s)
	}
	return m
}

// pick taps option i of a choice field's pop-up.
func pick(t *testing.T, u *App, s fyne.Tappable, i int) {
	t.Helper()
	m := popUp(t, u, s)
	if i >= len(m.Items) {
		t.Fatalf("pop-up has %d items, want item %d", len(m.Items), i)
	}
	test.Tap(m.Items[i].(fyne.Tappable))
}

// key sends a key to whatever has the keyboard focus, as the driver does:
// the focused widget first, the window's own handler when nothing has it.
func key(u *App, name fyne.KeyName) {
	c := u.win.Canvas()
	if f := c.Focused(); f != nil {
		f.TypedKey(&fyne.KeyEvent{Name: name})
		return
	}
	if h := c.OnTypedKey(); h != nil {
		h(&fyne.KeyEvent{Name: name})
	}
}

// typeText types runes into whatever has the keyboard focus.
func typeText(u *App, text string) {
	c := u.win.Canvas()
	for _, ch := range text {
		if f := c.Focused(); f != nil {
			f.TypedRune(ch)
		} else if h := c.OnTypedRune(); h != nil {
			h(ch)
		}
	}
}

// shortcut sends Ctrl+k as the driver does: to a focused widget that takes
// shortcuts, otherwise to the window's shortcuts.
func shortcut(u *App, k fyne.KeyName) {
	c := u.win.Canvas()
	if f, ok := c.Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(ctrl(k))
		return
	}
	c.(fyne.Shortcutable).TypedShortcut(ctrl(k))
}

// rosterShown checks that every field of the open roster form draws the
// advisor's value.
func rosterShown(t *testing.T, r *rosterScreen, a *model.Advisor) {
	t.Helper()
	want := map[string]struct {
		o    fyne.CanvasObject
		text string
	}{
		"empno":      {r.entry(model.FieldEmpNo), a.EmpNo},
		"name":       {r.entry(model.FieldName), a.Name},
		"gender":     {r.choice(model.FieldGender), tr("gender." + string(a.Gender))},
		"employment": {r.choice(model.FieldEmployment), tr("employment." + string(a.Employment))},
		"role":       {r.choice(model.FieldRole), tr("role." + string(a.Role))},
		"status":     {r.choice(model.FieldStatus), tr("status." + string(a.Status))},
		"department": {r.entry(model.FieldDepartment), a.Department},
		"phone":      {r.entry(model.FieldPhone), a.Phone},
	}
	for field, w := range want {
		got := rendered(w.o)
		if w.text == "" {
			continue
		}
		if got != w.text {
			t.Errorf("%s %s: the form draws %q, the file holds %q", a.EmpNo, field, got, w.text)
		}
	}
}

// TestRosterFormShowsEachAdvisor opens three advisors with different
// choices one after another by tapping their rows; each time every field
// must draw that advisor's value.
func TestRosterFormShowsEachAdvisor(t *testing.T) {
	u, db := newTestApp(t, 5)
	u.Open(pageRoster)
	u.Wait()
	r := u.roster
	seen := map[model.Employment]bool{}
	for row := range 3 {
		tapRow(t, r.list.table, row)
		if r.editing == nil || r.editing.EmpNo != r.list.rows[row].EmpNo {
			t.Fatalf("tapping row %d opened %+v", row, r.editing)
		}
		a, err := db.Advisors.ByEmpNo.Get(r.list.rows[row].EmpNo)
		if err != nil {
			t.Fatal(err)
		}
		seen[a.Employment] = true
		rosterShown(t, r, a)
	}
	if len(seen) < 2 {
		t.Fatalf("rows 0–2 of the demo share one employment type: the test shows nothing")
	}
}

// TestRosterKeyboardSavesWhatIsShown: Ctrl+N, type a number and a name,
// move a choice with the keyboard, save; what is saved is what was shown.
func TestRosterKeyboardSavesWhatIsShown(t *testing.T) {
	u, db := newTestApp(t, 3)
	u.Open(pageRoster)
	u.Wait()
	r := u.roster
	tapRow(t, r.list.table, 1) // an advisor seen before the new form
	shortcut(u, fyne.KeyN)
	c := u.win.Canvas()
	typeText(u, "SA0900")
	c.FocusNext()
	typeText(u, "键盘人")
	c.FocusNext() // gender
	if c.Focused() != r.choice(model.FieldGender) {
		t.Fatalf("Tab after the name focuses %T, want the gender field", c.Focused())
	}
	key(u, fyne.KeyRight)
	key(u, fyne.KeyRight)
	for c.Focused() != r.choice(model.FieldEmployment) {
		c.FocusNext()
	}
	key(u, fyne.KeyRight)
	shownGender, shownEmployment := rendered(r.choice(model.FieldGender)), rendered(r.choice(model.FieldEmployment))
	shortcut(u, fyne.KeyS)
	u.Wait()
	if r.form.banner.Visible() {
		t.Fatalf("save refused: %s", r.form.banner.Text)
	}
	a, err := db.Advisors.ByEmpNo.Get("SA0900")
	if err != nil {
		t.Fatal(err)
	}
	if got := tr("gender." + string(a.Gender)); got != shownGender {
		t.Errorf("gender: the form showed %q, the file holds %q", shownGender, got)
	}
	if got := tr("employment." + string(a.Employment)); got != shownEmployment {
		t.Errorf("employment: the form showed %q, the file holds %q", shownEmployment, got)
	}
	if a.Employment == model.FullTime {
		t.Error("the arrow key did not move the employment choice")
	}
}

// TestChoicePopUpPicksWhatItShows picks every option of the employment
// field through its pop-up; each pick is drawn and saved.
func TestChoicePopUpPicksWhatItShows(t *testing.T) {
	u, db := newTestApp(t, 3)
	u.Open(pageRoster)
	u.Wait()
	r := u.roster
	tapRow(t, r.list.table, 0)
	for i, code := range model.Employments {
		pick(t, u, r.choice(model.FieldEmployment), i)
		if got, want := rendered(r.choice(model.FieldEmployment)), tr("employment."+string(code)); got != want {
			t.Fatalf("picked %q, the field draws %q", want, got)
		}
		test.Tap(r.saveBtn)
		u.Wait()
		a, _ := db.Advisors.ByEmpNo.Get(r.editing.EmpNo)
		if a.Employment != code {
			t.Fatalf("picked %s, saved %s", code, a.Employment)
		}
	}
}

// TestSwitchCycles taps one cycle after another in the list (Q4 → Q3,
// Q2 → Q3, a draft → Q3) and renders the results each time: every shown
// number belongs to the cycle open, and its first-ranked person is shown.
func TestSwitchCycles(t *testing.T) {
	u, db := newTestApp(t, 12)
	u.Open(pageAppraisal)
	u.Wait()
	s := u.appraisal
	// A draft cycle with only some of the office in it.
	tapIn(t, u, tr("appraisal.new_cycle"))
	test.Type(s.cycle.name, "草稿周期")
	pick(t, u, s.cycle.group, 1)
	tapButton(t, u, s.body, tr("appraisal.add_group"))
	tapButton(t, u, s.body, tr("action.save"))
	rowOf := func(name string) int {
		for i, c := range s.list.rows {
			if strings.Contains(c.Name, name) {
				return i
			}
		}
		t.Fatalf("no cycle %q in %v", name, s.list.rowTexts())
		return -1
	}
	show := func(name string) {
		t.Helper()
		tapRow(t, s.list.table, rowOf(name))
		u.Wait()
		if s.data == nil || !strings.Contains(s.data.Cycle.Name, name) {
			t.Fatalf("tapping %s opened %v", name, s.data)
		}
		d, err := db.LoadCycle(s.data.Cycle.ID)
		if err != nil {
			t.Fatal(err)
		}
		shown := rendered(s.results.table)
		in := map[string]bool{}
		for _, id := range d.Cycle.Participants {
			in[d.Advisors[id].EmpNo] = true
		}
		for _, w := range strings.Fields(shown) {
			if strings.HasPrefix(w, "SA") && !in[w] {
				t.Fatalf("%s shows %s, who is not in it", name, w)
			}
		}
		if res := d.Results(); len(res) > 0 && !strings.Contains(shown, d.Advisors[res[0].AdvisorID].EmpNo) {
			t.Fatalf("%s does not show its first participant: %q", name, shown)
		}
	}
	for _, pair := range [][2]string{{"第四季度", "第三季度"}, {"第二季度", "第三季度"}, {"草稿周期", "第三季度"}} {
		show(pair[0])
		show(pair[1])
	}
}

// button finds a button by its text in what the top dialog or, with none,
// the window draws.
func button(t *testing.T, u *App, text string) *widget.Button {
	t.Helper()
	c := u.win.Canvas()
	root := c.Content()
	if top := c.Overlays().Top(); top != nil {
		root = top
	}
	var found *widget.Button
	eachObject(root, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text && b.Visible() && found == nil {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no button %q in %q", text, rendered(root))
	}
	return found
}

// dialogText is what the top dialog draws, "" if none is open.
func dialogText(u *App) string {
	if top := u.win.Canvas().Overlays().Top(); top != nil {
		return rendered(top)
	}
	return ""
}

func windowOpen(u *App) bool {
	for _, w := range fyne.CurrentApp().Driver().AllWindows() {
		if w == u.win {
			return true
		}
	}
	return false
}

// TestUnsavedEditAsks: another row, another page or closing the window
// with an unsaved edit asks save / discard / cancel; each answer does what
// its button says, by tap, Esc and Enter, in both languages.
func TestUnsavedEditAsks(t *testing.T) {
	u, db := newTestApp(t, 4)
	u.Open(pageRoster)
	u.Wait()
	r := u.roster
	phoneOf := func(empno string) string {
		a, err := db.Advisors.ByEmpNo.Get(empno)
		if err != nil {
			t.Fatal(err)
		}
		return a.Phone
	}
	first := r.list.rows[0].EmpNo
	tapRow(t, r.list.table, 0)
	// Opening another row with nothing changed asks nothing.
	tapRow(t, r.list.table, 1)
	if dialogText(u) != "" || r.editing.EmpNo != r.list.rows[1].EmpNo {
		t.Fatalf("an unchanged form asked: %q", dialogText(u))
	}
	tapRow(t, r.list.table, 0)
	fillIn(map[*entry]string{r.entry(model.FieldPhone): "13900001111"})

	// Cancel keeps the form and the highlight on its row.
	tapRow(t, r.list.table, 1)
	if !strings.Contains(dialogText(u), "not saved") {
		t.Fatalf("no question on switching rows: %q", dialogText(u))
	}
	if m := strings.Join(markedCells(r.list.table), " "); !strings.Contains(m, first) || strings.Contains(m, r.list.rows[1].EmpNo) {
		t.Fatalf("while asking, the marked row is %q, want %s's", m, first)
	}
	test.Tap(button(t, u, "Cancel"))
	if r.editing.EmpNo != first || rendered(r.entry(model.FieldPhone)) != "13900001111" || dialogText(u) != "" {
		t.Fatalf("cancel: form %s shows %q", r.editing.EmpNo, rendered(r.entry(model.FieldPhone)))
	}
	// Esc answers cancel too.
	tapRow(t, r.list.table, 2)
	key(u, fyne.KeyEscape)
	if r.editing.EmpNo != first || dialogText(u) != "" {
		t.Fatal("Esc did not cancel")
	}
	// Discard opens the other row and stores nothing.
	tapRow(t, r.list.table, 1)
	test.Tap(button(t, u, "Discard changes"))
	if r.editing.EmpNo != r.list.rows[1].EmpNo || phoneOf(first) == "13900001111" {
		t.Fatalf("discard: form %s, stored phone %q", r.editing.EmpNo, phoneOf(first))
	}
	// Enter answers save: stored, then the other row opens.
	tapRow(t, r.list.table, 0)
	fillIn(map[*entry]string{r.entry(model.FieldPhone): "13900002222"})
	tapRow(t, r.list.table, 2)
	key(u, fyne.KeyReturn)
	u.Wait()
	if phoneOf(first) != "13900002222" || r.editing.EmpNo != r.list.rows[2].EmpNo {
		t.Fatalf("save and continue: stored %q, form %s", phoneOf(first), r.editing.EmpNo)
	}
	// A refused save keeps the form (and its row) open.
	fillIn(map[*entry]string{r.entry(model.FieldPhone): "123"})
	tapRow(t, r.list.table, 0)
	test.Tap(button(t, u, "Save and continue"))
	u.Wait()
	if r.editing.EmpNo != r.list.rows[2].EmpNo || r.form.message(model.FieldPhone) == "" {
		t.Fatalf("a refused save moved on to %s", r.editing.EmpNo)
	}
	// Another page asks too; cancel stays on the roster.
	u.nav.Select(pageSettings)
	test.Tap(button(t, u, "Cancel"))
	if u.current != pageRoster {
		t.Fatal("cancel left the page")
	}

	// Closing the window, in Chinese.
	if reflect.ValueOf(u.win).Elem().FieldByName("onCloseIntercepted").IsNil() {
		t.Fatal("the window's close button is not intercepted")
	}
	u.SetLanguage(langZh)
	u.Open(pageRoster)
	u.Wait()
	r = u.roster
	tapRow(t, r.list.table, 3)
	empno := r.editing.EmpNo
	fillIn(map[*entry]string{r.entry(model.FieldPhone): "13900003333"})
	u.askClose()
	if got := dialogText(u); !strings.Contains(got, "有未保存的修改") || !strings.Contains(got, "保存后继续") || !strings.Contains(got, "放弃修改") {
		t.Fatalf("zh question: %q", got)
	}
	key(u, fyne.KeyEscape)
	if !windowOpen(u) {
		t.Fatal("Esc closed the window")
	}
	u.askClose()
	test.Tap(button(t, u, "保存后继续"))
	u.Wait()
	if phoneOf(empno) != "13900003333" || windowOpen(u) {
		t.Fatalf("save and close: stored %q, window open %v", phoneOf(empno), windowOpen(u))
	}
}

// TestUnsavedCycleAsks: the cycle settings form asks too before another
// cycle replaces it.
func TestUnsavedCycleAsks(t *testing.T) {
	u, db := newTestApp(t, 6)
	u.Open(pageAppraisal)
	u.Wait()
	s := u.appraisal
	tapRow(t, s.list.table, 0) // the running cycle: published ones cannot be edited
	u.Wait()
	first := s.data.Cycle.ID
	var tab fyne.Tappable
	eachObject(s.tabs, func(o fyne.CanvasObject) {
		if tp, ok := o.(fyne.Tappable); ok && tab == nil && o != fyne.CanvasObject(s.tabs) && rendered(o) == tr("appraisal.tab_cycle") {
			tab = tp
		}
	})
	test.Tap(tab) // the cycle's settings tab
	u.win.Canvas().Focus(s.cycle.name)
	key(u, fyne.KeyEnd)
	typeText(u, "（改）")
	tapRow(t, s.list.table, 1)
	u.Wait()
	if !strings.Contains(dialogText(u), "not saved") {
		t.Fatalf("no question: %q", dialogText(u))
	}
	key(u, fyne.KeyEscape)
	u.Wait()
	if s.data.Cycle.ID != first || !strings.HasSuffix(rendered(s.cycle.name), "（改）") {
		t.Fatalf("Esc: cycle %d open, name %q", s.data.Cycle.ID, rendered(s.cycle.name))
	}
	tapRow(t, s.list.table, 1)
	test.Tap(button(t, u, "Save and continue"))
	u.Wait()
	c, err := db.Cycles.Get(first)
	if err != nil || !strings.HasSuffix(c.Name, "（改）") || s.data.Cycle.ID == first {
		t.Fatalf("save and continue: stored %q, open %d", c.Name, s.data.Cycle.ID)
	}
}
