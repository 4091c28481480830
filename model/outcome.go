package model

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// Outcome is what HR decides from an advisor's appraisal (结果应用): the
// salary adjustment, promotion eligibility and a training recommendation,
// suggested by the template's rules for the grade and confirmed by HR.
type Outcome struct {
	ID          uint64    `msgpack:"id"`
	CycleID     uint64    `msgpack:"cycle"`
	AdvisorID   uint64    `msgpack:"advisor"`
	SalaryPct   float64   `msgpack:"salary_pct"`
	Promotion   bool      `msgpack:"promotion"`
	Training    bool      `msgpack:"training"`
	Note        string    `msgpack:"note,omitempty"`
	ConfirmedBy string    `msgpack:"by,omitempty"`
	Created     time.Time `msgpack:"created"`
	Updated     time.Time `msgpack:"updated"`
}

func (o *Outcome) Key() uint64      { return o.ID }
func (o *Outcome) SetKey(id uint64) { o.ID = id }
func (o *Outcome) Touch(now time.Time) {
	if o.Created.IsZero() {
		o.Created = now
	}
	o.Updated = now
}

func (o *Outcome) Normalize() {
	o.Note = strings.TrimSpace(o.Note)
	o.ConfirmedBy = strings.TrimSpace(o.ConfirmedBy)
}

func (o *Outcome) Validate(Date) error {
	var errs FieldErrors
	if o.CycleID == 0 {
		errs = append(errs, &FieldError{Field: FieldCycle, Code: CodeRequired})
	}
	if o.AdvisorID == 0 {
		errs = append(errs, &FieldError{Field: FieldAdvisor, Code: CodeRequired})
	}
	if !within(o.SalaryPct, -100, 100) {
		errs = append(errs, &FieldError{Field: FieldSalaryPct, Code: CodeRange, Arg: "-100–100"})
	} else if !oneDecimal(o.SalaryPct) {
		errs = append(errs, &FieldError{Field: FieldSalaryPct, Code: CodeDecimals})
	}
	if errs != nil {
		return errs
	}
	return nil
}

// Suggest is the outcome the template's rules give for a grade.
func Suggest(t *Template, grade string) Outcome {
	r := t.Rule(grade)
	return Outcome{SalaryPct: r.SalaryPct, Promotion: r.Promotion, Training: r.Training}
}

// Ranked is one advisor's place in a cycle's results table.
type Ranked struct {
	AdvisorID uint64
	Result    Result
	Rank      int // 1 for the best; equal totals share a rank (1, 2, 2, 4); 0 before any score
}

// Rank orders results by total, best first; ties keep the given order and
// share their rank. Advisors without a single score yet come last with rank
// 0: a total of 0 from no forms is not a result.
func Rank(results []Ranked) []Ranked {
	out := slices.Clone(results)
	slices.SortStableFunc(out, func(a, b Ranked) int {
		if a.Result.Scored != b.Result.Scored {
			if a.Result.Scored {
				return -1
			}
			return 1
		}
		return cmp.Compare(b.Result.Total, a.Result.Total)
	})
	for i := range out {
		switch {
		case !out[i].Result.Scored:
			out[i].Rank = 0
		case i > 0 && out[i].Result.Total == out[i-1].Result.Total:
			out[i].Rank = out[i-1].Rank
		default:
			out[i].Rank = i + 1
		}
	}
	return out
}

// Distribution counts results per grade code, in the template's band order;
// advisors without any score have no grade yet and are not counted.
func Distribution(t *Template, results []Ranked) []int {
	counts := make([]int, len(t.Grades))
	for _, r := range results {
		for i, g := range t.Grades {
			if !r.Result.Scored {
				break
			}
			if g.Code == r.Result.Grade.Code {
				counts[i]++
			}
		}
	}
	return counts
}

// HistoryPoint is an advisor's result in one cycle, for their history.
type HistoryPoint struct {
	Cycle  *Cycle
	Result Result
}

// CycleData is a cycle with everything its results need: the template,
// the participants, their forms and HR's confirmed outcomes.
type CycleData struct {
	Cycle    *Cycle
	Template *Template
	Advisors map[uint64]*Advisor
	Evals    map[uint64][]Evaluation // by advisor
	Outcomes map[uint64]*Outcome     // confirmed, by advisor
}

// Results scores every participant and ranks them.
func (d *CycleData) Results() []Ranked {
	var rs []Ranked
	for _, id := range d.Cycle.Participants {
		rs = append(rs, Ranked{AdvisorID: id, Result: Score(d.Template, d.Evals[id])})
	}
	return Rank(rs)
}
