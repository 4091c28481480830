package ui

import (
	"strings"
	"testing"

	"advisordesk/assets"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func TestAboutShowsVersion(t *testing.T) {
	u, _ := newTestApp(t, 0)
	for _, c := range []struct{ lang, button, want string }{
		{langEn, "About…", "Version " + assets.Version},
		{langZh, "关于…", "版本 " + assets.Version},
	} {
		u.SetLanguage(c.lang)
		u.Open(pageSettings)
		u.Wait()
		var about *widget.Button
		eachObject(u.win.Canvas().Content(), func(o fyne.CanvasObject) {
			if b, ok := o.(*widget.Button); ok && b.Text == c.button {
				about = b
			}
		})
		if about == nil {
			t.Fatalf("%s: no %q button in Settings", c.lang, c.button)
		}
		test.Tap(about)
		if !strings.Contains(shownMessage(u), c.want) || !strings.Contains(shownMessage(u), "Noto Sans SC") {
			t.Errorf("%s: About says %q", c.lang, shownMessage(u))
		}
	}
}

func TestVersionIgnoresFyneDefaults(t *testing.T) {
	if v := version(fyne.AppMetadata{Version: "0.0.1", Build: 1}); !strings.HasPrefix(v, assets.Version) || strings.Contains(v, "0.0.1") {
		t.Errorf("without FyneApp.toml metadata: %q", v)
	}
	if v := version(fyne.AppMetadata{Version: assets.Version, Build: 7}); !strings.HasPrefix(v, assets.Version+" (build 7)") {
		t.Errorf("packaged: %q", v)
	}
}
