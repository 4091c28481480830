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
