package ledger

import (
	"database/sql"
	"errors"
	"fmt"
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
	IDs       []string // the first MaxRunIDs wolkvox_ids created, in row order (Counts[Created] says how many in all)
}

// MaxRunIDs bounds the ids Runs gives of each run.
const MaxRunIDs = 20

// Runs lists the latest limit imports the ledger holds, the latest first. SQLite groups
// the rows, so memory does not grow with the ledger.
func (l *Ledger) Runs(limit int) ([]Run, error) {
	rows, err := l.rdb.Query(`SELECT runs.run, min(runs.input), min(runs.server), min(runs.operation), min(rows.sent_at),
		sum(rows.state = 'created'), sum(rows.state = 'failed'), sum(rows.state = 'sending')
		FROM rows JOIN runs ON runs.id = rows.run
		GROUP BY runs.run ORDER BY min(rows.sent_at) DESC LIMIT ?`, limit)
	if err != nil {
		return nil, l.wrap(err)
	}
	var runs []Run
	for rows.Next() {
		var r Run
		var start sql.NullInt64
		var created, failed, sending int
		if err := rows.Scan(&r.ID, &r.Input, &r.Server, &r.Operation, &start, &created, &failed, &sending); err != nil {
			rows.Close()
			return nil, l.wrap(err)
		}
		if start.Valid {
			r.Start = unixMicro(start.Int64)
		}
		r.Counts = map[State]int{Created: created, Failed: failed, Sending: sending}
		runs = append(runs, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, l.wrap(err)
	}
	for i := range runs {
		ids, err := l.rdb.Query(`SELECT rows.wolkvox_id FROM rows JOIN runs ON runs.id = rows.run
			WHERE runs.run = ? AND rows.state = 'created' AND rows.wolkvox_id IS NOT NULL ORDER BY rows.row LIMIT ?`, runs[i].ID, MaxRunIDs)
		if err != nil {
			return nil, l.wrap(err)
		}
		for ids.Next() {
			var id string
			if err := ids.Scan(&id); err != nil {
				ids.Close()
				return nil, l.wrap(err)
			}
			runs[i].IDs = append(runs[i].IDs, id)
		}
		ids.Close()
		if err := ids.Err(); err != nil {
			return nil, l.wrap(err)
		}
	}
	return runs, nil
}

// Pending is an uncertain row: sent, with no answer recorded.
type Pending struct {
	Key   Key
	Entry Entry
}

// Uncertain lists the oldest limit uncertain rows (state Sending), and how many there are.
func (l *Ledger) Uncertain(limit int) (list []Pending, total int, err error) {
	if err := l.rdb.QueryRow(`SELECT count(*) FROM rows WHERE state = 'sending'`).Scan(&total); err != nil {
		return nil, 0, l.wrap(err)
	}
	rows, err := l.rdb.Query(selectEntry+` WHERE rows.state = 'sending' ORDER BY rows.sent_at, rows.key LIMIT ?`, limit)
	if err != nil {
		return nil, 0, l.wrap(err)
	}
	defer rows.Close()
	for rows.Next() {
		var p Pending
		if p.Entry, err = scanEntry(rows, &p.Key); err != nil {
			return nil, 0, l.wrap(err)
		}
		list = append(list, p)
	}
	return list, total, l.wrap(rows.Err())
}

// ErrNotUncertain is Settle's answer for a row that is no longer uncertain.
var ErrNotUncertain = errors.New("the row is no longer uncertain")

// Settle records what the user found in Wolkvox for the uncertain row k: id, when the
// meeting exists (created with that id: never sent again), or "" when it does not
// (marked not created: the next run sends it). Check and write are one transaction: a
// row settled meanwhile, by a run or by hand, is left as it is (ErrNotUncertain). note
// is kept as the entry's error (where the settlement came from).
func (l *Ledger) Settle(k Key, id, note string) error {
	return l.update(func(t *wtx) error {
		e, found, err := t.get(k)
		switch {
		case err != nil:
			return err
		case !found || e.State != Sending:
			return ErrNotUncertain
		}
		now := time.Now().UTC()
		e.DoneAt, e.Error = now, note
		if id != "" {
			e.State, e.WolkvoxID = Created, id
		} else {
			e.State, e.Error = Failed, fmt.Sprintf("%s (%s)", MarkedNotCreated, note)
		}
		e.Search, e.Digest, e.Ident = nil, nil, Ident{} // kept by put as they are
		return t.put(k, e)
	})
}
