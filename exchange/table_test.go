package exchange

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"advisordesk/i18n"
	"advisordesk/model"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

func explain(t *testing.T, err error) (en, zh string) {
	t.Helper()
	e, _ := i18n.For("en")
	z, _ := i18n.For("zh")
	return e.Explain(err), z.Explain(err)
}

// A file over the size limit is refused, with the limit in the message, in
// both languages; it used to be cut at 64 MiB and "imported" in part.
func TestCSVOverSizeIsRefusedNotCut(t *testing.T) {
	row := "SA000001,王小明," + strings.Repeat("备注", 500) + "\n"
	body := "工号,姓名,备注\n" + strings.Repeat(row, MaxFileBytes/len(row)+1)
	_, err := ReadAdvisors(strings.NewReader(body), "big.csv")
	var fe *FileError
	if !errors.As(err, &fe) || fe.Key != "import.too_large" {
		t.Fatalf("want a refusal, got %v", err)
	}
	en, zh := explain(t, err)
	if !strings.Contains(en, "big.csv is larger than 64 MiB") || !strings.Contains(zh, "big.csv 超过 64 MiB") {
		t.Fatalf("messages: %q / %q", en, zh)
	}
}

func TestCSVOverRowLimitIsRefused(t *testing.T) {
	var b strings.Builder
	b.WriteString("工号\n")
	for i := 0; i <= MaxImportRows; i++ {
		fmt.Fprintf(&b, "S%d\n", i)
	}
	_, err := ReadAdvisors(strings.NewReader(b.String()), "many.csv")
	en, zh := explain(t, err)
	if !strings.Contains(en, "more than 100000 rows") || !strings.Contains(zh, "超过 100000 行") {
		t.Fatalf("messages: %q / %q", en, zh)
	}
}

// Rows are numbered as a spreadsheet shows the file: an empty line is a row,
// a record whose quoted cell spans lines is one row.
func TestCSVRowNumbersAsASpreadsheetShows(t *testing.T) {
	body := "工号,姓名,入职日期,备注\r\n" + // row 1
		"SA1,王一,2024-01-01,\r\n" + // row 2
		"\r\n" + // row 3: empty
		"\r\n" + // row 4: empty
		"SA2,王二,2024-01-02,\"两行\r\n备注\"\r\n" + // row 5, over two lines
		"SA3,王三,2024-01-03,\"三\n行\n备注\"\r\n" + // row 6, over three lines
		"\r\n" + // row 7: empty
		"SA4,王四,2024-13-01,\r\n" // row 8: a bad date
	imp, err := ReadAdvisors(strings.NewReader(body), "gaps.csv")
	if err != nil {
		t.Fatal(err)
	}
	var got []int
	for _, r := range imp.Rows {
		got = append(got, r.Row)
	}
	if fmt.Sprint(got) != "[2 5 6 8]" {
		t.Fatalf("rows %v, want [2 5 6 8]", got)
	}
	if fe := imp.Rows[3].Errs.For(model.FieldHireDate); fe == nil || fe.Row != 8 {
		t.Fatalf("bad date: %v", imp.Rows[3].Errs)
	}
	if en, zh := explain(t, imp.Rows[3].Errs); !strings.HasPrefix(en, "Row 8: Hire date") || !strings.HasPrefix(zh, "第 8 行") {
		t.Fatalf("explained: %q / %q", en, zh)
	}
	if imp.Rows[2].Rec.Notes != "三\n行\n备注" {
		t.Fatalf("multi-line cell: %q", imp.Rows[2].Rec.Notes)
	}
}

