package importer

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"

	"github.com/wolkvox-import/wolkvox-import/i18n"
	"github.com/wolkvox-import/wolkvox-import/importer/ledger"
	"github.com/wolkvox-import/wolkvox-import/importer/wolkvox"
	"github.com/wolkvox-import/wolkvox-import/mapping"
	"github.com/wolkvox-import/wolkvox-import/report"
)

// sender holds what the workers share: the client, the limiter, the concurrency gate,
// the ledger, and the run's stop switch.
type sender struct {
	p         *i18n.Printer // the language of the rows' messages
	cfg       *Config
	client    *wolkvox.Client
	ledger    *ledger.Ledger
	server    string
	operation string
	run       string
	keyFields []string // the API fields that identify a meeting (mapping.KeyFields)
	// precheck: ask the ledger about each row before it takes a request slot. Off when
	// the plan's reading of the whole input found none of its rows there (a first import):
	// two reads a row for nothing were an eighth of the CPU at --concurrency 64.
	precheck bool
	mapping  *mapping.Mapping // names the fields as the sheet does, in a changed row's message
	pacer    *pacer
	rate     *aimd // nil without a rate limit
	gate     *gate

	ctx  context.Context // the caller's: cancelled by Ctrl-C
	stop context.Context // cancelled by Ctrl-C or by a run-stopping answer
	halt context.CancelFunc

	mu         sync.Mutex
	fatal      string // exit 2: wrong server, token or address
	quota      string
	fault      *LocalFault // a local write failed: see fault.go
	stopped    string      // exit 1: stopped early, a re-run continues (unreachable, long Retry-After)
	restart    string      // when the daily allowance restarts, as preflight learned it
	restartAt  time.Time   // the same, as a time ("" and zero when not known)
	resumeAt   time.Time   // --wait-for-allowance: the end of the wait under way
	waits      int         // how many times the run waited for the allowance
	notes      []string
	lastSlowed time.Time

	// reached is set by the first answer from the server (or its tokenInformation):
	// before it, a connection failure means a wrong address and stops the run.
	reached atomic.Bool
	// unreachable and lost count, run-wide, the connection failures and the answers
	// lost (uncertain) in a row; any other answer resets them.
	unreachable, lost atomic.Int64

	attempts, retries atomic.Int64
	recording         sync.WaitGroup // outcome writes still going to the ledger
}

func newSender(ctx context.Context, cfg *Config, operation string, m *mapping.Mapping) *sender {
	limit := rate.Inf
	if cfg.Rate > 0 {
		limit = rate.Limit(cfg.Rate)
	}
	if cfg.StreakLimit <= 0 {
		cfg.StreakLimit = 6
	}
	stop, halt := context.WithCancel(ctx)
	lim := rate.NewLimiter(limit, cfg.Burst)
	var adjust *aimd
	if cfg.Rate > 0 {
		adjust = newAIMD(cfg.Rate)
	}
	return &sender{
		p:         i18n.New(cfg.Lang),
		pacer:     &pacer{lim: lim},
		rate:      adjust,
		cfg:       cfg,
		client:    cfg.Client,
		ledger:    cfg.Ledger,
		server:    serverID(cfg),
		operation: operation,
		keyFields: m.KeyFields(),
		precheck:  true,
		mapping:   m,
		run:       newRunID(),
		gate:      newGate(cfg.Concurrency),
		ctx:       ctx,
		stop:      stop,
		halt:      halt,
	}
}

