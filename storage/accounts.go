package storage

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"

	"advisordesk/model"

	bolt "go.etcd.io/bbolt"
	"golang.org/x/crypto/argon2"
)

// Accounts (chapter 2). A data file with accounts is reached only by
// signing in: Open's DB acts for nobody and refuses every record; Login,
// SetUp and Recover hand out the DB of a person. Passwords are kept as
// argon2id hashes; the recovery code, shown once at set-up for HR to print,
// resets an HR password when no HR can sign in.

// AccountTable holds the accounts, found by login.
type AccountTable struct {
	*Table[model.Account, *model.Account]
	ByLogin Index[model.Account, string]
}

func newAccountTable(db *DB) *AccountTable {
	t := &AccountTable{}
	t.Table, t.ByLogin = describedTable[model.Account, *model.Account](db, model.AccountRecord)
	// HR reads every account; anyone reads their own.
	t.scope.allow = func(tx *Tx, s *model.Scope, a *model.Account, write bool) bool {
		return write || s.Can(model.PermManageAccounts) || a.ID == tx.who.Account
	}
	t.scope.listed = func(s *model.Scope, r *row) bool {
		return s.Can(model.PermManageAccounts) || r.id == s.Who.Account
	}
	t.scope.rule = func(tx *Tx, old, a *model.Account) error {
		switch {
		case a == nil:
			return ErrNeverDeleted
		case old != nil && old.Role == model.RoleHR && old.State == model.Enabled &&
			(a.Role != model.RoleHR || a.State != model.Enabled):
			if n, err := db.enabledHR(tx); err != nil {
				return err
			} else if n <= 1 {
				return ErrLastHR
			}
		}
		return nil
	}
	return t
}

// Sign-in errors. A wrong login and a wrong password are one error: the
// message gives no hint which was wrong.
var (
	ErrBadLogin      error = &keyed{"err.bad_login", "wrong login or password"}
	ErrDisabled      error = &keyed{"err.account_disabled", "this account is disabled; ask HR"}
	ErrHasAccounts   error = &keyed{"err.has_accounts", "the file already has accounts: sign in"}
	ErrBadRecovery   error = &keyed{"err.bad_recovery", "wrong login or recovery code"}
	ErrLastHR        error = &keyed{"err.last_hr", "the last enabled HR account cannot be disabled or given another role"}
	ErrWrongPassword error = &keyed{"err.wrong_password", "the current password is wrong"}
)

// LockedOutError: too many wrong passwords; the account waits until Until.
type LockedOutError struct{ Until time.Time }

func (e *LockedOutError) Error() string {
	return "too many wrong passwords: try again after " + e.Until.Local().Format("15:04:05")
}

func (e *LockedOutError) MessageKey() (string, map[string]any) {
	return "err.locked_out", map[string]any{"Time": e.Until.Local().Format("15:04:05")}
}

// Lockout: from the fifth wrong password in a row the account waits, 30 s
// the first time, doubling with every further wrong one, at most an hour.
const (
	lockAfter = 5
	lockFirst = 30 * time.Second
	lockMax   = time.Hour
)

func lockFor(failed int) time.Duration {
	if failed < lockAfter {
		return 0
	}
	d := lockFirst << min(failed-lockAfter, 20)
	return min(d, lockMax)
}

// argon2id parameters. 64 MiB and two passes take about 0.1 s here
// (measured by BenchmarkHash): slow for a guesser with a copy of the file,
// quick enough for a person signing in.
type hashCost struct {
	time, memory uint32
	threads      uint8
}

var defaultCost = hashCost{time: 2, memory: 64 << 10, threads: 2}

// weakCost is what Options.WeakHashes sets: for tests that sign in often.
var weakCost = hashCost{time: 1, memory: 64, threads: 1}

func (db *DB) cost() hashCost {
	if db.weakHashes {
		return weakCost
	}
	return defaultCost
}

