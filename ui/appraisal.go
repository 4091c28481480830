package ui

import (
	"fmt"
	"slices"

	"advisordesk/model"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// appraisalScreen is chapter 5 (绩效考核): cycles on the left; on the right
// the chosen cycle in two tabs, its results (resultsPanel) and its settings
// (cycleForm). It holds what both tabs and the dialogs opened from them
// share: the open cycle, the templates and the roster.
type appraisalScreen struct {
	u      *App
	list   *listView[model.Cycle]
	status *widget.Label

	data      *model.CycleData // the cycle open on the right; nil when none
	templates []*model.Template
	roster    []*model.Advisor
	// The latest request of each kind: an older answer is dropped.
	opens, templateLoads, rosterLoads latest

	cycle   *cycleForm
	results *resultsPanel

	templateEditor *templateEditor // the open template editor, for tests

	panel   *fyne.Container
	hint    fyne.CanvasObject
	body    fyne.CanvasObject
	loading fyne.CanvasObject           // the panel while a cycle loads
	busy    *widget.ProgressBarInfinite // above the body while it reloads
	tabs    *container.AppTabs
	title   *widget.Label
}

func newAppraisalScreen(u *App) *appraisalScreen {
	s := &appraisalScreen{u: u}
	s.list = newListView(u, recordColumns(model.CycleRecord), u.store.FindCycles, func(c *model.Cycle) uint64 { return c.ID }, func(c *model.Cycle) { s.open(c.ID) })
	s.list.table.StickyColumnCount = 1
	s.list.q.Sort, s.list.q.Desc = model.FieldStart, true
	s.list.searchKey, s.list.countKey, s.list.emptyKey = "search.cycles", "list.count_cycles", "list.empty_cycles"
	s.list.compact = true // the cycle list sits beside the results
	s.status = widget.NewLabel("")
	s.status.Importance = widget.SuccessImportance
	s.results = newResultsPanel(s)
	s.cycle = newCycleForm(s)
	s.tabs = container.NewAppTabs(container.NewTabItem(tr("appraisal.tab_results"), s.results.content()),
		container.NewTabItem(tr("appraisal.tab_cycle"), s.cycle.content()))
	s.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.busy = widget.NewProgressBarInfinite()
	s.busy.Hide()
	s.body = container.NewBorder(container.NewVBox(s.title, s.busy), nil, nil, nil, s.tabs)
	s.loading = container.NewVBox(widget.NewLabel(tr("appraisal.loading")), widget.NewProgressBarInfinite())
	s.hint = hintPanel("appraisal.select_cycle")
	if !u.can(model.PermRunAppraisal) { // cycles are HR's to create
		s.list.emptyKey = "list.empty_cycles_view"
		s.hint = hintPanel("appraisal.select_cycle_view")
	}
	s.panel = container.NewStack(s.hint)
	return s
}

func (s *appraisalScreen) content() fyne.CanvasObject {
	newCycle := s.newCycle
	if !s.u.can(model.PermRunAppraisal) {
		newCycle = nil // Ctrl+N would open a form the store refuses to save
	}
	s.list.bindKeys(newCycle, s.cycle.save, nil)
	s.u.editor = s.cycle
	newBtn := widget.NewButtonWithIcon(tr("appraisal.new_cycle"), theme.ContentAddIcon(), s.newCycle)
	newBtn.Importance = widget.HighImportance
	blank := widget.NewButtonWithIcon(tr("appraisal.print_blank"), theme.DocumentIcon(), s.askBlank)
	forms := widget.NewButtonWithIcon(tr("appraisal.customer_forms"), theme.MailComposeIcon(), s.results.askCustomerForms)
	templates := widget.NewButtonWithIcon(tr("template.open"), theme.SettingsIcon(), s.editTemplates)
	// Cycles and templates are HR's; customer forms carry names and are
	// printed for those who evaluate; a blank sheet is anyone's.
	bar := container.NewHBox(blank, s.status)
	if s.u.can(model.PermEvaluateTeam) || s.u.can(model.PermRunAppraisal) {
		bar.Objects = append([]fyne.CanvasObject{forms}, bar.Objects...)
	}
	if s.u.can(model.PermRunAppraisal) {
		bar.Objects = append([]fyne.CanvasObject{newBtn, templates}, bar.Objects...)
	}
	split := container.NewHSplit(s.list.content(), container.NewPadded(s.panel))
	split.Offset = 0.3
	s.roster = nil // the roster may have changed on its own screen: read it again
	s.list.reload()
	s.loadTemplates()
	return container.NewBorder(container.NewPadded(bar), nil, nil, nil, split)
}

func (s *appraisalScreen) loadTemplates() {
	var ts []*model.Template
	s.u.load(&s.templateLoads, func() (err error) {
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
		s.cycle.showTemplates()
	})
}

// templateNames are the templates as the choices show them.
func (s *appraisalScreen) templateNames() []string {
	var names []string
	for _, t := range s.templates {
		names = append(names, fmt.Sprintf("%s (v%d)", t.Name, t.Version))
	}
	return names
}

func (s *appraisalScreen) newCycle() { s.u.leave(s.openNewCycle, nil) }

func (s *appraisalScreen) openNewCycle() {
	start, end := model.PeriodDates(model.Quarterly, s.u.store.Today())
	c := &model.Cycle{Period: model.Quarterly, Start: start, End: end, Stage: model.Draft}
	if len(s.templates) > 0 {
		c.TemplateID = s.templates[len(s.templates)-1].ID
	}
	s.opens.forget() // a cycle still loading must not replace the new form
	s.data = nil
	s.results.clear()
	s.list.selected = 0
	s.list.showSelected()
	s.cycle.edit(c)
	s.showBody()
	s.tabs.SelectIndex(1)
	s.u.win.Canvas().Focus(s.cycle.name)
}

// open loads a cycle from the list off the UI thread. Until it is in, a
// progress bar shows (in place of another cycle, or above the same one when
// it is reloaded after a save); an answer that a later open has replaced is
// dropped, so a slow load never overwrites the cycle chosen after it.
func (s *appraisalScreen) open(id uint64) {
	if s.data != nil && s.data.Cycle.ID == id && s.panel.Objects[0] == s.body {
		s.busy.Show()
	} else {
		s.panel.Objects = []fyne.CanvasObject{s.loading}
		s.panel.Refresh()
	}
	var d *model.CycleData
	roster := s.roster // read once per visit of the screen: see content
	s.u.load(&s.opens, func() (err error) {
		if d, err = s.u.store.LoadCycle(id); err != nil {
			return err
		}
		if roster == nil {
			roster, err = s.u.store.AdvisorsByEmpNo()
		}
		return err
	}, func(err error) {
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
		s.cycle.groupsFrom(roster)
		cp := *d.Cycle
		cp.Participants = slices.Clone(d.Cycle.Participants)
		s.cycle.edit(&cp)
		s.showBody()
		s.results.show(d)
	})
}

// showBody puts the open cycle's tabs in place of the hint or the loading bar.
func (s *appraisalScreen) showBody() {
	s.panel.Objects = []fyne.CanvasObject{s.body}
	s.panel.Refresh()
}

// loadRoster reads the roster for a new cycle's participant groups.
func (s *appraisalScreen) loadRoster() {
	var roster []*model.Advisor
	s.u.load(&s.rosterLoads, func() (err error) {
		roster, err = s.u.store.AdvisorsByEmpNo()
		return err
	}, func(err error) {
		if err == nil {
			s.roster = roster
			s.cycle.groupsFrom(roster)
		}
	})
}
