package storage

import (
	"fmt"
	"path/filepath"
	"testing"

	"advisordesk/model"
)

// BenchmarkCustomerSearch50k searches a listing whose phones are kept
// masked in the search text and whole apart (see lister.secret), as HR.
func BenchmarkCustomerSearch50k(b *testing.B) {
	file, err := Open(filepath.Join(b.TempDir(), "c.db"), &Options{WeakHashes: true})
	if err != nil {
		b.Fatal(err)
	}
	defer file.Close()
	sys := file.as(program)
	a := advisor("SA1", "张三")
	if err := sys.SaveAdvisor(a); err != nil {
		b.Fatal(err)
	}
	err = sys.updateBulk(func(tx *Tx) error {
		for i := 0; i < 50000; i++ {
			c := &model.Customer{Name: fmt.Sprintf("客户%d", i), Phone: fmt.Sprintf("138%08d", i*7), AdvisorID: a.ID}
			if err := sys.Customers.Put(tx, c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	for _, q := range []string{"12345", "客户4999"} {
		b.Run(q, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := sys.Customers.Find(Query{Text: q, Limit: 50}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
