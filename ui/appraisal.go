package ui

import (
	"advisordesk/i18n"
	"bytes"
	"cmp"
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"advisordesk/exchange"
	"advisordesk/model"
	"advisordesk/report"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// appraisalScreen is chapter 5 (绩效考核): cycles on the left; the chosen
// cycle's settings, stage and results on the right.
type appraisalScreen struct {
	u      *App
	list   *listView[model.Cycle]
	status *widget.Label

	data           *model.CycleData // the cycle open on the right; nil when none
	provisional    *widget.Check    // print unfinished sheets with a provisional total and grade
	editing        *model.Cycle     // the settings form's cycle (ID 0: new)
	loaded         *model.Cycle     // editing as it was opened, to tell unsaved changes
	templates      []*model.Template
	all            []model.Ranked   // every participant's result, ranked
	ranked         []model.Ranked   // the rows shown: filtered by find, sorted by sortCol
	rankedOf       *model.CycleData // the cycle ranked was made from: the table reads both, never data
	find           *entry
	sortCol        int
	sortDesc       bool
	selected       uint64 // the participant chosen in the results
	roster         []*model.Advisor
	loadSeq        int                // the latest open; older answers are dropped
	evaluation     *evaluationForm    // the open evaluation dialog, for tests
	templateEditor *templateEditor    // the open template editor, for tests
	picker         *participantPicker // the open "choose by hand" dialog, for tests

	form                  *form
	name, start, end      *entry
	period                *choice[model.Period]
	template              *widget.Select
	group                 *widget.Select
	groups                []participantGroup
	participants          *widget.Label
	addBtn, byHand, clear *widget.Button // change the participants: off in a published cycle
	stage                 *widget.Label
	next, reopen, saveBtn *widget.Button

	results *widget.Table
	chart   *fyne.Container
	history *widget.Label
	panel   *fyne.Container
	hint    fyne.CanvasObject
	body    fyne.CanvasObject
	loading fyne.CanvasObject           // the panel while a cycle loads
	busy    *widget.ProgressBarInfinite // above the body while it reloads
	tabs    *container.AppTabs
	title   *widget.Label
}

// participantGroup is one choice of "add participants by …".
type participantGroup struct {
	label string
	match func(*model.Advisor) bool
}

func newAppraisalScreen(u *App) *appraisalScreen {
	s := &appraisalScreen{u: u}
	stageText := func(c *model.Cycle) string { return tr("stage." + string(c.Stage)) }
	cols := []column[model.Cycle]{
		{model.FieldCycleName, 175, func(c *model.Cycle) string { return c.Name }},
		{model.FieldStage, 100, stageText},
		{model.FieldStart, 95, func(c *model.Cycle) string { return string(c.Start) }},
		{model.FieldPeriod, 70, func(c *model.Cycle) string { return tr("period." + string(c.Period)) }},
	}
	s.list = newListView(u, cols, u.store.FindCycles, func(c *model.Cycle) uint64 { return c.ID }, func(c *model.Cycle) { s.open(c.ID) })
	s.list.table.StickyColumnCount = 1
	s.list.q.Sort, s.list.q.Desc = model.FieldStart, true
	s.list.searchKey, s.list.countKey, s.list.emptyKey = "search.cycles", "list.count_cycles", "list.empty_cycles"
	s.list.compact = true // the cycle list sits beside the results
	s.status = widget.NewLabel("")
	s.status.Importance = widget.SuccessImportance
	s.build()
	return s
}

func (s *appraisalScreen) build() {
	u := s.u
	s.form = newForm()
	s.name, s.start, s.end = newEntry(u), newEntry(u), newEntry(u)
	s.start.SetPlaceHolder(tr("form.hint_date"))
	s.end.SetPlaceHolder(tr("form.hint_date"))
	s.period = newChoice(model.Periods, "period.")
	s.period.OnChanged = func(string) { s.fillPeriod() }
	s.template = widget.NewSelect(nil, nil)
	s.template.PlaceHolder = tr("select.none")
	s.group = widget.NewSelect(nil, nil)
	s.group.PlaceHolder = tr("select.none")
	s.participants = widget.NewLabel("")
	s.addBtn = widget.NewButton(tr("appraisal.add_group"), s.addGroup)
	s.byHand = widget.NewButton(tr("appraisal.choose"), s.chooseByHand)
	s.clear = widget.NewButton(tr("appraisal.clear"), func() {
		if s.editing != nil && !s.locked() {
			s.editing.Participants = nil
			s.showParticipants()
		}
	})
	s.form.add(model.FieldCycleName, s.name, true)
	s.form.add(model.FieldPeriod, s.period, true)
	s.form.add(model.FieldStart, s.start, true)
	s.form.add(model.FieldEnd, s.end, true)
	s.form.add(model.FieldTemplate, s.template, true)
	s.form.add(model.FieldParticipants, container.NewVBox(s.participants,
		container.NewBorder(nil, nil, nil, container.NewHBox(s.addBtn, s.byHand, s.clear), s.group)), true)
	s.stage = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.saveBtn = widget.NewButtonWithIcon(tr("action.save"), theme.DocumentSaveIcon(), s.save)
	s.saveBtn.Importance = widget.HighImportance
	s.next = widget.NewButtonWithIcon("", theme.MediaFastForwardIcon(), s.confirmNext)
	s.reopen = widget.NewButtonWithIcon(tr("appraisal.reopen"), theme.ViewRefreshIcon(), s.askReopen)
	settings := container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), container.NewHBox(s.saveBtn, s.next, s.reopen)),
		nil, nil, container.NewVScroll(container.NewVBox(s.stage, s.form.content())))

	// Results: rank, participant, forms in, total, grade.
	heads := []string{"appraisal.rank", "appraisal.col_empno", "field.name", "sheet.total", "sheet.grade", "appraisal.forms"}
	widths := []float32{44, 76, 84, 64, 110, 150}
	s.results = widget.NewTableWithHeaders(
		func() (int, int) { return len(s.ranked), len(heads) },
		newRowCell,
		func(id widget.TableCellID, o fyne.CanvasObject) {
			sel := id.Row < len(s.ranked) && s.selected != 0 && s.ranked[id.Row].AdvisorID == s.selected
			setRowCell(o, s.resultCell(id.Row, id.Col), sel)
		})
	s.results.ShowHeaderColumn = false
	s.results.CreateHeader = newSortHeader
	s.results.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col < 0 {
			return
		}
		col := id.Col
		setSortHeader(o, tr(heads[col]), col == s.sortCol, s.sortDesc, func() {
			if col == s.sortCol {
				s.sortDesc = !s.sortDesc
			} else {
				s.sortCol, s.sortDesc = col, false
			}
			s.applyView()
		})
	}
	s.find = newEntry(u)
	s.find.SetPlaceHolder(tr("search.participants"))
	s.find.OnChanged = func(string) { s.applyView() }
	for i, w := range widths {
		head := fyne.MeasureText(tr(heads[i]), theme.TextSize(), fyne.TextStyle{Bold: true}).Width
		s.results.SetColumnWidth(i, max(w, head+3*theme.Padding()+theme.IconInlineSize()))
	}
	s.results.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(s.ranked) {
			s.selected = s.ranked[id.Row].AdvisorID
			s.results.Refresh() // the whole row shows as selected
			s.showHistory()
		}
	}
	s.chart = container.NewVBox()
	s.history = widget.NewLabel("")
	s.history.Wrapping = fyne.TextWrapWord
	evaluate := widget.NewButtonWithIcon(tr("appraisal.evaluate"), theme.DocumentCreateIcon(), s.evaluateSelected)
	evaluate.Importance = widget.HighImportance
	outcome := widget.NewButtonWithIcon(tr("appraisal.outcome"), theme.ConfirmIcon(), s.outcomeSelected)
	printAll := widget.NewButtonWithIcon(tr("appraisal.print_all"), theme.DocumentPrintIcon(), s.askPrintAll)
	printFiles := widget.NewButtonWithIcon(tr("appraisal.print_files"), theme.FolderOpenIcon(), s.askPrintFiles)
	printOne := widget.NewButtonWithIcon(tr("appraisal.print_one"), theme.DocumentPrintIcon(), s.askPrintOne)
	export := widget.NewButtonWithIcon(tr("appraisal.export"), theme.DownloadIcon(), s.askExport)
	actions := container.NewGridWithColumns(3, evaluate, outcome, printOne, printAll, printFiles, export)
	s.provisional = widget.NewCheck(tr("appraisal.provisional"), nil)
	side := container.NewVBox(widget.NewLabelWithStyle(tr("appraisal.distribution"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		s.chart, widget.NewSeparator(), widget.NewLabelWithStyle(tr("appraisal.history"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), s.history)
	legend := widget.NewLabel(tr("appraisal.legend"))
	legend.SizeName = theme.SizeNameCaptionText
	legend.Wrapping = fyne.TextWrapWord
	resultsTab := container.NewBorder(s.find, container.NewVBox(legend, s.provisional, actions), nil, container.NewPadded(container.NewGridWrap(fyne.NewSize(190, 10), side)), s.results)
	s.tabs = container.NewAppTabs(container.NewTabItem(tr("appraisal.tab_results"), resultsTab),
		container.NewTabItem(tr("appraisal.tab_cycle"), settings))
	s.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.busy = widget.NewProgressBarInfinite()
	s.busy.Hide()
	s.body = container.NewBorder(container.NewVBox(s.title, s.busy), nil, nil, nil, s.tabs)
	s.loading = container.NewVBox(widget.NewLabel(tr("appraisal.loading")), widget.NewProgressBarInfinite())
	s.hint = hintPanel("appraisal.select_cycle")
	s.panel = container.NewStack(s.hint)
}

func (s *appraisalScreen) content() fyne.CanvasObject {
	s.list.bindKeys(s.newCycle, s.save, nil)
	s.u.editor = s
	newBtn := widget.NewButtonWithIcon(tr("appraisal.new_cycle"), theme.ContentAddIcon(), s.newCycle)
	newBtn.Importance = widget.HighImportance
	blank := widget.NewButtonWithIcon(tr("appraisal.print_blank"), theme.DocumentIcon(), s.askBlank)
	forms := widget.NewButtonWithIcon(tr("appraisal.customer_forms"), theme.MailComposeIcon(), s.askCustomerForms)
	templates := widget.NewButtonWithIcon(tr("template.open"), theme.SettingsIcon(), s.editTemplates)
	bar := container.NewHBox(newBtn, templates, blank, forms, s.status)
	split := container.NewHSplit(s.list.content(), container.NewPadded(s.panel))
	split.Offset = 0.3
	s.roster = nil // the roster may have changed on its own screen: read it again
	s.list.reload()
	s.loadTemplates()
	return container.NewBorder(container.NewPadded(bar), nil, nil, nil, split)
}

func (s *appraisalScreen) loadTemplates() {
	var ts []*model.Template
	s.u.background(func() (err error) {
		if _, err = s.u.store.EnsureTemplate(); err != nil {
			return err
		}
		ts, err = s.u.store.AllTemplates()
		return err
	}, func(err error) {
		if err != nil {
			s.u.showError(err)
			return
		}
		s.templates = ts
		var opts []string
		for _, t := range ts {
			opts = append(opts, fmt.Sprintf("%s (v%d)", t.Name, t.Version))
		}
		s.template.Options = opts
		s.template.Refresh()
	})
}

// groupsFrom offers "all active" and one group per role, employment type
// and department found on the roster.
func (s *appraisalScreen) groupsFrom(roster []*model.Advisor) {
	active := func(a *model.Advisor) bool { return a.Status == model.Active }
	groups := []participantGroup{{tr("appraisal.group_all"), active}}
	for _, r := range model.Roles {
		groups = append(groups, participantGroup{tr("field.role") + tr("sep.colon") + tr("role."+string(r)),
			func(a *model.Advisor) bool { return active(a) && a.Role == r }})
	}
	for _, e := range model.Employments {
		groups = append(groups, participantGroup{tr("field.employment") + tr("sep.colon") + tr("employment."+string(e)),
			func(a *model.Advisor) bool { return active(a) && a.Employment == e }})
	}
	var depts []string
	for _, a := range roster {
		if a.Department != "" && !slices.Contains(depts, a.Department) {
			depts = append(depts, a.Department)
		}
	}
	slices.Sort(depts)
	for _, d := range depts {
		groups = append(groups, participantGroup{tr("field.department") + tr("sep.colon") + d,
			func(a *model.Advisor) bool { return active(a) && a.Department == d }})
	}
	s.groups = groups
	var labels []string
	for _, g := range groups {
		labels = append(labels, g.label)
	}
	s.group.Options = labels
	s.group.Refresh()
}

func (s *appraisalScreen) newCycle() { s.u.leave(s.openNewCycle, nil) }

func (s *appraisalScreen) openNewCycle() {
	start, end := model.PeriodDates(model.Quarterly, s.u.store.Today())
	c := &model.Cycle{Period: model.Quarterly, Start: start, End: end, Stage: model.Draft}
	if len(s.templates) > 0 {
		c.TemplateID = s.templates[len(s.templates)-1].ID
	}
	s.loadSeq++ // a cycle still loading must not replace the new form
	s.data, s.all, s.ranked, s.rankedOf, s.selected = nil, nil, nil, nil, 0
	s.list.selected = 0
	s.list.showSelected()
	s.edit(c)
	s.tabs.SelectIndex(1)
	s.u.win.Canvas().Focus(s.name)
}

// open loads a cycle from the list off the UI thread. Until it is in, a
// progress bar shows (in place of another cycle, or above the same one when
// it is reloaded after a save); an answer that a later open has replaced is
// dropped, so a slow load never overwrites the cycle chosen after it.
func (s *appraisalScreen) open(id uint64) {
	s.loadSeq++
	seq := s.loadSeq
	if s.data != nil && s.data.Cycle.ID == id && s.panel.Objects[0] == s.body {
		s.busy.Show()
	} else {
		s.panel.Objects = []fyne.CanvasObject{s.loading}
		s.panel.Refresh()
	}
	var d *model.CycleData
	roster := s.roster // read once per visit of the screen: see content
	s.u.background(func() (err error) {
		if d, err = s.u.store.LoadCycle(id); err != nil {
			return err
		}
		if roster == nil {
			roster, err = s.u.store.AdvisorsByEmpNo()
		}
		return err
	}, func(err error) {
		if seq != s.loadSeq {
			return // the user opened another cycle since
		}
		s.busy.Hide()
		if err != nil {
			if s.panel.Objects[0] == s.loading {
				s.panel.Objects = []fyne.CanvasObject{s.hint}
				s.panel.Refresh()
			}
			s.u.showError(err)
			return
		}
		s.data = d
		s.roster = roster
		s.all = d.Results()
		s.groupsFrom(roster)
		cp := *d.Cycle
		cp.Participants = slices.Clone(d.Cycle.Participants)
		s.edit(&cp)
		s.showResults()
	})
}

// edit fills the settings form with c.
func (s *appraisalScreen) edit(c *model.Cycle) {
	s.editing = c
	loaded := *c
	loaded.Participants = slices.Clone(c.Participants)
	s.loaded = &loaded
	s.form.clearErrors()
	s.name.SetText(c.Name)
	s.period.set(c.Period)
	s.start.SetText(string(c.Start))
	s.end.SetText(string(c.End))
	s.template.ClearSelected()
	for i, t := range s.templates {
		if t.ID == c.TemplateID {
			s.template.SetSelectedIndex(i)
		}
	}
	if c.ID == 0 && s.roster == nil {
		s.loadRoster()
	}
	s.showParticipants()
	s.showStage()
	s.panel.Objects = []fyne.CanvasObject{s.body}
	s.panel.Refresh()
}

func (s *appraisalScreen) loadRoster() {
	var roster []*model.Advisor
	s.u.background(func() (err error) {
		roster, err = s.u.store.AdvisorsByEmpNo()
		return err
	}, func(err error) {
		if err == nil {
			s.roster = roster
			s.groupsFrom(roster)
		}
	})
}

// fillPeriod proposes the dates of the chosen period around the start date.
func (s *appraisalScreen) fillPeriod() {
	p := s.period.value()
	if p == "" || p == model.Custom || s.editing == nil {
		return
	}
	day, err := model.ParseDate(s.start.Text)
	if err != nil || day == "" {
		day = s.u.store.Today()
	}
	start, end := model.PeriodDates(p, day)
	s.start.SetText(string(start))
	s.end.SetText(string(end))
}

func (s *appraisalScreen) showParticipants() {
	n := 0
	if s.editing != nil {
		n = len(s.editing.Participants)
	}
	s.participants.SetText(tr("appraisal.participants_n", "N", i18n.Count(n)))
}

// locked tells whether the cycle in the form is published: read only until
// it is reopened with a reason (storage refuses a save too).
func (s *appraisalScreen) locked() bool {
	return s.editing != nil && s.editing.ID != 0 && s.editing.Stage == model.Published
}

func (s *appraisalScreen) showStage() {
	c := s.editing
	locked := s.locked()
	s.stage.SetText(tr("field.stage") + tr("sep.colon") + tr("stage."+string(c.Stage)))
	s.title.SetText(c.Name + "  ·  " + tr("stage."+string(c.Stage)))
	if c.ID == 0 {
		s.title.SetText(tr("appraisal.new_cycle"))
	}
	if locked {
		s.stage.SetText(s.stage.Text + "  " + tr("appraisal.published_locked"))
	}
	for _, b := range []*widget.Button{s.saveBtn, s.addBtn, s.byHand, s.clear} {
		setEnabled(b, !locked)
	}
	if next := c.Stage.Next(); next != "" && c.ID != 0 {
		s.next.SetText(tr("appraisal.next", "Stage", tr("stage."+string(next))))
		s.next.Show()
	} else {
		s.next.Hide()
	}
	if locked {
		s.reopen.Show()
	} else {
		s.reopen.Hide()
	}
}

func (s *appraisalScreen) addGroup() {
	i := s.group.SelectedIndex()
	if i < 0 || s.editing == nil || s.locked() {
		return
	}
	for _, a := range s.roster {
		if s.groups[i].match(a) && !slices.Contains(s.editing.Participants, a.ID) {
			s.editing.Participants = append(s.editing.Participants, a.ID)
		}
	}
	s.showParticipants()
}

// collect reads the settings form.
func (s *appraisalScreen) collect() (*model.Cycle, model.FieldErrors) {
	c := *s.editing
	var errs model.FieldErrors
	c.Name, c.Period = s.name.Text, s.period.value()
	c.Start, c.End = dateIn(s.start, model.FieldStart, &errs), dateIn(s.end, model.FieldEnd, &errs)
	if i := s.template.SelectedIndex(); i >= 0 {
		c.TemplateID = s.templates[i].ID
	}
	return &c, errs
}

func (s *appraisalScreen) save() { s.saveThen(nil, nil) }

// saveThen is save that runs done after a save and refused after a refusal.
func (s *appraisalScreen) saveThen(done, refused func()) {
	if s.editing == nil {
		return
	}
	c, errs := s.collect()
	if errs != nil {
		s.form.showErrors(errs, s.u.labels())
		if refused != nil {
			refused()
		}
		return
	}
	s.form.submitThen(s.u, func() error { return s.u.store.SaveCycle(c) }, func() {
		s.status.SetText(tr("appraisal.saved", "Name", c.Name))
		s.list.selected = c.ID
		s.list.reload()
		s.open(c.ID)
		if done != nil {
			done()
		}
	}, refused)
}

// changed reports whether the cycle's settings differ from what was opened
// (a published cycle cannot be saved, so it has nothing to lose).
func (s *appraisalScreen) changed() bool {
	o := s.loaded
	if s.editing == nil || o == nil || (o.ID != 0 && o.Stage == model.Published) {
		return false
	}
	c, errs := s.collect()
	return errs != nil || c.Name != o.Name || c.Period != o.Period || c.Start != o.Start || c.End != o.End ||
		c.TemplateID != o.TemplateID || !slices.Equal(c.Participants, o.Participants)
}

// confirmNext asks before moving the cycle on; before publishing it says
// how many participants' evaluations are still incomplete.
func (s *appraisalScreen) confirmNext() {
	c := s.editing
	if c == nil || c.ID == 0 || c.Stage.Next() == "" {
		return
	}
	next := c.Stage.Next()
	msg := tr("appraisal.next_confirm", "Name", c.Name, "Stage", tr("stage."+string(next)))
	confirm := tr("appraisal.next", "Stage", tr("stage."+string(next)))
	if next == model.Published {
		msg += "\n" + tr("appraisal.publish_warning")
		incomplete, unscored := 0, 0
		for _, r := range s.all {
			if !r.Result.Complete {
				incomplete++
			}
			if !r.Result.Scored {
				unscored++
			}
		}
		if incomplete > 0 {
			msg += "\n\n" + tr("appraisal.publish_incomplete", "N", i18n.Count(incomplete), "Total", i18n.Count(len(s.all)), "None", i18n.Count(unscored))
			confirm = tr("appraisal.publish_anyway")
		}
	}
	s.u.confirm(tr("field.stage"), msg, confirm, s.advance)
}

func (s *appraisalScreen) advance() {
	id := s.editing.ID
	var c *model.Cycle
	s.u.background(func() (err error) {
		c, err = s.u.store.AdvanceCycle(id, operator())
		return err
	}, func(err error) {
		if err != nil {
			s.u.showError(err)
			return
		}
		s.status.SetText(tr("stage." + string(c.Stage)))
		s.list.reload()
		s.open(id)
	})
}

func (s *appraisalScreen) askReopen() {
	reason := newMultiLineEntry(s.u)
	reason.SetMinRowsVisible(3)
	msg := widget.NewLabel(tr("appraisal.reopen_reason"))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(tr("appraisal.reopen"), tr("action.confirm"), tr("action.cancel"),
		container.NewVBox(msg, reason), func(ok bool) {
			if ok {
				s.reopenWith(reason.Text)
			}
		}, s.u.win)
	d.Resize(fyne.NewSize(440, 0))
	d.Show()
}

func (s *appraisalScreen) reopenWith(reason string) {
	id := s.editing.ID
	s.u.background(func() error {
		_, err := s.u.store.ReopenCycle(id, operator(), reason)
		return err
	}, func(err error) {
		if err != nil {
			s.u.showError(err)
			return
		}
		s.list.reload()
		s.open(id)
	})
}

// resultCell is one cell of the results table.
func (s *appraisalScreen) resultCell(row, col int) string {
	// The rows and the cycle they index were made together: a table refresh
	// between opening a cycle and ranking it must not mix the two.
	d := s.rankedOf
	if row >= len(s.ranked) || d == nil {
		return ""
	}
	r := s.ranked[row]
	a := d.Advisors[r.AdvisorID]
	if !r.Result.Scored && (col == 0 || col == 3 || col == 4) {
		return noScore // no form has scored yet: no rank, total or grade
	}
	switch col {
	case 0:
		return strconv.Itoa(r.Rank)
	case 1:
		return a.EmpNo
	case 2:
		return a.Name
	case 5:
		n := map[model.Method]int{}
		for _, e := range d.Evals[r.AdvisorID] {
			n[e.Method]++
		}
		return fmt.Sprintf("%s %d · %s %d · %s %d", tr("sheet.self"), n[model.SelfEval], tr("sheet.supervisor"),
			n[model.SupervisorEval], tr("sheet.customer"), n[model.CustomerEval])
	case 3:
		// The incomplete mark sits on the total, where it stays in view; a
		// long grade name is cut short at the column's edge.
		total := strconv.FormatFloat(r.Result.Total, 'f', 1, 64)
		if !r.Result.Complete {
			total += " *"
		}
		return total
	case 4:
		return s.gradeText(r.Result.Grade)
	}
	return ""
}

// gradeText is a grade's code and its name in the window's language.
func (s *appraisalScreen) gradeText(g model.GradeBand) string {
	label := g.Label
	if s.u.lang == langEn && g.LabelEn != "" {
		label = g.LabelEn
	}
	return g.Code + " " + label
}

// applyView filters the results by what was typed (employee number or
// name) and sorts them by the chosen column.
func (s *appraisalScreen) applyView() {
	if s.data == nil {
		return
	}
	text := strings.ToLower(strings.TrimSpace(s.find.Text))
	var rows []model.Ranked
	for _, r := range s.all {
		a := s.data.Advisors[r.AdvisorID]
		if text == "" || strings.Contains(strings.ToLower(a.EmpNo+" "+a.Name), text) {
			rows = append(rows, r)
		}
	}
	// Text columns sort as a Chinese reader expects: names by pinyin.
	keys := map[uint64][]byte{}
	if s.sortCol == 1 || s.sortCol == 2 || s.sortCol == 4 {
		coll := collate.New(language.SimplifiedChinese, collate.Numeric, collate.IgnoreCase)
		var buf collate.Buffer
		for _, r := range rows {
			a := s.data.Advisors[r.AdvisorID]
			text := map[int]string{1: a.EmpNo, 2: a.Name, 4: r.Result.Grade.Code}[s.sortCol]
			keys[r.AdvisorID] = append([]byte(nil), coll.KeyFromString(&buf, text)...)
			buf.Reset()
		}
	}
	slices.SortStableFunc(rows, func(a, b model.Ranked) int {
		c := cmp.Compare(rankKey(a), rankKey(b))
		if len(keys) > 0 {
			c = bytes.Compare(keys[a.AdvisorID], keys[b.AdvisorID])
		}
		if s.sortDesc {
			c = -c
		}
		return c
	})
	s.ranked, s.rankedOf = rows, s.data
	s.results.Refresh()
}

// noScore stands for a rank, total or grade that does not exist yet.
const noScore = "—"

// rankKey sorts the unranked (no score yet) after every ranked participant.
func rankKey(r model.Ranked) int {
	if r.Rank == 0 {
		return math.MaxInt
	}
	return r.Rank
}

func (s *appraisalScreen) showResults() {
	s.applyView()
	s.results.Refresh()
	s.results.UnselectAll()
	for i, r := range s.ranked {
		if r.AdvisorID == s.selected {
			s.results.Select(widget.TableCellID{Row: i, Col: 0})
		}
	}
	// The grade distribution as horizontal bars.
	s.chart.Objects = nil
	counts := model.Distribution(s.data.Template, s.all)
	most := 1
	for _, c := range counts {
		most = max(most, c)
	}
	for i, g := range s.data.Template.Grades {
		bar := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
		bar.SetMinSize(fyne.NewSize(float32(130*counts[i]/most)+2, 14))
		label := widget.NewLabel(g.Code + "  " + i18n.Count(counts[i]))
		s.chart.Add(container.NewBorder(nil, nil, label, nil, container.NewHBox(bar, layout.NewSpacer())))
	}
	s.chart.Refresh()
	s.showHistory()
}

// showHistory lists the selected advisor's totals across cycles.
func (s *appraisalScreen) showHistory() {
	id := s.selected
	if id == 0 {
		s.history.SetText(tr("appraisal.select_participant"))
		return
	}
	var lines []string
	s.u.background(func() error {
		h, err := s.u.store.AdvisorHistory(id)
		for i, p := range h {
			grade, total := p.Result.Grade.Code, strconv.FormatFloat(p.Result.Total, 'f', 1, 64)
			if !p.Result.Scored {
				grade, total = noScore, noScore
			}
			if !p.Result.Complete {
				grade += " · " + tr("appraisal.incomplete")
			}
			line := tr("appraisal.history_line", "Cycle", p.Cycle.Name, "Total", total, "Grade", grade)
			if prev := h[max(i-1, 0)].Result; i > 0 && p.Result.Complete && prev.Complete { // a trend only between finished cycles
				diff := model.Round(p.Result.Total-prev.Total, 1)
				switch {
				case diff > 0:
					line += " ↑ " + tr("appraisal.trend_up", "Diff", strconv.FormatFloat(diff, 'f', 1, 64))
				case diff < 0:
					line += " ↓ " + tr("appraisal.trend_down", "Diff", strconv.FormatFloat(-diff, 'f', 1, 64))
				default:
					line += " → " + tr("appraisal.trend_same")
				}
			}
			lines = append(lines, line)
		}
		return err
	}, func(err error) {
		if err != nil {
			s.u.showError(err)
			return
		}
		if id == s.selected {
			s.history.SetText(strings.Join(lines, "\n"))
		}
	})
}

// operator is who is at the keyboard, recorded with stage moves and forms.
func operator() string {
	for _, v := range []string{"USER", "USERNAME"} {
		if s := os.Getenv(v); s != "" {
			return s
		}
	}
	return ""
}

func (s *appraisalScreen) needParticipant() (*model.Advisor, bool) {
	if s.data == nil || s.selected == 0 {
		s.u.info(tr("nav.appraisal"), tr("appraisal.select_participant"))
		return nil, false
	}
	return s.data.Advisors[s.selected], true
}

// saveTo asks for a file to write, then runs write off the UI thread.
func (s *appraisalScreen) saveTo(name, ext, title string, write func(ctx context.Context, w io.Writer) (string, error)) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			s.u.showError(err)
		}
		if w == nil {
			return
		}
		uri := w.URI()
		s.u.longJob(title, func(ctx context.Context, progress func(float64)) (string, error) {
			progress(-1)
			defer w.Close()
			var buf bytes.Buffer
			msg, err := write(ctx, &buf)
			if err != nil {
				return "", err
			}
			if err := ctx.Err(); err != nil {
				return "", err
			}
			if _, err := w.Write(buf.Bytes()); err != nil {
				return "", err
			}
			return strings.ReplaceAll(msg, "{{path}}", uriPath(uri)), w.Close()
		}, func() {
			if ext == ".pdf" {
				s.u.offerOpen(title, uri)
			} else {
				s.u.info(title, s.u.lastMessage)
			}
		})
	}, s.u.win)
	d.SetFileName(name)
	d.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
	d.Show()
}

