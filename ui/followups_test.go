package ui

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"advisordesk/model"
	"advisordesk/storage"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// callDesk is an office on a fixed clock: Sun (SA0001) leads the advisors
// An (SA0002) and Bo (SA0003); each has an account.
type callDesk struct {
	now         *time.Time
	hr, sun, an *storage.DB
	sunID       uint64
	anID, boID  uint64
}

func newCallDesk(t *testing.T, now time.Time) *callDesk {
	t.Helper()
	d := &callDesk{now: &now}
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
	for _, a := range []struct{ no, name, sup string }{{"SA0001", "孙丽", ""}, {"SA0002", "安然", "SA0001"}, {"SA0003", "薄一", "SA0001"}} {
		adv := &model.Advisor{EmpNo: a.no, Name: a.name, Employment: model.FullTime, Role: model.FrontDesk,
			Department: "售后服务部", HireDate: "2024-01-02", SupervisorID: ids[a.sup]}
		if err := d.hr.SaveAdvisor(adv); err != nil {
			t.Fatal(err)
		}
		ids[a.no] = adv.ID
	}
	d.sunID, d.anID, d.boID = ids["SA0001"], ids["SA0002"], ids["SA0003"]
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
	d.sun = login("sun", "孙丽", model.RoleSupervisor, d.sunID)
	d.an = login("an", "安然", model.RoleAdvisor, d.anID)
	return d
}

// receive logs a reception of a new customer by An on today's date.
func (d *callDesk) receive(t *testing.T, name, phone string, outcome model.ReceptionOutcome) *model.Customer {
	t.Helper()
	c := &model.Customer{Name: name, Phone: phone}
	r := &model.Reception{Date: model.DateOf(*d.now), Time: "10:00", AdvisorID: d.anID, Outcome: outcome}
	if err := d.an.SaveReception(r, c); err != nil {
		t.Fatal(err)
	}
	return c
}

// dueRows are the due list's rows as shown, joined by "|".
func dueRows(s *followUpsScreen) []string {
	var out []string
	for _, cells := range s.list.rowTexts() {
		out = append(out, strings.Join(cells, "|"))
	}
	return out
}

func rowWith(rows []string, parts ...string) bool {
	for _, r := range rows {
		ok := true
		for _, p := range parts {
			ok = ok && strings.Contains(r, p)
		}
		if ok {
			return true
		}
	}
	return false
}

// TestDueListShowsTheComingWeek: on Wednesday An sells to one customer and
// services another. The supervisor's team list shows, the same day, the
// sale's 7-day call (next Wednesday, "Coming up") and the service's
// 3-day call (Saturday, "This week"); choosing "Next 30 days" adds the
// sale's 1-month call, and "My calls" leaves An's calls out.
func TestDueListShowsTheComingWeek(t *testing.T) {
	d := newCallDesk(t, time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC))
	d.receive(t, "周杰", "13800138000", model.OutcomeSale)
	d.receive(t, "吴敏", "13900139000", model.OutcomeService)
	u := openAs(t, d.sun)
	openProcessTab(t, u, "Follow-ups")
	s := u.process.followups
	rows := dueRows(s)
	if len(rows) != 2 || !rowWith(rows, "Coming up", "2026-12-02", "周杰") || !rowWith(rows, "This week", "2026-11-28", "吴敏") {
		t.Fatalf("the team's next 7 days: %q", rows)
	}
	pick(t, u, s.horizon, 1)
	u.Wait()
	if rows = dueRows(s); len(rows) != 3 || !rowWith(rows, "Coming up", "2026-12-25", "周杰") {
		t.Fatalf("the team's next 30 days: %q", rows)
	}
	pick(t, u, s.team, 0)
	u.Wait()
	if rows = dueRows(s); len(rows) != 1 || !rowWith(rows, "2026-12-02", "周杰") {
		t.Fatalf("Sun's own next 30 days: %q", rows)
	}
}

