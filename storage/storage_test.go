package storage

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"advisordesk/model"

	bolt "go.etcd.io/bbolt"
)

var fixedNow = func() time.Time { return time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC) }

func openTemp(t testing.TB) *DB {
	t.Helper()
	db, err := openProgram(filepath.Join(t.TempDir(), "office.db"), &Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func advisor(empno, name string) *model.Advisor {
	return &model.Advisor{EmpNo: empno, Name: name, Employment: model.FullTime, Role: model.FrontDesk,
		Department: "售后服务部", Phone: "13800138000", HireDate: "2024-01-02"}
}

func mustCheck(t *testing.T, db *DB) {
	t.Helper()
	r, err := db.Check(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !r.OK() {
		t.Fatalf("check found %d problems: %v", len(r.Problems), r.Problems)
	}
}

func TestRoundTrip(t *testing.T) {
	db := openTemp(t)
	a := advisor("sa001", "王小明")
	if err := db.Advisors.Save(a); err != nil {
		t.Fatal(err)
	}
	if a.ID == 0 || a.EmpNo != "SA001" || a.Created.IsZero() {
		t.Fatalf("save did not set key, normalise or stamp: %+v", a)
	}
	got, err := db.Advisors.Get(a.ID)
	if err != nil || got.Name != "王小明" || got.Status != model.Active {
		t.Fatalf("get: %+v %v", got, err)
	}
	got.Department = "销售部"
	got.EmpNo = "SA002"
	if err := db.Advisors.Save(got); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Advisors.ByEmpNo.Get("SA001"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("old employee number still indexed: %v", err)
	}
	if r, err := db.Advisors.ByEmpNo.Get("SA002"); err != nil || r.ID != a.ID {
		t.Fatalf("lookup new number: %v %v", r, err)
	}
	if ids, _ := db.Advisors.ByDept.IDs("销售部"); len(ids) != 1 || ids[0] != a.ID {
		t.Fatalf("dept index: %v", ids)
	}
	mustCheck(t, db)
	if err := db.Advisors.Delete(a.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Advisors.Get(a.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("deleted record still there: %v", err)
	}
	if n, _ := db.Advisors.Count(); n != 0 {
		t.Fatalf("count after delete = %d", n)
	}
	mustCheck(t, db)
}

func TestUniqueEmpNo(t *testing.T) {
	db := openTemp(t)
	if err := db.Advisors.Save(advisor("SA001", "王小明")); err != nil {
		t.Fatal(err)
	}
	dup := advisor(" sa001 ", "李华")
	err := db.Advisors.Save(dup)
	fes, ok := model.AsFieldErrors(err)
	if !ok || fes.For(model.FieldEmpNo) == nil || fes.For(model.FieldEmpNo).Code != model.CodeDuplicate {
		t.Fatalf("want duplicate on empno, got %v", err)
	}
	if dup.ID != 0 {
		t.Fatalf("refused new record kept key %d", dup.ID)
	}
	if n, _ := db.Advisors.Count(); n != 1 {
		t.Fatalf("duplicate saved: count %d", n)
	}
	bad := advisor("SA001", "赵六")
	bad.Phone = "12345"
	fes, _ = model.AsFieldErrors(db.Advisors.Save(bad))
	if fes.For(model.FieldPhone) == nil || fes.For(model.FieldEmpNo) == nil {
		t.Fatalf("want the bad phone and the taken number together, got %v", fes)
	}
	if n, _ := db.Advisors.Count(); n != 1 {
		t.Fatalf("invalid record saved: count %d", n)
	}
	mustCheck(t, db)
}

func TestQuerySearchSortPage(t *testing.T) {
	db := openTemp(t)
	names := []string{"张三", "阿明", "李四", "王五", "Bob", "alice"}
	for i, n := range names {
		a := advisor("", n)
		a.EmpNo = []string{"A10", "A2", "A1", "B1", "C1", "C2"}[i]
		if err := db.Advisors.Save(a); err != nil {
			t.Fatal(err)
		}
	}
	names2 := func(q Query) []string {
		recs, _, err := db.Advisors.FindRecords(q)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, r := range recs {
			out = append(out, r.Name)
		}
		return out
	}
	// Latin first, then Han by pinyin: 阿 a, 李 l, 王 w, 张 z.
	got := names2(Query{Sort: db.Advisors.Column(model.FieldName)})
	want := []string{"alice", "Bob", "阿明", "李四", "王五", "张三"}
	if !equal(got, want) {
		t.Fatalf("sort by name: %v, want %v", got, want)
	}
	if got := names2(Query{Sort: db.Advisors.Column(model.FieldEmpNo), Desc: true, Limit: 3}); !equal(got, []string{"alice", "Bob", "王五"}) {
		t.Fatalf("empno desc page: %v", got)
	}
	if got := names2(Query{Sort: db.Advisors.Column(model.FieldEmpNo), Limit: 2, Offset: 1}); !equal(got, []string{"阿明", "张三"}) {
		t.Fatalf("numeric empno order A1 A2 A10: %v", got)
	}
	if p, _ := db.Advisors.Find(Query{Text: "ALI", Sort: -1}); p.Total != 1 {
		t.Fatalf("case-insensitive search: %+v", p)
	}
	if p, _ := db.Advisors.Find(Query{Text: "李", Sort: -1}); p.Total != 1 {
		t.Fatalf("search 李: %+v", p)
	}
	if p, _ := db.Advisors.Find(Query{Text: "138 0013", Sort: -1}); p.Total != 6 {
		t.Fatalf("search by phone words: %+v", p)
	}
	// A save shows up in the next query without a reload.
	a, _ := db.Advisors.ByEmpNo.Get("B1")
	a.Name = "钱七"
	db.Advisors.Save(a)
	if p, _ := db.Advisors.Find(Query{Text: "钱七", Sort: db.Advisors.Column(model.FieldName)}); p.Total != 1 {
		t.Fatalf("edited row not found: %+v", p)
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func fill(t testing.TB, db *DB, n int) {
	t.Helper()
	err := db.Update(func(tx *Tx) error {
		for _, a := range model.DemoAdvisors(n, 1, db.Today()) {
			if err := db.Advisors.Put(tx, &a); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func dump(t *testing.T, db *DB) []model.Advisor {
	var all []model.Advisor
	if err := db.Advisors.Each(func(a *model.Advisor) error { all = append(all, *a); return nil }); err != nil {
		t.Fatal(err)
	}
	return all
}

func TestBackupRestore(t *testing.T) {
	db := openTemp(t)
	fill(t, db, 50)
	before := dump(t, db)
	out := filepath.Join(t.TempDir(), "copy.db")
	var last int64
	if err := db.Backup(context.Background(), out, func(done, total int64) { last = done }); err != nil {
		t.Fatal(err)
	}
	if last == 0 {
		t.Fatal("no progress reported")
	}
	// Change the live file, then restore the backup over it.
	a, _ := db.Advisors.ByEmpNo.Get("SA0001")
	db.Advisors.Delete(a.ID)
	db.Advisors.Save(advisor("X1", "新人"))
	kept, err := db.Restore(context.Background(), out)
	if err != nil {
		t.Fatal(err)
	}
	if err := VerifyFile(kept); err != nil {
		t.Fatalf("replaced contents not kept: %v", err)
	}
	after := dump(t, db)
	if len(after) != len(before) {
		t.Fatalf("restored %d records, want %d", len(after), len(before))
	}
	for i := range before {
		if before[i].EmpNo != after[i].EmpNo || before[i].Name != after[i].Name || !before[i].Updated.Equal(after[i].Updated) {
			t.Fatalf("record %d differs: %+v vs %+v", i, before[i], after[i])
		}
	}
	if p, _ := db.Advisors.Find(Query{Text: "新人", Sort: -1}); p.Total != 0 {
		t.Fatal("listing still shows a record from before the restore")
	}
	mustCheck(t, db)
	// A new record continues the restored file's sequence.
	n := advisor("X2", "后来者")
	if err := db.Advisors.Save(n); err != nil || n.ID != 51 {
		t.Fatalf("next key after restore = %d, %v", n.ID, err)
	}
}

func TestRestoreRefusesForeignFile(t *testing.T) {
	db := openTemp(t)
	fill(t, db, 3)
	junk := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(junk, bytes.Repeat([]byte("not a database "), 1000), 0o600)
	if _, err := db.Restore(context.Background(), junk); err == nil {
		t.Fatal("restored from a text file")
	}
	if n, _ := db.Advisors.Count(); n != 3 {
		t.Fatalf("failed restore changed the data: %d", n)
	}
}

func TestCheckFindsDamagedValue(t *testing.T) {
	path := filepath.Join(t.TempDir(), "office.db")
	db, err := openProgram(path, &Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	fill(t, db, 20)
	victim := advisor("SA9999", "损坏测试员")
	victim.Notes = "这一条记录会在磁盘上被改掉一个字节"
	db.Advisors.Save(victim)
	mustCheck(t, db)
	db.Close()

	raw, _ := os.ReadFile(path)
	i := bytes.Index(raw, []byte("这一条记录"))
	if i < 0 {
		t.Fatal("value not found in file")
	}
	raw[i+1] ^= 0x01 // one bit, inside a data page: bbolt's own check cannot see it
	os.WriteFile(path, raw, 0o600)

	db, err = openProgram(path, &Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	r, err := db.Check(context.Background())
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	if r.OK() || r.Problems[0].Bucket != "advisors" || !bytes.Equal(r.Problems[0].Key, itob(victim.ID)) {
		t.Fatalf("damage not reported on the record: %+v", r.Problems)
	}
	var dmg *DamagedError
	if err := VerifyFile(path); !errors.As(err, &dmg) {
		t.Fatalf("VerifyFile on a damaged file: %v", err)
	}
}

func TestCheckAndReindex(t *testing.T) {
	db := openTemp(t)
	fill(t, db, 30)
	// Lose one index entry and add a stray one behind the store's back.
	db.bolt.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("advisors.idx.empno"))
		k, _ := b.Cursor().First()
		b.Delete(k)
		return b.Put(indexKey("GHOST", 999), nil)
	})
	r, _ := db.Check(context.Background())
	if len(r.Problems) != 2 {
		t.Fatalf("want 2 problems, got %v", r.Problems)
	}
	if err := db.Reindex(); err != nil {
		t.Fatal(err)
	}
	mustCheck(t, db)
	if p, _ := db.Advisors.Find(Query{Sort: -1}); p.Total != 30 {
		t.Fatalf("listing after reindex: %d", p.Total)
	}
}

func TestCompact(t *testing.T) {
	db := openTemp(t)
	fill(t, db, 2000)
	ids, _ := db.Advisors.Find(Query{Sort: -1})
	db.Update(func(tx *Tx) error {
		for _, id := range ids.IDs[:1900] {
			if err := db.Advisors.Remove(tx, id); err != nil {
				return err
			}
		}
		return nil
	})
	before, after, err := db.Compact(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if after >= before {
		t.Fatalf("compaction did not shrink the file: %d → %d", before, after)
	}
	if n, _ := db.Advisors.Count(); n != 100 {
		t.Fatalf("records after compaction: %d", n)
	}
	mustCheck(t, db)
	a := advisor("NEW1", "新同事")
	if err := db.Advisors.Save(a); err != nil || a.ID != 2001 {
		t.Fatalf("sequence lost in compaction: id %d %v", a.ID, err)
	}
}

func TestCompactCancel(t *testing.T) {
	db := openTemp(t)
	fill(t, db, 100)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	out := filepath.Join(t.TempDir(), "c.db")
	if err := db.CompactTo(ctx, out, nil); !errors.Is(err, ErrCanceled) {
		t.Fatalf("want canceled, got %v", err)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Fatal("canceled compaction left its file")
	}
}

func TestSettings(t *testing.T) {
	db := openTemp(t)
	if err := db.SetSetting(SettingCompany, "星河汽车服务有限公司"); err != nil {
		t.Fatal(err)
	}
	if v, _ := db.Setting(SettingCompany); v != "星河汽车服务有限公司" {
		t.Fatalf("setting: %q", v)
	}
}

func TestNotADataFile(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	db, _ := openProgram(good, nil)
	fill(t, db, 5)
	db.Close()
	whole, _ := os.ReadFile(good)
	for name, body := range map[string][]byte{"junk": bytes.Repeat([]byte{0xAB}, 8192), "truncated": whole[:5000]} {
		path := filepath.Join(dir, name+".db")
		os.WriteFile(path, body, 0o600)
		// Junk is not a data file; a data file cut short is a damaged one.
		_, err := openProgram(path, &Options{ReadOnly: true})
		var nd *NotDataFileError
		var dmg *DamagedError
		if name == "junk" && !errors.As(err, &nd) || name == "truncated" && !errors.As(err, &dmg) {
			t.Fatalf("%s: %v", name, err)
		}
	}
}

func TestImportAdvisors(t *testing.T) {
	db := openTemp(t)
	fill(t, db, 3) // SA0001–SA0003
	a, _ := db.Advisors.ByEmpNo.Get("SA0002")
	dept := a.Department
	cols := []string{model.FieldEmpNo, model.FieldName, model.FieldPhone}
	imp := &model.AdvisorImport{Columns: cols, Rows: []model.AdvisorRow{
		{Row: 2, Rec: model.Advisor{EmpNo: "SA0002", Name: "改名", Phone: "13700000000"}},
		{Row: 3, Rec: model.Advisor{EmpNo: "NEW1", Name: "新人", Phone: "12345"}},
	}}
	// The new advisor lacks employment and role, and has a bad phone:
	// every problem comes back with its row, and nothing is written.
	_, _, _, err := db.ImportAdvisors(imp, false)
	fes, ok := model.AsFieldErrors(err)
	if !ok || len(fes) != 3 || fes[0].Row != 3 {
		t.Fatalf("problems: %v", err)
	}
	if got, _ := db.Advisors.ByEmpNo.Get("SA0002"); got.Name != a.Name {
		t.Fatal("a refused import changed an advisor")
	}
	if entries, _ := os.ReadDir(BackupDir(db.Path())); len(entries) != 0 {
		t.Fatal("a refused import took a backup")
	}
	imp.Columns = append(cols, model.FieldEmployment, model.FieldRole)
	imp.Rows[0].Rec.Employment, imp.Rows[0].Rec.Role = model.Intern, model.AccountManager
	imp.Rows[1].Rec.Phone, imp.Rows[1].Rec.Employment, imp.Rows[1].Rec.Role = "13911112222", model.FullTime, model.OtherRole
	added, updated, _, err := db.ImportAdvisors(imp, true)
	if err != nil || added != 1 || updated != 1 {
		t.Fatalf("dry run: %d %d %v", added, updated, err)
	}
	if n, _ := db.Advisors.Count(); n != 3 {
		t.Fatal("the dry run wrote")
	}
	added, updated, backup, err := db.ImportAdvisors(imp, false)
	if err != nil || added != 1 || updated != 1 || VerifyFile(backup) != nil {
		t.Fatalf("import: %d %d %s %v", added, updated, backup, err)
	}
	got, _ := db.Advisors.ByEmpNo.Get("SA0002")
	if got.Name != "改名" || got.Employment != model.Intern || got.Department != dept || got.ID != a.ID {
		t.Fatalf("update must keep the columns the file lacks: %+v", got)
	}
	if _, err := db.Advisors.ByEmpNo.Get("NEW1"); err != nil {
		t.Fatal("new advisor missing")
	}
	mustCheck(t, db)
}

// TestChangeLog: a person's saves and deletes are logged field by field,
// described records by their fields' text, others by their stored names;
// an unchanged save and the program's own writes are not.
func TestChangeLog(t *testing.T) {
	sys := openTemp(t)
	db := sys.as(hrWho("hr-li"))
	a := &model.Advisor{EmpNo: "SA1", Name: "王芳", Employment: model.FullTime, Role: model.FrontDesk}
	if err := db.SaveAdvisor(a); err != nil {
		t.Fatal(err)
	}
	a.Phone, a.Department = "13800138000", "销售部"
	if err := db.SaveAdvisor(a); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveAdvisor(a); err != nil { // nothing changed
		t.Fatal(err)
	}
	other := &model.Advisor{EmpNo: "SA2", Name: "系统", Employment: model.FullTime, Role: model.FrontDesk}
	if err := sys.SaveAdvisor(other); err != nil { // the program, not a person
		t.Fatal(err)
	}
	if _, err := db.EnsureTemplate(); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteAdvisor(a.ID); err != nil {
		t.Fatal(err)
	}
	log, err := db.Changes(ChangeQuery{Table: "advisors"})
	if err != nil {
		t.Fatal(err)
	}
	if len(log) != 3 || log[0].Action != model.Deleted || log[1].Action != model.Updated || log[2].Action != model.Created {
		t.Fatalf("advisor log: %+v", log)
	}
	upd := log[1]
	if upd.Who.Name != "hr-li" || upd.Record != a.ID || len(upd.Fields) != 2 ||
		upd.Fields[0] != (model.FieldChange{Field: model.FieldPhone, Old: "", New: "13800138000"}) ||
		upd.Fields[1] != (model.FieldChange{Field: model.FieldDepartment, Old: "", New: "销售部"}) {
		t.Fatalf("the update logged %+v", upd)
	}
	if del := log[0]; len(del.Fields) == 0 || del.Fields[0] != (model.FieldChange{Field: model.FieldEmpNo, Old: "SA1", New: ""}) {
		t.Fatalf("the delete logged %+v", del)
	}
	tpl, _ := db.Changes(ChangeQuery{Table: "templates"})
	if len(tpl) != 1 || tpl[0].Action != model.Created || !slices.ContainsFunc(tpl[0].Fields, func(f model.FieldChange) bool {
		return f.Field == "name" && f.New != ""
	}) {
		t.Fatalf("template log: %+v", tpl)
	}
	if r, err := db.Check(context.Background()); err != nil || !r.OK() {
		t.Fatalf("check with a change log: %+v %v", r, err)
	}
}

// TestPersonsTablesActForThem: a person's DB hands out tables whose own
// transactions act for that person (so their saves are logged), on the same
// listing as the file's other DBs.
func TestPersonsTablesActForThem(t *testing.T) {
	sys := openTemp(t)
	db := sys.as(hrWho("hr-wang"))
	a := &model.Advisor{EmpNo: "SA9", Name: "李雷", Employment: model.FullTime, Role: model.FrontDesk}
	if err := db.Advisors.Save(a); err != nil {
		t.Fatal(err)
	}
	if log, _ := db.Changes(ChangeQuery{}); len(log) != 1 || log[0].Who.Name != "hr-wang" {
		t.Fatalf("a save through the person's table logged %+v", log)
	}
	var who model.Identity
	db.Advisors.db.View(func(tx *Tx) error { who = tx.who; return nil })
	if who.Name != "hr-wang" {
		t.Fatalf("the person's table reads as %+v", who)
	}
	if p, _ := sys.Advisors.Find(Query{Text: "李雷"}); p.Total != 1 {
		t.Fatal("the file's own DB does not list what the person saved")
	}
}

// TestChangeLogChain: each entry carries the hash of the one before, so an
// entry rewritten (with a valid checksum) or removed by another tool is
// found by check, at the entry after it.
func TestChangeLogChain(t *testing.T) {
	for _, tamper := range []string{"rewrite", "remove"} {
		t.Run(tamper, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "office.db")
			sys, err := openProgram(path, &Options{Now: fixedNow})
			if err != nil {
				t.Fatal(err)
			}
			db := sys.as(hrWho("hr-li"))
			a := &model.Advisor{EmpNo: "SA1", Name: "王芳", Employment: model.FullTime, Role: model.FrontDesk}
			for _, dept := range []string{"", "销售部", "售后部"} {
				a.Department = dept
				if err := db.SaveAdvisor(a); err != nil {
					t.Fatal(err)
				}
			}
			if r, err := sys.Check(context.Background()); err != nil || !r.OK() {
				t.Fatalf("a whole chain: %+v %v", r, err)
			}
			sys.Close()
			b, err := bolt.Open(path, 0o600, nil)
			if err != nil {
				t.Fatal(err)
			}
			b.Update(func(tx *bolt.Tx) error {
				log := tx.Bucket(bucketChanges)
				if tamper == "remove" {
					return log.Delete(itob(2))
				}
				var c model.Change
				if err := decode("changes", itob(2), log.Get(itob(2)), &c); err != nil {
					t.Fatal(err)
				}
				c.Who.Name = "someone-else"
				v, _ := encode(&c)
				return log.Put(itob(2), v)
			})
			b.Close()
			sys, err = openProgram(path, &Options{Now: fixedNow})
			if err != nil {
				t.Fatal(err)
			}
			defer sys.Close()
			r, err := sys.Check(context.Background())
			if err != nil || len(r.Problems) != 1 || r.Problems[0].Bucket != "changes" || btoi(r.Problems[0].Key) != 3 {
				t.Fatalf("check after the log's entry 2 was %sd: %+v %v", tamper, r, err)
			}
		})
	}
}

// TestChangesSkipDamagedEntry: one damaged entry of the change log leaves
// the others readable and is listed as unreadable; check reports it.
func TestChangesSkipDamagedEntry(t *testing.T) {
	path := filepath.Join(t.TempDir(), "office.db")
	sys, err := openProgram(path, &Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	db := sys.as(hrWho("hr-li"))
	a := &model.Advisor{EmpNo: "SA1", Name: "王芳", Employment: model.FullTime, Role: model.FrontDesk}
	for _, dept := range []string{"", "销售部", "售后部"} {
		a.Department = dept
		if err := db.SaveAdvisor(a); err != nil {
			t.Fatal(err)
		}
	}
	sys.Close()
	b, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	b.Update(func(tx *bolt.Tx) error {
		v := append([]byte(nil), tx.Bucket(bucketChanges).Get(itob(1))...)
		v[len(v)-1] ^= 0xFF // the checksum no longer holds
		return tx.Bucket(bucketChanges).Put(itob(1), v)
	})
	b.Close()
	sys, err = openProgram(path, &Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	defer sys.Close()
	if log, err := sys.RecordChanges("advisors", a.ID, 10); err != nil || len(log) != 3 || log[2].Action != model.Unreadable ||
		log[0].Action != model.Updated {
		t.Fatalf("history beside a damaged entry: %+v, %v", log, err)
	}
	if r, _ := sys.Check(context.Background()); r.OK() {
		t.Fatal("check does not report the damaged entry")
	}
}

// TestIDCardIsUnique: a second advisor with an ID card number already on
// file is refused on that field; advisors without one are many.
func TestIDCardIsUnique(t *testing.T) {
	db := openTemp(t)
	mk := func(empno, id string) *model.Advisor {
		return &model.Advisor{EmpNo: empno, Name: "王芳", Employment: model.FullTime, Role: model.FrontDesk, IDCard: id}
	}
	for _, a := range []*model.Advisor{mk("A1", "11010519491231002X"), mk("A2", ""), mk("A3", "")} {
		if err := db.SaveAdvisor(a); err != nil {
			t.Fatal(err)
		}
	}
	err := db.SaveAdvisor(mk("A4", "11010519491231002x"))
	if fes, ok := model.AsFieldErrors(err); !ok || fes.For(model.FieldIDCard) == nil || fes.For(model.FieldIDCard).Code != model.CodeDuplicate {
		t.Fatalf("a repeated ID card number: %v", err)
	}
}

// openProgram opens a file as the program itself: a test of the store's
// mechanics, not of who may do what (see access_test.go for that).
func openProgram(path string, opt *Options) (*DB, error) {
	db, err := Open(path, opt)
	if err != nil {
		return nil, err
	}
	return db.as(program), nil
}

// hrWho is an HR person without an account, for tests of the change log.
func hrWho(name string) model.Identity { return model.Identity{Name: name, Role: model.RoleHR} }

// The bench's commit floor commits (a transaction of its own, synced as
// any save), writes a page as a save does (more than an empty commit, which
// writes only the free list), and leaves every bucket's keys and values as
// they were.
func TestCommitFloorCommitsAndChangesNothing(t *testing.T) {
	db := openTemp(t)
	fill(t, db, 20)
	content := func() (int, []byte) {
		var id int
		var all []byte
		db.bolt.View(func(tx *bolt.Tx) error {
			id = tx.ID()
			return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
				all = append(all, name...)
				return allPairs(b, &all)
			})
		})
		return id, all
	}
	p0 := pagesAllocated(db)
	if err := db.bolt.Update(func(*bolt.Tx) error { return nil }); err != nil {
		t.Fatal(err)
	}
	id, before := content()
	p1 := pagesAllocated(db)
	if err := db.CommitFloor(); err != nil {
		t.Fatal(err)
	}
	next, after := content()
	if empty, floor := p1-p0, pagesAllocated(db)-p1; floor <= empty {
		t.Errorf("the floor wrote %d pages, an empty commit %d: it wrote no key", floor, empty)
	}
	if next != id+1 {
		t.Errorf("transaction %d after the floor, want %d: it did not commit", next, id+1)
	}
	if !bytes.Equal(before, after) {
		t.Error("the commit floor changed the file's content")
	}
	mustCheck(t, db)
}

func allPairs(b *bolt.Bucket, out *[]byte) error {
	return b.ForEach(func(k, v []byte) error {
		*out = append(append(*out, k...), v...)
		if v == nil {
			return allPairs(b.Bucket(k), out)
		}
		return nil
	})
}
