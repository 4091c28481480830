package ui

import (
	"io"

	"advisordesk/exchange"
	"advisordesk/i18n"
	"advisordesk/model"
	"advisordesk/report"
)

// marketNotesScreen is the office's market research (市场调研): dated notes
// on the market and on competitors' moves, newest first, found by a tag, a
// competitor or a word of the note. Everyone reads them; the author keeps
// theirs.
type marketNotesScreen struct {
	*recordScreen[model.MarketNote]
	picker *advisorPicker
}

func newMarketNotesScreen(u *App) *marketNotesScreen {
	s := &marketNotesScreen{}
	st := recordStore[model.MarketNote]{find: u.store.FindMarketNotes, save: u.store.SaveMarketNote,
		remove: u.store.DeleteMarketNote}
	s.recordScreen = newRecordScreen(u, model.MarketNoteRecord, st, func(n *model.MarketNote) uint64 { return n.ID },
		model.FieldNoteKind)
	s.name = func(n *model.MarketNote) string { return n.Title }
	s.keys.add, s.keys.formNew, s.keys.selectHint = "market.add", "market.form_new", "market.select_hint"
	s.list.q.Sort, s.list.q.Desc = model.FieldNoteDate, true
	fitChoices(s.list, model.MarketNoteRecord)
	me := u.store.Who()
	s.fresh = func() *model.MarketNote {
		n := &model.MarketNote{Date: u.store.Today(), Kind: model.MarketCompetitor}
		if me.Advisor != 0 {
			n.AuthorID, n.Author = me.Advisor, me.Name
		}
		return n
	}
	s.pickers = map[string]refPicker{model.FieldAuthor: func(done func(uint64, string)) {
		s.picker = newAdvisorPicker(u, done)
		s.picker.show()
	}}
	s.files = recordFiles[model.MarketNote]{printStem: "market-notes", exportStem: "market-notes",
		print: func(w io.Writer, list []*model.MarketNote, m report.Meta) error {
			return (&report.Table[model.MarketNote]{Record: model.MarketNoteRecord, Numbered: true}).Print(w, list, m)
		},
		csv: func(w io.Writer, l *i18n.Labels, each func(func(*model.MarketNote) error) error) (int, error) {
			return exchange.WriteCSV(w, l, model.MarketNoteRecord, each)
		},
		xlsx: func(w io.Writer, l *i18n.Labels, each func(func(*model.MarketNote) error) error) (int, error) {
			return exchange.WriteXLSX(w, l, model.MarketNoteRecord, "record.marketnotes", each)
		}}
	return s
}
