package storage

import (
	"advisordesk/model"

	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// BackupDir is where automatic backups of the file at path go.
func BackupDir(path string) string { return filepath.Join(filepath.Dir(path), "backups") }

// Backup writes a consistent copy of the open file to out while the program
// keeps working: the copy goes to a temporary file beside out, is synced and
// checked, and only then renamed over out. A copy that does not verify is
// removed and reported, and out stays as it was. out may not be the data
// file itself, nor a file an AdvisorDesk program has open.
func (db *DB) Backup(ctx context.Context, out string, progress func(done, total int64)) error {
	if err := db.needHR("backups"); err != nil {
		return err
	}
	// A copy is every record's personal data leaving the program.
	db.logEvent(db.who, model.Change{Table: "backups", Action: model.Exported,
		Fields: []model.FieldChange{{Field: "file", New: filepath.Base(out)}}})
	db.mu.RLock()
	defer db.mu.RUnlock()
	if db.bolt == nil {
		return errors.New("data file is closed")
	}
	return db.backup(ctx, db.bolt, out, progress)
}

// backup is Backup from the bolt handle b, for callers that hold db.mu.
func (db *DB) backup(ctx context.Context, b *bolt.DB, out string, progress func(done, total int64)) error {
	if err := checkTarget(db.path, out); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	var head Head               // the copy's log head, kept beside it and in the settings
	err = guard(db.path, func() error {
		return b.View(func(tx *bolt.Tx) error {
			if c := tx.Bucket(bucketChanges); c != nil {
				if k, v := c.Cursor().Last(); k != nil {
					head = Head{Seq: btoi(k), Hash: chainHash(v)}
				}
			}
			w := &progressWriter{ctx: ctx, w: tmp, total: tx.Size(), progress: progress}
			_, err := tx.WriteTo(w)
			return err
		})
	})
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		if ctx.Err() != nil {
			return ErrCanceled
		}
		return err
	}
	if err := VerifyFile(tmp.Name()); err != nil {
		return fmt.Errorf("the backup did not verify, %s was not changed: %w", out, err)
	}
	if err := renameSynced(tmp.Name(), out); err != nil {
		return err
	}
	if head.Seq != 0 {
		os.WriteFile(headSidecar(out), []byte(head.String()+"\n"), 0o600)
		if !db.readOnly && db.scratch == "" {
			remember(db.path, head)
		}
	}
	return nil
}

// checkTarget refuses a backup target that is the data file itself, lies in
// a folder that does not exist, or is a data file open in an AdvisorDesk
// program (replacing it would pull the file from under that program).
func checkTarget(data, out string) error {
	dir := filepath.Dir(out)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return &NoFolderError{Path: dir}
	}
	st, err := os.Stat(out)
	if err != nil {
		return nil
	}
	if ds, err := os.Stat(data); err == nil && os.SameFile(ds, st) {
		return &SameFileError{Path: out}
	}
	if inUse(out) {
		return &TargetInUseError{Path: out}
	}
	return nil
}

// inUse tells whether another process holds path open as a data file, by
// asking for the shared lock a reader takes.
func inUse(path string) bool {
	var b *bolt.DB
	err := guard(path, func() (err error) {
		b, err = bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: 100 * time.Millisecond})
		return err
	})
	if b != nil {
		b.Close()
	}
	return errors.Is(err, berrors.ErrTimeout)
}

type progressWriter struct {
	ctx         context.Context
	w           io.Writer
	done, total int64
	progress    func(done, total int64)
}

func (p *progressWriter) Write(b []byte) (int, error) {
	if err := p.ctx.Err(); err != nil {
		return 0, err
	}
	n, err := p.w.Write(b)
	p.done += int64(n)
	if p.progress != nil {
		p.progress(p.done, p.total)
	}
	return n, err
}

