// Package ledger remembers, on the user's machine, every row an import sent and what came
// of it, so that a re-run never sends twice a meeting the server confirmed and never
// silently re-sends one whose fate is unknown.
//
// It is a SQLite database in WAL mode, through a pure-Go driver (the binary builds
// without cgo). Writes are group-committed: every claim and outcome queued while the
// previous commit was syncing goes into one transaction, synced once (synchronous=FULL:
// one fsync of the WAL per commit), and each caller returns when its own write is on
// disk, so "sending" is on disk before the request leaves. SQLite keeps a bounded page
// cache instead of mapping the file, so memory does not grow with the ledger; readers
// (`wolkvox-import ledger`, the sqlite3 shell) work beside a running import, and two
// imports can share one ledger: the claim, a check and a write in one IMMEDIATE
// transaction, is the arbiter between processes too.
//
// The tables, for a standard client (sqlite3 ledger.db 'select * from imports'):
//
//	runs(id, run, server, operation, input)
//	rows(key, run → runs.id, row, state, wolkvox_id, error, sent_at, done_at, ident, digest, search)  -- times: unix µs, UTC
//	imports: a view joining both, times as text (UTC), with the meeting's subject
package ledger

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/wolkvox-import/wolkvox-import/i18n"
)

// State is where a row stands.
type State string

const (
	Sending State = "sending" // written before the request goes out
	Created State = "created" // the server confirmed it
	Failed  State = "failed"  // the server refused it, or it was never sent: safe to send again
)

// Entry is what the ledger knows of one row. It never holds the token.
type Entry struct {
	State     State     `json:"state"`
	WolkvoxID string    `json:"wolkvox_id,omitempty"`
	Error     string    `json:"error,omitempty"`
	Server    string    `json:"server"`
	Operation string    `json:"operation"`
	Input     string    `json:"input"`
	Row       int       `json:"row"`
	Run       string    `json:"run"`
	SentAt    time.Time `json:"sent_at"`
	DoneAt    time.Time `json:"done_at,omitzero"`
	// Ident is the meeting's key (see IdentOf); zero in entries written before the
	// ledger kept it (schema 1), which are then found by their content only.
	Ident Ident `json:"-"`
	// Digest is a 4-byte hash of each API field's value as sent (mapping.Fields.Digest),
	// what a changed row is compared with; nil when not kept (schema 1).
	Digest []byte `json:"-"`
	// Search is what to look for in Wolkvox, as sent: the meeting's name, start and
	// record, a JSON object; nil when not kept (schema 1).
	Search json.RawMessage `json:"search,omitempty"`
}

// Ident identifies a meeting by its key: the server, the operation and the values of
// the mapping's key fields (name, start date, record, module by default). Two rows with
// the same Ident and different content are one meeting, changed.
type Ident [16]byte

// IdentOf is the Ident of a meeting whose key fields names have values.
func IdentOf(server, operation string, names, values []string) Ident {
	h := sha256.New()
	for _, s := range []string{server, operation} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	for i, n := range names {
		h.Write([]byte(n))
		h.Write([]byte{0})
		h.Write([]byte(values[i]))
		h.Write([]byte{0})
	}
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	var id Ident
	copy(id[:], sum[:])
	return id
}

// Earlier is what the ledger holds of a row about to be sent: the entry with its exact
// content, or else (Changed) the latest meeting created with its key and another
// content, or one with its key sent earlier in the same run.
type Earlier struct {
	Entry
	Found   bool
	Changed bool // same key, another content: Entry.Digest says which fields differ
}

// Key identifies a row by where it goes and exactly what it says. The body holds the
// operation, so two operations never share a key.
type Key [sha256.Size]byte

// KeyOf is the key of a request body sent to server.
func KeyOf(server string, body []byte) Key {
	h := sha256.New()
	h.Write([]byte(server))
	h.Write([]byte{0})
	h.Write(body)
	var k Key
	h.Sum(k[:0])
	return k
}

// ErrInUse is returned when another import kept the ledger locked for longer than a
// commit takes (busyTimeout).
var ErrInUse = errors.New("the ledger is in use by another wolkvox-import run that kept it locked too long; wait for it to finish, or give this run its own --ledger FILE")

// errClosed is returned by writes after Close.
var errClosed = errors.New("the ledger is closed")

