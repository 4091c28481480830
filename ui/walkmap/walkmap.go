// Package walkmap is the format in which the window tells a program driving
// it from outside (scripts/walk) where its widgets are. Fyne draws its own
// widgets, so X knows of none of them: when EnvFile names a file, the window
// appends a Map to it, one JSON line, each time what it shows changes.
package walkmap

const (
	// EnvFile names the file the window writes its maps to.
	EnvFile = "ADVISORDESK_WALK"
	// EnvTiming makes the window print "signin-ready <ms since start>" on
	// stderr once, when the sign-in form is shown, and "home-ready <ms>"
	// once, when Home has drawn its counts (after the first sign-in).
	EnvTiming = "ADVISORDESK_TIMING"
)

// Map is what the window shows at one moment.
type Map struct {
	Seq      int               `json:"seq"`
	MS       int64             `json:"ms"`   // since start
	Lang     string            `json:"lang"` // "zh" or "en"
	Page     string            `json:"page"` // the navigation entry's key, e.g. "nav.roster"
	Busy     int32             `json:"busy"` // background jobs whose answer has not run yet
	Overlays int               `json:"overlays"`
	Scale    float32           `json:"scale"` // pixels per Fyne unit
	State    map[string]string `json:"state"` // what the screens hold, e.g. "roster.editing.empno", "door", "person", "locked"
	Widgets  []Widget          `json:"widgets"`
}

// Widget is one visible widget: its name where the window gives it one
// (navigation rows "nav.roster", list rows "roster.list.0", form fields
// "roster.employment", pop-up menu items "menu.0"), its kind and text, and
// its rectangle in window pixels. Layer 0 is the window's content, higher
// layers are pop-ups and dialogs above it; only the top one takes clicks.
type Widget struct {
	Name     string   `json:"name,omitempty"`
	Kind     string   `json:"kind"` // button, select, entry, check, label, list, table, row, menuitem
	Text     string   `json:"text,omitempty"`
	Options  []string `json:"options,omitempty"`
	Disabled bool     `json:"disabled,omitempty"`
	Layer    int      `json:"layer"`
	X        int      `json:"x"`
	Y        int      `json:"y"`
	W        int      `json:"w"`
	H        int      `json:"h"`
}

// Find is the named widget on the top layer, nil if none.
func (m *Map) Find(name string) *Widget {
	for i := range m.Widgets {
		if x := &m.Widgets[i]; x.Name == name && x.Layer == m.Overlays {
			return x
		}
	}
	return nil
}
