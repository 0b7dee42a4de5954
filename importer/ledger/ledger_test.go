package ledger

import (
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wolkvox-import/wolkvox-import/i18n"
)

func open(t *testing.T) *Ledger {
	t.Helper()
	l, err := Open(filepath.Join(t.TempDir(), "sub", "ledger.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

func TestKeyDependsOnServerAndBody(t *testing.T) {
	a := KeyOf("https://a", []byte(`{"x":1}`))
	if a != KeyOf("https://a", []byte(`{"x":1}`)) {
		t.Fatal("same input, different keys")
	}
	if a == KeyOf("https://b", []byte(`{"x":1}`)) || a == KeyOf("https://a", []byte(`{"x":2}`)) {
		t.Fatal("different input, same key")
	}
	// The separator keeps "ab"+"c" apart from "a"+"bc".
	if KeyOf("ab", []byte("c")) == KeyOf("a", []byte("bc")) {
		t.Fatal("server and body run together")
	}
}

func TestClaimIsAtomic(t *testing.T) {
	l := open(t)
	k := KeyOf("s", []byte("row"))
	var won atomic.Int32
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, ok, err := l.Claim(k, Entry{State: Sending, Row: i, Run: "r1"}, func(Earlier) bool { return false })
			if err != nil {
				t.Error(err)
			}
			if ok {
				won.Add(1)
			}
		}()
	}
	wg.Wait()
	if got := won.Load(); got != 1 {
		t.Fatalf("%d claims won, want exactly 1", got)
	}
}

func TestClaimReportsPreviousAndPolicy(t *testing.T) {
	l := open(t)
	k := KeyOf("s", []byte("row"))
	sent := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	if err := l.Put(k, Entry{State: Created, WolkvoxID: "id-7", Row: 3, Run: "old", SentAt: sent}); err != nil {
		t.Fatal(err)
	}
	prev, ok, err := l.Claim(k, Entry{State: Sending, Run: "new"}, func(p Earlier) bool { return p.State != Created })
	if err != nil || ok {
		t.Fatalf("claimed a created row (ok=%v, err=%v)", ok, err)
	}
	if prev.WolkvoxID != "id-7" || prev.Row != 3 || !prev.SentAt.Equal(sent) {
		t.Fatalf("prev = %+v", prev)
	}
	_, ok, err = l.Claim(k, Entry{State: Sending, Run: "new"}, func(Earlier) bool { return true })
	if err != nil || !ok {
		t.Fatalf("policy allowed the claim but ok=%v err=%v", ok, err)
	}
	got, found, err := l.Get(k)
	if err != nil || !found || got.State != Sending || got.Run != "new" {
		t.Fatalf("after claim: %+v found=%v err=%v", got, found, err)
	}
}

func TestSurvivesReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ledger.db")
	l, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	k := KeyOf("s", []byte("row"))
	if _, _, err := l.Claim(k, Entry{State: Sending, Input: "a.csv", Row: 2}, nil); err != nil {
		t.Fatal(err)
	}
	l.Close()
	l, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	e, found, err := l.Get(k)
	if err != nil || !found || e.State != Sending || e.Input != "a.csv" {
		t.Fatalf("after reopen: %+v found=%v err=%v", e, found, err)
	}
	var n int
	l.Each(func(Entry) error { n++; return nil })
	if n != 1 {
		t.Fatalf("Each saw %d entries, want 1", n)
	}
}

func TestExportCSV(t *testing.T) {
	l := open(t)
	sent := time.Date(2026, 11, 20, 9, 0, 0, 0, time.Local)
	l.Put(KeyOf("s", []byte("a")), Entry{State: Created, WolkvoxID: "id-1", Server: "https://wv", Operation: "Op", Input: "a.xlsx", Row: 2, SentAt: sent, DoneAt: sent,
		Search: []byte(`{"name":"Visita, Acme","status":"created"}`)})
	l.Put(KeyOf("s", []byte("b")), Entry{State: Sending, Server: "https://wv", Operation: "Op", Input: "a.xlsx", Row: 3, SentAt: sent.Add(time.Second)})
	l.Put(KeyOf("s", []byte("c")), Entry{State: Failed, Error: i18n.New(i18n.ES).T("ledger.not_sent.stopped"), Server: "https://wv", Operation: "Op", Input: "a.xlsx", Row: 4, SentAt: sent.Add(2 * time.Second)})
	l.Put(KeyOf("s", []byte("d")), Entry{State: Failed, Error: "SOME PARAMETERS ARE REQUIRED", Server: "https://wv", Operation: "Op", Input: "a.xlsx", Row: 5, SentAt: sent.Add(3 * time.Second)})
	zone := sent.Format("-0700")
	at := func(s int) string { return "2026-11-20 09:00:0" + string(rune('0'+s)) + " " + zone }
	for lang, words := range map[i18n.Lang][]string{i18n.EN: {"created", "uncertain", "not_sent", "failed"}, i18n.ES: {"creada", "incierta", "no_enviada", "fallida"}} {
		var b strings.Builder
		if err := l.ExportCSV(&b, History{Lang: lang}); err != nil {
			t.Fatal(err)
		}
		want := "sent_at,done_at,state,import_status,wolkvox_id,subject,server,operation,input,source_row,error\n" +
			at(0) + "," + at(0) + ",created," + words[0] + `,id-1,"Visita, Acme",https://wv,Op,a.xlsx,2,` + "\n" +
			at(1) + ",,sending," + words[1] + ",,,https://wv,Op,a.xlsx,3,\n" +
			at(2) + ",,failed," + words[2] + ",,,https://wv,Op,a.xlsx,4," + i18n.New(i18n.ES).T("ledger.not_sent.stopped") + "\n" +
			at(3) + ",,failed," + words[3] + ",,,https://wv,Op,a.xlsx,5,SOME PARAMETERS ARE REQUIRED\n"
		if got := b.String(); got != want {
			t.Errorf("%s: got\n%s\nwant\n%s", lang, got, want)
		}
	}
}

