package wolkvox

import (
	"errors"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/wolkvox-import/wolkvox-import/i18n"
)

func TestClassify(t *testing.T) {
	ok := `{"code": 200, "error": "null", "msg": "Succesfully create record", "data": {"wolkvox_id": "64f1"}}`
	tests := []struct {
		name       string
		status     int
		header     http.Header
		body       string
		kind       Kind
		id         string
		msgHas     string
		wait       time.Duration
		concurrent bool
	}{
		{name: "success", status: 200, body: ok, kind: Created, id: "64f1"},
		{name: "code as string", status: 200, body: `{"code":"200","error":"null","data":{"wolkvox_id":"a1"}}`, kind: Created, id: "a1"},
		{name: "error absent", status: 200, body: `{"code":200,"data":{"wolkvox_id":"a2"}}`, kind: Created, id: "a2"},
		{name: "error JSON null", status: 200, body: `{"code":200,"error":null,"data":{"wolkvox_id":"a3"}}`, kind: Created, id: "a3"},
		{name: "numeric id", status: 200, body: `{"code":200,"error":"null","data":{"wolkvox_id":123456789012}}`, kind: Created, id: "123456789012"},
		// Success without an id: the meeting may exist, so it is uncertain, never re-sent.
		{name: "no id", status: 200, body: `{"code":200,"error":"null","msg":"ok","data":{}}`, kind: Uncertain, msgHas: "without a wolkvox_id"},
		{name: "no data", status: 200, body: `{"code":200,"error":"null"}`, kind: Uncertain, msgHas: "--retry-uncertain"},
		{name: "empty id", status: 200, body: `{"code":"200","error":null,"data":{"wolkvox_id":""}}`, kind: Uncertain},
		{name: "code as string, no id", status: 200, body: `{"code":"200","error":"null","data":{}}`, kind: Uncertain},
		{name: "code as padded string", status: 200, body: `{"code":" 200 ","error":"null","data":{"wolkvox_id":"a4"}}`, kind: Created, id: "a4"},
		{name: "body code 500", status: 200, body: `{"code":"500","error":"INTERNAL","msg":"db down"}`, kind: Failed, msgHas: "db down"},
		{name: "error text set", status: 200, body: `{"code":200,"error":"SOMETHING","msg":"bad","data":{"wolkvox_id":"x"}}`, kind: Failed, msgHas: "SOMETHING"},
		// A 2xx whose body is not clean JSON: uncertain.
		{name: "malformed", status: 200, body: `<html>oops`, kind: Uncertain, msgHas: "<html>oops"},
		{name: "empty body", status: 200, body: ``, kind: Uncertain, msgHas: "empty body"},
		{name: "array body", status: 200, body: `[1,2]`, kind: Uncertain},
		{name: "cut JSON", status: 200, body: `{"code":200,"error":"null","data":{"wolkvox_id":"a`, kind: Uncertain},
		{name: "PHP warning before JSON", status: 200, body: "<br />\n<b>Warning</b>: Undefined variable $x in /var/www/insert.php on line 12<br />\n" + ok,
			kind: Uncertain, msgHas: "seems to name wolkvox_id 64f1"},
		{name: "PHP notice before a refusal", status: 403, body: "Notice: x\n" + `{"code":403,"error":"PLEASE VALIDATE TOKEN"}`, kind: FatalConfig, msgHas: "--token-file"},
		{name: "201 with an id", status: 201, body: ok, kind: Uncertain, msgHas: "names wolkvox_id 64f1"},
		{name: "204", status: 204, body: ``, kind: Uncertain},
		{name: "400 required", status: 400, body: `{"code":400,"error":"SOME PARAMETERS ARE REQUIRED","msg":"name is empty"}`, kind: Failed, msgHas: "name is empty"},
		{name: "400 no api", status: 400, body: `{"code":400,"error":"THE API YOU WANT TO CONSULT DOES NOT EXIST"}`, kind: FatalConfig, msgHas: "--server"},
		{name: "404", status: 404, body: `not found`, kind: FatalConfig, msgHas: "--server"},
		{name: "401", status: 401, body: `{"code":401,"error":"PLEASE ENTER THE WOLKVOX-TOKEN"}`, kind: FatalConfig, msgHas: "WOLKVOX_TOKEN"},
		{name: "403 bad token", status: 403, body: `{"code":403,"error":"PLEASE VALIDATE TOKEN"}`, kind: FatalConfig, msgHas: "--token-file"},
		{name: "403 quota", status: 403, body: `{"code":403,"error":"TOKEN LIMIT EXCEEDED","msg":"restarts in 5 hours"}`, kind: QuotaSpent, msgHas: "5 hours"},
		{name: "403 simultaneous", status: 403, body: `{"code":403,"error":"EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (2)"}`, kind: Retryable, concurrent: true},
		{name: "429 seconds", status: 429, header: http.Header{"Retry-After": {"7"}}, body: `{}`, kind: Retryable, wait: 7 * time.Second},
		{name: "503 no header", status: 503, body: `busy`, kind: Retryable},
		{name: "500", status: 500, body: ``, kind: Retryable, msgHas: "empty body"},
		{name: "500 JSON", status: 500, body: `{"code":500,"error":"INTERNAL","msg":"db"}`, kind: Retryable, msgHas: "db"},
		// A gateway lost the answer: the meeting may exist.
		{name: "502", status: 502, body: ``, kind: Uncertain, msgHas: "502"},
		{name: "504 nginx page", status: 504, body: "<html><head><title>504 Gateway Time-out</title></head></html>", kind: Uncertain, msgHas: "504 (Gateway Timeout)"},
		{name: "redirect", status: 307, header: http.Header{"Location": {"https://evil.example/x"}}, kind: FatalConfig, msgHas: "evil.example"},
		{name: "418 other", status: 418, body: `teapot`, kind: Failed, msgHas: "teapot"},
		{name: "418 empty", status: 418, body: ``, kind: Failed, msgHas: "ask Wolkvox support"},
		{name: "429 empty JSON", status: 429, body: `{}`, kind: Retryable, msgHas: "HTTP 429"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := tt.header
			if h == nil {
				h = http.Header{}
			}
			a := Classify(tt.status, h, []byte(tt.body))
			if got, want := a.Kind, tt.kind; got != want {
				t.Fatalf("kind = %v, want %v (msg %q)", got, want, a.Msg)
			}
			if got, want := a.ID, tt.id; got != want {
				t.Errorf("id = %q, want %q", got, want)
			}
			if !strings.Contains(a.Msg, tt.msgHas) {
				t.Errorf("msg = %q, want it to contain %q", a.Msg, tt.msgHas)
			}
			if a.Msg == "" {
				t.Errorf("empty msg")
			}
			if got, want := a.Wait, tt.wait; got != want {
				t.Errorf("wait = %v, want %v", got, want)
			}
			if got, want := a.Simultaneous, tt.concurrent; got != want {
				t.Errorf("simultaneous = %v, want %v", got, want)
			}
		})
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
	}{
		{"", 0},
		{"3", 3 * time.Second},
		{" 120 ", 2 * time.Minute},
		{"-1", 0},
		{"soon", 0},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second},
		{now.Add(-time.Minute).Format(http.TimeFormat), 0},
	}
	for _, tt := range tests {
		if got := RetryAfter(tt.in, now); got != tt.want {
			t.Errorf("RetryAfter(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func FuzzClassify(f *testing.F) {
	f.Add(200, `{"code":200,"error":"null","data":{"wolkvox_id":"x"}}`)
	f.Add(200, `{"code":{},"error":[],"data":"x"}`)
	f.Add(403, `{"msg":"TOKEN LIMIT EXCEEDED"}`)
	f.Fuzz(func(t *testing.T, status int, body string) {
		a := Classify(status, http.Header{}, []byte(body))
		if a.Kind == Created && a.ID == "" {
			t.Fatalf("created without id for %d %q", status, body)
		}
		if a.Msg == "" {
			t.Fatalf("no message for %d %q", status, body)
		}
	})
}

// The client's own words in Spanish once SetLang says so; the server's stay its own.
func TestAnswersInSpanish(t *testing.T) {
	es := i18n.New(i18n.ES)
	a := classify(502, http.Header{}, nil, false, nil, es)
	if a.Kind != Uncertain || !strings.HasPrefix(a.Msg, "una pasarela entre este computador y Wolkvox respondió HTTP 502 (Bad Gateway) en vez de la respuesta del servidor: la reunión puede haberse creado") {
		t.Errorf("502: %v %q", a.Kind, a.Msg)
	}
	a = classify(500, http.Header{}, nil, false, nil, es)
	if a.Msg != "el servidor respondió HTTP 500 con el cuerpo vacío (sobrecarga o un error interno; no se creó nada): intente más tarde" {
		t.Errorf("500: %q", a.Msg)
	}
	a = classify(404, http.Header{}, []byte(`{"code":404,"error":"THE API YOU WANT TO CONSULT DOES NOT EXIST"}`), false, nil, es)
	if a.Msg != "el servidor respondió 404 THE API YOU WANT TO CONSULT DOES NOT EXIST: esta no es una API insert de Wolkvox; revise --server (o WOLKVOX_SERVER)" {
		t.Errorf("404: %q", a.Msg)
	}
	ep, err := ParseServer("http://127.0.0.1:1")
	if err != nil {
		t.Fatal(err)
	}
	c := NewClient(ep, "tok", time.Second, 1)
	c.SetLang(i18n.ES)
	if _, msg := c.unreachable(syscall.ECONNREFUSED); !strings.HasPrefix(msg, "el servidor ") || !strings.Contains(msg, " rechazó la conexión (nada escucha en ese puerto)") {
		t.Errorf("refused: %q", msg)
	}
	if got := Classify(500, http.Header{}, nil).Msg; !strings.HasPrefix(got, "the server answered HTTP 500 with an empty body") {
		t.Errorf("Classify speaks English: %q", got)
	}
}

func TestParseServerInSpanish(t *testing.T) {
	_, err := ParseServer("http://wv0001.wolkvox.com")
	var se *ServerError
	if !errors.Is(err, ErrPlainHTTP) || !errors.As(err, &se) {
		t.Fatalf("err = %v", err)
	}
	if got := se.Localize(i18n.New(i18n.ES)); got != `servidor "http://wv0001.wolkvox.com": http simple solo se permite hacia este computador (127.0.0.1, ::1, localhost); use https` {
		t.Error(got)
	}
	if got := err.Error(); got != `server "http://wv0001.wolkvox.com": plain http is allowed only to this machine (127.0.0.1, ::1, localhost); use https` {
		t.Error(got)
	}
}
