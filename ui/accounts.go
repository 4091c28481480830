package ui

import (
	"crypto/rand"
	"strings"

	"advisordesk/model"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// accountsScreen is HR's list of the office's accounts (chapter 2): the
// list-and-form screen of the account's description. An account is never
// deleted, so the form has no Delete: its State disables it. The first
// password and a reset one are made by the program and shown once.
type accountsScreen struct {
	*recordScreen[model.Account]
	reset   *widget.Button
	newNote *widget.Label
	picker  *advisorPicker // the advisor picker last opened
	// password is the first password of the account being created, set by
	// the save off the UI thread and shown once after it went through.
	password string
	shown    dialog.Dialog // the dialog showing a password, for tests
}

func newAccountsScreen(u *App) *accountsScreen {
	s := &accountsScreen{}
	st := recordStore[model.Account]{find: u.store.FindAccounts, save: s.saveAccount}
	s.recordScreen = newRecordScreen(u, model.AccountRecord, st, func(a *model.Account) uint64 { return a.ID },
		model.FieldState)
	s.name = func(a *model.Account) string { return a.Name }
	s.keys.add, s.keys.formNew, s.keys.edit, s.keys.selectHint = "accounts.add", "accounts.form_new", "accounts.edit",
		"accounts.select_hint"
	s.list.q.Sort = model.FieldLogin
	fitChoices(s.list, model.AccountRecord)
	s.fresh = func() *model.Account { return &model.Account{Role: model.RoleAdvisor, State: model.Enabled} }
	s.pickers = map[string]refPicker{model.FieldLinked: func(done func(uint64, string)) {
		s.picker = newAdvisorPicker(u, func(id uint64, name string) {
			done(id, name)
			// An account is mostly its advisor's: an empty name takes theirs.
			if e := s.entry(model.FieldAccountName); e != nil && strings.TrimSpace(e.Text) == "" && id != 0 {
				e.SetText(name)
			}
		})
		s.picker.show()
	}}
	s.reset = widget.NewButtonWithIcon(tr("accounts.reset"), theme.ViewRefreshIcon(), s.askReset)
	s.newNote = widget.NewLabel(tr("accounts.first_password"))
	s.newNote.Wrapping = fyne.TextWrapWord
	s.newNote.Importance = widget.LowImportance
	s.below = []fyne.CanvasObject{widget.NewSeparator(), s.newNote, container.NewHBox(s.reset)}
	s.sync = s.syncReset
	s.saved = s.showFirstPassword
	return s
}

// fitChoices widens the list's choice columns to their longest label in
// the window's language ("HR administrator" is wider than the default).
func fitChoices[T any](l *listView[T], rec *model.Record[T]) {
	for i, c := range l.cols {
		f := rec.Field(c.key)
		if f == nil || f.Kind != model.KindChoice {
			continue
		}
		head := fyne.MeasureText(tr("field."+c.key), theme.TextSize(), fyne.TextStyle{Bold: true}).Width
		w := max(c.width, head+3*theme.Padding()+theme.IconInlineSize())
		for _, code := range f.Choices {
			w = max(w, cellWidth(tr(f.Prefix+code)))
		}
		l.cols[i].width = w
		l.table.SetColumnWidth(i, w)
	}
}

// cellWidth is the width of a table column whose cells show text uncut.
func cellWidth(text string) float32 {
	return fyne.MeasureText(text, theme.TextSize(), fyne.TextStyle{}).Width + 2*theme.InnerPadding() + 2*theme.Padding()
}

// syncReset offers the reset of a saved account's password; a new one
// says instead that its first password comes with the save.
func (s *accountsScreen) syncReset() {
	if s.editing != nil && s.editing.ID != 0 {
		s.reset.Show()
		s.newNote.Hide()
	} else {
		s.reset.Hide()
		s.newNote.Show()
	}
}

// saveAccount runs off the UI thread: a new account gets a password made
// here, kept for showFirstPassword; a saved one keeps its own.
func (s *accountsScreen) saveAccount(a *model.Account) error {
	if a.ID != 0 {
		return s.u.store.SaveAccount(a, "")
	}
	pw := newPassword()
	err := s.u.store.SaveAccount(a, pw)
	if err == nil {
		s.password = pw
	}
	return err
}

// showFirstPassword shows a just created account's first password, once.
func (s *accountsScreen) showFirstPassword(a *model.Account) {
	if s.password == "" {
		return
	}
	pw := s.password
	s.password = ""
	s.showPassword(tr("accounts.created_title", "Name", a.Name), a.Login, pw)
}

// askReset gives the open account a new password, after asking.
func (s *accountsScreen) askReset() {
	a := s.editing
	if a == nil || a.ID == 0 {
		return
	}
	s.u.confirm(tr("accounts.reset_ask"), tr("accounts.reset_confirm", "Name", a.Name, "Login", a.Login), tr("accounts.reset_ask"),
		func() {
			pw := newPassword()
			s.u.background(func() error { return s.u.store.ResetPassword(a.ID, pw) }, func(err error) {
				if err != nil {
					s.u.showError(err)
					return
				}
				s.showPassword(tr("accounts.reset_title", "Name", a.Name), a.Login, pw)
			})
		})
}

// showPassword shows a password the program made, with a Copy button: HR
// hands it over, and its person chooses their own at the next sign-in.
func (s *accountsScreen) showPassword(title, login, pw string) {
	u := s.u
	text := widget.NewLabel(tr("accounts.password_once"))
	text.Wrapping = fyne.TextWrapWord
	grid := widget.NewForm(
		widget.NewFormItem(tr("field.login"), widget.NewLabelWithStyle(login, fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})),
		widget.NewFormItem(tr("field.password"), widget.NewLabelWithStyle(pw, fyne.TextAlignLeading, fyne.TextStyle{Monospace: true, Bold: true})))
	copyBtn := widget.NewButtonWithIcon(tr("recovery.copy"), theme.ContentCopyIcon(), func() {
		u.app.Clipboard().SetContent(pw)
	})
	d := dialog.NewCustom(title, tr("action.close"), container.NewVBox(text, grid, container.NewCenter(copyBtn)), u.win)
	u.dialogKeys(d, map[string]func(){keyEnter: d.Hide, keyEscape: d.Hide})
	d.Resize(fyne.NewSize(480, 0))
	s.shown = d
	d.Show()
}

// newPassword is a password for HR to hand over: 12 random characters of
// the base32 alphabet (60 bits; no 0, 1, 8 or 9 to misread), lower case,
// in groups of four; well over model.MinPassword.
func newPassword() string {
	t := strings.ToLower(rand.Text()[:12])
	return t[:4] + "-" + t[4:8] + "-" + t[8:]
}
