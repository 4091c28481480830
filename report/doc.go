package report

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"advisordesk/i18n"
	"advisordesk/model"

	"github.com/jung-kurt/gofpdf"
)

const family = "noto"

// Meta is what every printed form carries besides its content.
type Meta struct {
	Lang    string     // "zh" or "en"
	Company string     // from Settings; may be empty
	Date    model.Date // the print date, shown on the form and stamped in the file
}

// doc is one PDF under construction with the CJK faces registered, cut to
// the characters it will draw.
type doc struct {
	*gofpdf.Fpdf
	l       *i18n.Labels
	has     func(rune) bool
	allowed map[rune]bool // the characters in the document's faces
	// allowedBold are those of the bold face when it holds fewer (nil: all)
	allowedBold map[rune]bool
	missed      []rune        // characters drawn that were not announced
	pua         map[rune]rune // character outside the BMP → the private-use code point drawing it
	wrapped     map[wrapKey][]string
	face        string  // "" or "B": the style bold() last set
	size        float64 // and its size
	setFace     string  // the style and size gofpdf last selected
	setSize     float64
	// dry: a layout is being measured, nothing drawn; bold() leaves
	// gofpdf's font alone (selecting one writes to the page).
	dry bool
}

// wrapKey identifies a wrapped text: a batch of sheets wraps the same
// labels and standards hundreds of times.
type wrapKey struct {
	s     string
	width float64
	font  string
	size  float64
	name  bool
}

// always are the characters every document may draw: printable ASCII, the
// missing-glyph mark and common CJK punctuation.
const always = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~" +
	"〓，。、；：？！（）《》「」『』【】“”‘’…—–·／～％＋－×÷≥≤"

// newDoc starts a document that will draw the given texts (all of them:
// labels, names, numbers); drawing anything else is reported by finish.
func newDoc(m Meta, orientation string, texts ...string) (*doc, error) {
	c, err := cutFor(texts, nil, nil)
	if err != nil {
		return nil, err
	}
	return newDocWith(m, orientation, c)
}

// cutFaces are the faces cut to the characters documents may draw. The
// files of one batch share one cut (cutting is most of a sheet's CPU).
type cutFaces struct {
	allowed       map[rune]bool // the characters in the faces; read only once cut
	allowedBold   map[rune]bool // those in the bold face, when it holds fewer
	pua, puaOf    map[rune]rune // character outside the BMP ↔ private-use code point drawing it
	regular, bold *gofpdf.FontCut
}

// cutFor cuts the faces for texts; the bold face holds only the characters
// of boldTexts when given (a sheet's labels: the same for every sheet, so
// that cut is kept and reused).
//
// commonTexts (nil: none) are those every document of a batch draws (a
// sheet's labels and its template's items): their glyphs go first in the
// regular face, and that part is compressed once (see cut).
func cutFor(texts, boldTexts, commonTexts []string) (*cutFaces, error) {
	fs, err := faces()
	if err != nil {
		return nil, err
	}
	has := func(r rune) bool { return hasGlyph(fs[0], r) }
	c := &cutFaces{allowed: map[rune]bool{}, pua: map[rune]rune{}, puaOf: map[rune]rune{}}
	for _, r := range always {
		c.allowed[r] = true
	}
	seen := make(map[string]bool, len(texts))
	for _, t := range texts {
		if seen[t] { // a batch repeats its labels and standards on every sheet
			continue
		}
		seen[t] = true
		for _, r := range sanitize(t, has) {
			if !c.allowed[r] {
				c.allowed[r] = true
			}
		}
	}
	runes := make([]rune, 0, len(c.allowed))
	for r := range c.allowed {
		runes = append(runes, r)
	}
	slices.Sort(runes)
	// Characters outside the BMP (rare name characters such as 𪟝) are drawn
	// through private-use code points of the document's own faces.
	for i, r := range runes {
		if r > 0xFFFF {
			p := rune(0xE000 + len(c.puaOf))
			c.puaOf[p], c.pua[r] = r, p
			runes[i] = p
		}
	}
	slices.Sort(runes)
	boldRunes := runes
	if boldTexts != nil {
		boldRunes = c.boldOnly(boldTexts, runes, has)
	}
	subsetMu.Lock()
	common := c.commonRunes(commonTexts, runes, has)
	regular, err1 := cut(fs[0], runes, c.puaOf, common)
	bold, err2 := cutCached(fs[1], boldRunes, c.puaOf)
	subsetMu.Unlock()
	if err := errors.Join(err1, err2); err != nil {
		return nil, fmt.Errorf("cutting the font: %w", err)
	}
	c.regular, c.bold = regular, bold
	return c, nil
}