// fileName makes a name (a cycle's) into a file name every system accepts:
// characters Windows or a path would misread become "-", and no name ends
// in a dot or a space. An empty result is fallback.
func fileName(name, fallback string) string {
	out := strings.Map(func(r rune) rune {
		if r < 0x20 || strings.ContainsRune(`<>:"/\|?*`, r) {
			return '-'
		}
		return r
	}, name)
	out = strings.TrimRight(strings.TrimSpace(out), ". ")
	if out == "" {
		return fallback
	}
	return out
}

// sheets are the cycle's sheets as printed: an unfinished one with a
// provisional total and grade when the box for that is ticked.
func (s *appraisalScreen) sheets(d *model.CycleData) []report.Sheet {
	out := report.CycleSheets(d)
	if s.provisional != nil && s.provisional.Checked {
		for i := range out {
			out[i].Provisional = true
		}
	}
	return out
}

// replacedNote says whose names printed a character as 〓 (no bundled
// font has it), one line each after a first line break; "" when none did.
func replacedNote(sheets []report.Sheet) string {
	var b strings.Builder
	for _, sh := range sheets {
		if a := sh.Advisor; a != nil {
			if miss := report.Unprintable(a.Name, a.Department, a.Supervisor); len(miss) > 0 {
				b.WriteString("\n" + tr("print.replaced", "Who", a.EmpNo+" "+a.Name, "Chars", string(miss)))
			}
		}
	}
	return b.String()
}

