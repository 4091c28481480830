// Command onedoor checks that the window and the command line reach the
// records only through the store of a signed-in person (issue 9's "one
// door"): storage's exported API hands out a person's DB only by signing in
// (Open's DB acts for nobody), takes no identity from its caller, and no
// code in ui or cmd names the program's own role. Run from the project's
// root: go run ./scripts/onedoor
package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
)

// doors are the exported functions and methods allowed to return a *DB.
var doors = map[string]bool{"Open": true, "Login": true, "SetUp": true, "Recover": true}

func main() {
	problems := storageAPI("storage")
	for _, dir := range []string{"ui", "cmd"} {
		problems = append(problems, namesProgram(dir)...)
	}
	for _, p := range problems {
		fmt.Println(p)
	}
	if len(problems) > 0 {
		os.Exit(1)
	}
	fmt.Println("one door ok")
}

// storageAPI lists the exported functions of the storage package (its
// non-test files) that open another door: returning a *DB without signing
// in, or taking an identity to act as.
func storageAPI(dir string) []string {
	fset := token.NewFileSet()
	var out []string
	files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			return []string{err.Error()}
		}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || !fn.Name.IsExported() || (fn.Recv != nil && !exportedRecv(fn.Recv)) {
				continue
			}
			at := fset.Position(fn.Pos())
			if fn.Type.Results != nil && !doors[fn.Name.Name] {
				for _, r := range fn.Type.Results.List {
					if typeText(r.Type) == "*DB" {
						out = append(out, fmt.Sprintf("%s: %s returns a *DB without signing in", at, fn.Name.Name))
					}
				}
			}
			for _, p := range fn.Type.Params.List {
				if t := typeText(p.Type); strings.HasSuffix(t, "Identity") {
					out = append(out, fmt.Sprintf("%s: %s takes a %s to act as", at, fn.Name.Name, t))
				}
			}
		}
	}
	return out
}

func exportedRecv(r *ast.FieldList) bool {
	t := typeText(r.List[0].Type)
	t = strings.TrimPrefix(t, "*")
	if i := strings.IndexByte(t, '['); i >= 0 {
		t = t[:i]
	}
	return ast.IsExported(t)
}

func typeText(e ast.Expr) string {
	switch t := e.(type) {
	case *ast.Ident:
		return t.Name
	case *ast.StarExpr:
		return "*" + typeText(t.X)
	case *ast.SelectorExpr:
		return typeText(t.X) + "." + t.Sel.Name
	case *ast.IndexExpr:
		return typeText(t.X) + "[" + typeText(t.Index) + "]"
	case *ast.IndexListExpr:
		return typeText(t.X) + "[…]"
	}
	return fmt.Sprintf("%T", e)
}

// namesProgram lists the Go files under dir that name the program's own
// role: only the store acts as the program.
func namesProgram(dir string) []string {
	var out []string
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		b, err := os.ReadFile(path)
		if err == nil && strings.Contains(string(b), "RoleProgram") {
			out = append(out, path+": names model.RoleProgram; only storage acts as the program")
		}
		return err
	})
	return out
}
