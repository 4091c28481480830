package ui

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"advisordesk/model"
	"advisordesk/storage"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// advisorApp is an office of 12 demo advisors with the window signed in
// as SA0003, an advisor.
func advisorApp(t *testing.T) (*App, *storage.DB, *model.Advisor) {
	t.Helper()
	file := openFile(t, filepath.Join(t.TempDir(), "office.db"))
	hr, _, err := file.SetUp("admin", "王芳", testPassword)
	if err != nil {
		t.Fatal(err)
	}
	if err := hr.LoadDemo(12, 1); err != nil {
		t.Fatal(err)
	}
	me, _ := hr.Advisors.ByEmpNo.Get("SA0003")
	if err := hr.SaveAccount(&model.Account{Login: "sa0003", Name: me.Name, Role: model.RoleAdvisor, AdvisorID: me.ID}, "given pass 1"); err != nil {
		t.Fatal(err)
	}
	adv, err := file.Login("sa0003", "given pass 1")
	if err != nil {
		t.Fatal(err)
	}
	u := openAs(t, adv)
	u.Open(pageProcess)
	u.Wait()
	return u, hr, me
}

// processTab selects the Work process page's tab named title.
func processTab(t *testing.T, u *App, title string) {
	t.Helper()
	for i, it := range u.process.tabs.Items {
		if it.Text == title {
			u.process.tabs.SelectIndex(i)
			u.Wait()
			return
		}
	}
	t.Fatalf("no tab %q", title)
}

// TestWalkInByKeyboard logs a walk-in for a new customer with the keyboard
// alone: the name typed into the look-up (nobody found), Tab, the phone,
// Tab, an arrow to the outcome, Tab, the need, Enter. The reception and the
// new customer are on file, the reception is in the list, and the service
// scheduled its call.
func TestWalkInByKeyboard(t *testing.T) {
	u, hr, me := advisorApp(t)
	processTab(t, u, "Receptions")
	s := u.process.reception
	c := u.win.Canvas()
	if c.Focused() != s.lookup {
		t.Fatalf("the receptions tab opens with %T focused, want the customer look-up", c.Focused())
	}
	typeText(u, "欧阳新客")
	u.Wait()
	if len(s.found) != 0 {
		t.Fatalf("a new name found %d customers", len(s.found))
	}
	c.FocusNext()
	typeText(u, "13912345678")
	c.FocusNext()
	if c.Focused() != s.outcome {
		t.Fatalf("Tab after the phone focuses %T, want the outcome", c.Focused())
	}
	key(u, fyne.KeyRight) // the first outcome: a service
	c.FocusNext()
	typeText(u, "刹车异响")
	key(u, fyne.KeyReturn)
	u.Wait()

	customers, _, err := hr.FindCustomers(model.ListQuery{Text: "欧阳新客"})
	if err != nil || len(customers) != 1 || customers[0].Phone != "13912345678" || customers[0].AdvisorID != me.ID {
		t.Fatalf("the new customer on file: %+v, %v", customers, err)
	}
	recs, err := hr.ReceptionsOfCustomer(customers[0].ID)
	if err != nil || len(recs) != 1 || recs[0].Need != "刹车异响" || recs[0].Outcome != model.OutcomeService ||
		recs[0].AdvisorID != me.ID || recs[0].Date != hr.Today() {
		t.Fatalf("the reception on file: %+v, %v", recs, err)
	}
	calls, _ := hr.FollowUpsOfCustomer(customers[0].ID)
	if len(calls) != 1 || calls[0].Due != model.AddDays(hr.Today(), 3) {
		t.Fatalf("the service's call: %+v", calls)
	}
	if !strings.Contains(s.status.Text, "欧阳新客") {
		t.Errorf("the status says %q", s.status.Text)
	}
	found := false
	for _, row := range s.list.rowTexts() {
		if strings.Contains(strings.Join(row, "|"), "欧阳新客") {
			found = true
		}
	}
	if !found {
		t.Errorf("the list does not show the walk-in: %v", s.list.rowTexts())
	}
	if s.lookup.Text != "" || c.Focused() != s.lookup {
		t.Errorf("after the save the form is not ready for the next walk-in: %q, focus %T", s.lookup.Text, c.Focused())
	}

	// The same customer again: found by part of the phone, chosen with Enter.
	typeText(u, "1234567")
	u.Wait()
	if len(s.found) != 1 {
		t.Fatalf("part of the phone finds %d customers", len(s.found))
	}
	c.FocusNext() // Tab while matches show goes to the next field, not into the matches
	if c.Focused() != s.phone {
		t.Fatalf("Tab from the look-up with matches showing focuses %T, want the phone", c.Focused())
	}
	c.Focus(s.lookup)
	key(u, fyne.KeyReturn)
	if s.customer == nil || s.customer.ID != customers[0].ID || !s.phone.Disabled() {
		t.Fatalf("Enter did not choose the match: %+v", s.customer)
	}
	if c.Focused() != s.outcome {
		t.Fatalf("after the choice the focus is on %T, want the outcome (the phone is known)", c.Focused())
	}
	key(u, fyne.KeyRight)
	key(u, fyne.KeyRight) // a repair
	c.FocusNext()
	key(u, fyne.KeyReturn)
	u.Wait()
	if recs, _ = hr.ReceptionsOfCustomer(customers[0].ID); len(recs) != 2 || recs[0].Outcome != model.OutcomeRepair {
		t.Fatalf("the second visit: %+v", recs)
	}
	if n, _ := hr.Customers.Count(); n != len(customersOf(t, hr)) {
		t.Fatal("count")
	}
}

