package sandbox

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

const testToken = "s3cr3t-token"

// spec's example meeting, as the tool sends it.
const specFields = `{
    "status": "created",
    "name": "Activity name",
    "priority": "high",
    "name_module": "cases",
    "completion_date": "2023-07-30 00:00:00",
    "remember": true,
    "reminder_date": "2023-07-29 00:00:00",
    "description": "text",
    "id_record": "record id in name_module",
    "location": "meeting link or place",
    "start_date": "2023-07-26 00:00:00",
    "wolkvox_owner": "ADMIN_@mymodule",
    "participants": { "type": "participant", "value": ["user 1", "user 2"] }
  }`

func insertBody(fields string) string {
	return `{"operation": "My-CRM-operation", "module": "wolkvox_activities", "type": "meet", "fields": ` + fields + `}`
}

// start runs a sandbox on loopback for the test.
func start(t *testing.T, opts Options) (*Server, string) {
	t.Helper()
	s, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	base, err := s.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, base
}

// answer is a response as a client sees it.
type answer struct {
	status int
	header http.Header
	body   []byte
	wv     struct {
		Code  any             `json:"code"`
		Error string          `json:"error"`
		Msg   string          `json:"msg"`
		Data  json.RawMessage `json:"data"`
	}
}

func (a *answer) id() string {
	var d struct {
		ID string `json:"wolkvox_id"`
	}
	json.Unmarshal(a.wv.Data, &d)
	return d.ID
}

func send(t *testing.T, client *http.Client, req *http.Request) (*answer, error) {
	t.Helper()
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	a := &answer{status: resp.StatusCode, header: resp.Header}
	if a.body, err = io.ReadAll(resp.Body); err != nil {
		return nil, err
	}
	json.Unmarshal(a.body, &a.wv) // not every fault answers JSON
	return a, nil
}

func newInsert(t *testing.T, base, token, body string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, base+insertPath, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set(tokenHeader, token)
	}
	return req
}

// insert posts body and fails the test on a transport error.
func insert(t *testing.T, base, token, body string) *answer {
	t.Helper()
	a, err := send(t, http.DefaultClient, newInsert(t, base, token, body))
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func wantError(t *testing.T, a *answer, status int, text string) {
	t.Helper()
	if a.status != status || a.wv.Error != text {
		t.Fatalf("got %d %q (%s), want %d %q", a.status, a.wv.Error, a.body, status, text)
	}
	if code, ok := a.wv.Code.(float64); !ok || int(code) != status {
		t.Errorf("body code = %#v, want %d", a.wv.Code, status)
	}
	if a.header.Get("Content-Type") != "application/json" {
		t.Errorf("Content-Type = %q", a.header.Get("Content-Type"))
	}
}

func TestInsertCreatesMeeting(t *testing.T) {
	s, base := start(t, Options{Token: testToken, Operation: "My-CRM-operation"})
	body := insertBody(specFields)

	a := insert(t, base, testToken, body)
	if a.status != 200 {
		t.Fatalf("status %d: %s", a.status, a.body)
	}
	id := a.id()
	want := fmt.Sprintf(`{"code":200,"error":"null","msg":"Succesfully create record","data":{"wolkvox_id":%q}}`, id)
	if got := string(a.body); got != want {
		t.Errorf("body\n got %s\nwant %s", got, want)
	}
	if !strings.HasPrefix(id, "64f1c2") || len(id) != 24 {
		t.Errorf("id %q, want 24 hex characters starting 64f1c2", id)
	}

	recs := s.Records()
	if len(recs) != 1 {
		t.Fatalf("%d records, want 1", len(recs))
	}
	r := recs[0]
	if r.ID != id || r.Operation != "My-CRM-operation" || string(r.Fields) != specFields || r.CreatedAt.IsZero() {
		t.Errorf("record %+v (fields %s)", r, r.Fields)
	}

	reqs := s.Requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests, want 1", len(reqs))
	}
	q := reqs[0]
	if q.Status != 200 || q.Created != id || q.Fault != "" || q.Path != insertPath || string(q.Body) != body || q.At.IsZero() {
		t.Errorf("request log %+v", q)
	}
}

