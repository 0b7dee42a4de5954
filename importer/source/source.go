// Package source reads the rows of an input file (CSV or XLSX) as a stream: one row at a
// time, never the whole file in memory, with the row numbers a user sees when the file is
// open in a spreadsheet program.
//
// Readers hand the mapping what the user sees: cell text as written (not trimmed: the
// mapping trims), numbers as their number format shows their digits ("00007", "15%"),
// times as "09:30", and real XLSX date cells as times (mapping.KindDate), so that no date
// format can misread them. Real sheets are not clean tables: the header is looked for among
// the first rows (a title or merged captions above it are not data), merged areas give
// their value to every row they cover, and hidden rows are marked.
package source

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"unicode"

	"github.com/xuri/excelize/v2"

	"github.com/wolkvox-import/wolkvox-import/i18n"
	"github.com/wolkvox-import/wolkvox-import/mapping"
)

// Options choose what to read in the input file.
type Options struct {
	Sheet     string // XLSX: sheet name; "" = the first visible sheet (or the one that has the header)
	Encoding  string // CSV: "" = detect; else "utf-8", "utf-16" (BOM decides; also "utf-16le"/"utf-16be"), "windows-1252" (also "cp1252", "latin1")
	Delimiter rune   // CSV: 0 = detect among ',' ';' '\t' '|'
	// HeaderRow is the header's row number as the sheet shows it; 0 = find it by Header.
	HeaderRow int
	// Header recognises the header row; the zero rule takes the first non-empty row.
	Header HeaderRule
	// Lang is the language of the readers' messages (errors and row warnings).
	Lang i18n.Lang
}

// HeaderRule says which of a sheet's first rows is its header.
type HeaderRule struct {
	// Score counts the columns looked for that a row holds (its cells as written).
	Score func(cells []string) int
	// Want: the first row that holds this many is the header. 0 = no row is complete:
	// the row with the highest score is, if it has at least Min.
	Want, Min int
}

// HeaderScanRows is how many rows at the top of a sheet may hold the header.
const HeaderScanRows = 50

// Row is one data row of the input.
type Row struct {
	// Num is the row number the user sees in a spreadsheet program: for an XLSX the Excel
	// row; for a CSV the row Excel or LibreOffice shows for it, that is 1 + the records
	// and the empty lines before it (a quoted field with line breaks is still one row).
	Num int
	// Cells has exactly Layout().Width cells: padded with empty cells, never longer.
	Cells []mapping.Cell
	// Hidden says the row is hidden in the sheet (by hand or by a filter).
	Hidden bool
	// Err is a problem that makes this row invalid (a broken quoted field in a CSV line, a
	// cell longer than a cell may be). The reader goes on after it.
	Err error
	// Warning is a problem that does not make the row invalid but that the user should
	// know of (bytes that were not UTF-8, cells past the last column the results hold).
	Warning string
}

// Layout is what the reader found about the sheet's shape.
type Layout struct {
	Sheet string // XLSX: the sheet read
	// FirstSheet is the first visible sheet when another one was read because only that
	// one has the header ("" when the first visible sheet is read, or a sheet was asked for).
	FirstSheet string
	// HeaderRow is the header's row number; HeaderFound says it holds every column
	// looked for (false: it is only the row that came closest, and binding will say what
	// it lacks). HeaderScore is how many columns of the rule it holds.
	HeaderRow   int
	HeaderFound bool
	HeaderScore int
	// Above are the rows above the header that hold something (a title, captions),
	// as read: the results copy them where they were.
	Above []Row
	// Width is the number of columns every Row has: the header's, or more when the rows
	// hold cells past it (echoed in the results under a generated header).
	Width int
	// Widths are the sheet's column widths, by column index, where it sets them (XLSX).
	Widths []float64
}

