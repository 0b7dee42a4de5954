package wolkvox

import (
	"encoding/base64"
	"net/url"
	"strings"
	"testing"
)

// A token with the characters that encodings change: "/", "+", "=".
const longToken = "Ab3/Tok+en=9f1d2c9e7b6a"

func TestScrub(t *testing.T) {
	tok := longToken
	tests := []struct {
		name, text string
	}{
		{"raw", "header Wolkvox-Token: " + tok + " refused"},
		{"lower case", "token " + strings.ToLower(tok) + " refused"},
		{"upper case", "TOKEN " + strings.ToUpper(tok) + " REFUSED"},
		{"URL query escaped", "GET /x?token=" + url.QueryEscape(tok)},
		{"URL path escaped", "/x/" + url.PathEscape(tok) + "/y"},
		{"URL escaped lower-case hex", "?t=" + strings.ToLower(url.QueryEscape(tok))},
		{"JSON escaped by PHP", `{"headers":{"Wolkvox-Token":"` + strings.ReplaceAll(tok, "/", `\/`) + `"}}`},
		{"JSON \\u escaped", `"` + strings.ReplaceAll(strings.ReplaceAll(tok, "+", `\u002b`), "=", `\u003d`) + `"`},
		{"HTML escaped", "<td>" + strings.ReplaceAll(tok, "+", "&#43;") + "</td>"},
		{"base64", "Authorization: Basic " + base64.StdEncoding.EncodeToString([]byte(tok))},
		{"split by a line break", "token: " + tok[:10] + "\r\n " + tok[10:]},
		{"split by an escaped line break", "token: " + tok[:8] + `\n` + tok[8:]},
		{"split by spaces", "token: " + strings.Join(strings.Split(tok, ""), " ")},
		{"a piece of it", "token starts with " + tok[:14] + "..."},
		{"its end", "..." + tok[len(tok)-13:]},
		{"twice", tok + " and " + tok},
	}
	sc := NewScrubber(tok)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := sc.Scrub(tt.text)
			if !strings.Contains(got, Redacted) {
				t.Errorf("Scrub(%q) = %q: nothing redacted", tt.text, got)
			}
			for _, piece := range []string{tok[:6], tok[6:12], tok[12:18], tok[len(tok)-6:]} {
				if strings.Contains(strings.ToLower(strings.Join(strings.Fields(got), "")), strings.ToLower(piece)) {
					t.Errorf("Scrub(%q) = %q still holds %q", tt.text, got, piece)
				}
			}
		})
	}
}

func TestScrubLeavesOtherTextAlone(t *testing.T) {
	sc := NewScrubber(longToken)
	for _, text := range []string{
		"",
		"SOME PARAMETERS ARE REQUIRED: name is empty",
		"Ab3 is a fine name; Tok is too",       // short pieces are not the token
		"día 3 — reunión «Ab3/Tok» en la sala", // non-ASCII around a short piece
	} {
		if got := sc.Scrub(text); got != text {
			t.Errorf("Scrub(%q) = %q, want it unchanged", text, got)
		}
	}
	if got := NewScrubber("").Scrub("anything"); got != "anything" {
		t.Errorf("the empty token scrubbed %q", got)
	}
	var nilScrubber *Scrubber
	if got := nilScrubber.Scrub("x"); got != "x" {
		t.Errorf("nil scrubber: %q", got)
	}
}

// A short token is scrubbed whole (and encoded), not by pieces.
func TestScrubShortToken(t *testing.T) {
	sc := NewScrubber("t0k/1")
	if got := sc.Scrub(`echo t0k\/1 and t0k%2F1`); strings.Contains(got, "t0k") {
		t.Errorf("got %q", got)
	}
}

func FuzzScrub(f *testing.F) {
	f.Add("x " + longToken + " y")
	f.Add(url.QueryEscape(longToken))
	f.Fuzz(func(t *testing.T, text string) {
		sc := NewScrubber(longToken)
		got := sc.Scrub(text + longToken + text)
		if strings.Contains(got, longToken) {
			t.Fatalf("token left in %q", got)
		}
	})
}

// A short token is scrubbed as a whole word only: a test's token "x" must not eat the
// x of WOLKVOX_SERVER in a message.
func TestScrubShortTokenWholeWordOnly(t *testing.T) {
	sc := NewScrubber("x")
	if got, want := sc.Scrub("check WOLKVOX_SERVER; token x refused"), "check WOLKVOX_SERVER; token [token] refused"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
