package storage

import (
	"strings"

	"advisordesk/model"
)

// AdvisorTable is the roster: the advisors, found by employee number,
// department and status.
type AdvisorTable struct {
	*Table[model.Advisor, *model.Advisor]
	ByEmpNo  Index[model.Advisor, string]
	ByDept   Index[model.Advisor, string]
	ByStatus Index[model.Advisor, model.Status]
}

func newAdvisorTable(db *DB) *AdvisorTable {
	t := &AdvisorTable{}
	t.Table, t.ByEmpNo = describedTable[model.Advisor, *model.Advisor](db, model.AdvisorRecord)
	t.ByDept = addIndex(t.Table, "dept", model.FieldDepartment, false, same,
		func(a *model.Advisor) []string { return []string{a.Department} })
	t.ByStatus = addIndex(t.Table, "status", model.FieldStatus, false, code[model.Status],
		func(a *model.Advisor) []model.Status { return []model.Status{a.Status} })
	return t
}

// same and code are the index keys of text and of a code.
func same(s string) string       { return s }
func code[S ~string](s S) string { return string(s) }

func digitsOnly(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}
