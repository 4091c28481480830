package model

import (
	"math/rand/v2"
	"slices"
	"time"
)

// DemoSeller makes a demo office's sales customer by customer — one for
// each reception that ended in a sale, on its day and with its product if
// it recommended one, else one of its own between the day the customer was
// added and today: about one sale per customer — and at the
// end a monthly target for every advisor who has customers. It keeps the
// stock the sales so far have left, so that a stocked part is sold only
// while it lasts (the store refuses more), and what each advisor sold a
// month, for the targets. Products are sold at the catalogue's price, now
// and then with a discount; one sale in twenty is cancelled.
type DemoSeller struct {
	sellable []*Product
	services []*Product // sellable with back-order: never sold out
	byID     map[uint64]*Product
	left     map[uint64]int64                  // product → stock not yet sold
	sold     map[uint64]map[TargetPeriod]int64 // advisor → month → fen
	end      time.Time
}

// NewDemoSeller sells products (keys set) over the six months before today.
func NewDemoSeller(products []Product, today Date) *DemoSeller {
	s := &DemoSeller{byID: map[uint64]*Product{}, left: map[uint64]int64{}, sold: map[uint64]map[TargetPeriod]int64{}}
	s.end, _ = today.Time()
	for i := range products {
		p := &products[i]
		if p.State != OnSale || p.Price <= 0 {
			continue
		}
		s.sellable = append(s.sellable, p)
		if !p.Stocked() {
			s.services = append(s.services, p)
		}
		s.byID[p.ID] = p
		s.left[p.ID] = int64(p.Stock)
	}
	return s
}

// Sales are customer c's sales (c's key and advisor set), given c's
// receptions (keys set), drawn from r.
func (s *DemoSeller) Sales(c *Customer, receptions []Reception, r *rand.Rand) []Sale {
	if c.AdvisorID == 0 {
		return nil
	}
	if s.sold[c.AdvisorID] == nil {
		s.sold[c.AdvisorID] = map[TargetPeriod]int64{} // a target even without a sale
	}
	if len(s.sellable) == 0 || s.end.IsZero() {
		return nil
	}
	var sales []Sale
	for _, p := range s.plans(c, receptions, r) {
		if sale, ok := s.price(p, r); ok {
			sales = append(sales, sale)
		}
	}
	return sales
}

// plans are c's sales to make, before their lines are priced: one for each
// reception that ended in a sale, with the product it recommended, or else
// one of their own.
func (s *DemoSeller) plans(c *Customer, receptions []Reception, r *rand.Rand) []Sale {
	var plans []Sale
	for i := range receptions {
		rc := &receptions[i]
		if rc.Outcome != OutcomeSale {
			continue
		}
		p := Sale{CustomerID: c.ID, AdvisorID: rc.AdvisorID, Date: rc.Date, Reception: rc.ID}
		if len(rc.ProductIDs) > 0 && s.byID[rc.ProductIDs[0]] != nil {
			p.Lines = []SaleLine{{ProductID: rc.ProductIDs[0]}}
		}
		plans = append(plans, p)
	}
	if len(plans) == 0 {
		days := 182
		if !c.Created.IsZero() {
			days = max(0, int(s.end.Sub(c.Created.Truncate(24*time.Hour)).Hours()/24))
		}
		plans = append(plans, Sale{CustomerID: c.ID, AdvisorID: c.AdvisorID, Date: DateOf(s.end.AddDate(0, 0, -r.IntN(days+1)))})
	}
	return plans
}

// price gives plan p its lines (one or two products, one to two of each),
// its discount and its state, taking what it sells from the stock left; ok
// is false when nothing could be sold.
func (s *DemoSeller) price(p Sale, r *rand.Rand) (Sale, bool) {
	p.State = SaleActive
	picks := p.Lines
	p.Lines = nil
	for range 1 + r.IntN(2) - len(picks) {
		picks = append(picks, SaleLine{ProductID: s.sellable[r.IntN(len(s.sellable))].ID})
	}
	for _, pick := range picks {
		pr := s.byID[pick.ProductID]
		if slices.ContainsFunc(p.Lines, func(l SaleLine) bool { return l.ProductID == pr.ID }) {
			continue // one line per product
		}
		qty := int64(1 + r.IntN(2))
		if pr.Stocked() {
			// Keep a few on the shelf: the demo's stock never runs out.
			if s.left[pr.ID]-qty < 3 {
				continue
			}
			s.left[pr.ID] -= qty
		}
		p.Lines = append(p.Lines, SaleLine{ProductID: pr.ID, Code: pr.Code, Name: pr.Name, Qty: qty,
			Price: int64(pr.Price*100 + 0.5)})
	}
	if len(p.Lines) == 0 && len(s.services) > 0 { // the parts picked are sold out: a service instead
		pr := s.services[r.IntN(len(s.services))]
		p.Lines = []SaleLine{{ProductID: pr.ID, Code: pr.Code, Name: pr.Name, Qty: 1, Price: int64(pr.Price*100 + 0.5)}}
	}
	if len(p.Lines) == 0 {
		return p, false
	}
	if sub := p.Subtotal(); r.IntN(4) == 0 && sub >= 10000 {
		p.Discount = sub / 20 / 100 * 100 // 5%, in whole yuan
	}
	if r.IntN(20) == 0 {
		p.State = SaleCancelled
		for _, l := range p.Lines {
			if s.byID[l.ProductID].Stocked() {
				s.left[l.ProductID] += l.Qty // a cancelled sale holds no stock
			}
		}
		return p, true
	}
	p.Total = p.Subtotal() - p.Discount
	s.sold[p.AdvisorID][MonthOf(p.Date)] += p.Total
	return p, true
}

// Targets sets a target for each of the last six months of each advisor
// with customers: between 80% and 130% of what they sold a month on
// average (at least 3000 yuan), in whole hundreds of yuan, so that
// achievement varies from month to month and from one advisor to another.
func (s *DemoSeller) Targets(r *rand.Rand) []Target {
	if s.end.IsZero() {
		return nil
	}
	var targets []Target
	for _, id := range sortedIDs(s.sold) {
		var sum int64
		for _, v := range s.sold[id] {
			sum += v
		}
		avg := max(sum/6, 300000)
		for m := 5; m >= 0; m-- {
			month := MonthOf(DateOf(time.Date(s.end.Year(), s.end.Month()-time.Month(m), 1, 0, 0, 0, 0, time.UTC)))
			amount := avg * int64(80+r.IntN(51)) / 100 / 10000 * 10000
			targets = append(targets, Target{AdvisorID: id, Period: month, Amount: amount})
		}
	}
	return targets
}

func sortedIDs[V any](m map[uint64]V) []uint64 {
	out := make([]uint64, 0, len(m))
	for id := range m {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}
