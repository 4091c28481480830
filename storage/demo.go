package storage

import (
	"fmt"

	"advisordesk/model"
)

// DemoCompany is the company name a demo office prints on its forms.
const DemoCompany = "星河汽车销售服务有限公司（演示）"

// LoadDemo fills an empty file with a demo office of n advisors in one
// transaction. A file that already has advisors is refused, so demo people
// never mix with real ones.
func (db *DB) LoadDemo(n int, seed uint64) error {
	if n < 1 || n > 1_000_000 {
		return fmt.Errorf("demo size %d: use 1 to 1000000 advisors", n)
	}
	return db.Update(func(tx *Tx) error {
		if k, _ := tx.tx.Bucket(db.Advisors.bucket).Cursor().First(); k != nil {
			return ErrNotEmpty
		}
		for _, a := range model.DemoAdvisors(n, seed, db.Today()) {
			if err := db.Advisors.Put(tx, &a); err != nil {
				return fmt.Errorf("demo advisor %s: %w", a.EmpNo, err)
			}
		}
		s := tx.tx.Bucket(bucketSettings)
		if s.Get([]byte(SettingCompany)) == nil {
			return s.Put([]byte(SettingCompany), []byte(DemoCompany))
		}
		return nil
	})
}

// IsEmpty reports a file with no records at all: a first start.
func (db *DB) IsEmpty() (bool, error) {
	n, err := db.Advisors.Count()
	return n == 0, err
}
