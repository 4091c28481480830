package storage

import (
	"os"

	bolt "go.etcd.io/bbolt"
)

// Usage compares what the file stores with its size on disk.
type Usage struct {
	Stored   int64 // bytes of keys and values in every bucket: records, listing rows, indexes, settings
	FileSize int64
}

// Usage reads every key of the file (for maintenance and benchmarks, not
// for the window's start). bbolt adds page and element headers and leaves
// room in pages; the ratio FileSize/Stored shows how much.
func (db *DB) Usage() (Usage, error) {
	var u Usage
	err := db.View(func(tx *Tx) error {
		return tx.tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			u.Stored += int64(len(name))
			return b.ForEach(func(k, v []byte) error {
				u.Stored += int64(len(k) + len(v))
				return nil
			})
		})
	})
	if st, serr := os.Stat(db.path); err == nil && serr == nil {
		u.FileSize = st.Size()
	}
	return u, err
}
