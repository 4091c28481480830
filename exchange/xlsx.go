package exchange

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"advisordesk/model"

	"github.com/xuri/excelize/v2"
)

// Bounds on what an .xlsx may unpack to. excelize alone would unzip up to
// 16 GB, decode some parts whole at open and hold any cell however long, so
// a 3.5 MB file can cost gigabytes. The zip is checked first, by unpacking
// every part into a counter (the sizes in its headers are not trusted),
// before excelize sees it. Our own 100,000-row export unpacks to ≈ 55 MB;
// see docs/DECISIONS.md for the measured figures behind these numbers.
const (
	maxUnzipped = 200 << 20 // all parts together
	maxOpenPart = 16 << 20  // an XML part other than a sheet or the shared strings: decoded whole at open
	maxXMLRun   = 1 << 20   // the longest text or tag in an XML part; a cell's text is at most ≈ 330 KB escaped
	maxReadText = 400 << 20 // the text of all cells handed out while reading (a shared string can be used many times)
	maxReadCols = 20 << 20  // cell slots handed out while reading (a row's cells run up to its last one)
	// Each shared string costs excelize a few hundred bytes of memory (the
	// whole table is decoded at the first row) and a tiny one is 17 bytes
	// in the file: 12 million of them, 0.5 MB zipped, took 1.3 GB. Our
	// 100,000-row export has 304,331; this leaves room for six distinct
	// texts in every row.
	maxSharedStrings = 600_000
	// excelize hands out a whole row at once, each shared string as a new
	// copy: 16,384 cells showing one 90 KB string made 1.5 GB from a 19 KB
	// file. A row may hold at most this much: cells in the widest row times
	// the longest shared string, both counted before excelize sees the file.
	maxRowText = 64 << 20
	// A workbook has a dozen parts, a few hundred with pictures; excelize
	// keeps every one in a map.
	maxParts = 10_000
)

func readXLSX(b []byte, name string, pick func([]string) (Pick, error)) (*Table, error) {
	if err := checkZip(b, name); err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{UnzipSizeLimit: maxUnzipped})
	if err != nil {
		return nil, &FileError{Key: "import.bad_xlsx", Arg: name}
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, &FileError{Key: "import.bad_xlsx", Arg: name}
	}
	props, err := f.GetWorkbookProps()
	if err != nil {
		return nil, &FileError{Key: "import.bad_xlsx", Arg: name}
	}
	date1904 := props.Date1904 != nil && *props.Date1904

	tb := &tableBuilder{name: name, pick: pick}
	tb.t.Encoding = "xlsx"
	tb.t.Notes = append(tb.t.Notes, model.Note{Key: "import.read_sheet", Args: map[string]any{"Arg": name, "Sheet": sheets[0]}})
	budget := readBudget{name: name}
	shown, err := f.Rows(sheets[0])
	if err != nil {
		return nil, &FileError{Key: "import.bad_xlsx", Arg: name}
	}
	defer shown.Close()
	raw := &rawRows{f: f, sheet: sheets[0]}
	defer raw.close()
	line := 0
	for shown.Next() {
		line++
		cells, err := shown.Columns()
		if err != nil {
			return nil, &FileError{Key: "import.bad_xlsx", Arg: name}
		}
		if err := budget.spend(cells, line); err != nil {
			return nil, err
		}
		if err := raw.next(); err != nil {
			return nil, &FileError{Key: "import.bad_xlsx", Arg: name}
		}
		var rawErr error
		err = tb.add(line, cells, func(c int, date bool) string {
			v, err := raw.cell(line, c, cells, date, date1904)
			if err != nil {
				rawErr = err
			}
			return v
		})
		if rawErr != nil {
			return nil, &FileError{Key: "import.bad_xlsx", Arg: name}
		}
		if err != nil {
			return nil, err
		}
		if err := budget.spend(raw.cells, line); err != nil {
			return nil, err
		}
	}
	if shown.Error() != nil {
		return nil, &FileError{Key: "import.bad_xlsx", Arg: name}
	}
	for i, s := range sheets[1:] {
		if !emptySheet(f, s) {
			tb.t.Notes = append(tb.t.Notes, model.Note{Key: "import.sheet_skipped", Args: map[string]any{"N": i + 2, "Sheet": s}})
		}
	}
	return &tb.t, nil
}

// rawRows is a second cursor over a sheet. The first gives each cell as
// displayed; a date or number column needs the stored value when the
// display does not read plainly (format 14 shows 03-05-24, #,##0.00 shows
// 1,234.50): then this cursor reads the same rows as stored, in step, from
// that row on. A file whose dates and numbers are text (our export) never
// pays for it.
type rawRows struct {
	f     *excelize.File
	sheet string
	rows  *excelize.Rows
	cells []string // the current row as stored; nil before the cursor starts
}

var rawOpt = excelize.Options{RawCellValue: true}

