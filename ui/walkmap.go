package ui

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"strconv"
	"sync"
	"time"

	"advisordesk/ui/walkmap"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The walk map (package walkmap) and the start-up log line, for programs
// that drive or time the real window from outside. Neither costs anything
// unless its environment variable is set.

// started is as close to the launch as the package can see.
var started = time.Now()

var homeReadyOnce, signinReadyOnce sync.Once

// homeReady logs, once per process and only when EnvTiming is set,
// "home-ready <ms since start>" on stderr: the moment Home shows its counts.
func homeReady() { logReady(&homeReadyOnce, "home-ready") }

// signinReady logs "signin-ready <ms since start>" the same way: the moment
// the sign-in form (or the set-up) is shown, before anyone has typed.
func signinReady() { logReady(&signinReadyOnce, "signin-ready") }

func logReady(once *sync.Once, what string) {
	if os.Getenv(walkmap.EnvTiming) == "" {
		return
	}
	once.Do(func() {
		fmt.Fprintf(os.Stderr, "%s %d\n", what, time.Since(started).Milliseconds())
	})
}

// startWalkMap writes the walk map while the window runs, if asked to.
func (u *App) startWalkMap() {
	path := os.Getenv(walkmap.EnvFile)
	if path == "" {
		return
	}
	f, err := os.Create(path)
	if err != nil {
		fyne.LogError("walk map", err)
		return
	}
	go func() {
		var last []byte
		seq := 0
		for range time.Tick(50 * time.Millisecond) {
			var m *walkmap.Map
			fyne.DoAndWait(func() { m = u.walkMap() })
			if m == nil {
				return // the window has closed
			}
			body, _ := json.Marshal(m)
			if bytes.Equal(body, last) {
				continue
			}
			last = body
			seq++
			m.Seq, m.MS = seq, time.Since(started).Milliseconds()
			line, _ := json.Marshal(m)
			f.Write(append(line, '\n'))
		}
	}()
}

// walkMap reads the window; on the UI thread.
func (u *App) walkMap() *walkmap.Map {
	c := u.win.Canvas()
	m := &walkmap.Map{Lang: u.lang, Busy: u.running.Load(), Scale: c.Scale(), State: u.walkState()}
	if u.signedIn && !u.idle.locked && u.current < len(u.pages) {
		m.Page = u.pages[u.current].title
	}
	w := &walker{u: u, m: m, names: u.walkNames(), drv: fyne.CurrentApp().Driver()}
	full := rect{0, 0, c.Size().Width, c.Size().Height}
	w.walk(c.Content(), 0, full, fyne.Position{}, 0)
	for i, o := range c.Overlays().List() {
		w.walk(o, i+1, full, fyne.Position{}, 0)
	}
	m.Overlays = len(c.Overlays().List())
	return m
}

// walkState is what the screens hold that a walk checks after a click.
// Before sign-in "door" is "signin" or "setup" and "signin.problem" what
// the form says; once someone has signed in, "person" and "person.role"
// say who, and "locked" is "1" while the lock hides the office.
func (u *App) walkState() map[string]string {
	s := map[string]string{}
	if !u.signedIn {
		if si := u.signIn; si != nil {
			s["door"] = "signin"
			if si.setUp {
				s["door"] = "setup"
			}
			s["signin.problem"] = si.problem.Text
		}
		return s // the screens are gone with the person, or not made yet
	}
	who := u.store.Who()
	s["person"], s["person.role"] = who.Name, string(who.Role)
	if u.idle.locked {
		s["locked"] = "1"
	}
	if u.home != nil {
		s["home.total"] = u.home.total.Text
	}
	if r := u.roster; r != nil {
		s["roster.rows"] = strconv.Itoa(len(r.list.rows))
		s["roster.status"] = r.status.Text
		if r.editing != nil {
			s["roster.editing"] = strconv.FormatUint(r.editing.ID, 10)
			s["roster.editing.empno"] = r.editing.EmpNo
		}
	}
	if a := u.appraisal; a != nil {
		s["cycles.rows"] = strconv.Itoa(len(a.list.rows))
		if a.data != nil && a.data.Cycle != nil {
			s["cycle.open"] = strconv.FormatUint(a.data.Cycle.ID, 10)
			s["cycle.name"] = a.data.Cycle.Name
			s["results.rows"] = strconv.Itoa(len(a.results.ranked))
			if p := a.data.Advisors[a.results.selected]; p != nil {
				s["results.selected"] = p.EmpNo
			}
		}
		if e := a.results.evaluation; e != nil {
			s["evaluation.open"] = e.advisor.EmpNo
		}
		s["appraisal.status"] = a.status.Text
	}
	return s
}

