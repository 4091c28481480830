// Command walk drives the real AdvisorDesk window as a person would, out of
// process: it starts the built program under Xvfb on a demo file (made by
// advisorctl with HR's password from ADVISORDESK_PASSWORD, or the walk's
// own, and an advisor's account), signs in (a wrong password first), clicks
// through every navigation entry, opens choice fields and picks options,
// switches appraisal cycles, saves forms, switches the language, signs out
// and in as the advisor (who must choose their own password and sees only
// their own record), locks and unlocks the window, signs HR in again,
// closes the window, and fails unless the program stayed alive throughout
// and exited cleanly. A screenshot of every step goes to the output folder.
//
// Fyne draws its own widgets, so the walk cannot ask X for them: the window
// writes where its widgets are (walkmap.EnvFile) and the walk clicks there
// with xdotool, after waiting for the map to say the screen has settled.
//
//	go run ./scripts/walk -bin /tmp/advisordesk -ctl /tmp/advisorctl
package main

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/png"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"advisordesk/i18n"
	"advisordesk/ui/walkmap"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

var (
	binPath = flag.String("bin", "", "the built advisordesk program (required)")
	ctlPath = flag.String("ctl", "", "the built advisorctl program (required: makes the demo file, checks the saves)")
	outDir  = flag.String("out", filepath.Join(os.TempDir(), "advisordesk-walk"), "folder for screenshots and logs (an earlier walk's are removed first)")
	display = flag.String("display", "", "X display to use, e.g. :103 (default: start a private Xvfb)")
	wait    = flag.Duration("wait", 20*time.Second, "longest wait for one step to settle")
)

func main() {
	flag.Parse()
	xgb.Logger = log.New(io.Discard, "", 0) // not its notes on a missing ~/.Xauthority
	if *binPath == "" || *ctlPath == "" {
		flag.Usage()
		os.Exit(2)
	}
	start := time.Now()
	w := &walk{began: start}
	err := w.run()
	w.stop()
	fmt.Printf("walk: screenshots and logs in %s\n", *outDir)
	if err != nil {
		fmt.Fprintf(os.Stderr, "walk FAILED after %.1fs: %v\n", time.Since(start).Seconds(), err)
		os.Exit(1)
	}
	fmt.Printf("walk: passed in %.1fs (%d screenshots)\n", time.Since(start).Seconds(), w.shots)
}

// walk is one run: the X server, the program, and what it last reported.
type walk struct {
	dir     string // data, config and map files
	db      string
	display string
	xvfb    *exec.Cmd
	x       *xgb.Conn
	app     *exec.Cmd
	exited  chan struct{}
	exitErr error
	stderr  *bytes.Buffer
	mapFile *os.File
	mapBuf  []byte
	last    *walkmap.Map
	lastAt  time.Time
	window  string // X window id, decimal
	shots   int
	began   time.Time
	step    string
	t       *i18n.Labels // texts of the window's current language

	hrPass       string   // HR's password (ADVISORDESK_PASSWORD, else the walk's)
	advisorFirst string   // the advisor's first password, printed by the CLI
	hrNav        []string // HR's navigation entries

	expects []expect // what the file must hold after the walk
}

func (w *walk) run() error {
	if err := os.MkdirAll(*outDir, 0o755); err != nil {
		return err
	}
	// Only what an earlier walk left goes: -out may name a folder with other files.
	for _, pat := range []string{"[0-9][0-9]-*.png", "advisordesk-stderr.log", "walkmap-last.json"} {
		old, _ := filepath.Glob(filepath.Join(*outDir, pat))
		for _, f := range old {
			if err := os.Remove(f); err != nil {
				return err
			}
		}
	}
	var err error
	if w.dir, err = os.MkdirTemp("", "advisordesk-walk-data-"); err != nil {
		return err
	}
	w.db = filepath.Join(w.dir, "office.db")
	if err := w.makeFile(); err != nil {
		return err
	}
	if err := w.startX(); err != nil {
		return err
	}
	if err := w.startApp(); err != nil {
		return err
	}
	steps := []struct {
		name string
		fn   func() error
	}{
		{"start", w.start},
		{"wrong password", w.wrongPassword},
		{"sign in", w.signInHR},
		{"navigation", w.navigation},
		{"roster rows and a choice", w.roster},
		{"roster filter", w.rosterFilter},
		{"unsaved changes", w.unsaved},
		{"appraisal cycles", w.cycles},
		{"settings", w.settings},
		{"English", w.english},
		{"advisor", w.advisor},
		{"lock", w.lockUnlock},
		{"HR again", w.hrAgain},
		{"close", w.close},
	}
	for _, s := range steps {
		w.step = s.name
		w.logf("step %s", s.name)
		if err := s.fn(); err != nil {
			w.screenshot("failed")
			w.keepMap()
			return fmt.Errorf("step %q: %w", s.name, err)
		}
	}
	return w.checkFile()
}

