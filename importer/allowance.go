package importer

import (
	"context"
	"fmt"
	"time"

	"github.com/wolkvox-import/wolkvox-import/i18n"
	"github.com/wolkvox-import/wolkvox-import/importer/ledger"
	"github.com/wolkvox-import/wolkvox-import/report"
)

// waitForAllowance is --wait-for-allowance: the row's request met a spent daily
// allowance (nothing was created), so the row is recorded as not sent, the run waits
// until the allowance restarts, and the row is claimed again to be sent. The workers that
// meet the spent allowance meanwhile wait for the same restart; it is announced once, on
// stderr and in the progress. Ctrl-C cuts the wait short: false, and the row is not_sent.
func (s *sender) waitForAllowance(j job) bool {
	if s.ledger != nil {
		// A kill during a wait of hours must not leave the row "sending" (uncertain).
		if err := s.ledger.Put(j.key, s.entry(j, ledger.Failed, "", s.p.T("ledger.not_sent.waiting_allowance"))); err != nil {
			s.ledgerFault(err)
			return false
		}
	}
	now := time.Now()
	s.mu.Lock()
	until := s.resumeAt
	announce := !until.After(now)
	if announce {
		s.resumeAt = time.Time{} // asked below, outside the lock
	}
	s.mu.Unlock()
	if announce {
		until = now.Add(s.untilRestart())
		s.mu.Lock()
		s.resumeAt, s.waits = until, s.waits+1
		s.mu.Unlock()
		p := i18n.New(s.cfg.Lang)
		fmt.Fprintln(s.cfg.Stderr, p.T("allowance.waiting", until.Local().Format("2006-01-02 15:04"), report.Span(time.Until(until))))
		if s.cfg.OnWait != nil {
			s.cfg.OnWait(until)
		}
	}
	wait := s.cfg.sleepForAllowance
	if wait == nil {
		wait = sleep
	}
	ok := wait(s.stop, time.Until(until))
	if announce {
		s.mu.Lock()
		if s.resumeAt.Equal(until) {
			s.resumeAt = time.Time{} // the restart came: the next spent allowance is another day's
		}
		s.mu.Unlock()
		if s.cfg.OnWait != nil {
			s.cfg.OnWait(time.Time{})
		}
	}
	if !ok {
		return false
	}
	if s.ledger != nil {
		if err := s.ledger.Put(j.key, s.entry(j, ledger.Sending, "", "")); err != nil {
			s.ledgerFault(err)
			return false
		}
	}
	return true
}

// untilRestart is how long until the allowance restarts: as the server says now (the
// question may be refused while the allowance is spent), else as it said before sending,
// else an hour, after which the next request finds out. A minute is added, so as not
// to arrive just before the restart.
func (s *sender) untilRestart() time.Duration {
	const margin = time.Minute
	ctx, cancel := context.WithTimeout(s.stop, s.client.Timeout())
	defer cancel()
	if info, err := s.client.TokenInformation(ctx, s.operation); err == nil && info.HoursToRestart > 0 {
		return time.Duration(info.HoursToRestart*float64(time.Hour)) + margin
	}
	s.mu.Lock()
	at := s.restartAt
	s.mu.Unlock()
	if d := time.Until(at); d > 0 {
		return d + margin
	}
	return time.Hour
}
