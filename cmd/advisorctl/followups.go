package main

import (
	"bytes"
	"fmt"
	"io"

	"advisordesk/model"
	"advisordesk/report"
	"advisordesk/storage"
)

// printFollowUps prints an advisor's call list: the open calls they are to
// make up to days days ahead (a week when 0), overdue ones first, with the
// customers' phones (personal data: the print is logged).
func printFollowUps(path, empno string, days int, lang, out string, stdout io.Writer) error {
	if empno == "" {
		return errUsage{"followups needs --advisor EMPNO"}
	}
	return withHR(path, func(db *storage.DB) error {
		a, err := lookupAdvisor(db, empno)
		if err != nil {
			return err
		}
		q := model.DueQuery{Advisor: a.ID, Days: days}
		calls, err := db.DueFollowUps(q)
		if err != nil {
			return err
		}
		m, err := meta(db, lang)
		if err != nil {
			return err
		}
		list := report.CallList{Advisor: a.Name, EmpNo: a.EmpNo, Through: q.Through(db.Today()), Calls: calls}
		var buf bytes.Buffer
		if err := report.FollowUpList(&buf, list, m); err != nil {
			return err
		}
		if err := handover(db, model.Printed, model.FollowUpRecord.Name, out, len(calls)); err != nil {
			return err
		}
		if err := writeFile(out, buf.Bytes()); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "call list of %s (%s): %s printed to %s\n", a.Name, a.EmpNo, count(len(calls), "call"), out)
		return nil
	})
}
