package ui

import (
	"advisordesk/i18n"

	"advisordesk/model"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// homeScreen greets the user with the office at a glance.
type homeScreen struct {
	u                          *App
	total, active, leave, left *widget.Label
	company                    *widget.Label
	counts                     latest
}

func newHomeScreen(u *App) *homeScreen {
	big := func() *widget.Label {
		l := widget.NewLabelWithStyle("–", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
		l.SizeName = theme.SizeNameHeadingText
		return l
	}
	return &homeScreen{u: u, total: big(), active: big(), leave: big(), left: big(),
		company: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})}
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
	return container.NewPadded(container.NewVBox(title, h.company, widget.NewSeparator(), stats,
		container.NewHBox(open), layoutSpacer(), file))
}

func layoutSpacer() fyne.CanvasObject { return widget.NewLabel("") }

// refresh counts the roster off the UI thread.
func (h *homeScreen) refresh() {
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
