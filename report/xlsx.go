package report

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
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

// xlsxWriter streams a workbook: the sheet's XML goes into its zip entry, in a temporary
// file beside the final one, as rows come in, so that memory does not grow with the sheet
// (excelize's StreamWriter keeps the sheet aside and SaveAs then builds the whole zip in
// memory). The rest of the workbook (styles, the workbook part with the autofilter's
// defined name, a Summary sheet, content types, relationships, document properties) is
// small: excelize builds it in memory, its parts are copied into the zip at the end, and
// styles.xml comes last, since the styles of the input's number formats are made as rows
// arrive. Text goes in as inline string cells, never formulas, so "=1+1" stays text.
type xlsxWriter struct {
	book   *excelize.File // the workbook but for the streamed sheet, whose part it leaves empty
	tmp    *os.File
	fresh  func() // stops touching tmp
	zip    *zip.Writer
	out    *asyncWriter // the sheet's zip entry, compressed on its own goroutine
	sheet  string
	final  string
	layout []column
	next   int // next sheet row
	width  int
	cols   []string // column letters
	st     *xlsxStyles
	row    []byte // the row being written
	err    error  // the first write error: the file cannot be finished after it

	headerRow int            // the row of the header (the input's)
	align     bool           // rows go at their SourceRow (the results sheet)
	formats   map[string]int // style ids of the input's number formats
	dateTime0 int            // excelize's style for a time cell that has none (built-in 22), made when needed
	p         *i18n.Printer
	words     statusWords // the status words in p's language
}

// streamedPart is the zip entry of the streamed sheet: excelize's first sheet, which the
// workbook part, its relationships and the content types already name.
const streamedPart = "xl/worksheets/sheet1.xml"

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
// red, uncertain amber, not_sent grey; changed (not sent: the meeting exists) blue.
var statusColours = map[Status]struct{ Fill, Font string }{
	Created:   {"C6EFCE", "006100"},
	Valid:     {"C6EFCE", "006100"},
	Invalid:   {"FFC7CE", "9C0006"},
	Failed:    {"FFC7CE", "9C0006"},
	Uncertain: {"FFEB9C", "9C5700"},
	NotSent:   {"D9D9D9", "404040"},
	Changed:   {"DDEBF7", "1F4E78"},
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
	return excelize.Cell{StyleID: st.dateStyle(t), Value: wall}
}

// dateStyle is the style of a date cell of t: a date, or a date and time when t is not
// at midnight.
func (st *xlsxStyles) dateStyle(t time.Time) int {
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		return st.date
	}
	return st.dateTime
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
	w.words = statusWords{p: w.p}
	w.cols = columnNames(w.width)
	fail := func(err error) (*xlsxWriter, error) {
		w.Abort()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if err := book.SetSheetName(book.GetSheetName(0), sheet); err != nil {
		return fail(err)
	}
	var err error
	if w.st, err = newStyles(book); err != nil {
		return fail(err)
	}
	if w.tmp, err = createTemp(path); err != nil {
		book.Close()
		return nil, err
	}
	w.fresh = keepFresh(w.tmp.Name())
	w.zip = zip.NewWriter(w.tmp)
	part, err := w.zip.CreateHeader(&zip.FileHeader{Name: streamedPart, Method: zip.Deflate})
	if err != nil {
		return fail(err)
	}
	w.out = newAsyncWriter(part)

	headerRow := max(opts.HeaderRow, 1)
	w.headerRow = headerRow
	below, _ := excelize.CoordinatesToCellName(1, headerRow+1)
	// The elements before the rows, in the order the schema wants: the frozen pane, then
	// the column widths (ascending).
	b := append(w.row[:0], xml.Header...)
	b = append(b, `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`...)
	b = append(b, `<sheetViews><sheetView tabSelected="1" workbookViewId="0"><pane ySplit="`...)
	b = strconv.AppendInt(b, int64(headerRow), 10)
	b = append(b, `" topLeftCell="`...)
	b = append(b, below...)
	b = append(b, `" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>`...)
	for col := 1; col <= w.width; col++ {
		width := 0.0
		if col <= len(header) {
			width = headerWidth(header[col-1])
			if col <= len(opts.Widths) && opts.Widths[col-1] > 0 {
				width = opts.Widths[col-1] // the input's own width
			}
		} else {
			width = addedWidths[layout[col-len(header)-1]]
		}
		b = append(b, `<col min="`...)
		b = strconv.AppendInt(b, int64(col), 10)
		b = append(b, `" max="`...)
		b = strconv.AppendInt(b, int64(col), 10)
		b = append(b, `" width="`...)
		b = strconv.AppendFloat(b, width, 'f', -1, 64)
		b = append(b, `" customWidth="1"/>`...)
	}
	b = append(b, `</cols><sheetData>`...)
	w.row = b
	if err := w.flushRow(); err != nil {
		return fail(err)
	}

	for _, above := range opts.Above {
		if above.Num >= headerRow {
			break
		}
		w.next = max(w.next, above.Num)
		if err := w.startRow(); err != nil {
			return fail(err)
		}
		for i, c := range above.Cells {
			w.value(i, c)
		}
		if err := w.endRow(); err != nil {
			return fail(err)
		}
	}
	w.next = max(w.next, headerRow)
	w.align = opts.aligned
	if err := w.startRow(); err != nil {
		return fail(err)
	}
	for i, h := range header {
		w.textCell(i, h, w.st.bold)
	}
	for i, c := range layout {
		w.textCell(len(header)+i, c.name(w.p), w.st.bold)
	}
	if err := w.endRow(); err != nil {
		return fail(err)
	}
	return w, nil
}

