package report

import (
	"slices"
	"testing"

	"advisordesk/i18n"
	"advisordesk/model"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// A cut face must draw every character asked for, including those whose
// glyph the full face shares with another code point (人 and ⼈).
func TestCutKeepsEveryCharacter(t *testing.T) {
	fs, err := faces()
	if err != nil {
		t.Fatal(err)
	}
	text := []rune("人车女工用日门入户生星河汽服务号理AZaz09，。（）〓")
	// and every character of both languages' texts and of the demo office
	for _, lang := range i18n.Langs {
		l, _ := i18n.For(lang)
		for _, key := range l.Keys() {
			text = append(text, []rune(l.T(key))...)
		}
	}
	for _, a := range model.DemoAdvisors(300, 1, "2026-11-27") {
		text = append(text, []rune(a.Name+a.Department+a.Supervisor+a.Notes)...)
	}
	slices.Sort(text)
	text = slices.Compact(text)
	for i, f := range fs {
		b, err := cut(f, text, nil)
		if err != nil {
			t.Fatal(err)
		}
		sub, err := sfnt.Parse(b.File)
		if err != nil {
			t.Fatalf("face %d: cut face does not parse: %v", i, err)
		}
		var buf sfnt.Buffer
		for _, r := range text {
			g, err := sub.GlyphIndex(&buf, r)
			if err != nil || g == 0 {
				t.Fatalf("face %d: %c has no glyph in the cut face", i, r)
			}
			if r == ' ' || r == '\n' || r == '\u3000' {
				continue
			}
			segs, err := sub.LoadGlyph(&buf, g, fixed.I(64), nil)
			if err != nil || len(segs) == 0 {
				t.Fatalf("face %d: %c draws nothing (%v)", i, r, err)
			}
		}
	}
}
