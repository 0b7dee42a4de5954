package wolkvox

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

const secret = "s3cr3t-token"

func endpointOf(t *testing.T, url string) Endpoint {
	t.Helper()
	e, err := ParseServer(url)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestInsertSendsTokenAndBody(t *testing.T) {
	var gotToken, gotType, gotBody string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotToken, gotType = r.Header.Get("Wolkvox-Token"), r.Header.Get("Content-Type")
		b := make([]byte, r.ContentLength)
		r.Body.Read(b)
		gotBody = string(b)
		if r.URL.Path != insertPath {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte(`{"code":200,"error":"null","msg":"Succesfully create record","data":{"wolkvox_id":"id-1"}}`))
	}))
	defer srv.Close()
	c := NewClient(endpointOf(t, srv.URL), secret, 5*time.Second, 2)
	a := c.Insert(context.Background(), []byte(`{"x":1}`))
	if a.Kind != Created || a.ID != "id-1" {
		t.Fatalf("answer = %+v", a)
	}
	if gotToken != secret || gotType != "application/json" || gotBody != `{"x":1}` {
		t.Errorf("server saw token %q, type %q, body %q", gotToken, gotType, gotBody)
	}
}

// A redirect to another host must not carry the token there: Go's client would forward
// custom headers such as Wolkvox-Token.
func TestRedirectNeverLeaksToken(t *testing.T) {
	var elsewhere atomic.Int32
	var leaked atomic.Bool
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		elsewhere.Add(1)
		if r.Header.Get("Wolkvox-Token") != "" || strings.Contains(r.URL.String(), secret) {
			leaked.Store(true)
		}
		w.Write([]byte(`{"code":200,"error":"null","data":{"wolkvox_id":"stolen"}}`))
	}))
	defer other.Close()
	for _, code := range []int{301, 302, 307, 308} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, other.URL+insertPath, code)
		}))
		c := NewClient(endpointOf(t, srv.URL), secret, 5*time.Second, 2)
		a := c.Insert(context.Background(), []byte(`{}`))
		srv.Close()
		if a.Kind != FatalConfig {
			t.Errorf("%d: kind = %v, want fatal", code, a.Kind)
		}
		if strings.Contains(a.Msg, secret) {
			t.Errorf("%d: message holds the token: %q", code, a.Msg)
		}
	}
	if n := elsewhere.Load(); n != 0 || leaked.Load() {
		t.Fatalf("the other host got %d requests (token leaked: %v)", n, leaked.Load())
	}
}

func TestConnectionRefusedIsUnreachable(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	c := NewClient(endpointOf(t, "http://"+addr), secret, 2*time.Second, 2)
	a := c.Insert(context.Background(), []byte(`{}`))
	if a.Kind != Unreachable {
		t.Fatalf("kind = %v (%s), want unreachable: nothing was sent", a.Kind, a.Msg)
	}
	if !strings.Contains(a.Msg, "refused") || !strings.Contains(a.Msg, "--server") {
		t.Errorf("msg = %q, want the cause and --server", a.Msg)
	}
}

func TestNoAnswerIsUncertain(t *testing.T) {
	t.Run("connection cut after the request", func(t *testing.T) {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				conn.Close()
			}
		}))
		defer srv.Close()
		c := NewClient(endpointOf(t, srv.URL), secret, 5*time.Second, 2)
		if a := c.Insert(context.Background(), []byte(`{}`)); a.Kind != Uncertain {
			t.Fatalf("kind = %v (%s), want uncertain", a.Kind, a.Msg)
		}
	})
	t.Run("timeout", func(t *testing.T) {
		release := make(chan struct{})
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			<-release
		}))
		defer srv.Close()
		defer close(release)
		c := NewClient(endpointOf(t, srv.URL), secret, 100*time.Millisecond, 2)
		a := c.Insert(context.Background(), []byte(`{}`))
		if a.Kind != Uncertain || !strings.Contains(a.Msg, "--retry-uncertain") {
			t.Fatalf("answer = %+v, want uncertain with advice", a)
		}
	})
}

