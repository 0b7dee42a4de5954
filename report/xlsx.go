package report

import (
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/wolkvox-import/wolkvox-import/i18n"
	"github.com/wolkvox-import/wolkvox-import/mapping"
)

// maxXLSXRows is Excel's limit per sheet (header included).
const maxXLSXRows = 1_048_576

// MaxXLSXDataRows is how many input rows an XLSX results sheet can list.
const MaxXLSXDataRows = maxXLSXRows - 1

// The sheets a results workbook and a failed-rows workbook have, by catalog key.
const (
	resultsSheet = "sheet.results"
	failedSheet  = "sheet.failed"
	summarySheet = "sheet.summary"
)

// xlsxWriter streams rows with excelize's StreamWriter, so memory does not grow with the
// sheet. Text goes in as plain (inline) string cells, never formulas, so "=1+1" stays text.
type xlsxWriter struct {
	book   *excelize.File
	stream *excelize.StreamWriter
	sheet  string
	final  string
	layout []column
	next   int // next sheet row
	width  int
	st     *xlsxStyles
	values []any

	headerRow int            // the row of the header (the input's)
	align     bool           // rows go at their SourceRow (the results sheet)
	formats   map[string]int // style ids of the input's number formats
	p         *i18n.Printer
}

// xlsxStyles are the cell styles of a workbook.
type xlsxStyles struct {
	bold     int
	title    int
	status   map[Status]int
	date     int // a date cell whose time is midnight
	dateTime int
	number   int // a number with one decimal
}

// statusColours are the fill and font colours of each import_status, Excel's own
// "Good", "Bad" and "Neutral" cell styles: created (and valid) green, invalid and failed
// red, uncertain amber, not_sent grey.
var statusColours = map[Status]struct{ Fill, Font string }{
	Created:   {"C6EFCE", "006100"},
	Valid:     {"C6EFCE", "006100"},
	Invalid:   {"FFC7CE", "9C0006"},
	Failed:    {"FFC7CE", "9C0006"},
	Uncertain: {"FFEB9C", "9C5700"},
	NotSent:   {"D9D9D9", "404040"},
}

func newStyles(book *excelize.File) (*xlsxStyles, error) {
	st := &xlsxStyles{status: map[Status]int{}}
	var err error
	if st.bold, err = book.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}}); err != nil {
		return nil, err
	}
	if st.title, err = book.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}); err != nil {
		return nil, err
	}
	for _, status := range Statuses {
		c := statusColours[status]
		id, err := book.NewStyle(&excelize.Style{
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c.Fill}},
			Font: &excelize.Font{Color: c.Font},
		})
		if err != nil {
			return nil, err
		}
		st.status[status] = id
	}
	dateFmt, dateTimeFmt, numberFmt := "yyyy-mm-dd", "yyyy-mm-dd hh:mm:ss", "0.0"
	if st.date, err = book.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt}); err != nil {
		return nil, err
	}
	if st.dateTime, err = book.NewStyle(&excelize.Style{CustomNumFmt: &dateTimeFmt}); err != nil {
		return nil, err
	}
	if st.number, err = book.NewStyle(&excelize.Style{CustomNumFmt: &numberFmt}); err != nil {
		return nil, err
	}
	return st, nil
}

// dateCell is t as a date cell showing its wall-clock date and time. A spreadsheet has no
// time zones: the date shown is the one t shows where it was taken.
func (st *xlsxStyles) dateCell(t time.Time) excelize.Cell {
	wall := time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
	style := st.dateTime
	if wall.Hour() == 0 && wall.Minute() == 0 && wall.Second() == 0 {
		style = st.date
	}
	return excelize.Cell{StyleID: style, Value: wall}
}

// Column widths, in characters: an input column is as wide as its header (plus room for
// the bold font and the filter button), within these bounds; the added columns have
// widths that fit what they hold. The minimum fits a date-time cell
// ("2024-07-26 09:30:00"): narrower, spreadsheets show it as ###.
const (
	minColWidth = 20
	maxColWidth = 40
)

