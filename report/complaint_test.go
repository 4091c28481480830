package report

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"advisordesk/i18n"
	"advisordesk/model"
	"advisordesk/report/pdftext"
)

// handledComplaint is a complaint taken in, investigated, waited on,
// resolved and closed, with steps extra more notes on its timeline.
func handledComplaint(extra int) *model.Complaint {
	at := func(d, h int) time.Time { return time.Date(2026, 10, d, h, 30, 0, 0, time.Local) }
	c := &model.Complaint{ID: 42, Received: "2026-10-08", Channel: model.ChannelPhone, Severity: model.SeveritySerious,
		Customer: "王建国", CustomerPhone: "13912345678", Advisor: "薄一", Handler: "安然",
		Description: "保养后发动机异响，在店等待两小时无人解释，要求退还保养费用并给出书面说明。",
		Status:      model.ComplaintClosed, Resolution: "免费复检，更换松动的隔热罩，退还工时费 200 元并当面致歉。",
		Satisfaction: "4", Cause: model.CauseService, Responsible: "薄一"}
	c.Timeline = []model.ComplaintEvent{
		{At: at(8, 9), By: "孙丽", To: model.ComplaintOpen},
		{At: at(8, 11), By: "安然", From: model.ComplaintOpen, To: model.ComplaintInvestigating, Note: "已致电客户，约定周六到店复检"},
		{At: at(9, 10), By: "安然", From: model.ComplaintInvestigating, To: model.ComplaintWaiting, Note: "等客户确认到店时间"},
		{At: at(10, 15), By: "安然", From: model.ComplaintWaiting, To: model.ComplaintResolved},
		{At: at(12, 9), By: "孙丽", From: model.ComplaintResolved, To: model.ComplaintClosed, Note: "回访客户，满意"},
	}
	for i := range extra {
		c.Timeline = append(c.Timeline, model.ComplaintEvent{At: at(13, 9), By: "孙丽", From: model.ComplaintClosed,
			To: model.ComplaintClosed, Raise: 1, Note: fmt.Sprintf("第 %d 次补充说明：客户来电询问退款进度，已告知财务处理时间。", i+1)})
	}
	return c
}