func TestTokenInformation(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != tokenInfoPath || r.URL.Query().Get("operation") != "op 1" || r.Header.Get("Wolkvox-Token") != secret {
			http.Error(w, "bad", 400)
			return
		}
		w.Write([]byte(`{"code":200,"error":"null","data":{"token_limit":1000,"token_use_today":990,"hours_to_restart_count":5}}`))
	}))
	defer srv.Close()
	c := NewClient(endpointOf(t, srv.URL), secret, time.Second, 2)
	info, err := c.TokenInformation(context.Background(), "op 1")
	if err != nil {
		t.Fatal(err)
	}
	if info.Left() != 10 || info.HoursToRestart != 5 {
		t.Fatalf("info = %+v", info)
	}
}

// A server that misbehaves in the ways of the hardening issue: it echoes the request's
// headers into msg (raw, URL-escaped, JSON-escaped, split across lines), prints a PHP
// warning before its JSON, sends a body past the read limit, or says success with no id.
func TestMisbehavingServer(t *testing.T) {
	ok := `{"code":200,"error":"null","msg":"Succesfully create record","data":{"wolkvox_id":"id-9"}}`
	tests := []struct {
		name   string
		handle func(w http.ResponseWriter, r *http.Request)
		kind   Kind
		msgHas string
	}{
		{"echoes the token in msg", func(w http.ResponseWriter, r *http.Request) {
			tok := r.Header.Get("Wolkvox-Token")
			msg, _ := json.Marshal("bad request; headers: Wolkvox-Token: " + tok + "; query t=" + url.QueryEscape(tok) + "; wrapped " + tok[:9] + "\n  " + tok[9:])
			w.WriteHeader(400)
			fmt.Fprintf(w, `{"code":400,"error":"SOME PARAMETERS ARE REQUIRED","msg":%s}`, strings.ReplaceAll(string(msg), "/", `\/`))
		}, Failed, "headers: Wolkvox-Token: [token]"},
		{"echoes the token in an HTML page", func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(418)
			fmt.Fprintf(w, "<html>%s<br>%s</html>", strings.Repeat("x", 180), r.Header.Get("Wolkvox-Token"))
		}, Failed, "xxx"},
		{"echoes the token in a redirect", func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "https://other.example/?t="+url.QueryEscape(r.Header.Get("Wolkvox-Token")), 302)
		}, FatalConfig, "other.example"},
		{"PHP warning before the JSON", func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, "<br />\n<b>Warning</b>: Undefined array key \"x\" in <b>/var/www/insert.php</b> on line <b>41</b><br />\n"+ok)
		}, Uncertain, "wolkvox_id id-9"},
		{"body past the read limit", func(w http.ResponseWriter, r *http.Request) {
			w.Write([]byte(ok))
			w.Write(bytes.Repeat([]byte(" "), maxAnswer))
		}, Uncertain, "larger than 1 MiB"},
		{"success without an id", func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, `{"code":"200","error":"null","msg":"Succesfully create record","data":[]}`)
		}, Uncertain, "without a wolkvox_id"},
		{"502 from a gateway", func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "<html>502 Bad Gateway</html>", 502)
		}, Uncertain, "gateway"},
		{"200 with an empty body", func(w http.ResponseWriter, r *http.Request) {}, Uncertain, "empty body"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(tt.handle))
			defer srv.Close()
			c := NewClient(endpointOf(t, srv.URL), longToken, 5*time.Second, 2)
			a := c.Insert(context.Background(), []byte(`{}`))
			if a.Kind != tt.kind {
				t.Fatalf("kind = %v, want %v (%s)", a.Kind, tt.kind, a.Msg)
			}
			if !strings.Contains(a.Msg, tt.msgHas) {
				t.Errorf("msg = %q, want it to contain %q", a.Msg, tt.msgHas)
			}
			for _, piece := range []string{longToken[:8], longToken[8:16], longToken[16:], url.QueryEscape(longToken)[:10]} {
				if strings.Contains(a.Msg, piece) {
					t.Errorf("msg holds %q of the token: %q", piece, a.Msg)
				}
			}
		})
	}
}

// The token's allowance call scrubs what the server says too.
func TestTokenInformationScrubs(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(500)
		fmt.Fprintf(w, "cannot check token %s", r.Header.Get("Wolkvox-Token"))
	}))
	defer srv.Close()
	c := NewClient(endpointOf(t, srv.URL), longToken, time.Second, 2)
	_, err := c.TokenInformation(context.Background(), "op")
	if err == nil || strings.Contains(err.Error(), longToken[:10]) || !strings.Contains(err.Error(), Redacted) {
		t.Fatalf("err = %v", err)
	}
}

