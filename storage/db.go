// Package storage keeps the office's records in one bbolt file: buckets,
// keys, the value codec, indexes, migrations, backup, restore and checks.
package storage

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"advisordesk/model"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// LockTimeout is how long Open waits for another process to let go of the file.
const LockTimeout = 2 * time.Second

// DB is an open data file as one person acts on it: Open's DB acts for the
// program itself (migrations, checks); As gives the DB of a person, whose
// every write the change log records.
type DB struct {
	*file
	who model.Identity

	// The tables, bound to this DB: every transaction a table method opens
	// acts for who. Their listings and indexes are the file's, shared.
	Advisors    *AdvisorTable
	Templates   *Table[model.Template, *model.Template]
	Cycles      *CycleTable
	Evaluations *EvaluationTable
	Outcomes    *OutcomeTable
	Accounts    *AccountTable
	Customers   *CustomerTable
	Products    *Table[model.Product, *model.Product]
	Receptions  *ReceptionTable
	FollowUps   *FollowUpTable
	Calendar    *Table[model.CalendarDay, *model.CalendarDay]
	Complaints  *ComplaintTable
	// Sales, targets and stock moves (sales.go).
	Sales          *SalesTable
	Targets        *TargetTable
	StockMoves     *Table[model.StockMove, *model.StockMove]
	stockByProduct *index[model.StockMove]
	MarketNotes    *Table[model.MarketNote, *model.MarketNote]

	out    atomic.Bool // signed out: acts for nobody
	seenMu sync.Mutex
	seen   map[refusedRead]bool // records whose whole view by an assignee is logged
}

// declare makes the DB's table handles. The first DB of a file registers
// the tables (for open, check, reindex and compaction); a person's DB gets
// handles of its own on the same listings.
func (db *DB) declare() {
	db.Advisors = newAdvisorTable(db)
	db.Templates = newTemplateTable(db)
	db.Cycles = newCycleTable(db)
	db.Evaluations = newEvaluationTable(db)
	db.Outcomes = newOutcomeTable(db)
	db.Accounts = newAccountTable(db)
	db.Customers = newCustomerTable(db)
	db.Products, _ = describedTable[model.Product, *model.Product](db, model.ProductRecord)
	db.Receptions = newReceptionTable(db)
	db.FollowUps = newFollowUpTable(db)
	db.Calendar, _ = describedTable[model.CalendarDay, *model.CalendarDay](db, model.CalendarRecord)
	db.Complaints = newComplaintTable(db)
	db.declareSales()
	db.MarketNotes, _ = describedTable[model.MarketNote, *model.MarketNote](db, model.MarketNoteRecord)
}

// Who is the person this DB acts for.
func (db *DB) Who() model.Identity { return db.who }

// file is an open data file, shared by the DBs of every person acting on it.
type file struct {
	path     string
	readOnly bool
	scratch  string // a migrated temporary copy of an older file, read instead of it
	now      func() time.Time

	mu   sync.RWMutex // guards bolt while restore or compaction swaps the file
	bolt *bolt.DB

	keep     atomic.Int64  // copies of each reason to keep (see autobackup.go)
	copiedTx atomic.Uint64 // the transaction the last automatic copy holds

	all   []table             // every table, as declared
	lists map[string]*listing // each listed table's rows in memory, by table

	matrix     atomic.Pointer[model.Matrix] // the role matrix as last read; nil after a change
	weakHashes bool
	dummyOnce  sync.Once
	dummy      string // a hash an unknown login is compared with (accounts.go)
}

// Options tune Open; the zero value is what the app uses.
type Options struct {
	ReadOnly bool
	// BackupDir receives the verified copy taken before a migration;
	// empty means a "backups" folder beside the file.
	BackupDir string
	// Now replaces the clock in tests.
	Now func() time.Time
	// WeakHashes makes new password hashes cheap (1 pass, 64 KiB): for
	// tests that sign in many times. Never set by the program.
	WeakHashes bool
	// scratch: the file is a temporary copy, migrated without a backup.
	scratch bool
}

// DefaultPath is the data file in the user's configuration folder, shared by
// the GUI and the CLI.
func DefaultPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "AdvisorDesk", "advisordesk.db"), nil
}

