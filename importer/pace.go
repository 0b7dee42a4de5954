package importer

import (
	"context"
	"time"

	"golang.org/x/time/rate"
)

// pace waits until lim lets one request go now, and takes its token at that moment.
//
// limiter.Wait would reserve a token for a future instant and sleep until then; when the
// process is descheduled, several sleepers wake late together and go out in one clump,
// so the server sees more than rate+burst in a second although the reservations were
// spaced. Taking the token only when actually going keeps every window of real send
// times within the bucket's bounds.
func pace(ctx context.Context, lim *rate.Limiter) error {
	for {
		if lim.Allow() {
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		// Our limits are positive or rate.Inf (which Allow always grants).
		missing := 1 - lim.Tokens()
		wait := time.Duration(missing / float64(lim.Limit()) * float64(time.Second))
		if !sleep(ctx, max(wait, 100*time.Microsecond)) {
			return ctx.Err()
		}
	}
}
