package bench_test

import (
	"archive/zip"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/wolkvox-import/wolkvox-import/bench"
	"github.com/wolkvox-import/wolkvox-import/importer/sandbox"
	"github.com/wolkvox-import/wolkvox-import/importer/source"
)

// testTempDir holds the generated inputs shared by the benchmarks of one process.
var testTempDir string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "wolkvox-bench")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	testTempDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func TestMaxInWindow(t *testing.T) {
	t0 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	at := func(ms ...int) []time.Time {
		out := make([]time.Time, len(ms))
		for i, m := range ms {
			out[i] = t0.Add(time.Duration(m) * time.Millisecond)
		}
		return out
	}
	tests := []struct {
		name  string
		times []time.Time
		want  int
	}{
		{"none", nil, 0},
		{"one", at(0), 1},
		{"window is half-open", at(0, 1000), 1},
		{"just inside", at(0, 999), 2},
		{"busiest window starts late", at(0, 600, 700, 800, 1500, 1599, 1600), 5},
		{"clump", at(0, 0, 0, 5000), 3},
		{"every 20 ms for 3 s", every(t0, 20*time.Millisecond, 150), 50},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, want := bench.MaxInWindow(tt.times, time.Second), tt.want; got != want {
				t.Errorf("MaxInWindow = %d, want %d", got, want)
			}
		})
	}
}

func every(t0 time.Time, d time.Duration, n int) []time.Time {
	out := make([]time.Time, n)
	for i := range out {
		out[i] = t0.Add(time.Duration(i) * d)
	}
	return out
}

func TestInserts(t *testing.T) {
	t0 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	log := []sandbox.RequestLog{
		{At: t0.Add(2 * time.Second), Path: "/server/API/v2/custom/insert.php", Status: 200, Created: "b"},
		{At: t0, Path: "/server/API/v2/custom/insert.php", Status: 200, Created: "a"},
		{At: t0.Add(time.Second), Path: "/wrong/path", Status: 400},
		{At: t0.Add(time.Second), Path: "/server/API/v2/custom/insert.php", Status: 403},
	}
	a := bench.Inserts(log)
	if a.Count != 3 || a.OK != 2 || a.Span != 2*time.Second || a.Mean != 1 || a.MaxIn1s != 1 {
		t.Errorf("Inserts = %+v, want 3 inserts, 2 ok, span 2s, mean 1, max 1", a)
	}
	if a.InFlight != 0 {
		t.Errorf("InFlight = %v without answer times, want 0", a.InFlight)
	}
}

// Two slots over 3 s: one busy [0, 3), the other [0.5, 1.5) then [2, 3): 5 s of 6.
func TestInFlight(t *testing.T) {
	t0 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	const p = "/server/API/v2/custom/insert.php"
	at := func(ms int) time.Time { return t0.Add(time.Duration(ms) * time.Millisecond) }
	log := []sandbox.RequestLog{
		{At: at(500), Answered: at(1500), Path: p, Status: 200, Created: "b"},
		{At: at(0), Answered: at(3000), Path: p, Status: 200, Created: "a"},
		{At: at(2000), Answered: at(3000), Path: p, Status: 200, Created: "c"},
		{At: at(100), Answered: at(9000), Path: "/wrong/path", Status: 400},
	}
	a := bench.Inserts(log)
	if a.Sending != 3*time.Second || math.Abs(a.InFlight-5.0/3) > 1e-9 {
		t.Errorf("Inserts: sending %v, in flight %v; want 3s, 1.667", a.Sending, a.InFlight)
	}
	if a.Rate() != 1 {
		t.Errorf("Rate = %v, want 1 (3 inserts in 3 s)", a.Rate())
	}
}

// TestGeneratedXLSX checks that the generated workbook reads as a real one: the header,
// date cells, the number column as digits, and texts from the shared string table.
func TestGeneratedXLSX(t *testing.T) {
	path := filepath.Join(t.TempDir(), "gen.xlsx")
	if err := bench.WriteXLSX(path, 3); err != nil {
		t.Fatal(err)
	}
	rd, err := source.Open(path, source.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	if got, want := fmt.Sprint(rd.Header()), fmt.Sprint(bench.Header); got != want {
		t.Errorf("header = %s, want %s", got, want)
	}
	n := 0
	for {
		row, err := rd.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if row.Err != nil {
			t.Errorf("row %d: %v", row.Num, row.Err)
		}
		c := row.Cells
		if got, want := c[0].Text, fmt.Sprintf("Reunión de seguimiento %d", n); got != want {
			t.Errorf("row %d: Asunto = %q, want %q", row.Num, got, want)
		}
		if !c[2].IsDate() {
			t.Errorf("row %d: Fecha inicio is not a date cell: %+v", row.Num, c[2])
		}
		if got, want := c[8].Text, fmt.Sprint(10000+n); got != want {
			t.Errorf("row %d: Caso = %q, want %q", row.Num, got, want)
		}
		n++
	}
	if n != 3 {
		t.Errorf("read %d rows, want 3", n)
	}
	names, err := zipNames(path)
	if err != nil {
		t.Fatal(err)
	}
	if !names["xl/sharedStrings.xml"] {
		t.Errorf("no shared string table in %v", names)
	}
}

// zipNames lists the parts of a zip package.
func zipNames(path string) (map[string]bool, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	names := map[string]bool{}
	for _, f := range zr.File {
		names[f.Name] = true
	}
	return names, nil
}
