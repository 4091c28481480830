package model

import (
	"net/mail"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
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
	FrontDesk  Role = "frontdesk"  // 前台接待
	Account    Role = "account"    // 客户经理
	AfterSales Role = "aftersales" // 售后顾问
	OtherRole  Role = "other"
)

var Roles = []Role{FrontDesk, Account, AfterSales, OtherRole}

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
	Phone      string     `msgpack:"phone,omitempty"`
	Email      string     `msgpack:"email,omitempty"`
	Employment Employment `msgpack:"employment"`
	Role       Role       `msgpack:"role"`
	Department string     `msgpack:"dept,omitempty"`
	HireDate   Date       `msgpack:"hired,omitempty"`
	Status     Status     `msgpack:"status"`
	// StatusDate is when the current status began: the first day of leave or
	// the last working day. Empty while active.
	StatusDate Date      `msgpack:"status_date,omitempty"`
	Supervisor string    `msgpack:"supervisor,omitempty"`
	Notes      string    `msgpack:"notes,omitempty"`
	Created    time.Time `msgpack:"created"`
	Updated    time.Time `msgpack:"updated"`
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
	FieldPhone      = "phone"
	FieldEmail      = "email"
	FieldEmployment = "employment"
	FieldRole       = "role"
	FieldDepartment = "department"
	FieldHireDate   = "hire_date"
	FieldStatus     = "status"
	FieldStatusDate = "status_date"
	FieldSupervisor = "supervisor"
	FieldNotes      = "notes"
)

// Length limits, in characters, generous for real names but bounded so a
// pasted page cannot end up in a table cell.
const (
	maxEmpNo = 20
	maxName  = 40
	maxShort = 60
	maxNotes = 2000
)

var (
	empNoPattern  = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._/-]*$`)
	mobilePattern = regexp.MustCompile(`^1[3-9]\d{9}$`)
)

// NormalizeEmpNo is an employee number as the store indexes it.
func NormalizeEmpNo(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }

// Normalize trims the free-text fields and puts the phone number and the
// employee number in the one form the store indexes.
func (a *Advisor) Normalize() {
	a.EmpNo = NormalizeEmpNo(a.EmpNo)
	a.Name = strings.Join(strings.Fields(a.Name), " ")
	a.Phone = strings.TrimSpace(a.Phone)
	a.Email = strings.TrimSpace(a.Email)
	a.Department = strings.TrimSpace(a.Department)
	a.Supervisor = strings.TrimSpace(a.Supervisor)
	a.Notes = strings.TrimSpace(a.Notes)
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
	var errs FieldErrors
	add := func(field, code, arg string) { errs = append(errs, &FieldError{Field: field, Code: code, Arg: arg}) }
	tooLong := func(field, v string, max int) bool {
		if utf8.RuneCountInString(v) > max {
			add(field, CodeTooLong, strconv.Itoa(max))
			return true
		}
		return false
	}

	switch {
	case a.EmpNo == "":
		add(FieldEmpNo, CodeRequired, "")
	case tooLong(FieldEmpNo, a.EmpNo, maxEmpNo):
	case !empNoPattern.MatchString(a.EmpNo):
		add(FieldEmpNo, CodeEmpNo, "")
	}
	if a.Name == "" {
		add(FieldName, CodeRequired, "")
	} else {
		tooLong(FieldName, a.Name, maxName)
	}
	if !oneOf(a.Gender, Genders) {
		add(FieldGender, CodeChoice, "")
	}
	if a.Phone != "" && !ValidPhone(a.Phone) {
		add(FieldPhone, CodePhone, "")
	}
	if a.Email != "" && !validEmail(a.Email) {
		add(FieldEmail, CodeEmail, "")
	}
	if !oneOf(a.Employment, Employments) {
		add(FieldEmployment, pick(a.Employment == "", CodeRequired, CodeChoice), "")
	}
	if !oneOf(a.Role, Roles) {
		add(FieldRole, pick(a.Role == "", CodeRequired, CodeChoice), "")
	}
	tooLong(FieldDepartment, a.Department, maxShort)
	checkDate := func(field string, d Date) bool {
		if d.IsZero() {
			return true
		}
		if _, ok := d.Time(); !ok {
			add(field, CodeDate, "")
			return false
		}
		if today != "" && d > today {
			add(field, CodeFuture, "")
			return false
		}
		return true
	}
	hireOK := checkDate(FieldHireDate, a.HireDate)
	if !oneOf(a.Status, Statuses) {
		add(FieldStatus, CodeChoice, "")
	} else if a.Status != Active {
		if a.StatusDate.IsZero() {
			add(FieldStatusDate, CodeRequired, "")
		} else if _, ok := a.StatusDate.Time(); !ok {
			add(FieldStatusDate, CodeDate, "")
		} else if hireOK && !a.HireDate.IsZero() && a.StatusDate < a.HireDate {
			add(FieldStatusDate, CodeBefore, "")
		}
	}
	tooLong(FieldSupervisor, a.Supervisor, maxName)
	tooLong(FieldNotes, a.Notes, maxNotes)
	if errs != nil {
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
