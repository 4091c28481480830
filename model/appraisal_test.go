package model

import (
	"math"
	"strings"
	"testing"
	"time"
)

func scores(v float64, t *Template, m Method) map[string]float64 {
	s := map[string]float64{}
	for _, it := range t.Items {
		if it.Rated(m) {
			s[it.Key] = v
		}
	}
	return s
}

func TestScore(t *testing.T) {
	tpl := DefaultTemplate()
	ev := func(m Method, v float64) Evaluation {
		return Evaluation{Method: m, Scores: scores(v, &tpl, m)}
	}
	cases := []struct {
		name     string
		evals    []Evaluation
		item     string // an item to look at
		itemWant float64
		total    float64
		grade    string
		complete bool
	}{
		{"all methods equal", []Evaluation{ev(SelfEval, 80), ev(SupervisorEval, 80), ev(CustomerEval, 80)},
			"service", 80, 80, "B", true},
		// initiative: (90×20 + 80×50 + 70×30) / 100 = 79.0
		{"weighted methods", []Evaluation{ev(SelfEval, 90), ev(SupervisorEval, 80), ev(CustomerEval, 70)},
			"initiative", 79, 0, "", true},
		// teamwork is not rated by customers: (90×20 + 80×50) / 70 = 82.857… → 82.9
		{"customer weight renormalised", []Evaluation{ev(SelfEval, 90), ev(SupervisorEval, 80), ev(CustomerEval, 70)},
			"teamwork", 82.9, 0, "", true},
		// two customer forms are averaged: (60+90)/2 = 75; (100×20 + 75×50 + 75×30)/100 = 80.0
		{"customers averaged", []Evaluation{ev(SelfEval, 100), ev(SupervisorEval, 75), ev(CustomerEval, 60), ev(CustomerEval, 90)},
			"product", 80, 0, "", true},
		// no customer form yet: self and supervisor scaled to 100: (100×20 + 70×50)/70 = 78.571… → 78.6
		{"missing customer", []Evaluation{ev(SelfEval, 100), ev(SupervisorEval, 70)},
			"product", 78.6, 0, "", false},
		{"nothing yet", nil, "product", 0, 0, "D", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := Score(&tpl, c.evals)
			var got *ItemResult
			for i := range r.Items {
				if r.Items[i].Item.Key == c.item {
					got = &r.Items[i]
				}
			}
			if got == nil || got.Score != c.itemWant {
				t.Fatalf("item %s score = %v, want %v", c.item, got.Score, c.itemWant)
			}
			if c.total != 0 && r.Total != c.total {
				t.Fatalf("total = %v, want %v", r.Total, c.total)
			}
			if c.grade != "" && r.Grade.Code != c.grade {
				t.Fatalf("grade = %s, want %s", r.Grade.Code, c.grade)
			}
			if r.Complete != c.complete {
				t.Fatalf("complete = %v (missing %v)", r.Complete, r.Missing)
			}
			if r.Scored != (len(c.evals) > 0) {
				t.Fatalf("scored = %v with %d forms", r.Scored, len(c.evals))
			}
			// The total is the sum of the weighted scores, and each subtotal
			// the sum of its dimension's.
			sum := 0.0
			for _, d := range Dimensions {
				sum += r.Subtotals[d]
			}
			if Round(sum, 1) != r.Total {
				t.Fatalf("subtotals %v do not add up to %v", r.Subtotals, r.Total)
			}
		})
	}
}

func TestRoundingAndGrades(t *testing.T) {
	for _, c := range []struct {
		v    float64
		d    int
		want float64
	}{{2.675, 2, 2.68}, {82.85, 1, 82.9}, {82.849, 1, 82.8}, {-0.05, 1, -0.1}, {89.95, 1, 90}} {
		if got := Round(c.v, c.d); got != c.want {
			t.Errorf("Round(%v, %d) = %v, want %v", c.v, c.d, got, c.want)
		}
	}
	tpl := DefaultTemplate()
	for total, want := range map[float64]string{100: "A", 90: "A", 89.9: "B", 80: "B", 79.9: "C", 70: "C", 69.9: "D", 0: "D"} {
		if g := tpl.Grade(total); g.Code != want {
			t.Errorf("Grade(%v) = %s, want %s", total, g.Code, want)
		}
	}
}