func printComplaint(t *testing.T, c *model.Complaint, m Meta, name string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Complaint(&buf, c, m); err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("COMPLAINT_PDF_DIR"); dir != "" {
		if err := os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return buf.Bytes()
}

// The record reads back with its intake, every step of the timeline in
// order, the resolution, the finding and the three signature blocks, in
// both languages, on one page.
func TestComplaintRecord(t *testing.T) {
	for _, lang := range i18n.Langs {
		l, _ := i18n.For(lang)
		raw := pdftext.Of(t, printComplaint(t, handledComplaint(0), Meta{Lang: lang, Company: "星河汽车服务有限公司", Date: "2026-10-12"}, "complaint-"+lang+".pdf"))
		if n := len(pdftext.Pages(raw)); n != 1 {
			t.Fatalf("%s: %d pages", lang, n)
		}
		text := flat(lang, raw)
		want := []string{"星河汽车服务有限公司", l.T("complaint.print_title"), l.T("complaint.print_no", "No", 42),
			"王建国", "13912345678", "薄一", "安然", l.T("complaint_severity.serious"), l.T("complaint_channel.phone"),
			"保养后发动机异响", "要求退还保养费用并给出书面说明。",
			l.T("complaint_status.open") + " → " + l.T("complaint_status.investigating"),
			"已致电客户，约定周六到店复检", l.T("complaint_status.waiting") + " → " + l.T("complaint_status.resolved"),
			"回访客户，满意", "退还工时费 200 元并当面致歉。", l.T("complaint_satisfaction.4"), l.T("complaint_cause.service"),
			l.T("complaint.print_sign_handler"), l.T("complaint.print_sign_supervisor"), l.T("complaint.print_sign_customer"),
			l.T("report.page", "Page", 1, "Pages", 1)}
		for _, w := range want {
			if !strings.Contains(text, flat(lang, w)) {
				t.Errorf("%s: %q missing from\n%s", lang, w, raw)
			}
		}
		if i, j := strings.Index(text, "已致电客户"), strings.Index(text, "回访客户"); i < 0 || j < i {
			t.Errorf("%s: timeline out of order", lang)
		}
	}
}

// A long timeline runs onto a second page with the table's head repeated
// and every page counted.
func TestComplaintRecordRunsOver(t *testing.T) {
	l, _ := i18n.For("zh")
	raw := pdftext.Of(t, printComplaint(t, handledComplaint(30), Meta{Lang: "zh", Date: "2026-10-13"}, "complaint-long.pdf"))
	pages := pdftext.Pages(raw)
	if len(pages) < 2 {
		t.Fatalf("%d pages for 35 steps", len(pages))
	}
	last := flat("zh", pages[len(pages)-1])
	if !strings.Contains(last, l.T("complaint.print_sign_customer")) || !strings.Contains(flat("zh", pages[1]), l.T("complaint.print_when")) {
		t.Errorf("second page lacks the head or the last the signatures:\n%s", raw)
	}
	if !strings.Contains(flat("zh", raw), "第 30 次补充说明") {
		t.Error("the last note is missing")
	}
	for i := range pages {
		if !strings.Contains(flat("zh", pages[i]), l.T("report.page", "Page", i+1, "Pages", len(pages))) {
			t.Errorf("page %d is not counted", i+1)
		}
	}
}

// A complaint dealt with late says so on its record: each deadline with
// the day its step was taken and whether in time, the escalation to the
// supervisor the missed deadline made and when, none to HR; the timeline
// opens on the day the complaint came in, with when it was typed in beside
// it. (Received Thursday 19 November, typed in on the 20th, contacted the
// 26th, resolved the 27th: the walker's complaint 13.)
func TestComplaintRecordSaysLate(t *testing.T) {
	at := func(d, h int) time.Time { return time.Date(2026, 11, d, h, 26, 0, 0, time.Local) }
	c := &model.Complaint{ID: 13, Received: "2026-11-19", Channel: model.ChannelPhone, Severity: model.SeverityNormal,
		Customer: "王建国", Advisor: "高静", Handler: "安然", Description: "保养后发动机异响", Status: model.ComplaintOpen}
	c.Timeline = []model.ComplaintEvent{{At: at(20, 18), Day: "2026-11-20", By: "高静", To: model.ComplaintOpen}}
	_ = c.Move(model.ComplaintInvestigating, "安然", at(26, 10), "2026-11-26", "")
	c.Resolution, c.Satisfaction = "免费复检", "3"
	_ = c.Move(model.ComplaintResolved, "安然", at(27, 9), "2026-11-27", "")
	c.Standing = c.Clock(model.NewCalendar(nil), model.DefaultComplaintRules(), "2026-11-30")
	for _, lang := range i18n.Langs {
		l, _ := i18n.For(lang)
		text := flat(lang, pdftext.Of(t, printComplaint(t, c, Meta{Lang: lang, Date: "2026-11-30"}, "complaint-late-"+lang+".pdf")))
		rows := [][]string{
			{l.T("complaint.print_dl_contact"), l.T("complaint.print_dl_by", "Date", "2026-11-24", "Days", 3), "2026-11-26", l.T("complaint.print_missed")},
			{l.T("complaint.print_dl_outcome"), l.T("complaint.print_dl_by", "Date", "2026-11-26", "Days", 5), "2026-11-27", l.T("complaint.print_missed")},
			{l.T("complaint.print_dl_supervisor"), "2026-11-25", l.T("complaint.print_escalated")},
			{l.T("complaint.print_dl_hr"), l.T("complaint.print_dl_after", "Date", "2026-11-30", "Days", 7), l.T("complaint.print_not_escalated")},
			{"2026-11-19", "高静", l.T("complaints.event_new"), l.T("complaint.print_entered", "At", "2026-11-20 18:26")},
		}
		for _, row := range rows {
			at := 0
			for _, w := range row {
				i := strings.Index(text[at:], flat(lang, w))
				if i < 0 {
					t.Errorf("%s: %q missing after %q in the row %q:\n%s", lang, w, text[:at], row, text)
					break
				}
				at += i + len(flat(lang, w))
			}
		}
	}
}
