package model

import (
	"fmt"
	"math"
	"slices"
	"time"
)

// FollowUp is one follow-up call to a customer (定期回访, chapter 4):
// scheduled by a rule after a service, a repair or a sale, every so many
// days for a key customer, or by hand. It belongs to the advisor who served
// the customer; the caller, when the rule asks for someone else, is
// assigned to it while it is open and sees the customer's phone for that
// time only.
type FollowUp struct {
	ID      uint64    `msgpack:"id"`
	Created time.Time `msgpack:"created"`
	Updated time.Time `msgpack:"updated"`

	Due Date `msgpack:"due"`
	// Window is the last day the call counts as made on time: after it an
	// open call is missed (computed when read).
	Window     Date   `msgpack:"window,omitempty"`
	CustomerID uint64 `msgpack:"customer_id"`
	Customer   string `msgpack:"customer"`
	// Phone is the customer's, filled by the store on read for a person who
	// sees the follow-up whole; never stored here.
	Phone  string         `msgpack:"-"`
	Reason FollowUpReason `msgpack:"reason"`
	Step   string         `msgpack:"step,omitempty"`   // the rule's step: "3d", "1m"
	Source string         `msgpack:"source,omitempty"` // what scheduled it: "reception 12", "sale 7"
	// ReceptionDate is the day of the service event it follows: a call
	// cannot be dated before it.
	ReceptionDate Date `msgpack:"reception_date,omitempty"`
	// AdvisorID served the customer: whose the follow-up is.
	AdvisorID uint64 `msgpack:"advisor_id"`
	Advisor   string `msgpack:"advisor"`
	// CallerID makes the call when it is not the advisor (an independent
	// check of satisfaction); 0 for the advisor.
	CallerID    uint64 `msgpack:"caller_id,omitempty"`
	Caller      string `msgpack:"caller,omitempty"`
	Independent bool   `msgpack:"independent,omitempty"` // the rule asks for a caller other than the advisor
	// Attempts are the days of calls nobody answered.
	Attempts []Date `msgpack:"attempts,omitempty"`

	// The call's record.
	Done         Date           `msgpack:"done,omitempty"`
	Result       FollowUpResult `msgpack:"result,omitempty"`
	Satisfaction float64        `msgpack:"satisfaction,omitempty"` // 1–5; 0 for not asked
	Problem      string         `msgpack:"problem,omitempty"`
	ActorID      uint64         `msgpack:"actor_id,omitempty"` // who must act on the problem
	Actor        string         `msgpack:"actor,omitempty"`
	ActBy        Date           `msgpack:"act_by,omitempty"`
	Next         Date           `msgpack:"next,omitempty"` // the next call asked for, scheduled on save
	Notes        string         `msgpack:"notes,omitempty"`
	// The action asked of ActorID is done: the day it was marked so, and
	// by whom (the actor, or someone on the call's advisor's side).
	ActDone     Date   `msgpack:"act_done,omitempty"`
	ActDoneByID uint64 `msgpack:"act_done_by_id,omitempty"`
	ActDoneBy   string `msgpack:"act_done_by,omitempty"`
}

// ActionOpen reports whether the call asks someone to act and nobody has
// marked it done yet.
func (f *FollowUp) ActionOpen() bool { return f.ActorID != 0 && f.ActDone == "" }

// ActionState is where the action a call asked for stands on today: done;
// overdue after its act-by day; due on it; open before it or without one.
// Computed when read, as a call's State.
func (f *FollowUp) ActionState(today Date) ActionState {
	switch {
	case f.ActorID == 0:
		return ""
	case f.ActDone != "":
		return ActionDone
	case f.ActBy != "" && today > f.ActBy:
		return ActionOverdue
	case f.ActBy != "" && today == f.ActBy:
		return ActionDue
	}
	return ActionOpenState
}

// ActionState is where an action asked on a call stands.
type ActionState string

const (
	ActionOpenState ActionState = "open"
	ActionDue       ActionState = "due"
	ActionOverdue   ActionState = "overdue"
	ActionDone      ActionState = "done"
)

