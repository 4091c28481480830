package report

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/adler32"
	"io"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"

	"advisordesk/assets"

	"github.com/jung-kurt/gofpdf"
	"github.com/tdewolff/font"
)

// The embedded faces, parsed once per process. gofpdf re-parses whatever
// font it is given for every document, and parsing and subsetting a 10 MB
// face cost 60–75 ms of CPU a sheet; so each document gets a small face cut
// here from the parsed one, holding just the characters it draws.
var faces = sync.OnceValues(func() ([2]*font.SFNT, error) {
	var out [2]*font.SFNT
	for i, b := range [][]byte{assets.NotoSansSCRegular, assets.NotoSansSCBold} {
		f, err := font.ParseSFNT(b, 0)
		if err != nil {
			return out, fmt.Errorf("embedded font %d: %w", i, err)
		}
		out[i] = f
	}
	return out, nil
})

// subsetMu guards the parsed faces: subsetting reads tables lazily.
var subsetMu sync.Mutex

// hasGlyph tells whether the regular face can draw r. The face's cmap
// lookup is a scan, so answers are kept per character.
func hasGlyph(f *font.SFNT, r rune) bool {
	if r < 0 || r > unicode.MaxRune {
		return false
	}
	if r > 0xFFFF {
		if v, ok := wideCoverage.Load(r); ok {
			return v.(bool)
		}
		subsetMu.Lock()
		ok := f.GlyphIndex(r) != 0
		subsetMu.Unlock()
		wideCoverage.Store(r, ok)
		return ok
	}
	if v := coverage[r].Load(); v != 0 {
		return v == 1
	}
	subsetMu.Lock()
	ok := f.GlyphIndex(r) != 0
	subsetMu.Unlock()
	v := uint32(2)
	if ok {
		v = 1
	}
	coverage[r].Store(v)
	return ok
}

// coverage caches hasGlyph: 0 not asked yet, 1 drawable, 2 not;
// wideCoverage does for characters outside the BMP.
var (
	coverage     [0x10000]atomic.Uint32
	wideCoverage sync.Map
)

// cut returns a TrueType face holding the glyphs of runes (and .notdef),
// copied byte for byte from f, with a cmap of its own. Each character gets
// a glyph of its own, even where the full face shares one between two code
// points (人 and the Kangxi radical ⼈), so that a reader of the cmap never
// has to pick one. A code point in pua stands for a character outside the
// BMP (gofpdf addresses only the BMP) and gets that character's glyph.
// The face keeps only what a PDF viewer draws with (no layout tables), and
// the same characters always give the same bytes.
//
// The glyphs of common (characters every document of a kind draws: a
// sheet's labels) come first, and their part of the face is compressed
// once and reused (packCut); nil: the face is compressed whole.
func cut(f *font.SFNT, runes []rune, pua map[rune]rune, common []rune) (*gofpdf.FontCut, error) {
	src := []uint16{0} // the glyphs of the cut face, by their id in f
	m := map[rune]uint16{}
	isCommon := map[rune]bool{}
	for _, r := range common {
		isCommon[r] = true
	}
	shared := 0 // glyphs (.notdef and common's) of the part compressed once
	for pass := 0; pass < 2; pass++ {
		if pass == 1 {
			shared = len(src)
		}
		for _, r := range runes { // sorted by the caller: the same characters give the same bytes
			if isCommon[r] != (pass == 0) {
				continue
			}
			from := r
			if w, ok := pua[r]; ok {
				from = w
			}
			if g := f.GlyphIndex(from); g != 0 {
				m[r] = uint16(len(src))
				src = append(src, g)
			}
		}
	}
	key := fmt.Sprintf("%p %v", f, src[:shared]) // the face and source glyphs of the shared part
	glyf, loca, err := copyGlyphs(f, &src)
	if err != nil {
		return nil, err
	}
	if len(src) > 0xFFFF {
		return nil, errors.New("too many glyphs for one face")
	}
	be := binary.BigEndian
	hmtx := make([]byte, 4*len(src))
	for i, g := range src {
		be.PutUint16(hmtx[4*i:], f.Hmtx.Advance(g))
		be.PutUint16(hmtx[4*i+2:], uint16(f.Hmtx.LeftSideBearing(g)))
	}
	tables := map[string][]byte{"cmap": cmapTable(m), "glyf": glyf, "loca": loca, "hmtx": hmtx}
	for _, tag := range []string{"OS/2", "cvt ", "fpgm", "prep"} {
		if t, ok := f.Tables[tag]; ok {
			tables[tag] = t
		}
	}
	for tag, size := range map[string]int{"head": 54, "hhea": 36, "maxp": 6, "post": 32} {
		t := f.Tables[tag]
		if len(t) < size {
			return nil, fmt.Errorf("font table %q missing or short", tag)
		}
		if tag == "post" {
			t = t[:32] // version 3: no glyph names
		}
		tables[tag] = slices.Clone(t)
	}
	be.PutUint16(tables["head"][50:], 1) // indexToLocFormat: long offsets
	be.PutUint16(tables["hhea"][34:], uint16(len(src)))
	be.PutUint16(tables["maxp"][4:], uint16(len(src)))
	be.PutUint32(tables["post"][0:], 0x00030000)
	file := sfntFile(tables)
	c := &gofpdf.FontCut{File: file, Glyphs: m}
	if common != nil {
		at := glyfOffset(file)
		c.Packed = packCut(file, at, at+int(be.Uint32(loca[4*shared:])), key)
	}
	return c, nil
}

