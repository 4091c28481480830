package model

import "testing"

func TestPlanDefaultRules(t *testing.T) {
	r := DefaultFollowUpRules()
	got := r.Plan(ReasonSale, "2026-01-31")
	want := []Date{"2026-02-07", "2026-02-28", "2026-04-30", "2026-07-31"}
	if len(got) != len(want) {
		t.Fatalf("a sale plans %d calls, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		if got[i].Due != w {
			t.Errorf("call %d due %s, want %s", i, got[i].Due, w)
		}
	}
	if !got[0].Independent || got[1].Independent {
		t.Errorf("the 7-day call after a sale is independent, the others not: %+v", got)
	}
	if got[0].Window != "2026-02-14" {
		t.Errorf("window %s, want 7 days after the day", got[0].Window)
	}
	if s := r.Plan(ReasonService, "2026-03-01"); len(s) != 1 || s[0].Due != "2026-03-04" || s[0].Step != "3d" {
		t.Errorf("a service plans %+v", s)
	}
	if s := r.Plan(ReasonKey, "2026-03-01"); len(s) != 0 {
		t.Errorf("no step is for key customers: %+v", s)
	}
}

func TestFollowUpState(t *testing.T) {
	r := DefaultFollowUpRules()
	f := FollowUp{Due: "2026-03-10", Window: "2026-03-17"}
	for _, c := range []struct {
		today Date
		want  FollowUpState
	}{{"2026-03-05", StateUpcoming}, {"2026-03-09", StateWeek}, {"2026-03-10", StateDue}, {"2026-03-17", StateOverdue}, {"2026-03-18", StateMissed}} {
		if got := f.State(c.today, &r); got != c.want {
			t.Errorf("on %s: %s, want %s", c.today, got, c.want)
		}
	}
	f.Attempts = []Date{"2026-03-10", "2026-03-12"}
	if got := f.State("2026-03-14", &r); got != StateOverdue {
		t.Errorf("4 days of attempts: %s", got)
	}
	if got := f.State("2026-03-15", &r); got != StateLetter {
		t.Errorf("5 days of attempts: %s, want letter", got)
	}
	f.Result, f.Done = ResultLetterSent, "2026-03-16"
	if got := f.State("2026-04-01", &r); got != StateDone {
		t.Errorf("a letter sent: %s", got)
	}
}

func TestFollowUpValidate(t *testing.T) {
	f := FollowUp{Due: "2026-03-01", ReceptionDate: "2026-03-05", CustomerID: 1, Customer: "王芳", AdvisorID: 2,
		Reason: ReasonManual, Result: ResultReached, Done: "2026-03-04", Satisfaction: 6}
	f.Normalize()
	fes, _ := AsFieldErrors(f.Validate("2026-04-01"))
	for field, code := range map[string]string{FieldFUDue: CodeBeforeReception, FieldFUDone: CodeBeforeReception,
		FieldSatisfaction: CodeScore15} {
		if fe := fes.For(field); fe == nil || fe.Code != code {
			t.Errorf("%s: %v, want %s", field, fe, code)
		} else if code == CodeBeforeReception && fe.Arg != "2026-03-05" {
			t.Errorf("%s names %q, want the reception's day", field, fe.Arg)
		}
	}
	f.Due, f.Done, f.Satisfaction = "2026-03-08", "2026-03-09", 0
	fes, _ = AsFieldErrors(f.Validate("2026-04-01"))
	if len(fes) != 1 || fes[0].Field != FieldSatisfaction || fes[0].Code != CodeNeedsScore {
		t.Errorf("a reached call without a score: %v", fes)
	}
	f.Satisfaction = 4
	if err := f.Validate("2026-04-01"); err != nil {
		t.Errorf("a right call refused: %v", err)
	}
	// Made early (the 9th for a call due the 20th): the next call may fall
	// before the due day, not on or before the day it was made.
	f.Due, f.Next = "2026-03-20", "2026-03-15"
	if err := f.Validate("2026-04-01"); err != nil {
		t.Errorf("a next call after the day made refused: %v", err)
	}
	f.Next = "2026-03-09"
	fes, _ = AsFieldErrors(f.Validate("2026-04-01"))
	if fe := fes.For(FieldFUNext); fe == nil || fe.Code != CodeNotAfter || fe.Arg != "2026-03-09" {
		t.Errorf("a next call on the day made: %v", fes)
	}
}

func TestFollowUpRulesValidate(t *testing.T) {
	r := DefaultFollowUpRules()
	if err := r.Validate(); err != nil {
		t.Fatal(err)
	}
	r.Steps = append(r.Steps, FollowUpStep{Event: ReasonSale, Days: 3, Months: 1}, FollowUpStep{Event: "x", Days: 1})
	r.LetterDays = 0
	fes, _ := AsFieldErrors(r.Validate())
	if len(fes) != 3 || fes[0].Row != 7 || fes[0].Field != FieldRuleAfter || fes[1].Row != 8 || fes[2].Field != FieldLetterDays {
		t.Errorf("problems: %v", fes)
	}
}

func TestReceptionClock(t *testing.T) {
	r := Reception{Date: "2026-03-01", Time: "9:05", CustomerID: 1, AdvisorID: 1, Outcome: OutcomeSale}
	r.Normalize()
	if r.Time != "09:05" {
		t.Errorf("time %q", r.Time)
	}
	if err := r.Validate("2026-03-02"); err != nil {
		t.Error(err)
	}
	r.Time = "25:00"
	if fes, _ := AsFieldErrors(r.Validate("2026-03-02")); fes.For(FieldRecTime) == nil {
		t.Error("25:00 accepted")
	}
}

// A call's place in its rules' sequence: the sale's 1-month call is the
// second of four; a step the rules no longer hold has none.
func TestStepOf(t *testing.T) {
	r := DefaultFollowUpRules()
	for _, c := range []struct {
		event FollowUpReason
		step  string
		n, of int
	}{
		{ReasonSale, "7d", 1, 4}, {ReasonSale, "1m", 2, 4}, {ReasonSale, "6m", 4, 4},
		{ReasonService, "3d", 1, 1}, {ReasonSale, "2m", 0, 0}, {ReasonManual, "", 0, 0}, {ReasonKey, "30d", 0, 0},
	} {
		if n, of := r.StepOf(c.event, c.step); n != c.n || of != c.of {
			t.Errorf("%s %s: %d of %d, want %d of %d", c.event, c.step, n, of, c.n, c.of)
		}
	}
}

// The office week runs Monday to Sunday.
func TestWeekEnd(t *testing.T) {
	for day, want := range map[Date]Date{"2026-11-23": "2026-11-29", "2026-11-25": "2026-11-29", "2026-11-29": "2026-11-29", "2026-11-30": "2026-12-06", "": ""} {
		if got := WeekEnd(day); got != want {
			t.Errorf("WeekEnd(%s) = %s, want %s", day, got, want)
		}
	}
}
