package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/wolkvox-import/wolkvox-import/importer/sandbox"
	"github.com/wolkvox-import/wolkvox-import/importer/source"
	"github.com/wolkvox-import/wolkvox-import/importer/wolkvox"
	"github.com/wolkvox-import/wolkvox-import/mapping"
)

// Arrivals is what the server saw of the inserts of one run.
type Arrivals struct {
	Count   int           // insert requests received
	OK      int           // of which answered 200 with a record created
	Span    time.Duration // first to last arrival
	Mean    float64       // (Count-1) / Span: the rate between the first and the last arrival
	MaxIn1s int           // the most arrivals in any window [t, t+1s)

	// The rate over the first and the last tenth of the arrivals: whether a run slows
	// down as the ledger grows.
	FirstTenth, LastTenth float64

	// InFlight is the mean number of requests in flight at the server (arrived, not yet
	// answered) over the sending span, from the first arrival to the last answer: the
	// sum of every insert's time at the server over the span. At concurrency C it is
	// at most C; C·(1 - InFlight/C) is how much of the pipe the client left idle
	// between an answer and its next request. Zero when an answer time is missing.
	InFlight float64
	Sending  time.Duration // first arrival to last answer
}

// Rate is the inserts per second over the sending span (first arrival to last answer),
// as the server saw them; zero without answer times.
func (a Arrivals) Rate() float64 {
	if a.Sending <= 0 {
		return 0
	}
	return float64(a.Count) / a.Sending.Seconds()
}

// FetchRequests reads the sandbox's request log at base (http://127.0.0.1:PORT).
func FetchRequests(ctx context.Context, base string) ([]sandbox.RequestLog, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimSuffix(base, "/")+"/sandbox/requests", nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		return nil, fmt.Errorf("GET /sandbox/requests: HTTP %d %s", resp.StatusCode, b)
	}
	var log []sandbox.RequestLog
	if err := json.NewDecoder(resp.Body).Decode(&log); err != nil {
		return nil, fmt.Errorf("GET /sandbox/requests: %w", err)
	}
	return log, nil
}

// Inserts summarises the insert requests (path ending in insert.php) of a request log.
func Inserts(log []sandbox.RequestLog) Arrivals {
	var at []time.Time
	var a Arrivals
	var busy time.Duration
	var firstAt, lastAnswer time.Time
	answered := true
	for _, r := range log {
		if !strings.HasSuffix(r.Path, "insert.php") {
			continue
		}
		at = append(at, r.At)
		if r.Answered.IsZero() {
			answered = false
		} else {
			busy += r.Answered.Sub(r.At)
			if r.Answered.After(lastAnswer) {
				lastAnswer = r.Answered
			}
		}
		if firstAt.IsZero() || r.At.Before(firstAt) {
			firstAt = r.At
		}
		if r.Status == http.StatusOK && r.Created != "" {
			a.OK++
		}
	}
	slices.SortFunc(at, func(x, y time.Time) int { return x.Compare(y) })
	a.Count = len(at)
	if answered && len(at) > 0 && lastAnswer.After(firstAt) {
		a.Sending = lastAnswer.Sub(firstAt)
		a.InFlight = busy.Seconds() / a.Sending.Seconds()
	}
	a.MaxIn1s = MaxInWindow(at, time.Second)
	if len(at) > 1 {
		a.Span = at[len(at)-1].Sub(at[0])
		if a.Span > 0 {
			a.Mean = float64(len(at)-1) / a.Span.Seconds()
		}
	}
	if n := len(at) / 10; n > 1 {
		rate := func(ts []time.Time) float64 {
			if d := ts[len(ts)-1].Sub(ts[0]); d > 0 {
				return float64(len(ts)-1) / d.Seconds()
			}
			return 0
		}
		a.FirstTenth, a.LastTenth = rate(at[:n]), rate(at[len(at)-n:])
	}
	return a
}

