package storage

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"testing"

	"advisordesk/model"
)

// Any bytes under a key decode to a record or to a CorruptError naming the
// bucket and key, never a panic: a damaged page hands decode whatever it has.
// With sealed set the bytes get a right header and checksum first, so the
// fuzzer reaches the msgpack decoder behind the CRC.
func FuzzDecode(f *testing.F) {
	a := &model.Advisor{ID: 7, EmpNo: "SA0007", Name: "王小明", Phone: "13800138000", Notes: "多行\n备注"}
	good, err := encode(a)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good, false)
	f.Add(good[headerLen:], true)
	f.Add(good[:headerLen], false)
	f.Add([]byte{0xdf, 0xff, 0xff, 0xff, 0xff}, true) // a map that claims 4 billion entries
	f.Add([]byte{0xdb, 0x7f, 0xff, 0xff, 0xff}, true) // a string that claims 2 GB
	f.Add([]byte{}, false)
	f.Fuzz(func(t *testing.T, b []byte, sealed bool) {
		if sealed {
			b = append([]byte{formatMsgpack, 0, 0, 0, 0}, b...)
			binary.BigEndian.PutUint32(b[1:headerLen], crc32.Checksum(b[headerLen:], crcTable))
		}
		var got model.Advisor
		err := decode("advisors", []byte{0, 0, 0, 0, 0, 0, 0, 7}, b, &got)
		var ce *CorruptError
		if err != nil && (!errors.As(err, &ce) || ce.Bucket != "advisors" || len(ce.Key) != 8) {
			t.Fatalf("error %T %v", err, err)
		}
		if err == nil && verify(b) != "" {
			t.Fatalf("decoded bytes that fail verification: %s", verify(b))
		}
	})
}
