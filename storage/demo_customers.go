package storage

import (
	"fmt"
	"math/rand/v2"

	"advisordesk/model"
)

// demoBatch is how many demo customers, with their history, one
// transaction writes when an office is made at scale: bbolt keeps a
// transaction's pages in memory until it commits, so batches keep a
// 100,000-customer office's memory bounded. Smaller still, as an index
// takes its keys in ever fuller nodes until the commit splits them (5,000
// customers a batch took four times the CPU of 1,000). A test sets it lower.
var demoBatch = 1000

// demoMaker makes the demo office's customers batch by batch, each with
// their history — receptions, the calls the rules schedule (those already
// due recorded as a desk would), sales, now and then a complaint — and,
// after the last batch, the advisors' targets and a dozen complaints of
// every kind. What spans batches (stock left, what each advisor sold) it
// keeps; each customer's history is drawn from a generator of its own, so
// the office is the same whatever the batch size.
type demoMaker struct {
	db         *DB
	seed       uint64
	today      model.Date
	recommend  []uint64 // product keys a reception may recommend
	seller     *model.DemoSeller
	complainer *model.DemoComplainer
	made       int // customers made so far
}

// demoStockPer is how many customers the catalogue's demo stock is meant
// for: a larger office opens with proportionally more on the shelf.
const demoStockPer = 200

// demoProducts writes the demo catalogue in tx, its stock sized for an
// office of customers, and readies the maker to sell it.
func (d *demoMaker) demoProducts(tx *Tx, customers int) error {
	products := model.DemoProducts()
	for i := range products {
		p := &products[i]
		p.Stock *= float64(max(1, customers/demoStockPer))
		if err := d.db.Products.Put(tx, p); err != nil {
			return fmt.Errorf("demo product %s: %w", p.Code, err)
		}
		d.recommend = append(d.recommend, p.ID)
	}
	d.seller = model.NewDemoSeller(products, d.today)
	return nil
}

// customers writes cs with their history in tx.
func (d *demoMaker) customers(tx *Tx, cs []model.Customer) error {
	for i := range cs {
		c := &cs[i]
		k := d.made
		d.made++
		if k%10 == 9 {
			c.KeyCustomer = model.Yes // every tenth: called every month
		}
		if err := d.db.Customers.Put(tx, c); err != nil {
			return fmt.Errorf("demo customer %s: %w", c.Name, err)
		}
		if err := d.history(tx, c, rand.New(rand.NewPCG(d.seed^0xfa11, uint64(k)))); err != nil {
			return fmt.Errorf("demo customer %s: %w", c.Name, err)
		}
	}
	return nil
}

// history writes customer c's receptions, with the calls they schedule,
// c's sales, with theirs, and perhaps a complaint, drawn from r.
func (d *demoMaker) history(tx *Tx, c *model.Customer, r *rand.Rand) error {
	tx.demoCall = func(f *model.FollowUp) { model.DemoCall(f, d.today, r) }
	defer func() { tx.demoCall = nil }()
	recs := model.DemoReceptions(c.ID, c.AdvisorID, c.Created, d.today, d.recommend, r)
	for i := range recs {
		if err := d.db.putReception(tx, &recs[i], nil); err != nil {
			return fmt.Errorf("reception: %w", err)
		}
	}
	for _, s := range d.seller.Sales(c, recs, r) {
		if err := d.db.Sales.Put(tx, &s); err != nil {
			return fmt.Errorf("sale: %w", err)
		}
	}
	if cp, ok := d.complainer.Share(c, r); ok {
		if err := d.db.Complaints.Put(tx, &cp); err != nil {
			return fmt.Errorf("complaint: %w", err)
		}
	}
	return nil
}

// finish writes, after the last batch, the advisors' monthly targets and a
// dozen complaints about the first customers on file.
func (d *demoMaker) finish(tx *Tx) error {
	for _, t := range d.seller.Targets(rand.New(rand.NewPCG(d.seed, 0x7a96))) {
		if err := d.db.Targets.Put(tx, &t); err != nil {
			return fmt.Errorf("demo target %s: %w", t.Period, err)
		}
	}
	var first []model.Customer
	c := tx.tx.Bucket(d.db.Customers.bucket).Cursor()
	for k, v := c.First(); k != nil && len(first) < 200; k, v = c.Next() {
		var cu model.Customer
		if err := decode(d.db.Customers.name, k, v, &cu); err != nil {
			return err
		}
		first = append(first, cu)
	}
	for _, cp := range d.complainer.Dozen(first, d.seed) {
		if err := d.db.Complaints.Put(tx, &cp); err != nil {
			return fmt.Errorf("demo complaint of %s: %w", cp.Customer, err)
		}
	}
	return nil
}

// loadDemoCustomers makes the demo's customers with their history (see
// demoMaker): with n = 0 two for each of the first 300 active advisors, in
// tx (the office's own transaction); else n spread over the active
// advisors, the first batch in tx and the rest in a transaction each.
func (db *DB) loadDemoCustomers(tx *Tx, d *demoMaker, advisors []model.Advisor, n int) (rest func() error, err error) {
	if n == 0 {
		if err := d.customers(tx, model.DemoCustomers(advisors, d.seed, d.today)); err != nil {
			return nil, err
		}
		return nil, d.finish(tx)
	}
	active := model.DemoCustomerAdvisors(advisors)
	if len(active) == 0 {
		return nil, fmt.Errorf("demo customers: no active advisor")
	}
	batch := func(tx *Tx, from int) error {
		if err := d.customers(tx, model.DemoCustomerRange(active, from, min(from+demoBatch, n), n, d.seed, d.today)); err != nil {
			return err
		}
		if from+demoBatch >= n {
			return d.finish(tx)
		}
		return nil
	}
	if err := batch(tx, 0); err != nil {
		return nil, err
	}
	return func() error {
		for from := demoBatch; from < n; from += demoBatch {
			err := db.updateBulk(func(tx *Tx) error {
				tx.noLog = true
				return batch(tx, from)
			})
			if err != nil {
				return err
			}
		}
		return nil
	}, nil
}
