package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strconv"

	"advisordesk/exchange"
	"advisordesk/i18n"
	"advisordesk/model"
	"advisordesk/report"
	"advisordesk/storage"
)

// exportComplaints writes the complaints of the signed-in person's reach,
// in order of intake, as CSV or .xlsx.
func exportComplaints(path, format, out string, l *i18n.Labels, stdout io.Writer) error {
	if format != "csv" && format != "xlsx" {
		return errUsage{fmt.Sprintf("unknown format %q for complaints: use csv or xlsx", format)}
	}
	if format == "xlsx" && out == "" {
		return errUsage{"an .xlsx export needs --out FILE.xlsx"}
	}
	return withPerson(path, false, func(db *storage.DB) error {
		list, _, err := db.FindComplaints(model.ListQuery{Sort: model.FieldReceived})
		if err != nil {
			return err
		}
		each := func(fn func(*model.Complaint) error) error {
			for _, c := range list {
				if err := fn(c); err != nil {
					return err
				}
			}
			return nil
		}
		var buf bytes.Buffer
		var n int
		if format == "xlsx" {
			n, err = exchange.WriteXLSX(&buf, l, model.ComplaintRecord, "record.complaints", each)
		} else {
			n, err = exchange.WriteCSV(&buf, l, model.ComplaintRecord, each)
		}
		if err != nil {
			return err
		}
		if err := handover(db, model.Exported, model.ComplaintRecord.Name, out, n); err != nil {
			return err
		}
		if out == "" {
			_, err = stdout.Write(buf.Bytes())
			return err
		}
		if err := writeFile(out, buf.Bytes()); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "%s exported to %s\n", count(n, "complaint"), out)
		return nil
	})
}

// printComplaint prints one complaint's handling record, as the signed-in
// person sees it (their reach; the customer's phone is on it, so the print
// is logged and needs the export permission).
func printComplaint(path, id, lang, out string, stdout io.Writer) error {
	n, err := strconv.ParseUint(id, 10, 64)
	if err != nil || n == 0 {
		return errUsage{"print complaint needs --id N, the complaint's number"}
	}
	return withPerson(path, false, func(db *storage.DB) error {
		c, err := db.GetComplaint(n)
		if err != nil {
			return err
		}
		company, err := db.Setting(storage.SettingCompany)
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		if err := report.Complaint(&buf, c, report.Meta{Lang: lang, Company: company, Date: db.Today()}); err != nil {
			return err
		}
		if err := handover(db, model.Printed, model.ComplaintRecord.Name, out, 1); err != nil {
			return err
		}
		if err := writeFile(out, buf.Bytes()); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "complaint %d printed to %s\n", c.ID, out)
		return nil
	})
}