// preflight states the plan before anything is sent (see survey): the rows to send, those
// already imported or uncertain, how long sending takes at --rate and --concurrency, and,
// when the token's daily allowance does not cover the rows, in how many days. The
// allowance is asked only when there is a row to send: the question counts as a call. It
// never blocks the import: a failure to read the allowance is only logged. ok is false
// when the survey could not read the input to the end: the plan is not stated then.
func (s *sender) preflight(operation string, plan report.Plan, ok bool) {
	plan.Rate, plan.Concurrency, plan.Waits = s.cfg.Rate, s.cfg.Concurrency, s.cfg.WaitForAllowance
	say := func() {
		if !ok || !plan.Worth() {
			return
		}
		for _, l := range plan.Lines(s.cfg.Lang) {
			fmt.Fprintln(s.cfg.Stderr, l)
		}
	}
	if ok && plan.ToSend == 0 {
		say()
		return
	}
	if err := s.pacer.wait(s.stop); err != nil {
		return
	}
	began := time.Now()
	info, err := s.client.TokenInformation(s.stop, operation)
	var ae *wolkvox.AnswerError
	switch {
	case errors.As(err, &ae) && ae.Answer.Kind == wolkvox.Unreachable:
		s.halt1(&s.fatal, s.p.T("stop.no_connection", ae.Answer.Msg))
		return
	case errors.As(err, &ae) && ae.Answer.Kind == wolkvox.FatalConfig:
		s.halt1(&s.fatal, ae.Answer.Msg)
		return
	case err != nil:
		s.reached.Store(true) // it answered, if not as expected
		s.cfg.Log.Info("could not read the token's daily allowance; importing anyway", "error", err)
		say()
		return
	}
	plan.Latency = time.Since(began)
	s.reached.Store(true)
	s.cfg.Log.Info("token allowance", "limit", info.Limit, "used_today", info.UsedToday, "hours_to_restart", info.HoursToRestart)
	s.mu.Lock()
	s.restart = s.p.T("stop.quota.restart_in", info.HoursToRestart)
	s.restartAt = time.Now().Add(time.Duration(info.HoursToRestart * float64(time.Hour)))
	s.mu.Unlock()
	plan.Allowance = report.AllowanceInfo{Known: true, Limit: info.Limit, Left: info.Left(), HoursToRestart: info.HoursToRestart}
	say()
}

