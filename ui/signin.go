package ui

import (
	"strings"

	"advisordesk/model"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Door is the data file before anyone has signed in: the window asks it
// for the person's Store and reaches no record otherwise.
type Door interface {
	Path() string
	HasAccounts() (bool, error)
	// SetUp creates the HR administrator of a file without accounts; it
	// returns their store and the recovery code to keep on paper.
	SetUp(login, name, password string) (Store, string, error)
	Login(login, password string) (Store, error)
	// Recover gives an HR account a new password with the recovery code,
	// which is used up: the new one is returned.
	Recover(login, code, password string) (Store, string, error)
}

// fileDoor is a data file whose sign-in methods return its own store type.
type fileDoor[S Store] interface {
	Path() string
	HasAccounts() (bool, error)
	SetUp(login, name, password string) (S, string, error)
	Login(login, password string) (S, error)
	Recover(login, code, password string) (S, string, error)
}

// DoorOf is f as a Door.
func DoorOf[S Store](f fileDoor[S]) Door { return door[S]{f} }

type door[S Store] struct{ f fileDoor[S] }

func (d door[S]) Path() string               { return d.f.Path() }
func (d door[S]) HasAccounts() (bool, error) { return d.f.HasAccounts() }

func (d door[S]) SetUp(login, name, password string) (Store, string, error) {
	s, code, err := d.f.SetUp(login, name, password)
	if err != nil {
		return nil, "", err
	}
	return s, code, nil
}

func (d door[S]) Login(login, password string) (Store, error) {
	s, err := d.f.Login(login, password)
	if err != nil {
		return nil, err
	}
	return s, nil
}

func (d door[S]) Recover(login, code, password string) (Store, string, error) {
	s, next, err := d.f.Recover(login, code, password)
	if err != nil {
		return nil, "", err
	}
	return s, next, nil
}

// signIn is the first thing the window shows: the HR administrator's
// set-up for a file without accounts, else the sign-in form.
type signIn struct {
	u        *App
	login    *widget.Entry
	name     *widget.Entry
	password *widget.Entry
	confirm  *widget.Entry
	problem  *widget.Label
	submit   *widget.Button
	setUp    bool
}

// showDoor asks the door whether the file has accounts and shows the
// set-up or the sign-in form.
func (u *App) showDoor() {
	u.win.SetContent(container.NewCenter(widget.NewLabel(tr("signin.opening"))))
	var has bool
	u.background(func() (err error) {
		has, err = u.door.HasAccounts()
		return err
	}, func(err error) {
		if err != nil {
			u.showError(err)
		}
		s := &signIn{u: u, setUp: !has}
		u.signIn = s
		u.win.SetContent(s.content())
		u.win.Canvas().Focus(s.login)
		if s.setUp {
			u.win.Canvas().Focus(s.name)
		}
		signinReady()
	})
}

func (s *signIn) content() fyne.CanvasObject {
	s.login = widget.NewEntry()
	s.password = widget.NewPasswordEntry()
	s.problem = problemLabel()
	title := widget.NewLabelWithStyle(tr("app.title"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	form := widget.NewForm()
	var intro *widget.Label
	if s.setUp {
		intro = widget.NewLabel(tr("setup.intro"))
		s.login.SetText("admin")
		s.name = widget.NewEntry()
		s.confirm = widget.NewPasswordEntry()
		form.Append(tr("field.account_name"), s.name)
		form.Append(tr("field.login"), s.login)
		form.Append(tr("field.password"), s.password)
		form.Append(tr("setup.confirm"), s.confirm)
		s.submit = widget.NewButtonWithIcon(tr("setup.create"), theme.ConfirmIcon(), s.create)
		s.confirm.OnSubmitted = func(string) { s.create() }
	} else {
		intro = widget.NewLabel(tr("signin.intro"))
		form.Append(tr("field.login"), s.login)
		form.Append(tr("field.password"), s.password)
		s.submit = widget.NewButtonWithIcon(tr("signin.submit"), theme.LoginIcon(), s.enter)
		s.password.OnSubmitted = func(string) { s.enter() }
		s.login.OnSubmitted = s.loginEntered
	}
	intro.Wrapping = fyne.TextWrapWord
	s.submit.Importance = widget.HighImportance
	buttons := container.NewHBox(layout.NewSpacer(), s.submit)
	if !s.setUp {
		buttons.Objects = append([]fyne.CanvasObject{widget.NewButton(tr("signin.forgot"), s.askRecovery)}, buttons.Objects...)
	}
	warning := widget.NewLabel(tr("signin.threat"))
	warning.Wrapping = fyne.TextWrapWord
	warning.Importance = widget.LowImportance
	path := widget.NewLabel(tr("signin.file", "Path", s.u.door.Path()))
	path.Wrapping = fyne.TextWrapBreak
	path.Importance = widget.LowImportance
	card := container.NewVBox(title, intro, form, s.problem, buttons, widget.NewSeparator(), warning, path)
	return container.NewCenter(container.NewGridWrap(fyne.NewSize(460, card.MinSize().Height+40), card))
}

// busy greys the form while the password is being checked (a tenth of a
// second of hashing, on purpose).
func (s *signIn) busy(on bool) {
	if on {
		s.submit.Disable()
		s.problem.Importance = widget.MediumImportance // news, not a problem
		s.problem.SetText(tr("signin.checking"))
	} else {
		s.submit.Enable()
		s.problem.Importance = widget.DangerImportance // for what the answer says
	}
}

// loginEntered answers Enter on the login: with nothing typed it asks
// for it (it said nothing), with the password typed too it signs in, and
// otherwise the password is next.
func (s *signIn) loginEntered(string) {
	switch {
	case s.login.Text == "":
		s.problem.SetText(tr("signin.both"))
	case s.password.Text != "":
		s.enter()
	default:
		s.u.win.Canvas().Focus(s.password)
	}
}

func (s *signIn) enter() {
	login, pw := s.login.Text, s.password.Text
	if login == "" || pw == "" {
		s.problem.SetText(tr("signin.both"))
		return
	}
	s.busy(true)
	var st Store
	var mustChange bool
	var m model.Matrix
	s.u.background(func() (err error) {
		if st, err = s.u.door.Login(login, pw); err != nil {
			return err
		}
		if m, _, err = st.Matrix(); err != nil {
			return err
		}
		mustChange, err = st.MustChangePassword()
		return err
	}, func(err error) {
		s.busy(false)
		if err != nil {
			s.password.SetText("")
			s.problem.SetText(s.u.labels().Explain(err))
			return
		}
		s.problem.SetText("")
		s.u.enter(st, m)
		if mustChange {
			s.u.askNewPassword(pw, true)
		}
	})
}

func (s *signIn) create() {
	name, login, pw := s.name.Text, s.login.Text, s.password.Text
	if pw != s.confirm.Text {
		s.problem.SetText(tr("setup.mismatch"))
		return
	}
	s.busy(true)
	var st Store
	var code string
	var m model.Matrix
	s.u.background(func() (err error) {
		if st, code, err = s.u.door.SetUp(login, name, pw); err != nil {
			return err
		}
		m, _, err = st.Matrix()
		return err
	}, func(err error) {
		s.busy(false)
		if err != nil {
			s.problem.SetText(s.u.explainFields(err))
			return
		}
		s.problem.SetText("")
		s.u.enter(st, m)
		s.u.showRecoveryCode(code)
	})
}

// explainFields is err in the user's language, one field's problem a
// line (Explain already puts each field's label in front).
func (u *App) explainFields(err error) string {
	fes, ok := model.AsFieldErrors(err)
	if !ok {
		return u.labels().Explain(err)
	}
	lines := make([]string, len(fes))
	for i, fe := range fes {
		lines[i] = u.labels().Explain(model.FieldErrors{fe})
	}
	return strings.Join(lines, "\n")
}

// showRecoveryCode shows the recovery code once, for HR to write down or
// print and keep locked away. Nothing opens over it (afterRecoveryCode).
func (u *App) showRecoveryCode(code string) {
	text := widget.NewLabel(tr("recovery.body"))
	text.Wrapping = fyne.TextWrapWord
	shown := widget.NewLabelWithStyle(code, fyne.TextAlignCenter, fyne.TextStyle{Monospace: true, Bold: true})
	copyBtn := widget.NewButtonWithIcon(tr("recovery.copy"), theme.ContentCopyIcon(), func() {
		u.app.Clipboard().SetContent(code)
	})
	var d dialog.Dialog
	kept := func() {
		d.Hide()
		u.codeShown = false
		if f := u.afterCode; f != nil {
			u.afterCode = nil
			f()
		}
	}
	d = dialog.NewCustomWithoutButtons(tr("recovery.title"), container.NewVBox(text, shown, container.NewCenter(copyBtn),
		container.NewCenter(widget.NewButton(tr("recovery.kept"), kept))), u.win)
	d.Resize(fyne.NewSize(520, 0))
	u.dialogKeys(d, map[string]func(){keyEnter: kept, keyEscape: kept})
	u.codeShown = true
	d.Show()
}

// afterRecoveryCode runs f now, or once HR has kept a recovery code that
// is on screen.
func (u *App) afterRecoveryCode(f func()) {
	if u.codeShown {
		u.afterCode = f
		return
	}
	f()
}

// askRecovery resets an HR password with the recovery code.
func (s *signIn) askRecovery() {
	u := s.u
	login, code := newEntry(u), newEntry(u)
	login.SetText(s.login.Text)
	pw, confirm := newPasswordEntry(u), newPasswordEntry(u)
	problem := problemLabel()
	intro := widget.NewLabel(tr("recovery.ask"))
	intro.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(widget.NewFormItem(tr("field.login"), login), widget.NewFormItem(tr("recovery.code"), code),
		widget.NewFormItem(tr("field.new_password"), pw), widget.NewFormItem(tr("setup.confirm"), confirm))
	var d dialog.Dialog
	var ok *widget.Button
	ok = widget.NewButtonWithIcon(tr("recovery.reset"), theme.ConfirmIcon(), func() {
		if pw.Text != confirm.Text {
			problem.SetText(tr("setup.mismatch"))
			return
		}
		ok.Disable()
		var st Store
		var next string
		var m model.Matrix
		l, c, p := login.Text, code.Text, pw.Text
		u.background(func() (err error) {
			if st, next, err = u.door.Recover(l, c, p); err != nil {
				return err
			}
			m, _, err = st.Matrix()
			return err
		}, func(err error) {
			ok.Enable()
			if err != nil {
				problem.SetText(u.explainFields(err))
				return
			}
			d.Hide()
			u.enter(st, m)
			u.showRecoveryCode(next)
		})
	})
	ok.Importance = widget.HighImportance
	cancel := widget.NewButton(tr("action.cancel"), func() { d.Hide() })
	d = dialog.NewCustomWithoutButtons(tr("recovery.title"), container.NewVBox(intro, form, problem,
		container.NewHBox(layout.NewSpacer(), cancel, ok)), u.win)
	u.dialogKeys(d, map[string]func(){keyEscape: d.Hide})
	d.Resize(fyne.NewSize(520, 0))
	d.Show()
	// Typing starts at the first field to fill; Enter moves on, and on the
	// last field sets the password.
	login.OnSubmitted = func(string) { u.win.Canvas().Focus(code) }
	code.OnSubmitted = func(string) { u.win.Canvas().Focus(pw) }
	pw.OnSubmitted = func(string) { u.win.Canvas().Focus(confirm) }
	confirm.OnSubmitted = func(string) { ok.OnTapped() }
	if login.Text == "" {
		u.win.Canvas().Focus(login)
	} else {
		u.win.Canvas().Focus(code)
	}
}

// askNewPassword asks the signed-in person for a new password: at once
// after HR set one (must), or from Settings.
func (u *App) askNewPassword(current string, must bool) {
	cur, pw, confirm := newPasswordEntry(u), newPasswordEntry(u), newPasswordEntry(u) // Esc reaches the dialog
	cur.SetText(current)
	problem := problemLabel()
	intro := widget.NewLabel(tr("password.intro"))
	if must {
		intro.SetText(tr("password.must"))
	}
	intro.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(widget.NewFormItem(tr("password.current"), cur),
		widget.NewFormItem(tr("field.new_password"), pw), widget.NewFormItem(tr("setup.confirm"), confirm))
	var d dialog.Dialog
	var ok *widget.Button
	ok = widget.NewButtonWithIcon(tr("password.change"), theme.ConfirmIcon(), func() {
		if pw.Text != confirm.Text {
			problem.SetText(tr("setup.mismatch"))
			return
		}
		ok.Disable()
		c, p := cur.Text, pw.Text
		u.background(func() error { return u.store.ChangePassword(c, p) }, func(err error) {
			ok.Enable()
			if err != nil {
				problem.SetText(u.explainFields(err))
				return
			}
			d.Hide()
			u.info(tr("password.change"), tr("password.done"))
		})
	})
	ok.Importance = widget.HighImportance
	buttons := container.NewHBox(layout.NewSpacer(), ok)
	if !must {
		buttons.Objects = append([]fyne.CanvasObject{widget.NewButton(tr("action.cancel"), func() { d.Hide() })}, buttons.Objects...)
	} else {
		// Until the person chooses their own, the window is theirs only
		// through this dialog: signing out is the other way.
		buttons.Objects = append([]fyne.CanvasObject{widget.NewButton(tr("signin.out"), func() { d.Hide(); u.signOut() })}, buttons.Objects...)
	}
	d = dialog.NewCustomWithoutButtons(tr("password.title"), container.NewVBox(intro, form, problem, buttons), u.win)
	if !must {
		u.dialogKeys(d, map[string]func(){keyEscape: d.Hide})
	} else {
		u.dialogKeys(d, map[string]func(){})
	}
	d.Resize(fyne.NewSize(480, 0))
	d.Show()
	// The typing starts where it is needed; Enter on the last field changes.
	cur.OnSubmitted = func(string) { u.win.Canvas().Focus(pw) }
	pw.OnSubmitted = func(string) { u.win.Canvas().Focus(confirm) }
	confirm.OnSubmitted = func(string) { ok.OnTapped() }
	if current != "" {
		u.win.Canvas().Focus(pw)
	} else {
		u.win.Canvas().Focus(cur)
	}
}

// signOut forgets the person and shows the sign-in form again; a form
// with unsaved changes is asked about first.
func (u *App) signOut() {
	u.leave(func() {
		u.stopIdle()
		u.editor = nil
		u.dropPerson()
		u.showDoor()
	}, func() {})
}

// dropPerson signs the person's store out: answers still on their way
// find it refusing (err.signed_out), and the window forgets the person.
func (u *App) dropPerson() {
	if u.signedIn {
		u.store.SignOut()
	}
	u.signedIn = false
	u.matrix = nil
	u.codeShown, u.afterCode = false, nil
}

// problemLabel is the line under a password form that says what went wrong.
func problemLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.DangerImportance
	return l
}
