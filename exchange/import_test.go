package exchange

import (
	"bytes"
	"strings"
	"testing"

	"advisordesk/i18n"
	"advisordesk/model"

	"github.com/xuri/excelize/v2"
)

func TestReadAdvisorsCSV(t *testing.T) {
	csv := "\ufeff工号,姓名,用工类型,岗位,电话,入职日期,备注,无关列\n" +
		"sa0101,王小明,正式员工,前台接待,13912345678,2024/3/5,\"多行\n备注\",x\n" +
		",,,,,,,\n" + // a blank line is skipped
		"SA0102,李华,Intern,After-sales advisor,'+86 139 1234 5678,2025年1月2日,,\n" +
		"SA0103,赵六,合同工,售后顾问,,2024-02-30,,\n" +
		"sa0101,重复,正式员工,其他,,,,\n"
	imp, err := ReadAdvisors(strings.NewReader(csv), "roster.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(imp.Rows) != 4 {
		t.Fatalf("%d rows", len(imp.Rows))
	}
	want := []string{model.FieldEmpNo, model.FieldName, model.FieldPhone, model.FieldEmployment, model.FieldRole,
		model.FieldHireDate, model.FieldNotes}
	if len(imp.Columns) != len(want) {
		t.Fatalf("columns %v", imp.Columns)
	}
	r := imp.Rows[0]
	if r.Row != 2 || r.Rec.EmpNo != "SA0101" || r.Rec.Employment != model.FullTime || r.Rec.Role != model.FrontDesk ||
		r.Rec.HireDate != "2024-03-05" || r.Rec.Notes != "多行\n备注" || len(r.Errs) != 0 {
		t.Fatalf("row 2: %+v", r)
	}
	r = imp.Rows[1]
	if r.Row != 4 || r.Rec.Employment != model.Intern || r.Rec.Role != model.AfterSales || r.Rec.Phone != "+86 139 1234 5678" ||
		r.Rec.HireDate != "2025-01-02" {
		t.Fatalf("row 4 (English choices, defused phone): %+v", r)
	}
	r = imp.Rows[2]
	if r.Errs.For(model.FieldEmployment) == nil || r.Errs.For(model.FieldHireDate) == nil || r.Errs[0].Row != 5 {
		t.Fatalf("row 5 errors: %v", r.Errs)
	}
	if fe := imp.Rows[3].Errs.For(model.FieldEmpNo); fe == nil || fe.Code != model.CodeDuplicateRow || fe.Arg != "2" {
		t.Fatalf("repeated number: %v", imp.Rows[3].Errs)
	}
	en, _ := i18n.For("en")
	if got := en.Explain(r.Errs); !strings.HasPrefix(got, "Row 5: Employment: “合同工” is not one of the choices") {
		t.Fatalf("explained: %q", got)
	}
}

func TestReadAdvisorsXLSXRoundTrip(t *testing.T) {
	list := []*model.Advisor{{EmpNo: "SA0001", Name: "王小明", Phone: "13800138000", Employment: model.PartTime,
		Role: model.AccountManager, Status: model.Left, StatusDate: "2025-06-30", HireDate: "2020-01-01", Gender: model.Female}}
	en, _ := i18n.For("en")
	var buf bytes.Buffer
	if _, err := AdvisorXLSX(&buf, en, func(fn func(*model.Advisor) error) error { return fn(list[0]) }); err != nil {
		t.Fatal(err)
	}
	f, _ := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if typ, _ := f.GetCellType(f.GetSheetName(0), "D2"); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
		t.Fatalf("phone stored as %v, not text", typ)
	}
	imp, err := ReadAdvisors(bytes.NewReader(buf.Bytes()), "roster.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	got := imp.Rows[0].Rec
	if len(imp.Rows) != 1 || got.Name != "王小明" || got.Status != model.Left || got.StatusDate != "2025-06-30" ||
		got.Gender != model.Female || got.Phone != "13800138000" || len(imp.Rows[0].Errs) != 0 {
		t.Fatalf("round trip: %+v %v", got, imp.Rows[0].Errs)
	}
}

func TestReadAdvisorsRefusesFiles(t *testing.T) {
	cases := map[string]struct {
		name, body, key string
	}{
		"latin1":  {"a.csv", "工号\n\xff\xfe", "import.encoding"},
		"no key":  {"a.csv", "Name,Phone\nx,1\n", "import.no_key"},
		"pdf":     {"a.pdf", "%PDF", "import.kind"},
		"not zip": {"a.xlsx", "hello", "import.bad_xlsx"},
		"empty":   {"a.csv", "", "import.empty"},
		"no rows": {"a.csv", "工号,姓名\n,\n", "import.no_rows"},
	}
	for name, c := range cases {
		_, err := ReadAdvisors(strings.NewReader(c.body), c.name)
		fe, ok := err.(*FileError)
		if !ok || fe.Key != c.key {
			t.Errorf("%s: want %s, got %v", name, c.key, err)
		}
	}
}

func FuzzReadAdvisorsCSV(f *testing.F) {
	f.Add("工号,姓名,用工类型,岗位\nSA1,王,正式员工,其他\n")
	f.Add("\ufeffEmployee no.,Hire date\n\"a\"\"b\",2024-13-01\n,,\n")
	f.Add("empno\n" + strings.Repeat("x,", 100) + "\n")
	f.Add("\xff\xfe\xe5\x5d\xf7\x53\n\x00S\x00A\x001\x00\n\x00")             // UTF-16LE: 工号 / SA1
	f.Add("\xb9\xa4\xba\xc5,\xd0\xd5\xc3\xfb\r\n\n\"SA1\r\n\",\xcd\xf5\r\n") // GB18030, a blank line, a two-line cell
	f.Fuzz(func(t *testing.T, body string) {
		imp, err := ReadAdvisors(strings.NewReader(body), "f.csv")
		if err != nil {
			if _, ok := err.(*FileError); !ok {
				t.Fatalf("unexpected error type %T: %v", err, err)
			}
			return
		}
		for _, r := range imp.Rows {
			if r.Row < 2 {
				t.Fatalf("row number %d", r.Row)
			}
			for _, fe := range r.Errs {
				if fe.Row != r.Row {
					t.Fatalf("error on row %d filed under row %d", fe.Row, r.Row)
				}
			}
		}
	})
}
