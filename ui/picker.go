package ui

import (
	"slices"

	"advisordesk/i18n"
	"advisordesk/model"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// participantPicker chooses a cycle's participants by hand. It is the
// roster's list view (search as you type, header sort, paging) with a tick
// column, so it builds one page of rows whatever the size of the office;
// a tap on a row ticks or unticks it. The ticks are a set kept apart from
// the page, so they survive paging and searching.
type participantPicker struct {
	u      *App
	list   *listView[model.Advisor]
	chosen map[uint64]bool
	count  *widget.Label
	dlg    dialog.Dialog
}

func newParticipantPicker(u *App, chosen []uint64, done func([]uint64)) *participantPicker {
	p := &participantPicker{u: u, chosen: make(map[uint64]bool, len(chosen))}
	for _, id := range chosen {
		p.chosen[id] = true
	}
	text := func(f func(*model.Advisor) string) func(*model.Advisor) string { return f }
	cols := []column[model.Advisor]{
		{"chosen", 48, text(func(a *model.Advisor) string {
			if p.chosen[a.ID] {
				return "✓"
			}
			return ""
		})},
		{model.FieldEmpNo, 90, text(func(a *model.Advisor) string { return a.EmpNo })},
		{model.FieldName, 100, text(func(a *model.Advisor) string { return a.Name })},
		{model.FieldDepartment, 120, text(func(a *model.Advisor) string { return a.Department })},
		{model.FieldStatus, 70, text(func(a *model.Advisor) string { return tr("status." + string(a.Status)) })},
	}
	p.list = newListView(u, cols, u.store.FindAdvisors, func(a *model.Advisor) uint64 { return a.ID }, p.toggle)
	p.list.q.Sort = model.FieldEmpNo
	p.list.compact = true
	p.list.opensNoForm = true // ticking must not ask about the cycle form behind the dialog
	p.count = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.showCount()
	p.dlg = dialog.NewCustomConfirm(tr("appraisal.choose"), tr("action.confirm"), tr("action.cancel"),
		container.NewBorder(p.count, nil, nil, nil, p.list.content()), func(ok bool) {
			if ok {
				done(p.ids())
			}
		}, u.win)
	p.dlg.Resize(fyne.NewSize(560, 600))
	// While it is open, Esc cancels it and the screen's Ctrl+S (which would
	// save the cycle behind it) waits.
	u.dialogKeys(p.dlg, map[string]func(){keyEscape: p.dlg.Hide})
	return p
}

// toggle ticks or unticks the tapped advisor, then drops the table's
// selection so that a second tap on the same row unticks it again.
func (p *participantPicker) toggle(a *model.Advisor) {
	if p.chosen[a.ID] {
		delete(p.chosen, a.ID)
	} else {
		p.chosen[a.ID] = true
	}
	p.list.selected = 0
	p.list.table.UnselectAll()
	p.list.table.Refresh()
	p.showCount()
}

func (p *participantPicker) showCount() {
	p.count.SetText(tr("appraisal.participants_n", "N", i18n.Count(len(p.chosen))))
}

// ids is the ticked advisors in the cycle's order (sorted by id).
func (p *participantPicker) ids() []uint64 {
	out := make([]uint64, 0, len(p.chosen))
	for id := range p.chosen {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}

// advisorPicker chooses one advisor, for a reference such as the
// supervisor: the roster's list view (search by name, number or pinyin,
// sort, paging) in a listPicker.
type advisorPicker = listPicker[model.Advisor]

func newAdvisorPicker(u *App, done func(id uint64, name string)) *advisorPicker {
	text := func(f func(*model.Advisor) string) func(*model.Advisor) string { return f }
	cols := []column[model.Advisor]{
		{model.FieldEmpNo, 90, text(func(a *model.Advisor) string { return a.EmpNo })},
		{model.FieldName, 100, text(func(a *model.Advisor) string { return a.Name })},
		{model.FieldDepartment, 120, text(func(a *model.Advisor) string { return a.Department })},
		{model.FieldStatus, 70, text(func(a *model.Advisor) string { return tr("status." + string(a.Status)) })},
	}
	list := newListView(u, cols, u.store.FindAdvisors, func(a *model.Advisor) uint64 { return a.ID }, nil)
	list.q.Sort = model.FieldEmpNo
	return newListPicker(u, tr("ref.choose_advisor"), 560, list, func(a *model.Advisor) { done(a.ID, a.Name) })
}
