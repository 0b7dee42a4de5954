package wolkvox

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"sync/atomic"
	"time"
)

// maxAnswer bounds what we read of an answer: Wolkvox's are a few hundred bytes.
const maxAnswer = 1 << 20

// Client sends inserts to one Wolkvox server with one token.
type Client struct {
	endpoint Endpoint
	token    string
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
		timeout:  timeout,
		http: &http.Client{
			Transport: tr,
			CheckRedirect: func(*http.Request, []*http.Request) error {
				return http.ErrUseLastResponse
			},
		},
	}
}

// Endpoint is the server this client talks to.
func (c *Client) Endpoint() Endpoint { return c.endpoint }

// Insert sends one prepared request body. ctx bounds the wait; the per-request timeout
// starts here, after any rate-limit wait.
func (c *Client) Insert(ctx context.Context, body []byte) Answer {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()

	// Whether the request was written decides between "safe to retry" and "uncertain".
	var wrote atomic.Bool
	ctx = httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
		WroteRequest: func(info httptrace.WroteRequestInfo) {
			if info.Err == nil {
				wrote.Store(true)
			}
		},
	})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.endpoint.InsertURL(), bytes.NewReader(body))
	if err != nil {
		return Answer{Kind: FatalConfig, Msg: "cannot build the request: " + err.Error()}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Wolkvox-Token", c.token)

	resp, err := c.http.Do(req)
	if err != nil {
		return c.transportFailure(err, wrote.Load())
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	if err != nil {
		// The server answered but the body was cut: it may have created the meeting.
		return Answer{Kind: Uncertain, Status: resp.StatusCode, Msg: fmt.Sprintf("the answer (HTTP %d) was cut off: %v", resp.StatusCode, c.scrub(err))}
	}
	return Classify(resp.StatusCode, resp.Header, raw)
}

func (c *Client) transportFailure(err error, wrote bool) Answer {
	err = c.scrub(err)
	if !wrote {
		return Answer{Kind: Retryable, Msg: "could not reach the server: " + err.Error()}
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return Answer{Kind: Uncertain, Msg: fmt.Sprintf("no answer within %s; the meeting may have been created: check in Wolkvox before re-sending (--retry-uncertain)", c.timeout)}
	}
	return Answer{Kind: Uncertain, Msg: "the connection was lost after sending; the meeting may have been created: check in Wolkvox before re-sending (--retry-uncertain): " + err.Error()}
}

// scrub makes sure no error text can carry the token (a url.Error holds only the URL,
// which has no secret, but errors are written to files: belt and braces).
func (c *Client) scrub(err error) error {
	if c.token == "" || err == nil {
		return err
	}
	msg := err.Error()
	if !bytes.Contains([]byte(msg), []byte(c.token)) {
		return err
	}
	return errors.New(string(bytes.ReplaceAll([]byte(msg), []byte(c.token), []byte("[token]"))))
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
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.endpoint.TokenInfoURL(operation), nil)
	if err != nil {
		return TokenInfo{}, err
	}
	req.Header.Set("Wolkvox-Token", c.token)
	resp, err := c.http.Do(req)
	if err != nil {
		return TokenInfo{}, c.scrub(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	if err != nil {
		return TokenInfo{}, c.scrub(err)
	}
	if resp.StatusCode != http.StatusOK {
		return TokenInfo{}, fmt.Errorf("token information: HTTP %d %s", resp.StatusCode, snippet(raw))
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
		return TokenInfo{}, fmt.Errorf("token information: unexpected answer %s", snippet(raw))
	}
	limit, err1 := b.Data.Limit.Int64()
	used, err2 := b.Data.Used.Int64()
	if err1 != nil || err2 != nil {
		return TokenInfo{}, fmt.Errorf("token information: unexpected answer %s", snippet(raw))
	}
	hours, _ := b.Data.Restart.Float64()
	return TokenInfo{Limit: int(limit), UsedToday: int(used), HoursToRestart: hours}, nil
}
