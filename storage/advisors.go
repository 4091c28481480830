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
			return FoldSearch(strings.Join([]string{a.EmpNo, a.Name, pinyinSearch(a.Name), a.Department,
				a.Phone, digitsOnly(a.Phone), a.Email, a.Supervisor}, "\x1f"))
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