// renameSynced renames a synced file into place and syncs the folder, so the
// new name survives a power cut.
func renameSynced(from, to string) error {
	if err := os.Rename(from, to); err != nil {
		return err
	}
	if d, err := os.Open(filepath.Dir(to)); err == nil {
		d.Sync() // not supported on Windows; the rename itself is durable there
		d.Close()
	}
	return nil
}

// VerifyFile runs the full check of the file at path in a child process
// (see CheckIsolated): nil means it is a readable AdvisorDesk file without
// damage.
func VerifyFile(path string) error {
	r, err := CheckIsolated(context.Background(), path)
	if err != nil {
		return err
	}
	if !r.OK() {
		return &DamagedError{Path: path, Reason: fmt.Sprintf("%d problems, first: %s", len(r.Problems), r.Problems[0])}
	}
	return nil
}

// Restore replaces the open file's contents with the backup at src (see
// RestoreFile): the file is closed, replaced and opened again, an older
// backup migrated forward as it opens.
func (db *DB) Restore(ctx context.Context, src string) (kept string, err error) {
	if err := db.needHR("backups"); err != nil {
		return "", err
	}
	if err := sameFile(db.path, src); err != nil {
		return "", err
	}
	if err := VerifyFile(src); err != nil {
		return "", err
	}
	before := db.logLength()
	kept, err = db.restore(ctx, src)
	if err == nil {
		// The log of the restored file says who put it back and how much
		// of the log before it was rolled back (kept in the copy).
		db.logEvent(db.who, model.Change{Table: "backups", Action: model.Restored, Fields: []model.FieldChange{
			{Field: "file", New: filepath.Base(src)}, {Field: "kept", New: kept},
			{Field: "entries", Old: strconv.Itoa(before), New: strconv.Itoa(db.logLength())}}})
		db.rememberHead() // the restored log is the one to compare with now
	}
	return kept, err
}

// needHR refuses the file's maintenance (copies, restores, compaction,
// reindexing, demo data) to anyone but HR and the program.
func (db *DB) needHR(table string) error {
	if db.who.Role == model.RoleProgram || db.scope().Can(model.PermManageAccounts) {
		return nil
	}
	if db.who.Role == "" {
		return ErrSignedOut
	}
	return &model.Refusal{Table: table, Perm: model.PermManageAccounts}
}

// NoteRestored writes in the log of a file just restored from src (with
// RestoreFile, while no program held it) who restored it and where the
// data before is kept (HR).
func (db *DB) NoteRestored(src, kept string) error {
	if err := db.needHR("backups"); err != nil {
		return err
	}
	return db.Update(func(tx *Tx) error {
		return tx.appendLog(model.Change{Table: "backups", Action: model.Restored, Fields: []model.FieldChange{
			{Field: "file", New: filepath.Base(src)}, {Field: "kept", New: kept}}})
	})
}

// logLength is the number of entries in the change log.
func (db *DB) logLength() int {
	n := 0
	db.view(func(tx *Tx) error {
		if b := tx.tx.Bucket(bucketChanges); b != nil {
			n = b.Stats().KeyN
		}
		return nil
	})
	return n
}