// ---- the steps ----

// navigation clicks every entry of the navigation in order.
func (w *walk) navigation() error {
	pages := navRows(w.last)
	if w.last.State["person.role"] == "hr" {
		w.hrNav = pages
	}
	if len(pages) < 9 {
		return fmt.Errorf("the navigation shows %d entries, want 9: %v", len(pages), pages)
	}
	for _, p := range pages {
		if err := w.openPage(p); err != nil {
			return err
		}
		w.screenshot(w.lang() + "-" + strings.TrimPrefix(p, "nav."))
	}
	return nil
}

// openPage clicks a navigation entry and waits for its page. A form the
// walk left changed (a new cycle's period) may ask first: the change is
// discarded.
func (w *walk) openPage(page string) error {
	if err := w.click(page); err != nil {
		return err
	}
	discard := w.t.T("unsaved.discard")
	m, err := w.until("page "+page+" is shown", func(m *walkmap.Map) bool {
		return m.Page == page && m.Overlays == 0 || m.Overlays > 0 && findText(m, "button", discard, m.Overlays) != nil
	})
	if err != nil || m.Overlays == 0 {
		return err
	}
	w.logf("leaving %s asks about unsaved changes: discard", m.Page)
	if err := w.clickButton(discard); err != nil {
		return err
	}
	_, err = w.until("page "+page+" is shown", func(m *walkmap.Map) bool { return m.Page == page && m.Overlays == 0 })
	return err
}

// roster opens two advisors, then opens the employment choice, picks
// another option and saves; the file is checked after the window closes.
func (w *walk) roster() error {
	if err := w.openPage("nav.roster"); err != nil {
		return err
	}
	if _, err := w.until("the roster lists advisors", func(m *walkmap.Map) bool { return find(m, "roster.list.1") != nil }); err != nil {
		return err
	}
	for _, row := range []string{"roster.list.1", "roster.list.0"} {
		empno := find(w.last, row).Text
		if err := w.click(row); err != nil {
			return err
		}
		if _, err := w.until("the form shows "+empno, func(m *walkmap.Map) bool {
			return m.State["roster.editing.empno"] == empno && find(m, "roster.employment") != nil
		}); err != nil {
			return err
		}
	}
	w.screenshot("roster-form")
	empno := w.last.State["roster.editing.empno"]
	opt, err := w.choose("roster.employment", -1)
	if err != nil {
		return err
	}
	w.expects = append(w.expects, expect{w.lang(), empno, "employment", opt, "saved it"})
	nameField := find(w.last, "roster.name")
	if nameField == nil {
		return fmt.Errorf("the roster form has no name field in the walk map")
	}
	name := nameField.Text
	if err := w.clickButton(w.t.T("action.save")); err != nil {
		return err
	}
	want := w.t.T("form.saved", "Name", name)
	if _, err := w.until("the roster says "+want, func(m *walkmap.Map) bool {
		return m.State["roster.status"] == want && find(m, "roster.employment").Text == opt
	}); err != nil {
		return err
	}
	w.screenshot("roster-saved")
	return w.history(opt)
}

// history opens the open advisor's change log and finds the change just
// saved in it (the new employment), then closes it.
func (w *walk) history(newValue string) error {
	if err := w.clickButton(w.t.T("history.action")); err != nil {
		return err
	}
	if _, err := w.until("the history shows the change to "+newValue, func(m *walkmap.Map) bool {
		for _, x := range m.Widgets {
			if x.Kind == "label" && x.Layer == m.Overlays && m.Overlays > 0 && strings.Contains(x.Text, "→ "+newValue) {
				return true
			}
		}
		return false
	}); err != nil {
		return err
	}
	w.screenshot("roster-history")
	return w.dismiss()
}

// rosterFilter narrows the list by status through its choice and back.
func (w *walk) rosterFilter() error {
	if _, err := w.choose("roster.filter", 1); err != nil {
		return err
	}
	if _, err := w.choose("roster.filter", 0); err != nil {
		return err
	}
	return nil
}

