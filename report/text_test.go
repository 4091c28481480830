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
		{"客户满意度，很好。", 4, []string{"客户满意", "度，很", "好。"}},
		{"客户服务中心（东区）。", 5, []string{"客户服务中", "心（东", "区）。"}},
		{"售后服务部（一）", 6, []string{"售后服务部", "（一）"}},
		{"售后（一）服务", 3, []string{"售后", "（一）", "服务"}},
		{"hello world again", 11, []string{"hello world", "again"}},
		{"请联系 Wang Xiaoming 处理", 8, []string{"请联系 Wang", "Xiaoming", "处理"}},
		{"abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"第一行\n第二行", 10, []string{"第一行", "第二行"}},
		{"", 5, []string{""}},
	}
	for _, c := range cases {
		got := wrap(c.text, c.width, runeWidth, false)
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("wrap(%q, %v) = %q, want %q", c.text, c.width, got, c.want)
		}
	}
}

func TestWrapName(t *testing.T) {
	for _, c := range []struct {
		name  string
		width float64
		want  string
	}{
		{"阿依古丽·买买提", 6, "阿依古丽·|买买提"},
		{"阿依古丽·买买提", 10, "阿依古丽·买买提"},
		{"穆罕默德·阿卜杜拉·艾合买提", 7, "穆罕默德·|阿卜杜拉·|艾合买提"},
		{"欧阳娜娜", 2, "欧阳|娜娜"},
	} {
		if got := strings.Join(wrap(c.name, c.width, runeWidth, true), "|"); got != c.want {
			t.Errorf("name %q at %v: %q, want %q", c.name, c.width, got, c.want)
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
		lines := wrap(s, width, runeWidth, false)
		for _, ln := range lines {
			if runeWidth(ln) > width && utf8.RuneCountInString(strings.TrimSpace(ln)) > 1 {
				t.Fatalf("line %q wider than %v", ln, width)
			}
		}
		// Nothing but spaces at breaks may disappear.
		squash := func(x string) string { return strings.NewReplacer(" ", "", "\n", "").Replace(x) }
		if squash(strings.Join(lines, "")) != squash(s) {
			t.Fatalf("wrap lost characters: %q → %q", s, lines)
		}
	})
}
