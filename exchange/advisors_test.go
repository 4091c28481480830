package exchange

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"advisordesk/i18n"
	"advisordesk/model"
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
	if rows[1][0] != "SA0001" || rows[1][5] != "正式员工" || rows[1][12] != "多行\n备注，含逗号" {
		t.Fatalf("row 1: %q", rows[1])
	}
	if rows[2][1] != "'=HYPERLINK(\"x\")" || rows[2][3] != "'+86 138 0013 8000" || rows[2][9] != "离职" {
		t.Fatalf("row 2 not defused: %q", rows[2])
	}
}