// Reader streams the rows of one sheet or CSV file.
type Reader interface {
	// Header returns the header cells as written, without a BOM, Layout().Width of them
	// (columns past the header's last one are "").
	Header() []string
	// Layout says where the header was and what the results need to mirror the sheet.
	Layout() Layout
	// Next returns the next data row, or io.EOF at the end. Rows whose cells are all empty
	// (after trimming spaces) are skipped, never returned. Any other error is fatal: the
	// rest of the file cannot be read, and Next keeps returning it.
	Next() (Row, error)
	Close() error
}

// CSVInfo is implemented by the CSV reader: what the results writer mirrors.
type CSVInfo interface {
	Delimiter() rune
	Encoding() string // "utf-8", "utf-16le", "utf-16be" or "windows-1252"
}

// Errors for callers to test with errors.Is; each error returned wraps one of them
// (except plain I/O errors from the operating system).
var (
	ErrUnsupportedFormat = errors.New("unsupported input format")
	ErrNotSpreadsheet    = errors.New("not a spreadsheet")
	ErrUnknownEncoding   = errors.New("unknown encoding")
	ErrBadDelimiter      = errors.New("invalid delimiter")
	ErrEmptyFile         = errors.New("empty file")
	ErrNoHeader          = errors.New("no header row")
	ErrUnknownSheet      = errors.New("unknown sheet")
	ErrMalformed         = errors.New("malformed file")
	ErrBadQuotes         = errors.New("broken quotes")
	ErrCellTooLong       = errors.New("cell too long")
	ErrRowTooLong        = errors.New("row too long")
)

// FileError is an error about the input file as a whole, or about one of its lines.
type FileError struct {
	Path string
	Line int    // 0 when it is about the whole file
	Msg  string // in the reader's language (Options.Lang)
	Err  error  // the sentinel (ErrNoHeader, ...) or an underlying error
	lang i18n.Lang
}

func (e *FileError) Error() string {
	if e.Line > 0 {
		return i18n.New(e.lang).T("source.at_line", e.Path, strconv.Itoa(e.Line), e.Msg)
	}
	return e.Path + ": " + e.Msg
}

func (e *FileError) Unwrap() error { return e.Err }

// RowError is a problem of one row; the reader goes on after it.
type RowError struct {
	Row int
	Msg string
	Err error // ErrBadQuotes, ErrCellTooLong, ErrRowTooLong
}

func (e *RowError) Error() string { return e.Msg }
func (e *RowError) Unwrap() error { return e.Err }

// Open opens path by what it is, not by its extension: an XLSX workbook (a zip with a
// workbook part), else a text file read as CSV. Other files (an .xls, an OpenDocument
// sheet, a picture, a PDF) are refused with what they are and what to do.
func Open(path string, opts Options) (Reader, error) {
	p := i18n.New(opts.Lang)
	kind, err := sniff(path, p)
	if err != nil {
		return nil, err
	}
	switch kind {
	case kindXLSX:
		return openXLSX(path, opts)
	case kindText:
		return openCSV(path, opts)
	}
	return nil, refuse(p, path, kind)
}

// rawRow is one row as a format's reader read it, empty or not.
type rawRow struct {
	num     int
	cells   []mapping.Cell
	hidden  bool
	err     error  // a row-level problem
	warning string // a problem that does not make the row invalid
}

// rowSource is a format's rows, in order, blank rows included where the format has them.
type rowSource interface {
	read() (rawRow, error) // io.EOF at the end
	close() error
}

// reader finds the header among a rowSource's first rows and serves the rows after it.
type reader struct {
	src    rowSource
	layout Layout
	header []string
	queue  []rawRow      // rows read while looking for the header, after it
	merges *mergeFill    // XLSX: merged areas below the header; nil when none
	p      *i18n.Printer // the language of the warnings
	closer io.Closer     // what holds the source open (the zip), if anything
}

// headerScan is the outcome of looking for the header in one sheet.
type headerScan struct {
	rows   []rawRow // every row read, in order
	at     int      // index of the header in rows; -1 when the sheet has no non-empty row
	score  int
	found  bool
	reason i18n.Text // why the asked-for header row cannot be used (Key "" when it can)
}

// widthLookahead is how many rows after the header are read before the first row is
// served, to learn how many columns the rows use (cells past the header are echoed).
const widthLookahead = 50

