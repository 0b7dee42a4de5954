// Package ledger remembers, on the user's machine, every row an import sent and what came
// of it, so that a re-run never sends twice a meeting the server confirmed and never
// silently re-sends one whose fate is unknown.
//
// It is a bbolt file: pure Go (the binary builds without cgo), and every write
// transaction is fsynced before it returns, so "sending" is on disk before the request
// leaves. Concurrent writes are folded into one commit (see commitLoop).
package ledger

import (
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
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

var rowsBucket = []byte("rows")

// ErrInUse is returned when another import holds the ledger.
var ErrInUse = errors.New("the ledger is in use by another wolkvox-import run; wait for it to finish, or give this run its own --ledger FILE")

// Ledger is an open ledger file.
type Ledger struct {
	db   *bolt.DB
	path string

	// Group commit: writes queue here; one goroutine commits everything queued while
	// the previous commit was being fsynced in a single transaction. Nothing waits for
	// company when the ledger is idle, and under load one fsync serves many rows.
	writes chan write
	done   chan struct{}
	mu     sync.RWMutex // held to send on writes; Close takes it to close them
	closed bool
	broken error // set by commitLoop when bbolt panicked in a commit: no more writes
}

type write struct {
	fn  func(*bolt.Tx) error // may run twice: in the group, then alone if the group failed
	err chan error
}

// maxGroup bounds one commit (bbolt's own MaxBatchSize default).
const maxGroup = 1000

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
		return "", errors.New("cannot find a place for the ledger: set --ledger FILE")
	}
	return filepath.Join(dir, "wolkvox-import", "ledger.db"), nil
}

// Open opens the ledger at path, or creates it if there is no file there; readable by
// the user alone. An existing file is checked first (see check): an empty, truncated or
// corrupted one is a *DamagedError, never replaced and never a crash.
func Open(path string) (*Ledger, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("ledger %s: %w", path, err)
	}
	switch info, err := os.Stat(path); {
	case err == nil && !info.Mode().IsRegular():
		return nil, fmt.Errorf("ledger %s is not a regular file: give --ledger FILE", path)
	case err == nil:
		if err := check(path, info.Size()); err != nil {
			return nil, err
		}
	case !errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("ledger %s: %w", path, err)
	}
	var db *bolt.DB
	err := guard(path, func() error {
		var err error
		db, err = bolt.Open(path, 0o600, &bolt.Options{Timeout: 2 * time.Second})
		if err != nil {
			return err
		}
		return db.Update(func(tx *bolt.Tx) error {
			_, err := tx.CreateBucketIfNotExists(rowsBucket)
			return err
		})
	})
	var de *DamagedError
	switch {
	case errors.Is(err, bolt.ErrTimeout):
		return nil, fmt.Errorf("ledger %s: %w", path, ErrInUse)
	case errors.As(err, &de):
		return nil, err // bbolt panicked, holding the file: the process is about to stop
	case err != nil:
		if db != nil {
			db.Close()
		}
		return nil, fmt.Errorf("ledger %s: %w", path, err)
	}
	l := &Ledger{db: db, path: path, writes: make(chan write, maxGroup), done: make(chan struct{})}
	go l.commitLoop()
	return l, nil
}

