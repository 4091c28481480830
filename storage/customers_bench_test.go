package storage

import (
	"fmt"
	"path/filepath"
	"testing"

	"advisordesk/model"
)

// benchDesk is a demo office of 100,000 customers and an advisor signed in
// at its desk, who lists them all (most masked).
func benchDesk(b *testing.B) (hr, desk *DB) {
	b.Helper()
	file, err := Open(filepath.Join(b.TempDir(), "c.db"), &Options{WeakHashes: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { file.Close() })
	hr, _, err = file.SetUp("admin", "人事", testPassword)
	if err != nil {
		b.Fatal(err)
	}
	if err := hr.LoadDemoWith(300, 1, 100_000); err != nil {
		b.Fatal(err)
	}
	me, err := hr.Advisors.ByEmpNo.Get("SA0010")
	if err != nil {
		b.Fatal(err)
	}
	if err := hr.SaveAccount(&model.Account{Login: "desk", Name: me.Name, Role: model.RoleAdvisor, AdvisorID: me.ID}, testPassword); err != nil {
		b.Fatal(err)
	}
	if desk, err = file.Login("desk", testPassword); err != nil {
		b.Fatal(err)
	}
	return hr, desk
}

// BenchmarkCustomerFilter100k types into the customer list's search box,
// a page of 200 sorted by name per keystroke; "save" adds a customer before
// each keystroke, as the desk does between searches.
func BenchmarkCustomerFilter100k(b *testing.B) {
	_, desk := benchDesk(b)
	me := desk.Who().Advisor
	q := model.ListQuery{Sort: model.FieldCustomerName, Limit: 200}
	if _, _, err := desk.FindCustomers(q); err != nil {
		b.Fatal(err)
	}
	for _, word := range []string{"王", "王先", "1391", "车队", "zhang"} {
		b.Run(word, func(b *testing.B) {
			q.Text = word
			for b.Loop() {
				if _, _, err := desk.FindCustomers(q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	// As one types: every prefix of each word, as the bench of advisorctl does.
	b.Run("typing", func(b *testing.B) {
		for b.Loop() {
			for _, word := range []string{"王先", "1391", "车队", "顺达物", "zhang", "kehu0012", "13912345678", "zz"} {
				typed := ""
				for _, r := range word {
					typed += string(r)
					q.Text = typed
					if _, _, err := desk.FindCustomers(q); err != nil {
						b.Fatal(err)
					}
				}
			}
		}
	})
	b.Run("save", func(b *testing.B) {
		q.Text = "王"
		i := 0
		for b.Loop() {
			i++
			b.StopTimer()
			c := &model.Customer{Name: "新客户", Phone: fmt.Sprintf("137%08d", i), AdvisorID: me}
			if err := desk.SaveCustomer(c); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			if _, _, err := desk.FindCustomers(q); err != nil {
				b.Fatal(err)
			}
		}
	})
}
