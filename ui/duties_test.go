package ui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"advisordesk/model"
	"advisordesk/report/pdftext"
	"advisordesk/storage"

	"fyne.io/fyne/v2"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// accountFor gives the demo advisor empno an account of role r, signed in.
func accountFor(t *testing.T, hr *storage.DB, empno string, r model.AccountRole) *storage.DB {
	t.Helper()
	a, err := hr.Advisors.ByEmpNo.Get(empno)
	if err != nil {
		t.Fatal(err)
	}
	login := strings.ToLower(empno)
	if err := hr.SaveAccount(&model.Account{Login: login, Name: a.Name, Role: r, AdvisorID: a.ID}, "first pass 1"); err != nil {
		t.Fatal(err)
	}
	st, err := hr.Login(login, "first pass 1")
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// dutiesPage opens chapter 2 in u and returns what it draws.
func dutiesPage(t *testing.T, u *App) string {
	t.Helper()
	u.Open(pageDuties)
	u.Wait()
	return drawn(screen(u))
}

// matrixTab opens HR's tab of the matrix by tapping it.
func matrixTab(t *testing.T, u *App) {
	t.Helper()
	var tab fyne.Tappable
	walkDrawn(screen(u), func(o fyne.CanvasObject) {
		if tp, ok := o.(fyne.Tappable); ok && drawn(o) == tr("duties.matrix_title") {
			tab = tp // the innermost: the tab's button
		}
	})
	if tab == nil {
		t.Fatalf("no tab %q: %s", tr("duties.matrix_title"), drawn(screen(u)))
	}
	test.Tap(tab)
	u.Wait()
}

// matrixCheck is the check box the grid draws for code and role r, found
// by the row's drawn item name.
func matrixCheck(t *testing.T, u *App, code string, r model.AccountRole) *widget.Check {
	t.Helper()
	e, _ := model.Entry(code)
	col := slices.Index(model.AccountRoles, r)
	var found *widget.Check
	walkDrawn(screen(u), func(o fyne.CanvasObject) {
		c, ok := o.(*fyne.Container)
		if !ok || len(c.Objects) != 2+len(model.AccountRoles) {
			return
		}
		if _, grid := c.Layout.(*gridRow); !grid {
			return
		}
		if l, ok := c.Objects[0].(*widget.Label); ok && l.Text == tr(e.TextKey()) {
			found = c.Objects[2+col].(*fyne.Container).Objects[0].(*widget.Check)
		}
	})
	if found == nil {
		t.Fatalf("the matrix draws no check box for %s / %s", code, r)
	}
	return found
}

// An advisor's page lists their role's duties and permissions with their
// explanations and articles, in both languages, and has no matrix to edit.
func TestDutiesAdvisorSeesTheirOwn(t *testing.T) {
	_, hr := newTestApp(t, 3)
	u := openAs(t, accountFor(t, hr, "SA0001", model.RoleAdvisor))
	got := dutiesPage(t, u)
	for _, want := range []string{"My duties and permissions", "Service advisor",
		"Customer reception", "Receive customers, learn what they need and advise them expertly.", "Art. 2.1.1",
		"Teamwork", "Art. 2.1.6", "Manage customer records", "Art. 2.2.2",
		"Refuse unreasonable demands", "Art. 2.2.5 (2nd draft)", "Self-evaluation", "Program",
		"Role matrix: the program's default", "Print my sheet…"} {
		if !strings.Contains(got, want) {
			t.Errorf("the advisor's page lacks %q: %s", want, got)
		}
	}
	for _, not := range []string{"Manage accounts and permissions", "Export and print personal data", "Evaluate one's team"} {
		if strings.Contains(got, not) {
			t.Errorf("the advisor's page lists %q, which advisors do not hold", not)
		}
	}
	if n := len(visible[*widget.Check](u)); n != 0 {
		t.Fatalf("the advisor sees %d check boxes of the matrix", n)
	}
	for _, b := range visible[*widget.Button](u) {
		if b.Text == tr("action.save") || b.Text == tr("duties.print_role") {
			t.Fatalf("the advisor sees HR's %q", b.Text)
		}
	}
	u.SetLanguage(langZh)
	u.Wait()
	got = drawn(screen(u))
	for _, want := range []string{"我的职责与权限", "客户接待", "第 2.1.1 条", "第 2.2.5 条（第二稿）", "系统权限", "职责与权限矩阵：系统默认"} {
		if !strings.Contains(got, want) {
			t.Errorf("the advisor's page in Chinese lacks %q: %s", want, got)
		}
	}
}

// HR unticks "manage customer records" for advisors and saves: the file's
// matrix and the window's menus follow, the change is in the audit log,
// and an advisor's page no longer lists it.
func TestDutiesHRUnticksAndSaves(t *testing.T) {
	u, hr := newTestApp(t, 3)
	if got := dutiesPage(t, u); !strings.Contains(got, "Manage accounts and permissions") || !strings.Contains(got, "Print my sheet…") {
		t.Fatalf("HR's own duties and permissions: %s", got)
	}
	matrixTab(t, u)
	got := drawn(screen(u))
	for _, want := range []string{"Role matrix", "Duties (art. 2.1)", "Permissions of the regulation (art. 2.2)",
		"Permissions of the program", "HR administrator", "Supervisor", "Service advisor"} {
		if !strings.Contains(got, want) {
			t.Errorf("HR's page lacks %q", want)
		}
	}
	keep := matrixCheck(t, u, string(model.PermManageAccounts), model.RoleHR)
	if !keep.Checked || !keep.Disabled() {
		t.Fatal("HR's management of accounts is not shown ticked and fixed")
	}
	if buttonIn(t, screen(u), tr("action.save")).Disabled() == false {
		t.Fatal("Save is offered with nothing changed")
	}
	c := matrixCheck(t, u, string(model.PermManageCustomers), model.RoleAdvisor)
	if !c.Checked {
		t.Fatal("the default matrix shows advisors without customer records")
	}
	test.Tap(c)
	if !strings.Contains(drawn(screen(u)), "Changes not saved yet.") {
		t.Fatal("no word that the change is not saved")
	}
	tapIn(t, u, tr("action.save"))
	m, since, err := hr.Matrix()
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(m[model.RoleAdvisor], string(model.PermManageCustomers)) || !slices.Contains(m[model.RoleSupervisor], string(model.PermManageCustomers)) {
		t.Fatalf("the file's matrix after the save: %v", m)
	}
	if since != "2026-11-27" || !strings.Contains(drawn(screen(u)), "Role matrix: saved by HR on 2026-11-27") {
		t.Fatalf("the version line after the save (saved %q): %s", since, drawn(screen(u)))
	}
	if !strings.Contains(drawn(screen(u)), "The role matrix is saved") {
		t.Fatal("no word that the matrix was saved")
	}
	if u.matrix.Has(model.RoleAdvisor, model.PermManageCustomers) {
		t.Fatal("the window's matrix (its menus) does not follow the save")
	}
	log, err := hr.Audit(model.AuditQuery{Table: "matrix"})
	if err != nil || len(log) != 1 || len(log[0].Fields) != 1 {
		t.Fatalf("the audit log of the matrix: %+v %v", log, err)
	}
	if f := log[0].Fields[0]; f.Field != string(model.RoleAdvisor) || !strings.Contains(f.Old, "manage_customers") ||
		strings.Contains(f.New, "manage_customers") || log[0].Who.Name != "tester" {
		t.Fatalf("the logged change: %+v by %+v", f, log[0].Who)
	}
	// Reopened, the page shows the saved matrix.
	u.Open(pageHome)
	u.Wait()
	dutiesPage(t, u)
	matrixTab(t, u)
	if matrixCheck(t, u, string(model.PermManageCustomers), model.RoleAdvisor).Checked {
		t.Fatal("the page opened again shows the old matrix")
	}

	adv := openAs(t, accountFor(t, hr, "SA0002", model.RoleAdvisor))
	got = dutiesPage(t, adv)
	if strings.Contains(got, "Manage customer records") || !strings.Contains(got, "Communicate with customers") {
		t.Fatalf("the advisor's page after the change: %s", got)
	}
}

// tapNavEntry taps page i's entry in the navigation, whatever it leads to.
func tapNavEntry(t *testing.T, u *App, i int) {
	t.Helper()
	var item fyne.Tappable
	eachObject(u.nav, func(o fyne.CanvasObject) {
		if tp, ok := o.(fyne.Tappable); ok && item == nil && o != fyne.CanvasObject(u.nav) && rendered(o) == tr(u.pages[i].title) {
			item = tp
		}
	})
	if item == nil {
		t.Fatalf("no navigation entry %q", tr(u.pages[i].title))
	}
	test.Tap(item)
	u.Wait()
}

// Leaving the page with unticked boxes asks first: Cancel stays with the
// ticks as they were; "Save and continue" saves them and goes on.
func TestDutiesUnsavedMatrixAsks(t *testing.T) {
	u, hr := newTestApp(t, 3)
	dutiesPage(t, u)
	matrixTab(t, u)
	test.Tap(matrixCheck(t, u, string(model.PermQueryProducts), model.RoleSupervisor))
	tapNavEntry(t, u, pageHome)
	if !strings.Contains(dialogText(u), tr("unsaved.title")) {
		t.Fatalf("leaving with an unsaved matrix asks nothing: %q", dialogText(u))
	}
	tapOnTop(t, u, tr("action.cancel"))
	if u.current != pageDuties || matrixCheck(t, u, string(model.PermQueryProducts), model.RoleSupervisor).Checked {
		t.Fatal("Cancel left the page or lost the change")
	}
	tapNavEntry(t, u, pageHome)
	tapOnTop(t, u, tr("unsaved.save"))
	if u.current != pageHome {
		t.Fatal("Save and continue did not go on")
	}
	if m, _, _ := hr.Matrix(); slices.Contains(m[model.RoleSupervisor], string(model.PermQueryProducts)) {
		t.Fatalf("Save and continue did not save: %v", m)
	}
}

// A save the store refuses (HR's own account was made a supervisor's by
// another HR person meanwhile) says why in the user's language, saves
// nothing and keeps the ticks.
func TestDutiesRefusedSaveSaysWhy(t *testing.T) {
	u, hr := newTestApp(t, 3)
	if err := hr.SaveAccount(&model.Account{Login: "hr2", Name: "人事 二", Role: model.RoleHR}, "first pass 1"); err != nil {
		t.Fatal(err)
	}
	hr2, err := hr.Login("hr2", "first pass 1")
	if err != nil {
		t.Fatal(err)
	}
	u.SetLanguage(langZh)
	dutiesPage(t, u)
	matrixTab(t, u)
	test.Tap(matrixCheck(t, u, string(model.PermSelfEvaluate), model.RoleAdvisor))
	accounts, _, err := hr2.FindAccounts(model.ListQuery{})
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(accounts, func(a *model.Account) bool { return a.Login == "admin" })
	admin := accounts[i]
	sup, _ := hr.Advisors.ByEmpNo.Get("SA0001")
	admin.Role, admin.AdvisorID = model.RoleSupervisor, sup.ID
	if err := hr2.SaveAccount(admin, ""); err != nil {
		t.Fatal(err)
	}
	tapIn(t, u, "保存")
	if msg := shownMessage(u); !strings.Contains(msg, "无权操作：职责与权限矩阵 需要“管理账号与权限”权限") {
		t.Fatalf("the refusal says %q", msg)
	}
	if m, since, _ := hr2.Matrix(); !slices.Contains(m[model.RoleAdvisor], string(model.PermSelfEvaluate)) || since != "" {
		t.Fatalf("a refused save changed the matrix: %v (%q)", m, since)
	}
	closeDialogs(t, u)
	if matrixCheck(t, u, string(model.PermSelfEvaluate), model.RoleAdvisor).Checked || !strings.Contains(drawn(screen(u)), "修改尚未保存。") {
		t.Fatal("the refused change was dropped from the screen")
	}
}

// The advisor prints their own sheet through the save dialog: one page
// with their name and their role's duties; HR prints the supervisor's in
// Chinese through the role choice.
func TestDutiesPrintSheets(t *testing.T) {
	pdftext.Available(t)
	_, hr := newTestApp(t, 3)
	dir := t.TempDir()
	u := openAs(t, accountFor(t, hr, "SA0003", model.RoleAdvisor))
	fyne.CurrentApp().Preferences().SetString("fyne:fileDialogLastFolder", fynestorage.NewFileURI(dir).String())
	dutiesPage(t, u)
	tapIn(t, u, "Print my sheet…")
	if got := drawn(top(t, u)); !strings.Contains(got, "duties-advisor-20261127.pdf") {
		t.Fatalf("the save dialog proposes: %s", got)
	}
	tapOnTop(t, u, "Save")
	path := filepath.Join(dir, "duties-advisor-20261127.pdf")
	if msg := shownMessage(u); !strings.Contains(msg, path) || !strings.Contains(msg, "Service advisor") {
		t.Fatalf("after printing the dialog says %q", msg)
	}
	tapOnTop(t, u, "Close") // the offer to open the PDF
	a, _ := hr.Advisors.ByEmpNo.Get("SA0003")
	text := pdftext.File(t, path)
	if n := len(pdftext.Pages(text)); n != 1 {
		t.Fatalf("the sheet has %d pages", n)
	}
	for _, want := range []string{"Duties and permissions", a.Name, "Service advisor", "Customer reception", "Teamwork",
		"Manage customer records", "Art. 2.2.5 (2nd draft)"} {
		if !strings.Contains(text, want) {
			t.Errorf("the advisor's sheet lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "Manage accounts") {
		t.Error("the advisor's sheet lists HR's permission")
	}

	h := openAs(t, hr)
	fyne.CurrentApp().Preferences().SetString("fyne:fileDialogLastFolder", fynestorage.NewFileURI(dir).String())
	h.SetLanguage(langZh)
	dutiesPage(t, h)
	matrixTab(t, h)
	var role *widget.Select
	walkDrawn(screen(h), func(o fyne.CanvasObject) {
		if s, ok := o.(*widget.Select); ok {
			role = s
		}
	})
	test.Tap(role)
	tapMenuItem(t, h, "主管")
	tapIn(t, h, "打印职责与权限表…")
	tapOnTop(t, h, "保存") // the file dialog speaks the window's language
	tapOnTop(t, h, tr("action.close"))
	text = pdftext.File(t, filepath.Join(dir, "duties-supervisor-20261127.pdf"))
	for _, want := range []string{"岗位职责与权限", "主管", "客户接待", "评价本团队"} {
		if !strings.Contains(text, want) {
			t.Errorf("the supervisor's sheet lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "管理账号与权限") {
		t.Error("the supervisor's sheet lists HR's permission")
	}
	if _, err := os.Stat(filepath.Join(dir, "duties-hr-20261127.pdf")); err == nil {
		t.Error("the role choice printed HR's sheet")
	}
}

// HR who takes the roster's management from their own role no longer gets
// the roster's import offered, after Save and after "Save and continue"
// alike; the navigation marks the page it went to.
func TestDutiesOwnChangeReachesTheMenus(t *testing.T) {
	u, _ := newTestApp(t, 3)
	importOffered := func() bool {
		u.Open(pageRoster)
		u.Wait()
		return strings.Contains(drawn(screen(u)), tr("import.action"))
	}
	if !importOffered() {
		t.Fatal("HR is not offered the roster's import to begin with")
	}
	dutiesPage(t, u)
	matrixTab(t, u)
	test.Tap(matrixCheck(t, u, string(model.PermManageRoster), model.RoleHR))
	tapIn(t, u, tr("action.save"))
	if msg := shownMessage(u); !strings.Contains(msg, tr("duties.saved")) {
		t.Fatalf("after saving HR's own change the window says %q", msg)
	}
	closeDialogs(t, u)
	if importOffered() {
		t.Fatal("the roster still offers its import after HR gave up managing it")
	}
	dutiesPage(t, u)
	matrixTab(t, u)
	test.Tap(matrixCheck(t, u, string(model.PermManageRoster), model.RoleHR))
	tapNavEntry(t, u, pageRoster)
	tapOnTop(t, u, tr("unsaved.save"))
	if u.current != pageRoster || !strings.Contains(drawn(screen(u)), tr("import.action")) {
		t.Fatalf("Save and continue: page %d, import offered %v", u.current, strings.Contains(drawn(screen(u)), tr("import.action")))
	}
	// Had the navigation kept chapter 2 marked, tapping it would do nothing.
	tapNav(t, u, pageDuties)
}

// Ctrl+S saves the matrix as the Save button does; with nothing changed it
// writes nothing (no save date appears).
func TestDutiesCtrlSSaves(t *testing.T) {
	u, hr := newTestApp(t, 2)
	dutiesPage(t, u)
	matrixTab(t, u)
	u.win.Canvas().(fyne.Shortcutable).TypedShortcut(ctrl(fyne.KeyS))
	u.Wait()
	if _, since, _ := hr.Matrix(); since != "" {
		t.Fatal("Ctrl+S with nothing changed saved the matrix")
	}
	test.Tap(matrixCheck(t, u, string(model.PermExportPersonal), model.RoleAdvisor))
	u.win.Canvas().(fyne.Shortcutable).TypedShortcut(ctrl(fyne.KeyS))
	u.Wait()
	if m, since, _ := hr.Matrix(); since == "" || !slices.Contains(m[model.RoleAdvisor], string(model.PermExportPersonal)) {
		t.Fatalf("Ctrl+S did not save the tick: %v (%q)", m[model.RoleAdvisor], since)
	}
}

// TestDutiesSavedStatusKeepsTheWindow: the line that says the matrix is
// saved fits beside the bar's buttons; it widened the window by its own
// length (1200 → 1232 px in English).
func TestDutiesSavedStatusKeepsTheWindow(t *testing.T) {
	u, _ := newTestApp(t, 3)
	dutiesPage(t, u)
	matrixTab(t, u)
	test.Tap(matrixCheck(t, u, string(model.PermSelfEvaluate), model.RoleAdvisor))
	tapIn(t, u, "Save")
	u.Wait()
	if !strings.Contains(drawn(screen(u)), "The role matrix is saved") {
		t.Fatalf("no saved line: %s", drawn(screen(u)))
	}
	if w := u.win.Content().MinSize().Width; w > 1200 {
		t.Fatalf("the window needs %.0f px after the save, more than its 1200", w)
	}
}
