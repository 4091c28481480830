package ui

import (
	"fyne.io/fyne/v2"
	"path/filepath"
	"strings"
	"testing"

	"advisordesk/model"
	"advisordesk/storage"

	"fyne.io/fyne/v2/test"
)

// deskOffice is a demo office with an advisor (SA0003) signed in at the
// desk, and a customer of a colleague's (SA0005) whose number is
// 13912345678.
func deskOffice(t *testing.T) (hr, adv *storage.DB, theirs *model.Customer) {
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
	other, _ := hr.Advisors.ByEmpNo.Get("SA0005")
	theirs = &model.Customer{Name: "李客户", Phone: "13912345678", Company: "蓝海科技", AdvisorID: other.ID}
	if err := hr.SaveCustomer(theirs); err != nil {
		t.Fatal(err)
	}
	if err := hr.SaveAccount(&model.Account{Login: "sa0003", Name: me.Name, Role: model.RoleAdvisor, AdvisorID: me.ID}, "given pass 1"); err != nil {
		t.Fatal(err)
	}
	if adv, err = file.Login("sa0003", "given pass 1"); err != nil {
		t.Fatal(err)
	}
	return hr, adv, theirs
}

// TestDuplicatePhoneWarns: an advisor adds a customer whose number a
// colleague's customer has: before saving they are told who has it, with
// the number masked as they see it, and may stop (nothing saved) or go on.
func TestDuplicatePhoneWarns(t *testing.T) {
	hr, adv, theirs := deskOffice(t)
	u := openAs(t, adv)
	u.Open(pageProcess)
	u.Wait()
	s := u.customers
	before, _ := hr.Customers.Count()

	tapIn(t, u, "New customer")
	test.Type(s.entry(model.FieldCustomerName), "李先生")
	test.Type(s.entry(model.FieldPhone), "+86 139 1234 5678")
	tapButton(t, u, s.formBox, "Save")
	if s.dup == nil {
		t.Fatal("no warning of the number already on file")
	}
	lines := strings.Join(s.dup.lines, "\n")
	if !strings.Contains(lines, "李客户") || !strings.Contains(lines, "139****5678") {
		t.Errorf("the warning says %q; want the colleague's customer, masked", lines)
	}
	if strings.Contains(rendered(top(t, u)), "12345678") && !strings.Contains(rendered(top(t, u)), "1234 5678") {
		t.Errorf("the colleague's customer's whole number shows: %q", rendered(top(t, u)))
	}
	if strings.Contains(lines, theirs.Phone) {
		t.Errorf("the colleague's customer's whole number shows: %q", lines)
	}
	tapButton(t, u, top(t, u), "Stop")
	if n, _ := hr.Customers.Count(); n != before {
		t.Fatalf("stopped, yet %d customers were saved", n-before)
	}
	if s.entry(model.FieldCustomerName).Text != "李先生" {
		t.Error("stopping lost what was typed")
	}
	tapButton(t, u, s.formBox, "Save")
	if s.dup == nil {
		t.Fatal("no warning the second time")
	}
	tapButton(t, u, top(t, u), "Save anyway")
	if n, _ := hr.Customers.Count(); n != before+1 {
		t.Fatalf("went on, yet %d customers were saved", n-before)
	}
	// Saving again without changing the number asks nothing.
	s.dup = nil
	test.Type(s.entry(model.FieldCompany), "个人")
	tapButton(t, u, s.formBox, "Save")
	if s.dup != nil {
		t.Error("the warning came again for an unchanged number")
	}
}

// TestCustomerPageShowsHistory: the page of a customer shows their
// details and each kind of their history, newest first.
func TestCustomerPageShowsHistory(t *testing.T) {
	hr, adv, _ := deskOffice(t)
	me := adv.Who().Advisor
	c := &model.Customer{Name: "周晓测", Phone: "13800138000", Source: model.SourceReferral, Tags: "VIP 车队", AdvisorID: me}
	if err := hr.SaveCustomer(c); err != nil {
		t.Fatal(err)
	}
	for _, r := range []*model.Reception{
		{Date: "2026-11-02", Time: "10:00", CustomerID: c.ID, AdvisorID: me, Need: "首次保养", Outcome: model.OutcomeNoInterest},
		{Date: "2026-11-20", Time: "15:30", CustomerID: c.ID, AdvisorID: me, Need: "更换刹车片", Outcome: model.OutcomeNoInterest},
	} {
		if err := adv.SaveReception(r, nil); err != nil {
			t.Fatal(err)
		}
	}
	u := openAs(t, adv)
	u.Open(pageProcess)
	u.Wait()
	s := u.customers
	test.Type(s.list.search, "周晓测")
	u.Wait()
	tapRow(t, s.list.table, 0)
	u.Wait()
	tapButton(t, u, s.formBox, "Customer page")
	p := s.page
	if p == nil || p.customer == nil {
		t.Fatal("the page did not load")
	}
	text := strings.Join(p.texts(), "\n")
	for _, want := range []string{"周晓测", "13800138000", "Referral", "VIP, 车队", "Receptions  (2)", "Sales  (0)", "Follow-ups", "Complaints  (0)", "Nothing yet"} {
		if !strings.Contains(text, want) {
			t.Errorf("the page does not show %q:\n%s", want, text)
		}
	}
	if i, j := strings.Index(text, "更换刹车片"), strings.Index(text, "首次保养"); i < 0 || j < 0 || i > j {
		t.Errorf("receptions not newest first:\n%s", text)
	}
}

