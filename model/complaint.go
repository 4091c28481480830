package model

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Complaint is a customer's complaint (投诉处理, chapter 4): taken in,
// handled within deadlines counted in the office's working days, resolved,
// found on cause and closed. It is the related advisor's record (their
// supervisor and HR see it too) and is handed to its handler, who sees it
// whole, with the customer's phone, while assigned.
type Complaint struct {
	ID      uint64    `msgpack:"id"`
	Created time.Time `msgpack:"created"`
	Updated time.Time `msgpack:"updated"`

	Received    Date             `msgpack:"received"`
	Channel     ComplaintChannel `msgpack:"channel"`
	Severity    Severity         `msgpack:"severity"`
	CustomerID  uint64           `msgpack:"customer_id,omitempty"`
	Customer    string           `msgpack:"customer,omitempty"`
	AdvisorID   uint64           `msgpack:"advisor_id,omitempty"` // the advisor the complaint is about
	Advisor     string           `msgpack:"advisor,omitempty"`
	Description string           `msgpack:"description"`
	Status      ComplaintStatus  `msgpack:"status"`
	HandlerID   uint64           `msgpack:"handler_id,omitempty"`
	Handler     string           `msgpack:"handler,omitempty"`
	Resolution  string           `msgpack:"resolution,omitempty"`
	// Satisfaction is the customer's satisfaction with the resolution,
	// "1" to "5"; "" while not asked.
	Satisfaction  string         `msgpack:"satisfaction,omitempty"`
	Cause         ComplaintCause `msgpack:"cause,omitempty"`
	ResponsibleID uint64         `msgpack:"responsible_id,omitempty"`
	Responsible   string         `msgpack:"responsible,omitempty"`
	// Contacted is the day the complaint first left "open": taking it up
	// with the customer, which the first deadline asks for.
	Contacted Date `msgpack:"contacted,omitempty"`
	// Raised is the level a person reported the complaint upward to (1
	// the supervisor, 2 HR) before the deadlines did.
	Raised   int              `msgpack:"raised,omitempty"`
	Timeline []ComplaintEvent `msgpack:"timeline"`

	// CustomerPhone is the customer's phone as the store reads it for
	// someone who sees the complaint whole; never stored with it.
	CustomerPhone string `msgpack:"-"`
	// Standing is where the complaint stood against its deadlines when
	// the store read it (Clock); never stored.
	Standing ComplaintClock `msgpack:"-"`
	// Rights are what the reader may do with it, as the store decided
	// when it read it (the same rules it checks a write by); never stored.
	Rights ComplaintRights `msgpack:"-"`
}

// ComplaintRights is what one person may do with a complaint as it
// stands: change what the form holds (never a closed one), take which of
// the flow's steps, report it upward, record the finding. A window offers
// only these; the store refuses the rest anyway.
type ComplaintRights struct {
	Edit    bool
	Moves   []ComplaintStatus
	Raise   bool
	Finding bool
	// Assign: may choose the handler — those who lead the advisor
	// concerned (their supervisor, HR), never the advisor themselves.
	Assign bool
	// Why says, for a step the flow allows but the person may not take,
	// why not: CodeComplaintOwn or CodeCloseLead.
	Why map[ComplaintStatus]string
	// RaiseWhy says why the person may not report it upward (a Code…
	// constant), "" when they may; RaiseTo is the level a report would
	// take it to (1 the advisor's supervisor, 2 HR) and Supervisor the
	// supervisor's name, for the question asked first.
	RaiseWhy   string
	RaiseTo    int
	Supervisor string
}

// May reports whether the rights include the step to status to.
func (r ComplaintRights) May(to ComplaintStatus) bool { return slices.Contains(r.Moves, to) }

func (c *Complaint) Key() uint64      { return c.ID }
func (c *Complaint) SetKey(id uint64) { c.ID = id }
func (c *Complaint) Touch(t time.Time) {
	if c.Created.IsZero() {
		c.Created = t
	}
	c.Updated = t
}

