package model

import (
	"net/mail"
	"regexp"
	"slices"
	"strings"
	"time"
)

// Employment is how an advisor is employed (ch.1 scope: 正式员工, 实习生, 兼职人员).
type Employment string

const (
	FullTime Employment = "fulltime"
	Intern   Employment = "intern"
	PartTime Employment = "parttime"
)

// Employments lists the employment types in the order forms offer them.
var Employments = []Employment{FullTime, Intern, PartTime}

// Role is the advisor's post as the regulation's second draft names them.
type Role string

const (
	FrontDesk      Role = "frontdesk"  // 前台接待
	AccountManager Role = "account"    // 客户经理
	AfterSales     Role = "aftersales" // 售后顾问
	OtherRole      Role = "other"
)

var Roles = []Role{FrontDesk, AccountManager, AfterSales, OtherRole}

// Status is where an advisor stands with the company.
type Status string

const (
	Active  Status = "active"
	OnLeave Status = "leave"
	Left    Status = "left"
)

var Statuses = []Status{Active, OnLeave, Left}

type Gender string

const (
	Unspecified Gender = ""
	Male        Gender = "male"
	Female      Gender = "female"
)

var Genders = []Gender{Unspecified, Male, Female}

// Advisor is one service advisor (服务顾问) on the roster.
type Advisor struct {
	ID         uint64     `msgpack:"id"`
	EmpNo      string     `msgpack:"empno"`
	Name       string     `msgpack:"name"`
	Gender     Gender     `msgpack:"gender,omitempty"`
	IDCard     string     `msgpack:"id_card,omitempty"` // 居民身份证号码
	Phone      string     `msgpack:"phone,omitempty"`
	Email      string     `msgpack:"email,omitempty"`
	Employment Employment `msgpack:"employment"`
	Role       Role       `msgpack:"role"`
	Department string     `msgpack:"dept,omitempty"`
	HireDate   Date       `msgpack:"hired,omitempty"`
	Status     Status     `msgpack:"status"`
	// StatusDate is when the current status began: the first day of leave or
	// the last working day. Empty while active.
	StatusDate Date `msgpack:"status_date,omitempty"`
	// SupervisorID is the advisor this one reports to; 0 for none.
	SupervisorID uint64 `msgpack:"supervisor_id,omitempty"`
	// Supervisor is the supervisor's name: the store puts the current name
	// of SupervisorID here on every read (what is stored is the name at the
	// last save, shown if that advisor is gone). With no SupervisorID it is
	// a name kept from before supervisors were references that matched no
	// advisor, or several: HR resolves it by choosing the advisor.
	Supervisor string `msgpack:"supervisor,omitempty"`
	// SupervisorNo is the supervisor's employee number, filled on read and
	// written to files only, so that an export names the supervisor even
	// where two advisors share a name.
	SupervisorNo string    `msgpack:"-"`
	Notes        string    `msgpack:"notes,omitempty"`
	Created      time.Time `msgpack:"created"`
	Updated      time.Time `msgpack:"updated"`
}

func (a *Advisor) Key() uint64      { return a.ID }
func (a *Advisor) SetKey(id uint64) { a.ID = id }
func (a *Advisor) Touch(t time.Time) {
	if a.Created.IsZero() {
		a.Created = t
	}
	a.Updated = t
}

// Field keys, used for error messages, form rows and CSV headers.
const (
	FieldEmpNo      = "empno"
	FieldName       = "name"
	FieldGender     = "gender"
	FieldIDCard     = "id_card"
	FieldPhone      = "phone"
	FieldEmail      = "email"
	FieldEmployment = "employment"
	FieldRole       = "role"
	FieldDepartment = "department"
	FieldHireDate   = "hire_date"
	FieldStatus     = "status"
	FieldStatusDate = "status_date"
	FieldSupervisor = "supervisor"
	FieldSuperNo    = "supervisor_empno"
	FieldNotes      = "notes"
)

// Length limits, in characters, generous for real names but bounded so a
// pasted page cannot end up in a table cell.
const (
	maxEmpNo = 20
	maxName  = 40
	maxShort = 60
	maxEmail = 100
	maxNotes = 2000
)

