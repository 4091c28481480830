// Package hostile builds .xlsx files made to hurt a reader — zip bombs,
// endless cells, headers that lie about sizes — for the import's tests and
// its benchmark. A file that unpacks to gigabytes is written in a few
// hundred kilobytes and a fraction of a second: a repeated part is
// compressed once and its compressed bytes repeated.
package hostile

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"io"
	"strings"
)

// Part is the content of one zip entry: Head, then Body Times over, then
// Tail. Declare, when not zero, is the uncompressed size its headers claim.
type Part struct {
	Head, Body, Tail string
	Times            int
	Declare          uint64
}

func (p Part) size() uint64 {
	return uint64(len(p.Head)) + uint64(len(p.Body))*uint64(p.Times) + uint64(len(p.Tail))
}

// Header is the first row of every sheet made here, so that a reader gets
// past the header to the rows.
const Header = `<row r="1"><c r="A1" t="inlineStr"><is><t>工号</t></is></c><c r="B1" t="inlineStr"><is><t>姓名</t></is></c></row>`

// SheetOpen and SheetTail wrap rows into a worksheet; SheetHead is
// SheetOpen with the Header row.
const (
	SheetOpen = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`
	SheetHead = SheetOpen + Header
	SheetTail = `</sheetData></worksheet>`
)

const (
	sheetPath = "xl/worksheets/sheet1.xml"
	sstPath   = "xl/sharedStrings.xml"
	ns        = `xmlns="http://schemas.openxmlformats.org/package/2006/relationships"`
	rel       = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
	ct        = "application/vnd.openxmlformats-officedocument.spreadsheetml."
)

// base is a minimal workbook of one sheet and a shared-string table, the
// parts Excel itself needs.
var base = map[string]Part{
	"[Content_Types].xml": {Head: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="` + ct + `sheet.main+xml"/>` +
		`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="` + ct + `worksheet+xml"/>` +
		`<Override PartName="/xl/sharedStrings.xml" ContentType="` + ct + `sharedStrings+xml"/>` +
		`<Override PartName="/xl/styles.xml" ContentType="` + ct + `styles+xml"/></Types>`},
	"_rels/.rels": {Head: `<Relationships ` + ns + `><Relationship Id="rId1" Type="` + rel +
		`officeDocument" Target="xl/workbook.xml"/></Relationships>`},
	"xl/workbook.xml": {Head: `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ` +
		`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
		`<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`},
	"xl/_rels/workbook.xml.rels": {Head: `<Relationships ` + ns + `>` +
		`<Relationship Id="rId1" Type="` + rel + `worksheet" Target="worksheets/sheet1.xml"/>` +
		`<Relationship Id="rId2" Type="` + rel + `sharedStrings" Target="sharedStrings.xml"/>` +
		`<Relationship Id="rId3" Type="` + rel + `styles" Target="styles.xml"/></Relationships>`},
	"xl/styles.xml": {Head: `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
		`<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellXfs></styleSheet>`},
	sstPath:   {Head: `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>x</t></si></sst>`},
	sheetPath: {Head: SheetHead, Tail: SheetTail},
}

// Workbook writes the minimal workbook with parts replaced or added.
func Workbook(w io.Writer, parts map[string]Part) error {
	all := map[string]Part{}
	for k, v := range base {
		all[k] = v
	}
	for k, v := range parts {
		all[k] = v
	}
	zw := zip.NewWriter(w)
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
		"xl/styles.xml", sstPath, sheetPath} {
		if err := writePart(zw, name, all[name]); err != nil {
			return err
		}
		delete(all, name)
	}
	for name, p := range all {
		if err := writePart(zw, name, p); err != nil {
			return err
		}
	}
	return zw.Close()
}

