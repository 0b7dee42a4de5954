package importer

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wolkvox-import/wolkvox-import/importer/ledger"
	"github.com/wolkvox-import/wolkvox-import/importer/sandbox"
	"github.com/wolkvox-import/wolkvox-import/importer/wolkvox"
	"github.com/wolkvox-import/wolkvox-import/report"
)

type memWriter struct{ rows []report.Row }

func (w *memWriter) Write(r report.Row) error { w.rows = append(w.rows, r); return nil }
func (w *memWriter) Close() error             { return nil }
func (w *memWriter) Abort()                   {}

func TestWriteInOrderReorders(t *testing.T) {
	results := make(chan outcome, 8)
	window := make(chan struct{}, 8)
	for _, seq := range []int{2, 0, 3, 1} {
		window <- struct{}{}
		results <- outcome{seq: seq, Row: report.Row{SourceRow: seq + 2, Status: report.Created}}
	}
	close(results)
	var w memWriter
	sum := &report.Summary{Counts: map[report.Status]int{}}
	if err := writeInOrder(results, window, &w, sum, nil, func(err error) { t.Fatalf("stop(%v)", err) }); err != nil {
		t.Fatal(err)
	}
	for i, r := range w.rows {
		if r.SourceRow != i+2 {
			t.Fatalf("row %d has source_row %d: not in input order", i, r.SourceRow)
		}
	}
	if len(window) != 0 {
		t.Fatalf("%d window slots not released", len(window))
	}
	if sum.Rows != 4 || sum.Counts[report.Created] != 4 {
		t.Fatalf("summary %+v", sum)
	}
}

// failingWriter fails from its failAt'th row on, as a full disk does.
type failingWriter struct {
	memWriter
	failAt int
}

func (w *failingWriter) Write(r report.Row) error {
	if len(w.rows) >= w.failAt {
		return fmt.Errorf("write results.csv: no space left on device")
	}
	return w.memWriter.Write(r)
}

// TestWriteInOrderStopsAtFirstError: the first write error stops the senders (once),
// and the writer still drains every row so that no sender blocks.
func TestWriteInOrderStopsAtFirstError(t *testing.T) {
	const rows = 6
	results := make(chan outcome, rows)
	window := make(chan struct{}, rows)
	for seq := range rows {
		window <- struct{}{}
		results <- outcome{seq: seq, Row: report.Row{SourceRow: seq + 2, Status: report.Created}}
	}
	close(results)
	w := &failingWriter{failAt: 2}
	var stops []error
	err := writeInOrder(results, window, w, &report.Summary{}, nil, func(err error) { stops = append(stops, err) })
	if err == nil || len(stops) != 1 || stops[0] != err {
		t.Fatalf("err %v, stop called with %v: want the first error, once", err, stops)
	}
	if len(window) != 0 {
		t.Fatalf("%d window slots not released: the senders would block", len(window))
	}
}

