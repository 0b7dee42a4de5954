package sandbox

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// The error texts of Wolkvox's "API response codes" page, verbatim.
const (
	textNoAPI    = "THE API YOU WANT TO CONSULT DOES NOT EXIST"
	textParams   = "SOME PARAMETERS ARE REQUIRED"
	textNoToken  = "PLEASE ENTER THE WOLKVOX-TOKEN"
	textBadToken = "PLEASE VALIDATE TOKEN"
	textQuota    = "TOKEN LIMIT EXCEEDED"
)

// reply is an answer decided under the lock and written after the latency.
type reply struct {
	status      int
	contentType string
	retryAfter  string // Retry-After header value, "" for none
	body        []byte
	created     string // wolkvox_id this answer reports as created, for the logs
}

func (rp reply) write(w http.ResponseWriter) {
	h := w.Header()
	h.Set("Content-Type", rp.contentType)
	if rp.retryAfter != "" {
		h.Set("Retry-After", rp.retryAfter)
	}
	w.WriteHeader(rp.status)
	w.Write(rp.body)
}

// wolkvoxBody is the envelope of every Wolkvox answer. Code is any because
// Wolkvox sends it as a number on some APIs and as a string on others.
type wolkvoxBody struct {
	Code  any    `json:"code"`
	Error string `json:"error"`
	Msg   string `json:"msg"`
	Data  any    `json:"data,omitempty"`
}

func jsonReply(status int, body wolkvoxBody) reply {
	b, _ := json.Marshal(body) // cannot fail: strings, numbers and maps of them
	return reply{status: status, contentType: "application/json", body: b}
}

func errorReply(status int, text, msg string) reply {
	return jsonReply(status, wolkvoxBody{Code: status, Error: text, Msg: msg})
}

func paramsReply(msg string) reply { return errorReply(http.StatusBadRequest, textParams, msg) }

func noAPIReply(msg string) reply { return errorReply(http.StatusBadRequest, textNoAPI, msg) }

func createdReply(id string) reply {
	rp := jsonReply(http.StatusOK, wolkvoxBody{
		Code: 200, Error: "null", Msg: "Succesfully create record", // sic: Wolkvox's spelling
		Data: map[string]string{"wolkvox_id": id},
	})
	rp.created = id
	return rp
}

func (s *Server) quotaReply(now time.Time) reply {
	return errorReply(http.StatusForbidden, textQuota, fmt.Sprintf(
		"the daily limit of calls for this token is spent; the count restarts in %d hours", hoursToRestart(now)))
}

// simultaneousReply names the configured limit, as Wolkvox names its own
// (2); with the check disabled only the fault uses it, with Wolkvox's 2.
func (s *Server) simultaneousReply() reply {
	n := s.maxInFlight
	if n <= 0 {
		n = 2
	}
	return errorReply(http.StatusForbidden,
		fmt.Sprintf("EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (%d)", n),
		fmt.Sprintf("at most %d requests may be in flight at once for a token; wait for an answer before sending more", n))
}

// unlimitedTokenLimit is what tokenInformation reports when DailyLimit is 0:
// large enough that a million-row sandbox run never looks short of calls.
const unlimitedTokenLimit = 10_000_000

// tokenInfoReply follows the example of Wolkvox's "Token information" page
// (crmvox.com/en/token-information), including its string "200" code and its
// spelling of available_consumition_options; the numbers are JSON numbers,
// as in that example.
func (s *Server) tokenInfoReply(token string, now time.Time) reply {
	limit := s.opts.DailyLimit
	if limit <= 0 {
		limit = unlimitedTokenLimit
	}
	used := s.tokens[token].calls
	return jsonReply(http.StatusOK, wolkvoxBody{
		Code: "200", Error: "null", Msg: "1 records were are found", // sic
		Data: map[string]any{
			"description":                   "wolkvox-import sandbox",
			"token_limit":                   limit,
			"token_use_today":               used,
			"available_consumition_options": max(limit-used, 0),
			"hours_to_restart_count":        hoursToRestart(now),
		},
	})
}

// statusReply is the answer of an overloaded or broken server: Wolkvox's
// JSON envelope from the application (429, 503, 500), or the HTML page a
// reverse proxy writes when the application behind it is gone (502, 504).
func statusReply(status int) reply {
	text := http.StatusText(status)
	if status == http.StatusBadGateway || status == http.StatusGatewayTimeout {
		page := fmt.Sprintf("<html>\r\n<head><title>%d %s</title></head>\r\n<body>\r\n<center><h1>%d %s</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n", status, text, status, text)
		return reply{status: status, contentType: "text/html", body: []byte(page)}
	}
	return errorReply(status, strings.ToUpper(text), "the server is busy; try again later")
}
