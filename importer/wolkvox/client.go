package wolkvox

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/wolkvox-import/wolkvox-import/i18n"
)

// maxAnswer bounds what we read of an answer: Wolkvox's are a few hundred bytes.
const maxAnswer = 1 << 20

// Client sends inserts to one Wolkvox server with one token.
type Client struct {
	endpoint Endpoint
	token    string
	scrubber *Scrubber
	p        *i18n.Printer // the language of its own words in answers; nil: English
	http     *http.Client
	timeout  time.Duration
}

// NewClient prepares a client whose connection pool keeps concurrency connections alive.
// The token is only ever put in the Wolkvox-Token header of requests to endpoint's host:
// redirects are never followed, since Go's client would forward custom headers such as
// Wolkvox-Token to wherever the redirect points.
func NewClient(endpoint Endpoint, token string, timeout time.Duration, concurrency int) *Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = max(concurrency, 2)
	tr.MaxIdleConns = max(concurrency, 2) * 2
	return &Client{
		endpoint: endpoint,
		token:    token,
		scrubber: NewScrubber(token),
		timeout:  timeout,
		http: &http.Client{
			Transport: tr,
			CheckRedirect: func(*http.Request, []*http.Request) error {
				return http.ErrUseLastResponse
			},
		},
	}
}

// SetLang makes the client's own words in answers (what went wrong, what to check) speak
// lang; the server's words stay as it wrote them. Call it before the first request.
func (c *Client) SetLang(lang i18n.Lang) { c.p = i18n.New(lang) }

func (c *Client) printer() *i18n.Printer {
	if c.p == nil {
		return english
	}
	return c.p
}

// Endpoint is the server this client talks to.
func (c *Client) Endpoint() Endpoint { return c.endpoint }

// Insert sends one prepared request body. ctx bounds the wait; the per-request timeout
// starts here, after any rate-limit wait.
func (c *Client) Insert(ctx context.Context, body []byte) Answer {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()

	// Whether the request was written decides between "safe to retry" and "uncertain".
	ctx, wrote := traceWrite(ctx)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.endpoint.InsertURL(), bytes.NewReader(body))
	if err != nil {
		return Answer{Kind: FatalConfig, Msg: c.printer().T("answer.request", err.Error())}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Wolkvox-Token", c.token)

	resp, err := c.http.Do(req)
	if err != nil {
		return c.clean(c.transportFailure(err, wrote.Load()))
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer+1))
	success := resp.StatusCode >= 200 && resp.StatusCode < 300
	if err != nil && success {
		// The server answered but the body was cut: it may have created the meeting.
		p := c.printer()
		return c.clean(Answer{Kind: Uncertain, Status: resp.StatusCode, Msg: p.T("answer.cut_off", resp.StatusCode, c.scrub(err).Error(), p.T("answer.uncertain_advice"))})
	}
	return c.clean(classify(resp.StatusCode, resp.Header, raw, len(raw) > maxAnswer, c.scrubber, c.printer()))
}

// traceWrite reports, through the returned flag, whether a request made with ctx was
// written to a connection.
func traceWrite(ctx context.Context) (context.Context, *atomic.Bool) {
	wrote := new(atomic.Bool)
	return httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
		WroteRequest: func(info httptrace.WroteRequestInfo) {
			if info.Err == nil {
				wrote.Store(true)
			}
		},
	}), wrote
}

// Scrub removes the token from text (see Scrubber).
func (c *Client) Scrub(text string) string { return c.scrubber.Scrub(text) }

// clean is the last step of every answer: whatever its message was built from, it
// leaves without the token.
func (c *Client) clean(a Answer) Answer {
	a.Msg = c.scrubber.Scrub(a.Msg)
	a.ID = c.scrubber.Scrub(a.ID)
	return a
}

func (c *Client) transportFailure(err error, wrote bool) Answer {
	err = c.scrub(err)
	if !wrote {
		kind, msg := c.unreachable(err)
		return Answer{Kind: kind, Msg: msg}
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return Answer{Kind: Uncertain, Msg: c.printer().T("answer.timeout", c.timeout)}
	}
	return Answer{Kind: Uncertain, Msg: c.printer().T("answer.lost", err.Error())}
}

