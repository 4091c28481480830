package exchange

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"

	"advisordesk/i18n"
	"advisordesk/model"

	"github.com/xuri/excelize/v2"
)

// visit is a record type declared here and nowhere else: a text key, a
// choice, a date, a number and a note. Its labels are ones the translation
// files already have, so that headers and choices read in both languages.
type visit struct {
	Serial string
	Method model.Method
	Date   model.Date
	Score  float64
	Note   string
}

var visits = &model.Record[visit]{Name: "visits", Key: "serial", Fields: []model.Field[visit]{
	{Key: "serial", Required: true, Access: model.Str(func(v *visit) *string { return &v.Serial }), Clean: strings.ToUpper},
	{Key: "method", Kind: model.KindChoice, Choices: model.Codes(model.Methods), Prefix: "method.",
		Access: model.Str(func(v *visit) *model.Method { return &v.Method })},
	{Key: "date", Kind: model.KindDate, Access: model.Str(func(v *visit) *model.Date { return &v.Date })},
	{Key: "score", Kind: model.KindNumber, Access: model.Num(func(v *visit) *float64 { return &v.Score })},
	{Key: "note", Kind: model.KindMultiline, Access: model.Str(func(v *visit) *string { return &v.Note })},
}}

func eachVisit(list []visit) func(func(*visit) error) error {
	return func(fn func(*visit) error) error {
		for i := range list {
			if err := fn(&list[i]); err != nil {
				return err
			}
		}
		return nil
	}
}

