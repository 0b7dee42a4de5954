package report

import (
	"errors"
	"io/fs"
	"os"

	"github.com/xuri/excelize/v2"

	"github.com/wolkvox-import/wolkvox-import/i18n"
)

// sheetWriter is one file being written: a results sheet or a failed-rows file.
type sheetWriter interface {
	Write(Row) error
	// commit finishes the file and puts it in place; more, for XLSX, adds sheets first.
	commit(more func(*excelize.File, *xlsxStyles) error) error
	Abort()
}

func (w *csvWriter) commit(func(*excelize.File, *xlsxStyles) error) error { return w.Close() }

// Results writes, as rows come in, the results sheet and the failed-rows file beside it.
// Nothing is on disk until Finish (or Close): an earlier run's files stay untouched until
// then, and a crash leaves no half-written sheet. Only one goroutine may use a Results.
type Results struct {
	path, failedPath string
	header           []string
	opts             Options
	main             sheetWriter
	failed           sheetWriter // created at the first row to fix
	done             bool
}

// CreateWith opens a results sheet at path, in the format its extension says (.xlsx,
// else CSV), for rows with the given input header. The failed-rows file (FailedPath(path))
// is created at the first row whose status is invalid, failed or not_sent.
func CreateWith(path string, header []string, opts Options) (*Results, error) {
	r := &Results{path: path, failedPath: FailedPath(path), header: header, opts: opts}
	p := i18n.New(opts.Lang)
	for _, f := range []string{r.path, r.failedPath} {
		if sameFile(f, opts.Input) {
			return nil, errors.New(p.T("results.over_input", opts.Input))
		}
	}
	for _, p := range []string{r.path, r.failedPath} {
		removeStaleTemps(p) // a killed run's leftovers
	}
	var err error
	mainOpts := opts
	mainOpts.aligned = true
	if isXLSX(path) {
		r.main, err = createXLSX(path, p.T(resultsSheet), header, resultsLayout, &mainOpts)
	} else {
		r.main, err = createCSV(path, header, resultsLayout, &mainOpts)
	}
	if err != nil {
		return nil, errorIn(p, err, "results.cannot_write", err.Error())
	}
	return r, nil
}

// Path is the results sheet's file.
func (r *Results) Path() string { return r.path }

// FailedPath is where the failed-rows file goes, whether or not this run writes one.
func (r *Results) FailedPath() string { return r.failedPath }

// Write adds one row, in input order, to the results sheet and, if it is a row to fix,
// to the failed-rows file.
func (r *Results) Write(row Row) error {
	if err := r.main.Write(row); err != nil {
		return err
	}
	if !row.Status.ToFix() || r.opts.DryRun {
		return nil
	}
	if r.failed == nil {
		// Through typed variables: a failed create must leave r.failed a nil interface,
		// not an interface holding a nil writer that Abort would then call.
		var err error
		if isXLSX(r.failedPath) {
			var w *xlsxWriter
			if w, err = r.createFailedXLSX(); err == nil {
				r.failed = w
			}
		} else {
			var w *csvWriter
			if w, err = createCSV(r.failedPath, r.header, failedLayout, &Options{Delimiter: r.opts.Delimiter, Lang: r.opts.Lang}); err == nil {
				r.failed = w
			}
		}
		if err != nil {
			return errorIn(i18n.New(r.opts.Lang), err, "results.failed.cannot_write", err.Error())
		}
	}
	return r.failed.Write(row)
}

// createFailedXLSX names the sheet as the input's, so the same --sheet reads it back.
func (r *Results) createFailedXLSX() (*xlsxWriter, error) {
	opts := &Options{Widths: r.opts.Widths, Lang: r.opts.Lang}
	name := i18n.New(r.opts.Lang).T(failedSheet)
	if r.opts.Sheet != "" && r.opts.Sheet != name {
		if w, err := createXLSX(r.failedPath, r.opts.Sheet, r.header, failedLayout, opts); err == nil {
			return w, nil
		}
	}
	return createXLSX(r.failedPath, name, r.header, failedLayout, opts)
}

// Finish completes the run's files and puts them in place: the results sheet (with, in
// an XLSX workbook, a "Summary" sheet made from sum) and the failed-rows file, if this
// run had rows to fix. If it had none, a failed-rows file an earlier run left is removed,
// since the rows it lists are no longer to fix. Finish records in sum what it wrote
// (FailedRows) or removed (RemovedFailedRows), so call it after the run's counts, times and
// stop reasons are in sum, and print or save the summary after it. sum may be nil (no
// Summary sheet). A dry run (sum.DryRun or Options.DryRun) writes no failed-rows file and
// leaves an earlier one alone.
func (r *Results) Finish(sum *Summary) error {
	if r.done {
		return errFinished
	}
	r.done = true
	dryRun := r.opts.DryRun || (sum != nil && sum.DryRun)
	if dryRun && r.failed != nil {
		r.failed.Abort()
		r.failed = nil
	}
	stale := false
	if !dryRun && r.failed == nil {
		if _, err := os.Stat(r.failedPath); err == nil {
			stale = true
		}
	}
	var more func(*excelize.File, *xlsxStyles) error
	if sum != nil {
		if sum.Results == "" {
			sum.Results = r.path
		}
		sum.FailedRows, sum.RemovedFailedRows = "", ""
		if r.failed != nil {
			sum.FailedRows = r.failedPath
		}
		if stale {
			sum.RemovedFailedRows = r.failedPath
		}
		more = func(book *excelize.File, st *xlsxStyles) error { return writeSummarySheet(book, st, sum) }
	}
	p := i18n.New(r.opts.Lang)
	if err := r.main.commit(more); err != nil {
		if r.failed != nil {
			r.failed.Abort()
		}
		return errorIn(p, err, "results.cannot_write", err.Error())
	}
	if r.failed != nil {
		if err := r.failed.commit(nil); err != nil {
			return errorIn(p, err, "results.failed.not_written", r.path, err.Error())
		}
	}
	if stale {
		if err := os.Remove(r.failedPath); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return errorIn(p, err, "results.failed.stale", r.failedPath, err.Error())
		}
	}
	return nil
}

// errFinished is Finish called twice: a mistake in the calling code, never shown to people.
var errFinished = errors.New("report: results already finished")

// Close is Finish without a summary: the results sheet gets no Summary sheet.
func (r *Results) Close() error { return r.Finish(nil) }

// Abort drops both half-written files; an earlier run's files stay as they were.
func (r *Results) Abort() {
	if r.done {
		return
	}
	r.done = true
	r.main.Abort()
	if r.failed != nil {
		r.failed.Abort()
	}
}
