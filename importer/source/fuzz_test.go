package source

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/wolkvox-import/wolkvox-import/i18n"
	"github.com/wolkvox-import/wolkvox-import/mapping"
)

// FuzzCSVReader feeds arbitrary bytes to the CSV reader, detected and with given options:
// it must never panic, row numbers must grow, every row must have one cell per header
// column, and a fatal error must stay. The seed corpus is in testdata/fuzz/FuzzCSVReader.
func FuzzCSVReader(f *testing.F) {
	f.Add([]byte("Asunto;Fecha\r\nReunión;26/07/2024 09:30\r\n"))
	f.Add([]byte("a,b\n\"x\ny\",1\n\n\"open,2\n"))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "in.csv")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		for _, opts := range []Options{
			{},
			{Delimiter: ';'},
			{Encoding: "windows-1252", Delimiter: '\t'},
			{Encoding: "utf-16"},
			{Delimiter: '¦'},
		} {
			drain(t, path, opts)
		}
	})
}

func drain(t *testing.T, path string, opts Options) {
	r, err := Open(path, opts)
	if err != nil {
		var fe *FileError
		if !errors.As(err, &fe) {
			t.Fatalf("Open(%+v): %v is not a FileError", opts, err)
		}
		return
	}
	defer r.Close()
	h := r.Header()
	if len(h) == 0 {
		t.Fatalf("Open(%+v): empty header", opts)
	}
	last := 0
	for i := 0; ; i++ {
		row, err := r.Next()
		if err == io.EOF {
			return
		}
		if err != nil {
			if _, again := r.Next(); again != err {
				t.Fatalf("Next after fatal %v = %v", err, again)
			}
			return
		}
		if row.Num <= last {
			t.Fatalf("opts %+v: row Num %d after %d", opts, row.Num, last)
		}
		last = row.Num
		if len(row.Cells) != len(h) {
			t.Fatalf("opts %+v: row %d has %d cells, header %d", opts, row.Num, len(row.Cells), len(h))
		}
		if row.Err == nil && allBlank(row.Cells) {
			t.Fatalf("opts %+v: empty row %d returned", opts, row.Num)
		}
		if i > len(h)+1<<20 {
			t.Fatal("no end")
		}
	}
}

// FuzzQuoteFixer checks quoteFixer against encoding/csv itself: input that strict csv reads
// without error passes through unchanged; and whenever the fixed text reads without error,
// it reads as lazy csv reads the original (the fixer only rewrites what lazy mode accepts
// without ambiguity).
func FuzzQuoteFixer(f *testing.F) {
	for _, s := range []string{
		"a,b\n1,2\n",
		"a;b\r\nLlamada;pidió \"urgente\"\r\n",
		"\"x\"\"y\",\"z\nw\"\n",
		"a\"b\r\n\"c\" d\n",
		"x,\"open\n",
		"\"a\"\r,b\n",
		"a\"\r",
	} {
		f.Add([]byte(s), uint8(0))
	}
	f.Fuzz(func(t *testing.T, data []byte, d uint8) {
		delim := []byte{',', ';', '\t', '|'}[d%4]
		q := newQuoteFixerSmall(bytes.NewReader(data), delim)
		fixed, err := io.ReadAll(q)
		if err != nil {
			t.Fatal(err)
		}
		if want := 1 + bytes.Count(data, []byte("\n")); q.line != want {
			t.Fatalf("line count %d, want %d for %q", q.line, want, data)
		}
		if bytes.Count(fixed, []byte("\n")) != bytes.Count(data, []byte("\n")) {
			t.Fatalf("line breaks changed: %q -> %q", data, fixed)
		}
		strict, strictErr := readCSV(data, rune(delim), false)
		if strictErr == nil && !bytes.Equal(fixed, data) {
			t.Fatalf("valid CSV changed: %q -> %q (%q)", data, fixed, strict)
		}
		gotFixed, fixedErr := readCSV(fixed, rune(delim), false)
		if fixedErr != nil {
			return
		}
		lazy, lazyErr := readCSV(data, rune(delim), true)
		if lazyErr != nil || !reflect.DeepEqual(gotFixed, lazy) {
			t.Fatalf("input %q\nfixed %q\n reads %q\n lazy reads %q (%v)", data, fixed, gotFixed, lazy, lazyErr)
		}
	})
}

// newQuoteFixerSmall reads through a tiny buffer, to cross buffer boundaries everywhere.
func newQuoteFixerSmall(r io.Reader, delim byte) *quoteFixer {
	q := newQuoteFixer(r, delim)
	q.buf = make([]byte, 3)
	return q
}

func readCSV(data []byte, delim rune, lazy bool) ([][]string, error) {
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = delim
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = lazy
	return cr.ReadAll()
}

