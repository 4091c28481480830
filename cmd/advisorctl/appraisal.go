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
	"strings"
	"text/tabwriter"

	"advisordesk/exchange"
	"advisordesk/i18n"
	"advisordesk/model"
	"advisordesk/report"
	"advisordesk/storage"
)

// resolveCycle turns "latest", a cycle's number or a cycle's name (when it
// names one cycle) into the cycle's data.
func resolveCycle(db *storage.DB, which string) (*model.CycleData, error) {
	var id uint64
	if which == "" || which == "latest" {
		c, err := db.LatestCycle()
		if err != nil {
			return nil, fmt.Errorf("no appraisal cycle in the file yet: %w", err)
		}
		id = c.ID
	} else if n, err := strconv.ParseUint(which, 10, 64); err == nil {
		id = n
	} else {
		var named []*model.Cycle
		err := db.Cycles.Each(func(c *model.Cycle) error {
			if c.Name == strings.TrimSpace(which) {
				named = append(named, c)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		switch len(named) {
		case 0:
			return nil, model.FieldErrors{{Field: model.FieldCycle, Code: model.CodeUnknown, Arg: which}}
		case 1:
			id = named[0].ID
		default:
			ids := make([]string, len(named))
			for i, c := range named {
				ids[i] = strconv.FormatUint(c.ID, 10)
			}
			return nil, errUsage{fmt.Sprintf("--cycle %q names %d cycles (%s): use the number (advisorctl cycles lists them)",
				which, len(named), strings.Join(ids, ", "))}
		}
	}
	d, err := db.LoadCycle(id)
	if errors.Is(err, storage.ErrNotFound) {
		return nil, model.FieldErrors{{Field: model.FieldCycle, Code: model.CodeUnknown, Arg: strconv.FormatUint(id, 10)}}
	}
	return d, err
}

// listCycles prints every cycle: number, name, period, stage, participants.
func listCycles(path string, l *i18n.Labels, stdout io.Writer) error {
	return withPerson(path, false, func(db *storage.DB) error {
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		// Chinese text is two columns wide on a terminal: the wide columns come last.
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", l.T("cycles.id"), l.T("cycles.period"), l.T("cycles.participants"), l.T("cycles.stage"), l.T("cycles.name"))
		err := db.Cycles.Each(func(c *model.Cycle) error {
			_, err := fmt.Fprintf(tw, "%d\t%s – %s\t%d\t%s\t%s\n", c.ID, c.Start, c.End, len(c.Participants), l.T("stage."+string(c.Stage)), c.Name)
			return err
		})
		if err != nil {
			return err
		}
		return tw.Flush()
	})
}

// lookupAdvisor finds an advisor by employee number.
func lookupAdvisor(db *storage.DB, empno string) (*model.Advisor, error) {
	a, err := db.Advisors.ByEmpNo.Get(model.NormalizeEmpNo(empno))
	if errors.Is(err, storage.ErrNotFound) {
		return nil, model.FieldErrors{{Field: model.FieldEmpNo, Code: model.CodeUnknown, Arg: empno}}
	}
	return a, err
}

func meta(db *storage.DB, lang string) (report.Meta, error) {
	company, err := db.Setting(storage.SettingCompany)
	return report.Meta{Lang: lang, Company: company, Date: db.Today()}, err
}

func printAppraisal(path, cycle, empno, lang, out, dir string, provisional bool, stdout io.Writer) error {
	return withHR(path, func(db *storage.DB) error {
		d, err := resolveCycle(db, cycle)
		if err != nil {
			return err
		}
		m, err := meta(db, lang)
		if err != nil {
			return err
		}
		sheets := report.CycleSheets(d)
		for i := range sheets {
			sheets[i].Provisional = provisional
		}
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
			warnSheets(stdout, sheets)
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
		warnSheets(stdout, sheets)
		return nil
	})
}

func printBlank(path, lang, out string, stdout io.Writer) error {
	return withHR(path, func(db *storage.DB) error {
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
	return withHR(path, func(db *storage.DB) error {
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
		warnReplaced(stdout, a)
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
	return withHR(path, func(db *storage.DB) error {
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

func warnSheets(w io.Writer, sheets []report.Sheet) {
	for _, s := range sheets {
		warnReplaced(w, s.Advisor)
	}
}

// count is "1 thing" or "n things" for the CLI's English reports.
func count(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return i18n.Count(n) + " " + thing + "s"
}