// ComplaintEvent is one step of a complaint's timeline: a move from one
// status to another, or (From == To) a report upward, with who did it and
// why. Day is the office's calendar day of At.
type ComplaintEvent struct {
	At   time.Time       `msgpack:"at"`
	Day  Date            `msgpack:"day"`
	By   string          `msgpack:"by"`
	From ComplaintStatus `msgpack:"from,omitempty"`
	To   ComplaintStatus `msgpack:"to"`
	Note string          `msgpack:"note,omitempty"`
	// Raise is the level of a report upward; 0 for a move.
	Raise int `msgpack:"raise,omitempty"`
}

// ComplaintStatus is where a complaint stands.
type ComplaintStatus string

const (
	ComplaintOpen          ComplaintStatus = "open"
	ComplaintInvestigating ComplaintStatus = "investigating"
	ComplaintWaiting       ComplaintStatus = "waiting" // for the customer: the clock pauses
	ComplaintResolved      ComplaintStatus = "resolved"
	ComplaintClosed        ComplaintStatus = "closed"
)

// ComplaintStatuses in the order of the flow.
var ComplaintStatuses = []ComplaintStatus{ComplaintOpen, ComplaintInvestigating, ComplaintWaiting,
	ComplaintResolved, ComplaintClosed}

// complaintMoves are the steps the flow allows; resolved or closed back to
// investigating is a reopening: the customer came back.
var complaintMoves = map[ComplaintStatus][]ComplaintStatus{
	ComplaintOpen:          {ComplaintInvestigating, ComplaintWaiting, ComplaintResolved},
	ComplaintInvestigating: {ComplaintWaiting, ComplaintResolved},
	ComplaintWaiting:       {ComplaintInvestigating, ComplaintResolved},
	ComplaintResolved:      {ComplaintClosed, ComplaintInvestigating},
	ComplaintClosed:        {ComplaintInvestigating},
}

// Moves are the statuses a complaint in status s may go to next.
func (s ComplaintStatus) Moves() []ComplaintStatus { return complaintMoves[s] }

// CanMove reports whether the flow allows a step from s to to.
func (s ComplaintStatus) CanMove(to ComplaintStatus) bool {
	return slices.Contains(complaintMoves[s], to)
}

// Done reports a complaint whose outcome has been reported: its clock stops.
func (s ComplaintStatus) Done() bool { return s == ComplaintResolved || s == ComplaintClosed }

// Reopens reports whether a step from s to to reopens the complaint.
func (s ComplaintStatus) Reopens(to ComplaintStatus) bool {
	return s.Done() && to == ComplaintInvestigating
}

// ComplaintChannel is how a complaint came in.
type ComplaintChannel string

const (
	ChannelPhone  ComplaintChannel = "phone"
	ChannelWalkIn ComplaintChannel = "walk_in"
	ChannelOnline ComplaintChannel = "online"
	ChannelLetter ComplaintChannel = "letter"
)

// Severity decides a complaint's deadlines (ComplaintRules).
type Severity string

const (
	SeverityNormal  Severity = "normal"
	SeveritySerious Severity = "serious"
	SeverityUrgent  Severity = "urgent"
)

// Severities in the order a form offers them.
var Severities = []Severity{SeverityNormal, SeveritySerious, SeverityUrgent}

// ComplaintCause is the finding on what caused a complaint.
type ComplaintCause string

const (
	CauseService   ComplaintCause = "service" // the advisor's service quality
	CauseProduct   ComplaintCause = "product"
	CausePolicy    ComplaintCause = "policy"
	CauseUnfounded ComplaintCause = "unfounded"
)

