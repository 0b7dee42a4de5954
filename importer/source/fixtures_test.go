package source

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// wantRow is a row as a test expects it: cell texts, and for date cells the time (as
// "2006-01-02 15:04:05"), keyed by column index.
type wantRow struct {
	num   int
	texts []string
	dates map[int]string
	err   string // substring of Row.Err, "" for none
}

// zipOf is a zip archive holding files (name -> content).
func zipOf(files map[string]string) string {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for name, content := range files {
		w, _ := zw.Create(name)
		w.Write([]byte(content))
	}
	zw.Close()
	return b.String()
}

func fixture(name string) string { return filepath.Join("..", "..", "testdata", name) }

// readAll opens path and drains it.
func readAll(t *testing.T, path string, opts Options) (Reader, []Row) {
	t.Helper()
	r, err := Open(path, opts)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	t.Cleanup(func() { r.Close() })
	var rows []Row
	for {
		row, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("Next after %d rows: %v", len(rows), err)
		}
		rows = append(rows, row)
	}
	if _, err := r.Next(); err != io.EOF {
		t.Errorf("Next after the end = %v, want io.EOF again", err)
	}
	return r, rows
}

func checkRows(t *testing.T, got []Row, want []wantRow, width int) {
	t.Helper()
	if len(got) != len(want) {
		for _, r := range got {
			t.Logf("got row %d: %q err=%v", r.Num, texts(r), r.Err)
		}
		t.Fatalf("got %d rows, want %d", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.Num != w.num {
			t.Errorf("row %d: Num = %d, want %d", i, g.Num, w.num)
		}
		if len(g.Cells) != width {
			t.Errorf("row %d: %d cells, want the header width %d", w.num, len(g.Cells), width)
		}
		wantTexts := append([]string(nil), w.texts...)
		for len(wantTexts) < width {
			wantTexts = append(wantTexts, "")
		}
		if got := texts(g); !reflect.DeepEqual(got, wantTexts) {
			t.Errorf("row %d: texts\n got %q\nwant %q", w.num, got, wantTexts)
		}
		for c, cell := range g.Cells {
			wantDate, isDate := w.dates[c]
			if cell.IsDate() != isDate {
				t.Errorf("row %d col %d: IsDate = %v, want %v", w.num, c, cell.IsDate(), isDate)
				continue
			}
			if isDate {
				if got := cell.Time.Format("2006-01-02 15:04:05"); got != wantDate {
					t.Errorf("row %d col %d: Time = %s, want %s", w.num, c, got, wantDate)
				}
				if cell.Time.Nanosecond() != 0 || cell.Time.Location() != time.UTC {
					t.Errorf("row %d col %d: Time %v not whole seconds in UTC", w.num, c, cell.Time)
				}
			}
		}
		switch {
		case w.err == "" && g.Err != nil:
			t.Errorf("row %d: unexpected Err %v", w.num, g.Err)
		case w.err != "" && (g.Err == nil || !strings.Contains(g.Err.Error(), w.err)):
			t.Errorf("row %d: Err = %v, want it to contain %q", w.num, g.Err, w.err)
		}
	}
}

func texts(r Row) []string {
	out := make([]string, len(r.Cells))
	for i, c := range r.Cells {
		out[i] = c.Text
	}
	return out
}

func TestFixtures(t *testing.T) {
	tests := []struct {
		file   string
		opts   Options
		header []string
		sheet  string // XLSX: the sheet read
		enc    string // CSV
		delim  rune   // CSV
		rows   []wantRow
	}{
		{
			file:   "lo-types.xlsx", // default sheet: "Oculta" is hidden, so "Reuniones"
			header: []string{"Asunto", "Prioridad", "Fecha inicio", "Fin", "Caso", "Recordar", "Participantes", "Notas"},
			sheet:  "Reuniones",
			rows: []wantRow{
				{num: 2, texts: []string{"Revisión de contrato", "Alta", "2024-07-26 10:30:00", "2024-07-26 11:15:00", "12345", "TRUE", "Ana; Luis, Marta",
					"El cliente pidió revisar el año fiscal (señal de urgencia, café)"},
					dates: map[int]string{2: "2024-07-26 10:30:00", 3: "2024-07-26 11:15:00"}},
				// 14:59:59.6 is stored as 45500.6249953704 and rounds to 15:00:00; Fin is a
				// date-only cell; the Notas text starts with "=" and stays text.
				{num: 3, texts: []string{"Llamada de seguimiento", "Media", "2024-07-27 15:00:00", "2024-07-29", "1234567890123", "FALSE", "Pedro", "=SUMA(A1;B1)"},
					dates: map[int]string{2: "2024-07-27 15:00:00", 3: "2024-07-29 00:00:00"}},
				// Row 4 is empty (skipped); row 5 starts with a formula's cached value; rows 6
				// (a styled empty cell) and 7 (only spaces) are empty too.
				{num: 5, texts: []string{"Revisión de contrato x", "Baja", "2024-08-01 09:00:00", "", "12.5", "sí", "Marta,Luis", "  con espacios  "},
					dates: map[int]string{2: "2024-08-01 09:00:00"}},
			},
		},
		{
			file:   "lo-types.xlsx",
			opts:   Options{Sheet: "otra"},              // names match ignoring case
			header: []string{"Nombre", "Valor", "", ""}, // D3 holds "sobra": echoed, not lost
			sheet:  "Otra",
			rows: []wantRow{
				{num: 2, texts: []string{"uno", "1"}},
				{num: 3, texts: []string{"dos", "-0.25", "", "sobra"}},
			},
		},
		{
			file:   "lo-types.xlsx",
			opts:   Options{Sheet: "Oculta"}, // a hidden sheet is read when asked for by name
			header: []string{"Hoja oculta", "no se lee por defecto"},
			sheet:  "Oculta",
		},
		{
			file:   "lo-1904.xlsx", // date1904="true": 2024-07-26 09:30 is stored as 44037.3958333333
			header: []string{"Asunto", "Inicio", "Recordar", "Caso"},
			sheet:  "Fechas",
			rows: []wantRow{
				{num: 2, texts: []string{"Prueba 1904", "2024-07-26 09:30:00", "TRUE", "7"}, dates: map[int]string{1: "2024-07-26 09:30:00"}},
				{num: 3, texts: []string{"Bisiesto", "2000-02-29", "FALSE", "0.1"}, dates: map[int]string{1: "2000-02-29 00:00:00"}},
			},
		},
		{
			file:   "exceljs-types.xlsx",
			header: []string{"Asunto", "Fecha inicio", "Caso", "Notas", "Recordar"},
			sheet:  "Hoja1",
			rows: []wantRow{
				{num: 2, texts: []string{"Reunión", "2024-07-26 09:30:00", "12345", "Texto rico y más", "TRUE"}, dates: map[int]string{1: "2024-07-26 09:30:00"}},
				// B3 has exceljs's default date format: built-in numFmtId 14.
				{num: 3, texts: []string{"Reunión", "2024-07-27", "1234567890123", "compartido", "FALSE"}, dates: map[int]string{1: "2024-07-27 00:00:00"}},
				{num: 4, texts: []string{"Otra", "no es fecha", "12.5", "compartido", "sí"}},
			},
		},
		{
			file:   "win1252-semicolon.csv",
			header: []string{"Asunto", "Prioridad", "Fecha inicio", "Notas", "Participantes", "Año", ""},
			enc:    "windows-1252",
			delim:  ';',
			rows: []wantRow{
				{num: 2, texts: []string{"Reunión de revisión", "Alta", "26/07/2024 09:30", "Llevar contrato; revisar cláusula 3\ny anexos (€ 120)", "Ana; Luis, Marta", "2024"}},
				{num: 3, texts: []string{"Llamada", "Media", "27/07/2024 15:00", `La señora Muñoz pidió "urgente"`, "Pedro", "2024"}},
				// The empty line is row 4 in a spreadsheet; ";;;;;" (row 6) is skipped.
				{num: 5, texts: []string{"Seguimiento", "Baja", "01/08/2024 10:00", "", "", "2024"}},
				{num: 7, texts: []string{"Cierre", "Alta", "02/08/2024 12:00", "Nota final", "Marta", "2024", "sobra"}},
			},
		},
		{
			file:   "utf16-tab.csv",
			header: []string{"Asunto", "Fecha inicio", "Caso", "Notas"},
			enc:    "utf-16le",
			delim:  '\t',
			rows: []wantRow{
				{num: 2, texts: []string{"Reunión 東京", "2024-07-26 09:30", "00123", "Emoji 🙂 ok"}},
				{num: 3, texts: []string{"Visita", "2024-07-27 10:00", "456", `Texto con "comillas"`}},
			},
		},
		{
			file:   "utf8-bom-comma.csv", // the BOM is not part of "Asunto"; the trailing empty header is dropped
			header: []string{"Asunto", "Prioridad", "Caso", "Notas"},
			enc:    "utf-8",
			delim:  ',',
			rows: []wantRow{
				{num: 2, texts: []string{"Reunión, con coma", "Alta", "1", "línea 1\nlínea 2"}},
				{num: 3, texts: []string{"Corta"}},
				{num: 4, texts: []string{"Otra", "Baja", "3", "ñandú"}},
			},
		},
		{
			file:   "win1252-semicolon.csv", // the encoding and delimiter given instead of detected
			opts:   Options{Encoding: "cp1252", Delimiter: ';'},
			header: []string{"Asunto", "Prioridad", "Fecha inicio", "Notas", "Participantes", "Año", ""},
			enc:    "windows-1252",
			delim:  ';',
			rows: []wantRow{
				{num: 2, texts: []string{"Reunión de revisión", "Alta", "26/07/2024 09:30", "Llevar contrato; revisar cláusula 3\ny anexos (€ 120)", "Ana; Luis, Marta", "2024"}},
				{num: 3, texts: []string{"Llamada", "Media", "27/07/2024 15:00", `La señora Muñoz pidió "urgente"`, "Pedro", "2024"}},
				{num: 5, texts: []string{"Seguimiento", "Baja", "01/08/2024 10:00", "", "", "2024"}},
				{num: 7, texts: []string{"Cierre", "Alta", "02/08/2024 12:00", "Nota final", "Marta", "2024", "sobra"}},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file+"/"+tt.opts.Sheet+tt.opts.Encoding, func(t *testing.T) {
			r, rows := readAll(t, fixture(tt.file), tt.opts)
			if got := r.Header(); !reflect.DeepEqual(got, tt.header) {
				t.Errorf("Header() = %q, want %q", got, tt.header)
			}
			if tt.sheet != "" {
				if got := r.Layout().Sheet; got != tt.sheet {
					t.Errorf("Layout().Sheet = %q, want %q", got, tt.sheet)
				}
			}
			if tt.enc != "" {
				ci, ok := r.(CSVInfo)
				if !ok {
					t.Fatalf("%T is not a CSVInfo", r)
				}
				if got := ci.Encoding(); got != tt.enc {
					t.Errorf("Encoding() = %q, want %q", got, tt.enc)
				}
				if got := ci.Delimiter(); got != tt.delim {
					t.Errorf("Delimiter() = %q, want %q", got, tt.delim)
				}
			}
			checkRows(t, rows, tt.rows, len(tt.header))
		})
	}
}

// The two samples hold the same meetings: the CSV as typed text, the XLSX (made from the
// CSV by LibreOffice) with real date cells and a number for Caso.
func TestSamplesAgree(t *testing.T) {
	sample := filepath.Join("..", "..", "samples")
	wantHeader := []string{"Asunto", "Prioridad", "Fecha inicio", "Fecha fin", "Recordar", "Recordatorio", "Notas", "Cliente", "Caso", "Lugar", "Responsable", "Participantes"}
	cr, csvRows := readAll(t, filepath.Join(sample, "meetings.csv"), Options{})
	xr, xlsxRows := readAll(t, filepath.Join(sample, "meetings.xlsx"), Options{})
	for _, r := range []Reader{cr, xr} {
		if got := r.Header(); !reflect.DeepEqual(got, wantHeader) {
			t.Errorf("%T header = %q, want %q", r, got, wantHeader)
		}
	}
	if len(csvRows) != 8 || len(xlsxRows) != len(csvRows) {
		t.Fatalf("rows: csv %d, xlsx %d; want 8 each", len(csvRows), len(xlsxRows))
	}
	dateCols := map[int]bool{2: true, 3: true, 5: true}
	for i := range csvRows {
		c, x := csvRows[i], xlsxRows[i]
		if c.Num != i+2 || x.Num != i+2 || c.Err != nil || x.Err != nil {
			t.Errorf("row %d: csv Num %d err %v; xlsx Num %d err %v", i+2, c.Num, c.Err, x.Num, x.Err)
		}
		for j := range c.Cells {
			got := x.Cells[j].Text
			if dateCols[j] && c.Cells[j].Text != "" {
				if !x.Cells[j].IsDate() {
					t.Errorf("row %d %s: xlsx cell %q is not a date cell", c.Num, wantHeader[j], got)
					continue
				}
				got = x.Cells[j].Time.Format("02/01/2006 15:04")
			}
			if got != c.Cells[j].Text {
				t.Errorf("row %d %s: xlsx %q, csv %q", c.Num, wantHeader[j], got, c.Cells[j].Text)
			}
		}
		if remember := c.Cells[4].Text; (remember == "sí") != (c.Cells[5].Text != "") || (remember != "sí" && remember != "no") {
			t.Errorf("row %d: Recordar %q with Recordatorio %q", c.Num, remember, c.Cells[5].Text)
		}
		if p := c.Cells[1].Text; p != "Alta" && p != "Media" && p != "Baja" {
			t.Errorf("row %d: Prioridad %q", c.Num, p)
		}
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := writeFile(p, content); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name    string
		path    string
		opts    Options
		wantErr error
		wantMsg []string
	}{
		// A file is read by what it is, not by its extension.
		{"ods", write("datos.ods", zipOf(map[string]string{"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"})),
			Options{}, ErrUnsupportedFormat, []string{"datos.ods", "OpenDocument", ".xlsx"}},
		{"old xls", write("datos.xls", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest"), Options{}, ErrUnsupportedFormat, []string{"Excel 97-2003", "save it as .xlsx"}},
		{"png named csv", write("datos.csv", "\x89PNG\r\n\x1a\nIHDR"), Options{}, ErrNotSpreadsheet, []string{"not a spreadsheet", "PNG image"}},
		{"pdf named csv", write("informe.csv", "%PDF-1.4\n..."), Options{}, ErrNotSpreadsheet, []string{"not a spreadsheet", "PDF"}},
		{"html named xls", write("export.xls", "<html><table><tr><td>a</td></tr></table></html>"), Options{}, ErrUnsupportedFormat, []string{"web page"}},
		{"binary", write("datos.bin", "a\x00b\x00\x00\x00\x01\x02\x00\x00\x00\x00"), Options{}, ErrNotSpreadsheet, []string{"binary file"}},
		{"zip without a workbook", write("x.xlsx", zipOf(map[string]string{"a.txt": "hola"})), Options{}, ErrNotSpreadsheet, []string{"zip archive"}},
		{"missing file", filepath.Join(dir, "no-such.csv"), Options{}, os.ErrNotExist, []string{"no-such.csv", "file not found"}},
		{"unknown sheet", fixture("lo-types.xlsx"), Options{Sheet: "Reunion"}, ErrUnknownSheet,
			[]string{`no sheet named "Reunion"`, `"Oculta" (hidden), "Reuniones", "Otra"`, "--sheet"}},
		{"unknown encoding", write("a.csv", "a,b\n1,2\n"), Options{Encoding: "latin-9"}, ErrUnknownEncoding,
			[]string{`"latin-9"`, "utf-8", "utf-16le", "windows-1252"}},
		{"bad delimiter", write("b.csv", "a,b\n"), Options{Delimiter: '"'}, ErrBadDelimiter, []string{"delimiter"}},
		{"empty csv", write("empty.csv", ""), Options{}, ErrEmptyFile, []string{"empty.csv", "empty"}},
		{"only a BOM", write("bom.csv", "\uFEFF"), Options{}, ErrEmptyFile, []string{"empty"}},
		{"only empty lines", write("blank.csv", "\n\r\n,,,\n  \n"), Options{}, ErrNoHeader, []string{"no header row"}},
		{"utf-8 asked, utf-16 BOM", write("u16.csv", "\xff\xfea\x00,\x00b\x00"), Options{Encoding: "utf-8"}, ErrUnknownEncoding, []string{"UTF-16LE byte order mark"}},
		{"damaged zip", write("fake.xlsx", "PK\x03\x04garbage"), Options{}, ErrMalformed, []string{"fake.xlsx", "not a valid .xlsx"}},
		{"broken quote over lines", write("q.csv", "a,b\n\"x,1\n2,3\n4,5\n"), Options{}, nil, nil}, // checked below: the error comes from Next
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Open(tt.path, tt.opts)
			if tt.wantErr == nil {
				if err != nil {
					t.Fatalf("Open: %v", err)
				}
				r.Close()
				return
			}
			if err == nil {
				r.Close()
				t.Fatalf("Open succeeded, want %v", tt.wantErr)
			}
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("error %v is not %v", err, tt.wantErr)
			}
			for _, m := range tt.wantMsg {
				if !strings.Contains(err.Error(), m) {
					t.Errorf("error %q does not mention %q", err, m)
				}
			}
		})
	}
}