// CheckHR verifies login and password against the HR accounts of the file
// at path (a backup about to replace a damaged file), writing nothing to
// it. A file from before accounts passes: its set-up follows when it opens.
func CheckHR(path, login, password string) error {
	db, err := Open(path, &Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer db.Close()
	has, err := db.HasAccounts()
	if err != nil || !has {
		return err
	}
	p, err := db.Login(login, password)
	if err != nil {
		return err
	}
	if p.who.Role != model.RoleHR {
		return &model.Refusal{Table: "backups", Perm: model.PermManageAccounts}
	}
	return nil
}

func (db *DB) restore(ctx context.Context, src string) (kept string, err error) {
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.bolt != nil { // nil after a restore that could not open its result
		if err := db.bolt.Close(); err != nil {
			return "", err
		}
		db.bolt = nil
	}
	kept, err = restoreFile(ctx, db.path, src, true)
	if oerr := db.reopen(); err == nil {
		err = oerr
	}
	return kept, err
}

// reopen opens the file again after a swap, migrating it if it is older;
// the caller holds db.mu.
func (db *DB) reopen() error {
	if err := QuickCheck(db.path); err != nil {
		return err
	}
	if err := db.openBolt(); err != nil {
		return err
	}
	for _, t := range db.tables() {
		t.reset()
	}
	return guard(db.path, func() error { return db.init("", false) })
}

// RestoreFile puts the backup at src in place of the data file at path,
// which no program may hold open. The backup is verified first. What path
// held is kept in the backups folder (the returned path): a sound file as a
// checked backup, a damaged, foreign or empty one exactly as it is, so that
// restoring always works when it is needed most. The swap is one rename.
func RestoreFile(ctx context.Context, path, src string) (kept string, err error) {
	return restoreFile(ctx, path, src, false)
}

func restoreFile(ctx context.Context, path, src string, verified bool) (kept string, err error) {
	if err := sameFile(path, src); err != nil {
		return "", err
	}
	if !verified {
		if err := VerifyFile(src); err != nil {
			return "", err
		}
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return "", err
	}
	if ctx.Err() != nil {
		return "", ErrCanceled
	}
	reason := "before-restore"
	switch r, err := CheckIsolated(ctx, path); {
	case errors.Is(err, fs.ErrNotExist):
		reason = ""
	case errors.Is(err, ErrCanceled):
		return "", err
	case err != nil:
		var locked *LockedError
		if errors.As(err, &locked) {
			return "", err
		}
		reason = "damaged"
	case !r.OK():
		reason = "damaged"
	}
	tmp := path + ".restore.tmp"
	if err := copyFile(src, tmp); err != nil {
		os.Remove(tmp)
		return "", err
	}
	if reason != "" {
		if kept, err = keepAside(path, reason); err != nil {
			os.Remove(tmp)
			return "", fmt.Errorf("keeping the current data before restore: %w", err)
		}
	}
	if err := renameSynced(tmp, path); err != nil {
		os.Remove(tmp)
		return kept, err
	}
	// Open once to migrate an older backup forward (after its own backup).
	db, err := Open(path, nil)
	if err != nil {
		return kept, err
	}
	return kept, db.Close()
}

// keepAside puts the file at path, exactly as it is, into the backups folder
// under a name that says why; path itself stays until it is replaced.
func keepAside(path, reason string) (string, error) {
	dir := BackupDir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	base, now := backupBase(path), time.Now()
	// A sound file is kept as a copy (base-time-reason.db: listed, offered
	// for restore); a damaged one under a name that is not a copy's.
	out := filepath.Join(dir, backupName(base, now, reason))
	if reason != "before-restore" {
		out = filepath.Join(dir, base+"-"+reason+"-"+now.Local().Format(backupStamp)+".db")
	}
	// A hard link keeps the bytes without copying them; where the file
	// system has none, a copy.
	if err := os.Link(path, out); err != nil {
		if err := copyFile(path, out); err != nil {
			os.Remove(out)
			return "", err
		}
	}
	return out, nil
}

func sameFile(a, b string) error {
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	if err1 == nil && err2 == nil && os.SameFile(sa, sb) {
		return &SameFileError{Path: b}
	}
	return nil
}

// swap closes the file, renames next over it and opens it again. On failure
// the kept backup is the way back.
func (db *DB) swap(next string) error {
	db.mu.Lock()
	defer db.mu.Unlock()
	if err := db.bolt.Close(); err != nil {
		return err
	}
	db.bolt = nil
	renameErr := renameSynced(next, db.path)
	return errors.Join(renameErr, db.reopen())
}

// removeStale deletes the temporary files a killed backup, restore or
// compaction of the file at path left behind. It runs once the file is open
// for writing: holding its lock, no other program is making them now.
func removeStale(path string) {
	base := filepath.Base(path)
	stem := strings.TrimSuffix(base, filepath.Ext(base))
	for dir, prefix := range map[string]string{filepath.Dir(path): "." + base + ".", BackupDir(path): "." + stem + "-"} {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if n := e.Name(); strings.HasPrefix(n, prefix) && strings.HasSuffix(n, ".tmp") {
				os.Remove(filepath.Join(dir, n))
			}
		}
	}
	os.Remove(path + ".restore.tmp")
	os.Remove(path + ".compact.tmp")
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// CompactTo copies every bucket into a new file at out, which leaves out the
// free pages that deletes leave behind (bbolt never shrinks a file). Progress
// counts keys copied; a cancel removes the partial file.
func (db *DB) CompactTo(ctx context.Context, out string, progress func(done, total int64)) error {
	if err := db.needHR("backups"); err != nil {
		return err
	}
	if _, err := os.Stat(out); err == nil {
		return fmt.Errorf("%s already exists", out)
	}
	if st, err := os.Stat(filepath.Dir(out)); err != nil || !st.IsDir() {
		return &NoFolderError{Path: filepath.Dir(out)}
	}
	// The copy is made under a temporary name and appears at out only once
	// it verified: a failed or canceled compaction leaves nothing behind.
	f, err := os.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	f.Close()
	defer os.Remove(tmp) // a no-op once renamed
	if err := db.compactInto(ctx, tmp, progress); err != nil {
		return err
	}
	if err := VerifyFile(tmp); err != nil {
		return fmt.Errorf("the compacted copy did not verify: %w", err)
	}
	return renameSynced(tmp, out)
}

func (db *DB) compactInto(ctx context.Context, out string, progress func(done, total int64)) (err error) {
	dst, err := bolt.Open(out, 0o600, &bolt.Options{Timeout: LockTimeout, NoSync: true})
	if err != nil {
		return err
	}
	defer func() {
		if cerr := dst.Close(); err == nil {
			err = cerr
		}
	}()
	err = db.View(func(tx *Tx) error {
		var total, done int64
		tx.tx.ForEach(func(_ []byte, b *bolt.Bucket) error {
			total += int64(b.Stats().KeyN)
			return nil
		})
		return tx.tx.ForEach(func(name []byte, src *bolt.Bucket) error {
			c := src.Cursor()
			k, v := c.First()
			first := true
			for k != nil || first {
				if err := ctx.Err(); err != nil {
					return ErrCanceled
				}
				// A chunk of keys per transaction bounds the memory a large
				// bucket needs.
				err := dst.Update(func(dtx *bolt.Tx) error {
					b, err := dtx.CreateBucketIfNotExists(name)
					if err != nil {
						return err
					}
					b.FillPercent = 0.9 // sequence keys append: pack pages nearly full
					if first {
						if err := b.SetSequence(src.Sequence()); err != nil {
							return err
						}
						first = false
					}
					for n := 0; k != nil && n < 5000; n++ {
						if err := b.Put(k, v); err != nil {
							return err
						}
						done++
						k, v = c.Next()
					}
					return nil
				})
				if err != nil {
					return err
				}
				if progress != nil {
					progress(done, total)
				}
			}
			return nil
		})
	})
	if err == nil {
		err = dst.Sync()
	}
	return err
}

// Compact rewrites the open file without its free pages and swaps it in; the
// old file goes to the backups folder.
func (db *DB) Compact(ctx context.Context, progress func(done, total int64)) (before, after int64, err error) {
	if err := db.needHR("backups"); err != nil {
		return 0, 0, err
	}
	if st, err := os.Stat(db.path); err == nil {
		before = st.Size()
	}
	tmp := db.path + ".compact.tmp"
	os.Remove(tmp)
	if err := db.CompactTo(ctx, tmp, progress); err != nil {
		return before, 0, err
	}
	if _, err := db.autoBackup("", "before-compact"); err != nil {
		os.Remove(tmp)
		return before, 0, err
	}
	if err := db.swap(tmp); err != nil {
		return before, 0, err
	}
	if st, err := os.Stat(db.path); err == nil {
		after = st.Size()
	}
	return before, after, nil
}
