package storage

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"advisordesk/i18n"
	"advisordesk/model"

	bolt "go.etcd.io/bbolt"
)

// team saves a lead and subordinates reporting to them.
func team(t *testing.T, db *DB, subs ...string) (*model.Advisor, []*model.Advisor) {
	t.Helper()
	lead := advisor("L001", "周建国")
	if err := db.Advisors.Save(lead); err != nil {
		t.Fatal(err)
	}
	var out []*model.Advisor
	for i, name := range subs {
		a := advisor("S00"+string(rune('1'+i)), name)
		a.SupervisorID = lead.ID
		if err := db.Advisors.Save(a); err != nil {
			t.Fatal(err)
		}
		out = append(out, a)
	}
	return lead, out
}

func TestSupervisorShowsCurrentName(t *testing.T) {
	db := openTemp(t)
	lead, subs := team(t, db, "王伟", "李娜")
	got, _ := db.Advisors.Get(subs[0].ID)
	if got.Supervisor != "周建国" || got.SupervisorNo != "L001" {
		t.Fatalf("supervisor read as %q / %q", got.Supervisor, got.SupervisorNo)
	}
	lead.Name = "周建华"
	if err := db.Advisors.Save(lead); err != nil {
		t.Fatal(err)
	}
	got, _ = db.Advisors.Get(subs[1].ID)
	if got.Supervisor != "周建华" {
		t.Fatalf("after the rename the supervisor reads %q", got.Supervisor)
	}
	// The subordinates' listing rows follow the rename: found by the new
	// name and its pinyin, not by the old one.
	for text, want := range map[string]int{"周建华": 3, "zhoujianhua": 3, "周建国": 0} {
		if p, _ := db.Advisors.Find(Query{Text: text, Sort: -1}); p.Total != want {
			t.Errorf("search %q finds %d, want %d", text, p.Total, want)
		}
	}
	mustCheck(t, db)
}

func TestSupervisorLoopsRefused(t *testing.T) {
	db := openTemp(t)
	lead, subs := team(t, db, "王伟")
	lead.SupervisorID = lead.ID
	fes, _ := model.AsFieldErrors(db.Advisors.Save(lead))
	if fe := fes.For(model.FieldSupervisor); fe == nil || fe.Code != model.CodeRefSelf {
		t.Fatalf("own supervisor: %v", fes)
	}
	lead.SupervisorID = subs[0].ID
	fes, _ = model.AsFieldErrors(db.Advisors.Save(lead))
	if fe := fes.For(model.FieldSupervisor); fe == nil || fe.Code != model.CodeRefCycle || fe.Arg != "王伟" {
		t.Fatalf("a circle of two: %v", fes)
	}
	lead.SupervisorID = 9999
	fes, _ = model.AsFieldErrors(db.Advisors.Save(lead))
	if fe := fes.For(model.FieldSupervisor); fe == nil || fe.Code != model.CodeRefMissing {
		t.Fatalf("a supervisor not on file: %v", fes)
	}
	if got, _ := db.Advisors.Get(lead.ID); got.SupervisorID != 0 {
		t.Fatalf("a refused save wrote %d", got.SupervisorID)
	}
}

