package report

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// Each character is one unit wide; widths are counted in characters.
func runeWidth(s string) float64 { return float64(utf8.RuneCountInString(s)) }

func TestWrapKeepsEveryCharacter(t *testing.T) {
	cases := []struct {
		text  string
		width float64
		want  []string
	}{
		{"服务顾问管理制度", 3, []string{"服务顾", "问管理", "制度"}},
		{"客户满意度，很好。", 4, []string{"客户满意", "度，很好。"}},
		{"hello world again", 11, []string{"hello world", "again"}},
		{"请联系 Wang Xiaoming 处理", 8, []string{"请联系 Wang", "Xiaoming", "处理"}},
		{"abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"第一行\n第二行", 10, []string{"第一行", "第二行"}},
		{"", 5, []string{""}},
	}
	for _, c := range cases {
		got := wrap(c.text, c.width, runeWidth)
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("wrap(%q, %v) = %q, want %q", c.text, c.width, got, c.want)
		}
	}
}

func TestSanitize(t *testing.T) {
	got := sanitize("吉\U00020BB7野家\x07\tA", nil)
	if got != "吉〓野家 A" {
		t.Fatalf("sanitize: %q", got)
	}
	noX := func(r rune) bool { return r != 'X' }
	if got := sanitize("AXB", noX); got != "A〓B" {
		t.Fatalf("missing glyph: %q", got)
	}
}

func FuzzWrap(f *testing.F) {
	f.Add("服务顾问 service advisor，客户满意度。", 5.0)
	f.Add("a\n\nb  c", 1.0)
	f.Fuzz(func(t *testing.T, s string, width float64) {
		if width < 1 || width > 200 || !utf8.ValidString(s) {
			return
		}
		s = sanitize(s, nil)
		lines := wrap(s, width, runeWidth)
		// Nothing but spaces at breaks may disappear.
		squash := func(x string) string { return strings.NewReplacer(" ", "", "\n", "").Replace(x) }
		if squash(strings.Join(lines, "")) != squash(s) {
			t.Fatalf("wrap lost characters: %q → %q", s, lines)
		}
	})
}
