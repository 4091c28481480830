package ui

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"advisordesk/model"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// openPage goes to the page whose navigation entry has title key.
func openPage(t *testing.T, u *App, key string) {
	t.Helper()
	for i, p := range u.pages {
		if p.title == key {
			u.Open(i)
			u.Wait()
			return
		}
	}
	t.Fatalf("no page %s", key)
}

// shownPassword is the password the dialog on top shows, "" if none.
func shownPassword(u *App) string {
	return regexp.MustCompile(`\b[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}\b`).FindString(dialogText(u))
}

// newAccount fills the accounts form with a new account, the advisor
// chosen in the picker by employee number ("" for none), and saves it.
func newAccount(t *testing.T, u *App, login, name string, role int, empno string) {
	t.Helper()
	s := u.accounts
	tapIn(t, u, "New account")
	test.Type(s.entry(model.FieldLogin), login)
	test.Type(s.entry(model.FieldAccountName), name)
	pick(t, u, s.choice(model.FieldAccountRole), role)
	if empno != "" {
		test.Tap(s.inputs[model.FieldLinked].ref.choose)
		u.Wait()
		test.Type(s.picker.list.search, empno)
		u.Wait()
		tapRow(t, s.picker.list.table, 0)
		u.Wait()
	}
	tapButton(t, u, s.formBox, "Save")
}

// TestAccountsByTapping: HR creates an advisor's account linked to their
// advisor record and gets its first password once, which signs in and
// must be changed; a login used already, a supervisor without an advisor
// and disabling the last HR are refused with their messages; there is no
// Delete; a reset password signs in and the old one no longer does; the
// account's History shows its changes.
func TestAccountsByTapping(t *testing.T) {
	u, hr := newTestApp(t, 5)
	openPage(t, u, "nav.accounts")
	s := u.accounts
	if !rowsContain(s.list.rowTexts(), "admin", "tester", "HR administrator", "Enabled") {
		t.Fatalf("the list shows %v", s.list.rowTexts())
	}
	an, _ := hr.Advisors.ByEmpNo.Get("SA0002")

	newAccount(t, u, "An.Ran", "安然", 2, "SA0002")
	pw := shownPassword(u)
	if pw == "" || !strings.Contains(dialogText(u), "an.ran") {
		t.Fatalf("no first password shown: %q", dialogText(u))
	}
	tapOnTop(t, u, "Close")
	if !rowsContain(s.list.rowTexts(), "an.ran", "安然", "Service advisor", an.Name, "Enabled") {
		t.Fatalf("the new account is not listed: %v", s.list.rowTexts())
	}
	person, err := hr.Login("an.ran", pw)
	if err != nil {
		t.Fatalf("the shown password does not sign in: %v", err)
	}
	if must, _ := person.MustChangePassword(); !must {
		t.Fatal("the first password need not be changed")
	}
	if person.Who().Advisor != an.ID {
		t.Fatalf("the account is linked to advisor %d, want %d", person.Who().Advisor, an.ID)
	}

	// The same login again: refused on its field, nothing saved.
	newAccount(t, u, "an.ran", "另一个", 2, "SA0003")
	if got := s.form.message(model.FieldLogin); !strings.Contains(got, "already used") {
		t.Fatalf("duplicate login: %q", got)
	}
	// A supervisor without their advisor record.
	s.entry(model.FieldLogin).SetText("")
	test.Type(s.entry(model.FieldLogin), "sun")
	pick(t, u, s.choice(model.FieldAccountRole), 1)
	test.Tap(s.inputs[model.FieldLinked].ref.clear)
	tapButton(t, u, s.formBox, "Save")
	if got := s.form.message(model.FieldLinked); !strings.Contains(got, "linked to their advisor record") {
		t.Fatalf("supervisor without advisor: %q", got)
	}
	if list, n, _ := hr.FindAccounts(model.ListQuery{}); n != 2 {
		t.Fatalf("refused accounts were saved: %d accounts %v", n, list)
	}
	tapButton(t, u, s.formBox, "Cancel")

	// The last HR account cannot be disabled; accounts have no Delete.
	tapRow(t, s.list.table, 0)
	if s.editing == nil || s.editing.Login != "admin" {
		t.Fatalf("row 1 opened %+v", s.editing)
	}
	if s.delete.Visible() || strings.Contains(drawn(s.formBox), "Delete") {
		t.Fatal("an account offers Delete")
	}
	pick(t, u, s.choice(model.FieldState), 1)
	tapButton(t, u, s.formBox, "Save")
	if got := dialogText(u); !strings.Contains(got, "The last enabled HR account cannot be disabled") {
		t.Fatalf("disabling the last HR says %q", got)
	}
	tapOnTop(t, u, "OK")
	if a, _ := hr.Accounts.ByLogin.Get("admin"); a.State != model.Enabled {
		t.Fatal("the last HR account was disabled")
	}
	tapButton(t, u, s.formBox, "Cancel")

	// Reset: a new password, shown once; the old one stops working.
	tapRow(t, s.list.table, 1)
	tapButton(t, u, s.formBox, "Reset password…")
	tapOnTop(t, u, "Reset password")
	next := shownPassword(u)
	if next == "" || next == pw {
		t.Fatalf("reset shows %q", dialogText(u))
	}
	tapOnTop(t, u, "Close")
	if _, err := hr.Login("an.ran", pw); err == nil {
		t.Fatal("the old password still signs in")
	}
	if _, err := hr.Login("an.ran", next); err != nil {
		t.Fatalf("the reset password does not sign in: %v", err)
	}

	tapButton(t, u, s.formBox, "History")
	if got := dialogText(u); !strings.Contains(got, "created") || !strings.Contains(got, "Login: — → an.ran") ||
		!strings.Contains(got, "changed") || !strings.Contains(got, "Password (fingerprint)") {
		t.Fatalf("the account's history reads %q", got)
	}
}

