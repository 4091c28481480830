package report

import (
	"bytes"
	"context"
	"runtime"
	"strings"
	"testing"

	"advisordesk/report/pdftext"
)

// A long batch is drawn in parts side by side and joined: it must read as
// the sheets printed one by one, page for page, and give the same bytes on
// any number of cores.
func TestBatchDrawnInPartsIsOneDocument(t *testing.T) {
	pdftext.Available(t)
	sheets := demoSheets(2*sheetsPerPart + 7)
	// characters only the last part draws, one outside the BMP
	last := *sheets[len(sheets)-1].Advisor
	last.Name = "王𪟝龘"
	sheets[len(sheets)-1].Advisor = &last
	m := Meta{Lang: "zh", Company: "星河汽车服务有限公司", Date: "2026-10-08"}
	print := func(procs int, sheets []Sheet) []byte {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		var buf bytes.Buffer
		if err := AppraisalSheets(&buf, sheets, m); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	whole := print(2, sheets)
	if !bytes.Equal(whole, print(1, sheets)) {
		t.Fatal("the batch differs between one core and two")
	}
	pages := pdftext.Pages(pdftext.Of(t, whole))
	if len(pages) != len(sheets) {
		t.Fatalf("%d pages for %d sheets", len(pages), len(sheets))
	}
	if !strings.Contains(pages[len(pages)-1], "王𪟝龘") {
		t.Errorf("the last page does not read 王𪟝龘:\n%s", pages[len(pages)-1])
	}
	for _, i := range []int{0, sheetsPerPart - 1, sheetsPerPart, 2 * sheetsPerPart, len(sheets) - 1} {
		alone := pdftext.Pages(pdftext.Of(t, print(2, sheets[i:i+1])))
		if len(alone) != 1 || strings.TrimSpace(pages[i]) != strings.TrimSpace(alone[0]) {
			t.Errorf("page %d of the batch does not read as sheet %s printed alone:\n%s\n---\n%s", i+1, sheets[i].FormNo, pages[i], alone[0])
		}
	}
}

// Each file of a batch printed to a folder is the sheet printed alone: its
// face holds its own characters, not every name of the batch.
func TestEachSheetFileIsTheSheetAlone(t *testing.T) {
	sheets := demoSheets(12)
	last := *sheets[len(sheets)-1].Advisor
	last.Name = "王𪟝龘"
	sheets[len(sheets)-1].Advisor = &last
	m := Meta{Lang: "zh", Company: "星河汽车服务有限公司", Date: "2026-10-08"}
	files := make([][]byte, len(sheets))
	err := EachSheet(context.Background(), sheets, m, 2, func(i int, pdf []byte) error {
		files[i] = pdf
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range []int{0, len(sheets) - 1} {
		var alone bytes.Buffer
		if err := AppraisalSheets(&alone, sheets[i:i+1], m); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(files[i], alone.Bytes()) {
			t.Errorf("file %d (%d bytes) differs from the sheet printed alone (%d bytes)", i, len(files[i]), alone.Len())
		}
	}
}