// unsaved changes a choice in the open advisor, leaves for another page,
// is asked about the unsaved change and discards it; the file is checked
// to hold the old value after the window closes.
func (w *walk) unsaved() error {
	empno := w.last.State["roster.editing.empno"]
	if f := find(w.last, "roster.gender"); empno == "" || f == nil {
		return fmt.Errorf("no advisor is open in the roster form")
	} else {
		w.expects = append(w.expects, expect{w.lang(), empno, "gender", f.Text, "discarded a change"})
	}
	if _, err := w.choose("roster.gender", -1); err != nil {
		return err
	}
	if err := w.click("nav.appraisal"); err != nil {
		return err
	}
	discard := w.t.T("unsaved.discard")
	if _, err := w.until("the window asks about the unsaved change", func(m *walkmap.Map) bool {
		return m.Overlays > 0 && findText(m, "button", discard, m.Overlays) != nil
	}); err != nil {
		return err
	}
	w.screenshot("unsaved-ask")
	if err := w.clickButton(discard); err != nil {
		return err
	}
	_, err := w.until("page nav.appraisal is shown", func(m *walkmap.Map) bool { return m.Page == "nav.appraisal" && m.Overlays == 0 })
	return err
}

// cycles opens each appraisal cycle in turn, then back to the first, and
// opens a new cycle's period choice.
func (w *walk) cycles() error {
	if err := w.openPage("nav.appraisal"); err != nil {
		return err
	}
	if _, err := w.until("the cycles are listed", func(m *walkmap.Map) bool { return find(m, "cycles.list.1") != nil }); err != nil {
		return err
	}
	var rows []string
	for i := 0; find(w.last, "cycles.list."+strconv.Itoa(i)) != nil; i++ {
		rows = append(rows, "cycles.list."+strconv.Itoa(i))
	}
	for _, row := range append(rows, rows[0]) {
		name := find(w.last, row).Text
		if err := w.click(row); err != nil {
			return err
		}
		if _, err := w.until("cycle "+name+" is open", func(m *walkmap.Map) bool { return m.State["cycle.name"] == name }); err != nil {
			return err
		}
		w.screenshot("cycle-" + strings.TrimPrefix(row, "cycles.list."))
	}
	if err := w.evaluate(); err != nil {
		return err
	}
	if err := w.clickButton(w.t.T("appraisal.new_cycle")); err != nil {
		return err
	}
	if _, err := w.until("the new cycle's form", func(m *walkmap.Map) bool { return find(m, "cycle.period") != nil }); err != nil {
		return err
	}
	_, err := w.choose("cycle.period", -1)
	return err
}

// evaluate enters scores for the first participant of the open cycle
// (the demo's current cycle takes self-evaluations), saves, and opens the
// form again to see the scores read back from the file.
func (w *walk) evaluate() error {
	empno := ""
	if err := w.click("results.list.0"); err != nil {
		return err
	}
	if _, err := w.until("a participant is chosen", func(m *walkmap.Map) bool {
		empno = m.State["results.selected"]
		return empno != ""
	}); err != nil {
		return err
	}
	open := func() ([]walkmap.Widget, error) {
		if err := w.clickButton(w.t.T("appraisal.evaluate")); err != nil {
			return nil, err
		}
		m, err := w.until("the evaluation of "+empno+" is open", func(m *walkmap.Map) bool {
			return m.Overlays > 0 && m.State["evaluation.open"] == empno && find(m, "evaluation.score.1") != nil
		})
		if err != nil {
			return nil, err
		}
		var scores []walkmap.Widget
		for i := 1; find(m, "evaluation.score."+strconv.Itoa(i)) != nil; i++ {
			if x := find(m, "evaluation.score."+strconv.Itoa(i)); !x.Disabled {
				scores = append(scores, *x)
			}
		}
		if len(scores) == 0 {
			return nil, fmt.Errorf("the evaluation of %s takes no scores", empno)
		}
		return scores, nil
	}
	scores, err := open()
	if err != nil {
		return err
	}
	typed, err := w.typeScores(scores)
	if err != nil {
		return err
	}
	w.screenshot("evaluation")
	if err := w.clickButton(w.t.T("action.save")); err != nil {
		return err
	}
	if _, err := w.until("the evaluation is saved", func(m *walkmap.Map) bool {
		return m.Overlays == 0 && m.State["evaluation.open"] == "" && m.State["appraisal.status"] != ""
	}); err != nil {
		return err
	}
	w.screenshot("evaluation-saved")
	scores, err = open()
	if err != nil {
		return err
	}
	for _, x := range scores {
		if x.Text != typed[x.Name] {
			return fmt.Errorf("%s saved %q, the form shows %q when opened again", x.Name, typed[x.Name], x.Text)
		}
	}
	w.logf("the evaluation of %s reads back %d scores", empno, len(scores))
	if err := w.clickButton(w.t.T("action.cancel")); err != nil {
		return err
	}
	_, err = w.until("the evaluation is closed", func(m *walkmap.Map) bool { return m.Overlays == 0 })
	return err
}

