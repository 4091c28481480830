package main

// The walk's steps through the accounts: the sign-in form (a wrong
// password first), signing out, an advisor's first sign-in with its forced
// change of password and their narrower window, and the lock.

import (
	"cmp"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"

	"advisordesk/i18n"
	"advisordesk/ui/walkmap"
)

// The demo file's accounts. HR's password is the one the CLI steps of CI
// export (ADVISORDESK_PASSWORD), or the walk's own.
const (
	hrLogin       = "admin"
	defaultHRPass = "walk-office-password"
	advisorLogin  = "sa0003"
	advisorEmpNo  = "SA0003"
	advisorPass   = "walk-advisor-own-pw"
)

// ctl is an advisorctl command on the walk's file, signed in as HR.
func (w *walk) ctl(args ...string) *exec.Cmd {
	cmd := exec.Command(*ctlPath, append([]string{"--db", w.db}, args...)...)
	cmd.Env = append(os.Environ(), "ADVISORDESK_USER="+hrLogin, "ADVISORDESK_PASSWORD="+w.hrPass)
	return cmd
}

// makeFile writes the demo office (demo sets HR up with the password) and
// an advisor's account, whose first password the CLI prints.
func (w *walk) makeFile() error {
	w.hrPass = os.Getenv("ADVISORDESK_PASSWORD")
	if w.hrPass == "" {
		w.hrPass = defaultHRPass
	}
	if out, err := w.ctl("demo").CombinedOutput(); err != nil {
		return fmt.Errorf("advisorctl demo: %v\n%s", err, out)
	}
	rows, err := w.export("zh")
	if err != nil {
		return err
	}
	zh, err := i18n.For("zh")
	if err != nil {
		return err
	}
	i := slices.IndexFunc(rows, func(r []string) bool { return r[0] == advisorEmpNo })
	col := slices.Index(rows[0], zh.T("field.name"))
	if i < 0 || col < 0 {
		return fmt.Errorf("the demo office has no advisor %s with a name", advisorEmpNo)
	}
	out, err := w.ctl("users", "add", advisorLogin, "--name", rows[i][col], "--role", "advisor", "--advisor", advisorEmpNo).CombinedOutput()
	if err != nil {
		return fmt.Errorf("advisorctl users add: %v\n%s", err, out)
	}
	pw := regexp.MustCompile(`first password: (\S+)`).FindSubmatch(out)
	if pw == nil {
		return fmt.Errorf("advisorctl users add printed no first password:\n%s", out)
	}
	w.advisorFirst = string(pw[1])
	w.logf("demo office with HR %s and advisor account %s (%s)", hrLogin, advisorLogin, rows[i][col])
	return nil
}

// start waits for the window's first screen: the sign-in form, in
// Chinese (the walk starts it with LANG=zh_CN.UTF-8).
func (w *walk) start() error {
	m, err := w.signInForm()
	if err != nil {
		return err
	}
	if m.Lang != "zh" {
		return fmt.Errorf("started with LANG=zh_CN.UTF-8, the window speaks %q", m.Lang)
	}
	if m.State["door"] != "signin" {
		return fmt.Errorf("the demo file has accounts, the window offers %q", m.State["door"])
	}
	if w.window, err = w.findWindow(); err != nil {
		return err
	}
	w.screenshot("zh-signin")
	return nil
}

// signInForm waits for the sign-in form and takes the window's language.
func (w *walk) signInForm() (*walkmap.Map, error) {
	m, err := w.until("the sign-in form", func(m *walkmap.Map) bool {
		return m.State["door"] != "" && find(m, "signin.submit") != nil && find(m, "signin.password") != nil
	})
	if err != nil {
		return nil, err
	}
	w.t, err = i18n.For(m.Lang)
	return m, err
}

// wrongPassword signs in with a wrong password: the form says so and stays,
// with the password cleared.
func (w *walk) wrongPassword() error {
	if err := w.typeInto("signin.login", hrLogin); err != nil {
		return err
	}
	if err := w.typeInto("signin.password", "not-"+w.hrPass); err != nil {
		return err
	}
	if err := w.click("signin.submit"); err != nil {
		return err
	}
	want := w.t.T("err.bad_login")
	m, err := w.until("the form says "+want, func(m *walkmap.Map) bool {
		p := find(m, "signin.problem")
		return m.State["signin.problem"] == want && p != nil && p.Text == want && find(m, "signin.password").Text == ""
	})
	if err != nil {
		return err
	}
	if m.Page != "" || m.State["person"] != "" {
		return fmt.Errorf("a wrong password let %q in (page %q)", m.State["person"], m.Page)
	}
	w.screenshot(w.lang() + "-signin-wrong")
	return nil
}

