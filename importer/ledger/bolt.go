package ledger

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"runtime/debug"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// The ledger was a bbolt file before it was SQLite. An existing one is checked, read
// once and carried over (see migrate.go); these checks and the page-by-page salvage
// stay for it.
//
// bbolt trusts its file: a bad page makes it panic, or follow a wild page number out of
// its memory map (SIGSEGV, SIGBUS), which Go cannot recover from unless the goroutine
// asked for faults to become panics. So Open checks a file before bbolt uses it, and
// every transaction runs under guard.

// guard runs fn with memory faults turned into panics, and any panic into a
// DamagedError: bbolt panics, or faults, on pages it cannot make sense of. It must run in
// the goroutine that touches the pages (bbolt's View and Update do, its Check does not).
func guard(path string, fn func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = &DamagedError{Path: path, Kind: Corrupt, Detail: fmt.Sprintf("reading it failed: %v", r)}
		}
	}()
	return fn()
}

// metaInfo is a bbolt meta page, read by hand so that a damaged one cannot hurt us.
type metaInfo struct {
	magic    bool // the page has bbolt's magic number
	valid    bool // ... and the right version and checksum
	pageSize int
	pgid     uint64 // the high-water mark: the file must hold this many pages
	txid     uint64
}

const (
	pageHeader = 16
	metaSize   = 64 // magic..checksum
	magic      = 0xED0CDAED
	version    = 2

	branchFlag   = 0x01
	leafFlag     = 0x02
	bucketFlag   = 0x01 // of a leaf element
	bucketHeader = 16   // root pgid, sequence
	leafElement  = 16
)

func parseMeta(b []byte) metaInfo {
	var m metaInfo
	if len(b) < pageHeader+metaSize {
		return m
	}
	le := binary.LittleEndian
	b = b[pageHeader:]
	m.magic = le.Uint32(b[0:]) == magic
	m.pageSize = int(le.Uint32(b[8:]))
	m.pgid = le.Uint64(b[40:])
	m.txid = le.Uint64(b[48:])
	h := fnv.New64a()
	h.Write(b[:56])
	m.valid = m.magic && le.Uint32(b[4:]) == version && h.Sum64() == le.Uint64(b[56:]) &&
		m.pageSize >= 512 && m.pageSize <= 1<<24 && m.pageSize&(m.pageSize-1) == 0
	return m
}

// readMetas reads the two meta pages: page 0 at offset 0, page 1 at the page size page 0
// gives, else at each power of two bbolt would try.
func readMetas(f *os.File, size int64) (m0, m1 metaInfo) {
	buf := make([]byte, pageHeader+metaSize)
	if n, _ := f.ReadAt(buf, 0); n == len(buf) {
		m0 = parseMeta(buf)
	}
	try := []int64{}
	if m0.valid {
		try = append(try, int64(m0.pageSize))
	}
	for i := 10; i <= 24; i++ {
		try = append(try, 1<<i)
	}
	for _, off := range try {
		if off+int64(len(buf)) > size {
			break
		}
		if n, _ := f.ReadAt(buf, off); n == len(buf) {
			if m := parseMeta(buf); m.valid && m.pageSize == int(off) {
				return m0, m
			} else if m.magic && !m1.magic {
				m1 = m
			}
		}
	}
	return m0, m1
}

// checkBolt examines an existing bbolt ledger file (the store before SQLite) of the
// given size before it is read for migration: its header by hand, then every page through bbolt, read-only and guarded.
func checkBolt(path string, size int64) error {
	if size == 0 {
		return &DamagedError{Path: path, Kind: Empty}
	}
	damaged := func(kind Damage, detail string) error {
		n, _ := countReadable(path)
		if kind == NotLedger && n > 0 {
			kind = Corrupt
		}
		return &DamagedError{Path: path, Kind: kind, Detail: detail, Readable: n}
	}
	f, err := os.Open(path)
	if err != nil {
		return fileError(path, err)
	}
	m0, m1 := readMetas(f, size)
	f.Close()
	best := m0
	if m1.valid && (!m0.valid || m1.txid > m0.txid) {
		best = m1
	}
	switch {
	case !m0.magic && !m1.magic:
		return damaged(NotLedger, fmt.Sprintf("%d bytes", size))
	case !best.valid:
		if size < 2*4096 {
			return damaged(Truncated, fmt.Sprintf("%d bytes, less than the two header pages", size))
		}
		return damaged(Corrupt, "both header pages fail their checksum")
	case best.pgid > uint64(size)/uint64(best.pageSize):
		return damaged(Truncated, fmt.Sprintf("%d bytes, but its header says %d", size, best.pgid*uint64(best.pageSize)))
	case !m0.valid || !m1.valid:
		// bbolt would fall back on the other header page, one commit older: if the bad
		// one was the newer, the ledger would forget the last rows it recorded as sent.
		return damaged(Corrupt, "one of its two header pages fails its checksum")
	}

	var file *os.File
	err = guard(path, func() error {
		db, err := bolt.Open(path, 0o600, &bolt.Options{
			ReadOnly: true, PreLoadFreelist: true, Timeout: 2 * time.Second,
			OpenFile: func(name string, flag int, perm os.FileMode) (*os.File, error) {
				f, err := os.OpenFile(name, flag, perm)
				file = f
				return f, err
			},
		})
		if err != nil {
			return err
		}
		defer db.Close()
		return db.View(func(tx *bolt.Tx) error {
			if err := walk(tx); err != nil {
				return err
			}
			// Check runs in a goroutine of its own, which guard does not cover: walk has
			// touched every page it reaches first, so a wild page would have shown there.
			for err := range tx.Check() {
				return err
			}
			return nil
		})
	})
	var de *DamagedError
	switch {
	case err == nil:
		return nil
	case errors.Is(err, berrors.ErrTimeout):
		return &InUseError{Path: path}
	case errors.As(err, &de):
		if file != nil {
			file.Close() // bbolt panicked holding it (and its lock)
		}
		return damaged(Corrupt, de.Detail)
	case errors.Is(err, errNotLedger):
		return damaged(NotLedger, err.Error())
	}
	return damaged(Corrupt, err.Error())
}

