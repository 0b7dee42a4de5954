package ledger

import (
	"context"
	"database/sql"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"strings"
)

// SQLite checks its file as it reads it (a bad page is an error, SQLITE_CORRUPT, not a
// crash), but a file that is empty, cut short or overwritten must still be caught before
// it is used: a 0-byte file would be taken for a new, empty database, and a file cut at
// a page boundary reads as a shorter, valid one. So Open checks the header by hand, then
// opens the file read-only and runs quick_check (every page and every b-tree), before
// the run uses it.

const sqliteMagic = "SQLite format 3\x00"

// looksSQLite says whether the file at path starts as a SQLite database does (or as its
// first bytes, when the file is shorter than the magic).
func looksSQLite(path string, size int64) (bool, error) {
	if size == 0 {
		return false, &DamagedError{Path: path, Kind: Empty}
	}
	f, err := os.Open(path)
	if err != nil {
		return false, fileError(path, err)
	}
	defer f.Close()
	head := make([]byte, len(sqliteMagic))
	n, _ := io.ReadFull(f, head)
	return n > 0 && string(head[:n]) == sqliteMagic[:n], nil
}

// dsn is the driver's name for the ledger at path: WAL, one sync per commit
// (synchronous=FULL), and a wait for another process's commit instead of an error.
func dsn(path string, readOnly bool) string {
	esc := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(path)
	q := "?_pragma=busy_timeout(" + fmt.Sprint(busyTimeout.Milliseconds()) + ")"
	if readOnly {
		return "file:" + esc + q + "&mode=ro"
	}
	return "file:" + esc + q + "&_pragma=journal_mode(wal)&_pragma=synchronous(full)&_pragma=cache_size(-8192)&_txlock=immediate"
}

// sqliteHeader is what the first 100 bytes of a SQLite file say.
type sqliteHeader struct {
	pageSize int64
	pages    int64 // 0 when the header's count is not to be trusted
}

func parseSQLiteHeader(h []byte) (sqliteHeader, bool) {
	if len(h) < 100 || string(h[:len(sqliteMagic)]) != sqliteMagic {
		return sqliteHeader{}, false
	}
	be := binary.BigEndian
	ps := int64(be.Uint16(h[16:]))
	if ps == 1 {
		ps = 65536
	}
	if ps < 512 || ps > 65536 || ps&(ps-1) != 0 {
		return sqliteHeader{}, false
	}
	hd := sqliteHeader{pageSize: ps}
	if be.Uint32(h[24:]) == be.Uint32(h[92:]) { // the page count is valid for this version
		hd.pages = int64(be.Uint32(h[28:]))
	}
	return hd, true
}

// checkSQLite examines an existing SQLite ledger file of the given size before use. It
// never writes to the file.
func checkSQLite(path string, size int64) error {
	damaged := func(kind Damage, detail string) error {
		got, _, _ := salvageSQLite(path)
		return &DamagedError{Path: path, Kind: kind, Detail: detail, Readable: len(got)}
	}
	f, err := os.Open(path)
	if err != nil {
		return fileError(path, err)
	}
	head := make([]byte, 100)
	n, _ := io.ReadFull(f, head)
	f.Close()
	if n < 100 {
		return damaged(Truncated, fmt.Sprintf("%d bytes, less than its 100-byte header", size))
	}
	hd, ok := parseSQLiteHeader(head)
	if !ok {
		return damaged(Corrupt, "its header gives an impossible page size")
	}
	// With a WAL beside it, the file may be short of pages the WAL still holds: SQLite
	// itself, and quick_check below, judge that case.
	if info, err := os.Stat(path + "-wal"); err != nil || info.Size() == 0 {
		switch {
		case size%hd.pageSize != 0:
			return damaged(Truncated, fmt.Sprintf("%d bytes, not a whole number of %d-byte pages", size, hd.pageSize))
		case hd.pages > 0 && hd.pages*hd.pageSize > size:
			return damaged(Truncated, fmt.Sprintf("%d bytes, but its header says %d", size, hd.pages*hd.pageSize))
		}
	}

	// A read-only connection still makes the WAL's index (-shm) and an empty WAL. On a
	// damaged file, which no run will use, those it made are removed again, so that the
	// file is left exactly as it was found.
	var made []string
	for _, p := range []string{path + "-wal", path + "-shm"} {
		if _, err := os.Lstat(p); err != nil {
			made = append(made, p)
		}
	}
	db, err := sql.Open(driverName, dsn(path, true))
	if err != nil {
		return fileError(path, err)
	}
	defer db.Close()
	inner := damaged
	damaged = func(kind Damage, detail string) error {
		db.Close()
		if info, err := os.Stat(path + "-wal"); err != nil || info.Size() == 0 {
			for _, p := range made {
				os.Remove(p)
			}
		}
		return inner(kind, detail)
	}
	ctx := context.Background()
	var id int64
	if err := db.QueryRowContext(ctx, `PRAGMA application_id`).Scan(&id); err != nil {
		if isCorrupt(err) {
			return damaged(Corrupt, err.Error())
		}
		if isBusy(err) {
			return &InUseError{Path: path, Cause: err}
		}
		return fileError(path, err)
	}
	if id != appID {
		return damaged(NotLedger, fmt.Sprintf("a SQLite database of another program, application_id %d", id))
	}
	rows, err := db.QueryContext(ctx, `PRAGMA quick_check(5)`)
	if err != nil {
		if isBusy(err) {
			return &InUseError{Path: path, Cause: err}
		}
		return damaged(Corrupt, err.Error())
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return damaged(Corrupt, err.Error())
		}
		if s != "ok" {
			problems = append(problems, s)
		}
	}
	if err := rows.Err(); err != nil {
		return damaged(Corrupt, err.Error())
	}
	if len(problems) > 0 {
		return damaged(Corrupt, "quick_check: "+strings.Join(problems, "; "))
	}
	return nil
}

