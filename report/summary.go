package report

import (
	"github.com/wolkvox-import/wolkvox-import/i18n"

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
	Sandbox        string // the built-in sandbox's folder, when the run imported into it
	Operation      string
	DryRun         bool
	Lang           i18n.Lang // the language the summary and the Summary sheet speak
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

	// Where the reader found the data: the header row (said when it is not row 1), and
	// the first visible sheet when another one was read because only it has the header.
	HeaderRow  int
	FirstSheet string
	// Earlier counts the rows created by an earlier run (found in the ledger, not sent
	// again); EarlierDate is the day of the first of them.
	Earlier     int
	EarlierDate string
	// Hidden rows: how many were imported (or left out), the first ones.
	Hidden      int
	HiddenRows  []int
	SkippedRows int // hidden rows left out: in the results without a status

	// Set by Results.Finish.
	FailedRows        string // the failed-rows file this run wrote; "" if none
	RemovedFailedRows string // an earlier run's failed-rows file, removed: this run has no rows to fix

	errs errorGroups
	p    *i18n.Printer // of Lang, made at the first row with problems
}

// printer is the printer of s.Lang.
func (s *Summary) printer() *i18n.Printer {
	if s.p == nil || s.p.Lang() != s.Lang {
		s.p = i18n.New(s.Lang)
	}
	return s.p
}

// Add counts one row written to the results: its status, and its error in the groups
// of Errors. Call it once per row, in input order.
func (s *Summary) Add(r Row) {
	if s.Counts == nil {
		s.Counts = map[Status]int{}
	}
	if r.Hidden {
		s.Hidden++
		if len(s.HiddenRows) < maxHiddenListed {
			s.HiddenRows = append(s.HiddenRows, r.SourceRow)
		}
	}
	if r.Status == "" { // a hidden row left out: echoed, not counted
		s.SkippedRows++
		return
	}
	s.Rows++
	s.Counts[r.Status]++
	if r.Earlier != "" {
		if s.Earlier == 0 {
			s.EarlierDate = r.Earlier
		}
		s.Earlier++
	}
	switch {
	case len(r.Problems) > 0:
		p := s.printer()
		s.errs.addProblems(r.Status, r.Problems, r.SourceRow, func(column, text string) string {
			if column == "" {
				return text
			}
			return p.T("summary.in_column", column, text)
		})
	case r.Error != "" && r.Status != Created && r.Status != Valid:
		s.errs.add(r.Status, r.Error, r.SourceRow)
	}
}

// maxHiddenListed bounds the hidden rows the summary names.
const maxHiddenListed = 10

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
	return s.Counts[Invalid] + s.Counts[Failed] + s.Counts[NotSent] + s.Counts[Uncertain]
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
	case s.Rows == 0 && s.SkippedRows == 0:
		// A header and nothing below it: a scheduled job must not take it for success.
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

