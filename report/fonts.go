package report

import (
	"encoding/binary"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"

	"advisordesk/assets"

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

// cut returns a TrueType face with the glyphs of runes (and .notdef). Each
// character gets a glyph of its own, even where the full face shares one
// between two code points (人 and the Kangxi radical ⼈): the library's cmap
// would keep only one of them, and gofpdf, given two characters on one
// glyph, picks one at random and breaks byte-identical output. A code point
// in pua stands for a character outside the BMP (gofpdf addresses only the
// BMP) and gets that character's glyph.
func cut(f *font.SFNT, runes []rune, pua map[rune]rune) ([]byte, error) {
	ids := []uint16{0}
	m := map[rune]uint16{}
	for _, r := range runes { // sorted by the caller: the same characters give the same bytes
		src := r
		if w, ok := pua[r]; ok {
			src = w
		}
		if g := f.GlyphIndex(src); g != 0 {
			m[r] = uint16(len(ids))
			ids = append(ids, g)
		}
	}
	sub, err := f.Subset(ids, font.SubsetOptions{Tables: []string{"min"}})
	if err != nil {
		return nil, err
	}
	sub.Tables["cmap"] = cmapTable(m)
	return unstamp(sub.Write()), nil
}

// cutCached is cut for faces cut again and again with the same characters
// (a sheet's bold labels); the caller holds subsetMu.
func cutCached(f *font.SFNT, runes []rune, pua map[rune]rune) ([]byte, error) {
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
	b, err := cut(f, runes, pua)
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
var cutCache = map[string][]byte{}

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

// unstamp gives a written face a fixed "modified" date (the library writes
// the current time) so that the same characters always give the same bytes,
// and fixes the checksums that cover it.
func unstamp(b []byte) []byte {
	be := binary.BigEndian
	n := int(be.Uint16(b[4:]))
	for i := 0; i < n; i++ {
		rec := b[12+16*i:]
		if string(rec[:4]) != "head" {
			continue
		}
		off, length := be.Uint32(rec[8:]), be.Uint32(rec[12:])
		head := b[off : off+length]
		copy(head[28:36], head[20:28]) // modified := created
		be.PutUint32(head[8:], 0)      // checkSumAdjustment, recomputed below
		be.PutUint32(rec[4:], checksum(b[off:off+(length+3)&^3]))
		be.PutUint32(head[8:], 0xB1B0AFBA-checksum(b))
	}
	return b
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