func (f *FollowUp) Key() uint64      { return f.ID }
func (f *FollowUp) SetKey(id uint64) { f.ID = id }
func (f *FollowUp) Touch(t time.Time) {
	if f.Created.IsZero() {
		f.Created = t
	}
	f.Updated = t
}

// FollowUpReason is why a call is made.
type FollowUpReason string

const (
	ReasonService FollowUpReason = "service"
	ReasonRepair  FollowUpReason = "repair"
	ReasonSale    FollowUpReason = "sale"
	ReasonKey     FollowUpReason = "key"    // a key customer's regular call
	ReasonManual  FollowUpReason = "manual" // asked for by hand, or as the next call
)

// FollowUpReasons in the order a form offers them.
var FollowUpReasons = []FollowUpReason{ReasonService, ReasonRepair, ReasonSale, ReasonKey, ReasonManual}

// FollowUpResult is how a call went.
type FollowUpResult string

const (
	ResultReached    FollowUpResult = "reached"     // spoke to the customer
	ResultNoAnswer   FollowUpResult = "no_answer"   // an attempt; the call stays open
	ResultLetterSent FollowUpResult = "letter_sent" // the message or letter that replaced the call
)

// FollowUpResults in the order a form offers them.
var FollowUpResults = []FollowUpResult{ResultReached, ResultNoAnswer, ResultLetterSent}

// FollowUpState is where a follow-up stands on a day: computed when read,
// never stored, so that nothing is written at start-up.
type FollowUpState string

const (
	StateUpcoming FollowUpState = "upcoming" // due after this week
	StateWeek     FollowUpState = "week"     // due later this week (Monday to Sunday)
	StateDue      FollowUpState = "due"      // due today
	StateOverdue  FollowUpState = "overdue"  // past its day, within its window
	StateMissed   FollowUpState = "missed"   // past its window, never made
	StateLetter   FollowUpState = "letter"   // unanswered long enough: send a message or letter
	StateDone     FollowUpState = "done"
)

// Open reports whether the call is still to be made.
func (f *FollowUp) Open() bool { return f.Result != ResultReached && f.Result != ResultLetterSent }

// State is where the follow-up stands on today under rules.
func (f *FollowUp) State(today Date, rules *FollowUpRules) FollowUpState {
	switch {
	case !f.Open():
		return StateDone
	case len(f.Attempts) > 0 && daysBetween(f.Attempts[0], today) >= rules.LetterDays:
		return StateLetter
	case f.Window != "" && today > f.Window:
		return StateMissed
	case today > f.Due:
		return StateOverdue
	case today == f.Due:
		return StateDue
	case f.Due <= WeekEnd(today):
		return StateWeek
	}
	return StateUpcoming
}

// WeekEnd is the Sunday that ends d's week: offices in China count the
// week from Monday.
func WeekEnd(d Date) Date {
	t, ok := d.Time()
	if !ok {
		return ""
	}
	return AddDays(d, (7-int(t.Weekday()))%7)
}

// Assignee is who makes the call: the caller, or else the advisor.
func (f *FollowUp) Assignee() uint64 {
	if f.CallerID != 0 {
		return f.CallerID
	}
	return f.AdvisorID
}

// CallerName is the name of who makes the call, as Assignee.
func (f *FollowUp) CallerName() string {
	if f.CallerID != 0 {
		return f.Caller
	}
	return f.Advisor
}

// Field keys of a follow-up, and its problems.
const (
	FieldFUDue          = "followup_due"
	FieldFUCustomer     = "followup_customer"
	FieldFUReason       = "followup_reason"
	FieldFUAdvisor      = "followup_advisor"
	FieldFUCaller       = "followup_caller"
	FieldFUDone         = "followup_done"
	FieldFUResult       = "followup_result"
	FieldSatisfaction   = "satisfaction"
	FieldProblem        = "problem"
	FieldFUActor        = "followup_actor"
	FieldActBy          = "act_by"
	FieldFUNext         = "followup_next"
	FieldActDone        = "act_done"
	CodeBeforeReception = "before_reception" // a call dated before the event it follows (Arg: its day)
	CodeScore15         = "score_1_5"
	CodeNeedsScore      = "needs_score"
	CodeNeedsActor      = "needs_actor"
	CodeNotAfter        = "not_after" // a day that must come after another (Arg: that day)
	CodeCallerSelf      = "caller_self"
	CodeChooseCustomer  = "choose_customer" // a call about nobody
	CodeCallNotYours    = "call_not_yours"  // a customer whose calls the person may not arrange
	CodeNoAction        = "no_action"       // marked done, a call that asks nobody to act or was done already
)

