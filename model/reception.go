package model

import (
	"regexp"
	"time"
)

// Reception is one customer received at the desk (客户接待, chapter 4): who
// came, when, what they needed, what was asked and recommended, and how it
// ended. A service, a repair or a sale schedules follow-up calls (see
// FollowUpRules).
type Reception struct {
	ID      uint64    `msgpack:"id"`
	Created time.Time `msgpack:"created"`
	Updated time.Time `msgpack:"updated"`

	Date Date   `msgpack:"date"`
	Time string `msgpack:"time"` // HH:MM, the office's clock
	// CustomerID is the customer received; Customer their name (filled by
	// the store).
	CustomerID uint64 `msgpack:"customer_id"`
	Customer   string `msgpack:"customer"`
	// AdvisorID is the advisor who received them: whose the record is.
	AdvisorID uint64 `msgpack:"advisor_id"`
	Advisor   string `msgpack:"advisor"`
	AdvisorNo string `msgpack:"-"`
	Need      string `msgpack:"need,omitempty"`      // need and pain point
	Questions string `msgpack:"questions,omitempty"` // questions the customer asked
	// ProductIDs are the products recommended, from the catalogue;
	// Recommended their names, which the store writes on every save.
	ProductIDs  []uint64         `msgpack:"product_ids,omitempty"`
	Recommended string           `msgpack:"recommended,omitempty"`
	Outcome     ReceptionOutcome `msgpack:"outcome"`
	Notes       string           `msgpack:"notes,omitempty"`
}

func (r *Reception) Key() uint64      { return r.ID }
func (r *Reception) SetKey(id uint64) { r.ID = id }
func (r *Reception) Touch(t time.Time) {
	if r.Created.IsZero() {
		r.Created = t
	}
	r.Updated = t
}

// ReceptionOutcome is how a reception ended.
type ReceptionOutcome string

const (
	OutcomeService    ReceptionOutcome = "service"     // a service done
	OutcomeRepair     ReceptionOutcome = "repair"      // a repair done
	OutcomeSale       ReceptionOutcome = "sale"        // something sold
	OutcomeFollowUp   ReceptionOutcome = "follow_up"   // to be called back
	OutcomeNoInterest ReceptionOutcome = "no_interest" // nothing came of it
)

// ReceptionOutcomes in the order a form offers them.
var ReceptionOutcomes = []ReceptionOutcome{OutcomeService, OutcomeRepair, OutcomeSale, OutcomeFollowUp, OutcomeNoInterest}

// Event is the service event the outcome is, which the follow-up rules
// schedule calls for; "" for none.
func (o ReceptionOutcome) Event() FollowUpReason {
	switch o {
	case OutcomeService:
		return ReasonService
	case OutcomeRepair:
		return ReasonRepair
	case OutcomeSale:
		return ReasonSale
	}
	return ""
}

// Field keys of a reception, and its problems.
const (
	FieldRecDate      = "reception_date"
	FieldRecTime      = "reception_time"
	FieldRecCustomer  = "reception_customer"
	FieldRecAdvisor   = "reception_advisor"
	FieldRecAdvisorNo = "reception_empno"
	FieldNeed         = "need"
	FieldQuestions    = "questions"
	FieldRecommended  = "recommended"
	FieldRecOutcome   = "reception_outcome"
	CodeClock         = "clock"          // not a time of day HH:MM
	CodeNeedsCustomer = "needs_customer" // no customer chosen or typed
	CodeChooseAdvisor = "choose_advisor" // no advisor chosen
	// CodeCallMade: a reception's outcome, day, customer or advisor, once
	// a call it scheduled was made or tried (Arg: that day).
	CodeCallMade = "reception_call_made"
	// CodeSaleFromReception: a sale is recorded from the reception (Arg:
	// its number), whose outcome stays a sale.
	CodeSaleFromReception = "sale_from_reception"
	// CodeCustomerOnFile: a correction names a customer typed, not chosen.
	CodeCustomerOnFile = "reception_customer_on_file"
)

// SchedulesLike reports whether r schedules the same calls as o: the same
// outcome, day, customer and advisor. A correction of anything else (the
// need, the questions, the products, the time) leaves the calls alone.
func (o *Reception) SchedulesLike(r *Reception) bool {
	return o.Outcome == r.Outcome && o.Date == r.Date && o.CustomerID == r.CustomerID && o.AdvisorID == r.AdvisorID
}

// CallsMadeProblems refuses, beside each field, a correction of what a
// call already made or tried on day was about.
func (o *Reception) CallsMadeProblems(r *Reception, day Date) FieldErrors {
	var fes FieldErrors
	for _, c := range []struct {
		field   string
		changed bool
	}{{FieldRecOutcome, o.Outcome != r.Outcome}, {FieldRecDate, o.Date != r.Date},
		{FieldRecCustomer, o.CustomerID != r.CustomerID}, {FieldRecAdvisor, o.AdvisorID != r.AdvisorID}} {
		if c.changed {
			fes = append(fes, &FieldError{Field: c.field, Code: CodeCallMade, Arg: string(day)})
		}
	}
	return fes
}

