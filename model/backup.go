package model

import "time"

// BackupCopy is one verified copy of the data file in the backups folder or
// the second folder the user picked.
type BackupCopy struct {
	Path   string
	Taken  time.Time
	Reason string // "daily", "close", "before-restore", …
	Size   int64
	Second bool // in the second folder (a USB stick), not the backups folder
}

// BackupPolicy is how automatic backups are kept: the newest Keep copies of
// each kind, in the backups folder and, when Second is set, in that folder too.
type BackupPolicy struct {
	Keep   int
	Second string
}

// Reasons of the scheduled copies; the others are "before-<action>".
const (
	BackupDaily = "daily"
	BackupClose = "close"
)

// Bounds and default of BackupPolicy.Keep.
const (
	DefaultKeepBackups = 10
	MaxKeepBackups     = 100
)

// Field key of the backup policy's form.
const FieldKeepBackups = "keep_backups"

// Validate refuses a number of copies to keep outside 1–MaxKeepBackups.
func (p *BackupPolicy) Validate() error {
	if p.Keep < 1 || p.Keep > MaxKeepBackups {
		return FieldErrors{{Field: FieldKeepBackups, Code: CodeRange, Arg: "1–100"}}
	}
	return nil
}
