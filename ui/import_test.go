package ui

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// shown collects the texts drawn in the window's top overlay, and its buttons.
func shown(c fyne.Canvas) (string, map[string]*widget.Button) {
	var b strings.Builder
	buttons := map[string]*widget.Button{}
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch o := o.(type) {
		case *canvas.Text:
			b.WriteString(o.Text + "\n")
		case *widget.Button:
			buttons[o.Text] = o
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(o).Objects() {
				walk(c)
			}
		case *fyne.Container:
			for _, c := range o.Objects {
				walk(c)
			}
		}
	}
	if top := c.Overlays().Top(); top != nil {
		walk(top)
	}
	return b.String(), buttons
}

// A roster saved by Excel on Chinese Windows (GB18030) is read without
// asking, the dialog says so, and the import goes through.
func TestImportDialogNamesTheEncoding(t *testing.T) {
	u, db := newTestApp(t, 3)
	u.Open(pageRoster)
	u.Wait()
	body, _ := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte("工号,姓名,用工类型,岗位\r\nGB1,高小燕,正式员工,前台接待\r\n"))
	u.roster.importFrom(io.NopCloser(bytes.NewReader(body)), "roster.csv")
	u.Wait()
	text, buttons := shown(u.win.Canvas())
	if !strings.Contains(text, "Read roster.csv as GB18030 text.") || !strings.Contains(text, "1 advisors will be added") {
		t.Fatalf("dialog shows %q", text)
	}
	yes := buttons["Import"]
	if yes == nil {
		t.Fatalf("no Import button among %v", buttons)
	}
	test.Tap(yes)
	u.Wait()
	if n, _ := db.Advisors.Count(); n != 4 || !rowsContain(u.roster.list.rowTexts(), "GB1", "高小燕") {
		t.Fatalf("after import: %d advisors", n)
	}
}
