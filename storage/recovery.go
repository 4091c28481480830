package storage

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"time"
)

// CheckSnapshot runs the full check of the open file without stopping the
// program: the file's pages are copied as they are (a raw copy, which no
// damage can crash) into a hidden temporary file beside it, and that copy is
// checked in a child process (CheckIsolated): the child could not open the
// file itself while this process holds it.
func (db *DB) CheckSnapshot(ctx context.Context) (*Report, error) {
	tmp, err := os.CreateTemp(filepath.Dir(db.path), "."+filepath.Base(db.path)+".check.*.tmp")
	if err != nil {
		return nil, err
	}
	defer os.Remove(tmp.Name())
	err = db.View(func(tx *Tx) error {
		_, err := tx.tx.WriteTo(&progressWriter{ctx: ctx, w: tmp})
		return err
	})
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if ctx.Err() != nil {
		return nil, ErrCanceled
	}
	if err != nil {
		return nil, &DamagedError{Path: db.path, Reason: err.Error()}
	}
	r, err := CheckIsolated(ctx, tmp.Name())
	var d *DamagedError
	var te *CheckTimeoutError
	if errors.As(err, &d) {
		d.Path = db.path // the user knows the file, not our copy
	} else if errors.As(err, &te) {
		te.Path = db.path
	}
	return r, err
}

// LatestGoodBackup finds the newest copy of the file at path in its backups
// folder (by the time in its name) that verifies, and when it was taken:
// what a restore would bring back, and so what it would lose. A damaged file
// kept aside by a restore has another name and is never offered. "" when
// there is none.
func LatestGoodBackup(ctx context.Context, path string) (string, time.Time, error) {
	copies, err := listCopies(BackupDir(path), backupBase(path), false)
	if errors.Is(err, os.ErrNotExist) {
		return "", time.Time{}, nil
	}
	if err != nil {
		return "", time.Time{}, err
	}
	for _, c := range copies { // newest first
		if ctx.Err() != nil {
			return "", time.Time{}, ErrCanceled
		}
		if VerifyFile(c.Path) == nil {
			return c.Path, c.Taken, nil
		}
	}
	return "", time.Time{}, nil
}

// LatestGoodBackup is LatestGoodBackup for the open file.
func (db *DB) LatestGoodBackup(ctx context.Context) (string, time.Time, error) {
	return LatestGoodBackup(ctx, db.path)
}

// Recovery is what the window offers instead of opening a data file that
// cannot be opened safely: the problem, and the newest verified backup.
type Recovery struct {
	Path    string
	Problem error
	Backup  string // "" when no backup verifies
	Taken   time.Time
}

// StartCheck is the check the window runs before it opens its file: the
// quick check (QuickCheck, milliseconds at any size). nil means open it: it
// looks sound, or it does not exist yet, or it is empty and there is no
// backup to bring back. The full check runs once the window is up
// (CheckSnapshot).
func StartCheck(ctx context.Context, path string) *Recovery {
	err := QuickCheck(path)
	var (
		empty   *EmptyFileError
		damaged *DamagedError
		notData *NotDataFileError
	)
	if !errors.As(err, &empty) && !errors.As(err, &damaged) && !errors.As(err, &notData) {
		return nil // sound, new, or an error Open will explain (permissions…)
	}
	r := &Recovery{Path: path, Problem: err}
	r.Backup, r.Taken, _ = LatestGoodBackup(ctx, path)
	if errors.As(err, &empty) && r.Backup == "" {
		return nil // nothing to lose and nothing to bring back: a new office
	}
	return r
}

// Restore puts the offered backup in place; the file there now is kept in
// the backups folder as it is.
func (r *Recovery) Restore(ctx context.Context) error {
	_, err := RestoreFile(ctx, r.Path, r.Backup)
	return err
}
