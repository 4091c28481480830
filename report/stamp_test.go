package report

import (
	"bytes"
	"io"
	"regexp"
	"testing"

	"advisordesk/model"
)

// The only clock the gofpdf fork reads is time.Now for an info date left
// unset (timeOrNow in third_party/gofpdf/fpdf.go). Every print must set
// both dates from its Meta, so that the same input gives the same bytes at
// any time of day: the print date when it has one, 2000-01-01 otherwise.
func TestPrintsAreStampedWithTheirDateNotTheClock(t *testing.T) {
	tpl := model.DefaultTemplate()
	prints := map[string]func(io.Writer, Meta) error{
		"roster":    func(w io.Writer, m Meta) error { return Roster(w, demo(3), m) },
		"appraisal": func(w io.Writer, m Meta) error { return AppraisalSheets(w, demoSheets(1), m) },
		"customer forms": func(w io.Writer, m Meta) error {
			return CustomerForms(w, []CustomerForm{{Serial: "CF-1", Advisor: demo(1)[0], Template: &tpl}}, m)
		},
	}
	stamp := regexp.MustCompile(`/(CreationDate|ModDate) \(D:(\d{14})\)`)
	for name, print := range prints {
		for date, want := range map[model.Date]string{"2026-11-27": "20261127000000", "": "20000101000000"} {
			var buf bytes.Buffer
			if err := print(&buf, Meta{Lang: "zh", Date: date}); err != nil {
				t.Fatal(err)
			}
			found := stamp.FindAllSubmatch(buf.Bytes(), -1)
			if len(found) != 2 {
				t.Fatalf("%s: %d info dates in the file, want CreationDate and ModDate", name, len(found))
			}
			for _, f := range found {
				if string(f[2]) != want {
					t.Errorf("%s dated %q: %s is %s, want %s", name, date, f[1], f[2], want)
				}
			}
			var again bytes.Buffer
			print(&again, Meta{Lang: "zh", Date: date})
			if !bytes.Equal(buf.Bytes(), again.Bytes()) {
				t.Errorf("%s dated %q: two prints differ", name, date)
			}
		}
	}
}
