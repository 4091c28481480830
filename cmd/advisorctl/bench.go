package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"advisordesk/model"
	"advisordesk/report"
	"advisordesk/storage"
)

// cmdBench measures the paths an office feels, each next to a baseline taken
// in the same run on the same disk, so a ratio survives a noisy machine.
func cmdBench(dbPath string, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print one JSON object")
	dir := fs.String("dir", "", "scratch folder on the disk to measure (default: beside the data file)")
	only := fs.String("only", "", "measure one part: import (our 100k export against hostile workbooks), sheets (printing), save (a save against a bare fsync), customers (filter and page at 100,000 customers) or followups (due lists and a walk-in's save there); several with commas (customers,followups: one office for both)")
	office := fs.String("office", "", "measure chapter 4 on a copy of this file (made by demo --advisors 300 --customers 100000) instead of building it")
	if pos, err := parse(fs, args); err != nil || len(pos) > 0 {
		return firstErr(err, errUsage{"bench takes no arguments"})
	}
	if *dir == "" {
		*dir = filepath.Dir(dbPath)
	}
	if err := os.MkdirAll(*dir, 0o700); err != nil {
		return err
	}
	scratch, err := os.MkdirTemp(*dir, "advisorctl-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(scratch)

	res := map[string]float64{}
	// Chapter 4's steps measure on one office of 100,000 customers, made
	// (or copied) once.
	crm := &crmOffice{dir: scratch, from: *office}
	defer crm.close()
	benchFollowUps := func(dir string, res map[string]float64) error { return benchFollowUps(crm, dir, res) }
	benchCustomers := func(_ string, res map[string]float64) error { return benchCustomers(crm, res) }
	steps := []func(string, map[string]float64) error{benchSave, benchLarge, benchDemoSpace, benchSheets, benchFollowUps, benchCustomers}
	if *only != "" {
		parts := map[string]func(string, map[string]float64) error{"import": benchImport, "sheets": benchSheets,
			"save": benchSave, "followups": benchFollowUps, "customers": benchCustomers}
		steps = nil
		for _, name := range strings.Split(*only, ",") {
			step, ok := parts[name]
			if !ok {
				return errUsage{"bench --only takes: import, sheets, save, followups, customers (or several, with commas)"}
			}
			steps = append(steps, step)
		}
	}
	for _, step := range steps {
		if err := step(scratch, res); err != nil {
			return err
		}
	}
	res["sheet_vs_target"] = round(res["sheet_cpu_ms"] / 10)
	res["batch500_vs_target"] = round(res["batch500_ms"] / 300)
	res["files500_vs_target"] = round(res["files500_ms"] / 2000)
	if *only != "" && !strings.Contains(*only, "sheets") {
		delete(res, "sheet_vs_target")
		delete(res, "batch500_vs_target")
		delete(res, "files500_vs_target")
	}
	if *only != "" {
		return printBench(stdout, res, *asJSON)
	}
	res["filter_vs_target"] = round(res["filter_100k_ms"] / 50)
	res["demo_space_vs_target"] = round(res["demo5k_file_vs_stored"] / 2)
	return printBench(stdout, res, *asJSON)
}

func printBench(stdout io.Writer, res map[string]float64, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(stdout)
		return enc.Encode(res)
	}
	keys := make([]string, 0, len(res))
	for k := range res {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		fmt.Fprintf(stdout, "%-26s %10.3f\n", k, res[k])
	}
	return nil
}

func ms(d time.Duration) float64 { return round(float64(d) / float64(time.Millisecond)) }

func round(f float64) float64 { return float64(int64(f*1000+0.5)) / 1000 }

func percentile(ds []time.Duration, p float64) float64 {
	s := slices.Clone(ds)
	slices.Sort(s)
	return ms(s[min(len(s)-1, int(float64(len(s))*p))])
}

// benchOffice makes a new file of the bench's own, signed in as its HR
// person (with cheap password hashes: nothing here is anyone's data).
func benchOffice(path string) (*storage.DB, error) {
	file, err := storage.Open(path, &storage.Options{WeakHashes: true})
	if err != nil {
		return nil, err
	}
	db, _, err := file.SetUp("bench", "bench", "bench password")
	if err != nil {
		file.Close()
		return nil, err
	}
	return db, nil
}

