package sandbox

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

func admin(t *testing.T, method, url, body string) (int, http.Header, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, b
}

func TestAdminEndpoints(t *testing.T) {
	_, base := start(t, Options{DailyLimit: 3})

	// Empty lists are [] rather than null.
	for _, path := range []string{"/sandbox/records", "/sandbox/requests"} {
		if status, _, body := admin(t, http.MethodGet, base+path, ""); status != 200 || strings.TrimSpace(string(body)) != "[]" {
			t.Errorf("%s: %d %s", path, status, body)
		}
	}

	if status, _, body := admin(t, http.MethodPost, base+"/sandbox/faults", "500,ok"); status != 204 {
		t.Fatalf("faults: %d %s", status, body)
	}
	if a := insert(t, base, "tok", insertBody(`{"name":"x"}`)); a.status != 500 {
		t.Errorf("got %d, want the scripted 500", a.status)
	}
	created := insert(t, base, "tok", insertBody(specFields))
	insert(t, base, "tok", "not json")

	status, _, body := admin(t, http.MethodGet, base+"/sandbox/records", "")
	var recs []Record
	if err := json.Unmarshal(body, &recs); status != 200 || err != nil {
		t.Fatalf("records: %d %s (%v)", status, body, err)
	}
	if len(recs) != 1 || recs[0].ID != created.id() || recs[0].Operation != "My-CRM-operation" {
		t.Errorf("records %+v", recs)
	}
	var fields map[string]any
	if err := json.Unmarshal(recs[0].Fields, &fields); err != nil || fields["name"] != "Activity name" {
		t.Errorf("fields %s", recs[0].Fields)
	}

	status, _, body = admin(t, http.MethodGet, base+"/sandbox/requests", "")
	var reqs []RequestLog
	if err := json.Unmarshal(body, &reqs); status != 200 || err != nil {
		t.Fatalf("requests: %d %s (%v)", status, body, err)
	}
	if len(reqs) != 3 {
		t.Fatalf("%d requests, want 3", len(reqs))
	}
	if r := reqs[0]; r.Status != 500 || r.Fault != "500" || r.Created != "" {
		t.Errorf("request 1: %+v", r)
	}
	if r := reqs[1]; r.Status != 200 || r.Created != created.id() {
		t.Errorf("request 2: %+v", r)
	}
	if r := reqs[2]; r.Status != 400 || string(r.Body) != `"not json"` {
		t.Errorf("request 3: %+v (body %s)", r, r.Body)
	}

	// The daily limit of 3 is spent; reset clears it with everything else.
	wantError(t, insert(t, base, "tok", insertBody(`{"name":"x"}`)), 403, textQuota)
	admin(t, http.MethodPost, base+"/sandbox/faults", "500")
	if status, _, body := admin(t, http.MethodPost, base+"/sandbox/reset", ""); status != 204 {
		t.Fatalf("reset: %d %s", status, body)
	}
	if _, _, body := admin(t, http.MethodGet, base+"/sandbox/records", ""); strings.TrimSpace(string(body)) != "[]" {
		t.Errorf("records after reset: %s", body)
	}
	if _, _, body := admin(t, http.MethodGet, base+"/sandbox/requests", ""); strings.TrimSpace(string(body)) != "[]" {
		t.Errorf("requests after reset: %s", body)
	}
	if a := insert(t, base, "tok", insertBody(`{"name":"x"}`)); a.status != 200 {
		t.Errorf("after reset: %d %s", a.status, a.body)
	}
}

func TestAdminRefusals(t *testing.T) {
	_, base := start(t, Options{})
	tests := []struct {
		method, path, body string
		status             int
		allow, wantError   string
	}{
		{http.MethodPost, "/sandbox/faults", "500,slow:x", 400, "", `entry 2 "slow:x": slow needs a positive duration`},
		{http.MethodGet, "/sandbox/faults", "", 405, "POST", "/sandbox/faults takes POST"},
		{http.MethodPost, "/sandbox/records", "", 405, "GET", "/sandbox/records takes GET"},
		{http.MethodDelete, "/sandbox/requests", "", 405, "GET", "takes GET"},
		{http.MethodGet, "/sandbox/reset", "", 405, "POST", "takes POST"},
		{http.MethodGet, "/sandbox/nope", "", 404, "", "unknown sandbox endpoint"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			status, header, body := admin(t, tt.method, base+tt.path, tt.body)
			var got struct {
				Error string `json:"error"`
			}
			if err := json.Unmarshal(body, &got); err != nil || status != tt.status || !strings.Contains(got.Error, tt.wantError) {
				t.Errorf("got %d %s, want %d with %q", status, body, tt.status, tt.wantError)
			}
			if header.Get("Allow") != tt.allow {
				t.Errorf("Allow = %q, want %q", header.Get("Allow"), tt.allow)
			}
		})
	}
}
