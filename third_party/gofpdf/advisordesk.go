package gofpdf

// Additions for AdvisorDesk; every change to the upstream files is listed in
// docs/gofpdf-fork.md of the AdvisorDesk repository.

import (
	"fmt"
	"hash/fnv"
	"sort"
	"strings"
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

// toUnicodeCMap maps each code drawn (the code point, which this library
// uses as the CID) to its character: itself, or for a private-use stand-in
// the character outside the BMP it stands for (UTF-16 surrogates).
func toUnicodeCMap(used map[int]int, privateUse map[int]rune) []byte {
	codes := make([]int, 0, len(used))
	for r := range used {
		if r > 0 && r <= 0xFFFF {
			codes = append(codes, r)
		}
	}
	sort.Ints(codes)
	var b strings.Builder
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	for len(codes) > 0 {
		n := min(100, len(codes)) // at most 100 entries a block
		fmt.Fprintf(&b, "%d beginbfchar\n", n)
		for _, c := range codes[:n] {
			r, ok := privateUse[c]
			if !ok {
				r = rune(c)
			}
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
