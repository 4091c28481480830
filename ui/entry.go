package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// entry is a text field that passes the window's shortcuts (Ctrl+S, Ctrl+N,
// Ctrl+F) and Esc on to the screen: Fyne delivers them to the focused entry,
// which would otherwise swallow them.
type entry struct {
	widget.Entry
	u *App
	// keys, if set, sees each key first (a look-up's arrows and Enter);
	// true: the key was its.
	keys func(k *fyne.KeyEvent) bool
}

func newEntry(u *App) *entry {
	e := &entry{u: u}
	e.ExtendBaseWidget(e)
	return e
}

// newPasswordEntry is entry for a password (Fyne adds the eye that shows it).
func newPasswordEntry(u *App) *entry {
	e := newEntry(u)
	e.Password = true
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	return e
}

func newMultiLineEntry(u *App) *entry {
	e := newEntry(u)
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	return e
}

func (e *entry) TypedShortcut(s fyne.Shortcut) {
	if e.u.shortcut(s.ShortcutName()) {
		return
	}
	e.Entry.TypedShortcut(s)
}

func (e *entry) TypedKey(k *fyne.KeyEvent) {
	e.u.touch()
	if k.Name == fyne.KeyEscape && e.u.shortcut(keyEscape) {
		return
	}
	if e.keys != nil && e.keys(k) {
		return
	}
	e.Entry.TypedKey(k)
}

// TypedRune notes the typing as use of the window (the idle lock).
func (e *entry) TypedRune(r rune) {
	e.u.touch()
	e.Entry.TypedRune(r)
}
