package sandbox

import (
	"math"
	"net/http"
	"time"
)

// tokenUse is what Wolkvox counts per token: calls today and requests in
// flight now.
type tokenUse struct {
	day      string // local date the calls belong to; another day starts at zero
	calls    int
	inFlight int
}

// checkTokenLocked is step 2 of every API: a token must be sent and accepted.
func (s *Server) checkTokenLocked(token string) (reply, bool) {
	switch {
	case token == "":
		return errorReply(http.StatusUnauthorized, textNoToken,
			"send the token in the Wolkvox-Token header"), false
	case s.opts.Token != "" && token != s.opts.Token:
		return errorReply(http.StatusForbidden, textBadToken,
			"the Wolkvox-Token is not valid for this server"), false
	}
	return reply{}, true
}

// admitLocked counts a call that passed the token checks, whatever its
// answer turns out to be. spent reports that the daily allowance was
// already used up; that call is not counted, so token_use_today never
// exceeds token_limit. slot reports
// that the request took an in-flight slot, held from arrival to answer; a
// request over the simultaneous limit takes none, so refusing it does not
// push its neighbours over too.
func (s *Server) admitLocked(token string, now time.Time) (spent, slot bool) {
	u := s.tokens[token]
	if u == nil {
		u = &tokenUse{}
		s.tokens[token] = u
	}
	if day := now.Format(time.DateOnly); u.day != day {
		u.day, u.calls = day, 0
	}
	spent = s.opts.DailyLimit > 0 && u.calls >= s.opts.DailyLimit
	if !spent {
		u.calls++
	}
	slot = s.maxInFlight <= 0 || u.inFlight < s.maxInFlight
	if slot {
		u.inFlight++
	}
	return spent, slot
}

// release frees the in-flight slot taken by admitLocked. It runs just
// before the answer is written, never after: a client that sends its next
// request as soon as it reads an answer must find the slot free.
func (s *Server) release(token string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.tokens[token]
	u.inFlight--
	if u.inFlight == 0 && u.calls == 0 {
		delete(s.tokens, token)
	}
}

// resetDailyLocked zeroes the daily counts but keeps in-flight slots: the
// requests holding them will still release them.
func (s *Server) resetDailyLocked() {
	for token, u := range s.tokens {
		u.calls = 0
		if u.inFlight == 0 {
			delete(s.tokens, token)
		}
	}
}

// hoursToRestart is Wolkvox's hours_to_restart_count: whole hours, rounded
// up, until the daily counts restart at the next local midnight.
func hoursToRestart(now time.Time) int {
	y, m, d := now.Date()
	midnight := time.Date(y, m, d+1, 0, 0, 0, 0, now.Location())
	return int(math.Ceil(midnight.Sub(now).Hours()))
}

// CallsToday is how many calls (inserts and tokenInformation) the token made today, as
// its daily allowance counts them.
func (s *Server) CallsToday(token string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if u := s.tokens[token]; u != nil && u.day == s.now().Format(time.DateOnly) {
		return u.calls
	}
	return 0
}

// NewDay restarts every token's daily allowance, as midnight does.
func (s *Server) NewDay() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.resetDailyLocked()
}
