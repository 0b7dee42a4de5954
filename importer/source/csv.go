package source

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/transform"

	"github.com/wolkvox-import/wolkvox-import/i18n"
	"github.com/wolkvox-import/wolkvox-import/mapping"
)

type csvReader struct {
	path  string
	f     *os.File
	cr    *csv.Reader
	fixer *quoteFixer // nil for a delimiter outside ASCII
	enc   string
	delim rune
	// asked says the encoding was given (--encoding), not detected: bytes that are not
	// UTF-8 then become U+FFFD (with a warning) instead of being read as Windows-1252.
	asked bool
	p     *i18n.Printer // the language of the messages

	lineOffset int   // 1 when an Excel "sep=" line comes first: Excel does not show it as a row
	num        int   // row number (as a spreadsheet shows it) of the last record read
	prevEnd    int   // line on which the last record read ended; 0 before the first
	err        error // sticky fatal error
}

// maxRecordBytes is the longest CSV record read (SPEC: 1 MiB): a longer one is refused
// with its line, before encoding/csv holds it whole.
const maxRecordBytes = 1 << 20

func openCSV(path string, opts Options) (_ Reader, err error) {
	p := i18n.New(opts.Lang)
	requested, ok := normalizeEncoding(opts.Encoding)
	if !ok {
		return nil, fileError(p, path, 0, ErrUnknownEncoding, "source.encoding.unknown", opts.Encoding, acceptedEncodings)
	}
	if d := opts.Delimiter; d != 0 && (d == '"' || d == '\r' || d == '\n' || d == utf8.RuneError || !utf8.ValidRune(d)) {
		return nil, fileError(p, path, 0, ErrBadDelimiter, "source.delimiter.bad", string(d))
	}
	f, err := openFile(path, p)
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
		return nil, fileError(p, path, 0, perr, "source.cannot_read", perr.Error())
	}
	if len(prefix) == 0 {
		return nil, fileError(p, path, 0, ErrEmptyFile, "source.empty")
	}
	truncated := len(prefix) == sniffSize
	enc, bomLen, why := chooseEncoding(prefix, requested)
	if why.Key != "" {
		return nil, fileError(p, path, 0, ErrUnknownEncoding, why.Key, why.Args...)
	}
	body := prefix[bomLen:]
	if (enc == encUTF16LE || enc == encUTF16BE) && len(body)%2 == 1 {
		body = body[:len(body)-1]
	}
	if len(body) == 0 {
		return nil, fileError(p, path, 0, ErrEmptyFile, "source.empty")
	}
	sample := body
	if t := decoder(enc); t != nil {
		sample, _, _ = transform.Bytes(t, body)
	}
	// Old Mac exports end lines with a lone CR, which encoding/csv does not split on.
	loneCR := bytes.IndexByte(sample, '\r') >= 0 && bytes.IndexByte(sample, '\n') < 0
	if loneCR {
		sample = bytes.ReplaceAll(sample, []byte{'\r'}, []byte{'\n'})
	}
	delim := opts.Delimiter
	sepDelim, sepLine := excelSepLine(sample)
	if delim == 0 {
		delim = sepDelim
	}
	if delim == 0 {
		detectFrom := sample
		if sepLine {
			detectFrom = sample[bytes.IndexByte(sample, '\n')+1:]
		}
		delim = detectDelimiter(string(detectFrom), truncated)
	}
	if _, err := br.Discard(bomLen); err != nil {
		return nil, err
	}

	var in io.Reader = br
	if t := decoder(enc); t != nil {
		in = transform.NewReader(in, t)
	}
	if loneCR {
		in = crToLF{in}
	}
	var fixer *quoteFixer
	if delim < utf8.RuneSelf {
		fixer = newQuoteFixer(in, byte(delim))
		in = fixer
	} else {
		in = &lineLimiter{r: in}
	}
	cr := csv.NewReader(in)
	cr.Comma = delim
	cr.FieldsPerRecord = -1 // rows may be shorter or longer than the header: handled per row
	cr.ReuseRecord = true   // the record slice is reused: its strings are copied into Cells
	cr.LazyQuotes = false   // see quoteFixer: lazy mode can swallow rows without an error

	r := &csvReader{path: path, f: f, cr: cr, fixer: fixer, enc: enc, delim: delim, asked: requested != "", p: p}
	if sepLine {
		if _, err := r.read(); err != nil {
			return nil, err
		}
		r.lineOffset, r.prevEnd, r.num = 1, 0, 0
	}
	hs, err := scanHeader(r, opts)
	if err != nil {
		return nil, err
	}
	if hs.reason.Key != "" {
		return nil, fileError(p, path, 0, ErrNoHeader, hs.reason.Key, hs.reason.Args...)
	}
	if hs.at < 0 {
		return nil, fileError(p, path, 0, ErrNoHeader, "source.no_header.csv")
	}
	if h := hs.rows[hs.at]; h.err != nil {
		return nil, fileError(p, path, h.num+r.lineOffset, ErrNoHeader, "source.header.unreadable", h.err.Error())
	}
	return &csvFile{reader: newReader(r, hs, 0, nil, p), info: r}, nil
}

