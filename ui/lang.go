package ui

import (
	"strings"

	"advisordesk/assets"
	"advisordesk/i18n"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

// Language choices in Settings; "" follows the operating system.
const (
	langSystem = ""
	langZh     = "zh"
	langEn     = "en"
	prefLang   = "language"
)

// tr is the window's text for a translation key, with {{.Name}} placeholders
// filled from pairs ("Name", value, …).
func tr(key string, pairs ...any) string {
	if len(pairs) == 0 {
		return lang.X(key, key)
	}
	data := map[string]any{}
	for i := 0; i+1 < len(pairs); i += 2 {
		data[pairs[i].(string)] = pairs[i+1]
	}
	return lang.X(key, key, data)
}

// trN is tr for a count: key+".one" when n is 1 and the language has a
// singular form ("1 problem"), key otherwise; {{.N}} is n.
func trN(key string, n int, pairs ...any) string {
	// Asked of the texts themselves: Fyne logs a failure for a missing key.
	if l, err := i18n.For(shownLang); n == 1 && err == nil && l.Has(key+".one") {
		key += ".one"
	}
	return tr(key, append([]any{"N", i18n.Count(n)}, pairs...)...)
}

// shownLang is the language applyLanguage registered last.
var shownLang = langEn

// effectiveLang is the language a choice means on this machine.
func effectiveLang(choice string) string {
	if choice == langZh || choice == langEn {
		return choice
	}
	if strings.HasPrefix(strings.ToLower(lang.SystemLocale().LanguageString()), "zh") {
		return langZh
	}
	return langEn
}

// applyLanguage makes Fyne translate our keys into code ("zh" or "en").
// Fyne picks its locale from the OS (on Windows and macOS not from the
// environment), so the chosen texts are registered under the locales Fyne
// may pick: "en", "zh-Hans" and, on a system in a third language, that
// locale too. Fyne's own strings (the file dialog's Open, Name, Cancel; OK)
// are registered with them from translations/fyne, our wording of its keys:
// otherwise they follow the system, and a Chinese window on an English
// system opened an English file dialog.
func applyLanguage(code string) error {
	shownLang = code
	file := map[string]string{langZh: "zh_Hans.json", langEn: "en.json"}[code]
	var files [][]byte
	for _, path := range []string{"translations/fyne/" + file, "translations/" + file} {
		data, err := assets.Translations.ReadFile(path)
		if err != nil {
			return err
		}
		files = append(files, data)
	}
	locales := []fyne.Locale{"en", "zh-Hans"}
	if sys := lang.SystemLocale(); !strings.HasPrefix(string(sys), "en") && !strings.HasPrefix(string(sys), "zh") {
		locales = append(locales, sys)
	}
	for _, loc := range locales {
		for _, data := range files {
			if err := lang.AddTranslationsForLocale(data, loc); err != nil {
				return err
			}
		}
	}
	return nil
}

// labels are the current language's texts for errors and printed forms.
func (u *App) labels() *i18n.Labels {
	l, _ := i18n.For(u.lang)
	return l
}
