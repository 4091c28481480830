package model

import "slices"

// AccountRole is what an account is in the office (chapter 2), not to be
// confused with an advisor's post (Role): it decides, through the role
// matrix, which permissions its people hold, and with their advisor record
// whose records they reach.
type AccountRole string

const (
	RoleHR         AccountRole = "hr"         // the HR administrator: every record, the accounts, the matrix
	RoleSupervisor AccountRole = "supervisor" // their own records and their team's
	RoleAdvisor    AccountRole = "advisor"    // their own records
	// RoleProgram is the program itself: migrations, demo data, automatic
	// copies. No account has it; the store never hands it to a screen.
	RoleProgram AccountRole = "program"
)

// AccountRoles are the roles an account can have, in the order a form offers them.
var AccountRoles = []AccountRole{RoleHR, RoleSupervisor, RoleAdvisor}

// Perm is one permission of the catalogue: the regulation's (chapter 2)
// and the program's own, such as exporting personal data. A role holds it
// when the office's matrix says so.
type Perm string

// The regulation's permissions (chapter 2).
const (
	PermQueryProducts    Perm = "query_products"    // 查询产品、价格、库存
	PermManageCustomers  Perm = "manage_customers"  // 客户资料管理 and keeping it secure
	PermCommunicate      Perm = "communicate"       // communicate with customers, solve their problems
	PermAdjustMethod     Perm = "adjust_method"     // adjust one's own way of working
	PermRefuseDemands    Perm = "refuse_demands"    // refuse unreasonable demands (second draft)
	PermReportComplaints Perm = "report_complaints" // report complaints upward (second draft)
)

// The program's permissions, which the regulation's imply.
const (
	PermExportPersonal Perm = "export_personal" // export or print personal data
	PermManageRoster   Perm = "manage_roster"   // add, change and remove advisors
	PermRunAppraisal   Perm = "run_appraisal"   // set up cycles and templates, move their stages
	PermEvaluateTeam   Perm = "evaluate_team"   // supervisor evaluations and outcomes of one's team
	PermSelfEvaluate   Perm = "self_evaluate"   // fill in one's own self-evaluation
	PermManageAccounts Perm = "manage_accounts" // accounts, passwords, the matrix, the audit log
	PermManageProducts Perm = "manage_products" // the catalogue of products, prices and stock
)

// Matrix says which role holds which duty and permission (codes of the
// catalogue). HR edits it; the store decides with it.
type Matrix map[AccountRole][]string

// Has reports whether role r holds code in m. HR always holds the
// management of accounts, so that no edit of the matrix locks the office out.
func (m Matrix) Has(r AccountRole, code Perm) bool {
	if r == RoleProgram || (r == RoleHR && code == PermManageAccounts) {
		return true
	}
	return slices.Contains(m[r], string(code))
}

// Scope is what one person reaches: HR every record, a supervisor their own
// and their team's (the advisors whose supervisor they are), an advisor
// their own. Team is filled by the store for a supervisor.
type Scope struct {
	Who    Identity
	Team   map[uint64]bool
	Matrix Matrix
}

// Sees reports whether a record owned by advisor owner is within reach.
func (s *Scope) Sees(owner uint64) bool {
	switch s.Who.Role {
	case RoleHR, RoleProgram:
		return true
	case RoleSupervisor:
		return owner != 0 && (owner == s.Who.Advisor || s.Team[owner])
	case RoleAdvisor:
		return owner != 0 && owner == s.Who.Advisor
	}
	return false
}

// Can reports whether the person holds permission p.
func (s *Scope) Can(p Perm) bool { return s.Matrix.Has(s.Who.Role, p) }

// Lead reports whether owner is in the person's charge as more than
// themselves: anyone's for HR, a team member's for a supervisor.
func (s *Scope) Lead(owner uint64) bool {
	switch s.Who.Role {
	case RoleHR, RoleProgram:
		return true
	case RoleSupervisor:
		return s.Team[owner]
	}
	return false
}

// Owner declares whose a record is, which gives it its scope: read and
// written by its owner advisor, their supervisor and HR. A record type with
// no Owner is the office's: everyone signed in reads it, and only the
// holders of its Write permission change it.
type Owner[T any] struct {
	// Advisor is the advisor the record belongs to: the record's own key
	// for an advisor record, the advisor field of a record kept about one.
	Advisor func(*T) uint64
	// Assigned are advisors the record is handed to for a while (the
	// follow-up caller): they see it whole while it is theirs, and each such
	// read is logged.
	Assigned func(*T) []uint64
	// Shared: everyone signed in reads the record, its sensitive fields
	// masked, unless it is theirs (a customer the front desk looks up).
	Shared bool
}

// Refusal is a store's answer to a person acting outside their scope or
// their permissions. It names the record type and, if known, the record.
type Refusal struct {
	Table  string
	Record uint64
	Perm   Perm // the permission missing, if that was the reason
}

func (e *Refusal) Error() string {
	s := "not allowed: " + e.Table
	if e.Perm != "" {
		s += " (needs " + string(e.Perm) + ")"
	}
	return s
}

// MessageKey is the refusal's text in the user's language, naming the
// record type ("record."+Table) and the permission ("perm."+Perm) by
// their texts.
func (e *Refusal) MessageKey() (string, map[string]any) {
	args := map[string]any{"Table": Note{Key: "record." + e.Table}}
	if e.Perm != "" {
		args["Perm"] = Note{Key: "perm." + string(e.Perm)}
		return "err.refused_perm", args
	}
	return "err.refused", args
}
