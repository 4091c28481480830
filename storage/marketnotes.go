package storage

import "advisordesk/model"

// FindMarketNotes answers one page of the market notes screen (市场调研).
func (db *DB) FindMarketNotes(q model.ListQuery) ([]*model.MarketNote, int, error) {
	return db.MarketNotes.List(q)
}

// SaveMarketNote saves a note as the DB's person: their own, or their
// team's for a supervisor, anyone's for HR.
func (db *DB) SaveMarketNote(n *model.MarketNote) error { return db.MarketNotes.Save(n) }

// DeleteMarketNote removes a note.
func (db *DB) DeleteMarketNote(id uint64) error { return db.MarketNotes.Delete(id) }