func followUpRef(to string, id func(*FollowUp) *uint64) *Ref[FollowUp] {
	return &Ref[FollowUp]{To: to, ID: id}
}

// FollowUpRecord describes a follow-up: the serving advisor's, their
// supervisor's and HR's, and the caller's while it is open; written by
// those who communicate with customers.
var FollowUpRecord = &Record[FollowUp]{
	Name: "followups",
	// 1: a call not yet made shows no satisfaction, not 0; 2: the day
	// index holds each open action by its actor, who is assigned the call
	// while it is open (a file from before rebuilds them once at open).
	Shown: 2,
	// The customer page shows these: what the customer reported, who must
	// act by when, and whether it was done.
	Columns: []string{FieldFUDue, FieldFUCustomer, FieldFUReason, FieldFUCaller, FieldFUResult,
		FieldProblem, FieldFUActor, FieldActBy, FieldActDone},
	Fields: []Field[FollowUp]{
		{Key: FieldFUDue, Kind: KindDate, Required: true, List: 90, Print: 22,
			Access: Str(func(f *FollowUp) *Date { return &f.Due }),
			Check: func(f *FollowUp, _ Date) (string, string) {
				if f.ReceptionDate != "" && f.Due < f.ReceptionDate {
					return CodeBeforeReception, string(f.ReceptionDate)
				}
				return "", ""
			}},
		{Key: FieldFUCustomer, Kind: KindRef, Max: maxName, Search: true, List: 110, Print: 28,
			Ref:    followUpRef("customers", func(f *FollowUp) *uint64 { return &f.CustomerID }),
			Access: Str(func(f *FollowUp) *string { return &f.Customer }),
			Check: func(f *FollowUp, _ Date) (string, string) {
				if f.CustomerID == 0 {
					return CodeChooseCustomer, ""
				}
				return "", ""
			}},
		{Key: FieldFUReason, Kind: KindChoice, Required: true, Choices: Codes(FollowUpReasons),
			Prefix: "followup.reason.", List: 90, Print: 22,
			Access: Str(func(f *FollowUp) *FollowUpReason { return &f.Reason })},
		{Key: FieldFUAdvisor, Kind: KindRef, Max: maxName, Search: true, List: 90, Print: 22,
			Ref:    followUpRef("advisors", func(f *FollowUp) *uint64 { return &f.AdvisorID }),
			Access: Str(func(f *FollowUp) *string { return &f.Advisor }),
			Check: func(f *FollowUp, _ Date) (string, string) {
				if f.AdvisorID == 0 {
					return CodeChooseAdvisor, ""
				}
				return "", ""
			}},
		{Key: FieldFUCaller, Kind: KindRef, Max: maxName, Search: true, List: 90, Print: 22,
			Ref:    followUpRef("advisors", func(f *FollowUp) *uint64 { return &f.CallerID }),
			Access: Str(func(f *FollowUp) *string { return &f.Caller }),
			Check: func(f *FollowUp, _ Date) (string, string) {
				if f.Independent && f.CallerID != 0 && f.CallerID == f.AdvisorID {
					return CodeCallerSelf, ""
				}
				return "", ""
			}},
		{Key: FieldFUDone, Kind: KindDate, List: 90, Print: 22,
			Access: Str(func(f *FollowUp) *Date { return &f.Done }),
			Check: func(f *FollowUp, today Date) (string, string) {
				switch {
				case f.Done == "" && f.Result != "":
					return CodeRequired, ""
				case f.Done == "":
				case f.ReceptionDate != "" && f.Done < f.ReceptionDate:
					return CodeBeforeReception, string(f.ReceptionDate)
				case today != "" && f.Done > today:
					return CodeFuture, ""
				}
				return "", ""
			}},
		{Key: FieldFUResult, Kind: KindChoice, Choices: Codes(FollowUpResults), Prefix: "followup.result.", List: 80, Print: 20,
			Access: Str(func(f *FollowUp) *FollowUpResult { return &f.Result })},
		{Key: FieldSatisfaction, Kind: KindNumber, Whole: true, List: 50, Print: 14,
			Access: Rating(func(f *FollowUp) *float64 { return &f.Satisfaction }),
			Check: func(f *FollowUp, _ Date) (string, string) {
				s := f.Satisfaction
				switch {
				case s == 0 && f.Result == ResultReached:
					return CodeNeedsScore, ""
				case s != 0 && (s < 1 || s > 5 || s != math.Trunc(s)):
					return CodeScore15, ""
				}
				return "", ""
			}},
		{Key: FieldProblem, Kind: KindMultiline, Max: 500, Search: true, List: 150,
			Access: Str(func(f *FollowUp) *string { return &f.Problem })},
		{Key: FieldFUActor, Kind: KindRef, Max: maxName, List: 80,
			Ref:    followUpRef("advisors", func(f *FollowUp) *uint64 { return &f.ActorID }),
			Access: Str(func(f *FollowUp) *string { return &f.Actor }),
			Check: func(f *FollowUp, _ Date) (string, string) {
				if f.ActorID == 0 && f.ActBy != "" {
					return CodeNeedsActor, ""
				}
				return "", ""
			}},
		{Key: FieldActBy, Kind: KindDate, List: 90,
			Access: Str(func(f *FollowUp) *Date { return &f.ActBy }),
			Check: func(f *FollowUp, _ Date) (string, string) {
				if f.ActBy != "" && f.Done != "" && f.ActBy < f.Done {
					return CodeNotAfter, string(f.Done)
				}
				return "", ""
			}},
		// Marked done by the store (MarkActionDone): the day and who.
		{Key: FieldActDone, Fixed: true, List: 130,
			Access: Access[FollowUp]{Get: func(f *FollowUp) string {
				if f.ActDone == "" {
					return ""
				}
				return string(f.ActDone) + " · " + f.ActDoneBy
			}, Set: func(*FollowUp, string) {}}},
		{Key: FieldFUNext, Kind: KindDate,
			Access: Str(func(f *FollowUp) *Date { return &f.Next }),
			Check: func(f *FollowUp, _ Date) (string, string) {
				// After the day the call was made (a call made early may ask for
				// the next before this one's due day), else after its due day.
				after := f.Due
				if f.Done != "" {
					after = f.Done
				}
				if f.Next != "" && f.Next <= after {
					return CodeNotAfter, string(after)
				}
				return "", ""
			}},
		{Key: FieldNotes, Kind: KindMultiline, Max: maxNotes, Access: Str(func(f *FollowUp) *string { return &f.Notes })},
	},
	Owner: &Owner[FollowUp]{
		Advisor: func(f *FollowUp) uint64 { return f.AdvisorID },
		// The caller reads the follow-up, and the customer's phone with it,
		// while the call is theirs to make; a call made ends it. Whom the
		// call asks to act reads it while the action is open, to act on
		// the problem and mark it done.
		Assigned: func(f *FollowUp) []uint64 {
			var out []uint64
			if f.CallerID != 0 && f.CallerID != f.AdvisorID && f.Open() {
				out = append(out, f.CallerID)
			}
			if f.ActionOpen() && f.ActorID != f.AdvisorID && !slices.Contains(out, f.ActorID) {
				out = append(out, f.ActorID)
			}
			return out
		},
	},
	Write: PermCommunicate,
	// A call names its customer, their satisfaction and the problems they reported.
	Personal: true,
}

