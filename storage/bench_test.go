package storage

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"advisordesk/model"
)

// BenchmarkFsync is the baseline for BenchmarkSave: append a page and fsync
// on the same disk. Compare the two with benchstat.
func BenchmarkFsync(b *testing.B) {
	f, err := os.Create(filepath.Join(b.TempDir(), "fsync.bin"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	page := make([]byte, 4096)
	for b.Loop() {
		f.Write(page)
		f.Sync()
	}
}

// BenchmarkSave is one form save: one advisor, one transaction.
func BenchmarkSave(b *testing.B) {
	db := openTemp(b)
	fill(b, db, 1000)
	a, _ := db.Advisors.ByEmpNo.Get("SA0500")
	i := 0
	for b.Loop() {
		i++
		a.Notes = fmt.Sprint("修改 ", i)
		if err := db.Advisors.Save(a); err != nil {
			b.Fatal(err)
		}
	}
}

func large(b *testing.B, n int) *DB {
	db := openTemp(b)
	all := model.DemoAdvisors(n, 9, db.Today())
	for i := 0; i < n; i += 5000 {
		err := db.Update(func(tx *Tx) error {
			for j := i; j < min(i+5000, n); j++ {
				if err := db.Advisors.Put(tx, &all[j]); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	return db
}

// BenchmarkFilter100k is one keystroke in the roster's search box over
// 100,000 advisors, sorted by name, fetching the first page.
func BenchmarkFilter100k(b *testing.B) {
	db := large(b, 100_000)
	db.Advisors.Find(Query{Text: "x", Sort: db.Advisors.Column(model.FieldName)}) // load the listing and sort once
	words := []string{"王", "王小", "sa09", "销售部", "139"}
	i := 0
	for b.Loop() {
		if _, _, err := db.Advisors.FindRecords(Query{Text: words[i%len(words)], Sort: db.Advisors.Column(model.FieldName), Limit: 200}); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkBackup copies and verifies a file of 20,000 advisors.
func BenchmarkBackup(b *testing.B) {
	db := large(b, 20_000)
	out := filepath.Join(b.TempDir(), "copy.db")
	for b.Loop() {
		os.Remove(out)
		if err := db.Backup(context.Background(), out, nil); err != nil {
			b.Fatal(err)
		}
	}
}
