// Package sandbox is a local stand-in for the Wolkvox CRM "insert meeting" API:
// a real HTTP server that validates requests like Wolkvox, answers in Wolkvox's
// shapes, enforces its per-token limits and can be told to misbehave (faults),
// so the importer can be tried and tested end to end without the real server.
package sandbox

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

const (
	insertPath    = "/server/API/v2/custom/insert.php"
	tokenInfoPath = "/server/API/v2/token/tokenInformation.php"
	tokenHeader   = "Wolkvox-Token"

	// maxBody mirrors PHP's default post_max_size: far above any meeting, and
	// a bound on what a garbage client can make the sandbox hold.
	maxBody = 8 << 20
)

// Options configures a Server. The zero value is a permissive sandbox with
// Wolkvox's default limit of 2 simultaneous requests per token.
type Options struct {
	Token       string        // if non-empty, the only token accepted; if empty, any non-empty token is accepted
	Operation   string        // if non-empty, the only operation accepted; else any non-empty operation
	Latency     time.Duration // added before every answer (insert and tokenInformation)
	MaxInFlight int           // simultaneous requests per token before 403 EXCEEDS...; 0 means default 2; negative disables the check
	DailyLimit  int           // calls per token per day (inserts + tokenInformation); 0 = unlimited
	Faults      string        // fault script (see faults.go); "" = none
	// Store, if set, is a file that keeps the meetings across runs (see store.go): read by
	// New, appended to as meetings are created, emptied by Reset.
	Store string

	// Logf, if set, gets one line per request; never the token.
	Logf func(format string, args ...any)
}

// Record is a meeting the sandbox created.
type Record struct {
	ID        string          `json:"wolkvox_id"`
	Operation string          `json:"operation"`
	Fields    json.RawMessage `json:"fields"` // exactly as received
	CreatedAt time.Time       `json:"created_at"`
}

// RequestLog is one request received on the API (every path but the admin
// endpoints and tokenInformation), whatever its answer.
type RequestLog struct {
	At time.Time `json:"at"` // arrival time
	// Answered is when the answer was written (after the latency), or the connection
	// dropped; zero while the request is still being answered. Answered-At is the time
	// the request was in flight at the server.
	Answered time.Time `json:"answered"`
	Path     string    `json:"path"`       // URL path, to spot a client aiming at the wrong API
	Status   int       `json:"status"`     // HTTP status answered (0 if the connection was dropped)
	Fault    string    `json:"fault"`      // fault applied, "" if none
	Created  string    `json:"wolkvox_id"` // id created by this request, "" if none
	// Body is the request body when it is JSON, else the raw text as a JSON
	// string (so the log itself stays valid JSON); null when empty. Never the token.
	Body json.RawMessage `json:"body"`
}

// Server is the sandbox. Its methods are safe for concurrent use.
type Server struct {
	opts        Options
	maxInFlight int              // effective limit; <= 0 means no limit
	now         func() time.Time // replaced by tests to cross midnight
	done        chan struct{}    // closed by Close: cuts short every wait
	closeOnce   sync.Once

	mu       sync.Mutex
	srv      *http.Server
	faults   []faultRun
	tokens   map[string]*tokenUse
	records  []Record
	requests []RequestLog
	resets   uint64 // Resets so far: an answer of a request from before a Reset is not logged
	lastID   uint64 // never reset, so ids stay unique across resets
	store    *os.File
}

// New returns a Server configured by opts, or an error if opts.Faults does
// not parse.
func New(opts Options) (*Server, error) {
	runs, err := parseFaults(opts.Faults)
	if err != nil {
		return nil, err
	}
	maxInFlight := opts.MaxInFlight
	if maxInFlight == 0 {
		maxInFlight = 2
	}
	srv := &Server{
		opts:        opts,
		maxInFlight: maxInFlight,
		now:         time.Now,
		done:        make(chan struct{}),
		faults:      runs,
		tokens:      make(map[string]*tokenUse),
	}
	if opts.Store != "" {
		if srv.store, srv.records, srv.lastID, err = openStore(opts.Store); err != nil {
			return nil, err
		}
	}
	return srv, nil
}

// ServeHTTP routes a request to the API or to the admin endpoints.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case strings.HasPrefix(r.URL.Path, adminPrefix):
		s.serveAdmin(w, r)
	case r.URL.Path == insertPath && r.Method == http.MethodPost:
		s.serveInsert(w, r)
	case r.URL.Path == tokenInfoPath && r.Method == http.MethodGet:
		s.serveTokenInfo(w, r)
	default:
		s.serveNoAPI(w, r)
	}
}

