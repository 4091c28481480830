package storage

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"

	"github.com/vmihailenco/msgpack/v5"
)

// Every stored value is one format byte, a CRC-32C of the payload, then the
// payload: msgpack with field names as tags, so added fields decode in old
// records and old fields are ignored by new code. bbolt pages carry no
// checksum of their own; the CRC is what lets Check find a damaged value.
const (
	codecName     = "msgpack+crc32c"
	formatMsgpack = 1
	headerLen     = 5
)

var crcTable = crc32.MakeTable(crc32.Castagnoli)

func encode(v any) ([]byte, error) {
	var buf bytes.Buffer
	buf.Write(make([]byte, headerLen))
	enc := msgpack.NewEncoder(&buf)
	enc.SetOmitEmpty(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	b := buf.Bytes()
	b[0] = formatMsgpack
	binary.BigEndian.PutUint32(b[1:headerLen], crc32.Checksum(b[headerLen:], crcTable))
	return b, nil
}

// verify checks the header and checksum without decoding.
func verify(b []byte) string {
	switch {
	case len(b) < headerLen:
		return "too short"
	case b[0] != formatMsgpack:
		return "unknown format"
	case binary.BigEndian.Uint32(b[1:headerLen]) != crc32.Checksum(b[headerLen:], crcTable):
		return "checksum mismatch"
	}
	return ""
}

// decode verifies and decodes b into v. b may be bbolt's own memory: msgpack
// copies strings out, so v stays valid after the transaction ends.
func decode(bucket string, key, b []byte, v any) error {
	if reason := verify(b); reason != "" {
		return &CorruptError{Bucket: bucket, Key: append([]byte(nil), key...), Reason: reason}
	}
	if err := msgpack.Unmarshal(b[headerLen:], v); err != nil {
		return &CorruptError{Bucket: bucket, Key: append([]byte(nil), key...), Reason: err.Error()}
	}
	return nil
}

func itob(id uint64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, id)
	return b
}

func btoi(b []byte) uint64 { return binary.BigEndian.Uint64(b) }