func (s *appraisalScreen) meta() report.Meta {
	company, _ := s.u.store.Setting(settingCompany)
	return report.Meta{Lang: s.u.lang, Company: company, Date: s.u.store.Today()}
}

func (s *appraisalScreen) askPrintAll() {
	if s.data == nil {
		return
	}
	d := s.data
	s.saveTo(fileName(d.Cycle.Name, "appraisal")+".pdf", ".pdf", tr("appraisal.print_all"),
		func(ctx context.Context, w io.Writer) (string, error) {
			sheets := s.sheets(d)
			if err := report.AppraisalSheets(w, sheets, s.meta()); err != nil {
				return "", err
			}
			return tr("appraisal.printed", "N", i18n.Count(len(sheets)), "Path", "{{path}}") + replacedNote(sheets), nil
		})
}

func (s *appraisalScreen) askPrintOne() {
	a, ok := s.needParticipant()
	if !ok {
		return
	}
	d := s.data
	s.saveTo(report.FormNo(d.Cycle, a)+".pdf", ".pdf", tr("appraisal.print_one"),
		func(ctx context.Context, w io.Writer) (string, error) {
			for _, sh := range s.sheets(d) {
				if sh.Advisor.ID == a.ID {
					return tr("appraisal.printed", "N", 1, "Path", "{{path}}") + replacedNote([]report.Sheet{sh}),
						report.AppraisalSheets(w, []report.Sheet{sh}, s.meta())
				}
			}
			return "", nil
		})
}