// Start listens on addr ("" means "127.0.0.1:0") and serves in the
// background. It returns the base URL to give the client, with a loopback
// host when addr listens on every interface.
func (s *Server) Start(addr string) (string, error) {
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", fmt.Errorf("sandbox: %w", err)
	}
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	s.mu.Lock()
	if s.srv != nil {
		s.mu.Unlock()
		ln.Close()
		return "", errors.New("sandbox: already started")
	}
	s.srv = srv
	s.mu.Unlock()
	go func() {
		if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			s.logf("sandbox: serve: %v", err)
		}
	}()
	return baseURL(ln.Addr()), nil
}

func baseURL(addr net.Addr) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return "http://" + addr.String()
	}
	// A wildcard listener (Go makes "0.0.0.0" and "::" dual-stack) is
	// reachable on IPv4 loopback, which every client can dial.
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port)
}

// Close stops the server started by Start, closing its connections, and cuts
// short the latency and slow-fault waits of requests still being answered.
func (s *Server) Close() error {
	s.closeOnce.Do(func() { close(s.done) })
	s.mu.Lock()
	srv := s.srv
	if s.store != nil {
		s.store.Close()
		s.store = nil
	}
	s.mu.Unlock()
	if srv == nil {
		return nil
	}
	return srv.Close()
}

// Records returns the meetings created so far, in creation order.
func (s *Server) Records() []Record {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Record, len(s.records))
	copy(out, s.records)
	return out
}

// Requests returns every API request received so far, in arrival order.
func (s *Server) Requests() []RequestLog {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]RequestLog, len(s.requests))
	copy(out, s.requests)
	return out
}

// SetFaults replaces the fault queue with script; on a parse error the
// queue is left as it was.
func (s *Server) SetFaults(script string) error {
	runs, err := parseFaults(script)
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.faults = runs
	s.mu.Unlock()
	return nil
}

// Reset forgets records, requests, queued faults and daily counts, as if the
// sandbox had just started (ids keep counting up, so none is ever reused).
func (s *Server) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.records = nil
	s.requests = nil
	s.resets++
	s.faults = nil
	s.resetDailyLocked()
	s.forgetLocked()
}

func (s *Server) serveInsert(w http.ResponseWriter, r *http.Request) {
	arrived := s.now()
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	var m meeting
	if err == nil {
		m, err = validateInsert(r.Header.Get("Content-Type"), body, s.opts.Operation)
	} else {
		err = bodyReadError(err)
	}
	token := r.Header.Get(tokenHeader)

	s.mu.Lock()
	rep, f, slot := s.decideInsertLocked(token, m, err, arrived)
	entry := RequestLog{At: arrived, Path: r.URL.Path, Status: rep.status, Fault: f.text, Created: rep.created, Body: loggedBody(body)}
	if f.hangsUp() {
		entry.Status = 0
	}
	s.requests = append(s.requests, entry)
	logged, resets := len(s.requests)-1, s.resets
	s.mu.Unlock()

	delay := s.opts.Latency
	if f.kind == faultSlow {
		delay += f.delay
	}
	s.wait(delay)
	if slot {
		s.release(token)
	}
	s.deliver(w, r, rep, f)
	s.answered(logged, resets)
}

// answered stamps the answer time on request log entry i, logged before the given
// number of Resets.
func (s *Server) answered(i int, resets uint64) {
	now := s.now()
	s.mu.Lock()
	if s.resets == resets && i < len(s.requests) {
		s.requests[i].Answered = now
	}
	s.mu.Unlock()
}

func bodyReadError(err error) error {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return fmt.Errorf("the body is larger than %d MiB", maxBody>>20)
	}
	return fmt.Errorf("the body could not be read: %v", err)
}

// decideInsertLocked applies the checks of the insert API in Wolkvox's order
// (token, then a queued fault, daily allowance, simultaneous requests,
// parameters) and creates the record when they all pass. slot reports
// whether the request holds an in-flight slot, to release once answered.
func (s *Server) decideInsertLocked(token string, m meeting, invalid error, now time.Time) (rep reply, f fault, slot bool) {
	if refused, ok := s.checkTokenLocked(token); !ok {
		return refused, fault{}, false
	}
	f = s.nextFaultLocked()
	spent, slot := s.admitLocked(token, now)
	switch {
	case f.kind == faultEchoToken:
		return echoTokenReply(token), f, slot
	case !f.creates():
		return s.faultReply(f, now), f, slot
	case spent:
		return s.quotaReply(now), f, slot
	case !slot:
		return s.simultaneousReply(), f, slot
	case invalid != nil:
		return paramsReply(invalid.Error()), f, slot
	}
	s.lastID++
	id := fmt.Sprintf("64f1c2%018x", s.lastID)
	rec := Record{ID: id, Operation: m.operation, Fields: m.fields, CreatedAt: now}
	s.records = append(s.records, rec)
	s.keepLocked(rec)
	return f.reshape(createdReply(id)), f, slot
}

