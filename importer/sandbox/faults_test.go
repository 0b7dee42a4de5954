package sandbox

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestParseFaults(t *testing.T) {
	tests := []struct {
		script string
		want   []string // text*n of each run
	}{
		{"", nil},
		{"   ", nil},
		{"ok", []string{"*1"}},
		{"429:2,500*3, slow:150ms ,DROP", []string{"429:2*1", "500*3", "slow:150ms*1", "drop*1"}},
		{"429,503:0,429date:5,503date:1", []string{"429*1", "503:0*1", "429date:5*1", "503date:1*1"}},
		{"502*2,504,malformed,noid,code500body,dropbefore", []string{"502*2", "504*1", "malformed*1", "noid*1", "code500body*1", "dropbefore*1"}},
		{"badrequest,badtoken,notoken,noapi,quota,simultaneous*1000000", []string{"badrequest*1", "badtoken*1", "notoken*1", "noapi*1", "quota*1", "simultaneous*1000000"}},
	}
	for _, tt := range tests {
		t.Run(tt.script, func(t *testing.T) {
			runs, err := parseFaults(tt.script)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range runs {
				got = append(got, fmt.Sprintf("%s*%d", r.fault.text, r.n))
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestParseFaultsErrors(t *testing.T) {
	tests := []struct{ script, want string }{
		{"nope", `entry 1 "nope": unknown fault "nope"`},
		{"500,,ok", `entry 2 "": empty entry`},
		{"ok,", `entry 2 "": empty entry`},
		{"slow", "slow needs a positive duration such as slow:2s"},
		{"slow:abc", `slow needs a positive duration such as slow:2s or slow:150ms, got "abc"`},
		{"slow:-1s", "slow needs a positive duration"},
		{"slow:0s", "slow needs a positive duration"},
		{"429:x", `429 needs whole seconds to wait, such as 429:2, got "x"`},
		{"503:-1", "503 needs whole seconds"},
		{"429:1.5", "429 needs whole seconds"},
		{"429date", `429date needs whole seconds to wait, such as 429date:2, got ""`},
		{"500:3", "500 takes no argument"},
		{"drop:1s", "drop takes no argument"},
		{"drop*0", `repeat count "0" is not a whole number of at least 1`},
		{"drop*x", `repeat count "x"`},
		{"drop*", `repeat count ""`},
		{"drop*2*3", `repeat count "2*3"`},
	}
	for _, tt := range tests {
		t.Run(tt.script, func(t *testing.T) {
			_, err := parseFaults(tt.script)
			if err == nil {
				t.Fatal("accepted")
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "(known: ok, 429[:S]") {
				t.Errorf("error %q does not contain %q and the list of faults", err, tt.want)
			}
		})
	}
}

func TestSetFaultsKeepsQueueOnError(t *testing.T) {
	s, base := start(t, Options{Faults: "500"})
	if err := s.SetFaults("500,bad"); err == nil {
		t.Fatal("accepted a bad script")
	}
	if a := insert(t, base, "tok", insertBody(`{"name":"x"}`)); a.status != 500 {
		t.Errorf("got %d, want the queued 500", a.status)
	}
}

func TestFaults(t *testing.T) {
	tests := []struct {
		script  string
		status  int
		created bool
		check   func(t *testing.T, a *answer)
	}{
		{"ok", 200, true, nil},
		{"slow:50ms", 200, true, nil},
		{"429:2", 429, false, func(t *testing.T, a *answer) {
			wantError(t, a, 429, "TOO MANY REQUESTS")
			wantHeader(t, a, "Retry-After", "2")
		}},
		{"429", 429, false, func(t *testing.T, a *answer) { wantHeader(t, a, "Retry-After", "") }},
		{"503:7", 503, false, func(t *testing.T, a *answer) {
			wantError(t, a, 503, "SERVICE UNAVAILABLE")
			wantHeader(t, a, "Retry-After", "7")
		}},
		{"429date:30", 429, false, func(t *testing.T, a *answer) { wantRetryDate(t, a, 30*time.Second) }},
		{"503date:5", 503, false, func(t *testing.T, a *answer) { wantRetryDate(t, a, 5*time.Second) }},
		{"500", 500, false, func(t *testing.T, a *answer) { wantError(t, a, 500, "INTERNAL SERVER ERROR") }},
		{"502", 502, false, func(t *testing.T, a *answer) { wantHTML(t, a, "502 Bad Gateway") }},
		{"504", 504, false, func(t *testing.T, a *answer) { wantHTML(t, a, "504 Gateway Timeout") }},
		{"malformed", 200, false, func(t *testing.T, a *answer) {
			if string(a.body) != "<html>oops" || json.Valid(a.body) {
				t.Errorf("body %q", a.body)
			}
		}},
		{"noid", 200, false, func(t *testing.T, a *answer) {
			if want := `{"code":200,"error":"null","msg":"Succesfully create record","data":{}}`; string(a.body) != want {
				t.Errorf("body %s, want %s", a.body, want)
			}
		}},
		{"code500body", 200, false, func(t *testing.T, a *answer) {
			if a.wv.Code != "500" || a.wv.Error != "INTERNAL" || a.wv.Msg == "" {
				t.Errorf("body %s", a.body)
			}
		}},
		{"badrequest", 400, false, func(t *testing.T, a *answer) { wantError(t, a, 400, textParams) }},
		{"badtoken", 403, false, func(t *testing.T, a *answer) { wantError(t, a, 403, textBadToken) }},
		{"notoken", 401, false, func(t *testing.T, a *answer) { wantError(t, a, 401, textNoToken) }},
		{"noapi", 400, false, func(t *testing.T, a *answer) { wantError(t, a, 400, textNoAPI) }},
		{"quota", 403, false, func(t *testing.T, a *answer) {
			wantError(t, a, 403, textQuota)
			if !strings.Contains(a.wv.Msg, "hours") {
				t.Errorf("msg %q", a.wv.Msg)
			}
		}},
		{"simultaneous", 403, false, func(t *testing.T, a *answer) {
			wantError(t, a, 403, "EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (2)")
		}},
		{"echotoken", 400, false, func(t *testing.T, a *answer) {
			wantError(t, a, 400, textParams)
			if !strings.Contains(a.wv.Msg, "Wolkvox-Token: tok;") || !strings.Contains(a.wv.Msg, "wrapped: t\n ok") {
				t.Errorf("msg %q does not echo the token", a.wv.Msg)
			}
		}},
		{"phpwarning", 200, true, func(t *testing.T, a *answer) {
			body, rest, _ := strings.Cut(string(a.body), "{")
			if !strings.Contains(body, "<b>Warning</b>") || !json.Valid([]byte("{"+rest)) || json.Valid(a.body) {
				t.Errorf("body %q", a.body)
			}
		}},
		{"huge", 200, true, func(t *testing.T, a *answer) {
			if len(a.body) < 2<<20 || !strings.HasPrefix(string(a.body), `{"code":200`) {
				t.Errorf("body of %d bytes: %.40q", len(a.body), a.body)
			}
		}},
		{"lost502", 502, true, func(t *testing.T, a *answer) { wantHTML(t, a, "502 Bad Gateway") }},
		{"lost504", 504, true, func(t *testing.T, a *answer) { wantHTML(t, a, "504 Gateway Timeout") }},
	}
	for _, tt := range tests {
		t.Run(tt.script, func(t *testing.T) {
			s, base := start(t, Options{Faults: tt.script})
			a := insert(t, base, "tok", insertBody(`{"name":"x"}`))
			if a.status != tt.status {
				t.Fatalf("status %d, want %d: %s", a.status, tt.status, a.body)
			}
			if tt.check != nil {
				tt.check(t, a)
			}
			if got := len(s.Records()); got != btoi(tt.created) {
				t.Errorf("%d records created", got)
			}
			log := s.Requests()[0]
			wantFault := tt.script
			if wantFault == "ok" {
				wantFault = ""
			}
			if log.Status != tt.status || log.Fault != wantFault || (log.Created != "") != tt.created {
				t.Errorf("request log %+v", log)
			}
			// The queue is spent: back to normal.
			if a := insert(t, base, "tok", insertBody(`{"name":"x"}`)); a.status != 200 {
				t.Errorf("next request: %d %s", a.status, a.body)
			}
		})
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func wantHeader(t *testing.T, a *answer, name, want string) {
	t.Helper()
	if got := a.header.Get(name); got != want {
		t.Errorf("%s = %q, want %q", name, got, want)
	}
}

func wantRetryDate(t *testing.T, a *answer, ahead time.Duration) {
	t.Helper()
	at, err := http.ParseTime(a.header.Get("Retry-After"))
	if err != nil {
		t.Fatalf("Retry-After %q: %v", a.header.Get("Retry-After"), err)
	}
	if d := time.Until(at); d < ahead-time.Second || d > ahead+time.Second {
		t.Errorf("Retry-After %v ahead, want about %v", d, ahead)
	}
}

func wantHTML(t *testing.T, a *answer, title string) {
	t.Helper()
	if !strings.Contains(string(a.body), "<title>"+title+"</title>") || a.header.Get("Content-Type") != "text/html" {
		t.Errorf("got %s %s", a.header.Get("Content-Type"), a.body)
	}
}

func TestFaultQueueOrder(t *testing.T) {
	s, base := start(t, Options{Faults: "500*2,ok,429:1"})
	var statuses []int
	for range 5 {
		statuses = append(statuses, insert(t, base, "tok", insertBody(`{"name":"x"}`)).status)
	}
	if got, want := fmt.Sprint(statuses), "[500 500 200 429 200]"; got != want {
		t.Errorf("statuses %s, want %s", got, want)
	}
	var faults []string
	for _, r := range s.Requests() {
		faults = append(faults, r.Fault)
	}
	if got, want := fmt.Sprintf("%q", faults), `["500" "500" "" "429:1" ""]`; got != want {
		t.Errorf("faults %s, want %s", got, want)
	}
}

func TestFaultsWaitForTheTokenChecks(t *testing.T) {
	_, base := start(t, Options{Token: testToken, Faults: "500"})
	wantError(t, insert(t, base, "", insertBody(`{"name":"x"}`)), 401, textNoToken)
	wantError(t, insert(t, base, "bad", insertBody(`{"name":"x"}`)), 403, textBadToken)
	if a := tokenInfo(t, base, testToken, "op"); a.status != 200 { // not an insert
		t.Fatalf("tokenInformation: %d %s", a.status, a.body)
	}
	if a := insert(t, base, testToken, insertBody(`{"name":"x"}`)); a.status != 500 {
		t.Errorf("got %d, want the queued 500", a.status)
	}
}

func TestFaultSlowStillValidates(t *testing.T) {
	s, base := start(t, Options{Faults: "slow:10ms"})
	wantError(t, insert(t, base, "tok", insertBody(`{"name":""}`)), 400, textParams)
	if len(s.Records()) != 0 {
		t.Error("an invalid meeting was created")
	}
}

func TestFaultSlow(t *testing.T) {
	const delay = 300 * time.Millisecond
	s, base := start(t, Options{Faults: "slow:300ms*2", MaxInFlight: 1})

	began := time.Now()
	if a := insert(t, base, "tok", insertBody(`{"name":"x"}`)); a.status != 200 {
		t.Fatalf("got %d %s", a.status, a.body)
	}
	if d := time.Since(began); d < delay {
		t.Errorf("answered after %v, want at least %v", d, delay)
	}

	// A client that gives up still leaves the meeting created, and the
	// request in flight until the server is done with it.
	impatient := &http.Client{Timeout: 50 * time.Millisecond}
	if _, err := send(t, impatient, newInsert(t, base, "tok", insertBody(`{"name":"y"}`))); err == nil {
		t.Fatal("no timeout")
	}
	if got := len(s.Records()); got != 2 {
		t.Errorf("%d records, want 2", got)
	}
	a := insert(t, base, "tok", insertBody(`{"name":"z"}`))
	wantError(t, a, 403, "EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (1)")
}

func TestFaultDrop(t *testing.T) {
	tests := []struct {
		script  string
		created bool
	}{
		{"drop", true},
		{"dropbefore", false},
	}
	for _, tt := range tests {
		t.Run(tt.script, func(t *testing.T) {
			s, base := start(t, Options{Faults: tt.script})
			a, err := send(t, http.DefaultClient, newInsert(t, base, "tok", insertBody(`{"name":"x"}`)))
			if err == nil {
				t.Fatalf("got an answer: %d %s", a.status, a.body)
			}
			if got := len(s.Records()); got != btoi(tt.created) {
				t.Errorf("%d records", got)
			}
			reqs := s.Requests()
			if len(reqs) != 1 {
				t.Fatalf("%d requests: the client retried", len(reqs))
			}
			if r := reqs[0]; r.Status != 0 || r.Fault != tt.script || (r.Created != "") != tt.created {
				t.Errorf("request log %+v", r)
			}
			if a := insert(t, base, "tok", insertBody(`{"name":"x"}`)); a.status != 200 {
				t.Errorf("next request: %d %s", a.status, a.body)
			}
		})
	}
}

func FuzzParseFaults(f *testing.F) {
	f.Add("429:2,500*3,slow:150ms,drop")
	f.Add("429date:5*2, ok ,noid")
	f.Add("slow:1h*99999999999999999999")
	f.Fuzz(func(t *testing.T, script string) {
		runs, err := parseFaults(script)
		if err != nil {
			return
		}
		for _, r := range runs {
			if r.n < 1 {
				t.Fatalf("%q: run of %d", script, r.n)
			}
		}
	})
}
