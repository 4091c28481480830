package model

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

var demoTags = []string{"VIP", "车队", "新能源", "老客户", "保险到期", "延保", "女性车主", "价格敏感", "推荐人"}

// DemoCustomerAdvisors are the advisors demo customers are spread over:
// the active ones, in order.
func DemoCustomerAdvisors(advisors []Advisor) []*Advisor {
	var out []*Advisor
	for i := range advisors {
		if advisors[i].Status == Active {
			out = append(out, &advisors[i])
		}
	}
	return out
}

// DemoCustomerRange makes the demo customers from..to-1 of an office of
// total (demo --customers N), spread evenly over active: added over the six
// months before today, newest last, with sources, tags and, mostly, mobile
// numbers that no two share. Customer i is the same whatever the range it
// is made in, so a large office is made in batches of bounded memory.
func DemoCustomerRange(active []*Advisor, from, to, total int, seed uint64, today Date) []Customer {
	day, _ := today.Time()
	out := make([]Customer, 0, to-from)
	for i := from; i < to; i++ {
		r := rand.New(rand.NewPCG(seed^0xc0ffee, uint64(i)))
		a := active[i%len(active)]
		given := demoGivenMale
		title := "先生"
		if r.IntN(2) == 1 {
			given, title = demoGivenFemale, "女士"
		}
		surname := demoSurnames[r.IntN(len(demoSurnames))]
		name := surname + given[r.IntN(len(given))]
		if r.IntN(3) == 0 {
			name = surname + title // "王先生": often all the desk knows
		}
		c := Customer{Name: name, AdvisorID: a.ID,
			Company: demoCompanies[r.IntN(len(demoCompanies))],
			Source:  CustomerSources[r.IntN(len(CustomerSources))]}
		// 7919 is prime to 10^8: customer i's number is theirs alone.
		c.Phone = fmt.Sprintf("1%d%d%08d", 3+i%7, i/7%10, (uint64(i)*7919+seed)%100_000_000)
		if r.IntN(10) == 0 {
			c.Phone = fmt.Sprintf("0755-%d%07d", 2+r.IntN(7), r.IntN(10000000))
		}
		if i%3 == 0 {
			c.Email = fmt.Sprintf("kehu%06d@mail.example.cn", i+1)
		}
		var tags []string
		for range r.IntN(3) {
			tags = append(tags, demoTags[r.IntN(len(demoTags))])
		}
		c.Tags = CleanTags(strings.Join(tags, ","))
		back := 182 * (total - 1 - i) / max(total, 1)
		c.Created = day.AddDate(0, 0, -back).Add(time.Duration(9*60+r.IntN(9*60)) * time.Minute)
		out = append(out, c)
	}
	return out
}
