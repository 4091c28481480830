package model

import (
	"slices"
	"strings"
	"time"
)

// Period is how long a cycle runs.
type Period string

const (
	Monthly   Period = "monthly"
	Quarterly Period = "quarterly"
	Yearly    Period = "yearly"
	Custom    Period = "custom"
)

var Periods = []Period{Monthly, Quarterly, Yearly, Custom}

// Stage is where a cycle stands. It moves forward one stage at a time;
// published locks every score, and only a reopening with a reason unlocks.
type Stage string

const (
	Draft         Stage = "draft"      // participants chosen
	SelfStage     Stage = "self"       // advisors fill in self-evaluations
	SupervisorStg Stage = "supervisor" // supervisors evaluate
	ReviewStage   Stage = "review"     // HR reviews and confirms outcomes
	Published     Stage = "published"  // locked
)

var Stages = []Stage{Draft, SelfStage, SupervisorStg, ReviewStage, Published}

// StageEvent records a move between stages: who, when, and why for a reopening.
type StageEvent struct {
	At     time.Time `msgpack:"at"`
	From   Stage     `msgpack:"from"`
	To     Stage     `msgpack:"to"`
	By     string    `msgpack:"by,omitempty"`
	Reason string    `msgpack:"reason,omitempty"`
}

// Cycle is one appraisal round (考核周期).
type Cycle struct {
	ID           uint64       `msgpack:"id"`
	Name         string       `msgpack:"name"`
	Period       Period       `msgpack:"period"`
	Start        Date         `msgpack:"start"`
	End          Date         `msgpack:"end"`
	TemplateID   uint64       `msgpack:"template"`
	Participants []uint64     `msgpack:"participants"` // sorted, no repeats
	Stage        Stage        `msgpack:"stage"`
	History      []StageEvent `msgpack:"history,omitempty"`
	Created      time.Time    `msgpack:"created"`
	Updated      time.Time    `msgpack:"updated"`
}

func (c *Cycle) Key() uint64      { return c.ID }
func (c *Cycle) SetKey(id uint64) { c.ID = id }
func (c *Cycle) Touch(now time.Time) {
	if c.Created.IsZero() {
		c.Created = now
	}
	c.Updated = now
}

// Has tells whether advisor id takes part in the cycle. Participants are
// kept sorted (Normalize), so this is a binary search.
func (c *Cycle) Has(id uint64) bool {
	_, ok := slices.BinarySearch(c.Participants, id)
	return ok
}

const (
	FieldCycleName    = "cycle_name"
	FieldPeriod       = "period"
	FieldStart        = "start"
	FieldEnd          = "end"
	FieldTemplate     = "template"
	FieldParticipants = "participants"
	FieldStage        = "stage"
	FieldReason       = "reason"
)

// CycleRecord describes the cycle's own fields (its template, participants
// and stage history have screens of their own): the cycle list shows them
// in Columns' order, and the store keeps the end day to find the latest.
var CycleRecord = &Record[Cycle]{
	Name: "cycles",
	Fields: []Field[Cycle]{
		{Key: FieldCycleName, Required: true, Max: 60, Search: true, List: 175,
			Access: Str(func(c *Cycle) *string { return &c.Name })},
		{Key: FieldPeriod, Kind: KindChoice, Required: true, Choices: Codes(Periods), Prefix: "period.", List: 70,
			Access: Str(func(c *Cycle) *Period { return &c.Period })},
		{Key: FieldStart, Kind: KindDate, Required: true, List: 95, Access: Str(func(c *Cycle) *Date { return &c.Start })},
		{Key: FieldEnd, Kind: KindDate, Required: true, Sort: true, Access: Str(func(c *Cycle) *Date { return &c.End }),
			Check: func(c *Cycle, _ Date) (string, string) {
				if _, ok := c.Start.Time(); ok && c.End < c.Start {
					return CodeOrder, ""
				}
				return "", ""
			}},
		{Key: FieldStage, Kind: KindChoice, Required: true, Choices: Codes(Stages), Prefix: "stage.", List: 100,
			Access: Str(func(c *Cycle) *Stage { return &c.Stage })},
	},
	Columns: []string{FieldCycleName, FieldStage, FieldStart, FieldPeriod},
	Write:   PermRunAppraisal, // everyone reads the cycles; HR runs them
}

func (c *Cycle) Normalize() {
	if c.Stage == "" {
		c.Stage = Draft
	}
	CycleRecord.Normalize(c)
	slices.Sort(c.Participants)
	c.Participants = slices.Compact(c.Participants)
}

// Validate checks the described fields, then that the cycle has a template
// and, once past the draft, participants.
func (c *Cycle) Validate(today Date) error {
	errs := CycleRecord.Validate(c, today)
	if c.TemplateID == 0 {
		errs = append(errs, &FieldError{Field: FieldTemplate, Code: CodeRequired})
	}
	if c.Stage != Draft && len(c.Participants) == 0 {
		errs = append(errs, &FieldError{Field: FieldParticipants, Code: CodeRequired})
	}
	if errs != nil {
		return errs
	}
	return nil
}

// PeriodDates gives the first and last day of the period containing day.
func PeriodDates(p Period, day Date) (Date, Date) {
	t, ok := day.Time()
	if !ok {
		return "", ""
	}
	var start time.Time
	switch p {
	case Monthly:
		start = time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
		return DateOf(start), DateOf(start.AddDate(0, 1, -1))
	case Quarterly:
		start = time.Date(t.Year(), (t.Month()-1)/3*3+1, 1, 0, 0, 0, 0, time.UTC)
		return DateOf(start), DateOf(start.AddDate(0, 3, -1))
	case Yearly:
		start = time.Date(t.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
		return DateOf(start), DateOf(start.AddDate(1, 0, -1))
	}
	return day, day
}

// Next is the stage after s, or "" after Published.
func (s Stage) Next() Stage {
	i := slices.Index(Stages, s)
	if i < 0 || i+1 >= len(Stages) {
		return ""
	}
	return Stages[i+1]
}

// Advance moves the cycle one stage on, recording who moved it.
func (c *Cycle) Advance(by string, now time.Time) error {
	next := c.Stage.Next()
	if next == "" {
		return &FieldError{Field: FieldStage, Code: CodeLocked}
	}
	if len(c.Participants) == 0 {
		return FieldErrors{{Field: FieldParticipants, Code: CodeRequired}}
	}
	c.History = append(c.History, StageEvent{At: now, From: c.Stage, To: next, By: by})
	c.Stage = next
	return nil
}

// Reopen takes a published cycle back to HR review. The reason is required
// and kept in the history.
func (c *Cycle) Reopen(by, reason string, now time.Time) error {
	reason = strings.TrimSpace(reason)
	if c.Stage != Published {
		return &FieldError{Field: FieldStage, Code: CodeStage, Arg: string(c.Stage)}
	}
	if reason == "" {
		return FieldErrors{{Field: FieldReason, Code: CodeRequired}}
	}
	c.History = append(c.History, StageEvent{At: now, From: Published, To: ReviewStage, By: by, Reason: reason})
	c.Stage = ReviewStage
	return nil
}

// Accepts tells whether method m may be entered at the cycle's stage:
// self-evaluations from the self stage on, supervisor evaluations from the
// supervisor stage on, customer forms whenever the cycle is running, and
// nothing in a draft or a published cycle.
func (c *Cycle) Accepts(m Method) bool {
	switch c.Stage {
	case SelfStage:
		return m == SelfEval || m == CustomerEval
	case SupervisorStg, ReviewStage:
		return true
	}
	return false
}
