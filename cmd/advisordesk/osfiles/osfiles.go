// Package osfiles is the window's file dialogs on Windows and macOS: the
// operating system's own (through github.com/ncruces/zenity), which speak the
// system's language, list its places and ask before replacing a file. On
// other systems there are none and the window draws Fyne's.
package osfiles

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"github.com/ncruces/zenity"
)

// Dialogs opens the system's dialogs over one window.
type Dialogs struct {
	win fyne.Window
}

// New gives the system's dialogs over win, or nil where the window should
// draw its own (see Available).
func New(win fyne.Window) *Dialogs {
	if !Available {
		return nil
	}
	return &Dialogs{win: win}
}

// Open asks for a file to read with one of exts; "" when cancelled.
func (d *Dialogs) Open(title string, exts []string) (string, error) {
	return answer(zenity.SelectFile(d.options(title, zenity.FileFilters{filter(exts)})...))
}

// Save asks where to save a file named name; the system asks before
// replacing one; "" when cancelled.
func (d *Dialogs) Save(title, name string, exts []string) (string, error) {
	opts := d.options(title, zenity.Filename(name), zenity.ConfirmOverwrite())
	if len(exts) > 0 && exts[0] != "" {
		opts = append(opts, zenity.FileFilters{filter(exts)})
	}
	path, err := answer(zenity.SelectFileSave(opts...))
	if path != "" && len(exts) == 1 && exts[0] != "" && !strings.EqualFold(ext(path), exts[0]) {
		// The person typed a name without the type (macOS keeps it so).
		path += exts[0]
	}
	return path, err
}

// Folder asks for a folder; "" when cancelled.
func (d *Dialogs) Folder(title string) (string, error) {
	return answer(zenity.SelectFile(d.options(title, zenity.Directory())...))
}

func (d *Dialogs) options(title string, more ...zenity.Option) []zenity.Option {
	opts := append([]zenity.Option{zenity.Title(title), zenity.Modal()}, more...)
	if owner := owner(d.win); owner != nil {
		opts = append(opts, zenity.Attach(owner))
	}
	return opts
}

// filter is the file types exts (".csv") as the dialog's one filter.
func filter(exts []string) zenity.FileFilter {
	f := zenity.FileFilter{CaseFold: true}
	for _, e := range exts {
		f.Patterns = append(f.Patterns, "*"+e)
	}
	return f
}

func ext(path string) string {
	if i := strings.LastIndexAny(path, `./\`); i >= 0 && path[i] == '.' {
		return path[i:]
	}
	return ""
}

// answer makes a cancel the path "".
func answer(path string, err error) (string, error) {
	if errors.Is(err, zenity.ErrCanceled) {
		return "", nil
	}
	return path, err
}
