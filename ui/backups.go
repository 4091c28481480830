package ui

import (
	"advisordesk/i18n"
	"context"
	"strconv"
	"strings"
	"time"

	"advisordesk/model"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Backups is what the automatic backups need of the data file.
type Backups interface {
	BackupPolicy() (model.BackupPolicy, error)
	SetBackupPolicy(p model.BackupPolicy) error
	Backups() ([]model.BackupCopy, error)
	BackupDue() (bool, error)
	AutoBackup(ctx context.Context, reason string, progress func(done, total int64)) (string, error)
}

// autoBackupStart is how long after the window is up the first look for a
// due daily copy waits (start-up reads come first); then it looks hourly, so
// a window left open past midnight takes the next day's copy.
var autoBackupStart = 20 * time.Second

// StartAutoBackups takes the daily copy in the background for as long as the
// window is open; the caller starts it once the window is up.
func (u *App) StartAutoBackups() {
	go func() {
		time.Sleep(autoBackupStart)
		for {
			fyne.Do(u.dailyBackup)
			time.Sleep(time.Hour)
		}
	}()
}

// dailyBackup takes today's copy if it is due. A second folder that cannot be
// reached is said once per session; the copy in the backups folder stands.
func (u *App) dailyBackup() {
	st := u.store
	if !u.signedIn {
		return // signed out: the next look, an hour on, takes it
	}
	var out string
	last := u.idle.last // the program's own copy is not a use of the window
	defer func() { u.idle.last = last }()
	u.background(func() error {
		due, err := st.BackupDue()
		if err != nil || !due {
			return err
		}
		out, err = st.AutoBackup(context.Background(), model.BackupDaily, nil)
		return err
	}, func(err error) {
		if u.current == pageSettings && u.settings.backups != nil {
			u.settings.backups.load()
		}
		// An error beside a copy that was made is about the second folder.
		second := err != nil && out != ""
		if err != nil && !(second && u.secondReported) {
			u.secondReported = u.secondReported || second
			u.showError(err)
		}
	})
}

// backupsSection is the Settings card of automatic copies: how many of each
// kind to keep, the second folder, and every copy with a Restore button.
type backupsSection struct {
	u      *App
	keep   *widget.Select
	second *widget.Label
	status *widget.Label
	table  *widget.Table

	policy model.BackupPolicy
	copies []model.BackupCopy
	loads  latest
}

var keepChoices = []int{3, 5, 7, 10, 14, 30, 60, 100}

func newBackupsSection(u *App) *backupsSection {
	b := &backupsSection{u: u}
	opts := make([]string, len(keepChoices))
	for i, n := range keepChoices {
		opts[i] = strconv.Itoa(n)
	}
	b.keep = widget.NewSelect(opts, nil)
	b.second = widget.NewLabel("")
	b.second.Wrapping = fyne.TextWrapBreak
	b.status = widget.NewLabel("")
	b.status.Wrapping = fyne.TextWrapWord
	b.table = widget.NewTable(b.size, b.newCell, b.updateCell)
	b.table.ShowHeaderRow = true
	b.table.CreateHeader = func() fyne.CanvasObject { return widget.NewLabel("") }
	b.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		heads := []string{"backups.col.date", "backups.col.kind", "backups.col.size", "backups.col.verified",
			"backups.col.where", ""}
		if heads[id.Col] != "" {
			o.(*widget.Label).SetText(tr(heads[id.Col]))
		}
	}
	for col, w := range []float32{150, 130, 90, 90, 120, 110} {
		b.table.SetColumnWidth(col, w)
	}
	return b
}

func (b *backupsSection) content() fyne.CanvasObject {
	choose := widget.NewButtonWithIcon(tr("backups.choose"), theme.FolderOpenIcon(), b.chooseSecond)
	clearSecond := widget.NewButtonWithIcon(tr("backups.no_second"), theme.ContentClearIcon(), func() {
		b.setPolicy(model.BackupPolicy{Keep: b.policy.Keep})
	})
	// The table scrolls inside a fixed height: the card stays one screen tall
	// however many copies there are.
	room := canvas.NewRectangle(nil)
	room.SetMinSize(fyne.NewSize(700, 230))
	b.load()
	return container.NewVBox(
		widget.NewLabel(tr("backups.explain")),
		container.NewHBox(widget.NewLabel(tr("backups.keep")), b.keep),
		container.NewBorder(nil, nil, widget.NewLabel(tr("backups.second")),
			container.NewHBox(choose, clearSecond), b.second),
		b.status,
		container.NewStack(room, b.table),
	)
}