// walkNames names the widgets a walk looks for by role rather than text.
func (u *App) walkNames() map[fyne.CanvasObject]string {
	n := map[fyne.CanvasObject]string{u.nav: "nav"}
	if si := u.signIn; si != nil {
		n[si.login], n[si.password], n[si.submit], n[si.problem] = "signin.login", "signin.password", "signin.submit", "signin.problem"
		if si.setUp {
			n[si.name], n[si.confirm] = "signin.name", "signin.confirm"
		}
	}
	if r := u.roster; r != nil {
		n[r.list.table] = "roster.list"
		n[r.list.search] = "roster.search"
		n[r.filter] = "roster.filter"
		for _, f := range r.form.fields {
			n[f.control()] = "roster." + f.key
		}
	}
	if a := u.appraisal; a != nil {
		n[a.list.table] = "cycles.list"
		n[a.results.table] = "results.list"
		for _, f := range a.cycle.form.fields {
			n[f.control()] = "cycle." + f.key
		}
		if e := a.results.evaluation; e != nil {
			for _, f := range e.form.fields {
				if f.row > 0 {
					n[f.control()] = fmt.Sprintf("evaluation.%s.%d", f.key, f.row)
				} else {
					n[f.control()] = "evaluation." + f.key
				}
			}
		}
	}
	if s := u.settings; s != nil {
		n[s.lang] = "settings.lang"
		n[s.company] = "settings.company"
	}
	return n
}

type rect struct{ x, y, w, h float32 }

func (r rect) contains(x, y float32) bool {
	return x >= r.x && y >= r.y && x < r.x+r.w && y < r.y+r.h
}

func (r rect) intersect(o rect) rect {
	x0, y0 := max(r.x, o.x), max(r.y, o.y)
	x1, y1 := min(r.x+r.w, o.x+o.w), min(r.y+r.h, o.y+o.h)
	return rect{x0, y0, max(0, x1-x0), max(0, y1-y0)}
}

type walker struct {
	u     *App
	m     *walkmap.Map
	names map[fyne.CanvasObject]string
	drv   fyne.Driver
}

var (
	typeObject  = reflect.TypeFor[fyne.CanvasObject]()
	typeObjects = reflect.TypeFor[[]fyne.CanvasObject]()
)

