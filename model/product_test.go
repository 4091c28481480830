package model

import "testing"

// TestStockThatIsNoNumberAsksForAWholeOne: stock counts units, so its
// "not a number" gives a whole-number example, a price a decimal one.
func TestStockThatIsNoNumberAsksForAWholeOne(t *testing.T) {
	if _, code := ProductRecord.Field(FieldStock).Parse("abc"); code != CodeCount {
		t.Errorf("stock abc: %q", code)
	}
	if _, code := ProductRecord.Field(FieldPrice).Parse("abc"); code != CodeNumber {
		t.Errorf("price abc: %q", code)
	}
}
