package ui

import (
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"
)

// FileDialogs are the operating system's own dialogs for choosing a file to
// open or a place to save one (cmd/advisordesk gives them on Windows and
// macOS, where they speak the system's language, know its places and ask
// before replacing a file). Both block until the person answers, so the
// window calls them off the UI thread; a cancel is the path "".
type FileDialogs interface {
	Open(title string, exts []string) (path string, err error)
	Save(title, name string, exts []string) (path string, err error)
	Folder(title string) (path string, err error)
}

// UseFileDialogs has the window ask through d; without it (Linux, the
// tests, the walk) it draws Fyne's file dialog, made right (fyneSave).
func (u *App) UseFileDialogs(d FileDialogs) { u.osFiles = d }

// askSave asks where to save a file named name and hands write the open
// file; nothing when the person cancels.
func (u *App) askSave(name string, write func(fyne.URIWriteCloser)) {
	ext := filepath.Ext(name)
	if u.osFiles != nil {
		u.askOS(func() (string, error) { return u.osFiles.Save(tr("file.save_title"), name, []string{ext}) },
			func(path string) {
				w, err := storage.Writer(storage.NewFileURI(path))
				if err != nil {
					u.showError(err)
					return
				}
				write(w)
			})
		return
	}
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			u.showError(err)
		}
		if w != nil {
			write(w)
		}
	}, u.win)
	d.SetTitleText(tr("file.save_title")) // Fyne's joins two words: "保存 文件"
	d.SetFileName(name)
	if ext != "" {
		d.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
	}
	u.showFileDialog(d, true)
}

// askOpen asks for a file with one of exts to read and hands read the open
// file; nothing when the person cancels.
func (u *App) askOpen(exts []string, read func(fyne.URIReadCloser)) {
	if u.osFiles != nil {
		u.askOS(func() (string, error) { return u.osFiles.Open(tr("file.open_title"), exts) },
			func(path string) {
				r, err := storage.Reader(storage.NewFileURI(path))
				if err != nil {
					u.showError(err)
					return
				}
				read(r)
			})
		return
	}
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			u.showError(err)
		}
		if r != nil {
			read(r)
		}
	}, u.win)
	d.SetTitleText(tr("file.open_title"))
	d.SetFilter(storage.NewExtensionFileFilter(exts))
	u.showFileDialog(d, false)
}

// askFolder asks for a folder and hands its path to then; nothing when
// the person cancels.
func (u *App) askFolder(then func(path string)) {
	if u.osFiles != nil {
		u.askOS(func() (string, error) { return u.osFiles.Folder(tr("file.folder_title")) }, then)
		return
	}
	d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
		if err != nil {
			u.showError(err)
		}
		if l != nil {
			then(uriPath(l))
		}
	}, u.win)
	d.SetTitleText(tr("file.folder_title"))
	u.showFileDialog(d, false)
}

// askOS runs an operating system dialog off the UI thread. Meanwhile the
// window shows that it waits for it (and takes no clicks): the dialog is
// another window, which a click elsewhere could hide behind this one.
func (u *App) askOS(ask func() (string, error), then func(path string)) {
	wait := widget.NewModalPopUp(container.NewPadded(widget.NewLabel(tr("file.waiting"))), u.win.Canvas())
	wait.Show()
	var path string
	u.background(func() (err error) {
		path, err = ask()
		return err
	}, func(err error) {
		wait.Hide()
		switch {
		case err != nil:
			u.showError(err)
		case path != "":
			then(path)
		}
	})
}

// showFileDialog shows Fyne's file dialog as the program's other dialogs
// behave: Esc closes it, even from the file name, its places read in the
// window's language, and the question before replacing a file is ours.
// Fyne writes these in English inside the dialog (dialog/file.go), so they
// are put right in the dialog's widgets once it is shown.
func (u *App) showFileDialog(d *dialog.FileDialog, save bool) {
	d.Show()
	u.dialogKeys(d, map[string]func(){keyEscape: d.Dismiss})
	top, ok := u.win.Canvas().Overlays().Top().(*widget.PopUp)
	if !ok {
		return
	}
	eachPart(top.Content, func(o fyne.CanvasObject, parent fyne.CanvasObject) {
		switch o := o.(type) {
		case *widget.List:
			translatePlaces(o)
		case *widget.Entry:
			if scroll, ok := parent.(*container.Scroll); ok && save {
				u.nameEntry(o, scroll)
			}
		case *widget.Button:
			if o.Importance == widget.HighImportance && save {
				u.askBeforeReplacing(o)
			}
		}
	})
}

