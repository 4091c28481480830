package model

import "time"

// Identity is who acts on the office's records. Every call into the store
// carries one, reads too, so that access can be decided in one place below
// the screens and the command line.
type Identity struct {
	// Account is the person's account; 0 until accounts exist (chapter 2),
	// while the window and the command line act for the computer's user.
	Account uint64      `msgpack:"account,omitempty"`
	Name    string      `msgpack:"name"` // as the change log shows them
	Role    AccountRole `msgpack:"role,omitempty"`
	// Advisor is the advisor record the account is linked to: an
	// advisor's own, a supervisor's (whose team reports to it); 0 for HR.
	Advisor uint64 `msgpack:"advisor,omitempty"`
}

func (i Identity) IsZero() bool { return i == Identity{} }

// Local is the identity of the computer's user before accounts exist.
func Local(user string) Identity {
	if user == "" {
		user = "?"
	}
	return Identity{Name: user}
}

// Action is what a change did to a record.
type Action string

const (
	Created Action = "created"
	Updated Action = "updated"
	Deleted Action = "deleted"
	// Unreadable stands in a listing for an entry of the log that is
	// damaged: whose it was cannot be told, so every listing shows it.
	Unreadable Action = "unreadable"

	// What the audit log keeps besides changes (chapter 2).
	LoggedIn     Action = "login"         // signed in
	LoginFailed  Action = "login_failed"  // a wrong login or password
	LockedOut    Action = "locked_out"    // the wrong password that locked the account
	LoginRefused Action = "login_refused" // a disabled or locked account tried
	Recovered    Action = "recovered"     // the recovery code was used
	Refused      Action = "refused"       // a record outside the person's reach was asked for
	Viewed       Action = "viewed"        // an assignee saw a record's personal data
	Exported     Action = "exported"      // personal data written to a file
	Printed      Action = "printed"       // personal data printed
	Restored     Action = "restored"      // the data replaced by a backup
	Reopened     Action = "reopened"      // a published appraisal cycle reopened, with the reason
	Transferred  Action = "transferred"   // a customer handed to another advisor, with the reason
)

// Actions lists every action, in the order a filter offers them.
var Actions = []Action{Created, Updated, Deleted, LoggedIn, LoginFailed, LockedOut, LoginRefused,
	Recovered, Refused, Viewed, Exported, Printed, Restored, Reopened, Transferred, Unreadable}

// Change is one entry of the change log, which is also the audit log: who
// created, changed or deleted which record when, and field by field what
// the record held before and after.
type Change struct {
	At     time.Time     `msgpack:"at"`
	Who    Identity      `msgpack:"who"`
	Table  string        `msgpack:"table"`
	Record uint64        `msgpack:"record"`
	Action Action        `msgpack:"action"`
	Fields []FieldChange `msgpack:"fields,omitempty"`
	// Prev is the SHA-256 of the entry before, as stored ("" for the
	// first): an entry edited, inserted or removed by another tool breaks
	// the chain, and check says where.
	Prev string `msgpack:"prev,omitempty"`
	// Seq is the entry's place in the log, filled when read (the audit
	// page turns by it).
	Seq uint64 `msgpack:"-"`
}

// FieldChange is one field's text before and after a change ("" for none).
type FieldChange struct {
	Field string `msgpack:"field"`
	Old   string `msgpack:"old"`
	New   string `msgpack:"new"`
}

// Handover is a file of personal data leaving the program: an export or a
// print. The store refuses it to a person without PermExportPersonal and
// logs it before the file is written.
type Handover struct {
	Action Action // Exported or Printed
	Table  string // the record type ("advisors")
	What   string // the file or form ("roster.xlsx")
	Rows   int
}

// AuditQuery picks entries of the audit log: by person (their name as the
// log shows it, or their account), record type, action and time.
type AuditQuery struct {
	Account uint64
	Who     string // "" for anyone
	Table   string
	Action  Action
	Since   time.Time // inclusive; zero for the beginning
	Until   time.Time // exclusive; zero for now
	Before  uint64    // only entries older than the one of this Seq; 0 for the newest
	Limit   int
}

// Matches reports whether c is one of the entries q picks (Since aside,
// which the store uses to stop reading).
func (q *AuditQuery) Matches(c *Change) bool {
	return (q.Account == 0 || c.Who.Account == q.Account) && (q.Who == "" || c.Who.Name == q.Who) &&
		(q.Table == "" || c.Table == q.Table) && (q.Action == "" || c.Action == q.Action) &&
		(q.Until.IsZero() || c.At.Before(q.Until))
}