// hashPassword returns the PHC string of an argon2id hash of pw.
func hashPassword(pw string, c hashCost) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	sum := argon2.IDKey([]byte(pw), salt, c.time, c.memory, c.threads, 32)
	enc := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, c.memory, c.time, c.threads,
		enc.EncodeToString(salt), enc.EncodeToString(sum)), nil
}

// verifyPassword reports whether pw matches the PHC string h; a string it
// cannot read matches nothing.
func verifyPassword(h, pw string) bool {
	parts := strings.Split(h, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var c hashCost
	var v int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &v); err != nil || v != argon2.Version {
		return false
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &c.memory, &c.time, &c.threads); err != nil ||
		c.memory == 0 || c.memory > 1<<20 || c.time == 0 || c.time > 10 || c.threads == 0 {
		return false
	}
	enc := base64.RawStdEncoding
	salt, err1 := enc.DecodeString(parts[4])
	sum, err2 := enc.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(sum) == 0 || len(sum) > 64 {
		return false
	}
	got := argon2.IDKey([]byte(pw), salt, c.time, c.memory, c.threads, uint32(len(sum)))
	return subtle.ConstantTimeCompare(got, sum) == 1
}

// dummyHash is compared against when the login is unknown, so that an
// unknown login takes as long as a wrong password.
func (db *DB) dummyHash() string {
	db.dummyOnce.Do(func() { db.dummy, _ = hashPassword("not a password", db.cost()) })
	return db.dummy
}

// HasAccounts reports whether the file has any account: without, the
// window asks for the HR administrator to be set up first.
func (db *DB) HasAccounts() (bool, error) {
	var has bool
	_, err := db.view(func(tx *Tx) error {
		k, _ := tx.tx.Bucket(db.Accounts.bucket).Cursor().First()
		has = k != nil
		return nil
	})
	return has, err
}

// SetUp creates the first account, the HR administrator, in a file that has
// none, and signs them in. It returns the recovery code, to be shown once
// and printed: it resets an HR password when no HR can sign in.
func (db *DB) SetUp(login, name, password string) (*DB, string, error) {
	a := &model.Account{Login: login, Name: name, Role: model.RoleHR, State: model.Enabled}
	a.Normalize()
	var fes model.FieldErrors
	if err := a.Validate(db.Today()); err != nil {
		fes, _ = model.AsFieldErrors(err)
	}
	if fe := model.CheckPassword(model.FieldPassword, a.Login, password); fe != nil {
		fes = append(fes, fe)
	}
	if len(fes) > 0 {
		return nil, "", fes
	}
	var err error
	if a.Hash, err = hashPassword(password, db.cost()); err != nil {
		return nil, "", err
	}
	code := newRecoveryCode()
	codeHash, err := hashPassword(code, db.cost())
	if err != nil {
		return nil, "", err
	}
	sys := db.as(program)
	err = sys.Update(func(tx *Tx) error {
		if k, _ := tx.tx.Bucket(db.Accounts.bucket).Cursor().First(); k != nil {
			return ErrHasAccounts
		}
		if err := sys.Accounts.Put(tx, a); err != nil {
			return err
		}
		if err := tx.tx.Bucket(bucketMeta).Put(metaRecovery, []byte(codeHash)); err != nil {
			return err
		}
		// The first entry of the audit log: who set the office up.
		tx.who = a.Identity()
		fields, err := sys.Accounts.diff(nil, a)
		if err != nil {
			return err
		}
		return tx.appendLog(model.Change{Table: sys.Accounts.name, Record: a.ID, Action: model.Created, Fields: fields})
	})
	if err != nil {
		return nil, "", err
	}
	return db.as(a.Identity()), code, nil
}

var metaRecovery = []byte("recovery")

