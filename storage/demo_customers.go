package storage

import (
	"fmt"

	"advisordesk/model"
)

// demoBatch is how many demo customers one transaction writes when an
// office is made at scale: bbolt keeps a transaction's pages in memory
// until it commits, so batches keep a 100,000-customer office's memory
// bounded.
const demoBatch = 5000

// putDemoCustomers writes demo customers in tx, then what the other areas
// make for each of them (receptions, sales, follow-ups, complaints): one
// call each, below.
func (db *DB) putDemoCustomers(tx *Tx, cs []model.Customer, seed uint64) error {
	for i := range cs {
		if err := db.Customers.Put(tx, &cs[i]); err != nil {
			return fmt.Errorf("demo customer %s: %w", cs[i].Name, err)
		}
	}
	return nil
}

// firstDemoCustomers are the customers made with the office, in its
// transaction, for the other areas' generators to give receptions, sales
// and complaints: two for each of the first 300 active advisors, or, with
// n customers asked for (demo --customers N), the first batch of them.
func (db *DB) firstDemoCustomers(advisors []model.Advisor, seed uint64, n int) []model.Customer {
	if n == 0 {
		return model.DemoCustomers(advisors, seed)
	}
	return model.DemoCustomerRange(model.DemoCustomerAdvisors(advisors), 0, min(n, demoBatch), n, seed, db.Today())
}

// loadDemoCustomers adds the rest of n demo customers (demo --customers N)
// to the demo office just made, spread over its active advisors, in
// batches.
func (db *DB) loadDemoCustomers(n int, seed uint64) error {
	var advisors []model.Advisor
	err := db.Advisors.Each(func(a *model.Advisor) error { advisors = append(advisors, *a); return nil })
	if err != nil {
		return err
	}
	active := model.DemoCustomerAdvisors(advisors)
	if len(active) == 0 {
		return fmt.Errorf("demo customers: no active advisor")
	}
	for from := demoBatch; from < n; from += demoBatch {
		cs := model.DemoCustomerRange(active, from, min(from+demoBatch, n), n, seed, db.Today())
		err := db.updateBulk(func(tx *Tx) error {
			tx.noLog = true
			// Their receptions (db.demoReceptionsOf) would cost minutes
			// here: the first batch, made with the office, has the history.
			return db.putDemoCustomers(tx, cs, seed)
		})
		if err != nil {
			return err
		}
	}
	return nil
}
