package ui

import (
	"advisordesk/i18n"
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
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// rosterScreen is chapter 1's advisor roster (顾问花名册): the list-and-form
// screen of the advisor's description, with the roster's import.
type rosterScreen struct {
	*recordScreen[model.Advisor]
	// resolve says how many supervisors are names to resolve and shows
	// only those advisors, or all again; hidden when there are none.
	resolve  *widget.Button
	resolved latest
	only     bool           // the list shows only the advisors to resolve
	picker   *advisorPicker // the supervisor picker last opened
}

func newRosterScreen(u *App) *rosterScreen {
	st := recordStore[model.Advisor]{find: u.store.FindAdvisors, save: u.store.SaveAdvisor,
		remove: u.store.DeleteAdvisor}
	r := &rosterScreen{recordScreen: newRecordScreen(u, model.AdvisorRecord, st, func(a *model.Advisor) uint64 { return a.ID },
		model.FieldStatus)}
	r.list.table.StickyColumnCount = 2 // number and name stay in view
	r.files = recordFiles[model.Advisor]{printStem: "roster", exportStem: "advisors", print: report.Roster,
		csv: exchange.AdvisorCSV, xlsx: exchange.AdvisorXLSX}
	r.name = func(a *model.Advisor) string { return a.Name }
	r.keys = recordKeys{add: "action.add", print: "action.print", formNew: "form.new", edit: "form.edit",
		selectHint: "form.select_hint", deleteTitle: "delete.title", deleteConfirm: "delete.confirm",
		deleteDone: "delete.done", printDone: "print.done", exportDone: "export.done"}
	r.list.searchKey, r.list.countKey, r.list.emptyKey = "search.placeholder", "list.count", "list.empty"
	r.fresh = func() *model.Advisor {
		return &model.Advisor{Employment: model.FullTime, Role: model.FrontDesk, Status: model.Active,
			HireDate: u.store.Today()}
	}
	r.sync = r.syncStatusDate
	r.pickers = map[string]refPicker{model.FieldSupervisor: func(done func(uint64, string)) {
		r.picker = newAdvisorPicker(u, done)
		r.picker.show()
	}}
	r.resolve = widget.NewButtonWithIcon("", theme.WarningIcon(), r.toggleUnresolved)
	r.resolve.Importance = widget.WarningImportance
	r.resolve.Hide()
	r.list.loaded = r.countUnresolved
	if r.filter != nil {
		status := r.filter.OnChanged
		r.filter.OnChanged = func(v string) { r.only = false; status(v) }
	}
	r.tools = []fyne.CanvasObject{r.resolve}
	if u.can(model.PermManageRoster) {
		r.tools = append([]fyne.CanvasObject{widget.NewButtonWithIcon(tr("import.action"), theme.UploadIcon(), r.askImport)}, r.tools...)
	}
	return r
}

// unresolved is the list filter of advisors whose supervisor is a name to
// resolve.
var unresolved = model.Match{Field: model.FieldSupervisor, Unresolved: true}

// countUnresolved updates the banner from the store, off the UI thread.
func (r *rosterScreen) countUnresolved() {
	n := 0
	r.u.load(&r.resolved, func() (err error) {
		_, n, err = r.u.store.FindAdvisors(model.ListQuery{Where: unresolved, Limit: 1})
		return err
	}, func(err error) {
		switch {
		case err != nil:
			r.u.showError(err)
		case r.only:
			r.resolve.SetText(tr("ref.show_all"))
			r.resolve.Show()
		case n > 0:
			r.resolve.SetText(trN("ref.to_resolve", n))
			r.resolve.Show()
		default:
			r.resolve.Hide()
		}
		if r.bar != nil {
			r.bar.Refresh() // the bar lays the shown or hidden banner out
		}
	})
}

// toggleUnresolved lists only the advisors whose supervisor is to resolve,
// or everyone again.
func (r *rosterScreen) toggleUnresolved() {
	only := !r.only
	if r.filter != nil && r.filter.SelectedIndex() != 0 {
		r.filter.SetSelectedIndex(0) // every status: the two filters do not stack
	}
	r.only = only
	r.list.q.Where, r.list.q.Offset = model.Match{}, 0
	if only {
		r.list.q.Where = unresolved
	}
	r.list.reload()
}

// syncStatusDate offers the status date only for a status that has one.
func (r *rosterScreen) syncStatusDate() {
	date := r.entry(model.FieldStatusDate)
	if st := model.Status(r.choice(model.FieldStatus).value()); st == model.Active || st == "" {
		date.SetText("")
		date.Disable()
	} else {
		date.Enable()
	}
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
// title names what was printed, text says where it went.
func (u *App) offerOpen(title, text string, uri fyne.URI) {
	if uri == nil {
		return
	}
	msg := widget.NewLabel(text)
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
	r.u.askOpen([]string{".csv", ".xlsx"}, func(rc fyne.URIReadCloser) { r.importFrom(rc, rc.URI().Name()) })
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
		r.u.confirm(tr("import.title"), strings.Join(lines, "\n"), tr("import.yes"), func() { r.importNow(imp) })
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
	msg := widget.NewLabel(strings.Join(lines, "\n"))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(tr("import.title"), tr("action.close"), container.NewVScroll(msg), r.u.win)
	r.u.dialogKeys(d, map[string]func(){keyEscape: d.Hide, keyEnter: d.Hide})
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
	}, func(msg string) {
		r.u.info(tr("import.title"), msg)
		r.list.reload()
	})
}
