package model

import (
	"errors"
	"regexp"
	"strconv"
	"strings"
)

var (
	numberPattern = regexp.MustCompile(`^[+-]?(\d+(\.\d*)?|\.\d+)$`)
	// Chinese input methods type full-width digits and signs, and a
	// full-width comma or full stop where a decimal point was meant.
	fullWidth = strings.NewReplacer("０", "0", "１", "1", "２", "2", "３", "3", "４", "4", "５", "5", "６", "6",
		"７", "7", "８", "8", "９", "9", "．", ".", "，", ".", "。", ".", "－", "-", "＋", "+", "\u3000", " ")
)

// ParseNumber reads a number as people type one into a score, weight or
// percentage field: digits with an optional sign and decimal point, ASCII or
// full-width, spaces around. Words, NaN, infinities, hex and exponents are
// refused, so that a slip never becomes a number nobody meant.
func ParseNumber(s string) (float64, error) {
	s = strings.TrimSpace(fullWidth.Replace(s))
	if !numberPattern.MatchString(s) {
		return 0, errors.New("not a number")
	}
	return strconv.ParseFloat(s, 64)
}
