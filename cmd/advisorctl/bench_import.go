package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"

	"advisordesk/exchange"
	"advisordesk/exchange/hostile"
	"advisordesk/i18n"
	"advisordesk/model"
)

// benchImport reads our own 100,000-row roster export, then each hostile
// workbook of exchange/hostile, and reports how long each took and the peak
// memory of the process while it ran. The bound: every hostile file is
// refused in no more time than the export takes to read (hostile_vs_export
// ≤ 1, in CPU time) and under 500 MB (peak RSS, Linux only).
func benchImport(dir string, res map[string]float64) error {
	zh, _ := i18n.For("zh")
	list := model.DemoAdvisors(exchange.MaxImportRows, 1, model.DateOf(time.Now()))
	export := filepath.Join(dir, "roster-100k.xlsx")
	if err := writeWith(export, func(f *os.File) error {
		_, err := exchange.AdvisorXLSX(f, zh, func(fn func(*model.Advisor) error) error {
			for i := range list {
				if err := fn(&list[i]); err != nil {
					return err
				}
			}
			return nil
		})
		return err
	}); err != nil {
		return err
	}
	list = nil
	// read gives wall and CPU time: on a busy machine (CI, 2 shared cores)
	// the wall clock mostly measures the neighbours, so the bound is on CPU.
	read := func(path string) (time.Duration, time.Duration, float64, error) {
		debug.FreeOSMemory()
		resetPeak()
		f, err := os.Open(path)
		if err != nil {
			return 0, 0, 0, err
		}
		defer f.Close()
		start, cpu := time.Now(), cpuTime()
		imp, err := exchange.ReadAdvisors(f, path)
		took, cpu := time.Since(start), cpuTime()-cpu
		if err == nil && len(imp.Rows) != exchange.MaxImportRows {
			err = fmt.Errorf("%s: %d rows read", path, len(imp.Rows))
		}
		return took, cpu, peakMB(), err
	}
	exportTook, exportCPU, rss, err := read(export)
	if err != nil {
		return err
	}
	res["import_xlsx100k_ms"], res["import_xlsx100k_cpu_ms"], res["import_xlsx100k_rss_mb"] = ms(exportTook), ms(exportCPU), rss
	st, _ := os.Stat(export)
	res["import_xlsx100k_file_mb"] = round(float64(st.Size()) / 1e6)
	var worst, worstCPU time.Duration
	names := slices.Sorted(func(yield func(string) bool) {
		for k := range hostile.Files() {
			if !yield(k) {
				return
			}
		}
	})
	for _, name := range names {
		path := filepath.Join(dir, name+".xlsx")
		if err := writeWith(path, func(f *os.File) error {
			w := bufio.NewWriter(f)
			if err := hostile.Workbook(w, hostile.Files()[name]); err != nil {
				return err
			}
			return w.Flush()
		}); err != nil {
			return err
		}
		took, cpu, rss, err := read(path)
		var fe *exchange.FileError
		if !errors.As(err, &fe) {
			return fmt.Errorf("hostile workbook %s was not refused (%v)", name, err)
		}
		os.Remove(path)
		key := "import_hostile_" + strings.NewReplacer("-", "_", ".", "_").Replace(strings.ToLower(name))
		res[key+"_ms"], res[key+"_cpu_ms"], res[key+"_rss_mb"] = ms(took), ms(cpu), rss
		worst, worstCPU = max(worst, took), max(worstCPU, cpu)
		res["import_hostile_max_rss_mb"] = max(res["import_hostile_max_rss_mb"], rss)
	}
	res["import_hostile_max_ms"], res["import_hostile_max_cpu_ms"] = ms(worst), ms(worstCPU)
	res["import_hostile_vs_export"] = round(float64(worstCPU) / float64(exportCPU))
	return nil
}

func writeWith(path string, fill func(*os.File) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := fill(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// resetPeak starts a new peak-RSS measurement (Linux: writing 5 to
// clear_refs resets VmHWM); peakMB reads it. Elsewhere both do nothing and
// the peak reads 0.
func resetPeak() { os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

func peakMB() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range bytes.Lines(b) {
		if f := strings.Fields(string(line)); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return round(kb / 1024)
		}
	}
	return 0
}