// The history in time order, filtered by input, day and state, as the ledger command's
// --input, --since and --state choose it.
func TestExportCSVFilters(t *testing.T) {
	l := open(t)
	day := func(d int) time.Time { return time.Date(2026, 11, d, 9, 0, 0, 0, time.Local) }
	put := func(body string, st State, input string, d int) {
		var fields []byte
		if d == 22 || d == 24 {
			fields = []byte(`{"name":"Reunión de seguimiento ` + body + `"}`)
		}
		l.Put(KeyOf("s", []byte(body)), Entry{State: st, Server: "https://wv", Operation: "Op", Input: input, Row: d, SentAt: day(d), DoneAt: day(d), Search: fields})
	}
	// Put out of time order: the export sorts by the time sent.
	put("c", Created, "reuniones-nov.xlsx", 24)
	put("a", Created, "Reuniones-oct.xlsx", 20)
	put("b", Failed, "otra.csv", 22)
	put("d", Sending, "reuniones-nov.xlsx", 25)
	rows := func(h History) []string {
		var b strings.Builder
		if err := l.ExportCSV(&b, h); err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, line := range strings.Split(strings.TrimSpace(b.String()), "\n")[1:] {
			f := strings.Split(line, ",")
			out = append(out, f[9]) // source_row: the day here
		}
		return out
	}
	for _, tt := range []struct {
		name string
		h    History
		want []string
	}{
		{"all, oldest first", History{}, []string{"20", "22", "24", "25"}},
		{"input, any case", History{Input: "REUNIONES"}, []string{"20", "24", "25"}},
		{"since a day", History{Since: day(22).Add(-time.Hour)}, []string{"22", "24", "25"}},
		{"uncertain", History{State: Sending}, []string{"25"}},
		{"subject, without accents or case", History{Subject: "reunion de SEGUIMIENTO"}, []string{"22", "24"}},
		{"all three", History{Input: "nov", Since: day(23), State: Created}, []string{"24"}},
	} {
		if got := rows(tt.h); strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("%s: rows %v, want %v", tt.name, got, tt.want)
		}
	}
	if _, err := ParseHistory("", "24/11/2026", "", i18n.EN); err == nil {
		t.Error("ParseHistory took a day-first date")
	}
	if h, err := ParseHistory("x", "2026-11-24", "uncertain", i18n.EN); err != nil || h.State != Sending || h.Since.Day() != 24 {
		t.Errorf("ParseHistory: %+v, %v", h, err)
	}
}

// TestPutLaterCommitsInOrder: a write queued by PutLater is on disk by the time any write
// queued after it (here, a claim) has returned. The sender's bound on uncertain rows
// after a kill rests on this.
func TestPutLaterCommitsInOrder(t *testing.T) {
	l := open(t)
	for i := range 200 {
		done := KeyOf("s", []byte{byte(i), 0})
		wait := l.PutLater(done, Entry{State: Created, WolkvoxID: "x", Row: i})
		next := KeyOf("s", []byte{byte(i), 1})
		if _, ok, err := l.Claim(next, Entry{State: Sending, Row: i}, func(Earlier) bool { return true }); err != nil || !ok {
			t.Fatalf("claim %d: %v %v", i, ok, err)
		}
		// The claim returned: the earlier outcome must already be committed, without
		// waiting for it.
		if e, found, err := l.Get(done); err != nil || !found || e.State != Created {
			t.Fatalf("row %d: the claim queued after the outcome returned first (found %v, %v)", i, found, err)
		}
		if err := wait(); err != nil {
			t.Fatal(err)
		}
	}
}
