package ui

import (
	"advisordesk/i18n"
	"bytes"
	"context"
	"io"
	"net/url"
	"strings"

	"advisordesk/exchange"
	"advisordesk/model"
	"advisordesk/report"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// rosterScreen is chapter 1's advisor roster (顾问花名册): the list of every
// advisor and the form to add, edit and delete one.
type rosterScreen struct {
	u    *App
	list *listView[model.Advisor]

	editing *model.Advisor // nil: nothing open; ID 0: a new advisor
	form    *form
	title   *widget.Label
	status  *widget.Label
	panel   *fyne.Container // the form, or the hint when nothing is open
	hint    fyne.CanvasObject
	formBox fyne.CanvasObject
	delete  *widget.Button
	saveBtn *widget.Button

	empno, name, phone, email, dept, hired, statusDate, supervisor, notes *entry
	nameWarn                                                              *widget.Label // "will print as 〓"
	gender                                                                *choice[model.Gender]
	employment                                                            *choice[model.Employment]
	role                                                                  *choice[model.Role]
	state                                                                 *choice[model.Status]
	filter                                                                *choice[model.Status]
}

func newRosterScreen(u *App) *rosterScreen {
	r := &rosterScreen{u: u}
	text := func(f func(*model.Advisor) string) func(*model.Advisor) string { return f }
	cols := []column[model.Advisor]{
		{model.FieldEmpNo, 90, text(func(a *model.Advisor) string { return a.EmpNo })},
		{model.FieldName, 100, text(func(a *model.Advisor) string { return a.Name })},
		{model.FieldEmployment, 95, text(func(a *model.Advisor) string { return tr("employment." + string(a.Employment)) })},
		{model.FieldRole, 150, text(func(a *model.Advisor) string { return tr("role." + string(a.Role)) })},
		{model.FieldDepartment, 120, text(func(a *model.Advisor) string { return a.Department })},
		{model.FieldPhone, 125, text(func(a *model.Advisor) string { return a.Phone })},
		{model.FieldHireDate, 105, text(func(a *model.Advisor) string { return string(a.HireDate) })},
		{model.FieldStatus, 80, text(func(a *model.Advisor) string { return tr("status." + string(a.Status)) })},
		{model.FieldSupervisor, 90, text(func(a *model.Advisor) string { return a.Supervisor })},
	}
	r.list = newListView(u, cols, u.store.FindAdvisors, func(a *model.Advisor) uint64 { return a.ID }, r.open)
	r.list.table.StickyColumnCount = 2 // number and name stay in view
	r.list.q.Sort = model.FieldEmpNo
	r.filter = newChoice(append([]model.Status{""}, model.Statuses...), "status.")
	r.filter.Options[0] = tr("filter.all")
	r.filter.SetSelectedIndex(0)
	r.filter.OnChanged = func(string) {
		r.list.q.Where, r.list.q.Offset = model.Match{}, 0
		if v := r.filter.value(); v != "" {
			r.list.q.Where = model.Match{Field: model.FieldStatus, Value: string(v)}
		}
		r.list.reload()
	}
	r.list.extra = []fyne.CanvasObject{r.filter}
	r.buildForm()
	return r
}

func (r *rosterScreen) buildForm() {
	u := r.u
	f := newForm()
	r.form = f
	r.empno, r.name, r.phone, r.email = newEntry(u), newEntry(u), newEntry(u), newEntry(u)
	r.dept, r.hired, r.statusDate, r.supervisor = newEntry(u), newEntry(u), newEntry(u), newEntry(u)
	r.notes = newMultiLineEntry(u)
	r.notes.SetMinRowsVisible(3)
	r.hired.SetPlaceHolder(tr("form.hint_date"))
	r.statusDate.SetPlaceHolder(tr("form.hint_date"))
	r.phone.SetPlaceHolder("13800138000")
	r.gender = newChoice(model.Genders, "gender.")
	r.employment = newChoice(model.Employments, "employment.")
	r.role = newChoice(model.Roles, "role.")
	r.state = newChoice(model.Statuses, "status.")
	r.state.OnChanged = func(string) { r.syncStatusDate() }

	f.add(model.FieldEmpNo, r.empno, true)
	// A character no bundled font has is said as it is typed: it prints as 〓.
	r.nameWarn = widget.NewLabel("")
	r.nameWarn.Importance = widget.WarningImportance
	r.nameWarn.SizeName = theme.SizeNameCaptionText
	r.nameWarn.Hide()
	r.name.OnChanged = func(s string) {
		if miss := report.Unprintable(s); len(miss) > 0 {
			r.nameWarn.SetText(tr("form.unprintable", "Chars", string(miss)))
			r.nameWarn.Show()
		} else {
			r.nameWarn.Hide()
		}
	}
	f.add(model.FieldName, container.NewVBox(r.name, r.nameWarn), true)
	f.add(model.FieldGender, r.gender, false)
	f.add(model.FieldPhone, r.phone, false)
	f.add(model.FieldEmail, r.email, false)
	f.add(model.FieldEmployment, r.employment, true)
	f.add(model.FieldRole, r.role, true)
	f.add(model.FieldDepartment, r.dept, false)
	f.add(model.FieldHireDate, r.hired, false)
	f.add(model.FieldStatus, r.state, true)
	f.add(model.FieldStatusDate, r.statusDate, false)
	f.add(model.FieldSupervisor, r.supervisor, false)
	f.add(model.FieldNotes, r.notes, false)

	r.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.status = widget.NewLabel("")
	r.status.Importance = widget.SuccessImportance
	save := widget.NewButtonWithIcon(tr("action.save"), theme.DocumentSaveIcon(), r.save)
	save.Importance = widget.HighImportance
	r.saveBtn = save
	cancel := widget.NewButtonWithIcon(tr("action.cancel"), theme.CancelIcon(), r.cancel)
	r.delete = widget.NewButtonWithIcon(tr("action.delete"), theme.DeleteIcon(), r.confirmDelete)
	r.delete.Importance = widget.DangerImportance
	buttons := container.NewHBox(save, cancel, widget.NewSeparator(), r.delete)
	r.formBox = container.NewBorder(container.NewVBox(r.title, widget.NewSeparator()),
		container.NewVBox(widget.NewSeparator(), buttons), nil, nil, container.NewVScroll(f.content()))
	r.hint = hintPanel("form.select_hint")
	r.panel = container.NewStack(r.hint)
}

func (r *rosterScreen) content() fyne.CanvasObject {
	r.list.bindKeys(r.newAdvisor, r.save, r.cancel)
	r.u.editor = r

	add := widget.NewButtonWithIcon(tr("action.add"), theme.ContentAddIcon(), r.newAdvisor)
	add.Importance = widget.HighImportance
	print := widget.NewButtonWithIcon(tr("action.print"), theme.DocumentPrintIcon(), r.askPrint)
	export := widget.NewButtonWithIcon(tr("action.export"), theme.DownloadIcon(), func() { r.askExport(".csv") })
	exportX := widget.NewButtonWithIcon(tr("action.export_xlsx"), theme.DownloadIcon(), func() { r.askExport(".xlsx") })
	importBtn := widget.NewButtonWithIcon(tr("import.action"), theme.UploadIcon(), r.askImport)
	bar := container.NewHBox(add, print, export, exportX, importBtn, r.status)
	split := container.NewHSplit(r.list.content(), container.NewPadded(r.panel))
	split.Offset = 0.64
	r.list.reload()
	return container.NewBorder(container.NewPadded(bar), nil, nil, nil, split)
}

// open shows an advisor from the list in the form.
func (r *rosterScreen) open(a *model.Advisor) {
	cp := *a
	r.edit(&cp)
}

func (r *rosterScreen) newAdvisor() {
	r.u.leave(r.openNew, nil)
}

func (r *rosterScreen) openNew() {
	r.list.selected = 0
	r.list.showSelected()
	r.edit(&model.Advisor{Employment: model.FullTime, Role: model.FrontDesk, Status: model.Active,
		HireDate: r.u.store.Today()})
	r.u.win.Canvas().Focus(r.empno)
}

// edit fills the form with a.
func (r *rosterScreen) edit(a *model.Advisor) {
	r.editing = a
	r.form.clearErrors()
	if a.ID == 0 {
		r.title.SetText(tr("form.new"))
		r.delete.Hide()
	} else {
		r.title.SetText(tr("form.edit", "Name", a.Name))
		r.delete.Show()
	}
	r.empno.SetText(a.EmpNo)
	r.name.SetText(a.Name)
	r.gender.set(a.Gender)
	r.phone.SetText(a.Phone)
	r.email.SetText(a.Email)
	r.employment.set(a.Employment)
	r.role.set(a.Role)
	r.dept.SetText(a.Department)
	r.hired.SetText(string(a.HireDate))
	r.state.set(a.Status)
	r.statusDate.SetText(string(a.StatusDate))
	r.supervisor.SetText(a.Supervisor)
	r.notes.SetText(a.Notes)
	r.syncStatusDate()
	r.panel.Objects = []fyne.CanvasObject{r.formBox}
	r.panel.Refresh()
}

// syncStatusDate offers the status date only for a status that has one.
func (r *rosterScreen) syncStatusDate() {
	if r.state.value() == model.Active || r.state.value() == "" {
		r.statusDate.SetText("")
		r.statusDate.Disable()
	} else {
		r.statusDate.Enable()
	}
}

// collect reads the form into a copy of the record being edited; dates that
// do not parse come back as field errors.
func (r *rosterScreen) collect() (*model.Advisor, model.FieldErrors) {
	a := *r.editing
	var errs model.FieldErrors
	a.EmpNo, a.Name = r.empno.Text, r.name.Text
	a.Gender, a.Phone, a.Email = r.gender.value(), r.phone.Text, r.email.Text
	a.Employment, a.Role = r.employment.value(), r.role.value()
	a.Department, a.Supervisor, a.Notes = r.dept.Text, r.supervisor.Text, r.notes.Text
	a.HireDate = dateIn(r.hired, model.FieldHireDate, &errs)
	a.Status = r.state.value()
	a.StatusDate = dateIn(r.statusDate, model.FieldStatusDate, &errs)
	return &a, errs
}

// save validates the form and writes the advisor in one transaction, off
// the UI thread. A refused save changes nothing and marks the fields.
func (r *rosterScreen) save() { r.saveThen(nil, nil) }

// saveThen is save that runs done after a save and refused after a refusal.
func (r *rosterScreen) saveThen(done, refused func()) {
	if r.editing == nil {
		return
	}
	a, errs := r.collect()
	if errs != nil {
		// Show the date errors together with everything else that is wrong.
		check := *a
		check.Normalize()
		if more, ok := model.AsFieldErrors(check.Validate(r.u.store.Today())); ok {
			for _, fe := range more {
				if errs.For(fe.Field) == nil {
					errs = append(errs, fe)
				}
			}
		}
		r.form.showErrors(errs, r.u.labels())
		if refused != nil {
			refused()
		}
		return
	}
	r.form.submitThen(r.u, func() error { return r.u.store.SaveAdvisor(a) }, func() {
		r.status.SetText(tr("form.saved", "Name", a.Name))
		r.list.selected = a.ID
		r.edit(a)
		r.list.reload()
		if done != nil {
			done()
		}
	}, refused)
}

// changed reports whether the form differs from the advisor it opened.
func (r *rosterScreen) changed() bool {
	if r.editing == nil {
		return false
	}
	a, errs := r.collect()
	return errs != nil || *a != *r.editing
}

// cancel drops unsaved changes and closes the form.
func (r *rosterScreen) cancel() {
	r.editing = nil
	r.form.clearErrors()
	r.list.selected = 0
	r.list.showSelected()
	r.panel.Objects = []fyne.CanvasObject{r.hint}
	r.panel.Refresh()
}

func (r *rosterScreen) confirmDelete() {
	a := r.editing
	if a == nil || a.ID == 0 {
		return
	}
	r.u.confirm(tr("delete.title"), tr("delete.confirm", "Name", a.Name, "EmpNo", a.EmpNo), tr("action.delete"),
		func() { r.deleteNow(a) })
}

func (r *rosterScreen) deleteNow(a *model.Advisor) {
	r.u.background(func() error { return r.u.store.DeleteAdvisor(a.ID) }, func(err error) {
		if err != nil {
			r.u.showError(err)
			return
		}
		r.status.SetText(tr("delete.done", "Name", a.Name))
		r.cancel()
		r.list.reload()
	})
}

func (r *rosterScreen) askPrint() {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			r.u.showError(err)
		}
		if w != nil {
			r.print(w, w.URI())
		}
	}, r.u.win)
	d.SetFileName("roster-" + strings.ReplaceAll(string(r.u.store.Today()), "-", "") + ".pdf")
	d.SetFilter(storage.NewExtensionFileFilter([]string{".pdf"}))
	d.Show()
}