// settings saves the company name and sees it on Home.
func (w *walk) settings() error {
	if err := w.openPage("nav.settings"); err != nil {
		return err
	}
	if err := w.click("settings.company"); err != nil {
		return err
	}
	if err := w.xdotool("key", "--clearmodifiers", "ctrl+a"); err != nil {
		return err
	}
	const company = "Walk Motors 4S"
	if err := w.xdotool("type", "--delay", "20", company); err != nil {
		return err
	}
	if _, err := w.until("the company is typed", func(m *walkmap.Map) bool { return find(m, "settings.company").Text == company }); err != nil {
		return err
	}
	if err := w.clickButton(w.t.T("action.save")); err != nil {
		return err
	}
	saved := w.t.T("settings.company_saved")
	if _, err := w.until("the window says "+saved, func(m *walkmap.Map) bool { return findText(m, "label", saved, m.Overlays) != nil }); err != nil {
		return err
	}
	w.screenshot("company-saved")
	if err := w.dismiss(); err != nil {
		return err
	}
	if err := w.openPage("nav.home"); err != nil {
		return err
	}
	if _, err := w.until("Home shows the company", func(m *walkmap.Map) bool { return findText(m, "label", company, 0) != nil }); err != nil {
		return err
	}
	w.screenshot("home-company")
	return nil
}

// english switches the language in Settings and walks the navigation again.
func (w *walk) english() error {
	if err := w.openPage("nav.settings"); err != nil {
		return err
	}
	if _, err := w.choose("settings.lang", 2); err != nil {
		return err
	}
	m, err := w.until("the window speaks English", func(m *walkmap.Map) bool { return m.Lang == "en" })
	if err != nil {
		return err
	}
	w.t, _ = i18n.For(m.Lang)
	if err := w.navigation(); err != nil {
		return err
	}
	if err := w.openPage("nav.roster"); err != nil {
		return err
	}
	if _, err := w.until("the roster lists advisors", func(m *walkmap.Map) bool { return find(m, "roster.list.0") != nil }); err != nil {
		return err
	}
	empno := find(w.last, "roster.list.0").Text
	if err := w.click("roster.list.0"); err != nil {
		return err
	}
	if _, err := w.until("the form shows "+empno, func(m *walkmap.Map) bool { return m.State["roster.editing.empno"] == empno }); err != nil {
		return err
	}
	w.screenshot("en-roster-form")
	return nil
}

// close changes a choice in the open advisor and asks the window to close
// as a window manager's close button does (WM_DELETE_WINDOW): the window
// must ask about the change; the walk discards it and waits for the program
// to end.
func (w *walk) close() error {
	empno := w.last.State["roster.editing.empno"]
	f := find(w.last, "roster.role")
	if empno == "" || f == nil {
		return fmt.Errorf("no advisor is open in the roster form")
	}
	w.expects = append(w.expects, expect{w.lang(), empno, "role", f.Text, "discarded a change on closing"})
	if _, err := w.choose("roster.role", -1); err != nil {
		return err
	}
	if err := w.deleteWindow(); err != nil {
		return err
	}
	discard := w.t.T("unsaved.discard")
	if _, err := w.until("the window asks about the unsaved change before closing", func(m *walkmap.Map) bool {
		return m.Overlays > 0 && findText(m, "button", discard, m.Overlays) != nil
	}); err != nil {
		return err
	}
	w.screenshot("close-ask")
	if err := w.clickButton(discard); err != nil {
		return err
	}
	select {
	case <-w.exited:
	case <-time.After(*wait):
		return fmt.Errorf("the program is still running %v after its window was closed", *wait)
	}
	if w.exitErr != nil {
		return w.died()
	}
	return w.checkStderr()
}

