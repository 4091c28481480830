package main

import (
	"bytes"
	"fmt"
	"io"
	"strconv"

	"advisordesk/model"
	"advisordesk/report"
	"advisordesk/storage"
)

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
