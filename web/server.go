// Package web is the page for back-office staff (wolkvox-import serve): a local HTTP
// server on loopback that walks a person through the SPEC's flow (choose a file, match
// its columns, check every row, import, download the results) with the same package
// functions the command calls. Handlers parse the request, call importer, mapping,
// source or report, and render a template; the page's few scripts only send forms and
// put the HTML the server answers in place.
//
// Security (after Jupyter's token URL and Syncthing's GUI): the server listens on
// loopback only; every request carries the secret printed with the address (a
// SameSite=Strict, HttpOnly cookie after the first visit); Host must be a loopback name
// with the server's port (DNS rebinding); POSTs must come from the page itself (Origin
// and a header a cross-site form cannot set); uploads are capped and kept in a private
// folder removed by Close; everything the page loads is embedded in the binary.
package web

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/wolkvox-import/wolkvox-import/i18n"
)

// DefaultMaxUpload is the largest sheet the page accepts.
const DefaultMaxUpload = 20 << 20

// Options configure the page.
type Options struct {
	// Lang is the page's language when the browser asks for none the catalog has.
	Lang i18n.Lang
	// Sandbox is the URL of a built-in sandbox offered as the server ("" = none), and
	// SandboxToken the token it accepts (used when the page gives none for it).
	Sandbox, SandboxToken string
	// Token is the token from the environment (WOLKVOX_TOKEN): used when the page's
	// token field is left empty. Never sent to the browser.
	Token string
	// Server and Operation prefill the import step (WOLKVOX_SERVER, WOLKVOX_OPERATION).
	Server, Operation string
	// Ledger is the local ledger's file; "" = a ledger in the private folder when the
	// sandbox is the server, else the user's default ledger.
	Ledger string
	// MappingsDir keeps the mappings saved on the page, by the headers they were made
	// for, to offer them again; "" = none kept.
	MappingsDir string
	// MaxUpload caps an uploaded sheet (0 = DefaultMaxUpload).
	MaxUpload int64
	// TempDir is where the private folder is made ("" = the system's).
	TempDir string
	// Timeout, Concurrency, Rate: as the import command's flags (0 = its defaults).
	Timeout     time.Duration
	Concurrency int
	Rate        float64
}

// Server is the page. Make it with New, start it with Listen and Serve, stop it with Close.
type Server struct {
	opts   Options
	secret string
	dir    string // the private folder (0700)
	port   string
	ctx    context.Context
	cancel context.CancelFunc
	mux    *http.ServeMux

	mu      sync.Mutex
	uploads map[string]*upload
	ledger  sync.Mutex // one import at a time holds the ledger
	srv     *http.Server
	closed  bool
}

// New prepares the page: its secret and its private folder.
func New(opts Options) (*Server, error) {
	if opts.MaxUpload <= 0 {
		opts.MaxUpload = DefaultMaxUpload
	}
	if opts.Lang == "" {
		opts.Lang = i18n.EN
	}
	dir, err := os.MkdirTemp(opts.TempDir, "wolkvox-page-")
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	s := &Server{opts: opts, secret: randomHex(16), dir: dir, uploads: map[string]*upload{}}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	s.routes()
	return s, nil
}

// Dir is the private folder, removed by Close.
func (s *Server) Dir() string { return s.dir }

// ErrNotLoopback refuses an address a person on another machine could reach.
var ErrNotLoopback = errors.New("the page listens on this computer only")

// Listen binds addr, which must be a loopback address (127.0.0.1, [::1] or localhost,
// any port; ":8080" or "0.0.0.0:8080" are refused), and returns the listener and the
// address to open, with the secret: http://127.0.0.1:PORT/?k=SECRET.
func (s *Server) Listen(addr string) (net.Listener, string, error) {
	p := i18n.New(s.opts.Lang)
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, "", &listenError{msg: p.T("serve.listen.bad", addr, err.Error()), err: err}
	}
	if host == "localhost" {
		addr = net.JoinHostPort("127.0.0.1", addr[strings.LastIndex(addr, ":")+1:])
		host = "127.0.0.1"
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return nil, "", &listenError{msg: p.T("serve.listen.not_loopback", addr), err: ErrNotLoopback}
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, "", err
	}
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	s.port = port
	return ln, "http://" + ln.Addr().String() + "/?k=" + s.secret, nil
}

