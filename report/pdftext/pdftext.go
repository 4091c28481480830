// Package pdftext reads printed PDFs back as text with poppler's pdftotext,
// so that tests assert what a reader of the paper would see. Only tests
// import it. Without pdftotext a test is skipped, except on CI (CI set),
// where it fails: scripts/deps installs poppler-utils there.
package pdftext

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// tool is the path of pdftotext, or t is skipped (failed on CI).
func tool(t testing.TB) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext (poppler-utils) is missing on CI")
		}
		t.Skip("pdftotext not installed")
	}
	return bin
}

// File is the text of the PDF at path in drawing order (pdftotext -raw),
// pages ended by form feeds.
func File(t testing.TB, path string) string {
	t.Helper()
	out, err := exec.Command(tool(t), "-raw", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return string(out)
}

// Layout is the text of the PDF at path with its physical layout kept
// (pdftotext -layout), each page end written as a line "=== end of page":
// what golden masters compare.
func Layout(t testing.TB, path string) string {
	t.Helper()
	out, err := exec.Command(tool(t), "-layout", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -layout %s: %v", path, err)
	}
	return strings.ReplaceAll(string(out), "\f", "=== end of page\n")
}

// Available skips t (fails it on CI) when pdftotext is missing, for a
// test that should not start its work without it.
func Available(t testing.TB) {
	t.Helper()
	tool(t)
}

// Of is the text of a PDF held in memory, as File reads it.
func Of(t testing.TB, pdf []byte) string {
	t.Helper()
	return File(t, write(t, pdf))
}

// Pages splits text read by File or Of into its pages.
func Pages(text string) []string {
	return strings.Split(strings.TrimRight(text, "\f"), "\f")
}

// Word is a word pdftotext found on a page and its box, in points from
// the page's top left corner.
type Word struct {
	Text                   string
	XMin, YMin, XMax, YMax float64
}

var wordRE = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)

// Words lists the words of one page (from 1) of the PDF at path with
// their boxes (pdftotext -bbox).
func Words(t testing.TB, path string, page int) []Word {
	t.Helper()
	p := strconv.Itoa(page)
	out, err := exec.Command(tool(t), "-f", p, "-l", p, "-bbox", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox %s: %v", path, err)
	}
	var words []Word
	for _, m := range wordRE.FindAllStringSubmatch(string(out), -1) {
		w := Word{Text: unescape(m[5])}
		for i, f := range []*float64{&w.XMin, &w.YMin, &w.XMax, &w.YMax} {
			*f, _ = strconv.ParseFloat(m[i+1], 64)
		}
		words = append(words, w)
	}
	return words
}

// unescape undoes the entities pdftotext writes into its -bbox output.
var unescape = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&apos;", "'").Replace

func write(t testing.TB, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "print.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}