// startRow begins the row w.next.
func (w *xlsxWriter) startRow() error {
	if w.err != nil {
		return w.err
	}
	if w.next > maxXLSXRows {
		return errors.New(w.p.T("results.xlsx.too_many_rows", w.final, maxXLSXRows))
	}
	w.row = append(w.row[:0], `<row r="`...)
	w.row = strconv.AppendInt(w.row, int64(w.next), 10)
	w.row = append(w.row, `">`...)
	return nil
}

// endRow writes the row out.
func (w *xlsxWriter) endRow() error {
	w.row = append(w.row, `</row>`...)
	w.next++
	return w.flushRow()
}

func (w *xlsxWriter) flushRow() error {
	if _, err := w.out.Write(w.row); err != nil {
		w.err = fmt.Errorf("%s: %w", w.final, err)
		return w.err
	}
	return nil
}

// cell begins the cell in column col (0-based) of the current row: <c r=".." s=".." t="..">.
func (w *xlsxWriter) cell(col, style int, typ string) {
	if col >= len(w.cols) { // a row above the header wider than the sheet
		w.cols = columnNames(col + 1)
	}
	w.row = append(w.row, `<c r="`...)
	w.row = append(w.row, w.cols[col]...)
	w.row = strconv.AppendInt(w.row, int64(w.next), 10)
	w.row = append(w.row, '"')
	if style != 0 {
		w.row = append(w.row, ` s="`...)
		w.row = strconv.AppendInt(w.row, int64(style), 10)
		w.row = append(w.row, '"')
	}
	if typ != "" {
		w.row = append(w.row, ` t="`...)
		w.row = append(w.row, typ...)
		w.row = append(w.row, '"')
	}
	w.row = append(w.row, '>')
}

// textCell writes s as an inline string cell (never a formula). An empty text without a
// style is left out of the sheet, not written as "".
func (w *xlsxWriter) textCell(col int, s string, style int) {
	if s == "" && style == 0 {
		return
	}
	s = text(s)
	w.cell(col, style, "inlineStr")
	if needsPreserve(s) {
		w.row = append(w.row, `<is><t xml:space="preserve">`...)
	} else {
		w.row = append(w.row, `<is><t>`...)
	}
	w.row = appendCellText(w.row, s)
	w.row = append(w.row, `</t></is></c>`...)
}

func (w *xlsxWriter) numberCell(col int, v float64, style int) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		w.textCell(col, fmt.Sprint(v), style)
		return
	}
	w.cell(col, style, "")
	w.row = append(w.row, `<v>`...)
	w.row = appendCellFloat(w.row, v)
	w.row = append(w.row, `</v></c>`...)
}

func (w *xlsxWriter) intCell(col, n, style int) {
	w.cell(col, style, "")
	w.row = append(w.row, `<v>`...)
	w.row = strconv.AppendInt(w.row, int64(n), 10)
	w.row = append(w.row, `</v></c>`...)
}

func (w *xlsxWriter) boolCell(col int, v bool) {
	w.cell(col, 0, "b")
	if v {
		w.row = append(w.row, `<v>1</v></c>`...)
	} else {
		w.row = append(w.row, `<v>0</v></c>`...)
	}
}

// timeCell writes the wall-clock time of t as a date serial; a date before 1900, which no
// serial shows, as its text.
func (w *xlsxWriter) timeCell(col int, t time.Time, style int) {
	wall := time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
	serial, ok := excelSerial(wall)
	if !ok {
		w.textCell(col, wall.Format(time.RFC3339Nano), style)
		return
	}
	if style == 0 {
		if w.dateTime0 == 0 {
			w.dateTime0, _ = w.book.NewStyle(&excelize.Style{NumFmt: 22})
		}
		style = w.dateTime0
	}
	w.cell(col, style, "")
	w.row = append(w.row, `<v>`...)
	w.row = strconv.AppendFloat(w.row, serial, 'f', -1, 64) // in full, as excelize writes a date
	w.row = append(w.row, `</v></c>`...)
}

// text is s as a cell holds it: at most excelize.TotalCellChars characters (UTF-16 units,
// as spreadsheets count them).
func text(s string) string {
	if len(s) > excelize.TotalCellChars && utf16Len(s) > excelize.TotalCellChars {
		// A cell holds no more (the row's error says the input's cell was longer): the
		// cut is marked, so that nobody takes the rest for the whole text. (A CSV results
		// file keeps the cell whole.)
		const mark = "…[cut]"
		return truncateUTF16(s, excelize.TotalCellChars-utf16Len(mark)) + mark
	}
	return s
}

