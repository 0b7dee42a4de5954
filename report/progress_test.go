package report

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
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
	line := regexp.MustCompile(`^40/100 rows, created 33, failed 7, \d+(\.\d)? rows/s, about \d+[hms0-9]* left$`)
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
	p := &Progress{total: 100000, counts: map[Status]int{Created: 1200, Failed: 20, Invalid: 14, Uncertain: 1}, done: 1235, start: start,
		now: func() time.Time { return start.Add(30 * time.Second) }}
	if got, want := p.line(), "1235/100000 rows, created 1200, failed 34, uncertain 1, 41 rows/s, about 40m left"; got != want {
		t.Errorf("line\n got %q\nwant %q", got, want)
	}
	p.total = 0
	if got, want := p.line(), "1235 rows, created 1200, failed 34, uncertain 1, 41 rows/s"; got != want {
		t.Errorf("line without total\n got %q\nwant %q", got, want)
	}
	dry := &Progress{counts: map[Status]int{Valid: 8, Invalid: 2}, done: 10, start: start, now: func() time.Time { return start.Add(4 * time.Second) }}
	if got, want := dry.line(), "10 rows, valid 8, invalid 2, 2.5 rows/s"; got != want {
		t.Errorf("dry-run line\n got %q\nwant %q", got, want)
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
	for _, want := range []string{"\r", "█", "created", "/20", "rows/s"} {
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
	if err := CheckProgressMode("sometimes"); err == nil {
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
