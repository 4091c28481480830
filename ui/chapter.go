package ui

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// chapterPlaceholder is a chapter of the regulation not built yet: it says
// what it will hold, so nobody hunts for a missing button.
func chapterPlaceholder(n int, title, plan string) func() fyne.CanvasObject {
	return func() fyne.CanvasObject {
		head := widget.NewLabelWithStyle(tr("chapter.n", "N", strconv.Itoa(n))+"  "+tr(title),
			fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		head.SizeName = "headingText"
		soon := widget.NewLabel(tr("chapter.soon"))
		body := widget.NewLabel(tr(plan))
		body.Wrapping = fyne.TextWrapWord
		return container.NewPadded(container.NewVBox(head, widget.NewSeparator(), soon, body))
	}
}