func TestIDsAreUnique(t *testing.T) {
	s, base := start(t, Options{})
	seen := map[string]bool{}
	for range 5 {
		id := insert(t, base, "any", insertBody(`{"name":"x"}`)).id()
		if seen[id] {
			t.Fatalf("id %s given twice", id)
		}
		seen[id] = true
	}
	s.Reset()
	if id := insert(t, base, "any", insertBody(`{"name":"x"}`)).id(); seen[id] {
		t.Fatalf("id %s reused after reset", id)
	}
}

func TestUnknownAPI(t *testing.T) {
	s, base := start(t, Options{})
	tests := []struct{ method, path string }{
		{http.MethodGet, insertPath},
		{http.MethodPut, insertPath},
		{http.MethodPost, "/server/API/v2/custom/insertt.php"},
		{http.MethodPost, "/server/API/v2/custom/insert.php/"},
		{http.MethodPost, tokenInfoPath},
		{http.MethodGet, "/"},
		{http.MethodPost, "/sandbox"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			req, _ := http.NewRequest(tt.method, base+tt.path, strings.NewReader(insertBody(`{"name":"x"}`)))
			req.Header.Set(tokenHeader, "any")
			req.Header.Set("Content-Type", "application/json")
			a, err := send(t, http.DefaultClient, req)
			if err != nil {
				t.Fatal(err)
			}
			wantError(t, a, 400, textNoAPI)
		})
	}
	reqs := s.Requests()
	if got, want := len(reqs), len(tests); got != want {
		t.Fatalf("%d requests logged, want %d", got, want)
	}
	if reqs[2].Path != tests[2].path || reqs[2].Status != 400 {
		t.Errorf("log %+v", reqs[2])
	}
	if len(s.Records()) != 0 {
		t.Error("a record was created")
	}
}

func TestTokenChecks(t *testing.T) {
	tests := []struct {
		name       string
		opts       Options
		token      string
		body       string
		wantStatus int
		wantError  string
	}{
		{"no token", Options{}, "", insertBody(`{"name":"x"}`), 401, textNoToken},
		{"no token before bad body", Options{}, "", "garbage", 401, textNoToken},
		{"wrong token", Options{Token: testToken}, "other", insertBody(`{"name":"x"}`), 403, textBadToken},
		{"wrong token before bad body", Options{Token: testToken}, "other", "garbage", 403, textBadToken},
		{"right token", Options{Token: testToken}, testToken, insertBody(`{"name":"x"}`), 200, "null"},
		{"any token", Options{}, "whatever", insertBody(`{"name":"x"}`), 200, "null"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, base := start(t, tt.opts)
			a := insert(t, base, tt.token, tt.body)
			if a.status != tt.wantStatus || a.wv.Error != tt.wantError {
				t.Fatalf("got %d %s, want %d %q", a.status, a.body, tt.wantStatus, tt.wantError)
			}
			if got := s.Requests()[0].Status; got != tt.wantStatus {
				t.Errorf("logged status %d", got)
			}
		})
	}
}

func TestSimultaneousRequests(t *testing.T) {
	tests := []struct {
		name      string
		max       int
		send      int
		wantOK    int
		wantError string
	}{
		{"default limit of 2", 0, 3, 2, "EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (2)"},
		{"limit of 2", 2, 3, 2, "EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (2)"},
		{"limit of 3", 3, 5, 3, "EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (3)"},
		{"disabled", -1, 5, 5, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, base := start(t, Options{MaxInFlight: tt.max, Latency: 300 * time.Millisecond})
			answers := make([]*answer, tt.send)
			var wg sync.WaitGroup
			for i := range answers {
				wg.Go(func() { answers[i] = insert(t, base, "tok", insertBody(`{"name":"x"}`)) })
			}
			wg.Wait()
			ok := 0
			for _, a := range answers {
				switch {
				case a.status == 200:
					ok++
				case a.status != 403 || a.wv.Error != tt.wantError:
					t.Errorf("got %d %s", a.status, a.body)
				}
			}
			if ok != tt.wantOK {
				t.Errorf("%d created, want %d", ok, tt.wantOK)
			}
			if got := len(s.Records()); got != tt.wantOK {
				t.Errorf("%d records, want %d", got, tt.wantOK)
			}
			// Slots are released once answered.
			if a := insert(t, base, "tok", insertBody(`{"name":"x"}`)); a.status != 200 {
				t.Errorf("after the burst: %d %s", a.status, a.body)
			}
		})
	}
}

