package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// editor is a screen's open form as the window sees it when the user is
// about to leave it.
type editor interface {
	// changed reports whether the form shows anything other than what it
	// was opened with.
	changed() bool
	// saveThen saves the form; done runs if the save went through, refused
	// if it did not (the fields are marked and the form stays open).
	saveThen(done, refused func())
}

// leave runs then once the current screen's form has nothing unsaved. With
// unsaved changes it asks first: save (then continue), discard (continue),
// or cancel, which runs stay (if set) and keeps the form as it is.
func (u *App) leave(then, stay func()) {
	if u.editor == nil || !u.editor.changed() {
		then()
		return
	}
	ed := u.editor
	msg := widget.NewLabel(tr("unsaved.body"))
	msg.Wrapping = fyne.TextWrapWord
	var d *dialog.CustomDialog
	answered := false
	save := widget.NewButtonWithIcon(tr("unsaved.save"), theme.DocumentSaveIcon(), func() {
		answered = true
		d.Hide()
		ed.saveThen(then, func() {
			if stay != nil {
				stay()
			}
		})
	})
	save.Importance = widget.HighImportance
	discard := widget.NewButtonWithIcon(tr("unsaved.discard"), theme.DeleteIcon(), func() {
		answered = true
		d.Hide()
		then()
	})
	cancel := widget.NewButtonWithIcon(tr("action.cancel"), theme.CancelIcon(), func() { d.Hide() })
	d = dialog.NewCustomWithoutButtons(tr("unsaved.title"),
		container.NewVBox(msg, container.NewHBox(layout.NewSpacer(), cancel, discard, save)), u.win)
	d.SetOnClosed(func() {
		if !answered && stay != nil {
			stay()
		}
	})
	u.dialogKeys(d, map[string]func(){keyEscape: cancel.OnTapped, keyEnter: save.OnTapped})
	d.Resize(fyne.NewSize(480, 0))
	d.Show()
}

// askClose is the window's close button: it closes the window unless a
// form has unsaved changes and the user cancels.
func (u *App) askClose() {
	u.leave(u.win.Close, nil)
}
