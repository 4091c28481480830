package report

import (
	"io"
	"slices"
	"strconv"

	"advisordesk/i18n"
	"advisordesk/model"
)

// CallList is an advisor's follow-up calls to make, as printed for a day
// at the telephone: who to call, the number, why, when they were last in
// touch, room to write the outcome, and the supervisor's signature.
type CallList struct {
	Advisor, EmpNo string     // whose list; EmpNo "" for HR, who has none
	Team           bool       // the advisor's team's calls too
	Through        model.Date // the last due day listed
	Calls          []model.DueCall
}

// FollowUpList prints the call list on landscape A4: a numbered table of
// the calls, each row high enough to write the outcome and the
// satisfaction by hand, and lines for the caller's and the supervisor's
// signatures under the last row.
func FollowUpList(w io.Writer, list CallList, m Meta) error {
	l, err := i18n.For(m.Lang)
	if err != nil {
		return err
	}
	g := grid{landscape: true, title: "followup.list_title", empty: "followup.list_empty", minRowH: 14}
	who := list.Advisor
	if list.EmpNo != "" {
		who = l.T("followup.list_who", "Name", list.Advisor, "EmpNo", list.EmpNo)
	}
	if list.Team {
		who = l.T("followup.list_team", "Who", who)
	}
	g.count = l.T("followup.list_head", "Who", who, "Through", string(list.Through)) +
		"  ·  " + l.N("followup.list_count", len(list.Calls))
	// Whose call each is, when the list holds more than one caller's (a
	// team's): the room to write takes the width it needs.
	callers := map[string]bool{}
	for _, c := range list.Calls {
		callers[c.CallerName()] = true
	}
	byCaller := len(callers) > 1
	room := 80.0
	if byCaller {
		room = 56
	}
	g.cols = []gridCol{
		{head: "field.no", width: 10, align: "C"},
		{head: "field.followup_due", width: 22, align: "C"},
		{head: "field.followup_customer", width: 30, name: true},
		{head: "field.phone", width: 28},
		{head: "field.followup_reason", width: 48},
		{head: "followup.last_contact", width: 24, align: "C"},
		{head: "followup.outcome_room", width: room},
		{head: "field.satisfaction", width: 24, align: "C"},
	}
	if byCaller {
		g.cols = slices.Insert(g.cols, 5, gridCol{head: "field.followup_caller", width: 24, name: true})
	}
	for i, c := range list.Calls {
		reason := l.T("followup.reason." + string(c.Reason))
		if c.Step != "" {
			reason += " · " + stepText(l, c.Step)
		}
		if c.State == model.StateOverdue || c.State == model.StateMissed || c.State == model.StateLetter {
			reason = l.T("followup.reason_state", "Reason", reason, "State", l.T("followup.state."+string(c.State)))
		}
		row := []string{strconv.Itoa(i + 1), string(c.Due), c.Customer, c.Phone, reason,
			string(c.LastContact), "", "1  2  3  4  5"}
		if byCaller {
			row = slices.Insert(row, 5, c.CallerName())
		}
		g.cells = append(g.cells, row)
	}
	caller, sup, date := l.T("followup.sign_caller"), l.T("followup.sign_supervisor"), l.T("followup.sign_date")
	g.footTexts = []string{caller, sup, date}
	g.footH = 24
	g.foot = func(d *doc, left, y, width float64) {
		y += 12
		third := width / 3
		for i, label := range []string{caller, sup, date} {
			x := left + float64(i)*third
			d.SetXY(x, y)
			d.CellFormat(d.width(d.clean(label))+1, 6, d.clean(label), "", 0, "L", false, 0, "")
			d.Line(x+d.width(d.clean(label))+2, y+5.5, x+third-6, y+5.5)
		}
	}
	return g.print(w, l, m)
}

// stepText is a rule's step as people say it: "3 days", "1 month".
func stepText(l *i18n.Labels, step string) string {
	if len(step) < 2 {
		return step
	}
	n, err := strconv.Atoi(step[:len(step)-1])
	if err != nil {
		return step
	}
	if step[len(step)-1] == 'm' {
		return l.N("followup.step_months", n)
	}
	return l.N("followup.step_days", n)
}
