package storage

import (
	"strconv"
	"strings"

	"advisordesk/model"
)

// The audit log is the change log (changes.go): besides each change of a
// record, it keeps sign-ins, failed sign-ins and lockouts, refused reads,
// assignees' views of personal data, exports and prints of personal data,
// and restores. Every entry carries the hash of the one before.

// appendLog adds c to the log inside tx, as tx's person, at tx's time.
func (tx *Tx) appendLog(c model.Change) error {
	c.At, c.Who = tx.now().UTC(), tx.who
	b := tx.tx.Bucket(bucketChanges)
	if _, last := b.Cursor().Last(); last != nil {
		c.Prev = chainHash(last)
	}
	v, err := encode(&c)
	if err != nil {
		return err
	}
	seq, err := b.NextSequence()
	if err != nil {
		return err
	}
	return tx.fill(b, true).Put(itob(seq), v)
}

// logEvent writes one entry for who in its own transaction. A failure to
// log is not the caller's failure (a sign-in still fails as it should); the
// check finds a log that could not be written.
func (db *DB) logEvent(who model.Identity, c model.Change) {
	if db.readOnly || who.Role == model.RoleProgram {
		return
	}
	db.as(program).Update(func(tx *Tx) error {
		tx.who = who
		return tx.appendLog(c)
	})
}

// logReads logs the reads a transaction refused and the records an
// assignee saw whole (once per record per signed-in DB).
func (db *DB) logReads(refused, viewed []refusedRead) {
	if db.readOnly || db.who.Role == "" || db.who.Role == model.RoleProgram {
		return
	}
	db.seenMu.Lock()
	var fresh []refusedRead
	for _, v := range viewed {
		if db.seen == nil {
			db.seen = map[refusedRead]bool{}
		}
		if !db.seen[v] {
			db.seen[v] = true
			fresh = append(fresh, v)
		}
	}
	db.seenMu.Unlock()
	if len(refused) == 0 && len(fresh) == 0 {
		return
	}
	who := db.who
	db.as(program).Update(func(tx *Tx) error {
		tx.who = who
		for _, r := range refused {
			if err := tx.appendLog(model.Change{Table: r.table, Record: r.id, Action: model.Refused}); err != nil {
				return err
			}
		}
		for _, r := range fresh {
			if err := tx.appendLog(model.Change{Table: r.table, Record: r.id, Action: model.Viewed}); err != nil {
				return err
			}
		}
		return nil
	})
}

// RecordHandover checks and logs h as the DB's person.
func (db *DB) RecordHandover(h model.Handover) error {
	if db.who.Role == "" {
		return ErrSignedOut
	}
	return db.Update(func(tx *Tx) error {
		if !tx.scope().Can(model.PermExportPersonal) {
			return &model.Refusal{Table: h.Table, Perm: model.PermExportPersonal}
		}
		return tx.appendLog(model.Change{Table: h.Table, Action: h.Action, Fields: []model.FieldChange{
			{Field: "file", New: h.What}, {Field: "rows", New: strconv.Itoa(h.Rows)}}})
	})
}

// matrix is the office's role matrix: the file's, or the default.
func (tx *Tx) matrix() model.Matrix {
	if m := tx.db.file.matrix.Load(); m != nil {
		return *m
	}
	m := model.DefaultMatrix()
	meta := tx.tx.Bucket(bucketMeta)
	if v := meta.Get(metaMatrix); v != nil {
		var stored model.Matrix
		if decode("meta", metaMatrix, v, &stored) == nil {
			// As this version's catalogue reads it: see Matrix.Upgrade.
			m = stored.Upgrade(strings.Fields(string(meta.Get(metaMatrixKnown))))
		}
	}
	tx.db.file.matrix.Store(&m)
	return m
}

var (
	metaMatrix      = []byte("matrix")
	metaMatrixKnown = []byte("matrix.known") // the catalogue's codes when it was saved
)

// Matrix is the office's role matrix, and the day HR last saved it ("" for
// the program's default).
func (db *DB) Matrix() (model.Matrix, model.Date, error) {
	var m model.Matrix
	var saved model.Date
	_, err := db.view(func(tx *Tx) error {
		if tx.who.Role == "" {
			return ErrSignedOut
		}
		m = tx.matrix()
		saved = model.Date(tx.tx.Bucket(bucketMeta).Get(metaMatrixSaved))
		return nil
	})
	return m, saved, err
}

var metaMatrixSaved = []byte("matrix.saved")

// SaveMatrix replaces the role matrix (HR), logging each role's codes
// before and after.
func (db *DB) SaveMatrix(m model.Matrix) error {
	if err := m.Validate(); err != nil {
		return err
	}
	v, err := encode(m)
	if err != nil {
		return err
	}
	return db.Update(func(tx *Tx) error {
		s := tx.scope()
		if !s.Can(model.PermManageAccounts) {
			return &model.Refusal{Table: "matrix", Perm: model.PermManageAccounts}
		}
		var fields []model.FieldChange
		for _, r := range model.AccountRoles {
			o, n := joinCodes(s.Matrix.Codes(r)), joinCodes(m.Codes(r))
			if o != n {
				fields = append(fields, model.FieldChange{Field: string(r), Old: o, New: n})
			}
		}
		meta := tx.tx.Bucket(bucketMeta)
		if err := meta.Put(metaMatrix, v); err != nil {
			return err
		}
		if err := meta.Put(metaMatrixSaved, []byte(model.DateOf(tx.now()))); err != nil {
			return err
		}
		if err := meta.Put(metaMatrixKnown, []byte(strings.Join(model.CatalogueCodes(), " "))); err != nil {
			return err
		}
		tx.onCommit = append(tx.onCommit, func() { db.file.matrix.Store(nil) })
		if len(fields) == 0 {
			return nil
		}
		return tx.appendLog(model.Change{Table: "matrix", Action: model.Updated, Fields: fields})
	})
}

func joinCodes(cs []string) string {
	out := ""
	for i, c := range cs {
		if i > 0 {
			out += " "
		}
		out += c
	}
	return out
}

// Audit reads the audit log, newest first (HR only).
func (db *DB) Audit(q model.AuditQuery) ([]model.Change, error) {
	var out []model.Change
	err := db.View(func(tx *Tx) error {
		if !tx.scope().Can(model.PermManageAccounts) {
			return &model.Refusal{Table: "changes", Perm: model.PermManageAccounts}
		}
		c := tx.tx.Bucket(bucketChanges).Cursor()
		k, v := c.Last()
		if q.Before != 0 { // a later page starts below the last entry shown
			if at, _ := c.Seek(itob(q.Before)); at != nil {
				k, v = c.Prev()
			} else { // all older: the cursor is put back on the newest
				k, v = c.Last()
			}
		}
		for ; k != nil && (q.Limit == 0 || len(out) < q.Limit); k, v = c.Prev() {
			var seq uint64
			if len(k) == 8 { // another tool's key reads as no place
				seq = btoi(k)
			}
			var ch model.Change
			if decode(string(bucketChanges), k, v, &ch) != nil {
				out = append(out, model.Change{Action: model.Unreadable, Seq: seq})
				continue
			}
			ch.Seq = seq
			if !q.Since.IsZero() && ch.At.Before(q.Since) {
				break // the log is in time order
			}
			if q.Matches(&ch) {
				out = append(out, ch)
			}
		}
		return nil
	})
	return out, err
}