// scanHeader reads a source's first rows and picks its header: the asked-for row, else
// the first row that holds every column looked for, else the closest one, else the first
// non-empty row. It reads on up to widthLookahead rows past the header.
func scanHeader(src rowSource, opts Options) (headerScan, error) {
	hs, err := findHeader(src, opts)
	if err != nil || hs.at < 0 || hs.reason.Key != "" {
		return hs, err
	}
	for len(hs.rows)-hs.at <= widthLookahead {
		r, err := src.read()
		if err != nil {
			break // io.EOF, or an error Next returns (sticky) once the rows before it are served
		}
		hs.rows = append(hs.rows, r)
	}
	return hs, nil
}

func findHeader(src rowSource, opts Options) (headerScan, error) {
	hs := headerScan{at: -1}
	rule := opts.Header
	best := -1
	first := -1
	for {
		r, err := src.read()
		if err == io.EOF {
			break
		}
		if err != nil {
			if first >= 0 && opts.HeaderRow == 0 {
				// A header is in hand: serve the rows before the damage, then the error
				// (sources keep returning it), as a reader does past the first rows.
				break
			}
			return hs, err
		}
		hs.rows = append(hs.rows, r)
		i := len(hs.rows) - 1
		blank := allBlank(r.cells)
		if opts.HeaderRow > 0 {
			if r.num == opts.HeaderRow {
				if blank {
					hs.reason = i18n.Text{Key: "source.header_row.empty", Args: []any{strconv.Itoa(r.num)}}
				}
				hs.at, hs.found = i, !blank
				if rule.Score != nil {
					hs.score = rule.Score(cellTexts(r.cells))
				}
				return hs, nil
			}
			if r.num > opts.HeaderRow {
				break
			}
			continue
		}
		if r.num > HeaderScanRows {
			break
		}
		if blank {
			continue
		}
		if first < 0 {
			first = i
		}
		if rule.Score == nil {
			hs.at, hs.found = i, true
			return hs, nil
		}
		score := rule.Score(cellTexts(r.cells))
		if rule.Want > 0 && score >= rule.Want {
			hs.at, hs.score, hs.found = i, score, true
			return hs, nil
		}
		if score > hs.score {
			best, hs.score = i, score
		}
	}
	switch {
	case opts.HeaderRow > 0:
		hs.reason = i18n.Text{Key: "source.header_row.missing", Args: []any{strconv.Itoa(opts.HeaderRow)}}
	case best >= 0 && (rule.Want > 0 || hs.score >= rule.Min):
		hs.at = best
		hs.found = rule.Want == 0
	case first >= 0:
		hs.at, hs.score = first, 0
		// No row looks like a header: take the first, but another sheet may do better.
		hs.found = rule.Want == 0 && rule.Min == 0
	}
	return hs, nil
}

// newReader makes the reader of a scanned source; minWidth is the number of columns the
// format says its rows use (0 when unknown).
func newReader(src rowSource, hs headerScan, minWidth int, widths []float64, p *i18n.Printer) *reader {
	r := &reader{src: src, p: p}
	h := hs.rows[hs.at]
	r.layout.HeaderRow = h.num
	r.layout.HeaderFound = hs.found
	r.layout.HeaderScore = hs.score
	r.layout.Widths = widths
	for _, above := range hs.rows[:hs.at] {
		if !allBlank(above.cells) {
			r.layout.Above = append(r.layout.Above, Row{Num: above.num, Cells: above.cells})
		}
	}
	r.header = header(cellTexts(h.cells))
	width := max(len(r.header), minWidth)
	for _, q := range hs.rows[hs.at+1:] {
		width = max(width, trimmedLen(q.cells))
	}
	width = min(width, maxRowCells)
	r.layout.Width = width
	for len(r.header) < width {
		r.header = append(r.header, "")
	}
	r.queue = hs.rows[hs.at+1:]
	return r
}

