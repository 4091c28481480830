package model

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Date is a calendar day written as YYYY-MM-DD. It sorts as text, reads the same
// in every language and needs no time zone. The zero value means "not given".
type Date string

var dateParts = regexp.MustCompile(`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$`)

// ParseDate accepts the ways an office writes a day: 2024-03-05, 2024/3/5,
// 2024.3.5, 20240305 and 2024年3月5日. Empty input gives the zero Date.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	var y, m, d int
	if len(s) == 8 && isDigits(s) {
		y, _ = strconv.Atoi(s[:4])
		m, _ = strconv.Atoi(s[4:6])
		d, _ = strconv.Atoi(s[6:])
	} else if p := dateParts.FindStringSubmatch(s); p != nil {
		y, _ = strconv.Atoi(p[1])
		m, _ = strconv.Atoi(p[2])
		d, _ = strconv.Atoi(p[3])
	} else {
		return "", fmt.Errorf("not a date: %q", s)
	}
	if y < 1900 || y > 2999 {
		return "", fmt.Errorf("year out of range: %q", s)
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != m || t.Day() != d {
		return "", fmt.Errorf("no such day: %q", s)
	}
	return DateOf(t), nil
}

// DateOf is the calendar day of t in t's own location.
func DateOf(t time.Time) Date { return Date(t.Format("2006-01-02")) }

// Time is the day at midnight UTC; ok is false for the zero or a malformed Date.
func (d Date) Time() (t time.Time, ok bool) {
	t, err := time.Parse("2006-01-02", string(d))
	return t, err == nil
}

func (d Date) IsZero() bool   { return d == "" }
func (d Date) String() string { return string(d) }

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
