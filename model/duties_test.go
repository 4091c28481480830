package model

import (
	"errors"
	"slices"
	"testing"
)

// The catalogue holds every permission code once, the six duties first,
// then the regulation's permissions, then the program's, and cites the
// articles of chapter 2.
func TestCatalogueOrderAndArticles(t *testing.T) {
	var codes []string
	for _, e := range Catalogue {
		codes = append(codes, e.Code)
	}
	want := []string{"reception", "product_intro", "sales", "relationship", "market_research", "teamwork",
		"query_products", "manage_customers", "communicate", "adjust_method", "refuse_demands", "report_complaints",
		"export_personal", "manage_roster", "run_appraisal", "evaluate_team", "self_evaluate", "manage_accounts",
		"manage_products"}
	if !slices.Equal(codes, want) {
		t.Fatalf("catalogue order %v\nwant %v", codes, want)
	}
	articles := []string{"2.1.1", "2.1.2", "2.1.3", "2.1.4", "2.1.5", "2.1.6", "2.2.1", "2.2.2", "2.2.3", "2.2.4", "2.2.5", "2.2.5",
		"", "", "", "", "", "", ""}
	for i, e := range Catalogue {
		if e.Duty != (i < 6) || e.Article != articles[i] {
			t.Errorf("%s: duty %v article %q, want duty %v article %q", e.Code, e.Duty, e.Article, i < 6, articles[i])
		}
		draft := map[bool]int{true: 1, false: 0}[e.Article != ""]
		if e.Code == string(PermRefuseDemands) || e.Code == string(PermReportComplaints) {
			draft = 2
		}
		if e.Draft != draft {
			t.Errorf("%s: draft %d, want %d", e.Code, e.Draft, draft)
		}
	}
	if e, ok := Entry("sales"); !ok || e.TextKey() != "duty.sales" {
		t.Errorf("Entry(sales) = %+v %v", e, ok)
	}
	if e, _ := Entry("communicate"); e.TextKey() != "perm.communicate" {
		t.Errorf("communicate's text key %q", e.TextKey())
	}
	if _, ok := Entry("fly"); ok {
		t.Error("an unknown code has an entry")
	}
}

// HR holds every code; supervisors the duties, the regulation's
// permissions, their team's evaluation, their self-evaluation and the
// export of personal data; advisors the duties, the regulation's
// permissions and their self-evaluation.
func TestDefaultMatrix(t *testing.T) {
	m := DefaultMatrix()
	if err := m.Validate(); err != nil {
		t.Fatal(err)
	}
	regulation := []string{"reception", "product_intro", "sales", "relationship", "market_research", "teamwork",
		"query_products", "manage_customers", "communicate", "adjust_method", "refuse_demands", "report_complaints"}
	if got := m.Codes(RoleHR); len(got) != len(Catalogue) {
		t.Errorf("HR holds %v", got)
	}
	if got, want := m.Codes(RoleSupervisor), append(slices.Clone(regulation), "export_personal", "evaluate_team", "self_evaluate"); !slices.Equal(got, want) {
		t.Errorf("supervisor holds %v\nwant %v", got, want)
	}
	if got, want := m.Codes(RoleAdvisor), append(slices.Clone(regulation), "self_evaluate"); !slices.Equal(got, want) {
		t.Errorf("advisor holds %v\nwant %v", got, want)
	}
	for _, p := range []Perm{PermExportPersonal, PermManageRoster, PermRunAppraisal, PermEvaluateTeam, PermManageAccounts} {
		if m.Has(RoleAdvisor, p) {
			t.Errorf("an advisor holds %s", p)
		}
	}
	if !m.Has(RoleSupervisor, PermExportPersonal) || m.Has(RoleSupervisor, PermManageRoster) || m.Has(RoleSupervisor, PermManageAccounts) {
		t.Error("supervisor's program permissions wrong")
	}
	// Each call is a matrix of its own: editing one leaves the next alone.
	m[RoleAdvisor] = nil
	if len(DefaultMatrix()[RoleAdvisor]) == 0 {
		t.Error("DefaultMatrix shares its lists")
	}
}

