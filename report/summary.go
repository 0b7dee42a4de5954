package report

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// Summary is what a finished run did.
type Summary struct {
	Input, Results string
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
	ReadError   error  // the input broke off; rows after it were not read
	// Notes are adjustments made during the run (concurrency or rate lowered).
	Notes []string
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

// WriteText prints the summary a person reads at the end of a run.
func (s *Summary) WriteText(w io.Writer) {
	verb := "imported"
	if s.DryRun {
		verb = "checked (dry run: nothing sent)"
	}
	fmt.Fprintf(w, "%s: %s %s in %s\n", s.Input, plural(s.Rows, "row", "rows"), verb, s.End.Sub(s.Start).Round(time.Millisecond))
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
		fmt.Fprintf(w, "  server %s, operation %s, %d requests (%d retries)\n", s.Server, s.Operation, s.Attempts, s.Retries)
	}
	for _, n := range s.Notes {
		fmt.Fprintf(w, "  note: %s\n", n)
	}
	fmt.Fprintf(w, "  results: %s\n", s.Results)
	switch {
	case s.Interrupted:
		fmt.Fprintf(w, "interrupted: rows not yet sent are marked not_sent; run the same command again to finish\n")
	case s.Fatal != "":
		fmt.Fprintf(w, "stopped: %s\n", s.Fatal)
	case s.QuotaSpent != "":
		fmt.Fprintf(w, "stopped: %s\n", s.QuotaSpent)
	}
	if s.ReadError != nil {
		fmt.Fprintf(w, "stopped reading the input: %v\n", s.ReadError)
	}
	if n := s.Counts[Invalid] + s.Counts[Failed]; n > 0 && !s.DryRun {
		fmt.Fprintf(w, "%s not created: filter import_status in the results sheet to see why\n", plural(n, "row was", "rows were"))
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
