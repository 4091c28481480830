package ui

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"advisordesk/exchange"
	"advisordesk/i18n"
	"advisordesk/model"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// auditScreen is HR's view of the audit log (chapter 2): the change log,
// sign-ins, refusals, exports and restores, newest first, one page at a
// time, narrowed by person, record type, action and days, and exported as
// the filter shows it. It only reads: nothing in the program edits or
// deletes the log.
type auditScreen struct {
	u      *App
	who    *widget.SelectEntry
	table  *choice[string]
	action *choice[model.Action]
	from   *entry
	to     *entry

	note    *widget.Label
	problem *widget.Label // a filter that cannot be read, naming its field
	grid    *widget.Table
	count   *widget.Label
	prev    *widget.Button
	next    *widget.Button

	q    model.AuditQuery // the filter applied
	page int              // from 0
	rows []auditRow       // the page shown
	more bool             // a later page exists
	// starts[p] is the place of the last entry page p showed: page p+1
	// reads from below it.
	starts []uint64
	loads  latest
	names  latest
}

// auditPage is how many entries a page shows: the table builds widgets for
// what is in view, but holds the page's rows, never the whole log.
const auditPage = 200

// auditTables are the record types the log names, in the order the filter
// offers them ("" for any).
var auditTables = []string{"", "advisors", "cycles", "templates", "evaluations", "outcomes", "accounts",
	"matrix", "backups", "changes"}

// auditRow is one entry of the log as the table and the files show it.
type auditRow struct {
	At, Who, Action, Table, Record, Details string
}

// auditFile describes the columns of the table and of the exported files.
var auditFile = &model.Record[auditRow]{Name: "changes", Fields: []model.Field[auditRow]{
	{Key: "audit_at", List: 150, Access: model.Str(func(r *auditRow) *string { return &r.At })},
	{Key: "audit_who", List: 110, Access: model.Str(func(r *auditRow) *string { return &r.Who })},
	{Key: "audit_action", List: 120, Access: model.Str(func(r *auditRow) *string { return &r.Action })},
	{Key: "audit_table", List: 110, Access: model.Str(func(r *auditRow) *string { return &r.Table })},
	{Key: "audit_record", List: 60, Access: model.Str(func(r *auditRow) *string { return &r.Record })},
	{Key: "audit_details", List: 400, Access: model.Str(func(r *auditRow) *string { return &r.Details })},
}}

// labelled are the record types whose choices the log shows by label.
var labelled = map[string]model.Labeller{model.AdvisorRecord.Name: model.AdvisorRecord,
	model.CycleRecord.Name: model.CycleRecord, model.AccountRecord.Name: model.AccountRecord}

func newAuditScreen(u *App) *auditScreen {
	s := &auditScreen{u: u}
	s.who = widget.NewSelectEntry(nil)
	s.who.SetPlaceHolder(tr("audit.anyone"))
	s.table = newChoice(auditTables, "record.")
	s.table.Options[0] = tr("audit.any_type")
	s.table.SetSelectedIndex(0)
	s.action = newChoice(append([]model.Action{""}, model.Actions...), "change.")
	s.action.Options[0] = tr("audit.any_action")
	for i, a := range s.action.codes {
		if a == model.Unreadable {
			s.action.Options[i] = tr("audit.unreadable")
		}
	}
	s.action.SetSelectedIndex(0)
	s.from, s.to = newEntry(u), newEntry(u)
	for _, e := range []*entry{s.from, s.to} {
		e.SetPlaceHolder(tr("form.hint_date"))
		e.OnSubmitted = func(string) { s.apply() }
	}
	s.note = widget.NewLabel(tr("audit.note"))
	s.note.Wrapping = fyne.TextWrapWord
	s.problem = widget.NewLabel("")
	s.problem.Importance = widget.DangerImportance
	s.problem.Hide()
	s.count = widget.NewLabel("")
	s.prev = widget.NewButtonWithIcon(tr("action.prev"), theme.NavigateBackIcon(), func() { s.turn(-1) })
	s.next = widget.NewButtonWithIcon(tr("action.next"), theme.NavigateNextIcon(), func() { s.turn(1) })
	s.grid = widget.NewTableWithHeaders(func() (int, int) { return len(s.rows), len(auditFile.Fields) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Row < len(s.rows) {
				o.(*widget.Label).SetText(auditFile.Fields[id.Col].Get(&s.rows[id.Row]))
			}
		})
	s.grid.ShowHeaderColumn = false
	s.grid.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 {
			l := o.(*widget.Label)
			l.TextStyle.Bold = true
			l.SetText(tr("field." + auditFile.Fields[id.Col].Key))
		}
	}
	// Columns fit their header and, for the action and the record type,
	// their longest label in the window's language.
	longest := map[string][]string{"audit_action": s.action.Options, "audit_table": s.table.Options[1:]}
	for i, f := range auditFile.Fields {
		w := max(f.List, cellWidth(tr("field."+f.Key)))
		for _, text := range longest[f.Key] {
			w = max(w, cellWidth(text))
		}
		s.grid.SetColumnWidth(i, w)
	}
	s.grid.OnSelected = s.showEntry
	return s
}