// send delivers one valid row: ledger check, rate limit, claim, request, retries.
func (s *sender) send(j job, r report.Row) report.Row {
	if s.stop.Err() != nil {
		return s.notSent(r)
	}
	if settled, done := s.applySettlement(j, r); done {
		return settled
	} else {
		r = settled
	}
	if s.ledger != nil && !s.cfg.AllowDuplicates && s.precheck {
		// Rows the ledger holds are told apart here, without taking a request slot; the
		// claim checks again in its transaction, which is what decides.
		same, changed, err := s.ledger.Lookup(j.key, j.ident, s.run)
		if err != nil {
			s.ledgerFault(err)
			return s.notSent(r)
		}
		for _, prev := range []ledger.Earlier{same, changed} {
			if prev.Found && !s.mayClaim(prev) {
				return s.fromLedger(j, prev, r)
			}
		}
	}

	claimed := false
	attempt, unreachable := 0, 0
	for {
		if err := s.gate.acquire(s.stop); err != nil {
			return s.abandon(j, r, claimed)
		}
		// Claim, then wait for the limiter: the claim's fsync takes a variable time, and
		// waiting first would let a slow commit release several rows at once, breaking
		// the rate as the server measures it. A kill during the wait leaves at most
		// --concurrency rows "sending", reported uncertain: never a duplicate.
		if s.ledger != nil && !claimed {
			// A kill now leaves the row "sending"; what to look for in Wolkvox is said
			// from its fields when it is listed (ledger --uncertain, the page).
			claim := s.entry(j, ledger.Sending, "", "")
			claim.Ident, claim.Digest, claim.Search = j.ident, j.fields.Digest(), searchOf(j.fields)
			prev, ok, err := s.ledger.Claim(j.key, claim, s.mayClaim)
			if err != nil {
				s.gate.release()
				s.ledgerFault(err)
				return s.notSent(r)
			}
			if !ok {
				s.gate.release()
				return s.fromLedger(j, prev, r)
			}
			claimed = true
			s.cfg.Watch.started()
		}
		if err := s.pacer.wait(s.stop); err != nil {
			defer s.gate.release() // after abandon has queued the row's release: see settle
			return s.abandon(j, r, claimed)
		}
		s.attempts.Add(1)
		// In-flight requests finish after Ctrl-C (bounded by --timeout): cutting one
		// would turn a clean answer into an uncertain row.
		began := time.Now()
		s.cfg.Watch.requestOut()
		ans := s.client.Insert(context.WithoutCancel(s.ctx), j.body)
		s.cfg.Watch.requestBack()
		s.settle(j, ans, attempt) // queues the answer's ledger write before the slot is freed
		s.gate.release()
		s.cfg.Log.Debug("insert", "row", j.row, "attempt", attempt+unreachable+1, "status", ans.Status, "outcome", ans.Kind.String(),
			"ms", time.Since(began).Milliseconds())
		s.health(ans)

		switch ans.Kind {
		case wolkvox.Created:
			r.Status, r.WolkvoxID = report.Created, ans.ID
			return r
		case wolkvox.Failed:
			r.Status, r.Error = report.Failed, ans.Msg
			return r
		case wolkvox.Uncertain:
			r.Status, r.Error = report.Uncertain, joinNote(ans.Msg, s.uncertainNote(j)) // settle recorded it with the same note
			if n := s.lost.Load(); n >= int64(s.cfg.StreakLimit) {
				s.halt1(&s.stopped, s.p.T("stop.lost_streak", n, ans.Msg))
			}
			return r
		case wolkvox.FatalConfig:
			s.halt1(&s.fatal, ans.Msg)
			return s.abandon(j, r, false) // settle recorded it
		case wolkvox.QuotaSpent:
			if s.cfg.WaitForAllowance {
				if !s.waitForAllowance(j) {
					return s.abandon(j, r, claimed)
				}
				continue // not an attempt: nothing was created, and the allowance restarted
			}
			s.mu.Lock()
			restart := s.restart
			s.mu.Unlock()
			s.halt1(&s.quota, s.p.T("stop.quota", ans.Msg, restart))
			return s.abandon(j, r, false) // settle recorded it
		case wolkvox.Unreachable:
			// Nothing was sent. At the start of the run it is the address that is wrong;
			// later, a streak of them means the server went away: pause, then stop, but
			// never fail row after row.
			if !s.reached.Load() {
				s.halt1(&s.fatal, s.p.T("stop.no_connection", ans.Msg))
				return s.abandon(j, r, claimed)
			}
			n := s.unreachable.Load()
			if n >= int64(s.cfg.StreakLimit) || unreachable >= s.cfg.StreakLimit {
				s.halt1(&s.stopped, s.p.T("stop.unreachable_streak", n, ans.Msg))
				return s.abandon(j, r, claimed)
			}
			unreachable++
			s.retries.Add(1)
			// The pause grows with the run's streak, whichever row met it.
			if !sleep(s.stop, s.backoff(int(n)-1, 0)) {
				return s.abandon(j, r, claimed)
			}
			continue
		}

		// Retryable.
		if ans.Simultaneous {
			s.lowerConcurrency(ans.Msg)
		} else if ans.Status == 429 || ans.Status == 503 {
			s.slowDown(ans.Status)
		}
		if s.cfg.MaxWait > 0 && ans.Wait > s.cfg.MaxWait {
			s.halt1(&s.stopped, s.p.T("stop.max_wait",
				ans.Status, roundWait(ans.Wait), s.cfg.MaxWait, time.Now().Add(ans.Wait).Local().Format("2006-01-02 15:04")))
			return s.abandon(j, r, claimed)
		}
		if attempt >= s.cfg.Retries {
			msg := gaveUp(s.p, attempt, ans.Msg) // settle recorded it
			r.Status, r.Error = report.Failed, msg
			return r
		}
		attempt++
		s.retries.Add(1)
		if !sleep(s.stop, s.backoff(attempt-1, ans.Wait)) {
			return s.abandon(j, r, claimed)
		}
	}
}

