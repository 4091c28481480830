package storage

import (
	"strings"
	"testing"
)

func TestPinyinSearch(t *testing.T) {
	for name, want := range map[string][]string{
		"董静":    {"dongjing", "dj"},
		"王小明":   {"wangxiaoming", "wxm"},
		"吕布":    {"lvbu", "lb"},
		"曾国藩":   {"cengguofan", "cgf", "zengguofan", "zgf"}, // the surname reads zeng
		"单雄信":   {"shanxiongxin", "sxx"},
		"Tony王": {"wang", "w"},
		"𠮷田":    {"tian"}, // a character the table lacks is skipped, the rest still spelled
	} {
		got := strings.Fields(pinyinSearch(name))
		for _, w := range want {
			if !contains(got, w) {
				t.Errorf("pinyinSearch(%s) = %v, lacks %q", name, got, w)
			}
		}
	}
	if got := pinyinSearch("Smith 123"); got != "" {
		t.Errorf("a name without Han characters has no pinyin, got %q", got)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestRosterSearchByPinyin(t *testing.T) {
	db := openTemp(t)
	for i, name := range []string{"董静", "王小明", "曾小贤", "Anna Li"} {
		if err := db.Advisors.Save(advisor("SA00"+string(rune('1'+i)), name)); err != nil {
			t.Fatal(err)
		}
	}
	for typed, want := range map[string]string{
		"dong": "董静", "DJ": "董静", "dongj": "董静", "jing dong": "董静",
		"wxm": "王小明", "xiaoming": "王小明", "zengxiaoxian": "曾小贤", "zxx": "曾小贤",
	} {
		recs, total, err := db.Advisors.FindRecords(Query{Text: typed, Sort: -1})
		if err != nil || total != 1 || recs[0].Name != want {
			var names []string
			for _, r := range recs {
				names = append(names, r.Name)
			}
			t.Errorf("%q found %v (%v), want only %s", typed, names, err, want)
		}
	}
}
