package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"advisordesk/exchange"
	"advisordesk/i18n"
	"advisordesk/model"
	"advisordesk/report"
	"advisordesk/storage"
)

func cmdExport(path string, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	format := fs.String("format", "csv", "file format: csv (or xlsx for appraisals)")
	out := outFlag(fs)
	lang := langFlag(fs)
	cycle := fs.String("cycle", "latest", "appraisal cycle: latest, its number or its name")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	l, err := i18n.For(*lang)
	if err != nil {
		return errUsage{err.Error()}
	}
	if len(pos) == 1 && pos[0] == "appraisals" {
		return exportAppraisals(path, *cycle, *format, *out, l, stdout)
	}
	if _, ok := fileTables[firstArg(pos)]; ok && len(pos) == 1 {
		return exportRecords(path, pos[0], *format, *out, l, stdout)
	}
	if len(pos) != 1 || pos[0] != "advisors" {
		return errUsage{"export what? try: export advisors --format csv, export appraisals --cycle latest --format xlsx, or export " +
			fileTableNames(false) + " --format csv|xlsx"}
	}
	if *format != "csv" && *format != "xlsx" {
		return errUsage{fmt.Sprintf("unknown format %q for advisors: use csv or xlsx", *format)}
	}
	if *format == "xlsx" && *out == "" {
		return errUsage{"an .xlsx export needs --out FILE.xlsx"}
	}
	return withHR(path, func(db *storage.DB) error {
		var buf bytes.Buffer
		write := exchange.AdvisorCSV
		if *format == "xlsx" {
			write = exchange.AdvisorXLSX
		}
		n, err := write(&buf, l, sortedAdvisors(db))
		if err != nil {
			return err
		}
		if err := handover(db, model.Exported, model.AdvisorRecord.Name, *out, n); err != nil {
			return err
		}
		if *out == "" {
			_, err = stdout.Write(buf.Bytes())
			return err
		}
		if err := writeFile(*out, buf.Bytes()); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "%s advisors exported to %s\n", i18n.Count(n), *out)
		return nil
	})
}

func cmdPrint(path string, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("print", flag.ContinueOnError)
	out := outFlag(fs)
	lang := langFlag(fs)
	cycle := fs.String("cycle", "latest", "appraisal cycle: latest, its number or its name")
	advisor := fs.String("advisor", "", "employee number")
	forms := fs.Int("count", 1, "number of customer forms")
	dir := fs.String("dir", "", "print one file per advisor into this folder")
	provisional := fs.Bool("provisional", false, "print the total and grade of unfinished sheets, marked provisional")
	id := fs.String("id", "", "complaint number")
	days := fs.Int("days", model.DefaultDueDays, "followups: the calls due up to this many days ahead")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if _, err := i18n.For(*lang); err != nil {
		return errUsage{err.Error()}
	}
	what := ""
	if len(pos) == 1 {
		what = pos[0]
	}
	if *out == "" && (what != "appraisal" || *dir == "") {
		return errUsage{"print needs --out FILE.pdf"}
	}
	switch what {
	case "appraisal":
		return printAppraisal(path, *cycle, *advisor, *lang, *out, *dir, *provisional, stdout)
	case "appraisal-blank":
		return printBlank(path, *lang, *out, stdout)
	case "customer-form":
		return printCustomerForms(path, *cycle, *advisor, *forms, *lang, *out, stdout)
	case "followups":
		return printFollowUps(path, *advisor, *days, *lang, *out, stdout)
	case "complaint":
		return printComplaint(path, *id, *lang, *out, stdout)
	case "roster":
	default:
		return errUsage{"print what? roster, appraisal, appraisal-blank, customer-form, followups or complaint"}
	}
	return withHR(path, func(db *storage.DB) error {
		var list []*model.Advisor
		if err := sortedAdvisors(db)(func(a *model.Advisor) error { list = append(list, a); return nil }); err != nil {
			return err
		}
		company, err := db.Setting(storage.SettingCompany)
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		if err := report.Roster(&buf, list, report.Meta{Lang: *lang, Company: company, Date: db.Today()}); err != nil {
			return err
		}
		if err := handover(db, model.Printed, model.AdvisorRecord.Name, *out, len(list)); err != nil {
			return err
		}
		if err := writeFile(*out, buf.Bytes()); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "roster of %s printed to %s\n", count(len(list), "advisor"), *out)
		warnReplaced(stdout, list...)
		return nil
	})
}

// handover logs personal data leaving the program as the signed-in person
// (and is refused to one without the permission), before the file is
// written.
func handover(db *storage.DB, act model.Action, table, out string, rows int) error {
	if out == "" {
		out = "-" // standard output
	}
	return db.RecordHandover(model.Handover{Action: act, Table: table, What: filepath.Base(out), Rows: rows})
}

// warnReplaced says which advisors' texts had a character printed as 〓.
func warnReplaced(w io.Writer, advisors ...*model.Advisor) {
	l, _ := i18n.For(i18n.FromEnv())
	for _, a := range advisors {
		if miss := report.Unprintable(a.Name, a.Department, a.Supervisor); len(miss) > 0 {
			fmt.Fprintln(w, l.T("print.replaced", "Who", a.EmpNo+" "+a.Name, "Chars", string(miss)))
		}
	}
}

// writeFile writes through a temporary file and a rename, so a failed write
// never leaves half a PDF where the user expects a whole one.
func writeFile(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func cmdImport(path string, args []string, stdout io.Writer, l *i18n.Labels) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	dry := fs.Bool("dry-run", false, "check the file and count, write nothing")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if _, ok := fileTables[firstArg(pos)]; ok && len(pos) == 2 {
		return importRecords(path, pos[0], pos[1], *dry, l, stdout)
	}
	if len(pos) != 2 || pos[0] != "advisors" {
		return errUsage{"import what? try: import advisors roster.xlsx, or import " + fileTableNames(true) + " FILE"}
	}
	f, err := os.Open(pos[1])
	if err != nil {
		return err
	}
	defer f.Close()
	imp, err := exchange.ReadAdvisors(f, pos[1])
	if err != nil {
		return err
	}
	imp.Notes = append(imp.Notes, report.UnprintableNotes(imp)...)
	for _, n := range imp.Notes {
		fmt.Fprintln(stdout, l.Explain(n))
	}
	return withHR(path, func(db *storage.DB) error {
		added, updated, backup, err := db.ImportAdvisors(imp, *dry)
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
		if *dry {
			fmt.Fprintln(stdout, l.T("import.confirm", "Add", i18n.Count(added), "Update", i18n.Count(updated)))
			return nil
		}
		fmt.Fprintln(stdout, l.T("import.done", "Add", i18n.Count(added), "Update", i18n.Count(updated), "Path", backup))
		return nil
	})
}
