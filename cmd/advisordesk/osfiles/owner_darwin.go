package osfiles

import "fyne.io/fyne/v2"

// Available: macOS has its own file dialogs (NSOpenPanel and NSSavePanel,
// which zenity runs through osascript: no cgo).
const Available = true

// owner is nil: zenity's dialog then comes from osascript, brought to the
// front; attaching it to this process would need the program to be
// scriptable.
func owner(fyne.Window) any { return nil }
