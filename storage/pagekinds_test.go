package storage

import (
	"encoding/binary"
	"fmt"
	"os"
)

// Page kinds, as the damage tests count them.
const (
	kindMeta     = "meta"
	kindBranch   = "branch"
	kindLeaf     = "leaf"
	kindFreelist = "freelist"
	kindFree     = "free" // below the high-water mark but unused, or beyond it
)

// pageMap is what each page of a sound file holds, found by reading bbolt's
// page headers ourselves (not through bbolt): the meta pages, the tree from
// the root bucket down (nested buckets followed, overflow pages counted with
// the page they continue), the free list; everything else is free.
type pageMap struct {
	PageSize int64
	Kinds    []string // by page id, up to the end of the file
	Elements []int    // element count of branch and leaf pages (0 for others)
}

func readPageMap(path string) (*pageMap, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	l, err := readLayout(f)
	if err != nil {
		return nil, err
	}
	if reason := l.check(f); reason != "" {
		return nil, fmt.Errorf("not a sound file: %s", reason)
	}
	n := l.Size / l.PageSize
	pm := &pageMap{PageSize: l.PageSize, Kinds: make([]string, n), Elements: make([]int, n)}
	for i := range pm.Kinds {
		pm.Kinds[i] = kindFree
	}
	pm.Kinds[0], pm.Kinds[1] = kindMeta, kindMeta
	m := l.Meta[l.Current]
	mark := func(id uint64, h pageHeader, kind string) error {
		if int64(id)+int64(h.Overflow) >= n {
			return fmt.Errorf("page %d runs past the file", id)
		}
		for i := uint64(0); i <= uint64(h.Overflow); i++ {
			if pm.Kinds[id+i] != kindFree {
				return fmt.Errorf("page %d reached twice", id+i)
			}
			pm.Kinds[id+i] = kind
		}
		return nil
	}
	var walk func(id uint64) error
	walk = func(id uint64) error {
		h, _, err := l.readPage(f, id)
		if err != nil {
			return err
		}
		buf := make([]byte, int64(h.Overflow+1)*l.PageSize)
		if _, err := f.ReadAt(buf, int64(id)*l.PageSize); err != nil {
			return err
		}
		switch h.Flags {
		case pageBranch:
			if err := mark(id, h, kindBranch); err != nil {
				return err
			}
			pm.Elements[id] = int(h.Count)
			for i := 0; i < int(h.Count); i++ {
				e := buf[pageHeaderSize+16*i:]
				if err := walk(binary.LittleEndian.Uint64(e[8:16])); err != nil {
					return err
				}
			}
		case pageLeaf:
			if err := mark(id, h, kindLeaf); err != nil {
				return err
			}
			pm.Elements[id] = int(h.Count)
			for i := 0; i < int(h.Count); i++ {
				off := pageHeaderSize + 16*i
				e := buf[off:]
				flags := binary.LittleEndian.Uint32(e[0:4])
				pos := int(binary.LittleEndian.Uint32(e[4:8]))
				ksize := int(binary.LittleEndian.Uint32(e[8:12]))
				if flags&1 == 0 { // a plain value
					continue
				}
				// A nested bucket: its header is the value; root 0 means
				// an inline bucket that lives inside this page.
				v := buf[off+pos+ksize:]
				if root := binary.LittleEndian.Uint64(v[0:8]); root != 0 {
					if err := walk(root); err != nil {
						return err
					}
				}
			}
		default:
			return fmt.Errorf("page %d: unexpected flags %#x in the tree", id, h.Flags)
		}
		return nil
	}
	if err := walk(m.Root); err != nil {
		return nil, err
	}
	if m.Freelist != noFreelist {
		h, _, err := l.readPage(f, m.Freelist)
		if err != nil {
			return nil, err
		}
		if err := mark(m.Freelist, h, kindFreelist); err != nil {
			return nil, err
		}
	}
	return pm, nil
}