// Field keys of a complaint.
const (
	FieldReceived              = "complaint_received"
	FieldChannel               = "complaint_channel"
	FieldSeverity              = "complaint_severity"
	FieldComplCustomer         = "complaint_customer"
	FieldComplAdvisor          = "complaint_advisor"
	FieldDescription           = "complaint_description"
	FieldComplStatus           = "complaint_status"
	FieldHandler               = "complaint_handler"
	FieldResolution            = "complaint_resolution"
	FieldComplaintSatisfaction = "complaint_satisfaction"
	FieldCause                 = "complaint_cause"
	FieldResponsible           = "complaint_responsible"
	CodeComplAdvisor           = "complaint_needs_advisor"
	CodeComplaintNeedsCustomer = "complaint_needs_customer"
	CodeNeedsFinding           = "complaint_needs_finding"
	CodeToClose                = "complaint_to_close"     // resolving or closing needs this field
	CodeFindingLead            = "complaint_finding_lead" // the finding is the supervisor's or HR's
	CodeComplaintReach         = "complaint_reach"        // about an advisor outside the person's reach
	CodeComplaintOwn           = "complaint_own"          // the advisor concerned resolves or closes it
	CodeComplaintClosed        = "complaint_closed"       // a closed complaint changed other than by reopening
	CodeNeedsSatisfaction      = "complaint_needs_satisfaction"
	CodeHandlerOwn             = "complaint_handler_own"   // the advisor concerned named as handler
	CodeHandlerLead            = "complaint_handler_lead"  // the handler is assigned by the advisor's lead
	CodeHandlerReach           = "complaint_handler_reach" // a handler outside the assigner's team
	CodeCloseLead              = "complaint_close_lead"    // closing is for those who lead the advisor
	CodeRaisePerm              = "complaint_raise_perm"    // reporting upward needs report_complaints
	CodeRaiseTop               = "complaint_raise_top"     // already with HR
	CodeRaiseDone              = "complaint_raise_done"    // a done complaint is not reported upward
)

// FieldComplaintFlag filters a complaints list on the standing computed
// when read, which no stored column holds: FlagOverdue keeps those past a
// deadline and not done, FlagEscalated those gone up to HR.
const (
	FieldComplaintFlag = "complaint_flag"
	FlagOverdue        = "overdue"
	FlagEscalated      = "escalated"
)

// Satisfactions are the scores a customer gives a resolution.
var Satisfactions = []string{"1", "2", "3", "4", "5"}

