package exchange

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// An excelize setter that fails (a cell beyond the sheet, a bad style)
// must fail the export, not leave a workbook with a cell or a style
// missing. The package's code is read here: a call on a workbook, or to an
// excelize function, whose error is discarded fails the test. (Close in a
// defer is left alone: the workbook was written by then.)
func TestWorkbookErrorsAreNotDropped(t *testing.T) {
	returnsErr := map[string]bool{} // *excelize.File's methods that return an error
	errType := reflect.TypeFor[error]()
	ft := reflect.TypeFor[*excelize.File]()
	for i := range ft.NumMethod() {
		m := ft.Method(i).Type
		if n := m.NumOut(); n > 0 && m.Out(n-1) == errType {
			returnsErr[ft.Method(i).Name] = true
		}
	}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		books := workbookNames(file)
		// dropped is a call whose error nobody reads: a workbook's method
		// that returns one, or any excelize function.
		dropped := func(e ast.Expr) bool {
			call, ok := e.(*ast.CallExpr)
			if !ok {
				return false
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return false
			}
			x, ok := sel.X.(*ast.Ident)
			return ok && (x.Name == "excelize" || books[x.Name] && returnsErr[sel.Sel.Name])
		}
		ast.Inspect(file, func(n ast.Node) bool {
			switch s := n.(type) {
			case *ast.ExprStmt:
				if dropped(s.X) {
					t.Errorf("%s: the error of %s is dropped", fset.Position(s.Pos()), render(s.X))
				}
			case *ast.AssignStmt:
				last, ok := s.Lhs[len(s.Lhs)-1].(*ast.Ident)
				if ok && last.Name == "_" && len(s.Rhs) == 1 && dropped(s.Rhs[0]) {
					t.Errorf("%s: the error of %s is assigned to _", fset.Position(s.Pos()), render(s.Rhs[0]))
				}
			}
			return true
		})
	}
}

// workbookNames are the identifiers in file that hold an *excelize.File:
// parameters declared so and variables set from excelize.NewFile,
// OpenReader or OpenFile.
func workbookNames(file *ast.File) map[string]bool {
	names := map[string]bool{}
	isExcelize := func(e ast.Expr, names ...string) bool {
		sel, ok := e.(*ast.SelectorExpr)
		if !ok {
			return false
		}
		x, ok := sel.X.(*ast.Ident)
		return ok && x.Name == "excelize" && slices.Contains(names, sel.Sel.Name)
	}
	ast.Inspect(file, func(n ast.Node) bool {
		switch s := n.(type) {
		case *ast.Field:
			if star, ok := s.Type.(*ast.StarExpr); ok && isExcelize(star.X, "File") {
				for _, id := range s.Names {
					names[id.Name] = true
				}
			}
		case *ast.AssignStmt:
			if call, ok := s.Rhs[0].(*ast.CallExpr); ok && len(s.Rhs) == 1 && isExcelize(call.Fun, "NewFile", "OpenReader", "OpenFile") {
				if id, ok := s.Lhs[0].(*ast.Ident); ok {
					names[id.Name] = true
				}
			}
		}
		return true
	})
	return names
}

func render(e ast.Expr) string {
	call := e.(*ast.CallExpr)
	sel := call.Fun.(*ast.SelectorExpr)
	return sel.X.(*ast.Ident).Name + "." + sel.Sel.Name
}