// value writes an input cell as the results write it: typed cells as what they were (a
// number, a date, a time), with the input's number format; text as text.
func (w *xlsxWriter) value(col int, c mapping.Cell) {
	switch c.Kind {
	case mapping.KindDate:
		if c.Format == "" {
			w.timeCell(col, c.Time, w.st.dateStyle(c.Time))
			return
		}
		w.timeCell(col, c.Time, w.format(c.Format))
	case mapping.KindNumber, mapping.KindTime, mapping.KindDuration:
		w.numberCell(col, c.Num, w.format(c.Format))
	case mapping.KindBool:
		w.boolCell(col, c.Text == "TRUE")
	default:
		w.textCell(col, c.Text, 0)
	}
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
	if err := w.startRow(); err != nil {
		return err
	}
	for i, c := range r.Cells {
		w.value(i, c)
	}
	col := len(r.Cells)
	for i, c := range w.layout {
		switch c {
		case colSourceRow:
			w.intCell(col+i, r.SourceRow, 0)
		case colStatus:
			w.textCell(col+i, w.words.in(r.Status), w.st.status[r.Status])
		case colID:
			w.textCell(col+i, r.WolkvoxID, 0)
		case colError:
			w.textCell(col+i, r.Error, 0)
		}
	}
	return w.endRow()
}

func (w *xlsxWriter) Close() error { return w.commit(nil) }

// commit finishes the sheet (an autofilter over the header and every row), lets more
// sheets be added to the workbook, writes the workbook's other parts and puts the file in
// place.
func (w *xlsxWriter) commit(more func(book *excelize.File, st *xlsxStyles) error) error {
	fail := func(err error) error {
		w.Abort()
		return fmt.Errorf("%s: %w", w.final, err)
	}
	if w.err != nil {
		w.Abort()
		return w.err
	}
	first, _ := excelize.CoordinatesToCellName(1, w.headerRow)
	last, err := excelize.CoordinatesToCellName(w.width, max(w.next-1, w.headerRow))
	if err != nil {
		return fail(err)
	}
	ref := first + ":" + last
	abs, _ := absoluteRange(ref)
	w.row = append(w.row[:0], `</sheetData><autoFilter ref="`...)
	w.row = append(w.row, abs...)
	w.row = append(w.row, `"/></worksheet>`...)
	if err := w.flushRow(); err != nil {
		return fail(err)
	}
	if err := w.out.Close(); err != nil {
		return fail(err)
	}
	// The defined name _xlnm._FilterDatabase, which LibreOffice needs to show the filter
	// buttons, goes in the workbook part: File.AutoFilter writes it (and an autoFilter in
	// the empty sheet part that the streamed one replaces).
	if err := w.book.AutoFilter(w.sheet, ref, nil); err != nil {
		return fail(err)
	}
	if more != nil {
		if err := more(w.book, w.st); err != nil {
			return fail(err)
		}
	}
	var rest bytes.Buffer
	if _, err := w.book.WriteTo(&rest); err != nil {
		return fail(err)
	}
	parts, err := zip.NewReader(bytes.NewReader(rest.Bytes()), int64(rest.Len()))
	if err != nil {
		return fail(err)
	}
	// Styles last: nothing about the streamed part needs them, and the order of a zip's
	// entries does not matter to its readers.
	var styles *zip.File
	for _, f := range parts.File {
		switch f.Name {
		case streamedPart:
			continue
		case "xl/styles.xml":
			styles = f
			continue
		}
		if err := w.zip.Copy(f); err != nil {
			return fail(err)
		}
	}
	if styles != nil {
		if err := w.zip.Copy(styles); err != nil {
			return fail(err)
		}
	}
	if err := w.zip.Close(); err != nil {
		return fail(err)
	}
	w.book.Close()
	w.fresh()
	tmp := w.tmp
	w.tmp = nil
	return commitTemp(tmp, w.final, w.p)
}

// absoluteRange is "A1:G9" as "$A$1:$G$9", as excelize writes an autofilter's range.
func absoluteRange(ref string) (string, error) {
	first, last, _ := strings.Cut(ref, ":")
	var out []string
	for _, cell := range []string{first, last} {
		col, row, err := excelize.CellNameToCoordinates(cell)
		if err != nil {
			return "", err
		}
		name, err := excelize.CoordinatesToCellName(col, row, true)
		if err != nil {
			return "", err
		}
		out = append(out, name)
	}
	return strings.Join(out, ":"), nil
}

// Abort drops the sheet and its temporary file; nothing is in place until Close.
func (w *xlsxWriter) Abort() {
	if w.out != nil {
		w.out.Close()
	}
	w.book.Close()
	if w.tmp != nil {
		w.fresh()
		abortTemp(w.tmp)
		w.tmp = nil
	}
}
