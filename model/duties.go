package model

import (
	"fmt"
	"maps"
	"slices"
)

// Duty is one of the six duties chapter 2 gives a service advisor (职责).
// Its text is "duty."+code in the translation files, with a sentence that
// explains it under "duty."+code+".text".
type Duty string

const (
	DutyReception      Duty = "reception"       // 客户接待
	DutyProductIntro   Duty = "product_intro"   // 产品介绍
	DutySales          Duty = "sales"           // 销售促进
	DutyRelationship   Duty = "relationship"    // 客户关系维护
	DutyMarketResearch Duty = "market_research" // 市场调研
	DutyTeamwork       Duty = "teamwork"        // 团队协作
)

// CatalogueEntry is one duty or permission of the catalogue. Its name and
// its one-sentence explanation live in the translation files
// ("duty."+Code / "perm."+Code, each with ".text"), not here.
type CatalogueEntry struct {
	Code string
	Duty bool // a duty (职责); else a permission (权限)
	// Article is where the regulation says it, chapter.section.item
	// ("2.1.3": chapter 2, duties, third); "" for the program's own
	// permissions, which the regulation only implies.
	Article string
	// Draft is the first draft of the regulation that has it: 1 for what
	// both drafts say, 2 for what only the second adds; 0 for the
	// program's own.
	Draft int
}

// Catalogue lists the duties and permissions in the order a sheet and a
// form show them: the six duties, the regulation's permissions, then the
// program's. The second draft's fifth permission names two rights, which
// the catalogue keeps apart (both cite 2.2.5).
var Catalogue = []CatalogueEntry{
	{Code: string(DutyReception), Duty: true, Article: "2.1.1", Draft: 1},
	{Code: string(DutyProductIntro), Duty: true, Article: "2.1.2", Draft: 1},
	{Code: string(DutySales), Duty: true, Article: "2.1.3", Draft: 1},
	{Code: string(DutyRelationship), Duty: true, Article: "2.1.4", Draft: 1},
	{Code: string(DutyMarketResearch), Duty: true, Article: "2.1.5", Draft: 1},
	{Code: string(DutyTeamwork), Duty: true, Article: "2.1.6", Draft: 1},
	{Code: string(PermQueryProducts), Article: "2.2.1", Draft: 1},
	{Code: string(PermManageCustomers), Article: "2.2.2", Draft: 1},
	{Code: string(PermCommunicate), Article: "2.2.3", Draft: 1},
	{Code: string(PermAdjustMethod), Article: "2.2.4", Draft: 1},
	{Code: string(PermRefuseDemands), Article: "2.2.5", Draft: 2},
	{Code: string(PermReportComplaints), Article: "2.2.5", Draft: 2},
	{Code: string(PermExportPersonal)},
	{Code: string(PermManageRoster)},
	{Code: string(PermRunAppraisal)},
	{Code: string(PermEvaluateTeam)},
	{Code: string(PermSelfEvaluate)},
	{Code: string(PermManageAccounts)},
	{Code: string(PermManageProducts)},
}

// Entry returns the catalogue's entry for code, or false.
func Entry(code string) (CatalogueEntry, bool) {
	i := slices.IndexFunc(Catalogue, func(e CatalogueEntry) bool { return e.Code == code })
	if i < 0 {
		return CatalogueEntry{}, false
	}
	return Catalogue[i], true
}

// TextKey is the translation key of the entry's name; +".text" its
// explanation.
func (e CatalogueEntry) TextKey() string {
	if e.Duty {
		return "duty." + e.Code
	}
	return "perm." + e.Code
}

// FromRegulation reports whether the regulation itself gives the entry.
func (e CatalogueEntry) FromRegulation() bool { return e.Article != "" }