// Ledger is an open ledger file.
type Ledger struct {
	path    string
	rdb     *sql.DB   // readers: a small pool, beside the writer
	wdb     *sql.DB   // the writer's one connection
	w       *sql.Conn // ... held by commitLoop
	get     *sql.Stmt // on rdb
	byIdent *sql.Stmt // on rdb

	// The writer's statements, prepared once on w: SQLite parsing them again for every
	// transaction was a tenth of the process's CPU at 3,000 rows/s.
	begin, commitTx, wget, wput, wupdate, wbyIdent *sql.Stmt

	// Migrated is, when Open carried a bbolt ledger over, where the old file was kept.
	Migrated string

	// Group commit: writes queue here; one goroutine commits everything queued while
	// the previous commit was being synced in a single transaction. Nothing waits for
	// company when the ledger is idle, and under load one sync serves many rows.
	writes chan write
	done   chan struct{}
	mu     sync.RWMutex // held to send on writes; Close takes it to close them
	closed bool
	broken error // set by commitLoop when the file turned out damaged: no more writes

	runs map[runKey]int64 // runs.id by its fields, for rows committed (commitLoop only)
}

type runKey struct{ run, server, operation, input string }

type write struct {
	fn  func(*wtx) error // may run twice: in the group, then alone if the group failed
	err chan error
	// later: queued by PutLater, whose caller goes on without waiting (an outcome).
	later bool
}

// maxGroup bounds one commit.
const maxGroup = 1000

// linger is how long a group of PutLater writes only waits for company before it is
// committed. A sender queues a row's outcome, frees the request slot, and claims its
// next row a fraction of a millisecond later; committing the outcome alone would make
// that claim wait for two syncs in a row, in the gap between one answer and the next
// request. Lingering, they share one. Nobody waits on the outcome meanwhile, and no
// later write can be on disk before it: the bound on rows left "sending" by a kill
// is unchanged, an outcome is on disk at most linger (plus a sync) later.
const linger = time.Millisecond

// busyTimeout is how long a write waits for another process's commit.
const busyTimeout = 10 * time.Second

// DefaultPath is $XDG_STATE_HOME/wolkvox-import/ledger.db, else ~/.local/state/...;
// on systems without a home, next to the user's cache.
func DefaultPath() (string, error) {
	if dir := os.Getenv("XDG_STATE_HOME"); dir != "" {
		return filepath.Join(dir, "wolkvox-import", "ledger.db"), nil
	}
	if home, err := os.UserHomeDir(); err == nil {
		return filepath.Join(home, ".local", "state", "wolkvox-import", "ledger.db"), nil
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", &FileError{Text: i18n.Text{Key: "ledger.no_place"}}
	}
	return filepath.Join(dir, "wolkvox-import", "ledger.db"), nil
}

// Open opens the ledger at path, or creates it if there is no file there; readable by
// the user alone. An existing file is checked first (see checkSQLite): an empty,
// truncated or corrupted one is a *DamagedError, never replaced. A bbolt ledger (the
// store before SQLite) is checked the same way, then carried over once (see migrate).
func Open(path string) (*Ledger, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fileError(path, err)
	}
	migrated := ""
	switch info, err := os.Stat(path); {
	case err == nil && !info.Mode().IsRegular():
		return nil, &FileError{Path: path, Text: i18n.Text{Key: "ledger.not_regular"}}
	case err == nil:
		isSQL, err := looksSQLite(path, info.Size())
		if err != nil {
			return nil, err
		}
		switch {
		case isSQL:
			if err := checkSQLite(path, info.Size()); err != nil {
				return nil, err
			}
		case looksBolt(path, info.Size()):
			if err := checkBolt(path, info.Size()); err != nil {
				return nil, err
			}
			if migrated, err = migrate(path); err != nil {
				return nil, err
			}
		default:
			// No header of either kind: a ledger whose first pages were overwritten, or
			// another kind of file (checkBolt tells which, and what can be read).
			if got, _, _ := salvageSQLite(path); len(got) > 0 {
				return nil, &DamagedError{Path: path, Kind: Corrupt, Readable: len(got),
					Detail: "its first pages are overwritten: it has no header, neither SQLite's nor bbolt's"}
			}
			return nil, checkBolt(path, info.Size())
		}
	case errors.Is(err, fs.ErrNotExist):
		// Made whole under another name, then renamed: a crash never leaves an empty
		// file that the next run would have to refuse.
		if err := create(path, nil, false); err != nil {
			return nil, err
		}
	default:
		return nil, fileError(path, err)
	}
	l, err := openSQLite(path)
	if err != nil {
		return nil, err
	}
	l.Migrated = migrated
	return l, nil
}

