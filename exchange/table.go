package exchange

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"advisordesk/model"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// Limits of one import file. A file beyond one is refused with the limit in
// the message; nothing is ever cut short.
const (
	// MaxImportRows bounds one import: an office roster, not a data dump.
	MaxImportRows = 100_000
	// MaxFileBytes bounds the file as stored (CSV, or .xlsx before
	// unzipping). Our own 100,000-row export is ≈ 12 MB as CSV, ≈ 6.6 MB
	// as .xlsx.
	MaxFileBytes = 64 << 20
	// MaxCellChars is Excel's own limit on the text of one cell.
	MaxCellChars = 32_767
)

// Table is an import file read once, within the limits: its header row, the
// cells the importer picked from each row below it, and what the reader has
// to say about the file (the encoding it read, sheets it left out).
type Table struct {
	Encoding string // "UTF-8", "UTF-8 BOM", "UTF-16LE", "UTF-16BE", "GB18030" or "xlsx"
	Head     []string
	Rows     []Row
	Notes    []model.Note
}

// Row is one non-blank row below the header.
type Row struct {
	Line  int      // the row number a spreadsheet shows for it
	Cells []string // the picked columns, in the order picked; "" where the row is short
}

// Pick says which columns of a file an importer reads, decided from the
// header row: Cols are header positions, Dates marks those to be read as
// dates (an Excel date cell holds a day number whatever it displays; it
// arrives as YYYY-MM-DD) and Numbers those to be read as numbers (an Excel
// number cell arrives as its value, not as its display: 1234.5, not
// 1,234.50).
type Pick struct {
	Cols    []int
	Dates   []bool
	Numbers []bool
}

// ReadTable reads a CSV (UTF-8 with or without a byte-order mark, UTF-16
// with one, or GB18030/GBK as Excel on Chinese Windows saves it; detected,
// not asked) or an .xlsx workbook (its first sheet), chosen by the file
// name. The first non-blank row is the header; pick chooses the columns
// from it. Every importer reads its file through here.
func ReadTable(r io.Reader, name string, pick func(head []string) (Pick, error)) (*Table, error) {
	ext := strings.ToLower(filepath.Ext(name))
	if ext != ".csv" && ext != ".txt" && ext != ".xlsx" {
		return nil, &FileError{Key: "import.kind", Arg: name}
	}
	b, err := io.ReadAll(io.LimitReader(r, MaxFileBytes+1))
	if err != nil {
		return nil, err
	}
	if len(b) > MaxFileBytes {
		return nil, &FileError{Key: "import.too_large", Arg: name, Limit: "64 MiB"}
	}
	if len(b) == 0 {
		return nil, &FileError{Key: "import.empty", Arg: name}
	}
	var t *Table
	if ext == ".xlsx" {
		t, err = readXLSX(b, name, pick)
	} else {
		t, err = readCSV(b, name, pick)
	}
	if err != nil {
		return nil, err
	}
	if t.Head == nil {
		return nil, &FileError{Key: "import.empty", Arg: name}
	}
	return t, nil
}

// tableBuilder collects rows for both formats: the header, the picked cells
// and the limits on rows and cell length.
type tableBuilder struct {
	t     Table
	name  string
	pick  func([]string) (Pick, error)
	picks Pick
}

