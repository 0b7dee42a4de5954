package source

import (
	"bytes"
	"io"
)

// Why the CSV reader keeps encoding/csv strict (LazyQuotes = false) and puts quoteFixer in
// front of it:
//
// Hand-made files often have a stray quote inside a field that is not quoted at all:
//
//	Llamada;La señora Muñoz pidió "urgente";Pedro
//
// Strict encoding/csv rejects that line (ErrBareQuote). LazyQuotes would accept it, but lazy
// mode also accepts a quoted field that never closes properly ("abc" ,x or an opening quote
// without its closing one): it then reads the following lines, up to the next quote
// somewhere in the file or to the end of the file, into that one cell, without any error.
// Every row swallowed that way is lost silently, and "no row is lost" is the one thing this
// tool must never do. So encoding/csv stays strict, and quoteFixer rewrites only the
// unambiguous case: an unquoted field that contains a quote is turned into the quoted
// field that means the same text (La señora Muñoz pidió "urgente" becomes
// "La señora Muñoz pidió ""urgente"""). Everything else passes through byte for byte, so a
// broken quoted field still fails, with its line number. quoteFixer never adds or removes a
// line break, so line numbers stay those of the file.
//
// quoteFixer follows encoding/csv's own state machine (without TrimLeadingSpace or Comment):
// a field is quoted when its first byte is '"'; inside it "" is a quote and '"' followed by
// the delimiter, "\n" or "\r\n" ends it; any other byte after a closing quote is an error
// after which encoding/csv drops the rest of that line and starts again on the next line.
// The delimiter must be an ASCII character: in UTF-8, ASCII bytes never occur inside a
// multi-byte character, so the text can be scanned byte by byte.
type quoteFixer struct {
	r     io.Reader
	delim byte
	state int
	field []byte // the unquoted field being read, held back until it ends
	quote bool   // field holds a quote
	out   []byte // bytes ready for Read
	pos   int    // read position in out
	buf   []byte // input buffer
	err   error  // sticky error from r (io.EOF included)

	line       int          // line being read (1-based)
	recBytes   int          // bytes of the record being read so far
	recLine    int          // the line it starts on
	recEnded   bool         // a record ended in the step being processed
	skipQuotes int          // quotes in the rest of a line skipped after a quote error
	unbalanced map[int]bool // lines whose skipped rest holds an odd number of quotes
}

const (
	qFieldStart   = iota // at the start of a field
	qUnquoted            // inside an unquoted field (held in field)
	qQuoted              // inside a quoted field
	qQuoteInQuote        // just after a '"' inside a quoted field
	qQuoteCR             // just after '"' '\r' inside a quoted field
	qSkipLine            // after a quote error: the rest of the line goes through as is
)

func newQuoteFixer(r io.Reader, delim byte) *quoteFixer {
	return &quoteFixer{r: r, delim: delim, buf: make([]byte, 32<<10), line: 1, recLine: 1}
}

// Unbalanced reports whether, on line n, a quote error was followed by an odd number of
// quotes: encoding/csv drops the rest of such a line and starts the next record on the next
// line, but the quote left open means the lines after it were written as the continuation
// of a quoted field, and reading them as rows would make up rows that are not there.
func (q *quoteFixer) Unbalanced(n int) bool { return q.unbalanced[n] }

func (q *quoteFixer) startSkip(c byte) {
	q.state = qSkipLine
	q.skipQuotes = 0
	if c == '"' {
		q.skipQuotes = 1
	}
}

func (q *quoteFixer) endSkip() {
	if q.skipQuotes%2 == 1 {
		if q.unbalanced == nil {
			q.unbalanced = map[int]bool{}
		}
		q.unbalanced[q.line] = true
	}
}

func (q *quoteFixer) Read(p []byte) (int, error) {
	for q.pos == len(q.out) {
		if q.err != nil {
			return 0, q.err
		}
		q.out, q.pos = q.out[:0], 0
		n, err := q.r.Read(q.buf)
		q.process(q.buf[:n])
		if q.recBytes > maxRecordBytes {
			// Refused before encoding/csv (and the held field) hold more of it.
			q.err = &recordTooLong{line: q.recLine}
			q.out, q.pos = q.out[:0], 0
			return 0, q.err
		}
		if err != nil {
			if err == io.EOF && q.state == qUnquoted {
				q.endField(true)
			}
			if err == io.EOF && q.state == qSkipLine {
				q.endSkip()
			}
			q.err = err
		}
	}
	n := copy(p, q.out[q.pos:])
	q.pos += n
	return n, nil
}

