package main

import (
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"advisordesk/i18n"
	"advisordesk/model"
	"advisordesk/storage"
)

// cmdChanges prints the change log, newest first: when, who, what was done
// to which record, and field by field what it held before and after.
func cmdChanges(path string, args []string, stdout io.Writer, l *i18n.Labels) error {
	fs := flag.NewFlagSet("changes", flag.ContinueOnError)
	empno := fs.String("advisor", "", "only the changes of this advisor (employee number)")
	limit := fs.Int("limit", 50, "at most this many entries (0: all)")
	if pos, err := parse(fs, args); err != nil || len(pos) > 0 || *limit < 0 {
		return firstErr(err, errUsage{"changes takes --advisor EMPNO and --limit N only"})
	}
	return withHR(path, func(db *storage.DB) error {
		q := storage.ChangeQuery{Limit: *limit}
		if *empno != "" {
			a, err := lookupAdvisor(db, *empno)
			if err != nil {
				return err
			}
			q.Table, q.Record = model.AdvisorRecord.Name, a.ID
		}
		log, err := db.Changes(q)
		if err != nil {
			return err
		}
		// The records' changes; sign-ins, exports and the accounts are
		// the audit log's (advisorctl audit).
		log = slices.DeleteFunc(log, func(c model.Change) bool {
			return c.Table == model.AccountRecord.Name || !slices.Contains([]model.Action{model.Created, model.Updated, model.Deleted, model.Unreadable}, c.Action)
		})
		return printChanges(stdout, l, log)
	})
}

// printChanges prints log entries one a line: when, who, what, which
// record, and the fields before and after.
func printChanges(stdout io.Writer, l *i18n.Labels, log []model.Change) error {
	if len(log) == 0 {
		_, err := fmt.Fprintln(stdout, l.T("changes.none"))
		return err
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	for _, c := range log {
		if c.Action == model.Unreadable {
			fmt.Fprintln(tw, l.T("change.unreadable"))
			continue
		}
		rec := l.T("record." + c.Table)
		if c.Record != 0 {
			rec += fmt.Sprintf(" #%d", c.Record)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", c.At.Local().Format("2006-01-02 15:04"), c.Who.Name,
			l.T("change."+string(c.Action)), rec, fieldChanges(l, described[c.Table], c.Fields))
	}
	return tw.Flush()
}

// described are the record types whose choices a change log shows by label.
var described = map[string]model.Labeller{model.AdvisorRecord.Name: model.AdvisorRecord, model.CycleRecord.Name: model.CycleRecord,
	model.AccountRecord.Name: model.AccountRecord}

// fieldChanges is a change's fields as "label: old → new; …", a field
// without a label of its own by its stored name, a choice by its label.
func fieldChanges(l *i18n.Labels, labels model.Labeller, fs []model.FieldChange) string {
	show := func(field, v string) string {
		if labels != nil {
			if k := labels.LabelKey(field, v); k != "" {
				return l.T(k)
			}
		}
		return v
	}
	parts := make([]string, len(fs))
	for i, f := range fs {
		label := l.T("field." + f.Field)
		if label == "field."+f.Field {
			label = f.Field
		}
		parts[i] = fmt.Sprintf("%s: %q → %q", label, show(f.Field, f.Old), show(f.Field, f.New))
	}
	return strings.Join(parts, "; ")
}