func TestQuoteFixer(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a,b\n1,2\n", "a,b\n1,2\n"},
		{`x,pidió "urgente",y` + "\n", `x,"pidió ""urgente""",y` + "\n"},
		{"a\"b\r\nc\n", "\"a\"\"b\"\r\nc\n"},
		{"a\"b\r,c\n", "\"a\"\"b\r\",c\n"}, // a '\r' before the delimiter is data
		{"a\"b\r", "\"a\"\"b\"\r"},         // at the end of the file it is not
		{"\"ok\",\"x\"\"y\"\n", "\"ok\",\"x\"\"y\"\n"},
		{"\"bad\" x,\"y\n", "\"bad\" x,\"y\n"}, // broken quoted field: untouched, the rest of the line too
		{"\"q\nstill\"\"quoted\",z\"\n", "\"q\nstill\"\"quoted\",\"z\"\"\"\n"},
	}
	for _, tt := range tests {
		for _, small := range []bool{false, true} {
			var r io.Reader = newQuoteFixer(strings.NewReader(tt.in), ',')
			if small {
				r = newQuoteFixerSmall(strings.NewReader(tt.in), ',')
			}
			got, err := io.ReadAll(r)
			if err != nil || string(got) != tt.want {
				t.Errorf("fix(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		}
	}
}

// FuzzNumFormat: any format code on any number renders without panicking, as text a cell
// could hold (no NaN, no exponent), and a code of only digit placeholders shows digits.
func FuzzNumFormat(f *testing.F) {
	for _, s := range []struct {
		code string
		v    float64
	}{
		{"00000", 7}, {"0%", 0.15}, {"0", 12345.6789}, {"000 000 0000", 3001234567}, {`[<=9999999]###-####;(###) ###-####`, 5550199},
		{"#,##0.00", -1234.5}, {`"$"#,##0.00_);\("$"#,##0.00\)`, -5}, {"[h]:mm", 1.0833}, {"h:mm", 0.4375}, {"dd/mm/yyyy", 45000},
		{"0.00E+00", 12345}, {"# ?/?", 0.5}, {";;;", 3}, {`"TRUE";"TRUE";"FALSE"`, 1}, {"@", 12}, {"General", 0.1}, {"[Red][>100]0;0.0", 101},
		{"0.0000000000000000000000", 1e300}, {"", -0.0},
	} {
		f.Add(s.code, s.v)
	}
	f.Fuzz(func(t *testing.T, code string, v float64) {
		nf := parseNumFormat(code)
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return
		}
		got := nf.render(v)
		if strings.Contains(got, "NaN") || strings.Contains(got, "e+") {
			t.Errorf("format %q on %v renders %q", code, v, got)
		}
		if strings.Trim(code, "0") == "" && code != "" && nf.kind == mapping.KindNumber && math.Abs(v) < 1e15 {
			if _, err := strconv.ParseFloat(got, 64); err != nil {
				t.Errorf("format %q on %v renders %q, not digits", code, v, got)
			}
			if v >= 0 && len(got) < min(len(code), 64) {
				t.Errorf("format %q on %v renders %q: fewer digits than the zeros", code, v, got)
			}
		}
		durationText(v, code)
		if 0 <= v && v < 1 {
			timeText(timeOfDay(v), true)
		}
	})
}

// FuzzHeaderFinder: whatever the rows and the rule, the header found is a non-empty row
// among the first HeaderScanRows (or the one asked for), and every row after it is served
// once, in order.
func FuzzHeaderFinder(f *testing.F) {
	f.Add("Reuniones octubre\n\nAsunto,Inicio\nx,y\n", "Asunto|Inicio", 0)
	f.Add("a\nb\nc\n", "", 2)
	f.Add(",,\n , \nAsunto\n", "Asunto|Nada", 0)
	f.Fuzz(func(t *testing.T, sheet, cols string, headerRow int) {
		if headerRow < 0 || headerRow > 100 {
			return
		}
		lines := strings.Split(sheet, "\n")
		if len(lines) > 200 {
			return
		}
		var src fakeRows
		for i, l := range lines {
			var cells []mapping.Cell
			for _, c := range strings.Split(l, ",") {
				cells = append(cells, mapping.Cell{Text: c})
			}
			src.rows = append(src.rows, rawRow{num: i + 1, cells: cells})
		}
		opts := Options{HeaderRow: headerRow}
		if cols != "" {
			names := strings.Split(cols, "|")
			opts.Header = HeaderRule{Score: mapping.HeaderScore(names), Want: len(names)}
		}
		hs, err := scanHeader(&src, opts)
		if err != nil {
			t.Fatal(err)
		}
		if hs.at < 0 || hs.reason.Key != "" {
			return
		}
		h := hs.rows[hs.at]
		if allBlank(h.cells) {
			t.Fatalf("header row %d is blank", h.num)
		}
		if headerRow > 0 && h.num != headerRow {
			t.Fatalf("header row %d, asked for %d", h.num, headerRow)
		}
		if headerRow == 0 && h.num > HeaderScanRows {
			t.Fatalf("header row %d, past the first %d", h.num, HeaderScanRows)
		}
		r := newReader(&src, hs, 0, nil, i18n.New(i18n.EN))
		last := h.num
		for {
			row, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			if row.Num <= last || len(row.Cells) != r.Layout().Width {
				t.Fatalf("row %d after %d, %d cells (width %d)", row.Num, last, len(row.Cells), r.Layout().Width)
			}
			last = row.Num
		}
	})
}

// fakeRows is a rowSource of rows in memory.
type fakeRows struct {
	rows []rawRow
	pos  int
}

func (f *fakeRows) read() (rawRow, error) {
	if f.pos >= len(f.rows) {
		return rawRow{}, io.EOF
	}
	f.pos++
	return f.rows[f.pos-1], nil
}

func (f *fakeRows) close() error { return nil }