// Normalize and Validate make FollowUp a record the store checks on save.
func (f *FollowUp) Normalize() {
	FollowUpRecord.Normalize(f)
	if f.Window == "" && f.Due != "" {
		f.Window = AddDays(f.Due, DefaultFollowUpRules().WindowDays)
	}
}

func (f *FollowUp) Validate(today Date) error {
	if fes := FollowUpRecord.Validate(f, today); len(fes) > 0 {
		return fes
	}
	return nil
}

// FollowUpRules are the office's rules that schedule follow-up calls (an
// office setting, edited by HR and supervisors).
type FollowUpRules struct {
	Steps []FollowUpStep `json:"steps"`
	// KeyEvery is the days between a key customer's calls; 0 for none.
	KeyEvery int `json:"key_every"`
	// KeyIndependent: a key customer's calls are made by someone else.
	KeyIndependent bool `json:"key_independent,omitempty"`
	// LetterDays is how long unanswered attempts go on before the call
	// becomes a message or letter task.
	LetterDays int `json:"letter_days"`
	// WindowDays is how long after its day a call still counts as made.
	WindowDays int `json:"window_days"`
}

// FollowUpStep schedules one call after an event: Days or Months after it.
type FollowUpStep struct {
	Event  FollowUpReason `json:"event"`
	Days   int            `json:"days,omitempty"`
	Months int            `json:"months,omitempty"`
	// Independent: the call is made by someone other than the advisor who
	// served the customer.
	Independent bool `json:"independent,omitempty"`
}