// unreachable says, for a request that never left, what went wrong and where to look.
// A token that cannot be a header value is a configuration error; everything else
// means no connection was made.
func (c *Client) unreachable(err error) (Kind, string) {
	cause := err
	var ue *url.Error
	if errors.As(err, &ue) {
		cause = ue.Err
	}
	host := c.endpoint.Host()
	text := cause.Error()
	p := c.printer()
	var (
		dns       *net.DNSError
		unknownCA x509.UnknownAuthorityError
		hostname  x509.HostnameError
		invalid   x509.CertificateInvalidError
		verify    *tls.CertificateVerificationError
		record    tls.RecordHeaderError
		alert     tls.AlertError
	)
	switch {
	case strings.Contains(text, "invalid header field value"):
		return FatalConfig, p.T("answer.token_header")
	case strings.Contains(text, "proxyconnect"):
		return Unreachable, p.T("answer.proxy", host, text)
	case errors.As(err, &dns):
		why := dns.Err
		if dns.IsNotFound {
			why = p.T("answer.dns.no_such_host")
		}
		return Unreachable, p.T("answer.dns", dns.Name, why)
	case errors.Is(err, syscall.ECONNREFUSED):
		return Unreachable, p.T("answer.refused", host)
	case errors.Is(err, syscall.EMFILE) || errors.Is(err, syscall.ENFILE):
		return Unreachable, p.T("answer.files")
	case errors.As(err, &hostname):
		return Unreachable, p.T("answer.tls.name", host, hostname.Error())
	case errors.As(err, &invalid):
		return Unreachable, p.T("answer.tls.invalid", host, invalid.Error())
	case errors.As(err, &unknownCA) || errors.As(err, &verify):
		return Unreachable, p.T("answer.tls.untrusted", host, text)
	case strings.Contains(text, "server gave HTTP response to HTTPS client"):
		return Unreachable, p.T("answer.plain_http", host)
	case errors.As(err, &record) || errors.As(err, &alert) || strings.Contains(text, "tls:"):
		return Unreachable, p.T("answer.tls.handshake", host, text)
	case errors.Is(err, context.DeadlineExceeded):
		return Unreachable, p.T("answer.connect_timeout", host, c.timeout)
	}
	return Unreachable, p.T("answer.connect", host, text)
}

// scrub makes sure no error text can carry the token (a url.Error holds only the URL,
// which has no secret, but errors are written to files: belt and braces).
func (c *Client) scrub(err error) error {
	return c.scrubber.ScrubError(err)
}

// TokenInfo is the token's daily allowance as Wolkvox reports it.
type TokenInfo struct {
	Limit          int
	UsedToday      int
	HoursToRestart float64
}

// Left is how many calls the token may still make today.
func (t TokenInfo) Left() int { return max(t.Limit-t.UsedToday, 0) }

// TokenInformation asks the server for the token's allowance. It costs one call.
func (c *Client) TokenInformation(ctx context.Context, operation string) (TokenInfo, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	ctx, wrote := traceWrite(ctx)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.endpoint.TokenInfoURL(operation), nil)
	if err != nil {
		return TokenInfo{}, err
	}
	req.Header.Set("Wolkvox-Token", c.token)
	resp, err := c.http.Do(req)
	if err != nil {
		// Unreachable (nothing sent) or, once sent, an answer that did not come.
		a := c.clean(c.transportFailure(err, wrote.Load()))
		return TokenInfo{}, &AnswerError{Answer: a}
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	if err != nil {
		return TokenInfo{}, c.scrub(err)
	}
	if resp.StatusCode != http.StatusOK {
		return TokenInfo{}, fmt.Errorf("token information: HTTP %d %s", resp.StatusCode, c.snippet(raw))
	}
	var b struct {
		Data struct {
			Limit   json.Number `json:"token_limit"`
			Used    json.Number `json:"token_use_today"`
			Restart json.Number `json:"hours_to_restart_count"`
		} `json:"data"`
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&b); err != nil {
		return TokenInfo{}, fmt.Errorf("token information: unexpected answer %s", c.snippet(raw))
	}
	limit, err1 := b.Data.Limit.Int64()
	used, err2 := b.Data.Used.Int64()
	if err1 != nil || err2 != nil {
		return TokenInfo{}, fmt.Errorf("token information: unexpected answer %s", c.snippet(raw))
	}
	hours, _ := b.Data.Restart.Float64()
	return TokenInfo{Limit: int(limit), UsedToday: int(used), HoursToRestart: hours}, nil
}

func (c *Client) snippet(raw []byte) string {
	return clip(c.scrubber.Scrub(snippetWindow(raw)), maxSnippet)
}

// AnswerError is a failed call that the run must judge as it judges an insert's answer
// (a server that cannot be reached, a token that cannot be sent).
type AnswerError struct{ Answer Answer }

func (e *AnswerError) Error() string { return e.Answer.Msg }

// Timeout is the per-request timeout: the longest a request in flight can still take.
func (c *Client) Timeout() time.Duration { return c.timeout }
