package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// demoSize is the demo office's head count.
const demoSize = 30

// showFirstStart asks a new user to start empty or open the demo office.
func showFirstStart(u *App) {
	body := widget.NewLabel(tr("first.body"))
	body.Wrapping = fyne.TextWrapWord
	var d dialog.Dialog
	empty := widget.NewButton(tr("first.empty"), func() {
		d.Hide()
		u.startEmpty()
	})
	demo := widget.NewButton(tr("first.demo"), func() {
		d.Hide()
		u.startDemo()
	})
	demo.Importance = widget.HighImportance
	d = dialog.NewCustomWithoutButtons(tr("first.title"), container.NewVBox(body, container.NewGridWithColumns(2, empty, demo)), u.win)
	// Enter takes the highlighted choice; Esc the one that changes nothing.
	u.dialogKeys(d, map[string]func(){keyEnter: demo.OnTapped, keyEscape: empty.OnTapped})
	d.Resize(fyne.NewSize(480, 0))
	d.Show()
}

func (u *App) startEmpty() {
	u.background(func() error { return u.store.SetSetting(settingFirstStart, "empty") }, func(err error) {
		if err != nil {
			u.showError(err)
		}
	})
}

func (u *App) startDemo() {
	u.longJob(tr("first.demo"), func(ctx context.Context, progress func(float64)) (string, error) {
		progress(-1)
		if err := u.store.LoadDemo(demoSize, 1); err != nil {
			return "", err
		}
		if err := u.store.SetSetting(settingFirstStart, "demo"); err != nil {
			return "", err
		}
		return tr("first.demo_done", "N", demoSize), nil
	}, func(msg string) {
		u.info(tr("first.title"), msg)
		u.Open(pageRoster)
		u.roster.list.reload()
	})
}
