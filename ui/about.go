package ui

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"

	"advisordesk/assets"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// version is the program's version as FyneApp.toml holds it, with the build
// number the fyne tool packaged and the commit and its date when the Go
// toolchain stamped them.
func version(meta fyne.AppMetadata) string {
	v := assets.Version
	// Fyne reports 0.0.1 build 1 when no FyneApp.toml reached the build: a
	// build number counts only beside the version that file gives.
	if meta.Version == assets.Version && meta.Build > 0 {
		v += fmt.Sprintf(" (build %d)", meta.Build)
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		var rev, at, dirty string
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value[:min(len(s.Value), 7)]
			case "vcs.time":
				at = strings.SplitN(s.Value, "T", 2)[0]
			case "vcs.modified":
				if s.Value == "true" {
					dirty = "+"
				}
			}
		}
		if rev != "" {
			v += " · " + rev + dirty + " " + at
		}
	}
	return v
}

func (u *App) aboutRow() fyne.CanvasObject {
	return container.NewHBox(widget.NewLabel(tr("app.title")+" "+version(u.app.Metadata())),
		widget.NewButtonWithIcon(tr("about.open"), theme.InfoIcon(), u.showAbout))
}

// showAbout names the program, its version and what it is built from.
func (u *App) showAbout() {
	msg := strings.Join([]string{
		tr("app.title") + " · " + tr("app.subtitle"),
		tr("about.version", "Version", version(u.app.Metadata())),
		tr("about.built", "Go", runtime.Version(), "OS", runtime.GOOS+"/"+runtime.GOARCH),
		tr("settings.font"),
		tr("about.data", "Path", u.store.Path()),
		"",
		tr("signin.threat"), // what accounts protect against, and what not
	}, "\n")
	u.info(tr("about.title"), msg)
}
