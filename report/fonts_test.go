package report

import (
	"bytes"
	"compress/zlib"
	"io"
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
		b, err := cut(f, text, nil, text[:len(text)/2])
		if err != nil {
			t.Fatal(err)
		}
		sub, err := sfnt.Parse(b.File)
		if err != nil {
			t.Fatalf("face %d: cut face does not parse: %v", i, err)
		}
		var buf sfnt.Buffer
		for _, r := range text {
			if r == '\n' { // a line break, never drawn
				continue
			}
			g, err := sub.GlyphIndex(&buf, r)
			if err != nil || g == 0 {
				t.Fatalf("face %d: %c has no glyph in the cut face", i, r)
			}
			if r == ' ' || r == '\u3000' {
				continue
			}
			segs, err := sub.LoadGlyph(&buf, g, fixed.I(64), nil)
			if err != nil || len(segs) == 0 {
				t.Fatalf("face %d: %c draws nothing (%v)", i, r, err)
			}
		}
	}
}

// A face compressed in parts, its shared part kept from an earlier cut,
// must inflate to the face itself.
func TestCutPackedInflatesToTheFace(t *testing.T) {
	fs, err := faces()
	if err != nil {
		t.Fatal(err)
	}
	common := []rune("姓名部门岗位工号上级评语签字日期")
	for _, extra := range []string{"王小明", "李𪟝龘", "王小明"} {
		runes := append([]rune(extra), common...)
		slices.Sort(runes)
		runes = slices.Compact(runes)
		pua := map[rune]rune{}
		for i, r := range runes {
			if r > 0xFFFF {
				pua[0xE000] = r
				runes[i] = 0xE000
			}
		}
		slices.Sort(runes)
		subsetMu.Lock()
		c, err := cut(fs[0], runes, pua, common)
		subsetMu.Unlock()
		if err != nil {
			t.Fatal(err)
		}
		zr, err := zlib.NewReader(bytes.NewReader(c.Packed))
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(zr)
		if err != nil {
			t.Fatalf("%s: %v", extra, err)
		}
		if !bytes.Equal(got, c.File) {
			t.Fatalf("%s: the packed face inflates to %d bytes that are not the face (%d bytes)", extra, len(got), len(c.File))
		}
	}
}
