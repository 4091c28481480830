//go:build !windows && !darwin

package osfiles

import "fyne.io/fyne/v2"

// Available: elsewhere (Linux) the window draws Fyne's dialog; zenity would
// need the zenity program, which an office's desktop may lack, and the
// walk under Xvfb drives the window's own dialog.
const Available = false

func owner(fyne.Window) any { return nil }