// Open opens or creates the data file at path. Another process holding the file
// yields a *LockedError after LockTimeout; a file from a newer program a
// *NewerFileError; an older schema is migrated after a verified backup.
func Open(path string, opt *Options) (*DB, error) {
	if opt == nil {
		opt = &Options{}
	}
	db := &DB{file: &file{path: path, readOnly: opt.ReadOnly, now: opt.Now, weakHashes: opt.WeakHashes}}
	if db.now == nil {
		db.now = time.Now
	}
	db.declare()
	if !opt.ReadOnly {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, err
		}
	}
	// What every open depends on is looked at first, without bbolt: a
	// damaged meta, root or free-list page, or a file cut short, is reported
	// here instead of crashing bbolt. A new (0-byte) file is made below.
	if err := QuickCheck(path); err != nil {
		var empty *EmptyFileError
		if !(errors.As(err, &empty) || errors.Is(err, fs.ErrNotExist)) || opt.ReadOnly {
			return nil, err
		}
	}
	// A file without a written free list gets one at this open, after a
	// walk of every page inside bbolt that no recover reaches: such a file
	// is checked in a child process first, once (the open writes the list).
	if !opt.ReadOnly && walksAtOpen(path) {
		if r, err := CheckIsolated(context.Background(), path); err != nil {
			return nil, err
		} else if !r.OK() {
			return nil, &DamagedError{Path: path, Reason: r.Problems[0].String()}
		}
	}
	if err := db.openBolt(); err != nil {
		return nil, err
	}
	// Panics on this goroutine while reading a damaged file become errors.
	var version uint64
	err := guard(path, func() (err error) {
		if opt.ReadOnly {
			version, err = db.checkVersion()
			return err
		}
		return db.init(opt.BackupDir, opt.scratch)
	})
	if err == nil && !opt.ReadOnly && !opt.scratch {
		removeStale(path)
	}
	if err == nil && opt.ReadOnly && (version < SchemaVersion || db.layoutStale()) {
		err = db.migrateScratch()
	}
	if err != nil {
		db.bolt.Close()
		return nil, err
	}
	db.BackupPolicy()
	if id, err := db.lastTx(); err == nil {
		db.copiedTx.Store(id) // nothing to copy on close until something is saved
	}
	return db, nil
}

// migrateScratch serves a read-only open of an older file: reading it as it
// is would show its missing indexes and listing rows as no records at all.
// The file is copied to a temporary file, which is migrated and read instead;
// the original is never changed. Close removes the copy.
func (db *DB) migrateScratch() error {
	tmp, err := os.CreateTemp("", "advisordesk-older-*.db")
	if err != nil {
		return err
	}
	db.scratch = tmp.Name()
	err = db.bolt.View(func(tx *bolt.Tx) error {
		_, err := tx.WriteTo(tmp)
		return err
	})
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(db.scratch)
		return err
	}
	inner, err := Open(db.scratch, &Options{Now: db.now, scratch: true})
	if err != nil {
		os.Remove(db.scratch)
		return err
	}
	db.bolt.Close()
	db.bolt = inner.bolt
	return nil
}

func (db *DB) openBolt() error {
	if db.readOnly {
		if _, err := os.Stat(db.path); err != nil {
			return err
		}
	}
	// The free list is written with every commit (bbolt's NoFreelistSync is
	// off): a read-write open then reads the free-list page instead of
	// walking every page of the file to rebuild it, which read a whole cold
	// 1.25 GB file (19.5 s) before the window could show anything, and
	// panicked inside bbolt on a damaged page. A file written without it
	// gets its free list written once, at its first read-write open.
	// The free list is kept as bbolt's sorted array: each commit writes the
	// whole list out sorted, which the array holds already, while the hash
	// map sorted every free page anew per commit (7,300 free pages in a
	// 100,000-customer demo office: ≈ 1 ms of a walk-in's save, see
	// docs/process.md).
	b, err := bolt.Open(db.path, 0o600, &bolt.Options{Timeout: LockTimeout, ReadOnly: db.readOnly,
		FreelistType: bolt.FreelistArrayType})
	if errors.Is(err, berrors.ErrTimeout) {
		return &LockedError{Path: db.path}
	}
	if err != nil {
		// The file could be opened but bbolt refused what is in it (wrong
		// kind of file, truncated, damaged header): say so about the file.
		var pe *fs.PathError
		if !errors.As(err, &pe) {
			return &NotDataFileError{Path: db.path, Reason: err.Error()}
		}
		return err
	}
	// Past 16 MB bbolt grows the file 16 MB at a time (AllocSize): a file
	// holding 24 MB took 48. Growing by 4 MB costs one more ftruncate and
	// fsync per 4 MB written and keeps the slack at the end small.
	b.AllocSize = 4 << 20
	db.bolt = b
	return nil
}

