package exchange

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"advisordesk/i18n"
	"advisordesk/model"
)

// FileError: the file as a whole cannot be read (not CSV or .xlsx, no
// header, no key column, over a limit). Row, Col and Limit are set where
// they say more; Names fills further placeholders of the message (the key
// column's label in each language, which the message picks from).
type FileError struct {
	Key, Arg   string
	Row        int
	Col, Limit string
	Names      map[string]string
}

func (e *FileError) Error() string { return e.Key + ": " + e.Arg }
func (e *FileError) MessageKey() (string, map[string]any) {
	args := map[string]any{"Arg": e.Arg, "Row": e.Row, "Col": e.Col, "Limit": e.Limit}
	for k, v := range e.Names {
		args[k] = v
	}
	return e.Key, args
}

// ReadRecords reads a file of records of r's type through ReadTable. The
// header row may name a column by its label in any language or by its
// field key; columns may come in any order and unknown ones are ignored,
// but the key column (r.Key) must be there. A choice may be written as its
// label in any language or as its code; a date or a number is read by the
// field's Parse. A cell that cannot be read, or a key repeated in the file,
// is reported on its row; the store checks the rest as the form would.
func ReadRecords[T any](r io.Reader, name string, rec *model.Record[T]) (*model.Import[T], error) {
	var rd *rowReader[T]
	t, err := ReadTable(r, name, func(head []string) (Pick, error) {
		var err error
		rd, err = newRowReader(rec, head)
		if err != nil {
			return Pick{}, err
		}
		return rd.pick, nil
	})
	if err != nil {
		return nil, err
	}
	out := &model.Import[T]{Notes: t.Notes}
	for i, f := range rd.fields {
		if i != rd.number { // the number names the record; it is not copied onto it
			out.Columns = append(out.Columns, f.Key)
		}
	}
	for _, row := range t.Rows {
		out.Rows = append(out.Rows, rd.read(row))
	}
	if len(out.Rows) == 0 {
		return nil, &FileError{Key: "import.no_rows", Arg: name}
	}
	return out, nil
}

// rowReader turns a table's rows into records: the fields its columns
// hold, in the record's field order, and what it has seen so far.
type rowReader[T any] struct {
	fields  []*model.Field[T]
	pick    Pick
	choices []map[string]string // per field, a choice's labels and codes (lowercased) to its code; nil for other kinds
	key     int                 // the key field's place in fields; -1 when the record has none
	number  int                 // the number field's place in fields (Record.Number); -1 when the file has none
	seen    map[string]int      // each key or number read so far, and the row it was first on
}

// newRowReader matches a header row to rec's file fields: by the field's
// label in every language or by its key, ignoring case and spaces around;
// the first of two columns with one name counts.
func newRowReader[T any](rec *model.Record[T], head []string) (*rowReader[T], error) {
	names := map[string]*model.Field[T]{}
	for _, f := range rec.FileFields() {
		names[strings.ToLower(f.Key)] = f
		for _, lang := range i18n.Langs {
			l, _ := i18n.For(lang)
			names[strings.ToLower(l.T("field."+f.Key))] = f
		}
	}
	cols := map[*model.Field[T]]int{}
	for i, h := range head {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, bom)))
		if f, ok := names[h]; ok {
			if _, dup := cols[f]; !dup {
				cols[f] = i
			}
		}
	}
	rd := &rowReader[T]{key: -1, number: -1, seen: map[string]int{}}
	for _, f := range rec.FileFields() {
		c, ok := cols[f]
		if !ok || f.Fixed { // the store sets it: an exported file's column is left as it is
			continue
		}
		switch f.Key {
		case rec.Key:
			rd.key = len(rd.fields)
		case rec.Number:
			rd.number = len(rd.fields)
		}
		rd.fields = append(rd.fields, f)
		rd.choices = append(rd.choices, choiceLabels(f))
		rd.pick.Cols = append(rd.pick.Cols, c)
		rd.pick.Dates = append(rd.pick.Dates, f.Kind == model.KindDate)
		rd.pick.Numbers = append(rd.pick.Numbers, f.Kind == model.KindNumber || f.Key == rec.Number)
	}
	if rec.Key != "" && rd.key < 0 {
		return nil, noKey(rec.Key, head)
	}
	return rd, nil
}