func customersOf(t *testing.T, db *storage.DB) []*model.Customer {
	list, _, err := db.FindCustomers(model.ListQuery{})
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// TestWalkInRefusedBesideFields: a phone that is no phone and no outcome
// are said beside their fields; nothing is saved.
func TestWalkInRefusedBesideFields(t *testing.T) {
	u, hr, _ := advisorApp(t)
	processTab(t, u, "Receptions")
	s := u.process.reception
	before, _ := hr.Customers.Count()
	typeText(u, "错号客户")
	u.Wait()
	u.win.Canvas().FocusNext()
	typeText(u, "12345")
	key(u, fyne.KeyReturn)
	u.Wait()
	if got := s.form.field(model.FieldPhone).msg.Text; !strings.Contains(got, "phone") {
		t.Errorf("the phone row says %q", got)
	}
	if got := s.form.field(model.FieldRecOutcome).msg.Text; got == "" {
		t.Error("the missing outcome is not said beside it")
	}
	if n, _ := hr.Customers.Count(); n != before {
		t.Errorf("a refused walk-in left %d customers, had %d", n, before)
	}
	test.Tap(s.clearBtn)
	for _, f := range []string{model.FieldPhone, model.FieldRecOutcome} {
		if msg := s.form.field(f).msg; msg.Visible() {
			t.Errorf("after Clear the %s row still says %q", f, msg.Text)
		}
	}
	if s.form.banner.Visible() {
		t.Errorf("after Clear the form still says %q", s.form.banner.Text)
	}
}

// TestWalkInWithANumberOnFileAsks: a walk-in typed as new with a number a
// customer on file has is asked about, as the customers' form asks: Stop
// saves nothing; going on saves the second customer. Escape on a
// half-typed walk-in asks before it empties the form.
func TestWalkInWithANumberOnFileAsks(t *testing.T) {
	u, hr, me := advisorApp(t)
	processTab(t, u, "Receptions")
	s := u.process.reception
	var mine *model.Customer
	for _, c := range customersOf(t, hr) {
		if c.AdvisorID == me.ID && c.Phone != "" {
			mine = c
			break
		}
	}
	if mine == nil {
		t.Fatal("the demo gave SA0003 no customer with a phone")
	}
	before, _ := hr.Customers.Count()
	typeText(u, "同号新客")
	u.Wait()
	u.win.Canvas().FocusNext()
	typeText(u, mine.Phone)
	u.win.Canvas().Focus(s.outcome)
	key(u, fyne.KeyRight)
	u.win.Canvas().Focus(s.need)
	key(u, fyne.KeyReturn)
	u.Wait()
	if s.dup == nil || len(s.dup.lines) != 1 || !strings.Contains(s.dup.lines[0], mine.Name) {
		t.Fatalf("no question about the number %s on file for %s: %+v", mine.Phone, mine.Name, s.dup)
	}
	tapOnTop(t, u, tr("customer.dup_stop"))
	if n, _ := hr.Customers.Count(); n != before || s.lookup.Text != "同号新客" {
		t.Fatalf("Stop: %d customers (had %d), the form holds %q", n, before, s.lookup.Text)
	}
	key(u, fyne.KeyEscape)
	tapOnTop(t, u, tr("action.cancel"))
	if s.lookup.Text != "同号新客" {
		t.Fatalf("Escape emptied the walk-in without asking")
	}
	u.win.Canvas().Focus(s.need)
	key(u, fyne.KeyReturn)
	u.Wait()
	tapOnTop(t, u, tr("customer.dup_go"))
	if n, _ := hr.Customers.Count(); n != before+1 {
		t.Fatalf("going on saved %d customers, had %d", n, before)
	}
}

// TestDueListRecordsACall: the advisor's due list shows the call a service
// scheduled; tapping it opens its form; a call dated before the reception
// is refused beside its day; a call made leaves the list.
func TestDueListRecordsACall(t *testing.T) {
	u, hr, me := advisorApp(t)
	c := &model.Customer{Name: "回访客户", Phone: "13711112222", AdvisorID: me.ID}
	// Three days ago, so that the rule's call falls due today (the real clock).
	r := &model.Reception{Date: model.AddDays(hr.Today(), -3), Time: "10:00", AdvisorID: me.ID, Outcome: model.OutcomeService}
	if err := hr.SaveReception(r, c); err != nil {
		t.Fatal(err)
	}
	processTab(t, u, "Follow-ups")
	s := u.process.followups
	row := -1
	for i, cells := range s.list.rowTexts() {
		if strings.Contains(strings.Join(cells, "|"), "回访客户") {
			row = i
			if !strings.Contains(strings.Join(cells, "|"), "Due today") || !strings.Contains(strings.Join(cells, "|"), "13711112222") {
				t.Errorf("the call's row: %v", cells)
			}
		}
	}
	if row < 0 {
		t.Fatalf("the service's call is not in the due list: %v", s.list.rowTexts())
	}
	tapRow(t, s.list.table, row)
	if !strings.Contains(s.title.Text, "回访客户") {
		t.Fatalf("the form is about %q", s.title.Text)
	}
	s.done.SetText("")
	test.Type(s.done, string(model.AddDays(r.Date, -4)))
	test.Type(s.score, "5")
	tapButton(t, u, s.formBox, "Save")
	if got := s.form.field(model.FieldFUDone).msg.Text; !strings.Contains(got, string(r.Date)) {
		t.Fatalf("a call before the reception: the day's row says %q", got)
	}
	s.done.SetText("")
	test.Type(s.done, string(hr.Today()))
	tapButton(t, u, s.formBox, "Save")
	for _, cells := range s.list.rowTexts() {
		if strings.Contains(strings.Join(cells, "|"), "回访客户") {
			t.Fatalf("a call made stays in the due list: %v", cells)
		}
	}
	calls, _ := hr.FollowUpsOfCustomer(c.ID)
	if len(calls) != 1 || calls[0].Result != model.ResultReached || calls[0].Satisfaction != 5 || calls[0].Done != hr.Today() {
		t.Fatalf("the call on file: %+v", calls)
	}
	// What the save says fits on the toolbar's one line (it wrapped a
	// letter a line beside the buttons and pushed the list down).
	line := widget.NewLabel("x").MinSize().Height
	if !strings.Contains(s.status.Text, "回访客户") || s.status.Size().Height > line || s.status.Size().Width < 200 {
		t.Errorf("the saved call's message %q is drawn %v", s.status.Text, s.status.Size())
	}
}

// TestWalkInRecommendsByKeyboard: the recommended product is chosen with
// the keyboard too: Space on the products button opens the picker, typing
// a code leaves one product, Enter chooses it and closes the picker.
func TestWalkInRecommendsByKeyboard(t *testing.T) {
	u, _, _ := advisorApp(t)
	processTab(t, u, "Receptions")
	s := u.process.reception
	c := u.win.Canvas()
	typeText(u, "欧阳荐品")
	for range 20 {
		if f, ok := c.Focused().(*widget.Button); ok && f == s.products.choose {
			break
		}
		if c.Focused() == s.outcome {
			key(u, fyne.KeyRight) // the first outcome: a service
		}
		c.FocusNext()
	}
	if c.Focused() != s.products.choose {
		t.Fatalf("Tab does not reach the recommended products")
	}
	key(u, fyne.KeySpace)
	u.Wait()
	if s.picker == nil || c.Focused() != s.picker.list.search {
		t.Fatal("Space did not open the product picker with its search focused")
	}
	typeText(u, "PT-101")
	u.Wait()
	key(u, fyne.KeyReturn)
	u.Wait()
	if len(s.picked) != 1 || s.products.text != "机油滤清器" {
		t.Fatalf("Enter on the only match chose %v %q", s.picked, s.products.text)
	}
	if c.Overlays().Top() != nil {
		t.Error("the picker is still open after the choice")
	}
	// The typing goes on after the products (the day, whose Enter saves),
	// not back to an earlier field.
	if c.Focused() != s.date {
		t.Errorf("after the product picker the focus is on %T, want the day after the products", c.Focused())
	}
	key(u, fyne.KeyReturn)
	u.Wait()
	if !strings.Contains(s.status.Text, "欧阳荐品") {
		t.Errorf("Enter after the choice did not save the walk-in: %q", s.status.Text)
	}
}

// TestWalkInPlaceholdersAreHints: the empty phone and time show what to
// type, not a sample value that reads as if it were typed.
func TestWalkInPlaceholdersAreHints(t *testing.T) {
	u, _, _ := advisorApp(t)
	processTab(t, u, "Receptions")
	got := rendered(u.win.Content())
	if strings.Contains(got, "13800138000") || !strings.Contains(got, "11-digit mobile number") {
		t.Errorf("the new customer's phone shows %q", u.process.reception.phone.PlaceHolder)
	}
}

// TestReceptionOutcomesShowWhole: the list's outcome cells show the
// outcome uncut ("Service done", not "Service d…").
func TestReceptionOutcomesShowWhole(t *testing.T) {
	u, _, _ := advisorApp(t)
	processTab(t, u, "Receptions")
	got := rendered(u.process.reception.list.table)
	for _, o := range model.ReceptionOutcomes {
		label := tr("reception.outcome." + string(o))
		if cut := []rune(label); len(cut) > 3 && strings.Contains(got, string(cut[:3])) && !strings.Contains(got, label) {
			t.Errorf("the outcome %q is cut in the list: %s", label, got)
		}
	}
	if !strings.Contains(got, tr("reception.outcome.service")) {
		t.Errorf("no whole service outcome in the list: %s", got)
	}
}

// TestWalkInShowsEveryProblemAtOnce: a walk-in typed with a phone that is
// no phone, no outcome, a date that is no date and a time that is no time
// is refused on one Enter with all four named beside their fields (a bad
// date hid the rest until it was corrected); nothing is saved.
func TestWalkInShowsEveryProblemAtOnce(t *testing.T) {
	u, hr, _ := advisorApp(t)
	processTab(t, u, "Receptions")
	s := u.process.reception
	c := u.win.Canvas()
	before, _ := hr.Customers.Count()
	typeText(u, "张三丰")
	u.Wait()
	c.FocusNext()
	typeText(u, "12345")
	fillIn(map[*entry]string{s.date: "2027-02-30", s.clock: "25:99"})
	c.Focus(s.clock)
	key(u, fyne.KeyReturn)
	u.Wait()
	for field, want := range map[string]string{
		model.FieldRecDate:    "Not a date",
		model.FieldPhone:      "phone",
		model.FieldRecOutcome: "Required",
		model.FieldRecTime:    "time",
	} {
		if got := s.form.message(field); !strings.Contains(got, want) {
			t.Errorf("beside %s: %q, want %q", field, got, want)
		}
	}
	if n, _ := hr.Customers.Count(); n != before {
		t.Fatal("a refused walk-in saved its customer")
	}
}

// TestReceptionOpensToReadAndCorrect: a tap on a row of the list opens the
// reception in the form, its need and products whole; the advisor corrects
// the outcome and saves; the list shows the correction, the store traded
// the calls, History tells the change; New walk-in empties the form for
// the next customer, typed as fast as before.
func TestReceptionOpensToReadAndCorrect(t *testing.T) {
	u, hr, me := advisorApp(t)
	processTab(t, u, "Receptions")
	s := u.process.reception
	typeText(u, "欧阳更正")
	u.win.Canvas().FocusNext()
	typeText(u, "13912345670")
	u.win.Canvas().FocusNext()
	key(u, fyne.KeyRight) // a service
	u.win.Canvas().FocusNext()
	long := "想换机油，顺便检查刹车片和轮胎的磨损情况，客户说下雨天刹车时方向盘会轻微抖动，希望今天就能处理好"
	typeText(u, long)
	key(u, fyne.KeyReturn)
	u.Wait()
	customers, _, _ := hr.FindCustomers(model.ListQuery{Text: "欧阳更正"})
	if len(customers) != 1 {
		t.Fatalf("the walk-in's customer: %v", customers)
	}
	row := -1
	for i, r := range s.list.rows {
		if r.Customer == "欧阳更正" {
			row = i
		}
	}
	if row < 0 {
		t.Fatal("the walk-in is not listed")
	}
	tapRow(t, s.list.table, row)
	u.Wait()
	form := rendered(s.form.scroll)
	if s.editing == nil || !strings.Contains(form, "下雨天刹车时方向盘会轻微抖动") {
		t.Fatalf("the tapped reception does not show whole in the form: %s", form)
	}
	if !strings.Contains(rendered(u.win.Content()), "Reception: 欧阳更正") || !s.history.Visible() {
		t.Errorf("the form is not titled for the reception opened, or has no History")
	}
	// The outcome was a repair.
	pick(t, u, s.outcome, 1)
	test.Tap(s.saveBtn)
	u.Wait()
	recs, _ := hr.ReceptionsOfCustomer(customers[0].ID)
	if len(recs) != 1 || recs[0].Outcome != model.OutcomeRepair || recs[0].Need != long || recs[0].AdvisorID != me.ID {
		t.Fatalf("the corrected reception on file: %+v", recs)
	}
	calls, _ := hr.FollowUpsOfCustomer(customers[0].ID)
	if len(calls) != 1 || calls[0].Reason != model.ReasonRepair {
		t.Fatalf("the calls after the correction: %+v", calls)
	}
	if !strings.Contains(s.status.Text, "Correction saved") || s.editing != nil || s.lookup.Text != "" {
		t.Errorf("after the correction: status %q, form still on a reception %v", s.status.Text, s.editing != nil)
	}
	if got := strings.Join(s.list.rowTexts()[row], "|"); !strings.Contains(got, "Repair done") {
		t.Errorf("the list row after the correction: %s", got)
	}
	// History lists the outcome's change.
	tapRow(t, s.list.table, row)
	u.Wait()
	test.Tap(s.history)
	u.Wait()
	if got := rendered(u.win.Canvas().Overlays().Top()); !strings.Contains(got, "Service done → Repair done") {
		t.Errorf("History does not tell the correction: %s", got)
	}
	u.win.Canvas().Overlays().Top().Hide()
	// A name typed over the customer's is not a new customer.
	s.lookup.SetText("欧阳另一")
	test.Tap(s.saveBtn)
	u.Wait()
	if !strings.Contains(rendered(s.form.scroll), "Choose a customer on file") {
		t.Errorf("a name typed over a reception's customer: %s", rendered(s.form.scroll))
	}
	s.reset()
	// New walk-in: blank, the look-up ready.
	s.open(s.list.rows[row])
	test.Tap(s.clearBtn)
	if s.editing != nil || s.lookup.Text != "" || s.need.Text != "" || !strings.Contains(rendered(u.win.Content()), "Log a walk-in") {
		t.Errorf("New walk-in left the reception in the form")
	}
}

// TestReceptionFormHasRoom: at the default window in both languages, the
// form's inputs have room and the look-up's hint shows whole.
func TestReceptionFormHasRoom(t *testing.T) {
	u, _, _ := advisorApp(t)
	for _, c := range []struct{ lang, tab string }{{langEn, "Receptions"}, {langZh, "客户接待"}} {
		u.SetLanguage(c.lang)
		openProcessTab(t, u, c.tab)
		s := u.process.reception
		hint := fyne.MeasureText(s.lookup.PlaceHolder, theme.TextSize(), fyne.TextStyle{}).Width
		room := s.lookup.Size().Width - 2*theme.InnerPadding() - 2*theme.InputBorderSize()
		if hint > room {
			t.Errorf("%s: the look-up's hint %q needs %.0f px, the input gives %.0f", c.lang, s.lookup.PlaceHolder, hint, room)
		}
		if w := s.need.Size().Width; w < 260 {
			t.Errorf("%s: the inputs are %.0f px wide", c.lang, w)
		}
	}
}

// TestWalkInTimeIsWhenItBegins: a blank form keeps its time from when it
// was shown; a walk-in typed an hour later was stamped with that stale
// time. Untouched, the time follows the clock when the look-up is typed
// in; a time the person typed stays.
func TestWalkInTimeIsWhenItBegins(t *testing.T) {
	u, _, _ := advisorApp(t)
	processTab(t, u, "Receptions")
	s := u.process.reception
	s.stamp[1] = "03:17" // shown long ago
	s.clock.SetText("03:17")
	before := time.Now().Format("15:04")
	test.Type(s.lookup, "欧")
	if got, after := s.clock.Text, time.Now().Format("15:04"); got != before && got != after {
		t.Errorf("the walk-in begun at %s is stamped %s", before, got)
	}
	s.clock.SetText("09:30") // typed by the person
	test.Type(s.lookup, "阳")
	if s.clock.Text != "09:30" {
		t.Errorf("a typed time was replaced by %s", s.clock.Text)
	}
}
