// Package assets holds the files the program embeds: fonts with their
// licence, the translations and the icon. No logic lives here.
package assets

import (
	"embed"
	_ "embed"
)

// NotoSansSC is the CJK font drawn in the window and in every PDF: static
// TrueType outlines (gofpdf rejects CFF and .ttc), covering Simplified Chinese
// and Latin. Licence: fonts/OFL.txt (SIL Open Font License 1.1).
var (
	//go:embed fonts/NotoSansSC-Regular.ttf
	NotoSansSCRegular []byte
	//go:embed fonts/NotoSansSC-Bold.ttf
	NotoSansSCBold []byte
	//go:embed fonts/OFL.txt
	FontLicence []byte
)

// Translations holds translations/en.json and translations/zh_Hans.json:
// flat key → text maps read by Fyne's lang package and by the report package;
// translations/fyne holds our wording of Fyne's own strings (dialogs).
//
//go:embed translations
var Translations embed.FS

//go:embed icons/advisordesk.png
var Icon []byte

// Version is the program's version, as FyneApp.toml gives it (a test keeps
// the two equal); a packaged build's own metadata, when present, wins.
const Version = "0.1.0"
