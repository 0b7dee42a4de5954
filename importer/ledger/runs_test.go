package ledger

import (
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
	runs, err := l.Runs()
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 2 || runs[0].ID != "r2" || runs[1].Counts[Created] != 2 || runs[1].Counts[Failed] != 1 ||
		len(runs[1].IDs) != 2 || runs[1].IDs[0] != "id-2" || !runs[1].Start.Equal(t0) {
		t.Errorf("runs %+v", runs)
	}
}