// noKey is the error of a header without the key column; the message
// names the column in both languages.
func noKey(key string, head []string) error {
	names := map[string]string{}
	for _, lang := range i18n.Langs {
		l, _ := i18n.For(lang)
		names["Key_"+lang] = l.T("field." + key)
	}
	return &FileError{Key: "import.no_key", Arg: strings.Join(head, ", "), Names: names}
}

// choiceLabels maps a choice field's labels in every language and its
// codes, lowercased, to the code; nil for a field of another kind. An empty
// cell is "not given" already, so the empty text is no label.
func choiceLabels[T any](f *model.Field[T]) map[string]string {
	if f.Kind != model.KindChoice {
		return nil
	}
	m := map[string]string{}
	for _, c := range f.Choices {
		m[strings.ToLower(c)] = c
		for _, lang := range i18n.Langs {
			l, _ := i18n.For(lang)
			m[strings.ToLower(l.T(f.Prefix+c))] = c
		}
	}
	delete(m, "")
	return m
}

// read makes one row's record. Choices are matched first and then the
// other cells parsed, so a row's problems come in that order, as the
// roster's import has always listed them; a repeated key comes last.
func (rd *rowReader[T]) read(row Row) model.ImportRow[T] {
	out := model.ImportRow[T]{Row: row.Line}
	var parsed model.FieldErrors
	for i, f := range rd.fields {
		v := strings.TrimSpace(row.Cells[i])
		if i == rd.number {
			out.ID, out.Errs = rd.readNumber(f, v, row.Line, out.Errs)
			continue
		}
		if rd.choices[i] != nil {
			if code, ok := rd.choices[i][strings.ToLower(v)]; ok {
				f.Set(&out.Rec, code)
			} else if v != "" {
				out.Errs = append(out.Errs, &model.FieldError{Field: f.Key, Code: model.CodeUnknownChoice, Arg: v, Row: row.Line})
			}
			continue
		}
		text, code := f.Parse(v)
		if code != "" {
			parsed = append(parsed, &model.FieldError{Field: f.Key, Code: code, Row: row.Line})
		}
		f.Set(&out.Rec, text)
	}
	out.Errs = append(out.Errs, parsed...)
	if rd.key < 0 {
		return out
	}
	f := rd.fields[rd.key]
	key := f.Get(&out.Rec)
	if f.Clean != nil {
		key = f.Clean(key)
		f.Set(&out.Rec, key)
	}
	if first, dup := rd.seen[key]; dup && key != "" {
		out.Errs = append(out.Errs, &model.FieldError{Field: f.Key, Code: model.CodeDuplicateRow,
			Arg: fmt.Sprint(first), Row: row.Line})
	} else {
		rd.seen[key] = row.Line
	}
	return out
}

// readNumber reads the cell of a record's number: empty for a row to add,
// else a whole number above zero that no earlier row gave.
func (rd *rowReader[T]) readNumber(f *model.Field[T], v string, line int, errs model.FieldErrors) (uint64, model.FieldErrors) {
	if v == "" {
		return 0, errs
	}
	id, err := strconv.ParseUint(v, 10, 64)
	if err != nil || id == 0 {
		return 0, append(errs, &model.FieldError{Field: f.Key, Code: model.CodeCount, Row: line})
	}
	seen := "#" + strconv.FormatUint(id, 10) // apart from the key's texts
	if first, dup := rd.seen[seen]; dup {
		return id, append(errs, &model.FieldError{Field: f.Key, Code: model.CodeDuplicateRow, Arg: fmt.Sprint(first), Row: line})
	}
	rd.seen[seen] = line
	return id, errs
}

func blank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}