// walk records o, placed at origin plus its position, and what it holds.
// Widgets are found through their exported fields (a container's Objects,
// a scroll's or a pop-up's Content, a split's halves) and through the
// widgets they embed, so the screens need no changes for their controls to
// appear. Positions add up on the way down (the driver's own lookup walks
// the whole tree for every object).
func (w *walker) walk(o fyne.CanvasObject, layer int, clip rect, origin fyne.Position, depth int) {
	if o == nil || !o.Visible() || depth > 60 {
		return
	}
	pos := origin.Add(o.Position())
	size := o.Size()
	r := rect{pos.X, pos.Y, size.Width, size.Height}
	if _, ok := o.(*fyne.Container); !ok && !clip.contains(r.x+r.w/2, r.y+r.h/2) {
		return // scrolled out of sight; a container may still hold visible parts
	}
	if w.widget(o, w.names[o], layer, r, clip) {
		return
	}
	if f, ok := o.(*widget.Form); ok {
		// A form keeps its rows in a grid of its own renderer, out of
		// reach of its fields: the driver says where each input is.
		for _, it := range f.Items {
			if it.Widget != nil {
				at := w.drv.AbsolutePositionForObject(it.Widget).Subtract(it.Widget.Position())
				w.walk(it.Widget, layer, clip, at, depth+1)
			}
		}
		return
	}
	if t, ok := o.(*container.AppTabs); ok {
		if sel := t.Selected(); sel != nil {
			w.walk(sel.Content, layer, clip, pos, depth+1)
		}
		return
	}
	if _, ok := o.(*container.Scroll); ok {
		clip = clip.intersect(r)
	}
	v := reflect.ValueOf(o)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return
	}
	v = v.Elem()
	for i := 0; i < v.NumField(); i++ {
		f := v.Type().Field(i)
		if !f.IsExported() || f.Anonymous {
			continue
		}
		switch f.Type {
		case typeObject:
			if c, ok := v.Field(i).Interface().(fyne.CanvasObject); ok {
				w.walk(c, layer, clip, pos, depth+1)
			}
		case typeObjects:
			for _, c := range v.Field(i).Interface().([]fyne.CanvasObject) {
				w.walk(c, layer, clip, pos, depth+1)
			}
		}
	}
}

// widget records o if it is (or embeds) a widget the walk knows; false if
// o is something to look inside instead.
func (w *walker) widget(o fyne.CanvasObject, name string, layer int, r, clip rect) bool {
	if s := embedded[widget.Select](o); s != nil {
		text := s.Selected
		if text == "" {
			text = s.PlaceHolder
		}
		w.add(name, "select", text, s.Options, s.Disabled(), layer, r)
	} else if e := embedded[widget.Entry](o); e != nil {
		w.add(name, "entry", e.Text, nil, e.Disabled(), layer, r)
	} else if b := embedded[widget.Button](o); b != nil {
		w.add(name, "button", b.Text, nil, b.Disabled(), layer, r)
	} else if c := embedded[widget.Check](o); c != nil {
		w.add(name, "check", c.Text, nil, c.Disabled(), layer, r)
	} else if l := embedded[widget.Label](o); l != nil {
		w.add(name, "label", l.Text, nil, false, layer, r)
	} else if l := embedded[widget.List](o); l != nil {
		w.list(name, l, layer, r)
	} else if t := embedded[widget.Table](o); t != nil {
		w.table(name, t, layer, r)
	} else if m := embedded[widget.Menu](o); m != nil {
		w.menu(m, layer, clip)
	} else {
		return false
	}
	return true
}

func (w *walker) add(name, kind, text string, opts []string, disabled bool, layer int, r rect) {
	s := w.m.Scale
	w.m.Widgets = append(w.m.Widgets, walkmap.Widget{Name: name, Kind: kind, Text: text, Options: opts,
		Disabled: disabled, Layer: layer,
		X: int(r.x * s), Y: int(r.y * s), W: int(r.w * s), H: int(r.h * s)})
}

// list records a list's visible rows as "<name>.<i>" (the navigation's rows
// by their page key), placed as Fyne's list lays them out: rows of the
// template's height with a padding between them.
func (w *walker) list(name string, l *widget.List, layer int, r rect) {
	w.add(name, "list", "", nil, false, layer, r)
	if l.Length == nil || l.CreateItem == nil {
		return
	}
	h := l.CreateItem().MinSize().Height
	pad := theme.Padding()
	for i := 0; i < l.Length(); i++ {
		y := r.y + float32(i)*(h+pad) - l.GetScrollOffset()
		if y < r.y || y+h > r.y+r.h {
			continue
		}
		row := fmt.Sprintf("%s.%d", name, i)
		text := ""
		if l == w.u.nav && i < len(w.u.pages) {
			row, text = w.u.pages[i].title, tr(w.u.pages[i].title)
		}
		w.add(row, "row", text, nil, false, layer, rect{r.x, y, r.w, h})
	}
}