// openSQLite opens the SQLite ledger at path, already checked (or made: see create).
func openSQLite(path string) (*Ledger, error) {
	l := &Ledger{path: path, writes: make(chan write, maxGroup), done: make(chan struct{}), runs: map[runKey]int64{}}
	fail := func(err error) (*Ledger, error) {
		l.closeDBs()
		return nil, l.wrap(err)
	}
	var err error
	if l.wdb, err = sql.Open(driverName, dsn(path, false)); err != nil {
		return fail(err)
	}
	l.wdb.SetMaxOpenConns(1)
	ctx := context.Background()
	if l.w, err = l.wdb.Conn(ctx); err != nil {
		return fail(err)
	}
	if err := initSchema(ctx, l.w); err != nil {
		return fail(err)
	}
	for _, st := range []struct {
		to  **sql.Stmt
		sql string
	}{
		{&l.begin, `BEGIN IMMEDIATE`},
		{&l.commitTx, `COMMIT`},
		{&l.wget, selectEntry + ` WHERE rows.key = ?`},
		{&l.wput, upsertRow},
		{&l.wupdate, `UPDATE rows SET run = ?, row = ?, state = ?, wolkvox_id = ?, error = ?, sent_at = ?, done_at = ? WHERE key = ?`},
		{&l.wbyIdent, byIdent},
	} {
		if *st.to, err = l.w.PrepareContext(ctx, st.sql); err != nil {
			return fail(err)
		}
	}
	if l.rdb, err = sql.Open(driverName, dsn(path, true)); err != nil {
		return fail(err)
	}
	l.rdb.SetMaxOpenConns(4)
	if l.get, err = l.rdb.Prepare(selectEntry + ` WHERE rows.key = ?`); err != nil {
		return fail(err)
	}
	if l.byIdent, err = l.rdb.Prepare(byIdent); err != nil {
		return fail(err)
	}
	go l.commitLoop()
	return l, nil
}

const (
	appID         = 0x574b5649 // "WKVI": PRAGMA application_id of a wolkvox-import ledger
	schemaVersion = 2          // PRAGMA user_version; 2 added rows.ident, digest and search
)

// ledger_info comes first so that it, not runs or rows, takes page 2: damage to the
// first pages of a file then loses no entry a salvage could read.
const schema = `
CREATE TABLE IF NOT EXISTS ledger_info (name TEXT NOT NULL, value TEXT);
CREATE TABLE IF NOT EXISTS runs (
	id        INTEGER PRIMARY KEY,
	run       TEXT NOT NULL,
	server    TEXT NOT NULL,
	operation TEXT NOT NULL,
	input     TEXT NOT NULL,
	UNIQUE (run, server, operation, input)
);
CREATE TABLE IF NOT EXISTS rows (
	key        BLOB PRIMARY KEY NOT NULL, -- sha256 of the server and the exact request
	run        INTEGER NOT NULL REFERENCES runs (id),
	row        INTEGER NOT NULL,          -- source_row in the input
	state      TEXT NOT NULL,             -- sending, created, failed
	wolkvox_id TEXT,
	error      TEXT,
	sent_at    INTEGER,                   -- unix microseconds, UTC
	done_at    INTEGER,
	ident      BLOB,                      -- the meeting's key (16 bytes); NULL in schema 1's rows
	digest     BLOB,                      -- 4 bytes of hash per API field, as sent
	search     TEXT                       -- name, start_date, id_record as sent, JSON
) WITHOUT ROWID;
` + schema2

// schema2 is what version 2 adds to version 1, beside the two columns: the index that
// finds a meeting by its key, and the view with the subject.
const schema2 = `
CREATE INDEX IF NOT EXISTS rows_by_ident ON rows (ident) WHERE ident IS NOT NULL;
DROP VIEW IF EXISTS imports;
CREATE VIEW imports AS
SELECT strftime('%Y-%m-%d %H:%M:%S', rows.sent_at / 1000000, 'unixepoch') AS sent_at_utc,
       strftime('%Y-%m-%d %H:%M:%S', rows.done_at / 1000000, 'unixepoch') AS done_at_utc,
       rows.state, rows.wolkvox_id, json_extract(rows.search, '$.name') AS subject,
       runs.server, runs.operation, runs.input,
       rows.row AS source_row, rows.error, runs.run, lower(hex(rows.key)) AS key, rows.search
FROM rows JOIN runs ON runs.id = rows.run;
`