// TestBackToBackRequestsFitTheLimit is the importer's own pattern: each of
// MaxInFlight senders sends its next request as soon as it has an answer.
// None may be refused, however fast the turnaround.
func TestBackToBackRequestsFitTheLimit(t *testing.T) {
	s, base := start(t, Options{})
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			for range 200 {
				if a := insert(t, base, "tok", insertBody(`{"name":"x"}`)); a.status != 200 {
					t.Errorf("got %d %s", a.status, a.body)
					return
				}
			}
		})
	}
	wg.Wait()
	if got := len(s.Records()); got != 400 {
		t.Errorf("%d records, want 400", got)
	}
}

func TestSimultaneousLimitIsPerToken(t *testing.T) {
	_, base := start(t, Options{Latency: 300 * time.Millisecond})
	var wg sync.WaitGroup
	answers := make([]*answer, 4)
	for i := range answers {
		wg.Go(func() { answers[i] = insert(t, base, fmt.Sprint("tok", i%2), insertBody(`{"name":"x"}`)) })
	}
	wg.Wait()
	for _, a := range answers {
		if a.status != 200 {
			t.Errorf("got %d %s", a.status, a.body)
		}
	}
}

func TestDailyLimit(t *testing.T) {
	s, base := start(t, Options{DailyLimit: 3})
	today := time.Date(2024, 5, 10, 18, 30, 0, 0, time.Local)
	s.now = func() time.Time { return today }

	for i := range 3 {
		if a := insert(t, base, "tok", insertBody(`{"name":"x"}`)); a.status != 200 {
			t.Fatalf("call %d: %d %s", i+1, a.status, a.body)
		}
	}
	a := insert(t, base, "tok", insertBody(`{"name":"x"}`))
	wantError(t, a, 403, textQuota)
	if !strings.Contains(a.wv.Msg, "restarts in 6 hours") {
		t.Errorf("msg %q does not say when the count restarts", a.wv.Msg)
	}
	if a := insert(t, base, "other", insertBody(`{"name":"x"}`)); a.status != 200 {
		t.Errorf("another token: %d %s", a.status, a.body)
	}
	if got := len(s.Records()); got != 4 {
		t.Errorf("%d records, want 4", got)
	}

	today = today.Add(6 * time.Hour) // past midnight
	if a := insert(t, base, "tok", insertBody(`{"name":"x"}`)); a.status != 200 {
		t.Errorf("next day: %d %s", a.status, a.body)
	}
}

func TestDailyLimitCountsEveryCall(t *testing.T) {
	_, base := start(t, Options{DailyLimit: 3})
	tokenInfo(t, base, "tok", "op")                    // 1
	insert(t, base, "tok", insertBody(`{"name":""}`))  // 2: refused, still a call
	insert(t, base, "tok", insertBody(`{"name":"x"}`)) // 3
	wantError(t, insert(t, base, "tok", insertBody(`{"name":"x"}`)), 403, textQuota)
	wantError(t, tokenInfo(t, base, "tok", "op"), 403, textQuota)
}

func tokenInfo(t *testing.T, base, token, operation string) *answer {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, base+tokenInfoPath+"?operation="+operation, nil)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set(tokenHeader, token)
	}
	a, err := send(t, http.DefaultClient, req)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestTokenInformation(t *testing.T) {
	type info struct {
		Limit     int `json:"token_limit"`
		Used      int `json:"token_use_today"`
		Available int `json:"available_consumition_options"`
		Hours     int `json:"hours_to_restart_count"`
	}
	tests := []struct {
		name    string
		opts    Options
		inserts int
		want    info
	}{
		{"limited", Options{DailyLimit: 10}, 2, info{Limit: 10, Used: 3, Available: 7}},
		{"unlimited", Options{}, 1, info{Limit: unlimitedTokenLimit, Used: 2, Available: unlimitedTokenLimit - 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, base := start(t, tt.opts)
			s.now = func() time.Time { return time.Date(2024, 5, 10, 21, 15, 0, 0, time.Local) }
			for range tt.inserts {
				insert(t, base, "tok", insertBody(`{"name":"x"}`))
			}
			a := tokenInfo(t, base, "tok", "op")
			if a.status != 200 || a.wv.Code != "200" || a.wv.Error != "null" {
				t.Fatalf("got %d %s", a.status, a.body)
			}
			var got info
			if err := json.Unmarshal(a.wv.Data, &got); err != nil {
				t.Fatal(err)
			}
			tt.want.Hours = 3
			if got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
			if n := len(s.Requests()); n != tt.inserts {
				t.Errorf("tokenInformation logged as an insert: %d requests", n)
			}
		})
	}
}

