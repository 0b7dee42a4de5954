package ledger

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wolkvox-import/wolkvox-import/i18n"
)

var (
	ident = IdentOf("s", "op", []string{"name", "start_date"}, []string{"Visita", "2026-11-24 09:00:00"})
	v1    = []byte(`{"name":"Visita","start_date":"2026-11-24 09:00:00","description":"Llamar"}`)
	v2    = []byte(`{"name":"Visita","start_date":"2026-11-24 09:00:00","description":"Llamar al cliente"}`)
	d1    = []byte("digest one")
	d2    = []byte("digest two")
)

func notChanged(p Earlier) bool { return !p.Changed && p.State != Created }

func TestIdentOf(t *testing.T) {
	if ident != IdentOf("s", "op", []string{"name", "start_date"}, []string{"Visita", "2026-11-24 09:00:00"}) {
		t.Fatal("same key, different idents")
	}
	for _, other := range []Ident{
		IdentOf("s2", "op", []string{"name", "start_date"}, []string{"Visita", "2026-11-24 09:00:00"}),
		IdentOf("s", "op2", []string{"name", "start_date"}, []string{"Visita", "2026-11-24 09:00:00"}),
		IdentOf("s", "op", []string{"name", "start_date"}, []string{"Visita", "2026-11-24 09:30:00"}),
		IdentOf("s", "op", []string{"name", "id_record"}, []string{"Visita", "2026-11-24 09:00:00"}),
		IdentOf("s", "op", []string{"name", "start_date"}, []string{"Visita2026-11-24", " 09:00:00"}),
	} {
		if other == ident {
			t.Errorf("a different key has the same ident")
		}
	}
}

// A row with the key of a created meeting and another content is found as Changed,
// with what was sent then; one of another key is claimed.
func TestClaimFindsTheChangedMeeting(t *testing.T) {
	l := open(t)
	k1, k2 := KeyOf("s", v1), KeyOf("s", v2)
	sent := time.Date(2026, 11, 24, 15, 0, 0, 0, time.UTC)
	if _, ok, err := l.Claim(k1, Entry{State: Sending, Run: "week1", Row: 7, Ident: ident, Search: v1, Digest: d1}, notChanged); err != nil || !ok {
		t.Fatalf("claim: %v %v", ok, err)
	}
	// The outcome carries neither Ident, Digest nor Search: those of the claim stay.
	if err := l.Put(k1, Entry{State: Created, WolkvoxID: "8812", Run: "week1", Row: 7, SentAt: sent}); err != nil {
		t.Fatal(err)
	}
	prev, ok, err := l.Claim(k2, Entry{State: Sending, Run: "week2", Row: 7, Ident: ident, Search: v2, Digest: d2}, notChanged)
	if err != nil || ok {
		t.Fatalf("claimed a changed meeting (ok=%v, err=%v)", ok, err)
	}
	if !prev.Changed || !prev.Found || prev.WolkvoxID != "8812" || string(prev.Digest) != string(d1) || !prev.SentAt.Equal(sent) || prev.Ident != ident {
		t.Fatalf("prev = %+v", prev)
	}
	same, changed, err := l.Lookup(k2, ident, "week2")
	if err != nil || same.Found || !changed.Changed || changed.WolkvoxID != "8812" {
		t.Fatalf("Lookup: same %+v changed %+v err %v", same, changed, err)
	}
	// The same content is not "changed": it is the entry itself.
	same, changed, err = l.Lookup(k1, ident, "week2")
	if err != nil || !same.Found || same.Changed || changed.Found {
		t.Fatalf("Lookup of the created content: same %+v changed %+v err %v", same, changed, err)
	}
	// Without an ident (an old entry, or a caller that does not look), only content counts.
	if _, changed, err := l.Lookup(k2, Ident{}, "week2"); err != nil || changed.Found {
		t.Fatalf("Lookup without ident found %+v (%v)", changed, err)
	}
	// Another key: a new meeting.
	other := IdentOf("s", "op", []string{"name"}, []string{"Otra"})
	if _, ok, err := l.Claim(KeyOf("s", []byte("other")), Entry{State: Sending, Run: "week2", Ident: other}, notChanged); err != nil || !ok {
		t.Fatalf("a new meeting was not claimed: %v %v", ok, err)
	}
	// --on-change create: the policy lets it through.
	if _, ok, err := l.Claim(k2, Entry{State: Sending, Run: "week2", Ident: ident, Search: v2, Digest: d2}, func(Earlier) bool { return true }); err != nil || !ok {
		t.Fatalf("policy allowed it, but ok=%v err=%v", ok, err)
	}
}

