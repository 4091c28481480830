package ui

import (
	"context"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"

	"advisordesk/model"
	"advisordesk/report"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// pageDuties is chapter 2's place in the navigation (see App.rebuild).
const pageDuties = 2

// dutiesScreen is chapter 2, duties and permissions: everyone's own, with
// the article each comes from and their role's sheet to print; for HR also
// the role matrix to edit and any role's sheet. The matrix is read from
// the file when the page opens, so it shows what the store decides with.
type dutiesScreen struct {
	u     *App
	saved model.Matrix // as the file holds it; nil until read
	since model.Date   // when HR last saved it; "" for the program's default

	version *widget.Label
	mine    *fyne.Container // the person's own duties and permissions
	printMy *widget.Button

	// HR's editor: a check box per catalogue entry and role.
	checks   map[model.AccountRole]map[string]*widget.Check
	status   *widget.Label
	save     *widget.Button
	revert   *widget.Button
	role     *widget.Select // whose sheet HR prints
	printFor *widget.Button
	reads    latest
}

func newDutiesScreen(u *App) *dutiesScreen { return &dutiesScreen{u: u} }

// hr reports whether the person edits the matrix.
func (s *dutiesScreen) hr() bool { return s.u.can(model.PermManageAccounts) }

func (s *dutiesScreen) content() fyne.CanvasObject {
	u := s.u
	s.saved, s.checks = nil, nil // the page is made anew: nothing read yet
	head := widget.NewLabelWithStyle(tr("chapter.n", "N", strconv.Itoa(2))+"  "+tr("nav.duties"),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.SizeName = theme.SizeNameHeadingText
	s.version = widget.NewLabel("")
	s.mine = container.NewVBox()
	who := u.store.Who()
	s.printMy = widget.NewButtonWithIcon(tr("duties.print_mine"), theme.DocumentPrintIcon(),
		func() { s.askPrint(who.Role, who.Name) })
	s.printMy.Disable()
	intro := widget.NewLabel(tr("duties.mine_role", "Role", tr("account_role."+string(who.Role))))
	intro.Wrapping = fyne.TextWrapWord
	mine := container.NewBorder(container.NewBorder(nil, nil, nil, s.printMy, intro), nil, nil, nil,
		container.NewVScroll(s.mine))
	top := container.NewVBox(head, s.version)
	s.read()
	if !s.hr() {
		title := widget.NewLabelWithStyle(tr("duties.mine"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		title.SizeName = theme.SizeNameSubHeadingText
		top.Add(title)
		return container.NewPadded(container.NewBorder(top, nil, nil, nil, mine))
	}
	// HR's page has two tabs: their own sheet, and the matrix they edit.
	u.editor = s
	u.keys[shortcutName(fyne.KeyS)] = s.saveNow
	// The matrix's four columns scroll sideways in a narrow window (1024
	// pixels) rather than hold it wide.
	tabs := container.NewAppTabs(container.NewTabItem(tr("duties.mine"), mine),
		container.NewTabItem(tr("duties.matrix_title"), container.NewHScroll(s.editor())))
	return container.NewPadded(container.NewBorder(top, nil, nil, nil, tabs))
}

// read takes the matrix and its date from the file, off the UI thread.
func (s *dutiesScreen) read() {
	var m model.Matrix
	var since model.Date
	s.u.load(&s.reads, func() (err error) {
		m, since, err = s.u.store.Matrix()
		return err
	}, func(err error) {
		if err != nil {
			s.u.showError(err)
			return
		}
		s.show(m, since)
	})
}

// show puts a matrix read from or saved to the file on the screen.
func (s *dutiesScreen) show(m model.Matrix, since model.Date) {
	s.saved, s.since = m, since
	version := tr("duties.matrix_default")
	if since != "" {
		version = tr("duties.version_saved", "Date", string(since))
	}
	s.version.SetText(tr("duties.matrix", "Version", version))
	s.showMine()
	s.printMy.Enable()
	if s.checks == nil {
		return
	}
	for r, row := range s.checks {
		for code, c := range row {
			c.SetChecked(slices.Contains(m[r], code))
		}
	}
	s.printFor.Enable()
	s.changedNow()
}

// showMine lists the person's duties, then their permissions, in the
// catalogue's order: a row each with its name, its explanation and its
// source, in columns.
func (s *dutiesScreen) showMine() {
	codes := s.saved.Codes(s.u.store.Who().Role)
	var names, sources []string
	for _, code := range codes {
		e, _ := model.Entry(code)
		names, sources = append(names, tr(e.TextKey())), append(sources, source(e))
	}
	cols := &gridRow{cols: []float32{labelWidth(names, true), 0, labelWidth(sources, false)}}
	var duties, perms []fyne.CanvasObject
	for _, code := range codes {
		e, _ := model.Entry(code)
		text := widget.NewLabel(tr(e.TextKey() + ".text"))
		text.Wrapping = fyne.TextWrapWord
		row := container.New(cols, widget.NewLabelWithStyle(tr(e.TextKey()), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			text, widget.NewLabel(source(e)))
		if e.Duty {
			duties = append(duties, row)
		} else {
			perms = append(perms, row)
		}
	}
	var objs []fyne.CanvasObject
	for _, sec := range []struct {
		title string
		rows  []fyne.CanvasObject
	}{{"duties.duties", duties}, {"duties.perms", perms}} {
		objs = append(objs, widget.NewLabelWithStyle(tr(sec.title), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		if len(sec.rows) == 0 {
			sec.rows = []fyne.CanvasObject{widget.NewLabel(tr("duties.none"))}
		}
		objs = append(objs, sec.rows...)
	}
	s.mine.Objects = objs
	s.mine.Refresh()
}

// labelWidth is the width a label needs for the longest of texts.
func labelWidth(texts []string, bold bool) float32 {
	w := float32(0)
	for _, t := range texts {
		w = max(w, widget.NewLabelWithStyle(t, fyne.TextAlignLeading, fyne.TextStyle{Bold: bold}).MinSize().Width)
	}
	return w
}

// source is where an entry comes from, as the sheet prints it: its
// article (marked when only the second draft has it), or the program.
func source(e model.CatalogueEntry) string {
	switch {
	case !e.FromRegulation():
		return tr("duties.program")
	case e.Draft == 2:
		return tr("duties.article_draft2", "No", e.Article)
	}
	return tr("duties.article", "No", e.Article)
}

// editor is HR's grid: a row per catalogue entry under its group's
// heading, a column per role, then Save and the print of any role's sheet.
func (s *dutiesScreen) editor() fyne.CanvasObject {
	bold := fyne.TextStyle{Bold: true}
	cols := s.columns()
	header := []fyne.CanvasObject{widget.NewLabelWithStyle(tr("duties.col_item"), fyne.TextAlignLeading, bold),
		widget.NewLabelWithStyle(tr("duties.col_source"), fyne.TextAlignLeading, bold)}
	for _, r := range model.AccountRoles {
		header = append(header, widget.NewLabelWithStyle(tr("account_role."+string(r)), fyne.TextAlignCenter, bold))
	}
	rows := []fyne.CanvasObject{container.New(cols, header...), widget.NewSeparator()}
	s.checks = map[model.AccountRole]map[string]*widget.Check{}
	group := ""
	for _, e := range model.Catalogue {
		if g := entryGroup(e); g != group {
			group = g
			rows = append(rows, widget.NewLabelWithStyle(tr(g), fyne.TextAlignLeading, bold))
		}
		cells := []fyne.CanvasObject{widget.NewLabel(tr(e.TextKey())), widget.NewLabel(source(e))}
		for _, r := range model.AccountRoles {
			c := widget.NewCheck("", func(bool) { s.changedNow() })
			if r == model.RoleHR && e.Code == string(model.PermManageAccounts) {
				c.Checked = true
				c.Disable() // HR keeps the accounts, or no one could manage them
			}
			if s.checks[r] == nil {
				s.checks[r] = map[string]*widget.Check{}
			}
			s.checks[r][e.Code] = c
			cells = append(cells, container.NewCenter(c))
		}
		rows = append(rows, container.New(cols, cells...))
	}
	hint := widget.NewLabel(tr("duties.matrix_hint"))
	hint.Wrapping = fyne.TextWrapWord
	s.status = widget.NewLabel("")
	s.status.Wrapping = fyne.TextWrapWord // beside the buttons: its length must not widen the window
	s.save = widget.NewButtonWithIcon(tr("action.save"), theme.DocumentSaveIcon(), s.saveNow)
	s.save.Importance = widget.HighImportance
	s.revert = widget.NewButtonWithIcon(tr("duties.revert"), theme.ContentUndoIcon(), func() { s.show(s.saved, s.since) })
	s.save.Disable()
	s.revert.Disable()
	names := roleNames()
	s.role = widget.NewSelect(names, nil)
	s.role.SetSelectedIndex(len(names) - 1) // the advisor's: the sheet most printed
	s.printFor = widget.NewButtonWithIcon(tr("duties.print_role"), theme.DocumentPrintIcon(), func() {
		s.askPrint(model.AccountRoles[s.role.SelectedIndex()], "")
	})
	s.printFor.Disable()
	// A select is as wide as its placeholder: make room for the widest role.
	w := labelWidth(names, false) + theme.IconInlineSize() + 2*theme.InnerPadding()
	role := container.NewGridWrap(fyne.NewSize(w, s.role.MinSize().Height), s.role)
	bar := container.NewBorder(nil, nil, container.NewHBox(widget.NewLabel(tr("duties.print_for")), role, s.printFor),
		container.NewHBox(s.revert, s.save), s.status)
	// The hint and the column heads stay on top and Save below while the
	// rows scroll.
	return container.NewBorder(container.NewVBox(hint, rows[0], rows[1]),
		container.NewVBox(widget.NewSeparator(), bar), nil, nil,
		container.NewVScroll(container.NewVBox(rows[2:]...)))
}

// entryGroup is the heading an entry stands under in the grid.
func entryGroup(e model.CatalogueEntry) string {
	switch {
	case e.Duty:
		return "duties.group_duties"
	case e.FromRegulation():
		return "duties.group_regulation"
	}
	return "duties.group_program"
}

// columns is the grid's layout: the source column as wide as its widest
// text and each role's column as wide as the widest role name, so that
// the rows line up; the item takes the rest.
func (s *dutiesScreen) columns() *gridRow {
	sources := []string{tr("duties.col_source")}
	for _, e := range model.Catalogue {
		sources = append(sources, source(e))
	}
	src, role := labelWidth(sources, true), labelWidth(roleNames(), true)
	return &gridRow{cols: []float32{0, src, role, role, role}}
}

// roleNames are the account roles' names, in the order of AccountRoles.
func roleNames() []string {
	var names []string
	for _, r := range model.AccountRoles {
		names = append(names, tr("account_role."+string(r)))
	}
	return names
}

// edited is the matrix the check boxes show.
func (s *dutiesScreen) edited() model.Matrix {
	m := model.Matrix{}
	for _, r := range model.AccountRoles {
		m[r] = []string{}
		for _, e := range model.Catalogue {
			if s.checks[r][e.Code].Checked {
				m[r] = append(m[r], e.Code)
			}
		}
	}
	return m
}

// changed reports whether the check boxes differ from the file's matrix.
func (s *dutiesScreen) changed() bool {
	if s.saved == nil || s.checks == nil {
		return false
	}
	m := s.edited()
	for _, r := range model.AccountRoles {
		if !slices.Equal(m[r], s.saved.Codes(r)) {
			return true
		}
	}
	return false
}

// changedNow follows a tick: Save and Undo only while there is something
// to save, and a word that it is not saved yet.
func (s *dutiesScreen) changedNow() {
	if s.changed() {
		s.status.SetText(tr("duties.unsaved"))
		s.save.Enable()
		s.revert.Enable()
		return
	}
	if s.status.Text == tr("duties.unsaved") {
		s.status.SetText("")
	}
	s.save.Disable()
	s.revert.Disable()
}

func (s *dutiesScreen) saveNow() {
	if s.changed() {
		s.saveThen(nil, nil)
	}
}

// saveThen saves the ticked matrix off the UI thread; the store refuses a
// matrix that is not valid or a person who may no longer change it, and
// the refusal shows in the user's language with the ticks kept. After a
// save the window's menus follow the new matrix: the screens are made anew
// when it changed what the signed-in person holds.
func (s *dutiesScreen) saveThen(done, refused func()) {
	u, m := s.u, s.edited()
	var since model.Date
	u.background(func() error {
		if err := u.store.SaveMatrix(m); err != nil {
			return err
		}
		var err error
		m, since, err = u.store.Matrix()
		return err
	}, func(err error) {
		if err != nil {
			u.showError(err)
			if refused != nil {
				refused()
			}
			return
		}
		own := u.store.Who().Role
		mine := !slices.Equal(u.matrix.Codes(own), m.Codes(own))
		u.matrix = maps.Clone(m)
		s.show(m, since)
		s.status.SetText(tr("duties.saved"))
		if mine {
			// What this person may do changed: every screen is made anew,
			// so that what each offers follows (this page's word is lost).
			u.rebuild()
			if done == nil {
				u.info(tr("duties.matrix_title"), tr("duties.saved"))
			}
		}
		if done != nil {
			done()
			if mine && u.current != pageDuties {
				u.navQuiet = true // the new navigation marks the page it went to
				u.nav.Select(u.current)
				u.navQuiet = false
			}
		}
	})
}

// askPrint asks where to write role's sheet and prints it off the UI
// thread from the saved matrix, with employee on its name line ("" to be
// written in); then it offers to open the PDF.
func (s *dutiesScreen) askPrint(role model.AccountRole, employee string) {
	u := s.u
	sheet := report.DutySheet{Role: role, Matrix: s.saved, Employee: employee, Since: s.since}
	lang, roleName := u.lang, tr("account_role."+string(role))
	name := "duties-" + string(role) + "-" + strings.ReplaceAll(string(u.store.Today()), "-", "") + ".pdf"
	// A name on a blank sheet is not personal data to log: table "".
	u.saveTo(name, ".pdf", tr("duties.print_title"), "", func(ctx context.Context, w io.Writer) (string, error) {
		m, err := u.printMeta()
		if err != nil {
			return "", err
		}
		m.Lang = lang // the language when the print was asked for
		return tr("duties.printed", "Role", roleName, "Path", "{{path}}"), report.Duties(w, sheet, m)
	})
}

// gridRow lays out one row of a table drawn without widget.Table: each
// cell is as wide as its column and as high as the row; the column of
// width 0 takes what the others leave.
type gridRow struct{ cols []float32 }

func (g *gridRow) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for i, o := range objs {
		ms := o.MinSize()
		h = max(h, ms.Height)
		if g.cols[i] == 0 {
			w += ms.Width
		} else {
			w += g.cols[i]
		}
	}
	return fyne.NewSize(w+theme.Padding()*float32(len(objs)-1), h)
}

func (g *gridRow) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	rest := size.Width - pad*float32(len(objs)-1)
	for _, c := range g.cols {
		rest -= c
	}
	x := float32(0)
	for i, o := range objs {
		w := g.cols[i]
		if w == 0 {
			w = max(rest, o.MinSize().Width)
		}
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w + pad
	}
}
