// Package source reads the rows of an input file (CSV or XLSX) as a stream: one row at a
// time, never the whole file in memory, with the row numbers a user sees when the file is
// open in a spreadsheet program.
//
// Readers hand the mapping what the user sees: cell text as written (not trimmed: the
// mapping trims), numbers as their digits ("12345", never "12345.0" or "1.2345e+12"), and
// real XLSX date cells as times (Cell.IsDate), so that no date format can misread them.
package source

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/xuri/excelize/v2"

	"github.com/wolkvox-import/wolkvox-import/mapping"
)

// Options choose what to read in the input file.
type Options struct {
	Sheet     string // XLSX: sheet name; "" = the first visible sheet
	Encoding  string // CSV: "" = detect; else "utf-8", "utf-16" (BOM decides; also "utf-16le"/"utf-16be"), "windows-1252" (also "cp1252", "latin1")
	Delimiter rune   // CSV: 0 = detect among ',' ';' '\t' '|'
}

// Row is one data row of the input.
type Row struct {
	// Num is the row number the user sees in a spreadsheet program: for an XLSX the Excel
	// row; for a CSV the row Excel or LibreOffice shows for it, that is 1 + the records
	// and the empty lines before it (a quoted field with line breaks is still one row).
	Num int
	// Cells has exactly one cell per header column: padded with empty cells, never longer.
	Cells []mapping.Cell
	// Err is a problem that makes this row invalid (cells beyond the header that hold
	// something, a broken quoted field in a CSV line). The reader goes on after it.
	Err error
}

// Reader streams the rows of one sheet or CSV file.
type Reader interface {
	// Header returns the header cells as written, without a BOM, trailing empty cells
	// dropped.
	Header() []string
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

// SheetInfo is implemented by the XLSX reader: the sheet actually read.
type SheetInfo interface {
	SheetName() string
}

// Errors for callers to test with errors.Is; each error returned wraps one of them
// (except plain I/O errors from the operating system).
var (
	ErrUnsupportedFormat = errors.New("unsupported input format")
	ErrUnknownEncoding   = errors.New("unknown encoding")
	ErrBadDelimiter      = errors.New("invalid delimiter")
	ErrEmptyFile         = errors.New("empty file")
	ErrNoHeader          = errors.New("no header row")
	ErrUnknownSheet      = errors.New("unknown sheet")
	ErrMalformed         = errors.New("malformed file")
	ErrExtraCells        = errors.New("cells beyond the header")
	ErrBadQuotes         = errors.New("broken quotes")
)

// FileError is an error about the input file as a whole, or about one of its lines.
type FileError struct {
	Path string
	Line int // 0 when it is about the whole file
	Msg  string
	Err  error // the sentinel (ErrNoHeader, ...) or an underlying error
}

func (e *FileError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s, line %d: %s", e.Path, e.Line, e.Msg)
	}
	return e.Path + ": " + e.Msg
}

func (e *FileError) Unwrap() error { return e.Err }

// RowError is a problem of one row; the reader goes on after it.
type RowError struct {
	Row int
	Msg string
	Err error // ErrExtraCells or ErrBadQuotes
}

func (e *RowError) Error() string { return e.Msg }
func (e *RowError) Unwrap() error { return e.Err }

// Open opens path as a CSV (.csv, .txt, .tsv) or XLSX (.xlsx, .xlsm) file, by its extension.
func Open(path string, opts Options) (Reader, error) {
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".csv", ".txt", ".tsv":
		return openCSV(path, opts)
	case ".xlsx", ".xlsm":
		return openXLSX(path, opts)
	case ".xls":
		return nil, &FileError{Path: path, Err: ErrUnsupportedFormat,
			Msg: "this is an Excel 97-2003 workbook (.xls), which cannot be read; open it in Excel or LibreOffice and save it as .xlsx (or .csv)"}
	case ".ods", ".fods", ".numbers", ".xlsb":
		return nil, &FileError{Path: path, Err: ErrUnsupportedFormat,
			Msg: fmt.Sprintf("%s files cannot be read; open it in its spreadsheet program and save it as .xlsx (or .csv)", ext)}
	default:
		what := fmt.Sprintf("the extension %q", ext)
		if ext == "" {
			what = "a file without an extension"
		}
		return nil, &FileError{Path: path, Err: ErrUnsupportedFormat,
			Msg: fmt.Sprintf("cannot read %s: the input must be a .csv (also .txt, .tsv) or .xlsx (also .xlsm) file", what)}
	}
}

// header builds the header from the first non-empty row: a BOM stripped from the first
// cell, trailing empty cells dropped.
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

// fitRow pads cells to width, or cuts the cells beyond it: when those hold something, the
// row gets an error that names them.
func fitRow(num int, cells []mapping.Cell, width int) Row {
	row := Row{Num: num}
	if len(cells) <= width {
		for len(cells) < width {
			cells = append(cells, mapping.Cell{})
		}
		row.Cells = cells
		return row
	}
	var cols, vals []string
	for i := width; i < len(cells); i++ {
		if isBlank(cells[i].Text) {
			continue
		}
		name, _ := excelize.ColumnNumberToName(i + 1)
		cols = append(cols, name)
		vals = append(vals, fmt.Sprintf("%q", clip(cells[i].Text, 40)))
	}
	if len(cols) > 0 {
		row.Err = &RowError{Row: num, Err: ErrExtraCells, Msg: fmt.Sprintf(
			"row %d has %d cells but the header has %d columns: the extra cells (%s) hold %s; remove them or add headers",
			num, trimmedLen(cells), width, strings.Join(cols, ", "), strings.Join(vals, ", "))}
	}
	row.Cells = cells[:width:width]
	return row
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