// askPrintFiles prints one file per participant into a chosen folder, with
// a progress bar and Cancel.
func (s *appraisalScreen) askPrintFiles() {
	if s.data == nil {
		return
	}
	d := s.data
	dialog.ShowFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil {
			s.u.showError(err)
		}
		if dir == nil {
			return
		}
		s.printFiles(d, uriPath(dir))
	}, s.u.win)
}

func (s *appraisalScreen) printFiles(d *model.CycleData, dir string) {
	s.u.longJob(tr("appraisal.print_files"), func(ctx context.Context, progress func(float64)) (string, error) {
		m := s.meta() // reads the company name: off the UI thread
		sheets := s.sheets(d)
		done := 0
		err := report.EachSheet(ctx, sheets, m, runtime.NumCPU(), func(i int, pdf []byte) error {
			if err := os.WriteFile(filepath.Join(dir, sheets[i].FormNo+".pdf"), pdf, 0o644); err != nil {
				return err
			}
			done++
			progress(float64(done) / float64(len(sheets)))
			return nil
		})
		return tr("appraisal.printed", "N", i18n.Count(done), "Path", dir) + replacedNote(sheets[:done]), err
	}, nil)
}

func (s *appraisalScreen) askExport() {
	if s.data == nil {
		return
	}
	d, l := s.data, s.u.labels()
	s.saveTo(fileName(d.Cycle.Name, "appraisal")+".xlsx", ".xlsx", tr("appraisal.export"),
		func(ctx context.Context, w io.Writer) (string, error) {
			return tr("export.done", "N", i18n.Count(len(d.Cycle.Participants)), "Path", "{{path}}"), exchange.AppraisalXLSX(w, l, d)
		})
}

