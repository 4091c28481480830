package storage

import (
	"fmt"
	"strings"
	"time"

	"advisordesk/model"
)

// keyed is a sentinel error with a sentence in the translation files.
type keyed struct{ key, text string }

func (e *keyed) Error() string                        { return e.text }
func (e *keyed) MessageKey() (string, map[string]any) { return e.key, nil }

// ErrNotFound: no record has the asked-for key.
var ErrNotFound error = &keyed{"err.notfound", "record not found"}

// ErrCanceled is returned by a long job (backup, compaction, import) that the
// user stopped; whatever it was writing has been removed.
var ErrCanceled error = &keyed{"settings.canceled", "canceled"}

// ErrNotEmpty: demo data goes only into a file without advisors.
var ErrNotEmpty error = &keyed{"err.notempty", "the file already holds advisors; demo data goes only into an empty file"}

// LockedError: another process (a second window, the CLI) holds the data file.
type LockedError struct{ Path string }

func (e *LockedError) MessageKey() (string, map[string]any) {
	return "err.file_locked", map[string]any{"Path": e.Path}
}

func (e *LockedError) Error() string {
	return fmt.Sprintf("the data file %s is in use by another AdvisorDesk window or program", e.Path)
}

// NewerFileError: the file was written by a newer AdvisorDesk than this one.
type NewerFileError struct {
	Path          string
	Version, Know uint64
}

func (e *NewerFileError) MessageKey() (string, map[string]any) {
	return "err.newer", map[string]any{"Path": e.Path}
}

func (e *NewerFileError) Error() string {
	return fmt.Sprintf("the data file %s has schema version %d; this AdvisorDesk knows up to %d: update the program",
		e.Path, e.Version, e.Know)
}

// CorruptError: a stored value failed its checksum or could not be decoded.
type CorruptError struct {
	Bucket string
	Key    []byte
	Reason string
}

func (e *CorruptError) Error() string {
	return fmt.Sprintf("damaged value in %s at key %x: %s", e.Bucket, e.Key, e.Reason)
}

// NotDataFileError: the file the user picked is not an AdvisorDesk data file.
type NotDataFileError struct {
	Path   string
	Reason string
}

func (e *NotDataFileError) MessageKey() (string, map[string]any) {
	return "err.notdata", map[string]any{"Path": e.Path, "Reason": e.Reason}
}

func (e *NotDataFileError) Error() string {
	return fmt.Sprintf("%s is not an AdvisorDesk data file: %s", e.Path, e.Reason)
}

// InUseError: a record that others still refer to is not deleted; they
// would lose what they point at. Uses says which tables refer to it, through
// which field, and how many; Hint is the translation key of what to do
// instead (an advisor's status set to Left keeps every record).
type InUseError struct {
	Name string
	Uses []Use
	Hint string
}

func (e *InUseError) Error() string {
	parts := make([]string, len(e.Uses))
	for i, u := range e.Uses {
		parts[i] = fmt.Sprintf("%d %s (%s)", u.N, u.Table, u.Field)
	}
	msg := fmt.Sprintf("%s is still used by %s and cannot be deleted", e.Name, strings.Join(parts, ", "))
	if e.Hint == "advisor.in_use_hint" {
		msg += "; set the status to left instead"
	}
	return msg
}

// MessageKey names each use by its own text ("use."+table+"."+field, with
// its count) for the translation to join.
func (e *InUseError) MessageKey() (string, map[string]any) {
	uses := make([]model.Note, len(e.Uses))
	for i, u := range e.Uses {
		uses[i] = model.Note{Key: "use." + u.Table + "." + u.Field, Args: map[string]any{"N": u.N}}
	}
	args := map[string]any{"Name": e.Name, "Uses": uses, "Hint": ""}
	if e.Hint != "" {
		args["Hint"] = model.Note{Key: e.Hint}
	}
	return "err.in_use", args
}

// Cycles is how many appraisal cycles the record takes part in.
func (e *InUseError) Cycles() int {
	for _, u := range e.Uses {
		if u.Table == "cycles" {
			return u.N
		}
	}
	return 0
}

// DamagedError: the data file is an AdvisorDesk file, but part of it cannot
// be read; restoring a backup is the way back.
type DamagedError struct {
	Path   string
	Reason string
}

func (e *DamagedError) MessageKey() (string, map[string]any) {
	return "err.damaged", map[string]any{"Path": e.Path, "Reason": e.Reason}
}

func (e *DamagedError) Error() string {
	return fmt.Sprintf("the data file %s is damaged (%s); restore a backup", e.Path, e.Reason)
}

// CheckTimeoutError: the full check of a file did not finish in its time
// limit. That is no verdict: a busy computer is slow too, so it is not
// reported as damage (a restore still keeps such a file aside as it is).
type CheckTimeoutError struct {
	Path  string
	Limit time.Duration
}

func (e *CheckTimeoutError) MessageKey() (string, map[string]any) {
	return "err.check_timeout", map[string]any{"Path": e.Path, "Limit": e.Limit.String()}
}

func (e *CheckTimeoutError) Error() string {
	return fmt.Sprintf("the check of %s did not finish within %s (a busy computer, or a file damaged so that the check hangs)", e.Path, e.Limit)
}

// EmptyFileError: the file is there but holds 0 bytes.
type EmptyFileError struct{ Path string }

func (e *EmptyFileError) MessageKey() (string, map[string]any) {
	return "err.empty_file", map[string]any{"Path": e.Path}
}

func (e *EmptyFileError) Error() string {
	return fmt.Sprintf("the file %s is empty (0 bytes)", e.Path)
}

// SameFileError: a backup or restore was asked to copy the data file onto
// itself.
type SameFileError struct{ Path string }

func (e *SameFileError) MessageKey() (string, map[string]any) {
	return "err.same_file", map[string]any{"Path": e.Path}
}

func (e *SameFileError) Error() string {
	return fmt.Sprintf("%s is the data file itself; choose another file", e.Path)
}

// TargetInUseError: the file a backup would replace is open in an
// AdvisorDesk window or program.
type TargetInUseError struct{ Path string }

func (e *TargetInUseError) MessageKey() (string, map[string]any) {
	return "err.target_in_use", map[string]any{"Path": e.Path}
}

func (e *TargetInUseError) Error() string {
	return fmt.Sprintf("%s is in use by an AdvisorDesk window or program; it is not replaced", e.Path)
}

// NoFolderError: the folder a file should be written to does not exist.
type NoFolderError struct{ Path string }

func (e *NoFolderError) MessageKey() (string, map[string]any) {
	return "err.no_folder", map[string]any{"Path": e.Path}
}

func (e *NoFolderError) Error() string {
	return fmt.Sprintf("the folder %s does not exist", e.Path)
}
