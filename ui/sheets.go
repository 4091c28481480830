package ui

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

	"advisordesk/exchange"
	"advisordesk/i18n"
	"advisordesk/model"
	"advisordesk/report"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// The appraisal's prints and its export: the open cycle's sheets (all, one
// participant's, one file each), its results workbook, blank sheets and
// numbered customer forms.

// handover logs personal data leaving the program as a file (a print for
// .pdf, else an export) of record type table ("" for a file without
// personal data, which is not logged); the store refuses it to a person
// without the permission. Off the UI thread.
func (u *App) handover(table, ext, path string, rows int) error {
	if table == "" {
		return nil
	}
	act := model.Exported
	if ext == ".pdf" {
		act = model.Printed
	}
	return u.store.RecordHandover(model.Handover{Action: act, Table: table, What: filepath.Base(path), Rows: rows})
}

// saveTo asks for a file to write, then runs write off the UI thread. A
// file of personal data (table names its record type; "" for none) is
// logged, and refused without the permission, before it is written.
func (u *App) saveTo(name, ext, title, table string, write func(ctx context.Context, w io.Writer) (string, error)) {
	u.askSave(name, func(w fyne.URIWriteCloser) {
		uri := w.URI()
		u.longJob(title, func(ctx context.Context, progress func(float64)) (string, error) {
			progress(-1)
			defer w.Close()
			var buf bytes.Buffer
			msg, err := write(ctx, &buf)
			if err != nil {
				return "", err
			}
			if err := ctx.Err(); err != nil {
				return "", err
			}
			if err := u.handover(table, ext, uriPath(uri), 0); err != nil {
				return "", err
			}
			if _, err := w.Write(buf.Bytes()); err != nil {
				return "", err
			}
			return strings.ReplaceAll(msg, "{{path}}", uriPath(uri)), w.Close()
		}, func(msg string) {
			if ext == ".pdf" {
				u.offerOpen(title, msg, uri)
			} else {
				u.info(title, msg)
			}
		})
	})
}

// fileName makes a name (a cycle's) into a file name every system accepts:
// characters Windows or a path would misread become "-", and no name ends
// in a dot or a space. An empty result is fallback.
func fileName(name, fallback string) string {
	out := strings.Map(func(r rune) rune {
		if r < 0x20 || strings.ContainsRune(`<>:"/\|?*`, r) {
			return '-'
		}
		return r
	}, name)
	out = strings.TrimRight(strings.TrimSpace(out), ". ")
	if out == "" {
		return fallback
	}
	return out
}

// sheets are the cycle's sheets as printed: an unfinished one with a
// provisional total and grade when the box for that is ticked. The tick is
// read on the UI thread; the sheets are made off it.
func (p *resultsPanel) sheets(d *model.CycleData) func() []report.Sheet {
	provisional := p.provisional.Checked
	return func() []report.Sheet { return printedSheets(d, provisional) }
}

func printedSheets(d *model.CycleData, provisional bool) []report.Sheet {
	out := report.CycleSheets(d)
	if provisional {
		for i := range out {
			out[i].Provisional = true
		}
	}
	return out
}

// replacedNote says whose names printed a character as 〓 (no bundled
// font has it), one line each after a first line break; "" when none did.
func replacedNote(sheets []report.Sheet) string {
	var b strings.Builder
	for _, sh := range sheets {
		if a := sh.Advisor; a != nil {
			if miss := report.Unprintable(a.Name, a.Department, a.Supervisor); len(miss) > 0 {
				b.WriteString("\n" + tr("print.replaced", "Who", a.EmpNo+" "+a.Name, "Chars", string(miss)))
			}
		}
	}
	return b.String()
}

// printMeta is what every print carries besides its records; it reads the
// company's name from the file, so it runs off the UI thread.
func (u *App) printMeta() (report.Meta, error) {
	company, err := u.store.Setting(settingCompany)
	return report.Meta{Lang: u.lang, Company: company, Date: u.store.Today()}, err
}

func (p *resultsPanel) askPrintAll() {
	d := p.a.data
	if d == nil {
		return
	}
	u, made := p.a.u, p.sheets(d)
	u.saveTo(fileName(d.Cycle.Name, "appraisal")+".pdf", ".pdf", tr("appraisal.print_all"), "evaluations",
		func(ctx context.Context, w io.Writer) (string, error) {
			sheets := made()
			m, err := u.printMeta()
			if err != nil {
				return "", err
			}
			if err := report.AppraisalSheets(w, sheets, m); err != nil {
				return "", err
			}
			return tr("appraisal.printed", "N", i18n.Count(len(sheets)), "Path", "{{path}}") + replacedNote(sheets), nil
		})
}