// What a request that never left says: the exact cause, and where to look.
func TestUnreachableCauses(t *testing.T) {
	t.Run("no such host", func(t *testing.T) {
		c := NewClient(endpointOf(t, "https://wolkvox-import-test.invalid"), secret, 5*time.Second, 2)
		a := c.Insert(context.Background(), []byte(`{}`))
		if a.Kind != Unreachable || !strings.Contains(a.Msg, "cannot find the server wolkvox-import-test.invalid") || !strings.Contains(a.Msg, "--server") {
			t.Fatalf("answer = %+v", a)
		}
	})
	t.Run("untrusted certificate", func(t *testing.T) {
		srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
		defer srv.Close()
		c := NewClient(endpointOf(t, srv.URL), secret, 5*time.Second, 2)
		a := c.Insert(context.Background(), []byte(`{}`))
		if a.Kind != Unreachable || !strings.Contains(a.Msg, "certificate") {
			t.Fatalf("answer = %+v", a)
		}
	})
	t.Run("https to a plain http port", func(t *testing.T) {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
		defer srv.Close()
		c := NewClient(endpointOf(t, strings.Replace(srv.URL, "http://", "https://", 1)), secret, 5*time.Second, 2)
		a := c.Insert(context.Background(), []byte(`{}`))
		if a.Kind != Unreachable || !strings.Contains(a.Msg, "plain http") {
			t.Fatalf("answer = %+v", a)
		}
	})
	t.Run("a token that is no header value", func(t *testing.T) {
		var hits atomic.Int32
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
		defer srv.Close()
		c := NewClient(endpointOf(t, srv.URL), "tok\nsecond line", 5*time.Second, 2)
		a := c.Insert(context.Background(), []byte(`{}`))
		if a.Kind != FatalConfig || !strings.Contains(a.Msg, "--token-file") || strings.Contains(a.Msg, "second line") {
			t.Fatalf("answer = %+v", a)
		}
		if hits.Load() != 0 {
			t.Fatal("the request reached the server")
		}
	})
}

// Each cause of "no connection" gets its own words and says where to look; the cases a
// test cannot provoke (no file descriptors left, a proxy) are built by hand.
func TestUnreachableMessages(t *testing.T) {
	dial := func(err error) error {
		return &url.Error{Op: "Post", URL: "https://wv.example/x", Err: &net.OpError{Op: "dial", Net: "tcp", Err: err}}
	}
	tests := []struct {
		name string
		err  error
		kind Kind
		has  []string
	}{
		{"too many open files", dial(os.NewSyscallError("socket", syscall.EMFILE)), Unreachable, []string{"too many open files", "ulimit -n", "--concurrency"}},
		{"refused", dial(os.NewSyscallError("connect", syscall.ECONNREFUSED)), Unreachable, []string{"refused", "--server"}},
		{"dns", dial(&net.DNSError{Err: "no such host", Name: "wv.example", IsNotFound: true}), Unreachable, []string{"cannot find the server wv.example", "--server"}},
		{"proxy", &url.Error{Op: "Post", URL: "https://wv.example/x", Err: &net.OpError{Op: "proxyconnect", Net: "tcp", Err: errors.New("connection refused")}}, Unreachable, []string{"proxy", "HTTPS_PROXY"}},
		{"timeout", dial(context.DeadlineExceeded), Unreachable, []string{"no connection to wv.example within 1s"}},
		{"network unreachable", dial(os.NewSyscallError("connect", syscall.ENETUNREACH)), Unreachable, []string{"cannot connect to wv.example", "network"}},
		{"invalid header", &url.Error{Op: "Post", URL: "https://wv.example/x", Err: errors.New(`net/http: invalid header field value for "Wolkvox-Token"`)}, FatalConfig, []string{"--token-file", "WOLKVOX_TOKEN"}},
	}
	c := NewClient(endpointOf(t, "https://wv.example"), secret, time.Second, 2)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := c.transportFailure(tt.err, false)
			if a.Kind != tt.kind {
				t.Fatalf("kind %v, want %v (%s)", a.Kind, tt.kind, a.Msg)
			}
			for _, want := range tt.has {
				if !strings.Contains(a.Msg, want) {
					t.Errorf("msg %q does not say %q", a.Msg, want)
				}
			}
		})
	}
}
