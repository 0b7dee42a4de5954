package importer

import (
	"context"
	"sync"
)

// gate lets at most limit requests be in flight, and the limit can be lowered while
// requests are out: the next releases are kept instead of handed back.
type gate struct {
	tokens chan struct{}
	mu     sync.Mutex
	limit  int
	drop   int
}

func newGate(n int) *gate {
	g := &gate{tokens: make(chan struct{}, n), limit: n}
	for range n {
		g.tokens <- struct{}{}
	}
	return g
}

func (g *gate) acquire(ctx context.Context) error {
	select {
	case <-g.tokens:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (g *gate) release() {
	g.mu.Lock()
	if g.drop > 0 {
		g.drop--
		g.mu.Unlock()
		return
	}
	g.mu.Unlock()
	g.tokens <- struct{}{}
}

// lower takes one slot away for good, never going below one; it returns the new limit.
func (g *gate) lower() (int, bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.limit <= 1 {
		return g.limit, false
	}
	g.limit--
	select {
	case <-g.tokens: // a free slot: take it away now
	default: // all in use: keep the next one released
		g.drop++
	}
	return g.limit, true
}
