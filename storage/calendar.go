package storage

import (
	"advisordesk/model"
)

// The office calendar: HR's list of holidays and make-up working days
// (model.CalendarDay), an office table everyone reads and HR alone writes,
// and the complaint deadlines by severity, an office setting.

// SettingComplaintRules keeps the complaint deadlines (model.ComplaintRules).
const SettingComplaintRules = "complaint_rules"

// FindCalendar answers one page of the calendar screen.
func (db *DB) FindCalendar(q model.ListQuery) ([]*model.CalendarDay, int, error) {
	return db.Calendar.List(q)
}

// SaveCalendarDay saves a holiday or make-up working day (HR).
func (db *DB) SaveCalendarDay(d *model.CalendarDay) error { return db.Calendar.Save(d) }

// DeleteCalendarDay removes a day from the calendar (HR).
func (db *DB) DeleteCalendarDay(id uint64) error { return db.Calendar.Delete(id) }

// OfficeCalendar is the calendar deadlines are counted with.
func (db *DB) OfficeCalendar() (*model.Calendar, error) {
	var cal *model.Calendar
	err := db.View(func(tx *Tx) (err error) {
		cal, err = db.txCalendar(tx)
		return err
	})
	return cal, err
}

// txCalendar reads every listed day: a few dozen a year.
func (db *DB) txCalendar(tx *Tx) (*model.Calendar, error) {
	var days []*model.CalendarDay
	c := tx.tx.Bucket(db.Calendar.bucket).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		d := new(model.CalendarDay)
		if err := decode(db.Calendar.name, k, v, d); err != nil {
			return nil, err
		}
		days = append(days, d)
	}
	return model.NewCalendar(days), nil
}

// ComplaintRules are the office's complaint deadlines; the defaults while
// HR has set none.
func (db *DB) ComplaintRules() (model.ComplaintRules, error) {
	var r model.ComplaintRules
	err := db.View(func(tx *Tx) (err error) {
		r, err = txComplaintRules(tx)
		return err
	})
	return r, err
}

func txComplaintRules(tx *Tx) (model.ComplaintRules, error) {
	if tx.who.Role == "" {
		return nil, ErrSignedOut
	}
	return model.ParseComplaintRules(string(tx.tx.Bucket(bucketSettings).Get([]byte(SettingComplaintRules))))
}

// SetComplaintRules stores the deadlines (HR); a rule out of order is
// refused whole.
func (db *DB) SetComplaintRules(r model.ComplaintRules) error {
	for _, s := range model.Severities {
		x, ok := r[s]
		if !ok {
			x = model.DefaultComplaintRules()[s]
		}
		if err := x.Check(); err != nil {
			return err
		}
	}
	return db.SetSetting(SettingComplaintRules, r.String())
}
