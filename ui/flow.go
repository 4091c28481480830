package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// flowLayout lays objects in a row and wraps them onto further rows when
// the width runs out, like words: a screen's buttons above its list need
// no more width than the widest of them (a row of them held the window at
// 1178 pixels). Its height follows the width it was last given (barAbove
// lays it out before what sits under it).
type flowLayout struct {
	width float32 // the width last laid out, 0 before the first layout
	// fillLast gives the last object (a status line, cut to it) the rest of
	// the last row: a row of its own would stand empty while there is no
	// message, and a label's new text does not lay its parent out again.
	fillLast bool
}

func (f *flowLayout) rows(objs []fyne.CanvasObject, width float32, place bool) float32 {
	pad := theme.Padding()
	x, y, line := float32(0), float32(0), float32(0)
	for i, o := range objs {
		if !o.Visible() {
			continue
		}
		ms := o.MinSize()
		fill := f.fillLast && i == len(objs)-1
		if x > 0 && x+ms.Width > width {
			x, y, line = 0, y+line+pad, 0
		}
		if fill {
			ms.Width = max(ms.Width, width-x)
		}
		if place {
			o.Move(fyne.NewPos(x, y))
			o.Resize(ms)
		}
		x += ms.Width + pad
		line = max(line, ms.Height)
	}
	return y + line
}

func (f *flowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	w, h := float32(0), float32(0)
	for _, o := range objs {
		if o.Visible() {
			ms := o.MinSize()
			w, h = max(w, ms.Width), max(h, ms.Height)
		}
	}
	if f.width > 0 {
		h = f.rows(objs, f.width, false)
	}
	return fyne.NewSize(w, h)
}

func (f *flowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	f.width = size.Width
	f.rows(objs, size.Width, true)
}

// barAbove lays a flowing bar across the top and the rest beneath it. The
// bar is laid out at the full width first, so its rows are known before
// the rest is placed: a Border took the bar's height from before that
// layout and left a row's gap under one that had just unwrapped.
type barAbove struct{}

func (barAbove) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	bar, rest := objs[0], objs[1]
	bar.Resize(fyne.NewSize(size.Width, bar.MinSize().Height))
	h := bar.MinSize().Height // its rows at this width
	bar.Resize(fyne.NewSize(size.Width, h))
	pad := theme.Padding()
	rest.Move(fyne.NewPos(0, h+pad))
	rest.Resize(fyne.NewSize(size.Width, size.Height-h-pad))
}

func (barAbove) MinSize(objs []fyne.CanvasObject) fyne.Size {
	bar, rest := objs[0].MinSize(), objs[1].MinSize()
	return fyne.NewSize(max(bar.Width, rest.Width), bar.Height+theme.Padding()+rest.Height)
}