func TestTokenInformationRefusals(t *testing.T) {
	_, base := start(t, Options{Token: testToken, Operation: "op"})
	wantError(t, tokenInfo(t, base, "", "op"), 401, textNoToken)
	wantError(t, tokenInfo(t, base, "bad", "op"), 403, textBadToken)
	wantError(t, tokenInfo(t, base, testToken, ""), 400, textParams)
	wantError(t, tokenInfo(t, base, testToken, "other"), 400, textParams)
	if a := tokenInfo(t, base, testToken, "op"); a.status != 200 {
		t.Errorf("got %d %s", a.status, a.body)
	}
}

func TestLatency(t *testing.T) {
	const latency = 150 * time.Millisecond
	_, base := start(t, Options{Latency: latency})
	for _, call := range []func() *answer{
		func() *answer { return insert(t, base, "tok", insertBody(`{"name":"x"}`)) },
		func() *answer { return insert(t, base, "", insertBody(`{"name":"x"}`)) },
		func() *answer { return tokenInfo(t, base, "tok", "op") },
	} {
		began := time.Now()
		call()
		if d := time.Since(began); d < latency {
			t.Errorf("answered in %v, want at least %v", d, latency)
		}
	}
}

func TestCloseCutsWaitsShort(t *testing.T) {
	s, base := start(t, Options{Latency: time.Minute})
	done := make(chan error, 1)
	go func() {
		_, err := send(t, http.DefaultClient, newInsert(t, base, "tok", insertBody(`{"name":"x"}`)))
		done <- err
	}()
	time.Sleep(100 * time.Millisecond)
	s.Close()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("request still waiting after Close")
	}
}

func TestLogNeverHasToken(t *testing.T) {
	var mu sync.Mutex
	var lines []string
	logf := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		lines = append(lines, fmt.Sprintf(format, args...))
	}
	_, base := start(t, Options{Token: testToken, Logf: logf, Faults: "500"})
	insert(t, base, testToken, insertBody(`{"name":"x"}`))
	insert(t, base, testToken, insertBody(`{"name":"x"}`))
	insert(t, base, "wrong-"+testToken, "{}")
	tokenInfo(t, base, testToken, "op")

	mu.Lock()
	defer mu.Unlock()
	if len(lines) != 4 {
		t.Fatalf("%d log lines, want 4: %q", len(lines), lines)
	}
	for _, l := range lines {
		if strings.Contains(l, testToken) {
			t.Errorf("token in log line %q", l)
		}
	}
	if !strings.Contains(lines[0], "-> 500") || !strings.Contains(lines[0], "fault=500") {
		t.Errorf("line %q", lines[0])
	}
	if !strings.Contains(lines[1], "-> 200 wolkvox_id=64f1c2") {
		t.Errorf("line %q", lines[1])
	}
}

