package main

import (
	"fmt"
	"time"

	"advisordesk/model"
	"advisordesk/storage"
)

// benchCustomers times, on the office of 100,000 customers, as an advisor
// at the desk (every customer listed, most masked), the list filtered as
// one types — each keystroke a page of 200 sorted by name, as the screen
// asks — and the opening of one customer's page with all their history.
func benchCustomers(o *crmOffice, res map[string]float64) error {
	hr, err := o.open(res)
	if err != nil {
		return err
	}
	file := o.file
	me, err := hr.Advisors.ByEmpNo.Get("SA0010")
	if err != nil {
		return err
	}
	if err := hr.SaveAccount(&model.Account{Login: "desk", Name: me.Name, Role: model.RoleAdvisor, AdvisorID: me.ID}, "bench password"); err != nil {
		return err
	}
	desk, err := file.Login("desk", "bench password")
	if err != nil {
		return err
	}

	// The first page loads the listing and sorts it: the list screen's
	// opening, measured apart.
	t := time.Now()
	if _, _, err := desk.FindCustomers(model.ListQuery{Sort: model.FieldCustomerName, Limit: 200}); err != nil {
		return err
	}
	res["customer_list_open_ms"] = ms(time.Since(t))

	var ds []time.Duration
	cpu := cpuTime()
	for _, word := range []string{"王先", "1391", "车队", "顺达物", "zhang", "kehu0012", "13912345678", "zz"} {
		typed := ""
		for _, r := range word {
			typed += string(r)
			for range 3 {
				t := time.Now()
				if _, _, err := desk.FindCustomers(model.ListQuery{Text: typed, Sort: model.FieldCustomerName, Limit: 200}); err != nil {
					return err
				}
				ds = append(ds, time.Since(t))
			}
		}
	}
	// CPU per keystroke beside the wall times: on a shared machine the
	// wall times carry everyone else's load.
	res["customer_filter_cpu_ms"] = round(ms(cpuTime()-cpu) / float64(len(ds)))
	res["customer_filter_ms"] = percentile(ds, 0.5)
	res["customer_filter_p99_ms"] = percentile(ds, 0.99)

	// A save between keystrokes (a customer added at the desk) must not
	// make the next keystroke rebuild what every row holds.
	ds = ds[:0]
	for i := range 10 {
		c := &model.Customer{Name: "新客户", Phone: "1370000000" + string(rune('0'+i)), AdvisorID: me.ID}
		if err := desk.SaveCustomer(c); err != nil {
			return err
		}
		t := time.Now()
		if _, _, err := desk.FindCustomers(model.ListQuery{Text: "王", Sort: model.FieldCustomerName, Limit: 200}); err != nil {
			return err
		}
		ds = append(ds, time.Since(t))
	}
	res["customer_filter_after_save_ms"] = percentile(ds, 0.5)

	if err := timeCustomerPage(desk, me, res); err != nil {
		return err
	}
	res["customer_filter_vs_target"] = round(res["customer_filter_ms"] / 10)
	res["customer_page_vs_target"] = round(res["customer_page_ms"] / 20)
	return nil
}

// timeCustomerPage times the opening of one customer's page, with all
// their history: a customer of the advisor's own, as they open it from the
// list.
func timeCustomerPage(desk *storage.DB, me *model.Advisor, res map[string]float64) error {
	mine, _, err := desk.FindCustomers(model.ListQuery{Text: me.Name, Limit: 50})
	if err != nil {
		return err
	}
	if len(mine) == 0 {
		return fmt.Errorf("%s has no customers to open", me.Name)
	}
	var ds []time.Duration
	rows := 0
	for i := range 30 {
		t := time.Now()
		n, err := customerPage(desk, mine[i%len(mine)].ID)
		if err != nil {
			return err
		}
		ds = append(ds, time.Since(t))
		rows += n
	}
	res["customer_page_ms"] = percentile(ds, 0.5)
	res["customer_page_p99_ms"] = percentile(ds, 0.99)
	res["customer_page_rows"] = round(float64(rows) / float64(len(ds)))
	return nil
}

// customerPage reads what the customer page shows: the customer, then each
// kind of their history, as the page's sections ask for it (ui/customerpage.go).
// It returns how many history rows it read.
func customerPage(db *storage.DB, id uint64) (int, error) {
	if _, err := db.GetCustomer(id); err != nil {
		return 0, err
	}
	// Each area's history of the customer, one line each, as the page has
	// them: receptions, sales, follow-ups, complaints.
	rs, err := db.ReceptionsOfCustomer(id)
	if err != nil {
		return 0, err
	}
	ss, err := db.SalesOfCustomer(id)
	if err != nil {
		return 0, err
	}
	fs, err := db.FollowUpsOfCustomer(id)
	if err != nil {
		return 0, err
	}
	cs, err := db.ComplaintsOfCustomer(id)
	if err != nil {
		return 0, err
	}
	return len(rs) + len(ss) + len(fs) + len(cs), nil
}
