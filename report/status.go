// Package report writes what an import did: the results sheet (every input row once, in
// input order, with its outcome), beside it the failed-rows file (the rows to fix, ready to
// import again), the summary (text, JSON, and a Summary sheet in an XLSX results workbook),
// and the progress shown on stderr while the run goes.
package report

import "github.com/wolkvox-import/wolkvox-import/mapping"

// Status is a row's outcome, as written in the import_status column.
type Status string

const (
	Created   Status = "created"
	Invalid   Status = "invalid"
	Failed    Status = "failed"
	Uncertain Status = "uncertain"
	NotSent   Status = "not_sent"
	Valid     Status = "valid"
)

// Statuses lists every status in the order summaries show them.
var Statuses = []Status{Created, Valid, Invalid, Failed, Uncertain, NotSent}

// ToFix reports whether a row with this status goes in the failed-rows file: the rows a
// person corrects (invalid, failed) or that were never sent (not_sent), and that can be
// imported again as they are. Uncertain rows are left out on purpose: the server may have
// created them, and importing them again could make a duplicate.
func (s Status) ToFix() bool {
	return s == Invalid || s == Failed || s == NotSent
}

// Columns are appended to the input's own columns in the results sheet, in this order.
var Columns = []string{"source_row", "import_status", "wolkvox_id", "import_error"}

// FailedColumns are appended to the input's own columns in the failed-rows file. When that
// file is imported, the importer ignores them (it ignores every name in Columns).
var FailedColumns = []string{"source_row", "import_error"}

// Row is one input row and what became of it.
type Row struct {
	// Cells are the input's cells, as many as the results have input columns. A typed
	// cell (a number, a date, a time) is written back to an XLSX sheet as what it was,
	// with the input's number format, so that importing the failed-rows file reads it as
	// it read the input, whatever the mapping's format says.
	Cells     []mapping.Cell
	SourceRow int // the row number the user sees in the spreadsheet
	Status    Status
	WolkvoxID string
	Error     string
	Hidden    bool // the row is hidden in the input sheet (counted in the summary)
}

// SheetRow is a row of the input above its header (a title, merged captions), which the
// results sheet copies where it was.
type SheetRow struct {
	Num   int
	Cells []mapping.Cell
}

// Writer writes a results sheet. Rows must come in input order; only one goroutine may
// use a Writer.
type Writer interface {
	Write(Row) error
	// Close finishes the sheet and puts it in place: until then the previous results
	// file, if any, is untouched.
	Close() error
	// Abort drops the half-written sheet.
	Abort()
}

// column is one of the columns a sheet adds after the input's own.
type column int

const (
	colSourceRow column = iota
	colStatus
	colID
	colError
)

var (
	resultsLayout = []column{colSourceRow, colStatus, colID, colError}
	failedLayout  = []column{colSourceRow, colError}
)

func (c column) name() string {
	return Columns[c]
}

func names(layout []column) []string {
	out := make([]string, len(layout))
	for i, c := range layout {
		out[i] = c.name()
	}
	return out
}