// signIn types a login and password into the form and signs in.
func (w *walk) signIn(login, password string) error {
	if _, err := w.signInForm(); err != nil {
		return err
	}
	if err := w.typeInto("signin.login", login); err != nil {
		return err
	}
	if err := w.typeInto("signin.password", password); err != nil {
		return err
	}
	return w.click("signin.submit")
}

// signInHR signs HR in and waits for Home's counts.
func (w *walk) signInHR() error {
	if err := w.signIn(hrLogin, w.hrPass); err != nil {
		return err
	}
	_, err := w.homeCounts("hr")
	return err
}

// homeCounts waits for Home with its counts, signed in with role.
func (w *walk) homeCounts(role string) (*walkmap.Map, error) {
	return w.until("Home shows its counts to "+role, func(m *walkmap.Map) bool {
		return m.Page == "nav.home" && m.State["person.role"] == role && m.State["home.total"] != "" && m.State["home.total"] != "–"
	})
}

// signOut signs out with the navigation's button and waits for the form.
func (w *walk) signOut() error {
	if err := w.clickButton(w.t.T("signin.out")); err != nil {
		return err
	}
	m, err := w.signInForm()
	if err != nil {
		return err
	}
	if m.State["person"] != "" || m.Page != "" {
		return fmt.Errorf("signed out, the window still shows %q (page %q)", m.State["person"], m.Page)
	}
	w.screenshot(w.lang() + "-signed-out")
	return nil
}

// advisor signs the advisor in with the first password HR's CLI printed:
// the window asks for their own before anything else; then their
// navigation has no office administration and their roster only them.
func (w *walk) advisor() error {
	if err := w.signOut(); err != nil {
		return err
	}
	if err := w.signIn(advisorLogin, w.advisorFirst); err != nil {
		return err
	}
	if _, err := w.until("the window asks the advisor for a password of their own", func(m *walkmap.Map) bool {
		return m.State["person.role"] == "advisor" && m.Overlays > 0 && len(entries(m)) == 3
	}); err != nil {
		return err
	}
	w.screenshot(w.lang() + "-advisor-must-change")
	for i := 1; i <= 2; i++ { // current (filled in), new, repeated
		x := entries(w.last)[i]
		if err := w.typeAt(&x, advisorPass, func(m *walkmap.Map) string { return entryText(m, i, 3) }); err != nil {
			return err
		}
	}
	if err := w.clickButton(w.t.T("password.change")); err != nil {
		return err
	}
	done := w.t.T("password.done")
	if _, err := w.until("the window says "+done, func(m *walkmap.Map) bool { return findText(m, "label", done, m.Overlays) != nil }); err != nil {
		return err
	}
	w.screenshot(w.lang() + "-advisor-password-changed")
	if err := w.dismiss(); err != nil {
		return err
	}
	m, err := w.homeCounts("advisor")
	if err != nil {
		return err
	}
	if m.State["home.total"] != "1" {
		return fmt.Errorf("the advisor's Home counts %s advisors, want 1 (their own record)", m.State["home.total"])
	}
	if err := w.advisorNavigation(m); err != nil {
		return err
	}
	w.screenshot(w.lang() + "-advisor-home")
	if err := w.openPage("nav.settings"); err != nil {
		return err
	}
	w.screenshot(w.lang() + "-advisor-settings")
	return w.advisorRoster()
}

// advisorNavigation fails on an entry of the office's administration
// (accounts, audit log) in the advisor's navigation, and says which of
// HR's entries the advisor does not have.
func (w *walk) advisorNavigation(m *walkmap.Map) error {
	nav := navRows(m)
	for _, p := range nav {
		if strings.Contains(p, "account") || strings.Contains(p, "audit") {
			return fmt.Errorf("the advisor's navigation offers %s: %v", p, nav)
		}
	}
	var hidden []string
	for _, p := range w.hrNav {
		if !slices.Contains(nav, p) {
			hidden = append(hidden, p)
		}
	}
	w.logf("the advisor's navigation: %d entries; HR's that it lacks: %v", len(nav), hidden)
	return nil
}