// salvageSQLite reads every ledger entry it can find in the SQLite file at path and its
// WAL, page by page, bounds-checked, following no page pointers, without SQLite: so that
// a damaged header or schema loses only the pages it covers. Pages freed or copied to
// the WAL leave old versions of an entry behind; the newest wins.
func salvageSQLite(path string) ([]Salvaged, SalvageStats, error) {
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
	ps := int64(4096) // SQLite's default, for a file whose header is gone
	head := make([]byte, 100)
	if n, _ := f.ReadAt(head, 0); n == 100 {
		if hd, ok := parseSQLiteHeader(head); ok {
			ps = hd.pageSize
		}
	}
	sv := newSalvager()
	page := make([]byte, ps)
	scan := func(r io.ReaderAt, size, first, stride int64) error {
		for off := first; off < size; off += stride {
			n, err := r.ReadAt(page, off)
			if err != nil && err != io.EOF {
				return err
			}
			st.Pages++
			p := page[:n]
			hdr := 0
			if off == 0 {
				hdr = 100 // page 1 starts with the file header
			}
			if sv.page(p, hdr, &st) {
				st.LeafPages++
			}
		}
		return nil
	}
	if err := scan(f, info.Size(), 0, ps); err != nil {
		return nil, st, err
	}
	// The WAL: a 32-byte header, then frames of a 24-byte header and a page, oldest
	// first, so its pages are newer than the file's.
	if w, err := os.Open(path + "-wal"); err == nil {
		defer w.Close()
		if wi, err := w.Stat(); err == nil && wi.Size() > 32 {
			wh := make([]byte, 32)
			if n, _ := w.ReadAt(wh, 0); n == 32 {
				if wps := int64(binary.BigEndian.Uint32(wh[8:])); wps == ps {
					if err := scan(w, wi.Size(), 32+24, 24+ps); err != nil {
						return nil, st, err
					}
				}
			}
		}
	}
	return sv.result(), st, nil
}

// salvager collects rows and runs records found on pages.
type salvager struct {
	runs   map[int64]runKey
	newest map[Key]salvRow
	order  []Key
}

type salvRow struct {
	e   Entry
	run int64
}

func newSalvager() *salvager {
	return &salvager{runs: map[int64]runKey{}, newest: map[Key]salvRow{}}
}

func (s *salvager) result() []Salvaged {
	out := make([]Salvaged, 0, len(s.order))
	for _, k := range s.order {
		r := s.newest[k]
		if rk, ok := s.runs[r.run]; ok {
			r.e.Run, r.e.Server, r.e.Operation, r.e.Input = rk.run, rk.server, rk.operation, rk.input
		}
		out = append(out, Salvaged{Key: k, Entry: r.e})
	}
	return out
}

func (s *salvager) addRow(k Key, r salvRow) {
	prev, seen := s.newest[k]
	if !seen {
		s.order = append(s.order, k)
	}
	if !seen || stampOf(r.e).After(stampOf(prev.e)) || (stampOf(r.e).Equal(stampOf(prev.e)) && r.e.State == Created) {
		s.newest[k] = r
	}
}

// page decodes the b-tree page p (its header at hdr) if it is one that can hold ledger
// records: a table leaf (runs) or an index page (rows, a WITHOUT ROWID table, keeps
// whole records in interior pages too). It reports whether the page held any.
func (s *salvager) page(p []byte, hdr int, st *SalvageStats) bool {
	if len(p) < hdr+12 {
		return false
	}
	kind := p[hdr]
	var headLen int
	switch kind {
	case 0x0d, 0x0a: // table leaf, index leaf
		headLen = 8
	case 0x02: // index interior
		headLen = 12
	default:
		return false
	}
	be := binary.BigEndian
	cells := int(be.Uint16(p[hdr+3:]))
	usable := len(p)
	found := false
	for i := range cells {
		at := hdr + headLen + 2*i
		if at+2 > len(p) {
			return found
		}
		c := int(be.Uint16(p[at:]))
		if kind == 0x02 {
			c += 4 // the left child's page number
		}
		if c <= 0 || c >= len(p) {
			st.Unreadable++
			continue
		}
		payload, n := uvarint(p[c:])
		if n == 0 {
			st.Unreadable++
			continue
		}
		c += n
		var rowid int64
		maxLocal := (usable-12)*64/255 - 23
		if kind == 0x0d {
			id, n := uvarint(p[c:])
			if n == 0 {
				st.Unreadable++
				continue
			}
			rowid, c = int64(id), c+n
			maxLocal = usable - 35
		}
		if payload > uint64(maxLocal) || c+int(payload) > len(p) {
			st.Unreadable++ // spills to overflow pages, or runs off the page
			continue
		}
		cols, ok := record(p[c : c+int(payload)])
		if !ok {
			continue // not a record of ours (the schema, an index, another table's)
		}
		if kind == 0x0d {
			if rk, ok := runsRecord(cols); ok {
				s.runs[rowid] = rk
				found = true
			}
			continue
		}
		if k, r, ok := rowsRecord(cols); ok {
			s.addRow(k, r)
			found = true
		}
	}
	return found
}

