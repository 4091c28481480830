package report

import (
	"strings"
	"unicode"
)

// Missing stands in for a character the font cannot draw: 〓 (geta mark) is
// what Chinese typesetting has long printed for a missing glyph, so a reader
// sees that something is there.
const Missing = '〓'

// sanitize keeps what gofpdf can draw: characters outside the Basic
// Multilingual Plane make it panic and control characters print as boxes.
func sanitize(s string, has func(rune) bool) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t':
			return ' '
		case r == '\n':
			return r
		case unicode.IsControl(r) || r == unicode.ReplacementChar:
			return -1
		case r > 0xFFFF || (has != nil && !has(r)):
			return Missing
		}
		return r
	}, s)
}

// noLineStart are the closing marks that must not begin a line; they hang
// at the end of the line before instead.
const noLineStart = "，。、；：？！）》」』】〕〉”’…—,.;:?!)]}%"

func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) ||
		unicode.Is(unicode.Hangul, r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF) || r == Missing
}

// tokens splits a paragraph into the units a line may break between: one
// CJK character, a run of other non-space characters (a Latin word or a
// number), or a run of spaces.
func tokens(s string) []string {
	var out []string
	rs := []rune(s)
	for i := 0; i < len(rs); {
		j := i + 1
		switch {
		case isCJK(rs[i]):
		case rs[i] == ' ':
			for j < len(rs) && rs[j] == ' ' {
				j++
			}
		default:
			for j < len(rs) && rs[j] != ' ' && !isCJK(rs[j]) {
				j++
			}
		}
		out = append(out, string(rs[i:j]))
		i = j
	}
	return out
}

// wrap breaks text into lines no wider than width as measured by measure.
// gofpdf's own MultiCell drops the CJK character at each break, so the form
// code wraps here: between CJK characters, between Latin words (a word longer
// than a line is cut), closing punctuation kept off a line's start, explicit
// newlines kept. No character is lost.
func wrap(text string, width float64, measure func(string) float64) []string {
	var lines []string
	for _, para := range strings.Split(text, "\n") {
		var line strings.Builder
		lineW := 0.0
		flush := func() {
			lines = append(lines, strings.TrimRight(line.String(), " "))
			line.Reset()
			lineW = 0
		}
		for _, tok := range tokens(para) {
			w := measure(tok)
			switch {
			case lineW+w <= width || line.Len() == 0 && w <= width:
			case strings.ContainsRune(noLineStart, []rune(tok)[0]) && len([]rune(tok)) == 1:
				// hang the mark past the edge rather than start a line with it
			case strings.TrimSpace(tok) == "":
				continue // a break eats the spaces at it
			case w > width:
				// A word longer than a line: cut it by characters.
				for _, r := range tok {
					cw := measure(string(r))
					if lineW+cw > width && line.Len() > 0 {
						flush()
					}
					line.WriteRune(r)
					lineW += cw
				}
				continue
			default:
				flush()
			}
			if line.Len() == 0 && strings.TrimSpace(tok) == "" {
				continue
			}
			line.WriteString(tok)
			lineW += w
		}
		flush()
	}
	return lines
}
