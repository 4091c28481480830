package model

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Sale is one sale to a customer (销售业绩): lines of product × quantity ×
// unit price, less a discount. Saving an active sale takes its quantities out
// of stock and cancelling it puts them back, in the same transaction (the
// store's SaveSale). Money is in fen.
type Sale struct {
	ID      uint64    `msgpack:"id"`
	Created time.Time `msgpack:"created"`
	Updated time.Time `msgpack:"updated"`

	CustomerID uint64     `msgpack:"customer_id"`
	Customer   string     `msgpack:"customer,omitempty"` // the customer's name, filled by the store
	AdvisorID  uint64     `msgpack:"advisor_id"`
	Advisor    string     `msgpack:"advisor,omitempty"`
	AdvisorNo  string     `msgpack:"-"`
	Date       Date       `msgpack:"date"`
	Lines      []SaleLine `msgpack:"lines,alias:Lines"`  // written untagged, as "Lines", before 2026-11-27
	Discount   int64      `msgpack:"discount,omitempty"` // fen off the lines' sum
	Total      int64      `msgpack:"total"`              // fen: the lines' sum less the discount (Normalize)
	Reception  uint64     `msgpack:"reception,omitempty"`
	State      SaleState  `msgpack:"state"`
	Notes      string     `msgpack:"notes,omitempty"`
}

// SaleLine is one product of a sale. Code and Name are the product's as
// they were when sold, for the record to read the same later.
type SaleLine struct {
	ProductID uint64 `msgpack:"product_id"`
	Code      string `msgpack:"code,omitempty"`
	Name      string `msgpack:"name,omitempty"`
	Qty       int64  `msgpack:"qty"`
	Price     int64  `msgpack:"price"` // fen per unit
}

// Amount is the line's quantity × unit price, in fen.
func (l *SaleLine) Amount() int64 { return l.Qty * l.Price }

func (s *Sale) Key() uint64      { return s.ID }
func (s *Sale) SetKey(id uint64) { s.ID = id }
func (s *Sale) Touch(t time.Time) {
	if s.Created.IsZero() {
		s.Created = t
	}
	s.Updated = t
}

// Subtotal is the sum of the lines, before the discount.
func (s *Sale) Subtotal() int64 {
	var sum int64
	for i := range s.Lines {
		sum += s.Lines[i].Amount()
	}
	return sum
}

// Taken is how many of each product an active sale holds out of stock:
// none for a cancelled one.
func (s *Sale) Taken() map[uint64]int64 {
	out := map[uint64]int64{}
	if s == nil || s.State != SaleActive {
		return out
	}
	for _, l := range s.Lines {
		out[l.ProductID] += l.Qty
	}
	return out
}

// SaleState says whether a sale counts.
type SaleState string

const (
	SaleActive    SaleState = "active"
	SaleCancelled SaleState = "cancelled"
)

// Field keys of a sale and its lines, and its problems.
const (
	FieldSaleCustomer  = "sale_customer"
	FieldSaleAdvisor   = "sale_advisor"
	FieldSaleAdvisorNo = "sale_empno"
	FieldSaleDate      = "sale_date"
	FieldSaleLines     = "sale_lines"
	FieldSaleDiscount  = "sale_discount"
	FieldSaleTotal     = "sale_total"
	FieldSaleReception = "sale_reception"
	FieldSaleState     = "sale_state"
	FieldLineProduct   = "line_product"
	FieldLineQty       = "line_qty"
	FieldLinePrice     = "line_price"

	CodeNoLines       = "sale_no_lines"
	CodeQty           = "sale_qty"
	CodeDiscountOver  = "sale_discount_over"
	CodeStockShort    = "stock_short"
	CodeProductGone   = "product_gone"
	CodeProductClosed = "product_closed"
)

// maxLines bounds a sale's lines: a desk sale, not an order book.
const maxLines = 50

// A line's bounds: a desk's quantities and prices, so that no sum of a
// sale's lines overflows.
const (
	MaxQty       = 100_000
	MaxLinePrice = MaxPrice * 100 // fen
)

// FormatFen writes an amount in fen as yuan with two decimals: 123456 is
// "1234.56".
func FormatFen(f int64) string {
	sign := ""
	if f < 0 {
		sign, f = "-", -f
	}
	return fmt.Sprintf("%s%d.%02d", sign, f/100, f%100)
}

// ErrTooLarge is an amount beyond any a desk handles (MaxFen).
var ErrTooLarge = errors.New("too large")

// MaxFen bounds an amount read from text: 10¹³ yuan, far above any sale and
// far below what int64 fen can sum.
const MaxFen = 1_000_000_000_000_000

// ParseFen reads yuan as typed (see ParseNumber) into fen, rounded to the
// nearest fen. An amount beyond MaxFen is ErrTooLarge, with MaxFen (signed)
// as its value: never a wrapped-around negative.
func ParseFen(s string) (int64, error) {
	v, err := ParseNumber(s)
	if err != nil {
		return 0, err
	}
	if f := math.Round(v * 100); math.Abs(f) > MaxFen {
		return int64(math.Copysign(MaxFen, f)), ErrTooLarge
	}
	return int64(math.Round(v * 100)), nil
}

// Fen is the Access of an amount in fen, shown and typed in yuan.
func Fen[T any](at func(*T) *int64) Access[T] {
	return Access[T]{
		Get: func(r *T) string { return FormatFen(*at(r)) },
		Set: func(r *T, s string) { *at(r), _ = ParseFen(s) },
	}
}

// LinesText is the lines as one line of text for a file or the change log:
// "PT-101 机油滤清器 × 2 @ 45.00; …".
func (s *Sale) LinesText() string {
	parts := make([]string, len(s.Lines))
	for i, l := range s.Lines {
		parts[i] = fmt.Sprintf("%s %s × %d @ %s", l.Code, l.Name, l.Qty, FormatFen(l.Price))
	}
	return strings.Join(parts, "; ")
}

