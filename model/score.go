package model

// ItemResult is one criterion's scores on an appraisal sheet.
type ItemResult struct {
	Item *Item
	// The method scores; Has says which exist. Customer is the mean of all
	// customer forms (CustomerN of them).
	Self, Supervisor, Customer float64
	Has                        map[Method]bool
	CustomerN                  int
	// Score is the item's combined 0–100 score, one decimal; Weighted is
	// its share of the total (Score × weight ÷ 100), two decimals.
	Score    float64
	Weighted float64
}

// Result is an advisor's appraisal: items, dimension subtotals, total and
// grade. Complete is false while a method the template weighs has not
// scored yet.
type Result struct {
	Items     []ItemResult
	Subtotals map[Dimension]float64
	Total     float64
	Grade     GradeBand
	Complete  bool
	Missing   []Method
	// Scored is true once any form has given any score: until then there
	// is no total, grade or rank to show, only a dash.
	Scored bool
}

// Score computes an advisor's result from the evaluations of one cycle.
// The GUI, the CLI and the printed sheet all call it.
//
// For each item, each method that scored it counts with its method weight;
// the weights of the methods present are scaled to 100 (an item customers do
// not rate, or a method with no form yet, drops out). Item score: one
// decimal. Weighted score: item score × item weight ÷ 100, two decimals.
// Dimension subtotal: the sum of its weighted scores. Total: the sum of all
// weighted scores, one decimal. Grade: the first band whose minimum the
// total reaches. Rounding is half away from zero.
func Score(t *Template, evals []Evaluation) Result {
	res := Result{Subtotals: map[Dimension]float64{}, Complete: true}
	var self, sup *Evaluation
	var customers []*Evaluation
	for i := range evals {
		e := &evals[i]
		switch e.Method {
		case SelfEval:
			self = e
		case SupervisorEval:
			sup = e
		case CustomerEval:
			customers = append(customers, e)
		}
	}
	missing := map[Method]bool{}
	for _, m := range Methods {
		if t.Methods.Of(m) > 0 && (m == SelfEval && self == nil || m == SupervisorEval && sup == nil || m == CustomerEval && len(customers) == 0) {
			missing[m] = true
		}
	}
	total := 0.0
	for i := range t.Items {
		it := &t.Items[i]
		r := ItemResult{Item: it, Has: map[Method]bool{}}
		if self != nil {
			r.Self, r.Has[SelfEval] = self.Scores[it.Key]
		}
		if sup != nil {
			r.Supervisor, r.Has[SupervisorEval] = sup.Scores[it.Key]
		}
		if it.Rated(CustomerEval) {
			sum := 0.0
			for _, c := range customers {
				if v, ok := c.Scores[it.Key]; ok {
					sum += v
					r.CustomerN++
				}
			}
			if r.CustomerN > 0 {
				r.Customer, r.Has[CustomerEval] = sum/float64(r.CustomerN), true
			}
		}
		res.Scored = res.Scored || len(r.Has) > 0
		weightSum, acc := 0.0, 0.0
		for _, m := range Methods {
			w := t.Methods.Of(m)
			if !r.Has[m] || w == 0 {
				continue
			}
			weightSum += w
			acc += w * map[Method]float64{SelfEval: r.Self, SupervisorEval: r.Supervisor, CustomerEval: r.Customer}[m]
		}
		if weightSum > 0 {
			r.Score = Round(acc/weightSum, 1)
		}
		r.Weighted = Round(r.Score*it.Weight/100, 2)
		res.Subtotals[it.Dimension] = Round(res.Subtotals[it.Dimension]+r.Weighted, 2)
		total += r.Weighted
		res.Items = append(res.Items, r)
	}
	res.Total = Round(total, 1)
	res.Grade = t.Grade(res.Total)
	for _, m := range Methods {
		if missing[m] {
			res.Missing = append(res.Missing, m)
			res.Complete = false
		}
	}
	return res
}
