package sandbox

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// A fault script is a comma-separated queue of entries, consumed one per
// insert request that passes the token checks, in arrival order; once it is
// empty, requests are answered normally. NAME*N repeats an entry N times.
//
//	ok               answer normally
//	429[:S]          429, Retry-After: S seconds (none without :S), nothing created
//	429date:S        429, Retry-After as an HTTP-date at least S seconds ahead
//	503[:S], 503date:S   the same with 503
//	500, 502, 504    that status (502 and 504 with a proxy's HTML page), nothing created
//	slow:D           create normally, then wait the Go duration D before answering
//	drop             create normally, then close the connection without an answer
//	dropbefore       close the connection without an answer, nothing created
//	malformed        200 with a body that is not JSON, nothing created
//	noid             200 success without data.wolkvox_id, nothing created
//	code500body      HTTP 200 with body code "500" (a string), nothing created
//	badrequest, badtoken, notoken, noapi, quota, simultaneous
//	                 the documented Wolkvox error, nothing created
//	echotoken        400 whose msg echoes the Wolkvox-Token header (raw, URL-escaped,
//	                 JSON-escaped as PHP does, and wrapped over two lines), nothing created
//	phpwarning       create normally, answer a PHP warning before the JSON
//	huge             create normally, answer the JSON followed by 2 MiB of padding
//	lost502, lost504 create normally, then a gateway's 502/504 page instead of the answer
//
// FaultTable is the fault vocabulary as sandbox --help shows it.
const FaultTable = `  ok               answer normally
  429[:S]          429, Retry-After: S seconds (none without :S), nothing created
  429date:S        429, Retry-After as an HTTP-date at least S seconds ahead
  503[:S], 503date:S   the same with 503
  500, 502, 504    that status (502 and 504 with a proxy's HTML page), nothing created
  slow:D           create normally, then wait the Go duration D before answering
  drop             create normally, then close the connection without an answer
  dropbefore       close the connection without an answer, nothing created
  malformed        200 with a body that is not JSON, nothing created
  noid             200 success without data.wolkvox_id, nothing created
  code500body      HTTP 200 with body code "500" (a string), nothing created
  badrequest, badtoken, notoken, noapi, quota, simultaneous
                   the documented Wolkvox error, nothing created
  echotoken        400 whose msg echoes the Wolkvox-Token header, nothing created
  phpwarning       create normally, answer a PHP warning before the JSON
  huge             create normally, answer the JSON followed by 2 MiB of padding
  lost502, lost504 create normally, then a gateway's 502/504 page instead of the answer
  NAME*N           the entry N times; entries are separated by commas and consumed one
                   per insert request, in arrival order; then requests are answered normally
`

// AdminHelp documents the admin endpoints, as sandbox --help shows them.
const AdminHelp = `  GET  /sandbox/records    the meetings created, as JSON (wolkvox_id, operation, fields, created_at)
  GET  /sandbox/requests   every insert request received, with its status, fault, arrival and answer times
  POST /sandbox/faults     the body is a fault script (below) that replaces the queued one
  POST /sandbox/reset      forget records, requests, queued faults and daily counts
They take no token. For example:
  curl -s http://127.0.0.1:8080/sandbox/records
  curl -s -d '429:2,ok*3,drop' http://127.0.0.1:8080/sandbox/faults
`

const faultHelp = "ok, 429[:S], 429date:S, 503[:S], 503date:S, 500, 502, 504, slow:D, drop, dropbefore, malformed, noid, code500body, badrequest, badtoken, notoken, noapi, quota, simultaneous, echotoken, phpwarning, huge, lost502, lost504, each optionally *N"

type faultKind int

const (
	faultNone faultKind = iota // no fault queued, or "ok"
	faultSlow
	faultDrop
	faultDropBefore
	faultStatus // 429/503 with an optional Retry-After, 500, 502, 504
	faultMalformed
	faultNoID
	faultCode500Body
	faultBadRequest
	faultBadToken
	faultNoToken
	faultNoAPI
	faultQuota
	faultSimultaneous
	faultEchoToken
	faultPHPWarning
	faultHuge
	faultLost // create, then status (502/504) instead of the answer
)

