package ui

import (
	"bytes"
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"advisordesk/i18n"
	"advisordesk/model"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// resultsPanel is the appraisal screen's "results" tab: the open cycle's
// participants ranked, the grade distribution, the chosen participant's
// history, and what can be done for them (forms, outcome, prints).
type resultsPanel struct {
	a          *appraisalScreen
	all        []model.Ranked   // every participant's result, ranked
	ranked     []model.Ranked   // the rows shown: filtered by find, sorted by sortCol
	rankedOf   *model.CycleData // the cycle ranked was made from: the table reads both, never a.data
	sortCol    int
	sortDesc   bool
	selected   uint64          // the participant chosen in the results
	evaluation *evaluationForm // the open evaluation dialog, for tests
	histories  latest          // the history last asked for

	table       *widget.Table
	find        *entry
	chart       *fyne.Container
	history     *widget.Label
	provisional *widget.Check // print unfinished sheets with a provisional total and grade
}

// resultHeads are the results table's columns: rank, participant, total,
// grade, forms in.
var resultHeads = []string{"appraisal.rank", "appraisal.col_empno", "field.name", "sheet.total", "sheet.grade", "appraisal.forms"}

func newResultsPanel(a *appraisalScreen) *resultsPanel {
	p := &resultsPanel{a: a}
	p.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(p.ranked), len(resultHeads) },
		newRowCell,
		func(id widget.TableCellID, o fyne.CanvasObject) {
			sel := id.Row < len(p.ranked) && p.selected != 0 && p.ranked[id.Row].AdvisorID == p.selected
			setRowCell(o, p.resultCell(id.Row, id.Col), sel)
		})
	p.table.ShowHeaderColumn = false
	p.table.CreateHeader = newSortHeader
	p.table.UpdateHeader = p.updateHeader
	for i, w := range []float32{44, 76, 84, 64, 110, 150} {
		head := fyne.MeasureText(tr(resultHeads[i]), theme.TextSize(), fyne.TextStyle{Bold: true}).Width
		p.table.SetColumnWidth(i, max(w, head+3*theme.Padding()+theme.IconInlineSize()))
	}
	p.table.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(p.ranked) {
			p.selected = p.ranked[id.Row].AdvisorID
			p.table.Refresh() // the whole row shows as selected
			p.showHistory()
		}
	}
	p.find = newEntry(a.u)
	p.find.SetPlaceHolder(tr("search.participants"))
	p.find.OnChanged = func(string) { p.applyView() }
	p.chart = container.NewVBox()
	p.history = widget.NewLabel("")
	p.history.Wrapping = fyne.TextWrapWord
	p.provisional = widget.NewCheck(tr("appraisal.provisional"), nil)
	return p
}

// updateHeader draws a column head that sorts by its column when tapped.
func (p *resultsPanel) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	if id.Col < 0 {
		return
	}
	col := id.Col
	setSortHeader(o, tr(resultHeads[col]), col == p.sortCol, p.sortDesc, func() {
		if col == p.sortCol {
			p.sortDesc = !p.sortDesc
		} else {
			p.sortCol, p.sortDesc = col, false
		}
		p.applyView()
	})
}