// content lays the page out: the note, the filters, the table, the pager;
// and reads the first page.
func (s *auditScreen) content() fyne.CanvasObject {
	field := func(key string, in fyne.CanvasObject) fyne.CanvasObject {
		return container.NewVBox(widget.NewLabelWithStyle(tr(key), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), in)
	}
	filters := container.NewGridWithColumns(5, field("audit.person", s.who), field("audit.type", s.table),
		field("audit.action", s.action), field("audit.from", s.from), field("audit.to", s.to))
	apply := widget.NewButtonWithIcon(tr("audit.apply"), theme.SearchIcon(), s.apply)
	apply.Importance = widget.HighImportance
	buttons := container.NewHBox(apply, widget.NewButtonWithIcon(tr("audit.clear"), theme.ContentClearIcon(), s.clear),
		layout.NewSpacer(),
		widget.NewButtonWithIcon(tr("action.export"), theme.DownloadIcon(), func() { s.askExport(".csv") }),
		widget.NewButtonWithIcon(tr("action.export_xlsx"), theme.DownloadIcon(), func() { s.askExport(".xlsx") }))
	top := container.NewVBox(s.note, widget.NewSeparator(), filters, buttons, s.problem)
	pager := container.NewBorder(nil, nil, s.count, container.NewHBox(s.prev, s.next))
	s.loadNames()
	s.reload()
	return container.NewPadded(container.NewBorder(top, pager, nil, nil, s.grid))
}

// loadNames offers the accounts' names in the person filter; any other
// name the log holds (before accounts, a login that does not exist) can
// be typed.
func (s *auditScreen) loadNames() {
	var list []*model.Account
	s.u.load(&s.names, func() (err error) {
		list, _, err = s.u.store.FindAccounts(model.ListQuery{Sort: model.FieldAccountName})
		return err
	}, func(err error) {
		if err != nil {
			s.u.showError(err)
			return
		}
		var names []string
		for _, a := range list {
			names = append(names, a.Name)
		}
		s.who.SetOptions(names)
	})
}

// filter reads the filters into a query; a day that cannot be read is
// said naming its field.
func (s *auditScreen) filter() (model.AuditQuery, string) {
	q := model.AuditQuery{Who: strings.TrimSpace(s.who.Text), Table: s.table.value(), Action: s.action.value()}
	day := func(e *entry, key string) (time.Time, string) {
		d, err := model.ParseDate(e.Text)
		if err != nil {
			return time.Time{}, tr("audit.bad_date", "Field", tr(key))
		}
		if d == "" {
			return time.Time{}, ""
		}
		e.SetText(string(d))
		t, _ := time.ParseInLocation("2006-01-02", string(d), time.Local)
		return t, ""
	}
	var msg string
	if q.Since, msg = day(s.from, "audit.from"); msg != "" {
		return q, msg
	}
	if q.Until, msg = day(s.to, "audit.to"); msg != "" {
		return q, msg
	}
	if !q.Until.IsZero() {
		if !q.Since.IsZero() && q.Until.Before(q.Since) {
			return q, tr("audit.bad_range")
		}
		q.Until = q.Until.AddDate(0, 0, 1) // to the end of that day
	}
	return q, ""
}