// upgrade1 carries a schema 1 ledger to version 2.
const upgrade1 = `ALTER TABLE rows ADD COLUMN ident BLOB; ALTER TABLE rows ADD COLUMN digest BLOB; ALTER TABLE rows ADD COLUMN search TEXT;` + schema2

// initSchema makes a new file a ledger; on an existing ledger it writes nothing, so it
// takes no lock that a running import holds.
func initSchema(ctx context.Context, c *sql.Conn) error {
	var id int64
	if err := c.QueryRowContext(ctx, `PRAGMA application_id`).Scan(&id); err != nil {
		return err
	}
	var version int64
	if err := c.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&version); err != nil {
		return err
	}
	switch {
	case id == appID && version == schemaVersion:
		return nil
	case id == appID && version > schemaVersion:
		return &FileError{Text: i18n.Text{Key: "ledger.newer", Args: []any{version, schemaVersion}}}
	}
	if _, err := c.ExecContext(ctx, `BEGIN IMMEDIATE`); err != nil {
		return err
	}
	var err error
	if id == appID {
		// Schema 1 (checked again inside the lock: another import may have upgraded it).
		if err = c.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&version); err == nil && version == 1 {
			_, err = c.ExecContext(ctx, upgrade1+fmt.Sprintf("PRAGMA user_version = %d;", schemaVersion))
		}
	} else {
		_, err = c.ExecContext(ctx, schema+fmt.Sprintf("PRAGMA application_id = %d; PRAGMA user_version = %d;", appID, schemaVersion))
		if err == nil {
			_, err = c.ExecContext(ctx, `INSERT INTO ledger_info VALUES ('created_by', 'wolkvox-import'), ('created_at', ?)`,
				time.Now().UTC().Format(time.RFC3339))
		}
	}
	if err != nil {
		c.ExecContext(ctx, `ROLLBACK`)
		return err
	}
	_, err = c.ExecContext(ctx, `COMMIT`)
	return err
}

const selectEntry = `SELECT rows.state, rows.wolkvox_id, rows.error, runs.server, runs.operation, runs.input,
	rows.row, runs.run, rows.sent_at, rows.done_at, rows.key, rows.ident, rows.digest, rows.search FROM rows JOIN runs ON runs.id = rows.run`

// upsertRow writes a row's entry; one without ident, digest or search (an outcome, after
// the claim that had them) keeps those already there.
const upsertRow = `INSERT INTO rows (key, run, row, state, wolkvox_id, error, sent_at, done_at, ident, digest, search)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT (key) DO UPDATE SET run = excluded.run, row = excluded.row, state = excluded.state,
		wolkvox_id = excluded.wolkvox_id, error = excluded.error, sent_at = excluded.sent_at, done_at = excluded.done_at,
		ident = coalesce(excluded.ident, rows.ident), digest = coalesce(excluded.digest, rows.digest),
		search = coalesce(excluded.search, rows.search)`

// byIdent finds the meeting with a row's key and another content: the latest created,
// else one sent by the same run (a sheet holding the meeting twice).
const byIdent = selectEntry + ` WHERE rows.ident = ? AND rows.key != ?
	AND (rows.state = 'created' OR (rows.state = 'sending' AND runs.run = ?))
	ORDER BY rows.state = 'created' DESC, rows.sent_at DESC LIMIT 1`

type scanner interface{ Scan(...any) error }