// newRecoveryCode is 20 characters of a 32-letter alphabet without 0/O and
// 1/I (100 bits), in groups of five for reading aloud and typing.
func newRecoveryCode() string {
	const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	b := make([]byte, 20)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported systems
	}
	var s strings.Builder
	for i, c := range b {
		if i > 0 && i%5 == 0 {
			s.WriteByte('-')
		}
		s.WriteByte(alphabet[int(c)%len(alphabet)])
	}
	return s.String()
}

// normalizeCode forgives case, spaces and dashes in a typed recovery code.
func normalizeCode(s string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		if r != ' ' && r != '-' {
			b.WriteRune(r)
		}
	}
	out := b.String()
	var g strings.Builder
	for i, r := range out {
		if i > 0 && i%5 == 0 {
			g.WriteByte('-')
		}
		g.WriteRune(r)
	}
	return g.String()
}

// accountByLogin reads an account whoever asks, for signing in.
func (db *DB) accountByLogin(tx *Tx, login string) (*model.Account, error) {
	ids := ixIDs(tx, db.Accounts.byKey, model.NormalizeLogin(login))
	if len(ids) == 0 {
		return nil, ErrNotFound
	}
	return db.Accounts.get(tx, ids[0])
}

// loggedLogin is an unknown login as the log keeps it: valid text, and no
// longer than a login can be (and a little), so that a hostile sign-in
// neither fills the file nor breaks the log's columns.
func loggedLogin(login string) string {
	r := []rune(strings.ToValidUTF8(model.NormalizeLogin(login), "\uFFFD"))
	if len(r) > maxLoggedLogin {
		r = append(r[:maxLoggedLogin], '…')
	}
	return string(r)
}

const maxLoggedLogin = 40

// Login signs a person in: their DB, or ErrBadLogin (whichever of login and
// password was wrong), a *LockedOutError, or ErrDisabled. Every attempt is
// in the audit log; the fifth wrong password in a row locks the account for
// a time that grows with each further one.
func (db *DB) Login(login, password string) (*DB, error) {
	var a *model.Account
	_, err := db.view(func(tx *Tx) (err error) {
		a, err = db.accountByLogin(tx, login)
		return err
	})
	if errors.Is(err, ErrNotFound) {
		verifyPassword(db.dummyHash(), password)
		tried := loggedLogin(login)
		db.logEvent(model.Identity{Name: tried}, model.Change{Table: "accounts", Action: model.LoginFailed,
			Fields: []model.FieldChange{{Field: model.FieldLogin, New: tried}}})
		return nil, ErrBadLogin
	}
	if err != nil {
		return nil, err
	}
	now := db.now()
	if now.Before(a.LockedUntil) {
		db.logEvent(a.Identity(), model.Change{Table: "accounts", Record: a.ID, Action: model.LoginRefused})
		return nil, &LockedOutError{Until: a.LockedUntil}
	}
	ok := verifyPassword(a.Hash, password)
	if db.readOnly {
		// Nothing can be written: no count, no lock, no log. Whoever can
		// open the file read-only can copy it and guess offline anyway.
		switch {
		case !ok:
			return nil, ErrBadLogin
		case a.State == model.Disabled:
			return nil, ErrDisabled
		}
		return db.as(a.Identity()), nil
	}
	var out error
	err = db.as(program).Update(func(tx *Tx) error {
		cur, err := db.Accounts.get(tx, a.ID)
		if err != nil {
			return err
		}
		tx.who = a.Identity() // the log names the person, not the program
		switch {
		case !ok:
			cur.Failed++
			c := model.Change{Table: "accounts", Record: a.ID, Action: model.LoginFailed}
			if d := lockFor(cur.Failed); d > 0 {
				cur.LockedUntil = now.Add(d)
				c.Action = model.LockedOut
				out = &LockedOutError{Until: cur.LockedUntil}
			} else {
				out = ErrBadLogin
			}
			if err := tx.appendLog(c); err != nil {
				return err
			}
		case cur.State == model.Disabled:
			out = ErrDisabled
			if err := tx.appendLog(model.Change{Table: "accounts", Record: a.ID, Action: model.LoginRefused}); err != nil {
				return err
			}
		default:
			cur.Failed, cur.LockedUntil = 0, time.Time{}
			if err := tx.appendLog(model.Change{Table: "accounts", Record: a.ID, Action: model.LoggedIn}); err != nil {
				return err
			}
		}
		tx.who = program
		return db.Accounts.putState(tx, cur)
	})
	if err != nil {
		return nil, err
	}
	if out != nil {
		return nil, out
	}
	return db.as(a.Identity()), nil
}

