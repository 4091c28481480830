package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	fynestorage "fyne.io/fyne/v2/storage"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// A roster saved by Excel on Chinese Windows (GB18030) is read without
// asking, the dialog says so, and the import goes through.
func TestImportDialogNamesTheEncoding(t *testing.T) {
	u, db := newTestApp(t, 3)
	dir := t.TempDir()
	fyne.CurrentApp().Preferences().SetString("fyne:fileDialogLastFolder", fynestorage.NewFileURI(dir).String())
	body, _ := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte("工号,姓名,用工类型,岗位\r\nGB1,高小燕,正式员工,前台接待\r\n"))
	if err := os.WriteFile(filepath.Join(dir, "roster.csv"), body, 0o600); err != nil {
		t.Fatal(err)
	}
	u.Open(pageRoster)
	u.Wait()
	importFile(t, u, "roster.csv")
	if text := shownMessage(u); !strings.Contains(text, "Read roster.csv as GB18030 text.") || !strings.Contains(text, "1 advisors will be added") {
		t.Fatalf("dialog shows %q", text)
	}
	tapOnTop(t, u, "Import")
	if n, _ := db.Advisors.Count(); n != 4 || !rowsContain(u.roster.list.rowTexts(), "GB1", "高小燕") {
		t.Fatalf("after import: %d advisors", n)
	}
}