// What a record type's export writes, its import reads back as it was, in
// both formats and both languages.
func TestRecordRoundTrip(t *testing.T) {
	list := []visit{
		{Serial: "V1", Method: model.CustomerEval, Date: "2026-03-05", Score: 92.5, Note: "两行\n备注"},
		{Serial: "V2", Method: model.SelfEval, Score: -3, Note: "=1+2"},
		{Serial: "V3", Note: "'quoted"},
	}
	for _, lang := range i18n.Langs {
		l, _ := i18n.For(lang)
		var c, x bytes.Buffer
		if n, err := WriteCSV(&c, l, visits, eachVisit(list)); err != nil || n != 3 {
			t.Fatalf("%s csv: %d, %v", lang, n, err)
		}
		if n, err := WriteXLSX(&x, l, visits, "field.date", eachVisit(list)); err != nil || n != 3 {
			t.Fatalf("%s xlsx: %d, %v", lang, n, err)
		}
		head := strings.Join([]string{l.T("field.serial"), l.T("field.method"), l.T("field.date"), l.T("field.score"),
			l.T("field.note")}, ",")
		if !strings.HasPrefix(c.String(), bom+head+"\r\n") || !strings.Contains(c.String(), "V1,"+l.T("method.customer")+",2026-03-05,92.5,") ||
			!strings.Contains(c.String(), "'=1+2") {
			t.Fatalf("%s csv:\n%s", lang, c.String())
		}
		f, err := excelize.OpenReader(bytes.NewReader(x.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		if sheet := f.GetSheetName(0); sheet != l.T("field.date") {
			t.Fatalf("sheet %q", sheet)
		}
		if v, _ := f.GetCellValue(l.T("field.date"), "B2"); v != l.T("method.customer") {
			t.Fatalf("%s xlsx choice cell %q", lang, v)
		}
		for name, body := range map[string][]byte{"v.csv": c.Bytes(), "v.xlsx": x.Bytes()} {
			imp, err := ReadRecords(bytes.NewReader(body), name, visits)
			if err != nil {
				t.Fatalf("%s %s: %v", lang, name, err)
			}
			var got []visit
			for _, r := range imp.Rows {
				if r.Errs != nil {
					t.Fatalf("%s %s row %d: %v", lang, name, r.Row, r.Errs)
				}
				got = append(got, r.Rec)
			}
			if !reflect.DeepEqual(got, list) || !reflect.DeepEqual(imp.Columns, []string{"serial", "method", "date", "score", "note"}) {
				t.Fatalf("%s %s: read back %+v, columns %v", lang, name, got, imp.Columns)
			}
		}
	}
}

// A file made by hand: columns by label in either language or by key, in
// any order, one unknown; choices by label or code; dates and numbers as
// people write them; and cells that cannot be read, each on its row.
func TestRecordImportBadCells(t *testing.T) {
	body := "备注,Evaluation,Unknown,serial,日期,Score\r\n" +
		"a,自评,x,v1,2026/3/5,１２.５\r\n" + // row 2: all good
		"b,Customer,x,v2,2026-02-30,12\r\n" + // row 3: no such day
		"c,supervisor,x,v3,,abc\r\n" + // row 4: not a number
		"d,客户,x,v4,,\r\n" + // row 5: no such choice
		"e,self,x,V1,2026-13-01,\r\n" // row 6: the key of row 2 again, and a bad date
	imp, err := ReadRecords(strings.NewReader(body), "v.csv", visits)
	if err != nil {
		t.Fatal(err)
	}
	if len(imp.Rows) != 5 || imp.Rows[0].Errs != nil ||
		imp.Rows[0].Rec != (visit{Serial: "V1", Method: model.SelfEval, Date: "2026-03-05", Score: 12.5, Note: "a"}) {
		t.Fatalf("row 2: %+v", imp.Rows[0])
	}
	if r := imp.Rows[1].Rec; r.Method != model.CustomerEval || r.Date != "" || r.Score != 12 {
		t.Fatalf("row 3: %+v", r)
	}
	en, _ := i18n.For("en")
	zh, _ := i18n.For("zh")
	var got []string
	for _, r := range imp.Rows[1:] {
		got = append(got, en.Explain(r.Errs))
	}
	want := []string{
		"Row 3: Date: Not a date: write it as 2024-03-05",
		"Row 4: Score: Not a number: write digits, e.g. 85 or 92.5",
		"Row 5: Evaluation: “客户” is not one of the choices",
		"Row 6: Date: Not a date: write it as 2024-03-05; Row 6: Form serial no.: the same as row 2 of the file",
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("problems:\n%q\nwant\n%q", got, want)
	}
	if fe := imp.Rows[4].Errs.For("serial"); fe.Code != model.CodeDuplicateRow || fe.Arg != "2" || fe.Row != 6 {
		t.Fatalf("repeated key: %+v", fe)
	}
	if s := zh.Explain(imp.Rows[3].Errs); s != "第 5 行：评价方式：“客户”不是可选项之一" {
		t.Fatalf("zh: %q", s)
	}

	_, err = ReadRecords(strings.NewReader("Date,Score\n2026-01-01,1\n"), "k.csv", visits)
	if e, z := en.Explain(err), zh.Explain(err); e != "The first row must name the columns and include “Form serial no.” (表单编号); it reads: Date, Score" ||
		z != "第一行应为列名，并包含“表单编号”（Form serial no.）列；现为：Date, Score" {
		t.Fatalf("no key column: %q / %q", e, z)
	}
}

// In a workbook a date or a number may be a typed cell, shown in any
// format: the import reads the value, not its display.
func TestRecordImportTypedCells(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	cells := []any{"serial", "date", "score", "V1", time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC), 1234.5, "V2", "2026-3-6", "12x"}
	for c, v := range cells {
		cell, _ := excelize.CoordinatesToCellName(c%3+1, c/3+1)
		if err := f.SetCellValue("Sheet1", cell, v); err != nil {
			t.Fatal(err)
		}
	}
	for cell, format := range map[string]string{"B2": "d mmm yy", "C2": "#,##0.00"} {
		style, err := f.NewStyle(&excelize.Style{CustomNumFmt: &format})
		if err != nil {
			t.Fatal(err)
		}
		if err := f.SetCellStyle("Sheet1", cell, cell, style); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	imp, err := ReadRecords(bytes.NewReader(buf.Bytes()), "typed.xlsx", visits)
	if err != nil {
		t.Fatal(err)
	}
	if r := imp.Rows[0]; r.Errs != nil || r.Rec.Date != "2026-03-05" || r.Rec.Score != 1234.5 {
		t.Fatalf("typed cells: %+v %v", r.Rec, r.Errs)
	}
	// Text in a number column is still text: the stored value of a shared
	// string is its index, never taken for a number.
	if r := imp.Rows[1]; r.Rec.Date != "2026-03-06" || r.Errs.For("score") == nil || r.Errs.For("score").Code != model.CodeNumber {
		t.Fatalf("text cells: %+v %v", r.Rec, r.Errs)
	}
}