// putLogged writes an account as the program (a person may set their own
// password without managing accounts) and logs what changed, the
// password's fingerprint among it, as who's change.
func (t *AccountTable) putLogged(tx *Tx, old, a *model.Account, who model.Identity) error {
	tx.who = program
	if err := t.Put(tx, a); err != nil {
		return err
	}
	fields, err := t.diff(old, a)
	if err != nil || len(fields) == 0 {
		return err
	}
	tx.who = who
	return tx.appendLog(model.Change{Table: t.name, Record: a.ID, Action: model.Updated, Fields: fields})
}

// putState writes what signing in changes of an account (failed count,
// lock): no field a person sees, so no field change in the log.
func (t *AccountTable) putState(tx *Tx, a *model.Account) error {
	return t.Put(tx, a)
}

// SignOut ends the person's use of this DB: from now on it acts for
// nobody and refuses every record (ErrSignedOut).
func (db *DB) SignOut() { db.out.Store(true) }

// MustChangePassword reports whether HR set the signed-in person's password,
// which they are to replace with their own before going on.
func (db *DB) MustChangePassword() (bool, error) {
	a, err := db.myAccount()
	if err != nil {
		return false, err
	}
	return a.MustChange, nil
}

func (db *DB) myAccount() (*model.Account, error) {
	if db.who.Account == 0 {
		return nil, ErrSignedOut
	}
	return db.Accounts.Get(db.who.Account)
}

// Verify checks the signed-in person's password again, to lift the idle
// lock of the window. A wrong one counts like a wrong sign-in.
func (db *DB) Verify(password string) error {
	a, err := db.myAccount()
	if err != nil {
		return err
	}
	_, err = db.Login(a.Login, password)
	return err
}

// ChangePassword replaces the signed-in person's password, given the
// current one; a wrong one counts like a wrong sign-in.
func (db *DB) ChangePassword(current, next string) error {
	a, err := db.myAccount()
	if err != nil {
		return err
	}
	// Guessing the current password here counts as at the sign-in, or an
	// unlocked window would be a place to guess it without limit.
	if db.now().Before(a.LockedUntil) {
		return &LockedOutError{Until: a.LockedUntil}
	}
	if !verifyPassword(a.Hash, current) {
		if _, err := db.Login(a.Login, "\x00wrong current password"); !errors.Is(err, ErrBadLogin) {
			return err
		}
		return ErrWrongPassword
	}
	return db.setPassword(a.ID, next, false, model.FieldNewPassword)
}

// ResetPassword gives an account a new password chosen by HR, to be changed
// by its person at the next sign-in; it also lifts a lock.
func (db *DB) ResetPassword(id uint64, password string) error {
	if !db.scope().Can(model.PermManageAccounts) {
		return &model.Refusal{Table: "accounts", Record: id, Perm: model.PermManageAccounts}
	}
	return db.setPassword(id, password, true, model.FieldPassword)
}

// scope is the DB's person's reach as of now.
func (db *DB) scope() *model.Scope {
	var s *model.Scope
	db.view(func(tx *Tx) error { s = tx.scope(); return nil })
	if s == nil {
		s = &model.Scope{}
	}
	return s
}

