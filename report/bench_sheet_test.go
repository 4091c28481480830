package report

import (
	"io"
	"testing"
)

// BenchmarkBatch500 prints 500 filled sheets into one PDF.
func BenchmarkBatch500(b *testing.B) {
	sheets := demoSheets(500)
	m := Meta{Lang: "zh", Company: "星河汽车服务有限公司", Date: "2026-10-08"}
	for b.Loop() {
		if err := AppraisalSheets(io.Discard, sheets, m); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSheet prints one filled sheet: the per-document cost.
func BenchmarkSheet(b *testing.B) {
	sheets := demoSheets(1)
	m := Meta{Lang: "zh", Company: "星河汽车服务有限公司", Date: "2026-10-08"}
	for b.Loop() {
		if err := AppraisalSheets(io.Discard, sheets, m); err != nil {
			b.Fatal(err)
		}
	}
}