// health keeps the run's view of the server from one answer: whether it ever
// answered, the streaks of connection failures and lost answers, and (for the rate)
// the successes in a row.
func (s *sender) health(ans wolkvox.Answer) {
	switch ans.Kind {
	case wolkvox.Unreachable:
		s.unreachable.Add(1)
		return
	case wolkvox.Uncertain:
		s.lost.Add(1)
		if ans.Status != 0 {
			s.reached.Store(true)
			s.unreachable.Store(0)
		}
		return
	}
	s.reached.Store(true)
	s.unreachable.Store(0)
	s.lost.Store(0)
	if s.rate != nil && (ans.Kind == wolkvox.Created || ans.Kind == wolkvox.Failed) {
		if next, ok := s.rate.succeeded(); ok {
			s.pacer.lim.SetLimit(rate.Limit(next))
			s.cfg.Log.Info("the server keeps up again: rate raised", "requests_per_second", next)
		}
	}
}

// roundWait is d as a person reads a long wait: 24h0m0s, 15m0s, 42s.
func roundWait(d time.Duration) time.Duration {
	if d >= time.Minute {
		return d.Round(time.Minute)
	}
	return d.Round(time.Second)
}

// mayClaim says whether a row the ledger already holds may be sent (again): prev is the
// entry with its content, or the meeting with its key and another content (Changed),
// which is sent only with --on-change create.
func (s *sender) mayClaim(prev ledger.Earlier) bool {
	if s.cfg.AllowDuplicates {
		return true
	}
	if prev.Changed {
		return s.cfg.OnChangeCreate
	}
	if prev.Run == s.run {
		return false // an identical row earlier in this run holds it
	}
	switch prev.State {
	case ledger.Failed:
		return true
	case ledger.Sending:
		return s.cfg.RetryUncertain
	}
	return false
}

// fromLedger reports a row the ledger says must not be sent.
func (s *sender) fromLedger(j job, prev ledger.Earlier, r report.Row) report.Row {
	when := prev.SentAt.Local().Format("2006-01-02 15:04")
	switch {
	case prev.Changed:
		return s.changed(j, prev, r)
	case prev.Run == s.run:
		r.Status = report.Invalid
		r.Error = s.p.T("row.same_meeting", strconv.Itoa(prev.Row))
	case prev.State == ledger.Created:
		r.Status, r.WolkvoxID, r.FromLedger = report.Created, prev.WolkvoxID, true
		r.Earlier = prev.SentAt.Local().Format("2006-01-02")
		r.Error = s.p.T("row.already_imported", when, strconv.Itoa(prev.Row), prev.Input)
	default:
		r.Status, r.FromLedger = report.Uncertain, true
		r.Error = joinNote(s.p.T("uncertain.earlier", when), s.uncertainNote(j))
	}
	return r
}

// abandon reports a row that was not (or not successfully) sent because the run stopped;
// the ledger learns it may be sent again.
func (s *sender) abandon(j job, r report.Row, claimed bool) report.Row {
	if claimed {
		s.record(j, ledger.Failed, "", s.p.T("ledger.not_sent.stopped"))
	}
	return s.notSent(r)
}

func (s *sender) notSent(r report.Row) report.Row {
	r.Status = report.NotSent
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.fault != nil:
		r.Error = s.p.T("row.not_sent.fault", s.fault.What)
	case s.fatal != "":
		r.Error = s.p.T("row.not_sent.because", s.fatal)
	case s.quota != "":
		r.Error = s.p.T("row.not_sent.quota")
	case s.stopped != "":
		r.Error = s.p.T("row.not_sent.stopped", s.stopped)
	default:
		r.Error = s.p.T("row.not_sent.interrupted")
	}
	return r
}

func (s *sender) entry(j job, state ledger.State, id, msg string) ledger.Entry {
	return ledger.Entry{
		State: state, WolkvoxID: id, Error: msg,
		Server: s.server, Operation: s.operation, Input: s.cfg.Input, Row: j.row, Run: s.run,
		SentAt: time.Now().UTC(),
	}
}

