package web

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/wolkvox-import/wolkvox-import/i18n"
	"github.com/wolkvox-import/wolkvox-import/importer"
	"github.com/wolkvox-import/wolkvox-import/importer/ledger"
	"github.com/wolkvox-import/wolkvox-import/importer/wolkvox"
	"github.com/wolkvox-import/wolkvox-import/report"
)

// run is one import started on the page.
type run struct {
	cancel  context.CancelFunc
	done    chan struct{}
	results string
	start   time.Time

	mu      sync.Mutex
	total   int
	counts  map[report.Status]int
	end     time.Time
	summary string
	err     string
	stopped bool
}

func (r *run) finished() bool {
	select {
	case <-r.done:
		return true
	default:
		return false
	}
}

// progress is what the progress fragment shows.
type progress struct {
	U                     *upload
	ID                    string
	Created, Failed, Done int
	Changed               int // same meeting imported before, other values: not sent
	Left, Total           int
	Eta                   string
	Finished, Stopped     bool
	Counts                map[string]int
	Summary, Err          string
	HasFailed, StopAsked  bool
	Elapsed               string
	Percent               int
}

func (r *run) progress(u *upload, p *i18n.Printer) progress {
	r.mu.Lock()
	defer r.mu.Unlock()
	pr := progress{U: u, ID: u.id, Total: r.total, Counts: map[string]int{}, Summary: r.summary, Err: r.err, StopAsked: r.stopped}
	for st, n := range r.counts {
		pr.Done += n
		pr.Counts[string(st)] = n
	}
	pr.Created = r.counts[report.Created]
	pr.Failed = r.counts[report.Failed] + r.counts[report.Invalid] + r.counts[report.Uncertain]
	pr.Changed = r.counts[report.Changed]
	pr.Left = max(r.total-pr.Done, 0)
	if r.total > 0 {
		pr.Percent = min(100, pr.Done*100/r.total)
	}
	pr.Finished = r.finished()
	end := time.Now()
	if pr.Finished {
		end = r.end
		pr.Left = 0
		pr.Percent = 100
		if _, err := os.Stat(report.FailedPath(r.results)); err == nil {
			pr.HasFailed = true
		}
	}
	elapsed := end.Sub(r.start)
	pr.Elapsed = roundDuration(elapsed)
	switch {
	case pr.Finished:
	case pr.Done == 0 || pr.Left == 0:
		pr.Eta = p.T("page.progress.eta.unknown")
	default:
		pr.Eta = roundDuration(time.Duration(float64(elapsed) / float64(pr.Done) * float64(pr.Left)))
	}
	return pr
}

func roundDuration(d time.Duration) string {
	if d < time.Second {
		return "0s"
	}
	return d.Round(time.Second).String()
}

