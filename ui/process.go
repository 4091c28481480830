package ui

import (
	"advisordesk/model"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// processScreen is chapter 4's page (工作流程): the customers, the
// catalogue of products, prices and stock for those who may query it, the
// sales and the sales targets. Each
// tab is a list-and-form screen; leaving a tab with unsaved changes asks,
// as leaving the page does.
type processScreen struct {
	u         *App
	customers *customersScreen
	products  *productsScreen
	sales     *salesScreen
	targets   *targetsScreen
	complaint *complaintsScreen
	calendar  *calendarScreen // HR's
	tabs      *container.AppTabs
	current   int
	quiet     bool // selecting a tab to put it back
}

func newProcessScreen(u *App) *processScreen {
	p := &processScreen{u: u, customers: newCustomersScreen(u), sales: newSalesScreen(u), targets: newTargetsScreen(u)}
	if u.can(model.PermQueryProducts) {
		p.products = newProductsScreen(u)
	}
	p.complaint = newComplaintsScreen(u)
	if u.store.Who().Role == model.RoleHR {
		p.calendar = newCalendarScreen(u)
	}
	return p
}

func (p *processScreen) content() fyne.CanvasObject {
	build := []func() fyne.CanvasObject{p.customers.content}
	items := []*container.TabItem{container.NewTabItem(tr("process.customers"), build[0]())}
	if p.products != nil {
		build = append(build, p.products.content)
		items = append(items, container.NewTabItem(tr("process.products"), container.NewStack()))
	}
	build = append(build, p.sales.content, p.targets.content)
	items = append(items, container.NewTabItem(tr("process.sales"), container.NewStack()),
		container.NewTabItem(tr("process.targets"), container.NewStack()))
	build = append(build, p.complaint.content)
	items = append(items, container.NewTabItem(tr("process.complaints"), container.NewStack()))
	if p.calendar != nil {
		build = append(build, p.calendar.content)
		items = append(items, container.NewTabItem(tr("process.calendar"), container.NewStack()))
	}
	p.current = 0
	p.tabs = container.NewAppTabs(items...)
	p.tabs.OnSelected = func(it *container.TabItem) {
		if p.quiet {
			return
		}
		i := p.tabs.SelectedIndex()
		p.u.leave(func() {
			p.current = i
			clear(p.u.keys)
			it.Content = build[i]() // the tab's screen takes the keys and the editor
			p.tabs.Refresh()
		}, func() {
			p.quiet = true
			p.tabs.SelectIndex(p.current)
			p.quiet = false
		})
	}
	return p.tabs
}