// apply shows the first page of what the filters pick.
func (s *auditScreen) apply() {
	q, msg := s.filter()
	if msg != "" {
		s.problem.SetText(msg)
		s.problem.Show()
		return
	}
	s.problem.Hide()
	s.q, s.page = q, 0
	s.reload()
}

// clear empties the filters and shows the whole log again.
func (s *auditScreen) clear() {
	s.who.SetText("")
	s.table.SetSelectedIndex(0)
	s.action.SetSelectedIndex(0)
	s.from.SetText("")
	s.to.SetText("")
	s.apply()
}

func (s *auditScreen) turn(dir int) {
	s.page = max(0, s.page+dir)
	s.reload()
}

// reload reads the current page off the UI thread: the entries older than
// the last one the page before showed (its place kept in starts), one more
// than a page to know whether a next page exists.
func (s *auditScreen) reload() {
	// A page is reached from the one before it: a second tap on Next
	// before the first page came in stays on the page it leads to.
	s.page = min(s.page, len(s.starts))
	q, page := s.q, s.page
	s.starts = s.starts[:page]
	if page > 0 {
		q.Before = s.starts[page-1]
	}
	q.Limit = auditPage + 1
	var rows []auditRow
	var more bool
	var last uint64
	s.u.load(&s.loads, func() error {
		log, err := s.u.store.Audit(q)
		if err != nil {
			return err
		}
		more = len(log) > auditPage
		log = log[:min(auditPage, len(log))]
		if len(log) > 0 {
			last = log[len(log)-1].Seq
		}
		rows = auditRows(log)
		return nil
	}, func(err error) {
		if err != nil {
			s.u.showError(err)
			return
		}
		s.rows, s.more = rows, more
		s.starts = append(s.starts[:page], last)
		if len(rows) == 0 {
			s.count.SetText(tr("audit.empty"))
		} else {
			s.count.SetText(tr("audit.count", "From", i18n.Count(page*auditPage+1),
				"To", i18n.Count(page*auditPage+len(rows)), "Page", i18n.Count(page+1)))
		}
		setEnabled(s.prev, page > 0)
		setEnabled(s.next, more)
		s.grid.UnselectAll()
		s.grid.ScrollToTop()
		s.grid.Refresh()
	})
}

// auditRows are log entries as text in the window's language.
func auditRows(log []model.Change) []auditRow {
	out := make([]auditRow, len(log))
	for i, c := range log {
		if c.Action == model.Unreadable {
			out[i] = auditRow{Action: tr("audit.unreadable"), Details: tr("change.unreadable")}
			continue
		}
		r := auditRow{At: c.At.Local().Format("2006-01-02 15:04:05"), Who: c.Who.Name,
			Action: tr("change." + string(c.Action)), Table: tr("record." + c.Table), Details: auditDetails(c)}
		if c.Record != 0 {
			r.Record = strconv.FormatUint(c.Record, 10)
		}
		out[i] = r
	}
	return out
}

// auditDetails is what an entry changed, field by field ("label: old →
// new"), or what an event carries ("label: value").
func auditDetails(c model.Change) string {
	if c.Table == "matrix" {
		return matrixDetails(c)
	}
	labels := labelled[c.Table]
	show := func(field, v string) string {
		if labels != nil {
			if k := labels.LabelKey(field, v); k != "" {
				return tr(k)
			}
		}
		return orDash(v)
	}
	parts := make([]string, 0, len(c.Fields))
	for _, f := range c.Fields {
		label := tr("field." + f.Field)
		if label == "field."+f.Field {
			label = f.Field // a field with no label of its own
		}
		switch {
		case c.Action == model.Created || c.Action == model.Updated || f.Old != "":
			parts = append(parts, fmt.Sprintf("%s: %s → %s", label, show(f.Field, f.Old), show(f.Field, f.New)))
		case c.Action == model.Deleted:
			parts = append(parts, fmt.Sprintf("%s: %s", label, show(f.Field, f.Old)))
		default:
			parts = append(parts, fmt.Sprintf("%s: %s", label, show(f.Field, f.New)))
		}
	}
	return strings.Join(parts, "; ")
}