// commitLoop commits queued writes in groups: the first write found, plus every write
// queued by the time it is taken. If the group's transaction fails, each write is
// retried in a transaction of its own, so one bad write fails alone.
func (l *Ledger) commitLoop() {
	defer close(l.done)
	group := make([]write, 0, maxGroup)
	for w := range l.writes {
		group = append(group[:0], w)
	drain:
		for len(group) < maxGroup {
			select {
			case w, ok := <-l.writes:
				if !ok {
					break drain
				}
				group = append(group, w)
			default:
				break drain
			}
		}
		if l.broken != nil {
			for _, w := range group {
				w.err <- l.broken
			}
			continue
		}
		err := l.commit(func(tx *bolt.Tx) error {
			for _, w := range group {
				if err := w.fn(tx); err != nil {
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

// commit runs one write transaction, guarded: a panic in bbolt leaves the ledger
// refusing every later write with the same error.
func (l *Ledger) commit(fn func(*bolt.Tx) error) error {
	err := guard(l.path, func() error { return l.db.Update(fn) })
	var de *DamagedError
	if errors.As(err, &de) {
		l.broken = err
	}
	return err
}

// update runs fn in a write transaction shared with the other writes queued meanwhile,
// and returns once that transaction is on disk.
func (l *Ledger) update(fn func(*bolt.Tx) error) error {
	return <-l.enqueue(fn)
}

// enqueue queues fn for the next group commit; its error arrives on the channel.
func (l *Ledger) enqueue(fn func(*bolt.Tx) error) <-chan error {
	errc := make(chan error, 1)
	l.mu.RLock()
	defer l.mu.RUnlock()
	if l.closed {
		errc <- bolt.ErrDatabaseNotOpen
		return errc
	}
	l.writes <- write{fn: fn, err: errc}
	return errc
}

// Path is the file behind the ledger.
func (l *Ledger) Path() string { return l.path }

// Close releases the file.
func (l *Ledger) Close() error {
	l.mu.Lock()
	if !l.closed {
		l.closed = true
		close(l.writes)
	}
	l.mu.Unlock()
	<-l.done
	return l.db.Close()
}

// Get returns the entry for key, if any. Reads run in parallel with each other.
func (l *Ledger) Get(k Key) (Entry, bool, error) {
	var e Entry
	var found bool
	err := l.view(func(tx *bolt.Tx) error {
		v := tx.Bucket(rowsBucket).Get(k[:])
		if v == nil {
			return nil
		}
		found = true
		return decodeEntry(v, &e)
	})
	return e, found, err
}

// Claim records e (state Sending) for k unless may says the entry already there must be
// kept; check and write are one transaction, so two identical rows in flight at once
// cannot both be claimed. It returns the entry it found (if any) and whether it claimed.
// When Claim returns true the entry is on disk.
func (l *Ledger) Claim(k Key, e Entry, may func(prev Entry) bool) (prev Entry, claimed bool, err error) {
	val, err := json.Marshal(e)
	if err != nil {
		return Entry{}, false, err
	}
	err = l.update(func(tx *bolt.Tx) error {
		// update may run this function more than once: reset what it reports.
		prev, claimed = Entry{}, false
		b := tx.Bucket(rowsBucket)
		if v := b.Get(k[:]); v != nil {
			if err := decodeEntry(v, &prev); err != nil {
				return &DamagedError{Path: l.path, Kind: Corrupt, Detail: err.Error()}
			}
			if !may(prev) {
				return nil
			}
		}
		claimed = true
		return b.Put(k[:], val)
	})
	return prev, claimed, err
}

// Put records e for k, replacing what was there, and returns once it is on disk.
func (l *Ledger) Put(k Key, e Entry) error {
	return l.PutLater(k, e)()
}

// PutLater queues e for k, replacing what was there, and returns at once; wait reports
// when the write is on disk, or why it is not. Writes are committed in the order they
// are queued, so a write queued after this one returns (a later Claim) is never on disk
// before it: a sender that queues a row's outcome before giving up its request slot
// keeps the rows "sending" on disk within the rows holding a slot.
func (l *Ledger) PutLater(k Key, e Entry) (wait func() error) {
	val, err := json.Marshal(e)
	if err != nil {
		return func() error { return err }
	}
	errc := l.enqueue(func(tx *bolt.Tx) error {
		return tx.Bucket(rowsBucket).Put(k[:], val)
	})
	return func() error { return <-errc }
}

// Each calls fn for every entry, in key order (for listing what was imported).
func (l *Ledger) Each(fn func(Entry) error) error {
	return l.view(func(tx *bolt.Tx) error {
		return tx.Bucket(rowsBucket).ForEach(func(_, v []byte) error {
			var e Entry
			if err := decodeEntry(v, &e); err != nil {
				return &DamagedError{Path: l.path, Kind: Corrupt, Detail: err.Error()}
			}
			return fn(e)
		})
	})
}

// view runs a read transaction, guarded (see guard).
func (l *Ledger) view(fn func(*bolt.Tx) error) error {
	return guard(l.path, func() error { return l.db.View(fn) })
}

// decodeEntry reads a stored entry; one that is not JSON, or has no known state, is damaged.
func decodeEntry(v []byte, e *Entry) error {
	if err := json.Unmarshal(v, e); err != nil {
		return fmt.Errorf("an entry does not decode: %v", err)
	}
	switch e.State {
	case Sending, Created, Failed:
		return nil
	}
	return fmt.Errorf("an entry has the unknown state %q", e.State)
}
