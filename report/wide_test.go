package report

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"advisordesk/assets"
	"advisordesk/model"
	"advisordesk/report/pdftext"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// A name with a character outside the BMP (王𪟝, U+2A7DD) prints with that
// character's own glyph in the roster and on the sheet: the printed cell,
// rasterized, looks like the glyph drawn from the font itself and not like
// 〓; copying the text gives the real character; a character no face holds
// (𠮷) is reported by Unprintable.
func TestWideCharactersPrintTheirGlyph(t *testing.T) {
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftoppm (poppler-utils) is missing on CI")
		}
		t.Skip("pdftoppm not installed")
	}
	const name = "王𪟝"
	want := glyphShape(t, '𪟝')
	geta := glyphShape(t, Missing)
	list := demo(3)
	list[1].Name = name
	var roster bytes.Buffer
	if err := Roster(&roster, list, Meta{Lang: "zh", Date: "2026-11-27"}); err != nil {
		t.Fatal(err)
	}
	tpl := model.DefaultTemplate()
	var sheet bytes.Buffer
	if err := AppraisalSheets(&sheet, []Sheet{{FormNo: "PA-1-SA0002", Template: &tpl, Advisor: list[1]}}, Meta{Lang: "zh", Date: "2026-11-27"}); err != nil {
		t.Fatal(err)
	}
	for what, pdf := range map[string][]byte{"roster": roster.Bytes(), "sheet": sheet.Bytes()} {
		if !strings.Contains(pdftext.Of(t, pdf), name) {
			t.Errorf("%s: copied text lacks %s", what, name)
		}
		got := printedShape(t, pdf, name)
		alike, unlike := similarity(got, want), similarity(got, geta)
		t.Logf("%s: like 𪟝 %.2f, like 〓 %.2f", what, alike, unlike)
		if alike < 0.75 || alike < unlike+0.25 {
			t.Errorf("%s: the printed character is not 𪟝 (likeness %.2f, to 〓 %.2f)", what, alike, unlike)
		}
	}
	if got := string(Unprintable("吉𠮷", "王𪟝", "张三")); got != "𠮷" {
		t.Errorf("Unprintable: %q", got)
	}
}

const shapeN = 32

// shape is a glyph's ink, scaled from its bounding box to shapeN × shapeN.
type shape [shapeN][shapeN]bool

func inkShape(img image.Image) shape {
	b := img.Bounds()
	dark := func(x, y int) bool {
		r, g, bl, _ := img.At(x, y).RGBA()
		return (r+g+bl)/3 < 0x8000
	}
	minX, minY, maxX, maxY := b.Max.X, b.Max.Y, b.Min.X-1, b.Min.Y-1
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if dark(x, y) {
				minX, minY, maxX, maxY = min(minX, x), min(minY, y), max(maxX, x), max(maxY, y)
			}
		}
	}
	var s shape
	if maxX < minX {
		return s
	}
	w, h := maxX-minX+1, maxY-minY+1
	for j := 0; j < shapeN; j++ {
		for i := 0; i < shapeN; i++ {
			s[j][i] = dark(minX+i*w/shapeN, minY+j*h/shapeN)
		}
	}
	return s
}

// similarity is the overlap of two shapes' ink (intersection over union).
func similarity(a, b shape) float64 {
	in, un := 0, 0
	for j := range a {
		for i := range a[j] {
			if a[j][i] && b[j][i] {
				in++
			}
			if a[j][i] || b[j][i] {
				un++
			}
		}
	}
	if un == 0 {
		return 0
	}
	return float64(in) / float64(un)
}

// glyphShape draws r from the bundled face itself.
func glyphShape(t *testing.T, r rune) shape {
	f, err := opentype.Parse(assets.NotoSansSCRegular)
	if err != nil {
		t.Fatal(err)
	}
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: 160, DPI: 72})
	if err != nil {
		t.Fatal(err)
	}
	img := image.NewGray(image.Rect(0, 0, 240, 240))
	draw.Draw(img, img.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	d := font.Drawer{Dst: img, Src: image.NewUniform(color.Black), Face: face, Dot: fixed.P(20, 190)}
	d.DrawString(string(r))
	return inkShape(img)
}

// printedShape renders the PDF at 600 dpi and takes the last character of
// the word text (located by pdftext.Words): both characters are one em wide.
func printedShape(t *testing.T, pdf []byte, text string) shape {
	dir := t.TempDir()
	path := filepath.Join(dir, "f.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	var box *pdftext.Word
	for _, w := range pdftext.Words(t, path, 1) {
		if w.Text == text {
			box = &w
			break
		}
	}
	if box == nil {
		t.Fatalf("%s not found on page 1", text)
	}
	const k = 600.0 / 72
	em := (box.XMax - box.XMin) / float64(len([]rune(text)))
	x, y := int((box.XMax-em)*k), int(box.YMin*k)
	w, h := int(em*k), int((box.YMax-box.YMin)*k)
	cmd := exec.Command("pdftoppm", "-f", "1", "-l", "1", "-r", "600", "-png", "-singlefile",
		"-x", fmt.Sprint(x), "-y", fmt.Sprint(y), "-W", fmt.Sprint(w), "-H", fmt.Sprint(h), path, filepath.Join(dir, "cell"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	b, err := os.ReadFile(filepath.Join(dir, "cell.png"))
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return inkShape(img)
}
