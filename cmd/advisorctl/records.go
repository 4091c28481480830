package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"advisordesk/exchange"
	"advisordesk/i18n"
	"advisordesk/model"
	"advisordesk/storage"
)

// fileTable is a described record type that export writes and, if it can,
// import reads: the records of the signed-in person's reach, masked as they
// see them.
type fileTable struct {
	export func(db *storage.DB, w io.Writer, l *i18n.Labels, xlsx bool) (int, error)
	// read and write make an import: nil for a table not imported.
	read      func(r io.Reader, name string) (notes []model.Note, rows int, err error)
	write     func(db *storage.DB, dry bool) (storage.ImportResult, error)
	sensitive bool // holds personal data (model.Record.HoldsPersonal): its export is a logged handover
}

// fileTables are the described record types of export and import, by the
// name a command gives them. Each area registers its own with one line.
var fileTables = map[string]func() fileTable{
	"customers": func() fileTable {
		return records(model.CustomerRecord, func(db *storage.DB) *storage.Table[model.Customer, *model.Customer] {
			return db.Customers.Table
		}, (*storage.DB).ImportCustomers)
	},
	"products": func() fileTable {
		return records(model.ProductRecord, func(db *storage.DB) *storage.Table[model.Product, *model.Product] {
			return db.Products
		}, importAll(func(db *storage.DB) *storage.Table[model.Product, *model.Product] { return db.Products }))
	},
	"complaints": func() fileTable {
		return records(model.ComplaintRecord, func(db *storage.DB) *storage.Table[model.Complaint, *model.Complaint] {
			return db.Complaints.Table
		}, nil)
	},
	"receptions": func() fileTable {
		return records(model.ReceptionRecord, func(db *storage.DB) *storage.Table[model.Reception, *model.Reception] {
			return db.Receptions.Table
		}, nil)
	},
	"followups": func() fileTable {
		return records(model.FollowUpRecord, func(db *storage.DB) *storage.Table[model.FollowUp, *model.FollowUp] {
			return db.FollowUps.Table
		}, nil)
	},
	"sales": func() fileTable {
		return records(model.SaleRecord, func(db *storage.DB) *storage.Table[model.Sale, *model.Sale] { return db.Sales.Table }, nil)
	},
	"marketnotes": func() fileTable {
		return records(model.MarketNoteRecord, func(db *storage.DB) *storage.Table[model.MarketNote, *model.MarketNote] {
			return db.MarketNotes
		}, nil)
	},
}

// importAll is the import of a table with no checks of its own beyond the
// store's (storage.ImportRecords).
func importAll[T any, P interface {
	*T
	storage.Record
}](table func(*storage.DB) *storage.Table[T, P]) func(*storage.DB, *model.Import[T], bool) (storage.ImportResult, error) {
	return func(db *storage.DB, imp *model.Import[T], dry bool) (storage.ImportResult, error) {
		return storage.ImportRecords(table(db), imp, dry, nil)
	}
}

// records makes the fileTable of a described record type: its table, and
// its import (nil for none).
func records[T any, P interface {
	*T
	storage.Record
}](rec *model.Record[T], table func(*storage.DB) *storage.Table[T, P],
	imp func(*storage.DB, *model.Import[T], bool) (storage.ImportResult, error)) fileTable {
	ft := fileTable{sensitive: rec.HoldsPersonal()}
	ft.export = func(db *storage.DB, w io.Writer, l *i18n.Labels, xlsx bool) (int, error) {
		each := table(db).Each
		if xlsx {
			return exchange.WriteXLSX(w, l, rec, "record."+rec.Name, each)
		}
		return exchange.WriteCSV(w, l, rec, each)
	}
	if imp != nil {
		var read *model.Import[T]
		ft.read = func(r io.Reader, name string) ([]model.Note, int, error) {
			var err error
			if read, err = exchange.ReadRecords(r, name, rec); err != nil {
				return nil, 0, err
			}
			return read.Notes, len(read.Rows), nil
		}
		ft.write = func(db *storage.DB, dry bool) (storage.ImportResult, error) { return imp(db, read, dry) }
	}
	return ft
}

func fileTableNames(importable bool) string {
	var names []string
	for name, ft := range fileTables {
		if !importable || ft().read != nil {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return strings.Join(names, "|")
}

// exportRecords writes the records of what the signed-in person reaches,
// masked as they see them; a table of personal data is logged as a
// handover (and refused without the permission) before the file is written.
func exportRecords(path, what, format, out string, l *i18n.Labels, stdout io.Writer) error {
	ft := fileTables[what]()
	if format != "csv" && format != "xlsx" {
		return errUsage{fmt.Sprintf("unknown format %q for %s: use csv or xlsx", format, what)}
	}
	if format == "xlsx" && out == "" {
		return errUsage{"an .xlsx export needs --out FILE.xlsx"}
	}
	return withPerson(path, false, func(db *storage.DB) error {
		var buf bytes.Buffer
		n, err := ft.export(db, &buf, l, format == "xlsx")
		if err != nil {
			return err
		}
		if ft.sensitive {
			if err := handover(db, model.Exported, what, out, n); err != nil {
				return err
			}
		}
		if out == "" {
			_, err = stdout.Write(buf.Bytes())
			return err
		}
		if err := writeFile(out, buf.Bytes()); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "%s %s exported to %s\n", i18n.Count(n), what, out)
		return nil
	})
}

// importRecords reads a file of records and writes it as the signed-in
// person, all rows or none: every bad row is named by row and field in the
// user's language; a dry run writes nothing.
func importRecords(path, what, file string, dry bool, l *i18n.Labels, stdout io.Writer) error {
	ft := fileTables[what]()
	if ft.read == nil {
		return errUsage{fmt.Sprintf("%s are not imported: import %s", what, fileTableNames(true))}
	}
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	notes, _, err := ft.read(f, file)
	if err != nil {
		return err
	}
	for _, n := range notes {
		fmt.Fprintln(stdout, l.Explain(n))
	}
	return withPerson(path, false, func(db *storage.DB) error {
		res, err := ft.write(db, dry)
		if fes, ok := model.AsFieldErrors(err); ok {
			fmt.Fprintf(stdout, "%s\n", l.N("import.problems", len(fes)))
			for _, fe := range fes {
				fmt.Fprintf(stdout, "  %s\n", l.Explain(model.FieldErrors{fe}))
			}
			return errDamaged // exit 1, the problems are listed
		}
		if err != nil {
			return err
		}
		if dry {
			fmt.Fprintln(stdout, l.T("customer.import_confirm", "What", l.T("record."+what), "Add", i18n.Count(res.Added),
				"Update", i18n.Count(res.Updated), "Same", i18n.Count(res.Unchanged)))
			return nil
		}
		fmt.Fprintln(stdout, l.T("import.records_done", "Add", i18n.Count(res.Added), "Update", i18n.Count(res.Updated),
			"Same", i18n.Count(res.Unchanged), "Path", res.Backup))
		return nil
	})
}

// firstArg is the first positional argument, "" for none.
func firstArg(pos []string) string {
	if len(pos) == 0 {
		return ""
	}
	return pos[0]
}
