package storage

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"runtime/debug"
	"strings"
	"time"
)

// bbolt panics on some damaged pages, and some of those panics (and memory
// faults) happen in goroutines of its own, where no recover reaches: its
// page check and the free-list rebuild walk pages in a goroutine. So a file
// is checked in full in a child process, the same executable started again
// with checkChildEnv naming the file; a crash or a hang there is the answer
// "damaged", never the end of the window or the command.

const checkChildEnv = "ADVISORDESK_CHECK_FILE"

// isolated is set once the executable has said it can act as the checker.
var isolated bool

// ServeCheck must be the first call in main of a program that opens data
// files (the window, the CLI, test binaries). Started as a checker, the
// process checks the file, prints its findings and exits; otherwise it
// returns and full checks from then on run in such a child process.
func ServeCheck() {
	path, ok := os.LookupEnv(checkChildEnv)
	if !ok {
		isolated = true
		return
	}
	res := childResult{}
	r, err := checkInProcess(path)
	if r != nil {
		res.Records, res.Problems, res.ToResolve = r.Records, r.Problems, r.ToResolve
	}
	res.Err = encodeErr(err)
	json.NewEncoder(os.Stdout).Encode(&res)
	os.Exit(0)
}

// checkInProcess opens the file read-only and runs Check, with panics on
// this goroutine turned into a *DamagedError.
func checkInProcess(path string) (r *Report, err error) {
	if err := QuickCheck(path); err != nil {
		return nil, err
	}
	db, err := Open(path, &Options{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer db.Close()
	err = guard(path, func() (err error) {
		r, err = db.Check(context.Background())
		return err
	})
	return r, err
}

// guard runs fn with memory faults turned into panics, and a panic (bbolt's
// assertions on a damaged page, a read past the mapped file) into a
// *DamagedError about path.
func guard(path string, fn func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = &DamagedError{Path: path, Reason: fmt.Sprintf("reading it failed: %v", r)}
		}
	}()
	return fn()
}

type childResult struct {
	Records   int
	Problems  []Problem
	ToResolve []Problem
	Err       *childErr `json:",omitempty"`
}

// childErr carries the typed errors a check can end with across the
// process boundary.
type childErr struct {
	Kind          string
	Path, Reason  string
	Version, Know uint64
}

func encodeErr(err error) *childErr {
	var (
		locked  *LockedError
		newer   *NewerFileError
		notData *NotDataFileError
		damaged *DamagedError
		empty   *EmptyFileError
		pe      *fs.PathError
	)
	switch {
	case err == nil:
		return nil
	case errors.As(err, &locked):
		return &childErr{Kind: "locked", Path: locked.Path}
	case errors.As(err, &newer):
		return &childErr{Kind: "newer", Path: newer.Path, Version: newer.Version, Know: newer.Know}
	case errors.As(err, &notData):
		return &childErr{Kind: "notdata", Path: notData.Path, Reason: notData.Reason}
	case errors.As(err, &damaged):
		return &childErr{Kind: "damaged", Path: damaged.Path, Reason: damaged.Reason}
	case errors.As(err, &empty):
		return &childErr{Kind: "empty", Path: empty.Path}
	case errors.As(err, &pe) && errors.Is(err, fs.ErrNotExist):
		return &childErr{Kind: "nofile", Path: pe.Path}
	}
	return &childErr{Kind: "other", Reason: err.Error()}
}

func (c *childErr) decode() error {
	switch c.Kind {
	case "locked":
		return &LockedError{Path: c.Path}
	case "newer":
		return &NewerFileError{Path: c.Path, Version: c.Version, Know: c.Know}
	case "notdata":
		return &NotDataFileError{Path: c.Path, Reason: c.Reason}
	case "damaged":
		return &DamagedError{Path: c.Path, Reason: c.Reason}
	case "empty":
		return &EmptyFileError{Path: c.Path}
	case "nofile":
		return &fs.PathError{Op: "open", Path: c.Path, Err: fs.ErrNotExist}
	}
	return errors.New(c.Reason)
}

// CheckTimeLimit is how long a full check of a file of size bytes may take
// before it counts as hung: generous (a cold disk reads ≈ 50 MB/s), since a
// slow check is only slow, but finite.
func CheckTimeLimit(size int64) time.Duration {
	return 30*time.Second + time.Duration(size/(10<<20))*time.Second
}

// CheckIsolated runs the full check of the file at path in a child process
// (when the executable called ServeCheck; otherwise in this process, guarded
// as far as a recover reaches). A crash or a hang of the child is reported
// as a *DamagedError, a check past its time limit as a *CheckTimeoutError.
// The child opens the file read-only, so a file another
// process holds open gives a *LockedError.
func CheckIsolated(ctx context.Context, path string) (*Report, error) {
	if !isolated {
		return checkInProcess(path)
	}
	if err := QuickCheck(path); err != nil {
		return nil, err
	}
	exe, err := os.Executable()
	if err != nil {
		return checkInProcess(path)
	}
	var size int64
	if st, err := os.Stat(path); err == nil {
		size = st.Size()
	}
	limit := CheckTimeLimit(size)
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, exe)
	cmd.Env = append(os.Environ(), checkChildEnv+"="+path)
	if h, ok := remembered(path); ok {
		cmd.Env = append(cmd.Env, checkHeadEnv+"="+h.String())
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &limitedBuffer{buf: &stderr, max: 4096}
	runErr := cmd.Run()
	var res childResult
	if jerr := json.Unmarshal(stdout.Bytes(), &res); runErr == nil && jerr == nil {
		if res.Err != nil {
			return nil, res.Err.decode()
		}
		return &Report{Records: res.Records, Problems: res.Problems, ToResolve: res.ToResolve}, nil
	}
	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return nil, &CheckTimeoutError{Path: path, Limit: limit}
	case ctx.Err() != nil:
		return nil, ErrCanceled
	}
	return nil, &DamagedError{Path: path, Reason: "the check crashed: " + firstLine(stderr.String(), runErr)}
}

// firstLine is the gist of a crashed child's output: Go prints the panic or
// fatal error on its first line.
func firstLine(out string, err error) string {
	for _, l := range strings.Split(out, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			return l
		}
	}
	if err != nil {
		return err.Error()
	}
	return "no answer"
}

// limitedBuffer keeps the first max bytes of what a child writes.
type limitedBuffer struct {
	buf *bytes.Buffer
	max int
}

func (l *limitedBuffer) Write(b []byte) (int, error) {
	if room := l.max - l.buf.Len(); room > 0 {
		l.buf.Write(b[:min(len(b), room)])
	}
	return len(b), nil
}
