package importer

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wolkvox-import/wolkvox-import/importer/sandbox"
	"github.com/wolkvox-import/wolkvox-import/report"
)

// --wait-for-allowance: a 3-call allowance (the allowance question is one of them) and 7
// rows: the run waits for the allowance to restart (here: the sandbox's day turns when
// the wait begins) as many times as it takes, says so, and creates every row.
func TestWaitForAllowanceGoesOn(t *testing.T) {
	sb, err := sandbox.New(sandbox.Options{Token: "tok-1234", DailyLimit: 3})
	if err != nil {
		t.Fatal(err)
	}
	url, err := sb.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer sb.Close()
	var mu sync.Mutex
	var waits []time.Time
	var stderr strings.Builder
	sum := hardRun(t, url, 7, func(cfg *Config) {
		cfg.Concurrency = 1
		cfg.WaitForAllowance = true
		cfg.Stderr = &syncWriter{w: &stderr, mu: &mu}
		cfg.OnWait = func(until time.Time) {
			mu.Lock()
			waits = append(waits, until)
			mu.Unlock()
		}
		cfg.sleepForAllowance = func(ctx context.Context, d time.Duration) bool {
			if d <= 0 {
				t.Errorf("a wait of %v: the restart should be ahead", d)
			}
			sb.NewDay()
			return ctx.Err() == nil
		}
	})
	if got := sum.Counts[report.Created]; got != 7 || sum.ExitCode() != 0 {
		t.Fatalf("created %d of 7 (exit %d), counts %v, quota %q", got, sum.ExitCode(), sum.Counts, sum.QuotaSpent)
	}
	if len(sb.Records()) != 7 {
		t.Fatalf("the sandbox holds %d meetings, want 7 (none twice)", len(sb.Records()))
	}
	// 2 rows the first day (3 calls, one the question), then 3 a day: 2 waits.
	if len(waits) != 4 || waits[0].IsZero() || !waits[1].IsZero() {
		t.Fatalf("OnWait calls %v, want 2 waits, each begun (a time) and ended (zero)", waits)
	}
	if !strings.Contains(stderr.String(), "the daily allowance is spent: waiting until ") {
		t.Errorf("the wait was not said on stderr:\n%s", stderr.String())
	}
	if !strings.Contains(strings.Join(sum.Notes, "\n"), "the run waited 2 times for the daily allowance to restart") {
		t.Errorf("the summary's notes do not count the waits: %q", sum.Notes)
	}
}

// Ctrl-C during the wait ends it: the row waiting and the rest are not_sent.
func TestWaitForAllowanceInterruptible(t *testing.T) {
	sb, err := sandbox.New(sandbox.Options{Token: "tok-1234", DailyLimit: 2})
	if err != nil {
		t.Fatal(err)
	}
	url, err := sb.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer sb.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sum := hardRunCtx(t, ctx, url, 4, func(cfg *Config) {
		cfg.Concurrency = 1
		cfg.WaitForAllowance = true
		cfg.sleepForAllowance = func(wctx context.Context, d time.Duration) bool {
			cancel() // Ctrl-C comes during the wait
			<-wctx.Done()
			return false
		}
	})
	if sum.Counts[report.Created] != 1 || sum.Counts[report.NotSent] != 3 || !sum.Interrupted {
		t.Fatalf("counts %v, interrupted %v: want 1 created, 3 not_sent, interrupted", sum.Counts, sum.Interrupted)
	}
}

type syncWriter struct {
	w  *strings.Builder
	mu *sync.Mutex
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}