// Label is the step as the rules write it: "3d", "1m".
func (s FollowUpStep) Label() string {
	if s.Months > 0 {
		return fmt.Sprintf("%dm", s.Months)
	}
	return fmt.Sprintf("%dd", s.Days)
}

// StepOf places a call's step in its rules' sequence: the call after an
// event is the n-th of the steps the rules hold for that event, of so
// many; 0, 0 when they no longer hold the step (the rules changed since
// the call was scheduled).
func (r *FollowUpRules) StepOf(event FollowUpReason, step string) (n, of int) {
	for _, s := range r.Steps {
		if s.Event != event {
			continue
		}
		of++
		if n == 0 && s.Label() == step {
			n = of
		}
	}
	if n == 0 {
		return 0, 0
	}
	return n, of
}

// DefaultFollowUpRules are what service desks in China commonly write
// down: 3 days after a service or repair, 7 days after a sale and then at
// 1, 3 and 6 months; a key customer every 30 days; the 7-day call made by
// someone other than the seller; 5 days of unanswered attempts before a
// letter; a call counts within 7 days of its day.
func DefaultFollowUpRules() FollowUpRules {
	return FollowUpRules{
		Steps: []FollowUpStep{
			{Event: ReasonService, Days: 3},
			{Event: ReasonRepair, Days: 3},
			{Event: ReasonSale, Days: 7, Independent: true},
			{Event: ReasonSale, Months: 1},
			{Event: ReasonSale, Months: 3},
			{Event: ReasonSale, Months: 6},
		},
		KeyEvery:   30,
		LetterDays: 5,
		WindowDays: 7,
	}
}

// Problem keys of the rules, on their field (the row is the step's).
const (
	FieldRuleEvent   = "rule_event"
	FieldRuleAfter   = "rule_after"
	FieldKeyEvery    = "key_every"
	FieldLetterDays  = "letter_days"
	FieldWindowDays  = "window_days"
	CodeRuleInterval = "rule_interval" // neither days nor months, or both
)

