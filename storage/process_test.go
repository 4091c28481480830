package storage

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"advisordesk/model"
)

// The test binary doubles as the child process of the lock and crash tests.
func TestMain(m *testing.M) {
	ServeCheck()
	switch os.Getenv("ADVISORDESK_CHILD") {
	case "hold":
		childHold(os.Getenv("ADVISORDESK_DB"))
	case "writer":
		childWriter(os.Getenv("ADVISORDESK_DB"), os.Getenv("ADVISORDESK_ROUND"), os.Getenv("ADVISORDESK_MUTATION"))
	}
	os.Exit(m.Run())
}

func child(t *testing.T, role, path string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "ADVISORDESK_CHILD="+role, "ADVISORDESK_DB="+path)
	cmd.Stderr = os.Stderr
	return cmd
}

// childHold opens the file, says so, and keeps it until stdin closes.
func childHold(path string) {
	db, err := openProgram(path, nil)
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	fmt.Println("open")
	bufio.NewReader(os.Stdin).ReadString('\n')
	db.Close()
	os.Exit(0)
}

// childWriter saves advisors one transaction each and prints each save's
// token once its commit has returned: a printed token is an acknowledged
// save. Tokens (round and count) never repeat across rounds, so a lost
// commit cannot hide behind a reused key. Two test-only mutations show that
// the tests below can fail: "early-ack" prints the token inside the
// transaction, before the commit; "no-sync" commits without fdatasync.
// With ADVISORDESK_SAVES set it closes the file after that many saves.
func childWriter(path, round, mutation string) {
	limit, _ := strconv.Atoi(os.Getenv("ADVISORDESK_SAVES"))
	db, err := openProgram(path, nil)
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	if mutation == "no-sync" {
		db.bolt.NoSync = true
	}
	w := bufio.NewWriter(os.Stdout)
	ack := func(token string) {
		fmt.Fprintln(w, token)
		w.Flush()
	}
	ack("open")
	for i := 0; limit == 0 || i < limit; i++ {
		token := fmt.Sprintf("R%s-%d", round, i)
		a := &model.Advisor{EmpNo: token, Name: "压力测试", Employment: model.FullTime, Role: model.FrontDesk,
			Notes: tokenNotes(token, i)}
		if mutation == "early-ack" {
			err = db.Update(func(tx *Tx) error {
				if err := db.Advisors.Put(tx, a); err != nil {
					return err
				}
				ack(token)
				return nil
			})
		} else if err = db.Advisors.Save(a); err == nil {
			ack(token)
		}
		if err != nil {
			fmt.Println("error:", err)
			os.Exit(1)
		}
	}
	db.Close()
	os.Exit(0)
}

// tokenNotes is the content a save with token carries besides its employee
// number; values of varied length touch varied numbers of pages.
func tokenNotes(token string, i int) string { return token + "·" + strings.Repeat("备注", i%50) }

func TestSecondProcessGetsLockError(t *testing.T) {
	path := filepath.Join(t.TempDir(), "office.db")
	holder := child(t, "hold", path)
	stdin, _ := holder.StdinPipe()
	out, _ := holder.StdoutPipe()
	if err := holder.Start(); err != nil {
		t.Fatal(err)
	}
	defer holder.Wait()
	defer stdin.Close()
	line, _ := bufio.NewReader(out).ReadString('\n')
	if line != "open\n" {
		t.Fatalf("holder: %q", line)
	}
	start := time.Now()
	_, err := openProgram(path, nil)
	elapsed := time.Since(start)
	var locked *LockedError
	if !errors.As(err, &locked) || locked.Path != path {
		t.Fatalf("want LockedError naming the file, got %v", err)
	}
	if !strings.Contains(err.Error(), "in use") {
		t.Fatalf("message does not say the file is in use: %q", err)
	}
	if elapsed > 3*time.Second {
		t.Fatalf("took %v to give up", elapsed)
	}
}

