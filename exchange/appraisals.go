package exchange

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"

	"advisordesk/i18n"
	"advisordesk/model"

	"github.com/xuri/excelize/v2"
)

// AppraisalTable is a cycle's results as rows: a header, then one row per
// participant in rank order, the employee number first. Numbers are
// returned as numbers so that the .xlsx cells are numeric.
func AppraisalTable(l *i18n.Labels, r *model.CycleData) (head []string, rows [][]any) {
	head = []string{l.T("field.empno"), l.T("field.name"), l.T("field.department"), l.T("field.role"),
		l.T("export.rank"), l.T("sheet.total"), l.T("sheet.grade")}
	for _, d := range model.Dimensions {
		head = append(head, l.T("dimension."+string(d)))
	}
	for _, it := range r.Template.Items {
		head = append(head, it.Label(l.Lang))
	}
	head = append(head, l.T("field.salary_pct"), l.T("sheet.promotion"), l.T("sheet.training"), l.T("export.confirmed"),
		l.T("export.complete"))
	yes := func(b bool) string {
		if b {
			return l.T("export.yes")
		}
		return l.T("export.no")
	}
	for _, rk := range r.Results() {
		a := r.Advisors[rk.AdvisorID]
		res := rk.Result
		row := []any{a.EmpNo, a.Name, a.Department, l.T("role." + string(a.Role)), rk.Rank,
			model.Round(res.Total, 1), res.Grade.Code}
		if !res.Scored { // no form yet: no rank, total or grade to report
			row[4], row[5], row[6] = "", "", ""
		}
		for _, d := range model.Dimensions {
			row = append(row, model.Round(res.Subtotals[d], 2))
		}
		for _, ir := range res.Items {
			row = append(row, model.Round(ir.Score, 1))
		}
		o, confirmed := r.Outcomes[rk.AdvisorID], true
		if o == nil {
			s := model.Suggest(r.Template, res.Grade.Code)
			o, confirmed = &s, false
		}
		row = append(row, o.SalaryPct, yes(o.Promotion), yes(o.Training), yes(confirmed), yes(res.Complete))
		rows = append(rows, row)
	}
	return head, rows
}

// AppraisalCSV writes the table as UTF-8 CSV with a byte-order mark.
func AppraisalCSV(w io.Writer, l *i18n.Labels, r *model.CycleData) error {
	head, rows := AppraisalTable(l, r)
	if _, err := io.WriteString(w, bom); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	cw.Write(head)
	for _, row := range rows {
		cells := make([]string, len(row))
		for i, v := range row {
			switch x := v.(type) {
			case float64:
				cells[i] = strconv.FormatFloat(x, 'f', -1, 64)
			default:
				cells[i] = defuse(fmt.Sprint(x))
			}
		}
		cw.Write(cells)
	}
	cw.Flush()
	return cw.Error()
}

// AppraisalXLSX writes the table as an Excel workbook: a bold, frozen
// header row, numeric score cells, and columns wide enough to read.
func AppraisalXLSX(w io.Writer, l *i18n.Labels, r *model.CycleData) error {
	head, rows := AppraisalTable(l, r)
	f := excelize.NewFile()
	defer f.Close()
	sheet := sheetName(r.Cycle.Name)
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Color: []string{"E4EBF5"}, Pattern: 1}})
	if err != nil {
		return err
	}
	if err := f.SetSheetRow(sheet, "A1", &head); err != nil {
		return err
	}
	for i, row := range rows {
		cell, err := excelize.CoordinatesToCellName(1, i+2)
		if err != nil {
			return err
		}
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			return err
		}
	}
	last, err := excelize.ColumnNumberToName(max(len(head), 1))
	if err != nil {
		return err
	}
	if err := errors.Join(
		f.SetCellStyle(sheet, "A1", last+"1", bold),
		f.SetPanes(sheet, &excelize.Panes{Freeze: true, Split: false, XSplit: 2, YSplit: 1, TopLeftCell: "C2", ActivePane: "bottomRight"}),
		f.SetColWidth(sheet, "A", last, 12),
		f.SetColWidth(sheet, "B", "C", 14),
	); err != nil {
		return err
	}
	return f.Write(w)
}

// sheetName makes a cycle name usable as a worksheet name (at most 31
// characters, none of : \ / ? * [ ]).
func sheetName(s string) string {
	r := []rune(s)
	r = slices.DeleteFunc(r, func(c rune) bool { return slices.Contains([]rune(`:\/?*[]`), c) })
	if len(r) > 31 {
		r = r[:31]
	}
	if len(r) == 0 {
		return "Results"
	}
	return string(r)
}