// glyfOffset is where the glyf table starts in a face sfntFile wrote.
func glyfOffset(file []byte) int {
	be := binary.BigEndian
	for i := 0; i < int(be.Uint16(file[4:])); i++ {
		if rec := file[12+16*i:]; string(rec[:4]) == "glyf" {
			return int(be.Uint32(rec[8:]))
		}
	}
	return 0
}

// packCut is file zlib-compressed in three deflate parts joined (each
// part ends on a byte boundary, so the parts make one stream): before
// from, from to to (the glyphs every document of a kind draws, compressed
// once per key and kept), and the rest. Compressing the face was ≈ 40 %
// of a sheet printed to a file of its own. The caller holds subsetMu.
func packCut(file []byte, from, to int, key string) []byte {
	var out bytes.Buffer
	out.Write([]byte{0x78, 0x01}) // zlib: deflate, 32 KB window, fastest
	w := deflater(&out)
	w.Write(file[:from])
	w.Flush()
	shared, ok := packedParts[key]
	if !ok {
		var b bytes.Buffer
		w.Reset(&b)
		w.Write(file[from:to])
		w.Flush()
		shared = b.Bytes()
		if len(packedParts) >= 16 {
			clear(packedParts)
		}
		packedParts[key] = shared
	}
	out.Write(shared)
	w.Reset(&out)
	w.Write(file[to:])
	w.Close()
	return binary.BigEndian.AppendUint32(out.Bytes(), adler32.Checksum(file))
}

// packedParts are the compressed shared parts of faces cut lately, by the
// face and its glyphs; guarded by subsetMu.
var packedParts = map[string][]byte{}

// deflater is a fastest-level deflate writer to out, kept between calls
// (a new one allocates ≈ 1 MB); guarded by subsetMu.
func deflater(out io.Writer) *flate.Writer {
	if deflateW == nil {
		deflateW, _ = flate.NewWriter(out, flate.BestSpeed)
	} else {
		deflateW.Reset(out)
	}
	return deflateW
}

var deflateW *flate.Writer

// copyGlyphs copies the glyph data of src from f, adding the components of
// composite glyphs to src and renumbering them, and returns the glyf and
// (long) loca tables.
func copyGlyphs(f *font.SFNT, src *[]uint16) (glyf, loca []byte, err error) {
	be := binary.BigEndian
	ids := map[uint16]uint16{}
	for i, g := range *src {
		ids[g] = uint16(i)
	}
	size := 0
	for _, g := range *src {
		size += (len(f.Glyf.Get(g)) + 3) &^ 3
	}
	glyf = make([]byte, 0, size) // components, if any, grow it
	offsets := make([]uint32, 0, len(*src)+1)
	for i := 0; i < len(*src); i++ {
		offsets = append(offsets, uint32(len(glyf)))
		b := f.Glyf.Get((*src)[i])
		start := len(glyf)
		glyf = append(glyf, b...)
		if len(b) >= 10 && int16(be.Uint16(b)) < 0 { // composite: renumber its components
			for at := start + 10; ; {
				if at+4 > len(glyf) {
					return nil, nil, fmt.Errorf("glyph %d: bad composite", (*src)[i])
				}
				flags, g := be.Uint16(glyf[at:]), be.Uint16(glyf[at+2:])
				id, ok := ids[g]
				if !ok {
					id = uint16(len(*src))
					ids[g] = id
					*src = append(*src, g)
				}
				be.PutUint16(glyf[at+2:], id)
				at += 6
				if flags&0x0001 != 0 { // arguments are words
					at += 2
				}
				switch {
				case flags&0x0008 != 0: // one scale
					at += 2
				case flags&0x0040 != 0: // x and y scales
					at += 4
				case flags&0x0080 != 0: // two by two
					at += 8
				}
				if flags&0x0020 == 0 { // no more components
					break
				}
			}
		}
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
	}
	offsets = append(offsets, uint32(len(glyf)))
	loca = make([]byte, 4*len(offsets))
	for i, o := range offsets {
		be.PutUint32(loca[4*i:], o)
	}
	return glyf, loca, nil
}