var crashRounds = flag.Int("crash-rounds", 50, "SIGKILLs in TestCrashLosesNoAcknowledgedSave (1000 for the long run)")

// A writer killed at any moment loses no acknowledged save. SIGKILL ends the
// process but not the kernel: pages written and not yet synced survive in
// the page cache, so this tests atomicity, not durability against a power
// cut (TestAcknowledgedSavesAreSynced checks the syncs).
func TestCrashLosesNoAcknowledgedSave(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes")
	}
	path := filepath.Join(t.TempDir(), "office.db")
	acked, lost := crashWriter(t, path, *crashRounds, "")
	if lost != "" {
		t.Fatal(lost)
	}
	db, err := openProgram(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	r, err := db.Check(context.Background())
	if err != nil || !r.OK() {
		t.Fatalf("check after crashes: %v %v", err, r.Problems)
	}
	if acked < *crashRounds {
		t.Fatalf("only %d saves acknowledged in %d rounds: the test did not exercise writes", acked, *crashRounds)
	}
	t.Logf("%d rounds, %d acknowledged saves, all present after every round", *crashRounds, acked)
}

// The crash test must be able to fail: a writer that acknowledges a save
// before its commit loses acknowledged saves when killed, and the test has
// to see it.
func TestCrashTestCatchesEarlyAcknowledgement(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes")
	}
	path := filepath.Join(t.TempDir(), "office.db")
	acked, lost := crashWriter(t, path, 100, "early-ack")
	if lost == "" {
		t.Fatalf("100 rounds of a writer that acknowledges before its commit, %d saves, and no loss seen", acked)
	}
	t.Logf("caught as expected: %s", lost)
}