// matrixDetails is a role matrix change as what each role lost (−) and
// gained (+), by the names the duties page shows: the log keeps the
// whole code lists before and after.
func matrixDetails(c model.Change) string {
	parts := make([]string, 0, len(c.Fields))
	for _, f := range c.Fields {
		before, after := strings.Fields(f.Old), strings.Fields(f.New)
		var moves []string
		for _, code := range before {
			if !slices.Contains(after, code) {
				moves = append(moves, "− "+catalogueName(code))
			}
		}
		for _, code := range after {
			if !slices.Contains(before, code) {
				moves = append(moves, "+ "+catalogueName(code))
			}
		}
		parts = append(parts, tr("account_role."+f.Field)+": "+strings.Join(moves, ", "))
	}
	return strings.Join(parts, "; ")
}

// catalogueName is a duty's or permission's name; the code itself for one
// this version does not know.
func catalogueName(code string) string {
	if e, ok := model.Entry(code); ok {
		return tr(e.TextKey())
	}
	return code
}

// showEntry shows a tapped entry whole, a field a line: the table cuts
// long details.
func (s *auditScreen) showEntry(id widget.TableCellID) {
	s.grid.UnselectAll()
	if id.Row < 0 || id.Row >= len(s.rows) {
		return
	}
	r := &s.rows[id.Row]
	var b strings.Builder
	for _, f := range auditFile.Fields[:5] {
		fmt.Fprintf(&b, "%s: %s\n", tr("field."+f.Key), orDash(f.Get(r)))
	}
	b.WriteString("\n" + strings.ReplaceAll(r.Details, "; ", "\n"))
	text := widget.NewLabel(b.String())
	text.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(tr("nav.audit"), tr("action.close"), container.NewVScroll(text), s.u.win)
	s.u.dialogKeys(d, map[string]func(){keyEscape: d.Hide, keyEnter: d.Hide})
	d.Resize(fyne.NewSize(560, 380))
	d.Show()
}

// askExport asks where to write the entries the filter picks.
func (s *auditScreen) askExport(ext string) {
	q, msg := s.filter()
	if msg != "" {
		s.problem.SetText(msg)
		s.problem.Show()
		return
	}
	s.u.askSave("audit-"+strings.ReplaceAll(string(s.u.store.Today()), "-", "")+ext, func(w fyne.URIWriteCloser) { s.export(q, w, ext) })
}

// export writes every entry q picks, newest first, as CSV or .xlsx, off
// the UI thread. The export is logged before the file is written; the
// file appears whole or not at all.
func (s *auditScreen) export(q model.AuditQuery, w fyne.URIWriteCloser, ext string) {
	l, uri := s.u.labels(), w.URI()
	s.u.longJob(tr("action.export"), func(ctx context.Context, progress func(float64)) (string, error) {
		progress(-1)
		log, err := s.u.store.Audit(q)
		if err != nil {
			w.Close()
			return "", err
		}
		rows := auditRows(log)
		each := func(fn func(*auditRow) error) error {
			for i := range rows {
				if err := fn(&rows[i]); err != nil {
					return err
				}
			}
			return ctx.Err()
		}
		if err := s.u.handover("changes", ext, uriPath(uri), len(rows)); err != nil {
			w.Close()
			return "", err
		}
		var buf bytes.Buffer
		if ext == ".xlsx" {
			_, err = exchange.WriteXLSX(&buf, l, auditFile, "nav.audit", each)
		} else {
			_, err = exchange.WriteCSV(&buf, l, auditFile, each)
		}
		if err == nil {
			err = writeWhole(w, uri, buf.Bytes())
		} else {
			w.Close()
		}
		if err != nil {
			return "", err
		}
		return trN("audit.export_done", len(rows), "Path", uriPath(uri)), nil
	}, nil)
}

// writeWhole writes b to the file w opened: on disk through a temporary
// file renamed over it, so that a failure leaves no half-written file.
func writeWhole(w io.WriteCloser, uri fyne.URI, b []byte) error {
	if uri.Scheme() != "file" {
		if _, err := w.Write(b); err != nil {
			w.Close()
			return err
		}
		return w.Close()
	}
	path := uri.Path()
	if err := w.Close(); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	_, err = tmp.Write(b)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		os.Remove(path) // the empty file the save dialog made
	}
	return err
}