// TestTransferByTapping: a supervisor hands a team member's customer to
// another member with a reason; without one, nothing moves and the dialog
// says why; the transfer is in the audit log with its reason.
func TestTransferByTapping(t *testing.T) {
	hr, _, _ := deskOffice(t)
	// SA0001 leads the demo office's first team.
	lead, _ := hr.Advisors.ByEmpNo.Get("SA0001")
	var from, to *model.Advisor
	all, _, _ := hr.FindAdvisors(model.ListQuery{Sort: model.FieldEmpNo})
	for _, a := range all {
		if a.SupervisorID == lead.ID && a.Status == model.Active {
			if from == nil {
				from = a
			} else if to == nil {
				to = a
			}
		}
	}
	c := &model.Customer{Name: "吴晓测", Phone: "13700137000", AdvisorID: from.ID}
	if err := hr.SaveCustomer(c); err != nil {
		t.Fatal(err)
	}
	if err := hr.SaveAccount(&model.Account{Login: "lead", Name: lead.Name, Role: model.RoleSupervisor, AdvisorID: lead.ID}, "given pass 1"); err != nil {
		t.Fatal(err)
	}
	sup, err := hr.Login("lead", "given pass 1")
	if err != nil {
		t.Fatal(err)
	}
	u := openAs(t, sup)
	u.Open(pageProcess)
	u.Wait()
	s := u.customers
	test.Type(s.list.search, "吴晓测")
	u.Wait()
	tapRow(t, s.list.table, 0)
	u.Wait()
	tapButton(t, u, s.formBox, "Transfer…")
	f := s.transfer
	test.Tap(f.to.choose)
	u.Wait()
	test.Type(s.picker.list.search, to.EmpNo)
	u.Wait()
	tapRow(t, s.picker.list.table, 0)
	u.Wait()
	tapButton(t, u, top(t, u), "Transfer")
	if !f.problem.Visible() || !strings.Contains(f.problem.Text, "Reason") {
		t.Errorf("no reason, and the dialog says %q", f.problem.Text)
	}
	if got, _ := hr.GetCustomer(c.ID); got.AdvisorID != from.ID {
		t.Fatal("moved without a reason")
	}
	test.Type(f.reason, "调往新店")
	tapButton(t, u, top(t, u), "Transfer")
	if got, _ := hr.GetCustomer(c.ID); got.AdvisorID != to.ID {
		t.Fatalf("not moved: %+v (problem %q)", got, f.problem.Text)
	}
	if !strings.Contains(s.status.Text, "1 customer handed to "+to.Name) {
		t.Errorf("status: %q", s.status.Text)
	}
	log, _ := hr.Audit(model.AuditQuery{Action: model.Transferred})
	if len(log) != 1 || log[0].Fields[1].New != "调往新店" || log[0].Who.Name != lead.Name {
		t.Errorf("logged: %+v", log)
	}
}

// TestMarketNotesTab: an advisor writes a market note on the Work process
// page's Market notes tab, and finds it again by a tag.
func TestMarketNotesTab(t *testing.T) {
	_, adv, _ := deskOffice(t)
	u := openAs(t, adv)
	openProcessTab(t, u, "Market notes")
	s := u.process.market
	tapIn(t, u, "New note")
	test.Type(s.entry(model.FieldNoteTitle), "对手店保养套餐八折")
	test.Type(s.entry(model.FieldCompetitor), "远航4S店")
	test.Type(s.entry(model.FieldTags), "保养，价格")
	tapButton(t, u, s.formBox, "Save")
	if got := s.status.Text; !strings.Contains(got, "对手店保养套餐八折") {
		t.Fatalf("not saved: %q %q", got, rendered(s.formBox))
	}
	test.Type(s.list.search, "价格")
	u.Wait()
	rows := s.list.rowTexts()
	if len(rows) != 1 || !strings.Contains(strings.Join(rows[0], "|"), "保养, 价格") ||
		!strings.Contains(strings.Join(rows[0], "|"), string(adv.Today())) {
		t.Errorf("found by a tag: %v", rows)
	}
}

