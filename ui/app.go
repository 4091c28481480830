// Package ui is the AdvisorDesk window: one main window, navigation by the
// regulation's chapters, one file per screen. It talks to the data file only
// through the Store interface it declares.
package ui

import (
	"advisordesk/model"
	"fyne.io/fyne/v2/theme"
	"net/url"
	"runtime/debug"
	"slices"
	"sync/atomic"

	"advisordesk/i18n"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// App is the running window and its screens.
type App struct {
	app      fyne.App
	win      fyne.Window
	door     Door  // the data file before sign-in
	store    Store // the signed-in person's; nil until then, signed out after
	signedIn bool
	lang     string // "zh" or "en": what the window shows now

	signIn      *signIn
	matrix      model.Matrix // the office's role matrix as of sign-in (menus only: the store decides)
	idle        idleLock
	idleMinutes int    // the office's idle lock; 0 for never
	started     bool   // the first-start question, the check and the daily copy run once per window
	quietFrom   bool   // tests: no first-start question, check or copies on sign-in
	codeShown   bool   // the recovery code is on screen: shown once, nothing opens over it
	afterCode   func() // what waits for it to be kept (the first-start question)

	nav     *widget.List
	pages   []page
	current int
	body    *fyne.Container

	roster    *rosterScreen
	appraisal *appraisalScreen
	customers *customersScreen
	process   *processScreen
	settings  *settingsScreen
	home      *homeScreen
	accounts  *accountsScreen // HR's; nil for others
	audit     *auditScreen    // HR's; nil for others

	running atomic.Int32 // background jobs whose answer has not run yet
	queue   chan func()  // answers waiting for Wait, in tests
	job     dialog.Dialog

	secondReported bool // an unreachable second backup folder was said this session

	// keys maps a shortcut name to its action on the current screen; Esc
	// is "Escape". Entries forward to it (Fyne gives shortcuts to a focused
	// entry first, where Ctrl+S would otherwise be lost).
	keys map[string]func()
	// modal holds the keys of the open dialogs, the top one last: while a
	// dialog is open it alone answers keys.
	modal []*keyMap
	// osFiles are the system's file dialogs; nil for Fyne's (UseFileDialogs).
	osFiles FileDialogs
	// editor is the current screen's form, asked before its changes would
	// be dropped (another row, another page, closing the window).
	editor   editor
	navQuiet bool // selecting a navigation entry to put the highlight back
	// openURL opens a file in the system's viewer: the app's, or a
	// test's stand-in for a machine without one.
	openURL func(*url.URL) error
}

// page is one entry of the navigation.
type page struct {
	title string // translation key
	build func() fyne.CanvasObject
}

const (
	prefWidth  = "window.width"
	prefHeight = "window.height"
)

// New builds the main window over the data file behind door: it shows the
// sign-in (or, for a file without accounts, the HR administrator's set-up)
// and the office once someone has signed in. The caller shows it.
func New(a fyne.App, door Door) *App {
	u := &App{app: a, door: door, keys: map[string]func(){}, queue: make(chan func()), openURL: a.OpenURL}
	a.Settings().SetTheme(NewTheme())
	u.setLanguage(a.Preferences().String(prefLang))
	u.win = a.NewWindow(tr("app.title"))
	u.win.SetIcon(Icon)
	u.win.SetMaster()
	w := a.Preferences().FloatWithFallback(prefWidth, 1200)
	h := a.Preferences().FloatWithFallback(prefHeight, 760)
	u.win.Resize(fyne.NewSize(float32(w), float32(h)))
	u.win.SetOnClosed(u.rememberSize)
	u.win.SetCloseIntercept(u.askClose)
	u.addShortcuts()
	u.showDoor()
	u.startWalkMap()
	return u
}

// enter shows the office to the person who signed in, as their role and
// the office's role matrix m allow.
func (u *App) enter(st Store, m model.Matrix) {
	u.store, u.matrix, u.signedIn = st, m, true
	// Checking the password took argon2's 64 MiB, which Go would keep for a
	// while (RSS 30 s after start grew from 137 to 323 MB): hand it back.
	go debug.FreeOSMemory()
	u.current = pageHome
	u.rebuild()
	u.startIdle()
	u.loadIdle()
	if u.started || u.quietFrom {
		return
	}
	u.started = true
	u.Start()
	u.StartAutoBackups()
}

// Window is the main window.
func (u *App) Window() fyne.Window { return u.win }

func (u *App) rememberSize() {
	s := u.win.Canvas().Size()
	if s.Width > 200 && s.Height > 200 {
		u.app.Preferences().SetFloat(prefWidth, float64(s.Width))
		u.app.Preferences().SetFloat(prefHeight, float64(s.Height))
	}
}

func (u *App) setLanguage(choice string) {
	u.lang = effectiveLang(choice)
	if err := applyLanguage(u.lang); err != nil {
		fyne.LogError("loading translations", err)
	}
}

// SetLanguage switches the window to "zh", "en" or "" (the OS language),
// remembers the choice and redraws every screen.
func (u *App) SetLanguage(choice string) {
	u.app.Preferences().SetString(prefLang, choice)
	u.setLanguage(choice)
	u.win.SetTitle(tr("app.title"))
	if !u.signedIn {
		u.showDoor()
		return
	}
	u.rebuild()
}

// rebuild makes every screen anew in the current language, keeping the page.
func (u *App) rebuild() {
	u.editor = nil // the screens are made anew: nothing of theirs is open
	u.home = newHomeScreen(u)
	u.roster = newRosterScreen(u)
	u.appraisal = newAppraisalScreen(u)
	u.process = newProcessScreen(u)
	u.customers = u.process.customers
	u.settings = newSettingsScreen(u)
	u.pages = []page{
		{"nav.home", u.home.content},
		{"nav.roster", u.roster.content},
		{"nav.duties", newDutiesScreen(u).content},
		{"nav.recruit", chapterPlaceholder(3, "nav.recruit", "chapter.recruit.plan")},
		{"nav.process", u.process.content},
		{"nav.appraisal", u.appraisal.content},
		{"nav.rewards", chapterPlaceholder(6, "nav.rewards", "chapter.rewards.plan")},
		{"nav.policy", chapterPlaceholder(7, "nav.policy", "chapter.policy.plan")},
		{"nav.settings", u.settings.content},
	}
	u.pages = append(u.pages, u.officePages()...)
	u.nav = widget.NewList(
		func() int { return len(u.pages) },
		func() fyne.CanvasObject { return widget.NewLabel("Performance appraisal 绩效考核") },
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(tr(u.pages[id].title)) },
	)
	u.body = container.NewStack()
	u.nav.OnSelected = func(id widget.ListItemID) {
		if u.navQuiet {
			return
		}
		u.leave(func() { u.show(id) }, func() {
			u.navQuiet = true
			u.nav.Select(u.current)
			u.navQuiet = false
		})
	}
	title := widget.NewLabelWithStyle(tr("app.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	side := container.NewBorder(container.NewPadded(title), u.personBar(), nil, nil, u.nav)
	split := container.NewHSplit(side, u.body)
	split.Offset = 0.17
	u.win.SetContent(split)
	u.nav.Select(u.current)
	u.show(u.current)
}

// reloadAll redraws every screen from the file (after a restore or a
// compaction) and then shows the job's message.
func (u *App) reloadAll(msg string) {
	u.rebuild()
	u.info(tr("app.title"), msg)
}

// ShowStartError is the window shown instead of the main one when the data
// file cannot be opened: the reason in the user's language, and the path.
func ShowStartError(a fyne.App, err error) {
	a.Settings().SetTheme(NewTheme())
	code := effectiveLang(a.Preferences().String(prefLang))
	applyLanguage(code)
	l, _ := i18n.For(code)
	w := a.NewWindow(tr("app.title"))
	msg := widget.NewLabel(l.Explain(err))
	msg.Wrapping = fyne.TextWrapWord
	w.SetContent(container.NewPadded(container.NewBorder(nil,
		container.NewHBox(layout.NewSpacer(), widget.NewButton(tr("action.close"), a.Quit)), nil, nil, msg)))
	w.Resize(fyne.NewSize(520, 200))
	w.Show()
}

// show puts page i in the body.
func (u *App) show(i int) {
	u.touch()
	u.current = i
	clear(u.keys)
	u.editor = nil
	u.body.Objects = []fyne.CanvasObject{u.pages[i].build()}
	u.body.Refresh()
	if i == pageHome {
		u.home.refresh()
	}
}

// Page numbers of the navigation.
const (
	pageHome = iota
	pageRoster
	pageProcess   = 4
	pageAppraisal = 5
	pageSettings  = 8
)

// can reports whether the signed-in person holds p, to hide or disable
// what they could not do; the store refuses it anyway.
func (u *App) can(p model.Perm) bool {
	return u.signedIn && u.matrix.Has(u.store.Who().Role, p)
}

// personBar is the foot of the navigation: who is signed in, and their
// password, lock and sign-out.
func (u *App) personBar() fyne.CanvasObject {
	who := u.store.Who()
	name := widget.NewLabel(who.Name + " · " + tr("account_role."+string(who.Role)))
	name.Truncation = fyne.TextTruncateEllipsis
	pw := widget.NewButtonWithIcon(tr("password.short"), theme.AccountIcon(), func() { u.askNewPassword("", false) })
	lock := widget.NewButtonWithIcon(tr("lock.lock"), theme.VisibilityOffIcon(), u.lock)
	out := widget.NewButtonWithIcon(tr("signin.out"), theme.LogoutIcon(), u.signOut)
	return container.NewVBox(widget.NewSeparator(), name, container.NewGridWithColumns(1, pw, lock, out))
}

// Open goes to a page, as a click in the navigation would.
func (u *App) Open(i int) { u.nav.Select(i) }

func (u *App) addShortcuts() {
	c := u.win.Canvas()
	for _, k := range []fyne.KeyName{fyne.KeyN, fyne.KeyS, fyne.KeyF} {
		sc := &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
		c.AddShortcut(sc, func(s fyne.Shortcut) { u.shortcut(s.ShortcutName()) })
	}
	c.SetOnTypedKey(func(e *fyne.KeyEvent) {
		switch e.Name {
		case fyne.KeyEscape:
			u.shortcut(keyEscape)
		case fyne.KeyReturn, fyne.KeyEnter:
			u.shortcut(keyEnter)
		}
	})
}

// shortcut runs the open dialog's or, with none, the current screen's
// action for a shortcut; false if none.
func (u *App) shortcut(name string) bool {
	if u.idle.locked {
		return false // nothing behind the lock answers keys
	}
	u.touch()
	keys := u.keys
	switch {
	case len(u.modal) > 0:
		keys = u.modal[len(u.modal)-1].keys // a dialog's, the sign-in's own too
	case !u.signedIn:
		return false // no screen behind the sign-in
	}
	if f := keys[name]; f != nil {
		f()
		return true
	}
	return false
}

// modalKeys gives a dialog its own Ctrl+S and Esc while it is open and
// gives the screen's back when it closes.
func (u *App) modalKeys(d dialog.Dialog, save, cancel func()) {
	u.dialogKeys(d, map[string]func(){shortcutName(fyne.KeyS): save, keyEscape: cancel})
}

// dialogKeys gives a dialog the keys it answers to while it is open; the
// screen's shortcuts wait until it closes. Dialogs stack: a dialog opened
// from another one's answer takes the keys until it closes itself.
func (u *App) dialogKeys(d dialog.Dialog, keys map[string]func()) {
	m := &keyMap{keys}
	u.modal = append(u.modal, m)
	d.SetOnClosed(func() {
		if i := slices.Index(u.modal, m); i >= 0 {
			u.modal = slices.Delete(u.modal, i, i+1)
		}
	})
}

// keyMap is one open dialog's keys.
type keyMap struct{ keys map[string]func() }

// Names of the plain keys in a key map.
const (
	keyEscape = "Escape"
	keyEnter  = "Return"
)

// shortcutName is the name Fyne gives a Ctrl (⌘ on macOS) shortcut.
func shortcutName(k fyne.KeyName) string {
	return (&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}).ShortcutName()
}

// Start runs what a first start needs once the window is up: the choice
// between an empty file and a demo office.
func (u *App) Start() {
	var done string
	var empty bool
	u.background(func() (err error) {
		if done, err = u.store.Setting(settingFirstStart); err != nil {
			return err
		}
		empty, err = u.store.IsEmpty()
		return err
	}, func(err error) {
		if err == nil && done == "" && empty {
			u.afterRecoveryCode(func() { showFirstStart(u) })
		}
	})
	u.checkInBackground()
}

// officePages are the pages of the office's administration: HR's.
func (u *App) officePages() []page {
	u.accounts, u.audit = nil, nil
	if !u.can(model.PermManageAccounts) {
		return nil
	}
	u.accounts, u.audit = newAccountsScreen(u), newAuditScreen(u)
	return []page{{"nav.accounts", u.accounts.content}, {"nav.audit", u.audit.content}}
}