// benchSave times one form save (one transaction) in an office of 1,000,
// against the floor under any durable save: append a page to a file on the
// same disk and fsync it; and against the store's commit floor, the
// cheapest durable commit of the same file (bbolt's two fdatasyncs). The
// three alternate, so all see the same disk.
func benchSave(dir string, res map[string]float64) error {
	f, err := os.Create(filepath.Join(dir, "fsync.bin"))
	if err != nil {
		return err
	}
	defer f.Close()
	db, err := benchOffice(filepath.Join(dir, "save.db"))
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.LoadDemo(1000, 1); err != nil {
		return err
	}
	person := db // as the window saves: signed in, logged in the change log
	p, err := db.Advisors.Find(storage.Query{Sort: -1})
	if err != nil {
		return err
	}
	page := make([]byte, 4096)
	var fsyncs, floors, saves []time.Duration
	for i := 0; i < 400; i++ {
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

		a, err := db.Advisors.Get(p.IDs[i%len(p.IDs)])
		if err != nil {
			return err
		}
		a.Notes = fmt.Sprintf("第 %d 次修改", i)
		if i%3 == 0 { // a third are new advisors
			a.ID, a.EmpNo, a.IDCard = 0, fmt.Sprintf("NB%05d", i), "" // a new person: no one else's ID card
		}
		t = time.Now()
		if err := person.SaveAdvisor(a); err != nil {
			return err
		}
		saves = append(saves, time.Since(t))
	}
	res["fsync_p50_ms"] = percentile(fsyncs, 0.5)
	res["save_p50_ms"] = percentile(saves, 0.5)
	res["save_p99_ms"] = percentile(saves, 0.99)
	res["floor_p50_ms"] = percentile(floors, 0.5)
	res["save_vs_fsync"] = round(res["save_p50_ms"] / res["fsync_p50_ms"])
	res["save_vs_floor"] = round(res["save_p50_ms"] / res["floor_p50_ms"])
	return nil
}

