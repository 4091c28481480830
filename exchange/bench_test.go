package exchange

import (
	"bytes"
	"testing"

	"advisordesk/i18n"
	"advisordesk/model"
)

// roster100k is our own export of 100,000 demo advisors (≈ 6.6 MB).
func roster100k(b *testing.B) []byte {
	zh, _ := i18n.For("zh")
	list := model.DemoAdvisors(MaxImportRows, 1, "2026-01-01")
	var buf bytes.Buffer
	_, err := AdvisorXLSX(&buf, zh, func(fn func(*model.Advisor) error) error {
		for i := range list {
			if err := fn(&list[i]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkReadXLSX100k reads our 100,000-row export: the yardstick for the
// hostile files (advisorctl bench --only import compares them with it).
func BenchmarkReadXLSX100k(b *testing.B) {
	file := roster100k(b)
	b.SetBytes(int64(len(file)))
	for b.Loop() {
		imp, err := ReadAdvisors(bytes.NewReader(file), "roster.xlsx")
		if err != nil || len(imp.Rows) != MaxImportRows {
			b.Fatal(err)
		}
	}
}
