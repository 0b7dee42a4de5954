// Package wolkvox is the client of Wolkvox CRM's "insert activity" API: where to send,
// how to send without leaking the token, and what each answer means for the row.
package wolkvox

import (
	"errors"
	"net"
	"net/url"
	"strings"

	"github.com/wolkvox-import/wolkvox-import/i18n"
)

const (
	insertPath    = "/server/API/v2/custom/insert.php"
	tokenInfoPath = "/server/API/v2/token/tokenInformation.php"
)

// ErrPlainHTTP is returned for an http:// server that is not on this machine: the token
// would cross the network in clear text.
var ErrPlainHTTP = errors.New("plain http is allowed only to this machine (127.0.0.1, ::1, localhost); use https")

// Endpoint is the resolved address of one Wolkvox server.
type Endpoint struct {
	base *url.URL // scheme and host (and any path prefix the user gave)
}

// ParseServer reads --server / WOLKVOX_SERVER: a bare host ("wv0001.wolkvox.com") means
// https; a URL keeps its scheme, and the API path is appended to it.
func ParseServer(server string) (Endpoint, error) {
	s := strings.TrimSpace(server)
	if s == "" {
		return Endpoint{}, &ServerError{Key: "server.none"}
	}
	if !strings.Contains(s, "://") {
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return Endpoint{}, &ServerError{Key: "server.not_host", Args: []any{server}}
	}
	switch u.Scheme {
	case "https":
	case "http":
		if !IsLoopback(u.Hostname()) {
			return Endpoint{}, &ServerError{Key: "server.plain_http", Args: []any{server}, Err: ErrPlainHTTP}
		}
	default:
		return Endpoint{}, &ServerError{Key: "server.scheme", Args: []any{server, u.Scheme}}
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return Endpoint{}, &ServerError{Key: "server.extra", Args: []any{server}}
	}
	u.Path = strings.TrimSuffix(u.Path, "/")
	// A user who pasted the whole insert URL means the same server.
	u.Path = strings.TrimSuffix(u.Path, insertPath)
	return Endpoint{base: u}, nil
}

// ServerError is a --server that ParseServer refuses, said in any language (Localize);
// Error is English. Err is the sentinel it matches, if any (ErrPlainHTTP).
type ServerError struct {
	Key  string // the catalog's message
	Args []any
	Err  error
}

func (e *ServerError) Error() string                   { return e.Localize(english) }
func (e *ServerError) Unwrap() error                   { return e.Err }
func (e *ServerError) Localize(p *i18n.Printer) string { return p.T(e.Key, e.Args...) }

// IsLoopback reports whether host names this machine.
func IsLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// InsertURL is where meetings are created.
func (e Endpoint) InsertURL() string { return e.base.String() + insertPath }

// TokenInfoURL answers the token's daily allowance.
func (e Endpoint) TokenInfoURL(operation string) string {
	return e.base.String() + tokenInfoPath + "?operation=" + url.QueryEscape(operation)
}

// Host is the host (and port) the token may be sent to, and nowhere else.
func (e Endpoint) Host() string { return e.base.Host }

// String identifies the server in the ledger and in messages; it holds no secret.
func (e Endpoint) String() string { return e.base.String() }
