package ui

import (
	"slices"

	"advisordesk/i18n"
	"advisordesk/model"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// formField is one labelled input of a form with the message shown beneath
// it when the value is refused.
type formField struct {
	key   string // model field key
	label string // shown instead of the field's name, if set
	row   int    // the list row this field edits (an item's score), 0 if none
	// named: its message shows apart from its input (beneath a sale's
	// line, under three inputs), so it names the row and the field.
	named bool
	input fyne.CanvasObject
	msg   *widget.Label
	ref   *refInput // the input, when it is a reference's
	// watched: a change of the input clears the field's message (see watch).
	watched bool
}

// control is the widget a person types into or picks from: the input
// itself, or the first widget of an input that carries a note beneath it
// (the name's "will print as 〓", a reference's button row).
func (ff *formField) control() fyne.CanvasObject {
	o := ff.input
	for {
		c, ok := o.(*fyne.Container)
		if !ok || len(c.Objects) == 0 {
			return o
		}
		o = c.Objects[0]
	}
}

// form is the form half of every list-and-form screen: labelled fields in
// two columns, each with its own message line.
type form struct {
	fields []*formField
	banner *widget.Label // the summary above the fields
	others bool          // the banner names problems of no field shown
	// scroll, if set, holds the fields: a refusal scrolls the first
	// marked field into sight.
	scroll *container.Scroll
}

func newForm() *form {
	b := widget.NewLabel("")
	b.Importance = widget.DangerImportance
	b.Wrapping = fyne.TextWrapWord
	b.Hide()
	return &form{banner: b}
}

// add appends a field; required fields get a marker after the label.
func (f *form) add(key string, input fyne.CanvasObject, required bool) *formField {
	msg := widget.NewLabel("")
	msg.Importance = widget.DangerImportance
	msg.SizeName = theme.SizeNameCaptionText
	msg.Wrapping = fyne.TextWrapWord
	msg.Hide()
	ff := &formField{key: key, input: input, msg: msg}
	f.fields = append(f.fields, ff)
	return ff
}

// content lays the fields out as label | input-with-message rows.
func (f *form) content() fyne.CanvasObject {
	grid := container.New(layout.NewFormLayout())
	for _, ff := range f.fields {
		text := ff.label
		if text == "" {
			text = tr("field." + ff.key)
		}
		label := widget.NewLabelWithStyle(text, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
		grid.Add(label)
		grid.Add(container.NewVBox(ff.input, ff.msg))
	}
	return container.NewVBox(f.banner, grid)
}

// showErrors puts each field's message beside it and a summary on top;
// errors on fields the form does not show go to the summary.
func (f *form) showErrors(fes model.FieldErrors, l *i18n.Labels) {
	f.clearErrors()
	var other []string
	for _, fe := range fes {
		if ff := f.fieldRow(fe.Field, fe.Row); ff != nil && !ff.msg.Visible() {
			text := l.Message(fe)
			if ff.named {
				text = l.T("err.row_field", "Row", ff.row, "Field", l.T("field."+fe.Field), "Message", text)
			}
			ff.msg.SetText(text)
			ff.msg.Show()
		} else if ff == nil {
			other = append(other, l.Explain(model.FieldErrors{fe}))
		}
	}
	text := tr("err.form")
	for _, o := range other {
		text += "\n" + o
	}
	f.banner.SetText(text)
	f.banner.Show()
	f.others = len(other) > 0
	for _, ff := range f.fields {
		if ff.msg.Visible() {
			f.watch(ff)
		}
	}
	f.focusFirstError()
	f.scrollToFirstError()
}

// watch clears a marked field's message once the person changes the
// field, and the banner with the last one: a fixed field stops saying it
// is wrong (the next save checks it again).
func (f *form) watch(ff *formField) {
	if ff.watched {
		return
	}
	ff.watched = true
	fixed := func() {
		if !ff.msg.Visible() {
			return
		}
		ff.msg.Hide()
		for _, o := range f.fields {
			if o.msg.Visible() {
				return
			}
		}
		if !f.others {
			f.banner.Hide()
		}
	}
	then := func(prev func()) func() {
		return func() {
			if prev != nil {
				prev()
			}
			fixed()
		}
	}
	if ff.ref != nil {
		ff.ref.edited = then(ff.ref.edited)
		return
	}
	switch c := ff.control().(type) {
	case *entry:
		c.edited = then(c.edited)
	case *choice[string]:
		prev := c.OnChanged
		c.OnChanged = func(v string) {
			if prev != nil {
				prev(v)
			}
			fixed()
		}
	}
}

// scrollToFirstError scrolls the form so that the first marked field
// shows: a refused step's field can be far below the buttons that
// refused it.
func (f *form) scrollToFirstError() {
	if f.scroll == nil {
		return
	}
	for _, ff := range f.fields {
		if !ff.msg.Visible() {
			continue
		}
		// The messages just shown change the layout: lay it out now,
		// or the positions are those before them.
		content := f.scroll.Content
		content.Resize(fyne.NewSize(max(f.scroll.Size().Width, content.MinSize().Width), content.MinSize().Height))
		layoutAll(content)
		top, ok := positionIn(content, ff.input)
		if !ok {
			return
		}
		bottom, _ := positionIn(content, ff.msg)
		bottom.Y += ff.msg.Size().Height
		view := f.scroll.Size().Height
		if top.Y < f.scroll.Offset.Y || bottom.Y > f.scroll.Offset.Y+view {
			y := max(top.Y-theme.Padding()*4, 0)
			if bottom.Y-y > view { // taller than the view: its top
				y = top.Y
			}
			f.scroll.ScrollToOffset(fyne.NewPos(f.scroll.Offset.X, y))
		}
		return
	}
}

// layoutAll lays out o's containers, outermost first, at their sizes.
func layoutAll(o fyne.CanvasObject) {
	c, ok := o.(*fyne.Container)
	if !ok || !c.Visible() {
		return
	}
	if c.Layout != nil {
		c.Layout.Layout(c.Objects, c.Size())
	}
	for _, k := range c.Objects {
		layoutAll(k)
	}
}

// positionIn is where target sits inside root, found through containers.
func positionIn(root, target fyne.CanvasObject) (fyne.Position, bool) {
	if root == target {
		return fyne.Position{}, true
	}
	c, ok := root.(*fyne.Container)
	if !ok {
		return fyne.Position{}, false
	}
	for _, k := range c.Objects {
		if p, ok := positionIn(k, target); ok {
			return k.Position().Add(p), true
		}
	}
	return fyne.Position{}, false
}

// focusFirstError puts the typing in the first field that shows a
// problem when it is a text field, for the person to correct it there.
func (f *form) focusFirstError() {
	for _, ff := range f.fields {
		if !ff.msg.Visible() {
			continue
		}
		// Text fields only: Space on a focused button (a reference's
		// "Choose…") would open its picker under the person's typing.
		if e, ok := ff.control().(*entry); ok {
			if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil {
				c.Focus(e)
			}
		}
		return
	}
}

func (f *form) clearErrors() {
	for _, ff := range f.fields {
		ff.msg.SetText("")
		ff.msg.Hide()
	}
	f.banner.Hide()
	f.others = false
}

func (f *form) field(key string) *formField { return f.fieldRow(key, 0) }

// fieldRow finds the field for key and list row; an error without a row
// goes to the first field with the key.
func (f *form) fieldRow(key string, row int) *formField {
	for _, ff := range f.fields {
		if ff.key == key && (row == 0 || ff.row == row) {
			return ff
		}
	}
	return nil
}

// dateIn reads a date field; one that does not parse adds an error on field.
func dateIn(e *entry, field string, errs *model.FieldErrors) model.Date {
	d, err := model.ParseDate(e.Text)
	if err != nil {
		*errs = append(*errs, &model.FieldError{Field: field, Code: model.CodeDate})
	}
	return d
}

// checker is a record type that cleans and checks itself as the store will.
type checker interface {
	Normalize()
	Validate(today model.Date) error
}

// allProblems is what a form could not read (unread: a date that is no
// date) with every other problem the record's own checks find in a copy
// of r, so that a refused save shows them all at once; a field that could
// not be read keeps that message.
func allProblems[T any](r *T, unread model.FieldErrors, today model.Date) model.FieldErrors {
	check := *r
	c, ok := any(&check).(checker)
	if !ok {
		return unread
	}
	c.Normalize()
	return withUnread(unread, c.Validate(today))
}

// withUnread is unread and the problems of found on the other fields.
func withUnread(unread model.FieldErrors, found error) model.FieldErrors {
	more, _ := model.AsFieldErrors(found)
	for _, fe := range more {
		if !slices.ContainsFunc(unread, func(u *model.FieldError) bool { return u.Field == fe.Field && u.Row == fe.Row }) {
			unread = append(unread, fe)
		}
	}
	return unread
}

// submit runs a save off the UI thread: a refusal with field errors marks
// the fields, another error is shown in a dialog, and done runs on success.
func (f *form) submit(u *App, save func() error, done func()) {
	f.submitThen(u, save, done, nil)
}

// submitThen is submit that also runs refused, if set, when the save fails.
func (f *form) submitThen(u *App, save func() error, done, refused func()) {
	u.background(save, func(err error) {
		if err != nil {
			if fes, ok := model.AsFieldErrors(err); ok {
				f.showErrors(fes, u.labels())
			} else {
				u.showError(err)
			}
			if refused != nil {
				refused()
			}
			return
		}
		done()
	})
}

// message is the text shown under a field, "" when none; for tests.
func (f *form) message(key string) string {
	if ff := f.field(key); ff != nil && ff.msg.Visible() {
		return ff.msg.Text
	}
	return ""
}

// choice is a drop-down over a fixed set of codes shown translated. It
// extends widget.Select, so it must be the widget Fyne knows: the select's
// refreshes and its pop-up go through ExtendBaseWidget(c), never through an
// inner *widget.Select that is not on any canvas (which drew stale values
// and crashed when its pop-up opened).
type choice[T ~string] struct {
	widget.Select
	codes  []T
	prefix string
}

func newChoice[T ~string](codes []T, prefix string) *choice[T] {
	c := &choice[T]{codes: codes, prefix: prefix}
	c.Options = make([]string, len(codes))
	for i, code := range codes {
		if code != "" || prefix == "gender." {
			c.Options[i] = tr(prefix + string(code))
		}
	}
	c.PlaceHolder = tr("select.none")
	c.ExtendBaseWidget(c)
	return c
}

func (c *choice[T]) value() T {
	if i := c.SelectedIndex(); i >= 0 {
		return c.codes[i]
	}
	return ""
}

func (c *choice[T]) set(v T) {
	for i, code := range c.codes {
		if code == v {
			c.SetSelectedIndex(i)
			return
		}
	}
	c.ClearSelected()
}
