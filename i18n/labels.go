// Package i18n gives the program's texts in English or Simplified Chinese
// outside the window: on printed forms, in exports and in CLI messages. It
// reads the same translation files as the window.
package i18n

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"

	"advisordesk/assets"
)

// Labels are one language's texts.
type Labels struct {
	Lang string
	m    map[string]string
}

// Langs are the languages the program speaks.
var Langs = []string{"zh", "en"}

// loaded holds each language's labels, parsed once per process; Labels
// are never changed after loading, so they are shared.
var loaded = map[string]func() (*Labels, error){
	"zh": sync.OnceValues(func() (*Labels, error) { return load("zh", "zh_Hans.json") }),
	"en": sync.OnceValues(func() (*Labels, error) { return load("en", "en.json") }),
}

// For returns the labels for "zh" or "en".
func For(lang string) (*Labels, error) {
	get := loaded[lang]
	if get == nil {
		return nil, fmt.Errorf("unknown language %q: use zh or en", lang)
	}
	return get()
}

func load(lang, file string) (*Labels, error) {
	b, err := assets.Translations.ReadFile("translations/" + file)
	if err != nil {
		return nil, err
	}
	l := &Labels{Lang: lang, m: map[string]string{}}
	return l, json.Unmarshal(b, &l.m)
}

// T is the text for key with {{.Name}} placeholders filled from pairs
// ("Name", value, …). A missing key prints as itself, visibly.
func (l *Labels) T(key string, pairs ...any) string {
	s, ok := l.m[key]
	if !ok {
		return key
	}
	for i := 0; i+1 < len(pairs); i += 2 {
		s = strings.ReplaceAll(s, "{{."+fmt.Sprint(pairs[i])+"}}", fmt.Sprint(pairs[i+1]))
	}
	return s
}

// Has reports whether the language has a text for key (a plural's ".one").
func (l *Labels) Has(key string) bool {
	_, ok := l.m[key]
	return ok
}

// Keys lists every text key, for tests that check all texts at once.
func (l *Labels) Keys() []string {
	keys := make([]string, 0, len(l.m))
	for k := range l.m {
		keys = append(keys, k)
	}
	return keys
}

// N is the text for key with {{.N}} set to n, in the language's plural form:
// key+".one" when n is 1 and the language has such a form (English "1 form"),
// key otherwise (Chinese has one form).
func (l *Labels) N(key string, n int, pairs ...any) string {
	if _, ok := l.m[key+".one"]; ok && n == 1 {
		key += ".one"
	}
	return l.T(key, append([]any{"N", Count(n)}, pairs...)...)
}