func (q *quoteFixer) process(b []byte) {
	for i := 0; i < len(b); {
		c := b[i]
		from := i
		q.recEnded = false
		switch q.state {
		case qFieldStart:
			switch c {
			case '"':
				q.out = append(q.out, c)
				q.state = qQuoted
			case '\n':
				q.out = append(q.out, c)
				q.line++
				q.endRecord()
			case q.delim:
				q.out = append(q.out, c)
			default:
				q.field = append(q.field[:0], c)
				q.quote = false
				q.state = qUnquoted
			}
			i++
		case qUnquoted:
			// Take the run of bytes up to the next delimiter, line end or quote at once.
			j := i
			for j < len(b) && b[j] != q.delim && b[j] != '\n' && b[j] != '"' {
				j++
			}
			q.field = append(q.field, b[i:j]...)
			i = j
			if i == len(b) {
				break
			}
			c = b[i]
			i++
			if c == '"' {
				q.field = append(q.field, c)
				q.quote = true
				break
			}
			q.endField(c == '\n')
			q.out = append(q.out, c)
			q.state = qFieldStart
			if c == '\n' {
				q.line++
				q.endRecord()
			}
		case qQuoted:
			j := bytes.IndexByte(b[i:], '"')
			if j < 0 {
				j = len(b) - i - 1
			} else {
				q.state = qQuoteInQuote
			}
			q.line += bytes.Count(b[i:i+j+1], []byte{'\n'})
			q.out = append(q.out, b[i:i+j+1]...)
			i += j + 1
		case qQuoteInQuote:
			q.out = append(q.out, c)
			i++
			switch c {
			case '"':
				q.state = qQuoted
			case '\n':
				q.state = qFieldStart
				q.line++
				q.endRecord()
			case q.delim:
				q.state = qFieldStart
			case '\r':
				q.state = qQuoteCR
			default:
				q.startSkip(c)
			}
		case qQuoteCR:
			q.out = append(q.out, c)
			i++
			if c == '\n' {
				q.state = qFieldStart
				q.line++
				q.endRecord()
			} else {
				q.startSkip(c)
			}
		case qSkipLine:
			j := bytes.IndexByte(b[i:], '\n')
			end := j + 1
			if j < 0 {
				end = len(b) - i
			}
			q.skipQuotes += bytes.Count(b[i:i+end], []byte{'"'})
			q.out = append(q.out, b[i:i+end]...)
			i += end
			if j >= 0 {
				q.endSkip()
				q.line++
				q.state = qFieldStart
				q.endRecord()
			}
		}
		if !q.recEnded {
			q.recBytes += i - from
		}
	}
}

// endRecord notes that a line end closed a record: the next one starts on q.line.
func (q *quoteFixer) endRecord() {
	q.recBytes, q.recLine, q.recEnded = 0, q.line, true
}

// endField writes out the unquoted field just ended: as it is, or, when it holds a quote,
// in quotes with its quotes doubled. At the end of a line (or of the file) a last '\r' is
// not part of the field (encoding/csv reads "\r\n" as a line end, and drops a '\r' before
// the end of the file): it stays outside the quotes.
func (q *quoteFixer) endField(lineEnd bool) {
	f := q.field
	q.field = q.field[:0]
	if !q.quote {
		q.out = append(q.out, f...)
		return
	}
	cr := lineEnd && len(f) > 0 && f[len(f)-1] == '\r'
	if cr {
		f = f[:len(f)-1]
	}
	q.out = append(q.out, '"')
	for _, c := range f {
		if c == '"' {
			q.out = append(q.out, '"')
		}
		q.out = append(q.out, c)
	}
	q.out = append(q.out, '"')
	if cr {
		q.out = append(q.out, '\r')
	}
}
