package ui

import (
	"image/color"
	"strings"
	"testing"

	"advisordesk/model"
	"advisordesk/storage"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// workDesk is the complaint desk on Friday 27 November 2026 with work
// waiting: a complaint about Bo from 19 November (overdue, up to Sun), one
// about An from 10 November (up to HR), and two calls of Bo's, due today
// and overdue.
func workDesk(t *testing.T) *complaintDesk {
	t.Helper()
	d := newComplaintDesk(t)
	cs, _, _ := d.hr.FindCustomers(model.ListQuery{})
	ans := &model.Customer{Name: "周杰", Phone: "13800138000", AdvisorID: d.anID}
	if err := d.hr.SaveCustomer(ans); err != nil {
		t.Fatal(err)
	}
	for _, c := range []*model.Complaint{
		{Received: "2026-11-19", CustomerID: cs[0].ID, AdvisorID: d.boID, Description: "保养后发动机异响"},
		{Received: "2026-11-10", CustomerID: ans.ID, AdvisorID: d.anID, Description: "报价与结算不一致"},
	} {
		c.Channel, c.Severity = model.ChannelPhone, model.SeverityNormal
		if err := d.hr.SaveComplaint(c); err != nil {
			t.Fatal(err)
		}
	}
	for _, due := range []model.Date{"2026-11-27", "2026-11-24"} {
		if err := d.hr.SaveFollowUp(&model.FollowUp{Due: due, CustomerID: cs[0].ID, AdvisorID: d.boID}); err != nil {
			t.Fatal(err)
		}
	}
	return d
}

// homeButton is Home's work button whose text starts with prefix.
func homeButton(t *testing.T, u *App, prefix string) *widget.Button {
	t.Helper()
	var found *widget.Button
	walkDrawn(u.win.Content(), func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && strings.HasPrefix(b.Text, prefix) && found == nil {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no button %q on Home: %s", prefix, drawn(u.win.Content()))
	}
	return found
}

// lateCells are the drawn texts of list cells marked late, each with
// whether it is drawn in the theme's error colour.
func lateCells(o fyne.CanvasObject) map[string]bool {
	out := map[string]bool{}
	walkDrawn(o, func(x fyne.CanvasObject) {
		if tx, ok := x.(*canvas.Text); ok && strings.HasPrefix(tx.Text, lateMark) {
			out[tx.Text] = sameColor(tx.Color, theme.Color(theme.ColorNameError))
		}
	})
	return out
}

func sameColor(a, b color.Color) bool {
	r1, g1, b1, a1 := a.RGBA()
	r2, g2, b2, a2 := b.RGBA()
	return r1 == r2 && g1 == g2 && b1 == b2 && a1 == a2
}

// TestHomeCountsOpenTheirLists: Sun's Home says what waits for her team
// and what was escalated to her, each count a button that opens the list
// it counts, already filtered, its late rows marked in the error colour;
// zero reads as calm text; HR's Home counts what reached HR and what runs
// late office-wide; counts follow the file when Home is shown again.
func TestHomeCountsOpenTheirLists(t *testing.T) {
	d := workDesk(t)
	u := openAs(t, d.sun)
	for _, want := range []string{"2 complaints escalated to you", "2 team complaints overdue", "2 team complaints not done",
		"1 team call past due", "1 team call due today"} {
		if b := homeButton(t, u, want); b.Importance == widget.LowImportance {
			t.Errorf("%q does not stand out", want)
		}
	}
	if b := homeButton(t, u, "2 complaints escalated"); b.Importance != widget.DangerImportance {
		t.Errorf("the escalated count is not in the error colour: %v", b.Importance)
	}

	tapButton(t, u, u.win.Content(), "2 team complaints overdue")
	s := u.process.complaint
	if u.current != pageProcess || u.process.tabs.Selected().Text != "Complaints" || s.flags.value() != model.FlagOverdue {
		t.Fatalf("the count opened page %d, tab %q, filter %q", u.current, u.process.tabs.Selected().Text, s.flags.value())
	}
	if rows := s.list.rowTexts(); len(rows) != 2 || !rowsContain(rows, "Overdue · supervisor", "薄一") || !rowsContain(rows, "Overdue · HR", "安然") {
		t.Fatalf("the overdue list: %v", rows)
	}
	late := lateCells(s.list.table)
	for _, cell := range []string{lateMark + "Overdue · supervisor", lateMark + "Overdue · HR"} {
		if red, ok := late[cell]; !ok || !red {
			t.Errorf("%q is not marked in the error colour: %v", cell, late)
		}
	}

	u.Open(pageHome)
	u.Wait()
	tapButton(t, u, u.win.Content(), "1 team call past due")
	f := u.process.followups
	if u.process.tabs.Selected().Text != "Follow-ups" || f.only.value() != model.DuePast || f.team.value() != "team" {
		t.Fatalf("the call count opened tab %q, %q of %q", u.process.tabs.Selected().Text, f.only.value(), f.team.value())
	}
	if rows := f.list.rowTexts(); len(rows) != 1 || !rowsContain(rows, lateMark+"Overdue", "2026-11-24") {
		t.Fatalf("the past-due list: %v", rows)
	}
	if red := lateCells(f.list.table)[lateMark+"Overdue"]; !red {
		t.Errorf("the overdue call is not marked in the error colour: %s", drawn(f.list.table))
	}

	// An: nothing due today reads calm; a complaint taken in since
	// counts when Home is shown again.
	v := openAs(t, d.an)
	if b := homeButton(t, v, "0 calls due today"); b.Importance != widget.LowImportance {
		t.Errorf("a zero count stands out: %v", b.Importance)
	}
	homeButton(t, v, "1 complaint not done")
	if err := d.hr.SaveComplaint(&model.Complaint{Received: "2026-11-27", Channel: model.ChannelPhone, Severity: model.SeverityNormal,
		CustomerID: firstCustomerOf(t, d.hr, d.anID), AdvisorID: d.anID, Description: "等待时间过长"}); err != nil {
		t.Fatal(err)
	}
	v.Open(pageProcess)
	v.Wait()
	v.Open(pageHome)
	v.Wait()
	homeButton(t, v, "2 complaints not done")

	w := openAs(t, d.hr)
	homeButton(t, w, "1 complaint escalated to HR")
	homeButton(t, w, "2 complaints overdue, office-wide")
	tapButton(t, w, w.win.Content(), "1 call past due, office-wide")
	f = w.process.followups
	if f.team.value() != "office" || len(f.list.rows) != 1 {
		t.Fatalf("HR's past-due list: %q, %v", f.team.value(), f.list.rowTexts())
	}
}

func firstCustomerOf(t *testing.T, db *storage.DB, advisor uint64) uint64 {
	t.Helper()
	cs, _, err := db.FindCustomers(model.ListQuery{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if c.AdvisorID == advisor {
			return c.ID
		}
	}
	t.Fatalf("no customer of advisor %d", advisor)
	return 0
}

// TestComplaintListFitsAtFirstSize: at the window's first size (1200×760)
// the complaints list shows its columns — the advisor concerned too —
// without scrolling sideways, each cell uncut, in English and in Chinese
// (the advisor column sat behind a horizontal scroll).
func TestComplaintListFitsAtFirstSize(t *testing.T) {
	d := workDesk(t)
	cs, _, _ := d.hr.FindCustomers(model.ListQuery{})
	w := &model.Complaint{Received: "2026-11-26", Channel: model.ChannelPhone, Severity: model.SeverityNormal,
		CustomerID: cs[0].ID, AdvisorID: d.boID, Description: "等待客户回复"}
	if err := d.hr.SaveComplaint(w); err != nil {
		t.Fatal(err)
	}
	if err := d.sun.MoveComplaint(w, model.ComplaintWaiting, ""); err != nil {
		t.Fatal(err)
	}
	u := openAs(t, d.sun)
	for _, c := range []struct{ lang, tab, advisor string }{{langEn, "Complaints", "Advisor"}, {langZh, "投诉处理", "涉及顾问"}} {
		u.SetLanguage(c.lang)
		openProcessTab(t, u, c.tab)
		s := u.process.complaint
		if len(s.list.rows) != 3 {
			t.Fatalf("%s: %d complaints listed", c.lang, len(s.list.rows))
		}
		var total float32
		for i, col := range s.list.cols {
			total += col.width + theme.SeparatorThicknessSize()
			for _, row := range s.list.rows {
				if need := cellWidth(col.text(row)); need > col.width {
					t.Errorf("%s: column %d (%s) is %.0f wide; %q needs %.0f", c.lang, i, col.key, col.width, col.text(row), need)
				}
			}
		}
		if width := s.list.table.Size().Width; total > width {
			t.Errorf("%s: the columns need %.0f, the list is %.0f wide", c.lang, total, width)
		}
		if got := drawn(s.list.table); !strings.Contains(got, c.advisor) || !strings.Contains(got, "薄一") {
			t.Errorf("%s: the advisor column is not in sight: %s", c.lang, got)
		}
	}
}
