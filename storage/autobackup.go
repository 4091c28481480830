package storage

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"advisordesk/model"

	bolt "go.etcd.io/bbolt"
)

// Automatic copies of the data file. Each is named
// <file>-<yyyymmdd-hhmmss.mmm>-<reason>.db, written under a hidden name,
// verified, and only then renamed: a file with such a name is a verified copy.
// Rotation keeps the newest N of each reason in a folder and touches nothing
// whose name does not match this file's pattern exactly.

// backupStamp is the time in a copy's name; it sorts by age.
const backupStamp = "20060102-150405.000"

// Reasons of the scheduled copies.
const (
	ReasonDaily = model.BackupDaily
	ReasonClose = model.BackupClose
)

// Settings of the backup policy, kept in the data file.
const (
	SettingBackupKeep   = "backup_keep"
	SettingBackupSecond = "backup_second"
)

// SecondFolderError: the copy in the backups folder was made, but the second
// folder (a USB stick) could not be reached or written. Not fatal.
type SecondFolderError struct {
	Path string
	Err  error
}

func (e *SecondFolderError) Error() string {
	return fmt.Sprintf("the second backup folder %s cannot be used: %v", e.Path, e.Err)
}

func (e *SecondFolderError) Unwrap() error { return e.Err }

func (e *SecondFolderError) MessageKey() (string, map[string]any) {
	return "backups.second_missing", map[string]any{"Path": e.Path}
}

func backupBase(path string) string {
	return strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
}

func backupName(base string, t time.Time, reason string) string {
	return base + "-" + t.Local().Format(backupStamp) + "-" + reason + ".db"
}

// parseBackupName reads the time and reason out of the name of a copy of the
// file whose base name is base; ok is false for any other name, including the
// copies of a file whose name merely starts with base ("office-2025").
func parseBackupName(base, name string) (taken time.Time, reason string, ok bool) {
	rest, found := strings.CutPrefix(name, base+"-")
	if !found {
		return
	}
	if rest, found = strings.CutSuffix(rest, ".db"); !found {
		return
	}
	n := len(backupStamp)
	if len(rest) < n+2 || rest[n] != '-' {
		return
	}
	taken, err := time.ParseInLocation(backupStamp, rest[:n], time.Local)
	if err != nil {
		return
	}
	reason = rest[n+1:]
	for _, r := range reason {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') && r != '-' {
			return time.Time{}, "", false
		}
	}
	return taken, reason, true
}

// listCopies lists the copies of the file with base name base in dir,
// newest first.
func listCopies(dir, base string, second bool) ([]model.BackupCopy, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []model.BackupCopy
	for _, e := range entries {
		taken, reason, ok := parseBackupName(base, e.Name())
		if !ok || !e.Type().IsRegular() {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue // removed meanwhile
		}
		out = append(out, model.BackupCopy{Path: filepath.Join(dir, e.Name()), Taken: taken,
			Reason: reason, Size: info.Size(), Second: second})
	}
	slices.SortFunc(out, func(a, b model.BackupCopy) int { return b.Taken.Compare(a.Taken) })
	return out, nil
}

// pruneCopies removes the oldest copies of each reason beyond keep.
func pruneCopies(dir, base string, keep int) {
	copies, err := listCopies(dir, base, false)
	if err != nil {
		return
	}
	seen := map[string]int{}
	for _, c := range copies { // newest first
		seen[c.Reason]++
		if seen[c.Reason] > keep {
			os.Remove(c.Path)
			os.Remove(headSidecar(c.Path))
		}
	}
}

// DailyDue tells whether a daily copy is due at now: none of copies is a
// daily one taken on now's calendar day.
func DailyDue(copies []model.BackupCopy, now time.Time) bool {
	y, m, d := now.Local().Date()
	for _, c := range copies {
		if c.Reason != ReasonDaily || c.Second {
			continue
		}
		if cy, cm, cd := c.Taken.Local().Date(); cy == y && cm == m && cd == d {
			return false
		}
	}
	return true
}

// BackupPolicy reads how many copies to keep and the second folder.
func (db *DB) BackupPolicy() (model.BackupPolicy, error) {
	p := model.BackupPolicy{Keep: model.DefaultKeepBackups}
	err := db.View(func(tx *Tx) error {
		b := tx.tx.Bucket(bucketSettings)
		if b == nil {
			return nil
		}
		if n, err := strconv.Atoi(string(b.Get([]byte(SettingBackupKeep)))); err == nil && n > 0 {
			p.Keep = n
		}
		p.Second = string(b.Get([]byte(SettingBackupSecond)))
		return nil
	})
	if err == nil {
		db.keep.Store(int64(p.Keep))
	}
	return p, err
}

// SetBackupPolicy stores the policy after checking it: Keep within bounds,
// the second folder an existing folder other than the backups folder.
func (db *DB) SetBackupPolicy(p model.BackupPolicy) error {
	if err := p.Validate(); err != nil {
		return err
	}
	if p.Second != "" {
		p.Second = filepath.Clean(p.Second)
		if st, err := os.Stat(p.Second); err != nil || !st.IsDir() {
			return &SecondFolderError{Path: p.Second, Err: fmt.Errorf("not a folder")}
		}
		if p.Second == filepath.Clean(BackupDir(db.path)) {
			return &SecondFolderError{Path: p.Second, Err: fmt.Errorf("the backups folder itself")}
		}
	}
	err := db.Update(func(tx *Tx) error {
		b := tx.tx.Bucket(bucketSettings)
		if err := b.Put([]byte(SettingBackupKeep), []byte(strconv.Itoa(p.Keep))); err != nil {
			return err
		}
		return b.Put([]byte(SettingBackupSecond), []byte(p.Second))
	})
	if err == nil {
		db.keep.Store(int64(p.Keep))
	}
	return err
}

