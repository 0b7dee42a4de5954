package wolkvox

import (
	"errors"
	"testing"
)

func TestParseServer(t *testing.T) {
	tests := []struct {
		in, insert string
		err        error
	}{
		{in: "wv0001.wolkvox.com", insert: "https://wv0001.wolkvox.com/server/API/v2/custom/insert.php"},
		{in: " https://wv0001.wolkvox.com/ ", insert: "https://wv0001.wolkvox.com/server/API/v2/custom/insert.php"},
		{in: "https://wv0001.wolkvox.com/server/API/v2/custom/insert.php", insert: "https://wv0001.wolkvox.com/server/API/v2/custom/insert.php"},
		{in: "http://127.0.0.1:8080", insert: "http://127.0.0.1:8080/server/API/v2/custom/insert.php"},
		{in: "http://localhost:9", insert: "http://localhost:9/server/API/v2/custom/insert.php"},
		{in: "http://[::1]:9", insert: "http://[::1]:9/server/API/v2/custom/insert.php"},
		{in: "http://wv0001.wolkvox.com", err: ErrPlainHTTP},
		{in: "http://10.0.0.5:8080", err: ErrPlainHTTP},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			e, err := ParseServer(tt.in)
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("err = %v, want %v", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := e.InsertURL(); got != tt.insert {
				t.Errorf("InsertURL = %q, want %q", got, tt.insert)
			}
		})
	}
	for _, bad := range []string{"", "ftp://x", "https://user:pw@host", "https://host/?q=1", "https://"} {
		if _, err := ParseServer(bad); err == nil {
			t.Errorf("ParseServer(%q) accepted", bad)
		}
	}
}