// TestNewCallFromTheDueList: An taps "New call" on the due list. Saved
// without a customer, the customer's row says to choose one; the shared
// customer picker chooses the customer, and the caller fills in as the
// rules say (Sun, An's supervisor: not the advisor who served). A day
// before the customer's reception, or no date, is refused beside the day;
// nothing is saved. Saved, the
// call is on Sun's list; another with the caller cleared is on An's own.
func TestNewCallFromTheDueList(t *testing.T) {
	d := newCallDesk(t, time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC))
	c := d.receive(t, "周杰", "13800138000", model.OutcomeNoInterest)
	count := func() int { n, _ := d.hr.FollowUps.Count(); return n }
	before := count()

	u := openAs(t, d.an)
	openProcessTab(t, u, "Follow-ups")
	s := u.process.followups
	tapIn(t, u, "New call")
	dlg := top(t, u)
	nc := s.arranging
	if nc == nil {
		t.Fatal("no new call dialog")
	}
	if nc.due.Text != "2026-11-26" {
		t.Errorf("the day starts as %q, want tomorrow", nc.due.Text)
	}
	tapButton(t, u, dlg, "Save")
	if got := nc.form.message(model.FieldFUCustomer); got != "Choose the customer" {
		t.Errorf("saved without a customer, its row says %q", got)
	}
	tapButton(t, u, dlg, "Choose…")
	if nc.picker == nil {
		t.Fatal("no customer picker")
	}
	test.Type(nc.picker.list.search, "周杰")
	u.Wait()
	tapRow(t, nc.picker.list.table, 0)
	u.Wait()
	if nc.customer.id != c.ID || nc.caller.id != d.sunID || nc.caller.choose.Text != "孙丽" {
		t.Fatalf("chosen: customer %d (want %d), caller %d %q (want Sun)", nc.customer.id, c.ID, nc.caller.id, nc.caller.choose.Text)
	}
	if !strings.Contains(nc.about.Text, "安然") || !strings.Contains(nc.about.Text, "2026-11-25") {
		t.Errorf("the dialog says %q; want the advisor and the last reception", nc.about.Text)
	}

	nc.due.SetText("")
	test.Type(nc.due, "2026-11-22")
	tapButton(t, u, dlg, "Save")
	if got := nc.form.message(model.FieldFUDue); got != "Before the reception it follows (2026-11-25)" {
		t.Errorf("a day before the reception: %q", got)
	}
	nc.due.SetText("")
	test.Type(nc.due, "26.11.2026")
	tapButton(t, u, dlg, "Save")
	if got := nc.form.message(model.FieldFUDue); !strings.Contains(got, "Not a date") {
		t.Errorf("a day that is no date: %q", got)
	}
	if count() != before {
		t.Fatalf("refused calls were saved: %d", count()-before)
	}

	nc.due.SetText("")
	test.Type(nc.due, "2026-11-27")
	test.Type(nc.notes, "问问新车使用情况")
	tapButton(t, u, dlg, "Save")
	if u.win.Canvas().Overlays().Top() != nil {
		t.Fatal("the dialog stays open after saving")
	}
	if !strings.Contains(s.status.Text, "Arranged: 周杰, due 2026-11-27") {
		t.Errorf("the status says %q", s.status.Text)
	}
	calls, _ := d.hr.FollowUpsOfCustomer(c.ID)
	if len(calls) != 1 || calls[0].Due != "2026-11-27" || calls[0].CallerID != d.sunID || calls[0].AdvisorID != d.anID ||
		calls[0].Reason != model.ReasonManual || calls[0].Notes != "问问新车使用情况" {
		t.Fatalf("the call on file: %+v", calls)
	}
	if due, _ := d.sun.DueFollowUps(model.DueQuery{}); len(due) != 1 || due[0].Customer != "周杰" {
		t.Errorf("Sun's list: %+v", due)
	}

	// A second call, made by An herself: the caller cleared.
	tapIn(t, u, "New call")
	nc, dlg = s.arranging, top(t, u)
	tapButton(t, u, dlg, "Choose…")
	test.Type(nc.picker.list.search, "周杰")
	u.Wait()
	tapRow(t, nc.picker.list.table, 0)
	u.Wait()
	test.Tap(nc.caller.clear)
	pick(t, u, nc.reason, 3) // key customer
	tapButton(t, u, dlg, "Save")
	if rows := dueRows(s); len(rows) != 1 || !rowWith(rows, "周杰", "2026-11-26", "Key customer", "安然") {
		t.Errorf("An's list after her own call: %q", rows)
	}
}

