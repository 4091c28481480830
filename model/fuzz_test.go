package model

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

func TestParseNumber(t *testing.T) {
	good := map[string]float64{"85": 85, " 85.5 ": 85.5, "８５．５": 85.5, "85，5": 85.5, "-10": -10, "＋3": 3, ".5": 0.5, "7.": 7}
	for in, want := range good {
		if v, err := ParseNumber(in); err != nil || v != want {
			t.Errorf("%q: %v %v, want %v", in, v, err, want)
		}
	}
	for _, in := range []string{"", "NaN", "inf", "-Inf", "0x10", "1e3", "1_000", "8 5", "八十", "85%", "1.2.3", strings.Repeat("9", 400)} {
		if v, err := ParseNumber(in); err == nil {
			t.Errorf("%q read as %v", in, v)
		}
	}
}

// A number read is finite and reads back the same when written out.
func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"85", "８５．５", "-0.5", "1e3", "NaN", "  7 ", "+.5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseNumber(s)
		if err != nil {
			return
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Fatalf("%q read as %v", s, v)
		}
		if w, err := ParseNumber(strconv.FormatFloat(v, 'f', -1, 64)); err != nil || w != v {
			t.Fatalf("%q: %v reads back as %v (%v)", s, v, w, err)
		}
	})
}

// A phone number accepted has between 7 and 15 digits and nothing but
// digits, spaces, dashes, brackets and a leading plus; no input panics.
func FuzzValidPhone(f *testing.F) {
	for _, s := range []string{"13800138000", "+86 139 1234 5678", "010-12345678", "(021) 1234 5678", "+8", "+86", "1234567", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !ValidPhone(s) {
			return
		}
		digits := 0
		for i, r := range s {
			switch {
			case r >= '0' && r <= '9':
				digits++
			case r == '+' && i == 0, r == ' ', r == '-', r == '(', r == ')':
			default:
				t.Fatalf("%q accepted with %q", s, r)
			}
		}
		if digits < 7 || digits > 15 {
			t.Fatalf("%q accepted with %d digits", s, digits)
		}
	})
}