func (db *DB) setPassword(id uint64, password string, mustChange bool, field string) error {
	var login string
	_, err := db.view(func(tx *Tx) error {
		a, err := db.Accounts.get(tx, id)
		if err == nil {
			login = a.Login
		}
		return err
	})
	if err != nil {
		return err
	}
	if fe := model.CheckPassword(field, login, password); fe != nil {
		return model.FieldErrors{fe}
	}
	h, err := hashPassword(password, db.cost())
	if err != nil {
		return err
	}
	who := db.who
	return db.as(program).Update(func(tx *Tx) error {
		a, err := db.Accounts.get(tx, id)
		if err != nil {
			return err
		}
		old := *a
		a.Hash, a.MustChange, a.Failed, a.LockedUntil = h, mustChange, 0, time.Time{}
		return db.Accounts.putLogged(tx, &old, a, who)
	})
}

// SaveAccount creates an account with its first password (HR sets it; the
// person changes it at first sign-in), or changes one (password ""). The last
// enabled HR account can be neither disabled nor given another role (the
// table's rule, whatever the door).
func (db *DB) SaveAccount(a *model.Account, password string) error {
	if a.ID == 0 {
		login := model.NormalizeLogin(a.Login)
		if fe := model.CheckPassword(model.FieldPassword, login, password); fe != nil {
			a.Normalize()
			fes, _ := model.AsFieldErrors(a.Validate(db.Today()))
			return append(fes, fe)
		}
		h, err := hashPassword(password, db.cost())
		if err != nil {
			return err
		}
		a.Hash, a.MustChange = h, true
	}
	return db.Update(func(tx *Tx) error {
		// An advisor who has left signs in no more (see disableLeaver).
		var left *model.FieldError
		if a.AdvisorID != 0 && a.State != model.Disabled {
			if adv, err := db.Advisors.get(tx, a.AdvisorID); err == nil && adv.Status == model.Left {
				left = &model.FieldError{Field: model.FieldLinked, Code: model.CodeAdvisorLeft, Arg: adv.Name}
			}
		}
		if a.ID != 0 {
			old, err := db.Accounts.get(tx, a.ID)
			if err != nil {
				return err
			}
			// What the form does not carry stays as it was.
			a.Hash, a.MustChange, a.Failed, a.LockedUntil = old.Hash, old.MustChange, old.Failed, old.LockedUntil
		}
		// The form's other problems come with the leaver's, at once; a
		// put that passed is rolled back with the returned error.
		err := db.Accounts.Put(tx, a)
		if fes, ok := model.AsFieldErrors(err); left != nil && (err == nil || ok) {
			return append(fes, left)
		}
		return err
	})
}

func (db *DB) enabledHR(tx *Tx) (int, error) {
	n := 0
	c := tx.tx.Bucket(db.Accounts.bucket).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		var a model.Account
		if err := decode(db.Accounts.name, k, v, &a); err != nil {
			return 0, err
		}
		if a.Role == model.RoleHR && a.State == model.Enabled {
			n++
		}
	}
	return n, nil
}

// DeleteAccount is refused: an account is disabled, never deleted, so the
// log keeps naming who did what.
func (db *DB) DeleteAccount(uint64) error { return ErrNeverDeleted }

// ErrNeverDeleted: accounts are disabled, not deleted.
var ErrNeverDeleted error = &keyed{"err.account_kept", "accounts are disabled, never deleted"}

// Accounts lists the accounts (HR), by login.
func (db *DB) FindAccounts(q model.ListQuery) ([]*model.Account, int, error) {
	return db.Accounts.List(q)
}

