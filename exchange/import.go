package exchange

import (
	"fmt"
	"io"
	"strings"

	"advisordesk/i18n"
	"advisordesk/model"
)

// FileError: the file as a whole cannot be read (not CSV or .xlsx, no
// header, no employee-number column, over a limit). Row, Col and Limit are
// set where they say more.
type FileError struct {
	Key, Arg   string
	Row        int
	Col, Limit string
}

func (e *FileError) Error() string { return e.Key + ": " + e.Arg }
func (e *FileError) MessageKey() (string, map[string]any) {
	return e.Key, map[string]any{"Arg": e.Arg, "Row": e.Row, "Col": e.Col, "Limit": e.Limit}
}

// AdvisorColumns are the roster's columns, the employee number first: it
// is the key other commands accept.
var AdvisorColumns = []string{model.FieldEmpNo, model.FieldName, model.FieldGender, model.FieldPhone,
	model.FieldEmail, model.FieldEmployment, model.FieldRole, model.FieldDepartment, model.FieldHireDate,
	model.FieldStatus, model.FieldStatusDate, model.FieldSupervisor, model.FieldNotes}

// ReadAdvisors reads a roster through ReadTable. The header row may use the
// Chinese or the English column names of the export, or the field keys;
// columns may come in any order and unknown ones are ignored. Choices
// (employment, role, status, gender) may be written in either language.
// Cells that cannot be read (a date, a choice, an employee number repeated
// in the file) are reported on their row; the store checks the rest as the
// form would, against the advisors on file.
func ReadAdvisors(r io.Reader, name string) (*model.AdvisorImport, error) {
	var fields []string
	t, err := ReadTable(r, name, func(head []string) (Pick, error) {
		cols, err := headerColumns(head)
		if err != nil {
			return Pick{}, err
		}
		var p Pick
		for _, f := range AdvisorColumns {
			if c, ok := cols[f]; ok {
				fields = append(fields, f)
				p.Cols = append(p.Cols, c)
				p.Dates = append(p.Dates, f == model.FieldHireDate || f == model.FieldStatusDate)
			}
		}
		return p, nil
	})
	if err != nil {
		return nil, err
	}
	choices := choiceLabels()
	seen := map[string]int{}
	out := &model.AdvisorImport{Columns: fields, Notes: t.Notes}
	for _, rec := range t.Rows {
		row := model.AdvisorRow{Row: rec.Line}
		cells := make(map[string]string, len(fields))
		for i, f := range fields {
			cells[f] = strings.TrimSpace(rec.Cells[i])
		}
		cell := func(field string) string { return cells[field] }
		a := &row.Rec
		a.EmpNo, a.Name, a.Phone, a.Email = cell(model.FieldEmpNo), cell(model.FieldName), cell(model.FieldPhone), cell(model.FieldEmail)
		a.Department, a.Supervisor, a.Notes = cell(model.FieldDepartment), cell(model.FieldSupervisor), cell(model.FieldNotes)
		pick := func(field, prefix string, set func(string)) {
			v := cell(field)
			if v == "" {
				return
			}
			if code, ok := choices[prefix][strings.ToLower(v)]; ok {
				set(code)
				return
			}
			row.Errs = append(row.Errs, &model.FieldError{Field: field, Code: model.CodeUnknownChoice, Arg: v, Row: row.Row})
		}
		pick(model.FieldGender, "gender.", func(s string) { a.Gender = model.Gender(s) })
		pick(model.FieldEmployment, "employment.", func(s string) { a.Employment = model.Employment(s) })
		pick(model.FieldRole, "role.", func(s string) { a.Role = model.Role(s) })
		pick(model.FieldStatus, "status.", func(s string) { a.Status = model.Status(s) })
		date := func(field string) model.Date {
			d, err := model.ParseDate(cell(field))
			if err != nil {
				row.Errs = append(row.Errs, &model.FieldError{Field: field, Code: model.CodeDate, Row: row.Row})
			}
			return d
		}
		a.HireDate, a.StatusDate = date(model.FieldHireDate), date(model.FieldStatusDate)
		a.EmpNo = model.NormalizeEmpNo(a.EmpNo)
		if first, dup := seen[a.EmpNo]; dup && a.EmpNo != "" {
			row.Errs = append(row.Errs, &model.FieldError{Field: model.FieldEmpNo, Code: model.CodeDuplicateRow,
				Arg: fmt.Sprint(first), Row: row.Row})
		} else {
			seen[a.EmpNo] = row.Row
		}
		out.Rows = append(out.Rows, row)
	}
	if len(out.Rows) == 0 {
		return nil, &FileError{Key: "import.no_rows", Arg: name}
	}
	return out, nil
}

func blank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// headerColumns maps field keys to column numbers from a header row in
// either language.
func headerColumns(head []string) (map[string]int, error) {
	names := map[string]string{}
	for _, f := range AdvisorColumns {
		names[f] = f
		for _, lang := range i18n.Langs {
			l, _ := i18n.For(lang)
			names[strings.ToLower(l.T("field."+f))] = f
		}
	}
	cols := map[string]int{}
	for i, h := range head {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, bom)))
		if f, ok := names[h]; ok {
			if _, dup := cols[f]; !dup {
				cols[f] = i
			}
		}
	}
	if _, ok := cols[model.FieldEmpNo]; !ok {
		return nil, &FileError{Key: "import.no_key", Arg: strings.Join(head, ", ")}
	}
	return cols, nil
}

// choiceLabels maps every language's label (lowercased) and every code to
// the code, per choice prefix.
func choiceLabels() map[string]map[string]string {
	out := map[string]map[string]string{}
	add := func(prefix string, codes []string) {
		m := map[string]string{}
		for _, c := range codes {
			m[c] = c
			for _, lang := range i18n.Langs {
				l, _ := i18n.For(lang)
				m[strings.ToLower(l.T(prefix+c))] = c
			}
		}
		out[prefix] = m
	}
	add("gender.", strs(model.Genders))
	add("employment.", strs(model.Employments))
	add("role.", strs(model.Roles))
	add("status.", strs(model.Statuses))
	delete(out["gender."], strings.ToLower("")) // an empty cell is "not given" already
	return out
}

func strs[T ~string](v []T) []string {
	out := make([]string, len(v))
	for i, x := range v {
		out[i] = string(x)
	}
	return out
}
