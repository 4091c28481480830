package ui

// Appraisal screen tests that tap the rendered widgets, as a person does,
// and read back what the renderers draw.

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"advisordesk/i18n"
	"advisordesk/model"
	"advisordesk/storage"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// walkDrawn visits every visible object under o, through the renderers.
func walkDrawn(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return
	}
	visit(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walkDrawn(c, visit)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			walkDrawn(c, visit)
		}
	}
}

// drawn is the visible text under o, pieces joined by " | ".
func drawn(o fyne.CanvasObject) string {
	var parts []string
	walkDrawn(o, func(o fyne.CanvasObject) {
		if t, ok := o.(*canvas.Text); ok && t.Text != "" {
			parts = append(parts, t.Text)
		}
	})
	return strings.Join(parts, " | ")
}

// objectCount is how many visible objects the renderers built under o.
func objectCount(o fyne.CanvasObject) int {
	n := 0
	walkDrawn(o, func(fyne.CanvasObject) { n++ })
	return n
}

// buttonIn finds the visible button labelled text under root.
func buttonIn(t *testing.T, root fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	walkDrawn(root, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text && found == nil {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no button %q; drawn: %s", text, drawn(root))
	}
	return found
}

// tapButton taps the button labelled text under root and runs the answers
// of the jobs it started.
func tapButton(t *testing.T, u *App, root fyne.CanvasObject, text string) {
	t.Helper()
	b := buttonIn(t, root, text)
	if b.Disabled() {
		t.Fatalf("button %q is disabled", text)
	}
	test.Tap(b)
	u.Wait()
}

// top is the dialog or pop-up on top of the window.
func top(t *testing.T, u *App) fyne.CanvasObject {
	t.Helper()
	o := u.win.Canvas().Overlays().Top()
	if o == nil {
		t.Fatal("no dialog is open")
	}
	return o
}

// tapMenuItem taps the item labelled text in the pop-up menu on top.
func tapMenuItem(t *testing.T, u *App, text string) {
	t.Helper()
	var item fyne.Tappable
	walkDrawn(top(t, u), func(o fyne.CanvasObject) {
		if tp, ok := o.(fyne.Tappable); ok && item == nil {
			if _, isMenu := o.(*widget.Menu); !isMenu && drawn(o) == text {
				item = tp
			}
		}
	})
	if item == nil {
		t.Fatalf("no menu item %q in %s", text, drawn(top(t, u)))
	}
	test.Tap(item)
	u.Wait()
}

// addAdvisors puts n demo advisors into the file in one transaction (no
// cycles): a large office for the screens that must not build a widget per
// person.
func addAdvisors(t *testing.T, db *storage.DB, n int) {
	t.Helper()
	as := model.DemoAdvisors(n, 1, db.Today())
	if err := db.Update(func(tx *storage.Tx) error {
		for i := range as {
			if err := db.Advisors.Put(tx, &as[i]); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}

// Choose by hand over 20,000 advisors draws one page, not a widget per
// person; ticks are taps on rows and survive paging and searching.
func TestChooseByHandIsAPagedList(t *testing.T) {
	u, db := newTestApp(t, 0)
	addAdvisors(t, db, 20_000)
	u.Open(pageAppraisal)
	u.Wait()
	s := u.appraisal
	tapButton(t, u, u.win.Content(), tr("appraisal.new_cycle"))
	tapButton(t, u, s.body, tr("appraisal.choose"))
	dlg := top(t, u)
	// The bound does not depend on the office: one page of visible cells.
	n := objectCount(dlg)
	t.Logf("picker objects: %d", n)
	if n > 1500 {
		t.Fatalf("the picker drew %d objects for 20,000 advisors", n)
	}
	p := s.cycle.picker
	ticks := func() int { return strings.Count(drawn(p.list.table), "✓") }
	tapRow(t, p.list.table, 0)
	first := p.list.rows[0]
	if ticks() != 1 || !strings.Contains(drawn(dlg), "1 participants") {
		t.Fatalf("tap did not tick the row: %d ticks; %s", ticks(), drawn(p.count))
	}
	// A second tap on the same row unticks it; a third ticks it again.
	tapRow(t, p.list.table, 0)
	if ticks() != 0 {
		t.Fatal("a second tap did not untick the row")
	}
	tapRow(t, p.list.table, 0)

	test.Tap(p.list.next) // the picker's paging buttons show icons only
	u.Wait()
	if ticks() != 0 {
		t.Fatal("page 2 shows a tick nobody set")
	}
	tapRow(t, p.list.table, 2)
	second := p.list.rows[2]
	test.Tap(p.list.prev)
	u.Wait()
	if ticks() != 1 {
		t.Fatalf("back on page 1 the tick is gone: %d", ticks())
	}
	test.Type(p.list.search, first.EmpNo)
	u.Wait()
	if len(p.list.rows) == 0 || p.list.rows[0].ID != first.ID || ticks() != 1 {
		t.Fatalf("searching %s: %d rows, %d ticks", first.EmpNo, len(p.list.rows), ticks())
	}
	if !strings.Contains(drawn(p.count), "2 participants") {
		t.Fatalf("count: %s", drawn(p.count))
	}
	tapButton(t, u, dlg, tr("action.confirm"))
	if got := s.cycle.editing.Participants; len(got) != 2 || !s.cycle.editing.Has(first.ID) || !s.cycle.editing.Has(second.ID) {
		t.Fatalf("participants %v, want %d and %d", got, first.ID, second.ID)
	}
	if !strings.Contains(drawn(s.cycle.participants), "2 participants") {
		t.Fatalf("form shows %q", drawn(s.cycle.participants))
	}
	// Esc cancels: a tick given and then Esc changes nothing.
	tapButton(t, u, s.body, tr("appraisal.choose"))
	tapRow(t, s.cycle.picker.list.table, 5)
	// The cycle form behind has changed participants: a tick in the picker
	// replaces no form, so it must not ask about unsaved changes.
	if got := drawn(top(t, u)); strings.Contains(got, tr("unsaved.title")) {
		t.Fatalf("ticking a row asked about the form behind: %s", got)
	}
	u.shortcut(keyEscape)
	if u.win.Canvas().Overlays().Top() != nil || len(s.cycle.editing.Participants) != 2 {
		t.Fatalf("Esc in the picker: %d participants, dialog open %v", len(s.cycle.editing.Participants), u.win.Canvas().Overlays().Top() != nil)
	}
}

// openCycleRow taps row i of the cycle list (newest first: the demo's
// current quarter at the self-evaluation stage, then two published ones)
// and waits for the cycle to load.
func openCycleRow(t *testing.T, u *App, i int) *appraisalScreen {
	t.Helper()
	s := u.appraisal
	tapRow(t, s.list.table, i)
	u.Wait()
	if s.data == nil {
		t.Fatalf("row %d opened no cycle", i)
	}
	return s
}

// pickParticipant taps row i of the results table.
func pickParticipant(t *testing.T, u *App, i int) *model.Advisor {
	t.Helper()
	s := u.appraisal
	tapRow(t, s.results.table, i)
	u.Wait()
	if s.results.selected == 0 {
		t.Fatalf("results row %d selected nobody", i)
	}
	return s.data.Advisors[s.results.selected]
}

func TestNewCycleAndEmptyListTexts(t *testing.T) {
	u, _ := newTestApp(t, 0)
	u.Open(pageAppraisal)
	u.Wait()
	s := u.appraisal
	// No cycles yet: the list says so in its own words.
	if got := drawn(s.list.count); got != tr("list.empty_cycles") {
		t.Fatalf("empty cycle list says %q", got)
	}
	tapButton(t, u, u.win.Content(), tr("appraisal.new_cycle"))
	s.tabs.SelectIndex(1)
	got := drawn(s.body)
	if !strings.Contains(got, "Stage: Draft") || strings.Contains(got, "stage.") {
		t.Fatalf("a new cycle shows: %s", got)
	}
}

func TestDraftCycleHasNoRanksOrGrades(t *testing.T) {
	u, _ := newTestApp(t, 6)
	u.Open(pageAppraisal)
	u.Wait()
	s := u.appraisal
	tapButton(t, u, u.win.Content(), tr("appraisal.new_cycle"))
	test.Type(s.cycle.name, "草稿周期")
	test.Tap(s.cycle.group)
	tapMenuItem(t, u, tr("appraisal.group_all"))
	tapButton(t, u, s.body, tr("appraisal.add_group"))
	tapButton(t, u, s.body, tr("action.save"))
	if s.data == nil || s.data.Cycle.Stage != model.Draft || len(s.results.all) == 0 {
		t.Fatal("the draft cycle was not saved and opened")
	}
	s.tabs.SelectIndex(0)
	got := drawn(s.results.table)
	if strings.Contains(got, "Needs improvement") || strings.Contains(got, "D ") || !strings.Contains(got, "—") {
		t.Fatalf("a cycle without scores shows ranks or grades: %s", got)
	}
	// The grade chart counts nobody: without scores there are no grades.
	for _, bar := range strings.Split(drawn(s.results.chart), " | ") {
		if !strings.HasSuffix(bar, "  0") {
			t.Fatalf("the grade chart counts people without scores: %s", drawn(s.results.chart))
		}
	}
}

func TestPublishedCycleLocksParticipants(t *testing.T) {
	u, db := newTestApp(t, 6)
	u.Open(pageAppraisal)
	u.Wait()
	s := openCycleRow(t, u, 1)
	if s.data.Cycle.Stage != model.Published {
		t.Fatalf("row 1 is %s", s.data.Cycle.Stage)
	}
	s.tabs.SelectIndex(1)
	for _, name := range []string{"appraisal.add_group", "appraisal.choose", "appraisal.clear", "action.save"} {
		if b := buttonIn(t, s.body, tr(name)); !b.Disabled() {
			t.Errorf("%q is enabled in a published cycle", tr(name))
		}
	}
	// Below the window too: storage refuses a changed published cycle.
	c := *s.data.Cycle
	c.Participants = c.Participants[:1]
	if err := db.SaveCycle(&c); err == nil {
		t.Fatal("storage changed a published cycle's participants")
	}
}

func TestPublishWarnsAboutIncompleteEvaluations(t *testing.T) {
	u, db := newTestApp(t, 1200) // counts over a thousand print grouped
	u.Open(pageAppraisal)
	u.Wait()
	s := openCycleRow(t, u, 0) // self-evaluation stage, a third without forms
	id := s.data.Cycle.ID
	for range 2 { // to HR review
		if _, err := db.AdvanceCycle(id, "test"); err != nil {
			t.Fatal(err)
		}
	}
	openCycleRow(t, u, 1) // away and back: the cycle is read again
	s = openCycleRow(t, u, 0)
	s.tabs.SelectIndex(1)
	tapButton(t, u, s.body, tr("appraisal.next", "Stage", tr("stage.published")))
	got := drawn(top(t, u))
	if !strings.Contains(got, "participants have incomplete evaluations") || !regexp.MustCompile(`of 1,\d{3} participants`).MatchString(got) {
		t.Fatalf("publishing with missing forms warns: %s", got)
	}
	tapButton(t, u, top(t, u), tr("action.cancel"))
	if c, _ := db.Cycles.Get(id); c.Stage != model.ReviewStage {
		t.Fatalf("cancel published the cycle: %s", c.Stage)
	}
	tapButton(t, u, s.body, tr("appraisal.next", "Stage", tr("stage.published")))
	tapButton(t, u, top(t, u), tr("appraisal.publish_anyway"))
	if c, _ := db.Cycles.Get(id); c.Stage != model.Published {
		t.Fatalf("publish anyway left the cycle at %s", c.Stage)
	}
}

// scoreEntries is the open evaluation form's enabled score fields, in the
// template's order.
func scoreEntries(s *appraisalScreen) []*entry {
	var out []*entry
	for _, it := range s.data.Template.Items {
		if e := s.results.evaluation.scores[it.Key]; !e.Disabled() {
			out = append(out, e)
		}
	}
	return out
}

func TestScoreFieldsAreCheckedAsTyped(t *testing.T) {
	u, db := newTestApp(t, 6)
	u.Open(pageAppraisal)
	u.Wait()
	s := openCycleRow(t, u, 0) // self-evaluation stage
	pickParticipant(t, u, 0)
	tapButton(t, u, s.body, tr("appraisal.evaluate"))
	dlg := top(t, u)
	scores := scoreEntries(s)
	// Letters: "not a number", the moment they are typed.
	scores[0].SetText("")
	test.Type(scores[0], "abc")
	if got := drawn(dlg); !strings.Contains(got, "Not a number") {
		t.Fatalf("letters in a score: %s", got)
	}
	// 150 is marked as typed, and refused on the first save.
	scores[0].SetText("")
	test.Type(scores[0], "150")
	if got := drawn(dlg); !strings.Contains(got, "Must lie within 0–100") || strings.Contains(got, "Not a number") {
		t.Fatalf("150 in a score: %s", got)
	}
	before, _ := db.Evaluations.Count()
	tapButton(t, u, dlg, tr("action.save"))
	if got := drawn(dlg); !strings.Contains(got, "Must lie within 0–100") || !strings.Contains(got, tr("err.form")) {
		t.Fatalf("first save of 150: %s", got)
	}
	// A new customer form without a serial: the serial and the score are
	// both named on the first save.
	test.Tap(s.results.evaluation.choose)
	tapMenuItem(t, u, tr("appraisal.form_new_customer"))
	for _, e := range scoreEntries(s) {
		e.SetText("")
		test.Type(e, "80")
	}
	scores = scoreEntries(s)
	scores[1].SetText("")
	test.Type(scores[1], "101")
	tapButton(t, u, dlg, tr("action.save"))
	got := drawn(dlg)
	if !strings.Contains(got, "Required") || !strings.Contains(got, "Must lie within 0–100") {
		t.Fatalf("first save of a customer form without serial and with 101: %s", got)
	}
	if after, _ := db.Evaluations.Count(); after != before {
		t.Fatalf("a refused form was saved: %d → %d", before, after)
	}
}

func TestEscAsksBeforeDroppingTypedScores(t *testing.T) {
	u, db := newTestApp(t, 6)
	u.Open(pageAppraisal)
	u.Wait()
	s := openCycleRow(t, u, 0)
	// The third participant has no forms yet in the demo's current quarter.
	var row int
	for i, r := range s.results.ranked {
		if !r.Result.Scored {
			row = i
		}
	}
	pickParticipant(t, u, row)
	open := func() *entry {
		tapButton(t, u, s.body, tr("appraisal.evaluate"))
		e := scoreEntries(s)[0]
		u.win.Canvas().Focus(e)
		test.Type(e, "88")
		return e
	}
	esc := func() {
		u.win.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
		u.Wait()
	}
	before, _ := db.Evaluations.Count()
	e := open()
	esc()
	if got := drawn(top(t, u)); !strings.Contains(got, tr("unsaved.title")) {
		t.Fatalf("Esc with a typed score did not ask: %s", got)
	}
	tapButton(t, u, top(t, u), tr("action.cancel"))
	if s.results.evaluation.ask == nil || !strings.Contains(drawn(top(t, u)), "88") || e.Text != "88" {
		t.Fatal("keep editing lost the typed score")
	}
	// Esc on the question is "keep editing" too; then Discard closes.
	esc()
	u.shortcut("Escape")
	if !strings.Contains(drawn(top(t, u)), "88") {
		t.Fatal("Esc on the question closed the form")
	}
	u.shortcut("Escape")
	tapButton(t, u, top(t, u), tr("unsaved.discard"))
	if o := u.win.Canvas().Overlays().Top(); o != nil {
		t.Fatalf("discard left a dialog open: %s", drawn(o))
	}
	if after, _ := db.Evaluations.Count(); after != before {
		t.Fatal("discard saved the form")
	}
	// Save from the question saves what was typed (the rest filled in).
	open()
	for _, e := range scoreEntries(s)[1:] {
		test.Type(e, "90")
	}
	esc()
	tapButton(t, u, top(t, u), tr("unsaved.save"))
	if after, _ := db.Evaluations.Count(); after != before+1 {
		t.Fatalf("save from the question: %d → %d forms", before, after)
	}
	// An untouched form closes on Esc without a question.
	tapButton(t, u, s.body, tr("appraisal.evaluate"))
	u.shortcut("Escape")
	if o := u.win.Canvas().Overlays().Top(); o != nil {
		t.Fatalf("Esc on an untouched form asked: %s", drawn(o))
	}
}

func TestOutcomeDialogShowsGradeAndGrowsWithErrors(t *testing.T) {
	u, _ := newTestApp(t, 6)
	u.Open(pageAppraisal)
	u.Wait()
	s := openCycleRow(t, u, 1) // published, outcomes confirmed
	a := pickParticipant(t, u, 0)
	r := model.Score(s.data.Template, s.data.Evals[a.ID])
	tapButton(t, u, s.body, tr("appraisal.outcome"))
	dlg := top(t, u)
	if got := drawn(dlg); !strings.Contains(got, "Grade "+r.Grade.Code+" "+r.Grade.LabelEn) {
		t.Fatalf("outcome dialog: %s", got)
	}
	var salary *entry
	walkDrawn(dlg, func(o fyne.CanvasObject) {
		if e, ok := o.(*entry); ok && salary == nil {
			salary = e
		}
	})
	salary.SetText("")
	test.Type(salary, "abc")
	tapButton(t, u, dlg, tr("action.confirm"))
	if got := drawn(dlg); !strings.Contains(got, "Not a number") {
		t.Fatalf("salary abc: %s", got)
	}
	// The dialog grows with the messages: each has room of its own, and
	// every row still ends above the buttons.
	d := fyne.CurrentApp().Driver()
	confirm := buttonIn(t, dlg, tr("action.confirm"))
	buttonsAt := d.AbsolutePositionForObject(confirm).Y
	walkDrawn(dlg, func(o fyne.CanvasObject) {
		l, ok := o.(*widget.Label)
		if !ok || l.Text == "" || l.Text == tr("appraisal.outcome_title", "Name", a.Name) {
			return // the dialog's title is drawn by the dialog itself
		}
		bottom := d.AbsolutePositionForObject(l).Y + l.Size().Height
		if l.Size().Height == 0 || bottom > buttonsAt {
			t.Errorf("%q: %v high, ends at %v; buttons at %v", l.Text, l.Size().Height, bottom, buttonsAt)
		}
	})
}

// gatedStore holds LoadCycle of one cycle until the test opens the gate.
type gatedStore struct {
	*storage.DB
	hold uint64
	gate chan struct{}
}

func (g *gatedStore) LoadCycle(id uint64) (*model.CycleData, error) {
	if id == g.hold {
		<-g.gate
	}
	return g.DB.LoadCycle(id)
}

func TestOpeningACycleShowsProgressAndKeepsTheLatest(t *testing.T) {
	_, db := newTestApp(t, 6)
	cycles, _, _ := db.FindCycles(model.ListQuery{Sort: model.FieldStart, Desc: true})
	g := &gatedStore{DB: db, hold: cycles[0].ID, gate: make(chan struct{})}
	u := openAs(t, g)
	u.SetLanguage(langEn)
	u.win.Resize(fyne.NewSize(1200, 760))
	u.Open(pageAppraisal)
	u.Wait()
	s := u.appraisal
	// A slow cycle: the panel says it is loading, with a moving bar.
	tapRow(t, s.list.table, 0)
	bar := false
	walkDrawn(s.panel, func(o fyne.CanvasObject) { _, ok := o.(*widget.ProgressBarInfinite); bar = bar || ok })
	if !bar || !strings.Contains(drawn(s.panel), tr("appraisal.loading")) {
		t.Fatalf("while a cycle loads the panel shows: %q", drawn(s.panel))
	}
	// The user picks another cycle before the first is in: its answer
	// arrives first; the slow one's, later, must not replace it.
	tapRow(t, s.list.table, 1)
	(<-u.queue)()
	close(g.gate)
	u.Wait()
	if s.data == nil || s.data.Cycle.ID != cycles[1].ID || !strings.Contains(drawn(s.title), cycles[1].Name) {
		t.Fatalf("after choosing %q the screen shows %q", cycles[1].Name, drawn(s.title))
	}
}

func TestPrintSheetsNamesTheFileAndDialogAfterTheCycle(t *testing.T) {
	u, _ := newTestApp(t, 6)
	dir := t.TempDir()
	fyne.CurrentApp().Preferences().SetString("fyne:fileDialogLastFolder", fynestorage.NewFileURI(dir).String())
	u.Open(pageAppraisal)
	u.Wait()
	s := openCycleRow(t, u, 1)
	name := s.data.Cycle.Name
	tapButton(t, u, s.body, tr("appraisal.print_all"))
	if got := drawn(top(t, u)); !strings.Contains(got, name+".pdf") {
		t.Fatalf("the save dialog proposes: %s", got)
	}
	tapButton(t, u, top(t, u), "Save")
	got := drawn(top(t, u))
	if !strings.Contains(got, tr("appraisal.print_all")) || strings.Contains(got, tr("action.print")) {
		t.Fatalf("after printing sheets the dialog reads: %s", got)
	}
	// The print's own sentence, with where the file went.
	want := tr("appraisal.printed", "N", i18n.Count(len(s.data.Cycle.Participants)), "Path", filepath.Join(dir, name+".pdf"))
	if msg := shownMessage(u); !strings.Contains(msg, want) {
		t.Fatalf("after printing sheets the dialog says %q, not %q", msg, want)
	}
	if _, err := os.Stat(filepath.Join(dir, name+".pdf")); err != nil {
		t.Fatal(err)
	}
}

func TestFileNameFromCycleName(t *testing.T) {
	for in, want := range map[string]string{
		"2026年第四季度绩效考核":  "2026年第四季度绩效考核",
		"Q4/2026: A<B>?": "Q4-2026- A-B--",
		" 考核 ... ":       "考核",
		"..":             "appraisal",
	} {
		if got := fileName(in, "appraisal"); got != want {
			t.Errorf("fileName(%q) = %q, want %q", in, got, want)
		}
	}
}

// At the default window size the results show rank, number, name, total
// (with the incomplete mark) and grade without scrolling, in English too.
func TestResultsShowGradeAndIncompleteMark(t *testing.T) {
	u, _ := newTestApp(t, 6)
	u.Open(pageAppraisal)
	u.Wait()
	s := openCycleRow(t, u, 0) // self-evaluation stage: every total incomplete
	got := drawn(s.results.table)
	r := s.results.ranked[0]
	want := []string{tr("sheet.grade"), s.u.gradeText(r.Result.Grade), strconv.FormatFloat(r.Result.Total, 'f', 1, 64) + " *"}
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("the results do not show %q: %s", w, got)
		}
	}
	if !strings.Contains(drawn(s.body), "* incomplete") {
		t.Error("no legend for the marks")
	}
}

// The blank sheet's done message names the blank sheet, not the roster.
func TestBlankSheetSaysWhatItPrinted(t *testing.T) {
	u, _ := newTestApp(t, 3)
	dir := t.TempDir()
	fyne.CurrentApp().Preferences().SetString("fyne:fileDialogLastFolder", fynestorage.NewFileURI(dir).String())
	u.Open(pageAppraisal)
	u.Wait()
	tapButton(t, u, u.win.Content(), tr("appraisal.print_blank"))
	tapButton(t, u, top(t, u), "Save")
	got := drawn(top(t, u))
	if !strings.Contains(got, "blank appraisal sheet") || strings.Contains(got, "roster") {
		t.Fatalf("after printing a blank sheet the dialog reads: %s", got)
	}
}

// The appraisal page fits a 1366-pixel-wide screen in both languages: the
// cycle list's pager must not widen the window.
func TestAppraisalFitsALaptopScreen(t *testing.T) {
	u, _ := newTestApp(t, 6)
	for _, lang := range []string{langEn, langZh} {
		u.SetLanguage(lang)
		u.Open(pageAppraisal)
		u.Wait()
		openCycleRow(t, u, 0)
		if w := u.win.Content().MinSize().Width; w > 1366 {
			t.Errorf("%s: the appraisal page needs %v pixels of width", lang, w)
		}
	}
}

// staleStore answers one call of AdvisorHistory or AllTemplates, once
// armed, with what the file held at the call but only after the gate opens:
// an older answer that arrives after a newer one. held says that the call
// has read the file and waits.
type staleStore struct {
	*storage.DB
	history, templates atomic.Bool
	held, gate         chan struct{}
}

func (g *staleStore) AdvisorHistory(id uint64) ([]model.HistoryPoint, error) {
	h, err := g.DB.AdvisorHistory(id)
	if g.history.CompareAndSwap(true, false) {
		g.held <- struct{}{}
		<-g.gate
	}
	return h, err
}

func (g *staleStore) AllTemplates() ([]*model.Template, error) {
	ts, err := g.DB.AllTemplates()
	if g.templates.CompareAndSwap(true, false) {
		g.held <- struct{}{}
		<-g.gate
	}
	return ts, err
}

func newStaleApp(t *testing.T) (*App, *staleStore) {
	t.Helper()
	_, db := newTestApp(t, 6)
	g := &staleStore{DB: db, held: make(chan struct{}), gate: make(chan struct{})}
	u := openAs(t, g)
	u.SetLanguage(langEn)
	u.win.Resize(fyne.NewSize(1200, 760))
	u.Open(pageAppraisal)
	u.Wait()
	return u, g
}

// answerUntil runs background answers one by one until ok holds; the held
// answer is not among them, so Wait cannot be used.
func answerUntil(t *testing.T, u *App, what string, ok func() bool) {
	t.Helper()
	for !ok() {
		select {
		case f := <-u.queue:
			f()
		case <-time.After(20 * time.Second):
			t.Fatalf("no answer brought %s", what)
		}
	}
}

// The history of a participant is asked for, slowly; a form saved in the
// meantime reloads the cycle and asks again. The slow answer, from before
// the save, comes in last and must not replace the history after the save.
func TestAnOlderHistoryAnswerDoesNotReplaceANewerOne(t *testing.T) {
	u, g := newStaleApp(t)
	s := openCycleRow(t, u, 0) // self-evaluation stage
	g.history.Store(true)
	tapRow(t, s.results.table, 0)
	<-g.held // the history is read, and on its way
	a := s.data.Advisors[s.results.selected]
	test.Tap(buttonIn(t, s.body, tr("appraisal.evaluate")))
	ef := s.results.evaluation
	ef.fillScores("3")
	test.Tap(buttonIn(t, top(t, u), tr("action.save")))
	answerUntil(t, u, "the form saved", func() bool { return strings.Contains(s.status.Text, a.Name) })
	h, err := g.DB.AdvisorHistory(a.ID)
	if err != nil {
		t.Fatal(err)
	}
	// (the label wraps its lines where the drawing says " | ")
	words := func(text string) string {
		return strings.Join(strings.Fields(strings.ReplaceAll(text, " | ", " ")), " ")
	}
	want := words(strings.Join(historyLines(h), "\n"))
	answerUntil(t, u, "the history after the save", func() bool { return words(drawn(s.results.history)) == want })
	close(g.gate)
	u.Wait()
	if got := words(drawn(s.results.history)); got != want {
		t.Fatalf("an older answer replaced the history:\n%s\nwant\n%s", got, want)
	}
}

// The templates are read on each visit of the screen; a template saved
// while that read is slow is offered, and stays offered when the slow
// answer (without it) comes in.
func TestAnOlderTemplateListDoesNotReplaceANewerOne(t *testing.T) {
	u, g := newStaleApp(t)
	s := u.appraisal
	u.Open(pageHome)
	u.Wait()
	g.templates.Store(true)
	u.Open(pageAppraisal) // a second visit: the templates are read again, slowly
	<-g.held
	s.editTemplates()
	te := s.templateEditor
	test.Tap(buttonIn(t, top(t, u), tr("template.copy")))
	te.name.SetText("第二版模板")
	test.Tap(buttonIn(t, top(t, u), tr("action.save")))
	answerUntil(t, u, "the new template in the choices", func() bool {
		return slices.ContainsFunc(s.cycle.template.Options, func(o string) bool { return strings.HasPrefix(o, "第二版模板") })
	})
	close(g.gate)
	u.Wait()
	tapRow(t, s.list.table, 0)
	u.Wait()
	test.Tap(s.cycle.template)
	if got := drawn(top(t, u)); !strings.Contains(got, "第二版模板") {
		t.Fatalf("an older answer took the new template from the choices: %s", got)
	}
}