// Codes lists a role's codes in catalogue order, each once, without codes
// the catalogue does not know.
func TestMatrixCodes(t *testing.T) {
	m := Matrix{RoleAdvisor: {"self_evaluate", "teamwork", "fly", "reception", "teamwork"}}
	if got := m.Codes(RoleAdvisor); !slices.Equal(got, []string{"reception", "teamwork", "self_evaluate"}) {
		t.Errorf("Codes = %v", got)
	}
	if got := m.Codes(RoleSupervisor); got != nil {
		t.Errorf("a role without codes: %v", got)
	}
}

// An unknown code is refused, naming the role and the code.
func TestMatrixRefusesUnknownCode(t *testing.T) {
	m := DefaultMatrix()
	m[RoleSupervisor] = append(m[RoleSupervisor], "delete_everything")
	var me *MatrixError
	if err := m.Validate(); !errors.As(err, &me) || me.Role != RoleSupervisor || me.Code != "delete_everything" || me.Missing {
		t.Fatalf("unknown code: %v", err)
	}
	if key, args := me.MessageKey(); key != "err.matrix_code" || args["Code"] != "delete_everything" ||
		args["Role"].(Note).Key != "account_role.supervisor" {
		t.Errorf("message %s %v", key, args)
	}
	// A code that differs only in case is not the code.
	m = DefaultMatrix()
	m[RoleAdvisor] = append(m[RoleAdvisor], "Reception")
	if err := m.Validate(); !errors.As(err, &me) || me.Code != "Reception" {
		t.Fatalf("code in another case: %v", err)
	}
}

// A role no account can have (the program's own, a misspelt one) is refused.
func TestMatrixRefusesUnknownRole(t *testing.T) {
	for _, r := range []AccountRole{RoleProgram, "HR", "guest", ""} {
		m := DefaultMatrix()
		m[r] = []string{"reception"}
		var me *MatrixError
		if err := m.Validate(); !errors.As(err, &me) || me.Role != r || me.Code != "" {
			t.Errorf("role %q: %v", r, err)
		}
	}
}

// HR must keep the management of accounts; other roles may lose anything.
func TestMatrixHRKeepsAccounts(t *testing.T) {
	m := DefaultMatrix()
	m[RoleHR] = slices.DeleteFunc(m[RoleHR], func(c string) bool { return c == string(PermManageAccounts) })
	var me *MatrixError
	if err := m.Validate(); !errors.As(err, &me) || !me.Missing || me.Role != RoleHR || me.Code != string(PermManageAccounts) {
		t.Fatalf("HR without manage_accounts: %v", err)
	}
	if key, _ := me.MessageKey(); key != "err.matrix_keep" {
		t.Errorf("message key %s", key)
	}
	if err := (Matrix{}).Validate(); !errors.As(err, &me) || !me.Missing {
		t.Errorf("an empty matrix: %v", err)
	}
	// HR alone with its one must-have, and roles emptied, is a matrix.
	if err := (Matrix{RoleHR: {string(PermManageAccounts)}, RoleAdvisor: nil}).Validate(); err != nil {
		t.Errorf("minimal matrix: %v", err)
	}
}

// A matrix saved before a permission existed gets it as the default has it;
// one saved knowing it keeps HR's choice; a code gone from the catalogue is
// dropped, not a reason to throw the matrix away.
func TestMatrixUpgrade(t *testing.T) {
	known := CatalogueCodes()[:len(Catalogue)-1] // saved before the last entry
	last := Catalogue[len(Catalogue)-1].Code
	saved := Matrix{RoleHR: {string(DutyReception)}, RoleSupervisor: {"gone_code", string(DutySales)}, RoleAdvisor: nil}
	got := saved.Upgrade(known)
	if !slices.Equal(got[RoleSupervisor], []string{string(DutySales)}) {
		t.Fatalf("supervisor: %v", got[RoleSupervisor])
	}
	if !slices.Contains(got[RoleHR], last) || slices.Contains(got[RoleHR], string(DutySales)) {
		t.Fatalf("HR: %v", got[RoleHR])
	}
	// Saved knowing every code: HR's choice stands (HR keeps the accounts).
	got = saved.Upgrade(CatalogueCodes())
	if !slices.Equal(got[RoleHR], []string{string(DutyReception), string(PermManageAccounts)}) {
		t.Fatalf("HR, saved knowing everything: %v", got[RoleHR])
	}
	if err := got.Validate(); err != nil {
		t.Fatal(err)
	}
}
