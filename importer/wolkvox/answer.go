package wolkvox

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/wolkvox-import/wolkvox-import/i18n"
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
	// Unreachable: no connection could be made (DNS, refused, TLS, proxy, no file
	// descriptors): nothing was sent. The run decides: at its start, a wrong address
	// (stop, exit 2); later, a streak of them stops the run.
	Unreachable
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
	case Unreachable:
		return "unreachable"
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
// is a failure (or, for a 2xx, uncertain) with a message, never a crash. It does not
// know the token: the Client scrubs what it returns (see classify).
func Classify(status int, header http.Header, raw []byte) Answer {
	return classify(status, header, raw, false, nil, english)
}

// english is the printer of Classify, and of a Client whose language was not set.
var english = i18n.New(i18n.EN)

// classify is Classify for a body that may have been cut at the read limit (tooLarge),
// with every text taken from the server scrubbed by sc before it is kept, and its own
// words in p's language (the server's stay as the server wrote them). The message of
// every answer after which the meeting may exist ends with answer.uncertain_advice.
func classify(status int, header http.Header, raw []byte, tooLarge bool, sc *Scrubber, p *i18n.Printer) Answer {
	advice := p.T("answer.uncertain_advice")
	empty := p.T("answer.empty_text")
	var b body
	parsed := !tooLarge && json.Unmarshal(raw, &b) == nil
	embedded := false
	if !parsed && !tooLarge {
		// A PHP warning or notice printed before the JSON: read the JSON after it, to
		// understand the answer, but a 2xx stays uncertain (its body is not clean).
		b, embedded = embeddedJSON(raw)
	}
	errText, msg := sc.Scrub(window(rawText(b.Error))), sc.Scrub(window(rawText(b.Msg)))
	snip := clip(sc.Scrub(snippetWindow(raw)), maxSnippet)
	server := clip(serverText(errText, msg, snip, parsed), maxServerText)
	if server == emptyText {
		server = empty
	}
	blank := len(bytes.TrimSpace(raw)) == 0
	upper := strings.ToUpper(errText + " " + msg)
	success := status >= 200 && status < 300

	a := Answer{Status: status, Msg: server}
	switch {
	case strings.Contains(upper, textNoAPI) || status == http.StatusNotFound || status == http.StatusMethodNotAllowed:
		a.Kind = FatalConfig
		a.Msg = p.T("answer.no_api", status, server)
	case status == http.StatusUnauthorized || strings.Contains(upper, textNoToken) || strings.Contains(upper, textBadToken):
		a.Kind = FatalConfig
		a.Msg = p.T("answer.bad_token", status, server)
	case strings.Contains(upper, textQuota):
		a.Kind = QuotaSpent
	case strings.Contains(upper, textSimultaneous):
		a.Kind, a.Simultaneous = Retryable, true
	case status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable:
		a.Kind = Retryable
		a.Wait = RetryAfter(header.Get("Retry-After"), time.Now())
	case status == http.StatusInternalServerError:
		a.Kind = Retryable
	case status == http.StatusBadGateway || status == http.StatusGatewayTimeout:
		// A gateway lost the application's answer: the insert may have run behind it.
		a.Kind = Uncertain
		words := " (" + http.StatusText(status) + ")"
		if parsed && server != "" {
			words = said(p, server, empty)
		}
		a.Msg = p.T("answer.gateway", status, words, advice)
	case status >= 300 && status < 400:
		a.Kind = FatalConfig
		a.Msg = p.T("answer.redirect", status, clip(sc.Scrub(header.Get("Location")), maxServerText))
	case !success:
		a.Kind = Failed
	case tooLarge:
		a.Kind = Uncertain
		a.Msg = p.T("answer.too_large", status, maxAnswer>>20, advice)
	case !parsed && blank:
		a.Kind = Uncertain
		a.Msg = p.T("answer.empty_2xx", status, advice)
	case !parsed:
		a.Kind = Uncertain
		key := "answer.not_json"
		if embedded {
			key = "answer.text_before_json"
		}
		a.Msg = p.T(key, status, server, advice)
		if id := dataID(b.Data); id != "" && codeIs200(b.Code) {
			a.Msg += p.T("answer.seems_id", clip(sc.Scrub(id), 80))
		}
	case !codeIs200(b.Code):
		a.Kind = Failed
	case !isNullError(b.Error):
		a.Kind = Failed
	case status != http.StatusOK:
		a.Kind = Uncertain
		a.Msg = p.T("answer.not_200", status, said(p, server, empty), advice)
		if id := dataID(b.Data); id != "" {
			a.Msg += p.T("answer.names_id", clip(sc.Scrub(id), 80))
		}
	default:
		id := dataID(b.Data)
		if id == "" {
			a.Kind = Uncertain
			a.Msg = p.T("answer.no_id", said(p, server, empty), advice)
			break
		}
		a.Kind, a.ID = Created, id
	}
	switch {
	case blank && (a.Msg == "" || a.Msg == empty):
		a.Msg = emptyAnswer(p, status, a.Kind)
	case a.Msg == "":
		a.Msg = fmt.Sprintf("HTTP %d", status)
	}
	return a
}