// start opens the cursor on row line, the row being read.
func (r *rawRows) start(line int) (err error) {
	if r.rows, err = r.f.Rows(r.sheet); err != nil {
		return err
	}
	for range line {
		r.rows.Next()
	}
	r.cells, err = r.rows.Columns(rawOpt)
	return err
}

// next moves a started cursor on to the next row.
func (r *rawRows) next() (err error) {
	if r.rows == nil {
		return nil
	}
	r.rows.Next()
	r.cells, err = r.rows.Columns(rawOpt)
	return err
}

func (r *rawRows) close() {
	if r.rows != nil {
		r.rows.Close()
	}
}

// cell reads column c of row line, whose displayed cells are shown, as a
// date or a number (typedCell), starting the cursor if the display does not
// read plainly.
func (r *rawRows) cell(line, c int, shown []string, date, date1904 bool) (string, error) {
	if r.rows == nil && !plainCell(shown[c], date) {
		if err := r.start(line); err != nil {
			return shown[c], err
		}
	}
	if r.rows == nil {
		return typedCell(shown[c], shown[c], date, date1904), nil
	}
	if c < len(r.cells) {
		return typedCell(r.cells[c], shown[c], date, date1904), nil
	}
	return shown[c], nil
}

// plainCell says whether a date or number column's cell can be read as
// displayed: empty; for a date, a year-first date as model.ParseDate reads
// it or a plain number (a day count shown in the General format, or
// 20240305); for a number, one that model.ParseNumber reads.
func plainCell(s string, date bool) bool {
	if !date {
		_, err := model.ParseNumber(s)
		return err == nil || s == ""
	}
	if _, err := model.ParseDate(s); err == nil {
		return true
	}
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}

// typedCell reads a date column's cell with excelDate; a number column's
// cell as displayed when that is a plain number, else as its stored value
// (1,234.50 or 12% on the screen is 1234.5 or 0.12 in the file).
func typedCell(raw, shown string, date, date1904 bool) string {
	if date {
		return excelDate(raw, shown, date1904)
	}
	if plainCell(shown, false) {
		return shown
	}
	if v, err := strconv.ParseFloat(raw, 64); err == nil {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return shown
}

// excelDate reads a date column's cell: a number is Excel's day count (in
// the workbook's 1900 or 1904 system), whatever format displays it; an ISO
// date cell (t="d") keeps its day; text is left for model.ParseDate.
// YYYYMMDD written as a number stays as it is: no day count is that large.
func excelDate(raw, shown string, date1904 bool) string {
	if v, err := strconv.ParseFloat(raw, 64); err == nil && v >= 1 && v < 1_000_000 {
		if t, err := excelize.ExcelDateToTime(v, date1904); err == nil {
			return t.Format("2006-01-02")
		}
	}
	if len(raw) > 10 && raw[4] == '-' && raw[7] == '-' && raw[10] == 'T' {
		return raw[:10]
	}
	return shown
}

// emptySheet says whether a sheet has nothing in its first rows (an empty
// Sheet2 that an old Excel adds to every workbook is not worth a note).
func emptySheet(f *excelize.File, sheet string) bool {
	rows, err := f.Rows(sheet)
	if err != nil {
		return false
	}
	defer rows.Close()
	for n := 0; rows.Next(); n++ {
		cells, err := rows.Columns()
		if err != nil || n == 1000 || !blank(cells) {
			return false
		}
	}
	return true
}

// readBudget bounds the work of reading a sheet that fits in the unzip
// limits but makes excelize hand out far more: one long shared string used
// in every cell, or rows whose only cell is in the last column.
type readBudget struct {
	name        string
	text, slots int
}

func (b *readBudget) spend(cells []string, line int) error {
	b.slots += len(cells)
	for _, c := range cells {
		b.text += len(c)
	}
	if b.slots > maxReadCols || b.text > maxReadText {
		return &FileError{Key: "import.xlsx_too_much", Arg: b.name, Row: line}
	}
	return nil
}

// checkZip refuses an .xlsx whose parts unpack beyond the limits, or whose
// XML holds a text or a tag longer than any spreadsheet writes, before
// excelize sees it. Sizes are counted while unpacking, not taken from the
// headers, and unpacking stops at the limit.
func checkZip(b []byte, name string) error {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return &FileError{Key: "import.bad_xlsx", Arg: name}
	}
	tooBig := func(part string, limit int64) error {
		if part == "" {
			return &FileError{Key: "import.xlsx_too_large", Arg: name, Limit: fmt.Sprintf("%d MiB", limit>>20)}
		}
		return &FileError{Key: "import.xlsx_part_too_large", Arg: name, Col: part, Limit: fmt.Sprintf("%d MiB", limit>>20)}
	}
	if len(zr.File) > maxParts {
		return &FileError{Key: "import.xlsx_parts", Arg: name, Limit: fmt.Sprint(maxParts)}
	}
	var declared uint64
	for _, zf := range zr.File {
		declared += zf.UncompressedSize64
		if limit := partLimit(zf.Name); zf.UncompressedSize64 > uint64(limit) {
			return tooBig(zf.Name, limit)
		}
		if declared > maxUnzipped {
			return tooBig("", maxUnzipped)
		}
	}
	var total int64
	var widest, longest int // cells in the widest row, bytes in the longest shared string
	for _, zf := range zr.File {
		limit := min(partLimit(zf.Name), maxUnzipped-total)
		rc, err := zf.Open()
		if err != nil {
			return &FileError{Key: "import.bad_xlsx", Arg: name}
		}
		s := &xmlScan{xml: isXML(zf.Name), sst: strings.EqualFold(zf.Name, "xl/sharedStrings.xml"),
			sheet: strings.HasPrefix(strings.ToLower(zf.Name), "xl/worksheets/")}
		n, err := io.Copy(s, io.LimitReader(rc, limit+1))
		rc.Close()
		total += n
		widest, longest = max(widest, s.cells, s.widest), max(longest, s.siText, s.longest)
		switch {
		case n > limit && total > maxUnzipped:
			return tooBig("", maxUnzipped)
		case n > limit:
			return tooBig(zf.Name, limit)
		case errors.Is(err, errLongRun):
			return &FileError{Key: "import.xlsx_long_text", Arg: name, Col: zf.Name, Limit: fmt.Sprintf("%d MiB", maxXMLRun>>20)}
		case errors.Is(err, errManyStrings):
			return &FileError{Key: "import.xlsx_shared_strings", Arg: name, Limit: fmt.Sprint(maxSharedStrings)}
		case err != nil:
			return &FileError{Key: "import.bad_xlsx", Arg: name}
		}
	}
	if widest*longest > maxRowText {
		return &FileError{Key: "import.xlsx_wide_rows", Arg: name, Limit: fmt.Sprintf("%d MiB", maxRowText>>20)}
	}
	return nil
}

