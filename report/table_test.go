package report

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"advisordesk/i18n"
	"advisordesk/model"
	"advisordesk/report/pdftext"
)

// A record type declared in a few lines gets a printed table with no other
// code: a follow-up call with a customer's name, a choice, a date and a
// number.
type call struct {
	Customer string
	Stage    model.Status
	Day      model.Date
	Minutes  float64
}

var callRecord = &model.Record[call]{Name: "calls", Key: "customer", Fields: []model.Field[call]{
	{Key: "customer", Kind: model.KindName, Print: 60, Access: model.Str(func(c *call) *string { return &c.Customer })},
	{Key: "stage", Kind: model.KindChoice, Choices: model.Codes(model.Statuses), Prefix: "status.", Print: 40,
		Access: model.Str(func(c *call) *model.Status { return &c.Stage })},
	{Key: "date", Kind: model.KindDate, Print: 30, Access: model.Str(func(c *call) *model.Date { return &c.Day })},
	{Key: "score", Kind: model.KindNumber, Print: 25, Access: model.Num(func(c *call) *float64 { return &c.Minutes })},
}}

func calls(n int) []*call {
	out := make([]*call, n)
	for i := range out {
		out[i] = &call{Customer: fmt.Sprintf("Customer %03d", i+1), Stage: model.Statuses[i%3],
			Day: model.Date(fmt.Sprintf("2026-11-%02d", i%28+1)), Minutes: 1.5}
	}
	return out
}

// printCalls prints recs and returns the text and the page's size in points.
func printCalls(t *testing.T, tb *Table[call], recs []*call, lang string) (text, size string) {
	t.Helper()
	var buf bytes.Buffer
	if err := tb.Print(&buf, recs, Meta{Lang: lang, Company: "星河汽车服务有限公司", Date: "2026-11-27"}); err != nil {
		t.Fatal(err)
	}
	box := regexp.MustCompile(`/MediaBox \[0 0 ([\d.]+ [\d.]+)\]`).FindSubmatch(buf.Bytes())
	if box == nil {
		t.Fatal("no page size in the PDF")
	}
	return pdftext.Of(t, buf.Bytes()), string(box[1])
}

func TestTableOfAThrowawayRecord(t *testing.T) {
	recs := calls(3)
	recs[1].Stage = "" // no choice: an empty cell, not the bare label key
	recs[2].Customer = "阿依古丽·买买提·艾力·阿不都热依木·库尔班江"
	recs[2].Minutes = 0.2
	tb := &Table[call]{Record: callRecord, Totals: func(l *i18n.Labels, recs []*call) map[string]string {
		m := Sums(callRecord, recs)
		m["customer"] = l.T("field.count") + " " + strconv.Itoa(len(recs))
		return m
	}}
	for _, lang := range i18n.Langs {
		t.Run(lang, func(t *testing.T) {
			l, _ := i18n.For(lang)
			text, size := printCalls(t, tb, recs, lang)
			if size != "595.28 841.89" {
				t.Errorf("the table is not on A4 portrait: %s", size)
			}
			for _, want := range []string{"星河汽车服务有限公司", l.T("record.calls"), l.T("report.printed", "Date", "2026-11-27"),
				l.T("field.customer"), l.T("field.stage"), l.T("field.date"), l.T("field.score"),
				"Customer 001", l.T("status.active"), "2026-11-01", "1.5", l.T("status.left"), "0.2",
				l.T("field.count") + " 3", "3.2", l.T("report.page", "Page", 1, "Pages", 1)} {
				if !strings.Contains(text, want) {
					t.Errorf("the table lacks %q:\n%s", want, text)
				}
			}
			if strings.Contains(text, "status.") || strings.Contains(text, l.T("status.leave")) {
				t.Errorf("a call without a stage printed one:\n%s", text)
			}
			if !strings.Contains(text, "阿依古丽·买买提·艾力·\n阿不都热依木·库尔班江") {
				t.Errorf("a name in a narrow cell is not wrapped between its parts:\n%s", text)
			}
		})
	}
}

