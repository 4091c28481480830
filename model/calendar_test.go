package model

import "testing"

// china2026 is the part of the State Council's 2026 holiday notice (国办发明电,
// 2025-11-04) around National Day: 中秋节 25–27 September off, 国庆节 1–7
// October off, Sunday 20 September and Saturday 10 October worked (调休).
func china2026() *Calendar {
	var days []*CalendarDay
	for _, d := range []Date{"2026-09-25", "2026-09-26", "2026-09-27"} {
		days = append(days, &CalendarDay{Date: d, Kind: DayHoliday, Name: "中秋节"})
	}
	for _, d := range []Date{"2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06", "2026-10-07"} {
		days = append(days, &CalendarDay{Date: d, Kind: DayHoliday, Name: "国庆节"})
	}
	days = append(days, &CalendarDay{Date: "2026-09-20", Kind: DayWorking, Name: "国庆节调休上班"},
		&CalendarDay{Date: "2026-10-10", Kind: DayWorking, Name: "国庆节调休上班"})
	return NewCalendar(days)
}

func TestCalendarNationalDay2026(t *testing.T) {
	cal, week := china2026(), NewCalendar(nil)
	// Counted by hand: 1–7 Oct off; Thu 8, Fri 9, Sat 10 (worked), Mon 12.
	if n := cal.WorkingBetween("2026-09-30", "2026-10-12"); n != 4 {
		t.Errorf("working days 30 Sep → 12 Oct = %d, want 4", n)
	}
	if n := week.WorkingBetween("2026-09-30", "2026-10-12"); n != 8 {
		t.Errorf("plain weeks 30 Sep → 12 Oct = %d, want 8", n)
	}
	for _, c := range []struct {
		start Date
		n     int
		want  Date
	}{
		{"2026-09-30", 1, "2026-10-08"},
		{"2026-09-30", 3, "2026-10-10"}, // the make-up Saturday counts
		{"2026-09-30", 4, "2026-10-12"}, // Sunday 11 does not
		{"2026-09-30", 5, "2026-10-13"},
		{"2026-09-30", 7, "2026-10-15"},
		{"2026-09-18", 1, "2026-09-20"}, // the make-up Sunday
		{"2026-09-24", 1, "2026-09-28"}, // 中秋 Friday off
		{"2026-09-30", 0, "2026-09-30"},
	} {
		if got := cal.AddWorking(c.start, c.n); got != c.want {
			t.Errorf("%d working days after %s = %s, want %s", c.n, c.start, got, c.want)
		}
	}
	for d, want := range map[Date]bool{"2026-10-10": true, "2026-10-11": false, "2026-10-05": false,
		"2026-09-20": true, "2026-09-19": false, "2026-10-08": true, "bad": false} {
		if cal.Working(d) != want {
			t.Errorf("Working(%s) = %v, want %v", d, !want, want)
		}
	}
}

// A make-up working day (调休) on a weekday is refused beside its kind.
func TestWorkingDayOnAWeekdayRefused(t *testing.T) {
	d := &CalendarDay{Date: "2026-12-02", Kind: DayWorking, Name: "测试调休"}
	fes, _ := AsFieldErrors(d.Validate("2026-11-27"))
	if fe := fes.For(FieldCalKind); fe == nil || fe.Code != CodeWorkdayWeekday {
		t.Fatalf("a working Wednesday: %v", fes)
	}
	if err := (&CalendarDay{Date: "2026-10-10", Kind: DayWorking, Name: "调休"}).Validate("2026-11-27"); err != nil {
		t.Fatalf("a working Saturday: %v", err)
	}
}