func scanEntry(s scanner, k *Key) (Entry, error) {
	var e Entry
	var id, msg sql.NullString
	var sent, done sql.NullInt64
	var key, ident, digest []byte
	var search sql.NullString
	if err := s.Scan(&e.State, &id, &msg, &e.Server, &e.Operation, &e.Input, &e.Row, &e.Run, &sent, &done, &key, &ident, &digest, &search); err != nil {
		return e, err
	}
	copy(e.Ident[:], ident) // NULL: zero
	if len(digest) > 0 {
		e.Digest = append([]byte(nil), digest...)
	}
	if search.Valid {
		e.Search = json.RawMessage(search.String)
	}
	e.WolkvoxID, e.Error = id.String, msg.String
	if sent.Valid {
		e.SentAt = unixMicro(sent.Int64)
	}
	if done.Valid {
		e.DoneAt = unixMicro(done.Int64)
	}
	if len(key) != len(Key{}) {
		return e, fmt.Errorf("an entry has a %d-byte key", len(key))
	}
	if k != nil {
		copy(k[:], key)
	}
	return e, validState(e.State)
}

func validState(s State) error {
	switch s {
	case Sending, Created, Failed:
		return nil
	}
	return fmt.Errorf("an entry has the unknown state %q", s)
}

func unixMicro(v int64) time.Time { return time.UnixMicro(v).UTC() }

