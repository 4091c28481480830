package storage

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
	"time"

	"advisordesk/model"
)

var followUpsOffice = flag.String("followups-office", "", "the 10,000-customer office of the follow-up benchmarks: read from a copy of this file, built there first if it is missing (so that runs of two trees, alternating, share one office)")

// followUpOffice is the demo office of 30 advisors and 10,000 customers,
// each advisor with about 333 customers (as at 100,000 customers and 300
// advisors), with the demo's history; signed in as HR.
func followUpOffice(b *testing.B) (*DB, []uint64) {
	b.Helper()
	path := filepath.Join(b.TempDir(), "f.db")
	shared := *followUpsOffice != ""
	if shared {
		if _, err := os.Stat(*followUpsOffice); err == nil {
			if err := copyFile(*followUpsOffice, path); err != nil {
				b.Fatal(err)
			}
		} else {
			path = *followUpsOffice
		}
	}
	fresh := !shared || path == *followUpsOffice
	file, err := Open(path, &Options{WeakHashes: true,
		Now: func() time.Time { return time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC) }})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { file.Close() })
	var db *DB
	if fresh {
		if db, _, err = file.SetUp("admin", "人事", testPassword); err == nil {
			err = db.LoadDemoWith(30, 1, 10_000)
		}
	} else {
		db, err = file.Login("admin", testPassword)
	}
	if err != nil {
		b.Fatal(err)
	}
	var advisors []uint64
	seen := map[uint64]bool{}
	db.Customers.Each(func(c *model.Customer) error {
		if !seen[c.AdvisorID] {
			seen[c.AdvisorID] = true
			advisors = append(advisors, c.AdvisorID)
		}
		return nil
	})
	return db, advisors
}

func BenchmarkDueList(b *testing.B) {
	db, advisors := followUpOffice(b)
	b.ResetTimer()
	n := 0
	for i := 0; b.Loop(); i++ {
		due, err := db.DueFollowUps(model.DueQuery{Advisor: advisors[i%len(advisors)]})
		if err != nil {
			b.Fatal(err)
		}
		n += len(due)
	}
	b.ReportMetric(float64(n)/float64(b.N), "calls/list")
}

// BenchmarkReceptionSave is a walk-in's save (a new customer, a service
// and its call, with their listing rows, indexes and log entries) next to
// a bare append+fsync on the same disk and to the commit floor (CommitFloor:
// the cheapest durable commit of the same file), the three alternating;
// issue 10's bound is x-fsync (p50 against p50) ≤ 3, x-floor is the save
// against what bbolt spends on any commit. pages/save and pages/floor are
// what bbolt allocated per commit, the free list's pages included.
func BenchmarkReceptionSave(b *testing.B) {
	db, advisors := followUpOffice(b)
	f, err := os.Create(filepath.Join(b.TempDir(), "fsync.bin"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	page := make([]byte, 4096)
	var fsyncs, floors, saves []time.Duration
	var floorPages, savePages int64
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		t := time.Now()
		if _, err := f.Write(page); err != nil {
			b.Fatal(err)
		}
		if err := f.Sync(); err != nil {
			b.Fatal(err)
		}
		fsyncs = append(fsyncs, time.Since(t))

		before := pagesAllocated(db)
		t = time.Now()
		if err := db.CommitFloor(); err != nil {
			b.Fatal(err)
		}
		floors = append(floors, time.Since(t))
		mid := pagesAllocated(db)
		floorPages += mid - before

		r := &model.Reception{Date: "2026-11-27", Time: "10:30", AdvisorID: advisors[i%len(advisors)], Outcome: model.OutcomeService}
		c := &model.Customer{Name: fmt.Sprintf("新客户%d", i), Phone: fmt.Sprintf("137%08d", i)}
		t = time.Now()
		if err := db.SaveReception(r, c); err != nil {
			b.Fatal(err)
		}
		saves = append(saves, time.Since(t))
		savePages += pagesAllocated(db) - mid
	}
	save, fsync, floor := median(saves), median(fsyncs), median(floors)
	b.ReportMetric(float64(save.Microseconds())/1000, "save-ms")
	b.ReportMetric(float64(fsync.Microseconds())/1000, "fsync-ms")
	b.ReportMetric(float64(floor.Microseconds())/1000, "floor-ms")
	b.ReportMetric(float64(save)/float64(fsync), "x-fsync")
	b.ReportMetric(float64(save)/float64(floor), "x-floor")
	b.ReportMetric(float64(savePages)/float64(len(saves)), "pages/save")
	b.ReportMetric(float64(floorPages)/float64(len(floors)), "pages/floor")
}

// BenchmarkReceptionSaveCPU is the same walk-in's save with bbolt's NoSync:
// what the program and bbolt spend besides the two fdatasyncs (validation,
// encoding, listing rows, indexes, the log, spill and the pwrites into the
// page cache), for profiles (-cpuprofile) and before/after comparisons.
// cpu-ms is the process's CPU time per save (garbage collection included),
// which a loaded machine disturbs less than the wall time.
func BenchmarkReceptionSaveCPU(b *testing.B) {
	db, advisors := followUpOffice(b)
	db.bolt.NoSync = true
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cpuTime()
	n := 0
	for i := 0; b.Loop(); i++ {
		r := &model.Reception{Date: "2026-11-27", Time: "10:30", AdvisorID: advisors[i%len(advisors)], Outcome: model.OutcomeService}
		c := &model.Customer{Name: fmt.Sprintf("新客户%d", i), Phone: fmt.Sprintf("137%08d", i)}
		if err := db.SaveReception(r, c); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64((cpuTime()-cpu).Microseconds())/1000/float64(n), "cpu-ms")
}

// cpuTime is the CPU the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// pagesAllocated is how many pages bbolt has allocated for commits so far.
func pagesAllocated(db *DB) int64 {
	st := db.bolt.Stats()
	return st.TxStats.GetPageCount()
}

func median(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2]
}
