// Package exchange reads and writes the files an office trades with
// spreadsheets: CSV and .xlsx exports and imports of any record type
// described in model, and the appraisal results.
package exchange

import (
	"io"

	"advisordesk/i18n"
	"advisordesk/model"
)

// AdvisorCSV writes the roster as CSV (see WriteCSV).
func AdvisorCSV(w io.Writer, l *i18n.Labels, each func(func(*model.Advisor) error) error) (int, error) {
	return WriteCSV(w, l, model.AdvisorRecord, each)
}

// AdvisorXLSX writes the roster as an Excel workbook (see WriteXLSX).
func AdvisorXLSX(w io.Writer, l *i18n.Labels, each func(func(*model.Advisor) error) error) (int, error) {
	return WriteXLSX(w, l, model.AdvisorRecord, "report.roster", each)
}

// ReadAdvisors reads a roster (see ReadRecords): advisors are matched by
// employee number.
func ReadAdvisors(r io.Reader, name string) (*model.AdvisorImport, error) {
	return ReadRecords(r, name, model.AdvisorRecord)
}
