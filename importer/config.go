// Package importer is the pipeline: read rows, map them, send them under the rate limit
// and the concurrency limit, record every outcome in the ledger and the results sheet.
//
// Shape (after rakyll/hey): one reader goroutine, N senders sharing one client and one
// limiter, and the caller's goroutine as the only writer of the results sheet, putting
// rows back in input order with a buffer bounded by a window of rows in flight.
package importer

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"time"

	"github.com/wolkvox-import/wolkvox-import/i18n"
	"github.com/wolkvox-import/wolkvox-import/importer/ledger"
	"github.com/wolkvox-import/wolkvox-import/importer/source"
	"github.com/wolkvox-import/wolkvox-import/importer/wolkvox"
	"github.com/wolkvox-import/wolkvox-import/mapping"
	"github.com/wolkvox-import/wolkvox-import/report"
)

// Config is one import, as the command line describes it.
type Config struct {
	Input       string
	Source      source.Options
	Mapping     *mapping.Mapping // nil: headers are matched to fields by name
	MappingPath string           // for messages
	Operation   string           // overrides the mapping's
	Results     string           // results sheet; "" = next to Input

	DryRun bool
	Client *wolkvox.Client // nil with DryRun
	// SandboxStore, when the run imports into the built-in sandbox, is where its meetings
	// are kept: the summary says so.
	SandboxStore string
	// ServerID, when set, names the server in the ledger instead of its address: the
	// sandbox listens on a new port each run, and its rows must keep their identity.
	ServerID string
	Ledger   *ledger.Ledger // nil: nothing remembered (dry run)

	AllowDuplicates bool
	RetryUncertain  bool
	// OnChangeCreate (--on-change create) sends a row whose meeting the ledger holds as
	// created with the same key and another content as a new meeting; by default such a
	// row is reported changed and not sent.
	OnChangeCreate bool
	// WaitForAllowance: when the token's daily allowance is spent, wait until it restarts
	// and go on (interruptible), instead of stopping the run.
	WaitForAllowance bool
	// SkipHiddenRows leaves out the rows hidden in the sheet (by hand or by a filter):
	// they are echoed in the results with a note, and not sent.
	SkipHiddenRows bool
	// Lang is the language of the results' added columns, status words, messages and
	// summary.
	Lang i18n.Lang

	Concurrency int
	Rate        float64 // requests per second; 0 = no limit
	Burst       int
	Retries     int
	// BackoffBase is the first retry's wait without Retry-After (doubling, with jitter,
	// up to BackoffMax). Zero means 500 ms and 30 s.
	BackoffBase, BackoffMax time.Duration
	// MaxWait is the longest Retry-After the run waits out; a longer one stops the run
	// (rest not_sent). Zero: no limit.
	MaxWait time.Duration
	// StreakLimit is how many connection failures (or lost answers) in a row, run-wide,
	// stop the run; zero means 6.
	StreakLimit int

	Log *slog.Logger
	// OnRow, when set, is called from the writer goroutine after each row is written.
	OnRow func(report.Status)
	// OnTotal, when set, is told the number of data rows once a second reading pass
	// has counted them (for progress); it may never be called.
	OnTotal func(rows int)
	// Stderr receives the messages a person should read during the run (warnings).
	Stderr io.Writer

	// Edits are cells changed on the page: read instead of the file's (see CellEdit).
	Edits []CellEdit
	// OnResult, when set, gets every row written to the results, from the writer goroutine.
	OnResult func(report.Row)
	// OnWait, when set, is told when the run starts waiting for the daily allowance to
	// restart (the time it will go on), and told the zero time when the wait ends.
	OnWait func(until time.Time)
	// sleepForAllowance replaces the wait for the allowance (tests); nil: sleep.
	sleepForAllowance func(ctx context.Context, d time.Duration) bool
	// Watch, when set, is kept up to date with the requests in flight, for whoever must
	// say what the run is doing when it is interrupted (see Watch).
	Watch *Watch
}

// ParseOnChange reads --on-change: "skip" (the default: a changed row is reported, not
// sent) or "create" (sent as a new meeting).
func ParseOnChange(v string, lang i18n.Lang) (create bool, err error) {
	switch v {
	case "skip", "":
		return false, nil
	case "create":
		return true, nil
	}
	return false, errors.New(i18n.New(lang).T("cli.on_change", v))
}

// CheckNumbers refuses numbers of the command line out of their range (SPEC): --rate
// below 0, --concurrency or --burst below 1, --retries below 0, said in lang.
func CheckNumbers(rate float64, concurrency, burst, retries int, lang i18n.Lang) error {
	p := i18n.New(lang)
	switch {
	case rate < 0 || rate != rate:
		return errors.New(p.T("cli.rate", rate))
	case concurrency < 1:
		return errors.New(p.T("cli.concurrency", concurrency))
	case burst < 1:
		return errors.New(p.T("cli.burst", burst))
	case retries < 0:
		return errors.New(p.T("cli.retries", retries))
	}
	return nil
}
