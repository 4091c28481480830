package report

import (
	"advisordesk/i18n"
	"fmt"
	"sync"
	"time"

	"advisordesk/assets"
	"advisordesk/model"

	"github.com/jung-kurt/gofpdf"
	"golang.org/x/image/font/sfnt"
)

const family = "noto"

// Meta is what every printed form carries besides its content.
type Meta struct {
	Lang    string     // "zh" or "en"
	Company string     // from Settings; may be empty
	Date    model.Date // the print date, shown on the form and stamped in the file
}

// coverage answers whether the embedded font has a glyph for a character,
// parsed once per process.
var coverage = sync.OnceValues(func() (func(rune) bool, error) {
	f, err := sfnt.Parse(assets.NotoSansSCRegular)
	if err != nil {
		return nil, err
	}
	var mu sync.Mutex
	var buf sfnt.Buffer
	return func(r rune) bool {
		mu.Lock()
		defer mu.Unlock()
		g, err := f.GlyphIndex(&buf, r)
		return err == nil && g != 0
	}, nil
})

// doc is one PDF under construction with the CJK font registered.
type doc struct {
	*gofpdf.Fpdf
	l   *i18n.Labels
	has func(rune) bool
}

func newDoc(m Meta, orientation string) (*doc, error) {
	l, err := i18n.For(m.Lang)
	if err != nil {
		return nil, err
	}
	has, err := coverage()
	if err != nil {
		return nil, fmt.Errorf("embedded font: %w", err)
	}
	pdf := gofpdf.New(orientation, "mm", "A4", "")
	pdf.AddUTF8FontFromBytes(family, "", assets.NotoSansSCRegular)
	pdf.AddUTF8FontFromBytes(family, "B", assets.NotoSansSCBold)
	pdf.SetFont(family, "", 10)
	if err := pdf.Error(); err != nil { // a bad font only shows up at SetFont
		return nil, fmt.Errorf("embedded font: %w", err)
	}
	// Same input, same bytes: fixed dates and sorted catalogue.
	stamp := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	if t, ok := m.Date.Time(); ok {
		stamp = t
	}
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(stamp)
	pdf.SetModificationDate(stamp)
	pdf.SetCreator("AdvisorDesk", false)
	pdf.SetAutoPageBreak(false, 0)
	return &doc{Fpdf: pdf, l: l, has: has}, nil
}

// clean makes s drawable with the embedded font.
func (d *doc) clean(s string) string { return sanitize(s, d.has) }

// lines wraps s to width in the current font.
func (d *doc) lines(s string, width float64) []string {
	return wrap(d.clean(s), width, d.GetStringWidth)
}

// textIn draws pre-wrapped lines into a box at x, y, each lineH high.
func (d *doc) textIn(x, y, w, lineH float64, lines []string, align string) {
	for i, ln := range lines {
		d.SetXY(x, y+float64(i)*lineH)
		d.CellFormat(w, lineH, ln, "", 0, align, false, 0, "")
	}
}

// bold switches between the bold and the regular face.
func (d *doc) bold(on bool, size float64) {
	if on {
		d.SetFont(family, "B", size)
	} else {
		d.SetFont(family, "", size)
	}
}