// ComplaintRecord describes a complaint: the related advisor's, handed to
// its handler, taken in and changed by those who communicate with
// customers (the regulation's permission), within scope. The status moves
// only by the flow (Move); a form shows it without changing it.
var ComplaintRecord = &Record[Complaint]{
	Name:    "complaints",
	Columns: []string{FieldReceived, FieldComplStatus, FieldSeverity, FieldComplCustomer, FieldComplAdvisor, FieldHandler},
	Fields: []Field[Complaint]{
		{Key: FieldReceived, Kind: KindDate, Required: true, List: 95, Print: 22,
			Access: Str(func(c *Complaint) *Date { return &c.Received }),
			Check:  NotFuture(func(c *Complaint) Date { return c.Received })},
		{Key: FieldChannel, Kind: KindChoice, Required: true, Prefix: "complaint_channel.",
			Choices: Codes([]ComplaintChannel{ChannelPhone, ChannelWalkIn, ChannelOnline, ChannelLetter}),
			Access:  Str(func(c *Complaint) *ComplaintChannel { return &c.Channel })},
		{Key: FieldSeverity, Kind: KindChoice, Required: true, Prefix: "complaint_severity.",
			Choices: Codes(Severities), List: 70, Print: 16,
			Access: Str(func(c *Complaint) *Severity { return &c.Severity })},
		{Key: FieldComplCustomer, Kind: KindRef, Max: maxName, Search: true, List: 110, Print: 28,
			Ref:    &Ref[Complaint]{To: "customers", ID: func(c *Complaint) *uint64 { return &c.CustomerID }},
			Access: Str(func(c *Complaint) *string { return &c.Customer }),
			Check: func(c *Complaint, _ Date) (string, string) {
				if c.CustomerID == 0 {
					return CodeComplaintNeedsCustomer, ""
				}
				return "", ""
			}},
		{Key: FieldComplAdvisor, Kind: KindRef, Max: maxName, Search: true, List: 90, Print: 24,
			Ref:    &Ref[Complaint]{To: "advisors", ID: func(c *Complaint) *uint64 { return &c.AdvisorID }},
			Access: Str(func(c *Complaint) *string { return &c.Advisor }),
			Check: func(c *Complaint, _ Date) (string, string) {
				if c.AdvisorID == 0 {
					return CodeComplAdvisor, ""
				}
				return "", ""
			}},
		{Key: FieldDescription, Kind: KindMultiline, Required: true, Max: maxNotes, Search: true, Print: 90,
			Access: Str(func(c *Complaint) *string { return &c.Description })},
		{Key: FieldComplStatus, Kind: KindChoice, Required: true, Prefix: "complaint_status.",
			Choices: Codes(ComplaintStatuses), List: 100, Print: 20,
			Access: Str(func(c *Complaint) *ComplaintStatus { return &c.Status })},
		// The advisor a complaint is about does not handle it: the
		// handler resolves it, which she may not.
		{Key: FieldHandler, Kind: KindRef, Max: maxName, Search: true, List: 90, Print: 24,
			Ref:    &Ref[Complaint]{To: "advisors", ID: func(c *Complaint) *uint64 { return &c.HandlerID }},
			Access: Str(func(c *Complaint) *string { return &c.Handler }),
			Check: func(c *Complaint, _ Date) (string, string) {
				if c.HandlerID != 0 && c.HandlerID == c.AdvisorID {
					return CodeHandlerOwn, ""
				}
				return "", ""
			}},
		{Key: FieldResolution, Kind: KindMultiline, Max: maxNotes,
			Access: Str(func(c *Complaint) *string { return &c.Resolution }),
			Check: func(c *Complaint, _ Date) (string, string) {
				if c.Status.Done() && c.Resolution == "" {
					return CodeToClose, ""
				}
				return "", ""
			}},
		// Resolving asks the customer whether the resolution satisfies them.
		{Key: FieldComplaintSatisfaction, Kind: KindChoice, Choices: Satisfactions, Prefix: "complaint_satisfaction.",
			Access: Str(func(c *Complaint) *string { return &c.Satisfaction }),
			Check: func(c *Complaint, _ Date) (string, string) {
				if c.Status.Done() && c.Satisfaction == "" {
					return CodeNeedsSatisfaction, ""
				}
				return "", ""
			}},
		{Key: FieldCause, Kind: KindChoice, Prefix: "complaint_cause.", Print: 22,
			Choices: Codes([]ComplaintCause{CauseService, CauseProduct, CausePolicy, CauseUnfounded}),
			Access:  Str(func(c *Complaint) *ComplaintCause { return &c.Cause }),
			Check: func(c *Complaint, _ Date) (string, string) {
				if c.Status == ComplaintClosed && c.Cause == "" {
					return CodeNeedsFinding, ""
				}
				return "", ""
			}},
		{Key: FieldResponsible, Kind: KindRef, Max: maxName,
			Ref:    &Ref[Complaint]{To: "advisors", ID: func(c *Complaint) *uint64 { return &c.ResponsibleID }},
			Access: Str(func(c *Complaint) *string { return &c.Responsible })},
	},
	Owner: &Owner[Complaint]{
		Advisor: func(c *Complaint) uint64 { return c.AdvisorID },
		// The handler holds it until it is closed.
		Assigned: func(c *Complaint) []uint64 {
			if c.HandlerID == 0 || c.Status == ComplaintClosed {
				return nil
			}
			return []uint64{c.HandlerID}
		},
	},
	Write: PermCommunicate,
	// A complaint names its customer and what they said.
	Personal: true,
}

// Normalize and Validate make Complaint a record the store checks on save.
func (c *Complaint) Normalize() {
	ComplaintRecord.Normalize(c)
	if c.Status == "" {
		c.Status = ComplaintOpen
	}
	if c.Severity == "" {
		c.Severity = SeverityNormal
	}
}

func (c *Complaint) Validate(today Date) error {
	if fes := ComplaintRecord.Validate(c, today); len(fes) > 0 {
		return fes
	}
	return nil
}

// MoveRefused is the answer to a step the flow does not allow.
type MoveRefused struct{ From, To ComplaintStatus }

func (e *MoveRefused) Error() string {
	return fmt.Sprintf("complaint: no step from %s to %s", e.From, e.To)
}

func (e *MoveRefused) MessageKey() (string, map[string]any) {
	return "complaint.move_refused", map[string]any{
		"From": Note{Key: "complaint_status." + string(e.From)}, "To": Note{Key: "complaint_status." + string(e.To)}}
}

