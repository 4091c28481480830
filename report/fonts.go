package report

import (
	"encoding/binary"
	"fmt"
	"slices"
	"sync"

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

// hasGlyph tells whether the regular face can draw r.
func hasGlyph(f *font.SFNT, r rune) bool {
	return r <= 0xFFFF && f.GlyphIndex(r) != 0
}

// cut returns a TrueType face with the glyphs of runes (and .notdef).
func cut(f *font.SFNT, runes []rune) ([]byte, error) {
	ids := []uint16{0}
	newID := map[uint16]uint16{0: 0}
	for _, r := range runes { // sorted by the caller: the same characters give the same bytes
		g := f.GlyphIndex(r)
		if _, ok := newID[g]; !ok {
			newID[g] = uint16(len(ids))
			ids = append(ids, g)
		}
	}
	sub, err := f.Subset(ids, font.SubsetOptions{Tables: []string{"min"}})
	if err != nil {
		return nil, err
	}
	// The library maps each kept glyph back to one character only; a glyph
	// shared by two (人 and the Kangxi radical ⼈) lost the ideograph. Our
	// own table maps every character we asked for.
	m := map[rune]uint16{}
	for _, r := range runes {
		if g := f.GlyphIndex(r); g != 0 {
			m[r] = newID[g]
		}
	}
	sub.Tables["cmap"] = cmapTable(m)
	return sub.Write(), nil
}

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
