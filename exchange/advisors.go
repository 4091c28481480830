// Package exchange reads and writes the files an office trades with
// spreadsheets: CSV now, and later the .xlsx imports and exports.
package exchange

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"advisordesk/i18n"
	"advisordesk/model"
)

// bom makes Excel read a CSV file as UTF-8, so Chinese shows correctly.
const bom = "\ufeff"

// AdvisorColumns are the roster's CSV columns, the employee number first: it
// is the key other commands accept.
var AdvisorColumns = []string{model.FieldEmpNo, model.FieldName, model.FieldGender, model.FieldPhone,
	model.FieldEmail, model.FieldEmployment, model.FieldRole, model.FieldDepartment, model.FieldHireDate,
	model.FieldStatus, model.FieldStatusDate, model.FieldSupervisor, model.FieldNotes}

func advisorCells(l *i18n.Labels, a *model.Advisor) []string {
	cells := advisorCellsRaw(l, a)
	for i, c := range cells {
		cells[i] = defuse(c)
	}
	return cells
}

// advisorCellsRaw is an advisor's row as text, in AdvisorColumns order.
func advisorCellsRaw(l *i18n.Labels, a *model.Advisor) []string {
	gender := ""
	if a.Gender != "" {
		gender = l.T("gender." + string(a.Gender))
	}
	return []string{a.EmpNo, a.Name, gender, a.Phone, a.Email, l.T("employment." + string(a.Employment)),
		l.T("role." + string(a.Role)), a.Department, string(a.HireDate), l.T("status." + string(a.Status)),
		string(a.StatusDate), a.Supervisor, a.Notes}
}

// defuse keeps a spreadsheet from running a cell as a formula: text that
// starts with = + - @ gets a leading apostrophe, which Excel and LibreOffice
// show as plain text. Plain numbers like -5 are left alone. Text that
// starts with an apostrophe gets a second one, since the import takes one
// off every CSV cell: what was exported comes back as it was.
func defuse(s string) string {
	if s == "" || !strings.ContainsRune("=+-@'", rune(s[0])) {
		return s
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return s
	}
	return "'" + s
}

// AdvisorCSV writes a UTF-8 CSV with a byte-order mark and a header row in
// the labels' language. each feeds the advisors in the order to write them.
func AdvisorCSV(w io.Writer, l *i18n.Labels, each func(func(*model.Advisor) error) error) (int, error) {
	if _, err := io.WriteString(w, bom); err != nil {
		return 0, err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true // what Excel writes and expects
	head := make([]string, len(AdvisorColumns))
	for i, c := range AdvisorColumns {
		head[i] = l.T("field." + c)
	}
	if err := cw.Write(head); err != nil {
		return 0, err
	}
	n := 0
	err := each(func(a *model.Advisor) error {
		n++
		return cw.Write(advisorCells(l, a))
	})
	if err != nil {
		return n, err
	}
	cw.Flush()
	return n, cw.Error()
}
