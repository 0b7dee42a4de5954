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

// Open opens or creates the ledger at path, readable by the user alone.
func Open(path string) (*Ledger, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("ledger %s: %w", path, err)
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: 2 * time.Second})
	if errors.Is(err, bolt.ErrTimeout) {
		return nil, fmt.Errorf("ledger %s: %w", path, ErrInUse)
	}
	if err != nil {
		return nil, fmt.Errorf("ledger %s: %w (move the file away to start a new ledger)", path, err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		_, err := tx.CreateBucketIfNotExists(rowsBucket)
		return err
	})
	if err != nil {
		db.Close()
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
		err := l.db.Update(func(tx *bolt.Tx) error {
			for _, w := range group {
				if err := w.fn(tx); err != nil {
					return err
				}
			}
			return nil
		})
		if err == nil || len(group) == 1 {
			for _, w := range group {
				w.err <- err
			}
			continue
		}
		for _, w := range group {
			w.err <- l.db.Update(w.fn)
		}
	}
}

// update runs fn in a write transaction shared with the other writes queued meanwhile,
// and returns once that transaction is on disk.
func (l *Ledger) update(fn func(*bolt.Tx) error) error {
	errc := make(chan error, 1)
	l.mu.RLock()
	if l.closed {
		l.mu.RUnlock()
		return bolt.ErrDatabaseNotOpen
	}
	l.writes <- write{fn: fn, err: errc}
	l.mu.RUnlock()
	return <-errc
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
	err := l.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(rowsBucket).Get(k[:])
		if v == nil {
			return nil
		}
		found = true
		return json.Unmarshal(v, &e)
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
			if err := json.Unmarshal(v, &prev); err != nil {
				return fmt.Errorf("ledger entry is damaged: %w", err)
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

// Put records e for k, replacing what was there.
func (l *Ledger) Put(k Key, e Entry) error {
	val, err := json.Marshal(e)
	if err != nil {
		return err
	}
	return l.update(func(tx *bolt.Tx) error {
		return tx.Bucket(rowsBucket).Put(k[:], val)
	})
}

// Each calls fn for every entry, in key order (for listing what was imported).
func (l *Ledger) Each(fn func(Entry) error) error {
	return l.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(rowsBucket).ForEach(func(_, v []byte) error {
			var e Entry
			if err := json.Unmarshal(v, &e); err != nil {
				return err
			}
			return fn(e)
		})
	})
}