// SaleRecord describes a sale: the advisor's own, their supervisor's and
// HR's; whoever reaches it may record and cancel it.
var SaleRecord = &Record[Sale]{
	Name:  "sales",
	Title: FieldSaleCustomer,
	Fields: []Field[Sale]{
		{Key: FieldSaleDate, Kind: KindDate, Required: true, List: 95, Print: 22, Sort: true,
			Access: Str(func(s *Sale) *Date { return &s.Date }), Check: NotFuture(func(s *Sale) Date { return s.Date })},
		{Key: FieldSaleCustomer, Kind: KindRef, Max: maxName, Search: true, List: 120, Print: 30,
			Ref:    &Ref[Sale]{To: "customers", ID: func(s *Sale) *uint64 { return &s.CustomerID }},
			Access: Str(func(s *Sale) *string { return &s.Customer }),
			Check: func(s *Sale, _ Date) (string, string) {
				if s.CustomerID == 0 {
					return CodeRequired, ""
				}
				return "", ""
			}},
		{Key: FieldSaleAdvisor, Kind: KindRef, Max: maxName, Search: true, List: 100, Print: 26,
			Ref:    &Ref[Sale]{To: "advisors", ID: func(s *Sale) *uint64 { return &s.AdvisorID }, KeyText: FieldSaleAdvisorNo},
			Access: Str(func(s *Sale) *string { return &s.Advisor }),
			Check: func(s *Sale, _ Date) (string, string) {
				if s.AdvisorID == 0 {
					return CodeRequired, ""
				}
				return "", ""
			}},
		{Key: FieldSaleAdvisorNo, FileOnly: true, Max: maxEmpNo, Clean: NormalizeEmpNo,
			Access: Str(func(s *Sale) *string { return &s.AdvisorNo })},
		{Key: FieldSaleLines, FileOnly: true, Search: true,
			Access: Access[Sale]{Get: (*Sale).LinesText, Set: func(*Sale, string) {}}},
		{Key: FieldSaleDiscount, Kind: KindNumber,
			Access: Fen(func(s *Sale) *int64 { return &s.Discount }),
			Check: func(s *Sale, _ Date) (string, string) {
				switch {
				case s.Discount < 0:
					return CodeNegative, ""
				case s.Discount > s.Subtotal():
					return CodeDiscountOver, FormatFen(s.Subtotal())
				}
				return "", ""
			}},
		{Key: FieldSaleTotal, Kind: KindNumber, List: 90, Print: 24, Sort: true,
			// Computed from the lines: what a form or a file says is not kept.
			Access: Access[Sale]{Get: func(s *Sale) string { return FormatFen(s.Total) }, Set: func(*Sale, string) {}}},
		{Key: FieldSaleReception, Kind: KindNumber, Whole: true, List: 70,
			Access: Access[Sale]{
				Get: func(s *Sale) string {
					if s.Reception == 0 {
						return ""
					}
					return strconv.FormatUint(s.Reception, 10)
				},
				Set: func(s *Sale, v string) { s.Reception, _ = strconv.ParseUint(v, 10, 64) },
			}},
		{Key: FieldSaleState, Kind: KindChoice, Required: true, Choices: Codes([]SaleState{SaleActive, SaleCancelled}),
			Prefix: "sale_state.", List: 70, Print: 18, Access: Str(func(s *Sale) *SaleState { return &s.State })},
		{Key: FieldNotes, Kind: KindMultiline, Max: maxNotes, Access: Str(func(s *Sale) *string { return &s.Notes })},
	},
	Columns: []string{FieldSaleDate, FieldSaleCustomer, FieldSaleAdvisor, FieldSaleTotal, FieldSaleState},
	Owner:   &Owner[Sale]{Advisor: func(s *Sale) uint64 { return s.AdvisorID }},
	// A sale names its customer and what they bought.
	Personal: true,
}

// Normalize and Validate make Sale a record the store checks on save.
func (s *Sale) Normalize() {
	SaleRecord.Normalize(s)
	if s.State == "" {
		s.State = SaleActive
	}
	s.Total = s.Subtotal() - s.Discount
}

// Validate checks the fields and each line: a product, a whole quantity of
// at least one, a price not below zero. A line's problem names its row.
func (s *Sale) Validate(today Date) error {
	fes := SaleRecord.Validate(s, today)
	if len(s.Lines) == 0 {
		fes = append(fes, &FieldError{Field: FieldSaleLines, Code: CodeNoLines})
	}
	if len(s.Lines) > maxLines {
		fes = append(fes, &FieldError{Field: FieldSaleLines, Code: CodeTooMany, Arg: strconv.Itoa(maxLines)})
	}
	for i, l := range s.Lines {
		row := i + 1
		if l.ProductID == 0 {
			fes = append(fes, &FieldError{Field: FieldLineProduct, Row: row, Code: CodeRequired})
		}
		switch {
		case l.Qty < 1:
			fes = append(fes, &FieldError{Field: FieldLineQty, Row: row, Code: CodeQty})
		case l.Qty > MaxQty:
			fes = append(fes, &FieldError{Field: FieldLineQty, Row: row, Code: CodeRange, Arg: "1–100000"})
		}
		switch {
		case l.Price < 0:
			fes = append(fes, &FieldError{Field: FieldLinePrice, Row: row, Code: CodeNegative})
		case l.Price > MaxLinePrice:
			fes = append(fes, &FieldError{Field: FieldLinePrice, Row: row, Code: CodeRange, Arg: "0–100000000"})
		}
	}
	if len(fes) > 0 {
		return fes
	}
	return nil
}
