package importer

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"log/slog"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/wolkvox-import/wolkvox-import/i18n"
	"github.com/wolkvox-import/wolkvox-import/importer/ledger"
	"github.com/wolkvox-import/wolkvox-import/importer/source"
	"github.com/wolkvox-import/wolkvox-import/importer/wolkvox"
	"github.com/wolkvox-import/wolkvox-import/mapping"
	"github.com/wolkvox-import/wolkvox-import/report"
)

// job is one input row on its way through the pipeline.
type job struct {
	seq      int
	row      int            // source_row
	cells    []mapping.Cell // the row's own cells, echoed in the results
	warning  string         // the reader's note on the row, kept in its error column
	settle   string         // the row's wolkvox_id cell, when the input has one (see settle.go)
	skipped  bool           // a hidden row left out (--skip-hidden-rows)
	body     []byte         // the request; nil when the row is invalid
	key      ledger.Key
	ident    ledger.Ident     // the meeting's key (the mapping's key: fields)
	fields   *mapping.Fields  // what the request sends, for the ledger's digest and search
	reason   string           // why the row is invalid, in the run's language
	problems []report.Problem // the mapping's problems of the row, for the summary's groups
	raw      []mapping.Cell   // the row as read, until prepare maps it
	rowErr   error            // the reader's complaint about the row, if any
	hidden   bool             // the row is hidden in the sheet
}

type outcome struct {
	seq int
	report.Row
}

