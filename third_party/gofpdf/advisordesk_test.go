package gofpdf

import (
	"math"
	"math/rand"
	"strconv"
	"testing"
)

// appendFixed2 must write exactly the digits "%.2f" writes: page content
// is compared byte for byte between prints.
func TestAppendFixed2(t *testing.T) {
	vs := []float64{0, math.Copysign(0, -1), -0.001, 0.005, 0.015, 0.025, 1.005, 2.675, -2.675, 595.28, 841.89,
		1e14, 1e15, 1e300, -1e300, math.Inf(1), math.Inf(-1), math.NaN(), 0.125, 0.375, 99.995}
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 200000; i++ {
		v := (rng.Float64() - 0.3) * 2000
		if i%3 == 0 {
			v = float64(rng.Intn(200000)-50000) / 1000 // many ties at three decimals
		}
		vs = append(vs, v, v*72/25.4)
	}
	for _, v := range vs {
		want := strconv.FormatFloat(v, 'f', 2, 64)
		if got := string(appendFixed2(nil, v)); got != want {
			t.Fatalf("%v: got %s, want %s", v, got, want)
		}
	}
}
