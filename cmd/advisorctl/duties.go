package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"slices"

	"advisordesk/i18n"
	"advisordesk/model"
	"advisordesk/report"
	"advisordesk/storage"
)

// cmdDuties prints a role's duties and permissions sheet (岗位职责与权限)
// with the office's company name, from the office's role matrix.
func cmdDuties(path string, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("duties", flag.ContinueOnError)
	role := fs.String("role", "", "hr, supervisor or advisor")
	out := outFlag(fs)
	lang := langFlag(fs)
	employee := fs.String("employee", "", "the employee's name on the sheet (blank to write in)")
	if pos, err := parse(fs, args); err != nil || len(pos) > 0 {
		return firstErr(err, errUsage{"duties takes no arguments"})
	}
	if !slices.Contains(model.AccountRoles, model.AccountRole(*role)) {
		return errUsage{fmt.Sprintf("duties needs --role hr, supervisor or advisor (not %q)", *role)}
	}
	if *out == "" {
		return errUsage{"duties needs --out FILE.pdf"}
	}
	if _, err := i18n.For(*lang); err != nil {
		return errUsage{err.Error()}
	}
	return withPerson(path, false, func(db *storage.DB) error {
		m, err := meta(db, *lang)
		if err != nil {
			return err
		}
		matrix, saved, err := db.Matrix()
		if err != nil {
			return err
		}
		s := report.DutySheet{Role: model.AccountRole(*role), Matrix: matrix, Employee: *employee, Since: saved}
		var buf bytes.Buffer
		if err := report.Duties(&buf, s, m); err != nil {
			return err
		}
		if err := writeFile(*out, buf.Bytes()); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "duties and permissions of %s printed to %s\n", *role, *out)
		return nil
	})
}