// record writes a row's outcome. A failure to write is reported but does not change
// what the server did.
func (s *sender) record(j job, state ledger.State, id, msg string) {
	if s.ledger == nil {
		return
	}
	e := s.entry(j, state, id, msg)
	e.DoneAt = e.SentAt
	// Off the sender's path: the worker claims its next row meanwhile, and both writes
	// share one commit. Losing this write in a crash leaves the row "sending", which a
	// re-run reports uncertain: never a duplicate.
	wait := s.ledger.PutLater(j.key, e) // queued now, in order with the next claims
	s.recording.Go(func() {
		if err := wait(); err != nil {
			s.cfg.Log.Error("ledger write failed", "row", j.row, "error", err)
			s.ledgerFault(err)
		}
	})
}

// halt1 stops the run for reason, once.
func (s *sender) halt1(slot *string, reason string) {
	s.mu.Lock()
	if s.fatal == "" && s.quota == "" && s.stopped == "" {
		*slot = reason
	}
	s.mu.Unlock()
	s.halt()
}

func (s *sender) lowerConcurrency(msg string) {
	if n, ok := s.gate.lower(); ok {
		s.note(s.p.T("note.concurrency.simultaneous", msg, n))
	}
}

// slowDown lowers the rate after a 429/503 (see aimd: it comes back after a run of
// successes), or, with no rate limit, the concurrency for good.
func (s *sender) slowDown(status int) {
	if s.rate != nil {
		if next, ok := s.rate.overloaded(time.Now()); ok {
			s.pacer.lim.SetLimit(rate.Limit(next))
			s.cfg.Log.Warn(s.p.T("note.rate.lowering", status, next))
		}
		return
	}
	s.mu.Lock()
	if time.Since(s.lastSlowed) < time.Second {
		s.mu.Unlock()
		return
	}
	s.lastSlowed = time.Now()
	s.mu.Unlock()
	if n, ok := s.gate.lower(); ok {
		s.note(s.p.T("note.concurrency.overloaded", status, n))
	}
}

func (s *sender) note(msg string) {
	s.mu.Lock()
	s.notes = append(s.notes, msg)
	s.mu.Unlock()
	s.cfg.Log.Warn(msg)
}

// backoff is the wait before retry number attempt+1: the server's Retry-After when it
// gave one, else capped exponential backoff with full jitter.
func (s *sender) backoff(attempt int, retryAfter time.Duration) time.Duration {
	if retryAfter > 0 {
		return retryAfter
	}
	ceiling := s.cfg.BackoffMax
	if attempt < 30 {
		ceiling = min(s.cfg.BackoffBase<<attempt, s.cfg.BackoffMax)
	}
	return ceiling/2 + rand.N(ceiling/2+1)
}

// finish waits for the ledger writes and reports what the senders saw.
func (s *sender) finish(sum *report.Summary) {
	s.recording.Wait()
	s.halt()
	s.mu.Lock()
	defer s.mu.Unlock()
	sum.Fatal, sum.QuotaSpent, sum.Stopped = s.fatal, s.quota, s.stopped
	sum.Notes = append(sum.Notes, s.notes...)
	if s.rate != nil {
		if low, now, cuts := s.rate.report(); cuts > 0 {
			sum.RateLowest, sum.RateEnd = low, now
			sum.Notes = append(sum.Notes, s.p.T("note.rate.lowered",
				cuts, low, now, rateText(s.rate.max)))
		}
	}
	if s.waits > 0 {
		sum.Notes = append(sum.Notes, i18n.New(s.cfg.Lang).T("allowance.waited", s.waits))
	}
	sum.Attempts = int(s.attempts.Load())
	sum.Retries = int(s.retries.Load())
}

// sleep waits d or until ctx is done; it reports whether the full wait happened.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

func rateText(r float64) string { return strconv.FormatFloat(r, 'g', 3, 64) }

// serverID names the server in the ledger (and in each row's key): its address, or
// Config.ServerID.
func serverID(cfg *Config) string {
	if cfg.ServerID != "" {
		return cfg.ServerID
	}
	return cfg.Client.Endpoint().String()
}