// WriteText prints the summary a person reads at the end of a run, in s.Lang: first one
// true sentence (how many rows were created, and why the run stopped if it did), then the
// rows by status, the most frequent problems, where the results are, and what to do next,
// with the rows that only need a re-run advised apart from those that need a fix.
func (s *Summary) WriteText(w io.Writer) {
	p := i18n.New(s.Lang)
	line := func(key string, args ...any) { fmt.Fprintln(w, p.T(key, args...)) }
	switch {
	case s.DryRun:
		line("summary.first.dry", s.Input, s.Rows, humanDuration(s.Duration()))
	case s.Earlier > 0 || s.Counts[Changed] > 0:
		// A re-upload: what is new apart from what the ledger already held.
		first := p.T("summary.first.rows", s.Input, s.Rows) + p.T("summary.first.new", s.Counts[Created]-s.Earlier)
		if s.Earlier > 0 {
			first += p.T("summary.first.earlier", s.Earlier, s.EarlierDate)
		}
		if n := s.Counts[Changed]; n > 0 {
			first += p.T("summary.first.changed", n)
		}
		if why := s.stopReason(p); why != "" {
			first += "; " + why
		}
		fmt.Fprintln(w, first+p.T("summary.first.took", humanDuration(s.Duration())))
	default:
		first := p.T("summary.first", s.Input, s.Counts[Created], s.Rows)
		if why := s.stopReason(p); why != "" {
			first += "; " + why
		}
		fmt.Fprintln(w, first+p.T("summary.first.took", humanDuration(s.Duration())))
	}
	var parts []string
	for _, st := range Statuses {
		if n := s.Counts[st]; n > 0 {
			parts = append(parts, p.T("summary.count", st.In(p), n))
		}
	}
	if len(parts) == 0 {
		parts = append(parts, p.T("summary.no_rows", max(s.HeaderRow, 1)))
	}
	fmt.Fprintf(w, "  %s\n", strings.Join(parts, ", "))
	if s.DryRun && s.Earlier > 0 {
		line("summary.dry.earlier", s.Earlier, s.EarlierDate)
	}
	if s.FirstSheet != "" {
		line("summary.other_sheet", s.Sheet, s.FirstSheet)
	}
	if s.HeaderRow > 1 {
		line("summary.header_row", s.HeaderRow)
	}
	if s.Hidden > 0 {
		list := intList(s.HiddenRows)
		if s.Hidden > len(s.HiddenRows) {
			list += ", …"
		}
		if s.SkippedRows > 0 {
			line("summary.hidden.skipped", s.Hidden, list)
		} else {
			line("summary.hidden.imported", s.Hidden, list)
		}
	}
	if s.Server != "" {
		server := p.T("summary.server", s.Server, s.Operation, p.T("summary.requests", s.Attempts), p.T("summary.retries", s.Retries))
		if r := s.SentPerSecond(); r > 0 {
			server += p.T("summary.server.rate", rateIn(p, r))
		}
		fmt.Fprintln(w, server)
		if s.Sandbox != "" {
			line("summary.sandbox", s.Sandbox)
		}
	}
	for _, n := range s.Notes {
		line("summary.note", n)
	}
	rep := s.Errors()
	mappingFixes := 0
	if len(rep.Groups) > 0 {
		line("summary.problems")
		more := rep.Other
		for i, g := range rep.Groups {
			if g.Fix != "" {
				mappingFixes++
			}
			if i >= textGroups {
				more += g.Rows
				continue
			}
			line("summary.problem", g.Rows, clipRunes(g.Message, 160), s.rowList(p, g))
			if g.Fix != "" {
				line("summary.problem.fix", g.Fix)
			}
		}
		if more > 0 {
			where := p.T("summary.more.column", p.T("column.import_error"))
			if isXLSX(s.Results) {
				where = p.T("summary.more.sheet", p.T(summarySheet))
			}
			line("summary.more", more, where)
		}
	}
	line("summary.results", s.Results)
	toFix := s.Counts[Invalid] + s.Counts[Failed]
	switch {
	case s.FailedRows != "" && toFix == 0 && s.Counts[Uncertain] > 0:
		line("summary.failed_file.settle", s.FailedRows, s.toFix())
	case s.FailedRows != "" && toFix == 0:
		line("summary.failed_file.rerun", s.FailedRows, s.toFix())
	case s.FailedRows != "":
		line("summary.failed_file.fix", s.FailedRows, s.toFix())
	case s.RemovedFailedRows != "":
		line("summary.failed_file.removed", s.RemovedFailedRows)
	}
	if s.ReadError != nil {
		line("summary.read_error", s.ReadError.Error())
	}
	if n := s.Counts[NotSent]; n > 0 {
		line("summary.advice.not_sent", n)
	}
	if n := s.Counts[Changed]; n > 0 {
		line("summary.advice.changed", n, p.T("column.wolkvox_id"), p.T("column.import_error"))
	}
	if n := s.Counts[Uncertain]; n > 0 && s.FailedRows != "" {
		line("summary.advice.uncertain.settle", n, s.FailedRows, p.T("column.wolkvox_id"), p.T("column.import_error"))
	} else if n > 0 {
		line("summary.advice.uncertain", n)
	}
	switch {
	case toFix == 0:
	case mappingFixes > 0 && mappingFixes == len(rep.Groups) && rep.Other == 0:
		line("summary.advice.fix_mapping", toFix, s.Mapping)
	case s.DryRun:
		line("summary.advice.fix_dry", toFix, s.Input)
	case s.FailedRows == "":
		line("summary.advice.fix_results", toFix)
	}
}

// stopReason says why the run stopped early, "" when it did not.
func (s *Summary) stopReason(p *i18n.Printer) string {
	switch {
	case s.Interrupted:
		return p.T("summary.stopped.interrupted")
	case s.Fatal != "":
		return p.T("summary.stopped", s.Fatal)
	case s.QuotaSpent != "":
		return p.T("summary.stopped", s.QuotaSpent)
	case s.Stopped != "":
		return p.T("summary.stopped", s.Stopped)
	case s.ReadError != nil:
		return p.T("summary.stopped.read")
	}
	return ""
}

// outcome says how the run ended, for the Summary sheet and the JSON: "finished", or why
// it stopped early.
func (s *Summary) outcome() string {
	p := i18n.New(s.Lang)
	why := s.stopReason(p)
	if why == "" {
		return p.T("summary.finished")
	}
	if s.ReadError != nil && !strings.Contains(why, s.ReadError.Error()) {
		why += ": " + s.ReadError.Error()
	}
	return why
}

// rowList is "row 7" or "rows 2, 5, 9, 10, 12, …".
func (s *Summary) rowList(p *i18n.Printer, g ErrorGroup) string {
	list := intList(g.FirstRows)
	if g.Rows > len(g.FirstRows) {
		list += ", …"
	}
	return p.T("summary.rows_list", len(g.FirstRows), list)
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
