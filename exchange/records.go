package exchange

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"advisordesk/i18n"
	"advisordesk/model"

	"github.com/xuri/excelize/v2"
)

// bom makes Excel read a CSV file as UTF-8, so Chinese shows correctly.
const bom = "\ufeff"

// header is a file's first row: the labels of its fields in l's language.
func header[T any](l *i18n.Labels, fields []*model.Field[T]) []string {
	out := make([]string, len(fields))
	for i, f := range fields {
		out[i] = l.T("field." + f.Key)
	}
	return out
}

// cells is one record's row as text: a choice as its label in l's language
// (nothing when not given), anything else as its Access writes it.
func cells[T any](l *i18n.Labels, fields []*model.Field[T], rec *T) []string {
	out := make([]string, len(fields))
	for i, f := range fields {
		v := f.Get(rec)
		if f.Kind == model.KindChoice && v != "" {
			v = l.T(f.Prefix + v)
		}
		out[i] = v
	}
	return out
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

// WriteCSV writes records of r's type as UTF-8 CSV with a byte-order mark,
// the record's file columns in order under a header row in the labels'
// language; a cell that a spreadsheet would run as a formula is defused.
// each feeds the records in the order to write them. It returns how many
// were written.
func WriteCSV[T any](w io.Writer, l *i18n.Labels, r *model.Record[T], each func(func(*T) error) error) (int, error) {
	if _, err := io.WriteString(w, bom); err != nil {
		return 0, err
	}
	fields := r.FileFields()
	cw := csv.NewWriter(w)
	cw.UseCRLF = true // what Excel writes and expects
	if err := cw.Write(header(l, fields)); err != nil {
		return 0, err
	}
	n := 0
	err := each(func(rec *T) error {
		n++
		row := cells(l, fields, rec)
		for i, c := range row {
			row[i] = defuse(c)
		}
		return cw.Write(row)
	})
	if err != nil {
		return n, err
	}
	cw.Flush()
	return n, cw.Error()
}

// WriteXLSX writes records of r's type as an Excel workbook with the same
// columns and cells as WriteCSV, on one sheet named by the labels' text for
// title. Every cell is text, so Excel never turns a phone number or an
// employee number into a number; the header row is shaded and stays in view.
func WriteXLSX[T any](w io.Writer, l *i18n.Labels, r *model.Record[T], title string, each func(func(*T) error) error) (int, error) {
	f := excelize.NewFile()
	defer f.Close()
	sheet := l.T(title)
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return 0, err
	}
	fields := r.FileFields()
	put := func(row int, texts []string) error {
		for c, v := range texts {
			cell, err := excelize.CoordinatesToCellName(c+1, row)
			if err != nil {
				return err
			}
			if err := f.SetCellStr(sheet, cell, v); err != nil {
				return err
			}
		}
		return nil
	}
	if err := put(1, header(l, fields)); err != nil {
		return 0, err
	}
	n := 0
	err := each(func(rec *T) error {
		n++
		return put(n+1, cells(l, fields, rec))
	})
	if err != nil {
		return n, err
	}
	if err := styleHeader(f, sheet, len(fields)); err != nil {
		return n, err
	}
	return n, f.Write(w)
}

// styleHeader shades the header row, freezes it above the rows and gives
// the columns one width.
func styleHeader(f *excelize.File, sheet string, cols int) error {
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Color: []string{"E4EBF5"}, Pattern: 1}})
	if err != nil {
		return err
	}
	last, err := excelize.ColumnNumberToName(max(cols, 1))
	if err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, "A1", last+"1", bold); err != nil {
		return err
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	return f.SetColWidth(sheet, "A", last, 14)
}