// boldOnly marks the characters of boldTexts that the document announced
// as allowed in bold, and returns them (from runes, private-use code points
// for those outside the BMP).
func (c *cutFaces) boldOnly(boldTexts []string, runes []rune, has func(rune) bool) []rune {
	c.allowedBold = map[rune]bool{}
	for _, r := range always {
		c.allowedBold[r] = true
	}
	for _, t := range boldTexts {
		for _, r := range sanitize(t, has) {
			if p, ok := c.pua[r]; ok {
				c.allowedBold[r] = true
				r = p
			} else if !c.allowed[r] {
				continue // not announced with the document's texts
			}
			c.allowedBold[r] = true
		}
	}
	out := runes[:0:0]
	for _, r := range runes {
		if c.allowedBold[r] || c.allowedBold[c.puaOf[r]] {
			out = append(out, r)
		}
	}
	return out
}

// commonRunes are the characters of runes that commonTexts use (nil when
// there are none): they go first in the regular face.
func (c *cutFaces) commonRunes(commonTexts []string, runes []rune, has func(rune) bool) []rune {
	if commonTexts == nil {
		return nil
	}
	in := map[rune]bool{}
	for _, t := range commonTexts {
		for _, r := range sanitize(t, has) {
			if p, ok := c.pua[r]; ok {
				r = p
			}
			in[r] = true
		}
	}
	var common []rune
	for _, r := range runes {
		if in[r] {
			common = append(common, r)
		}
	}
	return common
}

// newDocWith starts a document drawing with faces already cut.
func newDocWith(m Meta, orientation string, c *cutFaces) (*doc, error) {
	l, err := i18n.For(m.Lang)
	if err != nil {
		return nil, err
	}
	fs, err := faces()
	if err != nil {
		return nil, err
	}
	d := &doc{l: l, has: func(r rune) bool { return hasGlyph(fs[0], r) }, allowed: c.allowed, allowedBold: c.allowedBold,
		pua: c.pua, wrapped: map[wrapKey][]string{}, size: 10, setSize: 10}
	regular, bold, puaOf := c.regular, c.bold, c.puaOf
	pdf := gofpdf.New(orientation, "mm", "A4", "")
	pdf.AddUTF8FontCut(family, "", regular)
	pdf.AddUTF8FontCut(family, "B", bold)
	pdf.SetFontPostScriptName(family, "", "NotoSansSC-Regular")
	pdf.SetFontPostScriptName(family, "B", "NotoSansSC-Bold")
	pdf.SetPrivateUseChars(puaOf)
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
	d.Fpdf = pdf
	return d, nil
}

// clean makes s drawable with the document's faces. A character that was
// not announced to newDoc prints as 〓 and makes finish fail: a bug in the
// form, which the tests catch.
func (d *doc) clean(s string) string {
	return strings.Map(func(r rune) rune {
		if r != '\n' && (!d.allowed[r] || d.face == "B" && d.allowedBold != nil && !d.allowedBold[r]) {
			d.missed = append(d.missed, r)
			return Missing
		}
		if p, ok := d.pua[r]; ok {
			return p
		}
		return r
	}, sanitize(s, d.has))
}

// label is the text for key, announced and cleaned.
func (d *doc) label(key string, pairs ...any) string { return d.clean(d.l.T(key, pairs...)) }

// finish writes the document to w, or reports what went wrong drawing it.
func (d *doc) finish(w io.Writer) error {
	if err := d.Error(); err != nil {
		return err
	}
	if len(d.missed) > 0 {
		return fmt.Errorf("form drew characters it did not announce: %q", string(d.missed))
	}
	return d.Output(w)
}

// lines wraps s to width in the current font.
func (d *doc) lines(s string, width float64) []string { return d.wrapAs(s, width, false) }

// nameLines wraps a person's name: between the parts of a transliterated
// name, never inside one while it fits a line.
func (d *doc) nameLines(s string, width float64) []string { return d.wrapAs(s, width, true) }

func (d *doc) wrapAs(s string, width float64, name bool) []string {
	k := wrapKey{s, width, d.face, d.size, name}
	if ls, ok := d.wrapped[k]; ok {
		return ls
	}
	ls := wrap(d.clean(s), width, d.width, name)
	d.wrapped[k] = ls
	return ls
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
	d.face, d.size = "", size
	if on {
		d.face = "B"
	}
	if !d.dry {
		d.selectFont()
	}
}

// selectFont has gofpdf select the face and size bold() last set (a
// SetFont costs, and bold() is called for every cell measured or drawn).
func (d *doc) selectFont() {
	if d.face != d.setFace || d.size != d.setSize {
		d.SetFont(family, d.face, d.size)
		d.setFace, d.setSize = d.face, d.size
	}
}

// width is the width of s in the face and size bold() last set.
func (d *doc) width(s string) float64 { return d.GetStringWidthIn(family, d.face, d.size, s) }
