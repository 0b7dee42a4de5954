package bench_test

// Cheap, in-process versions of bench/run.sh's cases, for CI:
//
//	go test -run '^$' -bench . -benchtime 1x ./bench/
//
// Each reports rows/s and, where the issue sets a target, the ratio to it in percent
// (pct_ideal, pct_rate, pct_target), so a regression shows as a number, not as a flaky
// failure: these are benchmarks, not timed tests. The sizes are small (seconds in all);
// bench/run.sh runs the full sizes against the real binary.

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/wolkvox-import/wolkvox-import/bench"
	"github.com/wolkvox-import/wolkvox-import/importer"
	"github.com/wolkvox-import/wolkvox-import/importer/ledger"
	"github.com/wolkvox-import/wolkvox-import/importer/sandbox"
	"github.com/wolkvox-import/wolkvox-import/importer/source"
	"github.com/wolkvox-import/wolkvox-import/importer/wolkvox"
	"github.com/wolkvox-import/wolkvox-import/mapping"
	"github.com/wolkvox-import/wolkvox-import/report"
)

const token = "bench-token"

// input is a generated sheet and its mapping, made once per process and per size.
type input struct {
	path, mappingPath string
	m                 *mapping.Mapping
}

var (
	inputsMu sync.Mutex
	inputs   = map[string]*input{}
	inputDir string
)

func benchInput(b *testing.B, kind string, rows int) *input {
	b.Helper()
	inputsMu.Lock()
	defer inputsMu.Unlock()
	key := fmt.Sprintf("%s-%d", kind, rows)
	if in, ok := inputs[key]; ok {
		return in
	}
	if inputDir == "" {
		// Shared by every benchmark of the process; b.TempDir would vanish with the first.
		inputDir = filepath.Join(testTempDir, "inputs")
		if err := os.MkdirAll(inputDir, 0o755); err != nil {
			b.Fatal(err)
		}
	}
	in := &input{path: filepath.Join(inputDir, key+"."+kind), mappingPath: filepath.Join(inputDir, "mapping.yaml")}
	if err := bench.WriteMapping(in.mappingPath); err != nil {
		b.Fatal(err)
	}
	var err error
	switch kind {
	case "csv":
		err = bench.WriteCSVFile(in.path, rows)
	case "xlsx":
		err = bench.WriteXLSX(in.path, rows)
	}
	if err != nil {
		b.Fatal(err)
	}
	if in.m, err = mapping.Load(in.mappingPath); err != nil {
		b.Fatal(err)
	}
	inputs[key] = in
	return in
}

// dryRun runs importer.Run over in b.N times and reports rows/s and the ratio to
// target rows/s.
func dryRun(b *testing.B, in *input, rows int, results string, target float64) {
	b.ReportAllocs()
	var busy time.Duration
	for i := 0; b.Loop(); i++ {
		cfg := importer.Config{
			Input:   in.path,
			Mapping: in.m,
			Results: filepath.Join(b.TempDir(), fmt.Sprintf("results-%d.%s", i, results)),
			DryRun:  true,
		}
		start := time.Now()
		sum, err := importer.Run(context.Background(), cfg)
		busy += time.Since(start)
		if err != nil {
			b.Fatal(err)
		}
		if got := sum.Counts[report.Valid]; got != rows {
			b.Fatalf("%d rows valid, want %d: %v", got, rows, sum.Counts)
		}
	}
	rps := float64(rows*b.N) / busy.Seconds()
	b.ReportMetric(rps, "rows/s")
	b.ReportMetric(100*rps/target, "pct_target")
}

// BenchmarkDryRunCSV: read, map, validate and write the results of 20,000 CSV rows
// (the target: 200,000 rows/s).
func BenchmarkDryRunCSV(b *testing.B) {
	const rows = 20000
	dryRun(b, benchInput(b, "csv", rows), rows, "csv", 200000)
}

// BenchmarkDryRunXLSX: the same for 5,000 XLSX rows with shared strings and date cells
// (target: 30,000 rows/s), writing an XLSX results sheet.
func BenchmarkDryRunXLSX(b *testing.B) {
	const rows = 5000
	dryRun(b, benchInput(b, "xlsx", rows), rows, "xlsx", 30000)
}