// crashWriter runs rounds of a writer child killed at a random moment and,
// after every round, looks for every save acknowledged so far by its token
// and content. It returns the number of acknowledged saves and, at the first
// round that lost one, a description of the loss.
func crashWriter(t *testing.T, path string, rounds int, mutation string) (int, string) {
	acked := map[string]string{} // token → the notes saved with it
	r := rand.New(rand.NewPCG(1, 2))
	for round := 0; round < rounds; round++ {
		cmd := child(t, "writer", path)
		cmd.Env = append(cmd.Env, "ADVISORDESK_ROUND="+strconv.Itoa(round), "ADVISORDESK_MUTATION="+mutation)
		out, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string, 1024)
		go func() {
			s := bufio.NewScanner(out)
			for s.Scan() {
				lines <- s.Text()
			}
			close(lines)
		}()
		// Kill at a random moment once the writer is saving: the file is
		// open, so every round interrupts real commits.
		select {
		case l := <-lines:
			if l != "open" {
				t.Fatalf("round %d: writer said %q", round, l)
			}
		case <-time.After(20 * time.Second):
			t.Fatalf("round %d: writer did not open the file", round)
		}
		time.Sleep(time.Duration(5+r.IntN(40)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		for l := range lines {
			if strings.HasPrefix(l, "error:") {
				t.Fatalf("round %d: writer failed: %s", round, l)
			}
			// A line cut short by the kill was never acknowledged; a whole
			// one ends the token's count.
			_, count, ok := strings.Cut(l, "-")
			if i, err := strconv.Atoi(count); ok && err == nil {
				acked[l] = tokenNotes(l, i)
			}
		}
		cmd.Wait()
		if lost := missingSaves(t, path, acked); lost != "" {
			return len(acked), fmt.Sprintf("round %d: %s", round, lost)
		}
	}
	return len(acked), ""
}

// missingSaves reads the file and names the acknowledged saves it lacks.
func missingSaves(t *testing.T, path string, acked map[string]string) string {
	db, err := openProgram(path, &Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	found := map[string]string{}
	if err := db.Advisors.Each(func(a *model.Advisor) error {
		found[a.EmpNo] = a.Notes
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	var lost []string
	for token, notes := range acked {
		if found[token] != notes {
			lost = append(lost, token)
		}
	}
	if len(lost) == 0 {
		return ""
	}
	slices.Sort(lost)
	return fmt.Sprintf("%d of %d acknowledged saves lost (%s …)", len(lost), len(acked), lost[0])
}

// SIGKILL cannot show a missing fsync, so the writer runs under strace:
// before every acknowledgement the data file must have been synced twice
// since the previous one (bbolt's data pages, then its meta page), and not
// written since its last sync. The no-sync writer shows that the check can
// fail.
func TestAcknowledgedSavesAreSynced(t *testing.T) {
	if testing.Short() {
		t.Skip("runs child processes under strace")
	}
	strace, err := exec.LookPath("strace")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("strace missing on CI (scripts/deps test installs it)")
		}
		t.Skip("strace not installed")
	}
	const saves = 200
	acks, unsynced := tracedWriter(t, strace, saves, "")
	if acks != saves || len(unsynced) > 0 {
		t.Fatalf("%d of %d saves acknowledged, %d of them without the data file synced before: %v",
			acks, saves, len(unsynced), unsynced)
	}
	acks, unsynced = tracedWriter(t, strace, saves, "no-sync")
	if acks != saves || len(unsynced) != saves {
		t.Fatalf("a writer without fsync: %d saves acknowledged, only %d seen as unsynced", acks, len(unsynced))
	}
}

var ackWrite = regexp.MustCompile(`^write\(1<[^>]*>, "(R[0-9]+-[0-9]+)\\n"`)

// tracedWriter runs a writer for saves saves under strace and returns how
// many acknowledgements it saw and those not preceded by two syncs of the
// data file or written after the last one.
func tracedWriter(t *testing.T, strace string, saves int, mutation string) (int, []string) {
	dir := t.TempDir()
	path, log := filepath.Join(dir, "office.db"), filepath.Join(dir, "strace.log")
	cmd := exec.Command(strace, "-f", "-qq", "-y", "-e", "trace=fdatasync,fsync,write,pwrite64", "-e", "signal=none",
		"-o", log, os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "ADVISORDESK_CHILD=writer", "ADVISORDESK_DB="+path, "ADVISORDESK_ROUND=0",
		"ADVISORDESK_SAVES="+strconv.Itoa(saves), "ADVISORDESK_MUTATION="+mutation)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("writer under strace: %v\n%s", err, out)
	}
	f, err := os.Open(log)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var acks int
	var unsynced []string
	syncs, dirty := 0, false       // syncs since the last acknowledgement; written since the last sync
	pending := map[string]string{} // thread → the start of a call strace split
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		// strace pads the pid to five columns: "1751  write(…" has two spaces.
		tid, call, _ := strings.Cut(sc.Text(), " ")
		call = strings.TrimLeft(call, " ")
		if strings.HasSuffix(call, "<unfinished ...>") {
			pending[tid] = strings.TrimSuffix(call, "<unfinished ...>")
			continue
		}
		if strings.HasPrefix(call, "<... ") {
			_, rest, _ := strings.Cut(call, "resumed>")
			call = pending[tid] + rest
			delete(pending, tid)
		}
		switch {
		case (strings.HasPrefix(call, "fdatasync(") || strings.HasPrefix(call, "fsync(")) &&
			strings.Contains(call, path+">") && strings.HasSuffix(call, "= 0"):
			syncs++
			dirty = false
		case strings.HasPrefix(call, "pwrite64(") && strings.Contains(call, path+">"):
			dirty = true
		case strings.HasPrefix(call, "write(1<"): // "open" or an acknowledgement
			if m := ackWrite.FindStringSubmatch(call); m != nil {
				acks++
				if syncs < 2 || dirty {
					unsynced = append(unsynced, m[1])
				}
			}
			syncs = 0
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return acks, unsynced
}
