package model

import (
	"errors"
	"testing"
)

// TestHugeAmountsAreRefusedNotWrapped: a price, stock, quantity or amount
// typed far too large is refused as out of range; it neither wraps into a
// negative ("below zero") nor saves.
func TestHugeAmountsAreRefusedNotWrapped(t *testing.T) {
	if f, err := ParseFen("99999999999999999999"); !errors.Is(err, ErrTooLarge) || f <= 0 {
		t.Errorf("ParseFen of 10²⁰ yuan = %d, %v", f, err)
	}
	for _, c := range []struct {
		name  string
		p     Product
		field string
		code  string
	}{
		{"price 1e300", Product{Code: "X1", Name: "x", Price: 1e300}, FieldPrice, CodeRange},
		{"stock 1e300", Product{Code: "X1", Name: "x", Price: 1, Stock: 1e300}, FieldStock, CodeRange},
		{"service with stock", Product{Code: "X1", Name: "x", Kind: Service, Price: 1, Stock: 2}, FieldStock, CodeServiceStock},
	} {
		p := c.p
		p.Normalize()
		fes, _ := AsFieldErrors(p.Validate("2026-11-27"))
		if fe := fes.For(c.field); fe == nil || fe.Code != c.code {
			t.Errorf("%s: %v", c.name, fes)
		}
	}
	s := Sale{CustomerID: 1, AdvisorID: 1, Date: "2026-11-27", Lines: []SaleLine{{ProductID: 1, Qty: 1e9, Price: 1}, {ProductID: 1, Qty: 1, Price: 1e15}}}
	s.Normalize()
	fes, _ := AsFieldErrors(s.Validate("2026-11-27"))
	if len(fes) != 2 || fes[0].Code != CodeRange || fes[0].Row != 1 || fes[1].Code != CodeRange || fes[1].Row != 2 {
		t.Errorf("huge lines: %v", fes)
	}
}
