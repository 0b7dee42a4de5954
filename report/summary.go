package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// Summary is what a finished run did.
type Summary struct {
	Input, Results string
	Sheet          string // the input's sheet (XLSX); "" for CSV
	Mapping        string // the mapping file; "" when headers were matched to fields by name
	Server         string
	Operation      string
	DryRun         bool
	Rows           int
	Counts         map[Status]int
	Attempts       int // requests sent, retries included
	Retries        int
	Start, End     time.Time

	// Why the run stopped early, if it did.
	Interrupted bool   // Ctrl-C / SIGTERM
	Fatal       string // wrong server or token: nothing more could succeed
	QuotaSpent  string // the daily allowance ran out
	Stopped     string // stopped early for a reason a later re-run gets past (server unreachable, a long Retry-After)
	ReadError   error  // the input broke off; rows after it were not read
	// Notes are adjustments made during the run (concurrency or rate lowered).
	Notes []string
	// RateLowest and RateEnd are the requests/s the run went down to after overload
	// answers, and where it was at the end; 0 when the rate was never lowered.
	RateLowest, RateEnd float64

	// Set by Results.Finish.
	FailedRows        string // the failed-rows file this run wrote; "" if none
	RemovedFailedRows string // an earlier run's failed-rows file, removed: this run has no rows to fix

	errs errorGroups
}

// Add counts one row written to the results: its status, and its error in the groups
// of Errors. Call it once per row, in input order.
func (s *Summary) Add(r Row) {
	if s.Counts == nil {
		s.Counts = map[Status]int{}
	}
	s.Rows++
	s.Counts[r.Status]++
	if r.Error != "" && r.Status != Created && r.Status != Valid {
		s.errs.add(r.Status, r.Error, r.SourceRow)
	}
}

// Errors is the run's problems grouped by message, most frequent first (at most
// MaxErrorGroups groups). Rows counted by Add only.
func (s *Summary) Errors() ErrorReport {
	return s.errs.report(MaxErrorGroups)
}

// Duration is how long the run took.
func (s *Summary) Duration() time.Duration {
	if s.Start.IsZero() || s.End.Before(s.Start) {
		return 0
	}
	return s.End.Sub(s.Start)
}

// Sent is how many rows were sent to the server at least once (requests less retries).
func (s *Summary) Sent() int {
	return max(s.Attempts-s.Retries, 0)
}

// SentPerSecond is the run's mean rate: rows sent per second.
func (s *Summary) SentPerSecond() float64 {
	if d := s.Duration(); d > 0 {
		return float64(s.Sent()) / d.Seconds()
	}
	return 0
}

// toFix is how many rows the failed-rows file holds.
func (s *Summary) toFix() int {
	return s.Counts[Invalid] + s.Counts[Failed] + s.Counts[NotSent]
}

// Exit statuses, as SPEC.md fixes them.
const (
	ExitOK          = 0
	ExitNotAll      = 1
	ExitConfig      = 2
	ExitInterrupted = 130
)

// ExitCode maps the run's outcome to the process exit status.
func (s *Summary) ExitCode() int {
	switch {
	case s.Interrupted:
		return ExitInterrupted
	case s.Fatal != "" || s.ReadError != nil:
		return ExitConfig
	}
	done := s.Counts[Created]
	if s.DryRun {
		done = s.Counts[Valid]
	}
	if done != s.Rows {
		return ExitNotAll
	}
	return ExitOK
}

// textGroups is how many error groups WriteText lists; the rest are in the Summary sheet.
const textGroups = 5

