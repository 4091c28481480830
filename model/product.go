package model

import (
	"math"
	"regexp"
	"strconv"
	"time"
)

// Product is an item of the office's catalogue of products and services
// (产品、价格、库存): what an advisor may look up by the first permission of
// chapter 2, and what receptions recommend and sales sell (chapter 4).
type Product struct {
	ID      uint64    `msgpack:"id"`
	Created time.Time `msgpack:"created"`
	Updated time.Time `msgpack:"updated"`

	Code      string       `msgpack:"code"`
	Name      string       `msgpack:"name"`
	Kind      ProductKind  `msgpack:"kind,omitempty"` // "" (a product saved before kinds) is goods
	Category  string       `msgpack:"category,omitempty"`
	Unit      string       `msgpack:"unit,omitempty"`
	Price     float64      `msgpack:"price"`
	Stock     float64      `msgpack:"stock"`
	Backorder YesNo        `msgpack:"backorder,omitempty"` // sold beyond the stock
	State     ProductState `msgpack:"state"`
	Notes     string       `msgpack:"notes,omitempty"`
}

func (p *Product) Key() uint64      { return p.ID }
func (p *Product) SetKey(id uint64) { p.ID = id }
func (p *Product) Touch(t time.Time) {
	if p.Created.IsZero() {
		p.Created = t
	}
	p.Updated = t
}

// ProductKind says whether a product is goods kept in stock (实物商品) or
// a service (服务项目), which has no stock: a sale of a service neither
// checks nor moves stock.
type ProductKind string

const (
	Goods   ProductKind = "goods"
	Service ProductKind = "service"
)

// Stocked reports whether the product keeps stock: goods do, a service
// does not.
func (p *Product) Stocked() bool { return p.Kind != Service }

// Product bounds: a desk's catalogue, far below what the sums in fen and
// the stock moves can hold.
const (
	MaxPrice = 100_000_000 // yuan
	MaxStock = 10_000_000
)

// YesNo is a choice of two.
type YesNo string

const (
	Yes YesNo = "yes"
	No  YesNo = "no"
)

// ProductState says whether a product is still offered.
type ProductState string

const (
	OnSale       ProductState = "on_sale"
	Discontinued ProductState = "discontinued"
)

// Field keys of a product.
const (
	FieldProductCode = "product_code"
	FieldProductName = "product_name"
	FieldProductKind = "product_kind"
	FieldCategory    = "category"
	FieldUnit        = "unit"
	FieldPrice       = "price"
	FieldStock       = "stock"
	FieldBackorder   = "backorder"
	FieldProductSt   = "product_state"
	CodeProductCode  = "product_code"
	CodeWhole        = "whole"
	CodeCents        = "cents"
	CodeNegative     = "negative"
	CodeServiceStock = "service_stock" // a service given a stock
)

var productCodePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._/-]{0,23}$`)

// ProductRecord describes a product: the office's, looked up by those who
// may query products, kept by those who manage them.
var ProductRecord = &Record[Product]{
	Name:  "products",
	Key:   FieldProductCode,
	Title: FieldProductName,
	Fields: []Field[Product]{
		{Key: FieldProductCode, Required: true, Max: 24, Search: true, List: 100, Print: 24,
			Access: Str(func(p *Product) *string { return &p.Code }), Clean: NormalizeEmpNo,
			Check: func(p *Product, _ Date) (string, string) {
				if !productCodePattern.MatchString(p.Code) {
					return CodeProductCode, ""
				}
				return "", ""
			}},
		{Key: FieldProductName, Required: true, Max: maxShort, Search: true, List: 180, Print: 50,
			Access: Str(func(p *Product) *string { return &p.Name })},
		{Key: FieldProductKind, Kind: KindChoice, Required: true, Choices: Codes([]ProductKind{Goods, Service}),
			Prefix: "product_kind.", List: 60, Print: 14,
			Access: Access[Product]{
				Get: func(p *Product) string {
					if p.Kind == "" {
						return string(Goods)
					}
					return string(p.Kind)
				},
				Set: func(p *Product, s string) { p.Kind = ProductKind(s) },
			}},
		{Key: FieldCategory, Max: 30, Search: true, List: 100, Print: 26,
			Access: Str(func(p *Product) *string { return &p.Category })},
		{Key: FieldUnit, Max: 10, List: 50, Print: 12, Access: Str(func(p *Product) *string { return &p.Unit })},
		{Key: FieldPrice, Kind: KindNumber, Required: true, List: 90, Print: 22,
			Access: Num(func(p *Product) *float64 { return &p.Price }),
			Check: func(p *Product, _ Date) (string, string) {
				switch {
				case p.Price < 0:
					return CodeNegative, ""
				case p.Price > MaxPrice:
					return CodeRange, "0–100000000"
				case math.Abs(p.Price*100-math.Round(p.Price*100)) > 1e-6:
					return CodeCents, ""
				}
				return "", ""
			}},
		// A service's stock is blank (in a list, a form, a file): it has none.
		{Key: FieldStock, Kind: KindNumber, Whole: true, List: 70, Print: 18, Sort: true,
			Access: Access[Product]{
				Get: func(p *Product) string {
					if !p.Stocked() && p.Stock == 0 {
						return ""
					}
					return strconv.FormatFloat(p.Stock, 'f', -1, 64)
				},
				Set: Num(func(p *Product) *float64 { return &p.Stock }).Set,
			},
			Check: func(p *Product, _ Date) (string, string) {
				switch {
				case !p.Stocked() && p.Stock != 0:
					return CodeServiceStock, ""
				case math.Abs(p.Stock) > MaxStock:
					return CodeRange, "-10000000–10000000"
				case p.Stock != math.Trunc(p.Stock):
					return CodeWhole, ""
				case p.Stock < 0 && p.Backorder != Yes:
					return CodeNegative, ""
				}
				return "", ""
			}},
		{Key: FieldBackorder, Kind: KindChoice, Choices: Codes([]YesNo{No, Yes}), Prefix: "yesno.", List: 80,
			Access: Flag(func(p *Product) *YesNo { return &p.Backorder })},
		{Key: FieldProductSt, Kind: KindChoice, Required: true, Choices: Codes([]ProductState{OnSale, Discontinued}),
			Prefix: "product_state.", List: 80, Print: 18, Access: Str(func(p *Product) *ProductState { return &p.State })},
		{Key: FieldNotes, Kind: KindMultiline, Max: maxNotes, Access: Str(func(p *Product) *string { return &p.Notes })},
	},
	// Still used (by a sale, later): kept, no longer offered.
	Archive: func(p *Product, _ Date) { p.State = Discontinued },
	Read:    PermQueryProducts,
	Write:   PermManageProducts,
}

// Normalize and Validate make Product a record the store checks on save.
func (p *Product) Normalize() {
	ProductRecord.Normalize(p)
	if p.State == "" {
		p.State = OnSale
	}
	if p.Backorder == "" || !p.Stocked() {
		p.Backorder = No // a service has no stock to run out of
	}
	if p.Kind == "" {
		p.Kind = Goods
	}
}

func (p *Product) Validate(today Date) error {
	if fes := ProductRecord.Validate(p, today); len(fes) > 0 {
		return fes
	}
	return nil
}