// table records a table's first visible rows as "<name>.<i>", placed as
// Fyne's table lays them out below its header (at the top of the table:
// the walk clicks rows right after a list loads).
func (w *walker) table(name string, t *widget.Table, layer int, r rect) {
	w.add(name, "table", "", nil, false, layer, r)
	if t.Length == nil || t.CreateCell == nil || name == "" {
		return
	}
	rows, _ := t.Length()
	head := float32(0)
	cell := t.CreateCell().MinSize()
	if t.ShowHeaderRow && t.CreateHeader != nil {
		hs := t.CreateHeader().MinSize()
		head, cell = hs.Height, cell.Max(hs)
	}
	pad := theme.Padding()
	for i := 0; i < rows; i++ {
		y := r.y + head + float32(i)*(cell.Height+pad)
		if y+cell.Height > r.y+r.h {
			break
		}
		w.add(fmt.Sprintf("%s.%d", name, i), "row", w.rowText(name, i), nil, false, layer, rect{r.x, y, r.w, cell.Height})
	}
}

// rowText is the first column of a named list's row.
func (w *walker) rowText(name string, i int) string {
	switch name {
	case "roster.list":
		if i < len(w.u.roster.list.rows) {
			return w.u.roster.list.rows[i].EmpNo
		}
	case "cycles.list":
		if i < len(w.u.appraisal.list.rows) {
			return w.u.appraisal.list.rows[i].Name
		}
	}
	return ""
}

// menu records a pop-up menu's items as "menu.<i>" (a choice's options).
func (w *walker) menu(m *widget.Menu, layer int, clip rect) {
	for i, it := range m.Items {
		pos := w.drv.AbsolutePositionForObject(it)
		size := it.Size()
		r := rect{pos.X, pos.Y, size.Width, size.Height}
		if !it.Visible() || !clip.contains(r.x+r.w/2, r.y+r.h/2) {
			continue
		}
		text := ""
		if v := reflect.ValueOf(it).Elem(); v.Kind() == reflect.Struct {
			if f := v.FieldByName("Item"); f.IsValid() {
				if mi, ok := f.Interface().(*fyne.MenuItem); ok && mi != nil {
					text = mi.Label
				}
			}
		}
		w.add(fmt.Sprintf("menu.%d", i), "menuitem", text, nil, false, layer, r)
	}
}

// embedded returns o as a *T if o is one or embeds one (as a value or a
// pointer, at any depth), else nil.
func embedded[T any](o fyne.CanvasObject) *T {
	if t, ok := any(o).(*T); ok {
		return t
	}
	v := reflect.ValueOf(o)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return nil
	}
	return embeddedIn[T](v.Elem(), 0)
}

func embeddedIn[T any](v reflect.Value, depth int) *T {
	want := reflect.TypeFor[T]()
	for i := 0; i < v.NumField() && depth < 4; i++ {
		f := v.Type().Field(i)
		if !f.Anonymous {
			continue
		}
		fv := v.Field(i)
		switch {
		case f.Type == want && fv.CanAddr():
			return (*T)(fv.Addr().UnsafePointer())
		case f.Type == reflect.PointerTo(want) && !fv.IsNil():
			return (*T)(fv.UnsafePointer())
		case f.Type.Kind() == reflect.Struct:
			if t := embeddedIn[T](fv, depth+1); t != nil {
				return t
			}
		case f.Type.Kind() == reflect.Pointer && f.Type.Elem().Kind() == reflect.Struct && !fv.IsNil():
			if t := embeddedIn[T](fv.Elem(), depth+1); t != nil {
				return t
			}
		}
	}
	return nil
}
