package importer

import (
	"context"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// pacer lets one request go at a time under the limiter, taking its token at the moment
// the request actually goes.
//
// limiter.Wait would reserve a token for a future instant and sleep until then; when the
// process is descheduled, several sleepers wake late together and go out in one clump,
// so the server sees more than rate+burst in a second although the reservations were
// spaced. Taking the token only when actually going keeps every window of real send
// times within the bucket's bounds.
//
// But a timer fires late (up to a millisecond, more on a busy machine), and with burst 1
// the bucket cannot bank the time lost: at 50 requests/s, 0.5 ms late per request is a
// 2.5% lower rate. So a request that slept until its token was due takes it as of the
// due instant, never more than a tenth of a period back and never before the previous
// take. The limiter's take times then obey the bucket, and every real send is at most a
// tenth of a period after its take time, so any window [t, t+1s) of real sends holds at
// most rate + burst + 0.1 requests: never more than rate + burst.
type pacer struct {
	lim  *rate.Limiter
	mu   sync.Mutex
	last time.Time // the instant the last token was taken as of
}

func (p *pacer) wait(ctx context.Context) error {
	var due time.Time
	for {
		now := time.Now()
		p.mu.Lock()
		at := now
		if limit := p.lim.Limit(); !due.IsZero() && limit != rate.Inf && limit > 0 {
			at = later(due, now.Add(-time.Duration(float64(time.Second)/float64(limit)/10)))
			at = later(at, p.last)
			if at.After(now) {
				at = now
			}
		}
		ok := p.lim.AllowN(at, 1)
		if ok {
			p.last = at
		}
		tokens := p.lim.TokensAt(now)
		limit := p.lim.Limit()
		p.mu.Unlock()
		if ok {
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		// Our limits are positive or rate.Inf (which Allow always grants).
		wait := time.Duration((1 - tokens) / float64(limit) * float64(time.Second))
		wait = max(wait, 100*time.Microsecond)
		due = now.Add(wait)
		if !sleep(ctx, wait) {
			return ctx.Err()
		}
	}
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// rateFloor is the lowest rate overload answers bring the run to, in requests/s.
const rateFloor = 0.1

// recoverAfter is the most successes in a row that earn back a step of the rate; at a
// low rate fewer do (about two seconds' worth, at least one), or climbing back from
// 0.3/s would take minutes.
const recoverAfter = 10

// aimd adjusts the rate to the server's overload answers (429/503), as TCP does its
// window: halve at an overload answer (at most once a second, so that one burst of
// refusals counts once; never below rateFloor), and after every run of successes (see
// needed) add back a tenth of the configured rate, never above it. So a few 429s slow
// the run for a while, not for good.
type aimd struct {
	mu      sync.Mutex
	max     float64 // --rate: the ceiling
	cur     float64
	low     float64 // the lowest rate of the run
	lastCut time.Time
	okRun   int
	cuts    int // overload answers that lowered the rate
}

func newAIMD(max float64) *aimd { return &aimd{max: max, cur: max, low: max} }

// overloaded lowers the rate for an overload answer at now; it reports the new rate
// and whether it changed.
func (a *aimd) overloaded(now time.Time) (float64, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.okRun = 0
	if !a.lastCut.IsZero() && now.Sub(a.lastCut) < time.Second {
		return a.cur, false
	}
	next := max(a.cur/2, min(rateFloor, a.max))
	if next == a.cur {
		return a.cur, false
	}
	a.lastCut = now
	a.cur, a.low = next, min(a.low, next)
	a.cuts++
	return a.cur, true
}

// succeeded counts an answer the server gave without overload; after a run of them it
// raises the rate a step. It reports the new rate and whether it changed.
func (a *aimd) succeeded() (float64, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.cur >= a.max {
		return a.cur, false
	}
	if a.okRun++; a.okRun < a.needed() {
		return a.cur, false
	}
	a.okRun = 0
	a.cur = min(a.cur+max(a.max/10, rateFloor), a.max)
	return a.cur, true
}

// needed is how many successes in a row earn the next step: two seconds' worth at the
// current rate, between 1 and recoverAfter. Call with mu held.
func (a *aimd) needed() int {
	return min(max(int(a.cur*2), 1), recoverAfter)
}

// report is the lowest and the current rate, and how many times the rate was cut.
func (a *aimd) report() (low, now float64, cuts int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.low, a.cur, a.cuts
}
