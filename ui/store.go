package ui

import (
	"context"

	"advisordesk/model"
)

// Store is what the window asks of the data file. The storage package's DB
// satisfies it; the window never sees bbolt.
type Store interface {
	Path() string
	Today() model.Date
	Setting(key string) (string, error)
	SetSetting(key, value string) error

	FindAdvisors(q model.ListQuery) ([]*model.Advisor, int, error)
	GetAdvisor(id uint64) (*model.Advisor, error)
	SaveAdvisor(a *model.Advisor) error
	DeleteAdvisor(id uint64) error
	AdvisorsByEmpNo() ([]*model.Advisor, error)
	StatusCounts() (map[model.Status]int, error)

	IsEmpty() (bool, error)
	LoadDemo(n int, seed uint64) error
	Backup(ctx context.Context, out string, progress func(done, total int64)) error
	Restore(ctx context.Context, src string) (kept string, err error)
	CheckFile(ctx context.Context) (records int, problems []string, err error)
	Compact(ctx context.Context, progress func(done, total int64)) (before, after int64, err error)
}

// Office settings kept in the data file, shared with the CLI.
const (
	settingCompany    = "company"
	settingFirstStart = "first_start_done"
)