// ---- choices, clicks and waits ----

// choose opens a choice field's pop-up, takes a screenshot and picks option
// i (-1: the option after the one shown) and waits until the field shows it.
func (w *walk) choose(name string, i int) (string, error) {
	field := find(w.last, name)
	if field == nil {
		return "", fmt.Errorf("no choice field %s on the screen", name)
	}
	if err := w.click(name); err != nil {
		return "", err
	}
	m, err := w.until("the pop-up of "+name+" is open", func(m *walkmap.Map) bool { return find(m, "menu.0") != nil })
	if err != nil {
		return "", err
	}
	w.screenshot(strings.ReplaceAll(name, ".", "-") + "-open")
	n := 0
	for find(m, "menu."+strconv.Itoa(n)) != nil {
		n++
	}
	if i < 0 {
		i = (slices.Index(field.Options, field.Text) + 1) % n
	}
	item := find(m, "menu."+strconv.Itoa(i))
	if item == nil {
		return "", fmt.Errorf("the pop-up of %s has %d options, no option %d", name, n, i)
	}
	if err := w.click(item.Name); err != nil {
		return "", err
	}
	_, err = w.until(name+" shows "+item.Text, func(m *walkmap.Map) bool {
		f := find(m, name)
		return m.Overlays == 0 && (f == nil || f.Text == item.Text) // a language switch rebuilds the field
	})
	return item.Text, err
}

func find(m *walkmap.Map, name string) *walkmap.Widget { return m.Find(name) }

// findText is the widget of a kind showing text on a layer, nil if none.
func findText(m *walkmap.Map, kind, text string, layer int) *walkmap.Widget {
	for i := range m.Widgets {
		if x := &m.Widgets[i]; x.Kind == kind && x.Text == text && x.Layer == layer {
			return x
		}
	}
	return nil
}

func (w *walk) click(name string) error {
	x := find(w.last, name)
	if x == nil {
		return fmt.Errorf("%s is not on the screen (page %s)", name, w.last.Page)
	}
	return w.clickAt(x)
}

// clickButton clicks the one enabled button with this text on the top layer.
func (w *walk) clickButton(text string) error {
	var hits []*walkmap.Widget
	for i := range w.last.Widgets {
		x := &w.last.Widgets[i]
		if x.Kind == "button" && x.Text == text && x.Layer == w.last.Overlays && !x.Disabled {
			hits = append(hits, x)
		}
	}
	if len(hits) != 1 {
		return fmt.Errorf("want one enabled button %q on page %s, found %d", text, w.last.Page, len(hits))
	}
	return w.clickAt(hits[0])
}

// dismiss closes the top dialog with its only button.
func (w *walk) dismiss() error {
	layer := w.last.Overlays
	var btn *walkmap.Widget
	for i := range w.last.Widgets {
		if x := &w.last.Widgets[i]; x.Kind == "button" && x.Layer == layer {
			if btn != nil {
				return fmt.Errorf("the dialog has more than one button")
			}
			btn = x
		}
	}
	if btn == nil {
		return fmt.Errorf("no dialog with a button is open")
	}
	if err := w.clickAt(btn); err != nil {
		return err
	}
	_, err := w.until("the dialog is gone", func(m *walkmap.Map) bool { return m.Overlays < layer })
	return err
}

func (w *walk) clickAt(x *walkmap.Widget) error {
	if err := w.alive(); err != nil {
		return err
	}
	cx, cy := x.X+x.W/2, x.Y+x.H/2
	w.logf("click %s %q at %d,%d", cmp.Or(x.Name, x.Kind), x.Text, cx, cy)
	return w.xdotool("mousemove", "--window", w.window, strconv.Itoa(cx), strconv.Itoa(cy), "click", "1")
}

func (w *walk) xdotool(args ...string) error {
	cmd := exec.Command("xdotool", args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+w.display)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("xdotool %s: %v %s", strings.Join(args, " "), err, out)
	}
	return nil
}

