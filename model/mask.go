package model

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Masking shows personal data to people who may know that it is on file but
// not what it is (see Field.Sensitive). Every mask keeps the text's length
// in characters, except an e-mail's name part, and turns every character it
// hides into '*'; what stays readable is fixed by the rule of the value's
// kind, whatever the text holds: letters, emoji and digits of other scripts
// are hidden like digits.

// maskRune hides one character.
const maskRune = '*'

// phoneSeparators stay in place in a masked phone number, so that it keeps
// the shape people wrote it in.
const phoneSeparators = " -()+./\u3000"

// MaskPhone masks a telephone number, keeping spaces, dashes, brackets and a
// leading plus where they are and showing, of the digits:
//   - a mobile number (11 digits from 1): the first 3 and the last 4,
//     13812345678 → 138****5678;
//   - a landline from 0: its area code (3 digits for 010 and 02x, else 4)
//     and the last 4, 010-62345678 → 010-****5678;
//   - a country code (+86, 0086, or + and a group of at most 3 digits) is
//     shown and the rest masked as a number of its own;
//   - any other number of 7 digits or more: the last 4;
//   - a short number (at most 6 digits): the last 2 when it has 4 or more.
//
// At least 3 digits stay hidden (a landline too short for that hides its
// area code), except in a short number.
func MaskPhone(s string) string {
	digits := phoneDigits(s)
	cc := countryCode(s, digits)
	national := digits[cc:]
	lead, tail := phoneReveal(national)
	n := len(national)
	var b strings.Builder
	b.Grow(len(s))
	i := 0 // the index of the next digit among all digits
	for _, r := range s {
		switch {
		case unicode.IsDigit(r):
			k := i - cc // its index in the national number; < 0 in the country code
			if k < 0 || k < lead || k >= n-tail {
				b.WriteRune(r)
			} else {
				b.WriteRune(maskRune)
			}
			i++
		case strings.ContainsRune(phoneSeparators, r):
			b.WriteRune(r)
		default:
			b.WriteRune(maskRune)
		}
	}
	return b.String()
}

// phoneDigits are the digits of s, one byte each: '0'–'9' for ASCII and
// full-width digits, '?' for a digit of another script (it counts and is
// masked, but never makes a number a mobile or a landline).
func phoneDigits(s string) []byte {
	var out []byte
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			out = append(out, byte(r))
		case r >= '０' && r <= '９':
			out = append(out, byte('0'+r-'０'))
		case unicode.IsDigit(r):
			out = append(out, '?')
		}
	}
	return out
}

// countryCode is how many leading digits of s are a country code: 86 after
// a leading + or 0086, else after a leading + the first group of digits
// when it has at most 3 and a separator follows it. 0 for none.
func countryCode(s string, digits []byte) int {
	d := string(digits)
	switch {
	case strings.HasPrefix(s, "+86") && len(d) > 2:
		return 2
	case strings.HasPrefix(d, "0086") && len(d) > 4 && strings.HasPrefix(strings.TrimLeft(s, " "), "0086"):
		return 4
	case strings.HasPrefix(s, "+"):
		group := 0
		for _, r := range s[1:] {
			if !unicode.IsDigit(r) {
				if group >= 1 && group <= 3 && strings.ContainsRune(phoneSeparators, r) && group < len(d) {
					return group
				}
				return 0
			}
			group++
		}
	}
	return 0
}

// phoneReveal is how many leading and trailing digits of a national number
// a mask shows.
func phoneReveal(d []byte) (lead, tail int) {
	n := len(d)
	switch {
	case n <= 6:
		if n >= 4 {
			tail = 2
		}
		return 0, tail
	case n == 11 && d[0] == '1':
		lead, tail = 3, 4
	case d[0] == '0' && (d[1] == '1' || d[1] == '2'):
		lead, tail = 3, 4
	case d[0] == '0':
		lead, tail = 4, 4
	default:
		tail = 4
	}
	if n-lead-tail < 3 { // a short landline: its area code would leave too little hidden
		lead = 0
	}
	return lead, tail
}

// MaskEmail shows an address's first character and its domain, the rest of
// its name as three stars whatever its length: zhang.san@example.com →
// z***@example.com. A text without @ shows only its first character.
func MaskEmail(s string) string {
	if s == "" {
		return ""
	}
	at := strings.LastIndexByte(s, '@')
	name, domain := s, ""
	if at >= 0 {
		name, domain = s[:at], s[at:]
	}
	first, size := utf8.DecodeRuneInString(name)
	if size == 0 {
		return "***" + domain
	}
	if !unicode.IsPrint(first) || first == utf8.RuneError {
		first = maskRune
	}
	return string(first) + "***" + domain
}

// MaskIDCard masks a resident identity card number the way Chinese forms
// commonly print one: the first 6 characters (the region of issue) and the
// last 4 shown, the 8 of the birth date hidden, 110101199003077777 →
// 110101********7777. A value shorter than 15 characters (no card number)
// shows only its last 2 characters, and nothing below 6.
func MaskIDCard(s string) string {
	n := utf8.RuneCountInString(s)
	lead, tail := 6, 4
	if n < 15 {
		lead, tail = 0, 2
		if n < 6 {
			tail = 0
		}
	}
	var b strings.Builder
	b.Grow(len(s))
	i := 0
	for _, r := range s {
		if i < lead || i >= n-tail {
			b.WriteRune(r)
		} else {
			b.WriteRune(maskRune)
		}
		i++
	}
	return b.String()
}

// maskAll hides every character of a sensitive text that has no rule of
// its own, spaces apart.
func maskAll(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return r
		}
		return maskRune
	}, s)
}

// Mask masks the value of a sensitive field by the field's kind: a phone
// number, an e-mail address, the ID card number (by its key), and any
// other text in full.
func Mask(kind Kind, fieldKey string, s string) string {
	switch {
	case s == "":
		return ""
	case kind == KindPhone:
		return MaskPhone(s)
	case kind == KindEmail:
		return MaskEmail(s)
	case fieldKey == FieldIDCard:
		return MaskIDCard(s)
	}
	return maskAll(s)
}
