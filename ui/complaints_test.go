package ui

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"advisordesk/model"
	"advisordesk/storage"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// complaintDesk is an office on Friday 27 November 2026 with supervisor
// Sun leading advisors Bo and An, each signed in, and a customer of Bo's.
type complaintDesk struct {
	now          *time.Time
	hr, sun, bo  *storage.DB
	an           *storage.DB
	boID, anID   uint64
	customerName string
}

func newComplaintDesk(t *testing.T) *complaintDesk {
	t.Helper()
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	d := &complaintDesk{now: &now, customerName: "王建国"}
	file, err := storage.Open(filepath.Join(t.TempDir(), "office.db"), &storage.Options{WeakHashes: true,
		Now: func() time.Time { return *d.now }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { file.Close() })
	if d.hr, _, err = file.SetUp("admin", "人事 王", testPassword); err != nil {
		t.Fatal(err)
	}
	ids := map[string]uint64{}
	for _, a := range []struct{ no, name, sup string }{{"SA0001", "孙丽", ""}, {"SA0002", "薄一", "SA0001"}, {"SA0003", "安然", "SA0001"}} {
		adv := &model.Advisor{EmpNo: a.no, Name: a.name, Employment: model.FullTime, Role: model.FrontDesk,
			Department: "售后服务部", HireDate: "2024-01-02", SupervisorID: ids[a.sup]}
		if err := d.hr.SaveAdvisor(adv); err != nil {
			t.Fatal(err)
		}
		ids[a.no] = adv.ID
	}
	d.boID, d.anID = ids["SA0002"], ids["SA0003"]
	login := func(login, name string, role model.AccountRole, id uint64) *storage.DB {
		if err := d.hr.SaveAccount(&model.Account{Login: login, Name: name, Role: role, AdvisorID: id}, "given pass 1"); err != nil {
			t.Fatal(err)
		}
		db, err := file.Login(login, "given pass 1")
		if err != nil {
			t.Fatal(err)
		}
		return db
	}
	d.sun = login("sun", "孙丽", model.RoleSupervisor, ids["SA0001"])
	d.bo = login("bo", "薄一", model.RoleAdvisor, d.boID)
	d.an = login("an", "安然", model.RoleAdvisor, d.anID)
	if err := d.hr.SaveCustomer(&model.Customer{Name: d.customerName, Phone: "13912345678", AdvisorID: d.boID}); err != nil {
		t.Fatal(err)
	}
	return d
}

// complaintsTab opens the Work process page's Complaints tab.
func complaintsTab(t *testing.T, u *App) *complaintsScreen {
	t.Helper()
	u.Open(pageProcess)
	u.Wait()
	tabs := u.process.tabs
	for i, it := range tabs.Items {
		if it.Text == "Complaints" {
			tabs.SelectIndex(i)
			u.Wait()
			return u.process.complaint
		}
	}
	t.Fatalf("no Complaints tab in %v", tabItems(tabs))
	return nil
}

func tabItems(tabs *container.AppTabs) []string {
	var out []string
	for _, it := range tabs.Items {
		out = append(out, it.Text)
	}
	return out
}

// TestComplaintRunsOverdueAndCloses: Bo takes in a complaint about
// himself by tapping; nobody contacts the customer; four working days on
// it is flagged on his supervisor's list; she investigates, is refused a
// resolve without the resolution and a close without the finding (each
// beside its field, nothing saved), then resolves and closes it; the
// timeline shows every step.
func TestComplaintRunsOverdueAndCloses(t *testing.T) {
	d := newComplaintDesk(t)
	u := openAs(t, d.bo)
	s := complaintsTab(t, u)
	tapIn(t, u, "Take in a complaint")
	test.Tap(s.inputs[model.FieldComplCustomer].ref.choose)
	u.Wait()
	if s.cpicker == nil {
		t.Fatal("no customer picker")
	}
	test.Type(s.cpicker.list.search, "王建")
	u.Wait()
	tapRow(t, s.cpicker.list.table, 0)
	fillIn(map[*entry]string{s.entry(model.FieldDescription): "保养后发动机异响，等待两小时无人解释"})
	tapButton(t, u, s.formBox, "Save")
	rows := s.list.rowTexts()
	if len(rows) != 1 || !rowsContain(rows, "Due 2026-12-02", "Open", d.customerName, "薄一") {
		t.Fatalf("Bo's list after the intake: %v", rows)
	}
	if got := rendered(u.win.Content()); !strings.Contains(got, "Customer's phone: 13912345678") {
		t.Errorf("the form lacks the customer's phone: %s", got)
	}
	// An neither handles it nor is Bo: she lists nothing.
	if _, n, _ := d.an.FindComplaints(model.ListQuery{}); n != 0 {
		t.Fatalf("An lists %d complaints", n)
	}

	// Thursday 3 December: four working days, the customer never called.
	*d.now = time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	v := openAs(t, d.sun)
	s = complaintsTab(t, v)
	test.Tap(s.flags)
	tapMenuItem(t, v, "Overdue")
	rows = s.list.rowTexts()
	if len(rows) != 1 || !rowsContain(rows, "Overdue · supervisor", d.customerName) {
		t.Fatalf("Sun's overdue list: %v", rows)
	}
	tapRow(t, s.list.table, 0)
	if got := rendered(v.win.Content()); !strings.Contains(got, "Overdue · supervisor") || !strings.Contains(got, "13912345678") {
		t.Fatalf("the open complaint's form: %s", got)
	}
	s.note.SetText("")
	test.Type(s.note, "已致电客户致歉")
	tapButton(t, v, s.formBox, "Investigate")
	tapButton(t, v, s.formBox, "Resolve")
	if got := rendered(v.win.Content()); !strings.Contains(got, "A complaint is resolved or closed only with its resolution") {
		t.Fatalf("resolved without a resolution: %s", got)
	}
	if c, _ := d.hr.GetComplaint(s.editing.ID); c.Status != model.ComplaintInvestigating {
		t.Fatalf("a refused resolve moved it to %s", c.Status)
	}
	fillIn(map[*entry]string{s.entry(model.FieldResolution): "免费复检并致歉"})
	test.Tap(s.choice(model.FieldComplaintSatisfaction))
	tapMenuItem(t, v, "4 – satisfied")
	tapButton(t, v, s.formBox, "Resolve")
	tapButton(t, v, s.formBox, "Close")
	if got := rendered(v.win.Content()); !strings.Contains(got, "A complaint is closed only with the finding on its cause") {
		t.Fatalf("closed without a finding: %s", got)
	}
	test.Tap(s.choice(model.FieldCause))
	tapMenuItem(t, v, "Service quality")
	tapButton(t, v, s.formBox, "Close")
	c, _ := d.hr.GetComplaint(s.editing.ID)
	if c.Status != model.ComplaintClosed || c.Satisfaction != "4" || c.Cause != model.CauseService || len(c.Timeline) != 4 {
		t.Fatalf("on file: %s sat %q cause %q, %d steps", c.Status, c.Satisfaction, c.Cause, len(c.Timeline))
	}
	got := rendered(v.win.Content())
	for _, w := range []string{"Taken in", "Open → Investigating  — 已致电客户致歉", "Investigating → Resolved", "Resolved → Closed", "Reopen"} {
		if !strings.Contains(got, w) {
			t.Errorf("%q is not shown: %s", w, got)
		}
	}
	if rows := s.list.rowTexts(); len(rows) != 0 {
		t.Errorf("a closed complaint is still on the overdue list: %v", rows)
	}
}

// TestCalendarAndDeadlinesTapped: HR adds a holiday on the calendar tab,
// which moves a complaint's deadline; the deadlines dialog refuses a rule
// out of order on its line, saves a good one, and the complaint's
// deadline follows.
func TestCalendarAndDeadlinesTapped(t *testing.T) {
	d := newComplaintDesk(t)
	c := &model.Complaint{Received: "2026-11-27", Channel: model.ChannelPhone, Severity: model.SeverityNormal,
		CustomerID: 1, AdvisorID: d.boID, Description: "测试"}
	cs, _, _ := d.hr.FindCustomers(model.ListQuery{})
	c.CustomerID = cs[0].ID
	if err := d.hr.SaveComplaint(c); err != nil {
		t.Fatal(err)
	}
	u := openAs(t, d.hr)
	openProcessTab(t, u, "Office calendar")
	s := u.process.calendar
	tapIn(t, u, "Add a day")
	fillIn(map[*entry]string{s.entry(model.FieldCalDate): "2026-11-30", s.entry(model.FieldCalName): "公司年会"})
	tapButton(t, u, s.formBox, "Save")
	if rows := s.list.rowTexts(); !rowsContain(rows, "2026-11-30", "Holiday (off)", "公司年会") {
		t.Fatalf("the calendar lists %v", rows)
	}
	// Monday 30 November off: the contact deadline moves from Wed 2 to Thu 3 December.
	if got, _ := d.hr.GetComplaint(c.ID); got.Standing.ContactDue != "2026-12-03" {
		t.Fatalf("contact due %s after the holiday", got.Standing.ContactDue)
	}
	tapIn(t, u, "Complaint deadlines")
	r := s.rules
	if r == nil {
		t.Fatal("no deadlines dialog")
	}
	fillIn(map[*entry]string{r.inputs[model.SeverityNormal][1]: "9"})
	tapButton(t, u, top(t, u), "Save deadlines")
	if got := rendered(r.msgs[model.SeverityNormal][2]); got != "Must lie within 9–60" {
		t.Fatalf("a rule out of order: the escalation's cell says %q", got)
	}
	if rules, _ := d.hr.ComplaintRules(); rules[model.SeverityNormal].Outcome != 5 {
		t.Fatalf("a refused rule was saved: %v", rules)
	}
	fillIn(map[*entry]string{r.inputs[model.SeverityNormal][0]: "1", r.inputs[model.SeverityNormal][1]: "4"})
	tapButton(t, u, top(t, u), "Save deadlines")
	if rules, _ := d.hr.ComplaintRules(); rules[model.SeverityNormal] != (model.SeverityRule{Contact: 1, Outcome: 4, Escalate: 7}) {
		t.Fatalf("rules on file: %v", rules)
	}
	if got, _ := d.hr.GetComplaint(c.ID); got.Standing.ContactDue != "2026-12-01" {
		t.Fatalf("contact due %s with one day to contact", got.Standing.ContactDue)
	}
}

// TestComplaintFormRefusalInSightAndCleared: at the window's size a
// refused step scrolls the form to the field it marked, and the marks go
// once the person fixes the field; the mouse wheel over the description
// scrolls the form.
func TestComplaintFormRefusalInSightAndCleared(t *testing.T) {
	d := newComplaintDesk(t)
	cs, _, _ := d.hr.FindCustomers(model.ListQuery{})
	c := &model.Complaint{Received: "2026-11-27", Channel: model.ChannelPhone, Severity: model.SeverityNormal,
		CustomerID: cs[0].ID, AdvisorID: d.boID, Description: "保养后发动机异响"}
	if err := d.hr.SaveComplaint(c); err != nil {
		t.Fatal(err)
	}
	u := openAs(t, d.sun)
	u.win.Resize(fyne.NewSize(1200, 760))
	s := complaintsTab(t, u)
	tapRow(t, s.list.table, 0)
	tapButton(t, u, s.formBox, "Investigate")
	test.Tap(s.choice(model.FieldComplaintSatisfaction))
	tapMenuItem(t, u, "4 – satisfied")
	tapButton(t, u, s.formBox, "Resolve")
	ff := s.form.field(model.FieldResolution)
	if !ff.msg.Visible() || !s.form.banner.Visible() {
		t.Fatalf("the resolve without a resolution was not refused on its field: %q", ff.msg.Text)
	}
	// The marked field is in sight: its place on the canvas lies inside
	// the form's scroll.
	var sc *container.Scroll
	for _, o := range s.formBox.(*fyne.Container).Objects {
		if x, ok := o.(*container.Scroll); ok {
			sc = x
		}
	}
	d0 := fyne.CurrentApp().Driver()
	view, at := d0.AbsolutePositionForObject(sc), d0.AbsolutePositionForObject(ff.msg)
	if at.Y < view.Y || at.Y+ff.msg.Size().Height > view.Y+sc.Size().Height {
		t.Errorf("the refused field's message at y %v is out of the form's sight (%v to %v)", at.Y, view.Y,
			view.Y+sc.Size().Height)
	}
	test.Type(s.entry(model.FieldResolution), "免费复检")
	if ff.msg.Visible() || s.form.banner.Visible() {
		t.Errorf("after the fix the form still says %q / %q", ff.msg.Text, s.form.banner.Text)
	}
	if strings.Contains(rendered(s.formBox), "only with its resolution") {
		t.Error("the refusal is still drawn")
	}

	// The wheel over the description.
	sc.ScrollToTop()
	desc := s.entry(model.FieldDescription)
	p := d0.AbsolutePositionForObject(desc).Add(fyne.NewPos(desc.Size().Width/2, desc.Size().Height/2))
	test.Scroll(u.win.Canvas(), p, 0, -120)
	if sc.Offset.Y == 0 {
		t.Error("the wheel over the description did not scroll the form")
	}
}

// drawnButtons are the labels of the enabled buttons drawn under o.
func drawnButtons(o fyne.CanvasObject) []string {
	var out []string
	walkDrawn(o, func(x fyne.CanvasObject) {
		if b, ok := x.(*widget.Button); ok && b.Text != "" && !b.Disabled() {
			out = append(out, b.Text)
		}
	})
	return out
}

// TestComplaintFormFollowsRights: the form offers each person only what
// they may do. Bo, whom the complaint is about, may take it up but not
// resolve or close it (he is told who does); his supervisor resolves it;
// closed, it is read-only for her too, with Reopen, which opens it again.
func TestComplaintFormFollowsRights(t *testing.T) {
	d := newComplaintDesk(t)
	cs, _, _ := d.hr.FindCustomers(model.ListQuery{})
	c := &model.Complaint{Received: "2026-11-25", Channel: model.ChannelPhone, Severity: model.SeverityNormal,
		CustomerID: cs[0].ID, AdvisorID: d.boID, Description: "保养后发动机异响"}
	if err := d.bo.SaveComplaint(c); err != nil {
		t.Fatal(err)
	}
	u := openAs(t, d.bo)
	s := complaintsTab(t, u)
	tapRow(t, s.list.table, 0)
	has := func(root fyne.CanvasObject, want ...string) string {
		got := drawnButtons(root)
		for _, w := range want {
			if !slices.Contains(got, w) {
				return w
			}
		}
		return ""
	}
	if b := drawnButtons(s.formBox); slices.Contains(b, "Resolve") || slices.Contains(b, "Close") || has(s.formBox, "Investigate", "Save") != "" {
		t.Fatalf("Bo is offered %v on a complaint about himself", b)
	}
	if got := rendered(s.formBox); !strings.Contains(got, "Resolve, Close: this complaint is about you") {
		t.Errorf("Bo is not told who resolves it: %s", got)
	}
	tapButton(t, u, s.formBox, "Investigate")

	v := openAs(t, d.sun)
	s = complaintsTab(t, v)
	tapRow(t, s.list.table, 0)
	if got := rendered(s.formBox); strings.Contains(got, "this complaint is about you") {
		t.Errorf("Sun is told it is about her: %s", got)
	}
	fillIn(map[*entry]string{s.entry(model.FieldResolution): "免费复检并致歉"})
	test.Tap(s.choice(model.FieldComplaintSatisfaction))
	tapMenuItem(t, v, "4 – satisfied")
	tapButton(t, v, s.formBox, "Resolve")

	u = openAs(t, d.bo)
	s = complaintsTab(t, u)
	tapRow(t, s.list.table, 0)
	if b := drawnButtons(s.formBox); slices.Contains(b, "Close") || !slices.Contains(b, "Reopen") {
		t.Fatalf("Bo is offered %v on his resolved complaint", b)
	}

	v = openAs(t, d.sun)
	s = complaintsTab(t, v)
	tapRow(t, s.list.table, 0)
	test.Tap(s.choice(model.FieldCause))
	tapMenuItem(t, v, "Service quality")
	tapButton(t, v, s.formBox, "Close")
	if c, _ := d.hr.GetComplaint(c.ID); c.Status != model.ComplaintClosed {
		t.Fatalf("not closed: %s", c.Status)
	}
	// Closed: to read, with Reopen.
	if b := drawnButtons(s.formBox); slices.Contains(b, "Save") || !slices.Contains(b, "Reopen") {
		t.Fatalf("Sun is offered %v on a closed complaint", b)
	}
	for _, key := range []string{model.FieldReceived, model.FieldDescription} {
		if !s.entry(key).Disabled() {
			t.Errorf("%s of a closed complaint takes typing", key)
		}
	}
	if !s.inputs[model.FieldComplCustomer].ref.choose.Disabled() {
		t.Error("a closed complaint's customer can be chosen again")
	}
	tapButton(t, v, s.formBox, "Reopen")
	test.Type(s.ask.reason, "客户再次来电：异响仍在")
	tapOnTop(t, v, "Reopen")
	if s.entry(model.FieldDescription).Disabled() || has(s.formBox, "Save", "Resolve") != "" {
		t.Fatalf("reopened, the form offers %v", drawnButtons(s.formBox))
	}
}

// TestResolvedComplaintSaysDeadlineMissed: a complaint that came in on
// Thursday 19 November, typed in and resolved on the 27th, says in the
// list's deadline column that it was done late, not "—"; its timeline
// opens on the day it came in, with when it was typed in beside it.
func TestResolvedComplaintSaysDeadlineMissed(t *testing.T) {
	d := newComplaintDesk(t)
	cs, _, _ := d.hr.FindCustomers(model.ListQuery{})
	late := &model.Complaint{Received: "2026-11-19", Channel: model.ChannelPhone, Severity: model.SeverityNormal,
		CustomerID: cs[0].ID, AdvisorID: d.boID, Description: "保养后发动机异响"}
	if err := d.hr.SaveComplaint(late); err != nil {
		t.Fatal(err)
	}
	late.Resolution, late.Satisfaction = "免费复检", "3"
	if err := d.sun.MoveComplaint(late, model.ComplaintResolved, ""); err != nil {
		t.Fatal(err)
	}
	u := openAs(t, d.sun)
	s := complaintsTab(t, u)
	if rows := s.list.rowTexts(); len(rows) != 1 || !rowsContain(rows, "Done late", "Resolved") {
		t.Fatalf("the list shows %v", rows)
	}
	tapRow(t, s.list.table, 0)
	if got := rendered(s.formBox); !strings.Contains(got, "2026-11-19  人事 王  Taken in  (entered 2026-11-27 ") {
		t.Errorf("the timeline does not open on the day it came in: %s", got)
	}
}

// TestComplaintStatusesShowWhole: the list's status cell shows "Waiting"
// uncut (it read "Waiting fo…"); the form says it whole.
func TestComplaintStatusesShowWhole(t *testing.T) {
	d := newComplaintDesk(t)
	cs, _, _ := d.hr.FindCustomers(model.ListQuery{})
	c := &model.Complaint{Received: "2026-11-25", Channel: model.ChannelPhone, Severity: model.SeverityNormal,
		CustomerID: cs[0].ID, AdvisorID: d.boID, Description: "保养后发动机异响"}
	if err := d.hr.SaveComplaint(c); err != nil {
		t.Fatal(err)
	}
	if err := d.sun.MoveComplaint(c, model.ComplaintWaiting, ""); err != nil {
		t.Fatal(err)
	}
	u := openAs(t, d.sun)
	s := complaintsTab(t, u)
	if got := rendered(s.list.table); !strings.Contains(got, "Waiting") || strings.Contains(got, "…") {
		t.Errorf("the status is cut in the list: %s", got)
	}
}

// buttonAt is where the button labelled text is drawn on the window.
func buttonAt(t *testing.T, root fyne.CanvasObject, text string) fyne.Position {
	t.Helper()
	return fyne.CurrentApp().Driver().AbsolutePositionForObject(buttonIn(t, root, text))
}

// TestComplaintActionsKeepTheirPlaces: the walk's misclick. Sun opens an
// overdue complaint, types a note and takes it up: Resolve stays where it
// was (it had moved, and Report upward came under the mouse). Report
// upward asks first, naming HR, and waits for a reason (started from the
// note); cancelled, nothing is raised. A refused Resolve keeps the note.
func TestComplaintActionsKeepTheirPlaces(t *testing.T) {
	d := newComplaintDesk(t)
	cs, _, _ := d.hr.FindCustomers(model.ListQuery{})
	c := &model.Complaint{Received: "2026-11-19", Channel: model.ChannelPhone, Severity: model.SeverityNormal,
		CustomerID: cs[0].ID, AdvisorID: d.boID, Description: "保养后发动机故障灯亮"}
	if err := d.hr.SaveComplaint(c); err != nil {
		t.Fatal(err)
	}
	u := openAs(t, d.sun)
	s := complaintsTab(t, u)
	tapRow(t, s.list.table, 0)
	before := map[string]fyne.Position{}
	labels := []string{"Investigate", "Wait for customer", "Resolve", "Close", "Report upward", "Print record"}
	for _, l := range labels {
		before[l] = buttonAt(t, s.formBox, l)
	}
	test.Type(s.note, "已致电客户")
	tapButton(t, u, s.formBox, "Investigate")
	if got, _ := d.hr.GetComplaint(c.ID); got.Status != model.ComplaintInvestigating {
		t.Fatalf("not taken up: %s", got.Status)
	}
	for _, l := range labels {
		if at := buttonAt(t, s.formBox, l); at != before[l] {
			t.Errorf("%s moved from %v to %v after Investigate", l, before[l], at)
		}
	}
	if b := buttonIn(t, s.formBox, "Investigate"); !b.Disabled() {
		t.Error("Investigate is offered on a complaint being investigated")
	}
	if got := rendered(s.formBox); !strings.Contains(got, "Close: once it is resolved.") {
		t.Errorf("the disabled Close does not say why: %s", got)
	}

	// Report upward asks, naming HR (the deadlines sent it to Sun already).
	test.Type(s.note, "客户要求人事答复")
	tapButton(t, u, s.formBox, "Report upward")
	if got := rendered(top(t, u)); !strings.Contains(got, "Report complaint no. 1 to HR (level 2)?") {
		t.Fatalf("the question: %s", got)
	}
	if s.ask.reason.Text != "客户要求人事答复" {
		t.Errorf("the reason does not start from the note: %q", s.ask.reason.Text)
	}
	s.ask.reason.SetText("")
	if !s.ask.ok.Disabled() {
		t.Error("Report upward may be confirmed without a reason")
	}
	tapOnTop(t, u, "Cancel")
	if got, _ := d.hr.GetComplaint(c.ID); got.Raised != 0 || len(got.Timeline) != 2 {
		t.Fatalf("a cancelled report changed the complaint: raised %d, %d steps", got.Raised, len(got.Timeline))
	}
	tapButton(t, u, s.formBox, "Report upward") // the note is still typed
	tapOnTop(t, u, "Report upward")
	got, _ := d.hr.GetComplaint(c.ID)
	if got.Raised != 2 || got.Timeline[len(got.Timeline)-1].Note != "客户要求人事答复" {
		t.Fatalf("reported: raised %d, %+v", got.Raised, got.Timeline)
	}
	if b := buttonIn(t, s.formBox, "Report upward"); !b.Disabled() || !strings.Contains(rendered(s.formBox), "Report upward: it is already with HR.") {
		t.Errorf("at HR, Report upward is offered or unexplained: %s", rendered(s.formBox))
	}

	// A refused step keeps the note.
	test.Type(s.note, "客户同意免费复检")
	test.Tap(s.choice(model.FieldComplaintSatisfaction))
	tapMenuItem(t, u, "4 – satisfied")
	tapButton(t, u, s.formBox, "Resolve")
	if s.form.message(model.FieldResolution) == "" || s.note.Text != "客户同意免费复检" {
		t.Fatalf("after a refused Resolve: message %q, note %q", s.form.message(model.FieldResolution), s.note.Text)
	}
}

// TestComplaintHandlerChosenByLead: Bo, taking in a complaint about
// himself, cannot choose a handler (the field says his supervisor assigns
// one); Sun's handler picker lists her team but not Bo, and the handler
// she chooses is saved.
func TestComplaintHandlerChosenByLead(t *testing.T) {
	d := newComplaintDesk(t)
	u := openAs(t, d.bo)
	s := complaintsTab(t, u)
	tapIn(t, u, "Take in a complaint")
	h := s.inputs[model.FieldHandler].ref
	if !h.choose.Disabled() || h.choose.Text != "Assigned by the supervisor" {
		t.Fatalf("Bo's handler field: %q, disabled %v", h.choose.Text, h.choose.Disabled())
	}
	test.Tap(s.inputs[model.FieldComplCustomer].ref.choose)
	u.Wait()
	test.Type(s.cpicker.list.search, "王建")
	u.Wait()
	tapRow(t, s.cpicker.list.table, 0)
	fillIn(map[*entry]string{s.entry(model.FieldDescription): "等待两小时无人解释"})
	tapButton(t, u, s.formBox, "Save")
	if s.editing.ID == 0 {
		t.Fatalf("not saved: %s", rendered(s.formBox))
	}

	v := openAs(t, d.sun)
	s = complaintsTab(t, v)
	tapRow(t, s.list.table, 0)
	test.Tap(s.inputs[model.FieldHandler].ref.choose)
	v.Wait()
	var names []string
	for _, r := range s.picker.list.rowTexts() {
		names = append(names, r[1])
	}
	if slices.Contains(names, "薄一") || !slices.Contains(names, "安然") || !slices.Contains(names, "孙丽") {
		t.Fatalf("Sun's handler picker lists %v", names)
	}
	i := slices.Index(names, "安然")
	tapRow(t, s.picker.list.table, i)
	tapButton(t, v, s.formBox, "Save")
	if c, _ := d.hr.GetComplaint(s.editing.ID); c.HandlerID != d.anID {
		t.Fatalf("handler on file: %d (%s)", c.HandlerID, rendered(s.formBox))
	}
}

// TestOneWorkingDayIsSingular: a complaint one working day old says "1
// working day counted", not "1 working days".
func TestOneWorkingDayIsSingular(t *testing.T) {
	d := newComplaintDesk(t)
	cs, _, _ := d.hr.FindCustomers(model.ListQuery{})
	c := &model.Complaint{Received: "2026-11-26", Channel: model.ChannelPhone, Severity: model.SeverityNormal,
		CustomerID: cs[0].ID, AdvisorID: d.boID, Description: "昨天来电"}
	if err := d.hr.SaveComplaint(c); err != nil {
		t.Fatal(err)
	}
	if got, _ := d.hr.GetComplaint(c.ID); got.Standing.Elapsed != 1 {
		t.Fatalf("a complaint of Thursday counts %d working days on Friday", got.Standing.Elapsed)
	}
	u := openAs(t, d.hr)
	s := complaintsTab(t, u)
	tapRow(t, s.list.table, 0)
	u.Wait()
	if got := rendered(s.standing); !strings.Contains(got, "1 working day counted") {
		t.Fatalf("the form says %q", got)
	}
}

// TestDeadlinesMarkEveryCellAtOnce: W9. Three wrong cells of one row and
// one of another are each marked beneath the cell in one round, with a
// whole-number example; the messages sit above the buttons; nothing is
// saved until all are right.
func TestDeadlinesMarkEveryCellAtOnce(t *testing.T) {
	d := newComplaintDesk(t)
	u := openAs(t, d.hr)
	openProcessTab(t, u, "Office calendar")
	s := u.process.calendar
	tapIn(t, u, "Complaint deadlines")
	r := s.rules
	n, sr := r.inputs[model.SeverityNormal], r.inputs[model.SeveritySerious]
	fillIn(map[*entry]string{n[0]: "abc", n[1]: "-2", n[2]: "1", sr[0]: "9999999"})
	tapButton(t, u, top(t, u), "Save deadlines")
	want := map[*widget.Label]string{
		r.msgs[model.SeverityNormal][0]:  "Not a whole number: write digits, e.g. 3",
		r.msgs[model.SeverityNormal][1]:  "Must lie within 1–60",
		r.msgs[model.SeveritySerious][0]: "Must lie within 1–60",
	}
	for msg, text := range want {
		if got := rendered(msg); got != text || !msg.Visible() {
			t.Errorf("a cell says %q, want %q", got, text)
		}
	}
	if got := rendered(r.msgs[model.SeverityNormal][2]); got != "" {
		t.Errorf("an escalation of 1 day after an unreadable contact says %q", got)
	}
	if rules, _ := d.hr.ComplaintRules(); rules[model.SeverityNormal].Contact != 3 {
		t.Fatalf("a refused rule was saved: %v", rules)
	}
	// The messages lie in the scrolled grid, which the dialog lays above
	// its buttons (they were drawn under Cancel and Save).
	var grid *container.Scroll
	eachObject(top(t, u), func(o fyne.CanvasObject) {
		if sc, ok := o.(*container.Scroll); ok {
			if _, in := positionIn(sc.Content, r.msgs[model.SeverityNormal][0]); in {
				grid = sc
			}
		}
	})
	if grid == nil {
		t.Fatal("the messages are not in the scrolled grid")
	}
	save := button(t, u, "Save deadlines")
	d2 := fyne.CurrentApp().Driver()
	if gb, sb := d2.AbsolutePositionForObject(grid).Y+grid.Size().Height, d2.AbsolutePositionForObject(save).Y; gb > sb {
		t.Errorf("the grid ends at %v, under the buttons at %v", gb, sb)
	}
	fillIn(map[*entry]string{n[0]: "2", n[1]: "4", n[2]: "6", sr[0]: "2"})
	tapButton(t, u, top(t, u), "Save deadlines")
	if rules, _ := d.hr.ComplaintRules(); rules[model.SeverityNormal] != (model.SeverityRule{Contact: 2, Outcome: 4, Escalate: 6}) {
		t.Fatalf("rules on file: %v", rules)
	}
}
