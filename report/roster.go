package report

import (
	"io"

	"advisordesk/i18n"
	"advisordesk/model"
)

// rosterTable is the printed roster: the advisor's print columns, numbered,
// on A4 landscape. The status cell carries the day it began; gender is
// centred.
var rosterTable = &Table[model.Advisor]{
	Record:    model.AdvisorRecord,
	Title:     "report.roster",
	Count:     "report.total",
	Empty:     "list.empty",
	Landscape: true,
	Numbered:  true,
	Cells: map[string]func(*i18n.Labels, *model.Advisor, string) string{
		model.FieldStatus: func(_ *i18n.Labels, a *model.Advisor, s string) string {
			if a.Status != model.Active && a.StatusDate != "" {
				s += " " + string(a.StatusDate)
			}
			return s
		},
	},
	Align: map[string]string{model.FieldGender: "C"},
}

// Roster prints the advisors as an A4 landscape list: a title with the
// company, the print date and the head count, a header row repeated on every
// page, rows that grow when a cell wraps, and "page x of y" at the foot.
func Roster(w io.Writer, advisors []*model.Advisor, m Meta) error {
	return rosterTable.Print(w, advisors, m)
}
