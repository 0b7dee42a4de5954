package ledger

import (
	"slices"
	"time"
)

// Run is one import as the ledger remembers it: what a page lists as a past import.
type Run struct {
	ID        string
	Input     string
	Server    string
	Operation string
	Start     time.Time // the first row sent
	Counts    map[State]int
	IDs       []string // the wolkvox_ids created, in row order
}

// Runs lists the imports the ledger holds, the latest first.
func (l *Ledger) Runs() ([]Run, error) {
	byID := map[string]*Run{}
	type created struct {
		row int
		id  string
	}
	ids := map[string][]created{}
	err := l.Each(func(e Entry) error {
		r := byID[e.Run]
		if r == nil {
			r = &Run{ID: e.Run, Input: e.Input, Server: e.Server, Operation: e.Operation, Start: e.SentAt, Counts: map[State]int{}}
			byID[e.Run] = r
		}
		if e.SentAt.Before(r.Start) {
			r.Start = e.SentAt
		}
		r.Counts[e.State]++
		if e.State == Created && e.WolkvoxID != "" {
			ids[e.Run] = append(ids[e.Run], created{e.Row, e.WolkvoxID})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	runs := make([]Run, 0, len(byID))
	for id, r := range byID {
		c := ids[id]
		slices.SortFunc(c, func(a, b created) int { return a.row - b.row })
		for _, x := range c {
			r.IDs = append(r.IDs, x.id)
		}
		runs = append(runs, *r)
	}
	slices.SortFunc(runs, func(a, b Run) int { return b.Start.Compare(a.Start) })
	return runs, nil
}