func (s *appraisalScreen) askBlank() {
	var t *model.Template
	if s.data != nil {
		t = s.data.Template
	} else if len(s.templates) > 0 {
		t = s.templates[len(s.templates)-1]
	}
	if t == nil {
		return
	}
	s.saveTo("appraisal-blank.pdf", ".pdf", tr("appraisal.print_blank"), func(ctx context.Context, w io.Writer) (string, error) {
		return tr("appraisal.blank_printed", "Path", "{{path}}"), report.AppraisalSheets(w, []report.Sheet{{Template: t}}, s.meta())
	})
}

// askCustomerForms prints serial-numbered customer forms for the selected
// participant; the serials are reserved in the file as they print.
func (s *appraisalScreen) askCustomerForms() {
	a, ok := s.needParticipant()
	if !ok {
		return
	}
	t := s.data.Template
	count := newEntry(s.u)
	count.SetText("10")
	dialog.ShowCustomConfirm(tr("appraisal.customer_forms"), tr("action.confirm"), tr("action.cancel"),
		widget.NewForm(widget.NewFormItem(tr("appraisal.count_forms"), count)), func(ok bool) {
			if !ok {
				return
			}
			n, err := strconv.Atoi(strings.TrimSpace(count.Text))
			if err != nil || n < 1 || n > 1000 {
				s.u.showError(model.FieldErrors{{Field: "count", Code: model.CodeRange, Arg: "1–1000"}})
				return
			}
			s.saveTo("customer-forms-"+a.EmpNo+".pdf", ".pdf", tr("appraisal.customer_forms"),
				func(ctx context.Context, w io.Writer) (string, error) {
					serials, err := s.u.store.NextSerials(n)
					if err != nil {
						return "", err
					}
					forms := make([]report.CustomerForm, n)
					for i := range forms {
						forms[i] = report.CustomerForm{Serial: serials[i], Advisor: a, Template: t}
					}
					return tr("appraisal.forms_printed", "N", n, "Path", "{{path}}"), report.CustomerForms(w, forms, s.meta())
				})
		}, s.u.win)
}
