package ui

import (
	"bytes"
	"context"
	"errors"
	"io"
	"slices"
	"strings"

	"advisordesk/i18n"
	"advisordesk/model"
	"advisordesk/report"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// recordStore is what a list-and-form screen asks of the store for its
// record type.
type recordStore[T any] struct {
	find   func(model.ListQuery) ([]*T, int, error)
	save   func(*T) error
	remove func(id uint64) error
}

// recordFiles are the files a list-and-form screen writes: its printed
// table and its CSV and Excel exports, each named stem-YYYYMMDD.ext.
type recordFiles[T any] struct {
	printStem, exportStem string
	print                 func(w io.Writer, list []*T, m report.Meta) error
	csv, xlsx             func(w io.Writer, l *i18n.Labels, each func(func(*T) error) error) (int, error)
}

// recordScreen is the list-and-form screen of a described record type: the
// list (search, sort, paging, a filter on one choice), and a form built from
// the record's fields with each field's message beneath it; new, edit, save,
// cancel and delete with confirmation, print and export of the whole list.
// A screen's own behaviour comes in through its hooks and extra tools.
type recordScreen[T any] struct {
	u     *App
	rec   *model.Record[T]
	store recordStore[T]
	files recordFiles[T]
	id    func(*T) uint64
	fresh func() *T           // a new record with its defaults
	name  func(*T) string     // how titles and messages name a record
	sync  func()              // keeps fields that depend on others in step, after a load or a choice
	saved func(*T)            // runs on the UI thread after a save went through, if set
	keys  recordKeys          // translation keys of the screen's own sentences
	tools []fyne.CanvasObject // the screen's own buttons, after the shared ones
	below []fyne.CanvasObject // the screen's own panels under the form's fields
	above []fyne.CanvasObject // and above them (a complaint's deadlines and next steps)
	bar   *fyne.Container     // the buttons above the list: refreshed when a tool shows or hides
	// pickers choose the record a reference field points at, by field key.
	pickers map[string]refPicker
	// confirm, if set, runs before a save of a record the form accepts: it
	// may ask the person first (a duplicate phone), then calls save to go
	// on or stop to leave the form as it is.
	confirm func(r *T, save, stop func())
	// refused, if set, runs on the UI thread after a save was refused.
	refused func()
	// unread, if set, lists what the screen's own inputs (a sale's lines)
	// say that cannot be read, beside the fields' own (see collect).
	unread func() model.FieldErrors

	list     *listView[T]
	form     *form
	inputs   map[string]*fieldInput
	editing  *T // nil: nothing open; a zero key: a new record
	title    *widget.Label
	status   *widget.Label
	panel    *fyne.Container // the form, or the hint when nothing is open
	hint     fyne.CanvasObject
	formBox  fyne.CanvasObject
	delete   *widget.Button
	history  *widget.Button
	saveBtn  *widget.Button
	formBody *fyne.Container // the fields, then the screen's own panels
	fields   fyne.CanvasObject
	filter   *choice[string]
}

// recordKeys name a screen's own sentences in the translation files; a
// new record type starts with the generic "records." ones. In them {{.Name}}
// is a record's name, {{.Key}} its key field's value.
type recordKeys struct {
	add, print, formNew, edit, selectHint  string
	deleteTitle, deleteConfirm, deleteDone string
	printDone, exportDone                  string
}

var genericKeys = recordKeys{add: "records.add", print: "records.print", formNew: "records.form_new",
	edit: "records.edit", selectHint: "records.select_hint", deleteTitle: "records.delete_title",
	deleteConfirm: "records.delete_confirm", deleteDone: "delete.done", printDone: "records.print_done",
	exportDone: "records.export_done"}

// newRecordScreen builds the list and the form; the caller sets the hooks
// it needs before content is called. filterKey names a choice field the
// list can be narrowed to one value of, or "".
func newRecordScreen[T any](u *App, rec *model.Record[T], st recordStore[T], id func(*T) uint64,
	filterKey string) *recordScreen[T] {
	s := &recordScreen[T]{u: u, rec: rec, store: st, id: id, inputs: map[string]*fieldInput{},
		fresh: func() *T { return new(T) }, name: func(r *T) string { return rec.Field(rec.Key).Get(r) },
		sync: func() {}, keys: genericKeys}
	s.list = newListView(u, recordColumns(rec), st.find, id, s.open)
	s.list.searchKey, s.list.countKey, s.list.emptyKey = "records.search", "records.count", "records.empty"
	s.list.q.Sort = rec.Key
	if f := rec.Field(filterKey); f != nil {
		s.filter = newChoice(append([]string{""}, f.Choices...), f.Prefix)
		s.filter.Options[0] = tr("filter.all")
		s.filter.SetSelectedIndex(0)
		s.filter.OnChanged = func(string) {
			s.list.q.Where, s.list.q.Offset = model.Match{}, 0
			if v := s.filter.value(); v != "" {
				s.list.q.Where = model.Match{Field: filterKey, Value: v}
			}
			s.list.reload()
		}
		s.list.extra = []fyne.CanvasObject{s.filter}
	}
	s.buildForm()
	return s
}

// recordColumns are the list columns a record's description asks for.
func recordColumns[T any](rec *model.Record[T]) []column[T] {
	var cols []column[T]
	for _, f := range rec.ListFields() {
		cols = append(cols, column[T]{f.Key, f.List, func(r *T) string { return cellText(f, r) }})
	}
	return cols
}

// cellText is a field's text in a list cell: a choice by its label.
func cellText[T any](f *model.Field[T], r *T) string {
	v := f.Get(r)
	if f.Kind == model.KindChoice && v != "" {
		return tr(f.Prefix + v)
	}
	if f.Unresolved(r) {
		return tr("ref.unresolved_cell", "Name", v)
	}
	return v
}

// fieldInput is the widget a form gives one field: an entry, or a choice,
// with a name's warning about characters paper cannot show.
type fieldInput struct {
	entry  *entry
	choice *choice[string]
	ref    *refInput
	warn   *widget.Label
	wheel  *wheelPass // over a multi-line entry
}

func (in *fieldInput) text() string {
	switch {
	case in.choice != nil:
		return in.choice.value()
	case in.ref != nil:
		return in.ref.text
	}
	return in.entry.Text
}

func (in *fieldInput) set(v string) {
	switch {
	case in.choice != nil:
		in.choice.set(v)
	case in.ref != nil:
		in.ref.show(in.ref.id, v)
	default:
		in.entry.SetText(v)
	}
}

// object is what the form lays out for the field.
func (in *fieldInput) object() fyne.CanvasObject {
	switch {
	case in.choice != nil:
		return in.choice
	case in.ref != nil:
		return in.ref.object()
	case in.warn != nil:
		return container.NewVBox(in.entry, in.warn)
	case in.wheel != nil:
		return container.NewStack(in.entry, in.wheel)
	}
	return in.entry
}

// newInput makes the widget a field's kind calls for.
func (s *recordScreen[T]) newInput(f *model.Field[T]) *fieldInput {
	in := &fieldInput{}
	switch f.Kind {
	case model.KindChoice:
		in.choice = newChoice(f.Choices, f.Prefix)
		in.choice.OnChanged = func(string) { s.sync() }
		return in
	case model.KindMultiline:
		in.entry = newMultiLineEntry(s.u)
		in.entry.SetMinRowsVisible(3)
		// It grows with its text and leaves the wheel to the form.
		in.entry.Scroll = fyne.ScrollNone
		in.wheel = newWheelPass(func() *container.Scroll { return s.form.scroll })
		return in
	case model.KindRef:
		key := f.Key
		in.ref = newRefInput(func(done func(uint64, string)) {
			if pick := s.pickers[key]; pick != nil {
				pick(done)
			}
		})
		return in
	}
	in.entry = newEntry(s.u)
	switch f.Kind {
	case model.KindDate:
		in.entry.SetPlaceHolder(tr("form.hint_date"))
	case model.KindPhone:
		in.entry.SetPlaceHolder(tr("form.hint_phone"))
	case model.KindName:
		// A character no bundled font has is said as it is typed: it
		// prints as 〓.
		in.warn = widget.NewLabel("")
		in.warn.Importance = widget.WarningImportance
		in.warn.SizeName = theme.SizeNameCaptionText
		in.warn.Hide()
		in.entry.OnChanged = func(v string) {
			if miss := report.Unprintable(v); len(miss) > 0 {
				in.warn.SetText(tr("form.unprintable", "Chars", string(miss)))
				in.warn.Show()
			} else {
				in.warn.Hide()
			}
		}
	}
	return in
}

func (s *recordScreen[T]) buildForm() {
	s.form = newForm()
	for _, f := range s.rec.FormFields() {
		in := s.newInput(f)
		if f.Fixed && in.entry != nil {
			in.entry.SetPlaceHolder("") // the store sets it
			in.entry.Disable()
		}
		s.inputs[f.Key] = in
		s.form.add(f.Key, in.object(), f.Required).ref = in.ref
	}
	s.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.status = widget.NewLabel("")
	s.status.Importance = widget.SuccessImportance
	s.status.Truncation = fyne.TextTruncateEllipsis
	s.saveBtn = widget.NewButtonWithIcon(tr("action.save"), theme.DocumentSaveIcon(), s.save)
	s.saveBtn.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(tr("action.cancel"), theme.CancelIcon(), s.cancel)
	s.delete = widget.NewButtonWithIcon(tr("action.delete"), theme.DeleteIcon(), s.confirmDelete)
	s.delete.Importance = widget.DangerImportance
	s.history = widget.NewButtonWithIcon(tr("history.action"), theme.HistoryIcon(), func() {
		if r := s.editing; r != nil && s.id(r) != 0 {
			s.u.showHistory(s.rec.Name, s.id(r), s.name(r), s.rec)
		}
	})
	buttons := container.NewHBox(s.saveBtn, cancel, widget.NewSeparator(), s.history, s.delete)
	s.fields = s.form.content()
	body := container.NewVBox(s.fields)
	s.form.scroll = scrollBeside(body)
	s.formBox = container.NewBorder(container.NewVBox(s.title, widget.NewSeparator()),
		container.NewVBox(widget.NewSeparator(), buttons), nil, nil, s.form.scroll)
	s.formBody = body
	s.panel = container.NewStack()
}

// scrollBeside scrolls a form's fields with room on the right for the
// scroll bar, which Fyne draws over the content: the inputs' right edges
// and the clear buttons were under it.
func scrollBeside(fields fyne.CanvasObject) *container.Scroll {
	bar := theme.Size(theme.SizeNameScrollBar)
	return container.NewVScroll(container.New(layout.NewCustomPaddedLayout(0, 0, 0, bar), fields))
}

// entry and choice are a field's input, for the screen's hooks and tests.
func (s *recordScreen[T]) entry(key string) *entry           { return s.inputs[key].entry }
func (s *recordScreen[T]) choice(key string) *choice[string] { return s.inputs[key].choice }

func (s *recordScreen[T]) content() fyne.CanvasObject {
	newFn := s.openNewAsked
	if !s.writable() {
		newFn = nil // Ctrl+N would open a form with nothing to type into
	}
	s.list.bindKeys(newFn, s.save, s.escape)
	s.u.editor = s
	s.formBody.Objects = append(append(slices.Clone(s.above), s.fields), s.below...)
	if s.editing == nil {
		s.hint = hintPanel(s.keys.selectHint)
		if !s.writable() {
			s.hint = hintPanel("records.select_view") // nothing to add
		}
		s.panel.Objects = []fyne.CanvasObject{s.hint}
	}

	// What the person may not do is not offered (the store refuses it
	// anyway): without the record type's write permission the form is
	// for reading; without the export permission personal data is
	// neither printed nor exported.
	var bar []fyne.CanvasObject
	if s.writable() {
		add := widget.NewButtonWithIcon(tr(s.keys.add), theme.ContentAddIcon(), s.openNewAsked)
		add.Importance = widget.HighImportance
		bar = append(bar, add)
	}
	s.readOnly(!s.writable())
	files := !s.rec.HoldsPersonal() || s.u.can(model.PermExportPersonal)
	if s.files.print != nil && files {
		bar = append(bar, widget.NewButtonWithIcon(tr(s.keys.print), theme.DocumentPrintIcon(), s.askPrint))
	}
	if s.files.csv != nil && files {
		bar = append(bar, widget.NewButtonWithIcon(tr("action.export"), theme.DownloadIcon(), func() { s.askExport(".csv") }))
	}
	if s.files.xlsx != nil && files {
		bar = append(bar, widget.NewButtonWithIcon(tr("action.export_xlsx"), theme.DownloadIcon(), func() { s.askExport(".xlsx") }))
	}
	bar = append(bar, s.tools...)
	split := container.NewHSplit(s.list.content(), container.NewPadded(s.panel))
	split.Offset = 0.64
	s.list.reload()
	// The buttons wrap onto a second row in a narrow window; the status
	// takes the rest of its row and is cut there (laid out whole, a long
	// message widened the window past the screen).
	s.bar = container.New(&flowLayout{fillLast: true}, append(bar, s.status)...)
	return container.New(barAbove{}, container.NewPadded(s.bar), split)
}

// writable reports whether the person may change records of this type.
func (s *recordScreen[T]) writable() bool { return s.rec.Write == "" || s.u.can(s.rec.Write) }

// readOnly makes the form one to read: no input takes typing, and neither
// save nor delete is offered.
func (s *recordScreen[T]) readOnly(on bool) {
	if !on {
		return
	}
	for _, in := range s.inputs {
		switch {
		case in.choice != nil:
			in.choice.Disable()
		case in.ref != nil:
			in.ref.choose.Disable() // its label is the chosen record's name: kept in view
			in.ref.clear.Hide()
		default:
			in.entry.Disable()
		}
	}
	s.saveBtn.Hide()
	s.delete.Hide()
}

// open shows a record from the list in the form.
func (s *recordScreen[T]) open(r *T) {
	cp := *r
	s.edit(&cp)
}

// openNewAsked opens a new record once unsaved changes are dealt with.
func (s *recordScreen[T]) openNewAsked() { s.u.leave(s.openNew, nil) }

func (s *recordScreen[T]) openNew() {
	s.list.selected = 0
	s.list.showSelected()
	s.edit(s.fresh())
	// The typing goes to the first text field: a focused button or
	// choice would take Space and keep Esc and Ctrl+S from the form.
	for _, ff := range s.form.fields {
		if e, ok := ff.control().(*entry); ok && !e.Disabled() {
			s.u.win.Canvas().Focus(e)
			return
		}
	}
}

// edit fills the form with r.
func (s *recordScreen[T]) edit(r *T) {
	s.editing = r
	s.form.clearErrors()
	if s.id(r) == 0 {
		s.title.SetText(tr(s.keys.formNew))
		s.delete.Hide()
		s.history.Hide()
	} else {
		s.title.SetText(tr(s.keys.edit, "Name", s.name(r)))
		if !s.writable() {
			s.title.SetText(s.name(r)) // to read, not to edit
		}
		s.delete.Hide()
		if s.writable() && s.store.remove != nil { // a record type never deleted has no Delete
			s.delete.Show()
		}
		s.history.Show()
	}
	for _, f := range s.rec.FormFields() {
		if in := s.inputs[f.Key]; in.ref != nil {
			in.ref.show(*f.Ref.ID(r), f.Get(r))
		} else {
			in.set(f.Get(r))
		}
	}
	s.sync()
	s.panel.Objects = []fyne.CanvasObject{s.formBox}
	s.panel.Refresh()
}

// collect reads the form into a copy of the record being edited; what a
// field cannot read (a date, a number) comes back as its error.
func (s *recordScreen[T]) collect() (*T, model.FieldErrors) {
	r := *s.editing
	var errs model.FieldErrors
	for _, f := range s.rec.FormFields() {
		in := s.inputs[f.Key]
		if in.ref != nil {
			*f.Ref.ID(&r) = in.ref.id
		}
		v, code := f.Parse(in.text())
		if code != "" {
			errs = append(errs, &model.FieldError{Field: f.Key, Code: code})
			continue
		}
		f.Set(&r, v)
	}
	if s.unread != nil {
		errs = append(errs, s.unread()...)
	}
	return &r, errs
}

// problems is every problem of r as the store would find it, beside errs.
func (s *recordScreen[T]) problems(r *T, errs model.FieldErrors) model.FieldErrors {
	check := *r
	if _, ok := any(&check).(checker); ok {
		return allProblems(r, errs, s.u.store.Today())
	}
	s.rec.Normalize(&check)
	return withUnread(errs, s.rec.Validate(&check, s.u.store.Today()))
}

// save validates the form and writes the record in one transaction, off
// the UI thread. A refused save changes nothing and marks the fields.
func (s *recordScreen[T]) save() { s.saveThen(nil, s.refused) }

// saveThen is save that runs done after a save and refused after a refusal.
func (s *recordScreen[T]) saveThen(done, refused func()) {
	if s.editing == nil {
		return
	}
	r, errs := s.collect()
	if errs != nil {
		// Show what cannot be read together with everything else wrong.
		s.form.showErrors(s.problems(r, errs), s.u.labels())
		if refused != nil {
			refused()
		}
		return
	}
	if s.confirm != nil {
		s.confirm(r, func() { s.submit(r, done, refused) }, func() {
			if refused != nil {
				refused()
			}
		})
		return
	}
	s.submit(r, done, refused)
}

// submit writes r, which the form accepted, off the UI thread.
func (s *recordScreen[T]) submit(r *T, done, refused func()) {
	s.form.submitThen(s.u, func() error { return s.store.save(r) }, func() {
		s.status.SetText(tr("form.saved", "Name", s.name(r)))
		s.list.selected = s.id(r)
		s.edit(r)
		s.list.reload()
		if s.saved != nil {
			s.saved(r)
		}
		if done != nil {
			done()
		}
	}, refused)
}

// changed reports whether the form differs from the record it opened.
func (s *recordScreen[T]) changed() bool {
	if s.editing == nil {
		return false
	}
	r, errs := s.collect()
	if errs != nil {
		return true
	}
	for _, f := range s.rec.FormFields() {
		if f.Get(r) != f.Get(s.editing) || f.Ref != nil && *f.Ref.ID(r) != *f.Ref.ID(s.editing) {
			return true
		}
	}
	return false
}

// escape is Esc: it closes the form at once when nothing was typed and
// otherwise asks save / discard / cancel, as leaving the screen does (Esc
// is easily pressed by accident, an input method's Esc among them; the
// Cancel button is pressed on purpose and discards).
func (s *recordScreen[T]) escape() { s.u.leave(s.cancel, nil) }

// cancel drops unsaved changes and closes the form.
func (s *recordScreen[T]) cancel() {
	s.editing = nil
	s.form.clearErrors()
	s.list.selected = 0
	s.list.showSelected()
	s.panel.Objects = []fyne.CanvasObject{s.hint}
	s.panel.Refresh()
}

func (s *recordScreen[T]) confirmDelete() {
	r := s.editing
	if r == nil || s.id(r) == 0 {
		return
	}
	question := tr("records.delete_confirm_name", "Name", s.name(r)) // a record with no key (a customer) by its name
	if f := s.rec.Field(s.rec.Key); f != nil {
		question = tr(s.keys.deleteConfirm, "Name", s.name(r), "Key", f.Get(r))
	}
	s.u.confirm(tr(s.keys.deleteTitle), question, tr("action.delete"), func() { s.deleteNow(r) })
}

func (s *recordScreen[T]) deleteNow(r *T) {
	s.u.background(func() error { return s.store.remove(s.id(r)) }, func(err error) {
		var archived *model.Archived
		switch {
		case errors.As(err, &archived): // still referred to: kept, archived
			s.status.SetText(tr("delete.archived", "Name", archived.Name))
		case err != nil:
			s.u.showError(err)
			return
		default:
			s.status.SetText(tr(s.keys.deleteDone, "Name", s.name(r)))
		}
		s.cancel()
		s.list.reload()
	})
}

// askSave asks where to write a file named stem-YYYYMMDD.ext, then writes.
func (s *recordScreen[T]) askSave(stem, ext string, write func(fyne.URIWriteCloser)) {
	s.u.askSave(stem+"-"+strings.ReplaceAll(string(s.u.store.Today()), "-", "")+ext, write)
}

// shownQuery asks for every record the list shows — its search, filter and
// order — on all its pages: what is printed and exported.
func (s *recordScreen[T]) shownQuery() model.ListQuery {
	q := s.list.q
	q.Offset, q.Limit = 0, 0
	return q
}

func (s *recordScreen[T]) askPrint() {
	s.askSave(s.files.printStem, ".pdf", func(w fyne.URIWriteCloser) { s.print(w, w.URI()) })
}

// print writes the records the list shows as the printed table, in the
// window's language, to w, off the UI thread, then offers to open it.
func (s *recordScreen[T]) print(w io.WriteCloser, uri fyne.URI) {
	lang, q := s.u.lang, s.shownQuery()
	s.u.longJob(tr(s.keys.print), func(ctx context.Context, progress func(float64)) (string, error) {
		progress(-1)
		defer w.Close()
		list, _, err := s.store.find(q)
		if err != nil {
			return "", err
		}
		m, err := s.u.printMeta()
		if err != nil {
			return "", err
		}
		m.Lang = lang // the language when the print was asked for
		var buf bytes.Buffer
		if err := s.files.print(&buf, list, m); err != nil {
			return "", err
		}
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		if err := s.u.handover(s.rec.Name, ".pdf", uriPath(uri), len(list)); err != nil {
			return "", err
		}
		if _, err := w.Write(buf.Bytes()); err != nil {
			return "", err
		}
		return tr(s.keys.printDone, "Path", uriPath(uri)), w.Close()
	}, func(msg string) { s.u.offerOpen(tr(s.keys.print), msg, uri) })
}

func (s *recordScreen[T]) askExport(ext string) {
	s.askSave(s.files.exportStem, ext, func(w fyne.URIWriteCloser) { s.export(w, w.URI(), ext) })
}

// export writes the records the list shows as CSV or .xlsx for Excel, off
// the UI thread.
func (s *recordScreen[T]) export(w io.WriteCloser, uri fyne.URI, ext string) {
	l, q := s.u.labels(), s.shownQuery()
	write := s.files.csv
	if ext == ".xlsx" {
		write = s.files.xlsx
	}
	s.u.longJob(tr("action.export"), func(ctx context.Context, progress func(float64)) (string, error) {
		progress(-1)
		defer w.Close()
		list, _, err := s.store.find(q)
		if err != nil {
			return "", err
		}
		if err := s.u.handover(s.rec.Name, ext, uriPath(uri), len(list)); err != nil {
			return "", err
		}
		n, err := write(w, l, func(fn func(*T) error) error {
			for _, r := range list {
				if err := fn(r); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return "", err
		}
		return trN(s.keys.exportDone, n, "Path", uriPath(uri)), w.Close()
	}, nil)
}
