package importer

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wolkvox-import/wolkvox-import/importer/ledger"
	"github.com/wolkvox-import/wolkvox-import/importer/wolkvox"
	"github.com/wolkvox-import/wolkvox-import/report"
)

// hardRun imports rows rows into server with small waits, and returns the summary.
func hardRun(t *testing.T, server string, rows int, edit func(*Config)) *report.Summary {
	t.Helper()
	return hardRunCtx(t, context.Background(), server, rows, edit)
}

func hardRunCtx(t *testing.T, ctx context.Context, server string, rows int, edit func(*Config)) *report.Summary {
	t.Helper()
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("Asunto\n")
	for i := range rows {
		fmt.Fprintf(&b, "Reunión %d\n", i)
	}
	input := filepath.Join(dir, "in.csv")
	if err := os.WriteFile(input, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	endpoint, err := wolkvox.ParseServer(server)
	if err != nil {
		t.Fatal(err)
	}
	l, err := ledger.Open(filepath.Join(dir, "ledger.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	cfg := Config{
		Input: input, Operation: "Demo", Client: wolkvox.NewClient(endpoint, "tok-1234", 5*time.Second, 2), Ledger: l,
		Concurrency: 2, Retries: 3, BackoffBase: time.Millisecond, BackoffMax: 5 * time.Millisecond,
	}
	if edit != nil {
		edit(&cfg)
	}
	sum, err := Run(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

func refusedAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

// A server that refuses the connection from the start: the run stops before sending a
// row (exit 2), naming --server and the cause, instead of 4 attempts for every row.
func TestRefusedServerStopsTheRunAtOnce(t *testing.T) {
	sum := hardRun(t, "http://"+refusedAddr(t), 200, nil)
	if got, want := sum.ExitCode(), report.ExitConfig; got != want {
		t.Fatalf("exit %d, want %d (%+v)", got, want, sum.Counts)
	}
	if sum.Attempts > 2 {
		t.Errorf("%d insert attempts against a refused port, want at most 2", sum.Attempts)
	}
	if got := sum.Counts[report.NotSent]; got != 200 {
		t.Errorf("not_sent %d, want 200 (%v)", got, sum.Counts)
	}
	for _, want := range []string{"refused", "--server"} {
		if !strings.Contains(sum.Fatal, want) {
			t.Errorf("fatal %q does not say %q", sum.Fatal, want)
		}
	}
}

// fakeWolkvox answers tokenInformation, and inserts with answer(n) for the n-th insert
// (1-based); it counts inserts.
func fakeWolkvox(t *testing.T, answer func(n int64, w http.ResponseWriter)) (*httptest.Server, *atomic.Int64) {
	var inserts atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.URL.Path, "tokenInformation") {
			fmt.Fprint(w, `{"code":"200","error":"null","data":{"token_limit":100000,"token_use_today":0,"hours_to_restart_count":5}}`)
			return
		}
		answer(inserts.Add(1), w)
	}))
	t.Cleanup(srv.Close)
	return srv, &inserts
}

func created(n int64, w http.ResponseWriter) {
	fmt.Fprintf(w, `{"code":200,"error":"null","msg":"ok","data":{"wolkvox_id":"id-%d"}}`, n)
}

// The server goes away mid-run: a streak of connection failures pauses and then stops
// the run (exit 1), the rest not_sent, never failed row after row.
func TestServerGoneMidRunStopsAfterAStreak(t *testing.T) {
	const rows, up = 100, 5
	var srv *httptest.Server
	srv, inserts := fakeWolkvox(t, func(n int64, w http.ResponseWriter) {
		if n == up {
			// The last answer: no new connection is accepted after it.
			srv.Listener.Close()
			w.Header().Set("Connection", "close")
		}
		created(n, w)
	})
	sum := hardRun(t, srv.URL, rows, func(c *Config) { c.Concurrency = 1 })
	if got, want := sum.ExitCode(), report.ExitNotAll; got != want {
		t.Fatalf("exit %d, want %d (%v, fatal %q)", got, want, sum.Counts, sum.Fatal)
	}
	if got := inserts.Load(); got != up {
		t.Fatalf("the server got %d inserts, want %d", got, up)
	}
	if got := sum.Counts[report.Created]; got != up {
		t.Errorf("created %d, want %d", got, up)
	}
	if got := sum.Counts[report.NotSent]; got != rows-up {
		t.Errorf("not_sent %d, want %d (%v)", got, rows-up, sum.Counts)
	}
	if sum.Counts[report.Failed] != 0 {
		t.Errorf("%d rows failed: a lost server must not fail rows", sum.Counts[report.Failed])
	}
	if limit := up + 6; sum.Attempts > limit {
		t.Errorf("%d attempts, want at most %d (the streak stops the run)", sum.Attempts, limit)
	}
	if !strings.Contains(sum.Stopped, "re-run the same command when the server is reachable") {
		t.Errorf("stopped = %q", sum.Stopped)
	}
}

