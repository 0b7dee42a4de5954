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
