package ui

import "testing"

// openProcessTab opens the Work process page on the tab titled title, as
// a person taps it: the tabs' order is the page's to choose.
func openProcessTab(t *testing.T, u *App, title string) {
	t.Helper()
	u.Open(pageProcess)
	u.Wait()
	tabs := u.process.tabs
	for i, it := range tabs.Items {
		if it.Text == title {
			tabs.SelectIndex(i)
			u.Wait()
			return
		}
	}
	t.Fatalf("no %q tab in %v", title, tabItems(tabs))
}