// csvFile is the Reader of a CSV file: the shared header logic over the CSV rows.
type csvFile struct {
	*reader
	info *csvReader
}

func (c *csvFile) Delimiter() rune  { return c.info.delim }
func (c *csvFile) Encoding() string { return c.info.enc }

// excelSepLine reads Excel's "sep=;" first line (also quoted): the delimiter it sets.
func excelSepLine(sample []byte) (rune, bool) {
	line := sample
	if i := bytes.IndexByte(sample, '\n'); i >= 0 {
		line = sample[:i]
	}
	line = bytes.TrimSuffix(line, []byte{'\r'})
	line = bytes.Trim(line, `"`)
	if !bytes.HasPrefix(bytes.ToLower(line), []byte("sep=")) {
		return 0, false
	}
	d, size := utf8.DecodeRune(line[4:])
	if size == 0 || len(line) != 4+size || d == '"' || d == utf8.RuneError {
		return 0, false
	}
	return d, true
}

// crToLF turns every CR into LF, for a file whose lines end with a lone CR.
type crToLF struct{ r io.Reader }

func (c crToLF) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for i := range p[:n] {
		if p[i] == '\r' {
			p[i] = '\n'
		}
	}
	return n, err
}

// lineLimiter refuses a line longer than maxRecordBytes (for delimiters the quoteFixer,
// which bounds records, cannot scan).
type lineLimiter struct {
	r    io.Reader
	run  int
	line int
}

func (l *lineLimiter) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	for _, c := range p[:n] {
		if c == '\n' {
			l.run = 0
			l.line++
			continue
		}
		if l.run++; l.run > maxRecordBytes {
			return 0, &recordTooLong{line: l.line + 1}
		}
	}
	return n, err
}

// recordTooLong is a CSV record longer than maxRecordBytes, from its first line.
type recordTooLong struct{ line int }

func (e *recordTooLong) Error() string { return fmt.Sprintf("line %d: record too long", e.line) }