func (p *resultsPanel) askPrintOne() {
	a, ok := p.needParticipant()
	if !ok {
		return
	}
	d, u := p.a.data, p.a.u
	made := p.sheets(d)
	u.saveTo(report.FormNo(d.Cycle, a)+".pdf", ".pdf", tr("appraisal.print_one"), "evaluations",
		func(ctx context.Context, w io.Writer) (string, error) {
			m, err := u.printMeta()
			if err != nil {
				return "", err
			}
			for _, sh := range made() {
				if sh.Advisor.ID == a.ID {
					return tr("appraisal.printed", "N", 1, "Path", "{{path}}") + replacedNote([]report.Sheet{sh}),
						report.AppraisalSheets(w, []report.Sheet{sh}, m)
				}
			}
			return "", nil
		})
}

// askPrintFiles prints one file per participant into a chosen folder, with
// a progress bar and Cancel.
func (p *resultsPanel) askPrintFiles() {
	d := p.a.data
	if d == nil {
		return
	}
	p.a.u.askFolder(func(dir string) { p.printFiles(d, dir) })
}

func (p *resultsPanel) printFiles(d *model.CycleData, dir string) {
	u, made := p.a.u, p.sheets(d)
	u.longJob(tr("appraisal.print_files"), func(ctx context.Context, progress func(float64)) (string, error) {
		m, err := u.printMeta() // reads the company name: off the UI thread
		if err != nil {
			return "", err
		}
		sheets := made()
		if err := u.handover("evaluations", ".pdf", dir, len(sheets)); err != nil {
			return "", err
		}
		done := 0
		err = report.EachSheet(ctx, sheets, m, runtime.NumCPU(), func(i int, pdf []byte) error {
			if err := os.WriteFile(filepath.Join(dir, sheets[i].FormNo+".pdf"), pdf, 0o644); err != nil {
				return err
			}
			done++
			progress(float64(done) / float64(len(sheets)))
			return nil
		})
		return tr("appraisal.printed", "N", i18n.Count(done), "Path", dir) + replacedNote(sheets[:done]), err
	}, nil)
}

func (p *resultsPanel) askExport() {
	d := p.a.data
	if d == nil {
		return
	}
	u := p.a.u
	l := u.labels()
	u.saveTo(fileName(d.Cycle.Name, "appraisal")+".xlsx", ".xlsx", tr("appraisal.export"), "evaluations",
		func(ctx context.Context, w io.Writer) (string, error) {
			return tr("export.done", "N", i18n.Count(len(d.Cycle.Participants)), "Path", "{{path}}"), exchange.AppraisalXLSX(w, l, d)
		})
}

// askBlank prints an empty sheet of the open cycle's template, or of the
// newest template when no cycle is open.
func (s *appraisalScreen) askBlank() {
	var t *model.Template
	if s.data != nil {
		t = s.data.Template
	} else if len(s.templates) > 0 {
		t = s.templates[len(s.templates)-1]
	}
	if t == nil {
		return
	}
	s.u.saveTo("appraisal-blank.pdf", ".pdf", tr("appraisal.print_blank"), "", func(ctx context.Context, w io.Writer) (string, error) {
		m, err := s.u.printMeta()
		if err != nil {
			return "", err
		}
		return tr("appraisal.blank_printed", "Path", "{{path}}"), report.AppraisalSheets(w, []report.Sheet{{Template: t}}, m)
	})
}

// askCustomerForms prints serial-numbered customer forms for the selected
// participant; the serials are reserved in the file as they print.
func (p *resultsPanel) askCustomerForms() {
	a, ok := p.needParticipant()
	if !ok {
		return
	}
	u, t := p.a.u, p.a.data.Template
	count := newEntry(u)
	count.SetText("10")
	dialog.ShowCustomConfirm(tr("appraisal.customer_forms"), tr("action.confirm"), tr("action.cancel"),
		widget.NewForm(widget.NewFormItem(tr("appraisal.count_forms"), count)), func(ok bool) {
			if !ok {
				return
			}
			n, err := strconv.Atoi(strings.TrimSpace(count.Text))
			if err != nil || n < 1 || n > 1000 {
				u.showError(model.FieldErrors{{Field: "count", Code: model.CodeRange, Arg: "1–1000"}})
				return
			}
			u.saveTo("customer-forms-"+a.EmpNo+".pdf", ".pdf", tr("appraisal.customer_forms"), "evaluations",
				func(ctx context.Context, w io.Writer) (string, error) {
					serials, err := u.store.NextSerials(n)
					if err != nil {
						return "", err
					}
					forms := make([]report.CustomerForm, n)
					for i := range forms {
						forms[i] = report.CustomerForm{Serial: serials[i], Advisor: a, Template: t}
					}
					m, err := u.printMeta()
					if err != nil {
						return "", err
					}
					return tr("appraisal.forms_printed", "N", n, "Path", "{{path}}"), report.CustomerForms(w, forms, m)
				})
		}, u.win)
}