var addedWidths = map[column]float64{colSourceRow: 14, colStatus: 17, colID: 26, colError: 80}

func headerWidth(h string) float64 {
	return float64(min(max(utf8.RuneCountInString(h)+5, minColWidth), maxColWidth))
}

func createXLSX(path, sheet string, header []string, layout []column, opts *Options) (*xlsxWriter, error) {
	book := excelize.NewFile()
	w := &xlsxWriter{book: book, sheet: sheet, final: path, layout: layout, next: 1, width: len(header) + len(layout),
		formats: map[string]int{}, p: i18n.New(opts.Lang)}
	fail := func(err error) (*xlsxWriter, error) {
		book.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if err := book.SetSheetName(book.GetSheetName(0), sheet); err != nil {
		return fail(err)
	}
	var err error
	if w.st, err = newStyles(book); err != nil {
		return fail(err)
	}
	if w.stream, err = book.NewStreamWriter(sheet); err != nil {
		return fail(err)
	}
	// Widths and panes must be set before the first row. The StreamWriter writes the
	// <col> elements in the reverse order of the SetColWidth calls (each call goes in
	// front), and the file format wants them in ascending order: set them last to first.
	for col := w.width; col >= 1; col-- {
		width := 0.0
		if col <= len(header) {
			width = headerWidth(header[col-1])
			if col <= len(opts.Widths) && opts.Widths[col-1] > 0 {
				width = opts.Widths[col-1] // the input's own width
			}
		} else {
			width = addedWidths[layout[col-len(header)-1]]
		}
		if err := w.stream.SetColWidth(col, col, width); err != nil {
			return fail(err)
		}
	}
	headerRow := max(opts.HeaderRow, 1)
	w.headerRow = headerRow
	below, _ := excelize.CoordinatesToCellName(1, headerRow+1)
	if err := w.stream.SetPanes(&excelize.Panes{Freeze: true, YSplit: headerRow, TopLeftCell: below, ActivePane: "bottomLeft"}); err != nil {
		return fail(err)
	}
	for _, above := range opts.Above {
		if above.Num >= headerRow {
			break
		}
		w.next = max(w.next, above.Num)
		values := make([]any, 0, len(above.Cells))
		for _, c := range above.Cells {
			values = append(values, w.value(c))
		}
		if err := w.setRow(values); err != nil {
			return fail(err)
		}
	}
	w.next = max(w.next, headerRow)
	w.align = opts.aligned
	head := make([]any, 0, w.width)
	for _, h := range header {
		head = append(head, excelize.Cell{StyleID: w.st.bold, Value: h})
	}
	for _, c := range layout {
		head = append(head, excelize.Cell{StyleID: w.st.bold, Value: c.name(w.p)})
	}
	if err := w.setRow(head); err != nil {
		return fail(err)
	}
	return w, nil
}

func (w *xlsxWriter) setRow(values []any) error {
	if w.next > maxXLSXRows {
		return fmt.Errorf("%s: more than %d rows, the most an XLSX sheet holds; write the results as CSV (--results NAME.csv)", w.final, maxXLSXRows)
	}
	cell, err := excelize.CoordinatesToCellName(1, w.next)
	if err != nil {
		return err
	}
	w.next++
	if err := w.stream.SetRow(cell, values); err != nil {
		return fmt.Errorf("%s: %w", w.final, err)
	}
	return nil
}

// text is s as a cell value: an empty cell is left out of the sheet, not written as "".
func text(s string) any {
	if s == "" {
		return nil
	}
	if len(s) > excelize.TotalCellChars {
		if r := []rune(s); len(r) > excelize.TotalCellChars {
			// A cell holds no more (the row's error says the input's cell was longer): the
			// cut is marked, so that nobody takes the rest for the whole text. (A CSV results
			// file keeps the cell whole.)
			const mark = "…[cut]"
			return string(r[:excelize.TotalCellChars-len([]rune(mark))]) + mark
		}
	}
	return s
}

// value is an input cell as the results write it: typed cells as what they were (a
// number, a date, a time), with the input's number format; text as text.
func (w *xlsxWriter) value(c mapping.Cell) any {
	switch c.Kind {
	case mapping.KindDate:
		if c.Format == "" {
			return w.st.dateCell(c.Time)
		}
		wall := time.Date(c.Time.Year(), c.Time.Month(), c.Time.Day(), c.Time.Hour(), c.Time.Minute(), c.Time.Second(), 0, time.UTC)
		return excelize.Cell{StyleID: w.format(c.Format), Value: wall}
	case mapping.KindNumber, mapping.KindTime, mapping.KindDuration:
		return excelize.Cell{StyleID: w.format(c.Format), Value: c.Num}
	case mapping.KindBool:
		return c.Text == "TRUE"
	}
	return text(c.Text)
}

// format is the style of a number format code, made once per code ("" = General).
func (w *xlsxWriter) format(code string) int {
	if code == "" || code == "General" {
		return 0
	}
	if id, ok := w.formats[code]; ok {
		return id
	}
	style := &excelize.Style{CustomNumFmt: &code}
	if builtin, ok := mapping.BuiltinFormatID(code); ok && builtin < 27 || ok && builtin >= 37 && builtin <= 49 {
		style = &excelize.Style{NumFmt: builtin}
	}
	id, err := w.book.NewStyle(style)
	if err != nil {
		id = 0 // a code excelize refuses: General shows the value all the same
	}
	w.formats[code] = id
	return id
}

func (w *xlsxWriter) Write(r Row) error {
	if w.align && r.SourceRow > w.next {
		w.next = r.SourceRow
	}
	w.values = w.values[:0]
	for _, c := range r.Cells {
		w.values = append(w.values, w.value(c))
	}
	for _, c := range w.layout {
		switch c {
		case colSourceRow:
			w.values = append(w.values, r.SourceRow)
		case colStatus:
			w.values = append(w.values, excelize.Cell{StyleID: w.st.status[r.Status], Value: r.Status.In(w.p)})
		case colID:
			w.values = append(w.values, text(r.WolkvoxID))
		case colError:
			w.values = append(w.values, text(r.Error))
		}
	}
	return w.setRow(w.values)
}

func (w *xlsxWriter) Close() error { return w.commit(nil) }

// commit finishes the sheet (an autofilter over the header and every row), lets more
// sheets be added to the workbook, and puts the file in place.
func (w *xlsxWriter) commit(more func(book *excelize.File, st *xlsxStyles) error) error {
	defer w.book.Close()
	fail := func(err error) error { return fmt.Errorf("%s: %w", w.final, err) }
	// The StreamWriter writes the worksheet's autoFilter element at Flush, from the same
	// worksheet that File.AutoFilter sets (with the _xlnm._FilterDatabase defined name
	// that LibreOffice needs to show the filter buttons).
	first, _ := excelize.CoordinatesToCellName(1, w.headerRow)
	last, err := excelize.CoordinatesToCellName(w.width, max(w.next-1, w.headerRow))
	if err != nil {
		return fail(err)
	}
	if err := w.book.AutoFilter(w.sheet, first+":"+last, nil); err != nil {
		return fail(err)
	}
	if err := w.stream.Flush(); err != nil {
		return fail(err)
	}
	if more != nil {
		if err := more(w.book, w.st); err != nil {
			return fail(err)
		}
		// No SetActiveSheet here: it makes excelize re-read the whole streamed sheet, and
		// "Results", the first sheet, is the selected tab already.
	}
	f, err := createTemp(w.final)
	if err != nil {
		return err
	}
	if _, err := w.book.WriteTo(f); err != nil {
		abortTemp(f)
		return fail(err)
	}
	return commitTemp(f, w.final)
}

// Abort drops the sheet; nothing is on disk until Close.
func (w *xlsxWriter) Abort() { w.book.Close() }
