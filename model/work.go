package model

// What waits for a person, as Home counts it and the Work process lists
// show it: each count is the number of rows the list it opens shows, so
// both read their rows by the same rules, computed on the day they are
// read (nothing is written for them).

// Complaint list filters beside FlagOverdue and FlagEscalated: FlagOpen
// keeps the complaints not yet done (open, investigating or waiting),
// FlagUp those gone up to the advisor's supervisor or further.
const (
	FlagOpen = "pending"
	FlagUp   = "up"
)

// ComplaintFlags are the list's filters in the order a list offers them.
var ComplaintFlags = []string{FlagOpen, FlagOverdue, FlagUp, FlagEscalated}

// HasFlag reports whether a complaint, with its standing read, passes
// filter flag. Only a complaint not done yet runs late or goes up.
func (c *Complaint) HasFlag(flag string) bool {
	if c.Status.Done() {
		return false
	}
	switch flag {
	case FlagOpen:
		return true
	case FlagOverdue:
		return c.Standing.Overdue
	case FlagUp:
		return c.Standing.Level >= 1
	case FlagEscalated:
		return c.Standing.Level >= 2
	}
	return false
}

// A due list narrowed to one kind of call (DueQuery.Only).
const (
	DueToday = "today" // due today
	DuePast  = "past"  // past their day and not made: overdue, letter tasks, missed lately
)

// Keeps reports whether a call standing at st belongs on the list.
func (q DueQuery) Keeps(st FollowUpState) bool {
	switch q.Only {
	case DueToday:
		return st == StateDue
	case DuePast:
		return st == StateOverdue || st == StateLetter || st == StateMissed
	}
	return true
}

// Span is the first and last due day the list reads on today: back lookback
// days and ahead as the query asks, or only the days its kind of call can fall on.
func (q DueQuery) Span(today Date, lookback int) (from, through Date) {
	from, through = AddDays(today, -lookback), q.Through(today)
	switch q.Only {
	case DueToday:
		from, through = today, today
	case DuePast:
		through = AddDays(today, -1)
	}
	return from, through
}

// WorkCounts are what waits for the signed-in person: the calls of their
// due list (their own, their team's for a supervisor, the office's for
// HR) due today and past due, and the complaints of their reach not done,
// overdue, gone up to a supervisor and gone up to HR.
type WorkCounts struct {
	Calls                        DueQuery // the due list the call counts are of
	CallsDue, CallsPast          int
	Open, Overdue, Up, Escalated int
	// Actions are those calls asked of the person and not yet marked done;
	// ActionsLate those of them past their act-by day.
	Actions, ActionsLate int
}
