package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"advisordesk/i18n"
	"advisordesk/model"
	"advisordesk/report/pdftext"
)

func TestFollowUpListPDF(t *testing.T) {
	list := CallList{Advisor: "安然", EmpNo: "SA0002", Through: "2026-12-03"}
	for i := range 14 {
		list.Calls = append(list.Calls, model.DueCall{FollowUp: &model.FollowUp{Due: model.Date(fmt.Sprintf("2026-11-%02d", 16+i)),
			Customer: fmt.Sprintf("周杰%02d", i), Phone: fmt.Sprintf("138001380%02d", i), Reason: model.ReasonSale,
			Step: "7d"}, State: model.StateOverdue, LastContact: "2026-11-09"})
	}
	list.Calls[0].Reason, list.Calls[0].Step, list.Calls[0].State = model.ReasonKey, "1m", model.StateLetter
	for _, lang := range i18n.Langs {
		t.Run(lang, func(t *testing.T) {
			var buf bytes.Buffer
			if err := FollowUpList(&buf, list, Meta{Lang: lang, Company: "星河汽车服务有限公司", Date: "2026-11-27"}); err != nil {
				t.Fatal(err)
			}
			text := pdftext.Of(t, buf.Bytes())
			l, _ := i18n.For(lang)
			spaced, joined := strings.ReplaceAll(text, "\n", " "), strings.ReplaceAll(text, "\n", "")
			for _, want := range []string{l.T("followup.list_title"), "安然", "SA0002", "2026-12-03",
				l.T("field.phone"), l.T("followup.last_contact"), l.T("followup.outcome_room"),
				l.T("followup.sign_supervisor"), l.T("followup.sign_caller"), l.T("followup.state.letter"),
				l.N("followup.step_months", 1), "周杰13", "13800138013", "2026-11-09", l.N("followup.list_count", 14)} {
				if !strings.Contains(spaced, want) && !strings.Contains(joined, want) {
					t.Errorf("the call list lacks %q", want)
				}
			}
			pages := pdftext.Pages(text)
			if len(pages) != 2 {
				t.Fatalf("14 calls on %d pages, want 2 (rows high enough to write in)", len(pages))
			}
			if strings.Contains(pages[0], l.T("followup.sign_supervisor")) || !strings.Contains(pages[1], l.T("followup.sign_supervisor")) {
				t.Error("the signature lines belong under the last row only")
			}
		})
	}
}

// Every page of a call list holds calls: the signature lines never stand on
// a page of their own under a bare table head, whatever the number of
// calls. A team's list says whose each call is; a list of someone without
// an employee number shows no empty brackets.
func TestFollowUpListPagesAndCallers(t *testing.T) {
	l, _ := i18n.For("zh")
	for n := 1; n <= 24; n++ {
		list := CallList{Advisor: "董静", Team: true, Through: "2026-12-03"}
		for i := range n {
			f := &model.FollowUp{Due: "2026-11-30", Customer: fmt.Sprintf("周杰%02d", i), Phone: "13800138000",
				Reason: model.ReasonService, Step: "3d", Advisor: "高静"}
			if i%2 == 1 {
				f.CallerID, f.Caller = 9, "李娜"
			}
			list.Calls = append(list.Calls, model.DueCall{FollowUp: f, State: model.StateWeek})
		}
		var buf bytes.Buffer
		if err := FollowUpList(&buf, list, Meta{Lang: "zh", Company: "星河汽车服务有限公司", Date: "2026-11-27"}); err != nil {
			t.Fatal(err)
		}
		text := pdftext.Of(t, buf.Bytes())
		for p, page := range pdftext.Pages(text) {
			if !strings.Contains(page, "周杰") {
				t.Errorf("%d calls: page %d holds no call", n, p+1)
			}
		}
		joined := strings.ReplaceAll(text, "\n", "")
		if strings.Contains(joined, "（）") || !strings.Contains(joined, "董静及本组") {
			t.Errorf("%d calls: the head reads %q", n, strings.SplitN(text, "\n", 4))
		}
		if n > 1 && (!strings.Contains(joined, l.T("field.followup_caller")) || !strings.Contains(joined, "李娜")) {
			t.Errorf("%d calls: a team's list does not say who calls", n)
		}
	}
}