func (p *resultsPanel) content() fyne.CanvasObject {
	evaluate := widget.NewButtonWithIcon(tr("appraisal.evaluate"), theme.DocumentCreateIcon(), p.evaluateSelected)
	evaluate.Importance = widget.HighImportance
	outcome := widget.NewButtonWithIcon(tr("appraisal.outcome"), theme.ConfirmIcon(), p.outcomeSelected)
	printAll := widget.NewButtonWithIcon(tr("appraisal.print_all"), theme.DocumentPrintIcon(), p.askPrintAll)
	printFiles := widget.NewButtonWithIcon(tr("appraisal.print_files"), theme.FolderOpenIcon(), p.askPrintFiles)
	printOne := widget.NewButtonWithIcon(tr("appraisal.print_one"), theme.DocumentPrintIcon(), p.askPrintOne)
	export := widget.NewButtonWithIcon(tr("appraisal.export"), theme.DownloadIcon(), p.askExport)
	// Only what the person may do is offered; the store decides each save.
	acts := []fyne.CanvasObject{evaluate}
	if p.a.u.can(model.PermRunAppraisal) {
		acts = append(acts, outcome)
	}
	if p.a.u.can(model.PermExportPersonal) {
		acts = append(acts, printOne, printAll, printFiles, export)
	}
	actions := container.NewGridWithColumns(3, acts...)
	bold := func(key string) fyne.CanvasObject {
		return widget.NewLabelWithStyle(tr(key), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	side := container.NewVBox(bold("appraisal.distribution"), p.chart, widget.NewSeparator(), bold("appraisal.history"), p.history)
	legend := widget.NewLabel(tr("appraisal.legend"))
	legend.SizeName = theme.SizeNameCaptionText
	legend.Wrapping = fyne.TextWrapWord
	return container.NewBorder(p.find, container.NewVBox(legend, p.provisional, actions), nil,
		container.NewPadded(container.NewGridWrap(fyne.NewSize(190, 10), side)), p.table)
}

// clear forgets the results of the cycle that was open (a new cycle has none).
func (p *resultsPanel) clear() {
	p.all, p.ranked, p.rankedOf, p.selected = nil, nil, nil, 0
}

// resultCell is one cell of the results table.
func (p *resultsPanel) resultCell(row, col int) string {
	// The rows and the cycle they index were made together: a table refresh
	// between opening a cycle and ranking it must not mix the two.
	d := p.rankedOf
	if row >= len(p.ranked) || d == nil {
		return ""
	}
	r := p.ranked[row]
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
		return p.a.u.gradeText(r.Result.Grade)
	}
	return ""
}

// gradeText is a grade's code and its name in the window's language.
func (u *App) gradeText(g model.GradeBand) string {
	label := g.Label
	if u.lang == langEn && g.LabelEn != "" {
		label = g.LabelEn
	}
	return g.Code + " " + label
}

// applyView filters the results by what was typed (employee number or
// name) and sorts them by the chosen column.
func (p *resultsPanel) applyView() {
	d := p.a.data
	if d == nil {
		return
	}
	text := strings.ToLower(strings.TrimSpace(p.find.Text))
	var rows []model.Ranked
	for _, r := range p.all {
		a := d.Advisors[r.AdvisorID]
		if text == "" || strings.Contains(strings.ToLower(a.EmpNo+" "+a.Name), text) {
			rows = append(rows, r)
		}
	}
	// Text columns sort as a Chinese reader expects: names by pinyin.
	keys := map[uint64][]byte{}
	if p.sortCol == 1 || p.sortCol == 2 || p.sortCol == 4 {
		coll := collate.New(language.SimplifiedChinese, collate.Numeric, collate.IgnoreCase)
		var buf collate.Buffer
		for _, r := range rows {
			a := d.Advisors[r.AdvisorID]
			text := map[int]string{1: a.EmpNo, 2: a.Name, 4: r.Result.Grade.Code}[p.sortCol]
			keys[r.AdvisorID] = append([]byte(nil), coll.KeyFromString(&buf, text)...)
			buf.Reset()
		}
	}
	slices.SortStableFunc(rows, func(a, b model.Ranked) int {
		c := cmp.Compare(rankKey(a), rankKey(b))
		if len(keys) > 0 {
			c = bytes.Compare(keys[a.AdvisorID], keys[b.AdvisorID])
		}
		if p.sortDesc {
			c = -c
		}
		return c
	})
	p.ranked, p.rankedOf = rows, d
	p.table.Refresh()
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

// show ranks the cycle just opened and draws its results.
func (p *resultsPanel) show(d *model.CycleData) {
	p.all = d.Results()
	p.applyView()
	p.table.Refresh()
	p.table.UnselectAll()
	for i, r := range p.ranked {
		if r.AdvisorID == p.selected {
			p.table.Select(widget.TableCellID{Row: i, Col: 0})
		}
	}
	// The grade distribution as horizontal bars.
	p.chart.Objects = nil
	counts := model.Distribution(d.Template, p.all)
	most := 1
	for _, c := range counts {
		most = max(most, c)
	}
	for i, g := range d.Template.Grades {
		bar := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
		bar.SetMinSize(fyne.NewSize(float32(130*counts[i]/most)+2, 14))
		label := widget.NewLabel(g.Code + "  " + i18n.Count(counts[i]))
		p.chart.Add(container.NewBorder(nil, nil, label, nil, container.NewHBox(bar, layout.NewSpacer())))
	}
	p.chart.Refresh()
	p.showHistory()
}

// showHistory lists the selected advisor's totals across cycles.
func (p *resultsPanel) showHistory() {
	id := p.selected
	if id == 0 {
		p.histories.forget()
		p.history.SetText(tr("appraisal.select_participant"))
		return
	}
	var lines []string
	u := p.a.u
	u.load(&p.histories, func() error {
		h, err := u.store.AdvisorHistory(id)
		lines = historyLines(h)
		return err
	}, func(err error) {
		if err != nil {
			u.showError(err)
			return
		}
		p.history.SetText(strings.Join(lines, "\n"))
	})
}

// historyLines are an advisor's cycles, one line each, with the trend from
// the cycle before.
func historyLines(h []model.HistoryPoint) []string {
	var lines []string
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
	return lines
}

// needParticipant is the participant chosen in the results; without one
// it says that one must be chosen first.
func (p *resultsPanel) needParticipant() (*model.Advisor, bool) {
	if p.a.data == nil || p.selected == 0 {
		p.a.u.info(tr("nav.appraisal"), tr("appraisal.select_participant"))
		return nil, false
	}
	return p.a.data.Advisors[p.selected], true
}

func (p *resultsPanel) evaluateSelected() {
	a, ok := p.needParticipant()
	if !ok {
		return
	}
	p.evaluation = newEvaluationForm(p.a, a)
}

func (p *resultsPanel) outcomeSelected() {
	a, ok := p.needParticipant()
	if !ok {
		return
	}
	newOutcomeDialog(p.a, a)
}