// ReasonNeeded refuses a reopening or a report upward without its reason:
// what the customer came back with, why it goes up.
type ReasonNeeded struct{ Raise bool }

func (e *ReasonNeeded) Error() string { return "complaint: a reason is needed" }

func (e *ReasonNeeded) MessageKey() (string, map[string]any) {
	if e.Raise {
		return "complaint.reason_raise", nil
	}
	return "complaint.reason_reopen", nil
}

// NeedsReason reports a step of the timeline that must say why: a
// reopening or a report upward.
func (e ComplaintEvent) NeedsReason() bool { return e.Raise > 0 || e.From.Reopens(e.To) }

// Move takes the complaint one step along the flow and writes the step on
// its timeline; a step the flow does not allow, or a reopening without
// its reason, is refused and changes nothing. Leaving "open" is taking
// the complaint up with the customer.
func (c *Complaint) Move(to ComplaintStatus, by string, at time.Time, day Date, note string) error {
	if !c.Status.CanMove(to) {
		return &MoveRefused{From: c.Status, To: to}
	}
	if c.Status.Reopens(to) && strings.TrimSpace(note) == "" {
		return &ReasonNeeded{}
	}
	if c.Status == ComplaintOpen && c.Contacted == "" {
		c.Contacted = day
	}
	c.Timeline = append(c.Timeline, ComplaintEvent{At: at, Day: day, By: by, From: c.Status, To: to,
		Note: strings.TrimSpace(note)})
	c.Status = to
	return nil
}

// Raise reports the complaint upward one level above level, where it
// stands now (1 the advisor's supervisor, 2 HR), written on its timeline;
// a done complaint, or one already at HR, is not raised, nor one without
// the reason it goes up.
func (c *Complaint) Raise(level int, by string, at time.Time, day Date, note string) error {
	level = max(level, c.Raised)
	if c.Status.Done() || level >= 2 {
		return &MoveRefused{From: c.Status, To: c.Status}
	}
	if strings.TrimSpace(note) == "" {
		return &ReasonNeeded{Raise: true}
	}
	c.Raised = level + 1
	c.Timeline = append(c.Timeline, ComplaintEvent{At: at, Day: day, By: by, From: c.Status, To: c.Status,
		Note: strings.TrimSpace(note), Raise: c.Raised})
	return nil
}

// SeverityRule is a severity's deadlines, in working days after the day a
// complaint came in: contact the customer, report the outcome, and the day
// past which it escalates to HR.
type SeverityRule struct{ Contact, Outcome, Escalate int }

// ComplaintRules are the office's deadlines by severity (an office
// setting, HR's to change).
type ComplaintRules map[Severity]SeverityRule

// DefaultComplaintRules are common dealer practice for an ordinary
// complaint — contact within 3 working days, report the outcome within 5,
// escalate at 7 — and shorter ones for the graver severities.
func DefaultComplaintRules() ComplaintRules {
	return ComplaintRules{
		SeverityNormal:  {Contact: 3, Outcome: 5, Escalate: 7},
		SeveritySerious: {Contact: 2, Outcome: 4, Escalate: 5},
		SeverityUrgent:  {Contact: 1, Outcome: 2, Escalate: 3},
	}
}

// maxRuleDays bounds a deadline: a quarter's working days.
const maxRuleDays = 60

// String is the rules as the setting keeps them: "normal=3/5/7;…".
func (r ComplaintRules) String() string {
	var parts []string
	for _, s := range Severities {
		x := r[s]
		parts = append(parts, fmt.Sprintf("%s=%d/%d/%d", s, x.Contact, x.Outcome, x.Escalate))
	}
	return strings.Join(parts, ";")
}

