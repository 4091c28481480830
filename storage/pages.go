package storage

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
)

// bbolt's on-disk layout, read here with plain file reads (no memory map, no
// bbolt code) so that a damaged file can be looked at without any risk of a
// crash: a page starts with a 16-byte header (id, flags, count, overflow);
// pages 0 and 1 hold the two meta records, the newer valid one is current.
const (
	pageHeaderSize = 16
	pageBranch     = 0x01
	pageLeaf       = 0x02
	pageMeta       = 0x04
	pageFreelist   = 0x10
	boltMagic      = 0xED0CDAED
	boltVersion    = 2
	noFreelist     = ^uint64(0)
)

// pageHeader is a page's header as found on disk.
type pageHeader struct {
	ID       uint64
	Flags    uint16
	Count    uint16
	Overflow uint32
}

func parsePageHeader(b []byte) pageHeader {
	return pageHeader{
		ID:       binary.LittleEndian.Uint64(b[0:8]),
		Flags:    binary.LittleEndian.Uint16(b[8:10]),
		Count:    binary.LittleEndian.Uint16(b[10:12]),
		Overflow: binary.LittleEndian.Uint32(b[12:16]),
	}
}

// metaPage is one of the two meta records.
type metaPage struct {
	Valid    bool
	Problem  string
	PageSize uint32
	Root     uint64 // the root bucket's page
	Freelist uint64 // noFreelist when the free list is not written
	Pgid     uint64 // the high-water mark: pages below it are in use or free
	Txid     uint64
}

func parseMeta(b []byte) metaPage {
	if len(b) < pageHeaderSize+64 {
		return metaPage{Problem: "too short"}
	}
	h := parsePageHeader(b)
	m := b[pageHeaderSize:]
	mp := metaPage{
		PageSize: binary.LittleEndian.Uint32(m[8:12]),
		Root:     binary.LittleEndian.Uint64(m[16:24]),
		Freelist: binary.LittleEndian.Uint64(m[32:40]),
		Pgid:     binary.LittleEndian.Uint64(m[40:48]),
		Txid:     binary.LittleEndian.Uint64(m[48:56]),
	}
	sum := fnv.New64a()
	sum.Write(m[:56])
	switch {
	case binary.LittleEndian.Uint32(m[0:4]) != boltMagic:
		mp.Problem = "no bbolt signature"
	case binary.LittleEndian.Uint32(m[4:8]) != boltVersion:
		mp.Problem = "unknown bbolt version"
	case binary.LittleEndian.Uint64(m[56:64]) != sum.Sum64():
		mp.Problem = "checksum mismatch"
	case h.Flags != pageMeta:
		mp.Problem = "not marked as a meta page"
	default:
		mp.Valid = true
	}
	return mp
}

// layout is what the two meta pages say about a file.
type layout struct {
	Size     int64
	PageSize int64
	Meta     [2]metaPage
	Current  int // index of the meta page bbolt would use
}

// readLayout reads the meta pages of the file at path. An error means there
// is no usable meta page at all.
func readLayout(f *os.File) (*layout, error) {
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	l := &layout{Size: st.Size(), PageSize: 4096}
	buf := make([]byte, 4096)
	n, _ := f.ReadAt(buf, 0)
	l.Meta[0] = parseMeta(buf[:n])
	if l.Meta[0].Valid {
		l.PageSize = int64(l.Meta[0].PageSize)
	}
	// The second meta page sits one page further: at the first one's page
	// size, or, when page 0 is unreadable, at one of the usual sizes.
	meta1 := func(ps int64) metaPage {
		n, _ := f.ReadAt(buf, ps)
		return parseMeta(buf[:n])
	}
	l.Meta[1] = meta1(l.PageSize)
	if !l.Meta[0].Valid {
		for _, ps := range []int64{8192, 16384, 32768, 65536} {
			if l.Meta[1].Valid {
				break
			}
			if m := meta1(ps); m.Valid && int64(m.PageSize) == ps {
				l.Meta[1] = m
			}
		}
		if l.Meta[1].Valid {
			l.PageSize = int64(l.Meta[1].PageSize)
		}
	}
	switch {
	case !l.Meta[0].Valid && !l.Meta[1].Valid:
		if l.Meta[0].Problem == "no bbolt signature" && l.Meta[1].Problem == "no bbolt signature" {
			return nil, errNotBolt
		}
		return nil, fmt.Errorf("both meta pages are damaged (%s; %s)", l.Meta[0].Problem, l.Meta[1].Problem)
	case !l.Meta[0].Valid:
		l.Current = 1
	case l.Meta[1].Valid && l.Meta[1].Txid > l.Meta[0].Txid:
		l.Current = 1
	}
	return l, nil
}

