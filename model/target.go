package model

import (
	"fmt"
	"regexp"
	"strconv"
	"time"
)

// Target is an advisor's sales target (销售目标) for one month or quarter,
// in fen. What the advisor sold in the period is not stored: the store
// sums their active sales when the target is read (Sold), so the
// achievement is always that of the sales on file.
type Target struct {
	ID      uint64    `msgpack:"id"`
	Created time.Time `msgpack:"created"`
	Updated time.Time `msgpack:"updated"`

	AdvisorID uint64       `msgpack:"advisor_id"`
	Advisor   string       `msgpack:"advisor,omitempty"`
	AdvisorNo string       `msgpack:"-"`
	Period    TargetPeriod `msgpack:"period"`
	Amount    int64        `msgpack:"amount"` // fen
	Notes     string       `msgpack:"notes,omitempty"`

	Sold int64 `msgpack:"-"` // fen, filled by the store on read
}

func (t *Target) Key() uint64      { return t.ID }
func (t *Target) SetKey(id uint64) { t.ID = id }
func (t *Target) Touch(at time.Time) {
	if t.Created.IsZero() {
		t.Created = at
	}
	t.Updated = at
}

// Achievement is the share of the target sold, in percent (87.5 for 87.5%);
// ok is false when the target is zero.
func (t *Target) Achievement() (pct float64, ok bool) { return Achievement(t.Sold, t.Amount) }

// Achievement is sold as a percentage of target; ok is false for a target
// of zero, which no amount achieves or fails.
func Achievement(sold, target int64) (pct float64, ok bool) {
	if target <= 0 {
		return 0, false
	}
	return float64(sold) * 100 / float64(target), true
}

// FormatPercent writes a percentage with one decimal, "—" for none.
func FormatPercent(pct float64, ok bool) string {
	if !ok {
		return "—"
	}
	return strconv.FormatFloat(pct, 'f', 1, 64) + "%"
}

// TargetPeriod is a month ("2026-05") or a quarter ("2026-Q2").
type TargetPeriod string

var periodPattern = regexp.MustCompile(`^(\d{4})-(?:(0[1-9]|1[0-2])|Q([1-4]))$`)

// Range is the first and last day of the period; ok is false for a text
// that is no period.
func (p TargetPeriod) Range() (from, to Date, ok bool) {
	m := periodPattern.FindStringSubmatch(string(p))
	if m == nil {
		return "", "", false
	}
	y, _ := strconv.Atoi(m[1])
	var first time.Month
	months := 1
	if m[2] != "" {
		n, _ := strconv.Atoi(m[2])
		first = time.Month(n)
	} else {
		q, _ := strconv.Atoi(m[3])
		first, months = time.Month(3*q-2), 3
	}
	start := time.Date(y, first, 1, 0, 0, 0, 0, time.UTC)
	return DateOf(start), DateOf(start.AddDate(0, months, -1)), true
}

// IsQuarter reports whether the period is a quarter.
func (p TargetPeriod) IsQuarter() bool {
	m := periodPattern.FindStringSubmatch(string(p))
	return m != nil && m[3] != ""
}

// MonthOf is the month a day lies in; QuarterOf its quarter.
func MonthOf(d Date) TargetPeriod {
	if len(d) < 7 {
		return ""
	}
	return TargetPeriod(d[:7])
}

func QuarterOf(d Date) TargetPeriod {
	t, ok := d.Time()
	if !ok {
		return ""
	}
	return TargetPeriod(fmt.Sprintf("%d-Q%d", t.Year(), (int(t.Month())+2)/3))
}

// Field keys of a target, and its problems.
const (
	FieldTargetAdvisor   = "target_advisor"
	FieldTargetAdvisorNo = "target_empno"
	FieldTargetPeriod    = "target_period"
	FieldTargetAmount    = "target_amount"
	FieldTargetSold      = "target_sold"
	FieldTargetAchieved  = "target_achieved"
	CodePeriod           = "period"
	CodeTargetAmount     = "target_amount"
	CodeTargetTaken      = "target_taken"
)

// TargetRecord describes a target: the advisor's to read, their
// supervisor's (and HR's) to set.
var TargetRecord = &Record[Target]{
	Name:  "targets",
	Title: FieldTargetPeriod,
	Fields: []Field[Target]{
		{Key: FieldTargetAdvisor, Kind: KindRef, Max: maxName, Search: true, List: 110, Print: 30,
			Ref:    &Ref[Target]{To: "advisors", ID: func(t *Target) *uint64 { return &t.AdvisorID }, KeyText: FieldTargetAdvisorNo},
			Access: Str(func(t *Target) *string { return &t.Advisor }),
			Check: func(t *Target, _ Date) (string, string) {
				if t.AdvisorID == 0 {
					return CodeRequired, ""
				}
				return "", ""
			}},
		{Key: FieldTargetAdvisorNo, FileOnly: true, Max: maxEmpNo, Clean: NormalizeEmpNo,
			Access: Str(func(t *Target) *string { return &t.AdvisorNo })},
		{Key: FieldTargetPeriod, Required: true, Search: true, List: 90, Print: 22,
			Access: Str(func(t *Target) *TargetPeriod { return &t.Period }),
			Clean:  func(s string) string { return NormalizeEmpNo(s) }, // 2026-q2 → 2026-Q2
			Check: func(t *Target, _ Date) (string, string) {
				if _, _, ok := t.Period.Range(); !ok {
					return CodePeriod, ""
				}
				return "", ""
			}},
		{Key: FieldTargetAmount, Kind: KindNumber, Required: true, List: 100, Print: 26,
			Access: Fen(func(t *Target) *int64 { return &t.Amount }),
			Check: func(t *Target, _ Date) (string, string) {
				if t.Amount <= 0 {
					return CodeTargetAmount, ""
				}
				return "", ""
			}},
		// Sold and achieved are read, never typed: the form shows them,
		// the store fills them from the sales.
		{Key: FieldTargetSold, Kind: KindNumber, List: 100, NoFile: true,
			Access: Access[Target]{Get: func(t *Target) string { return FormatFen(t.Sold) }, Set: func(*Target, string) {}}},
		{Key: FieldTargetAchieved, List: 80, NoFile: true,
			Access: Access[Target]{Get: func(t *Target) string { return FormatPercent(t.Achievement()) }, Set: func(*Target, string) {}}},
		{Key: FieldNotes, Kind: KindMultiline, Max: maxNotes, Access: Str(func(t *Target) *string { return &t.Notes })},
	},
	Owner: &Owner[Target]{Advisor: func(t *Target) uint64 { return t.AdvisorID }},
	Write: PermEvaluateTeam,
}

func (t *Target) Normalize() { TargetRecord.Normalize(t) }

func (t *Target) Validate(today Date) error {
	if fes := TargetRecord.Validate(t, today); len(fes) > 0 {
		return fes
	}
	return nil
}