// until waits for the window to report a state for which ok holds, with no
// background job running and no change for a moment (laid out and drawn).
// It fails at once if the program dies, and after the -wait time otherwise.
func (w *walk) until(what string, ok func(*walkmap.Map) bool) (*walkmap.Map, error) {
	const settle = 150 * time.Millisecond
	deadline := time.Now().Add(*wait)
	for {
		if err := w.alive(); err != nil {
			return nil, err
		}
		if err := w.readMap(); err != nil {
			return nil, err
		}
		if m := w.last; m != nil && m.Busy == 0 && ok(m) && time.Since(w.lastAt) >= settle {
			return m, nil
		}
		if time.Now().After(deadline) {
			page := ""
			if w.last != nil {
				page = fmt.Sprintf(" (page %s, %d overlays, %d jobs running, state %v; the map last changed %.1fs ago)",
					w.last.Page, w.last.Overlays, w.last.Busy, w.last.State, time.Since(w.lastAt).Seconds())
			}
			return nil, fmt.Errorf("waited %v for %s%s", *wait, what, page)
		}
		time.Sleep(25 * time.Millisecond)
	}
}

// readMap reads the lines the window added to its map since the last call.
func (w *walk) readMap() error {
	if w.mapFile == nil {
		f, err := os.Open(filepath.Join(w.dir, "walkmap.jsonl"))
		if errors.Is(err, os.ErrNotExist) {
			return nil
		} else if err != nil {
			return err
		}
		w.mapFile = f
	}
	chunk, err := io.ReadAll(w.mapFile)
	if err != nil {
		return err
	}
	w.mapBuf = append(w.mapBuf, chunk...)
	for {
		i := bytes.IndexByte(w.mapBuf, '\n')
		if i < 0 {
			return nil
		}
		var m walkmap.Map
		if err := json.Unmarshal(w.mapBuf[:i], &m); err != nil {
			return fmt.Errorf("walk map: %v", err)
		}
		w.mapBuf = w.mapBuf[i+1:]
		w.last, w.lastAt = &m, time.Now()
	}
}

func (w *walk) lang() string {
	if w.last == nil {
		return ""
	}
	return w.last.Lang
}

// logf prints what the walk does, with the time since it began.
func (w *walk) logf(format string, args ...any) {
	fmt.Printf("walk %5.1fs  %s\n", time.Since(w.began).Seconds(), fmt.Sprintf(format, args...))
}

// ---- the program ----

func (w *walk) startApp() error {
	cfg := filepath.Join(w.dir, "config")
	w.stderr = &bytes.Buffer{}
	logFile, err := os.Create(filepath.Join(*outDir, "advisordesk-stderr.log"))
	if err != nil {
		return err
	}
	w.app = exec.Command(*binPath, "--db", w.db)
	w.app.Env = append(withoutLocale(os.Environ()),
		"DISPLAY="+w.display,
		"LANG=zh_CN.UTF-8",
		"XDG_CONFIG_HOME="+cfg, // the window's preferences (size, language) start fresh
		walkmap.EnvFile+"="+filepath.Join(w.dir, "walkmap.jsonl"),
		walkmap.EnvTiming+"=1",
	)
	w.app.Stdout = logFile
	w.app.Stderr = io.MultiWriter(logFile, w.stderr)
	if err := w.app.Start(); err != nil {
		return err
	}
	w.exited = make(chan struct{})
	go func() {
		w.exitErr = w.app.Wait()
		logFile.Close()
		close(w.exited)
	}()
	return nil
}

func withoutLocale(env []string) []string {
	return slices.DeleteFunc(slices.Clone(env), func(s string) bool {
		for _, k := range []string{"LANG=", "LC_ALL=", "LC_MESSAGES=", "LANGUAGE=", "DISPLAY="} {
			if strings.HasPrefix(s, k) {
				return true
			}
		}
		return false
	})
}

// alive is nil while the program runs; after it ended, the reason.
func (w *walk) alive() error {
	select {
	case <-w.exited:
		return w.died()
	default:
		return nil
	}
}

// died explains an ended program with the panic from its stderr.
func (w *walk) died() error {
	if w.exitErr == nil {
		return fmt.Errorf("the program ended (exit status 0) during step %q, before the walk was done\n%s", w.step, panicText(w.stderr.String()))
	}
	return fmt.Errorf("the window died (%v) during step %q\n%s", w.exitErr, w.step, panicText(w.stderr.String()))
}

// checkStderr fails on a panic or Go runtime error the program printed
// even though it exited with 0.
func (w *walk) checkStderr() error {
	if p := panicText(w.stderr.String()); p != "" {
		return fmt.Errorf("the program exited with 0 but printed:\n%s", p)
	}
	for _, line := range strings.Split(w.stderr.String(), "\n") {
		if ms, ok := strings.CutPrefix(line, "signin-ready "); ok {
			fmt.Printf("walk: the sign-in form showed %s ms after start\n", ms)
		}
	}
	return nil
}

