package importer

import (
	"github.com/wolkvox-import/wolkvox-import/i18n"
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

	lang i18n.Lang // of Error
}

func (e *LocalFault) Unwrap() error { return e.Err }

// Error is the fault in the run's language: what could not be written, how many rows
// were sent before, and how a re-run recovers.
func (e *LocalFault) Error() string {
	p := i18n.New(e.lang)
	var after string
	switch {
	case !e.Ledger:
		after = p.T("fault.after.results", e.Results)
	case e.ResultsWritten:
		after = p.T("fault.after.ledger", e.Results)
	default:
		after = p.T("fault.after.both")
	}
	return p.T("fault", e.What, e.Err.Error(), e.Sent, after)
}

// localFault stops the run for a local write error; the first one is the one reported.
func (s *sender) localFault(what string, ledger bool, err error) {
	s.mu.Lock()
	if s.fault == nil {
		s.fault = &LocalFault{What: what, Err: err, Ledger: ledger, lang: s.cfg.Lang}
	}
	s.mu.Unlock()
	s.halt()
}

// ledgerFault is localFault for the ledger.
func (s *sender) ledgerFault(err error) {
	s.localFault(s.p.T("fault.what.ledger", s.ledger.Path()), true, err)
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
