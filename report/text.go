package report

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"advisordesk/model"
)

// Missing stands in for a character the font cannot draw: 〓 (geta mark) is
// what Chinese typesetting has long printed for a missing glyph, so a reader
// sees that something is there.
const Missing = '〓'

// sanitize keeps what the document's faces can draw (has; without it, the
// BMP): control characters print as boxes, so they go; a character without a
// glyph prints as 〓.
func sanitize(s string, has func(rune) bool) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t':
			return ' '
		case r == '\n':
			return r
		case unicode.IsControl(r) || r == unicode.ReplacementChar:
			return -1
		case has == nil && r > 0xFFFF || has != nil && !has(r):
			return Missing
		}
		return r
	}, s)
}

// Unprintable lists the characters of texts that no bundled face can draw,
// in order, once each: they print as 〓. Forms and imports warn about them
// where a name is typed or read.
func Unprintable(texts ...string) []rune {
	fs, err := faces()
	if err != nil {
		return nil
	}
	var out []rune
	seen := map[rune]bool{}
	for _, t := range texts {
		for _, r := range t {
			if r == '\n' || r == '\t' || unicode.IsControl(r) || r == unicode.ReplacementChar || seen[r] || hasGlyph(fs[0], r) {
				continue
			}
			seen[r] = true
			out = append(out, r)
		}
	}
	return out
}

// noLineStart are the closing marks that must not begin a line, noLineEnd
// the opening marks that must not end one (the line-breaking rules of
// Chinese typesetting, GB/T 15834 and the W3C's clreq).
const (
	noLineStart = "，。、；：？！）》」』】〕〉”’…—,.;:?!)]}%"
	noLineEnd   = "（《「『【〔〈“‘([{"
)

// nameDots join the parts of a transliterated name (阿依古丽·买买提).
const nameDots = "·・•"

func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) ||
		unicode.Is(unicode.Hangul, r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF) || r == Missing ||
		(r >= 0xE000 && r <= 0xF8FF) // private use: the non-BMP ideographs a document maps there
}

// tokens splits a paragraph into the units a line may break between: one
// CJK character, a run of other non-space characters (a Latin word or a
// number), or a run of spaces. In a name (asName) the units are the name's
// parts, each with the dot that ends it.
func tokens(s string, asName bool) []string {
	var out []string
	rs := []rune(s)
	if asName && strings.ContainsAny(s, nameDots) {
		start := 0
		for i, r := range rs {
			if strings.ContainsRune(nameDots, r) {
				out = append(out, string(rs[start:i+1]))
				start = i + 1
			}
		}
		if start < len(rs) {
			out = append(out, string(rs[start:]))
		}
		return out
	}
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

func first(tok string) rune { r, _ := utf8.DecodeRuneInString(tok); return r }
func last(tok string) rune  { r, _ := utf8.DecodeLastRuneInString(tok); return r }

// wrap breaks text into lines no wider than width as measured by measure.
// gofpdf's own MultiCell drops the CJK character at each break, so the form
// code wraps here: between CJK characters, between Latin words (a word longer
// than a line is cut), explicit newlines kept. A closing mark never starts a
// line (it takes the character before it along) and an opening mark never
// ends one; nothing is drawn past width, and no character is lost. asName
// breaks a name only between its parts.
func wrap(text string, width float64, measure func(string) float64, asName bool) []string {
	var lines []string
	for _, para := range strings.Split(text, "\n") {
		var line []string // tokens of the line being filled
		lineW := 0.0
		flush := func() {
			lines = append(lines, strings.TrimRight(strings.Join(line, ""), " "))
			line, lineW = line[:0], 0
		}
		add := func(tok string, w float64) {
			line = append(line, tok)
			lineW += w
		}
		for _, tok := range tokens(para, asName) {
			w := measure(tok)
			if lineW+w <= width || len(line) == 0 && w <= width {
				if len(line) > 0 || strings.Trim(tok, " ") != "" {
					add(tok, w)
				}
				continue
			}
			if strings.Trim(tok, " ") == "" {
				continue // a break eats the spaces at it
			}
			// The line is full. Carry tokens that may not stay at its end (an
			// opening mark) or must come along (the character before a closing
			// mark), as long as something stays behind.
			var carry []string
			for next := tok; strings.ContainsRune(noLineStart, first(next)) && len(line) > 1; {
				next = line[len(line)-1]
				carry = append([]string{next}, carry...)
				line = line[:len(line)-1]
			}
			for len(line) > 1 && strings.ContainsRune(noLineEnd, last(line[len(line)-1])) {
				carry = append([]string{line[len(line)-1]}, carry...)
				line = line[:len(line)-1]
			}
			if len(line) > 0 {
				flush()
			}
			for _, c := range carry {
				add(c, measure(c))
			}
			if lineW+w <= width || len(line) == 0 && w <= width {
				add(tok, w)
				continue
			}
			if len(line) > 0 {
				flush()
			}
			// A word longer than a line: cut it by characters.
			for _, r := range tok {
				cw := measure(string(r))
				if lineW+cw > width && len(line) > 0 {
					flush()
				}
				add(string(r), cw)
			}
		}
		flush()
	}
	return lines
}

// UnprintableNotes tell, row by row, which names, departments and
// supervisors of an import hold characters that will print as 〓.
func UnprintableNotes(imp *model.AdvisorImport) []model.Note {
	var out []model.Note
	for _, r := range imp.Rows {
		a := &r.Rec
		for _, text := range []string{a.Name, a.Department, a.Supervisor} {
			if miss := Unprintable(text); len(miss) > 0 {
				out = append(out, model.Note{Key: "import.unprintable", Args: map[string]any{"Row": r.Row, "Text": text, "Chars": string(miss)}})
			}
		}
	}
	return out
}