var errNotBolt = errors.New("no bbolt signature")

func (l *layout) readPage(f *os.File, id uint64) (pageHeader, []byte, error) {
	buf := make([]byte, l.PageSize)
	if _, err := f.ReadAt(buf, int64(id)*l.PageSize); err != nil {
		return pageHeader{}, nil, fmt.Errorf("page %d cannot be read: %v", id, err)
	}
	return parsePageHeader(buf), buf, nil
}

// QuickCheck looks at what every open depends on — both meta pages, the size
// of the file, the root page and the free list — by reading the file itself,
// without bbolt: it cannot crash and takes milliseconds at any size. A file
// of 0 bytes gives an *EmptyFileError, one that is not a bbolt file a
// *NotDataFileError, damage a *DamagedError. It does not look at records;
// the full check (CheckIsolated) does.
func QuickCheck(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Size() == 0 {
		return &EmptyFileError{Path: path}
	}
	l, err := readLayout(f)
	if err != nil {
		if errors.Is(err, errNotBolt) {
			return &NotDataFileError{Path: path, Reason: "not a bbolt file"}
		}
		return &DamagedError{Path: path, Reason: err.Error()}
	}
	if reason := l.check(f); reason != "" {
		return &DamagedError{Path: path, Reason: reason}
	}
	return nil
}

// walksAtOpen tells whether a read-write open of the file at path would
// rebuild its free list by walking every page inside bbolt (a file written
// with NoFreelistSync, as AdvisorDesk wrote them before): damage there
// crashes bbolt in a goroutine of its own.
func walksAtOpen(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	l, err := readLayout(f)
	return err == nil && l.Meta[l.Current].Freelist == noFreelist
}

// check returns the first thing wrong with the layout, or "".
func (l *layout) check(f *os.File) string {
	for i, m := range l.Meta {
		if !m.Valid {
			// bbolt would quietly fall back to the other meta page, which may
			// be a commit older: the last save could be lost.
			return fmt.Sprintf("meta page %d is damaged (%s)", i, m.Problem)
		}
	}
	m := l.Meta[l.Current]
	if m.Pgid < 3 {
		return fmt.Sprintf("the meta page counts %d pages", m.Pgid)
	}
	if need := int64(m.Pgid) * l.PageSize; l.Size < need {
		return fmt.Sprintf("the file is %d bytes but its pages need %d: it was cut short", l.Size, need)
	}
	if m.Root < 2 || m.Root >= m.Pgid {
		return fmt.Sprintf("the root page %d lies outside the file's %d pages", m.Root, m.Pgid)
	}
	h, _, err := l.readPage(f, m.Root)
	if err != nil {
		return err.Error()
	}
	if h.ID != m.Root || (h.Flags != pageBranch && h.Flags != pageLeaf) {
		return fmt.Sprintf("the root page %d has a damaged header (id %d, flags %#x)", m.Root, h.ID, h.Flags)
	}
	if m.Freelist == noFreelist {
		return ""
	}
	if m.Freelist < 2 || m.Freelist >= m.Pgid {
		return fmt.Sprintf("the free list page %d lies outside the file's %d pages", m.Freelist, m.Pgid)
	}
	h, buf, err := l.readPage(f, m.Freelist)
	if err != nil {
		return err.Error()
	}
	if h.ID != m.Freelist || h.Flags != pageFreelist || m.Freelist+uint64(h.Overflow) >= m.Pgid {
		return fmt.Sprintf("the free list page %d has a damaged header (id %d, flags %#x)", m.Freelist, h.ID, h.Flags)
	}
	n, start := uint64(h.Count), int64(pageHeaderSize)
	if h.Count == 0xFFFF { // the real count is the first element
		n, start = binary.LittleEndian.Uint64(buf[pageHeaderSize:]), pageHeaderSize+8
	}
	if start+int64(n)*8 > int64(h.Overflow+1)*l.PageSize {
		return fmt.Sprintf("the free list page %d counts %d free pages, more than it can hold", m.Freelist, n)
	}
	ids := make([]byte, n*8)
	if _, err := f.ReadAt(ids, int64(m.Freelist)*l.PageSize+start); err != nil && err != io.EOF {
		return err.Error()
	}
	for i := uint64(0); i < n; i++ {
		if id := binary.LittleEndian.Uint64(ids[i*8:]); id < 2 || id >= m.Pgid {
			return fmt.Sprintf("the free list names page %d, outside the file's %d pages", id, m.Pgid)
		}
	}
	return ""
}
