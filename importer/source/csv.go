package source

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/transform"

	"github.com/wolkvox-import/wolkvox-import/mapping"
)

type csvReader struct {
	path   string
	f      *os.File
	cr     *csv.Reader
	fixer  *quoteFixer // nil for a delimiter outside ASCII
	enc    string
	delim  rune
	header []string
	width  int

	num     int   // row number (as a spreadsheet shows it) of the last record read
	prevEnd int   // line on which the last record read ended; 0 before the first
	err     error // sticky fatal error
}

func openCSV(path string, opts Options) (_ Reader, err error) {
	requested, ok := normalizeEncoding(opts.Encoding)
	if !ok {
		return nil, &FileError{Path: path, Err: ErrUnknownEncoding,
			Msg: fmt.Sprintf("unknown encoding %q; use one of: %s", opts.Encoding, acceptedEncodings)}
	}
	if d := opts.Delimiter; d != 0 && (d == '"' || d == '\r' || d == '\n' || d == utf8.RuneError || !utf8.ValidRune(d)) {
		return nil, &FileError{Path: path, Err: ErrBadDelimiter,
			Msg: fmt.Sprintf("%q cannot be a delimiter; use one of , ; | or tab (or leave --delimiter out to detect it)", d)}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			f.Close()
		}
	}()

	// Peek at a bounded prefix to detect the encoding and the delimiter; the file is then
	// read as a stream through the decoder.
	br := bufio.NewReaderSize(f, sniffSize)
	prefix, perr := br.Peek(sniffSize)
	if perr != nil && perr != io.EOF && !errors.Is(perr, bufio.ErrBufferFull) {
		return nil, &FileError{Path: path, Msg: "cannot read the file: " + perr.Error(), Err: perr}
	}
	if len(prefix) == 0 {
		return nil, &FileError{Path: path, Err: ErrEmptyFile, Msg: "the file is empty; it needs a header row with the column names and one row per meeting"}
	}
	truncated := len(prefix) == sniffSize
	enc, bomLen, err := chooseEncoding(prefix, requested)
	if err != nil {
		return nil, &FileError{Path: path, Err: ErrUnknownEncoding, Msg: err.Error()}
	}
	detected := requested == ""
	body := prefix[bomLen:]
	if (enc == encUTF16LE || enc == encUTF16BE) && len(body)%2 == 1 {
		body = body[:len(body)-1]
	}
	if len(body) == 0 {
		return nil, &FileError{Path: path, Err: ErrEmptyFile, Msg: "the file is empty; it needs a header row with the column names and one row per meeting"}
	}
	delim := opts.Delimiter
	if delim == 0 {
		sample, _, _ := transform.Bytes(decoder(enc, detected), body)
		delim = detectDelimiter(string(sample), truncated)
	}
	if _, err := br.Discard(bomLen); err != nil {
		return nil, err
	}

	var in io.Reader = transform.NewReader(br, decoder(enc, detected))
	var fixer *quoteFixer
	if delim < utf8.RuneSelf {
		fixer = newQuoteFixer(in, byte(delim))
		in = fixer
	}
	cr := csv.NewReader(in)
	cr.Comma = delim
	cr.FieldsPerRecord = -1 // rows may be shorter or longer than the header: handled per row
	cr.ReuseRecord = true   // the record slice is reused: its strings are copied into Cells
	cr.LazyQuotes = false   // see quoteFixer: lazy mode can swallow rows without an error

	r := &csvReader{path: path, f: f, cr: cr, fixer: fixer, enc: enc, delim: delim}
	for {
		rec, rerr := r.read()
		if rerr == io.EOF {
			return nil, &FileError{Path: path, Err: ErrNoHeader,
				Msg: "no header row: every line is empty; put the column names on the first line"}
		}
		if rerr != nil {
			return nil, rerr
		}
		if rec.err != nil {
			return nil, &FileError{Path: path, Line: rec.line, Err: ErrNoHeader,
				Msg: "the header row cannot be read: " + rec.err.Error()}
		}
		if isBlankRecord(rec.fields) {
			continue
		}
		r.header = header(rec.fields)
		r.width = len(r.header)
		return r, nil
	}
}