func TestStart(t *testing.T) {
	s, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	base, err := s.Start("0.0.0.0:0")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !strings.HasPrefix(base, "http://127.0.0.1:") {
		t.Errorf("base URL %q, want a loopback address", base)
	}
	if a := insert(t, base, "tok", insertBody(`{"name":"x"}`)); a.status != 200 {
		t.Errorf("got %d %s", a.status, a.body)
	}
	if _, err := s.Start("127.0.0.1:0"); err == nil {
		t.Error("second Start succeeded")
	}
	if err := s.Close(); err != nil {
		t.Error(err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

func TestNewRejectsBadFaults(t *testing.T) {
	if _, err := New(Options{Faults: "500,nope"}); err == nil || !strings.Contains(err.Error(), `entry 2 "nope"`) {
		t.Errorf("err = %v", err)
	}
}

func TestConcurrentInserts(t *testing.T) {
	s, base := start(t, Options{MaxInFlight: -1})
	const workers, each = 16, 25
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				body := insertBody(fmt.Sprintf(`{"name":"w%d-%d"}`, w, i))
				if a := insert(t, base, fmt.Sprint("tok", w%3), body); a.status != 200 {
					t.Errorf("got %d %s", a.status, a.body)
				}
			}
		})
	}
	wg.Wait()
	recs := s.Records()
	if len(recs) != workers*each || len(s.Requests()) != workers*each {
		t.Fatalf("%d records, %d requests, want %d", len(recs), len(s.Requests()), workers*each)
	}
	ids := map[string]bool{}
	for _, r := range recs {
		ids[r.ID] = true
	}
	if len(ids) != len(recs) {
		t.Errorf("%d distinct ids for %d records", len(ids), len(recs))
	}
}

// TestGarbageBodies throws random and mangled bodies at the handler: every
// answer must be a Wolkvox JSON answer, 200 or 400, and nothing may panic.
func TestGarbageBodies(t *testing.T) {
	s, err := New(Options{MaxInFlight: -1})
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	valid := []byte(insertBody(specFields))
	for i := range 3000 {
		var body []byte
		switch i % 3 {
		case 0: // random bytes
			body = make([]byte, rng.IntN(64))
			for j := range body {
				body[j] = byte(rng.IntN(256))
			}
		case 1: // a valid body with bytes replaced
			body = bytes.Clone(valid)
			for range 1 + rng.IntN(4) {
				const junk = "{}[]\":,0tfn\\ \x00\xff"
				body[rng.IntN(len(body))] = junk[rng.IntN(len(junk))]
			}
		case 2: // a valid body cut short
			body = valid[:rng.IntN(len(valid))]
		}
		req := httptest.NewRequest(http.MethodPost, insertPath, bytes.NewReader(body))
		req.Header.Set(tokenHeader, "tok")
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		var got struct {
			Error string `json:"error"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || (rec.Code != 200 && rec.Code != 400) {
			t.Fatalf("body %q: got %d %s", body, rec.Code, rec.Body)
		}
	}
	// The log stays valid JSON whatever was received.
	if _, err := json.Marshal(s.Requests()); err != nil {
		t.Fatal(err)
	}
	if _, err := json.Marshal(s.Records()); err != nil {
		t.Fatal(err)
	}
}

func TestBodyTooLarge(t *testing.T) {
	_, base := start(t, Options{})
	big := insertBody(`{"name":"` + strings.Repeat("x", maxBody) + `"}`)
	a := insert(t, base, "tok", big)
	wantError(t, a, 400, textParams)
	if !strings.Contains(a.wv.Msg, "larger than 8 MiB") {
		t.Errorf("msg %q", a.wv.Msg)
	}
}

// The request log has each request's answer time: at least the latency after its
// arrival, and set before the client has the answer.
func TestRequestLogAnswerTime(t *testing.T) {
	const latency = 30 * time.Millisecond
	s, base := start(t, Options{Latency: latency})
	insert(t, base, "any", insertBody(`{"name":"x"}`))
	req, _ := http.NewRequest(http.MethodGet, base+"/nowhere", nil)
	if _, err := send(t, http.DefaultClient, req); err != nil {
		t.Fatal(err)
	}
	reqs := s.Requests()
	if len(reqs) != 2 {
		t.Fatalf("%d requests, want 2", len(reqs))
	}
	if q := reqs[0]; q.Answered.Sub(q.At) < latency {
		t.Errorf("insert: arrived %v, answered %v: less than the latency %v apart", q.At, q.Answered, latency)
	}
	if q := reqs[1]; q.Answered.Before(q.At) || q.Answered.IsZero() {
		t.Errorf("unknown API: arrived %v, answered %v", q.At, q.Answered)
	}
	s.Reset()
	if n := len(s.Requests()); n != 0 {
		t.Fatalf("%d requests after Reset", n)
	}
}
