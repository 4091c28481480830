package gofpdf

// Additions for AdvisorDesk; every change to the upstream files is listed in
// docs/gofpdf-fork.md of the AdvisorDesk repository.

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// SetFontPostScriptName names a UTF-8 font in the PDF as a subset of name,
// with the six-letter tag PDF readers expect of a subset ("ABCDEF+name").
// Call it after adding the font.
func (f *Fpdf) SetFontPostScriptName(familyStr, styleStr, name string) {
	key := getFontKey(familyStr, styleStr)
	if def, ok := f.fonts[key]; ok {
		def.psName = name
		f.fonts[key] = def
	}
}

// SetPrivateUseChars tells which code points a document draws in place of
// other characters (characters outside the BMP, which this library cannot
// address, mapped by the caller's font to private-use code points), so that
// the ToUnicode map gives the real characters to copy and search.
func (f *Fpdf) SetPrivateUseChars(m map[rune]rune) {
	f.privateUse = map[int]rune{}
	for pua, r := range m {
		f.privateUse[int(pua)] = r
	}
}

// subsetTag is six capital letters derived from the subset's characters: the
// same subset gets the same tag, so output stays byte-identical.
func subsetTag(name string, used map[int]int) string {
	runes := make([]int, 0, len(used))
	for r := range used {
		runes = append(runes, r)
	}
	sort.Ints(runes)
	h := fnv.New64a()
	h.Write([]byte(name))
	for _, r := range runes {
		h.Write([]byte{byte(r >> 16), byte(r >> 8), byte(r)})
	}
	v := h.Sum64()
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + byte(v%26)
		v /= 26
	}
	return string(tag)
}

