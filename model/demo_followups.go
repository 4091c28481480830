package model

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"time"
)

// Demo receptions and calls: what a service desk hears and answers.
var (
	demoNeeds = []string{"车辆到保养里程，想做常规保养", "刹车有异响，担心安全", "空调制冷效果差",
		"想了解新款车型和置换政策", "轮胎磨损严重，想换一套", "仪表盘故障灯亮了", "咨询延保和保险续保",
		"车内有异味，想做清洁消毒", "想加装行车记录仪"}
	demoQuestions = []string{"保养大概要多长时间？", "有没有优惠套餐？", "原厂配件和副厂件差多少？", "能不能先做检测再报价？",
		"置换旧车怎么估价？", "保修期内是否免费？", ""}
	demoProblems  = []string{"保养后仍有异响", "等待时间过长", "费用比预期高", "洗车不干净"}
	demoCallNotes = []string{"客户表示满意，感谢回访。", "客户提出小建议，已记录。", "客户较忙，简单确认了车况。", ""}
)

// DemoReceptions makes two to four receptions (about three) of one
// customer by advisor, oldest first: the first at added, when the customer
// was added at the desk, the others on days between then and yesterday;
// recommend gives the product keys a reception may recommend. The outcomes
// lean to services, as at a real desk.
func DemoReceptions(customerID, advisorID uint64, added time.Time, today Date, recommend []uint64, r *rand.Rand) []Reception {
	n := 2 + r.IntN(3)
	first := DateOf(added)
	span := 0 // days from the first reception to yesterday
	if t, ok := today.Time(); ok {
		span = int(t.Sub(added.Truncate(24*time.Hour)).Hours()/24) - 1
	}
	backs := make([]int, n-1)
	for i := range backs {
		backs[i] = 1 + r.IntN(max(span, 0)+1)
	}
	slices.Sort(backs)
	slices.Reverse(backs)
	out := make([]Reception, 0, n)
	for i := range n {
		day, at := first, fmt.Sprintf("%02d:%02d", added.Hour(), added.Minute())
		if i > 0 {
			day = AddDays(today, -backs[i-1])
			if span < 1 || day < first {
				day = first // added yesterday or today: back the same day
			}
			at = fmt.Sprintf("%02d:%02d", 8+r.IntN(10), r.IntN(12)*5)
		}
		rec := Reception{Date: day, Time: at, CustomerID: customerID, AdvisorID: advisorID,
			Need: demoNeeds[r.IntN(len(demoNeeds))], Questions: demoQuestions[r.IntN(len(demoQuestions))]}
		switch k := r.IntN(20); {
		case k < 8:
			rec.Outcome = OutcomeService
		case k < 12:
			rec.Outcome = OutcomeRepair
		case k < 15:
			rec.Outcome = OutcomeSale
		case k < 18:
			rec.Outcome = OutcomeFollowUp
		default:
			rec.Outcome = OutcomeNoInterest
		}
		if len(recommend) > 0 && r.IntN(3) > 0 {
			rec.ProductIDs = []uint64{recommend[r.IntN(len(recommend))]}
		}
		out = append(out, rec)
	}
	return out
}

// DemoCall records a demo call that fell due before today: most reached
// with a score, some after an unanswered attempt, a few turned letters, a
// few never made (missed, or still open).
func DemoCall(f *FollowUp, today Date, r *rand.Rand) {
	if f.Due >= today {
		return
	}
	last := min(AddDays(f.Due, r.IntN(3)), AddDays(today, -1))
	switch k := r.IntN(20); {
	case k < 15:
		f.Result, f.Done = ResultReached, last
		f.Satisfaction = float64(3 + r.IntN(3))
		if r.IntN(6) == 0 {
			f.Satisfaction = float64(1 + r.IntN(2))
			f.Problem = demoProblems[r.IntN(len(demoProblems))]
		}
		f.Notes = demoCallNotes[r.IntN(len(demoCallNotes))]
	case k < 17:
		f.Attempts = []Date{f.Due}
		f.Result, f.Done = ResultLetterSent, min(AddDays(f.Due, 6), AddDays(today, -1))
	case k < 18:
		f.Attempts = []Date{last}
	}
	// The rest were never made: missed, or still in the window.
}