func micros(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UnixMicro()
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// wtx is one group's write transaction.
type wtx struct {
	l       *Ledger
	ctx     context.Context
	newRuns []runKey // runs inserted by this transaction: forgotten if it rolls back
}

func (t *wtx) runID(e Entry) (int64, error) {
	rk := runKey{e.Run, e.Server, e.Operation, e.Input}
	if id, ok := t.l.runs[rk]; ok {
		return id, nil
	}
	c := t.l.w
	if _, err := c.ExecContext(t.ctx, `INSERT INTO runs (run, server, operation, input) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
		rk.run, rk.server, rk.operation, rk.input); err != nil {
		return 0, err
	}
	var id int64
	if err := c.QueryRowContext(t.ctx, `SELECT id FROM runs WHERE run = ? AND server = ? AND operation = ? AND input = ?`,
		rk.run, rk.server, rk.operation, rk.input).Scan(&id); err != nil {
		return 0, err
	}
	t.l.runs[rk] = id
	t.newRuns = append(t.newRuns, rk)
	return id, nil
}

func (t *wtx) get(k Key) (Entry, bool, error) {
	return oneRow(scanEntry(t.l.wget.QueryRowContext(t.ctx, k[:]), nil))
}

// getChanged is the meeting with ident and another content than k (see byIdent).
func (t *wtx) getChanged(id Ident, k Key, run string) (Entry, bool, error) {
	return oneRow(scanEntry(t.l.wbyIdent.QueryRowContext(t.ctx, id[:], k[:], run), nil))
}

// oneRow turns a one-row query's "no rows" into found = false.
func oneRow(e Entry, err error) (Entry, bool, error) {
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return Entry{}, false, nil
	case err != nil:
		return Entry{}, false, err
	}
	return e, true, nil
}

// put writes e for k. An entry without Ident, Digest or Search (an outcome, written after
// the claim that had them) keeps those already there.
func (t *wtx) put(k Key, e Entry) error {
	run, err := t.runID(e)
	if err != nil {
		return err
	}
	var ident, digest, search any
	if e.Ident != (Ident{}) {
		ident = e.Ident[:]
	}
	if len(e.Digest) > 0 {
		digest = e.Digest
	}
	if len(e.Search) > 0 {
		search = string(e.Search)
	}
	if ident == nil && digest == nil && search == nil {
		// An outcome, after its claim: an update that leaves the key's index alone (an
		// upsert assigning ident, even to itself, rewrites its index entry).
		res, err := t.l.wupdate.ExecContext(t.ctx, run, e.Row, string(e.State), nullable(e.WolkvoxID), nullable(e.Error), micros(e.SentAt), micros(e.DoneAt), k[:])
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n > 0 {
			return err
		}
	}
	_, err = t.l.wput.ExecContext(t.ctx, k[:], run, e.Row, string(e.State), nullable(e.WolkvoxID), nullable(e.Error), micros(e.SentAt), micros(e.DoneAt), ident, digest, search)
	return err
}

// commitLoop commits queued writes in groups: the first write found, plus every write
// queued by the time it is taken (a group of PutLater writes only waits up to linger for
// one that is waited on). If the group's transaction fails, each write is
// retried in a transaction of its own, so one bad write fails alone. Groups commit in
// the order their writes were queued.
func (l *Ledger) commitLoop() {
	defer close(l.done)
	group := make([]write, 0, maxGroup)
	timer := time.NewTimer(linger)
	timer.Stop()
	for w := range l.writes {
		group = append(group[:0], w)
		lazy, waiting := w.later, false
	drain:
		for len(group) < maxGroup {
			select {
			case w, ok := <-l.writes:
				if !ok {
					break drain
				}
				group = append(group, w)
				lazy = lazy && w.later
				continue
			default:
			}
			if !lazy {
				break
			}
			// Only outcomes so far: wait a little (linger from the first wait, in
			// all) for the claim that follows them.
			if !waiting {
				timer.Reset(linger)
				waiting = true
			}
			select {
			case w, ok := <-l.writes:
				if !ok {
					break drain
				}
				group = append(group, w)
				lazy = w.later
			case <-timer.C:
				waiting = false
				lazy = false
			}
		}
		if waiting {
			timer.Stop()
		}
		if l.broken != nil {
			for _, w := range group {
				w.err <- l.broken
			}
			continue
		}
		err := l.commit(func(t *wtx) error {
			for _, w := range group {
				if err := w.fn(t); err != nil {
					return err
				}
			}
			return nil
		})
		if err == nil || len(group) == 1 || l.broken != nil {
			for _, w := range group {
				w.err <- err
			}
			continue
		}
		for _, w := range group {
			w.err <- l.commit(w.fn)
		}
	}
}

// commit runs one write transaction and syncs it. A damaged file leaves the ledger
// refusing every later write with the same error.
func (l *Ledger) commit(fn func(*wtx) error) error {
	ctx := context.Background()
	t := &wtx{l: l, ctx: ctx}
	err := func() error {
		if _, err := l.begin.ExecContext(ctx); err != nil {
			return err
		}
		if err := fn(t); err != nil {
			l.w.ExecContext(ctx, `ROLLBACK`)
			return err
		}
		if _, err := l.commitTx.ExecContext(ctx); err != nil {
			l.w.ExecContext(ctx, `ROLLBACK`)
			return err
		}
		return nil
	}()
	if err != nil {
		for _, rk := range t.newRuns {
			delete(l.runs, rk)
		}
		err = l.wrap(err)
		var de *DamagedError
		if errors.As(err, &de) {
			l.broken = err
		}
	}
	return err
}

// wrap gives a SQLite error the ledger's meaning: a damaged file is a *DamagedError, a
// lock held too long is ErrInUse.
func (l *Ledger) wrap(err error) error {
	var de *DamagedError
	var fe *FileError
	switch {
	case errors.As(err, &fe):
		if fe.Path == "" {
			fe.Path = l.path
		}
		return err
	case err == nil || errors.As(err, &de) || errors.Is(err, errClosed):
		return err
	case isCorrupt(err):
		return &DamagedError{Path: l.path, Kind: Corrupt, Detail: err.Error()}
	case isBusy(err):
		return &InUseError{Path: l.path, Cause: err}
	}
	return fileError(l.path, err)
}

func isCorrupt(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "malformed") || strings.Contains(msg, "not a database") ||
		strings.Contains(msg, "unknown state") || strings.Contains(msg, "-byte key")
}

func isBusy(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "database is locked") || strings.Contains(msg, "SQLITE_BUSY")
}

// update runs fn in a write transaction shared with the other writes queued meanwhile,
// and returns once that transaction is on disk.
func (l *Ledger) update(fn func(*wtx) error) error {
	return <-l.enqueue(fn, false)
}

// enqueue queues fn for the next group commit; its error arrives on the channel. later
// says that nobody waits for it at once (see linger).
func (l *Ledger) enqueue(fn func(*wtx) error, later bool) <-chan error {
	errc := make(chan error, 1)
	l.mu.RLock()
	defer l.mu.RUnlock()
	if l.closed {
		errc <- errClosed
		return errc
	}
	l.writes <- write{fn: fn, err: errc, later: later}
	return errc
}

// Path is the file behind the ledger.
func (l *Ledger) Path() string { return l.path }

// Close commits what is queued and releases the file.
func (l *Ledger) Close() error {
	l.mu.Lock()
	if !l.closed {
		l.closed = true
		close(l.writes)
	}
	l.mu.Unlock()
	<-l.done
	return l.closeDBs()
}

func (l *Ledger) closeDBs() error {
	var errs []error
	for _, st := range []**sql.Stmt{&l.get, &l.byIdent, &l.begin, &l.commitTx, &l.wget, &l.wput, &l.wupdate, &l.wbyIdent} {
		if *st != nil {
			errs = append(errs, (*st).Close())
			*st = nil
		}
	}
	if l.rdb != nil {
		errs = append(errs, l.rdb.Close())
		l.rdb = nil
	}
	if l.w != nil {
		errs = append(errs, l.w.Close())
		l.w = nil
	}
	if l.wdb != nil {
		errs = append(errs, l.wdb.Close())
		l.wdb = nil
	}
	return errors.Join(errs...)
}

// Get returns the entry for key, if any. Reads run beside the writer and each other.
func (l *Ledger) Get(k Key) (Entry, bool, error) {
	e, found, err := oneRow(scanEntry(l.get.QueryRow(k[:]), nil))
	return e, found, l.wrap(err)
}

// Claim records e (state Sending) for k unless may says what the ledger already holds
// must be kept: the entry with the same content, then, when e has an Ident, the meeting
// with the same key and another content (see Earlier). Check and write are one
// transaction, so two rows of one meeting in flight at once, in this process or another,
// cannot both be claimed. It returns what it found and whether it claimed; when it
// claimed, the entry is on disk. Claims queued together share one transaction and one
// sync.
func (l *Ledger) Claim(k Key, e Entry, may func(Earlier) bool) (prev Earlier, claimed bool, err error) {
	err = l.update(func(t *wtx) error {
		// update may run this function more than once: reset what it reports.
		prev, claimed = Earlier{}, false
		p, found, err := t.get(k)
		if err != nil {
			return err
		}
		if found {
			prev = Earlier{Entry: p, Found: true}
			if !may(prev) {
				return nil
			}
		}
		if e.Ident != (Ident{}) {
			c, found, err := t.getChanged(e.Ident, k, e.Run)
			if err != nil {
				return err
			}
			if found && !may(Earlier{Entry: c, Found: true, Changed: true}) {
				prev = Earlier{Entry: c, Found: true, Changed: true}
				return nil
			}
		}
		claimed = true
		return t.put(k, e)
	})
	return prev, claimed, err
}

// Lookup is what Claim would find for a row, read beside the writer: the entry with
// content k, and the meeting with key id and another content (zero id: not looked for),
// as it stands for a row of run.
func (l *Ledger) Lookup(k Key, id Ident, run string) (same, changed Earlier, err error) {
	e, found, err := l.Get(k)
	if err != nil {
		return same, changed, err
	}
	same = Earlier{Entry: e, Found: found}
	if id == (Ident{}) {
		return same, changed, nil
	}
	c, found, err := oneRow(scanEntry(l.byIdent.QueryRow(id[:], k[:], run), nil))
	return same, Earlier{Entry: c, Found: found, Changed: found}, l.wrap(err)
}

// Put records e for k, replacing what was there, and returns once it is on disk.
func (l *Ledger) Put(k Key, e Entry) error {
	return <-l.enqueue(func(t *wtx) error { return t.put(k, e) }, false)
}

// PutLater queues e for k, replacing what was there, and returns at once; wait reports
// when the write is on disk, or why it is not. Writes are committed in the order they
// are queued, so a write queued after this one returns (a later Claim) is never on disk
// before it: a sender that queues a row's outcome before giving up its request slot
// keeps the rows "sending" on disk within the rows holding a slot.
func (l *Ledger) PutLater(k Key, e Entry) (wait func() error) {
	errc := l.enqueue(func(t *wtx) error { return t.put(k, e) }, true)
	return func() error { return <-errc }
}

// Each calls fn for every entry, in key order (for listing what was imported). It reads
// a snapshot: writes committed meanwhile by a running import are not in it.
func (l *Ledger) Each(fn func(Entry) error) error { return l.each(` ORDER BY rows.key`, fn) }

// eachInTimeOrder is Each, oldest sent first (SQLite sorts in its own bounded memory).
func (l *Ledger) eachInTimeOrder(fn func(Entry) error) error {
	return l.each(` ORDER BY rows.sent_at, rows.key`, fn)
}

func (l *Ledger) each(order string, fn func(Entry) error) error {
	rows, err := l.rdb.Query(selectEntry + order)
	if err != nil {
		return l.wrap(err)
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanEntry(rows, nil)
		if err != nil {
			return l.wrap(err)
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	return l.wrap(rows.Err())
}
