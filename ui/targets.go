package ui

import (
	"advisordesk/model"
)

// targetsScreen is the advisors' sales targets (销售目标) per month
// ("2026-05") or quarter ("2026-Q2"), each with what the advisor sold in
// the period and the achievement, worked out from the sales when the list
// is read. An advisor sees their own; a supervisor sets and sees their
// team's; HR everyone's. Typing a period in the search box shows that
// period's targets.
type targetsScreen struct {
	*recordScreen[model.Target]
	picker *advisorPicker // the advisor picker last opened
}

func newTargetsScreen(u *App) *targetsScreen {
	s := &targetsScreen{}
	st := recordStore[model.Target]{find: u.store.FindTargets, save: u.store.SaveTarget, remove: u.store.DeleteTarget}
	s.recordScreen = newRecordScreen(u, model.TargetRecord, st, func(t *model.Target) uint64 { return t.ID }, "")
	s.name = func(t *model.Target) string { return t.Advisor + " " + string(t.Period) }
	s.keys.add, s.keys.formNew, s.keys.selectHint = "target.add", "target.form_new", "target.select_hint"
	s.list.q.Sort, s.list.q.Desc = model.FieldTargetPeriod, true
	s.list.searchKey = "target.search"
	today := u.store.Today()
	s.fresh = func() *model.Target { return &model.Target{Period: model.MonthOf(today)} }
	s.pickers = map[string]refPicker{
		model.FieldTargetAdvisor: func(done func(uint64, string)) {
			s.picker = newAdvisorPicker(u, done)
			s.picker.show()
		},
	}
	// Sold and achieved are the store's sums, shown, never typed.
	s.entry(model.FieldTargetSold).Disable()
	s.entry(model.FieldTargetAchieved).Disable()
	s.list.loaded = s.showLive
	return s
}

// showLive puts the list's sold and achieved figures, which the store
// works out as it reads, into the open target's form: a saved target is
// the form's copy, which holds none (it showed 0.00 beside the list's
// 470.00). Only those two read-only fields change; typing stays.
func (s *targetsScreen) showLive() {
	if s.editing == nil || s.editing.ID == 0 {
		return
	}
	for _, r := range s.list.rows {
		if r.ID == s.editing.ID && r.Sold != s.editing.Sold {
			s.editing.Sold = r.Sold
			for _, key := range []string{model.FieldTargetSold, model.FieldTargetAchieved} {
				s.entry(key).SetText(model.TargetRecord.Field(key).Get(s.editing))
			}
		}
	}
}
