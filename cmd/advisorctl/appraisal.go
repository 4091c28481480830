package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"

	"advisordesk/exchange"
	"advisordesk/i18n"
	"advisordesk/model"
	"advisordesk/report"
	"advisordesk/storage"
)

// resolveCycle turns "latest" or a number into a cycle's data.
func resolveCycle(db *storage.DB, which string) (*model.CycleData, error) {
	var id uint64
	if which == "" || which == "latest" {
		c, err := db.LatestCycle()
		if err != nil {
			return nil, fmt.Errorf("no appraisal cycle in the file yet: %w", err)
		}
		id = c.ID
	} else {
		n, err := strconv.ParseUint(which, 10, 64)
		if err != nil {
			return nil, errUsage{fmt.Sprintf("--cycle %q: use latest or a cycle number", which)}
		}
		id = n
	}
	d, err := db.LoadCycle(id)
	if errors.Is(err, storage.ErrNotFound) {
		return nil, model.FieldErrors{{Field: model.FieldCycle, Code: model.CodeUnknown, Arg: strconv.FormatUint(id, 10)}}
	}
	return d, err
}

// lookupAdvisor finds an advisor by employee number.
func lookupAdvisor(db *storage.DB, empno string) (*model.Advisor, error) {
	a, err := db.Advisors.Lookup("empno", model.NormalizeEmpNo(empno))
	if errors.Is(err, storage.ErrNotFound) {
		return nil, model.FieldErrors{{Field: model.FieldEmpNo, Code: model.CodeUnknown, Arg: empno}}
	}
	return a, err
}

func meta(db *storage.DB, lang string) (report.Meta, error) {
	company, err := db.Setting(storage.SettingCompany)
	return report.Meta{Lang: lang, Company: company, Date: db.Today()}, err
}

func printAppraisal(path, cycle, empno, lang, out, dir string, stdout io.Writer) error {
	return withDB(path, true, func(db *storage.DB) error {
		d, err := resolveCycle(db, cycle)
		if err != nil {
			return err
		}
		m, err := meta(db, lang)
		if err != nil {
			return err
		}
		sheets := report.CycleSheets(d)
		if empno != "" {
			a, err := lookupAdvisor(db, empno)
			if err != nil {
				return err
			}
			if !d.Cycle.Has(a.ID) {
				return model.FieldErrors{{Field: model.FieldAdvisor, Code: model.CodeNotInCycle}}
			}
			for _, s := range sheets {
				if s.Advisor.ID == a.ID {
					sheets = []report.Sheet{s}
				}
			}
		}
		if dir != "" {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			err := report.EachSheet(context.Background(), sheets, m, runtime.NumCPU(), func(i int, pdf []byte) error {
				return writeFile(filepath.Join(dir, sheets[i].FormNo+".pdf"), pdf)
			})
			if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "%s of %s printed into %s\n", count(len(sheets), "appraisal sheet"), d.Cycle.Name, dir)
			return nil
		}
		var buf bytes.Buffer
		if err := report.AppraisalSheets(&buf, sheets, m); err != nil {
			return err
		}
		if err := writeFile(out, buf.Bytes()); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s of %s printed to %s\n", count(len(sheets), "appraisal sheet"), d.Cycle.Name, out)
		return nil
	})
}

func printBlank(path, lang, out string, stdout io.Writer) error {
	return withDB(path, false, func(db *storage.DB) error {
		t, err := db.EnsureTemplate()
		if err != nil {
			return err
		}
		if c, err := db.LatestCycle(); err == nil {
			if t, err = db.Templates.Get(c.TemplateID); err != nil {
				return err
			}
		}
		m, err := meta(db, lang)
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		if err := report.AppraisalSheets(&buf, []report.Sheet{{Template: t}}, m); err != nil {
			return err
		}
		if err := writeFile(out, buf.Bytes()); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "blank appraisal sheet printed to %s\n", out)
		return nil
	})
}

func printCustomerForms(path, cycle, empno string, n int, lang, out string, stdout io.Writer) error {
	if empno == "" {
		return errUsage{"customer-form needs --advisor EMPNO"}
	}
	if n < 1 || n > 1000 {
		return errUsage{"--count: 1 to 1000 forms"}
	}
	// Serials are reserved in the file, so this opens it for writing.
	return withDB(path, false, func(db *storage.DB) error {
		a, err := lookupAdvisor(db, empno)
		if err != nil {
			return err
		}
		t, err := db.EnsureTemplate()
		if err != nil {
			return err
		}
		if d, err := resolveCycle(db, cycle); err == nil {
			t = d.Template
		}
		serials, err := db.NextSerials(n)
		if err != nil {
			return err
		}
		forms := make([]report.CustomerForm, n)
		for i := range forms {
			forms[i] = report.CustomerForm{Serial: serials[i], Advisor: a, Template: t}
		}
		m, err := meta(db, lang)
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		if err := report.CustomerForms(&buf, forms, m); err != nil {
			return err
		}
		if err := writeFile(out, buf.Bytes()); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s for %s (%s … %s) printed to %s\n", count(n, "customer form"), a.Name, serials[0], serials[n-1], out)
		return nil
	})
}

func exportAppraisals(path, cycle, format, out string, l *i18n.Labels, stdout io.Writer) error {
	if format != "csv" && format != "xlsx" {
		return errUsage{fmt.Sprintf("unknown format %q: use csv or xlsx", format)}
	}
	if format == "xlsx" && out == "" {
		return errUsage{"an .xlsx export needs --out FILE.xlsx"}
	}
	return withDB(path, true, func(db *storage.DB) error {
		d, err := resolveCycle(db, cycle)
		if err != nil {
			return err
		}
		r := d
		var buf bytes.Buffer
		if format == "xlsx" {
			err = exchange.AppraisalXLSX(&buf, l, r)
		} else {
			err = exchange.AppraisalCSV(&buf, l, r)
		}
		if err != nil {
			return err
		}
		if out == "" {
			_, err = stdout.Write(buf.Bytes())
			return err
		}
		if err := writeFile(out, buf.Bytes()); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "%s results of %s exported to %s\n", i18n.Count(len(d.Cycle.Participants)), d.Cycle.Name, out)
		return nil
	})
}

// count is "1 thing" or "n things" for the CLI's English reports.
func count(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return i18n.Count(n) + " " + thing + "s"
}