// TestOnlyHRSeesAccountsAndAudit: a supervisor's and an advisor's window
// have neither the Accounts nor the Audit log page.
func TestOnlyHRSeesAccountsAndAudit(t *testing.T) {
	_, hr := newTestApp(t, 4)
	sup, _ := hr.Advisors.ByEmpNo.Get("SA0001")
	adv, _ := hr.Advisors.ByEmpNo.Get("SA0002")
	for _, a := range []*model.Account{
		{Login: "sun", Name: sup.Name, Role: model.RoleSupervisor, AdvisorID: sup.ID},
		{Login: "an", Name: adv.Name, Role: model.RoleAdvisor, AdvisorID: adv.ID},
	} {
		if err := hr.SaveAccount(a, "first password"); err != nil {
			t.Fatal(err)
		}
		db, err := hr.Login(a.Login, "first password")
		if err != nil {
			t.Fatal(err)
		}
		u := openAs(t, db)
		var titles []string
		for _, p := range u.pages {
			titles = append(titles, p.title)
		}
		if slices.Contains(titles, "nav.accounts") || slices.Contains(titles, "nav.audit") || u.accounts != nil ||
			strings.Contains(rendered(u.nav), "Accounts") || strings.Contains(rendered(u.nav), "Audit log") {
			t.Fatalf("%s's window has %v", a.Role, titles)
		}
		if !slices.Contains(titles, "nav.roster") {
			t.Fatalf("%s's window lacks the roster: %v", a.Role, titles)
		}
	}
}

// TestAccountNameFromAdvisor: choosing the advisor of a new account with
// no name yet gives it the advisor's name (as advisorctl users add does);
// a name typed already stays.
func TestAccountNameFromAdvisor(t *testing.T) {
	u, hr := newTestApp(t, 5)
	openPage(t, u, "nav.accounts")
	an, _ := hr.Advisors.ByEmpNo.Get("SA0002")
	newAccount(t, u, "sa0002", "", 2, "SA0002")
	tapOnTop(t, u, "Close")
	if !rowsContain(u.accounts.list.rowTexts(), "sa0002", an.Name, "Service advisor") {
		t.Fatalf("the account of %s: %v", an.Name, u.accounts.list.rowTexts())
	}
	newAccount(t, u, "boss3", "Boss Three", 2, "SA0003")
	tapOnTop(t, u, "Close")
	if !rowsContain(u.accounts.list.rowTexts(), "boss3", "Boss Three") {
		t.Fatalf("a typed name was replaced: %v", u.accounts.list.rowTexts())
	}
}

// TestRefusedSaveFocusesTheField: a save refused for an empty name puts
// the typing in the name; it stayed in the login above.
func TestRefusedSaveFocusesTheField(t *testing.T) {
	u, _ := newTestApp(t, 0)
	openPage(t, u, "nav.accounts")
	s := u.accounts
	tapIn(t, u, "New account")
	test.Type(s.entry(model.FieldLogin), "gaojing")
	tapButton(t, u, s.formBox, "Save")
	if got := u.win.Canvas().Focused(); got != s.entry(model.FieldAccountName) {
		t.Fatalf("after the refusal the typing goes to %T, not the name", got)
	}
}

// TestRefusedLinkKeepsTypingOutOfThePicker: a save refused for the linked
// advisor (one who has left) does not focus the "Choose…" button, where a
// typed space would open the picker.
func TestRefusedLinkKeepsTypingOutOfThePicker(t *testing.T) {
	u, hr := newTestApp(t, 30)
	openPage(t, u, "nav.accounts")
	left, _ := hr.Advisors.ByEmpNo.Get("SA0007")
	if left == nil || left.Status != model.Left {
		t.Fatalf("SA0007 of the demo has not left: %+v", left)
	}
	newAccount(t, u, "leaver", "Someone Left", 2, left.EmpNo)
	if strings.Contains(dialogText(u), "shown only now") {
		t.Fatal("an account for an advisor who has left was made enabled")
	}
	if _, ok := u.win.Canvas().Focused().(*widget.Button); ok {
		t.Fatal("the refusal focused a button")
	}
}
