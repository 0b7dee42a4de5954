package report

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wolkvox-import/wolkvox-import/i18n"
)

// syncBuffer is a bytes.Buffer safe for the progress goroutine and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// Not a terminal: a plain line every period and nothing else, no bar frames, no
// carriage returns.
func TestProgressPlain(t *testing.T) {
	var out syncBuffer
	p := newProgress(&out, 100, ProgressAuto, false, 20*time.Millisecond)
	for i := range 40 {
		switch {
		case i%10 == 0:
			p.Row(Failed)
		case i%13 == 0:
			p.Row(Invalid)
		default:
			p.Row(Created)
		}
	}
	deadline := time.Now().Add(5 * time.Second)
	for strings.Count(out.String(), "\n") < 2 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	fmt.Fprintln(p.Writer(), "level=WARN msg=hello")
	p.Finish()
	got := out.String()
	after := len(got)
	time.Sleep(60 * time.Millisecond)
	if len(out.String()) != after {
		t.Errorf("output after Finish: %q", out.String()[after:])
	}
	if strings.ContainsAny(got, "\r█|") || strings.Contains(got, "\x1b[") {
		t.Fatalf("progress-bar frames in non-terminal output: %q", got)
	}
	line := regexp.MustCompile(`^40/100 rows: created 33, invalid 3, failed 4; elapsed \d+s, \d+(\.\d)? rows/s sent, about \d+ (s|min) left$`)
	lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
	n := 0
	for _, l := range lines {
		if l == "level=WARN msg=hello" {
			continue
		}
		n++
		if !line.MatchString(l) {
			t.Errorf("line %q does not match %s", l, line)
		}
	}
	if n < 2 {
		t.Errorf("%d periodic lines in %q, want at least 2", n, got)
	}
}

func TestProgressLine(t *testing.T) {
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	p := &Progress{total: 100000, counts: map[Status]int{Created: 1200, Failed: 20, Invalid: 14, Uncertain: 1}, done: 1235, sent: 1221, start: start,
		now: func() time.Time { return start.Add(30 * time.Second) }}
	if got, want := p.line(), "1,235/100,000 rows: created 1,200, invalid 14, failed 20, uncertain 1; elapsed 30s, 41 rows/s sent, about 40 min left"; got != want {
		t.Errorf("line\n got %q\nwant %q", got, want)
	}
	p.total = 0
	if got, want := p.line(), "1,235 rows: created 1,200, invalid 14, failed 20, uncertain 1; elapsed 30s, 41 rows/s sent"; got != want {
		t.Errorf("line without total\n got %q\nwant %q", got, want)
	}
	dry := &Progress{counts: map[Status]int{Valid: 8, Invalid: 2}, done: 10, start: start, now: func() time.Time { return start.Add(4 * time.Second) }}
	if got, want := dry.line(), "10 rows: valid 8, invalid 2; elapsed 4s, 2.5 rows/s checked"; got != want {
		t.Errorf("dry-run line\n got %q\nwant %q", got, want)
	}
}

// A resumed run: the first 585 rows are found in the ledger (not sent), then 114 rows go
// out in 1m54s. The rate counts only those (1.0 rows/s, not 6.1), already imported rows
// are counted apart, invalid rows are not "failed", and elapsed and left are labelled.
func TestProgressCountsRowsSent(t *testing.T) {
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	now := start
	for _, tc := range []struct {
		lang i18n.Lang
		want string
	}{
		{i18n.EN, "700/20,000 rows: created 110, already imported 585, invalid 1, failed 2, uncertain 1, not sent 1; elapsed 1m54s, 1.0 rows/s sent, about 5 h 25 min left"},
		{i18n.ES, "700/20.000 filas: creadas 110, ya importadas 585, inválidas 1, fallidas 2, inciertas 1, no enviadas 1; transcurrido 1m54s, 1,0 filas/s enviadas, faltan unos 5 h 25 min"},
	} {
		p := &Progress{total: 20000, counts: map[Status]int{}, start: start, now: func() time.Time { return now }}
		p.SetLang(tc.lang)
		for range 585 {
			p.Result(Row{Status: Created, Earlier: "2026-11-24", FromLedger: true})
		}
		for range 110 {
			p.Result(Row{Status: Created})
		}
		p.Result(Row{Status: Failed})
		p.Result(Row{Status: Failed})
		p.Result(Row{Status: Uncertain})
		p.Result(Row{Status: Invalid})
		p.Result(Row{Status: NotSent})
		now = start.Add(114 * time.Second)
		if got := p.line(); got != tc.want {
			t.Errorf("%s\n got %q\nwant %q", tc.lang, got, tc.want)
		}
		now = start
	}
}