// print writes the roster PDF in the window's language to w, off the UI
// thread, then offers to open it.
func (r *rosterScreen) print(w io.WriteCloser, uri fyne.URI) {
	lang := r.u.lang
	r.u.longJob(tr("action.print"), func(ctx context.Context, progress func(float64)) (string, error) {
		progress(-1)
		defer w.Close()
		list, err := r.u.store.AdvisorsByEmpNo()
		if err != nil {
			return "", err
		}
		company, _ := r.u.store.Setting(settingCompany)
		var buf bytes.Buffer
		if err := report.Roster(&buf, list, report.Meta{Lang: lang, Company: company, Date: r.u.store.Today()}); err != nil {
			return "", err
		}
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		if _, err := w.Write(buf.Bytes()); err != nil {
			return "", err
		}
		return tr("print.done", "Path", uriPath(uri)), w.Close()
	}, func() { r.u.offerOpen(tr("action.print"), uri) })
}

func (r *rosterScreen) askExport(ext string) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			r.u.showError(err)
		}
		if w != nil {
			r.export(w, w.URI(), ext)
		}
	}, r.u.win)
	d.SetFileName("advisors-" + strings.ReplaceAll(string(r.u.store.Today()), "-", "") + ext)
	d.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
	d.Show()
}

// export writes the roster as CSV or .xlsx for Excel, off the UI thread.
func (r *rosterScreen) export(w io.WriteCloser, uri fyne.URI, ext string) {
	l := r.u.labels()
	write := exchange.AdvisorCSV
	if ext == ".xlsx" {
		write = exchange.AdvisorXLSX
	}
	r.u.longJob(tr("action.export"), func(ctx context.Context, progress func(float64)) (string, error) {
		progress(-1)
		defer w.Close()
		list, err := r.u.store.AdvisorsByEmpNo()
		if err != nil {
			return "", err
		}
		n, err := write(w, l, func(fn func(*model.Advisor) error) error {
			for _, a := range list {
				if err := fn(a); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return "", err
		}
		return tr("export.done", "N", i18n.Count(n), "Path", uriPath(uri)), w.Close()
	}, nil)
}

func uriPath(u fyne.URI) string {
	if u == nil {
		return ""
	}
	if u.Scheme() == "file" {
		return u.Path()
	}
	return u.String()
}

// offerOpen asks whether to open a file just written in the system viewer;
// title names what was printed.
func (u *App) offerOpen(title string, uri fyne.URI) {
	if uri == nil {
		return
	}
	msg := widget.NewLabel(u.lastMessage)
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(title, tr("action.open_pdf"), tr("action.close"), msg, func(ok bool) {
		if !ok {
			return
		}
		link, err := url.Parse(uri.String())
		if err == nil {
			err = u.openURL(link)
		}
		if err != nil {
			// No program opens PDFs here (xdg-open missing, say): say so
			// and where the file is, rather than nothing at all.
			u.info(tr("action.open_pdf"), tr("print.no_viewer", "Path", uriPath(uri)))
		}
	}, u.win)
	u.dialogKeys(d, map[string]func(){keyEscape: d.Hide, keyEnter: d.Confirm})
	d.Resize(fyne.NewSize(460, 0))
	d.Show()
}

func (r *rosterScreen) askImport() {
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil {
			r.u.showError(err)
		}
		if rc == nil {
			return
		}
		r.importFrom(rc, rc.URI().Name())
	}, r.u.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv", ".xlsx"}))
	d.Show()
}

// importFrom reads a roster file and checks it against the file on disk
// (a dry run); problems are listed with their rows and nothing is saved,
// otherwise the user confirms what will be added and updated.
func (r *rosterScreen) importFrom(rc io.ReadCloser, name string) {
	var imp *model.AdvisorImport
	var added, updated int
	r.u.background(func() (err error) {
		defer rc.Close()
		if imp, err = exchange.ReadAdvisors(rc, name); err != nil {
			return err
		}
		imp.Notes = append(imp.Notes, report.UnprintableNotes(imp)...)
		added, updated, _, err = r.u.store.ImportAdvisors(imp, true)
		return err
	}, func(err error) {
		if fes, ok := model.AsFieldErrors(err); ok {
			r.showImportProblems(imp.Notes, fes)
			return
		}
		if err != nil {
			r.u.showError(err)
			return
		}
		lines := append(r.readerNotes(imp.Notes), tr("import.confirm", "Add", i18n.Count(added), "Update", i18n.Count(updated)))
		r.u.lastMessage = strings.Join(lines, "\n")
		r.u.confirm(tr("import.title"), r.u.lastMessage, tr("import.yes"), func() { r.importNow(imp) })
	})
}

// readerNotes are what the reader says about the file (the encoding or sheet it
// read, sheets it left out), in the window's language.
func (r *rosterScreen) readerNotes(ns []model.Note) []string {
	l := r.u.labels()
	var lines []string
	for _, n := range ns {
		lines = append(lines, l.Explain(n))
	}
	return lines
}

func (r *rosterScreen) showImportProblems(notes []model.Note, fes model.FieldErrors) {
	l := r.u.labels()
	lines := append(r.readerNotes(notes), trN("import.problems", len(fes)))
	for i, fe := range fes {
		if i == 30 {
			lines = append(lines, tr("import.more", "N", i18n.Count(len(fes)-30)))
			break
		}
		lines = append(lines, l.Explain(model.FieldErrors{fe}))
	}
	r.u.lastMessage = strings.Join(lines, "\n")
	msg := widget.NewLabel(r.u.lastMessage)
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(tr("import.title"), tr("action.close"), container.NewVScroll(msg), r.u.win)
	d.Resize(fyne.NewSize(620, 420))
	d.Show()
}

func (r *rosterScreen) importNow(imp *model.AdvisorImport) {
	r.u.longJob(tr("import.title"), func(ctx context.Context, progress func(float64)) (string, error) {
		progress(-1)
		added, updated, backup, err := r.u.store.ImportAdvisors(imp, false)
		if err != nil {
			return "", err
		}
		return tr("import.done", "Add", i18n.Count(added), "Update", i18n.Count(updated), "Path", backup), nil
	}, func() {
		r.u.info(tr("import.title"), r.u.lastMessage)
		r.list.reload()
	})
}
