package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestFlowStatusTakesTheRestOfTheRow: a list screen's status line is
// cut to what the buttons leave on their row. It must neither open an
// empty row of its own (a gap stood under the buttons) nor be laid out at
// its whole length (a long message widened the window).
func TestFlowStatusTakesTheRestOfTheRow(t *testing.T) {
	test.NewTempApp(t)
	a, b := widget.NewButton("New customer", nil), widget.NewButton("Export Excel…", nil)
	status := widget.NewLabel("")
	status.Truncation = fyne.TextTruncateEllipsis
	flow := &flowLayout{fillLast: true}
	bar := container.New(flow, a, b, status)
	width := a.MinSize().Width + b.MinSize().Width + 60 // a little room left
	bar.Resize(fyne.NewSize(width, 200))
	oneRow := max(a.MinSize().Height, b.MinSize().Height)
	if h := bar.MinSize().Height; h > oneRow {
		t.Errorf("the bar is %.0f high with no message, one row is %.0f", h, oneRow)
	}
	status.SetText("机油滤清器 is still referred to by other records, so it was archived instead of deleted.")
	bar.Refresh()
	if w := bar.MinSize().Width; w > width {
		t.Errorf("the message asks %.0f px of a bar %.0f wide", w, width)
	}
	if status.Position().Y != 0 || status.Size().Width < 40 {
		t.Errorf("the message sits at %v, %v wide: not beside the buttons", status.Position(), status.Size().Width)
	}
}