// eachPart calls fn with every object of the containers and scrolls
// from o down and the object holding it.
func eachPart(o fyne.CanvasObject, fn func(o, parent fyne.CanvasObject)) {
	var walk func(o, parent fyne.CanvasObject)
	walk = func(o, parent fyne.CanvasObject) {
		fn(o, parent)
		switch c := o.(type) {
		case *fyne.Container:
			for _, child := range c.Objects {
				walk(child, c)
			}
		case *container.Scroll:
			walk(c.Content, c)
		case *container.Split:
			walk(c.Leading, c)
			walk(c.Trailing, c)
		}
	}
	walk(o, nil)
}

// places are the names Fyne gives the folders the file dialog lists on its
// left (the user's home, the computer's root, their usual folders).
var places = []string{"Home", "Computer", "App Files", "Desktop", "Documents", "Downloads", "Music", "Pictures", "Videos", "Movies"}

// translatePlaces shows the file dialog's list of places in the window's
// language. A list whose first row is not Fyne's "Home" (the list of
// files) is left alone.
func translatePlaces(l *widget.List) {
	if l.Length == nil || l.Length() == 0 || l.CreateItem == nil || l.UpdateItem == nil {
		return
	}
	probe := l.CreateItem()
	l.UpdateItem(0, probe)
	if label := firstLabel(probe); label == nil || label.Text != "Home" {
		return
	}
	update := l.UpdateItem
	l.UpdateItem = func(id widget.ListItemID, item fyne.CanvasObject) {
		update(id, item)
		if label := firstLabel(item); label != nil && strings.Contains(strings.Join(places, "\n"), label.Text) {
			for _, p := range places {
				if label.Text == p {
					label.SetText(tr("file.place." + strings.ReplaceAll(strings.ToLower(p), " ", "_")))
				}
			}
		}
	}
	l.Refresh()
}

func firstLabel(o fyne.CanvasObject) *widget.Label {
	var found *widget.Label
	eachPart(o, func(o, _ fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && found == nil {
			found = l
		}
	})
	return found
}

// nameEntry puts the program's entry in place of the save dialog's file
// name field, so that Esc there closes the dialog (Fyne's entry keeps Esc
// to itself). Fyne's field stays the dialog's record of the name: the two
// are kept the same both ways (a tapped file fills Fyne's).
func (u *App) nameEntry(fyneName *widget.Entry, scroll *container.Scroll) {
	e := newEntry(u)
	e.SetPlaceHolder(fyneName.PlaceHolder)
	e.SetText(fyneName.Text)
	e.OnChanged = func(s string) {
		if fyneName.Text != s {
			fyneName.SetText(s)
		}
	}
	e.OnSubmitted = fyneName.OnSubmitted
	changed := fyneName.OnChanged
	fyneName.OnChanged = func(s string) {
		changed(s)
		if e.Text != s {
			e.SetText(s)
		}
	}
	scroll.Content = e
	scroll.Refresh()
	u.win.Canvas().Focus(e)
}

// askBeforeReplacing has the save button ask our question, in the window's
// language, where Fyne asks its English "Overwrite?": Fyne's question is
// taken down as soon as it is shown, and its Yes pressed when the person
// chooses Replace.
func (u *App) askBeforeReplacing(save *widget.Button) {
	tapped := save.OnTapped
	save.OnTapped = func() {
		overlays := u.win.Canvas().Overlays()
		before := overlays.Top()
		tapped()
		asked := overlays.Top()
		if asked == nil || asked == before {
			return
		}
		pop, ok := asked.(*widget.PopUp)
		if !ok {
			return
		}
		var yes *widget.Button
		var overwrite, folder bool
		name := ""
		eachPart(pop.Content, func(o, _ fyne.CanvasObject) {
			switch o := o.(type) {
			case *widget.Label:
				overwrite = overwrite || o.Text == "Overwrite?"
				folder = folder || o.Text == "Cannot overwrite"
				if rest, ok := strings.CutPrefix(o.Text, "Are you sure you want to overwrite the file\n"); ok {
					name = strings.TrimSuffix(rest, "?")
				}
			case *widget.Button:
				if o.Text == lang.L("Yes") {
					yes = o
				}
			}
		})
		switch {
		case overwrite && yes != nil:
			overlays.Remove(asked)
			u.confirm(tr("file.replace_title"), tr("file.replace", "Name", name), tr("file.replace_yes"), yes.OnTapped)
		case folder:
			overlays.Remove(asked)
			u.info(tr("file.replace_title"), tr("file.replace_folder"))
		}
	}
}