// On a terminal (or with --progress always): a progress bar with the counts.
func TestProgressBar(t *testing.T) {
	var out syncBuffer
	p := NewProgress(&out, 20, ProgressAlways, false)
	for range 19 {
		p.Row(Created)
	}
	time.Sleep(120 * time.Millisecond) // past the throttle
	p.Row(Failed)
	p.Finish()
	got := out.String()
	for _, want := range []string{"\r", "█", "created 19", "failed 1", "/20", "elapsed", "rows/s sent"} {
		if !strings.Contains(got, want) {
			t.Errorf("bar output lacks %q: %q", want, got)
		}
	}
	if !strings.HasSuffix(got, "\r") {
		t.Errorf("Finish should clear the bar (end on \\r): %q", got[max(0, len(got)-80):])
	}
}

func TestProgressNever(t *testing.T) {
	var out syncBuffer
	p := NewProgress(&out, 10, ProgressNever, true)
	p.Row(Created)
	p.SetTotal(20)
	p.Finish()
	var nilProgress *Progress
	nilProgress.Row(Created)
	nilProgress.Finish()
	if got := out.String(); got != "" {
		t.Errorf("--progress never wrote %q", got)
	}
	if err := CheckProgressMode("sometimes", i18n.EN); err == nil {
		t.Error("CheckProgressMode accepted sometimes")
	}
}

// Row from the writer goroutine, messages from others, Finish at the end: no race.
func TestProgressConcurrent(t *testing.T) {
	for _, mode := range []string{ProgressAlways, ProgressAuto} {
		var out syncBuffer
		p := newProgress(&out, 0, mode, false, time.Millisecond)
		var wg sync.WaitGroup
		wg.Add(2)
		go func() {
			defer wg.Done()
			for range 2000 {
				p.Row(Created)
			}
		}()
		go func() {
			defer wg.Done()
			for range 50 {
				fmt.Fprintln(p.Writer(), "warning")
			}
		}()
		p.SetTotal(2000)
		wg.Wait()
		p.Finish()
	}
}

// --wait-for-allowance: the line says the run waits, and until when, in place of a rate
// that would mean nothing during the wait.
func TestProgressWaiting(t *testing.T) {
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.Local)
	for lang, want := range map[i18n.Lang]string{
		i18n.EN: "3/10 rows: created 3; waiting for the daily allowance: going on at 2024-01-02 00:01",
		i18n.ES: "3/10 filas: creadas 3; esperando el cupo diario: sigue el 2024-01-02 00:01",
	} {
		var out syncBuffer
		p := &Progress{w: &out, total: 10, counts: map[Status]int{}, start: start, now: func() time.Time { return start.Add(time.Minute) }}
		p.SetLang(lang)
		for range 3 {
			p.Result(Row{Status: Created})
		}
		p.Waiting(start.Add(24*time.Hour + time.Minute))
		if got := strings.TrimSuffix(out.String(), "\n"); got != want {
			t.Errorf("%s: said at once\n got %q\nwant %q", lang, got, want)
		}
		p.Waiting(time.Time{})
		if got := p.line(); strings.Contains(got, "allowance") || strings.Contains(got, "cupo") {
			t.Errorf("%s: still waiting after the wait: %q", lang, got)
		}
	}
}