// Run imports cfg.Input. An error means nothing was sent and no results sheet was
// written: the input, mapping or configuration is wrong (exit status 2). Everything that
// happens once rows flow is in the Summary.
func Run(ctx context.Context, cfg Config) (*report.Summary, error) {
	cfg.defaults()
	sum := &report.Summary{Input: cfg.Input, DryRun: cfg.DryRun, Counts: map[report.Status]int{}, Start: time.Now(), Lang: cfg.Lang}

	srcOpts := cfg.sourceOptions()
	rd, err := source.Open(cfg.Input, srcOpts)
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	rd = withEdits(rd, cfg.Edits)

	layout := rd.Layout()
	header := rd.Header()
	m := cfg.Mapping
	if m == nil {
		m = mapping.Auto(header)
	}
	plan, err := m.Bind(header)
	if err != nil {
		if !layout.HeaderFound && srcOpts.HeaderRow == 0 {
			return nil, &HeaderError{Sheet: layout.Sheet, Row: layout.HeaderRow, Err: err}
		}
		return nil, err
	}
	sum.HeaderRow, sum.FirstSheet = layout.HeaderRow, layout.FirstSheet
	operation := cfg.Operation
	if operation == "" {
		operation = m.Operation()
	}
	if operation == "" && !cfg.DryRun {
		return nil, errors.New(i18n.New(cfg.Lang).T("run.operation.missing"))
	}
	if operation == mapping.Placeholder && !cfg.DryRun {
		return nil, errors.New(i18n.New(cfg.Lang).T("run.operation.still_placeholder", mapping.Placeholder))
	}
	sum.Operation = operation
	if operation == mapping.Placeholder && cfg.DryRun {
		sum.Notes = append(sum.Notes, i18n.New(cfg.Lang).T("run.operation.placeholder", mapping.Placeholder))
	}

	echo := echoColumns(header)
	resultsPath := cfg.Results
	if resultsPath == "" {
		resultsPath = report.DefaultPath(cfg.Input)
	}
	sum.Results = resultsPath
	var delimiter rune
	if info, ok := rd.(source.CSVInfo); ok {
		delimiter = info.Delimiter()
	}
	sum.Sheet = layout.Sheet
	sum.Mapping = cfg.MappingPath
	count := sync.OnceValues(func() (int, error) { return countRows(cfg.Input, srcOpts) })
	// Only a CSV input can hold more rows than an XLSX sheet: find out before sending
	// anything, rather than when the results sheet overflows.
	if _, isCSV := rd.(source.CSVInfo); isCSV && strings.EqualFold(filepath.Ext(resultsPath), ".xlsx") {
		if n, err := count(); err == nil && n > xlsxRowLimit {
			return nil, errors.New(i18n.New(cfg.Lang).T("run.xlsx.too_many_rows",
				cfg.Input, n, xlsxRowLimit, strings.TrimSuffix(resultsPath, filepath.Ext(resultsPath))+".csv"))
		}
	}
	above := make([]report.SheetRow, len(layout.Above))
	for i, a := range layout.Above {
		above[i] = report.SheetRow{Num: a.Num, Cells: a.Cells}
	}
	out, err := report.CreateWith(resultsPath, pick(header, echo), report.Options{
		Delimiter: delimiter, Sheet: sum.Sheet, DryRun: cfg.DryRun, Input: cfg.Input,
		HeaderRow: layout.HeaderRow, Above: above, Widths: pickWidths(layout.Widths, echo), Lang: cfg.Lang,
	})
	if err != nil {
		return nil, err
	}
	// A CSV this tool wrote (a results or failed-rows file) has formula-looking text
	// escaped with an apostrophe: read it back as the user wrote it.
	_, isCSV := rd.(source.CSVInfo)
	unescape := isCSV && len(echo) < len(header)

	// A dry run reads the input as fast as counting it would: a second reader only
	// halves the speed (and doubles the memory, for an XLSX) to learn the total when
	// the run is nearly over.

	var s *sender
	var timeout time.Duration
	if cfg.Client != nil {
		timeout = cfg.Client.Timeout()
	}
	cfg.Watch.begin(cfg.Lang, resultsPath, timeout)
	if !cfg.DryRun {
		s = newSender(ctx, &cfg, operation, m)
		sum.Server = cfg.Client.Endpoint().String()
		sum.Sandbox = cfg.SandboxStore
		// The plan, before anything is sent: a reading pass that maps every row and asks
		// the ledger about it. It also gives the progress its total.
		p, ok := survey(ctx, &cfg, srcOpts, plan, m, operation, s.server, len(echo))
		if ok && cfg.OnTotal != nil {
			cfg.OnTotal(p.Rows)
		}
		s.precheck = !ok || p.Already+p.Uncertain+p.Changed > 0
		s.preflight(operation, p, ok)
	} else if cfg.Ledger != nil && cfg.ServerID != "" {
		// A dry run that knows the server (the page's check): each valid row says what an
		// import would do with it, as the ledger stands (see preview).
		s = newSender(ctx, &cfg, operation, m)
	}

	// The window bounds the rows between the reader and the writer, so the reorder buffer
	// (and memory) stays flat however long one row waits on a retry.
	window := make(chan struct{}, max(256, 8*cfg.Concurrency))
	// Small buffers when sending (rows wait in the window, not in channels); larger for
	// a dry run, where a row takes microseconds and buffers of 2 make the goroutines hand
	// over one row at a time.
	buf := cfg.Concurrency
	if cfg.DryRun {
		buf = 128
	}
	jobs := make(chan job, buf)
	results := make(chan outcome, buf)

	var readErr error
	go func() {
		defer close(jobs)
		// A dry run stops reading at Ctrl-C (nothing to account for: nothing was sent); a
		// real run reads on, so that every row is in the results (not_sent if need be).
		var stopReading <-chan struct{}
		if cfg.DryRun {
			stopReading = ctx.Done()
		}
		readErr = produce(rd, echo, idColumn(header), unescape, cfg.SkipHiddenRows, window, jobs, stopReading)
	}()

	printer := i18n.New(cfg.Lang)
	var workers sync.WaitGroup
	for range cfg.Concurrency {
		workers.Add(1)
		go func() {
			defer workers.Done()
			for j := range jobs {
				prepare(&j, plan, m, operation, s, printer)
				results <- outcome{seq: j.seq, Row: handle(j, s, cfg.DryRun, printer)}
			}
		}()
	}
	go func() {
		workers.Wait()
		close(results)
	}()

	stopSending := func(err error) {
		if s != nil {
			s.localFault("the results sheet "+resultsPath, false, err)
		}
	}
	writeErr := writeInOrder(results, window, cfg.writer(out), sum, cfg.OnRow, stopSending)
	if s != nil {
		s.finish(sum)
	}
	sum.End = time.Now()
	sum.ReadError = readErr
	sum.Interrupted = ctx.Err() != nil
	// Once sending began, a file that cannot be written is a *LocalFault (exit 3): the
	// results sheet's first, else the ledger's, with the results sheet written if it can be.
	if writeErr != nil {
		out.Abort()
		if f := s.faulted(sum); f != nil {
			return sum, f
		}
		return sum, writeErr
	}
	if err := out.Finish(sum); err != nil {
		if s == nil {
			return sum, err
		}
		if f := s.faulted(sum); f != nil && f.Ledger {
			return sum, f // the first fault; the results failing too is in its message
		}
		return sum, &LocalFault{What: i18n.New(cfg.Lang).T("fault.what.results", resultsPath), Err: err, Sent: sum.Sent(), Results: resultsPath, lang: cfg.Lang}
	}
	if f := s.faulted(sum); f != nil {
		f.ResultsWritten = true
		return sum, f
	}
	return sum, nil
}

