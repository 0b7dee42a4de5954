package ledger

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

const filled = 600 // entries: enough for a branch page over several leaves

// filledBolt writes a closed bbolt ledger, as the importer kept before SQLite, of
// filled entries and returns its path.
func filledBolt(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "ledger.db")
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	// A few commits of many rows each, as group commit made them.
	for c := range 6 {
		err := db.Update(func(tx *bolt.Tx) error {
			b, err := tx.CreateBucketIfNotExists(boltRows)
			if err != nil {
				return err
			}
			for i := c * filled / 6; i < (c+1)*filled/6; i++ {
				v, _ := json.Marshal(filledEntry(i, at))
				k := KeyOf("s", []byte(fmt.Sprint(i)))
				if err := b.Put(k[:], v); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func filledEntry(i int, at time.Time) Entry {
	return Entry{State: Created, WolkvoxID: fmt.Sprintf("id-%d", i), Server: "https://wv", Operation: "Op", Input: "a.csv", Row: i + 2, Run: "r1", SentAt: at, DoneAt: at}
}

// filledLedger writes a closed SQLite ledger of filled entries and returns its path.
func filledLedger(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "ledger.db")
	l, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	waits := make([]func() error, filled)
	for i := range filled {
		waits[i] = l.PutLater(KeyOf("s", []byte(fmt.Sprint(i))), filledEntry(i, at))
	}
	for _, wait := range waits {
		if err := wait(); err != nil {
			t.Fatal(err)
		}
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// pages finds the rows bucket's root page and one of its leaf pages.
func pages(t *testing.T, path string) (root, leaf int64, pageSize int) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, PreLoadFreelist: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.View(func(tx *bolt.Tx) error {
		root = int64(tx.Bucket(boltRows).RootPage())
		for id := 2; id < int(tx.Size())/db.Info().PageSize; id++ {
			p, err := tx.Page(id)
			if err != nil {
				return err
			}
			if p != nil && p.Type == "leaf" && int64(id) != root {
				leaf = int64(id)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if root == 0 || leaf == 0 {
		t.Fatalf("root page %d, leaf page %d: the ledger is too small for the test", root, leaf)
	}
	return root, leaf, db.Info().PageSize
}

func scribble(t *testing.T, path string, off, n int64) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := rand.New(rand.NewPCG(uint64(off), uint64(n))) // the same bytes every run
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.UintN(256))
	}
	if _, err := f.WriteAt(b, off); err != nil {
		t.Fatal(err)
	}
}

// TestOpenDamagedBolt damages a real bbolt ledger (the store before SQLite, still read
// once for migration) in the ways disks, copies and people do,
// and checks that Open says which, never panics, and leaves the file as it found it.
func TestOpenDamagedBolt(t *testing.T) {
	cases := []struct {
		name     string
		damage   func(t *testing.T, path string)
		want     Damage
		readable bool // Salvage still finds entries
	}{
		{"empty", func(t *testing.T, path string) { os.Truncate(path, 0) }, Empty, false},
		{"truncated to half", func(t *testing.T, path string) {
			info, _ := os.Stat(path)
			os.Truncate(path, info.Size()/2)
		}, Truncated, true},
		{"truncated inside the header", func(t *testing.T, path string) { os.Truncate(path, 5000) }, Truncated, false},
		{"random bytes over both meta pages", func(t *testing.T, path string) {
			_, _, ps := pages(t, path)
			scribble(t, path, 0, 2*int64(ps))
		}, Corrupt, true},
		// bbolt would fall back on the other, one commit older, and might forget the
		// last row claimed: a duplicate if that row was sent.
		{"random bytes over one meta page", func(t *testing.T, path string) {
			_, _, ps := pages(t, path)
			scribble(t, path, 0, int64(ps))
		}, Corrupt, true},
		{"random bytes over the bucket's root page", func(t *testing.T, path string) {
			root, _, ps := pages(t, path)
			scribble(t, path, root*int64(ps), int64(ps))
		}, Corrupt, true},
		{"random bytes over a leaf page", func(t *testing.T, path string) {
			_, leaf, ps := pages(t, path)
			scribble(t, path, leaf*int64(ps), int64(ps))
		}, Corrupt, true},
		{"a leaf page's header only", func(t *testing.T, path string) {
			_, leaf, ps := pages(t, path)
			scribble(t, path, leaf*int64(ps), 16)
		}, Corrupt, true},
		{"not a bbolt file", func(t *testing.T, path string) {
			os.WriteFile(path, []byte(strings.Repeat("Asunto,Inicio\nReunión,2024-07-01 09:00\n", 400)), 0o600)
		}, NotLedger, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filledBolt(t)
			c.damage(t, path)
			before, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			l, err := Open(path)
			if err == nil {
				l.Close()
				t.Fatal("Open accepted a damaged ledger")
			}
			var de *DamagedError
			if !errors.As(err, &de) || !errors.Is(err, ErrDamaged) {
				t.Fatalf("Open: %v (%T), want a *DamagedError", err, err)
			}
			if got, want := de.Kind, c.want; got != want {
				t.Errorf("kind %v, want %v (%v)", got, want, err)
			}
			if got := de.Readable > 0; got != c.readable {
				t.Errorf("readable entries %d, want some: %v", de.Readable, c.readable)
			}
			msg := err.Error()
			for _, want := range []string{path, "send again every meeting", "wolkvox-import ledger --salvage"} {
				if !strings.Contains(msg, want) {
					t.Errorf("message lacks %q:\n%s", want, msg)
				}
			}
			after, _ := os.ReadFile(path)
			if string(after) != string(before) {
				t.Error("Open changed the damaged file")
			}
			// Salvage never fails on what Open refused.
			got, _, err := Salvage(path)
			if err != nil {
				t.Fatalf("Salvage: %v", err)
			}
			if len(got) != de.Readable {
				t.Errorf("Salvage found %d entries, the error said %d", len(got), de.Readable)
			}
		})
	}
}

// TestLookupOnPageDamagedWhileOpen: a page damaged under an open ledger makes Get return
// an error instead of crashing the process, and writes stop.
func TestLookupOnPageDamagedWhileOpen(t *testing.T) {
	path := filledLedger(t)
	l, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	info, _ := os.Stat(path)
	for off := int64(4096); off < info.Size(); off += 4096 {
		if off >= 4*4096 { // the pages after the schema's, runs' and ledger_info's
			scribble(t, path, off, 4096)
		}
	}
	_, _, err = l.Get(KeyOf("s", []byte("7")))
	if !errors.Is(err, ErrDamaged) {
		t.Fatalf("Get: %v, want ErrDamaged", err)
	}
	if err := l.Put(KeyOf("s", []byte("new")), Entry{State: Sending}); err == nil {
		t.Fatal("Put into a damaged ledger succeeded")
	}
}

func TestSalvageHealthyLedger(t *testing.T) {
	path := filledLedger(t)
	got, st, err := Salvage(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != filled || st.Unreadable != 0 {
		t.Fatalf("salvaged %d entries (%d unreadable), want %d", len(got), st.Unreadable, filled)
	}
	ids := map[string]bool{}
	for _, s := range got {
		if s.Key != KeyOf("s", []byte(fmt.Sprint(s.Entry.Row-2))) {
			t.Fatalf("row %d salvaged under another key", s.Entry.Row)
		}
		ids[s.Entry.WolkvoxID] = true
	}
	if len(ids) != filled {
		t.Fatalf("%d distinct ids", len(ids))
	}
}

// TestSalvageKeepsNewest: bbolt leaves old copies of a page behind; the newest wins.
func TestSalvageKeepsNewest(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ledger.db")
	l, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	k := KeyOf("s", []byte("row"))
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	l.Put(k, Entry{State: Sending, SentAt: at})
	l.Put(k, Entry{State: Created, WolkvoxID: "id-1", SentAt: at, DoneAt: at.Add(time.Second)})
	l.Close()
	got, _, err := Salvage(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Entry.State != Created {
		t.Fatalf("salvaged %+v", got)
	}
}

func TestMissingFileIsANewLedger(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new", "ledger.db")
	l, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	l.Close()
	// Reopening the new, empty ledger is fine: it is a valid ledger, not 0 bytes.
	if l, err = Open(path); err != nil {
		t.Fatal(err)
	}
	l.Close()
}
