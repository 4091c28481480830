package storage

import (
	"errors"
	"fmt"
)

// ErrNotFound: no record has the asked-for key.
var ErrNotFound = errors.New("record not found")

// ErrCanceled is returned by a long job (backup, compaction, import) that the
// user stopped; whatever it was writing has been removed.
var ErrCanceled = errors.New("canceled")

// LockedError: another process (a second window, the CLI) holds the data file.
type LockedError struct{ Path string }

func (e *LockedError) Error() string {
	return fmt.Sprintf("the data file %s is in use by another AdvisorDesk window or program", e.Path)
}

// NewerFileError: the file was written by a newer AdvisorDesk than this one.
type NewerFileError struct {
	Path          string
	Version, Know uint64
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

func (e *NotDataFileError) Error() string {
	return fmt.Sprintf("%s is not an AdvisorDesk data file: %s", e.Path, e.Reason)
}