// startSandbox starts an in-process sandbox on a free loopback port.
func startSandbox(b *testing.B, latency time.Duration, maxInFlight int) (*sandbox.Server, string) {
	b.Helper()
	sb, err := sandbox.New(sandbox.Options{Token: token, Latency: latency, MaxInFlight: maxInFlight})
	if err != nil {
		b.Fatal(err)
	}
	url, err := sb.Start("127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { sb.Close() })
	return sb, url
}

var warmOnce sync.Once

// warmUp runs one small import before the first measured one, so that a single
// iteration (-benchtime 1x, as CI runs it) does not also measure the process's first
// connections, page faults and heap growth.
func warmUp(b *testing.B) {
	warmOnce.Do(func() {
		in := benchInput(b, "csv", 64)
		_, url := startSandbox(b, 0, 2)
		importOnce(b, in, 64, url, 2, 0, 1)
	})
}

// importOnce imports in into the sandbox at url with a fresh ledger (in the test's temp
// dir, on the same disk a user's would be) and returns how long importer.Run took.
func importOnce(b *testing.B, in *input, rows int, url string, concurrency int, rate float64, burst int) time.Duration {
	b.Helper()
	endpoint, err := wolkvox.ParseServer(url)
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	l, err := ledger.Open(filepath.Join(dir, "ledger.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	cfg := importer.Config{
		Input:       in.path,
		Mapping:     in.m,
		Results:     filepath.Join(dir, "results.csv"),
		Client:      wolkvox.NewClient(endpoint, token, 30*time.Second, concurrency),
		Ledger:      l,
		Concurrency: concurrency,
		Rate:        rate,
		Burst:       burst,
	}
	start := time.Now()
	sum, err := importer.Run(context.Background(), cfg)
	took := time.Since(start)
	if err != nil {
		b.Fatal(err)
	}
	if got := sum.Counts[report.Created]; got != rows {
		b.Fatalf("%d rows created, want %d: %v %v", got, rows, sum.Counts, sum.Notes)
	}
	return took
}

// BenchmarkImportSandbox: a real import into the in-process sandbox with 5 ms latency and
// no rate limit, 100 rows per slot; pct_ideal is rows/s against concurrency/latency (the
// issue's target is 95 at 20 ms; at 5 ms a fixed cost per request weighs four times more).
// C=2 keeps the sandbox's 2-in-flight check on; the others turn it off.
func BenchmarkImportSandbox(b *testing.B) {
	const latency = 5 * time.Millisecond
	for _, c := range []int{2, 16, 64} {
		b.Run(fmt.Sprintf("C=%d", c), func(b *testing.B) {
			rows := 100 * c
			in := benchInput(b, "csv", rows)
			maxInFlight := -1
			if c <= 2 {
				maxInFlight = 2
			}
			warmUp(b)
			sb, url := startSandbox(b, latency, maxInFlight)
			var busy time.Duration
			for b.Loop() {
				sb.Reset()
				busy += importOnce(b, in, rows, url, c, 0, 1)
			}
			rps := float64(rows*b.N) / busy.Seconds()
			ideal := float64(c) / latency.Seconds()
			b.ReportMetric(rps, "rows/s")
			b.ReportMetric(100*rps/ideal, "pct_ideal")
		})
	}
}

// BenchmarkPOSTLoop is the machine's limit beside BenchmarkImportSandbox: the same bodies,
// the same sandbox and latency, C goroutines posting as fast as the answers come, no
// ledger, no results. Compare the two rows/s of one run (bench/run.sh does it against the
// real binary, before and after each import).
func BenchmarkPOSTLoop(b *testing.B) {
	const latency = 5 * time.Millisecond
	for _, c := range []int{2, 16, 64} {
		b.Run(fmt.Sprintf("C=%d", c), func(b *testing.B) {
			rows := 100 * c
			in := benchInput(b, "csv", rows)
			bodies, err := bench.Bodies(in.path, in.mappingPath)
			if err != nil {
				b.Fatal(err)
			}
			maxInFlight := -1
			if c <= 2 {
				maxInFlight = 2
			}
			warmUp(b)
			sb, url := startSandbox(b, latency, maxInFlight)
			measurePosts(b, sb, rows, float64(c)/latency.Seconds(), func() (int, time.Duration, error) {
				return bench.PostConcurrent(context.Background(), url, token, bodies, c)
			})
		})
	}
}

// BenchmarkSequentialPOST is the simplest alternative, side by side with
// BenchmarkImportSandbox: the same bodies POSTed one after another (curl in a loop), no
// ledger, no results sheet. Its pct_ideal is against 1/latency.
func BenchmarkSequentialPOST(b *testing.B) {
	const latency = 5 * time.Millisecond
	const rows = 200
	in := benchInput(b, "csv", rows)
	bodies, err := bench.Bodies(in.path, in.mappingPath)
	if err != nil {
		b.Fatal(err)
	}
	warmUp(b)
	sb, url := startSandbox(b, latency, 2)
	measurePosts(b, sb, rows, 1/latency.Seconds(), func() (int, time.Duration, error) {
		return bench.PostSequential(context.Background(), url, token, bodies)
	})
}

// measurePosts runs post (rows bodies into a reset sandbox) for each iteration, checks
// that every row was created, and reports rows/s over the time spent posting, and the
// percentage of ideal rows/s.
func measurePosts(b *testing.B, sb *sandbox.Server, rows int, ideal float64, post func() (created int, took time.Duration, err error)) {
	b.Helper()
	var busy time.Duration
	for b.Loop() {
		sb.Reset()
		created, took, err := post()
		if err != nil {
			b.Fatal(err)
		}
		if created != rows {
			b.Fatalf("%d created, want %d", created, rows)
		}
		busy += took
	}
	rps := float64(rows*b.N) / busy.Seconds()
	b.ReportMetric(rps, "rows/s")
	b.ReportMetric(100*rps/ideal, "pct_ideal")
}

// BenchmarkRate: --rate 100 --burst 1 at concurrency 2, 100 rows, measured at the
// server: pct_rate is the mean arrival rate against 100 (target 98), max1s the most
// arrivals in any second (target at most 101).
func BenchmarkRate(b *testing.B) {
	const rate, rows = 100, 100
	in := benchInput(b, "csv", rows)
	warmUp(b)
	sb, url := startSandbox(b, 2*time.Millisecond, 2)
	var worstMean float64 = rate * 10
	worstWindow := 0
	for b.Loop() {
		sb.Reset()
		importOnce(b, in, rows, url, 2, rate, 1)
		a := bench.Inserts(sb.Requests())
		worstMean = min(worstMean, a.Mean)
		worstWindow = max(worstWindow, a.MaxIn1s)
	}
	b.ReportMetric(100*worstMean/rate, "pct_rate")
	b.ReportMetric(float64(worstWindow), "max1s")
}

// The dry run's stages one by one, on the same 20,000 generated CSV rows as
// BenchmarkDryRunCSV: what a change to one of them does shows here first. Each reports
// rows/s (one goroutine; the dry run spreads them over the cores).

// csvRows reads the rows of in (a CSV) with the tool's reader.
func csvRows(b *testing.B, in *input) (*mapping.Plan, [][]mapping.Cell, []int) {
	b.Helper()
	rd, err := source.Open(in.path, source.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer rd.Close()
	plan, err := in.m.Bind(rd.Header())
	if err != nil {
		b.Fatal(err)
	}
	var rows [][]mapping.Cell
	var nums []int
	for {
		row, err := rd.Next()
		if err == io.EOF {
			return plan, rows, nums
		}
		if err != nil {
			b.Fatal(err)
		}
		rows, nums = append(rows, row.Cells), append(nums, row.Num)
	}
}

func reportRows(b *testing.B, start time.Time, rows int) {
	b.ReportMetric(float64(rows*b.N)/time.Since(start).Seconds(), "rows/s")
}

// BenchmarkReadCSV: the tool's CSV reader (source.Open, Next) alone.
func BenchmarkReadCSV(b *testing.B) {
	const rows = 20000
	in := benchInput(b, "csv", rows)
	b.ReportAllocs()
	start := time.Now()
	for b.Loop() {
		rd, err := source.Open(in.path, source.Options{})
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for {
			if _, err := rd.Next(); err == io.EOF {
				break
			} else if err != nil {
				b.Fatal(err)
			}
			n++
		}
		rd.Close()
		if n != rows {
			b.Fatalf("%d rows read, want %d", n, rows)
		}
	}
	reportRows(b, start, rows)
}

// BenchmarkMapRows: mapping.Plan.Build (dates, yes/no, lists, templates) and
// wolkvox.Body of every row, read beforehand.
func BenchmarkMapRows(b *testing.B) {
	const rows = 20000
	in := benchInput(b, "csv", rows)
	plan, cells, nums := csvRows(b, in)
	b.ReportAllocs()
	start := time.Now()
	for b.Loop() {
		for i, c := range cells {
			fields, err := plan.Build(nums[i], c)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := wolkvox.Body(in.m.Operation(), in.m.Type(), fields); err != nil {
				b.Fatal(err)
			}
		}
	}
	reportRows(b, start, rows)
}

// BenchmarkWriteCSVResults: the CSV results writer (report.Results) alone, every row
// valid, as a dry run writes them.
func BenchmarkWriteCSVResults(b *testing.B) {
	const rows = 20000
	in := benchInput(b, "csv", rows)
	rd, err := source.Open(in.path, source.Options{})
	if err != nil {
		b.Fatal(err)
	}
	header := rd.Header()
	rd.Close()
	_, cells, nums := csvRows(b, in)
	b.ReportAllocs()
	start := time.Now()
	for i := 0; b.Loop(); i++ {
		out, err := report.CreateWith(filepath.Join(b.TempDir(), fmt.Sprintf("r%d.csv", i)), header, report.Options{DryRun: true, HeaderRow: 1})
		if err != nil {
			b.Fatal(err)
		}
		sum := &report.Summary{}
		for k, c := range cells {
			r := report.Row{Cells: c, SourceRow: nums[k], Status: report.Valid}
			if err := out.Write(r); err != nil {
				b.Fatal(err)
			}
			sum.Add(r)
		}
		if err := out.Finish(sum); err != nil {
			b.Fatal(err)
		}
	}
	reportRows(b, start, rows)
}