// toUnicodeCMap maps each code drawn (sorted; the code point, which this
// library uses as the CID, or a FontCut's glyph id) to the character it
// draws, written in UTF-16 (surrogates outside the BMP).
func toUnicodeCMap(codes []int, char func(int) rune) []byte {
	var b strings.Builder
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	for len(codes) > 0 {
		n := min(100, len(codes)) // at most 100 entries a block
		fmt.Fprintf(&b, "%d beginbfchar\n", n)
		for _, c := range codes[:n] {
			r := char(c)
			if r > 0xFFFF {
				r -= 0x10000
				fmt.Fprintf(&b, "<%04X> <%04X%04X>\n", c, 0xD800+(r>>10), 0xDC00+(r&0x3FF))
			} else {
				fmt.Fprintf(&b, "<%04X> <%04X>\n", c, r)
			}
		}
		b.WriteString("endbfchar\n")
		codes = codes[n:]
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend")
	return []byte(b.String())
}

// bmpCodes are the used code points a font without a FontCut writes, sorted.
func bmpCodes(used map[int]int) []int {
	codes := make([]int, 0, len(used))
	for r := range used {
		if r > 0 && r <= 0xFFFF {
			codes = append(codes, r)
		}
	}
	sort.Ints(codes)
	return codes
}

// standIn is the character a code point of the document stands for: itself,
// or the character outside the BMP a private-use code point draws.
func (f *Fpdf) standIn(c int) rune {
	if r, ok := f.privateUse[c]; ok {
		return r
	}
	return rune(c)
}

// FontCut is a TrueType face the caller has already cut to the characters
// a document may draw. It is embedded as it is, with no second subsetting,
// and text in it is written as glyph ids (CIDToGIDMap /Identity), so no
// 65,536-entry tables are built or written per document. One FontCut may
// serve many documents: what is derived from it (metrics, the compressed
// file) is worked out once.
type FontCut struct {
	File   []byte          // the TrueType face
	Glyphs map[rune]uint16 // the glyph in File drawing each character
	Packed []byte          // File zlib-compressed by the caller, or nil

	once      sync.Once
	err       error
	desc      FontDescType
	up, ut    int
	gidOf     []uint16 // the glyph of each BMP character (Glyphs, as a table)
	runeOf    []rune   // the character of each glyph (the lowest, if several)
	widths    []int    // of each glyph in 1/1000 em; 65535 marks a zero width, as in Cw
	packed    []byte   // File, compressed
	table     []int    // widths by code point, built only for MultiCell and the like
	tableOnce sync.Once
}

// AddUTF8FontCut adds a face cut by the caller (see FontCut) under a family
// and style, as AddUTF8FontFromBytes adds a whole face.
func (f *Fpdf) AddUTF8FontCut(familyStr, styleStr string, c *FontCut) {
	if f.err != nil {
		return
	}
	key := getFontKey(familyStr, styleStr)
	if _, ok := f.fonts[key]; ok {
		return
	}
	c.once.Do(c.prepare)
	if c.err != nil {
		f.err = c.err
		return
	}
	f.fonts[key] = fontDefType{Tp: "UTF8", Name: key, Desc: c.desc, Up: c.up, Ut: c.ut,
		i: fmt.Sprintf("u%03d", len(f.fonts)), usedRunes: map[int]int{}, cut: c, usedGlyphs: make([]bool, len(c.runeOf))}
}

// prepare reads the metrics gofpdf needs from the face and compresses it.
func (c *FontCut) prepare() {
	utf := newUTF8Font(&fileReader{array: c.File})
	if len(c.File) < 12 || binary.BigEndian.Uint32(c.File) != 0x00010000 {
		c.err = errors.New("font cut: not a TrueType face")
		return
	}
	utf.fileReader.readerPosition = 4
	utf.generateTableDescriptions()
	for _, t := range []string{"head", "hhea", "hmtx", "maxp", "post"} {
		if d := utf.tableDescriptions[t]; d == nil || d.position+d.size > len(c.File) {
			c.err = fmt.Errorf("font cut: table %q missing or cut short", t)
			return
		}
	}
	utf.parseHEADTable()
	metrics := utf.parseHHEATable()
	utf.parsePOSTTable(utf.parseOS2Table())
	hmtx := utf.tableDescriptions["hmtx"]
	if metrics == 0 || hmtx.size < 4*metrics {
		c.err = errors.New("font cut: bad horizontal metrics")
		return
	}
	scale := 1000 / float64(utf.fontElementSize)
	advance := func(g uint16) float64 {
		at := hmtx.position + 4*min(int(g), metrics-1)
		return scale * float64(binary.BigEndian.Uint16(c.File[at:]))
	}
	c.desc = FontDescType{Ascent: utf.Ascent, Descent: utf.Descent, CapHeight: utf.CapHeight, Flags: utf.Flags,
		FontBBox: utf.Bbox, ItalicAngle: utf.ItalicAngle, StemV: utf.StemV, MissingWidth: round(advance(0))}
	c.up, c.ut = int(round(utf.UnderlinePosition)), round(utf.UnderlineThickness)
	top, glyphs := 0, 1
	for r, g := range c.Glyphs {
		if r <= 0xFFFF {
			top, glyphs = max(top, int(r)), max(glyphs, int(g)+1)
		}
	}
	c.gidOf, c.runeOf, c.widths = make([]uint16, top+1), make([]rune, glyphs), make([]int, glyphs)
	for r, g := range c.Glyphs {
		if r > 0xFFFF || g == 0 {
			continue // not addressable here
		}
		c.gidOf[r] = g
		if c.runeOf[g] == 0 || r < c.runeOf[g] {
			c.runeOf[g] = r
		}
		w := int(math.Round(advance(g)))
		if w == 0 {
			w = 65535
		}
		c.widths[g] = w
	}
	c.packed = c.Packed
	if c.packed == nil {
		c.packed = sliceCompress(c.File)
	}
}

// width is a character's advance in 1/1000 em, as in Cw.
func (c *FontCut) width(r rune) int { return c.widths[c.glyph(r)] }

// glyph is the glyph drawing r, 0 if none.
func (c *FontCut) glyph(r rune) uint16 {
	if r >= 0 && int(r) < len(c.gidOf) {
		return c.gidOf[r]
	}
	return 0
}

// widthTable is Cw for the functions that index it (MultiCell, Write,
// SplitText, SplitLines); CellFormat and GetStringWidth never build it.
func (c *FontCut) widthTable() []int {
	c.tableOnce.Do(func() {
		c.table = make([]int, max(256, len(c.gidOf)))
		for r, g := range c.gidOf {
			c.table[r] = c.widths[g]
		}
	})
	return c.table
}

// currentWidths is the current font's Cw.
func (f *Fpdf) currentWidths() []int {
	if c := f.currentFont.cut; c != nil {
		return c.widthTable()
	}
	return f.currentFont.Cw
}

// encodeText is s as the current UTF-8 font's codes, escaped for a PDF
// string: UTF-16 code points, or glyph ids for a FontCut. It marks the
// characters as used.
func (f *Fpdf) encodeText(s string) string {
	c := f.currentFont.cut
	if c == nil {
		used := f.currentFont.usedRunes
		for _, r := range s {
			if _, ok := used[int(r)]; !ok {
				used[int(r)] = int(r)
			}
		}
		return f.escape(utf8toutf16(s, false))
	}
	used := f.currentFont.usedGlyphs
	b := make([]byte, 0, 2*len(s)+8)
	for _, r := range s {
		g := c.glyph(r)
		used[g] = true
		for _, v := range [2]byte{byte(g >> 8), byte(g)} {
			switch v {
			case '\\', '(', ')':
				b = append(b, '\\', v)
			case '\r':
				b = append(b, '\\', 'r')
			default:
				b = append(b, v)
			}
		}
	}
	return string(b)
}

// earlyPage is a page's content compressed when the next page was begun.
type earlyPage struct {
	size int // the content's length then
	data []byte
}

// packEarly starts compressing page n, just finished, on a goroutine of its
// own, so that a long document's pages are compressed while the next ones
// are drawn instead of one after another at the end.
func (f *Fpdf) packEarly(n int) {
	if !f.compress || n < 1 || n >= len(f.pages) {
		return
	}
	if f.early == nil {
		f.early, f.packing = map[int]*earlyPage{}, &sync.WaitGroup{}
	}
	content := bytes.Clone(f.pages[n].Bytes()) // the page may still be written to (SetPage)
	p := &earlyPage{size: len(content)}
	f.early[n] = p
	f.packing.Add(1)
	go func() {
		defer f.packing.Done()
		p.data = sliceCompress(content)
	}()
}

// compressPages is the compressed content of pages 1 to nb: those
// compressed early and not written to since (content is only ever appended
// to, so an unchanged length means unchanged content; aliases rewrite it,
// so none is used when there are any), and the others on as many
// goroutines as the process may run at once.
func (f *Fpdf) compressPages(nb int) [][]byte {
	if f.packing != nil {
		f.packing.Wait()
	}
	out := make([][]byte, nb+1)
	var todo []int
	for n := 1; n <= nb; n++ {
		if p := f.early[n]; p != nil && p.size == f.pages[n].Len() && len(f.aliasMap) == 0 {
			out[n] = p.data
		} else {
			todo = append(todo, n)
		}
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < min(runtime.GOMAXPROCS(0), len(todo)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < len(todo); i = int(next.Add(1) - 1) {
				out[todo[i]] = sliceCompress(f.pages[todo[i]].Bytes())
			}
		}()
	}
	wg.Wait()
	return out
}

// putFontCut writes a FontCut font: the Type0 font, its CIDFontType2 with
// /W by glyph id and CIDToGIDMap /Identity, the ToUnicode map, the
// descriptor and the face as it was cut.
func (f *Fpdf) putFontCut(font *fontDefType) {
	c := font.cut
	var gids []int
	char := map[int]int{} // glyph id → character drawn
	used := map[int]int{} // the characters drawn
	for g, on := range font.usedGlyphs {
		if on && g != 0 {
			gids = append(gids, g)
			char[g] = int(c.runeOf[g])
			used[char[g]] = char[g]
		}
	}
	name := "utf8" + font.Name
	if font.psName != "" {
		name = subsetTag(font.psName, used) + "+" + font.psName
	}

	f.newobj()
	f.out(fmt.Sprintf("<</Type /Font\n/Subtype /Type0\n/BaseFont /%s\n/Encoding /Identity-H\n/DescendantFonts [%d 0 R]\n/ToUnicode %d 0 R>>\nendobj",
		name, f.n+1, f.n+2))

	f.newobj()
	f.out("<</Type /Font\n/Subtype /CIDFontType2\n/BaseFont /" + name + "\n" +
		"/CIDSystemInfo " + strconv.Itoa(f.n+2) + " 0 R\n/FontDescriptor " + strconv.Itoa(f.n+3) + " 0 R")
	if font.Desc.MissingWidth != 0 {
		f.out("/DW " + strconv.Itoa(font.Desc.MissingWidth))
	}
	var w fmtBuffer
	run := -2
	for _, g := range gids {
		width := c.widths[g]
		if width == 65535 {
			width = 0
		}
		if g != run+1 {
			if run >= 0 {
				w.WriteString(" ]\n")
			}
			w.WriteString(" " + strconv.Itoa(g) + " [")
		}
		w.WriteString(" " + strconv.Itoa(width))
		run = g
	}
	if run >= 0 {
		w.WriteString(" ]\n")
	}
	f.out("/W [" + w.String() + " ]")
	f.out("/CIDToGIDMap /Identity>>")
	f.out("endobj")

	f.newobj()
	tu := toUnicodeCMap(gids, func(g int) rune { return f.standIn(char[g]) })
	f.out("<</Length " + strconv.Itoa(len(tu)) + ">>")
	f.putstream(tu)
	f.out("endobj")

	f.newobj()
	f.out("<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0>>")
	f.out("endobj")

	f.newobj()
	var s fmtBuffer
	s.printf("<</Type /FontDescriptor /FontName /%s\n /Ascent %d", name, font.Desc.Ascent)
	s.printf(" /Descent %d", font.Desc.Descent)
	s.printf(" /CapHeight %d", font.Desc.CapHeight)
	s.printf(" /Flags %d", (font.Desc.Flags|4)&^32)
	s.printf("/FontBBox [%d %d %d %d] ", font.Desc.FontBBox.Xmin, font.Desc.FontBBox.Ymin,
		font.Desc.FontBBox.Xmax, font.Desc.FontBBox.Ymax)
	s.printf(" /ItalicAngle %d", font.Desc.ItalicAngle)
	s.printf(" /StemV %d", font.Desc.StemV)
	s.printf(" /MissingWidth %d", font.Desc.MissingWidth)
	s.printf("/FontFile2 %d 0 R>>", f.n+1)
	f.out(s.String())
	f.out("endobj")

	f.newobj()
	f.out("<</Length " + strconv.Itoa(len(c.packed)) + "\n/Filter /FlateDecode\n/Length1 " + strconv.Itoa(len(c.File)) + "\n>>")
	f.putstream(c.packed)
	f.out("endobj")
}

// GetStringWidthIn is GetStringWidth in the given font and size (points)
// without selecting it, so nothing is written to the page: a layout can be
// measured in several fonts before anything is drawn.
func (f *Fpdf) GetStringWidthIn(familyStr, styleStr string, size float64, s string) float64 {
	if f.err != nil {
		return 0
	}
	font, ok := f.fonts[getFontKey(fontFamilyEscape(familyStr), styleStr)]
	if !ok {
		f.err = fmt.Errorf("undefined font: %s %s", familyStr, styleStr)
		return 0
	}
	font0, utf0 := f.currentFont, f.isCurrentUTF8
	f.currentFont, f.isCurrentUTF8 = font, font.Tp == "UTF8"
	w := f.GetStringSymbolWidth(s)
	f.currentFont, f.isCurrentUTF8 = font0, utf0
	return float64(w) * (size / f.k) / 1000
}

// fontOut is a font selection written to a page.
type fontOut struct {
	page int // 0: none
	font string
	size float64
}

// putFontSelection writes the current font's selection to the page before
// text is drawn, unless it is the one last written there. Upstream wrote it
// at every SetFont, and a form that measures in bold and regular before it
// draws wrote thousands, most of them never used. TransformEnd and ClipEnd
// forget it: their Q may restore another font.
func (f *Fpdf) putFontSelection() {
	sel := fontOut{f.page, f.currentFont.i, f.fontSizePt}
	if sel == f.fontOut || f.page == 0 || sel.font == "" {
		return
	}
	f.fontOut = sel
	f.out("BT /F" + sel.font + " " + strconv.FormatFloat(sel.size, 'f', 2, 64) + " Tf ET")
}

// appendNums appends vs as "%.2f" writes them, separated by spaces,
// without fmt's reflection (≈ 20 % of a 500-sheet batch went to it).
func appendNums(b []byte, vs ...float64) []byte {
	for i, v := range vs {
		if i > 0 {
			b = append(b, ' ')
		}
		b = appendFixed2(b, v)
	}
	return b
}

// appendFixed2 is strconv.AppendFloat(b, v, 'f', 2, 64) with a fast path:
// v×100 rounded to an integer gives the same digits unless it lies next to
// a half (where the exact binary value decides) or is too large, which are
// left to strconv.
func appendFixed2(b []byte, v float64) []byte {
	x := math.Abs(v) * 100
	r := math.Round(x)
	if !(x < 1e15) || math.Abs(math.Abs(x-r)-0.5) < 1e-6 {
		return strconv.AppendFloat(b, v, 'f', 2, 64)
	}
	if math.Signbit(v) {
		b = append(b, '-')
	}
	n := int64(r)
	b = strconv.AppendInt(b, n/100, 10)
	return append(b, '.', byte('0'+n/10%10), byte('0'+n%10))
}

// colorNums is a colour's three components as "%.3f %.3f %.3f" writes them.
func colorNums(c colorType) string {
	b := strconv.AppendFloat(nil, c.r, 'f', 3, 64)
	b = append(b, ' ')
	b = strconv.AppendFloat(b, c.g, 'f', 3, 64)
	b = append(b, ' ')
	b = strconv.AppendFloat(b, c.b, 'f', 3, 64)
	return string(b)
}

// AppendPages moves the pages of o to the end of f, so that parts of a long
// document can be drawn side by side, each into a document of its own, and
// joined. o must have the same fonts added in the same order (the pages
// name them) and nothing else its pages refer to: no images, links,
// attachments, outlines, templates, transparency, gradients, spot colours,
// layers or aliases, and no open clipping or transformation. The
// characters o used are added to f's fonts. o is spent; on f, begin a new
// page before drawing again (the graphics state of the last page moved is
// o's).
func (f *Fpdf) AppendPages(o *Fpdf) {
	if f.err != nil {
		return
	}
	if o.err != nil {
		f.err = o.err
		return
	}
	if o.page > 0 && f.page == 0 {
		f.err = errors.New("AppendPages: the document has no page yet")
		return
	}
	if len(o.fonts) != len(f.fonts) {
		f.err = errors.New("AppendPages: the documents have different fonts")
		return
	}
	for key, font := range o.fonts {
		if mine, ok := f.fonts[key]; !ok || mine.i != font.i || mine.cut != font.cut {
			f.err = fmt.Errorf("AppendPages: font %q differs", key)
			return
		}
	}
	for n := 1; n <= o.page; n++ {
		if len(o.pageLinks[n])+len(o.pageAttachments[n]) > 0 {
			f.err = errors.New("AppendPages: the pages have links or attachments")
			return
		}
	}
	if len(o.images)+len(o.templates)+len(o.importedObjs)+len(o.attachments)+len(o.outlines)+len(o.spotColorMap)+
		len(o.layer.list)+len(o.aliasMap)+len(o.links)-1+len(o.blendList)-1+len(o.gradientList)-1+
		o.clipNest+o.transformNest > 0 || o.aliasNbPagesStr != "" {
		f.err = errors.New("AppendPages: the pages refer to resources of their own")
		return
	}
	if o.packing != nil {
		o.packing.Wait()
	}
	f.packEarly(f.page)
	for n := 1; n <= o.page; n++ {
		f.page++
		f.pages = append(f.pages, o.pages[n])
		f.pageLinks = append(f.pageLinks, nil)
		f.pageAttachments = append(f.pageAttachments, nil)
		if size, ok := o.pageSizes[n]; ok {
			f.pageSizes[f.page] = size
		}
		f.pageBoxes[f.page] = o.pageBoxes[n]
		if p := o.early[n]; p != nil {
			if f.early == nil {
				f.early, f.packing = map[int]*earlyPage{}, &sync.WaitGroup{}
			}
			f.early[f.page] = p
		}
	}
	for key, font := range o.fonts {
		used := f.fonts[key].usedRunes
		for r := range font.usedRunes {
			used[r] = r
		}
		for g, on := range font.usedGlyphs {
			f.fonts[key].usedGlyphs[g] = f.fonts[key].usedGlyphs[g] || on
		}
	}
	f.fontOut = fontOut{}
	o.pages, o.page, o.err = nil, 0, errors.New("AppendPages: the pages were moved to another document")
}

// newPageBuffer is the content buffer of a new page, with the room the last
// page took: pages of one document tend to be alike, and growing a buffer
// from nothing copies it a dozen times.
func newPageBuffer(pages []*bytes.Buffer) *bytes.Buffer {
	var b bytes.Buffer
	if n := len(pages); n > 1 {
		b.Grow(pages[n-1].Len())
	}
	return &b
}

// outBytes is out for a line held as bytes.
func (f *Fpdf) outBytes(b []byte) {
	buf := &f.buffer.Buffer
	if f.state == 2 {
		buf = f.pages[f.page]
	}
	buf.Write(b)
	buf.WriteByte('\n')
}
