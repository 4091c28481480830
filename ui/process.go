package ui

import (
	"slices"

	"advisordesk/model"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// processScreen is chapter 4's page (工作流程): the customers, the sales
// and the sales targets, the complaints, the market notes, the catalogue
// of products, prices and stock for those who may query it, and HR's
// office calendar. Each tab is a list-and-form screen; leaving a tab with
// unsaved changes asks, as leaving the page does.
type processScreen struct {
	u         *App
	customers *customersScreen
	products  *productsScreen
	sales     *salesScreen
	targets   *targetsScreen
	complaint *complaintsScreen
	calendar  *calendarScreen // HR's
	market    *marketNotesScreen
	reception *receptionScreen
	followups *followUpsScreen
	tabs      *container.AppTabs
	titles    []string // the tabs' title keys, in order
	current   int
	quiet     bool // selecting a tab to put it back
}

func newProcessScreen(u *App) *processScreen {
	p := &processScreen{u: u, customers: newCustomersScreen(u), sales: newSalesScreen(u), targets: newTargetsScreen(u),
		market: newMarketNotesScreen(u)}
	if u.can(model.PermQueryProducts) {
		p.products = newProductsScreen(u)
	}
	p.complaint = newComplaintsScreen(u)
	p.reception, p.followups = newReceptionScreen(u), newFollowUpsScreen(u)
	if u.store.Who().Role == model.RoleHR {
		p.calendar = newCalendarScreen(u)
	}
	return p
}

func (p *processScreen) content() fyne.CanvasObject {
	// The tabs in the order of an advisor's day; a tab the person may not
	// use is not there at all.
	type tab struct {
		title string
		build func() fyne.CanvasObject
	}
	tabs := []tab{
		{"process.customers", p.customers.content},
		{"process.receptions", p.reception.content},
		{"process.sales", p.sales.content},
		{"process.followups", p.followups.content},
		{"process.targets", p.targets.content},
		{"process.complaints", p.complaint.content},
		{"process.market", p.market.content},
	}
	if p.products != nil {
		tabs = append(tabs, tab{"process.products", p.products.content})
	}
	if p.calendar != nil {
		tabs = append(tabs, tab{"process.calendar", p.calendar.content})
	}
	p.titles = nil
	for _, t := range tabs {
		p.titles = append(p.titles, t.title)
	}
	build := make([]func() fyne.CanvasObject, len(tabs))
	items := make([]*container.TabItem, len(tabs))
	for i, t := range tabs {
		build[i] = t.build
		items[i] = container.NewTabItem(tr(t.title), container.NewStack())
	}
	items[0].Content = build[0]()
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

// openTab goes to the page at the tab titled by key (such as
// "process.complaints"), as the navigation and a tap on the tab would,
// once prepare has set up the tab's screen (a filter): Home's counts open
// their lists so. Nothing moves if the person stays with unsaved changes.
func (u *App) openTab(key string, prepare func()) {
	prepare()
	u.Open(pageProcess)
	if u.current != pageProcess {
		return
	}
	p := u.process
	if i := slices.Index(p.titles, key); i >= 0 && p.tabs != nil {
		p.tabs.SelectIndex(i)
	}
}