// The same roster saved in every encoding an office has is read the same,
// and the report names the encoding.
func TestCSVEncodings(t *testing.T) {
	text := "工号,姓名,部门,备注\r\nSA1,王小明,售后服务部,€ 与 𠮷\r\nSA2,欧阳娜,前台接待组,\r\n"
	gb := func(s string) []byte { b, _ := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s)); return b }
	with := func(e encoding.Encoding) []byte { b, _ := e.NewEncoder().Bytes([]byte(text)); return b }
	cases := []struct {
		enc  string
		body []byte
	}{
		{"UTF-8", []byte(text)},
		{"UTF-8 BOM", []byte(bom + text)},
		{"UTF-16LE", with(unicode.UTF16(unicode.LittleEndian, unicode.UseBOM))},
		{"UTF-16BE", with(unicode.UTF16(unicode.BigEndian, unicode.UseBOM))},
		{"GB18030", gb(text)},
	}
	for _, c := range cases {
		imp, err := ReadAdvisors(bytes.NewReader(c.body), "office.csv")
		if err != nil {
			t.Fatalf("%s: %v", c.enc, err)
		}
		if len(imp.Rows) != 2 || imp.Rows[0].Rec.Name != "王小明" || imp.Rows[0].Rec.Notes != "€ 与 𠮷" ||
			imp.Rows[1].Rec.Department != "前台接待组" || imp.Rows[1].Row != 3 {
			t.Fatalf("%s: %+v", c.enc, imp.Rows)
		}
		en, zh := explain(t, imp.Notes[0])
		if en != "Read office.csv as "+c.enc+" text." || zh != "已按 "+c.enc+" 编码读取 office.csv。" {
			t.Fatalf("%s: notes %q / %q", c.enc, en, zh)
		}
	}
	// GBK is GB18030's two-byte part: a file saved as GBK reads as GB18030.
	if b, _ := simplifiedchinese.GBK.NewEncoder().Bytes([]byte("工号,姓名\nSA1,张伟\n")); true {
		imp, err := ReadAdvisors(bytes.NewReader(b), "gbk.csv")
		if err != nil || imp.Rows[0].Rec.Name != "张伟" {
			t.Fatalf("gbk: %v %+v", err, imp)
		}
	}
	// Bytes that are none of these are refused, not read as garbage.
	_, err := ReadAdvisors(bytes.NewReader([]byte("工号\n\xff\xff\xff\n")), "x.csv")
	if en, zh := explain(t, err); !strings.Contains(en, "not text in UTF-8, UTF-16 or GB18030") || !strings.Contains(zh, "GB18030") {
		t.Fatalf("garbage: %q / %q", en, zh)
	}
}

// A leading apostrophe is a spreadsheet's text marker: one comes off each
// CSV cell (and the export doubles one that belongs to the data), while an
// .xlsx value is kept as it is, since Excel keeps its marker out of it.
func TestApostrophe(t *testing.T) {
	imp, err := ReadAdvisors(strings.NewReader("工号,姓名,电话,备注\n'SA1,王,'13800138000,''quoted\n"), "a.csv")
	if err != nil {
		t.Fatal(err)
	}
	if a := imp.Rows[0].Rec; a.EmpNo != "SA1" || a.Phone != "13800138000" || a.Notes != "'quoted" {
		t.Fatalf("csv: %+v", a)
	}
	list := []*model.Advisor{{EmpNo: "SA2", Name: "李", Notes: "'tis", Department: "=1+1", Supervisor: "@x",
		Employment: model.FullTime, Role: model.OtherRole, Status: model.Active}}
	en, _ := i18n.For("en")
	each := func(fn func(*model.Advisor) error) error { return fn(list[0]) }
	var c, x bytes.Buffer
	if _, err := AdvisorCSV(&c, en, each); err != nil {
		t.Fatal(err)
	}
	if _, err := AdvisorXLSX(&x, en, each); err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string][]byte{"r.csv": c.Bytes(), "r.xlsx": x.Bytes()} {
		imp, err := ReadAdvisors(bytes.NewReader(body), name)
		if err != nil {
			t.Fatal(err)
		}
		if a := imp.Rows[0].Rec; a.Notes != "'tis" || a.Department != "=1+1" || a.Supervisor != "@x" {
			t.Fatalf("%s round trip: %+v", name, a)
		}
	}
}

// A quote without its pair swallows the rest of a CSV into one cell; a cell
// beyond Excel's limit is refused, naming its row and column.
func TestCSVLongCellRefused(t *testing.T) {
	body := "工号,备注\nSA1,ok\nSA2,\"never closed\n" + strings.Repeat("SA3,王\n", 6000)
	_, err := ReadAdvisors(strings.NewReader(body), "q.csv")
	en, zh := explain(t, err)
	if !strings.Contains(en, "q.csv, row 3, column “备注”: a cell is longer than 32767 characters") ||
		!strings.Contains(zh, "q.csv 第 3 行“备注”列") {
		t.Fatalf("%q / %q", en, zh)
	}
}
