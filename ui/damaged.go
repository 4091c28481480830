package ui

import (
	"context"
	"time"

	"advisordesk/i18n"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// A damaged data file: the window offers the newest verified backup and says
// what it would lose (everything after the backup's date). The decisions
// (what is damaged, which backup) are the store's; this file only asks.

// damagedText is the explanation (a sentence) and the offer, in the user's
// language.
func damagedText(msg, backup string, taken time.Time) string {
	if backup == "" {
		return msg + "\n\n" + tr("damaged.nobackup")
	}
	return msg + "\n\n" + tr("damaged.offer", "When", taken.Local().Format("2006-01-02 15:04"), "Path", backup)
}

// checkInBackground runs the full check once the window is up (it reads the
// whole file, in a child process); a damaged file brings up the offer.
func (u *App) checkInBackground() {
	var problems []string
	var backup string
	var taken time.Time
	u.background(func() (err error) {
		if _, problems, err = u.store.CheckFile(context.Background()); err != nil || len(problems) == 0 {
			return err
		}
		backup, taken, err = u.store.LatestGoodBackup(context.Background())
		return err
	}, func(err error) {
		if err != nil || len(problems) == 0 {
			return // a check that could not run is not a verdict; Settings can run it again
		}
		u.offerRestore(tr("damaged.body", "Problem", problems[0]), backup, taken)
	})
}

// offerRestore shows the damage and, when there is a verified backup, a
// button that restores it.
func (u *App) offerRestore(problem, backup string, taken time.Time) {
	body := widget.NewLabel(damagedText(problem, backup, taken))
	body.Wrapping = fyne.TextWrapWord
	var d dialog.Dialog
	later := widget.NewButton(tr("damaged.later"), func() { d.Hide() })
	buttons := container.NewHBox(layout.NewSpacer(), later)
	if backup != "" {
		restore := widget.NewButton(tr("damaged.restore"), func() {
			d.Hide()
			u.settings.restore(backup)
		})
		restore.Importance = widget.HighImportance
		buttons.Add(restore)
	}
	d = dialog.NewCustomWithoutButtons(tr("damaged.title"), container.NewVBox(body, buttons), u.win)
	d.Resize(fyne.NewSize(560, 0))
	d.Show()
}

// ShowDamaged is the window shown instead of the main one when the quick
// check at start finds the file damaged (problem is the store's error):
// restore runs the offered backup's restore off the UI thread, with the
// login and password of an HR account of the backup, and open then opens
// the main window. Without a backup it only explains.
func ShowDamaged(a fyne.App, problem error, backup string, taken time.Time, restore func(login, password string) error, open func()) {
	a.Settings().SetTheme(NewTheme())
	code := effectiveLang(a.Preferences().String(prefLang))
	applyLanguage(code)
	l, _ := i18n.For(code)
	w := a.NewWindow(tr("damaged.title"))
	body := widget.NewLabel(damagedText(l.Explain(problem), backup, taken))
	body.Wrapping = fyne.TextWrapWord
	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapWord
	buttons := container.NewHBox(layout.NewSpacer(), widget.NewButton(tr("action.close"), a.Quit))
	var who fyne.CanvasObject = layout.NewSpacer()
	if backup != "" {
		login, pw := widget.NewEntry(), widget.NewPasswordEntry()
		ask := widget.NewLabel(tr("damaged.signin"))
		ask.Wrapping = fyne.TextWrapWord
		who = container.NewVBox(ask, widget.NewForm(widget.NewFormItem(tr("field.login"), login),
			widget.NewFormItem(tr("field.password"), pw)))
		var btn *widget.Button
		btn = widget.NewButton(tr("damaged.restore"), func() {
			btn.Disable()
			status.SetText(tr("settings.working"))
			name, p := login.Text, pw.Text
			go func() {
				err := restore(name, p)
				fyne.Do(func() {
					if err != nil {
						status.SetText(l.Explain(err))
						btn.Enable()
						return
					}
					open()
					w.Close()
				})
			}()
		})
		btn.Importance = widget.HighImportance
		buttons.Add(btn)
	}
	w.SetContent(container.NewPadded(container.NewBorder(nil, container.NewVBox(who, status, buttons), nil, nil, body)))
	w.Resize(fyne.NewSize(600, 420))
	w.Show()
}
