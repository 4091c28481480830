package model

import (
	"time"
)

// CalendarDay is one exception to the office's week, entered by HR for the
// year: a public holiday that falls on a weekday, or a weekend day worked to
// make up for one (调休). Days not listed follow the week: Monday to Friday
// are working days.
type CalendarDay struct {
	ID      uint64    `msgpack:"id"`
	Created time.Time `msgpack:"created"`
	Updated time.Time `msgpack:"updated"`

	Date Date    `msgpack:"date"`
	Kind DayKind `msgpack:"kind"`
	Name string  `msgpack:"name,omitempty"` // 国庆节, 国庆节调休上班
}

func (d *CalendarDay) Key() uint64      { return d.ID }
func (d *CalendarDay) SetKey(id uint64) { d.ID = id }
func (d *CalendarDay) Touch(t time.Time) {
	if d.Created.IsZero() {
		d.Created = t
	}
	d.Updated = t
}

// DayKind says whether a listed day is off or worked.
type DayKind string

const (
	DayHoliday DayKind = "holiday" // off, whatever the weekday
	DayWorking DayKind = "working" // worked, whatever the weekday (调休上班)
)

// Field keys of a calendar day.
const (
	FieldCalDate = "calendar_date"
	FieldCalKind = "calendar_kind"
	FieldCalName = "calendar_name"
)

// CalendarRecord describes a calendar day: the office's, read by everyone
// (deadlines are counted with it), written by HR alone (an office record
// with no write permission is HR's).
var CalendarRecord = &Record[CalendarDay]{
	Name:  "calendar",
	Key:   FieldCalDate,
	Title: FieldCalName,
	Fields: []Field[CalendarDay]{
		{Key: FieldCalDate, Kind: KindDate, Required: true, Search: true, List: 110, Print: 30,
			Access: Str(func(d *CalendarDay) *Date { return &d.Date })},
		{Key: FieldCalKind, Kind: KindChoice, Required: true, Choices: Codes([]DayKind{DayHoliday, DayWorking}),
			Prefix: "calendar_kind.", List: 170, Print: 30, Access: Str(func(d *CalendarDay) *DayKind { return &d.Kind }),
			// A make-up working day only means something on a weekend:
			// Monday to Friday are worked anyway.
			Check: func(d *CalendarDay, _ Date) (string, string) {
				if t, ok := d.Date.Time(); ok && d.Kind == DayWorking && t.Weekday() != time.Saturday && t.Weekday() != time.Sunday {
					return CodeWorkdayWeekday, ""
				}
				return "", ""
			}},
		{Key: FieldCalName, Required: true, Max: 30, Search: true, List: 180, Print: 60,
			Access: Str(func(d *CalendarDay) *string { return &d.Name })},
	},
}

// Normalize and Validate make CalendarDay a record the store checks on save.
func (d *CalendarDay) Normalize() { CalendarRecord.Normalize(d) }

func (d *CalendarDay) Validate(today Date) error {
	if fes := CalendarRecord.Validate(d, today); len(fes) > 0 {
		return fes
	}
	return nil
}

// Calendar answers which days the office works: the week, with HR's
// holidays and make-up working days laid over it.
type Calendar struct {
	days map[Date]DayKind
}

// NewCalendar is the calendar of the listed days.
func NewCalendar(days []*CalendarDay) *Calendar {
	c := &Calendar{days: make(map[Date]DayKind, len(days))}
	for _, d := range days {
		c.days[d.Date] = d.Kind
	}
	return c
}

// Working reports whether the office works on day d. A malformed day is
// not a working day.
func (c *Calendar) Working(d Date) bool {
	if k, ok := c.days[d]; ok {
		return k == DayWorking
	}
	t, ok := d.Time()
	if !ok {
		return false
	}
	wd := t.Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

// addDays is the day n calendar days after d.
func addDays(d Date, n int) Date {
	t, ok := d.Time()
	if !ok {
		return d
	}
	return DateOf(t.AddDate(0, 0, n))
}

// AddWorking is the nth working day after start (start itself not
// counted): a deadline of n working days from a day something arrived.
// n ≤ 0 gives start.
func (c *Calendar) AddWorking(start Date, n int) Date {
	d := start
	if _, ok := start.Time(); !ok {
		return start
	}
	for n > 0 {
		d = addDays(d, 1)
		if c.Working(d) {
			n--
		}
	}
	return d
}

// WorkingBetween counts the working days after from up to and including
// to: 0 when to is not after from.
func (c *Calendar) WorkingBetween(from, to Date) int {
	if _, ok := from.Time(); !ok || to <= from {
		return 0
	}
	n := 0
	for d := addDays(from, 1); d <= to; d = addDays(d, 1) {
		if c.Working(d) {
			n++
		}
	}
	return n
}