// A gateway that answers 502 to everything: each row is uncertain (the meeting may
// exist) and not retried, and a streak of them stops the run rather than leaving
// thousands of rows to check one by one.
func TestLostAnswersStopAfterAStreak(t *testing.T) {
	srv, inserts := fakeWolkvox(t, func(n int64, w http.ResponseWriter) {
		http.Error(w, "<html>502 Bad Gateway</html>", http.StatusBadGateway)
	})
	sum := hardRun(t, srv.URL, 50, func(c *Config) { c.Concurrency = 1 })
	if got := inserts.Load(); got != 6 {
		t.Errorf("the server got %d inserts, want 6 (one per row, until the streak)", got)
	}
	if got := sum.Counts[report.Uncertain]; got != 6 {
		t.Errorf("uncertain %d, want 6 (%v)", got, sum.Counts)
	}
	if got := sum.Counts[report.NotSent]; got != 44 {
		t.Errorf("not_sent %d, want 44 (%v)", got, sum.Counts)
	}
	if sum.ExitCode() != report.ExitNotAll || sum.Stopped == "" {
		t.Errorf("exit %d, stopped %q", sum.ExitCode(), sum.Stopped)
	}
}

// A Retry-After longer than --max-wait stops the run and says when to re-run.
func TestRetryAfterPastMaxWaitStops(t *testing.T) {
	srv, inserts := fakeWolkvox(t, func(n int64, w http.ResponseWriter) {
		if n == 2 {
			w.Header().Set("Retry-After", "86400")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		created(n, w)
	})
	sum := hardRun(t, srv.URL, 20, func(c *Config) { c.Concurrency, c.MaxWait = 1, time.Second })
	if got := inserts.Load(); got != 2 {
		t.Errorf("the server got %d inserts, want 2", got)
	}
	if sum.Counts[report.Created] != 1 || sum.Counts[report.NotSent] != 19 {
		t.Errorf("counts %v, want 1 created and 19 not_sent", sum.Counts)
	}
	if sum.ExitCode() != report.ExitNotAll {
		t.Errorf("exit %d", sum.ExitCode())
	}
	for _, want := range []string{"24h0m0s", "--max-wait 1s", "re-run the same command after"} {
		if !strings.Contains(sum.Stopped, want) {
			t.Errorf("stopped %q does not say %q", sum.Stopped, want)
		}
	}
}

// A Retry-After within --max-wait is waited out, as before.
func TestRetryAfterWithinMaxWaitIsWaited(t *testing.T) {
	srv, inserts := fakeWolkvox(t, func(n int64, w http.ResponseWriter) {
		if n == 1 {
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		created(n, w)
	})
	sum := hardRun(t, srv.URL, 3, func(c *Config) { c.Concurrency, c.MaxWait = 1, time.Second })
	if sum.ExitCode() != report.ExitOK || inserts.Load() != 4 {
		t.Fatalf("exit %d, %d inserts, %v", sum.ExitCode(), inserts.Load(), sum.Counts)
	}
}

// Overload lowers the rate (halving, once a second at most, floor 0.1/s) and a run of
// successes brings it back step by step, never above --rate.
func TestAIMD(t *testing.T) {
	a := newAIMD(8)
	t0 := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	// Six 429s in the same second: one cut.
	for i := range 6 {
		a.overloaded(t0.Add(time.Duration(i) * 100 * time.Millisecond))
	}
	if low, now, cuts := a.report(); now != 4 || low != 4 || cuts != 1 {
		t.Fatalf("after a burst: low %v now %v cuts %d, want 4 4 1", low, now, cuts)
	}
	// Spaced out, they halve down to the floor and no further.
	for i := range 10 {
		a.overloaded(t0.Add(time.Duration(i+1) * time.Second))
	}
	if low, now, _ := a.report(); now != rateFloor || low != rateFloor {
		t.Fatalf("low %v now %v, want the floor %v", low, now, rateFloor)
	}
	// Back up, a tenth of --rate per run of successes, to --rate and no higher.
	steps := 0
	for range 200 * recoverAfter {
		if _, up := a.succeeded(); up {
			steps++
		}
	}
	if _, now, _ := a.report(); now != 8 {
		t.Fatalf("rate %v after many successes, want 8", now)
	}
	if steps != 10 {
		t.Errorf("%d steps up from the floor, want 10", steps)
	}
	// At a low rate a step takes fewer successes (two seconds' worth, at least one).
	if got := newAIMD(0.3).needed(); got != 1 {
		t.Errorf("at 0.3/s a step takes %d successes, want 1", got)
	}
	if got := newAIMD(3).needed(); got != 6 {
		t.Errorf("at 3/s a step takes %d successes, want 6", got)
	}
	// An overload answer resets the run of successes.
	a.overloaded(t0.Add(time.Minute)) // 8 -> 4: a step takes 8 successes
	for range a.needed() - 1 {
		a.succeeded()
	}
	a.overloaded(t0.Add(time.Minute + 100*time.Millisecond)) // within the second: no cut, but a reset
	if _, up := a.succeeded(); up {
		t.Error("raised after a broken run of successes")
	}
	// A --rate below the floor is never raised to it.
	if next, _ := newAIMD(0.05).overloaded(t0); next != 0.05 {
		t.Errorf("rate 0.05 went to %v", next)
	}
}

// 429s during a run lower the rate, and the summary says how low it went and where it
// ended. (How far it recovers depends on timing: only the counts are asserted.)
func TestRunReportsTheRate(t *testing.T) {
	srv, _ := fakeWolkvox(t, func(n int64, w http.ResponseWriter) {
		if n <= 6 {
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		created(n, w)
	})
	sum := hardRun(t, srv.URL, 3, func(c *Config) { c.Concurrency, c.Rate, c.Retries = 1, 1000, 10 })
	if sum.ExitCode() != report.ExitOK {
		t.Fatalf("exit %d %v", sum.ExitCode(), sum.Counts)
	}
	if sum.RateLowest <= 0 || sum.RateLowest >= 1000 || sum.RateEnd < sum.RateLowest || sum.RateEnd > 1000 {
		t.Errorf("rate lowest %v end %v", sum.RateLowest, sum.RateEnd)
	}
	if len(sum.Notes) == 0 || !strings.Contains(sum.Notes[len(sum.Notes)-1], "at the lowest") {
		t.Errorf("notes %q", sum.Notes)
	}
}

// A tokenInformation call that reached the server but got no answer in time is no
// reason to stop: the server is there, the import goes on.
func TestSlowTokenInformationDoesNotStop(t *testing.T) {
	var inserts atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.URL.Path, "tokenInformation") {
			<-r.Context().Done() // answers only when the client gives up
			return
		}
		created(inserts.Add(1), w)
	}))
	defer srv.Close()
	endpoint, _ := wolkvox.ParseServer(srv.URL)
	sum := hardRun(t, srv.URL, 3, func(c *Config) {
		c.Client = wolkvox.NewClient(endpoint, "tok-1234", 200*time.Millisecond, 2)
	})
	if sum.ExitCode() != report.ExitOK || inserts.Load() != 3 {
		t.Fatalf("exit %d, %d inserts, fatal %q", sum.ExitCode(), inserts.Load(), sum.Fatal)
	}
}
