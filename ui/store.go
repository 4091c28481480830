package ui

import (
	"context"
	"time"

	"advisordesk/model"
)

// Store is what the window asks of the data file. The storage package's DB
// satisfies it; the window never sees bbolt.
type Store interface {
	Path() string
	Who() model.Identity // the person the window acts for
	// RecordChanges is one record's change log, newest first, at most limit.
	RecordChanges(table string, id uint64, limit int) ([]model.Change, error)
	Today() model.Date
	Setting(key string) (string, error)
	SetSetting(key, value string) error

	FindAdvisors(q model.ListQuery) ([]*model.Advisor, int, error)
	GetAdvisor(id uint64) (*model.Advisor, error)
	SaveAdvisor(a *model.Advisor) error
	DeleteAdvisor(id uint64) error
	AdvisorsByEmpNo() ([]*model.Advisor, error)
	StatusCounts() (map[model.Status]int, error)
	// WorkCounts is what waits for the person (Home): the calls and
	// complaints each list's filters show, counted.
	WorkCounts() (model.WorkCounts, error)
	ImportAdvisors(imp *model.AdvisorImport, dryRun bool) (added, updated int, backup string, err error)

	// Customers (chapter 4), of the person's reach: a shared one masked.
	FindCustomers(q model.ListQuery) ([]*model.Customer, int, error)
	SaveCustomer(c *model.Customer) error
	DeleteCustomer(id uint64) error
	// The catalogue of products, prices and stock.
	FindProducts(q model.ListQuery) ([]*model.Product, int, error)
	SaveProduct(p *model.Product) error
	DeleteProduct(id uint64) error

	// AdvisorNumbers are an advisor's work-process figures for a period
	// (sales against target, satisfaction, founded complaints, follow-ups),
	// which suggest appraisal scores.
	AdvisorNumbers(advisor uint64, from, to model.Date) (model.Numbers, error)
	// Complaints of the person's reach, each with its standing against the
	// deadlines; the status moves only by MoveComplaint.
	FindComplaints(q model.ListQuery) ([]*model.Complaint, int, error)
	GetComplaint(id uint64) (*model.Complaint, error)
	SaveComplaint(c *model.Complaint) error
	MoveComplaint(c *model.Complaint, to model.ComplaintStatus, note string) error
	RaiseComplaint(c *model.Complaint, note string) error
	// The office calendar and the complaint deadlines (HR's to change).
	FindCalendar(q model.ListQuery) ([]*model.CalendarDay, int, error)
	SaveCalendarDay(d *model.CalendarDay) error
	DeleteCalendarDay(id uint64) error
	ComplaintRules() (model.ComplaintRules, error)
	SetComplaintRules(r model.ComplaintRules) error

	IsEmpty() (bool, error)
	LoadDemo(n int, seed uint64) error
	Backup(ctx context.Context, out string, progress func(done, total int64)) error
	Restore(ctx context.Context, src string) (kept string, err error)
	CheckFile(ctx context.Context) (records int, problems []string, err error)
	// LatestGoodBackup is the newest backup that verifies, and when it was taken.
	LatestGoodBackup(ctx context.Context) (path string, taken time.Time, err error)
	Compact(ctx context.Context, progress func(done, total int64)) (before, after int64, err error)

	Appraisal
	Backups
	Access
	Sales
	CustomerFiles
	FollowUps
	Actions
}

// Access is what the accounts, the duties and permissions and the audit
// log need (chapter 2), and the signed-in person's own password.
type Access interface {
	// SignOut makes the store refuse everything from now on, answers of
	// jobs still running included.
	SignOut()
	MustChangePassword() (bool, error)
	ChangePassword(current, next string) error
	// Verify checks the person's password again (the idle lock); a wrong
	// one counts like a wrong sign-in.
	Verify(password string) error
	FindAccounts(q model.ListQuery) ([]*model.Account, int, error)
	SaveAccount(a *model.Account, password string) error
	ResetPassword(id uint64, password string) error
	Matrix() (model.Matrix, model.Date, error)
	SaveMatrix(m model.Matrix) error
	Audit(q model.AuditQuery) ([]model.Change, error)
	// RecordHandover logs personal data leaving the program (an export, a
	// print) before the file is written; refused without the permission.
	RecordHandover(h model.Handover) error
}

// Office settings kept in the data file, shared with the CLI.
const (
	settingCompany    = "company"
	settingFirstStart = "first_start_done"
	settingIdle       = "idle_minutes" // the idle lock, in minutes; 0 for never
)

// Appraisal is what the performance appraisal screen (chapter 5) needs.
type Appraisal interface {
	FindCycles(q model.ListQuery) ([]*model.Cycle, int, error)
	AllTemplates() ([]*model.Template, error)
	EnsureTemplate() (*model.Template, error)
	SaveTemplate(t *model.Template) error
	SaveCycle(c *model.Cycle) error
	AdvanceCycle(id uint64, by string) (*model.Cycle, error)
	ReopenCycle(id uint64, by, reason string) (*model.Cycle, error)
	LoadCycle(id uint64) (*model.CycleData, error)
	AdvisorHistory(advisorID uint64) ([]model.HistoryPoint, error)
	SaveEvaluation(e *model.Evaluation) error
	DeleteEvaluation(id uint64) error
	ConfirmOutcome(o *model.Outcome) error
	NextSerials(n int) ([]string, error)
}
