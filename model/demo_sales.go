package model

import (
	"math/rand/v2"
	"slices"
	"time"
)

// DemoSales makes about one sale per customer (whose keys and advisors are
// set) over the six months before today — one for each of their receptions
// that ended in a sale, on its day and with its product if it recommended
// one, else now and then one of its own — one in twenty cancelled, and a
// monthly target for every advisor who sold, set near what they sold so
// that some reach it and some do not. A stocked part is sold only while
// the catalogue's stock lasts (the store refuses more); products are
// sold at the catalogue's price, now and then with a discount. It draws
// from its own generator, so the rest of the demo office stays as it was.
func DemoSales(customers []Customer, products []Product, receptions []Reception, today Date, seed uint64) ([]Sale, []Target) {
	r := rand.New(rand.NewPCG(seed^0x5a1e, seed))
	end, ok := today.Time()
	if !ok || len(products) == 0 {
		return nil, nil
	}
	left := map[uint64]int64{}
	var sellable []*Product
	for i := range products {
		p := &products[i]
		if p.State != OnSale || p.Price <= 0 {
			continue
		}
		sellable = append(sellable, p)
		left[p.ID] = int64(p.Stock)
	}
	if len(sellable) == 0 {
		return nil, nil
	}
	bought := map[uint64][]*Reception{} // customer → their receptions that ended in a sale
	for i := range receptions {
		if rc := &receptions[i]; rc.Outcome == OutcomeSale {
			bought[rc.CustomerID] = append(bought[rc.CustomerID], rc)
		}
	}
	byID := map[uint64]*Product{}
	for _, p := range sellable {
		byID[p.ID] = p
	}
	var sales []Sale
	sold := map[uint64]map[TargetPeriod]int64{} // advisor → month → fen
	plans := salePlans(customers, bought, byID, end, r)
	for _, s := range plans {
		s.State = SaleActive
		picks := s.Lines
		s.Lines = nil
		for range 1 + r.IntN(2) - len(picks) {
			picks = append(picks, SaleLine{ProductID: sellable[r.IntN(len(sellable))].ID})
		}
		for _, pick := range picks {
			p := byID[pick.ProductID]
			if slices.ContainsFunc(s.Lines, func(l SaleLine) bool { return l.ProductID == p.ID }) {
				continue // one line per product
			}
			qty := int64(1 + r.IntN(2))
			if p.Backorder != Yes {
				// Keep a few on the shelf: the demo's stock never runs out.
				if left[p.ID]-qty < 3 {
					continue
				}
				left[p.ID] -= qty
			}
			s.Lines = append(s.Lines, SaleLine{ProductID: p.ID, Code: p.Code, Name: p.Name, Qty: qty,
				Price: int64(p.Price*100 + 0.5)})
		}
		if len(s.Lines) == 0 {
			continue
		}
		if sub := s.Subtotal(); r.IntN(4) == 0 && sub >= 10000 {
			s.Discount = sub / 20 / 100 * 100 // 5%, in whole yuan
		}
		if r.IntN(20) == 0 {
			s.State = SaleCancelled
			for _, l := range s.Lines {
				left[l.ProductID] += l.Qty // a cancelled sale holds no stock
			}
		} else {
			s.Total = s.Subtotal() - s.Discount
			if sold[s.AdvisorID] == nil {
				sold[s.AdvisorID] = map[TargetPeriod]int64{}
			}
			sold[s.AdvisorID][MonthOf(s.Date)] += s.Total
		}
		sales = append(sales, s)
	}
	return sales, demoTargets(customers, sold, end, r)
}

// salePlans are the sales to make, before their lines are priced: one for
// each reception that ended in a sale, with the product it recommended,
// and now and then one for a customer without such a reception.
func salePlans(customers []Customer, bought map[uint64][]*Reception, byID map[uint64]*Product, end time.Time, r *rand.Rand) []Sale {
	var plans []Sale
	for _, c := range customers {
		if c.AdvisorID == 0 {
			continue
		}
		for _, rc := range bought[c.ID] {
			s := Sale{CustomerID: c.ID, AdvisorID: rc.AdvisorID, Date: rc.Date, Reception: rc.ID}
			if len(rc.ProductIDs) > 0 && byID[rc.ProductIDs[0]] != nil {
				s.Lines = []SaleLine{{ProductID: rc.ProductIDs[0]}}
			}
			plans = append(plans, s)
		}
		if len(bought[c.ID]) == 0 && r.IntN(5) < 3 {
			plans = append(plans, Sale{CustomerID: c.ID, AdvisorID: c.AdvisorID, Date: DateOf(end.AddDate(0, 0, -r.IntN(183)))})
		}
	}
	return plans
}

// demoTargets sets a target for each of the last six months of each
// advisor with customers: between 80% and 130% of what they sold a month on
// average (at least 3000 yuan), in whole hundreds of yuan, so that
// achievement varies from month to month and from one advisor to another.
func demoTargets(customers []Customer, sold map[uint64]map[TargetPeriod]int64, end time.Time, r *rand.Rand) []Target {
	for _, c := range customers {
		if c.AdvisorID != 0 && sold[c.AdvisorID] == nil {
			sold[c.AdvisorID] = map[TargetPeriod]int64{}
		}
	}
	var targets []Target
	for _, id := range sortedIDs(sold) {
		var sum int64
		for _, v := range sold[id] {
			sum += v
		}
		avg := max(sum/6, 300000)
		for m := 5; m >= 0; m-- {
			month := MonthOf(DateOf(time.Date(end.Year(), end.Month()-time.Month(m), 1, 0, 0, 0, 0, time.UTC)))
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