// said is the server's words in parentheses, for a message that goes on; empty is how
// p says the server sent no text.
func said(p *i18n.Printer, server, empty string) string {
	switch server {
	case "":
		return ""
	case empty:
		return p.T("answer.with_empty_body")
	}
	return " (" + server + ")"
}

// emptyAnswer says what an answer with no text means, and what to do.
func emptyAnswer(p *i18n.Printer, status int, kind Kind) string {
	switch kind {
	case Retryable:
		return p.T("answer.empty.retryable", status)
	case QuotaSpent, FatalConfig:
		return p.T("answer.empty", status)
	}
	return p.T("answer.empty.why", status)
}

// embeddedJSON finds a JSON object after leading text, as PHP prints a warning
// before the answer it goes on to write.
func embeddedJSON(raw []byte) (body, bool) {
	rest := raw
	for range 3 {
		i := bytes.IndexByte(rest, '{')
		if i < 0 {
			break
		}
		rest = rest[i:]
		var b body
		if json.NewDecoder(bytes.NewReader(rest)).Decode(&b) == nil {
			return b, true
		}
		rest = rest[1:]
	}
	return body{}, false
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
	if string(raw) == "200" {
		return true
	}
	var s string
	return json.Unmarshal(raw, &s) == nil && strings.TrimSpace(s) == "200"
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
func serverText(errText, msg, snip string, parsed bool) string {
	switch {
	case !parsed && errText == "" && msg == "":
		return snip
	case errText != "" && msg != "" && !strings.EqualFold(errText, msg):
		return errText + ": " + msg
	case msg != "":
		return msg
	default:
		return errText
	}
}

// maxSnippet bounds what is kept of a body that is not Wolkvox's JSON.
const maxSnippet = 200

// maxServerText bounds the server's words kept in a row's error.
const maxServerText = 500

// emptyText stands for a body with no text, until classify says what it means.
const emptyText = "(an empty body)"

// snippetWindow is the start of an unexpected body, with room past the snippet's
// length so that a token echoed across the cut is scrubbed whole before snippet cuts.
func snippetWindow(raw []byte) string {
	if len(raw) > windowSize {
		raw = raw[:windowSize]
	}
	return snippet(raw)
}

// windowSize bounds the text scrubbed of one field: far more than is kept (a few
// hundred characters), so that a token across the final cut is scrubbed whole.
const windowSize = 4 << 10

func window(s string) string {
	if len(s) > windowSize {
		s = s[:windowSize]
	}
	return s
}

// snippet keeps an unexpected body short and on one line.
func snippet(raw []byte) string {
	s := strings.Join(strings.Fields(string(raw)), " ")
	if s == "" {
		return emptyText
	}
	return s
}

// clip shortens s to at most n runes, marking the cut.
func clip(s string, n int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