// read reads the next record as a raw row. A broken quoted field that stays on one line
// is a row-level problem (encoding/csv goes on at the next line); one that runs over
// several lines is fatal: the lines it spans would otherwise be lost or misread.
func (r *csvReader) read() (rawRow, error) {
	if r.err != nil {
		return rawRow{}, r.err
	}
	fields, err := r.cr.Read()
	if err == nil {
		start, _ := r.cr.FieldPos(0)
		last := len(fields) - 1
		end, _ := r.cr.FieldPos(last)
		end += strings.Count(fields[last], "\n")
		return r.row(r.advance(start, end), fields, nil), nil
	}
	if err == io.EOF {
		return rawRow{}, io.EOF
	}
	var long *recordTooLong
	if errors.As(err, &long) {
		r.err = fileError(r.p, r.path, long.line, ErrRowTooLong, "source.csv.record_too_long", maxRecordBytes>>20)
		return rawRow{}, r.err
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) && (errors.Is(pe.Err, csv.ErrQuote) || errors.Is(pe.Err, csv.ErrBareQuote)) {
		if pe.Line == pe.StartLine && (r.fixer == nil || !r.fixer.Unbalanced(pe.Line)) {
			num := r.advance(pe.StartLine, pe.Line)
			return r.row(num, fields, &RowError{Row: num, Err: ErrBadQuotes, Msg: r.p.T("source.csv.bad_quotes.row", strconv.Itoa(pe.StartLine), strconv.Itoa(num))}), nil
		}
		if pe.Line == pe.StartLine {
			r.err = fileError(r.p, r.path, pe.StartLine, ErrBadQuotes, "source.csv.bad_quotes.open")
			return rawRow{}, r.err
		}
		r.err = fileError(r.p, r.path, pe.StartLine, ErrBadQuotes, "source.csv.bad_quotes.span", strconv.Itoa(pe.Line), strconv.Itoa(pe.StartLine))
		return rawRow{}, r.err
	}
	if errors.As(err, &pe) {
		r.err = fileError(r.p, r.path, pe.Line, ErrMalformed, "source.csv.malformed", pe.Err.Error())
	} else {
		r.err = fileError(r.p, r.path, 0, err, "source.cannot_read", err.Error())
	}
	return rawRow{}, r.err
}

// row makes a record's cells: within the limits of a spreadsheet (cells per row,
// characters per cell), and in UTF-8.
func (r *csvReader) row(num int, fields []string, rowErr error) rawRow {
	row := rawRow{num: num, err: rowErr}
	if len(fields) > maxRowCells {
		if row.err == nil {
			row.err = &RowError{Row: num, Err: ErrRowTooLong, Msg: r.p.T("source.row_too_wide", strconv.Itoa(num), len(fields), maxRowCells)}
		}
		fields = fields[:maxRowCells]
	}
	row.cells = make([]mapping.Cell, len(fields))
	var badBytes bool
	for i, s := range fields {
		if r.enc == encUTF8 && !utf8.ValidString(s) {
			badBytes = true
			s = r.repair(s)
		}
		if len(s) > maxCellChars {
			if n := charCount(s); n > maxCellChars {
				if row.err == nil {
					row.err = cellLimitError(r.p, num, i, n)
				}
				// Kept whole (the record is at most 1 MiB): a CSV results or failed-rows file
				// then keeps the cell as it was, still too long, never cut into a valid one.
			}
		}
		row.cells[i].Text = s
	}
	if badBytes {
		if r.asked {
			row.warning = r.p.T("source.warn.not_utf8.replaced")
		} else {
			row.warning = r.p.T("source.warn.not_utf8.cp1252")
		}
	}
	return row
}

// repair turns the bytes of s that are not UTF-8 into Windows-1252 characters (the file's
// encoding was detected) or U+FFFD (UTF-8 was asked for).
func (r *csvReader) repair(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size == 1 {
			if r.asked {
				b.WriteRune(utf8.RuneError)
			} else {
				b.WriteRune(charmap.Windows1252.DecodeByte(s[i]))
			}
			i++
			continue
		}
		b.WriteString(s[i : i+size])
		i += size
	}
	return b.String()
}

// advance records a record that spans lines start..end and returns its row number: one
// more than the previous record's, plus one for each empty line in between (encoding/csv
// skips empty lines, a spreadsheet shows them as empty rows).
func (r *csvReader) advance(start, end int) int {
	if r.prevEnd == 0 {
		r.num = start - r.lineOffset
	} else {
		r.num += start - r.prevEnd
	}
	r.prevEnd = end
	return r.num
}

func (r *csvReader) close() error { return r.f.Close() }
