package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
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
	// edited, if set, runs after the person changed the text (typing,
	// deleting, pasting), never after SetText.
	edited func()
	// noLeadingSpace: a space typed into the empty field is dropped (a
	// search box: the Space that opened a picker arrived in its search).
	noLeadingSpace bool
	// tabMoves: Tab moves on from a multi-line entry too (a form typed
	// through with the keyboard), instead of typing a tab.
	tabMoves bool
}

// AcceptsTab keeps Tab for the entry's text only where it is wanted.
func (e *entry) AcceptsTab() bool { return e.MultiLine && !e.tabMoves }

// typed runs edited if the text is no longer before.
func (e *entry) typed(before string) {
	if e.edited != nil && e.Text != before {
		e.edited()
	}
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
	before := e.Text
	e.Entry.TypedShortcut(s)
	e.typed(before)
}

func (e *entry) TypedKey(k *fyne.KeyEvent) {
	e.u.touch()
	if k.Name == fyne.KeyEscape && e.u.shortcut(keyEscape) {
		return
	}
	if e.keys != nil && e.keys(k) {
		return
	}
	before := e.Text
	e.Entry.TypedKey(k)
	e.typed(before)
}

// TypedRune notes the typing as use of the window (the idle lock).
func (e *entry) TypedRune(r rune) {
	e.u.touch()
	if e.noLeadingSpace && r == ' ' && e.Text == "" {
		return
	}
	before := e.Text
	e.Entry.TypedRune(r)
	e.typed(before)
}

// wheelPass lies over a multi-line entry and hands the mouse wheel to the
// form's scroll. Fyne gives the wheel to the innermost scrollable under
// the pointer, which is the entry's own scroller: over the description
// the form did not scroll. The entry grows with its text instead, so it
// has nothing of its own to scroll. Clicks, typing and the pointer's shape
// still go to the entry: this widget takes nothing but the wheel.
type wheelPass struct {
	widget.BaseWidget
	to func() *container.Scroll
}

func newWheelPass(to func() *container.Scroll) *wheelPass {
	w := &wheelPass{to: to}
	w.ExtendBaseWidget(w)
	return w
}

func (w *wheelPass) Scrolled(ev *fyne.ScrollEvent) {
	if s := w.to(); s != nil {
		s.Scrolled(ev)
	}
}

func (w *wheelPass) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}