// panicText is the panic or fatal error in a program's stderr and the
// first frames after it, "" if none.
func panicText(s string) string {
	i := -1
	for _, p := range []string{"panic: ", "fatal error: ", "SIGSEGV"} {
		if j := strings.Index(s, p); j >= 0 && (i < 0 || j < i) {
			i = j
		}
	}
	if i < 0 {
		return ""
	}
	lines := strings.Split(s[i:], "\n")
	return "--- the program's stderr ---\n" + strings.Join(lines[:min(len(lines), 40)], "\n")
}

// expect is a value the data file must hold after the walk: what the
// window showed in field of advisor empno, in the window's language then.
type expect struct {
	lang, empno, field, want, why string
}

// checkFile reads the data file back after the window closed: it checks
// clean, and holds what the window saved and not what it discarded.
func (w *walk) checkFile() error {
	if out, err := w.ctl("check").CombinedOutput(); err != nil {
		return fmt.Errorf("advisorctl check after the walk: %v\n%s", err, out)
	}
	for _, e := range w.expects {
		rows, err := w.export(e.lang)
		if err != nil {
			return err
		}
		l, _ := i18n.For(e.lang)
		col := slices.Index(rows[0], l.T("field."+e.field))
		if col < 0 {
			return fmt.Errorf("the export has no column %q: %v", l.T("field."+e.field), rows[0])
		}
		i := slices.IndexFunc(rows, func(r []string) bool { return r[0] == e.empno })
		if i < 0 {
			return fmt.Errorf("advisor %s is not in the export", e.empno)
		}
		if got := rows[i][col]; got != e.want {
			return fmt.Errorf("%s's %s: the window %s, so the file should hold %q; it holds %q", e.empno, e.field, e.why, e.want, got)
		}
		w.logf("on file: %s's %s is %q (%s)", e.empno, e.field, e.want, e.why)
	}
	return nil
}

