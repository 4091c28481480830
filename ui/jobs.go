package ui

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// background runs work off the UI thread and hands its result to done on the
// UI thread.
func (u *App) background(work func() error, done func(error)) {
	u.touch() // a search, a save, a page: the window is in use
	u.running.Add(1)
	go func() {
		err := work()
		u.onUI(func() {
			defer u.running.Add(-1)
			done(err)
		})
	}()
}

// latest is one kind of request whose answers arrive in the background (a
// list page, the cycle to open, a participant's history): asking again
// makes the answers to earlier asks stale, so a slow answer never
// overwrites what was asked for after it. UI thread only.
type latest struct{ n uint64 }

// forget makes every answer still on its way stale.
func (l *latest) forget() { l.n++ }

// load is background for a request of kind l: done runs only if no later
// request of that kind (or forget) came in the meantime.
func (u *App) load(l *latest, work func() error, done func(error)) {
	l.n++
	n := l.n
	u.background(work, func(err error) {
		if n == l.n {
			done(err)
		}
	})
}

// onUI runs f on the UI thread: through fyne.Do in the window; in tests,
// on the test's goroutine inside Wait, so that a test and a job's answer
// never touch the same widget at once (Fyne's test driver would run fyne.Do
// right on the job's goroutine).
func (u *App) onUI(f func()) {
	if testQueue {
		u.queue <- f
		return
	}
	fyne.Do(f)
}

// testQueue is set by the package's tests.
var testQueue bool

// Wait runs the answers of background jobs until none is left; for tests.
func (u *App) Wait() {
	for u.running.Load() > 0 {
		(<-u.queue)()
	}
}

// longJob runs work with a modal progress bar and a Cancel button. work
// reports progress from 0 to 1 (a negative value shows an indeterminate bar)
// and returns the sentence to say when it is done. That sentence goes to
// then, which shows it its own way; without then it shows in a plain message.
func (u *App) longJob(title string, work func(ctx context.Context, progress func(float64)) (string, error), then func(msg string)) {
	ctx, cancel := context.WithCancel(context.Background())
	bar := widget.NewProgressBar()
	busy := widget.NewProgressBarInfinite()
	busy.Hide()
	status := widget.NewLabel(tr("settings.working"))
	cancelBtn := widget.NewButton(tr("action.cancel"), cancel)
	d := dialog.NewCustomWithoutButtons(title, container.NewVBox(status, bar, busy, cancelBtn), u.win)
	u.dialogKeys(d, map[string]func(){keyEscape: cancel})
	d.Resize(fyne.NewSize(420, 0))
	d.Show()
	u.job = d
	var msg string
	u.background(func() (err error) {
		msg, err = work(ctx, func(f float64) {
			u.onUI(func() {
				if f < 0 {
					bar.Hide()
					busy.Show()
					return
				}
				bar.SetValue(f)
			})
		})
		return err
	}, func(err error) {
		cancel()
		d.Hide()
		u.job = nil
		if err != nil {
			u.showError(err)
			return
		}
		if then != nil {
			then(msg)
			return
		}
		u.info(title, msg)
	})
}

// fraction turns a done/total pair into a progress callback's value.
func fraction(progress func(float64)) func(done, total int64) {
	return func(done, total int64) {
		if total > 0 {
			progress(float64(done) / float64(total))
		}
	}
}

func (u *App) showError(err error) {
	var k interface {
		MessageKey() (string, map[string]any)
	}
	if !u.signedIn && errors.As(err, &k) {
		if key, _ := k.MessageKey(); key == "err.signed_out" {
			return // the answer of a job of the person who signed out
		}
	}
	u.message(tr("err.title"), u.labels().Explain(err), true)
}

func (u *App) info(title, msg string) { u.message(title, msg, false) }

// message shows a message box whose OK is in the window's language (Fyne's
// own information dialog takes it from the system's: "好" in an English
// window on a Chinese system).
func (u *App) message(title, msg string, problem bool) {
	label := widget.NewLabel(msg)
	label.Wrapping = fyne.TextWrapWord
	if problem {
		label.Importance = widget.DangerImportance
	}
	d := dialog.NewCustom(title, tr("action.ok"), label, u.win)
	d.Resize(fyne.NewSize(440, 0))
	u.showOK(d)
}

// showOK shows a message box that Esc and Enter close, like its OK button.
func (u *App) showOK(d dialog.Dialog) {
	u.dialogKeys(d, map[string]func(){keyEscape: d.Hide, keyEnter: d.Hide})
	d.Show()
}

// confirm asks a question whose confirming button says what it does (yes),
// never a bare Yes / No; Enter confirms and Esc cancels.
func (u *App) confirm(title, msg, yes string, then func()) {
	label := widget.NewLabel(msg)
	label.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(title, yes, tr("action.cancel"), label, func(ok bool) {
		if ok {
			then()
		}
	}, u.win)
	u.dialogKeys(d, map[string]func(){keyEscape: d.Hide, keyEnter: d.Confirm})
	d.Resize(fyne.NewSize(480, 0))
	d.Show()
}
