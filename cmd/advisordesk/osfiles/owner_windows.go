package osfiles

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
)

// Available: Windows has its own file dialogs (comdlg32, no cgo).
const Available = true

// owner is the window's handle, so that the dialog is modal to it and
// stays in front of it.
func owner(win fyne.Window) any {
	var hwnd uintptr
	if n, ok := win.(driver.NativeWindow); ok {
		n.RunNative(func(ctx any) {
			if w, ok := ctx.(driver.WindowsWindowContext); ok {
				hwnd = w.HWND
			}
		})
	}
	if hwnd == 0 {
		return nil // zenity then takes this process's window in front
	}
	return hwnd
}