// col is one decoded record column.
type col struct {
	null  bool
	isInt bool
	i     int64
	text  bool
	b     []byte
}

// record decodes a SQLite record, bounds-checked.
func record(p []byte) ([]col, bool) {
	hlen, n := uvarint(p)
	if n == 0 || hlen > uint64(len(p)) || hlen < uint64(n) {
		return nil, false
	}
	types, body := p[n:hlen], p[hlen:]
	var cols []col
	for len(types) > 0 {
		t, n := uvarint(types)
		if n == 0 || len(cols) > 16 {
			return nil, false
		}
		types = types[n:]
		var c col
		size := 0
		switch {
		case t == 0:
			c.null = true
		case t >= 1 && t <= 6:
			size = []int{0, 1, 2, 3, 4, 6, 8}[t]
			c.isInt = true
		case t == 7:
			size = 8
		case t == 8 || t == 9:
			c.isInt, c.i = true, int64(t-8)
		case t >= 12:
			size = int((t - 12) / 2)
			c.text = t%2 == 1
		default:
			return nil, false
		}
		if size > len(body) {
			return nil, false
		}
		if c.isInt && size > 0 {
			var v int64
			for _, b := range body[:size] {
				v = v<<8 | int64(b)
			}
			shift := 64 - 8*size
			c.i = v << shift >> shift // sign-extend
		} else if t >= 12 {
			c.b = body[:size]
		}
		body = body[size:]
		cols = append(cols, c)
	}
	return cols, true
}

// runsRecord: (NULL id, run, server, operation, input), all text.
func runsRecord(c []col) (runKey, bool) {
	if len(c) != 5 || !c[0].null {
		return runKey{}, false
	}
	for _, x := range c[1:] {
		if !x.text {
			return runKey{}, false
		}
	}
	return runKey{string(c[1].b), string(c[2].b), string(c[3].b), string(c[4].b)}, true
}

// rowsRecord: (key blob32, run, row, state, wolkvox_id, error, sent_at, done_at), then,
// in rows written since schema 2, (ident blob16, digest blob, search text), each NULL or not.
func rowsRecord(c []col) (Key, salvRow, bool) {
	var k Key
	if (len(c) != 8 && len(c) != 11) || c[0].text || len(c[0].b) != len(k) || !c[1].isInt || !c[2].isInt || !c[3].text {
		return k, salvRow{}, false
	}
	copy(k[:], c[0].b)
	e := Entry{State: State(c[3].b), Row: int(c[2].i)}
	if validState(e.State) != nil {
		return k, salvRow{}, false
	}
	textOrNull := func(x col, into *string) bool {
		if x.null {
			return true
		}
		*into = string(x.b)
		return x.text
	}
	if !textOrNull(c[4], &e.WolkvoxID) || !textOrNull(c[5], &e.Error) {
		return k, salvRow{}, false
	}
	for i, into := range []*Entry{&e, &e} {
		x := c[6+i]
		switch {
		case x.null:
		case x.isInt && i == 0:
			into.SentAt = unixMicro(x.i)
		case x.isInt:
			into.DoneAt = unixMicro(x.i)
		default:
			return k, salvRow{}, false
		}
	}
	if len(c) == 11 {
		switch x := c[8]; {
		case x.null:
		case !x.text && len(x.b) == len(e.Ident):
			copy(e.Ident[:], x.b)
		default:
			return k, salvRow{}, false
		}
		switch x := c[9]; {
		case x.null:
		case !x.text:
			e.Digest = append([]byte(nil), x.b...)
		default:
			return k, salvRow{}, false
		}
		var search string
		if !textOrNull(c[10], &search) {
			return k, salvRow{}, false
		}
		if search != "" {
			e.Search = []byte(search)
		}
	}
	return k, salvRow{e: e, run: c[1].i}, true
}

// uvarint decodes SQLite's big-endian varint (1-9 bytes); n is 0 when p is too short.
func uvarint(p []byte) (v uint64, n int) {
	for i := 0; i < 9; i++ {
		if i >= len(p) {
			return 0, 0
		}
		if i == 8 {
			return v<<8 | uint64(p[i]), 9
		}
		v = v<<7 | uint64(p[i]&0x7f)
		if p[i] < 0x80 {
			return v, i + 1
		}
	}
	return 0, 0
}