var clockPattern = regexp.MustCompile(`^([01]?\d|2[0-3])[:：.]([0-5]\d)$`)

// CleanClock writes a time of day as HH:MM ("9:05" → "09:05"); text that
// is no time is kept for Check to refuse.
func CleanClock(s string) string {
	p := clockPattern.FindStringSubmatch(s)
	if p == nil {
		return s
	}
	if len(p[1]) == 1 {
		p[1] = "0" + p[1]
	}
	return p[1] + ":" + p[2]
}

// ReceptionRecord describes a reception: the receiving advisor's, their
// supervisor's and HR's; written by those who communicate with customers.
var ReceptionRecord = &Record[Reception]{
	Name:    "receptions",
	Columns: []string{FieldRecDate, FieldRecTime, FieldRecCustomer, FieldRecOutcome, FieldRecAdvisor},
	Fields: []Field[Reception]{
		{Key: FieldRecDate, Kind: KindDate, Required: true, List: 90, Print: 22, Sort: true,
			Access: Str(func(r *Reception) *Date { return &r.Date }),
			Check:  NotFuture(func(r *Reception) Date { return r.Date })},
		{Key: FieldRecTime, Required: true, List: 50, Print: 12, Clean: CleanClock,
			Access: Str(func(r *Reception) *string { return &r.Time }),
			Check: func(r *Reception, _ Date) (string, string) {
				if !clockPattern.MatchString(r.Time) {
					return CodeClock, ""
				}
				return "", ""
			}},
		{Key: FieldRecCustomer, Kind: KindRef, Max: maxName, Search: true, List: 110, Print: 28,
			Ref:    &Ref[Reception]{To: "customers", ID: func(r *Reception) *uint64 { return &r.CustomerID }},
			Access: Str(func(r *Reception) *string { return &r.Customer }),
			Check: func(r *Reception, _ Date) (string, string) {
				if r.CustomerID == 0 {
					return CodeNeedsCustomer, ""
				}
				return "", ""
			}},
		{Key: FieldRecAdvisor, Kind: KindRef, Max: maxName, Search: true, List: 90, Print: 22,
			Ref: &Ref[Reception]{To: "advisors", ID: func(r *Reception) *uint64 { return &r.AdvisorID },
				KeyText: FieldRecAdvisorNo},
			Access: Str(func(r *Reception) *string { return &r.Advisor }),
			Check: func(r *Reception, _ Date) (string, string) {
				if r.AdvisorID == 0 {
					return CodeChooseAdvisor, ""
				}
				return "", ""
			}},
		// The employee number beside the name in a file: names repeat.
		{Key: FieldRecAdvisorNo, FileOnly: true, Max: maxEmpNo, Clean: NormalizeEmpNo,
			Access: Str(func(r *Reception) *string { return &r.AdvisorNo })},
		{Key: FieldNeed, Kind: KindMultiline, Max: 500, Search: true, List: 160, Print: 40,
			Access: Str(func(r *Reception) *string { return &r.Need })},
		{Key: FieldQuestions, Kind: KindMultiline, Max: 500, Search: true,
			Access: Str(func(r *Reception) *string { return &r.Questions })},
		{Key: FieldRecommended, Max: 500, Search: true, List: 140, Print: 36,
			Access: Str(func(r *Reception) *string { return &r.Recommended })},
		{Key: FieldRecOutcome, Kind: KindChoice, Required: true, Choices: Codes(ReceptionOutcomes),
			Prefix: "reception.outcome.", List: 80, Print: 20,
			Access: Str(func(r *Reception) *ReceptionOutcome { return &r.Outcome })},
		{Key: FieldNotes, Kind: KindMultiline, Max: maxNotes, Access: Str(func(r *Reception) *string { return &r.Notes })},
	},
	Owner: &Owner[Reception]{Advisor: func(r *Reception) uint64 { return r.AdvisorID }},
	Write: PermCommunicate,
	// A reception names its customer, their needs and questions.
	Personal: true,
}

// Normalize and Validate make Reception a record the store checks on save.
func (r *Reception) Normalize() { ReceptionRecord.Normalize(r) }

func (r *Reception) Validate(today Date) error {
	if fes := ReceptionRecord.Validate(r, today); len(fes) > 0 {
		return fes
	}
	return nil
}

// WalkInProblems are every problem of a reception and, when its customer
// is made with it, of that customer, at once (copies are checked; nil for
// none). The reception's own customer is not asked for while the customer
// is new. Form fields that could not be read (a date that is no date) are
// in unread; their checks are left out, for the reading's message to stand.
func WalkInProblems(r *Reception, c *Customer, unread FieldErrors, today Date) FieldErrors {
	fes := unread
	add := func(err error) {
		more, _ := AsFieldErrors(err)
		for _, fe := range more {
			if fes.For(fe.Field) == nil {
				fes = append(fes, fe)
			}
		}
	}
	probe := *r
	if c != nil {
		nc := *c
		nc.Normalize()
		add(nc.Validate(today))
		probe.CustomerID = max(probe.CustomerID, 1)
	}
	probe.Normalize()
	add(probe.Validate(today))
	if len(fes) == 0 {
		return nil
	}
	return fes
}
