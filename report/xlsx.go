package report

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// maxXLSXRows is Excel's limit per sheet (header included).
const maxXLSXRows = 1_048_576

const resultsSheet = "Results"

// xlsxWriter streams rows with excelize's StreamWriter, so memory does not grow with the
// sheet. Text goes in as plain string cells (never formulas), so "=1+1" stays text.
type xlsxWriter struct {
	book   *excelize.File
	stream *excelize.StreamWriter
	final  string
	next   int // next sheet row
	width  int
	styles map[Status]int
	values []any
}

func createXLSX(path string, header []string) (*xlsxWriter, error) {
	book := excelize.NewFile()
	if err := book.SetSheetName(book.GetSheetName(0), resultsSheet); err != nil {
		return nil, err
	}
	w := &xlsxWriter{book: book, final: path, next: 1, width: len(header) + len(Columns), styles: map[Status]int{}}
	fail := func(err error) (*xlsxWriter, error) {
		book.Close()
		return nil, fmt.Errorf("results sheet %s: %w", path, err)
	}
	bold, err := book.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return fail(err)
	}
	for status, colour := range statusColours {
		id, err := book.NewStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colour}}})
		if err != nil {
			return fail(err)
		}
		w.styles[status] = id
	}
	if w.stream, err = book.NewStreamWriter(resultsSheet); err != nil {
		return fail(err)
	}
	// Widths and panes must be set before the first row.
	if err := w.stream.SetColWidth(1, w.width, 16); err != nil {
		return fail(err)
	}
	if err := w.stream.SetColWidth(w.width, w.width, 60); err != nil {
		return fail(err)
	}
	if err := w.stream.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return fail(err)
	}
	head := make([]any, 0, w.width)
	for _, h := range header {
		head = append(head, excelize.Cell{StyleID: bold, Value: h})
	}
	for _, h := range Columns {
		head = append(head, excelize.Cell{StyleID: bold, Value: h})
	}
	if err := w.setRow(head); err != nil {
		return fail(err)
	}
	return w, nil
}

var statusColours = map[Status]string{
	Created:   "C6EFCE",
	Valid:     "C6EFCE",
	Invalid:   "FFC7CE",
	Failed:    "FFC7CE",
	Uncertain: "FFEB9C",
	NotSent:   "D9D9D9",
}

func (w *xlsxWriter) setRow(values []any) error {
	if w.next > maxXLSXRows {
		return fmt.Errorf("results sheet %s: more than %d rows, the most an XLSX sheet holds; write the results as CSV (--results NAME.csv)", w.final, maxXLSXRows)
	}
	cell, err := excelize.CoordinatesToCellName(1, w.next)
	if err != nil {
		return err
	}
	w.next++
	return w.stream.SetRow(cell, values)
}

func (w *xlsxWriter) Write(r Row) error {
	w.values = w.values[:0]
	for _, c := range r.Cells {
		w.values = append(w.values, c)
	}
	w.values = append(w.values, r.SourceRow, excelize.Cell{StyleID: w.styles[r.Status], Value: string(r.Status)}, r.WolkvoxID, r.Error)
	return w.setRow(w.values)
}

func (w *xlsxWriter) Close() error {
	defer w.book.Close()
	if err := w.stream.Flush(); err != nil {
		return fmt.Errorf("results sheet %s: %w", w.final, err)
	}
	f, err := createTemp(w.final)
	if err != nil {
		return err
	}
	if _, err := w.book.WriteTo(f); err != nil {
		abortTemp(f)
		return fmt.Errorf("results sheet %s: %w", w.final, err)
	}
	return commitTemp(f, w.final)
}

// Abort drops the sheet; nothing is on disk until Close.
func (w *xlsxWriter) Abort() { w.book.Close() }