type fault struct {
	text       string // the entry as written, for RequestLog.Fault; "" for none and ok
	kind       faultKind
	status     int           // faultStatus
	retryAfter time.Duration // faultStatus with hasRetry
	hasRetry   bool
	asDate     bool          // Retry-After as an HTTP-date
	delay      time.Duration // faultSlow
}

// faultRun is one script entry and how many more requests it applies to.
type faultRun struct {
	fault fault
	n     int
}

// creates reports whether the request is processed normally (and so may
// create a record), the fault only changing how the answer is delivered.
func (f fault) creates() bool {
	switch f.kind {
	case faultNone, faultSlow, faultDrop, faultPHPWarning, faultHuge, faultLost:
		return true
	}
	return false
}

// reshape turns the answer to a request processed normally into the one the fault
// delivers instead (the record exists either way).
func (f fault) reshape(rp reply) reply {
	switch f.kind {
	case faultPHPWarning:
		rp.body = append([]byte("<br />\n<b>Warning</b>:  Undefined array key \"remember\" in <b>/var/www/html/server/API/v2/custom/insert.php</b> on line <b>41</b><br />\n"), rp.body...)
		rp.contentType = "text/html; charset=UTF-8"
	case faultHuge:
		rp.body = append(rp.body, bytes.Repeat([]byte(" "), 2<<20)...)
	case faultLost:
		created := rp.created
		rp = statusReply(f.status)
		rp.created = created
	}
	return rp
}

// echoTokenReply is a 400 whose msg repeats the token, as servers and proxies that
// echo request headers in their errors do.
func echoTokenReply(token string) reply {
	half := len(token) / 2
	msg := fmt.Sprintf("a parameter was refused (sandbox fault); request headers: Wolkvox-Token: %s; query: ?token=%s; wrapped: %s\n %s",
		token, url.QueryEscape(token), token[:half], token[half:])
	rp := paramsReply(msg)
	rp.body = bytes.ReplaceAll(rp.body, []byte("/"), []byte(`\/`)) // PHP's json_encode escapes "/"
	return rp
}

func (f fault) hangsUp() bool { return f.kind == faultDrop || f.kind == faultDropBefore }

var plainFaults = map[string]fault{
	"ok":           {kind: faultNone},
	"drop":         {kind: faultDrop},
	"dropbefore":   {kind: faultDropBefore},
	"500":          {kind: faultStatus, status: 500},
	"502":          {kind: faultStatus, status: 502},
	"504":          {kind: faultStatus, status: 504},
	"malformed":    {kind: faultMalformed},
	"noid":         {kind: faultNoID},
	"code500body":  {kind: faultCode500Body},
	"badrequest":   {kind: faultBadRequest},
	"badtoken":     {kind: faultBadToken},
	"notoken":      {kind: faultNoToken},
	"noapi":        {kind: faultNoAPI},
	"quota":        {kind: faultQuota},
	"simultaneous": {kind: faultSimultaneous},
	"echotoken":    {kind: faultEchoToken},
	"phpwarning":   {kind: faultPHPWarning},
	"huge":         {kind: faultHuge},
	"lost502":      {kind: faultLost, status: 502},
	"lost504":      {kind: faultLost, status: 504},
}

// parseFaults parses a fault script; "" (or only spaces) is an empty queue.
func parseFaults(script string) ([]faultRun, error) {
	if strings.TrimSpace(script) == "" {
		return nil, nil
	}
	var runs []faultRun
	for i, entry := range strings.Split(script, ",") {
		entry = strings.TrimSpace(entry)
		run, err := parseEntry(entry)
		if err != nil {
			return nil, fmt.Errorf("fault script: entry %d %q: %w (known: %s)", i+1, entry, err, faultHelp)
		}
		runs = append(runs, run)
	}
	return runs, nil
}