func TestGateLower(t *testing.T) {
	g := newGate(3)
	ctx := context.Background()
	for range 3 {
		if err := g.acquire(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if n, ok := g.lower(); !ok || n != 2 {
		t.Fatalf("lower = %d, %v", n, ok)
	}
	for range 3 {
		g.release()
	}
	if got := len(g.tokens); got != 2 {
		t.Fatalf("%d slots free after lowering to 2", got)
	}
	g.lower()
	if n, ok := g.lower(); ok || n != 1 {
		t.Fatalf("lowered below 1: %d, %v", n, ok)
	}
	short, cancel := context.WithTimeout(ctx, 10*time.Millisecond)
	defer cancel()
	g.acquire(ctx)
	if err := g.acquire(short); err == nil {
		t.Fatal("acquired a second slot with a limit of 1")
	}
}

func TestBackoff(t *testing.T) {
	s := &sender{cfg: &Config{BackoffBase: 100 * time.Millisecond, BackoffMax: time.Second}}
	for attempt := range 40 {
		ceiling := min(100*time.Millisecond<<min(attempt, 20), time.Second)
		for range 20 {
			d := s.backoff(attempt, 0)
			if d < ceiling/2 || d > ceiling {
				t.Fatalf("attempt %d: backoff %v outside [%v, %v]", attempt, d, ceiling/2, ceiling)
			}
		}
	}
	if d := s.backoff(0, 7*time.Second); d != 7*time.Second {
		t.Fatalf("Retry-After 7s gave %v", d)
	}
}

func TestEchoColumnsDropsPreviousResults(t *testing.T) {
	got := echoColumns([]string{"Asunto", "source_row", "Lugar", "import_status", "wolkvox_id", " import_error "})
	if fmt.Sprint(got) != "[0 2]" {
		t.Fatalf("echo = %v, want [0 2]", got)
	}
}

// TestRunConcurrentWithFaults runs the whole pipeline in-process (so -race sees it) with
// more senders than rows in flight and faults on the way.
func TestRunConcurrentWithFaults(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("Asunto\n")
	for i := range 150 {
		fmt.Fprintf(&b, "Reunión %d\n", i)
	}
	input := filepath.Join(dir, "in.csv")
	os.WriteFile(input, []byte(b.String()), 0o644)

	sb, err := sandbox.New(sandbox.Options{Token: "t", MaxInFlight: -1, Faults: "500,429:0,badrequest,ok*20,503"})
	if err != nil {
		t.Fatal(err)
	}
	url, err := sb.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer sb.Close()
	endpoint, err := wolkvox.ParseServer(url)
	if err != nil {
		t.Fatal(err)
	}
	l, err := ledger.Open(filepath.Join(dir, "ledger.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	cfg := Config{
		Input: input, Operation: "Demo", Client: wolkvox.NewClient(endpoint, "t", 5*time.Second, 8), Ledger: l,
		Concurrency: 8, Retries: 3, BackoffBase: time.Millisecond, BackoffMax: 5 * time.Millisecond,
	}
	sum, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := sum.Counts[report.Created], 149; got != want {
		t.Fatalf("created %d, want %d (%v)", got, want, sum.Counts)
	}
	if got := sum.Counts[report.Failed]; got != 1 {
		t.Fatalf("failed %d, want the one badrequest", got)
	}
	if got, want := len(sb.Records()), 149; got != want {
		t.Fatalf("sandbox holds %d, want %d", got, want)
	}
	if sum.ExitCode() != report.ExitNotAll {
		t.Fatalf("exit %d", sum.ExitCode())
	}

	// The same input again: nothing sent, the failed row retried and now created.
	before := len(sb.Requests())
	sum, err = Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(sb.Requests()) - before; got != 1 {
		t.Fatalf("the re-run sent %d requests, want only the failed row", got)
	}
	if sum.Counts[report.Created] != 150 || sum.ExitCode() != report.ExitOK {
		t.Fatalf("re-run: %v, exit %d", sum.Counts, sum.ExitCode())
	}
}

// A CSV longer than an XLSX sheet, with XLSX results asked for, is refused before
// anything is sent, and the message says how to get the results.
func TestXLSXResultsTooLongRefusedUpFront(t *testing.T) {
	defer func(n int) { xlsxRowLimit = n }(xlsxRowLimit)
	xlsxRowLimit = 3
	dir := t.TempDir()
	input := filepath.Join(dir, "in.csv")
	os.WriteFile(input, []byte("Asunto\nA\nB\nC\nD\n"), 0o644)
	_, err := Run(context.Background(), Config{Input: input, DryRun: true, Results: filepath.Join(dir, "out.xlsx")})
	if err == nil || !strings.Contains(err.Error(), "in.csv has 4 rows, more than an XLSX sheet holds (3)") || !strings.Contains(err.Error(), "--results "+filepath.Join(dir, "out.csv")) {
		t.Fatalf("err = %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "out.xlsx")); err == nil {
		t.Fatal("a results sheet was written")
	}
	// Within the limit it goes through.
	os.WriteFile(input, []byte("Asunto\nA\nB\nC\n"), 0o644)
	if _, err := Run(context.Background(), Config{Input: input, DryRun: true, Results: filepath.Join(dir, "out.xlsx")}); err != nil {
		t.Fatal(err)
	}
}