// record is one CSV record as read, with its row number.
type record struct {
	fields []string
	num    int   // row number as a spreadsheet shows it
	line   int   // line where it starts
	err    error // a row-level problem (broken quotes on a single line)
}

// read reads the next record. A broken quoted field that stays on one line is a row-level
// problem (encoding/csv goes on at the next line); one that runs over several lines is
// fatal: the lines it spans would otherwise be lost or misread.
func (r *csvReader) read() (record, error) {
	if r.err != nil {
		return record{}, r.err
	}
	fields, err := r.cr.Read()
	if err == nil {
		start, _ := r.cr.FieldPos(0)
		last := len(fields) - 1
		end, _ := r.cr.FieldPos(last)
		end += strings.Count(fields[last], "\n")
		return record{fields: fields, num: r.advance(start, end), line: start}, nil
	}
	if err == io.EOF {
		return record{}, io.EOF
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) && (errors.Is(pe.Err, csv.ErrQuote) || errors.Is(pe.Err, csv.ErrBareQuote)) {
		if pe.Line == pe.StartLine && (r.fixer == nil || !r.fixer.Unbalanced(pe.Line)) {
			num := r.advance(pe.StartLine, pe.Line)
			return record{fields: fields, num: num, line: pe.StartLine, err: &RowError{Row: num, Err: ErrBadQuotes, Msg: fmt.Sprintf(
				"line %d (row %d) has a broken quoted field: a field in quotes must end with its closing quote right before the delimiter or the end of the line, and a quote inside it must be written twice (\"\")",
				pe.StartLine, num)}}, nil
		}
		if pe.Line == pe.StartLine {
			r.err = &FileError{Path: r.path, Line: pe.StartLine, Err: ErrBadQuotes, Msg: "this line has a broken quoted field, and a quote after it is left open, so the lines after it cannot be told apart from the rest of that field. Fix the quotes on this line: a field in quotes must end with its closing quote right before the delimiter or the end of the line, and a quote inside it must be written twice (\"\")"}
			return record{}, r.err
		}
		r.err = &FileError{Path: r.path, Line: pe.StartLine, Err: ErrBadQuotes, Msg: fmt.Sprintf(
			"the quoted field that starts on this line is not closed properly (the problem shows on line %d); the lines in between cannot be read as rows. Check the quotes on line %d: a field in quotes must end with a quote followed by the delimiter or the end of the line, and a quote inside it must be written twice (\"\")",
			pe.Line, pe.StartLine)}
		return record{}, r.err
	}
	msg := err.Error()
	if errors.As(err, &pe) {
		msg = pe.Err.Error()
		r.err = &FileError{Path: r.path, Line: pe.Line, Err: ErrMalformed, Msg: msg}
	} else {
		r.err = &FileError{Path: r.path, Err: err, Msg: "cannot read the file: " + msg}
	}
	return record{}, r.err
}

// advance records a record that spans lines start..end and returns its row number: one
// more than the previous record's, plus one for each empty line in between (encoding/csv
// skips empty lines, a spreadsheet shows them as empty rows).
func (r *csvReader) advance(start, end int) int {
	if r.prevEnd == 0 {
		r.num = start
	} else {
		r.num += start - r.prevEnd
	}
	r.prevEnd = end
	return r.num
}

func (r *csvReader) Header() []string { return r.header }

func (r *csvReader) Next() (Row, error) {
	for {
		rec, err := r.read()
		if err != nil {
			return Row{}, err
		}
		cells := make([]mapping.Cell, len(rec.fields), max(len(rec.fields), r.width))
		for i, s := range rec.fields {
			cells[i].Text = s
		}
		if rec.err == nil && allBlank(cells) {
			continue
		}
		row := fitRow(rec.num, cells, r.width)
		if rec.err != nil {
			row.Err = rec.err
		}
		return row, nil
	}
}

func (r *csvReader) Close() error { return r.f.Close() }

func (r *csvReader) Delimiter() rune  { return r.delim }
func (r *csvReader) Encoding() string { return r.enc }