var errNotLedger = errors.New("a bbolt database of another program")

// walk reads every key of every bucket, as a run's look-ups would.
func walk(tx *bolt.Tx) error {
	return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
		if string(name) != string(boltRows) {
			return fmt.Errorf("%w (bucket %q)", errNotLedger, name)
		}
		return b.ForEach(func(k, v []byte) error {
			if len(k) != len(Key{}) || v == nil {
				return fmt.Errorf("an entry with a %d-byte key", len(k))
			}
			return nil
		})
	})
}

// salvageBolt reads every entry it can from the bbolt ledger file at path without bbolt: page by
// page, bounds-checked, following no page pointers, so that no damage can make it crash
// or loop. Old copies of an entry (bbolt copies pages on write and frees the old ones)
// are folded into the newest. It does not lock or change the file.
func salvageBolt(path string) ([]Salvaged, SalvageStats, error) {
	var st SalvageStats
	f, err := os.Open(path)
	if err != nil {
		return nil, st, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, st, err
	}
	size := info.Size()
	m0, m1 := readMetas(f, size)
	ps := 4096
	switch {
	case m0.valid:
		ps = m0.pageSize
	case m1.valid:
		ps = m1.pageSize
	case os.Getpagesize() >= 1024:
		ps = os.Getpagesize()
	}
	newest := map[Key]Entry{}
	var order []Key
	add := func(k Key, e Entry) {
		prev, seen := newest[k]
		if !seen {
			order = append(order, k)
		}
		if !seen || stampOf(e).After(stampOf(prev)) || (stampOf(e).Equal(stampOf(prev)) && e.State == Created) {
			newest[k] = e
		}
	}
	page := make([]byte, ps)
	for off := int64(0); off < size; off += int64(ps) {
		n, err := f.ReadAt(page, off)
		if err != nil && err != io.EOF {
			return nil, st, err
		}
		st.Pages++
		p := page[:n]
		if len(p) < pageHeader {
			continue
		}
		if binary.LittleEndian.Uint16(p[8:]) != leafFlag {
			continue
		}
		// A leaf spilling over several pages: read them all (clipped to the file).
		if over := int64(binary.LittleEndian.Uint32(p[12:])); over > 0 && over < 1<<16 {
			span := make([]byte, min((over+1)*int64(ps), size-off))
			m, err := f.ReadAt(span, off)
			if err != nil && err != io.EOF {
				return nil, st, err
			}
			p = span[:m]
		}
		st.LeafPages++
		leaf(p, 0, add, &st)
	}
	out := make([]Salvaged, 0, len(order))
	for _, k := range order {
		out = append(out, Salvaged{Key: k, Entry: newest[k]})
	}
	return out, st, nil
}

// leaf decodes the elements of the leaf page p, and of the inline buckets it holds.
func leaf(p []byte, depth int, add func(Key, Entry), st *SalvageStats) {
	le := binary.LittleEndian
	count := int(le.Uint16(p[10:]))
	for i := range count {
		at := pageHeader + i*leafElement
		if at+leafElement > len(p) {
			st.Unreadable++
			return
		}
		flags := le.Uint32(p[at:])
		pos, ks, vs := uint64(le.Uint32(p[at+4:])), uint64(le.Uint32(p[at+8:])), uint64(le.Uint32(p[at+12:]))
		start := uint64(at) + pos
		if start+ks+vs > uint64(len(p)) {
			st.Unreadable++
			continue
		}
		k, v := p[start:start+ks], p[start+ks:start+ks+vs]
		if flags&bucketFlag != 0 {
			// An inline bucket (root page 0) carries its page in its value.
			if depth == 0 && len(v) >= bucketHeader+pageHeader && le.Uint64(v) == 0 &&
				le.Uint16(v[bucketHeader+8:]) == leafFlag {
				leaf(v[bucketHeader:], depth+1, add, st)
			}
			continue
		}
		var e Entry
		if len(k) != len(Key{}) || decodeJSON(v, &e) != nil {
			st.Unreadable++
			continue
		}
		add(Key(k), e)
	}
}

func stampOf(e Entry) time.Time {
	if e.DoneAt.After(e.SentAt) {
		return e.DoneAt
	}
	return e.SentAt
}

// countReadable is how many entries Salvage finds: for the message of a DamagedError.
func countReadable(path string) (int, error) {
	got, _, err := Salvage(path)
	return len(got), err
}

// looksBolt says whether either of the file's meta pages has bbolt's magic number.
func looksBolt(path string, size int64) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	m0, m1 := readMetas(f, size)
	return m0.magic || m1.magic
}

var boltRows = []byte("rows")

// decodeJSON reads an entry as the bbolt ledger stored it; one that is not JSON, or has
// no known state, is damaged.
func decodeJSON(v []byte, e *Entry) error {
	if err := json.Unmarshal(v, e); err != nil {
		return fmt.Errorf("an entry does not decode: %v", err)
	}
	return validState(e.State)
}