func (s *Server) serveTokenInfo(w http.ResponseWriter, r *http.Request) {
	now := s.now()
	token := r.Header.Get(tokenHeader)
	s.mu.Lock()
	rep, slot := s.decideTokenInfoLocked(token, r.URL.Query().Get("operation"), now)
	s.mu.Unlock()
	s.wait(s.opts.Latency)
	if slot {
		s.release(token)
	}
	s.deliver(w, r, rep, fault{})
}

// decideTokenInfoLocked answers tokenInformation with the same token, daily
// and simultaneous checks as an insert. The call itself counts, as Wolkvox
// documents, so token_use_today includes it.
func (s *Server) decideTokenInfoLocked(token, operation string, now time.Time) (rep reply, slot bool) {
	if refused, ok := s.checkTokenLocked(token); !ok {
		return refused, false
	}
	spent, slot := s.admitLocked(token, now)
	switch {
	case spent:
		return s.quotaReply(now), slot
	case !slot:
		return s.simultaneousReply(), slot
	case operation == "":
		return paramsReply("operation is required in the query: ?operation=NAME"), slot
	case s.opts.Operation != "" && operation != s.opts.Operation:
		return paramsReply(fmt.Sprintf("operation %s is not an operation of this token", quote(operation))), slot
	}
	return s.tokenInfoReply(token, now), slot
}

// serveNoAPI answers any other path or method as Wolkvox does. The request
// is logged so a test can see a client aiming at the wrong place.
func (s *Server) serveNoAPI(w http.ResponseWriter, r *http.Request) {
	arrived := s.now()
	body, _ := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	rep := noAPIReply(fmt.Sprintf("%s %s is not an API of this server; meetings are created with POST %s", r.Method, r.URL.Path, insertPath))
	s.mu.Lock()
	s.requests = append(s.requests, RequestLog{At: arrived, Path: r.URL.Path, Status: rep.status, Body: loggedBody(body)})
	logged, resets := len(s.requests)-1, s.resets
	s.mu.Unlock()
	s.deliver(w, r, rep, fault{})
	s.answered(logged, resets)
}

// deliver writes rep, or hangs up without answering for the drop faults, and
// logs one line.
func (s *Server) deliver(w http.ResponseWriter, r *http.Request, rep reply, f fault) {
	status := rep.status
	if f.hangsUp() {
		status = 0
		hangUp(w)
	} else {
		rep.write(w)
	}
	if s.opts.Logf == nil {
		return
	}
	line := fmt.Sprintf("sandbox: %s %s -> %d", r.Method, r.URL.Path, status)
	if status == 0 {
		line += " (connection dropped)"
	}
	if rep.created != "" {
		line += " wolkvox_id=" + rep.created
	}
	if f.text != "" {
		line += " fault=" + f.text
	}
	s.opts.Logf("%s", line)
}

func (s *Server) logf(format string, args ...any) {
	if s.opts.Logf != nil {
		s.opts.Logf(format, args...)
	}
}

// wait sleeps d, or less if the server is closed. It deliberately ignores
// the client going away: Wolkvox keeps working on a request whose client
// timed out, and so keeps it in flight.
func (s *Server) wait(d time.Duration) {
	if d <= 0 {
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-s.done:
	}
}

// hangUp closes the connection without a byte of answer.
func hangUp(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		// Not hijackable (HTTP/2, a recorder): the server's own way to
		// abort a response without an answer.
		panic(http.ErrAbortHandler)
	}
	conn.Close()
}

// loggedBody keeps body for RequestLog as valid JSON.
func loggedBody(body []byte) json.RawMessage {
	switch {
	case len(body) == 0:
		return nil
	case json.Valid(body):
		return body
	}
	b, _ := json.Marshal(string(body)) // cannot fail: a string
	return b
}

func quote(s string) string {
	const max = 60
	if r := []rune(s); len(r) > max {
		s = string(r[:max]) + "..."
	}
	return strconv.Quote(s)
}
