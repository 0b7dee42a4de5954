package importer

import (
	"io"
	"sync"
	"sync/atomic"
	"time"

	"github.com/wolkvox-import/wolkvox-import/i18n"
	"github.com/wolkvox-import/wolkvox-import/report"
)

// Watch is a running import as seen from outside its goroutines: by the signal handler,
// which must say, when Ctrl-C comes, what the run is waiting for, and, when a second
// Ctrl-C quits at once, what it leaves behind. Its methods are safe for concurrent use,
// and a nil *Watch does nothing.
type Watch struct {
	inFlight atomic.Int64 // requests out, not yet answered
	sending  atomic.Bool  // sending began: the ledger holds rows of this run

	mu      sync.Mutex
	begun   bool // an import began (other commands have nothing to say)
	lang    i18n.Lang
	results string
	timeout time.Duration
	out     io.Writer
}

// SetOutput sets where Say writes (the progress' writer, which clears the bar first).
func (w *Watch) SetOutput(out io.Writer) {
	if w == nil {
		return
	}
	w.mu.Lock()
	w.out = out
	w.mu.Unlock()
}

// begin records the run's language, results sheet and per-request timeout.
func (w *Watch) begin(lang i18n.Lang, results string, timeout time.Duration) {
	if w == nil {
		return
	}
	w.mu.Lock()
	w.begun, w.lang, w.results, w.timeout = true, lang, results, timeout
	w.mu.Unlock()
}

func (w *Watch) started() {
	if w != nil {
		w.sending.Store(true)
	}
}

func (w *Watch) requestOut() {
	if w != nil {
		w.sending.Store(true)
		w.inFlight.Add(1)
	}
}

func (w *Watch) requestBack() {
	if w != nil {
		w.inFlight.Add(-1)
	}
}

// InFlight is how many requests are out now.
func (w *Watch) InFlight() int {
	if w == nil {
		return 0
	}
	return int(w.inFlight.Load())
}

// Stopping is what the first Ctrl-C says: the run finishes the requests in flight
// (each bounded by --timeout), writes the results, and a second Ctrl-C quits at once.
// It is "" when no import began (another command, or an import still checking its input).
func (w *Watch) Stopping() string {
	if !w.begun1() {
		return ""
	}
	p, _, timeout := w.state()
	if n := w.InFlight(); n > 0 {
		return p.T("stop.first.in_flight", n, report.Span(timeout))
	}
	return p.T("stop.first")
}

// Quitting is what the second Ctrl-C says as the process exits at once: the rows in
// flight stay uncertain, the results sheet was not written, and how a re-run rebuilds it.
func (w *Watch) Quitting() string {
	if !w.begun1() {
		return ""
	}
	p, results, _ := w.state()
	if w == nil || !w.sending.Load() {
		if results == "" {
			return p.T("stop.quit.nothing")
		}
		return p.T("stop.quit.unsent", results)
	}
	return p.T("stop.quit.sending", w.InFlight(), results)
}

// Say writes msg and a line break where the run's messages go; nothing for "".
func (w *Watch) Say(fallback io.Writer, msg string) {
	if msg == "" {
		return
	}
	out := fallback
	if w != nil {
		w.mu.Lock()
		if w.out != nil {
			out = w.out
		}
		w.mu.Unlock()
	}
	io.WriteString(out, msg+"\n")
}

func (w *Watch) state() (*i18n.Printer, string, time.Duration) {
	if w == nil {
		return i18n.New(i18n.EN), "", 0
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	lang := w.lang
	if lang == "" {
		lang = i18n.EN
	}
	return i18n.New(lang), w.results, w.timeout
}

func (w *Watch) begun1() bool {
	if w == nil {
		return false
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.begun
}
