package storage

import (
	"encoding/json"
	"os"
	"testing"
)

// TestEveryUseIsWorded: a refused delete names what still refers to the
// record through a "use.<table>.<field>" text; a reference field without one
// showed its raw key to the person (complaints' customer did).
func TestEveryUseIsWorded(t *testing.T) {
	db := openTemp(t)
	for _, lang := range []string{"en", "zh_Hans"} {
		raw, err := os.ReadFile("../assets/translations/" + lang + ".json")
		if err != nil {
			t.Fatal(err)
		}
		var texts map[string]string
		if err := json.Unmarshal(raw, &texts); err != nil {
			t.Fatal(err)
		}
		for _, tb := range db.all {
			for _, rf := range db.referrers(tb.Name()) {
				key := "use." + rf.table + "." + rf.field
				keys := []string{key}
				if lang == "en" { // Chinese has no singular form
					keys = append(keys, key+".one")
				}
				for _, k := range keys {
					if texts[k] == "" {
						t.Errorf("%s: no %q (deleting from %s, still used by %s)", lang, k, tb.Name(), rf.table)
					}
				}
			}
		}
	}
}
