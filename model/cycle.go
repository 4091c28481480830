package model

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"
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

func (c *Cycle) Normalize() {
	c.Name = strings.TrimSpace(c.Name)
	if c.Stage == "" {
		c.Stage = Draft
	}
	slices.Sort(c.Participants)
	c.Participants = slices.Compact(c.Participants)
}

func (c *Cycle) Validate(Date) error {
	var errs FieldErrors
	add := func(field, code, arg string) { errs = append(errs, &FieldError{Field: field, Code: code, Arg: arg}) }
	if c.Name == "" {
		add(FieldCycleName, CodeRequired, "")
	} else if utf8.RuneCountInString(c.Name) > 60 {
		add(FieldCycleName, CodeTooLong, "60")
	}
	if !oneOf(c.Period, Periods) {
		add(FieldPeriod, CodeChoice, "")
	}
	_, okS := c.Start.Time()
	_, okE := c.End.Time()
	switch {
	case !okS:
		add(FieldStart, pick(c.Start == "", CodeRequired, CodeDate), "")
	case !okE:
		add(FieldEnd, pick(c.End == "", CodeRequired, CodeDate), "")
	case c.End < c.Start:
		add(FieldEnd, CodeOrder, "")
	}
	if c.TemplateID == 0 {
		add(FieldTemplate, CodeRequired, "")
	}
	if !oneOf(c.Stage, Stages) {
		add(FieldStage, CodeChoice, "")
	}
	if c.Stage != Draft && len(c.Participants) == 0 {
		add(FieldParticipants, CodeRequired, "")
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
