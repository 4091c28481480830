package storage

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// The damage campaign of issue 7: copies of a demo file are damaged in many
// ways and the built advisorctl runs check, export and restore on each, as
// separate processes with a time limit. It runs only when given the binary:
//
//	CGO_ENABLED=0 go build -o /tmp/advisorctl ./cmd/advisorctl
//	go test ./storage -run TestDamageCampaign -v -damage-ctl /tmp/advisorctl
//
// (.ci/run does this with the defaults; a longer run adds for example
// -damage-cases 2000 -damage-advisors 300 -damage-seed 7.)
var (
	damageCtl      = flag.String("damage-ctl", "", "advisorctl binary for TestDamageCampaign (skipped without it)")
	damageCases    = flag.Int("damage-cases", 220, "damaged copies in TestDamageCampaign")
	damageAdvisors = flag.Int("damage-advisors", 60, "advisors in the demo file TestDamageCampaign damages")
	damageSeed     = flag.Uint64("damage-seed", 1, "random seed of TestDamageCampaign")
	damageWrite    = flag.Bool("damage-write", false, "also run reindex (a read-write open) on each damaged copy")
	damageLimit    = flag.Duration("damage-limit", 90*time.Second, "time limit of one command in TestDamageCampaign")
)

var goStack = regexp.MustCompile(`(?m)^goroutine \d+ .*\[|\[signal SIG`)

// damage is one way of spoiling a copy of the file.
type damage struct {
	Kind   string // the kind of page hit, or "truncate"
	Where  string // header, element, value, or the truncation
	Page   int64
	Offset int64 // in the file
	Mask   byte  // XORed into the byte at Offset; 0 for a truncation
	Size   int64 // the new size, for a truncation
}

func (d damage) String() string {
	if d.Kind == "truncate" {
		return fmt.Sprintf("truncate to %d bytes", d.Size)
	}
	return fmt.Sprintf("%s page %d, %s byte at %d ^ %#02x", d.Kind, d.Page, d.Where, d.Offset, d.Mask)
}

func (d damage) apply(good []byte) []byte {
	if d.Kind == "truncate" {
		return append([]byte(nil), good[:d.Size]...)
	}
	b := append([]byte(nil), good...)
	b[d.Offset] ^= d.Mask
	return b
}

// plan spreads n damages over the kinds of pages the file has (so that hits
// on unused pages cannot make up the count) and over truncations.
func plan(pm *pageMap, size int64, n int, r *rand.Rand) []damage {
	byKind := map[string][]int64{}
	for id, k := range pm.Kinds {
		byKind[k] = append(byKind[k], int64(id))
	}
	ps := pm.PageSize
	var out []damage
	truncs := []int64{0, 100, ps, 2 * ps, 65536, size / 2, size - ps, size - 1}
	for len(out) < n/10 {
		s := int64(0)
		if len(out) < len(truncs) {
			s = truncs[len(out)]
		} else if r.IntN(2) == 0 {
			s = r.Int64N(size/ps) * ps
		} else {
			s = r.Int64N(size)
		}
		out = append(out, damage{Kind: "truncate", Where: "size", Size: max(0, s)})
	}
	kinds := []string{kindMeta, kindBranch, kindLeaf, kindFreelist, kindFree}
	wheres := []string{"header", "element", "value"}
	for i := 0; len(out) < n; i++ {
		kind := kinds[i%len(kinds)]
		pages := byKind[kind]
		if len(pages) == 0 {
			continue
		}
		// The most damage where the records are: branch and leaf pages get
		// a second turn.
		if i%len(kinds) >= 3 && i/len(kinds)%2 == 1 {
			kind = []string{kindBranch, kindLeaf}[r.IntN(2)]
			if pages = byKind[kind]; len(pages) == 0 {
				continue
			}
		}
		id := pages[r.IntN(len(pages))]
		where := wheres[(i/len(kinds))%len(wheres)]
		var off int64
		count := int64(pm.Elements[id])
		switch {
		case where == "header":
			off = r.Int64N(pageHeaderSize)
		case kind == kindMeta && where == "element": // the meta record's fields
			off = pageHeaderSize + r.Int64N(64)
		case where == "element" && count > 0:
			off = pageHeaderSize + r.Int64N(16*count)
		case where == "value" && count > 0 && pageHeaderSize+16*count < ps:
			off = pageHeaderSize + 16*count + r.Int64N(ps-pageHeaderSize-16*count)
		default:
			off = pageHeaderSize + r.Int64N(ps-pageHeaderSize)
		}
		mask := byte(1 << r.IntN(8))
		if r.IntN(3) == 0 {
			mask = byte(1 + r.IntN(255))
		}
		out = append(out, damage{Kind: kind, Where: where, Page: id, Offset: id*ps + off, Mask: mask})
	}
	return out
}

// outcome of one damaged copy.
type outcome struct {
	d        damage
	reported bool   // check said damaged (exit 1)
	failure  string // what went wrong, "" when all is well
}