// Validate checks the rules; each problem names its field and step row.
func (r *FollowUpRules) Validate() error {
	var errs FieldErrors
	for i, s := range r.Steps {
		row := i + 1
		if !slices.Contains([]FollowUpReason{ReasonService, ReasonRepair, ReasonSale}, s.Event) {
			errs = append(errs, &FieldError{Field: FieldRuleEvent, Code: CodeChoice, Row: row})
		}
		switch {
		case s.Days != 0 && s.Months != 0:
			errs = append(errs, &FieldError{Field: FieldRuleAfter, Code: CodeRuleInterval, Row: row})
		case s.Months < 0 || s.Months > 120:
			errs = append(errs, &FieldError{Field: FieldRuleAfter, Code: CodeRange, Arg: "1–120", Row: row})
		case s.Months == 0 && (s.Days < 1 || s.Days > 3660):
			errs = append(errs, &FieldError{Field: FieldRuleAfter, Code: CodeRange, Arg: "1–3660", Row: row})
		}
	}
	for _, c := range []struct {
		field  string
		v, min int
	}{{FieldKeyEvery, r.KeyEvery, 0}, {FieldLetterDays, r.LetterDays, 1}, {FieldWindowDays, r.WindowDays, 0}} {
		if c.v < c.min || c.v > 3660 {
			errs = append(errs, &FieldError{Field: c.field, Code: CodeRange, Arg: fmt.Sprintf("%d–3660", c.min)})
		}
	}
	if errs != nil {
		return errs
	}
	return nil
}

// PlannedCall is a call a rule schedules.
type PlannedCall struct {
	Due, Window Date
	Step        string
	Independent bool
}

// Plan lists the calls the rules schedule for an event on day.
func (r *FollowUpRules) Plan(event FollowUpReason, day Date) []PlannedCall {
	var out []PlannedCall
	for _, s := range r.Steps {
		if s.Event != event {
			continue
		}
		due := AddDays(day, s.Days)
		if s.Months > 0 {
			due = AddMonths(day, s.Months)
		}
		out = append(out, PlannedCall{Due: due, Window: AddDays(due, r.WindowDays), Step: s.Label(), Independent: s.Independent})
	}
	return out
}

// AddDays is the day n days after d (before, for n < 0); "" for a zero d.
func AddDays(d Date, n int) Date {
	t, ok := d.Time()
	if !ok {
		return ""
	}
	return DateOf(t.AddDate(0, 0, n))
}

// AddMonths is the same day n months on, or the month's last day when it
// has no such day (31 January + 1 month is 28 or 29 February).
func AddMonths(d Date, n int) Date {
	t, ok := d.Time()
	if !ok {
		return ""
	}
	first := time.Date(t.Year(), t.Month()+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	return DateOf(first.AddDate(0, 0, min(t.Day(), last)-1))
}

// daysBetween is the number of days from a to b.
func daysBetween(a, b Date) int {
	ta, ok1 := a.Time()
	tb, ok2 := b.Time()
	if !ok1 || !ok2 {
		return 0
	}
	return int(tb.Sub(ta).Hours() / 24)
}

// DueCall is one call of a due list, with where it stands today.
type DueCall struct {
	*FollowUp
	State FollowUpState
	// LastContact is the last day the customer was received or reached
	// before this call ("" for never).
	LastContact Date
}

// DueQuery asks for a due list: the calls of one advisor (0 for the
// signed-in person's own), or with Team those of the advisors they lead
// too, due up to Days days after today.
type DueQuery struct {
	Advisor uint64
	Team    bool
	// Days is how far ahead the list reaches: 7 when 0, so that the call a
	// rule sets a week after today's sale is listed on the day of the sale.
	Days int
	// Office asks for every caller's calls (HR's view; others get their own).
	Office bool
	// Only narrows the list to DueToday or DuePast calls; "" for all.
	Only string
}

// DefaultDueDays is how far ahead a due list reaches unless asked.
const DefaultDueDays = 7

// Through is the last due day the list holds on today.
func (q DueQuery) Through(today Date) Date {
	days := q.Days
	if days <= 0 {
		days = DefaultDueDays
	}
	return AddDays(today, days)
}

// FollowUpNumbers are an advisor's follow-up figures for a period, for the
// appraisal: the calls about their customers that fell due, those made,
// and the satisfaction scores given on them.
type FollowUpNumbers struct {
	Due, Done int
	Scores    []float64
}

// Average is the mean satisfaction, 0 when no score was given.
func (n FollowUpNumbers) Average() float64 {
	if len(n.Scores) == 0 {
		return 0
	}
	var sum float64
	for _, s := range n.Scores {
		sum += s
	}
	return sum / float64(len(n.Scores))
}