// load reads the policy and the copies off the UI thread.
func (b *backupsSection) load() {
	var p model.BackupPolicy
	var copies []model.BackupCopy
	var listErr error
	b.u.load(&b.loads, func() (err error) {
		if p, err = b.u.store.BackupPolicy(); err != nil {
			return err
		}
		copies, listErr = b.u.store.Backups()
		return nil
	}, func(err error) {
		if err != nil {
			b.u.showError(err)
			return
		}
		b.policy, b.copies = p, copies
		b.keep.OnChanged = nil
		b.keep.SetSelected(strconv.Itoa(p.Keep))
		b.keep.OnChanged = func(s string) {
			n, _ := strconv.Atoi(s)
			b.setPolicy(model.BackupPolicy{Keep: n, Second: b.policy.Second})
		}
		if p.Second == "" {
			b.second.SetText(tr("backups.second_none"))
		} else {
			b.second.SetText(p.Second)
		}
		switch {
		case listErr != nil:
			b.status.SetText(b.u.labels().Explain(listErr))
		case len(copies) == 0:
			b.status.SetText(tr("backups.none"))
		default:
			b.status.SetText(tr("backups.count", "N", i18n.Count(len(copies)), "Date", copies[0].Taken.Format(backupTime)))
		}
		b.table.Refresh()
	})
}

const backupTime = "2006-01-02 15:04"

func (b *backupsSection) setPolicy(p model.BackupPolicy) {
	b.u.background(func() error { return b.u.store.SetBackupPolicy(p) }, func(err error) {
		if err != nil {
			b.u.showError(err)
		}
		b.load()
	})
}

func (b *backupsSection) chooseSecond() {
	b.u.askFolder(func(dir string) { b.setPolicy(model.BackupPolicy{Keep: b.policy.Keep, Second: dir}) })
}

func (b *backupsSection) size() (int, int) { return len(b.copies), 6 }

func (b *backupsSection) newCell() fyne.CanvasObject {
	btn := widget.NewButtonWithIcon(tr("backups.restore"), theme.HistoryIcon(), nil)
	return container.NewStack(widget.NewLabel(""), btn)
}

func (b *backupsSection) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	objs := o.(*fyne.Container).Objects
	label, btn := objs[0].(*widget.Label), objs[1].(*widget.Button)
	if id.Row >= len(b.copies) {
		return
	}
	c := b.copies[id.Row]
	label.Show()
	btn.Hide()
	switch id.Col {
	case 0:
		label.SetText(c.Taken.Format(backupTime))
	case 1:
		label.SetText(backupKind(c.Reason))
	case 2:
		label.SetText(i18n.Size(c.Size))
	case 3:
		label.SetText("✓ " + tr("backups.verified"))
	case 4:
		if c.Second {
			label.SetText(tr("backups.in_second"))
		} else {
			label.SetText(tr("backups.in_main"))
		}
	case 5:
		label.Hide()
		btn.Show()
		btn.OnTapped = func() { b.askRestore(c) }
	}
}

// backupKind names why a copy was taken.
func backupKind(reason string) string {
	switch {
	case reason == model.BackupDaily, reason == model.BackupClose,
		reason == "before-restore", reason == "before-import", reason == "before-compact":
		return tr("backups.kind." + reason)
	case strings.HasPrefix(reason, "before-migration"):
		return tr("backups.kind.before-migration")
	}
	return reason
}

// askRestore names the copy's date and what would be lost before restoring
// it through the same path as a file picked by hand.
func (b *backupsSection) askRestore(c model.BackupCopy) {
	msg := tr("backups.restore_confirm", "Date", c.Taken.Format(backupTime), "Kind", backupKind(c.Reason))
	text := widget.NewLabel(msg)
	text.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(tr("backups.restore_title"), tr("backups.restore_yes"), tr("backups.restore_no"),
		text, func(ok bool) {
			if ok {
				b.u.settings.restore(c.Path)
			}
		}, b.u.win)
	d.Resize(fyne.NewSize(480, 0))
	d.Show()
}