// benchLarge builds an office of 100,000 advisors with enough notes to make a
// file of about 100 MB, then times search-as-you-type and a backup, next to
// a bare sequential write of the same size.
func benchLarge(dir string, res map[string]float64) error {
	path := filepath.Join(dir, "large.db")
	db, err := benchOffice(path)
	if err != nil {
		return err
	}
	defer db.Close()
	const n = 100_000
	all := model.DemoAdvisors(n, 9, db.Today())
	note := strings.Repeat("客户回访记录与服务改进备注。", 22) // ≈ 900 bytes
	t := time.Now()
	for i := 0; i < n; i += 5000 {
		err := db.Update(func(tx *storage.Tx) error {
			for j := i; j < min(i+5000, n); j++ {
				all[j].Notes = note
				if err := db.Advisors.Put(tx, &all[j]); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	res["load_100k_ms"] = ms(time.Since(t))

	t = time.Now()
	if _, err := db.Advisors.Find(storage.Query{Sort: -1, Limit: 1}); err != nil {
		return err
	}
	res["listing_open_100k_ms"] = ms(time.Since(t))
	t = time.Now()
	if _, err := db.Advisors.Find(storage.Query{Sort: db.Advisors.Column(model.FieldName), Limit: 1}); err != nil {
		return err
	}
	res["first_sort_100k_ms"] = ms(time.Since(t))

	if err := benchTyping(db, res); err != nil {
		return err
	}

	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	res["file_mb"] = round(float64(st.Size()) / (1 << 20))
	u, err := db.Usage()
	if err != nil {
		return err
	}
	res["large_file_vs_stored"] = round(float64(u.FileSize) / float64(u.Stored))
	t = time.Now()
	if err := db.Backup(context.Background(), filepath.Join(dir, "backup.db"), nil); err != nil {
		return err
	}
	scale := 100 / res["file_mb"] // report per 100 MB
	res["backup_100mb_ms"] = round(ms(time.Since(t)) * scale)

	t = time.Now()
	if err := seqWrite(filepath.Join(dir, "seq.bin"), st.Size()); err != nil {
		return err
	}
	res["seqwrite_100mb_ms"] = round(ms(time.Since(t)) * scale)
	return nil
}

// benchTyping times what a user types into the search box, one keystroke
// at a time, with the table sorted by name and one page of 200 rows
// fetched each time.
func benchTyping(db *storage.DB, res map[string]float64) error {
	var ds []time.Duration
	for _, word := range []string{"王小", "SA09", "销售部", "13912", "zz"} {
		typed := ""
		for _, r := range word {
			typed += string(r)
			for rep := 0; rep < 3; rep++ {
				t := time.Now()
				if _, _, err := db.Advisors.FindRecords(storage.Query{Text: typed, Sort: db.Advisors.Column(model.FieldName), Limit: 200}); err != nil {
					return err
				}
				ds = append(ds, time.Since(t))
			}
		}
	}
	res["filter_100k_ms"] = percentile(ds, 0.5)
	res["filter_100k_p99_ms"] = percentile(ds, 0.99)
	return nil
}

// benchDemoSpace builds a demo office of 5,000 advisors with three quarters
// of appraisals (a file well over the 16 MB below which bbolt grows by
// doubling) and compares its size with the bytes it stores; bound: twice.
func benchDemoSpace(dir string, res map[string]float64) error {
	db, err := benchOffice(filepath.Join(dir, "demo5k.db"))
	if err != nil {
		return err
	}
	defer db.Close()
	t := time.Now()
	if err := db.LoadDemo(5000, 1); err != nil {
		return err
	}
	res["demo5k_load_ms"] = ms(time.Since(t))
	u, err := db.Usage()
	if err != nil {
		return err
	}
	res["demo5k_file_mb"] = round(float64(u.FileSize) / (1 << 20))
	res["demo5k_stored_mb"] = round(float64(u.Stored) / (1 << 20))
	res["demo5k_file_vs_stored"] = round(float64(u.FileSize) / float64(u.Stored))
	return nil
}

func seqWrite(path string, size int64) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	buf := make([]byte, 1<<20)
	for done := int64(0); done < size; done += int64(len(buf)) {
		if _, err := f.Write(buf); err != nil {
			f.Close()
			return err
		}
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// benchSheets times appraisal sheets: the CPU of one filled sheet, 500
// sheets in one PDF, and 500 separate files written to disk.
func benchSheets(dir string, res map[string]float64) error {
	sheets, err := benchSheetData(filepath.Join(dir, "sheets.db"), 500)
	if err != nil {
		return err
	}
	m := report.Meta{Lang: "zh", Company: "星河汽车服务有限公司", Date: "2026-10-08"}
	// Warm up: the fonts are parsed once per process.
	if err := report.AppraisalSheets(io.Discard, sheets[:1], m); err != nil {
		return err
	}
	const n = 40
	cpu := cpuTime()
	for i := 0; i < n; i++ {
		if err := report.AppraisalSheets(io.Discard, sheets[i:i+1], m); err != nil {
			return err
		}
	}
	res["sheet_cpu_ms"] = ms((cpuTime() - cpu) / n)

	// The CPU time beside each wall time tells a loaded machine from a slow program.
	t, cpu := time.Now(), cpuTime()
	if err := report.AppraisalSheets(io.Discard, sheets, m); err != nil {
		return err
	}
	res["batch500_ms"] = ms(time.Since(t))
	res["batch500_cpu_ms"] = ms(cpuTime() - cpu)

	out := filepath.Join(dir, "sheets")
	if err := os.MkdirAll(out, 0o700); err != nil {
		return err
	}
	t, cpu = time.Now(), cpuTime()
	err = report.EachSheet(context.Background(), sheets, m, runtime.NumCPU(), func(i int, pdf []byte) error {
		return os.WriteFile(filepath.Join(out, sheets[i].FormNo+".pdf"), pdf, 0o600)
	})
	res["files500_ms"] = ms(time.Since(t))
	res["files500_cpu_ms"] = ms(cpuTime() - cpu)
	return err
}

// benchSheetData is n filled sheets of a demo office's latest published
// cycle: self, supervisor and customer forms with comments, as printed.
func benchSheetData(path string, n int) ([]report.Sheet, error) {
	db, err := benchOffice(path)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	if err := db.LoadDemo(n*5/4, 5); err != nil { // about one in ten has left or joined late
		return nil, err
	}
	c, err := db.LatestCycle()
	if err != nil {
		return nil, err
	}
	d, err := db.LoadCycle(c.ID)
	if err != nil {
		return nil, err
	}
	sheets := report.CycleSheets(d)
	if len(sheets) < n {
		return nil, fmt.Errorf("bench: the demo cycle has %d participants, want %d", len(sheets), n)
	}
	return sheets[:n], nil
}
