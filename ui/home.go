package ui

import (
	"advisordesk/i18n"

	"advisordesk/model"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// homeScreen greets the user with what waits for them — calls and
// complaints, each count a button to the list it counts — and the office
// at a glance.
type homeScreen struct {
	u                          *App
	total, active, leave, left *widget.Label
	company                    *widget.Label
	counts                     latest
	work                       latest
	items                      []*workItem
	workTitle                  *widget.Label
}

// workItem is one count of the person's work: a button that reads as calm
// text at zero and stands out otherwise, and opens the list it counts.
type workItem struct {
	key    string // the label's translation key
	urgent bool   // late work: the error colour, not the primary one
	count  func(model.WorkCounts) int
	open   func(model.WorkCounts)
	btn    *widget.Button
	n      model.WorkCounts // as last counted
}

func newHomeScreen(u *App) *homeScreen {
	big := func() *widget.Label {
		l := widget.NewLabelWithStyle("–", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
		l.SizeName = theme.SizeNameHeadingText
		return l
	}
	h := &homeScreen{u: u, total: big(), active: big(), leave: big(), left: big(),
		company: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})}
	h.workItems()
	return h
}

// workItems are the counts Home shows the person by their role: an
// advisor's own calls and complaints; a supervisor's team's, and what was
// escalated to her; HR's, what reached HR and what runs late office-wide.
func (h *homeScreen) workItems() {
	calls := func(key, only string, urgent bool, count func(model.WorkCounts) int) *workItem {
		return &workItem{key: key, urgent: urgent, count: count, open: func(n model.WorkCounts) {
			q := n.Calls
			q.Only = only
			h.u.openTab("process.followups", func() { h.u.process.followups.showOnly(q) })
		}}
	}
	complaints := func(key, flag string, urgent bool, count func(model.WorkCounts) int) *workItem {
		return &workItem{key: key, urgent: urgent, count: count, open: func(model.WorkCounts) {
			h.u.openTab("process.complaints", func() { h.u.process.complaint.showFlag(flag) })
		}}
	}
	due := calls("home.calls_due", model.DueToday, false, func(n model.WorkCounts) int { return n.CallsDue })
	past := calls("home.calls_past", model.DuePast, true, func(n model.WorkCounts) int { return n.CallsPast })
	open := complaints("home.complaints_open", model.FlagOpen, false, func(n model.WorkCounts) int { return n.Open })
	overdue := complaints("home.complaints_overdue", model.FlagOverdue, true, func(n model.WorkCounts) int { return n.Overdue })
	up := complaints("home.complaints_up", model.FlagUp, true, func(n model.WorkCounts) int { return n.Up })
	hr := complaints("home.complaints_hr", model.FlagEscalated, true, func(n model.WorkCounts) int { return n.Escalated })
	// What calls asked of the person: everyone with an advisor record.
	actions := &workItem{key: "home.actions", count: func(n model.WorkCounts) int { return n.Actions }, open: func(model.WorkCounts) {
		h.u.openTab("process.followups", func() { h.u.process.followups.showActions() })
	}}
	role := h.u.store.Who().Role
	switch role {
	case model.RoleHR:
		h.items = []*workItem{hr, overdue, past}
		overdue.key, past.key = "home.office_overdue", "home.office_calls_past"
	case model.RoleSupervisor:
		h.items = []*workItem{up, overdue, open, past, due}
		overdue.key, open.key, past.key, due.key = "home.team_overdue", "home.team_open", "home.team_calls_past", "home.team_calls_due"
	default:
		h.items = []*workItem{due, past, open, overdue}
	}
	if h.u.store.Who().Advisor != 0 {
		h.items = append(h.items, actions)
	}
	h.workTitle = widget.NewLabelWithStyle(tr("home.work."+string(role)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	for _, it := range h.items {
		it.btn = widget.NewButton(tr(it.key, "N", "–"), func() { it.open(it.n) })
		it.btn.Importance = widget.LowImportance
		it.btn.Alignment = widget.ButtonAlignLeading
	}
}

// show puts a count on its button: zero as calm text, otherwise in the
// error colour for late work and the primary colour for the rest.
func (it *workItem) show(n model.WorkCounts) {
	it.n = n
	c := it.count(n)
	it.btn.SetText(trN(it.key, c))
	it.btn.Importance = widget.LowImportance
	switch {
	case c > 0 && it.urgent:
		it.btn.Importance = widget.DangerImportance
	case c > 0:
		it.btn.Importance = widget.HighImportance
	}
	it.btn.Refresh()
}

func (h *homeScreen) content() fyne.CanvasObject {
	title := widget.NewLabelWithStyle(tr("home.welcome"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	card := func(key string, value *widget.Label) fyne.CanvasObject {
		return widget.NewCard("", "", container.NewVBox(value, widget.NewLabelWithStyle(tr(key), fyne.TextAlignCenter, fyne.TextStyle{})))
	}
	stats := container.NewGridWithColumns(4, card("home.advisors", h.total), card("home.active", h.active),
		card("home.onleave", h.leave), card("home.left", h.left))
	open := widget.NewButtonWithIcon(tr("home.open_roster"), theme.AccountIcon(), func() { h.u.Open(pageRoster) })
	open.Importance = widget.HighImportance
	file := widget.NewLabel(tr("home.file") + tr("sep.colon") + h.u.store.Path())
	file.Wrapping = fyne.TextWrapBreak
	work := container.NewGridWithColumns(3)
	for _, it := range h.items {
		work.Add(it.btn)
	}
	return container.NewPadded(container.NewVBox(title, h.company, widget.NewSeparator(), h.workTitle, work,
		widget.NewSeparator(), stats, container.NewHBox(open), layoutSpacer(), file))
}

func layoutSpacer() fyne.CanvasObject { return widget.NewLabel("") }

// refresh counts the person's work and the roster off the UI thread, each
// time Home is shown.
func (h *homeScreen) refresh() {
	var work model.WorkCounts
	h.u.load(&h.work, func() (err error) {
		work, err = h.u.store.WorkCounts()
		return err
	}, func(err error) {
		if err != nil {
			h.u.showError(err)
			return
		}
		for _, it := range h.items {
			it.show(work)
		}
	})
	var counts map[model.Status]int
	var company string
	h.u.load(&h.counts, func() (err error) {
		if company, err = h.u.store.Setting(settingCompany); err != nil {
			return err
		}
		counts, err = h.u.store.StatusCounts()
		return err
	}, func(err error) {
		if err != nil {
			h.u.showError(err)
			return
		}
		n := 0
		for _, c := range counts {
			n += c
		}
		h.total.SetText(i18n.Count(n))
		h.active.SetText(i18n.Count(counts[model.Active]))
		h.leave.SetText(i18n.Count(counts[model.OnLeave]))
		h.left.SetText(i18n.Count(counts[model.Left]))
		h.company.SetText(company)
		homeReady()
	})
}