func (s *Server) handleImport(w http.ResponseWriter, r *http.Request) {
	p := s.printer(r)
	u := s.formUpload(w, r, p)
	if u == nil {
		return
	}
	s.mu.Lock()
	busy := u.run != nil && !u.run.finished()
	s.mu.Unlock()
	if busy {
		s.renderProgress(w, r, u)
		return
	}
	v := s.formSheet(w, r, p, u)
	if v == nil {
		return
	}
	server := strings.TrimSpace(r.FormValue("server"))
	token := strings.TrimSpace(r.FormValue("token")) // read here, kept in the client only
	switch {
	case token != "":
	case s.opts.Sandbox != "" && server == s.opts.Sandbox:
		token = s.opts.SandboxToken
	default:
		token = s.opts.Token
	}
	if server == "" {
		s.fail(w, r, http.StatusUnprocessableEntity, p.T("page.import.noserver"))
		return
	}
	if token == "" {
		s.fail(w, r, http.StatusUnprocessableEntity, p.T("page.import.notoken"))
		return
	}
	endpoint, err := wolkvox.ParseServer(server)
	if err != nil {
		s.fail(w, r, http.StatusUnprocessableEntity, localized(err, p))
		return
	}
	u.runs++
	results := filepath.Join(u.dir, "run"+strconv.Itoa(u.runs), resultsName(u.name))
	if err := os.MkdirAll(filepath.Dir(results), 0o700); err != nil {
		s.fail(w, r, http.StatusInternalServerError, err.Error())
		return
	}
	cfg, err := s.config(r, p, u, v, results)
	if err != nil {
		s.fail(w, r, http.StatusUnprocessableEntity, localized(err, p))
		return
	}
	cfg.Operation = v.Spec.Operation
	cfg.Concurrency = s.opts.Concurrency
	if cfg.Concurrency == 0 {
		cfg.Concurrency = 2
	}
	cfg.Rate = s.opts.Rate
	if cfg.Rate == 0 {
		cfg.Rate = 5
	}
	cfg.Retries = 3
	timeout := s.opts.Timeout
	if timeout == 0 {
		timeout = 30 * time.Second
	}
	cfg.Client = wolkvox.NewClient(endpoint, token, timeout, cfg.Concurrency)
	cfg.Client.SetLang(p.Lang()) // the answers' words in the page's language, as the rows'
	ledgerPath, err := s.ledgerPath(server)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err.Error())
		return
	}
	if !s.ledger.TryLock() {
		s.fail(w, r, http.StatusConflict, p.T("page.import.busy"))
		return
	}
	l, err := ledger.Open(ledgerPath)
	if err != nil {
		s.ledger.Unlock()
		s.fail(w, r, http.StatusUnprocessableEntity, localized(err, p))
		return
	}
	cfg.Ledger = l
	ctx, cancel := context.WithCancel(s.ctx)
	rn := &run{cancel: cancel, done: make(chan struct{}), results: results, start: time.Now(), counts: map[report.Status]int{}}
	if c := u.check; c != nil {
		rn.total = len(c.rows)
	}
	cfg.OnRow = func(st report.Status) {
		rn.mu.Lock()
		rn.counts[st]++
		rn.mu.Unlock()
	}
	cfg.OnTotal = func(n int) {
		rn.mu.Lock()
		rn.total = n
		rn.mu.Unlock()
	}
	s.mu.Lock()
	u.run = rn
	s.mu.Unlock()
	go func() {
		defer close(rn.done)
		defer s.ledger.Unlock()
		defer l.Close()
		defer cancel()
		sum, err := importer.Run(ctx, cfg)
		rn.mu.Lock()
		defer rn.mu.Unlock()
		rn.end = time.Now()
		var fault *importer.LocalFault
		if sum != nil && (err == nil || errors.As(err, &fault)) {
			var b bytes.Buffer
			sum.WriteText(&b)
			rn.summary = b.String()
		}
		if err != nil {
			rn.err = err.Error()
		}
	}()
	s.renderProgress(w, r, u)
}

func (s *Server) handleProgress(w http.ResponseWriter, r *http.Request) {
	p := s.printer(r)
	u := s.formUpload(w, r, p)
	if u == nil {
		return
	}
	s.renderProgress(w, r, u)
}

// handleStop stops the import as Ctrl-C stops the command: the requests in flight
// finish, the rest are not_sent, the results are written.
func (s *Server) handleStop(w http.ResponseWriter, r *http.Request) {
	p := s.printer(r)
	u := s.formUpload(w, r, p)
	if u == nil {
		return
	}
	s.mu.Lock()
	rn := u.run
	s.mu.Unlock()
	if rn != nil {
		rn.mu.Lock()
		rn.stopped = true
		rn.mu.Unlock()
		rn.cancel()
	}
	s.renderProgress(w, r, u)
}

func (s *Server) renderProgress(w http.ResponseWriter, r *http.Request, u *upload) {
	s.mu.Lock()
	rn := u.run
	s.mu.Unlock()
	if rn == nil {
		s.fail(w, r, http.StatusNotFound, s.printer(r).T("page.error.noresults"))
		return
	}
	s.render(w, r, http.StatusOK, "progress", rn.progress(u, s.printer(r)))
}