// schemaOf reads the file's schema version: 0 for a brand-new file.
func schemaOf(tx *bolt.Tx) (uint64, error) {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		if k, _ := tx.Cursor().First(); k != nil {
			return 0, errors.New("no meta bucket")
		}
		return 0, nil
	}
	v := meta.Get(metaSchema)
	if len(v) != 8 {
		return 0, errors.New("no schema version")
	}
	if c := meta.Get(metaCodec); string(c) != codecName {
		return 0, fmt.Errorf("unknown codec %q", c)
	}
	return btoi(v), nil
}

func (db *DB) checkVersion() (v uint64, err error) {
	return v, db.bolt.View(func(tx *bolt.Tx) error {
		v, err = schemaOf(tx)
		if err != nil || v == 0 {
			return &NotDataFileError{Path: db.path, Reason: fmt.Sprint("no schema version ", err)}
		}
		if v > SchemaVersion {
			return &NewerFileError{Path: db.path, Version: v, Know: SchemaVersion}
		}
		return nil
	})
}

// init creates a new file's buckets, or migrates an older one forward.
func (db *DB) init(backupDir string, scratch bool) error {
	var version uint64
	err := db.bolt.View(func(tx *bolt.Tx) (err error) {
		version, err = schemaOf(tx)
		return err
	})
	if err != nil {
		return &NotDataFileError{Path: db.path, Reason: err.Error()}
	}
	if version > SchemaVersion {
		return &NewerFileError{Path: db.path, Version: version, Know: SchemaVersion}
	}
	if version != 0 && version < SchemaVersion && !scratch {
		if _, err := db.autoBackupFrom(db.bolt, backupDir, fmt.Sprintf("before-migration-v%d", version)); err != nil {
			return fmt.Errorf("backup before migration: %w", err)
		}
	}
	return db.bolt.Update(func(tx *bolt.Tx) error {
		for _, name := range db.buckets() {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
		meta := tx.Bucket(bucketMeta)
		if version == 0 {
			if err := errors.Join(meta.Put(metaCodec, []byte(codecName)),
				meta.Put(metaCreated, []byte(db.now().UTC().Format(time.RFC3339))),
				meta.Put(metaSchema, itob(SchemaVersion))); err != nil {
				return err
			}
		}
		if version != 0 && version < SchemaVersion {
			if err := db.migrate(tx, version); err != nil {
				return err
			}
		}
		return db.relayout(tx)
	})
}

// Path is the data file's location, shown in Settings.
func (db *DB) Path() string { return db.path }

// Close releases the file.
func (db *DB) Close() error {
	if db.bolt != nil {
		db.rememberHead() // what this computer saw last of the log
	}
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.bolt == nil {
		return nil
	}
	err := db.bolt.Close()
	db.bolt = nil
	if db.scratch != "" {
		os.Remove(db.scratch)
	}
	return err
}

// Tx is one transaction over the file; table methods taking a *Tx let a caller
// write several records atomically.
type Tx struct {
	tx       *bolt.Tx
	onCommit []func()
	bulk     bool           // a bulk load: every page it writes is packed (see fill)
	who      model.Identity // the acting person; zero for nobody (refused)
	now      func() time.Time
	noLog    bool // demo data: not history, so not in the change log
	// demoCall, while demo data is made, records each call scheduled
	// (see demoReceptions).
	demoCall func(*model.FollowUp)
	// titles, when set in a read, keeps the reference titles it read
	// (see cachedRefText).
	titles map[titleKey][2]string

	db      *DB          // the DB the transaction runs on: its tables decide access
	sc      *model.Scope // the person's reach, read once per transaction
	refused []refusedRead
	viewed  []refusedRead

	refTexts map[refMemo][2]string // a read's referenced titles and keys, each decoded once (refText)
}

// How full bbolt packs a page when it splits one at commit. Its default, 0.5,
// leaves pages half empty wherever keys only grow: records and listing rows
// have sequence keys, so new ones append at the right edge and every page
// left behind stays at the fill it was split at. A bulk load (demo, import)
// writes most pages of the file in one transaction, index pages included.
// 0.9 leaves room for a record to grow in place before its page splits.
const (
	fillDefault = bolt.DefaultFillPercent
	fillPacked  = 0.9
)

// fill sets the fill percent of bucket b in this transaction: packed for
// sequence-keyed buckets and for everything in a bulk load.
func (tx *Tx) fill(b *bolt.Bucket, sequential bool) *bolt.Bucket {
	if sequential || tx.bulk {
		b.FillPercent = fillPacked
	} else {
		b.FillPercent = fillDefault
	}
	return b
}

// Update runs fn in one read-write transaction: everything fn wrote lands, or
// nothing does.
func (db *DB) Update(fn func(*Tx) error) error { return db.guardedUpdate(false, fn) }

// updateBulk is Update for a transaction that writes many records at once.
func (db *DB) updateBulk(fn func(*Tx) error) error { return db.guardedUpdate(true, fn) }

func (db *DB) guardedUpdate(bulk bool, fn func(*Tx) error) error {
	var refused []refusedRead
	err := func() error {
		db.mu.RLock()
		defer db.mu.RUnlock()
		if db.bolt == nil {
			return errors.New("data file is closed")
		}
		return guard(db.path, func() error { return db.update(bulk, fn, &refused) })
	}()
	if len(refused) > 0 {
		db.logReads(refused, nil) // the refused transaction rolled back; its attempt stays
	}
	return err
}

func (db *DB) update(bulk bool, fn func(*Tx) error, refused *[]refusedRead) error {
	// An archive in place of a delete is an outcome to tell, not a failure:
	// its transaction commits, then the caller hears of it.
	var archived *model.Archived
	err := db.bolt.Update(func(btx *bolt.Tx) error {
		tx := &Tx{tx: btx, bulk: bulk, who: db.who, now: db.now, db: db}
		tx.refresh()
		defer func() { *refused = tx.refused }()
		if err := fn(tx); err != nil && !errors.As(err, &archived) {
			return err
		}
		for _, f := range tx.onCommit {
			btx.OnCommit(f)
		}
		return nil
	})
	if err == nil && archived != nil {
		return archived
	}
	return err
}

// CommitFloor makes the cheapest durable commit of this file that writes a
// key, as every save does, and changes nothing in it: the schema version
// written back as it is. bbolt writes the root bucket's page, the free list
// and the meta page, with its two fdatasyncs, as under any save; benchmarks
// set a save's time against this one's, on the same file in the same run.
func (db *DB) CommitFloor() error {
	return db.guardedUpdate(false, func(tx *Tx) error {
		meta := tx.tx.Bucket(bucketMeta)
		return meta.Put(metaSchema, bytes.Clone(meta.Get(metaSchema)))
	})
}

// View runs fn in a read-only transaction. The reads it refused, and the
// records an assignee saw whole, are logged after it (see logReads).
func (db *DB) View(fn func(*Tx) error) error {
	tx, err := db.view(fn)
	if tx != nil && (len(tx.refused) > 0 || len(tx.viewed) > 0) {
		db.logReads(tx.refused, tx.viewed)
	}
	return err
}

func (db *DB) view(fn func(*Tx) error) (*Tx, error) {
	db.mu.RLock()
	defer db.mu.RUnlock()
	if db.bolt == nil {
		return nil, errors.New("data file is closed")
	}
	var tx *Tx
	err := guard(db.path, func() error {
		return db.bolt.View(func(btx *bolt.Tx) error {
			tx = &Tx{tx: btx, who: db.who, now: db.now, db: db}
			tx.refresh()
			return fn(tx)
		})
	})
	return tx, err
}

// Today is the current calendar day by the store's clock.
func (db *DB) Today() model.Date { return model.DateOf(db.now()) }

// Setting reads one office setting (company name, …); "" when unset.
func (db *DB) Setting(key string) (string, error) {
	var v string
	err := db.View(func(tx *Tx) error {
		if b := tx.tx.Bucket(bucketSettings); b != nil {
			v = string(b.Get([]byte(key)))
		}
		return nil
	})
	return v, err
}

// SetSetting stores one office setting (HR).
func (db *DB) SetSetting(key, value string) error {
	if err := db.needHR("settings"); err != nil {
		return err
	}
	return db.Update(func(tx *Tx) error {
		return tx.tx.Bucket(bucketSettings).Put([]byte(key), []byte(value))
	})
}

// Setting keys shared by the GUI and the CLI.
const SettingCompany = "company"
