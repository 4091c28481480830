package storage

import (
	"strings"

	"advisordesk/model"
)

// Listing columns of the advisor roster, in the order the table shows them.
const (
	AdvColEmpNo = iota
	AdvColName
	AdvColEmployment
	AdvColRole
	AdvColDepartment
	AdvColPhone
	AdvColHireDate
	AdvColStatus
	AdvColSupervisor
)

func newAdvisorTable(db *DB) *Table[model.Advisor, *model.Advisor] {
	t := &Table[model.Advisor, *model.Advisor]{
		db: db, name: "advisors", bucket: []byte("advisors"), rows: []byte("advisors.rows"),
		indexes: []Index[model.Advisor]{
			{Name: "empno", Field: model.FieldEmpNo, Unique: true,
				Values: func(a *model.Advisor) []string { return []string{a.EmpNo} }},
			{Name: "dept", Values: func(a *model.Advisor) []string { return []string{a.Department} }},
			{Name: "status", Values: func(a *model.Advisor) []string { return []string{string(a.Status)} }},
		},
		columns: func(a *model.Advisor) []string {
			return []string{a.EmpNo, a.Name, string(a.Employment), string(a.Role), a.Department,
				a.Phone, string(a.HireDate), string(a.Status), a.Supervisor}
		},
		search: func(a *model.Advisor) string {
			return FoldSearch(strings.Join([]string{a.EmpNo, a.Name, a.Department, a.Phone,
				digitsOnly(a.Phone), a.Email, a.Supervisor}, "\x1f"))
		},
	}
	t.list = newListing(t.loadRows)
	return t
}

func digitsOnly(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

func (t *Table[T, P]) loadRows() (map[uint64][]byte, error) {
	out := map[uint64][]byte{}
	err := t.db.View(func(tx *Tx) error {
		b := tx.tx.Bucket(t.rows)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			out[btoi(k)] = append([]byte(nil), v...)
			return nil
		})
	})
	return out, err
}

// Find answers a listing query with one page of keys.
func (t *Table[T, P]) Find(q Query) (Page, error) { return t.list.query(q) }

// FindRecords answers a listing query with the page's decoded records.
func (t *Table[T, P]) FindRecords(q Query) ([]*T, int, error) {
	p, err := t.list.query(q)
	if err != nil {
		return nil, 0, err
	}
	recs, err := t.GetMany(p.IDs)
	return recs, p.Total, err
}

// Count is the number of records.
func (t *Table[T, P]) Count() (int, error) { return t.list.count() }
