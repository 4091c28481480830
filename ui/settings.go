package ui

import (
	"advisordesk/i18n"
	"advisordesk/model"
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// settingsScreen holds the language, the company name printed on forms, and
// the data file's maintenance: backup, restore, check, compaction.
type settingsScreen struct {
	u       *App
	lang    *widget.Select
	company *entry
	backups *backupsSection
	names   latest // the company name read for the form
}

var langChoices = []string{langSystem, langZh, langEn}

func newSettingsScreen(u *App) *settingsScreen {
	s := &settingsScreen{u: u}
	s.lang = widget.NewSelect([]string{tr("settings.lang.system"), "中文（简体）", "English"}, nil)
	cur := u.app.Preferences().String(prefLang)
	for i, c := range langChoices {
		if c == cur {
			s.lang.SetSelectedIndex(i)
		}
	}
	s.lang.OnChanged = func(string) {
		// Rebuilding the window from inside the select's own callback would
		// pull the widget out from under it: do it right after.
		choice := langChoices[s.lang.SelectedIndex()]
		fyne.Do(func() { u.SetLanguage(choice) })
	}
	s.company = newEntry(u)
	s.backups = newBackupsSection(u)
	return s
}

func (s *settingsScreen) content() fyne.CanvasObject {
	u := s.u
	var name string
	u.load(&s.names, func() (err error) {
		name, err = u.store.Setting(settingCompany)
		return err
	}, func(err error) {
		if err != nil {
			u.showError(err)
			return
		}
		s.company.SetText(name)
	})
	saveCompany := widget.NewButtonWithIcon(tr("action.save"), theme.DocumentSaveIcon(), s.saveCompany)
	u.keys[shortcutName(fyne.KeyS)] = s.saveCompany

	path := widget.NewLabel(absPath(u.store.Path()))
	path.Wrapping = fyne.TextWrapBreak
	path.Selectable = true
	backup := widget.NewButtonWithIcon(tr("settings.backup"), theme.DocumentSaveIcon(), s.askBackup)
	restore := widget.NewButtonWithIcon(tr("settings.restore"), theme.HistoryIcon(), s.askRestore)
	check := widget.NewButtonWithIcon(tr("settings.check"), theme.ConfirmIcon(), s.check)
	compact := widget.NewButtonWithIcon(tr("settings.compact"), theme.ViewRestoreIcon(), s.compact)

	section := func(title string, objs ...fyne.CanvasObject) fyne.CanvasObject {
		return widget.NewCard(title, "", container.NewVBox(objs...))
	}
	if !u.can(model.PermManageAccounts) {
		// The office's settings and the file's care are HR's.
		return container.NewVScroll(container.NewPadded(container.NewVBox(
			section(tr("settings.language"), s.lang),
			section(tr("settings.file"), path),
			section(tr("settings.about"), u.aboutRow()),
		)))
	}
	return container.NewVScroll(container.NewPadded(container.NewVBox(
		section(tr("settings.language"), s.lang),
		section(tr("settings.company"), container.NewBorder(nil, nil, nil, saveCompany, s.company)),
		section(tr("settings.idle"), s.idleChoice()),
		section(tr("settings.file"), path),
		section(tr("settings.maintenance"), container.NewGridWithColumns(2, backup, restore, check, compact)),
		section(tr("backups.title"), s.backups.content()),
		section(tr("settings.about"), u.aboutRow()),
	)))
}

// idleMinutes are the idle lock's choices; 0 is never.
var idleMinutes = []int{5, 10, 15, 30, 60, 0}

// idleChoice sets the office's idle lock (a setting of the data file, so
// that no one turns it off for a shared laptop by their own preference).
func (s *settingsScreen) idleChoice() fyne.CanvasObject {
	var labels []string
	for _, m := range idleMinutes {
		if m == 0 {
			labels = append(labels, tr("settings.idle.never"))
		} else {
			labels = append(labels, trN("settings.idle.minutes", m))
		}
	}
	sel := widget.NewSelect(labels, nil)
	for i, m := range idleMinutes {
		if m == s.u.idleMinutes {
			sel.SetSelectedIndex(i)
		}
	}
	sel.OnChanged = func(string) {
		m := idleMinutes[sel.SelectedIndex()]
		if m == s.u.idleMinutes {
			return
		}
		s.u.background(func() error { return s.u.store.SetSetting(settingIdle, strconv.Itoa(m)) }, func(err error) {
			if err != nil {
				s.u.showError(err)
				return
			}
			s.u.idleMinutes = m
		})
	}
	return sel
}

func (s *settingsScreen) saveCompany() {
	name := strings.TrimSpace(s.company.Text)
	s.u.background(func() error { return s.u.store.SetSetting(settingCompany, name) }, func(err error) {
		if err != nil {
			s.u.showError(err)
			return
		}
		s.u.info(tr("settings.company"), tr("settings.company_saved"))
	})
}

func (s *settingsScreen) askBackup() {
	s.u.askSave(fmt.Sprintf("advisordesk-backup-%s.db", time.Now().Format("20060102-1504")), func(w fyne.URIWriteCloser) {
		// The backup is written through its own temporary file and rename:
		// the dialog's writer only chose the place.
		w.Close()
		s.backup(uriPath(w.URI()))
	})
}

func (s *settingsScreen) backup(out string) {
	s.u.longJob(tr("settings.backup"), func(ctx context.Context, progress func(float64)) (string, error) {
		if err := s.u.store.Backup(ctx, out, fraction(progress)); err != nil {
			return "", err
		}
		return tr("settings.backup_done", "Path", out), nil
	}, nil)
}

func (s *settingsScreen) askRestore() {
	s.u.askOpen([]string{".db"}, func(r fyne.URIReadCloser) {
		r.Close()
		s.confirmRestore(uriPath(r.URI()))
	})
}

// confirmRestore asks before the data is replaced by the backup src.
func (s *settingsScreen) confirmRestore(src string) {
	s.u.confirm(tr("settings.restore"), tr("settings.restore_confirm", "Path", filepath.Base(src)),
		tr("settings.restore_yes"), func() { s.restore(src) })
}

func (s *settingsScreen) restore(src string) {
	s.u.longJob(tr("settings.restore"), func(ctx context.Context, progress func(float64)) (string, error) {
		progress(-1)
		kept, err := s.u.store.Restore(ctx, src)
		if err != nil {
			return "", err
		}
		return tr("settings.restore_done", "Path", kept), nil
	}, s.u.reloadAll)
}

func (s *settingsScreen) check() {
	s.u.longJob(tr("settings.check"), func(ctx context.Context, progress func(float64)) (string, error) {
		progress(-1)
		n, problems, err := s.u.store.CheckFile(ctx)
		if err != nil {
			return "", err
		}
		if len(problems) > 0 {
			return tr("settings.check_bad", "N", i18n.Count(len(problems)), "First", problems[0]), nil
		}
		return tr("settings.check_ok", "N", i18n.Count(n)), nil
	}, nil)
}

func (s *settingsScreen) compact() {
	s.u.longJob(tr("settings.compact"), func(ctx context.Context, progress func(float64)) (string, error) {
		before, after, err := s.u.store.Compact(ctx, fraction(progress))
		if err != nil {
			return "", err
		}
		return compactMessage(before, after), nil
	}, s.u.reloadAll)
}

// compactMessage reports a compaction's sizes, and says so plainly when the
// file did not get smaller (bbolt sizes a small file in steps).
func compactMessage(before, after int64) string {
	if after >= before {
		return tr("settings.compact_grew", "Before", i18n.Size(before), "After", i18n.Size(after))
	}
	return tr("settings.compact_done", "Before", i18n.Size(before), "After", i18n.Size(after))
}

// absPath is the data file's full path: the one to look for on disk.
func absPath(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	return p
}
