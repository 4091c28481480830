package model

import (
	"math"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
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

// A masked phone number keeps its length in characters and its
// separators; it shows at most 4 leading and 4 trailing digits besides a
// country code (+ and at most 3 digits, or 0086), and hides at least 3
// digits of the rest (all but 2 of a number of 4 or 5); no input panics.
func FuzzMaskPhone(f *testing.F) {
	for _, s := range []string{"13812345678", "+86 138-1234-5678", "0086 13812345678", "010-62345678", "0755 8888 9999",
		"+1 415 555 0100", "95588", "１３８１２３４５６７８", "١٣٨١٢٣٤٥٦٧٨", "😀1", "\xff12", "+", "+86", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m := MaskPhone(s)
		if utf8.RuneCountInString(m) != utf8.RuneCountInString(s) {
			t.Fatalf("%q masked as %q: length changed", s, m)
		}
		in, out := []rune(s), []rune(m)
		cc := 0 // the digits of a country code, which may stay readable
		switch {
		case strings.HasPrefix(s, "+"):
			for cc < 3 && cc+1 < len(in) && unicode.IsDigit(in[cc+1]) {
				cc++
			}
		case strings.HasPrefix(strings.TrimLeft(s, " "), "0086"):
			cc = 4
		}
		shown, hidden := revealed(s, m)
		if shown > 8+cc {
			t.Fatalf("%q masked as %q shows %d digits", s, m, shown)
		}
		if total := shown + hidden; hidden < min(3, total-cc-2) {
			t.Fatalf("%q masked as %q hides %d of %d digits", s, m, hidden, total)
		}
		for i, r := range out {
			if r != in[i] && r != '*' {
				t.Fatalf("%q masked as %q: %q at %d", s, m, r, i)
			}
			if r == in[i] && r != '*' && !unicode.IsDigit(r) && !strings.ContainsRune(phoneSeparators, r) {
				t.Fatalf("%q masked as %q shows %q", s, m, r)
			}
		}
		// The same text as an ID card number: its length kept, at most
		// 6 + 4 characters shown; as an e-mail address, no panic.
		id := []rune(MaskIDCard(s))
		if len(id) != len(in) {
			t.Fatalf("%q as an ID card: %q", s, string(id))
		}
		kept := 0
		for i, r := range id {
			if r != '*' {
				kept++
				if r != in[i] {
					t.Fatalf("%q as an ID card: %q", s, string(id))
				}
			}
		}
		if kept > 10 || (len(in) < 15 && kept > 2) {
			t.Fatalf("%q as an ID card shows %d characters: %q", s, kept, string(id))
		}
		_ = MaskEmail(s)
	})
}
