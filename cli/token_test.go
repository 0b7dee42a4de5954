package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wolkvox-import/wolkvox-import/i18n"
)

func TestReadTokenFile(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name    string
		content []byte
		want    string
		errHas  string
	}{
		{"plain", []byte("tok-1\n"), "tok-1", ""},
		{"UTF-8 BOM and CRLF", []byte("\uFEFFtok-2\r\n"), "tok-2", ""},
		{"trailing spaces and blank lines", []byte("  tok-3 \t\r\n\r\n\n"), "tok-3", ""},
		{"UTF-16 LE with BOM", []byte{0xFF, 0xFE, 't', 0, 'o', 0, 'k', 0, '-', 0, '4', 0, '\r', 0, '\n', 0}, "tok-4", ""},
		{"UTF-16 BE with BOM", []byte{0xFE, 0xFF, 0, 't', 0, 'o', 0, 'k', 0, '-', 0, '5'}, "tok-5", ""},
		{"second line", []byte("tok-6\nmore-text\n"), "", "holds more than one line (line 2 is not empty)"},
		{"control character", []byte("tok\x01-7"), "", "control character (code 1 at character 4)"},
		{"empty", []byte("\uFEFF \r\n"), "", "is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "_")+".txt")
			if err := os.WriteFile(path, tt.content, 0o600); err != nil {
				t.Fatal(err)
			}
			got, err := ReadToken(path, i18n.New(i18n.EN))
			if tt.errHas != "" {
				if err == nil || !strings.Contains(err.Error(), tt.errHas) {
					t.Fatalf("err = %v, want %q", err, tt.errHas)
				}
				if strings.Contains(err.Error(), "more-text") || strings.Contains(err.Error(), "tok-") {
					t.Errorf("the error shows the file's content: %v", err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("readToken = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

// A --token-file value is shown when it looks like a file name, never when it could be
// the token typed in its place.
func TestShownTokenFile(t *testing.T) {
	t.Setenv("WOLKVOX_TOKEN", "env-token-value-1234")
	tests := []struct {
		value string
		shown bool
	}{
		{"tok.txt", true},
		{"./token", true},
		{"~/.wolkvox-token", true},
		{"/home/ana/secrets/wolkvox-production.token", true},
		{`C:\Users\ana\token.txt`, true},
		{"SECRET", false},
		{"Zq8xQ2w9e7r6t5y4u3i2o1p", false},
		{"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abc", false}, // a JWT
		{"aGVsbG8gd29ybGQ1234567/abc+def==", false},                     // base64 with a slash
		{"env-token-value-1234", false},                                 // WOLKVOX_TOKEN itself
		{"./env-token-value-1234", false},
		{filepath.Join(t.TempDir(), "token.txt"), true},                // a temporary folder's long name
		{filepath.Join(t.TempDir(), "Zq8xQ2w9e7r6t5y4u3i2o1p"), false}, // the token in a real folder
		{"/Zq8xQ2w9e7r6t5y4u3i2o1p", false},
	}
	for _, tt := range tests {
		got := ShownTokenFile(tt.value, i18n.New(i18n.EN))
		if shown := !strings.HasPrefix(got, "(the value given is not shown"); shown != tt.shown {
			t.Errorf("ShownTokenFile(%q) = %q, shown %v, want %v", tt.value, got, shown, tt.shown)
		}
	}
}

func TestCheckServerValue(t *testing.T) {
	const token = "Zq8xQ2w9e7r6t5y4u3i2o1p"
	tests := []struct {
		server string
		ok     bool
	}{
		{"wv0001.wolkvox.com", true},
		{"https://wv0001.wolkvox.com", true},
		{"http://127.0.0.1:8080", true},
		{"localhost", true},
		{"intranet-proxy", true},
		{token, false},
		{"https://" + token + ".example.com", false}, // holds the token
		{"Zm9vYmFyYmF6MTIzNDU2Nzg5", false},          // looks like a token
		{"abc+def=", false},
	}
	for _, tt := range tests {
		err := CheckServer(tt.server, token, i18n.New(i18n.EN))
		if (err == nil) != tt.ok {
			t.Errorf("CheckServer(%q) = %v, want ok %v", tt.server, err, tt.ok)
		}
		if err != nil && strings.Contains(err.Error(), tt.server) {
			t.Errorf("the error echoes the value: %v", err)
		}
	}
}

// A short token (a sandbox's "t", "test") is not looked for inside other values: it is in
// any text, and "http://127.0.0.1:18555" was refused as holding the token "t".
func TestShortTokenIsNotFoundEverywhere(t *testing.T) {
	for _, tt := range []struct {
		v, token string
		holds    bool
	}{
		{"http://127.0.0.1:18555", "t", false},
		{"http://test.example", "test", false},
		{"t", "t", true}, // the value is the token itself
		{"https://Zq8xQ2w9.example", "Zq8xQ2w9", true},
		{"anything", "", false},
	} {
		if got := holdsToken(tt.v, tt.token); got != tt.holds {
			t.Errorf("holdsToken(%q, %q) = %v, want %v", tt.v, tt.token, got, tt.holds)
		}
	}
	if err := CheckServer("http://127.0.0.1:18555", "t", i18n.New(i18n.EN)); err != nil {
		t.Errorf("checkServerValue with the token t: %v", err)
	}
	t.Setenv("WOLKVOX_TOKEN", "t")
	if got := ShownTokenFile("token.txt", i18n.New(i18n.EN)); got != `"token.txt"` {
		t.Errorf("shownTokenFile with the token t = %s", got)
	}
}