// ParseComplaintRules reads the setting; a severity it lacks keeps its
// default. A rule must count 1 ≤ contact ≤ outcome ≤ escalate ≤ 60 days.
func ParseComplaintRules(s string) (ComplaintRules, error) {
	r := DefaultComplaintRules()
	for _, part := range strings.Split(s, ";") {
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		name, days, ok := strings.Cut(part, "=")
		sev := Severity(strings.TrimSpace(name))
		if !ok || !slices.Contains(Severities, sev) {
			return nil, fmt.Errorf("complaint rules: %q names no severity", part)
		}
		n := strings.Split(days, "/")
		if len(n) != 3 {
			return nil, fmt.Errorf("complaint rules: %q is not contact/outcome/escalate", part)
		}
		var v [3]int
		for i := range n {
			x, err := strconv.Atoi(strings.TrimSpace(n[i]))
			if err != nil {
				return nil, fmt.Errorf("complaint rules: %q: %w", part, err)
			}
			v[i] = x
		}
		rule := SeverityRule{Contact: v[0], Outcome: v[1], Escalate: v[2]}
		if err := rule.Check(); err != nil {
			return nil, err
		}
		r[sev] = rule
	}
	return r, nil
}

// Field keys of a rule's three steps, in order.
var RuleSteps = [3]string{"complaint_rule_contact", "complaint_rule_outcome", "complaint_rule_escalate"}

// Check refuses a rule whose days are out of order or bounds, as a
// FieldError on the first step that is wrong (Field names the step).
func (x SeverityRule) Check() error {
	if p := x.Problems(); len(p) > 0 {
		return p[0]
	}
	return nil
}

// Problems are every step's problem at once: each lies within 1–60 days
// and not before the last right step before it (a wrong step is no bound
// for the next).
func (x SeverityRule) Problems() FieldErrors {
	var out FieldErrors
	lo := 1
	for i, v := range [3]int{x.Contact, x.Outcome, x.Escalate} {
		if v < lo || v > maxRuleDays {
			out = append(out, &FieldError{Field: RuleSteps[i], Code: CodeRange, Arg: fmt.Sprintf("%d–%d", lo, maxRuleDays)})
			continue
		}
		lo = v
	}
	return out
}

// ComplaintClock is where a complaint stands against its deadlines on a
// given day, computed when read: nothing is written for it.
type ComplaintClock struct {
	Start   Date // the day counted from: received, or the last reopening
	Elapsed int  // working days since Start, days spent waiting for the customer left out
	Paused  bool // waiting for the customer now: the clock stands still
	// The deadlines' days, as they fall if nothing pauses the clock
	// again; "" while paused.
	ContactDue, OutcomeDue, EscalateDue Date
	ContactLate                         bool // not contacted in time (still open past the day, or contacted after it)
	OutcomeLate                         bool // no outcome in time (not resolved past the day, or resolved after it)
	Overdue                             bool // a deadline has passed and the complaint is not done
	// Level is how far up it has gone: 0, 1 the advisor's supervisor, 2 HR.
	Level int
	// Rule is the severity's rule the deadlines were counted by.
	Rule SeverityRule
	// Contacted and Resolved are the days the customer was contacted and
	// the outcome reported since Start; "" while not yet.
	Contacted, Resolved Date
	// ToSupervisor and ToHR are the days the deadlines sent the complaint
	// up, done or not (the first day a deadline had passed with its step
	// not taken); "" if they never did. A report upward by hand is on the
	// timeline.
	ToSupervisor, ToHR Date
}

// InTime reports a complaint whose customer was contacted and whose
// outcome was reported by their deadlines.
func (k ComplaintClock) InTime() bool { return !k.ContactLate && !k.OutcomeLate }

