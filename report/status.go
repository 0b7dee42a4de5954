// Package report writes what an import did: the results sheet (every input row once, in
// input order, with its outcome), beside it the failed-rows file (the rows to fix, ready to
// import again), the summary (text, JSON, and a Summary sheet in an XLSX results workbook),
// and the progress shown on stderr while the run goes.
package report

import (
	"strings"

	"github.com/wolkvox-import/wolkvox-import/i18n"
	"github.com/wolkvox-import/wolkvox-import/mapping"
)

// Status is a row's outcome, as written in the import_status column.
type Status string

const (
	Created   Status = "created"
	Invalid   Status = "invalid"
	Failed    Status = "failed"
	Uncertain Status = "uncertain"
	NotSent   Status = "not_sent"
	Valid     Status = "valid"
	Changed   Status = "changed"
)

// In is the status word in p's language (creada, inválida...), as the results write it.
// A row without a status (a hidden row left out) has no word.
func (s Status) In(p *i18n.Printer) string {
	if s == "" {
		return ""
	}
	return p.T("status." + string(s))
}

// statusWords is Status.In for one Printer, each word rendered once: the results write
// every row's status, and rendering it through the catalog each time was a third of the
// CSV results' cost. For one goroutine (a results writer).
type statusWords struct {
	p     *i18n.Printer
	words map[Status]string
}

func (w *statusWords) in(s Status) string {
	if v, ok := w.words[s]; ok {
		return v
	}
	if w.words == nil {
		w.words = make(map[Status]string)
	}
	v := s.In(w.p)
	w.words[s] = v
	return v
}

// ParseStatus reads a status word of either language, as a results or failed-rows file
// holds it.
func ParseStatus(word string) (Status, bool) {
	word = strings.TrimSpace(word)
	for _, s := range Statuses {
		for _, lang := range i18n.Langs {
			if strings.EqualFold(word, s.In(i18n.New(lang))) {
				return s, true
			}
		}
	}
	return "", false
}

// Statuses lists every status in the order summaries show them.
var Statuses = []Status{Created, Valid, Changed, Invalid, Failed, Uncertain, NotSent}

// ToFix reports whether a row with this status goes in the failed-rows file: the rows a
// person corrects (invalid, failed), that were never sent (not_sent), and that must be
// settled by hand (uncertain: the server may have created them). The file can be imported
// again as it is: an uncertain row is not sent from it until it is settled, by typing in
// its wolkvox_id column the id found in Wolkvox (recorded as created, not sent) or "no"
// (not created: sent). See NotCreatedMark.
func (s Status) ToFix() bool {
	return s == Invalid || s == Failed || s == NotSent || s == Uncertain
}

// NotCreatedMark reports whether a wolkvox_id cell says the meeting was not created
// (the user looked for it in Wolkvox and did not find it): "no", "not created", "no
// creada", "no se creó", in either case, with or without accents.
func NotCreatedMark(cell string) bool {
	v := strings.ToLower(strings.TrimSpace(cell))
	v = strings.NewReplacer("ó", "o", "_", " ", "-", " ").Replace(v)
	switch strings.Join(strings.Fields(v), " ") {
	case "no", "not created", "no creada", "no creado", "no se creo", "none", "ninguno":
		return true
	}
	return false
}

// Columns are appended to the input's own columns in the results sheet, in this order
// (their English names; Column gives them in a language).
var Columns = []string{"source_row", "import_status", "wolkvox_id", "import_error"}

// IsAddedColumn reports whether a header is one of Columns, in either language: importing
// a results or failed-rows file ignores them.
func IsAddedColumn(header string) bool {
	header = strings.TrimSpace(header)
	for _, c := range Columns {
		for _, lang := range i18n.Langs {
			if header == i18n.New(lang).T("column."+c) {
				return true
			}
		}
	}
	return false
}

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
	// Problems are the mapping's problems of an invalid row, for the summary to group by
	// column and kind; nil for other rows (their Error is grouped as it reads).
	Problems []Problem
	// Earlier is the day an earlier run created this row's meeting ("" when this run
	// did, or none did): found in the ledger, not sent again.
	Earlier string
	// FromLedger is set on a row reported from what the ledger holds (created by an
	// earlier run, or left uncertain by one): this run did not send it.
	FromLedger bool
}

// Sent reports whether this run sent the row (a request went out for it): created,
// failed or uncertain, and not reported from the ledger.
func (r Row) Sent() bool {
	switch r.Status {
	case Created, Failed, Uncertain:
		return !r.FromLedger && r.Earlier == ""
	}
	return false
}

// Problem is one thing wrong with a row's cell, as the summary groups it.
type Problem struct {
	Column string // the column as headed in the sheet ("" for a field without one)
	Kind   string // what is wrong, whatever the value (mapping's kinds: "date.day_first"...)
	Text   string // what is wrong and what to type, without the row, in the run's language
	Fix    string // the fix in the mapping, "" when the fix is in the sheet
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
	failedLayout  = []column{colSourceRow, colID, colError}
)

func (c column) name(p *i18n.Printer) string {
	return p.T("column." + Columns[c])
}

func names(layout []column, p *i18n.Printer) []string {
	out := make([]string, len(layout))
	for i, c := range layout {
		out[i] = c.name(p)
	}
	return out
}
