package ui

import (
	"strings"
	"testing"

	"advisordesk/model"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// escapeAsks opens a new record with Ctrl+N on a list-and-form screen,
// types into its first text field and presses Esc: the form asks before
// it throws the typing away; Cancel keeps it, Discard closes the form.
// Esc on a form nothing was typed into closes it at once.
func escapeAsks[T any](t *testing.T, u *App, name string, s *recordScreen[T]) {
	t.Helper()
	shortcut(u, fyne.KeyN)
	if s.editing == nil {
		t.Fatalf("%s: Ctrl+N opened no form", name)
	}
	var in *entry
	for _, ff := range s.form.fields {
		if e, ok := ff.control().(*entry); ok && !e.Disabled() && e.Visible() {
			in = e
			break
		}
	}
	if in == nil {
		t.Fatalf("%s: no text field in the form", name)
	}
	u.win.Canvas().Focus(in)
	typeText(u, "半截")
	key(u, fyne.KeyEscape)
	if !strings.Contains(dialogText(u), "not saved") {
		t.Fatalf("%s: Esc on a half-typed form asked nothing: %q", name, dialogText(u))
	}
	tapOnTop(t, u, "Cancel")
	if s.editing == nil || !strings.Contains(rendered(in), "半截") {
		t.Fatalf("%s: Cancel lost the typing: %q", name, rendered(in))
	}
	u.win.Canvas().Focus(in)
	key(u, fyne.KeyEscape)
	tapOnTop(t, u, "Discard changes")
	if s.editing != nil || dialogText(u) != "" {
		t.Fatalf("%s: Discard left the form open", name)
	}
	shortcut(u, fyne.KeyN)
	key(u, fyne.KeyEscape)
	if s.editing != nil || dialogText(u) != "" {
		t.Fatalf("%s: Esc on an untouched form did not close it at once (%q)", name, dialogText(u))
	}
}

// TestEscapeAsksOnEveryForm: W11, on every list-and-form screen HR has.
func TestEscapeAsksOnEveryForm(t *testing.T) {
	u, _ := newTestApp(t, 6)
	p := func(title string) { openProcessTab(t, u, title) }
	p("Customers")
	escapeAsks(t, u, "customers", u.process.customers.recordScreen)
	p("Sales")
	escapeAsks(t, u, "sales", u.process.sales.recordScreen)
	p("Sales targets")
	escapeAsks(t, u, "targets", u.process.targets.recordScreen)
	p("Complaints")
	escapeAsks(t, u, "complaints", u.process.complaint.recordScreen)
	p("Market notes")
	escapeAsks(t, u, "market notes", u.process.market.recordScreen)
	p("Products, prices and stock")
	escapeAsks(t, u, "products", u.process.products.recordScreen)
	p("Office calendar")
	escapeAsks(t, u, "calendar", u.process.calendar.recordScreen)
	u.Open(pageRoster)
	u.Wait()
	escapeAsks(t, u, "roster", u.roster.recordScreen)
	openPage(t, u, "nav.accounts")
	escapeAsks(t, u, "accounts", u.accounts.recordScreen)
}

// TestEscapeAsksOnAHalfRecordedCall: the follow-up form asks too.
func TestEscapeAsksOnAHalfRecordedCall(t *testing.T) {
	u, hr, me := advisorApp(t)
	c := &model.Customer{Name: "回访客户", Phone: "13711112222", AdvisorID: me.ID}
	if err := hr.SaveReception(&model.Reception{Date: "2026-11-24", Time: "10:00", AdvisorID: me.ID,
		Outcome: model.OutcomeService}, c); err != nil {
		t.Fatal(err)
	}
	processTab(t, u, "Follow-ups")
	s := u.process.followups
	for i, cells := range s.list.rowTexts() {
		if strings.Contains(strings.Join(cells, "|"), "回访客户") {
			tapRow(t, s.list.table, i)
		}
	}
	if s.editing == nil {
		t.Fatal("the call did not open")
	}
	test.Type(s.problem, "灯还亮")
	u.win.Canvas().Focus(s.problem)
	key(u, fyne.KeyEscape)
	if !strings.Contains(dialogText(u), "not saved") {
		t.Fatalf("Esc on a half-recorded call asked nothing: %q", dialogText(u))
	}
	tapOnTop(t, u, "Cancel")
	if s.editing == nil || rendered(s.problem) != "灯还亮" {
		t.Fatalf("Cancel lost the call: %q", rendered(s.problem))
	}
}
