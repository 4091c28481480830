package ui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// widgetEmbedders lists the types of package ui that embed a Fyne widget
// (widget.X or *widget.X), read from the package's sources.
func widgetEmbedders(t *testing.T) []string {
	t.Helper()
	files, _ := filepath.Glob("*.go")
	fset := token.NewFileSet()
	var names []string
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		alias := ""
		for _, imp := range f.Imports {
			if p, _ := strconv.Unquote(imp.Path.Value); p == "fyne.io/fyne/v2/widget" {
				alias = "widget"
				if imp.Name != nil {
					alias = imp.Name.Name
				}
			}
		}
		if alias == "" {
			continue
		}
		ast.Inspect(f, func(n ast.Node) bool {
			ts, ok := n.(*ast.TypeSpec)
			if !ok {
				return true
			}
			st, ok := ts.Type.(*ast.StructType)
			if !ok {
				return true
			}
			for _, fld := range st.Fields.List {
				typ := fld.Type
				if star, ok := typ.(*ast.StarExpr); ok {
					typ = star.X
				}
				if sel, ok := typ.(*ast.SelectorExpr); ok && len(fld.Names) == 0 {
					if id, ok := sel.X.(*ast.Ident); ok && id.Name == alias {
						names = append(names, ts.Name.Name)
					}
				}
			}
			return true
		})
	}
	return names
}

// extendsItself reports whether a widget's BaseWidget points back at the
// widget itself. A type that embeds a Fyne widget without calling
// ExtendBaseWidget on itself leaves the inner widget as the one Fyne
// refreshes and opens pop-ups for, while the canvas draws the outer one.
func extendsItself(t *testing.T, w fyne.Widget) bool {
	t.Helper()
	v := reflect.ValueOf(w)
	if v.Kind() != reflect.Pointer {
		return true
	}
	impl := v.Elem().FieldByName("impl") // BaseWidget.impl, promoted
	if !impl.IsValid() || impl.Kind() != reflect.Interface {
		t.Fatalf("%T: Fyne's BaseWidget.impl not found; this check needs updating for this Fyne version", w)
	}
	return !impl.IsNil() && impl.Elem().Pointer() == v.Pointer()
}

// eachObject calls fn for o and everything it draws.
func eachObject(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	if o == nil {
		return
	}
	fn(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			eachObject(c, fn)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			eachObject(c, fn)
		}
	}
}

// checkExtended walks the window and its overlays and fails for every
// widget of package ui that does not extend itself; it returns the base
// names of the ui widget types it met.
func checkExtended(t *testing.T, u *App) map[string]bool {
	t.Helper()
	seen := map[string]bool{}
	check := func(o fyne.CanvasObject) {
		w, ok := o.(fyne.Widget)
		if !ok {
			return
		}
		typ := reflect.TypeOf(w)
		if typ.Kind() == reflect.Pointer {
			typ = typ.Elem()
		}
		if typ.PkgPath() != "advisordesk/ui" {
			return
		}
		name, _, _ := strings.Cut(typ.Name(), "[")
		seen[name] = true
		if !extendsItself(t, w) {
			t.Errorf("%T embeds a Fyne widget but does not extend it (ExtendBaseWidget on itself)", w)
		}
	}
	c := u.win.Canvas()
	eachObject(c.Content(), check)
	for _, o := range c.Overlays().List() {
		eachObject(o, check)
	}
	return seen
}

// TestWidgetsExtendThemselves visits every page, the template editor and
// the evaluation dialog, and checks every widget type of package ui that
// it meets; every type that embeds a Fyne widget must have been met.
func TestWidgetsExtendThemselves(t *testing.T) {
	u, _ := newTestApp(t, 6)
	seen := map[string]bool{}
	for i := range u.pages {
		u.Open(i)
		u.Wait()
		if i == pageRoster {
			tapRow(t, u.roster.list.table, 0)
		}
		if i == pageProcess { // a walk-in's customer matches, as typed
			openProcessTab(t, u, "Receptions")
			test.Type(u.process.reception.lookup, "女士")
			u.Wait()
		}
		if i == pageAppraisal {
			tapRow(t, u.appraisal.list.table, 0)
			u.Wait()
			u.appraisal.editTemplates()
			u.Wait()
		}
		for k := range checkExtended(t, u) {
			seen[k] = true
		}
		if i == pageProcess { // nothing left typed to ask about on leaving
			u.process.reception.lookup.SetText("")
		}
		for u.win.Canvas().Overlays().Top() != nil {
			u.win.Canvas().Overlays().Top().Hide()
			u.win.Canvas().Overlays().Remove(u.win.Canvas().Overlays().Top())
		}
	}
	embedders := widgetEmbedders(t)
	if len(embedders) == 0 {
		t.Fatal("found no ui type that embeds a widget: the source scan is broken")
	}
	for _, name := range embedders {
		if !seen[name] {
			t.Errorf("ui type %s embeds a Fyne widget but the walk never met one on screen; show it here", name)
		}
	}
	t.Logf("checked %v (embedders %v)", slices.Sorted(func(yield func(string) bool) {
		for k := range seen {
			if !yield(k) {
				return
			}
		}
	}), embedders)
}
