package ui

import (
	"slices"
	"strconv"
	"strings"

	"advisordesk/model"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Actions is what the follow-ups screen's "Actions for me" asks of the
// store: the actions calls asked of the signed-in person and nobody has
// marked done, and marking one done.
type Actions interface {
	ActionsFor() ([]*model.FollowUp, error)
	MarkActionDone(id uint64) error
}

// actionsView is the follow-ups screen's second view: what calls asked
// the person to do about a customer's problem — the problem, who recorded
// it, by when — overdue after the act-by day as it is read, until someone
// marks it done. A row chosen shows the call whole beside the list.
type actionsView struct {
	u      *App
	list   *listView[model.FollowUp]
	cols   []column[model.FollowUp]
	box    *fyne.Container
	split  *container.Split
	panel  *fyne.Container
	title  *widget.Label
	about  *widget.Label
	status *widget.Label
	done   *widget.Button
	open   *model.FollowUp
}

func newActionsView(u *App) *actionsView {
	a := &actionsView{u: u}
	today := func() model.Date { return u.store.Today() }
	a.cols = []column[model.FollowUp]{
		{"action_state", 90, func(f *model.FollowUp) string { return tr("action.state." + string(f.ActionState(today()))) }},
		{model.FieldActBy, 96, func(f *model.FollowUp) string { return string(f.ActBy) }},
		{model.FieldFUCustomer, 80, func(f *model.FollowUp) string { return f.Customer }},
		{model.FieldPhone, 120, func(f *model.FollowUp) string { return f.Phone }},
		{model.FieldProblem, 220, func(f *model.FollowUp) string { return f.Problem }},
		{model.FieldFUDone, 96, func(f *model.FollowUp) string { return string(f.Done) }},
	}
	a.list = newListView(u, a.cols, a.find, func(f *model.FollowUp) uint64 { return f.ID }, a.show)
	a.list.searchKey, a.list.countKey, a.list.emptyKey = "records.search", "records.count", "action.list_empty"
	a.list.opensNoForm = true // the panel only reads; nothing typed is lost
	a.list.q.Sort = model.FieldActBy
	a.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	a.title.Truncation = fyne.TextTruncateEllipsis
	a.about = widget.NewLabel("")
	a.about.Wrapping = fyne.TextWrapWord
	a.status = widget.NewLabel(tr("action.select_hint"))
	a.status.Importance = widget.LowImportance
	a.status.Truncation = fyne.TextTruncateEllipsis
	a.done = widget.NewButtonWithIcon(tr("action.mark_done"), theme.ConfirmIcon(), a.markDone)
	a.done.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(tr("action.cancel"), theme.CancelIcon(), a.close)
	a.panel = container.NewPadded(container.NewBorder(container.NewVBox(a.title, widget.NewSeparator()),
		container.NewVBox(widget.NewSeparator(), container.NewHBox(a.done, cancel)), nil, nil,
		container.NewVScroll(a.about)))
	a.panel.Hide()
	a.split = container.NewHSplit(a.list.content(), a.panel)
	a.split.Offset = 0.64
	a.box = container.NewBorder(container.NewPadded(a.status), nil, nil, nil, a.split)
	return a
}

// find answers a page of the person's actions: read whole through the
// store's index (a person has a handful), then searched, sorted, paged.
func (a *actionsView) find(q model.ListQuery) ([]*model.FollowUp, int, error) {
	all, err := a.u.store.ActionsFor()
	if err != nil {
		return nil, 0, err
	}
	text := strings.ToLower(strings.TrimSpace(q.Text))
	var rows []*model.FollowUp
	for _, f := range all {
		if text == "" || strings.Contains(strings.ToLower(f.Customer+" "+f.Phone+" "+f.Problem), text) {
			rows = append(rows, f)
		}
	}
	if col := slices.IndexFunc(a.cols, func(c column[model.FollowUp]) bool { return c.key == q.Sort }); col >= 0 {
		slices.SortStableFunc(rows, func(x, y *model.FollowUp) int {
			s, t := a.cols[col].text(x), a.cols[col].text(y)
			if q.Desc {
				s, t = t, s
			}
			return strings.Compare(s, t)
		})
	}
	total := len(rows)
	rows = rows[min(q.Offset, total):]
	if q.Limit > 0 && len(rows) > q.Limit {
		rows = rows[:q.Limit]
	}
	return rows, total, nil
}

// show opens an action beside the list: the call and the problem whole.
func (a *actionsView) show(f *model.FollowUp) {
	a.open = f
	a.title.SetText(tr("followup.form_title", "Name", f.Customer, "Phone", f.Phone))
	by := string(f.ActBy)
	if by == "" {
		by = tr("action.none_by")
	}
	score := "—"
	if f.Satisfaction > 0 {
		score = strconv.FormatFloat(f.Satisfaction, 'f', -1, 64)
	}
	a.about.SetText(tr("action.about", "Done", string(f.Done), "Score", score,
		"Problem", orDash(f.Problem), "Actor", f.Actor, "By", by,
		"State", tr("action.state."+string(f.ActionState(a.u.store.Today())))))
	a.panel.Show()
	a.split.Refresh()
}

func (a *actionsView) close() {
	a.open = nil
	a.list.selected = 0
	a.list.showSelected()
	a.panel.Hide()
	a.split.Refresh()
}

// markDone records the action taken, today, by the signed-in person.
func (a *actionsView) markDone() {
	f := a.open
	if f == nil {
		return
	}
	a.u.background(func() error { return a.u.store.MarkActionDone(f.ID) }, func(err error) {
		if err != nil {
			a.u.showError(err)
			return
		}
		a.status.SetText(tr("action.marked", "Name", f.Customer))
		a.status.Importance = widget.SuccessImportance
		a.status.Refresh()
		a.close()
		a.list.reload()
	})
}

// viewChoice switches the follow-ups screen between its calls and the
// person's actions (s's call form asks first about unsaved typing).
func (a *actionsView) viewChoice(s *followUpsScreen) *choice[string] {
	c := newChoice([]string{"calls", "actions"}, "followup.view.")
	c.set("calls")
	a.box.Hide()
	shown := "calls"
	c.OnChanged = func(v string) {
		if v == shown {
			return
		}
		s.u.leave(func() {
			shown = v
			s.close()
			a.apply(s, v)
		}, func() { c.set(shown) })
	}
	return c
}

// apply shows view v of s ("calls" or "actions"), once s is laid out.
func (a *actionsView) apply(s *followUpsScreen, v string) {
	if s.split == nil {
		return
	}
	if v == "actions" {
		s.split.Hide()
		a.box.Show()
		a.list.reload()
		return
	}
	a.box.Hide()
	s.split.Show()
}
