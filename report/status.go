// Package report writes what an import did: the results sheet (every input row once, in
// input order, with its outcome) and the summary.
package report

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

// Columns are appended to the input's own columns, in this order.
var Columns = []string{"source_row", "import_status", "wolkvox_id", "import_error"}

// Row is one input row and what became of it.
type Row struct {
	Cells     []string // the input's cells, as many as its header has
	SourceRow int      // the row number the user sees in the spreadsheet
	Status    Status
	WolkvoxID string
	Error     string
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
