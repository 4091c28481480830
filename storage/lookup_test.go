package storage

import (
	"slices"
	"testing"

	"advisordesk/model"
)

// TestLookupMatchesTheCustomerItself: the reception's look-up finds a
// customer by their own name (a character typed matches that character,
// letters the pinyin), phone or company, never by the name of the advisor
// who looks after them, which its matches do not show (typing 李 offered
// the customers of 李洋 first, 冯女士 of 顺达物流 among them). A word
// mixing characters and letters matches by its parts. The customer list,
// which shows the advisor, still finds a customer by their advisor.
func TestLookupMatchesTheCustomerItself(t *testing.T) {
	o := newOffice(t)
	li := advisor("SA0901", "李洋")
	if err := o.hr.SaveAdvisor(li); err != nil {
		t.Fatal(err)
	}
	saveCustomer(t, o.hr, "李先生", "13800000001", o.an)
	saveCustomer(t, o.hr, "李建国", "13800000002", o.an)
	c := &model.Customer{Name: "冯女士", Phone: "13800000003", Company: "顺达物流有限公司", AdvisorID: li.ID}
	if err := o.hr.SaveCustomer(c); err != nil {
		t.Fatal(err)
	}
	saveCustomer(t, o.hr, "梁先生", "13800000004", li)
	names := func(cs []*model.Customer) []string {
		var out []string
		for _, c := range cs {
			out = append(out, c.Name)
		}
		slices.Sort(out)
		return out
	}
	for typed, want := range map[string][]string{
		"李":       {"李先生", "李建国"},
		"李j":      {"李建国"},
		"李 jg":    {"李建国"},
		"lj":      {"李建国"},
		"liang":   {"梁先生"},
		"物流":      {"冯女士"},
		"yang":    nil, // 李洋's pinyin
		"0000003": {"冯女士"},
	} {
		got, err := o.hr.FindCustomersByText(typed, 8)
		if err != nil || !slices.Equal(names(got), want) {
			t.Errorf("the look-up of %q finds %v (%v), want %v", typed, names(got), err, want)
		}
	}
	all, _, err := o.hr.FindCustomers(model.ListQuery{Text: "李"})
	if err != nil || !slices.Equal(names(all), []string{"冯女士", "李先生", "李建国", "梁先生"}) {
		t.Errorf("the customer list finds %v by 李 (%v), want also 李洋's customers", names(all), err)
	}
}
