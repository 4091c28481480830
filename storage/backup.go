package storage

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// KeepBackups is how many automatic backups stay in the backups folder.
const KeepBackups = 10

// BackupDir is where automatic backups of the file at path go.
func BackupDir(path string) string { return filepath.Join(filepath.Dir(path), "backups") }

// Backup writes a consistent copy of the open file to out while the program
// keeps working: the copy goes to a temporary file beside out, is synced,
// renamed into place and then opened and checked. A damaged copy is removed
// and reported.
func (db *DB) Backup(ctx context.Context, out string, progress func(done, total int64)) error {
	tmp, err := os.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	err = db.View(func(tx *Tx) error {
		w := &progressWriter{ctx: ctx, w: tmp, total: tx.tx.Size(), progress: progress}
		_, err := tx.tx.WriteTo(w)
		return err
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
	if err := renameSynced(tmp.Name(), out); err != nil {
		return err
	}
	if err := VerifyFile(out); err != nil {
		os.Remove(out)
		return fmt.Errorf("the backup did not verify: %w", err)
	}
	return nil
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

// VerifyFile opens the file at path read-only and runs Check on it: nil means
// it is a readable AdvisorDesk file without damage.
func VerifyFile(path string) error {
	db, err := Open(path, &Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer db.Close()
	r, err := db.Check(context.Background())
	if err != nil {
		return err
	}
	if !r.OK() {
		return &NotDataFileError{Path: path, Reason: fmt.Sprintf("%d problems, first: %s", len(r.Problems), r.Problems[0])}
	}
	return nil
}

// autoBackup takes the verified copy made before a migration, restore, import
// or compaction, and keeps only the newest KeepBackups of them.
func (db *DB) autoBackup(dir, reason string) (string, error) {
	if dir == "" {
		dir = BackupDir(db.path)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	base := strings.TrimSuffix(filepath.Base(db.path), filepath.Ext(db.path))
	out := filepath.Join(dir, fmt.Sprintf("%s-%s-%s.db", base, db.now().Format("20060102-150405.000"), reason))
	if err := db.Backup(context.Background(), out, nil); err != nil {
		return "", err
	}
	prune(dir, base+"-")
	return out, nil
}

func prune(dir, prefix string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	var names []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), prefix) && strings.HasSuffix(e.Name(), ".db") {
			names = append(names, e.Name())
		}
	}
	slices.Sort(names) // the timestamp in the name sorts by age
	for len(names) > KeepBackups {
		os.Remove(filepath.Join(dir, names[0]))
		names = names[1:]
	}
}

// Restore replaces the open file's contents with the backup at src. The
// backup is verified first; the current contents are saved to the backups
// folder (the returned path) before anything is replaced; an older backup is
// migrated forward as it opens.
func (db *DB) Restore(ctx context.Context, src string) (kept string, err error) {
	if err := VerifyFile(src); err != nil {
		return "", err
	}
	if ctx.Err() != nil {
		return "", ErrCanceled
	}
	kept, err = db.autoBackup("", "before-restore")
	if err != nil {
		return "", fmt.Errorf("backup before restore: %w", err)
	}
	tmp := db.path + ".restore.tmp"
	if err := copyFile(src, tmp); err != nil {
		os.Remove(tmp)
		return kept, err
	}
	return kept, db.swap(tmp)
}

// swap closes the file, renames next over it and opens it again, migrating
// it if it is older. On failure the kept backup is the way back.
func (db *DB) swap(next string) error {
	db.mu.Lock()
	defer db.mu.Unlock()
	if err := db.bolt.Close(); err != nil {
		return err
	}
	db.bolt = nil
	renameErr := renameSynced(next, db.path)
	if err := db.openBolt(); err != nil {
		return errors.Join(renameErr, err)
	}
	for _, t := range db.tables() {
		t.reset()
	}
	if renameErr != nil {
		return renameErr
	}
	return db.init("")
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
func (db *DB) CompactTo(ctx context.Context, out string, progress func(done, total int64)) (err error) {
	if _, err := os.Stat(out); err == nil {
		return fmt.Errorf("%s already exists", out)
	}
	dst, err := bolt.Open(out, 0o600, &bolt.Options{Timeout: LockTimeout, NoSync: true})
	if err != nil {
		return err
	}
	defer func() {
		if cerr := dst.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(out)
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
	if st, err := os.Stat(db.path); err == nil {
		before = st.Size()
	}
	tmp := db.path + ".compact.tmp"
	os.Remove(tmp)
	if err := db.CompactTo(ctx, tmp, progress); err != nil {
		return before, 0, err
	}
	if err := VerifyFile(tmp); err != nil {
		os.Remove(tmp)
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
