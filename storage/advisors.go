package storage

import (
	"strings"

	"advisordesk/model"

	bolt "go.etcd.io/bbolt"
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
	// One person, one ID card: a number already on file is refused on its
	// field (an empty one is no number).
	addIndex(t.Table, "id_card", model.FieldIDCard, true, same,
		func(a *model.Advisor) []string { return []string{a.IDCard} })
	return t
}

// supervisorIx is the index of the supervisor reference: an advisor's team.
func (t *AdvisorTable) supervisorIx() *index[model.Advisor] {
	for _, r := range t.refs {
		if r.field.Key == model.FieldSupervisor {
			return r.ix
		}
	}
	panic("advisors: no supervisor reference")
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

// resolveSupervisors turns each advisor's supervisor name into a reference
// where exactly one advisor has that name and the reference closes no
// circle; other names (none, several, the advisor's own) stay as text. The
// records are rewritten as they are, without a new change time: this is
// the file's new form, not anyone's edit.
func resolveSupervisors(tx *bolt.Tx, bucket []byte) error {
	b := tx.Bucket(bucket)
	byName := map[string][]uint64{}
	var all []*model.Advisor
	err := b.ForEach(func(k, v []byte) error {
		a := &model.Advisor{}
		if decode(string(bucket), k, v, a) != nil {
			return nil // damaged: left as it is, for check to report
		}
		byName[a.Name] = append(byName[a.Name], a.ID)
		all = append(all, a)
		return nil
	})
	if err != nil {
		return err
	}
	sup := map[uint64]uint64{} // advisor → supervisor, as resolved so far
	for _, a := range all {
		name := strings.Join(strings.Fields(a.Supervisor), " ")
		ids := byName[name]
		if a.SupervisorID != 0 || len(ids) != 1 || closesLoop(sup, a.ID, ids[0]) {
			continue
		}
		a.SupervisorID, sup[a.ID] = ids[0], ids[0]
		v, err := encode(a)
		if err != nil {
			return err
		}
		if err := b.Put(itob(a.ID), v); err != nil {
			return err
		}
	}
	return nil
}

// closesLoop reports whether making to the supervisor of id leads back to
// id through the supervisors resolved so far (to == id included).
func closesLoop(sup map[uint64]uint64, id, to uint64) bool {
	for seen := 0; to != 0 && seen <= len(sup); seen++ {
		if to == id {
			return true
		}
		to = sup[to]
	}
	return false
}