// partLimit is how large a part may unpack: sheets and the shared strings
// are streamed, other XML is decoded whole when the workbook opens.
func partLimit(part string) int64 {
	p := strings.ToLower(part)
	if !isXML(p) || strings.HasPrefix(p, "xl/worksheets/") || p == "xl/sharedstrings.xml" {
		return maxUnzipped
	}
	return maxOpenPart
}

func isXML(part string) bool {
	p := strings.ToLower(part)
	return strings.HasSuffix(p, ".xml") || strings.HasSuffix(p, ".rels") || strings.HasSuffix(p, ".vml")
}

var (
	errLongRun     = errors.New("text or tag too long")
	errManyStrings = errors.New("too many shared strings")
)

// xmlScan measures the runs of an XML part between < and > (a tag) and
// between > and < (text) as the bytes go by. Text cannot hold a raw <, so
// a > inside a quoted attribute only shortens a tag and lengthens the text
// after it: no long run slips through. In the shared-string table it also
// counts the <si> elements and measures the longest; in a sheet it counts
// the cells of the widest row.
type xmlScan struct {
	xml, sst, sheet bool
	inTag           bool
	run             int
	tag             []byte // the first bytes of the current tag
	strings         int    // <si> elements so far
	siText, longest int    // text of the current <si>, and of the longest
	cells, widest   int    // <c> elements of the current <row>, and of the widest
}

func (s *xmlScan) Write(p []byte) (int, error) {
	if !s.xml {
		return len(p), nil
	}
	n := len(p)
	named := s.sst || s.sheet
	for len(p) > 0 {
		stop := byte('<')
		if s.inTag {
			stop = '>'
		}
		i := bytes.IndexByte(p, stop)
		seg := p
		if i < 0 {
			p = nil
		} else {
			seg, p = p[:i], p[i+1:]
		}
		s.run += len(seg)
		if s.run > maxXMLRun {
			return 0, errLongRun
		}
		if named && s.inTag && len(s.tag) < 4 {
			s.tag = append(s.tag, seg[:min(len(seg), 4-len(s.tag))]...)
		}
		if s.sst && !s.inTag {
			s.siText += len(seg)
		}
		if i < 0 {
			continue
		}
		if named && s.inTag {
			switch {
			case s.sst && isTag(s.tag, "si"):
				s.longest, s.siText = max(s.longest, s.siText), 0
				if s.strings++; s.strings > maxSharedStrings {
					return 0, errManyStrings
				}
			case s.sheet && isTag(s.tag, "row"):
				s.widest, s.cells = max(s.widest, s.cells), 0
			case s.sheet && isTag(s.tag, "c"):
				s.cells++
			}
			s.tag = s.tag[:0]
		}
		s.inTag, s.run = !s.inTag, 0
	}
	return n, nil
}

// isTag says whether a tag's first bytes open the element name.
func isTag(tag []byte, name string) bool {
	t := string(tag)
	return t == name || len(t) > len(name) && t[:len(name)] == name && strings.ContainsRune(" />\t\r\n", rune(t[len(name)]))
}
