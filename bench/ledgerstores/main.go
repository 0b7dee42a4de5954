// Command ledgerstores measures candidate stores for the ledger under the importer's
// load: W senders each claim a row ("sending", which must be on disk before the
// request leaves), then record its outcome, with every write group-committed (one
// transaction, one sync, for everything queued while the previous one was syncing).
// It prints one JSON line: claims/s over the first and last tenth, bytes on disk per
// row, syncs (commits) per row and the process's peak RSS.
//
//	go run . -store sqlite-modernc -n 1000000 -dir /tmp/x
//
// It lives in a module of its own so that the candidates it tries stay out of the
// importer's build.
package main

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

type entry struct {
	state     byte // 's' sending, 'c' created, 'f' failed
	row       int
	wolkvoxID string
	sentAt    time.Time
	doneAt    time.Time
}

// op is one queued write: a claim (insert unless present) or a put (replace).
type op struct {
	claim   bool
	key     [32]byte
	e       entry
	claimed bool
	err     chan error
}

// store commits a group of ops in one transaction with one sync.
type store interface {
	commit(ops []*op) error
	size() int64 // bytes on disk, every file of the store
	close() error
}

const (
	server    = "https://crm.wolkvox.com/server/API/v2/custom/insert.php"
	operation = "meetings"
	input     = "/home/ana/migracion/reuniones-2026.csv"
	runID     = "20261201T105500-4f3a9c2e"
)

func main() {
	kind := flag.String("store", "sqlite-modernc", "bbolt-json | bbolt-compact | sqlite-modernc | sqlite-ncruces")
	n := flag.Int("n", 100000, "rows")
	workers := flag.Int("w", 64, "senders")
	dir := flag.String("dir", "", "directory for the store (default: a temporary one, removed)")
	flag.Parse()
	if *dir == "" {
		d, err := os.MkdirTemp(".", "ledgerstores-")
		check(err)
		defer os.RemoveAll(d)
		*dir = d
	}
	check(os.MkdirAll(*dir, 0o700))
	s, err := openStore(*kind, filepath.Join(*dir, "ledger."+*kind))
	check(err)

	queue := make(chan *op, 4096)
	var commits atomic.Int64
	var wg sync.WaitGroup
	go func() {
		group := make([]*op, 0, 4096)
		for o := range queue {
			group = append(group[:0], o)
		drain:
			for len(group) < cap(group) {
				select {
				case o := <-queue:
					group = append(group, o)
				default:
					break drain
				}
			}
			err := s.commit(group)
			commits.Add(1)
			for _, o := range group {
				o.err <- err
			}
		}
	}()
	do := func(o *op) {
		o.err = make(chan error, 1)
		queue <- o
		check(<-o.err)
	}

	var next atomic.Int64
	stamps := make([]int64, *n) // when each claim was on disk, ns since start
	start := time.Now()
	for range *workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= *n {
					return
				}
				k := sha256.Sum256(binary.LittleEndian.AppendUint64([]byte("row"), uint64(i)))
				c := &op{claim: true, key: k, e: entry{state: 's', row: i + 2, sentAt: time.Now()}}
				do(c)
				stamps[i] = int64(time.Since(start))
				if !c.claimed {
					panic("a fresh row was not claimed")
				}
				// The request would go here (a 0 ms server). The outcome is queued and
				// waited for by another goroutine, as the sender does.
				p := &op{key: k, e: entry{state: 'c', row: i + 2, wolkvoxID: fmt.Sprint(8_000_000 + i), sentAt: c.e.sentAt, doneAt: time.Now()}}
				p.err = make(chan error, 1)
				queue <- p
				wg.Go(func() { check(<-p.err) })
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	close(queue)
	check(s.close())
	tenth := *n / 10
	rate := func(from, to int) float64 {
		var t0 int64
		if from > 0 {
			t0 = stamps[from-1]
		}
		return float64(to-from) / (float64(stamps[to-1]-t0) / 1e9)
	}
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	out, _ := json.Marshal(map[string]any{
		"store": *kind, "rows": *n, "senders": *workers,
		"seconds":           elapsed.Seconds(),
		"claims_per_s":      float64(*n) / elapsed.Seconds(),
		"first_tenth_per_s": rate(0, tenth), "last_tenth_per_s": rate(*n-tenth, *n),
		"bytes_per_row":   float64(s.size()) / float64(*n),
		"commits_per_row": float64(commits.Load()) / float64(*n),
		"peak_rss_mb":     float64(ru.Maxrss) / 1024,
	})
	fmt.Println(string(out))
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "ledgerstores:", err)
		os.Exit(1)
	}
}

func fileSizes(paths ...string) int64 {
	var n int64
	for _, p := range paths {
		if info, err := os.Stat(p); err == nil {
			n += info.Size()
		}
	}
	return n
}
