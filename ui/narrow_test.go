package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// TestWindowFitsA1024Screen: W15. Every page, every Work process tab with
// a new form open and with its first record open, asks for no more than
// 1024 pixels of width (a 1280×800 laptop at 125 %), in both languages;
// the window's minimum was 1178.
func TestWindowFitsA1024Screen(t *testing.T) {
	u, _ := newTestApp(t, 6)
	check := func(lang, where string) {
		t.Helper()
		if w := u.win.Content().MinSize().Width; w > 1024 {
			t.Errorf("%s: %s needs %.0f pixels of width", lang, where, w)
		}
	}
	for _, lang := range []string{langEn, langZh} {
		u.SetLanguage(lang)
		for i, p := range u.pages {
			u.Open(i)
			u.Wait()
			check(lang, p.title)
			if i != pageProcess {
				continue
			}
			for j, it := range u.process.tabs.Items {
				u.process.tabs.SelectIndex(j)
				u.Wait()
				shortcut(u, fyne.KeyN)
				u.Wait()
				check(lang, it.Text+" (new)")
				key(u, fyne.KeyEscape)
				if dialogText(u) != "" {
					tapOnTop(t, u, tr("unsaved.discard"))
				}
				if tb := tableIn(it.Content); tb != nil && tb.Length != nil {
					if rows, _ := tb.Length(); rows > 0 {
						tapRow(t, tb, 0)
						u.Wait()
						check(lang, it.Text+" (first row)")
					}
				}
			}
		}
	}
}

// tableIn is the first table under o.
func tableIn(o fyne.CanvasObject) *widget.Table {
	var found *widget.Table
	eachObject(o, func(c fyne.CanvasObject) {
		if tb, ok := c.(*widget.Table); ok && found == nil {
			found = tb
		}
	})
	return found
}