// DefaultMatrix is the matrix a new office starts with: HR holds every
// duty and permission; supervisors carry the duties and the regulation's
// permissions, evaluate their team, fill in their own self-evaluation and
// may export or print personal data; advisors carry the duties and the
// regulation's permissions and fill in their self-evaluation. The roster,
// the appraisal set-up and the accounts are HR's.
func DefaultMatrix() Matrix {
	var all, regulation []string
	for _, e := range Catalogue {
		all = append(all, e.Code)
		if e.FromRegulation() {
			regulation = append(regulation, e.Code)
		}
	}
	supervisor := append(slices.Clone(regulation), string(PermExportPersonal), string(PermEvaluateTeam), string(PermSelfEvaluate))
	advisor := append(slices.Clone(regulation), string(PermSelfEvaluate))
	m := Matrix{RoleHR: all, RoleSupervisor: supervisor, RoleAdvisor: advisor}
	for _, r := range AccountRoles {
		m[r] = m.Codes(r)
	}
	return m
}

// Codes are the codes role r holds in m, in catalogue order, each once;
// codes the catalogue does not know are left out (Validate reports them).
func (m Matrix) Codes(r AccountRole) []string {
	var out []string
	for _, e := range Catalogue {
		if slices.Contains(m[r], e.Code) {
			out = append(out, e.Code)
		}
	}
	return out
}

// Validate refuses a matrix that names a role no account can have or a
// code the catalogue does not know, or that takes the management of
// accounts from HR (the office would be locked out of its own accounts).
func (m Matrix) Validate() error {
	for _, r := range slices.Sorted(maps.Keys(m)) {
		if !slices.Contains(AccountRoles, r) {
			return &MatrixError{Role: r}
		}
		for _, c := range m[r] {
			if _, ok := Entry(c); !ok {
				return &MatrixError{Role: r, Code: c}
			}
		}
	}
	if !slices.Contains(m[RoleHR], string(PermManageAccounts)) {
		return &MatrixError{Role: RoleHR, Code: string(PermManageAccounts), Missing: true}
	}
	return nil
}

// MatrixError is what is wrong with a matrix: a role no account can have
// (Code empty), a code the catalogue does not know, or (Missing) a code the
// role must keep.
type MatrixError struct {
	Role    AccountRole
	Code    string
	Missing bool
}

func (e *MatrixError) Error() string {
	switch {
	case e.Missing:
		return fmt.Sprintf("role matrix: %s must keep %s", e.Role, e.Code)
	case e.Code == "":
		return fmt.Sprintf("role matrix: unknown role %q", e.Role)
	}
	return fmt.Sprintf("role matrix: %s holds unknown code %q", e.Role, e.Code)
}

func (e *MatrixError) MessageKey() (string, map[string]any) {
	switch {
	case e.Missing:
		return "err.matrix_keep", map[string]any{"Role": Note{Key: "account_role." + string(e.Role)}, "Code": Note{Key: "perm." + e.Code}}
	case e.Code == "":
		return "err.matrix_role", map[string]any{"Role": string(e.Role)}
	}
	return "err.matrix_code", map[string]any{"Role": Note{Key: "account_role." + string(e.Role)}, "Code": e.Code}
}

// Upgrade is m as a newer catalogue reads it: codes it no longer has are
// dropped, and each code m was saved without knowing (known lists the
// catalogue of the day it was saved) is held as the default matrix holds
// it, so that a permission added by a later version reaches the roles it
// is meant for instead of no one.
func (m Matrix) Upgrade(known []string) Matrix {
	def := DefaultMatrix()
	out := Matrix{}
	for _, r := range AccountRoles {
		var codes []string
		for _, e := range Catalogue {
			if slices.Contains(known, e.Code) {
				if slices.Contains(m[r], e.Code) {
					codes = append(codes, e.Code)
				}
			} else if slices.Contains(def[r], e.Code) {
				codes = append(codes, e.Code)
			}
		}
		out[r] = codes
	}
	if !slices.Contains(out[RoleHR], string(PermManageAccounts)) {
		out[RoleHR] = append(out[RoleHR], string(PermManageAccounts))
	}
	return out
}

// CatalogueCodes are the codes of the catalogue, in order.
func CatalogueCodes() []string {
	out := make([]string, len(Catalogue))
	for i, e := range Catalogue {
		out[i] = e.Code
	}
	return out
}