// WriteText prints the summary a person reads at the end of a run: what happened to the
// rows, the most frequent problems, where the results are, and what to do next.
func (s *Summary) WriteText(w io.Writer) {
	verb := "imported"
	if s.DryRun {
		verb = "checked (dry run: nothing sent)"
	}
	fmt.Fprintf(w, "%s: %s %s in %s\n", s.Input, Plural(s.Rows, "row", "rows"), verb, humanDuration(s.Duration()))
	var parts []string
	for _, st := range Statuses {
		if n := s.Counts[st]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", st, n))
		}
	}
	if len(parts) == 0 {
		parts = append(parts, "no data rows")
	}
	fmt.Fprintf(w, "  %s\n", strings.Join(parts, ", "))
	if s.Server != "" {
		line := fmt.Sprintf("  server %s, operation %s, %s (%s)", s.Server, s.Operation,
			Plural(s.Attempts, "request", "requests"), Plural(s.Retries, "retry", "retries"))
		if r := s.SentPerSecond(); r > 0 {
			line += fmt.Sprintf(", %s rows sent per second", rate(r))
		}
		fmt.Fprintln(w, line)
	}
	for _, n := range s.Notes {
		fmt.Fprintf(w, "  note: %s\n", n)
	}
	if rep := s.Errors(); len(rep.Groups) > 0 {
		fmt.Fprintln(w, "  problems, most frequent first:")
		more := rep.Other
		for i, g := range rep.Groups {
			if i >= textGroups {
				more += g.Rows
				continue
			}
			fmt.Fprintf(w, "    %s: %s (%s)\n", Plural(g.Rows, "row", "rows"), clipRunes(g.Message, 160), rowList(g))
		}
		if more > 0 {
			where := "the import_error column of the results"
			if isXLSX(s.Results) {
				where = "the Summary sheet of the results"
			}
			fmt.Fprintf(w, "    and %d more: see %s\n", more, where)
		}
	}
	fmt.Fprintf(w, "  results: %s\n", s.Results)
	switch {
	case s.FailedRows != "" && s.Counts[Invalid]+s.Counts[Failed] == 0:
		fmt.Fprintf(w, "  rows not sent: %s (%s: import that file, or run the same command again)\n", s.FailedRows, Plural(s.toFix(), "row", "rows"))
	case s.FailedRows != "":
		fmt.Fprintf(w, "  rows to fix: %s (%s: correct %s there, then import that file)\n", s.FailedRows, Plural(s.toFix(), "row", "rows"), pick(s.toFix(), "it", "them"))
	case s.RemovedFailedRows != "":
		fmt.Fprintf(w, "  removed %s: it listed an earlier run's rows to fix, and this run has none\n", s.RemovedFailedRows)
	}
	switch {
	case s.Interrupted:
		fmt.Fprintf(w, "interrupted: rows not yet sent are marked not_sent; run the same command again to finish\n")
	case s.Fatal != "":
		fmt.Fprintf(w, "stopped: %s\n", s.Fatal)
	case s.QuotaSpent != "":
		fmt.Fprintf(w, "stopped: %s\n", s.QuotaSpent)
	case s.Stopped != "":
		fmt.Fprintf(w, "stopped: %s\n", s.Stopped)
	}
	if s.ReadError != nil {
		fmt.Fprintf(w, "stopped reading the input: %v\n", s.ReadError)
	}
	if n := s.Counts[Uncertain]; n > 0 {
		fmt.Fprintf(w, "%s uncertain: the server may have created %s without answering; look in Wolkvox before sending %s again (--retry-uncertain)\n",
			Plural(n, "row is", "rows are"), pick(n, "it", "them"), pick(n, "it", "them"))
	}
	switch n := s.Counts[Invalid] + s.Counts[Failed]; {
	case n == 0:
	case s.DryRun:
		fmt.Fprintf(w, "%s invalid: fix %s in %s (import_error says how), then check again\n", Plural(n, "row is", "rows are"), pick(n, "it", "them"), s.Input)
	case s.FailedRows == "":
		fmt.Fprintf(w, "%s not created: filter import_status in the results sheet to see why\n", Plural(n, "row was", "rows were"))
	}
}

// outcome says how the run ended, for the Summary sheet and the JSON: "finished", or why
// it stopped early.
func (s *Summary) outcome() string {
	var why []string
	switch {
	case s.Interrupted:
		why = append(why, "interrupted: rows not yet sent are marked not_sent; run the same command again to finish")
	case s.Fatal != "":
		why = append(why, "stopped: "+s.Fatal)
	case s.QuotaSpent != "":
		why = append(why, "stopped: "+s.QuotaSpent)
	case s.Stopped != "":
		why = append(why, "stopped: "+s.Stopped)
	}
	if s.ReadError != nil {
		why = append(why, "stopped reading the input: "+s.ReadError.Error())
	}
	if len(why) == 0 {
		return "finished"
	}
	return strings.Join(why, "; ")
}

// rowList is "row 7" or "rows 2, 5, 9, 10, 12, …".
func rowList(g ErrorGroup) string {
	nums := make([]string, len(g.FirstRows))
	for i, r := range g.FirstRows {
		nums[i] = strconv.Itoa(r)
	}
	list := strings.Join(nums, ", ")
	if g.Rows > len(g.FirstRows) {
		list += ", …"
	}
	if len(g.FirstRows) == 1 && g.Rows == 1 {
		return "row " + list
	}
	return "rows " + list
}

// Plural writes n with the word that fits it: "1 row", "2 rows".
func Plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

func pick(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// humanDuration rounds d to what a person wants to read: 230ms, 12.3s, 3m25s.
func humanDuration(d time.Duration) string {
	switch {
	case d < time.Second:
		return d.Round(time.Millisecond).String()
	case d < time.Minute:
		return d.Round(100 * time.Millisecond).String()
	default:
		return d.Round(time.Second).String()
	}
}

// rate is r with one decimal under 10 and none above: 4.8, 41.
func rate(r float64) string {
	if r < 10 {
		return strconv.FormatFloat(r, 'f', 1, 64)
	}
	return strconv.FormatFloat(r, 'f', 0, 64)
}

func clipRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