// TestNewCallRefusedInChinese: the same refusals read in Chinese, and a
// colleague's customer (found, masked) is named as not one's own to call.
func TestNewCallRefusedInChinese(t *testing.T) {
	d := newCallDesk(t, time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC))
	d.receive(t, "周杰", "13800138000", model.OutcomeNoInterest)
	theirs := &model.Customer{Name: "薄客户", Phone: "13700137000", AdvisorID: d.boID}
	if err := d.hr.SaveCustomer(theirs); err != nil {
		t.Fatal(err)
	}
	u := openAs(t, d.an)
	u.SetLanguage(langZh)
	openProcessTab(t, u, "客户回访")
	tapIn(t, u, "新建回访")
	nc, dlg := u.process.followups.arranging, top(t, u)
	tapButton(t, u, dlg, "保存")
	if got := nc.form.message(model.FieldFUCustomer); got != "请选择客户" {
		t.Errorf("no customer: %q", got)
	}
	tapButton(t, u, dlg, "选择…")
	test.Type(nc.picker.list.search, "薄客户")
	u.Wait()
	tapRow(t, nc.picker.list.table, 0)
	u.Wait()
	if got := nc.form.message(model.FieldFUCustomer); got != "不是您的客户：请由其服务顾问一方安排回访" {
		t.Errorf("a colleague's customer: %q", got)
	}
	tapButton(t, u, dlg, "保存")
	if n, _ := d.hr.FollowUps.Count(); n != 0 {
		t.Fatalf("a call to a colleague's customer was saved")
	}
	if got := nc.form.message(model.FieldFUCustomer); got != "不是您的客户：请由其服务顾问一方安排回访" {
		t.Errorf("saved with a colleague's customer: %q", got)
	}
	test.Tap(nc.customer.choose) // the customer's button shows the name now
	u.Wait()
	test.Type(nc.picker.list.search, "周杰")
	u.Wait()
	tapRow(t, nc.picker.list.table, 0)
	u.Wait()
	nc.due.SetText("")
	test.Type(nc.due, "2026-11-24")
	tapButton(t, u, dlg, "保存")
	if got := nc.form.message(model.FieldFUDue); got != "早于所跟进的接待日期（2026-11-25）" {
		t.Errorf("a day before the reception: %q", got)
	}
}

// TestNewCallFromTheCustomerPage: the customer page's "New call" has the
// customer filled in; saved, the page shows the call among the follow-ups.
func TestNewCallFromTheCustomerPage(t *testing.T) {
	d := newCallDesk(t, time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC))
	c := d.receive(t, "周杰", "13800138000", model.OutcomeNoInterest)
	u := openAs(t, d.an)
	p := u.showCustomerPage(c.ID)
	u.Wait()
	if p.customer == nil {
		t.Fatal("the page did not load")
	}
	if text := strings.Join(p.texts(), "\n"); !strings.Contains(text, "Follow-ups  (0)") {
		t.Fatalf("the page before: %s", text)
	}
	tapButton(t, u, top(t, u), "New call")
	nc := p.arranging
	if nc.customer.id != c.ID || nc.customer.choose.Text != "周杰" || nc.caller.id != d.sunID {
		t.Fatalf("the dialog's customer %d %q, caller %d", nc.customer.id, nc.customer.choose.Text, nc.caller.id)
	}
	tapButton(t, u, top(t, u), "Save")
	text := strings.Join(p.texts(), "\n")
	if !strings.Contains(text, "Follow-ups  (1)") || !strings.Contains(text, "2026-11-26") || !strings.Contains(text, "Arranged") {
		t.Fatalf("the page after: %s", text)
	}
}

