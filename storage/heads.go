package storage

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
)

// The audit log's head remembered outside the file. Each entry of the log
// carries the hash of the one before, so an entry edited with another tool
// breaks the chain, and check says where. A tool could recompute every
// hash after its edit; the chain then holds together, but no longer leads
// to the head this computer saw last: each program that writes a file
// remembers its log's last entry (number and hash) in a small file of the
// user's settings, and beside each backup it takes. Check compares.

// Head is the last entry of a change log: its number and the hash of what
// it stores.
type Head struct {
	Seq  uint64 `json:"seq"`
	Hash string `json:"hash"`
}

func (h Head) String() string { return fmt.Sprintf("%d:%s", h.Seq, h.Hash) }

func parseHead(s string) (Head, bool) {
	seq, hash, ok := strings.Cut(s, ":")
	n, err := strconv.ParseUint(seq, 10, 64)
	return Head{Seq: n, Hash: hash}, ok && err == nil && len(hash) == 64
}

var (
	headsMu   sync.Mutex
	headsPath string // "" remembers nothing (tests, unless they ask)
)

// RememberHeadsIn makes this program remember the log head of every file it
// writes in the file at path (JSON, a map from data file to head); the
// window and the command line use DefaultHeadsPath.
func RememberHeadsIn(path string) {
	headsMu.Lock()
	headsPath = path
	headsMu.Unlock()
}

// DefaultHeadsPath is heads.json beside the default data file, in the
// user's configuration folder.
func DefaultHeadsPath() (string, error) {
	p, err := DefaultPath()
	if err != nil {
		return "", err
	}
	return filepath.Join(filepath.Dir(p), "heads.json"), nil
}

func readHeads(path string) map[string]Head {
	m := map[string]Head{}
	if b, err := os.ReadFile(path); err == nil {
		json.Unmarshal(b, &m) // a damaged file of heads remembers nothing
	}
	return m
}

func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

// remembered is the head remembered for the data file at path.
func remembered(path string) (Head, bool) {
	headsMu.Lock()
	defer headsMu.Unlock()
	if headsPath == "" {
		return Head{}, false
	}
	h, ok := readHeads(headsPath)[absPath(path)]
	return h, ok
}

// remember writes h as the head of the data file at path; errors are
// ignored (the chain itself still protects the log).
func remember(path string, h Head) {
	headsMu.Lock()
	defer headsMu.Unlock()
	if headsPath == "" || h.Seq == 0 {
		return
	}
	m := readHeads(headsPath)
	for p := range m { // files gone (temporary copies, moved offices) are forgotten
		if _, err := os.Stat(p); errors.Is(err, fs.ErrNotExist) {
			delete(m, p)
		}
	}
	m[absPath(path)] = h
	b, err := json.MarshalIndent(m, "", " ")
	if err != nil {
		return
	}
	os.MkdirAll(filepath.Dir(headsPath), 0o700)
	tmp := headsPath + ".tmp"
	if os.WriteFile(tmp, b, 0o600) == nil {
		os.Rename(tmp, headsPath)
	}
}

// head reads the file's log head.
func (db *DB) head() (Head, error) {
	var h Head
	_, err := db.view(func(tx *Tx) error {
		b := tx.tx.Bucket(bucketChanges)
		if b == nil {
			return nil
		}
		if k, v := b.Cursor().Last(); k != nil {
			h = Head{Seq: btoi(k), Hash: chainHash(v)}
		}
		return nil
	})
	return h, err
}

// rememberHead remembers the file's log head as it is now.
func (db *DB) rememberHead() {
	if db.readOnly || db.scratch != "" {
		return
	}
	if h, err := db.head(); err == nil {
		remember(db.path, h)
	}
}

// headSidecar is the file beside a backup that holds its log head.
func headSidecar(backup string) string { return backup + ".head" }

// expectedHead is the head a check of the file at path compares the log
// with: given to a checking child by its parent, else remembered by this
// computer, else the one beside a backup.
func expectedHead(path string) (Head, string, bool) {
	if s := os.Getenv(checkHeadEnv); s != "" {
		h, ok := parseHead(s)
		return h, "settings", ok
	}
	if h, ok := remembered(path); ok {
		return h, "settings", true
	}
	if b, err := os.ReadFile(headSidecar(path)); err == nil {
		h, ok := parseHead(strings.TrimSpace(string(b)))
		return h, "backup", ok
	}
	return Head{}, "", false
}

// checkHeadEnv carries the remembered head to a checking child process.
const checkHeadEnv = "ADVISORDESK_CHECK_HEAD"

// headProblem compares the log in changes (its bucket) with the head
// expected for the file: the entry it names must be there and store what
// it stored then. A log that grew since is fine.
func headProblem(path string, get func(seq uint64) []byte) string {
	h, where, ok := expectedHead(path)
	if !ok {
		return ""
	}
	v := get(h.Seq)
	switch {
	case v == nil:
		return fmt.Sprintf("change log: entry %d, the last one this computer saw (%s), is gone: the file was replaced by an older copy, or its log cut by another tool", h.Seq, where)
	case chainHash(v) != h.Hash:
		return fmt.Sprintf("change log: entry %d differs from what this computer saw (%s): the log was rewritten by another tool", h.Seq, where)
	}
	return ""
}
