package wolkvox

import (
	"encoding/base64"
	"fmt"
	"regexp"
	"strings"
)

// Redacted replaces the token wherever a text held it.
const Redacted = "[token]"

// fragmentMin is the shortest piece of a long token that is scrubbed on its own: a
// proxy that cuts a header at a width, or a server that shows "the first 20
// characters", leaks a piece, not the whole.
const fragmentMin = 12

// Scrubber removes one token from texts that servers and proxies write, whatever
// they did to it: raw, URL-escaped, JSON-escaped (PHP also escapes "/" as "\/"),
// HTML-escaped or base64, in any letter case, split by line breaks or spaces (a
// folded or wrapped header), and any piece of at least 12 characters of a token of
// 16 or more. Every text that comes from the server goes through one Scrubber, in the
// Client, before anything stores or prints it.
type Scrubber struct {
	token string
	re    *regexp.Regexp
}

// NewScrubber prepares the scrubbing of token; an empty token scrubs nothing.
func NewScrubber(token string) *Scrubber {
	s := &Scrubber{token: token}
	if token == "" {
		return s
	}
	// Each character as itself or escaped (URL, JSON, PHP's "\/", HTML), in any mix,
	// as an encoder may escape some characters only; and the token in base64 (padded
	// forms first: the first alternative that matches wins).
	alts := []string{spaced(token, charForms)}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding, base64.RawStdEncoding, base64.RawURLEncoding} {
		alts = append(alts, spaced(enc.EncodeToString([]byte(token)), literal))
	}
	pattern := "(?i)(?:" + strings.Join(alts, "|") + ")"
	if len(token) < shortToken {
		// A short token (a test's "x", the sandbox's) would match inside ordinary
		// words: only as a whole word, raw or escaped. Real tokens are far longer.
		pattern = "(?i)" + wordEdge(token[0]) + spaced(token, charForms) + wordEdge(token[len(token)-1])
	}
	s.re = regexp.MustCompile(pattern)
	return s
}

// wordEdge is a word boundary when c is a word character, else nothing: "\b" next to
// a "/" would demand a letter on its other side.
func wordEdge(c byte) string {
	if c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
		return `\b`
	}
	return ""
}

// shortToken is the length below which a token is scrubbed only as a whole word.
const shortToken = 8

// gap is what a proxy or server may put inside a token it wraps: spaces and line
// breaks, raw, escaped or as HTML.
const gap = `(?:[ \t\r\n]|\\[rnt]|%0[ad9]|%20|<br ?/?>)*`

// spaced matches v, each character by form, with gaps between them.
func spaced(v string, form func(rune) string) string {
	var parts []string
	for _, r := range v {
		parts = append(parts, form(r))
	}
	return strings.Join(parts, gap)
}

func literal(r rune) string { return regexp.QuoteMeta(string(r)) }

// charForms is r as written raw, URL-escaped, JSON-escaped (\uXXXX, or "\/" for
// "/"), or HTML-escaped.
func charForms(r rune) string {
	forms := []string{regexp.QuoteMeta(string(r))}
	if r < 0x80 && !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9') {
		forms = append(forms, `\\`+regexp.QuoteMeta(string(r)))
	}
	if r == ' ' {
		forms = append(forms, `\+`)
	}
	var pct strings.Builder
	for _, b := range []byte(string(r)) {
		fmt.Fprintf(&pct, "%%%02x", b)
	}
	forms = append(forms, regexp.QuoteMeta(pct.String()))
	if r <= 0xFFFF {
		forms = append(forms, fmt.Sprintf(`\\u%04x`, r))
	}
	forms = append(forms, fmt.Sprintf(`&#0*%d;`, r), fmt.Sprintf(`&#x0*%x;`, r))
	if name, ok := map[rune]string{'&': "amp", '<': "lt", '>': "gt", '"': "quot", '\'': "apos"}[r]; ok {
		forms = append(forms, "&"+name+";")
	}
	return "(?:" + strings.Join(forms, "|") + ")"
}

// Scrub returns text without the token.
func (s *Scrubber) Scrub(text string) string {
	if s == nil || s.re == nil || text == "" {
		return text
	}
	text = s.re.ReplaceAllString(text, Redacted)
	if len(s.token) >= 16 {
		text = s.fragments(text)
	}
	return text
}

// fragments replaces every run of at least fragmentMin characters that is a piece of
// the token (ignoring case).
func (s *Scrubber) fragments(text string) string {
	// ASCII case only, so that byte offsets in low are those of text.
	tok, low := asciiLower(s.token), asciiLower(text)
	var b strings.Builder
	last := 0
	for i := 0; i+fragmentMin <= len(low); {
		n := longestPiece(low[i:], tok)
		if n < fragmentMin {
			i++
			continue
		}
		b.WriteString(text[last:i])
		b.WriteString(Redacted)
		i += n
		last = i
	}
	if last == 0 {
		return text
	}
	b.WriteString(text[last:])
	return b.String()
}

// longestPiece is the length of the longest prefix of text that occurs in tok.
func longestPiece(text, tok string) int {
	best := 0
	for j := 0; j < len(tok); j++ {
		if tok[j] != text[0] {
			continue
		}
		n := 0
		for n < len(text) && j+n < len(tok) && text[n] == tok[j+n] {
			n++
		}
		best = max(best, n)
	}
	return best
}

func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// ScrubError is Scrub for an error's text; nil stays nil.
func (s *Scrubber) ScrubError(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	if clean := s.Scrub(msg); clean != msg {
		return scrubbedError{msg: clean, err: err}
	}
	return err
}

// scrubbedError keeps the original for errors.Is/As and shows only the clean text.
type scrubbedError struct {
	msg string
	err error
}

func (e scrubbedError) Error() string { return e.msg }
func (e scrubbedError) Unwrap() error { return e.err }
