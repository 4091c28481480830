package main

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"advisordesk/model"
	"advisordesk/storage"
)

// benchFollowUps times, on the office of 100,000 customers, an advisor's
// due list (through the open-call index, never a scan) and a supervisor's
// team list, and a walk-in's save with its change-log entry, indexes and
// scheduled call next to a bare fsync on the same disk, the two
// alternating.
func benchFollowUps(o *crmOffice, dir string, res map[string]float64) error {
	db, err := o.open(res)
	if err != nil {
		return err
	}
	if err := timeDueLists(db, o.advisors, res); err != nil {
		return err
	}
	return timeReceptionSaves(db, dir, o.advisors, o.customers, res)
}

// timeDueLists times advisors' due lists and supervisors' team lists.
func timeDueLists(db *storage.DB, advisors []uint64, res map[string]float64) error {
	var lists, teams []time.Duration
	calls, cpu := 0, cpuTime()
	for i := range 60 {
		a := advisors[(i*37)%len(advisors)]
		t := time.Now()
		due, err := db.DueFollowUps(model.DueQuery{Advisor: a})
		if err != nil {
			return err
		}
		lists = append(lists, time.Since(t))
		calls += len(due)
	}
	// CPU per list beside the wall times, as for the customer filter.
	res["followups_due_cpu_ms"] = round(ms(cpuTime()-cpu) / float64(len(lists)))
	res["followups_due_calls"] = round(float64(calls) / float64(len(lists)))
	sups := supervisors(db)
	for i := range 12 {
		t := time.Now()
		if _, err := db.DueFollowUps(model.DueQuery{Advisor: sups[i%len(sups)], Team: true}); err != nil {
			return err
		}
		teams = append(teams, time.Since(t))
	}
	res["followups_due_ms"] = percentile(lists, 0.5)
	res["followups_due_p99_ms"] = percentile(lists, 0.99)
	res["followups_team_due_ms"] = percentile(teams, 0.5)
	res["followups_due_vs_target"] = round(res["followups_due_ms"] / 20)
	return nil
}

// timeReceptionSaves times walk-ins' saves, each next to a bare fsync on
// the same disk and to the store's commit floor (the cheapest durable
// commit of the same file: bbolt's two fdatasyncs over the fewest pages),
// the three alternating; customers are those on file.
func timeReceptionSaves(db *storage.DB, dir string, advisors, customers []uint64, res map[string]float64) error {
	f, err := os.Create(filepath.Join(dir, "reception-fsync.bin"))
	if err != nil {
		return err
	}
	defer f.Close()
	page := make([]byte, 4096)
	var fsyncs, floors, saves []time.Duration
	today := db.Today()
	for i := range 300 {
		t := time.Now()
		if _, err := f.Write(page); err != nil {
			return err
		}
		if err := f.Sync(); err != nil {
			return err
		}
		fsyncs = append(fsyncs, time.Since(t))

		t = time.Now()
		if err := db.CommitFloor(); err != nil {
			return err
		}
		floors = append(floors, time.Since(t))

		// Half walk-ins new to the desk, half customers on file; every
		// one a service, which schedules its call.
		r := &model.Reception{Date: today, Time: "10:30", AdvisorID: advisors[i%len(advisors)],
			Need: "常规保养", Outcome: model.OutcomeService}
		var c *model.Customer
		if i%2 == 0 {
			c = &model.Customer{Name: fmt.Sprintf("新客户%d", i), Phone: fmt.Sprintf("137%08d", i)}
		} else {
			r.CustomerID = customers[(i*331)%len(customers)]
		}
		t = time.Now()
		if err := db.SaveReception(r, c); err != nil {
			return fmt.Errorf("reception %d: %w", i, err)
		}
		saves = append(saves, time.Since(t))
	}
	res["reception_fsync_p50_ms"] = percentile(fsyncs, 0.5)
	res["reception_save_ms"] = percentile(saves, 0.5)
	res["reception_save_p99_ms"] = percentile(saves, 0.99)
	res["reception_save_vs_fsync"] = round(res["reception_save_ms"] / res["reception_fsync_p50_ms"])
	res["commit_floor_ms"] = percentile(floors, 0.5)
	res["commit_floor_vs_fsync"] = round(res["commit_floor_ms"] / res["reception_fsync_p50_ms"])
	res["reception_save_vs_floor"] = round(res["reception_save_ms"] / res["commit_floor_ms"])
	return nil
}

// supervisors are the advisors who lead others.
func supervisors(db *storage.DB) []uint64 {
	var out []uint64
	seen := map[uint64]bool{}
	db.Advisors.Each(func(a *model.Advisor) error {
		if a.SupervisorID != 0 && !seen[a.SupervisorID] {
			seen[a.SupervisorID] = true
			out = append(out, a.SupervisorID)
		}
		return nil
	})
	return out
}