// add takes one row as read; typed reads a date column's cell as
// YYYY-MM-DD, or a number column's as its value, where the format knows
// better than the text (xlsx).
func (tb *tableBuilder) add(line int, cells []string, typed func(col int, date bool) string) error {
	for c, s := range cells {
		if len(s) > MaxCellChars && utf8.RuneCountInString(s) > MaxCellChars {
			col := fmt.Sprint(c + 1)
			if c < len(tb.t.Head) && tb.t.Head[c] != "" {
				col = tb.t.Head[c]
			}
			return &FileError{Key: "import.cell_too_long", Arg: tb.name, Row: line, Col: col,
				Limit: fmt.Sprint(MaxCellChars)}
		}
	}
	if blank(cells) {
		return nil
	}
	if tb.t.Head == nil {
		tb.t.Head = cells
		p, err := tb.pick(cells)
		if err != nil {
			return err
		}
		tb.picks = p
		return nil
	}
	if len(tb.t.Rows) == MaxImportRows {
		return &FileError{Key: "import.too_many", Arg: tb.name, Limit: fmt.Sprint(MaxImportRows)}
	}
	row := Row{Line: line, Cells: make([]string, len(tb.picks.Cols))}
	for i, c := range tb.picks.Cols {
		if c >= len(cells) {
			continue
		}
		row.Cells[i] = cells[c]
		date, number := i < len(tb.picks.Dates) && tb.picks.Dates[i], i < len(tb.picks.Numbers) && tb.picks.Numbers[i]
		if typed != nil && (date || number) {
			row.Cells[i] = typed(c, date)
		}
	}
	tb.t.Rows = append(tb.t.Rows, row)
	return nil
}

func readCSV(b []byte, name string, pick func([]string) (Pick, error)) (*Table, error) {
	text, enc, err := decodeText(b)
	if err != nil {
		return nil, &FileError{Key: "import.encoding", Arg: name}
	}
	tb := &tableBuilder{name: name, pick: pick}
	tb.t.Encoding = enc
	tb.t.Notes = append(tb.t.Notes, model.Note{Key: "import.read_text", Args: map[string]any{"Arg": name, "Encoding": enc}})
	cr := csv.NewReader(strings.NewReader(text))
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	// csv skips empty lines and a quoted cell may span several lines; a
	// spreadsheet shows an empty line as a row and a record as one row, so
	// count rows from where each record starts and where the last ended.
	row, lastEnd := 0, 0
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, &FileError{Key: "import.bad_csv", Arg: name, Row: row + max(pe.StartLine-lastEnd, 1)}
			}
			return nil, err
		}
		// A leading apostrophe is the text marker of a spreadsheet (our
		// export puts one before = + - @ and before an apostrophe of the
		// data): one comes off every cell. In .xlsx the marker is a cell
		// style, never part of the value, so nothing comes off there.
		for i := range rec {
			rec[i] = strings.TrimPrefix(rec[i], "'")
		}
		start, _ := cr.FieldPos(0)
		row += start - lastEnd
		end, _ := cr.FieldPos(len(rec) - 1)
		lastEnd = end + strings.Count(rec[len(rec)-1], "\n")
		if err := tb.add(row, rec, nil); err != nil {
			return nil, err
		}
	}
	return &tb.t, nil
}

// decodeText finds the encoding of a text file and returns it as UTF-8: a
// byte-order mark decides; without one, valid UTF-8 is UTF-8, and anything
// else must decode as GB18030 (a superset of GBK) without a gap.
func decodeText(b []byte) (string, string, error) {
	var enc encoding.Encoding
	name := ""
	switch {
	case bytes.HasPrefix(b, []byte(bom)):
		return string(b[len(bom):]), "UTF-8 BOM", nil
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		enc, name = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), "UTF-16LE"
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		enc, name = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), "UTF-16BE"
	case utf8.Valid(b):
		return string(b), "UTF-8", nil
	default:
		enc, name = simplifiedchinese.GB18030, "GB18030"
	}
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return "", "", err
	}
	// The GB18030 decoder puts U+FFFD where bytes mean nothing: a file in
	// some other encoding would come out garbled, so it is refused instead
	// (unless the file itself holds U+FFFD, which GB18030 writes 84 31 A4 37).
	if name == "GB18030" && bytes.ContainsRune(out, utf8.RuneError) && !bytes.Contains(b, []byte{0x84, 0x31, 0xA4, 0x37}) {
		return "", "", errors.New("undecodable bytes")
	}
	return strings.TrimPrefix(string(out), bom), name, nil
}