// keepCopies is the number of copies of each reason to keep, as last read
// from the file; it is read without a transaction so that the copy taken
// while a restore swaps the file can prune too.
func (db *DB) keepCopies() int {
	if n := db.keep.Load(); n > 0 {
		return int(n)
	}
	return model.DefaultKeepBackups
}

// Backups lists the copies of this file in the backups folder and the second
// folder, newest first. An unreachable second folder comes back as a
// *SecondFolderError beside the copies that could be listed.
func (db *DB) Backups() ([]model.BackupCopy, error) {
	p, err := db.BackupPolicy()
	if err != nil {
		return nil, err
	}
	base := backupBase(db.path)
	copies, err := listCopies(BackupDir(db.path), base, false)
	if err != nil && !os.IsNotExist(err) {
		return nil, err
	}
	if p.Second == "" {
		return copies, nil
	}
	more, err := listCopies(p.Second, base, true)
	copies = append(copies, more...)
	slices.SortStableFunc(copies, func(a, b model.BackupCopy) int { return b.Taken.Compare(a.Taken) })
	if err != nil {
		return copies, &SecondFolderError{Path: p.Second, Err: err}
	}
	return copies, nil
}

// BackupDue tells whether today's daily copy is still to be made.
func (db *DB) BackupDue() (bool, error) {
	copies, err := listCopies(BackupDir(db.path), backupBase(db.path), false)
	if err != nil && !os.IsNotExist(err) {
		return false, err
	}
	return DailyDue(copies, db.now()), nil
}

// AutoBackup takes a scheduled copy (ReasonDaily, ReasonClose) into the
// backups folder and the second folder, each verified, and rotates both. A
// close copy is skipped (path "") when nothing was written since this
// program's last copy or since the file was opened. A copy made in the
// backups folder but not in the second folder returns its path and a
// *SecondFolderError.
func (db *DB) AutoBackup(ctx context.Context, reason string, progress func(done, total int64)) (string, error) {
	p, err := db.BackupPolicy()
	if err != nil {
		return "", err
	}
	txid, err := db.lastTx()
	if err != nil {
		return "", err
	}
	if reason == ReasonClose && txid == db.copiedTx.Load() {
		return "", nil
	}
	out, err := db.writeCopy(ctx, BackupDir(db.path), reason, progress)
	if err != nil {
		return "", err
	}
	db.copiedTx.Store(txid)
	if p.Second == "" {
		return out, nil
	}
	if err := copyVerified(out, p.Second, filepath.Base(out)); err != nil {
		return out, &SecondFolderError{Path: p.Second, Err: err}
	}
	pruneCopies(p.Second, backupBase(db.path), p.Keep)
	return out, nil
}

// lastTx is the id of the newest committed transaction: it changes with
// every save.
func (db *DB) lastTx() (id uint64, err error) {
	err = db.View(func(tx *Tx) error {
		id = uint64(tx.tx.ID())
		return nil
	})
	return id, err
}

// autoBackup takes the verified copy made before a migration, restore, import
// or compaction, and keeps only the newest copies of that reason.
func (db *DB) autoBackup(dir, reason string) (string, error) {
	db.mu.RLock()
	defer db.mu.RUnlock()
	if db.bolt == nil {
		return "", errors.New("data file is closed")
	}
	return db.autoBackupFrom(db.bolt, dir, reason)
}

// autoBackupFrom is autoBackup for callers that hold db.mu (a migration
// while a restore swaps the file) or run before the DB is shared (Open).
func (db *DB) autoBackupFrom(b *bolt.DB, dir, reason string) (string, error) {
	if dir == "" {
		dir = BackupDir(db.path)
	}
	return db.writeCopyFrom(context.Background(), b, dir, reason, nil)
}

// writeCopy writes a verified copy into dir under its final name and rotates
// the copies of its reason there.
func (db *DB) writeCopy(ctx context.Context, dir, reason string, progress func(done, total int64)) (string, error) {
	db.mu.RLock()
	defer db.mu.RUnlock()
	if db.bolt == nil {
		return "", errors.New("data file is closed")
	}
	return db.writeCopyFrom(ctx, db.bolt, dir, reason, progress)
}

// writeCopyFrom is writeCopy from the bolt handle b; backup verifies the copy
// before it takes its name.
func (db *DB) writeCopyFrom(ctx context.Context, b *bolt.DB, dir, reason string, progress func(done, total int64)) (string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	base := backupBase(db.path)
	out := filepath.Join(dir, backupName(base, db.now(), reason))
	if err := db.backup(ctx, b, out, progress); err != nil {
		return "", err
	}
	pruneCopies(dir, base, db.keepCopies())
	return out, nil
}

// copyVerified copies the file src into dir as name: written under a hidden
// name, synced, verified, then renamed.
func copyVerified(src, dir, name string) error {
	if st, err := os.Stat(dir); err != nil {
		return err
	} else if !st.IsDir() {
		return fmt.Errorf("%s is not a folder", dir)
	}
	part := filepath.Join(dir, "."+name+".part")
	defer os.Remove(part)
	if err := copyFile(src, part); err != nil {
		return err
	}
	if err := VerifyFile(part); err != nil {
		return err
	}
	return renameSynced(part, filepath.Join(dir, name))
}
