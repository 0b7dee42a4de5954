package ledger

import (
	"bytes"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestOpenDamagedSQLite damages a SQLite ledger at several offsets and in the ways disks,
// copies and people do, and checks that Open says which, never panics, leaves the file
// as it found it, and that Salvage reads what the message promises.
func TestOpenDamagedSQLite(t *testing.T) {
	const ps = 4096
	size := func(path string) int64 {
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		return info.Size()
	}
	pages := func(path string) int64 { return size(path) / ps }
	cases := []struct {
		name     string
		damage   func(t *testing.T, path string)
		want     Damage
		readable bool // Salvage still finds entries
	}{
		{"empty", func(t *testing.T, path string) { os.Truncate(path, 0) }, Empty, false},
		{"truncated inside the header", func(t *testing.T, path string) { os.Truncate(path, 50) }, Truncated, false},
		{"truncated to half", func(t *testing.T, path string) { os.Truncate(path, size(path)/2) }, Truncated, true},
		{"truncated at a page boundary", func(t *testing.T, path string) { os.Truncate(path, (pages(path)-2)*ps) }, Truncated, true},
		{"truncated by one byte", func(t *testing.T, path string) { os.Truncate(path, size(path)-1) }, Truncated, true},
		{"random bytes over the header", func(t *testing.T, path string) { scribble(t, path, 0, 100) }, Corrupt, true},
		{"random bytes over the first two pages", func(t *testing.T, path string) { scribble(t, path, 0, 2*ps) }, Corrupt, true},
		{"random bytes over the schema page, header kept", func(t *testing.T, path string) { scribble(t, path, 100, ps-100) }, Corrupt, true},
		{"random bytes over the runs table", func(t *testing.T, path string) { scribble(t, path, 2*ps, ps) }, Corrupt, true},
		{"random bytes over the rows root", func(t *testing.T, path string) { scribble(t, path, 4*ps, ps) }, Corrupt, true},
		{"random bytes over a page a quarter in", func(t *testing.T, path string) { scribble(t, path, pages(path)/4*ps, ps) }, Corrupt, true},
		{"random bytes over a page half way", func(t *testing.T, path string) { scribble(t, path, pages(path)/2*ps, ps) }, Corrupt, true},
		{"random bytes over the last page", func(t *testing.T, path string) { scribble(t, path, (pages(path)-1)*ps, ps) }, Corrupt, true},
		{"a page's header only", func(t *testing.T, path string) { scribble(t, path, pages(path)/2*ps, 12) }, Corrupt, true},
		{"zeros over a page", func(t *testing.T, path string) {
			f, _ := os.OpenFile(path, os.O_WRONLY, 0)
			f.WriteAt(make([]byte, ps), pages(path)/3*ps)
			f.Close()
		}, Corrupt, true},
		{"not a ledger", func(t *testing.T, path string) {
			os.WriteFile(path, []byte(strings.Repeat("Asunto,Inicio\nReunión,2024-07-01 09:00\n", 400)), 0o600)
		}, NotLedger, false},
		{"a SQLite database of another program", func(t *testing.T, path string) {
			os.Remove(path)
			db, err := sql.Open(driverName, "file:"+path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if _, err := db.Exec(`CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('hola')`); err != nil {
				t.Fatal(err)
			}
		}, NotLedger, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filledLedger(t)
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
			if after, _ := os.ReadFile(path); !bytes.Equal(after, before) {
				t.Error("Open changed the damaged file")
			}
			for _, p := range []string{path + "-wal", path + "-shm"} {
				if _, err := os.Stat(p); err == nil && c.want != NotLedger {
					t.Errorf("Open left %s behind", p)
				}
			}
			got, _, err := Salvage(path)
			if err != nil {
				t.Fatalf("Salvage: %v", err)
			}
			if len(got) != de.Readable {
				t.Errorf("Salvage found %d entries, the error said %d", len(got), de.Readable)
			}
			for _, s := range got {
				if s.Entry.State != Created || !strings.HasPrefix(s.Entry.WolkvoxID, "id-") {
					t.Fatalf("salvaged %+v", s.Entry)
				}
			}
		})
	}
}

// TestSalvageReadsTheWAL: after a kill, the last commits live only in the WAL; a
// salvage of the file reads them too.
func TestSalvageReadsTheWAL(t *testing.T) {
	path := filledLedger(t)
	l, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	k := KeyOf("s", []byte("late"))
	if err := l.Put(k, Entry{State: Sending, Server: "https://wv", Run: "r2", Row: 9, SentAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	got, _, err := Salvage(path) // the ledger still open: its WAL holds the write
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, s := range got {
		found = found || (s.Key == k && s.Entry.State == Sending && s.Entry.Run == "r2" && s.Entry.Row == 9)
	}
	if len(got) != filled+1 || !found {
		t.Fatalf("salvaged %d entries (the late one found: %v), want %d", len(got), found, filled+1)
	}
}

// TestMigratesBolt: a bbolt ledger is read once and carried over; the old file is kept,
// unchanged, beside the new one; a second Open does not migrate again.
func TestMigratesBolt(t *testing.T) {
	path := filledBolt(t)
	before, _ := os.ReadFile(path)
	os.WriteFile(path+".new-1234", []byte("left by a migration that was killed"), 0o600)
	l, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := l.Migrated, path+".bbolt"; got != want {
		t.Errorf("Migrated %q, want %q", got, want)
	}
	n := 0
	err = l.Each(func(e Entry) error {
		if e.State != Created || e.Server != "https://wv" || e.Input != "a.csv" || e.Run != "r1" || !e.SentAt.Equal(time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)) {
			return fmt.Errorf("entry %+v", e)
		}
		n++
		return nil
	})
	if err != nil || n != filled {
		t.Fatalf("%d entries after migration (%v), want %d", n, err, filled)
	}
	e, found, err := l.Get(KeyOf("s", []byte("17")))
	if err != nil || !found || e.WolkvoxID != "id-17" || e.Row != 19 {
		t.Fatalf("Get after migration: %+v %v %v", e, found, err)
	}
	l.Close()
	if kept, _ := os.ReadFile(path + ".bbolt"); !bytes.Equal(kept, before) {
		t.Error("the bbolt ledger was not kept as it was")
	}
	if _, err := os.Stat(path + ".new-1234"); err == nil {
		t.Error("the stale .new file is still there")
	}
	l, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if l.Migrated != "" {
		t.Errorf("migrated again, into %s", l.Migrated)
	}
}

// TestDamagedBoltIsNotMigrated: the bbolt checks stand before migration.
func TestDamagedBoltIsNotMigrated(t *testing.T) {
	path := filledBolt(t)
	info, _ := os.Stat(path)
	os.Truncate(path, info.Size()/2)
	if _, err := Open(path); !errors.Is(err, ErrDamaged) {
		t.Fatalf("Open: %v, want ErrDamaged", err)
	}
	if _, err := os.Stat(path + ".bbolt"); err == nil {
		t.Error("a damaged bbolt ledger was migrated")
	}
}

// TestTwoLedgersShareAFile: two opens of one file (two imports, or an import and the
// ledger command) read each other's writes, and of two claims of one row, from either,
// exactly one wins.
func TestTwoLedgersShareAFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ledger.db")
	a, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(path)
	if err != nil {
		t.Fatalf("second open: %v", err)
	}
	defer b.Close()
	k := KeyOf("s", []byte("row"))
	if err := a.Put(k, Entry{State: Created, WolkvoxID: "w1", Run: "ra"}); err != nil {
		t.Fatal(err)
	}
	if e, found, err := b.Get(k); err != nil || !found || e.WolkvoxID != "w1" {
		t.Fatalf("the other ledger reads %+v %v %v", e, found, err)
	}
	for i := range 20 {
		k := KeyOf("s", []byte(fmt.Sprint("race", i)))
		var won atomic.Int32
		var wg sync.WaitGroup
		for _, l := range []*Ledger{a, b, a, b} {
			wg.Go(func() {
				_, ok, err := l.Claim(k, Entry{State: Sending, Run: fmt.Sprintf("%p", l)}, func(Earlier) bool { return false })
				if err != nil {
					t.Error(err)
				}
				if ok {
					won.Add(1)
				}
			})
		}
		wg.Wait()
		if n := won.Load(); n != 1 {
			t.Fatalf("row %d claimed %d times", i, n)
		}
	}
}

// TestOpensAtOnce: imports started together on a new ledger, or on a bbolt one to
// migrate, all open the same ledger; one of them migrates, once.
func TestOpensAtOnce(t *testing.T) {
	for _, bolt := range []bool{false, true} {
		path := filepath.Join(t.TempDir(), "ledger.db")
		if bolt {
			path = filledBolt(t)
		}
		var wg sync.WaitGroup
		ls := make([]*Ledger, 6)
		errs := make([]error, len(ls))
		for i := range ls {
			wg.Go(func() { ls[i], errs[i] = Open(path) })
		}
		wg.Wait()
		migrated := 0
		for i, l := range ls {
			if errs[i] != nil {
				t.Fatalf("bolt %v: open %d: %v", bolt, i, errs[i])
			}
			if l.Migrated != "" {
				migrated++
			}
		}
		k := KeyOf("s", []byte("after"))
		if err := ls[0].Put(k, Entry{State: Created, WolkvoxID: "w"}); err != nil {
			t.Fatal(err)
		}
		for i, l := range ls {
			if _, found, err := l.Get(k); err != nil || !found {
				t.Fatalf("bolt %v: ledger %d does not see the others' write: %v %v", bolt, i, found, err)
			}
			l.Close()
		}
		if want := map[bool]int{false: 0, true: 1}[bolt]; migrated != want {
			t.Fatalf("bolt %v: migrated %d times", bolt, migrated)
		}
		if left, _ := filepath.Glob(path + ".*"); len(left) != migrated {
			t.Fatalf("bolt %v: files left beside the ledger: %v", bolt, left)
		}
	}
}
