package report

import (
	"context"
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

// BenchmarkFiles100 prints 100 sheets as separate files on two workers.
func BenchmarkFiles100(b *testing.B) {
	sheets := demoSheets(100)
	m := Meta{Lang: "zh", Company: "星河汽车服务有限公司", Date: "2026-10-08"}
	for b.Loop() {
		err := EachSheet(context.Background(), sheets, m, 2, func(int, []byte) error { return nil })
		if err != nil {
			b.Fatal(err)
		}
	}
}