func TestTemplateValidate(t *testing.T) {
	good := DefaultTemplate()
	if err := good.Validate(""); err != nil {
		t.Fatalf("default template: %v", err)
	}
	cases := []struct {
		name  string
		edit  func(*Template)
		field string
		code  string
		arg   string
		row   int
	}{
		{"weights off", func(t *Template) { t.Items[0].Weight = 12.5 }, FieldWeight, CodeWeightSum, "+2.5", 0},
		{"weights short", func(t *Template) { t.Items[8].Weight = 5 }, FieldWeight, CodeWeightSum, "-5", 0},
		{"zero weight", func(t *Template) { t.Items[2].Weight = 0 }, FieldWeight, CodeRange, "0–100", 3},
		{"NaN weight", func(t *Template) { t.Items[2].Weight = math.NaN() }, FieldWeight, CodeRange, "0–100", 3},
		{"two decimals", func(t *Template) { t.Items[0].Weight = 10.05; t.Items[1].Weight = 9.95 }, FieldWeight, CodeDecimals, "", 1},
		{"methods off", func(t *Template) { t.Methods.Customer = 40 }, FieldMethods, CodeWeightSum, "+10", 0},
		{"duplicate key", func(t *Template) { t.Items[1].Key = "initiative" }, FieldItemKey, CodeDuplicate, "initiative", 2},
		{"grades unordered", func(t *Template) { t.Grades[1].Min = 95 }, FieldGradeMin, CodeOrder, "", 2},
		{"no floor", func(t *Template) { t.Grades[3].Min = 10 }, FieldGradeMin, CodeRange, "0", 4},
		{"no name", func(t *Template) { t.Name = " " }, FieldTemplateName, CodeRequired, "", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tpl := DefaultTemplate()
			c.edit(&tpl)
			tpl.Normalize()
			fes, ok := AsFieldErrors(tpl.Validate(""))
			if !ok {
				t.Fatal("accepted")
			}
			for _, fe := range fes {
				if fe.Field == c.field && fe.Code == c.code && fe.Arg == c.arg && fe.Row == c.row {
					return
				}
			}
			t.Fatalf("want %s/%s/%s row %d, got %v", c.field, c.code, c.arg, c.row, fes)
		})
	}
}

func TestCycleFlow(t *testing.T) {
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	c := Cycle{Name: "2026 Q4", Period: Quarterly, Start: "2026-10-01", End: "2026-12-31", TemplateID: 1}
	c.Normalize()
	if err := c.Validate(""); err != nil {
		t.Fatal(err)
	}
	if err := c.Advance("hr", now); err == nil {
		t.Fatal("a cycle without participants left the draft")
	}
	c.Participants = []uint64{3, 1, 3}
	c.Normalize()
	want := []Stage{SelfStage, SupervisorStg, ReviewStage, Published}
	for _, s := range want {
		if !c.Accepts(CustomerEval) && s != SelfStage {
			t.Fatalf("stage %s refuses customer forms", c.Stage)
		}
		if err := c.Advance("hr", now); err != nil || c.Stage != s {
			t.Fatalf("advance to %s: %v (at %s)", s, err, c.Stage)
		}
	}
	for _, m := range Methods {
		if c.Accepts(m) {
			t.Fatalf("published cycle accepts %s", m)
		}
	}
	if err := c.Advance("hr", now); err == nil {
		t.Fatal("advanced past published")
	}
	if err := c.Reopen("hr", "  ", now); err == nil {
		t.Fatal("reopened without a reason")
	}
	if err := c.Reopen("hr", "客户评价漏录两份", now); err != nil || c.Stage != ReviewStage {
		t.Fatalf("reopen: %v", err)
	}
	last := c.History[len(c.History)-1]
	if last.Reason != "客户评价漏录两份" || last.From != Published {
		t.Fatalf("reopening not recorded: %+v", last)
	}
	if len(c.Participants) != 2 {
		t.Fatalf("participants not deduplicated: %v", c.Participants)
	}
}

func TestEvaluationCheck(t *testing.T) {
	tpl := DefaultTemplate()
	c := Cycle{Stage: SelfStage, Participants: []uint64{7}}
	ok := Evaluation{CycleID: 1, AdvisorID: 7, Method: SelfEval, Date: "2026-11-20", Scores: scores(85.5, &tpl, SelfEval)}
	if err := ok.CheckAgainst(&c, &tpl); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name  string
		edit  func(*Evaluation, *Cycle)
		field string
		code  string
		row   int
	}{
		{"score over 100", func(e *Evaluation, _ *Cycle) { e.Scores["product"] = 101 }, FieldScore, CodeRange, 4},
		{"score NaN", func(e *Evaluation, _ *Cycle) { e.Scores["product"] = math.NaN() }, FieldScore, CodeRange, 4},
		{"score infinite", func(e *Evaluation, _ *Cycle) { e.Scores["service"] = math.Inf(1) }, FieldScore, CodeRange, 6},
		{"two decimals", func(e *Evaluation, _ *Cycle) { e.Scores["sales"] = 80.25 }, FieldScore, CodeDecimals, 7},
		{"missing item", func(e *Evaluation, _ *Cycle) { delete(e.Scores, "teamwork") }, FieldScore, CodeRequired, 3},
		{"outside the cycle", func(e *Evaluation, _ *Cycle) { e.AdvisorID = 8 }, FieldAdvisor, CodeNotInCycle, 0},
		{"supervisor too early", func(e *Evaluation, _ *Cycle) { e.Method = SupervisorEval }, FieldMethod, CodeStage, 0},
		{"customer rates teamwork", func(e *Evaluation, _ *Cycle) { e.Method = CustomerEval }, FieldScore, CodeChoice, 3},
		{"published", func(_ *Evaluation, c *Cycle) { c.Stage = Published }, FieldCycle, CodeLocked, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e, cy := ok, c
			e.Scores = map[string]float64{}
			for k, v := range ok.Scores {
				e.Scores[k] = v
			}
			tc.edit(&e, &cy)
			fes, isFE := AsFieldErrors(e.CheckAgainst(&cy, &tpl))
			if !isFE {
				t.Fatal("accepted")
			}
			for _, fe := range fes {
				if fe.Field == tc.field && fe.Code == tc.code && fe.Row == tc.row {
					return
				}
			}
			t.Fatalf("want %s/%s row %d, got %v", tc.field, tc.code, tc.row, fes)
		})
	}
	cust := Evaluation{CycleID: 1, AdvisorID: 7, Method: CustomerEval, Date: "2026-11-20"}
	cust.Normalize()
	if fes, _ := AsFieldErrors(cust.Validate("2026-11-27")); fes.For(FieldSerial) == nil {
		t.Fatal("customer form without a serial accepted")
	}
}

