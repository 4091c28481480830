package report

import (
	"io"
	"testing"
)

// BenchmarkRoster prints a roster of 60 advisors (three pages): almost all
// of its time is parsing and subsetting the embedded fonts.
func BenchmarkRoster(b *testing.B) {
	list := demo(60)
	for b.Loop() {
		if err := Roster(io.Discard, list, Meta{Lang: "zh", Date: "2026-11-27"}); err != nil {
			b.Fatal(err)
		}
	}
}