func TestDeleteSupervisorRefused(t *testing.T) {
	db := openTemp(t)
	lead, subs := team(t, db, "王伟", "李娜")
	err := db.DeleteAdvisor(lead.ID)
	var inUse *InUseError
	if !errors.As(err, &inUse) || len(inUse.Uses) != 1 || inUse.Uses[0] != (Use{"advisors", "supervisor", 2}) {
		t.Fatalf("deleting a supervisor: %v", err)
	}
	for lang, want := range map[string]string{
		"en": "周建国 cannot be deleted: 2 advisors (as their supervisor) still refer to this record. Set the status to Left instead of deleting.",
		"zh": "周建国 仍被 2 名服务顾问（作为其上级） 引用，档案不能删除。请将状态改为“离职”，不要删除。",
	} {
		l, _ := i18n.For(lang)
		if got := l.Explain(err); got != want {
			t.Errorf("%s: %q\nwant %q", lang, got, want)
		}
	}
	if _, err := db.Advisors.Get(lead.ID); err != nil {
		t.Fatal("the supervisor was deleted")
	}
	// Once nobody reports to them, the delete goes through.
	for _, s := range subs {
		s.SupervisorID, s.Supervisor = 0, ""
		if err := db.Advisors.Save(s); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.DeleteAdvisor(lead.ID); err != nil {
		t.Fatal(err)
	}
	mustCheck(t, db)
}

// TestCheckFindsDanglingReference writes, with bbolt itself, a supervisor
// that is not on file: check reports it as damage, naming the field.
func TestCheckFindsDanglingReference(t *testing.T) {
	path := filepath.Join(t.TempDir(), "office.db")
	db, err := openProgram(path, &Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	_, subs := team(t, db, "王伟")
	db.Close()
	raw, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	a := *subs[0]
	a.SupervisorID = 777
	err = raw.Update(func(tx *bolt.Tx) error {
		v, err := encode(&a)
		if err != nil {
			return err
		}
		return tx.Bucket([]byte("advisors")).Put(itob(a.ID), v)
	})
	raw.Close()
	if err != nil {
		t.Fatal(err)
	}
	db, err = openProgram(path, &Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Reindex(); err != nil { // only the reference is wrong, not its index
		t.Fatal(err)
	}
	r, err := db.Check(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Problems) != 1 || !strings.Contains(r.Problems[0].What, "supervisor refers to advisors 777, which is not on file") {
		t.Fatalf("check: %v", r.Problems)
	}
	if got, _ := db.Advisors.Get(a.ID); got.Supervisor != "周建国" {
		t.Fatalf("a dangling reference shows %q, not the name saved with it", got.Supervisor)
	}
}

// TestMigrateSupervisorsToReferences opens a schema-5 file whose
// supervisors are names: one matches one advisor, one matches two, one
// matches none, one is the advisor's own name.
func TestMigrateSupervisorsToReferences(t *testing.T) {
	path := filepath.Join(t.TempDir(), "office.db")
	writeV5(t, path, [][3]string{
		{"A001", "周建国", ""}, {"A002", "王伟", "周建国"}, {"A003", "王伟", "周建国"},
		{"A004", "李娜", "王伟"}, {"A005", "赵敏", "钱多多"}, {"A006", "孙丽", " 周建国 "}, {"A007", "吴刚", "吴刚"},
	})
	db, err := openProgram(path, &Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	lead, _ := db.Advisors.ByEmpNo.Get("A001")
	for no, want := range map[string]struct {
		id   uint64
		text string
	}{"A002": {lead.ID, "周建国"}, "A003": {lead.ID, "周建国"}, "A006": {lead.ID, "周建国"},
		"A004": {0, "王伟"}, "A005": {0, "钱多多"}, "A007": {0, "吴刚"}, "A001": {0, ""}} {
		a, _ := db.Advisors.ByEmpNo.Get(no)
		if a.SupervisorID != want.id || a.Supervisor != want.text {
			t.Errorf("%s: supervisor %d %q, want %d %q", no, a.SupervisorID, a.Supervisor, want.id, want.text)
		}
		if !a.Updated.Equal(fixedNow().AddDate(-1, 0, 0)) {
			t.Errorf("%s: the migration changed its time of change to %v", no, a.Updated)
		}
	}
	r, err := db.Check(context.Background())
	if err != nil || !r.OK() {
		t.Fatalf("check after migration: %v %v", r.Problems, err)
	}
	if len(r.ToResolve) != 3 {
		t.Fatalf("to resolve: %v", r.ToResolve)
	}
	entries, _ := os.ReadDir(BackupDir(path))
	if len(entries) != 1 || !strings.Contains(entries[0].Name(), "before-migration-v5") {
		t.Fatalf("no backup before the migration: %v", entries)
	}
	if err := db.DeleteAdvisor(lead.ID); err == nil {
		t.Fatal("the migrated references do not keep the supervisor")
	}
}

// writeV5 lays out advisors (employee number, name, supervisor's name) as
// schema 5 kept them: the supervisor as text, no reference index.
func writeV5(t *testing.T, path string, rows [][3]string) {
	t.Helper()
	b, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	err = b.Update(func(tx *bolt.Tx) error {
		meta, _ := tx.CreateBucket(bucketMeta)
		meta.Put(metaSchema, itob(5))
		meta.Put(metaCodec, []byte(codecName))
		recs, _ := tx.CreateBucket([]byte("advisors"))
		for _, r := range rows {
			a := advisor(r[0], r[1])
			a.Supervisor, a.Status = r[2], model.Active
			a.ID, _ = recs.NextSequence()
			a.Created = fixedNow().AddDate(-1, 0, 0)
			a.Updated = a.Created
			v, err := encode(a)
			if err != nil {
				return err
			}
			if err := recs.Put(itob(a.ID), v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestImportSupervisor: a file names the supervisor by employee number (in
// its own column or the supervisor's) or by an exact, unique name; a name
// two advisors share, or one nobody has, is its row's error.
func TestImportSupervisor(t *testing.T) {
	db := openTemp(t)
	lead, _ := team(t, db, "王伟", "王伟") // S001 and S002 share a name
	cols := []string{model.FieldEmpNo, model.FieldName, model.FieldEmployment, model.FieldRole,
		model.FieldSupervisor, model.FieldSuperNo}
	row := func(n int, no, name, sup, supNo string) model.AdvisorRow {
		return model.AdvisorRow{Row: n, Rec: model.Advisor{EmpNo: no, Name: name, Employment: model.FullTime,
			Role: model.AccountManager, Supervisor: sup, SupervisorNo: supNo}}
	}
	imp := &model.AdvisorImport{Columns: cols, Rows: []model.AdvisorRow{
		row(2, "N001", "甲", "周建国", ""),      // by unique name
		row(3, "N002", "乙", "l001", ""),     // by number, in the name column
		row(4, "N003", "丙", "王伟", "S002"),   // the number column settles a shared name
		row(5, "N004", "丁", "", "N005"),     // a supervisor further down the file
		row(6, "N005", "戊", "", ""),         // none
		row(7, "S001", "王伟", "王伟", ""),      // a shared name: refused
		row(8, "N006", "己", "钱多多", ""),      // nobody: refused
		row(9, "N007", "庚", "周建国", "X9999"), // an unknown number: refused
	}}
	_, _, _, err := db.ImportAdvisors(imp, false)
	fes, _ := model.AsFieldErrors(err)
	want := []string{"7 ref_ambiguous 王伟", "8 ref_unknown 钱多多", "9 ref_unknown X9999"}
	var got []string
	for _, fe := range fes {
		got = append(got, fmt.Sprintf("%d %s %s", fe.Row, fe.Code, fe.Arg))
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("problems: %v", got)
	}
	l, _ := i18n.For("en")
	if msg := l.Explain(fes[:1]); msg != "Row 7: Supervisor: Several advisors are named 王伟: give the employee number" {
		t.Errorf("message: %q", msg)
	}
	imp.Rows = imp.Rows[:5]
	if _, _, _, err := db.ImportAdvisors(imp, false); err != nil {
		t.Fatal(err)
	}
	s2, _ := db.Advisors.ByEmpNo.Get("S002")
	n5, _ := db.Advisors.ByEmpNo.Get("N005")
	for no, want := range map[string]uint64{"N001": lead.ID, "N002": lead.ID, "N003": s2.ID, "N004": n5.ID, "N005": 0} {
		if a, _ := db.Advisors.ByEmpNo.Get(no); a.SupervisorID != want {
			t.Errorf("%s: supervisor %d, want %d", no, a.SupervisorID, want)
		}
	}
	mustCheck(t, db)
}

// TestListUnresolvedSupervisors: the roster's filter finds the advisors
// whose supervisor is a name to resolve, and they sort first.
func TestListUnresolvedSupervisors(t *testing.T) {
	db := openTemp(t)
	_, subs := team(t, db, "王伟", "李娜")
	odd := advisor("X001", "赵敏")
	odd.Supervisor = "钱多多"
	if err := db.Advisors.Save(odd); err != nil {
		t.Fatal(err)
	}
	q := model.ListQuery{Where: model.Match{Field: model.FieldSupervisor, Unresolved: true}}
	got, n, err := db.Advisors.List(q)
	if err != nil || n != 1 || got[0].EmpNo != "X001" {
		t.Fatalf("unresolved: %d %v", n, err)
	}
	got, _, _ = db.Advisors.List(model.ListQuery{Sort: model.FieldSupervisor})
	if got[0].EmpNo != "L001" || got[1].EmpNo != "X001" || got[2].ID != subs[0].ID {
		t.Fatalf("sorted by supervisor: %s %s %s", got[0].EmpNo, got[1].EmpNo, got[2].EmpNo)
	}
}