// TestDueListFitsItsWidth: at the window's default size, in English and
// in Chinese, every column of the due list is in view and wide enough for
// its texts — states, reasons with their steps, callers, days — with no
// call open (the form shows beside the list only for a call chosen).
func TestDueListFitsItsWidth(t *testing.T) {
	d := newCallDesk(t, time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC))
	d.receive(t, "周杰", "13800138000", model.OutcomeSale)
	d.receive(t, "吴敏", "13900139000", model.OutcomeService)
	key := &model.Customer{Name: "欧阳晓东", Phone: "0755-82533939", AdvisorID: d.anID, KeyCustomer: model.Yes}
	if err := d.hr.SaveCustomer(key); err != nil {
		t.Fatal(err)
	}
	r := &model.Reception{Date: "2026-11-25", Time: "15:00", CustomerID: key.ID, AdvisorID: d.anID, Outcome: model.OutcomeRepair}
	if err := d.an.SaveReception(r, nil); err != nil {
		t.Fatal(err)
	}
	// A call nobody answered for five days: a letter task.
	*d.now = time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)
	due, _ := d.an.DueFollowUps(model.DueQuery{})
	call := *due[0].FollowUp
	call.Done, call.Result = "2026-11-28", model.ResultNoAnswer
	if err := d.an.RecordFollowUp(&call); err != nil {
		t.Fatal(err)
	}
	*d.now = time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	if err := d.an.SaveFollowUp(&model.FollowUp{Due: "2026-12-05", CustomerID: key.ID, AdvisorID: d.anID}); err != nil {
		t.Fatal(err)
	}

	u := openAs(t, d.sun)
	for _, c := range []struct{ lang, tab string }{{langEn, "Follow-ups"}, {langZh, "客户回访"}} {
		u.SetLanguage(c.lang)
		openProcessTab(t, u, c.tab)
		s := u.process.followups
		pick(t, u, s.horizon, 1)
		u.Wait()
		if len(s.list.rows) < 5 {
			t.Fatalf("%s: %d calls listed", c.lang, len(s.list.rows))
		}
		pad := 2 * theme.InnerPadding()
		var total float32
		states := map[model.FollowUpState]bool{}
		for i, col := range s.dueColumn {
			// As wide as the list makes it: its width, or its header's.
			head := fyne.MeasureText(tr("field."+col.key), theme.TextSize(), fyne.TextStyle{Bold: true}).Width
			w := max(col.width, head+3*theme.Padding()+theme.IconInlineSize())
			total += w + theme.SeparatorThicknessSize()
			for _, row := range s.list.rows {
				states[row.State] = true
				text := col.text(row)
				if tw := fyne.MeasureText(text, theme.TextSize(), fyne.TextStyle{}).Width + pad; tw > w {
					t.Errorf("%s: column %d (%s) is %.0f wide; %q needs %.0f", c.lang, i, col.key, w, text, tw)
				}
			}
		}
		if width := s.list.table.Size().Width; total > width {
			t.Errorf("%s: the columns need %.0f, the list is %.0f wide", c.lang, total, width)
		}
		for _, st := range []model.FollowUpState{model.StateLetter, model.StateOverdue, model.StateWeek, model.StateUpcoming} {
			if !states[st] {
				t.Errorf("%s: no %s call to measure: %v", c.lang, st, states)
			}
		}
	}
}

// TestCustomerPageSaysWhichCall: the customer page names each call by its
// place in the rules' sequence, in English and in Chinese, and its caller.
func TestCustomerPageSaysWhichCall(t *testing.T) {
	d := newCallDesk(t, time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC))
	c := d.receive(t, "周杰", "13800138000", model.OutcomeSale)
	u := openAs(t, d.an)
	for _, want := range []struct {
		lang  string
		texts []string
	}{
		{langEn, []string{"7-day call after a sale, step 1 of 4", "1-month call after a sale, step 2 of 4", "6-month call after a sale, step 4 of 4", "孙丽"}},
		{langZh, []string{"销售后 7 天回访（第 1 次，共 4 次）", "销售后 3 个月回访（第 3 次，共 4 次）"}},
	} {
		u.SetLanguage(want.lang)
		p := u.showCustomerPage(c.ID)
		u.Wait()
		text := strings.Join(p.texts(), "\n")
		for _, w := range want.texts {
			if !strings.Contains(text, w) {
				t.Errorf("%s: the page does not say %q:\n%s", want.lang, w, text)
			}
		}
		p.dlg.Hide()
	}
}

// TestFollowUpRulesNameEachField: the rules editor names each field's own
// problem beside it — a step of "abc" is no number, of 0 days or 200
// months out of its unit's range (all three read "not both" before), the
// office's counts each theirs — in English and Chinese; nothing is saved.
func TestFollowUpRulesNameEachField(t *testing.T) {
	d := newCallDesk(t, time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC))
	before, _ := d.hr.FollowUpRules()
	u := openAs(t, d.sun)
	for _, c := range []struct {
		lang, tab, button, save string
		steps                   []string
		key, letter, window     string
	}{
		{langEn, "Follow-ups", "Follow-up rules…", "Save",
			[]string{"Line 1 · Days or months after: Not a number", "Line 2 · Days or months after: Must lie within 1–3660",
				"Line 3 · Days or months after: Must lie within 1–120"},
			"Not a number", "Required", "Must lie within 0–3660"},
		{langZh, "客户回访", "回访规则…", "保存",
			[]string{"第 1 行", "不是数字", "第 2 行", "应在 1–3660 之间", "第 3 行", "应在 1–120 之间"},
			"不是数字", "必填", "应在 0–3660 之间"},
	} {
		u.SetLanguage(c.lang)
		openProcessTab(t, u, c.tab)
		s := u.process.followups
		tapIn(t, u, c.button)
		u.Wait()
		rd := s.rulesDialog
		if rd == nil || len(rd.steps) < 3 {
			t.Fatalf("%s: the rules dialog: %+v", c.lang, rd)
		}
		popUp(t, u, rd.steps[2].unit)
		tapMenuItem(t, u, map[string]string{langEn: "months after", langZh: tr("followup.unit.months")}[c.lang])
		fillIn(map[*entry]string{rd.steps[0].after: "abc", rd.steps[1].after: "0", rd.steps[2].after: "200",
			rd.key: "abc", rd.letter: "", rd.window: "-1"})
		tapButton(t, u, top(t, u), c.save)
		u.Wait()
		got := rendered(top(t, u))
		for _, want := range c.steps {
			if !strings.Contains(got, want) {
				t.Errorf("%s: no %q in the dialog: %q", c.lang, want, got)
			}
		}
		if strings.Contains(got, "not both") || strings.Contains(got, "不能同时") {
			t.Errorf("%s: a step still says not both: %q", c.lang, got)
		}
		for field, want := range map[string]string{model.FieldKeyEvery: c.key, model.FieldLetterDays: c.letter, model.FieldWindowDays: c.window} {
			if msg := rd.form.message(field); !strings.HasPrefix(msg, want) {
				t.Errorf("%s: %s says %q, want %q", c.lang, field, msg, want)
			}
		}
		if after, _ := d.hr.FollowUpRules(); !reflect.DeepEqual(after, before) {
			t.Fatalf("%s: refused rules were saved: %+v", c.lang, after)
		}
		top(t, u).Hide()
	}
}