// Clock is where c stands on day today by calendar cal and rules. The
// clock counts working days after the day the complaint came in (or was
// last reopened); a working day at whose end the complaint was waiting for
// the customer does not count; it stops when the outcome is reported.
func (c *Complaint) Clock(cal *Calendar, rules ComplaintRules, today Date) ComplaintClock {
	rule, ok := rules[c.Severity]
	if !ok {
		rule = DefaultComplaintRules()[SeverityNormal]
	}
	k := ComplaintClock{Start: c.Received}
	contacted, resolved := c.Contacted, Date("")
	for _, e := range c.Timeline {
		if e.From.Reopens(e.To) {
			k.Start, contacted, resolved = e.Day, e.Day, ""
		}
		if e.To == ComplaintResolved && resolved == "" {
			resolved = e.Day
		}
	}
	if c.Status.Done() && resolved == "" {
		resolved = today // done without a dated step (an import): stops now
	}
	end := today
	if c.Status.Done() && resolved < end {
		end = resolved
	}
	// counted: a working day the clock runs on; for days after today, as
	// the complaint stands now.
	counted := func(d Date) bool {
		if !cal.Working(d) {
			return false
		}
		if d > today {
			return c.Status != ComplaintWaiting
		}
		return c.statusAt(d) != ComplaintWaiting
	}
	if _, ok := k.Start.Time(); !ok {
		return k
	}
	for d := addDays(k.Start, 1); d <= end; d = addDays(d, 1) {
		if counted(d) {
			k.Elapsed++
		}
	}
	k.Paused = c.Status == ComplaintWaiting
	// due walks to the nth counted day; paused, future days never count.
	due := func(n int) Date {
		d, limit := k.Start, addDays(today, 3*366)
		for n > 0 && d < limit {
			d = addDays(d, 1)
			if d > today && k.Paused {
				return ""
			}
			if counted(d) {
				n--
			}
		}
		return d
	}
	k.ContactDue, k.OutcomeDue, k.EscalateDue = due(rule.Contact), due(rule.Outcome), due(rule.Escalate)
	k.Rule, k.Resolved = rule, resolved
	stillOpen := c.Status == ComplaintOpen || contacted == ""
	if !stillOpen {
		k.Contacted = contacted
	}
	k.ContactLate = (stillOpen && k.Elapsed > rule.Contact) ||
		(!stillOpen && contacted > k.Start && c.countTo(cal, k.Start, contacted) > rule.Contact)
	k.OutcomeLate = k.Elapsed > rule.Outcome
	c.escalate(&k, rule, stillOpen, due)
	return k
}

// escalate fills in, on a clock whose deadlines are known, when the
// complaint went up and how far it stands now; due gives the nth day the
// clock counts.
func (c *Complaint) escalate(k *ComplaintClock, rule SeverityRule, stillOpen bool, due func(n int) Date) {
	// The first day past a deadline is the day it went up: for the
	// contact, only if the customer was not contacted by then.
	if k.ContactLate {
		k.ToSupervisor = due(rule.Contact + 1)
	}
	if k.OutcomeLate && (k.ToSupervisor == "" || due(rule.Outcome+1) < k.ToSupervisor) {
		k.ToSupervisor = due(rule.Outcome + 1)
	}
	if k.Elapsed > rule.Escalate {
		k.ToHR = due(rule.Escalate + 1)
	}
	if c.Status.Done() {
		return
	}
	k.Overdue = (stillOpen && k.Elapsed > rule.Contact) || k.OutcomeLate
	if k.Overdue {
		k.Level = 1
	}
	if k.Elapsed > rule.Escalate {
		k.Level = 2
	}
	k.Level = max(k.Level, c.Raised)
}

// countTo counts the clock's days after from up to and including to.
func (c *Complaint) countTo(cal *Calendar, from, to Date) int {
	n := 0
	for d := addDays(from, 1); d <= to; d = addDays(d, 1) {
		if cal.Working(d) && c.statusAt(d) != ComplaintWaiting {
			n++
		}
	}
	return n
}

// statusAt is the complaint's status at the end of day d, by its timeline.
func (c *Complaint) statusAt(d Date) ComplaintStatus {
	s := ComplaintOpen
	for _, e := range c.Timeline {
		if e.Day > d {
			break
		}
		s = e.To
	}
	return s
}

// Founded reports a complaint whose finding holds someone responsible:
// resolved or closed with a cause other than unfounded.
func (c *Complaint) Founded() bool {
	return c.Status.Done() && c.Cause != "" && c.Cause != CauseUnfounded
}

// ComplaintNumbers are what the appraisal takes from an advisor's
// complaints in a period: how many were founded against them, and the
// satisfaction scores their customers gave the resolutions.
type ComplaintNumbers struct {
	Founded      int
	Satisfaction []int
}

// AverageSatisfaction is the mean of the scores, 0 when there are none.
func (n ComplaintNumbers) AverageSatisfaction() float64 {
	if len(n.Satisfaction) == 0 {
		return 0
	}
	sum := 0
	for _, s := range n.Satisfaction {
		sum += s
	}
	return float64(sum) / float64(len(n.Satisfaction))
}
