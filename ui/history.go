package ui

import (
	"fmt"
	"strings"

	"advisordesk/model"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// historyLimit bounds the entries the history dialog shows: a record's
// last hundred changes are what a person reads; the CLI lists them all.
const historyLimit = 100

// showHistory opens the change log of one record, newest first: when, who,
// what, and each field before and after, read off the UI thread.
// labels shows the record type's choices by their labels.
func (u *App) showHistory(table string, id uint64, title string, labels model.Labeller) {
	var log []model.Change
	u.background(func() (err error) {
		log, err = u.store.RecordChanges(table, id, historyLimit)
		return err
	}, func(err error) {
		if err != nil {
			u.showError(err)
			return
		}
		text := widget.NewLabel(historyText(log, labels))
		text.Wrapping = fyne.TextWrapWord
		d := dialog.NewCustom(tr("history.title", "Name", title), tr("action.close"), container.NewVScroll(text), u.win)
		u.dialogKeys(d, map[string]func(){keyEscape: d.Hide})
		d.Resize(fyne.NewSize(640, 440))
		d.Show()
	})
}

// historyText is a change log as lines: one per change, then its fields.
func historyText(log []model.Change, labels model.Labeller) string {
	if len(log) == 0 {
		return tr("changes.none")
	}
	var b strings.Builder
	for i, c := range log {
		if i > 0 {
			b.WriteString("\n")
		}
		if c.Action == model.Unreadable {
			b.WriteString(tr("change.unreadable") + "\n")
			continue
		}
		fmt.Fprintf(&b, "%s · %s · %s\n", c.At.Local().Format("2006-01-02 15:04"), c.Who.Name, tr("change."+string(c.Action)))
		for _, f := range c.Fields {
			if c.Action == model.Deleted {
				continue // what it held is in the line before the delete
			}
			show := func(v string) string {
				if k := labels.LabelKey(f.Field, v); k != "" {
					return tr(k)
				}
				return orDash(v)
			}
			fmt.Fprintf(&b, "    %s: %s → %s\n", tr("field."+f.Field), show(f.Old), show(f.New))
		}
	}
	return b.String()
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
