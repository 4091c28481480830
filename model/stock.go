package model

import "time"

// StockMove is one change of a product's stock (stock history): by a
// sale, a sale's cancellation or change, or a person editing the product.
// The store writes it in the transaction that changes the stock, so the
// history and the stock never disagree.
type StockMove struct {
	ID        uint64      `msgpack:"id"`
	ProductID uint64      `msgpack:"product_id"`
	Delta     int64       `msgpack:"delta"` // + in, − out
	After     int64       `msgpack:"after"` // the stock it left
	Reason    StockReason `msgpack:"reason"`
	Sale      uint64      `msgpack:"sale,omitempty"` // the sale that moved it, if one did
	Who       string      `msgpack:"who"`
	At        time.Time   `msgpack:"at"`
}

func (m *StockMove) Key() uint64      { return m.ID }
func (m *StockMove) SetKey(id uint64) { m.ID = id }
func (m *StockMove) Touch(t time.Time) {
	if m.At.IsZero() {
		m.At = t
	}
}

// StockReason is what moved the stock; its label is "stock.reason."+code.
type StockReason string

const (
	MoveOpening StockReason = "opening" // the stock a new product was entered with
	MoveSale    StockReason = "sale"    // a sale took it out
	MoveCancel  StockReason = "cancel"  // a cancelled sale put it back
	MoveResale  StockReason = "resale"  // a changed sale took more or put some back
	MoveManual  StockReason = "manual"  // a person set the stock in the product's form
	MoveService StockReason = "service" // the product became a service: its stock was written off
)
