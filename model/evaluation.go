package model

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Evaluation is one filled appraisal form: an advisor's self-evaluation, the
// supervisor's evaluation, or one customer's paper form with its serial.
type Evaluation struct {
	ID        uint64             `msgpack:"id"`
	CycleID   uint64             `msgpack:"cycle"`
	AdvisorID uint64             `msgpack:"advisor"`
	Method    Method             `msgpack:"method"`
	Serial    string             `msgpack:"serial,omitempty"` // customer forms only
	Scores    map[string]float64 `msgpack:"scores"`           // item key → 0–100, one decimal
	// Suggested keeps, beside the scores, what the work process suggested
	// for the mapped items when the form was saved: the evaluator accepted
	// it where the score is the same, and overrode it where not.
	Suggested map[string]float64 `msgpack:"suggested,omitempty"`
	Comment   string             `msgpack:"comment,omitempty"`
	Customer  string             `msgpack:"customer,omitempty"` // the customer's name; "" is anonymous
	Date      Date               `msgpack:"date"`
	EnteredBy string             `msgpack:"by,omitempty"`
	Created   time.Time          `msgpack:"created"`
	Updated   time.Time          `msgpack:"updated"`
}

func (e *Evaluation) Key() uint64      { return e.ID }
func (e *Evaluation) SetKey(id uint64) { e.ID = id }
func (e *Evaluation) Touch(now time.Time) {
	if e.Created.IsZero() {
		e.Created = now
	}
	e.Updated = now
}

const (
	FieldMethod  = "method"
	FieldSerial  = "serial"
	FieldScore   = "score"
	FieldComment = "comment"
	FieldDate    = "date"
	FieldAdvisor = "advisor"
	FieldCycle   = "cycle"
)

func (e *Evaluation) Normalize() {
	e.Serial = strings.ToUpper(strings.TrimSpace(e.Serial))
	e.Comment = strings.TrimSpace(e.Comment)
	e.Customer = strings.TrimSpace(e.Customer)
	e.EnteredBy = strings.TrimSpace(e.EnteredBy)
	if e.Method != CustomerEval {
		e.Serial, e.Customer = "", ""
	}
}

// Validate checks the form on its own; CheckAgainst checks it against its
// cycle and template.
func (e *Evaluation) Validate(today Date) error {
	var errs FieldErrors
	add := func(field, code, arg string) { errs = append(errs, &FieldError{Field: field, Code: code, Arg: arg}) }
	if e.CycleID == 0 {
		add(FieldCycle, CodeRequired, "")
	}
	if e.AdvisorID == 0 {
		add(FieldAdvisor, CodeRequired, "")
	}
	if !oneOf(e.Method, Methods) {
		add(FieldMethod, CodeChoice, "")
	}
	if e.Method == CustomerEval {
		if e.Serial == "" {
			add(FieldSerial, CodeRequired, "")
		} else if !empNoPattern.MatchString(e.Serial) || len(e.Serial) > 30 {
			add(FieldSerial, CodeEmpNo, "")
		}
	}
	if _, ok := e.Date.Time(); !ok {
		add(FieldDate, pick(e.Date == "", CodeRequired, CodeDate), "")
	} else if today != "" && e.Date > today {
		add(FieldDate, CodeFuture, "")
	}
	if utf8.RuneCountInString(e.Comment) > 2000 {
		add(FieldComment, CodeTooLong, "2000")
	}
	if utf8.RuneCountInString(e.Customer) > 40 {
		add("customer", CodeTooLong, "40")
	}
	if errs != nil {
		return errs
	}
	return nil
}

// CheckAgainst checks the form against its cycle and template: the advisor
// takes part, the stage accepts this method, and every item the method
// rates has a score from 0 to 100 with at most one decimal. Score errors
// name the item's row in the template.
func (e *Evaluation) CheckAgainst(c *Cycle, t *Template) error {
	var errs FieldErrors
	add := func(row int, field, code, arg string) {
		errs = append(errs, &FieldError{Field: field, Code: code, Arg: arg, Row: row})
	}
	if c.Stage == Published {
		return FieldErrors{{Field: FieldCycle, Code: CodeLocked}}
	}
	if !c.Accepts(e.Method) {
		add(0, FieldMethod, CodeStage, string(c.Stage))
	}
	if !c.Has(e.AdvisorID) {
		add(0, FieldAdvisor, CodeNotInCycle, "")
	}
	for i := range t.Items {
		it := &t.Items[i]
		v, ok := e.Scores[it.Key]
		switch {
		case !it.Rated(e.Method):
			if ok {
				add(i+1, FieldScore, CodeChoice, it.Key)
			}
		case !ok:
			add(i+1, FieldScore, CodeRequired, it.Key)
		default:
			if code := scoreCode(v); code != "" {
				add(i+1, FieldScore, code, scoreRange)
			}
		}
	}
	for k := range e.Scores {
		if t.Item(k) == nil {
			add(0, FieldScore, CodeChoice, k)
		}
	}
	if errs != nil {
		return errs
	}
	return nil
}

// scoreRange is the Arg of a score's range message.
const scoreRange = "0–100"

// scoreCode says what is wrong with a score value: CodeRange, CodeDecimals,
// or "" when it is a score.
func scoreCode(v float64) string {
	switch {
	case !within(v, 0, 100):
		return CodeRange
	case !oneDecimal(v):
		return CodeDecimals
	}
	return ""
}

// ParseScore reads a score as typed into a form (a full-width comma or point
// counts as a point). An error is a *FieldError on FieldScore: CodeNumber
// for text that is not a number, else CodeRange or CodeDecimals.
func ParseScore(text string) (float64, error) {
	v, err := ParseNumber(text)
	if err != nil {
		return 0, &FieldError{Field: FieldScore, Code: CodeNumber}
	}
	if code := scoreCode(v); code != "" {
		return 0, &FieldError{Field: FieldScore, Code: code, Arg: scoreRange}
	}
	return v, nil
}
