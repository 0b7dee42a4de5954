package ledger

import (
	"errors"
	"fmt"
	"path/filepath"
	"testing"
	"time"
)

func TestRuns(t *testing.T) {
	l, err := Open(filepath.Join(t.TempDir(), "ledger.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	t0 := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	put := func(body, run string, row int, st State, id string, at time.Time) {
		if err := l.Put(KeyOf("s", []byte(body)), Entry{State: st, WolkvoxID: id, Row: row, Run: run, Input: "in.xlsx", SentAt: at}); err != nil {
			t.Fatal(err)
		}
	}
	put("a", "r1", 3, Created, "id-3", t0)
	put("b", "r1", 2, Created, "id-2", t0.Add(time.Second))
	put("c", "r1", 4, Failed, "", t0)
	put("d", "r2", 2, Created, "id-9", t0.Add(time.Hour))
	for i := range MaxRunIDs + 5 {
		put(fmt.Sprintf("many-%d", i), "r0", 100-i, Created, fmt.Sprintf("m-%03d", 100-i), t0.Add(-time.Hour))
	}
	runs, err := l.Runs(2)
	if err != nil {
		t.Fatal(err)
	}
	all, err := l.Runs(10)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 3 || all[2].ID != "r0" || len(all[2].IDs) != MaxRunIDs || all[2].IDs[0] != "m-076" || all[2].Counts[Created] != MaxRunIDs+5 {
		t.Errorf("the run with many ids: %+v", all[2])
	}
	if len(runs) != 2 || runs[0].ID != "r2" || runs[1].Counts[Created] != 2 || runs[1].Counts[Failed] != 1 ||
		len(runs[1].IDs) != 2 || runs[1].IDs[0] != "id-2" || !runs[1].Start.Equal(t0) {
		t.Errorf("runs %+v", runs)
	}
}

// Uncertain rows are listed oldest first, bounded, and settled one by one, each at most
// once: a row settled (or answered) meanwhile is left as it is.
func TestUncertainAndSettle(t *testing.T) {
	l := open(t)
	t0 := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	keys := make([]Key, 4)
	for i := range keys {
		keys[i] = KeyOf("s", []byte{byte(i)})
		st := Sending
		if i == 3 {
			st = Created
		}
		if err := l.Put(keys[i], Entry{State: st, Row: i + 2, Run: "r", Input: "in.xlsx", SentAt: t0.Add(-time.Duration(i) * time.Minute),
			Search: []byte(`{"name":"x"}`)}); err != nil {
			t.Fatal(err)
		}
	}
	list, total, err := l.Uncertain(2)
	if err != nil || total != 3 || len(list) != 2 || list[0].Key != keys[2] || list[1].Key != keys[1] {
		t.Fatalf("Uncertain(2) = %+v, %d, %v", list, total, err)
	}
	if err := l.Settle(keys[2], "8812", "settled on the page"); err != nil {
		t.Fatal(err)
	}
	if err := l.Settle(keys[1], "", "settled on the page"); err != nil {
		t.Fatal(err)
	}
	for _, k := range []Key{keys[2], keys[3]} {
		if err := l.Settle(k, "1", "again"); !errors.Is(err, ErrNotUncertain) {
			t.Errorf("settling a row that is not uncertain: %v", err)
		}
	}
	e, _, _ := l.Get(keys[2])
	if e.State != Created || e.WolkvoxID != "8812" || !e.SentAt.Equal(t0.Add(-2*time.Minute)) || string(e.Search) != `{"name":"x"}` {
		t.Errorf("settled as created: %+v", e)
	}
	e, _, _ = l.Get(keys[1])
	if e.State != Failed || statusOf(e) != "not_sent" {
		t.Errorf("settled as not created: %+v (%s)", e, statusOf(e))
	}
	if _, total, _ := l.Uncertain(10); total != 1 {
		t.Errorf("%d uncertain left, want 1", total)
	}
}
