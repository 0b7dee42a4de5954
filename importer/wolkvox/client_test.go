package wolkvox

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
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

func TestConnectionRefusedIsRetryable(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	c := NewClient(endpointOf(t, "http://"+addr), secret, 2*time.Second, 2)
	a := c.Insert(context.Background(), []byte(`{}`))
	if a.Kind != Retryable {
		t.Fatalf("kind = %v (%s), want retryable: nothing was sent", a.Kind, a.Msg)
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