func parseEntry(entry string) (faultRun, error) {
	if entry == "" {
		return faultRun{}, errors.New("empty entry")
	}
	spec, count, repeated := strings.Cut(entry, "*")
	n := 1
	if repeated {
		var err error
		n, err = strconv.Atoi(strings.TrimSpace(count))
		if err != nil || n < 1 {
			return faultRun{}, fmt.Errorf("repeat count %q is not a whole number of at least 1", count)
		}
	}
	f, err := parseFault(strings.ToLower(strings.TrimSpace(spec)))
	return faultRun{fault: f, n: n}, err
}

func parseFault(spec string) (fault, error) {
	name, arg, hasArg := strings.Cut(spec, ":")
	if f, ok := plainFaults[name]; ok {
		if hasArg {
			return fault{}, fmt.Errorf("%s takes no argument", name)
		}
		if f.kind != faultNone {
			f.text = spec
		}
		return f, nil
	}
	switch name {
	case "slow":
		d, err := time.ParseDuration(arg)
		if err != nil || d <= 0 {
			return fault{}, fmt.Errorf("slow needs a positive duration such as slow:2s or slow:150ms, got %q", arg)
		}
		return fault{text: spec, kind: faultSlow, delay: d}, nil
	case "429", "503", "429date", "503date":
		f := fault{text: spec, kind: faultStatus, asDate: strings.HasSuffix(name, "date")}
		f.status, _ = strconv.Atoi(name[:3])
		if !hasArg && !f.asDate {
			return f, nil
		}
		secs, err := strconv.Atoi(arg)
		if err != nil || secs < 0 {
			return fault{}, fmt.Errorf("%s needs whole seconds to wait, such as %s:2, got %q", name, name, arg)
		}
		f.hasRetry, f.retryAfter = true, time.Duration(secs)*time.Second
		return f, nil
	}
	return fault{}, fmt.Errorf("unknown fault %q", name)
}

// nextFaultLocked takes the next entry off the queue; faultNone if empty.
func (s *Server) nextFaultLocked() fault {
	if len(s.faults) == 0 {
		return fault{}
	}
	run := &s.faults[0]
	f := run.fault
	if run.n--; run.n == 0 {
		s.faults = s.faults[1:]
	}
	return f
}

// faultReply is the answer of a fault that replaces normal processing.
func (s *Server) faultReply(f fault, now time.Time) reply {
	const why = "sandbox fault"
	switch f.kind {
	case faultStatus:
		rp := statusReply(f.status)
		if f.hasRetry {
			rp.retryAfter = strconv.Itoa(int(f.retryAfter / time.Second))
			if f.asDate {
				// Rounded up: an HTTP-date has whole seconds, and the
				// client must not be told to come back early.
				rp.retryAfter = now.Add(f.retryAfter + time.Second - 1).Truncate(time.Second).UTC().Format(http.TimeFormat)
			}
		}
		return rp
	case faultMalformed:
		return reply{status: http.StatusOK, contentType: "text/html", body: []byte("<html>oops")}
	case faultNoID:
		return jsonReply(http.StatusOK, wolkvoxBody{Code: 200, Error: "null", Msg: "Succesfully create record", Data: map[string]string{}})
	case faultCode500Body:
		return jsonReply(http.StatusOK, wolkvoxBody{Code: "500", Error: "INTERNAL", Msg: "the record could not be saved (" + why + ")"})
	case faultBadRequest:
		return paramsReply("a parameter was refused (" + why + ")")
	case faultBadToken:
		return errorReply(http.StatusForbidden, textBadToken, "the token was refused ("+why+")")
	case faultNoToken:
		return errorReply(http.StatusUnauthorized, textNoToken, "no token was seen ("+why+")")
	case faultNoAPI:
		return noAPIReply("the API was not found (" + why + ")")
	case faultQuota:
		return s.quotaReply(now)
	case faultSimultaneous:
		return s.simultaneousReply()
	}
	// faultDropBefore: hung up on, never written.
	return reply{}
}