// TestCustomerPageShowsSales: a sale of the customer's is on their page
// under Sales, beside the receptions, follow-ups and complaints.
func TestCustomerPageShowsSales(t *testing.T) {
	hr, adv, _ := deskOffice(t)
	me := adv.Who().Advisor
	c := &model.Customer{Name: "钱售测", Phone: "13800138001", AdvisorID: me}
	if err := hr.SaveCustomer(c); err != nil {
		t.Fatal(err)
	}
	p := &model.Product{Code: "WALK-1", Name: "走查机油", Unit: "桶", Price: 320, Stock: 10, State: model.OnSale}
	if err := hr.SaveProduct(p); err != nil {
		t.Fatal(err)
	}
	sale := &model.Sale{CustomerID: c.ID, AdvisorID: me, Date: adv.Today(),
		Lines: []model.SaleLine{{ProductID: p.ID, Qty: 2, Price: 32000}}}
	if err := adv.SaveSale(sale); err != nil {
		t.Fatal(err)
	}
	u := openAs(t, adv)
	u.Open(pageProcess)
	u.Wait()
	s := u.customers
	test.Type(s.list.search, "钱售测")
	u.Wait()
	tapRow(t, s.list.table, 0)
	u.Wait()
	tapButton(t, u, s.formBox, "Customer page")
	page := s.page
	if page == nil || page.customer == nil {
		t.Fatal("the page did not load")
	}
	text := strings.Join(page.texts(), "\n")
	for _, want := range []string{"Receptions  (0)", "Sales  (1)", "640.00", "Follow-ups", "Complaints  (0)"} {
		if !strings.Contains(text, want) {
			t.Errorf("the page does not show %q:\n%s", want, text)
		}
	}
}

// TestCustomerPageShowsComplaintText: the customer page's complaint row
// says what the customer complained of and how it was resolved — the
// first line of each, long text cut with "…" — in English and Chinese.
func TestCustomerPageShowsComplaintText(t *testing.T) {
	d := newComplaintDesk(t)
	cs, _, _ := d.hr.FindCustomers(model.ListQuery{})
	c := &model.Complaint{Received: "2026-11-25", Channel: model.ChannelPhone, Severity: model.SeverityNormal,
		CustomerID: cs[0].ID, AdvisorID: d.boID, Description: "保养后发动机异响\n客户在店等待两小时无人解释"}
	if err := d.hr.SaveComplaint(c); err != nil {
		t.Fatal(err)
	}
	c.Resolution, c.Satisfaction = "免费复检，紧固隔热罩，退还工时费并当面致歉，此后每次保养由主管亲自检查交车质量并回访客户确认满意度", "4"
	for _, to := range []model.ComplaintStatus{model.ComplaintInvestigating, model.ComplaintResolved} {
		if err := d.sun.MoveComplaint(c, to, ""); err != nil {
			t.Fatal(err)
		}
	}
	u := openAs(t, d.sun)
	for _, lc := range []struct{ lang, tab, button, desc, res string }{
		{langEn, "Customers", "Customer page", "Complaint", "Resolution"},
		{langZh, "客户资料", "客户全貌", "投诉内容", "处理结果"},
	} {
		u.SetLanguage(lc.lang)
		openProcessTab(t, u, lc.tab)
		s := u.customers
		test.Type(s.list.search, d.customerName)
		u.Wait()
		tapRow(t, s.list.table, 0)
		u.Wait()
		tapButton(t, u, s.formBox, lc.button)
		p := s.page
		if p == nil || p.customer == nil {
			t.Fatal("the page did not load")
		}
		text := strings.Join(p.texts(), "\n")
		for _, want := range []string{lc.desc, lc.res, "保养后发动机异响 …", "免费复检，紧固隔热罩，退还工时费并当面致歉，此后每次保养由主管亲自检查交车质量…"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: the page does not show %q:\n%s", lc.lang, want, text)
			}
		}
		if strings.Contains(text, "客户在店等待两小时") {
			t.Errorf("%s: the description's second line is on the row:\n%s", lc.lang, text)
		}
		p.dlg.Hide()
	}
}

// TestTransferEscapeClosesOnlyTheDialog: Esc in the transfer dialog went
// through it and closed the customer's form behind, leaving the dialog up.
func TestTransferEscapeClosesOnlyTheDialog(t *testing.T) {
	hr, _, _ := deskOffice(t)
	a, _ := hr.Advisors.ByEmpNo.Get("SA0002")
	c := &model.Customer{Name: "吴晓测", Phone: "13700137000", AdvisorID: a.ID}
	if err := hr.SaveCustomer(c); err != nil {
		t.Fatal(err)
	}
	u := openAs(t, hr)
	u.Open(pageProcess)
	u.Wait()
	s := u.customers
	test.Type(s.list.search, "吴晓测")
	u.Wait()
	tapRow(t, s.list.table, 0)
	u.Wait()
	tapButton(t, u, s.formBox, "Transfer…")
	key(u, fyne.KeyEscape)
	u.Wait()
	if o := u.win.Canvas().Overlays().Top(); o != nil {
		t.Errorf("the dialog stays open after Esc: %s", rendered(o))
	}
	if s.editing == nil || s.editing.ID != c.ID {
		t.Errorf("Esc closed the customer's form behind the dialog")
	}
}