// export is the roster as advisorctl exports it in lang, header first.
func (w *walk) export(lang string) ([][]string, error) {
	path := filepath.Join(w.dir, "advisors-"+lang+".csv")
	if out, err := w.ctl("export", "advisors", "--format", "csv", "--lang", lang, "--out", path).CombinedOutput(); err != nil {
		return nil, fmt.Errorf("advisorctl export: %v\n%s", err, out)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := csv.NewReader(bufio.NewReader(f)).ReadAll()
	if err != nil || len(rows) < 2 {
		return nil, fmt.Errorf("reading the export: %v (%d rows)", err, len(rows))
	}
	return rows, nil
}

// keepMap writes the window's last report beside the screenshots.
func (w *walk) keepMap() {
	if w.last != nil {
		b, _ := json.MarshalIndent(w.last, "", " ")
		os.WriteFile(filepath.Join(*outDir, "walkmap-last.json"), b, 0o644)
	}
}

// ---- X ----

// startX connects to -display, or starts a private Xvfb on a free display.
func (w *walk) startX() error {
	w.display = *display
	if w.display == "" {
		r, wr, err := os.Pipe()
		if err != nil {
			return err
		}
		w.xvfb = exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1366x768x24", "-nolisten", "tcp")
		w.xvfb.ExtraFiles = []*os.File{wr}
		w.xvfb.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
		if err := w.xvfb.Start(); err != nil {
			return fmt.Errorf("starting Xvfb (install xvfb): %v", err)
		}
		wr.Close()
		line := make(chan string, 1)
		go func() {
			s, _ := bufio.NewReader(r).ReadString('\n')
			line <- strings.TrimSpace(s)
		}()
		select {
		case n := <-line:
			if n == "" {
				return fmt.Errorf("xvfb did not report its display")
			}
			w.display = ":" + n
		case <-time.After(10 * time.Second):
			return fmt.Errorf("xvfb did not start within 10s")
		}
	}
	var err error
	if w.x, err = xgb.NewConnDisplay(w.display); err != nil {
		return fmt.Errorf("connecting to X display %s: %v", w.display, err)
	}
	return nil
}

// findWindow is the program's top-level window.
func (w *walk) findWindow() (string, error) {
	deadline := time.Now().Add(*wait)
	for {
		cmd := exec.Command("xdotool", "search", "--onlyvisible", "--pid", strconv.Itoa(w.app.Process.Pid))
		cmd.Env = append(os.Environ(), "DISPLAY="+w.display)
		out, _ := cmd.Output()
		if f := strings.Fields(string(out)); len(f) > 0 {
			return f[0], nil
		}
		if time.Now().After(deadline) {
			return "", fmt.Errorf("no visible window of the program on %s", w.display)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (w *walk) atom(name string) (xproto.Atom, error) {
	r, err := xproto.InternAtom(w.x, false, uint16(len(name)), name).Reply()
	if err != nil {
		return 0, err
	}
	return r.Atom, nil
}

// deleteWindow sends the window WM_DELETE_WINDOW, the message its close
// button sends through a window manager.
func (w *walk) deleteWindow() error {
	id, err := strconv.ParseUint(w.window, 10, 32)
	if err != nil {
		return err
	}
	protocols, err := w.atom("WM_PROTOCOLS")
	if err != nil {
		return err
	}
	del, err := w.atom("WM_DELETE_WINDOW")
	if err != nil {
		return err
	}
	ev := xproto.ClientMessageEvent{Format: 32, Window: xproto.Window(id), Type: protocols,
		Data: xproto.ClientMessageDataUnionData32New([]uint32{uint32(del), 0, 0, 0, 0})}
	return xproto.SendEventChecked(w.x, false, xproto.Window(id), xproto.EventMaskNoEvent, string(ev.Bytes())).Check()
}

// screenshot writes the whole screen to the output folder as NN-name.png.
func (w *walk) screenshot(name string) {
	if w.x == nil {
		return
	}
	w.shots++
	path := filepath.Join(*outDir, fmt.Sprintf("%02d-%s.png", w.shots, name))
	if err := w.grab(path); err != nil {
		fmt.Fprintf(os.Stderr, "walk: screenshot %s: %v\n", path, err)
	}
}

func (w *walk) grab(path string) error {
	screen := xproto.Setup(w.x).DefaultScreen(w.x)
	width, height := int(screen.WidthInPixels), int(screen.HeightInPixels)
	r, err := xproto.GetImage(w.x, xproto.ImageFormatZPixmap, xproto.Drawable(screen.Root),
		0, 0, uint16(width), uint16(height), 0xffffffff).Reply()
	if err != nil {
		return err
	}
	if len(r.Data) < width*height*4 {
		return fmt.Errorf("screen depth %d: want 24/32-bit pixels", r.Depth)
	}
	img := image.NewRGBA(image.Rect(0, 0, width, height))
	for i := 0; i < width*height; i++ { // BGRX → RGBA
		p := r.Data[i*4 : i*4+4]
		img.Pix[i*4], img.Pix[i*4+1], img.Pix[i*4+2], img.Pix[i*4+3] = p[2], p[1], p[0], 0xff
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// stop ends what the walk started: the program (if a step failed while it
// ran), the X connection and a private Xvfb; the data folder goes too.
func (w *walk) stop() {
	if w.app != nil && w.app.Process != nil {
		select {
		case <-w.exited:
		default:
			w.app.Process.Kill()
			<-w.exited
		}
	}
	if w.x != nil {
		w.x.Close()
	}
	if w.xvfb != nil && w.xvfb.Process != nil {
		w.xvfb.Process.Signal(syscall.SIGTERM)
		w.xvfb.Wait()
	}
	if w.dir != "" {
		os.RemoveAll(w.dir)
	}
}

// typeScores types 70, 73, 76… into the scores, each clicked where the
// map shows it now: a score typed above may show or hide a suggestion's
// row and move the fields under it.
func (w *walk) typeScores(scores []walkmap.Widget) (map[string]string, error) {
	typed := map[string]string{}
	for i, x := range scores {
		v := strconv.Itoa(70 + 3*i)
		m, err := w.until(x.Name+" is on the map", func(m *walkmap.Map) bool { return find(m, x.Name) != nil })
		if err != nil {
			return nil, err
		}
		if err := w.clickAt(find(m, x.Name)); err != nil {
			return nil, err
		}
		if err := w.xdotool("key", "--clearmodifiers", "ctrl+a"); err != nil {
			return nil, err
		}
		if err := w.xdotool("type", "--delay", "20", v); err != nil {
			return nil, err
		}
		if _, err := w.until(x.Name+" shows "+v, func(m *walkmap.Map) bool { f := find(m, x.Name); return f != nil && f.Text == v }); err != nil {
			return nil, err
		}
		typed[x.Name] = v
	}
	return typed, nil
}
