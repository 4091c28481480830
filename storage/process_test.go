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
		childWriter(os.Getenv("ADVISORDESK_DB"))
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
	db, err := Open(path, nil)
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	fmt.Println("open")
	bufio.NewReader(os.Stdin).ReadString('\n')
	db.Close()
	os.Exit(0)
}

// childWriter saves advisors one transaction each and prints each key after
// its commit returned: a printed key is an acknowledged save.
func childWriter(path string) {
	db, err := Open(path, nil)
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	w := bufio.NewWriter(os.Stdout)
	fmt.Fprintln(w, "open")
	w.Flush()
	for i := 0; ; i++ {
		a := &model.Advisor{EmpNo: fmt.Sprintf("P%d-%d", os.Getpid(), i), Name: "压力测试",
			Employment: model.FullTime, Role: model.FrontDesk, Notes: strings.Repeat("备注", i%50)}
		if err := db.Advisors.Save(a); err != nil {
			fmt.Println("error:", err)
			os.Exit(1)
		}
		fmt.Fprintf(w, "%d %s\n", a.ID, a.EmpNo)
		w.Flush()
	}
}

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
	_, err := Open(path, nil)
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

func TestCrashLosesNoAcknowledgedSave(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes")
	}
	path := filepath.Join(t.TempDir(), "office.db")
	acked := map[uint64]string{}
	r := rand.New(rand.NewPCG(1, 2))
	for round := 0; round < *crashRounds; round++ {
		cmd := child(t, "writer", path)
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
			id, empno, ok := strings.Cut(l, " ")
			if !ok {
				continue // a line cut short by the kill was never acknowledged
			}
			n, err := strconv.ParseUint(id, 10, 64)
			if err == nil {
				acked[n] = empno
			}
		}
		cmd.Wait()
	}
	db, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for id, empno := range acked {
		a, err := db.Advisors.Get(id)
		if err != nil || a.EmpNo != empno {
			t.Fatalf("acknowledged save %d (%s) lost: %v %v", id, empno, a, err)
		}
	}
	r2, err := db.Check(context.Background())
	if err != nil || !r2.OK() {
		t.Fatalf("check after crashes: %v %v", err, r2.Problems)
	}
	if len(acked) < *crashRounds {
		t.Fatalf("only %d saves acknowledged in %d rounds: the test did not exercise writes", len(acked), *crashRounds)
	}
	t.Logf("%d rounds, %d acknowledged saves, all present", *crashRounds, len(acked))
}
