package report

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
)

// Progress modes, as --progress takes them.
const (
	ProgressAuto   = "auto"   // a bar on a terminal, else a plain line every 10 seconds
	ProgressAlways = "always" // a bar, even when stderr is not a terminal
	ProgressNever  = "never"  // nothing
)

// CheckProgressMode reports an unknown --progress value.
func CheckProgressMode(mode string) error {
	switch mode {
	case ProgressAuto, ProgressAlways, ProgressNever:
		return nil
	}
	return fmt.Errorf("--progress %q: use auto, always or never", mode)
}

// logPeriod is how often the plain (non-terminal) progress prints its line.
const logPeriod = 10 * time.Second

// Progress shows the run's progress on stderr while it goes: on a terminal a progress bar
// (rows done of total, created and failed so far, rate and time left), redrawn at most
// every 100 ms; elsewhere (a log file, a CI job) one plain line every 10 seconds and
// nothing else, no bar frames or carriage returns. Its counts are for display only: the
// summary keeps its own. A nil *Progress does nothing. Row may be called from one
// goroutine while Writer is written from others.
type Progress struct {
	w      io.Writer
	period time.Duration
	now    func() time.Time

	mu        sync.Mutex
	total     int
	bar       *progressbar.ProgressBar
	done      int
	counts    map[Status]int
	start     time.Time
	described time.Time
	finished  bool

	stop chan struct{}
	wg   sync.WaitGroup
}

// NewProgress starts showing progress on w for total rows (0 or less: not known yet;
// see SetTotal). mode is ProgressAuto, ProgressAlways or ProgressNever (anything else is
// taken as auto); isTerminal says whether w is a terminal (golang.org/x/term.IsTerminal).
// Call Finish when the run ends.
func NewProgress(w io.Writer, total int, mode string, isTerminal bool) *Progress {
	return newProgress(w, total, mode, isTerminal, logPeriod)
}

func newProgress(w io.Writer, total int, mode string, isTerminal bool, period time.Duration) *Progress {
	p := &Progress{w: w, period: period, now: time.Now, total: max(total, 0), counts: map[Status]int{}}
	p.start = p.now()
	switch {
	case mode == ProgressNever:
		p.finished = true // count nothing, show nothing
	case mode == ProgressAlways || isTerminal:
		p.bar = p.newBar()
	default:
		p.stop = make(chan struct{})
		p.wg.Add(1)
		go p.logLoop()
	}
	return p
}

func (p *Progress) newBar() *progressbar.ProgressBar {
	max := p.total
	if max <= 0 {
		max = -1 // unknown: a spinner with the count and the rate
	}
	return progressbar.NewOptions(max,
		progressbar.OptionSetWriter(p.w),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetDescription(p.describe()),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("rows"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionSetWidth(30),
		// No timer goroutine drawing the spinner: frames are drawn only from Row, under
		// p.mu, so that Writer can clear the bar without racing it.
		progressbar.OptionSetSpinnerChangeInterval(0),
		// The summary printed after the run says it all: the bar leaves no trace.
		progressbar.OptionClearOnFinish(),
	)
}

// SetTotal sets the number of rows once it is known (after counting them). The bar of a
// run started without a total takes it only before the first row; the plain line always.
func (p *Progress) SetTotal(total int) {
	if p == nil || total <= 0 {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.finished || total == p.total {
		return
	}
	known := p.total > 0
	p.total = max(total, p.done)
	// A bar started without a total counts round a spinner: it can take one only
	// before its first row.
	if p.bar != nil && (known || p.done == 0) {
		p.bar.ChangeMax(p.total)
	}
}

// Row counts one row written to the results, with its status.
func (p *Progress) Row(s Status) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.finished {
		return
	}
	p.done++
	p.counts[s]++
	if p.bar == nil {
		return
	}
	if p.total > 0 && p.done > p.total {
		p.total = p.done
		p.bar.ChangeMax(p.total)
	}
	if now := p.now(); now.Sub(p.described) >= 100*time.Millisecond {
		p.described = now
		p.bar.Describe(p.describe())
	}
	p.bar.Add(1)
}

// Finish stops showing progress: it clears the bar, or stops the periodic line.
func (p *Progress) Finish() {
	if p == nil {
		return
	}
	p.mu.Lock()
	if p.finished {
		p.mu.Unlock()
		return
	}
	p.finished = true
	if p.bar != nil {
		p.bar.Finish()
	}
	p.mu.Unlock()
	if p.stop != nil {
		close(p.stop)
		p.wg.Wait()
	}
}

// Writer is w for the run's other messages (warnings, logs): on a terminal it clears the
// bar before each message, so that a message never ends up glued to a bar frame; the
// next row draws the bar again below it.
func (p *Progress) Writer() io.Writer {
	if p == nil {
		return io.Discard
	}
	return progressWriter{p}
}

type progressWriter struct{ p *Progress }

func (pw progressWriter) Write(b []byte) (int, error) {
	p := pw.p
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil && !p.finished {
		p.bar.Clear()
	}
	return p.w.Write(b)
}

func (p *Progress) logLoop() {
	defer p.wg.Done()
	t := time.NewTicker(p.period)
	defer t.Stop()
	for {
		select {
		case <-p.stop:
			return
		case <-t.C:
			p.mu.Lock()
			if !p.finished {
				fmt.Fprintln(p.w, p.line())
			}
			p.mu.Unlock()
		}
	}
}

// describe is the counts part: "created 1200, failed 34" ("valid …, invalid …" in a dry
// run), then uncertain and not_sent when there are any.
func (p *Progress) describe() string {
	var b strings.Builder
	if p.counts[Valid] > 0 && p.counts[Created] == 0 {
		fmt.Fprintf(&b, "valid %d, invalid %d", p.counts[Valid], p.counts[Invalid])
	} else {
		fmt.Fprintf(&b, "created %d, failed %d", p.counts[Created], p.counts[Invalid]+p.counts[Failed])
	}
	if n := p.counts[Uncertain]; n > 0 {
		fmt.Fprintf(&b, ", uncertain %d", n)
	}
	if n := p.counts[NotSent]; n > 0 {
		fmt.Fprintf(&b, ", not sent %d", n)
	}
	return b.String()
}

// line is the periodic plain line: "1234/100000 rows, created 1200, failed 34, 41 rows/s,
// about 40m left".
func (p *Progress) line() string {
	var b strings.Builder
	if p.total > 0 {
		fmt.Fprintf(&b, "%d/%d rows, ", p.done, p.total)
	} else {
		fmt.Fprintf(&b, "%d rows, ", p.done)
	}
	b.WriteString(p.describe())
	elapsed := p.now().Sub(p.start)
	if elapsed <= 0 {
		return b.String()
	}
	r := float64(p.done) / elapsed.Seconds()
	fmt.Fprintf(&b, ", %s rows/s", rate(r))
	if left := p.total - p.done; p.total > 0 && left > 0 && r > 0 {
		fmt.Fprintf(&b, ", about %s left", roughDuration(time.Duration(float64(left)/r*float64(time.Second))))
	}
	return b.String()
}

// roughDuration is d as an estimate: 40s, 38m, 2h15m.
func roughDuration(d time.Duration) string {
	switch {
	case d < time.Minute:
		return max(d.Round(10*time.Second), 10*time.Second).String()
	case d < time.Hour:
		return strings.TrimSuffix(d.Round(time.Minute).String(), "0s")
	default:
		return strings.TrimSuffix(d.Round(5*time.Minute).String(), "0s")
	}
}
