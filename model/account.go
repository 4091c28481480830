package model

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Account is a person who signs in (chapter 2): HR, a supervisor or an
// advisor. An account is disabled, never deleted, when its person leaves,
// so that the log keeps naming who did what.
type Account struct {
	ID      uint64    `msgpack:"id"`
	Created time.Time `msgpack:"created"`
	Updated time.Time `msgpack:"updated"`

	Login     string      `msgpack:"login"` // what the person types to sign in, lower case
	Name      string      `msgpack:"name"`  // as the log and the window show them
	Role      AccountRole `msgpack:"role"`
	State     State       `msgpack:"state"`
	AdvisorID uint64      `msgpack:"advisor_id,omitempty"`
	// Advisor is the linked advisor's name, filled by the store on read.
	Advisor   string `msgpack:"advisor,omitempty"`
	AdvisorNo string `msgpack:"-"`

	// Hash is the password's argon2id hash in the PHC string form; never
	// in the log, a file or a screen.
	Hash string `msgpack:"hash,omitempty"`
	// MustChange: HR set the password; the person chooses their own at
	// the next sign-in.
	MustChange bool `msgpack:"must_change,omitempty"`
	// Failed counts the wrong passwords since the last sign-in; from the
	// fifth on, the account waits until LockedUntil before trying again.
	Failed      int       `msgpack:"failed,omitempty"`
	LockedUntil time.Time `msgpack:"locked_until,omitempty"`
}

func (a *Account) Key() uint64      { return a.ID }
func (a *Account) SetKey(id uint64) { a.ID = id }
func (a *Account) Touch(t time.Time) {
	if a.Created.IsZero() {
		a.Created = t
	}
	a.Updated = t
}

// Identity is the account as the store's rules and the log see it.
func (a *Account) Identity() Identity {
	return Identity{Account: a.ID, Name: a.Name, Role: a.Role, Advisor: a.AdvisorID}
}

// State says whether an account may sign in.
type State string

const (
	Enabled  State = "enabled"
	Disabled State = "disabled"
)

var States = []State{Enabled, Disabled}

// Field keys of an account.
const (
	FieldLogin        = "login"
	FieldAccountName  = "account_name"
	FieldAccountRole  = "account_role"
	FieldState        = "state"
	FieldLinked       = "linked_advisor"
	FieldLinkedNo     = "linked_empno"
	FieldPassword     = "password"
	FieldPasswordSet  = "password_set"
	FieldLinkedID     = "linked_id"
	FieldNewPassword  = "new_password"
	CodePassword      = "password_short"
	CodePasswordLogin = "password_login"
	CodeLogin         = "login_chars"
	CodeNeedsAdvisor  = "needs_advisor"
	CodeAdvisorLeft   = "advisor_left"
)

// MinPassword is the shortest password accepted, in characters.
const MinPassword = 8

var loginPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{1,31}$`)

// NormalizeLogin is a login as it is kept and matched: trimmed, lower case.
func NormalizeLogin(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// CheckPassword says what is wrong with a new password for login, on field
// (FieldPassword or FieldNewPassword); nil when it will do.
func CheckPassword(field, login, password string) *FieldError {
	if utf8.RuneCountInString(password) < MinPassword {
		return &FieldError{Field: field, Code: CodePassword, Arg: strconv.Itoa(MinPassword)}
	}
	if NormalizeLogin(password) == NormalizeLogin(login) {
		return &FieldError{Field: field, Code: CodePasswordLogin}
	}
	return nil
}

// AccountRecord describes an account: the fields HR sees and changes. The
// password is not among them: it is set through its own door and never
// shown, logged or exported.
var AccountRecord = &Record[Account]{
	Name:  "accounts",
	Key:   FieldLogin,
	Title: FieldAccountName,
	Fields: []Field[Account]{
		{Key: FieldLogin, Required: true, Max: 32, Search: true, List: 110, Print: 30,
			Access: Str(func(a *Account) *string { return &a.Login }), Clean: NormalizeLogin,
			Check: func(a *Account, _ Date) (string, string) {
				if !loginPattern.MatchString(a.Login) {
					return CodeLogin, ""
				}
				return "", ""
			}},
		{Key: FieldAccountName, Kind: KindName, Required: true, Max: 30, Search: true, List: 110, Print: 30,
			Access: Str(func(a *Account) *string { return &a.Name })},
		{Key: FieldAccountRole, Kind: KindChoice, Required: true, Choices: Codes(AccountRoles), Prefix: "account_role.",
			List: 110, Print: 30, Access: Str(func(a *Account) *AccountRole { return &a.Role })},
		{Key: FieldLinked, Kind: KindRef, Max: 30, Search: true, List: 120, Print: 30,
			Ref:    &Ref[Account]{To: "advisors", ID: func(a *Account) *uint64 { return &a.AdvisorID }, KeyText: FieldLinkedNo},
			Access: Str(func(a *Account) *string { return &a.Advisor }),
			Check: func(a *Account, _ Date) (string, string) {
				if a.Role != RoleHR && a.AdvisorID == 0 {
					return CodeNeedsAdvisor, ""
				}
				return "", ""
			}},
		{Key: FieldLinkedNo, FileOnly: true, Max: maxEmpNo, Clean: NormalizeEmpNo,
			Access: Str(func(a *Account) *string { return &a.AdvisorNo })},
		{Key: FieldState, Kind: KindChoice, Required: true, Choices: Codes(States), Prefix: "state.", List: 80, Print: 20,
			Access: Str(func(a *Account) *State { return &a.State })},

		// A fingerprint of the password's hash, in no form and no file: a
		// change of password shows in the audit log as a change of it, and
		// check finds a hash put into the file by another tool.
		{Key: FieldPasswordSet, NoFile: true, FileOnly: true,
			Access: Access[Account]{Get: func(a *Account) string { return HashFingerprint(a.Hash) }, Set: func(*Account, string) {}}},
		// The linked advisor's key, likewise: the linked name and number
		// follow renames, the key is what decides whose records the
		// account reaches, so check compares it with the log.
		{Key: FieldLinkedID, NoFile: true, FileOnly: true,
			Access: Access[Account]{Get: func(a *Account) string {
				if a.AdvisorID == 0 {
					return ""
				}
				return strconv.FormatUint(a.AdvisorID, 10)
			}, Set: func(*Account, string) {}}},
	},
	Write: PermManageAccounts,
}

// Normalize and Validate make Account a record the store checks on save.
func (a *Account) Normalize() {
	AccountRecord.Normalize(a)
	if a.State == "" {
		a.State = Enabled
	}
}

func (a *Account) Validate(today Date) error {
	if fes := AccountRecord.Validate(a, today); len(fes) > 0 {
		return fes
	}
	return nil
}

// HashFingerprint is 12 hex digits of the SHA-256 of a password hash: enough
// to tell one hash from another, nothing to guess a password from.
func HashFingerprint(h string) string {
	if h == "" {
		return ""
	}
	sum := sha256.Sum256([]byte(h))
	return hex.EncodeToString(sum[:6])
}