// A meeting in flight counts as the key's holder for its own run (a sheet holding one
// meeting twice), not for another run's rows: an uncertain row is no created meeting.
func TestSendingCountsForItsRunOnly(t *testing.T) {
	l := open(t)
	k1, k2 := KeyOf("s", v1), KeyOf("s", v2)
	if _, ok, err := l.Claim(k1, Entry{State: Sending, Run: "r", Row: 2, Ident: ident, Search: v1, Digest: d1}, notChanged); err != nil || !ok {
		t.Fatal(ok, err)
	}
	prev, ok, err := l.Claim(k2, Entry{State: Sending, Run: "r", Row: 9, Ident: ident, Search: v2, Digest: d2}, notChanged)
	if err != nil || ok || !prev.Changed || prev.Row != 2 || prev.State != Sending {
		t.Fatalf("same run: ok=%v prev=%+v err=%v", ok, prev, err)
	}
	if _, ok, err := l.Claim(k2, Entry{State: Sending, Run: "later", Row: 9, Ident: ident, Search: v2, Digest: d2}, notChanged); err != nil || !ok {
		t.Fatalf("another run: ok=%v err=%v", ok, err)
	}
}

// schemaV1 is the ledger's schema before it kept each meeting's key and fields.
const schemaV1 = `
CREATE TABLE ledger_info (name TEXT NOT NULL, value TEXT);
CREATE TABLE runs (id INTEGER PRIMARY KEY, run TEXT NOT NULL, server TEXT NOT NULL, operation TEXT NOT NULL, input TEXT NOT NULL, UNIQUE (run, server, operation, input));
CREATE TABLE rows (key BLOB PRIMARY KEY NOT NULL, run INTEGER NOT NULL REFERENCES runs (id), row INTEGER NOT NULL, state TEXT NOT NULL,
	wolkvox_id TEXT, error TEXT, sent_at INTEGER, done_at INTEGER) WITHOUT ROWID;
CREATE VIEW imports AS SELECT rows.state FROM rows;
`

// A ledger of schema 1 is carried to schema 2 when opened: its entries read as before
// (found by content only), new ones keep their key and fields, and Salvage reads both.
func TestSchema1IsUpgraded(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ledger.db")
	db, err := sql.Open(driverName, "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	old := KeyOf("s", []byte("old row"))
	if _, err := db.Exec(schemaV1 + fmt.Sprintf("PRAGMA application_id = %d; PRAGMA user_version = 1;", appID)); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO runs VALUES (1, 'r0', 's', 'op', 'a.csv')`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO rows VALUES (?, 1, 5, 'created', '77', NULL, 1, 2)`, old[:]); err != nil {
		t.Fatal(err)
	}
	db.Close()

	l, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	e, found, err := l.Get(old)
	if err != nil || !found || e.WolkvoxID != "77" || e.Ident != (Ident{}) || e.Search != nil || e.Digest != nil {
		t.Fatalf("old entry: %+v found=%v err=%v", e, found, err)
	}
	k1 := KeyOf("s", v1)
	if _, ok, err := l.Claim(k1, Entry{State: Sending, Run: "r1", Ident: ident, Search: v1, Digest: d1}, notChanged); err != nil || !ok {
		t.Fatal(ok, err)
	}
	var version int64
	var subject string
	if err := l.rdb.QueryRowContext(context.Background(), `PRAGMA user_version`).Scan(&version); err != nil || version != schemaVersion {
		t.Fatalf("user_version %d (%v), want %d", version, err, schemaVersion)
	}
	if err := l.rdb.QueryRow(`SELECT subject FROM imports WHERE key = lower(hex(?))`, k1[:]).Scan(&subject); err != nil || subject != "Visita" {
		t.Fatalf("imports.subject = %q (%v)", subject, err)
	}
	l.Close()

	got, _, err := Salvage(path)
	if err != nil {
		t.Fatal(err)
	}
	byKey := map[Key]Entry{}
	for _, s := range got {
		byKey[s.Key] = s.Entry
	}
	if e := byKey[old]; e.WolkvoxID != "77" {
		t.Errorf("salvaged old entry %+v", e)
	}
	if e := byKey[k1]; e.Ident != ident || string(e.Search) != string(v1) || string(e.Digest) != string(d1) {
		t.Errorf("salvaged new entry %+v", e)
	}
}

// The ledger's own errors keep their sentinels and speak either language.
func TestLedgerErrorsLocalize(t *testing.T) {
	inUse := &InUseError{Path: "l.db", Cause: errors.New("database is locked")}
	if !errors.Is(inUse, ErrInUse) || !strings.Contains(inUse.Error(), "in use by another wolkvox-import run") ||
		!strings.HasPrefix(inUse.Localize(i18n.New(i18n.ES)), "registro local l.db: otra ejecución de wolkvox-import lo mantuvo bloqueado") {
		t.Errorf("in use: %q / %q", inUse.Error(), inUse.Localize(i18n.New(i18n.ES)))
	}
	if got := (&InUseError{Path: "l.db"}).Error(); strings.HasSuffix(got, "()") {
		t.Errorf("no cause, empty parentheses: %q", got)
	}
	d := &DamagedError{Path: "l.db", Kind: Truncated, Detail: "100 bytes", Readable: 1}
	if !errors.Is(d, ErrDamaged) || !strings.Contains(d.Localize(i18n.New(i18n.ES)), "Aún se puede leer 1 entrada") ||
		!strings.Contains(d.Error(), "1 entry can still be read") {
		t.Errorf("damaged: %q", d.Localize(i18n.New(i18n.ES)))
	}
}
