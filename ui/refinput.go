package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// refInput is a reference field's input: a button that shows the
// referenced record's name and opens a picker, and one that clears the
// choice. A name that no record was matched to (a supervisor kept as text
// by the migration) shows with a note asking for a choice.
type refInput struct {
	id     uint64
	text   string
	note   *widget.Label
	choose *widget.Button
	clear  *widget.Button
	edited func() // if set, runs after the person chose or cleared
}

// refPicker opens a picker of the referenced records; done gets the chosen
// record's key and title.
type refPicker func(done func(id uint64, title string))

func newRefInput(pick refPicker) *refInput {
	in := &refInput{note: widget.NewLabel("")}
	in.note.Importance = widget.WarningImportance
	in.note.SizeName = theme.SizeNameCaptionText
	in.note.Wrapping = fyne.TextWrapWord
	in.choose = widget.NewButtonWithIcon(tr("ref.choose"), theme.SearchIcon(), func() { pick(in.chosen) })
	in.choose.Alignment = widget.ButtonAlignLeading
	in.clear = widget.NewButtonWithIcon("", theme.ContentClearIcon(), func() { in.chosen(0, "") })
	return in
}

// show puts a reference in the input: the record id, named title; id 0
// with a title is a name to resolve.
func (in *refInput) show(id uint64, title string) {
	in.id, in.text = id, title
	in.choose.SetText(fitText(title, refWidth))
	if title == "" {
		in.choose.SetText(tr("ref.choose"))
	}
	if id == 0 && title != "" {
		in.note.SetText(tr("ref.unresolved", "Name", title))
		in.note.Show()
	} else {
		in.note.Hide()
	}
	if title == "" {
		in.clear.Disable()
	} else {
		in.clear.Enable()
	}
}

// chosen shows what the person chose.
func (in *refInput) chosen(id uint64, title string) {
	in.show(id, title)
	if in.edited != nil {
		in.edited()
	}
}

// object lays the input out; the choose button comes first, as the
// control a walk clicks (see formField.control).
func (in *refInput) object() fyne.CanvasObject {
	return container.NewVBox(container.NewBorder(nil, nil, nil, in.clear, in.choose), in.note)
}

// refWidth is the widest a reference's button draws its text: a button
// is as wide as its text, and a long name (a reception told in full, a
// 26-character company customer) widened the window past the screen.
const refWidth = 300

// fitText is text cut with an ellipsis to fit width in the body font.
func fitText(text string, width float32) string {
	measure := func(s string) float32 { return fyne.MeasureText(s, theme.TextSize(), fyne.TextStyle{}).Width }
	if measure(text) <= width {
		return text
	}
	runes := []rune(text)
	lo, hi := 0, len(runes) // the longest prefix that fits with "…"
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if measure(string(runes[:mid])+"…") <= width {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return string(runes[:lo]) + "…"
}