// sfntFile writes tables as a TrueType file: sorted directory, 4-byte
// aligned tables, checksums and head's checkSumAdjustment.
func sfntFile(tables map[string][]byte) []byte {
	be := binary.BigEndian
	tags := make([]string, 0, len(tables))
	size := 12 + 16*len(tables)
	for tag, t := range tables {
		tags = append(tags, tag)
		size += (len(t) + 3) &^ 3
	}
	slices.Sort(tags)
	b := make([]byte, 12+16*len(tags), size)
	be.PutUint32(b, 0x00010000)
	n := len(tags)
	sr, es := 1, 0
	for sr*2 <= n {
		sr *= 2
		es++
	}
	be.PutUint16(b[4:], uint16(n))
	be.PutUint16(b[6:], uint16(16*sr))
	be.PutUint16(b[8:], uint16(es))
	be.PutUint16(b[10:], uint16(16*(n-sr)))
	head := 0
	for i, tag := range tags {
		t := tables[tag]
		if tag == "head" {
			be.PutUint32(t[8:], 0) // checkSumAdjustment, set below
			head = len(b)
		}
		rec := b[12+16*i:]
		copy(rec, tag)
		be.PutUint32(rec[4:], checksum(t))
		be.PutUint32(rec[8:], uint32(len(b)))
		be.PutUint32(rec[12:], uint32(len(t)))
		b = append(b, t...)
		for len(b)%4 != 0 {
			b = append(b, 0)
		}
	}
	be.PutUint32(b[head+8:], 0xB1B0AFBA-checksum(b))
	return b
}

// cutCached is cut for faces cut again and again with the same characters
// (a sheet's bold labels); the caller holds subsetMu.
func cutCached(f *font.SFNT, runes []rune, pua map[rune]rune) (*gofpdf.FontCut, error) {
	var key strings.Builder
	key.WriteString(fmt.Sprintf("%p|", f))
	for _, r := range runes {
		key.WriteRune(r)
		if w, ok := pua[r]; ok {
			key.WriteRune(w)
		}
	}
	if b, ok := cutCache[key.String()]; ok {
		return b, nil
	}
	b, err := cut(f, runes, pua, nil)
	if err != nil {
		return nil, err
	}
	if len(cutCache) >= 16 {
		clear(cutCache)
	}
	cutCache[key.String()] = b
	return b, nil
}

// cutCache holds recent cuts by face and characters; guarded by subsetMu.
var cutCache = map[string]*gofpdf.FontCut{}

// cmapTable writes a cmap with one Windows Unicode BMP subtable (format 4),
// one segment per character: simple, and small for the few hundred
// characters of a form.
func cmapTable(m map[rune]uint16) []byte {
	rs := make([]rune, 0, len(m)+1)
	for r := range m {
		if r < 0xFFFF {
			rs = append(rs, r)
		}
	}
	slices.Sort(rs)
	rs = append(rs, 0xFFFF) // the required last segment
	seg := len(rs)
	sub := make([]byte, 16+8*seg)
	be := binary.BigEndian
	be.PutUint16(sub[0:], 4)                // format
	be.PutUint16(sub[2:], uint16(len(sub))) // length
	be.PutUint16(sub[6:], uint16(2*seg))    // segCountX2
	sr := 2
	es := 0
	for sr*2 <= 2*seg {
		sr *= 2
		es++
	}
	be.PutUint16(sub[8:], uint16(sr))
	be.PutUint16(sub[10:], uint16(es)) // entrySelector: log2(searchRange/2)
	be.PutUint16(sub[12:], uint16(2*seg-sr))
	end, start := 14, 16+2*seg
	delta, rangeOff := start+2*seg, start+4*seg
	for i, r := range rs {
		g := uint16(0)
		if r != 0xFFFF {
			g = m[r]
		}
		be.PutUint16(sub[end+2*i:], uint16(r))
		be.PutUint16(sub[start+2*i:], uint16(r))
		d := uint16(int(g) - int(r)) // modulo 65536
		if r == 0xFFFF {
			d = 1
		}
		be.PutUint16(sub[delta+2*i:], d)
		be.PutUint16(sub[rangeOff+2*i:], 0)
	}
	head := make([]byte, 12)
	be.PutUint16(head[2:], 1)  // one encoding record
	be.PutUint16(head[4:], 3)  // Windows
	be.PutUint16(head[6:], 1)  // Unicode BMP
	be.PutUint32(head[8:], 12) // offset of the subtable
	return append(head, sub...)
}

func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}