func TestDamageCampaign(t *testing.T) {
	if *damageCtl == "" {
		t.Skip("needs -damage-ctl PATH (a built advisorctl)")
	}
	ctl, err := filepath.Abs(*damageCtl)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	bak := filepath.Join(dir, "goodbak.db")
	run := func(args ...string) (int, string, error) {
		ctx, cancel := context.WithTimeout(context.Background(), *damageLimit)
		defer cancel()
		cmd := exec.CommandContext(ctx, ctl, args...)
		cmd.Env = append(os.Environ(), "LANG=en_US.UTF-8", "ADVISORDESK_PASSWORD=damage campaign 1", "ADVISORDESK_USER=admin")
		out, err := cmd.CombinedOutput()
		if ctx.Err() != nil {
			return -1, string(out), fmt.Errorf("hang: no answer within %s", *damageLimit)
		}
		// A Go crash exits 2 (or by a signal: -1) and prints the stack of
		// its goroutines; a child's crash quoted in a report does not.
		code := cmd.ProcessState.ExitCode()
		if code != 0 && code != 1 || goStack.Match(out) {
			return code, string(out), fmt.Errorf("crash (exit %d): %s", code, firstLine(string(out), err))
		}
		return code, string(out), nil
	}
	mustRun := func(args ...string) {
		if code, out, err := run(args...); code != 0 || err != nil {
			t.Fatalf("%v: %d %v %s", args, code, err, out)
		}
	}
	mustRun("--db", good, "demo", "--advisors", fmt.Sprint(*damageAdvisors))
	mustRun("--db", good, "backup", "--out", bak)
	wantCSV := filepath.Join(dir, "good.csv")
	mustRun("--db", good, "export", "advisors", "--format", "csv", "--lang", "en", "--out", wantCSV)
	want, _ := os.ReadFile(wantCSV)
	raw, _ := os.ReadFile(good)
	pm, err := readPageMap(good)
	if err != nil {
		t.Fatal(err)
	}
	pages := map[string]int{}
	for _, k := range pm.Kinds {
		pages[k]++
	}
	r := rand.New(rand.NewPCG(*damageSeed, 7))
	damages := plan(pm, int64(len(raw)), *damageCases, r)
	fmt.Printf("damage campaign: %d advisors, %d bytes, %d pages (meta %d, branch %d, leaf %d, freelist %d, free %d), %d damaged copies, seed %d\n",
		*damageAdvisors, len(raw), len(pm.Kinds), pages[kindMeta], pages[kindBranch], pages[kindLeaf], pages[kindFreelist], pages[kindFree],
		len(damages), *damageSeed)

	one := func(i int, d damage) outcome {
		o := outcome{d: d}
		cdir := filepath.Join(dir, fmt.Sprint("case", i))
		os.MkdirAll(cdir, 0o700)
		defer os.RemoveAll(cdir)
		db := filepath.Join(cdir, "office.db")
		os.WriteFile(db, d.apply(raw), 0o600)
		if *damageWrite {
			w := filepath.Join(cdir, "write.db")
			os.WriteFile(w, d.apply(raw), 0o600)
			if _, _, err := run("--db", w, "reindex"); err != nil {
				o.failure = "reindex: " + err.Error()
				return o
			}
		}
		checkCode, checkOut, err := run("--db", db, "check")
		if err != nil {
			o.failure = "check: " + err.Error()
			return o
		}
		o.reported = checkCode == 1
		csv := filepath.Join(cdir, "out.csv")
		exportCode, exportOut, err := run("--db", db, "export", "advisors", "--format", "csv", "--lang", "en", "--out", csv)
		if err != nil {
			o.failure = "export: " + err.Error()
			return o
		}
		got, _ := os.ReadFile(csv)
		same := exportCode == 0 && bytes.Equal(got, want)
		switch {
		case exportCode == 0 && !same:
			o.failure = "export succeeded with different data"
		case !o.reported && !same:
			o.failure = fmt.Sprintf("check passed (%s) but export differs: %s", strings.TrimSpace(checkOut), firstLine(exportOut, nil))
		}
		if o.failure != "" {
			return o
		}
		if code, out, err := run("--db", db, "restore", bak); err != nil || code != 0 {
			o.failure = fmt.Sprintf("restore: exit %d %v %s", code, err, firstLine(out, nil))
			return o
		}
		// The restored file holds the office again (read here: it is the
		// good backup, nothing that could crash this process).
		rdb, err := openProgram(db, &Options{ReadOnly: true})
		if err != nil {
			o.failure = "open after restore: " + err.Error()
			return o
		}
		defer rdb.Close()
		if recs, err := rdb.AdvisorsByEmpNo(); err != nil || len(recs) != *damageAdvisors {
			o.failure = fmt.Sprintf("after restore: %d advisors, %v", len(recs), err)
		}
		return o
	}

	start := time.Now()
	outcomes := make([]outcome, len(damages))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				outcomes[i] = one(i, damages[i])
			}
		}()
	}
	for i := range damages {
		next <- i
	}
	close(next)
	wg.Wait()

	type tally struct{ cases, reported, harmless, failed int }
	counts := map[string]*tally{}
	var failures []string
	for _, o := range outcomes {
		c := counts[o.d.Kind]
		if c == nil {
			c = &tally{}
			counts[o.d.Kind] = c
		}
		c.cases++
		switch {
		case o.failure != "":
			c.failed++
			failures = append(failures, fmt.Sprintf("%s: %s", o.d, o.failure))
		case o.reported:
			c.reported++
		default:
			c.harmless++
		}
	}
	kinds := make([]string, 0, len(counts))
	for k := range counts {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	fmt.Printf("%-10s %6s %9s %9s %7s\n", "damaged", "cases", "reported", "same csv", "FAILED")
	for _, k := range kinds {
		c := counts[k]
		fmt.Printf("%-10s %6d %9d %9d %7d\n", k, c.cases, c.reported, c.harmless, c.failed)
	}
	fmt.Printf("%d copies in %s; each: check, export, restore from a good backup\n",
		len(damages), time.Since(start).Round(time.Second))
	for _, f := range failures {
		t.Error(f)
	}
	if len(damages) < 200 && *damageCases >= 200 {
		t.Fatalf("only %d damages planned", len(damages))
	}
}
