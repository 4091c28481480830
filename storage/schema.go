package storage

import (
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// SchemaVersion is the layout this build writes. Files with a lower version
// are migrated forward at Open, after a verified backup; a higher one is refused.
const SchemaVersion = 8

// Every bucket the program uses, in one place. Index and row buckets belong
// to their tables and are listed by them.
var (
	bucketMeta     = []byte("meta")
	bucketSettings = []byte("settings")

	metaSchema  = []byte("schema")
	metaCodec   = []byte("codec")
	metaCreated = []byte("created")
	metaLayout  = "layout." // + a table's name: the layout its derived data follows
)

func (db *DB) buckets() [][]byte {
	names := [][]byte{bucketMeta, bucketSettings, bucketChanges}
	for _, t := range db.tables() {
		names = append(names, t.bucketNames()...)
	}
	return names
}

// tables lists every record table, as Open declared them; check, reindex
// and migrations walk it.
func (db *DB) tables() []table { return db.all }

// A migration moves a file from version From to From+1 inside one transaction.
type migration struct {
	From  uint64
	Name  string
	Apply func(db *DB, tx *bolt.Tx) error
}

var migrations = []migration{
	// Version 1 kept advisors with only the employee-number index. Version 2
	// adds the department and status indexes, the listing rows behind fast
	// search, and the settings bucket: all derived, so rebuilding is enough.
	{From: 1, Name: "listing rows and more indexes", Apply: func(db *DB, tx *bolt.Tx) error {
		return db.Advisors.rebuild(tx)
	}},
	// Version 3 adds the appraisal tables (chapter 5); Open creates their
	// buckets, so there is nothing to move.
	{From: 2, Name: "appraisal tables", Apply: func(*DB, *bolt.Tx) error { return nil }},
	// Version 4 adds each name's pinyin to the advisors' search text, so
	// "dong" or "dj" finds 董静: the listing rows are derived, rebuild them.
	{From: 3, Name: "pinyin in the roster search", Apply: func(db *DB, tx *bolt.Tx) error {
		return db.Advisors.rebuild(tx)
	}},
	// Version 5 drops the listing rows of the tables no screen lists: every
	// commit that saved an evaluation wrote a row nothing read. (The roster's
	// and the cycles' rows, now derived from their descriptions, are rebuilt
	// by relayout, as every table without a recorded layout is.)
	{From: 4, Name: "no listing rows for unlisted tables", Apply: func(db *DB, tx *bolt.Tx) error {
		for _, name := range []string{"templates.rows", "evaluations.rows", "outcomes.rows"} {
			if tx.Bucket([]byte(name)) != nil {
				if err := tx.DeleteBucket([]byte(name)); err != nil {
					return err
				}
			}
		}
		return nil
	}},
	// Version 6 makes the supervisor a reference to an advisor: a name that
	// is exactly one advisor's becomes that reference; any other stays as
	// text for HR to resolve (check lists them, the roster marks them).
	{From: 5, Name: "supervisors as references", Apply: func(db *DB, tx *bolt.Tx) error {
		if err := resolveSupervisors(tx, db.Advisors.bucket); err != nil {
			return err
		}
		return db.rebuildLaidOut(tx, db.Advisors)
	}},
	// Version 7 adds accounts (chapter 2): their buckets are made at open,
	// and a file from before has none until its HR administrator is set
	// up. The version matters for what it refuses: an older program would
	// open a file with accounts as if there were none, past every scope.
	{From: 6, Name: "accounts", Apply: func(*DB, *bolt.Tx) error { return nil }},
	// Version 8 drops the reference indexes of a reception's customer and
	// a call's customer and advisor: the receptions' customer-and-day index
	// and the calls' day index hold the same keys first, and answer who
	// refers (a walk-in's save writes three B+trees fewer). What is left
	// needs no rebuild.
	{From: 7, Name: "reference indexes answered by the day indexes", Apply: func(db *DB, tx *bolt.Tx) error {
		return errors.Join(db.Receptions.dropServed(tx), db.FollowUps.dropServed(tx))
	}},
}

// rebuildLaidOut rebuilds t and records its layout, so that the open's
// relayout does not rebuild it a second time.
func (db *DB) rebuildLaidOut(tx *bolt.Tx, t table) error {
	if err := t.rebuild(tx); err != nil {
		return err
	}
	return tx.Bucket(bucketMeta).Put([]byte(metaLayout+t.Name()), []byte(t.layout()))
}

func (db *DB) migrate(tx *bolt.Tx, from uint64) error {
	for v := from; v < SchemaVersion; v++ {
		m := findMigration(v)
		if m == nil {
			return fmt.Errorf("no migration from schema version %d", v)
		}
		if err := m.Apply(db, tx); err != nil {
			return fmt.Errorf("migration %d→%d (%s): %w", v, v+1, m.Name, err)
		}
	}
	return tx.Bucket(bucketMeta).Put(metaSchema, itob(SchemaVersion))
}

func findMigration(from uint64) *migration {
	for i := range migrations {
		if migrations[i].From == from {
			return &migrations[i]
		}
	}
	return nil
}

// relayout rebuilds the derived data (listing rows, indexes) of every table
// whose layout differs from the one the file records, or that records none
// (a file from before layouts were recorded: rebuilt once), and records the
// current ones.
func (db *DB) relayout(tx *bolt.Tx) error {
	meta := tx.Bucket(bucketMeta)
	for _, t := range db.tables() {
		key, want := []byte(metaLayout+t.Name()), t.layout()
		if string(meta.Get(key)) == want {
			continue
		}
		if err := t.rebuild(tx); err != nil {
			return fmt.Errorf("rebuilding %s for its new layout: %w", t.Name(), err)
		}
		if err := meta.Put(key, []byte(want)); err != nil {
			return err
		}
	}
	return nil
}

// layoutStale reports whether a table's derived data follows another layout
// than this build's: a read-only open then reads a rebuilt copy.
func (db *DB) layoutStale() bool {
	stale := false
	db.bolt.View(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		for _, t := range db.tables() {
			if string(meta.Get([]byte(metaLayout+t.Name()))) != t.layout() {
				stale = true
			}
		}
		return nil
	})
	return stale
}
