package exchange

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strconv"
	"strings"
	"testing"

	"advisordesk/i18n"
	"advisordesk/model"

	"github.com/xuri/excelize/v2"
)

func TestAdvisorCSV(t *testing.T) {
	list := []*model.Advisor{
		{EmpNo: "SA0001", Name: "王小明", Employment: model.FullTime, Role: model.FrontDesk, Status: model.Active,
			Notes: "多行\n备注，含逗号"},
		{EmpNo: "SA0002", Name: "=HYPERLINK(\"x\")", Phone: "+86 138 0013 8000", Employment: model.Intern,
			Role: model.AfterSales, Status: model.Left, StatusDate: "2025-01-31"},
	}
	each := func(fn func(*model.Advisor) error) error {
		for _, a := range list {
			if err := fn(a); err != nil {
				return err
			}
		}
		return nil
	}
	zh, _ := i18n.For("zh")
	var buf bytes.Buffer
	n, err := AdvisorCSV(&buf, zh, each)
	if err != nil || n != 2 {
		t.Fatalf("wrote %d, %v", n, err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("\xef\xbb\xbf")) {
		t.Fatal("no UTF-8 byte-order mark for Excel")
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), bom))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if rows[0][0] != "工号" || rows[0][1] != "姓名" || len(rows) != 3 {
		t.Fatalf("header: %v", rows[0])
	}
	col := func(key string) int { return slices.Index(rows[0], zh.T("field."+key)) }
	if rows[1][0] != "SA0001" || rows[1][col(model.FieldEmployment)] != "正式员工" || rows[1][col(model.FieldNotes)] != "多行\n备注，含逗号" {
		t.Fatalf("row 1: %q", rows[1])
	}
	if rows[2][1] != "'=HYPERLINK(\"x\")" || rows[2][col(model.FieldPhone)] != "'+86 138 0013 8000" || rows[2][col(model.FieldStatus)] != "离职" {
		t.Fatalf("row 2 not defused: %q", rows[2])
	}
}

func TestAppraisalExports(t *testing.T) {
	tpl := model.DefaultTemplate()
	a1 := &model.Advisor{ID: 1, EmpNo: "SA0001", Name: "王小明", Department: "售后服务部", Role: model.FrontDesk}
	a2 := &model.Advisor{ID: 2, EmpNo: "SA0002", Name: "=cmd", Department: "销售部", Role: model.AccountManager}
	ev := func(adv uint64, m model.Method, v float64) model.Evaluation {
		e := model.Evaluation{AdvisorID: adv, Method: m, Scores: map[string]float64{}}
		for _, it := range tpl.Items {
			if it.Rated(m) {
				e.Scores[it.Key] = v
			}
		}
		return e
	}
	e1 := []model.Evaluation{ev(1, model.SelfEval, 90), ev(1, model.SupervisorEval, 92), ev(1, model.CustomerEval, 95)}
	r1 := model.Score(&tpl, e1)
	res := &model.CycleData{Cycle: &model.Cycle{Name: "2026年第三季度: 考核/结果", Participants: []uint64{2, 1}}, Template: &tpl,
		Evals:    map[uint64][]model.Evaluation{1: e1, 2: {ev(2, model.SelfEval, 70)}},
		Advisors: map[uint64]*model.Advisor{1: a1, 2: a2},
		Outcomes: map[uint64]*model.Outcome{1: {SalaryPct: 8, Promotion: true}}}
	en, _ := i18n.For("en")

	var csvBuf bytes.Buffer
	if err := AppraisalCSV(&csvBuf, en, res); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(csvBuf.String(), bom))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if rows[0][0] != "Employee no." || rows[1][0] != "SA0001" || rows[1][4] != "1" || rows[1][6] != "A" || rows[2][1] != "'=cmd" {
		t.Fatalf("csv rows: %q", rows[:3])
	}
	if rows[1][len(rows[1])-2] != "yes" || rows[2][len(rows[2])-2] != "no" || rows[2][len(rows[2])-1] != "no" {
		t.Fatalf("confirmed / complete columns: %q", rows)
	}

	var x bytes.Buffer
	if err := AppraisalXLSX(&x, en, res); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&x)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	if sheet != "2026年第三季度 考核结果" {
		t.Fatalf("sheet name %q", sheet)
	}
	total, _ := f.GetCellValue(sheet, "F2")
	if total != strconv.FormatFloat(r1.Total, 'f', -1, 64) {
		t.Fatalf("total cell %q, want %v", total, r1.Total)
	}
	name, _ := f.GetCellValue(sheet, "B3")
	if name != "=cmd" {
		t.Fatalf("xlsx keeps text as text: %q", name)
	}
	if typ, _ := f.GetCellType(sheet, "F2"); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Fatal("total stored as text, not a number")
	}
}
