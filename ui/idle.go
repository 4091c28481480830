package ui

import (
	"errors"
	"strconv"
	"time"

	"advisordesk/model"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The idle lock: after a settable time without use the window hides the
// office until the person types their password again (a shared front-desk
// laptop). Use is what the window sees: a page opened, a search, a save,
// typing in a form.

// defaultIdle is the idle lock's time until HR sets the office's own.
const defaultIdle = 10 // minutes

// idleLock is the lock's state, UI thread only.
type idleLock struct {
	last    time.Time
	ticker  *time.Ticker
	stop    chan struct{}
	locked  bool
	content fyne.CanvasObject   // the office, hidden while locked
	hidden  []fyne.CanvasObject // the dialogs hidden with it
}

// touch notes a use of the window.
func (u *App) touch() { u.idle.last = time.Now() }

// idleAfter is the settable time; 0 for never.
func (u *App) idleAfter() time.Duration { return time.Duration(u.idleMinutes) * time.Minute }

// loadIdle reads the office's idle time.
func (u *App) loadIdle() {
	st := u.store
	u.idleMinutes = defaultIdle
	var v string
	u.background(func() (err error) {
		v, err = st.Setting(settingIdle)
		return err
	}, func(err error) {
		if n, perr := strconv.Atoi(v); err == nil && perr == nil && n >= 0 {
			u.idleMinutes = n
		}
	})
}

// startIdle watches for the idle time while someone is signed in.
func (u *App) startIdle() {
	u.stopIdle()
	u.touch()
	if u.quietFrom { // tests lock by hand
		return
	}
	u.idle.ticker = time.NewTicker(15 * time.Second)
	stop := make(chan struct{})
	u.idle.stop = stop
	tick := u.idle.ticker.C
	go func() {
		for {
			select {
			case <-stop:
				return
			case <-tick:
				fyne.Do(u.checkIdle)
			}
		}
	}()
}

func (u *App) stopIdle() {
	if u.idle.ticker != nil {
		u.idle.ticker.Stop()
		close(u.idle.stop)
		u.idle.ticker = nil
	}
}

func (u *App) checkIdle() {
	after := u.idleAfter()
	if !u.signedIn || u.idle.locked || after <= 0 || time.Since(u.idle.last) < after {
		return
	}
	u.lock()
}

// lock hides the office, dialogs too, behind the password.
func (u *App) lock() {
	if !u.signedIn || u.idle.locked {
		return
	}
	u.idle.locked = true
	u.idle.content = u.win.Content()
	u.idle.hidden = nil
	for _, o := range u.win.Canvas().Overlays().List() {
		if o.Visible() {
			o.Hide()
			u.idle.hidden = append(u.idle.hidden, o)
		}
	}
	who := u.store.Who()
	pw := widget.NewPasswordEntry()
	problem := problemLabel()
	var unlock *widget.Button
	try := func() {
		p := pw.Text
		unlock.Disable()
		st := u.store
		u.background(func() error { return st.Verify(p) }, func(err error) {
			unlock.Enable()
			pw.SetText("")
			if err != nil {
				problem.SetText(lockProblem(u.labels().Explain(err), err))
				return
			}
			u.unlock()
		})
	}
	unlock = widget.NewButtonWithIcon(tr("lock.unlock"), theme.LoginIcon(), try)
	unlock.Importance = widget.HighImportance
	pw.OnSubmitted = func(string) { try() }
	out := widget.NewButtonWithIcon(tr("signin.out"), theme.LogoutIcon(), func() {
		u.idle.locked = false
		for _, o := range u.idle.hidden {
			u.win.Canvas().Overlays().Remove(o)
		}
		u.modal = nil
		u.editor = nil // the lock stands for the person: their unsaved form goes with them
		u.stopIdle()
		u.dropPerson()
		u.showDoor()
	})
	title := widget.NewLabelWithStyle(tr("lock.title"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	body := widget.NewLabel(tr("lock.body", "Name", who.Name))
	body.Wrapping = fyne.TextWrapWord
	card := container.NewVBox(title, body, widget.NewForm(widget.NewFormItem(tr("field.password"), pw)), problem,
		container.NewHBox(out, layout.NewSpacer(), unlock))
	u.win.SetContent(container.NewCenter(container.NewGridWrap(fyne.NewSize(420, card.MinSize().Height+30), card)))
	u.win.Canvas().Focus(pw)
}

// unlock shows the office again as it was, dialogs included.
func (u *App) unlock() {
	u.idle.locked = false
	u.win.SetContent(u.idle.content)
	for _, o := range u.idle.hidden {
		o.Show()
	}
	u.idle.content, u.idle.hidden = nil, nil
	u.touch()
}

// lockProblem is what the lock says of a refused password: the lock asks
// for no login, so "wrong login or password" becomes "wrong password".
func lockProblem(said string, err error) string {
	var m model.Message
	if errors.As(err, &m) {
		if key, _ := m.MessageKey(); key == "err.bad_login" {
			return tr("lock.wrong")
		}
	}
	return said
}
