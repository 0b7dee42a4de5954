package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/wolkvox-import/wolkvox-import/i18n"
)

// The token never appears in a message: it is read from the environment or a file,
// cleaned, and any value given where a file or a server goes that may be the token is
// not echoed.

// ReadToken reads the token from WOLKVOX_TOKEN, or from file when one is given: a byte
// order mark and surrounding spaces and line breaks are dropped (Notepad saves both);
// anything that cannot go in an HTTP header is refused here, before any request, with a
// message that names the source and never shows the token.
func ReadToken(file string, p *i18n.Printer) (string, error) {
	if file == "" {
		t, err := cleanToken([]byte(os.Getenv("WOLKVOX_TOKEN")), p)
		if err != nil {
			return "", errors.New(p.T("cli.token.env.bad", err.Error()))
		}
		return t, nil
	}
	name := ShownTokenFile(file, p)
	b, err := os.ReadFile(file)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // its Path is the value given, shown (or not) by name
		}
		return "", errors.New(p.T("cli.token_file.unreadable", name, err.Error()))
	}
	t, err := cleanToken(b, p)
	if err != nil {
		return "", errors.New(p.T("cli.token_file.bad", name, err.Error()))
	}
	if t == "" {
		return "", errors.New(p.T("cli.token_file.empty", name))
	}
	return t, nil
}

// cleanToken is b without a BOM (UTF-8, or UTF-16 as Windows' "Unicode" saves) or
// surrounding white space; an error says what else is wrong, without the token.
func cleanToken(b []byte, p *i18n.Printer) (string, error) {
	var s string
	switch {
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		s = decodeUTF16(b)
	default:
		s = string(bytes.TrimPrefix(b, []byte("\uFEFF")))
	}
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		return "", errors.New(p.T("cli.token.lines", strings.Count(s[:i], "\n")+2))
	}
	for i, r := range s {
		if r < 0x20 && r != '\t' || r == 0x7F {
			return "", errors.New(p.T("cli.token.control", int(r), utf8.RuneCountInString(s[:i])+1))
		}
	}
	return s, nil
}

func decodeUTF16(b []byte) string {
	big := b[0] == 0xFE
	b = b[2:]
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		if big {
			u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
		} else {
			u = append(u, uint16(b[i+1])<<8|uint16(b[i]))
		}
	}
	return string(utf16.Decode(u))
}

// ShownTokenFile is how a --token-file value appears in messages. A token pasted where
// its file's name goes must not be echoed, so the value is shown only when it looks
// like a file name: it has a directory, starts with "." or "~", or ends in a short
// extension such as .txt; and never when it is WOLKVOX_TOKEN, or has a long run of
// mixed letters and digits, as tokens do.
func ShownTokenFile(v string, p *i18n.Printer) string {
	hidden := p.T("cli.token_file.hidden")
	if holdsToken(v, strings.TrimSpace(os.Getenv("WOLKVOX_TOKEN"))) {
		return hidden
	}
	if !looksLikePath(v) {
		return hidden
	}
	// In a directory that exists, only the file's own name must not look like a token
	// (temporary and synced folders have long mixed names).
	if dir, base := filepath.Split(v); dir != "" && !tokenLike(base) {
		if st, err := os.Stat(dir); err == nil && st.IsDir() {
			return fmt.Sprintf("%q", v)
		}
	}
	if tokenLike(v) {
		return hidden
	}
	return fmt.Sprintf("%q", v)
}

func looksLikePath(v string) bool {
	if len(v) > 255 || strings.ContainsAny(v, "\r\n") {
		return false
	}
	if strings.ContainsAny(v, `/\`) || strings.HasPrefix(v, ".") || strings.HasPrefix(v, "~") {
		return true
	}
	ext := filepath.Ext(v)
	return len(ext) >= 2 && len(ext) <= 6 && strings.IndexFunc(ext[1:], func(r rune) bool {
		return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9')
	}) < 0
}

// tokenLike reports whether v holds a run of 20 or more letters and digits (and
// -_+=) that mixes letters and digits, as tokens do and file names rarely do.
func tokenLike(v string) bool {
	for _, part := range strings.FieldsFunc(v, func(r rune) bool { return strings.ContainsRune(`/\. `, r) }) {
		if len(part) < 20 {
			continue
		}
		letters := strings.IndexFunc(part, func(r rune) bool { return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' }) >= 0
		digits := strings.IndexFunc(part, func(r rune) bool { return '0' <= r && r <= '9' }) >= 0
		if letters && digits {
			return true
		}
	}
	return false
}

// minTokenInside is the shortest token looked for inside another value: a shorter one
// (a sandbox's "t") is found in any text ("http"), and no real token is that short.
const minTokenInside = 8

// holdsToken reports whether v is, or holds, the token.
func holdsToken(v, token string) bool {
	if token == "" {
		return false
	}
	return strings.TrimSpace(v) == token || len(token) >= minTokenInside && strings.Contains(v, token)
}

// CheckServer refuses a --server (or WOLKVOX_SERVER) that holds the token, or
// that looks like a token rather than a host, without echoing it: the server's
// address is printed in the summary and written to the ledger.
func CheckServer(server, token string, p *i18n.Printer) error {
	if holdsToken(server, token) {
		return errors.New(p.T("cli.server.token"))
	}
	host := strings.TrimSpace(server)
	if strings.Contains(host, "://") || strings.ContainsAny(host, ".:[") || strings.EqualFold(host, "localhost") {
		return nil
	}
	if tokenLike(host) || strings.ContainsAny(host, "+=/") {
		return errors.New(p.T("cli.server.not_host"))
	}
	return nil
}