func TestRank(t *testing.T) {
	r := func(id uint64, total float64) Ranked {
		return Ranked{AdvisorID: id, Result: Result{Total: total, Scored: true}}
	}
	// Advisor 5 has no forms yet: last, with no rank.
	got := Rank([]Ranked{{AdvisorID: 5}, r(1, 80), r(2, 90), r(3, 80), r(4, 70)})
	var ids, ranks []string
	for _, x := range got {
		ids = append(ids, string(rune('0'+x.AdvisorID)))
		ranks = append(ranks, string(rune('0'+x.Rank)))
	}
	if strings.Join(ids, "") != "21345" || strings.Join(ranks, "") != "12240" {
		t.Fatalf("rank order %v ranks %v", ids, ranks)
	}
}

func TestPeriodDates(t *testing.T) {
	for p, want := range map[Period][2]Date{Monthly: {"2026-11-01", "2026-11-30"}, Quarterly: {"2026-10-01", "2026-12-31"},
		Yearly: {"2026-01-01", "2026-12-31"}} {
		s, e := PeriodDates(p, "2026-11-27")
		if s != want[0] || e != want[1] {
			t.Errorf("%s: %s–%s", p, s, e)
		}
	}
}

func TestParseScore(t *testing.T) {
	for in, want := range map[string]string{
		"85": "", " 92.5 ": "", "92，5": "", "0": "", "100": "",
		"abc": CodeNumber, "八十": CodeNumber, "1e2": CodeNumber, "NaN": CodeNumber, "inf": CodeNumber, "": CodeNumber,
		"150": CodeRange, "-1": CodeRange, "85.55": CodeDecimals,
	} {
		_, err := ParseScore(in)
		got := ""
		if fe, ok := err.(*FieldError); ok {
			got = fe.Code
		}
		if got != want || (err != nil) != (want != "") {
			t.Errorf("ParseScore(%q): %v, want code %q", in, err, want)
		}
	}
	if v, _ := ParseScore("92，5"); v != 92.5 {
		t.Errorf("92，5 read as %v", v)
	}
}

// Template texts are held to the lengths the printed forms are laid out for.
func TestTemplateTextLimits(t *testing.T) {
	tpl := DefaultTemplate()
	tpl.Items[0].Name = strings.Repeat("客", MaxItemName+1)
	tpl.Items[1].StandardEn = strings.Repeat("a", MaxStandardEn+1)
	tpl.Items[2].Question = strings.Repeat("问", MaxQuestion+1)
	tpl.Grades[0].LabelEn = strings.Repeat("b", MaxGradeLabelEn+1)
	fes, ok := AsFieldErrors(tpl.Validate("2026-11-27"))
	if !ok || len(fes) != 4 {
		t.Fatalf("want 4 problems, got %v", fes)
	}
	for i, want := range []struct {
		field string
		row   int
	}{{FieldItemName, 1}, {FieldStandardEn, 2}, {FieldQuestion, 3}, {FieldGradeLabelEn, 1}} {
		if fes[i].Field != want.field || fes[i].Row != want.row || fes[i].Code != CodeTooLong {
			t.Errorf("problem %d: %+v, want %s on row %d", i, fes[i], want.field, want.row)
		}
	}
	tpl = DefaultTemplate()
	for len(tpl.Items) <= MaxItems {
		it := tpl.Items[0]
		it.Key = strings.Repeat("k", len(tpl.Items))
		tpl.Items = append(tpl.Items, it)
	}
	if fes, _ := AsFieldErrors(tpl.Validate("2026-11-27")); len(fes) == 0 || fes[0].Field != FieldItems || fes[0].Code != CodeTooMany {
		t.Errorf("%d items: %v", len(tpl.Items), fes)
	}
}
