package model

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestMaskPhone(t *testing.T) {
	for in, want := range map[string]string{
		"13812345678":        "138****5678",
		"138 1234 5678":      "138 **** 5678",
		"138-1234-5678":      "138-****-5678",
		"+86 138-1234-5678":  "+86 138-****-5678",
		"+8613812345678":     "+86138****5678",
		"0086 13812345678":   "0086 138****5678",
		"0086-138-1234-5678": "0086-138-****-5678",
		"010-62345678":       "010-****5678",
		"(010) 6234 5678":    "(010) **** 5678",
		"021-5234567":        "021-***4567",
		"0755 8888 9999":     "0755 **** 9999",
		"0755-88889999":      "0755-****9999",
		"07558888999":        "0755***8999",      // area code, 3 hidden, 4 shown
		"0755-888999":        "****-**8999",      // showing the area code would hide only 2
		"+86 10 6234 5678":   "+86 ** **** 5678", // a landline without its 0: only the last 4
		"+1 415 555 0100":    "+1 *** *** 0100",
		"+44 20 7946 0958":   "+44 ** **** 0958",
		"62345678":           "****5678",
		"6234567":            "***4567",
		"95588":              "***88",
		"123456":             "****56",
		"1234":               "**34",
		"110":                "***",
		"12":                 "**",
		"":                   "",
	} {
		if got := MaskPhone(in); got != want {
			t.Errorf("MaskPhone(%q) = %q, want %q", in, got, want)
		}
	}
}

// Hostile text in a phone field: letters, emoji and digits of other
// scripts are hidden like digits; full-width digits count as digits; the
// mask keeps the length and never panics.
func TestMaskPhoneHostile(t *testing.T) {
	for in, want := range map[string]string{
		"１３８１２３４５６７８":      "１３８****５６７８",
		"call 13812345678": "**** 138****5678",
		"138x1234y5678":    "138******5678",
		"😀😀😀":              "***",
		"١٣٨١٢٣٤٥٦٧٨":      "*******٥٦٧٨", // Arabic-Indic digits: never a mobile, so only the last 4
		"+":                "+",
		"+86":              "+**", // a country code alone is no number: hidden
		"+86 ":             "+** ",
		"0086":             "**86",
		"--()--":           "--()--",
		"\xff\xfe1381234":  "**" + "***1234",
	} {
		if got := MaskPhone(in); got != want {
			t.Errorf("MaskPhone(%q) = %q, want %q", in, got, want)
		}
	}
	long := strings.Repeat("1234567890", 10000)
	got := MaskPhone(long)
	if utf8.RuneCountInString(got) != len(long) || strings.Count(got, "*") != len(long)-4 || !strings.HasSuffix(got, "7890") {
		t.Errorf("a very long number: %d stars", strings.Count(got, "*"))
	}
}

func TestMaskEmail(t *testing.T) {
	for in, want := range map[string]string{
		"zhang.san@example.com":     "z***@example.com",
		"a@b.cn":                    "a***@b.cn",
		"张三@例子.中国":                  "张***@例子.中国",
		"\"a@b\"@example.com":       "\"***@example.com",
		"@example.com":              "***@example.com",
		"no-at-sign":                "n***",
		"😀x@y.z":                    "😀***@y.z",
		"\x01abc@y.z":               "****@y.z",
		"\xffabc@y.z":               "****@y.z",
		"":                          "",
		strings.Repeat("x", 5000):   "x***",
		"wang.wu+office@mail.co.uk": "w***@mail.co.uk",
	} {
		if got := MaskEmail(in); got != want {
			t.Errorf("MaskEmail(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMaskIDCard(t *testing.T) {
	for in, want := range map[string]string{
		"110101199003077777": "110101********7777",
		"11010119900307777X": "110101********777X",
		"110101900307777":    "110101*****7777", // the old 15-digit card
		"1101011990":         "********90",
		"12345":              "*****",
		"":                   "",
		"身份证号码不详一二三四五六七八": "身份证号码不*****五六七八",
	} {
		if got := MaskIDCard(in); got != want {
			t.Errorf("MaskIDCard(%q) = %q, want %q", in, got, want)
		}
	}
}

// Mask picks the rule by the field's kind, and the ID card by its key;
// any other sensitive text is hidden whole.
func TestMaskByKind(t *testing.T) {
	for _, c := range []struct {
		kind    Kind
		key, in string
		want    string
	}{
		{KindPhone, FieldPhone, "13812345678", "138****5678"},
		{KindEmail, FieldEmail, "zhang.san@example.com", "z***@example.com"},
		{KindText, FieldIDCard, "110101199003077777", "110101********7777"},
		{KindText, "address", "北京市 海淀区", "*** ***"},
		{KindPhone, FieldPhone, "", ""},
	} {
		if got := Mask(c.kind, c.key, c.in); got != c.want {
			t.Errorf("Mask(%v, %s, %q) = %q, want %q", c.kind, c.key, c.in, got, c.want)
		}
	}
}

// The advisor's ID card, phone and e-mail are personal data, and their
// fields mask by their own rule; a field that is not sensitive is shown.
func TestAdvisorSensitiveFields(t *testing.T) {
	var keys []string
	for _, f := range AdvisorRecord.SensitiveFields() {
		keys = append(keys, f.Key)
	}
	if !slices.Equal(keys, []string{FieldIDCard, FieldPhone, FieldEmail}) {
		t.Fatalf("sensitive fields %v", keys)
	}
	a := Advisor{Name: "张三", IDCard: "110101199003077777", Phone: "+86 138-1234-5678", Email: "zhang.san@example.com"}
	for key, want := range map[string]string{FieldIDCard: "110101********7777", FieldPhone: "+86 138-****-5678",
		FieldEmail: "z***@example.com", FieldName: "张三"} {
		f := AdvisorRecord.Field(key)
		if got := f.Mask(f.Get(&a)); got != want {
			t.Errorf("%s masked as %q, want %q", key, got, want)
		}
	}
}

// revealed counts the digits a mask left readable: those at their place.
func revealed(in, out string) (shown, hidden int) {
	a, b := []rune(in), []rune(out)
	for i, r := range a {
		if unicode.IsDigit(r) {
			if i < len(b) && b[i] == r {
				shown++
			} else {
				hidden++
			}
		}
	}
	return shown, hidden
}
