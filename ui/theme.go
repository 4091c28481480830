package ui

import (
	"image/color"

	"advisordesk/assets"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

var (
	fontRegular = fyne.NewStaticResource("NotoSansSC-Regular.ttf", assets.NotoSansSCRegular)
	fontBold    = fyne.NewStaticResource("NotoSansSC-Bold.ttf", assets.NotoSansSCBold)
	// Icon is the application icon.
	Icon = fyne.NewStaticResource("advisordesk.png", assets.Icon)
)

// officeTheme is Fyne's default theme (so light and dark follow the OS) drawn
// with the embedded Noto Sans SC: Chinese renders the same on a machine
// without any CJK font, in the window and in the test renderer.
type officeTheme struct{ fyne.Theme }

// NewTheme returns the application theme.
func NewTheme() fyne.Theme { return officeTheme{theme.DefaultTheme()} }

func (t officeTheme) Font(s fyne.TextStyle) fyne.Resource {
	switch {
	case s.Monospace || s.Symbol:
		return t.Theme.Font(s)
	case s.Bold:
		return fontBold
	}
	return fontRegular
}

func (t officeTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if n == theme.ColorNamePrimary {
		if v == theme.VariantDark {
			return color.NRGBA{R: 0x5a, G: 0x9b, B: 0xe6, A: 0xff}
		}
		return color.NRGBA{R: 0x1e, G: 0x5e, B: 0xaa, A: 0xff} // the icon's blue
	}
	return t.Theme.Color(n, v)
}
