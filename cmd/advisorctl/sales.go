package main

import (
	"bytes"
	"fmt"
	"io"
	"os"

	"advisordesk/exchange"
	"advisordesk/i18n"
	"advisordesk/model"
	"advisordesk/storage"
)

// exportSales writes every sale, cancelled ones included (their state
// says so), as CSV or .xlsx: date, customer, advisor, the lines as one
// column, discount, total, reception, state.
func exportSales(path, format, out string, l *i18n.Labels, stdout io.Writer) error {
	if format != "csv" && format != "xlsx" {
		return errUsage{fmt.Sprintf("unknown format %q for sales: use csv or xlsx", format)}
	}
	if format == "xlsx" && out == "" {
		return errUsage{"an .xlsx export needs --out FILE.xlsx"}
	}
	return withHR(path, func(db *storage.DB) error {
		var buf bytes.Buffer
		each := db.Sales.Each
		var n int
		var err error
		if format == "xlsx" {
			n, err = exchange.WriteXLSX(&buf, l, model.SaleRecord, "record.sales", each)
		} else {
			n, err = exchange.WriteCSV(&buf, l, model.SaleRecord, each)
		}
		if err != nil {
			return err
		}
		if err := handover(db, model.Exported, model.SaleRecord.Name, out, n); err != nil {
			return err
		}
		if out == "" {
			_, err = stdout.Write(buf.Bytes())
			return err
		}
		if err := writeFile(out, buf.Bytes()); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "%s sales exported to %s\n", i18n.Count(n), out)
		return nil
	})
}