func (cfg *Config) defaults() {
	if cfg.Concurrency < 1 {
		cfg.Concurrency = 1
	}
	if cfg.Burst < 1 {
		cfg.Burst = 1
	}
	if cfg.Retries < 0 {
		cfg.Retries = 0
	}
	if cfg.BackoffBase <= 0 {
		cfg.BackoffBase = 500 * time.Millisecond
	}
	if cfg.BackoffMax <= 0 {
		cfg.BackoffMax = 30 * time.Second
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.Stderr == nil {
		cfg.Stderr = io.Discard
	}
}

// produce reads every row, in order (the senders map them: see prepare). It stops at the
// first read error (the rows before it are all accounted for) and returns it.
func produce(rd source.Reader, echo []int, idCol int, unescape, skipHidden bool, window chan struct{}, jobs chan<- job, stop <-chan struct{}) error {
	for seq := 0; ; seq++ {
		select {
		case <-stop:
			return nil
		default:
		}
		row, err := rd.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if unescape {
			for i := range row.Cells {
				row.Cells[i].Text = report.UnescapeText(row.Cells[i].Text)
			}
		}
		j := job{seq: seq, row: row.Num, raw: row.Cells, rowErr: row.Err, warning: row.Warning,
			skipped: row.Hidden && skipHidden, hidden: row.Hidden}
		j.cells = pickCells(row.Cells, echo)
		if idCol >= 0 && idCol < len(row.Cells) {
			j.settle = strings.TrimSpace(row.Cells[idCol].Text)
		}
		window <- struct{}{}
		jobs <- j
	}
}

// prepare maps a job's row and encodes its request. It runs on the senders, so that
// reading (one goroutine) and mapping run in parallel: a Plan may Build concurrently, and
// the readers hand out fresh cells for every row.
func prepare(j *job, plan *mapping.Plan, m *mapping.Mapping, operation string, s *sender, p *i18n.Printer) {
	fields, err := plan.Build(j.row, j.raw)
	if err != nil {
		// The row's problems in the sheet's words, and each as a kind for the summary
		// to group (by column and kind, not by value) with its fix in the mapping.
		var rowErrs mapping.RowErrors
		if errors.As(err, &rowErrs) {
			j.reason = rowErrs.Localize(p)
			for _, e := range rowErrs {
				j.problems = append(j.problems, report.Problem{
					Column: e.Column, Kind: e.Kind(), Text: e.Problem(p), Fix: e.MappingFix(p)})
			}
		} else {
			j.reason = err.Error()
		}
	}
	switch {
	case j.rowErr != nil && err != nil:
		j.reason = j.rowErr.Error() + "; " + j.reason
	case j.rowErr != nil:
		j.reason = j.rowErr.Error()
	case err != nil:
	default:
		if j.body, err = wolkvox.Body(operation, m.Type(), fields); err != nil {
			j.reason = err.Error()
		} else if s != nil {
			j.key = ledger.KeyOf(s.server, j.body)
			j.ident = ledger.IdentOf(s.server, operation, s.keyFields, fields.KeyValues(s.keyFields))
			j.fields = fields
		}
	}
	j.raw, j.rowErr = nil, nil
}

// handle decides one row's fate.
func handle(j job, s *sender, dryRun bool, p *i18n.Printer) report.Row {
	r := report.Row{Cells: j.cells, SourceRow: j.row, Hidden: j.hidden}
	switch {
	case j.skipped:
		r.Error = p.T("row.hidden.skipped")
	case j.body == nil:
		r.Status, r.Error, r.Problems = report.Invalid, j.reason, j.problems
	case dryRun && s != nil:
		r = s.preview(j, r)
	case dryRun:
		r.Status = report.Valid
	default:
		r = s.send(j, r)
	}
	r.Error = joinNote(r.Error, j.warning) // the reader's warning, whatever the outcome
	return r
}

// writeInOrder is the only writer of the results sheet. At the first write error it calls
// stop (so that no more rows are sent), then keeps draining so that the senders finish.
func writeInOrder(results <-chan outcome, window <-chan struct{}, out report.Writer, sum *report.Summary, onRow func(report.Status), stop func(error)) error {
	pending := map[int]report.Row{}
	next := 0
	var werr error
	for o := range results {
		pending[o.seq] = o.Row
		for {
			row, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			<-window
			if werr != nil {
				continue // keep draining so the senders finish
			}
			if werr = out.Write(row); werr != nil {
				stop(werr)
				continue
			}
			sum.Add(row)
			if onRow != nil {
				onRow(row.Status)
			}
		}
	}
	return werr
}

// echoColumns are the input columns repeated in the results: all of them but the ones a
// previous results sheet added, so re-importing a results or failed-rows file works.
func echoColumns(header []string) []int {
	idx := make([]int, 0, len(header))
	for i, h := range header {
		if !report.IsAddedColumn(h) {
			idx = append(idx, i)
		}
	}
	return idx
}

// pick is the results' header: the input's, with a generated name ("column K") for a
// column without one, so that nothing the user typed sits under an empty header.
func pick(header []string, idx []int) []string {
	out := make([]string, len(idx))
	for i, k := range idx {
		out[i] = header[k]
		if strings.TrimSpace(out[i]) == "" {
			name, _ := excelize.ColumnNumberToName(k + 1)
			out[i] = "column " + name
		}
	}
	return out
}

// pickCells picks the echoed cells.
func pickCells(cells []mapping.Cell, idx []int) []mapping.Cell {
	if len(cells) >= len(idx) && identity(idx) {
		// Every column, in order (the usual case): the row's own cells, which nothing
		// changes once read (Build only reads them), capped so that no append reaches
		// the columns left out.
		return cells[:len(idx):len(idx)]
	}
	out := make([]mapping.Cell, len(idx))
	for i, k := range idx {
		if k < len(cells) {
			out[i] = cells[k]
		}
	}
	return out
}

// identity says whether idx is 0, 1, 2, ...
func identity(idx []int) bool {
	for i, k := range idx {
		if k != i {
			return false
		}
	}
	return true
}

func pickWidths(widths []float64, idx []int) []float64 {
	out := make([]float64, len(idx))
	for i, k := range idx {
		if k < len(widths) {
			out[i] = widths[k]
		}
	}
	return out
}

func joinNote(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "; " + b
}

// sourceOptions are the reader's options, with the rule that finds the header: the
// first row among the first rows that holds every column the mapping names; without a
// mapping, the row that names most API fields (at least two).
func (cfg *Config) sourceOptions() source.Options {
	opts := cfg.Source
	opts.Lang = cfg.Lang
	if opts.Header.Score != nil {
		return opts
	}
	if cfg.Mapping != nil {
		cols := cfg.Mapping.Columns()
		opts.Header = source.HeaderRule{Score: mapping.HeaderScore(cols), Want: len(cols)}
	} else {
		opts.Header = source.HeaderRule{Score: mapping.AutoScore, Min: 2}
	}
	return opts
}

// HeaderError is a mapping that does not fit the sheet when no row among the first ones
// holds every column it names: Row is the one that came closest.
type HeaderError struct {
	Sheet string
	Row   int
	Err   error // the mapping's errors for that row
}

func (e *HeaderError) Error() string { return e.Localize(i18n.New(i18n.EN)) }

// Localize is the mapping's errors for the closest row, in p's language when they can
// say themselves in it, and which row that was.
func (e *HeaderError) Localize(p *i18n.Printer) string {
	where := p.T("run.header.row", strconv.Itoa(e.Row))
	if e.Sheet != "" {
		where = p.T("run.header.sheet_row", e.Sheet, strconv.Itoa(e.Row))
	}
	msg := e.Err.Error()
	if l, ok := e.Err.(interface{ Localize(*i18n.Printer) string }); ok {
		msg = l.Localize(p)
	}
	return p.T("run.header.not_found", msg, source.HeaderScanRows, where)
}

func (e *HeaderError) Unwrap() error { return e.Err }

// countRows reads the input once more, only to count its data rows.
func countRows(path string, opts source.Options) (int, error) {
	rd, err := source.Open(path, opts)
	if err != nil {
		return 0, err
	}
	defer rd.Close()
	n := 0
	for {
		_, err := rd.Next()
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return n, err
		}
		n++
	}
}

// xlsxRowLimit is report.MaxXLSXDataRows; a variable so a test need not write a million rows.
var xlsxRowLimit = report.MaxXLSXDataRows

func newRunID() string {
	var b [6]byte
	rand.Read(b[:])
	return time.Now().UTC().Format("20060102T150405Z") + "-" + hex.EncodeToString(b[:])
}