func writePart(zw *zip.Writer, name string, p Part) error {
	// Each piece is compressed by a fresh writer and flushed to a byte
	// boundary, so its blocks stand alone and can be repeated as they are.
	piece := func(s string, last bool) []byte {
		var b bytes.Buffer
		fw, _ := flate.NewWriter(&b, flate.BestCompression)
		fw.Write([]byte(s))
		if last {
			fw.Close()
		} else {
			fw.Flush()
		}
		return b.Bytes()
	}
	crc := crc32.NewIEEE()
	io.WriteString(crc, p.Head)
	pieces := [][]byte{piece(p.Head, false)}
	if p.Times > 0 && p.Body != "" { // an empty body repeats to nothing
		// Body in chunks of about a megabyte, compressed once and repeated,
		// then what is left over.
		per := min(p.Times, max(1, (1<<20)/len(p.Body)))
		chunk, body := piece(strings.Repeat(p.Body, per), false), strings.Repeat(p.Body, per)
		for range p.Times / per {
			pieces = append(pieces, chunk)
			io.WriteString(crc, body)
		}
		if rest := p.Times % per; rest > 0 {
			pieces = append(pieces, piece(strings.Repeat(p.Body, rest), false))
			io.WriteString(crc, body[:rest*len(p.Body)])
		}
	}
	io.WriteString(crc, p.Tail)
	pieces = append(pieces, piece(p.Tail, true))
	size := p.size()
	if p.Declare != 0 {
		size = p.Declare
	}
	var compressed uint64
	for _, p := range pieces {
		compressed += uint64(len(p))
	}
	fh := &zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc.Sum32(), UncompressedSize64: size,
		CompressedSize64: compressed}
	out, err := zw.CreateRaw(fh)
	if err != nil {
		return err
	}
	for _, p := range pieces {
		if _, err := out.Write(p); err != nil {
			return err
		}
	}
	return nil
}

// Rows is a sheet whose rows, after the header, are row repeated n times
// (row needs no r attribute: a row without one follows the last).
func Rows(row string, n int) map[string]Part {
	return map[string]Part{sheetPath: {Head: SheetHead, Body: row, Times: n, Tail: SheetTail}}
}

// Cell is a sheet with one inline cell of n bytes of text after the header.
func Cell(n int) map[string]Part {
	return map[string]Part{sheetPath: {Head: SheetHead + `<row><c r="B2" t="inlineStr"><is><t>`, Body: "0", Times: n,
		Tail: `</t></is></c></row>` + SheetTail}}
}

// SharedString is a sheet of n rows of cols cells, each showing the same
// shared string of size characters.
func SharedString(size, rows, cols int) map[string]Part {
	var row strings.Builder
	row.WriteString("<row>")
	for range cols {
		row.WriteString(`<c t="s"><v>0</v></c>`)
	}
	row.WriteString("</row>")
	p := Rows(row.String(), rows)
	p[sstPath] = Part{Head: `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>`,
		Body: "长", Times: size, Tail: `</t></si></sst>`}
	return p
}

// Files are the hostile workbooks of the benchmark, by name: each unpacks
// to far beyond what a roster needs, or makes the reader do far more work
// than its size suggests.
func Files() map[string]map[string]Part {
	lying := Rows(`<row><c t="inlineStr"><is><t>SA1</t></is></c></row>`, 20_000_000)
	p := lying[sheetPath]
	p.Declare = 1 << 20
	lying[sheetPath] = p
	return map[string]map[string]Part{
		// The two: a 1.2 GB sheet of rows, a 1.2 GB cell.
		"sheet-1.2GB": Rows(`<row><c t="inlineStr"><is><t>SA0001</t></is></c><c><v>0</v></c></row>`, 1_200_000_000/60),
		"cell-1.2GB":  Cell(1_200_000_000),
		// Headers that claim 1 MiB for a 1 GB sheet.
		"lying-size": lying,
		// Within the size limits, but work far beyond them.
		"shared-30k-x-2M": SharedString(30_000, 200_000, 10),
		"shared-30k-wide": SharedString(30_000, 20, 16384),
		"shared-12M-tiny": {sstPath: {Head: `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`,
			Body: "<si><t>a</t></si>", Times: 12_000_000, Tail: "</sst>"}},
		"last-column": Rows(`<row><c r="XFD1"><v>1</v></c></row>`, 200_000),
		"rows-1M":     Rows(`<row><c t="inlineStr"><is><t>SA1</t></is></c></row>`, 1_000_000),
		"styles-100MB": {"xl/styles.xml": {Head: `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts>`,
			Body: `<numFmt numFmtId="200" formatCode="0"/>`, Times: 100_000_000 / 37, Tail: `</numFmts></styleSheet>`}},
	}
}
