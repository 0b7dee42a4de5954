package report

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/wolkvox-import/wolkvox-import/i18n"
)

// Progress modes, as --progress takes them.
const (
	ProgressAuto   = "auto"   // a bar on a terminal, else a plain line every 10 seconds
	ProgressAlways = "always" // a bar, even when stderr is not a terminal
	ProgressNever  = "never"  // nothing
)

// CheckProgressMode reports an unknown --progress value, in lang.
func CheckProgressMode(mode string, lang i18n.Lang) error {
	switch mode {
	case ProgressAuto, ProgressAlways, ProgressNever:
		return nil
	}
	return errors.New(i18n.New(lang).T("cli.progress", mode))
}

// logPeriod is how often the plain (non-terminal) progress prints its line.
const logPeriod = 10 * time.Second

// Progress shows the run's progress on stderr while it goes: on a terminal a progress bar
// (rows done of total, the rows by status, the time elapsed, the rate of rows sent and the
// time left, all labelled, in the run's language: see SetLang), redrawn at most
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
	earlier   int       // created by an earlier run: found in the ledger, not sent
	sent      int       // rows this run sent: the rate and the time left count only these
	waiting   time.Time // --wait-for-allowance: the run goes on then (zero: not waiting)
	p         *i18n.Printer
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
	p := &Progress{w: w, period: period, now: time.Now, total: max(total, 0), counts: map[Status]int{}, p: i18n.New(i18n.EN)}
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
		// The bar's own rate counts every row (a thousand rows found in the ledger read
		// as a thousand rows/s) and its [1m54s:51m12s] has no labels: the description
		// says both, labelled, with the rate of rows sent only.
		progressbar.OptionSetPredictTime(false),
		progressbar.OptionSetElapsedTime(false),
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

// SetLang sets the language of the progress line.
func (p *Progress) SetLang(lang i18n.Lang) {
	if p == nil {
		return
	}
	p.mu.Lock()
	p.p = i18n.New(lang)
	p.mu.Unlock()
}

// Row counts one row written to the results, with its status, as sent by this run when
// its status says so (created, failed, uncertain). Result knows better: use it when the
// whole row is at hand.
func (p *Progress) Row(s Status) {
	p.count(Row{Status: s})
}

// Result counts one row written to the results: by its status, the rows an earlier run
// created apart, and only the rows this run sent in the rate (see Row.Sent).
func (p *Progress) Result(r Row) {
	p.count(r)
}

func (p *Progress) count(r Row) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.finished {
		return
	}
	p.done++
	switch {
	case r.Earlier != "":
		p.earlier++
	default:
		p.counts[r.Status]++
	}
	if r.Sent() {
		p.sent++
	}
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

// Waiting shows that the run waits for the daily allowance until until (the zero time:
// the wait is over). The plain line says it at once, not only at its next period.
func (p *Progress) Waiting(until time.Time) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.finished {
		return
	}
	p.waiting = until
	if p.bar != nil {
		p.bar.Describe(p.describe())
		return
	}
	if !until.IsZero() {
		fmt.Fprintln(p.w, p.line())
	}
}

// describe is what the bar shows beside it: the counts, then the times and the rate (or
// the wait for the allowance).
func (p *Progress) describe() string {
	if !p.waiting.IsZero() {
		return p.counts1() + "; " + p.printer().T("progress.waiting", p.waiting.Local().Format("2006-01-02 15:04"))
	}
	if t := p.timing(); t != "" {
		return p.counts1() + "; " + t
	}
	return p.counts1()
}

// counts1 is the rows by status: "created 1200, already imported 585, invalid 14, failed
// 20" ("valid …, invalid …" in a dry run); a status is named once it has a row, created
// (or valid) always.
func (p *Progress) counts1() string {
	var parts []string
	add := func(key string, n int, always bool) {
		if n > 0 || always {
			parts = append(parts, p.printer().T(key, n))
		}
	}
	dry := p.counts[Valid] > 0 && p.counts[Created] == 0 && p.earlier == 0
	if dry {
		add("progress.valid", p.counts[Valid], true)
	} else {
		add("progress.created", p.counts[Created], true)
		add("progress.earlier", p.earlier, false)
	}
	add("progress.invalid", p.counts[Invalid], dry)
	add("progress.failed", p.counts[Failed], false)
	add("progress.uncertain", p.counts[Uncertain], false)
	add("progress.not_sent", p.counts[NotSent], false)
	add("progress.changed", p.counts[Changed], false)
	return strings.Join(parts, ", ")
}

// timing is "elapsed 1m54s, 5.0 rows/s sent, about 51 min left": the rate counts only the
// rows this run sent (rows found in the ledger, or invalid, take no request), and so does
// the time left. A dry run, which sends nothing, has only the elapsed time and its rate.
func (p *Progress) timing() string {
	elapsed := p.now().Sub(p.start)
	if elapsed <= 0 {
		return ""
	}
	parts := []string{p.printer().T("progress.elapsed", humanDuration(elapsed.Round(time.Second)))}
	if p.sent == 0 {
		if p.counts[Valid] > 0 {
			parts = append(parts, p.printer().T("progress.rate.read", p.rate(float64(p.done)/elapsed.Seconds())))
		}
		return strings.Join(parts, ", ")
	}
	r := float64(p.sent) / elapsed.Seconds()
	parts = append(parts, p.printer().T("progress.rate", p.rate(r)))
	if left := p.total - p.done; p.total > 0 && left > 0 {
		parts = append(parts, p.printer().T("progress.left", Span(time.Duration(float64(left)/r*float64(time.Second)))))
	}
	return strings.Join(parts, ", ")
}

// line is the periodic plain line: "1235/100000 rows: created 1200, invalid 14, failed 20,
// uncertain 1; elapsed 30s, 41 rows/s sent, about 40 min left".
func (p *Progress) line() string {
	var b strings.Builder
	if p.total > 0 {
		b.WriteString(p.printer().T("progress.rows.of", p.done, p.total))
	} else {
		b.WriteString(p.printer().T("progress.rows", p.done))
	}
	b.WriteString(": ")
	b.WriteString(p.describe())
	return b.String()
}

func (p *Progress) printer() *i18n.Printer {
	if p.p == nil {
		p.p = i18n.New(i18n.EN)
	}
	return p.p
}

// rate is r as the language writes a decimal: 4.8 rows/s, 4,8 filas/s.
func (p *Progress) rate(r float64) string { return rateIn(p.printer(), r) }

// rateIn is rate(r) as p's language writes a decimal: 4.8 in English, 4,8 in Spanish.
func rateIn(p *i18n.Printer, r float64) string {
	if p.Lang() == i18n.ES {
		return strings.Replace(rate(r), ".", ",", 1)
	}
	return rate(r)
}