// Recover signs in HR account login with the office's recovery code and
// gives it a new password; the code is used up and a new one returned, to
// print in its place. Wrong codes lock like wrong passwords.
func (db *DB) Recover(login, code, password string) (*DB, string, error) {
	var a *model.Account
	var codeHash string
	_, err := db.view(func(tx *Tx) (err error) {
		codeHash = string(tx.tx.Bucket(bucketMeta).Get(metaRecovery))
		a, err = db.accountByLogin(tx, login)
		return err
	})
	if errors.Is(err, ErrNotFound) || (err == nil && a.Role != model.RoleHR) {
		verifyPassword(db.dummyHash(), code)
		return nil, "", ErrBadRecovery
	}
	if err != nil {
		return nil, "", err
	}
	if db.now().Before(a.LockedUntil) {
		return nil, "", &LockedOutError{Until: a.LockedUntil}
	}
	if !verifyPassword(codeHash, normalizeCode(code)) {
		// Counted as a wrong password of that account.
		db.Login(a.Login, "\x00wrong recovery code")
		return nil, "", ErrBadRecovery
	}
	if fe := model.CheckPassword(model.FieldNewPassword, a.Login, password); fe != nil {
		return nil, "", model.FieldErrors{fe}
	}
	next := newRecoveryCode()
	nextHash, err := hashPassword(next, db.cost())
	if err != nil {
		return nil, "", err
	}
	h, err := hashPassword(password, db.cost())
	if err != nil {
		return nil, "", err
	}
	err = db.as(program).Update(func(tx *Tx) error {
		cur, err := db.Accounts.get(tx, a.ID)
		if err != nil {
			return err
		}
		old := *cur
		cur.Hash, cur.MustChange, cur.Failed, cur.LockedUntil, cur.State = h, false, 0, time.Time{}, model.Enabled
		if err := tx.tx.Bucket(bucketMeta).Put(metaRecovery, []byte(nextHash)); err != nil {
			return err
		}
		tx.who = cur.Identity()
		if err := tx.appendLog(model.Change{Table: "accounts", Record: a.ID, Action: model.Recovered}); err != nil {
			return err
		}
		return db.Accounts.putLogged(tx, &old, cur, cur.Identity())
	})
	if err != nil {
		return nil, "", err
	}
	return db.as(a.Identity()), next, nil
}

// checkAccounts compares each account with what the audit log recorded of
// it: an account added, or its login, role, state or password set, with
// another tool (which breaks no chain) is a problem check reports.
func checkAccounts(btx *bolt.Tx, r *Report) {
	log, accounts := btx.Bucket(bucketChanges), btx.Bucket([]byte(model.AccountRecord.Name))
	if log == nil || accounts == nil {
		return
	}
	logged := map[uint64]map[string]string{}
	log.ForEach(func(k, v []byte) error {
		var c model.Change
		if decode(string(bucketChanges), k, v, &c) != nil || c.Table != model.AccountRecord.Name {
			return nil // a damaged entry is the chain's problem
		}
		switch c.Action {
		case model.Created, model.Updated:
			if logged[c.Record] == nil {
				logged[c.Record] = map[string]string{}
			}
			for _, f := range c.Fields {
				logged[c.Record][f.Field] = f.New
			}
		}
		return nil
	})
	keys := []string{model.FieldLogin, model.FieldAccountRole, model.FieldState, model.FieldPasswordSet, model.FieldLinkedID}
	accounts.ForEach(func(k, v []byte) error {
		var a model.Account
		if decode(model.AccountRecord.Name, k, v, &a) != nil {
			return nil // reported with the records
		}
		want, ok := logged[btoi(k)]
		if !ok {
			r.add(model.AccountRecord.Name, k, fmt.Sprintf("account %q is not in the audit log: it was added with another tool", a.Login))
			return nil
		}
		for _, key := range keys {
			if _, since := want[key]; key == model.FieldLinkedID && !since {
				continue // not logged before the log kept it: from the account's next change on
			}
			if got := model.AccountRecord.Field(key).Get(&a); got != want[key] {
				r.add(model.AccountRecord.Name, k, fmt.Sprintf("account %q: its %s differs from the audit log: changed with another tool", a.Login, key))
			}
		}
		return nil
	})
}