// advisorRoster opens the roster as the advisor: one row, their own.
func (w *walk) advisorRoster() error {
	if !slices.Contains(navRows(w.last), "nav.roster") {
		return fmt.Errorf("the advisor's navigation has no roster: %v", navRows(w.last))
	}
	if err := w.openPage("nav.roster"); err != nil {
		return err
	}
	m, err := w.until("the roster lists the advisor", func(m *walkmap.Map) bool { return find(m, "roster.list.0") != nil })
	if err != nil {
		return err
	}
	if m.State["roster.rows"] != "1" || find(m, "roster.list.0").Text != advisorEmpNo || find(m, "roster.list.1") != nil {
		return fmt.Errorf("the advisor %s's roster shows %s rows, the first %q", advisorEmpNo, m.State["roster.rows"], find(m, "roster.list.0").Text)
	}
	if err := w.click("roster.list.0"); err != nil {
		return err
	}
	if _, err := w.until("the form shows "+advisorEmpNo, func(m *walkmap.Map) bool { return m.State["roster.editing.empno"] == advisorEmpNo }); err != nil {
		return err
	}
	w.screenshot(w.lang() + "-advisor-roster")
	return nil
}

// lockUnlock locks the window by hand; the lock hides the office until the
// password is typed, then shows it as it was.
func (w *walk) lockUnlock() error {
	before := w.last
	if err := w.clickButton(w.t.T("lock.lock")); err != nil {
		return err
	}
	m, err := w.until("the window is locked", func(m *walkmap.Map) bool { return m.State["locked"] == "1" && len(entries(m)) == 1 })
	if err != nil {
		return err
	}
	if m.Page != "" || find(m, "nav") != nil || find(m, "roster.list") != nil {
		return fmt.Errorf("the lock shows the office behind it (page %q)", m.Page)
	}
	w.screenshot(w.lang() + "-locked")
	x := entries(m)[0]
	if err := w.typeAt(&x, advisorPass, func(m *walkmap.Map) string { return entryText(m, 0, 1) }); err != nil {
		return err
	}
	if err := w.clickButton(w.t.T("lock.unlock")); err != nil {
		return err
	}
	_, err = w.until("the office is back as it was", func(m *walkmap.Map) bool {
		return m.State["locked"] == "" && m.Page == before.Page && m.State["roster.editing.empno"] == before.State["roster.editing.empno"]
	})
	if err != nil {
		return err
	}
	w.screenshot(w.lang() + "-unlocked")
	return nil
}

// hrAgain signs the advisor out and HR in, and opens the first advisor
// in the roster for the last step.
func (w *walk) hrAgain() error {
	if err := w.signOut(); err != nil {
		return err
	}
	if err := w.signInHR(); err != nil {
		return err
	}
	if err := w.openPage("nav.roster"); err != nil {
		return err
	}
	if _, err := w.until("the roster lists advisors", func(m *walkmap.Map) bool { return find(m, "roster.list.1") != nil }); err != nil {
		return err
	}
	empno := find(w.last, "roster.list.0").Text
	if err := w.click("roster.list.0"); err != nil {
		return err
	}
	_, err := w.until("the form shows "+empno, func(m *walkmap.Map) bool { return m.State["roster.editing.empno"] == empno })
	return err
}

// typeInto replaces the text of the named entry.
func (w *walk) typeInto(name, text string) error {
	x := find(w.last, name)
	if x == nil {
		return fmt.Errorf("%s is not on the screen", name)
	}
	return w.typeAt(x, text, func(m *walkmap.Map) string {
		if f := find(m, name); f != nil {
			return f.Text
		}
		return ""
	})
}

// typeAt clicks an entry, replaces its text and waits until shown(m)
// reads it back.
func (w *walk) typeAt(x *walkmap.Widget, text string, shown func(*walkmap.Map) string) error {
	if err := w.clickAt(x); err != nil {
		return err
	}
	if err := w.xdotool("key", "--clearmodifiers", "ctrl+a"); err != nil {
		return err
	}
	if err := w.xdotool("type", "--delay", "20", text); err != nil {
		return err
	}
	_, err := w.until(fmt.Sprintf("%s holds what was typed", cmp.Or(x.Name, "an entry")), func(m *walkmap.Map) bool { return shown(m) == text })
	return err
}

// entries are the entries on the top layer, top to bottom.
func entries(m *walkmap.Map) []walkmap.Widget {
	var es []walkmap.Widget
	for _, x := range m.Widgets {
		if x.Kind == "entry" && x.Layer == m.Overlays {
			es = append(es, x)
		}
	}
	slices.SortStableFunc(es, func(a, b walkmap.Widget) int { return a.Y - b.Y })
	return es
}

// entryText is the text of entry i of the n on the top layer, "" while
// the top layer shows another number of entries.
func entryText(m *walkmap.Map, i, n int) string {
	if e := entries(m); len(e) == n {
		return e[i].Text
	}
	return ""
}

// navRows are the navigation's entries, by key.
func navRows(m *walkmap.Map) []string {
	var pages []string
	for _, x := range m.Widgets {
		if x.Kind == "row" && strings.HasPrefix(x.Name, "nav.") {
			pages = append(pages, x.Name)
		}
	}
	return pages
}