// MaxInWindow is the largest number of times (sorted ascending) in any half-open window
// [t, t+d). The busiest window can always be slid to start at one of the times, so
// trying each of them as a start is exact.
func MaxInWindow(sorted []time.Time, d time.Duration) int {
	best, j := 0, 0
	for i := range sorted {
		if j < i {
			j = i
		}
		for j < len(sorted) && sorted[j].Sub(sorted[i]) < d {
			j++
		}
		best = max(best, j-i)
	}
	return best
}

// Bodies builds the request bodies the importer would send for the input at path with
// mappingPath (the same code path: source reader, mapping plan, wolkvox.Body). Invalid
// rows are skipped.
func Bodies(path, mappingPath string) ([][]byte, error) {
	m, err := mapping.Load(mappingPath)
	if err != nil {
		return nil, err
	}
	rd, err := source.Open(path, source.Options{})
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	plan, err := m.Bind(rd.Header())
	if err != nil {
		return nil, err
	}
	var bodies [][]byte
	for {
		row, err := rd.Next()
		if err == io.EOF {
			return bodies, nil
		}
		if err != nil {
			return nil, err
		}
		fields, err := plan.Build(row.Num, row.Cells)
		if err != nil || row.Err != nil {
			continue
		}
		b, err := wolkvox.Body(m.Operation(), m.Type(), fields)
		if err != nil {
			continue
		}
		bodies = append(bodies, b)
	}
}

// PostConcurrent is the machine's practical limit for the importer's sending: c
// goroutines POST the bodies (each once, in order of taking) as fast as the answers come,
// over one keep-alive transport sized like the importer's (wolkvox.NewClient), with
// nothing else to do: no ledger, no results, no pacer. It returns how many were created
// and the wall time from the first request to the last answer.
func PostConcurrent(ctx context.Context, base, token string, bodies [][]byte, c int) (created int, took time.Duration, err error) {
	c = max(c, 1)
	url := strings.TrimSuffix(base, "/") + "/server/API/v2/custom/insert.php"
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = max(c, 2)
	tr.MaxIdleConns = max(c, 2) * 2
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	defer tr.CloseIdleConnections()
	var (
		next  atomic.Int64
		made  atomic.Int64
		first error
		once  sync.Once
		wg    sync.WaitGroup
	)
	start := time.Now()
	for range c {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= len(bodies) || ctx.Err() != nil {
					return
				}
				ok, err := postOne(ctx, client, url, token, bodies[i])
				if err != nil {
					once.Do(func() { first = fmt.Errorf("body %d: %w", i, err) })
					return
				}
				if ok {
					made.Add(1)
				}
			}
		})
	}
	wg.Wait()
	return int(made.Load()), time.Since(start), first
}

// postOne POSTs one body and reads the whole answer; ok is whether a record was created.
func postOne(ctx context.Context, client *http.Client, url, token string, b []byte) (ok bool, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(b))
	if err != nil {
		return false, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Wolkvox-Token", token)
	resp, err := client.Do(req)
	if err != nil {
		return false, err
	}
	var ans struct {
		Data struct {
			ID string `json:"wolkvox_id"`
		} `json:"data"`
	}
	derr := json.NewDecoder(resp.Body).Decode(&ans)
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK && derr == nil && ans.Data.ID != "", nil
}

// PostSequential is the simplest alternative to the importer: a loop that POSTs each
// body, waits for the answer, and goes on (curl in a shell loop, with keep-alive). It
// returns how many were created and how long the loop took.
func PostSequential(ctx context.Context, base, token string, bodies [][]byte) (created int, took time.Duration, err error) {
	url := strings.TrimSuffix(base, "/") + "/server/API/v2/custom/insert.php"
	client := &http.Client{Timeout: 30 * time.Second}
	start := time.Now()
	for i, b := range bodies {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(b))
		if err != nil {
			return created, time.Since(start), err
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Wolkvox-Token", token)
		resp, err := client.Do(req)
		if err != nil {
			return created, time.Since(start), fmt.Errorf("body %d: %w", i, err)
		}
		var ans struct {
			Data struct {
				ID string `json:"wolkvox_id"`
			} `json:"data"`
		}
		derr := json.NewDecoder(resp.Body).Decode(&ans)
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK && derr == nil && ans.Data.ID != "" {
			created++
		}
	}
	return created, time.Since(start), nil
}