// Many records run over pages: every page repeats the title block and the
// header row and says which page of how many it is; every record is
// printed once; the totals come once, at the end.
func TestTableOverPages(t *testing.T) {
	recs := calls(130)
	tb := &Table[call]{Record: callRecord, Title: "report.roster", Count: "report.total",
		Totals: func(l *i18n.Labels, recs []*call) map[string]string { return Sums(callRecord, recs) }}
	l, _ := i18n.For("en")
	text, _ := printCalls(t, tb, recs, "en")
	pages := strings.Split(strings.TrimSuffix(text, "\f"), "\f")
	if len(pages) < 3 {
		t.Fatalf("130 calls on %d pages", len(pages))
	}
	for i, p := range pages {
		for _, want := range []string{l.T("report.roster"), l.T("report.total", "N", 130), l.T("field.customer"),
			l.T("field.stage"), l.T("field.score"), l.T("report.page", "Page", i+1, "Pages", len(pages))} {
			if !strings.Contains(p, want) {
				t.Errorf("page %d lacks %q:\n%s", i+1, want, p)
			}
		}
		if got := strings.Count(p, "195"); (got == 1) != (i == len(pages)-1) {
			t.Errorf("page %d has the total %d times", i+1, got)
		}
	}
	for _, c := range recs {
		if n := strings.Count(text, c.Customer+" "); n != 1 {
			t.Errorf("%s printed %d times", c.Customer, n)
		}
	}
}

func TestTableEmpty(t *testing.T) {
	tb := &Table[call]{Record: callRecord, Landscape: true,
		Totals: func(l *i18n.Labels, recs []*call) map[string]string { return map[string]string{"customer": "TOTAL"} }}
	text, size := printCalls(t, tb, nil, "zh")
	if size != "841.89 595.28" {
		t.Errorf("the table is not on A4 landscape: %s", size)
	}
	l, _ := i18n.For("zh")
	for _, want := range []string{l.T("field.customer"), l.T("records.empty"), l.T("records.total", "N", 0), l.T("report.page", "Page", 1, "Pages", 1)} {
		if !strings.Contains(text, want) {
			t.Errorf("the empty table lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "TOTAL") {
		t.Error("an empty table printed a totals row")
	}
}

// Numbers line up on the right of their column, dates in its middle, text
// on the left; a table wider than the page is narrowed to fit it.
func TestTableAlignsAndFits(t *testing.T) {
	wide := *callRecord
	wide.Fields = append([]model.Field[call](nil), callRecord.Fields...)
	wide.Fields[0].Print = 160 // 255 mm in all: more than A4 portrait holds
	tb := &Table[call]{Record: &wide}
	recs := calls(2)
	recs[0].Customer = "Wang"
	var buf bytes.Buffer
	if err := tb.Print(&buf, recs, Meta{Lang: "en", Date: "2026-11-27"}); err != nil {
		t.Fatal(err)
	}
	words := pdfWords(t, buf.Bytes())
	pageW := 595.0 // A4 portrait in points
	for _, w := range words {
		if w.XMax > pageW-tableMargin*72/25.4+0.1 {
			t.Errorf("%q ends at %.1f pt, in the page's margin", w.Text, w.XMax)
		}
	}
	// The columns' edges in points, from the widths narrowed in proportion.
	scale := (210 - 2*tableMargin) / 255.0 * 72 / 25.4
	left := tableMargin * 72 / 25.4
	edges := []float64{left}
	for _, f := range wide.Fields {
		edges = append(edges, edges[len(edges)-1]+f.Print*scale)
	}
	pad := (cellPad + 1) * 72 / 25.4 // and gofpdf's cell margin, 1 mm
	find := func(s string) pdftext.Word {
		for _, w := range words {
			if w.Text == s {
				return w
			}
		}
		t.Fatalf("%q not printed", s)
		return pdftext.Word{}
	}
	if w := find("Wang"); abs(w.XMin-(edges[0]+pad)) > 1 {
		t.Errorf("text starts at %.1f pt, not at its column's left %.1f", w.XMin, edges[0]+pad)
	}
	if w := find("2026-11-01"); abs((w.XMin+w.XMax)/2-(edges[2]+edges[3])/2) > 1 {
		t.Errorf("a date is not centred: %.1f–%.1f in %.1f–%.1f", w.XMin, w.XMax, edges[2], edges[3])
	}
	if w := find("1.5"); abs(w.XMax-(edges[4]-pad)) > 1 {
		t.Errorf("a number ends at %.1f pt, not at its column's right %.1f", w.XMax, edges[4]-pad)
	}
}

// pdfWords are the words of a PDF's first page with their boxes in points.
func pdfWords(t *testing.T, pdf []byte) []pdftext.Word {
	t.Helper()
	path := filepath.Join(t.TempDir(), "w.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	return pdftext.Words(t, path, 1)
}

func abs(f float64) float64 { return max(f, -f) }

// Sums add the number fields with as many decimals as the values have, so
// that float rounding (0.1 + 0.2) does not print.
func TestSums(t *testing.T) {
	recs := calls(3)
	recs[0].Minutes, recs[1].Minutes, recs[2].Minutes = 0.1, 0.2, 0
	if got := Sums(callRecord, recs); len(got) != 1 || got["score"] != "0.3" {
		t.Errorf("sums: %v", got)
	}
}