// TestCallFormsShowEveryProblemAtOnce: a bad date no longer hides the
// other problems: the new-call dialog names the missing customer, the day
// 2027-02-30 and 10,000 characters of notes together; the call form names
// a made day that is no date, a score of "abc", a problem too long and an
// act-by day of "x" together. Nothing is saved.
func TestCallFormsShowEveryProblemAtOnce(t *testing.T) {
	d := newCallDesk(t, time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC))
	d.receive(t, "周杰", "13800138000", model.OutcomeService)
	count := func() int { n, _ := d.hr.FollowUps.Count(); return n }
	before := count()
	u := openAs(t, d.an)
	openProcessTab(t, u, "Follow-ups")
	s := u.process.followups
	tapIn(t, u, "New call")
	nc := s.arranging
	fillIn(map[*entry]string{nc.due: "2027-02-30"})
	nc.notes.SetText(strings.Repeat("长", 10000))
	tapButton(t, u, top(t, u), "Save")
	for field, want := range map[string]string{model.FieldFUCustomer: "Choose the customer", model.FieldFUDue: "Not a date",
		model.FieldNotes: "Too long: at most 2000 characters"} {
		if got := nc.form.message(field); !strings.HasPrefix(got, want) {
			t.Errorf("new call: %s says %q, want %q", field, got, want)
		}
	}
	top(t, u).Hide()

	openProcessTab(t, u, "Follow-ups")
	pick(t, u, s.horizon, 1) // the next 30 days: the service's 3-day call
	u.Wait()
	if len(s.list.rows) == 0 {
		t.Fatalf("no call listed: %q", dueRows(s))
	}
	tapRow(t, s.list.table, 0)
	u.Wait()
	fillIn(map[*entry]string{s.done: "2027-02-30", s.score: "abc", s.actBy: "x"})
	s.problem.SetText(strings.Repeat("问", 600))
	tapIn(t, u, "Save")
	for field, want := range map[string]string{model.FieldFUDone: "Not a date", model.FieldSatisfaction: "A whole number from 1 to 5",
		model.FieldProblem: "Too long: at most 500 characters", model.FieldActBy: "Not a date"} {
		if got := s.form.message(field); !strings.HasPrefix(got, want) {
			t.Errorf("call form: %s says %q, want %q", field, got, want)
		}
	}
	if count() != before {
		t.Fatal("a refused call was saved")
	}
}

// TestFollowUpRulesEscCloses: Esc did nothing in the rules dialog (only
// Cancel closed it); it cancels, nothing saved.
func TestFollowUpRulesEscCloses(t *testing.T) {
	d := newCallDesk(t, time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC))
	before, _ := d.hr.FollowUpRules()
	u := openAs(t, d.sun)
	openProcessTab(t, u, "Follow-ups")
	tapIn(t, u, "Follow-up rules…")
	u.Wait()
	rd := u.process.followups.rulesDialog
	if rd == nil {
		t.Fatal("no rules dialog")
	}
	rd.window.SetText("9")
	key(u, fyne.KeyEscape)
	u.Wait()
	if o := u.win.Canvas().Overlays().Top(); o != nil {
		t.Fatalf("the rules dialog stays after Esc: %s", rendered(o))
	}
	if after, _ := d.hr.FollowUpRules(); after.WindowDays != before.WindowDays {
		t.Errorf("Esc saved the window: %d, was %d", after.WindowDays, before.WindowDays)
	}
}
