package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestProductKindThroughFiles: the products' files carry the kind in both
// languages, a service with no stock; an import reads 商品/服务 and
// goods/service alike and refuses any other kind, or a service given a
// stock, naming its row and column, writing nothing.
func TestProductKindThroughFiles(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "office.db")
	if code, _, e := ctl(t, "--db", db, "demo", "--advisors", "3"); code != 0 {
		t.Fatalf("demo: %d %s", code, e)
	}
	for lang, want := range map[string][]string{
		"zh": {"类型", "SV-001,常规保养（5000公里）,服务,维修保养,次,380,,否,在售", ",商品,配件,"},
		"en": {"Kind", "SV-001,常规保养（5000公里）,Service,", ",Goods,"},
	} {
		code, out, e := ctl(t, "--db", db, "export", "products", "--format", "csv", "--lang", lang)
		if code != 0 {
			t.Fatalf("export %s: %d %s", lang, code, e)
		}
		for _, w := range want {
			if !strings.Contains(out, w) {
				t.Errorf("%s export has no %q:\n%s", lang, w, out)
			}
		}
	}

	good := filepath.Join(dir, "kinds.csv")
	os.WriteFile(good, []byte("产品编号,产品名称,类型,单价,库存\nKD-1,洗车,服务,30,\nKD-2,玻璃水,商品,12,10\nKD-3,Polish,service,50,\nKD-4,Wax,goods,80,3\n"), 0o600)
	if code, out, e := ctl(t, "--db", db, "import", "products", good); code != 0 || !strings.Contains(out, "4 ") {
		t.Fatalf("import: %d %q %q", code, out, e)
	}
	_, out, _ := ctl(t, "--db", db, "export", "products", "--format", "csv", "--lang", "en")
	for _, w := range []string{"KD-1,洗车,Service,", "KD-2,玻璃水,Goods,", "KD-3,Polish,Service,", "KD-4,Wax,Goods,"} {
		if !strings.Contains(out, w) {
			t.Errorf("no %q after the import:\n%s", w, out)
		}
	}

	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("Code,Product,Kind,Unit price,Stock\nKD-5,Tyre,实物,300,\nKD-6,Check,服务,0,4\n"), 0o600)
	code, out, e := ctl(t, "--db", db, "import", "products", bad)
	if code != 1 || !strings.Contains(out, "Row 2: Kind: “实物” is not one of the choices") ||
		!strings.Contains(out, "Row 3: Stock: A service keeps no stock") {
		t.Fatalf("a kind of 实物: %d %q %q", code, out, e)
	}
	if _, out, _ := ctl(t, "--db", db, "export", "products", "--format", "csv"); strings.Contains(out, "KD-6") {
		t.Fatal("a refused file was half imported")
	}
}