func (r *reader) Header() []string { return r.header }
func (r *reader) Layout() Layout   { return r.layout }
func (r *reader) Close() error {
	err := r.src.close()
	if r.closer != nil {
		err = errors.Join(err, r.closer.Close())
	}
	return err
}

func (r *reader) Next() (Row, error) {
	for {
		var raw rawRow
		if len(r.queue) > 0 {
			raw, r.queue = r.queue[0], r.queue[1:]
		} else {
			var err error
			if raw, err = r.src.read(); err != nil {
				return Row{}, err
			}
		}
		if raw.err == nil && allBlank(raw.cells) {
			continue
		}
		if r.merges != nil {
			raw.cells = r.merges.fill(raw.num, raw.cells)
		}
		return r.fit(raw), nil
	}
}

// fit makes a raw row exactly Width cells wide. Cells past the width that hold
// something are kept in the row's warning, so that nothing the user typed is lost.
func (r *reader) fit(raw rawRow) Row {
	row := Row{Num: raw.num, Hidden: raw.hidden, Err: raw.err, Warning: raw.warning}
	cells, width := raw.cells, r.layout.Width
	if len(cells) > width {
		var extra []string
		for i := width; i < len(cells); i++ {
			if isBlank(cells[i].Text) {
				continue
			}
			name, _ := excelize.ColumnNumberToName(i + 1)
			extra = append(extra, fmt.Sprintf("%s%d: %q", name, raw.num, clip(cells[i].Text, 200)))
		}
		if len(extra) > 0 {
			row.Warning = joinNote(row.Warning, r.p.T("source.cells_past_results", strings.Join(extra, ", ")))
		}
		cells = cells[:width:width]
	}
	for len(cells) < width {
		cells = append(cells, mapping.Cell{})
	}
	row.Cells = cells
	return row
}

func joinNote(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

// header builds the header from a row's cells: a BOM stripped from the first cell,
// trailing empty cells dropped.
func header(cells []string) []string {
	h := make([]string, len(cells))
	copy(h, cells)
	if len(h) > 0 {
		h[0] = strings.TrimPrefix(h[0], "\uFEFF")
	}
	for len(h) > 0 && isBlank(h[len(h)-1]) {
		h = h[:len(h)-1]
	}
	return h
}

func cellTexts(cells []mapping.Cell) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = c.Text
	}
	return out
}

func isBlank(s string) bool {
	return strings.TrimFunc(s, unicode.IsSpace) == ""
}

func allBlank(cells []mapping.Cell) bool {
	for _, c := range cells {
		if !isBlank(c.Text) {
			return false
		}
	}
	return true
}

// trimmedLen is the number of cells up to the last one that holds something.
func trimmedLen(cells []mapping.Cell) int {
	n := len(cells)
	for n > 0 && isBlank(cells[n-1].Text) {
		n--
	}
	return n
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// cellLimitError is the row error for a cell longer than a cell may be.
func cellLimitError(p *i18n.Printer, num, col, chars int) error {
	name, _ := excelize.ColumnNumberToName(col + 1)
	return &RowError{Row: num, Err: ErrCellTooLong, Msg: p.T("source.cell_too_long", name, strconv.Itoa(num), chars, maxCellChars)}
}

// Exists reports, as the readers word it in lang, that path cannot be opened (it is
// missing, or not readable): nil when it can be.
func Exists(path string, lang i18n.Lang) error {
	f, err := openFile(path, i18n.New(lang))
	if err != nil {
		return err
	}
	return f.Close()
}

// openFile opens path; a missing file says so first, before any talk of formats.
func openFile(path string, p *i18n.Printer) (*os.File, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fileError(p, path, 0, err, "source.not_found")
		}
		return nil, fileError(p, path, 0, err, "source.cannot_open", err.Error())
	}
	return f, nil
}

// fileError is a FileError whose message is the catalog's key with args, in p's language.
func fileError(p *i18n.Printer, path string, line int, sentinel error, key string, args ...any) *FileError {
	return &FileError{Path: path, Line: line, Err: sentinel, Msg: p.T(key, args...), lang: p.Lang()}
}
