package storage

import (
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/mozillazg/go-pinyin"
)

// toneless maps pinyin's tone-marked vowels to the letters typed for them
// (ü as v, as Chinese input methods do).
var toneless = strings.NewReplacer(
	"ā", "a", "á", "a", "ǎ", "a", "à", "a", "ē", "e", "é", "e", "ě", "e", "è", "e", "ê", "e",
	"ō", "o", "ó", "o", "ǒ", "o", "ò", "o", "ī", "i", "í", "i", "ǐ", "i", "ì", "i",
	"ū", "u", "ú", "u", "ǔ", "u", "ù", "u", "ü", "v", "ǖ", "v", "ǘ", "v", "ǚ", "v", "ǜ", "v",
	"ń", "n", "ň", "n", "ǹ", "n", "ḿ", "m", "\u0300", "", "\u0301", "", "\u0304", "", "\u030c", "")

// readings are the tone-less pinyin readings of a Han character, the most
// common first; nil for anything else. Each character's are worked out once
// and kept (readingsOf): every save of a customer, reception or call spells
// the customer's name, and the tone replacer was most of that.
func readings(r rune) []string {
	if !unicode.Is(unicode.Han, r) {
		return nil
	}
	if rs, ok := readingsOf.Load(r); ok {
		return rs.([]string)
	}
	v, ok := pinyin.PinyinDict[int(r)]
	if !ok {
		return nil
	}
	rs := strings.Split(toneless.Replace(v), ",")
	readingsOf.Store(r, rs)
	return rs
}

// readingsOf holds the readings worked out so far, by character; callers
// share the slices and never change them.
var readingsOf sync.Map

// pinyinSearch is what a name adds to the searchable text so that typing
// its pinyin finds it: the full spelling and the initials, without tones
// ("董静" → "dongjing dj"). Surnames have readings of their own (单 shan,
// 曾 zeng), so every reading of the first character is spelled out too.
func pinyinSearch(name string) string {
	var full, initials strings.Builder
	var first []string
	for _, r := range name {
		rs := readings(r)
		if len(rs) == 0 || rs[0] == "" {
			continue
		}
		if first == nil {
			first = rs
		}
		full.WriteString(rs[0])
		initials.WriteByte(rs[0][0])
	}
	if first == nil {
		return ""
	}
	restFull := full.String()[len(first[0]):]
	restInitials := initials.String()[1:]
	words := []string{full.String(), initials.String()}
	for _, alt := range first[1:] {
		if alt == "" {
			continue
		}
		for _, w := range []string{alt + restFull, alt[:1] + restInitials} {
			if !slices.Contains(words, w) {
				words = append(words, w)
			}
		}
	}
	return strings.Join(words, " ")
}

// searchTerms are the words of what was typed, folded; a word that mixes
// Han characters with letters or digits ("李j", half typed before the input
// method was switched) is taken as its runs, each a word of its own: the
// characters match themselves and the letters a name's pinyin, so "李j"
// finds 李建国. A character typed never matches pinyin, which is letters.
func searchTerms(typed string) []string {
	var terms []string
	for _, w := range strings.Fields(FoldSearch(typed)) {
		start, han := 0, false
		for i, r := range w {
			h := unicode.Is(unicode.Han, r)
			if i > 0 && h != han {
				terms = append(terms, w[start:i])
				start = i
			}
			han = h
		}
		terms = append(terms, w[start:])
	}
	return terms
}
