package i18n

import (
	"fmt"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// Both languages group a count's digits by thousands with a comma (12,345;
// 一万二千 is not how offices print counts).
var counts = message.NewPrinter(language.SimplifiedChinese)

// Count writes a count with thousands separators: 12,345.
func Count[N ~int | ~int64](n N) string { return counts.Sprint(int64(n)) }

// Size writes a number of bytes in B, KB, MB or GB.
func Size(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.2f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
