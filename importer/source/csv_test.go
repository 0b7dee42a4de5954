package source

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

func writeFile(path, content string) error { return os.WriteFile(path, []byte(content), 0o644) }

func tempCSV(t *testing.T, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "in.csv")
	if err := writeFile(p, content); err != nil {
		t.Fatal(err)
	}
	return p
}

func utf16(t *testing.T, s string, big, bom bool) string {
	t.Helper()
	e, pol := unicode.LittleEndian, unicode.IgnoreBOM
	if big {
		e = unicode.BigEndian
	}
	if bom {
		pol = unicode.UseBOM
	}
	out, err := unicode.UTF16(e, pol).NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func cp1252(t *testing.T, s string) string {
	t.Helper()
	out, err := charmap.Windows1252.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestCSVRows(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		opts   Options
		header []string
		rows   []wantRow
		enc    string
		delim  rune
	}{
		{
			name:   "row numbers count records and empty lines, not lines inside quotes",
			in:     "a,b\n\"1\n2\n3\",x\n\n\ny,z\r\n\"q\",\"w\r\nv\"\nlast,1",
			header: []string{"a", "b"},
			rows: []wantRow{
				{num: 2, texts: []string{"1\n2\n3", "x"}},
				{num: 5, texts: []string{"y", "z"}}, // two empty lines: rows 3 and 4
				{num: 6, texts: []string{"q", "w\nv"}},
				{num: 7, texts: []string{"last", "1"}},
			},
		},
		{
			name:   "empty lines and empty records before the header",
			in:     "\n;;\nAsunto;Fecha\nx;1\n",
			header: []string{"Asunto", "Fecha"},
			delim:  ';',
			rows:   []wantRow{{num: 4, texts: []string{"x", "1"}}},
		},
		{
			name:   "rows of spaces and delimiters only are skipped; text is not trimmed",
			in:     "a|b|c\n  |\t|\n | x |\n||\n",
			header: []string{"a", "b", "c"},
			delim:  '|',
			rows:   []wantRow{{num: 3, texts: []string{" ", " x ", ""}}},
		},
		{
			name:   "short rows are padded; empty extra cells are dropped silently",
			in:     "a;b;c\r\n1\r\n1;2;3;;  ;\r\n",
			header: []string{"a", "b", "c"},
			delim:  ';',
			rows: []wantRow{
				{num: 2, texts: []string{"1"}},
				{num: 3, texts: []string{"1", "2", "3"}},
			},
		},
		{
			name:   "cells past the header are kept (echoed under generated headers), the row stays valid",
			in:     "a,b,c,d,e\n1,2,3,4,5,,x\n6,7,8,9,10,y,z\n11\n",
			header: []string{"a", "b", "c", "d", "e", "", ""},
			rows: []wantRow{
				{num: 2, texts: []string{"1", "2", "3", "4", "5", "", "x"}},
				{num: 3, texts: []string{"6", "7", "8", "9", "10", "y", "z"}},
				{num: 4, texts: []string{"11"}},
			},
		},
		{
			name:   "a row that is only extra cells is not empty",
			in:     "a\n,x\n",
			opts:   Options{Delimiter: ','},
			header: []string{"a", ""},
			rows:   []wantRow{{num: 2, texts: []string{"", "x"}}},
		},
		{
			name:   "trailing empty header cells are dropped, empty ones inside kept",
			in:     "a,,c,,\n1,2,3\n",
			header: []string{"a", "", "c"},
			rows:   []wantRow{{num: 2, texts: []string{"1", "2", "3"}}},
		},
		{
			name:   "stray quotes in unquoted fields are text",
			in:     "Asunto;Notas;X\r\nLlamada;pidió \"urgente\";1\r\n5\" pantalla;a\"b\"\"c;\"ok\"\r\n",
			header: []string{"Asunto", "Notas", "X"},
			delim:  ';',
			rows: []wantRow{
				{num: 2, texts: []string{"Llamada", `pidió "urgente"`, "1"}},
				{num: 3, texts: []string{`5" pantalla`, `a"b""c`, "ok"}},
			},
		},
		{
			name:   "a broken quoted field on one line spoils that row only",
			in:     "a,b\n\"x\" y,1\n2,3\n",
			header: []string{"a", "b"},
			rows: []wantRow{
				{num: 2, texts: []string{""}, err: "line 2 (row 2) has a broken quoted field"},
				{num: 3, texts: []string{"2", "3"}},
			},
		},
		{
			name:   "balanced quotes after a broken quoted field: the next lines are rows",
			in:     "a,b\n\"x\" y,\"1\",2\n3,4\n",
			header: []string{"a", "b"},
			rows: []wantRow{
				{num: 2, texts: []string{""}, err: "broken quoted field"},
				{num: 3, texts: []string{"3", "4"}},
			},
		},
		{
			name:   "UTF-16BE with BOM",
			in:     utf16(t, "Asunto\tCaso\r\nReunión\t1\r\n", true, true),
			header: []string{"Asunto", "Caso"},
			enc:    "utf-16be",
			delim:  '\t',
			rows:   []wantRow{{num: 2, texts: []string{"Reunión", "1"}}},
		},
		{
			name:   "UTF-16LE without BOM",
			in:     utf16(t, "Asunto,Caso\nReunión,1\n", false, false),
			header: []string{"Asunto", "Caso"},
			enc:    "utf-16le",
			delim:  ',',
			rows:   []wantRow{{num: 2, texts: []string{"Reunión", "1"}}},
		},
		{
			name:   "utf-16 asked for, the BOM says big-endian",
			in:     utf16(t, "a;b\n1;2\n", true, true),
			opts:   Options{Encoding: "UTF-16"},
			header: []string{"a", "b"},
			enc:    "utf-16be",
			delim:  ';',
			rows:   []wantRow{{num: 2, texts: []string{"1", "2"}}},
		},
		{
			name:   "windows-1252 detected from invalid UTF-8",
			in:     cp1252(t, "Año;Señal\nñandú;€ 5\n"),
			header: []string{"Año", "Señal"},
			enc:    "windows-1252",
			delim:  ';',
			rows:   []wantRow{{num: 2, texts: []string{"ñandú", "€ 5"}}},
		},
		{
			name:   "Windows-1252 bytes past the detection window are still read right",
			in:     "a,b\n" + strings.Repeat("x,y\n", sniffSize/4+10) + cp1252(t, "Muñoz,€\n"),
			header: []string{"a", "b"},
			enc:    "utf-8",
			delim:  ',',
			rows: func() []wantRow {
				var w []wantRow
				for i := 0; i < sniffSize/4+10; i++ {
					w = append(w, wantRow{num: i + 2, texts: []string{"x", "y"}})
				}
				return append(w, wantRow{num: sniffSize/4 + 12, texts: []string{"Muñoz", "€"}})
			}(),
		},
		{
			name:   "utf-8 asked for: invalid bytes become U+FFFD",
			in:     "a,b\n\xf1,1\n",
			opts:   Options{Encoding: "utf8"},
			header: []string{"a", "b"},
			enc:    "utf-8",
			rows:   []wantRow{{num: 2, texts: []string{"\uFFFD", "1"}}},
		},
		{
			name:   "latin1 is read as Windows-1252",
			in:     "a,b\n\x80,\xe9\n",
			opts:   Options{Encoding: "latin1"},
			header: []string{"a", "b"},
			enc:    "windows-1252",
			rows:   []wantRow{{num: 2, texts: []string{"€", "é"}}},
		},
		{
			name:   "a delimiter outside ASCII",
			in:     "a¦b\n1¦x \"y\"\n",
			opts:   Options{Delimiter: '¦'},
			header: []string{"a", "b"},
			delim:  '¦',
			rows:   []wantRow{{num: 2, texts: []string{"1"}, err: "broken quoted field"}},
		},
		{
			name:   "a single column",
			in:     "Asunto\nReunión\n",
			header: []string{"Asunto"},
			delim:  ',',
			rows:   []wantRow{{num: 2, texts: []string{"Reunión"}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, rows := readAll(t, tempCSV(t, tt.in), tt.opts)
			if got := r.Header(); !reflect.DeepEqual(got, tt.header) {
				t.Errorf("Header() = %q, want %q", got, tt.header)
			}
			ci := r.(CSVInfo)
			if tt.enc != "" && ci.Encoding() != tt.enc {
				t.Errorf("Encoding() = %q, want %q", ci.Encoding(), tt.enc)
			}
			if tt.delim != 0 && ci.Delimiter() != tt.delim {
				t.Errorf("Delimiter() = %q, want %q", ci.Delimiter(), tt.delim)
			}
			checkRows(t, rows, tt.rows, len(tt.header))
		})
	}
}

// A quoted field that does not close on its line would swallow the lines after it: that is
// fatal, with the line where the field starts, and stays fatal.
func TestCSVRunawayQuote(t *testing.T) {
	r, err := Open(tempCSV(t, "a,b\n1,2\n3,\"open\n4,5\n6,7\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	row, err := r.Next()
	if err != nil || row.Num != 2 {
		t.Fatalf("first row = %+v, %v", row, err)
	}
	_, err = r.Next()
	var fe *FileError
	if !errors.As(err, &fe) || !errors.Is(err, ErrBadQuotes) || fe.Line != 3 {
		t.Fatalf("Next = %v, want a FileError on line 3 wrapping ErrBadQuotes", err)
	}
	for _, want := range []string{"in.csv, line 3:", "not closed", `written twice ("")`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if _, err2 := r.Next(); err2 != err {
		t.Errorf("Next after a fatal error = %v, want the same error", err2)
	}
}

// A broken quoted field followed by a quote left open on the same line: the next lines
// were written as the rest of a field, so reading them as rows would make rows up.
func TestCSVBrokenQuoteLeavesQuoteOpen(t *testing.T) {
	r, err := Open(tempCSV(t, "a,b\n1,2\n\"x\" y,\"1\n2,3\"\n4,5\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if row, err := r.Next(); err != nil || row.Num != 2 {
		t.Fatalf("first row = %+v, %v", row, err)
	}
	_, err = r.Next()
	var fe *FileError
	if !errors.As(err, &fe) || !errors.Is(err, ErrBadQuotes) || fe.Line != 3 || !strings.Contains(err.Error(), "left open") {
		t.Fatalf("Next = %v, want a FileError on line 3 about a quote left open", err)
	}
}

func TestDetectDelimiter(t *testing.T) {
	tests := []struct {
		sample string
		want   rune
	}{
		{"a,b,c\n1,2,3\n", ','},
		{"a;b;c\n1,5;2;3\n", ';'},                              // decimal commas
		{"Asunto;Notas\nReunión, urgente;x\n", ';'},            // commas in text
		{"Asunto,Participantes\nReunión,Ana; Luis\n", ','},     // semicolons in text
		{"a\tb\tc\nx, y\tz\tw\n", '\t'},                        // commas in a tab file
		{"a|b\n1|2\n", '|'},                                    // pipes
		{"a;b, c;d\nx;y, z;w\n", ';'},                          // both consistent: more fields wins
		{"a,b;c\n1,2;3\n", ','},                                // same fields and consistency: the order decides
		{"Asunto\nReunión\n", ','},                             // one column
		{"a;b;c\n1;2\n1;2;3\n", ';'},                           // ragged rows
		{"\"a;x\",b\n\"1;2\",3\n", ','},                        // delimiters inside quotes
		{"a;b\n" + strings.Repeat("1;2\n", 10) + "\"cut", ';'}, // a truncated sample
	}
	for _, tt := range tests {
		if got := detectDelimiter(tt.sample, strings.HasSuffix(tt.sample, "cut")); got != tt.want {
			t.Errorf("detectDelimiter(%q) = %q, want %q", tt.sample, got, tt.want)
		}
	}
}

func TestNormalizeEncoding(t *testing.T) {
	for in, want := range map[string]string{
		"": "", "UTF-8": "utf-8", "utf8": "utf-8", "utf-16": "utf-16", "UTF_16LE": "utf-16le",
		"utf-16be": "utf-16be", "Windows-1252": "windows-1252", "cp1252": "windows-1252", "latin1": "windows-1252",
	} {
		if got, ok := normalizeEncoding(in); !ok || got != want {
			t.Errorf("normalizeEncoding(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	if _, ok := normalizeEncoding("ebcdic"); ok {
		t.Error("normalizeEncoding(ebcdic) accepted")
	}
}

// Reading never holds the file: a CSV far bigger than the detection window streams through.
func TestCSVStreamsLargeFile(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	p := filepath.Join(t.TempDir(), "big.csv")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	const n = 20000
	f.WriteString("Asunto;Notas\n")
	for i := 0; i < n; i++ {
		f.WriteString("Reunión;\"nota; con \"\"comillas\"\"\nen dos líneas\"\n")
	}
	f.Close()
	r, err := Open(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	count := 0
	for {
		row, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		count++
		if row.Num != count+1 || row.Cells[1].Text != "nota; con \"comillas\"\nen dos líneas" {
			t.Fatalf("row %d = %+v", count, row)
		}
	}
	if count != n {
		t.Errorf("read %d rows, want %d", count, n)
	}
}
