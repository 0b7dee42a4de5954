package importer

import (
	"fmt"

	"github.com/wolkvox-import/wolkvox-import/report"
)

// LocalFault is a file of this machine that could not be written after sending began:
// the results sheet (or failed-rows file) or the ledger (exit status 3). Sending stopped
// at the first such error; the rows left were not sent.
type LocalFault struct {
	What string // "the results sheet in.results.csv", "the ledger ledger.db"
	Err  error
	// Ledger is true when the ledger failed (the results sheet may still be written);
	// false when the results could not be written (the ledger holds every row sent).
	Ledger bool
	// Sent is how many rows were sent to the server, ResultsWritten whether the
	// results sheet was written all the same.
	Sent           int
	ResultsWritten bool
	Results        string
}

func (e *LocalFault) Unwrap() error { return e.Err }

func (e *LocalFault) Error() string {
	sent := report.Plural(e.Sent, "row was", "rows were") + " sent before it"
	var after string
	switch {
	case !e.Ledger:
		after = fmt.Sprintf("The ledger records each of them; no results sheet was written. "+
			"Fix the cause (free disk space, make the folder writable, close %s if a spreadsheet program has it open) and re-run the same command: "+
			"it sends none of them again and rebuilds the results from the ledger", e.Results)
	case e.ResultsWritten:
		after = fmt.Sprintf("The results sheet %s lists what happened to every row: keep it, it holds the ids of rows whose answer the ledger could not record. "+
			"Fix the cause (free disk space) and re-run the same command: it sends only rows never sent and rebuilds the results from the ledger; "+
			"rows whose answer was not recorded are reported uncertain (check them against this results sheet), never sent twice", e.Results)
	default:
		after = "Neither could the results sheet be written. Fix the cause (free disk space) and re-run the same command: it sends only rows never sent " +
			"and rebuilds the results from the ledger; rows whose answer was not recorded are reported uncertain, never sent twice"
	}
	return fmt.Sprintf("could not write %s: %v. Sending stopped at once: %s. %s", e.What, e.Err, sent, after)
}

// localFault stops the run for a local write error; the first one is the one reported.
func (s *sender) localFault(what string, ledger bool, err error) {
	s.mu.Lock()
	if s.fault == nil {
		s.fault = &LocalFault{What: what, Err: err, Ledger: ledger}
	}
	s.mu.Unlock()
	s.halt()
}

// ledgerFault is localFault for the ledger.
func (s *sender) ledgerFault(err error) {
	s.localFault("the ledger "+s.ledger.Path(), true, err)
}

// faulted is the run's local fault, if any, with how many rows were sent: call it after
// finish.
func (s *sender) faulted(sum *report.Summary) *LocalFault {
	if s == nil {
		return nil // a dry run sends nothing
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.fault == nil {
		return nil
	}
	f := *s.fault
	f.Sent, f.Results = sum.Sent(), sum.Results
	return &f
}
