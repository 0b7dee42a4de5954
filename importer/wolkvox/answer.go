package wolkvox

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Kind is what an answer means for the row and for the run. One function, Classify,
// decides it, so that every path through the importer agrees.
type Kind int

const (
	// Created: the server confirmed the meeting and returned its id.
	Created Kind = iota
	// Failed: the server rejected this row; sending it again would fail again.
	Failed
	// Retryable: overload or a request that never left; safe to send again.
	Retryable
	// Uncertain: the request may have reached the server but no answer came.
	// Inserts are not idempotent, so it is never re-sent automatically.
	Uncertain
	// FatalConfig: wrong server or token; every later row would fail the same way.
	FatalConfig
	// QuotaSpent: the token's daily allowance is used up; a later re-run continues.
	QuotaSpent
)

func (k Kind) String() string {
	switch k {
	case Created:
		return "created"
	case Failed:
		return "failed"
	case Retryable:
		return "retryable"
	case Uncertain:
		return "uncertain"
	case FatalConfig:
		return "fatal"
	case QuotaSpent:
		return "quota"
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// Answer is one attempt's outcome.
type Answer struct {
	Kind   Kind
	ID     string        // wolkvox_id, when Created
	Status int           // HTTP status, 0 when none came
	Msg    string        // the server's text or what went wrong, for the results sheet
	Wait   time.Duration // Retry-After, when the server gave one
	// Simultaneous marks Wolkvox's "too many requests in flight for this token":
	// the run should lower its concurrency.
	Simultaneous bool
}

// Texts Wolkvox puts in "error"/"msg" (its "API response codes" page).
const (
	textNoAPI        = "THE API YOU WANT TO CONSULT DOES NOT EXIST"
	textNoToken      = "PLEASE ENTER THE WOLKVOX-TOKEN"
	textBadToken     = "PLEASE VALIDATE TOKEN"
	textQuota        = "TOKEN LIMIT EXCEEDED"
	textSimultaneous = "SIMULTANEOUS REQUESTS"
)

// body is the part of Wolkvox's answer we rely on; everything else is ignored.
// Fields are raw because servers send code as 200 or "200" and ids as text or numbers.
type body struct {
	Code  json.RawMessage `json:"code"`
	Error json.RawMessage `json:"error"`
	Msg   json.RawMessage `json:"msg"`
	Data  json.RawMessage `json:"data"`
}

// Classify turns one HTTP answer into an Answer. It never fails: an answer of any shape
// is a failure with a message, never a crash.
func Classify(status int, header http.Header, raw []byte) Answer {
	var b body
	parsed := json.Unmarshal(raw, &b) == nil
	errText, msg := rawText(b.Error), rawText(b.Msg)
	server := serverText(errText, msg, raw, parsed)
	upper := strings.ToUpper(errText + " " + msg)

	a := Answer{Status: status, Msg: server}
	switch {
	case strings.Contains(upper, textNoAPI) || status == http.StatusNotFound || status == http.StatusMethodNotAllowed:
		a.Kind = FatalConfig
		a.Msg = fmt.Sprintf("the server answered %d %s: this is not a Wolkvox insert API; check --server (or WOLKVOX_SERVER)", status, server)
	case status == http.StatusUnauthorized || strings.Contains(upper, textNoToken) || strings.Contains(upper, textBadToken):
		a.Kind = FatalConfig
		a.Msg = fmt.Sprintf("the server refused the token (%d %s): put a valid token in WOLKVOX_TOKEN or in the file given to --token-file", status, server)
	case strings.Contains(upper, textQuota):
		a.Kind = QuotaSpent
	case strings.Contains(upper, textSimultaneous):
		a.Kind, a.Simultaneous = Retryable, true
	case status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable:
		a.Kind = Retryable
		a.Wait = RetryAfter(header.Get("Retry-After"), time.Now())
	case status == http.StatusInternalServerError || status == http.StatusBadGateway || status == http.StatusGatewayTimeout:
		a.Kind = Retryable
	case status >= 300 && status < 400:
		a.Kind = FatalConfig
		a.Msg = fmt.Sprintf("the server answered %d redirecting to %q; the token is never sent to another address: put the final address in --server", status, header.Get("Location"))
	case status != http.StatusOK:
		a.Kind = Failed
	case !parsed:
		a.Kind = Failed
		a.Msg = "the server's answer is not the JSON Wolkvox sends: " + snippet(raw)
	case !codeIs200(b.Code):
		a.Kind = Failed
	case !isNullError(b.Error):
		a.Kind = Failed
	default:
		id := dataID(b.Data)
		if id == "" {
			a.Kind = Failed
			a.Msg = "the server answered success without a wolkvox_id: " + server
			break
		}
		a.Kind, a.ID = Created, id
	}
	if a.Msg == "" {
		a.Msg = fmt.Sprintf("HTTP %d", status)
	}
	return a
}

// RetryAfter reads a Retry-After header in seconds or as an HTTP-date; 0 when absent or unreadable.
func RetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil {
		if s < 0 {
			return 0
		}
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d
		}
	}
	return 0
}

func codeIs200(raw json.RawMessage) bool {
	raw = bytes.TrimSpace(raw)
	return string(raw) == "200" || string(raw) == `"200"`
}

func isNullError(raw json.RawMessage) bool {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return true
	}
	var s string
	return json.Unmarshal(raw, &s) == nil && strings.EqualFold(strings.TrimSpace(s), "null")
}

// dataID finds data.wolkvox_id, as text or as a number written as its digits.
func dataID(raw json.RawMessage) string {
	var d struct {
		ID json.RawMessage `json:"wolkvox_id"`
	}
	if json.Unmarshal(raw, &d) != nil {
		return ""
	}
	var s string
	if json.Unmarshal(d.ID, &s) == nil {
		return strings.TrimSpace(s)
	}
	var n json.Number
	dec := json.NewDecoder(bytes.NewReader(d.ID))
	dec.UseNumber()
	if dec.Decode(&n) == nil {
		return n.String()
	}
	return ""
}

// rawText renders a JSON value as plain text: strings unquoted, anything else as written.
func rawText(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		if strings.EqualFold(s, "null") {
			return ""
		}
		return s
	}
	return string(raw)
}

// serverText is what we keep of the server's words for the results sheet.
func serverText(errText, msg string, raw []byte, parsed bool) string {
	switch {
	case !parsed:
		return snippet(raw)
	case errText != "" && msg != "" && !strings.EqualFold(errText, msg):
		return errText + ": " + msg
	case msg != "":
		return msg
	default:
		return errText
	}
}

// snippet keeps an unexpected body short and on one line.
func snippet(raw []byte) string {
	const max = 200
	s := strings.Join(strings.Fields(string(raw)), " ")
	if len(s) > max {
		s = strings.ToValidUTF8(s[:max], "") + "…"
	}
	if s == "" {
		return "(empty answer)"
	}
	return s
}