var (
	empNoPattern  = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._/-]*$`)
	mobilePattern = regexp.MustCompile(`^1[3-9]\d{9}$`)
)

// NormalizeEmpNo is an employee number as the store indexes it.
func NormalizeEmpNo(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }

// AdvisorRecord describes the advisor's fields: the form and the files show
// them in this order; the list and the printed roster in Columns' order.
var AdvisorRecord = &Record[Advisor]{
	Name:  "advisors",
	Key:   FieldEmpNo,
	Title: FieldName,
	InUse: "advisor.in_use_hint",
	Fields: []Field[Advisor]{
		{Key: FieldEmpNo, Required: true, Max: maxEmpNo, Search: true, List: 90, Print: 22,
			Access: Str(func(a *Advisor) *string { return &a.EmpNo }), Clean: NormalizeEmpNo,
			Check: func(a *Advisor, _ Date) (string, string) {
				if !empNoPattern.MatchString(a.EmpNo) {
					return CodeEmpNo, ""
				}
				return "", ""
			}},
		{Key: FieldName, Kind: KindName, Required: true, Max: maxName, Search: true, List: 100, Print: 28,
			Access: Str(func(a *Advisor) *string { return &a.Name })},
		{Key: FieldGender, Kind: KindChoice, Choices: Codes(Genders), Prefix: "gender.", Print: 16,
			Access: Str(func(a *Advisor) *Gender { return &a.Gender })},
		{Key: FieldIDCard, Sensitive: true, Search: true, List: 170, Clean: strings.ToUpper, Check: checkIDCard,
			Access: Str(func(a *Advisor) *string { return &a.IDCard })},
		{Key: FieldPhone, Kind: KindPhone, Sensitive: true, Search: true, List: 125, Print: 28,
			Access: Str(func(a *Advisor) *string { return &a.Phone })},
		{Key: FieldEmail, Kind: KindEmail, Sensitive: true, Max: maxEmail, Search: true,
			Access: Str(func(a *Advisor) *string { return &a.Email })},
		{Key: FieldEmployment, Kind: KindChoice, Required: true, Choices: Codes(Employments), Prefix: "employment.",
			List: 95, Print: 24, Access: Str(func(a *Advisor) *Employment { return &a.Employment })},
		{Key: FieldRole, Kind: KindChoice, Required: true, Choices: Codes(Roles), Prefix: "role.", List: 150, Print: 36,
			Access: Str(func(a *Advisor) *Role { return &a.Role })},
		{Key: FieldDepartment, Max: maxShort, Search: true, List: 120, Print: 30,
			Access: Str(func(a *Advisor) *string { return &a.Department })},
		{Key: FieldHireDate, Kind: KindDate, List: 105, Print: 22,
			Access: Str(func(a *Advisor) *Date { return &a.HireDate }),
			Check:  NotFuture(func(a *Advisor) Date { return a.HireDate })},
		{Key: FieldStatus, Kind: KindChoice, Required: true, Choices: Codes(Statuses), Prefix: "status.", List: 80, Print: 28,
			Access: Str(func(a *Advisor) *Status { return &a.Status })},
		{Key: FieldStatusDate, Kind: KindDate, Access: Str(func(a *Advisor) *Date { return &a.StatusDate }),
			Check: checkStatusDate},
		{Key: FieldSupervisor, Kind: KindRef, Max: maxName, Search: true, List: 90, Print: 24,
			Ref:    &Ref[Advisor]{To: "advisors", ID: func(a *Advisor) *uint64 { return &a.SupervisorID }, KeyText: FieldSuperNo},
			Access: Str(func(a *Advisor) *string { return &a.Supervisor })},
		{Key: FieldSuperNo, FileOnly: true, Max: maxEmpNo, Clean: NormalizeEmpNo,
			Access: Str(func(a *Advisor) *string { return &a.SupervisorNo })},
		{Key: FieldNotes, Kind: KindMultiline, Max: maxNotes, Access: Str(func(a *Advisor) *string { return &a.Notes })},
	},
	Columns: []string{FieldEmpNo, FieldName, FieldGender, FieldEmployment, FieldRole, FieldDepartment, FieldPhone,
		FieldHireDate, FieldStatus, FieldSupervisor},
	// An advisor's record is their own: they and their supervisor read
	// it; HR keeps the roster.
	Owner: &Owner[Advisor]{Advisor: func(a *Advisor) uint64 { return a.ID }},
	Write: PermManageRoster,
}

// checkIDCard accepts a mainland resident identity card number: 17 digits
// and a check character (a digit or X) that the weighted sum of the digits
// gives (GB 11643), with a real birth date not after today inside.
func checkIDCard(a *Advisor, today Date) (string, string) {
	n := a.IDCard
	if n == "" {
		return "", ""
	}
	if len(n) != 18 || !isDigits(n[:17]) || !(isDigits(n[17:]) || n[17] == 'X') {
		return CodeIDCard, ""
	}
	birth := Date(n[6:10] + "-" + n[10:12] + "-" + n[12:14])
	if _, ok := birth.Time(); !ok || (today != "" && birth > today) || idCardCheck(n[:17]) != n[17] {
		return CodeIDCard, ""
	}
	return "", ""
}

// idCardCheck is the check character of an ID card number's 17 digits.
func idCardCheck(digits string) byte {
	sum := 0
	for i, w := range []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2} {
		sum += int(digits[i]-'0') * w
	}
	return "10X98765432"[sum%11]
}

// checkStatusDate: a status other than active began on a day, not before
// the advisor was hired.
func checkStatusDate(a *Advisor, _ Date) (string, string) {
	if a.Status == Active || !slices.Contains(Statuses, a.Status) {
		return "", ""
	}
	if a.StatusDate.IsZero() {
		return CodeRequired, ""
	}
	if _, ok := a.HireDate.Time(); ok && a.StatusDate < a.HireDate {
		return CodeBefore, ""
	}
	return "", ""
}

// Normalize trims the fields and puts the employee number in the one form
// the store indexes; an advisor without a status is active, and an active
// one has no status date.
func (a *Advisor) Normalize() {
	AdvisorRecord.Normalize(a)
	if a.Status == "" {
		a.Status = Active
	}
	if a.Status == Active {
		a.StatusDate = ""
	}
}

// Validate checks every field and returns all problems at once (FieldErrors),
// so a form can mark each field in one pass. today bounds the dates.
func (a *Advisor) Validate(today Date) error {
	if errs := AdvisorRecord.Validate(a, today); errs != nil {
		return errs
	}
	return nil
}

// ValidPhone accepts a mainland mobile number (11 digits starting 13–19), a
// landline with its area code, or an international number with a leading +.
// Spaces, dashes and brackets between digits are allowed.
func ValidPhone(s string) bool {
	var digits strings.Builder
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits.WriteRune(r)
		case r == '+' && i == 0:
		case r == ' ' || r == '-' || r == '(' || r == ')':
		default:
			return false
		}
	}
	d := digits.String()
	switch {
	case strings.HasPrefix(s, "+86"):
		return mobilePattern.MatchString(d[2:]) || (len(d) >= 11 && len(d) <= 14)
	case strings.HasPrefix(s, "+"):
		return len(d) >= 8 && len(d) <= 15
	case strings.HasPrefix(d, "1"):
		return mobilePattern.MatchString(d)
	case strings.HasPrefix(d, "0"):
		return len(d) >= 10 && len(d) <= 12 // area code + 7 or 8 digits
	default:
		return len(d) == 7 || len(d) == 8 // a local number without area code
	}
}

func validEmail(s string) bool {
	addr, err := mail.ParseAddress(s)
	return err == nil && addr.Address == s && strings.Contains(s[strings.LastIndex(s, "@"):], ".")
}

func oneOf[T comparable](v T, set []T) bool {
	for _, s := range set {
		if v == s {
			return true
		}
	}
	return false
}

func pick(cond bool, a, b string) string {
	if cond {
		return a
	}
	return b
}