// listenError is a --listen refused, in the catalog's words; it unwraps to the reason
// (ErrNotLoopback, or the address's syntax error).
type listenError struct {
	msg string
	err error
}

func (e *listenError) Error() string { return e.msg }
func (e *listenError) Unwrap() error { return e.err }

// Serve serves the page on ln until Close.
func (s *Server) Serve(ln net.Listener) error {
	s.mu.Lock()
	s.srv = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	s.mu.Unlock()
	err := s.srv.Serve(ln)
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// Close stops the imports in flight (as Ctrl-C stops the command: their results are
// written), stops serving, and removes the private folder.
func (s *Server) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	srv := s.srv
	var runs []*run
	for _, u := range s.uploads {
		if u.run != nil {
			runs = append(runs, u.run)
		}
	}
	s.mu.Unlock()
	s.cancel()
	for _, r := range runs {
		<-r.done
	}
	if srv != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		srv.Shutdown(ctx)
		cancel()
	}
	return os.RemoveAll(s.dir)
}

const cookieName = "wolkvox_page"

// ServeHTTP applies the security rules, then routes.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cache-Control", "no-store")
	p := s.printer(r)
	if !s.hostAllowed(r.Host) {
		s.refuse(w, http.StatusMisdirectedRequest, p.T("page.refused.host"))
		return
	}
	if k := r.URL.Query().Get("k"); k != "" {
		if !s.secretOK(k) {
			s.refuse(w, http.StatusForbidden, p.T("page.refused.secret"))
			return
		}
		http.SetCookie(w, &http.Cookie{Name: cookieName, Value: s.secret, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode})
		q := r.URL.Query()
		q.Del("k")
		u := *r.URL
		u.RawQuery = q.Encode()
		http.Redirect(w, r, u.RequestURI(), http.StatusSeeOther) // the secret leaves the address bar
		return
	}
	c, err := r.Cookie(cookieName)
	if err != nil || !s.secretOK(c.Value) {
		s.refuse(w, http.StatusForbidden, p.T("page.refused.secret"))
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		if !s.sameOrigin(r) {
			s.refuse(w, http.StatusForbidden, p.T("page.refused.origin"))
			return
		}
	}
	s.mux.ServeHTTP(w, r)
}

func (s *Server) secretOK(k string) bool {
	return subtle.ConstantTimeCompare([]byte(k), []byte(s.secret)) == 1
}

// hostAllowed: a loopback name with the server's port, so that a page on a name that
// resolves to 127.0.0.1 (DNS rebinding) is refused.
func (s *Server) hostAllowed(host string) bool {
	h, port, err := net.SplitHostPort(host)
	if err != nil || port != s.port {
		return false
	}
	switch strings.ToLower(h) {
	case "127.0.0.1", "localhost", "::1":
		return true
	}
	return false
}

// sameOrigin: a state-changing request comes from the page: its Origin (which browsers
// send with every POST) is the page's, and it carries the header the page's script sets,
// which a form on another site cannot.
func (s *Server) sameOrigin(r *http.Request) bool {
	origin := r.Header.Get("Origin")
	if origin == "" || origin != "http://"+r.Host {
		return false
	}
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" {
		return false
	}
	return r.Header.Get(pageHeader) == "1"
}

// pageHeader is set by the page's script on every POST.
const pageHeader = "X-Wolkvox-Page"

func (s *Server) refuse(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(code)
	fmt.Fprintln(w, msg)
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// printer is the request's language: the page's switch (a cookie), else the browser's
// Accept-Language, else Options.Lang.
func (s *Server) printer(r *http.Request) *i18n.Printer {
	if c, err := r.Cookie("lang"); err == nil {
		if l, ok := i18n.Parse(c.Value); ok {
			return i18n.New(l)
		}
	}
	for _, part := range strings.Split(r.Header.Get("Accept-Language"), ",") {
		tag, _, _ := strings.Cut(strings.TrimSpace(part), ";")
		if l, ok := i18n.Parse(tag); ok && tag != "" && !strings.EqualFold(tag, "c") {
			return i18n.New(l)
		}
	}
	return i18n.New(s.opts.Lang)
}

func atoi(s string) int {
	n, _ := strconv.Atoi(strings.TrimSpace(s))
	return n
}
