package source

import (
	"errors"
	"math"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/wolkvox-import/wolkvox-import/mapping"
)

func TestIsDateFormat(t *testing.T) {
	for code, want := range map[string]bool{
		"General":                     false,
		"0":                           false,
		"0.00":                        false,
		"#,##0.00 €":                  false,
		"0.00%":                       false,
		"0.00E+00":                    false,
		"@":                           false,
		`"TRUE";"TRUE";"FALSE"`:       false,
		`0 "días"`:                    false,
		`#,##0\ "m"`:                  false,
		`[Red]0.00;[Blue]-0.00`:       false,
		`_-* #,##0_-;\-* #,##0_-`:     false,
		"dd/mm/yyyy":                  true,
		`dd/mm/yyyy\ hh:mm`:           true,
		"yyyy-mm-dd hh:mm:ss":         true,
		"mm/dd/yy hh:mm AM/PM":        true,
		"[$-409]d-mmm-yy":             true,
		"[$-F800]dddd, mmmm dd, yyyy": true,
		"h:mm":                        true,
		"[h]:mm:ss":                   true,
		`"Fecha: "dd/mm/yyyy`:         true,
		"D/M/YYYY":                    true,
	} {
		if got := parseNumFormat(code).kind != mapping.KindNumber; got != want {
			t.Errorf("isDateFormat(%q) = %v, want %v", code, got, want)
		}
	}
	for id, want := range map[int]bool{0: false, 1: false, 4: false, 10: false, 14: true, 17: true, 22: true, 37: false, 45: true, 47: true, 49: false, 57: true} {
		if got := isBuiltinDateFormat(id); got != want {
			t.Errorf("isBuiltinDateFormat(%d) = %v, want %v", id, got, want)
		}
	}
}

func TestLiteralFormat(t *testing.T) {
	tests := []struct {
		code string
		v    float64
		want string // "" = not a literal format
	}{
		{`"TRUE";"TRUE";"FALSE"`, 1, "TRUE"},
		{`"TRUE";"TRUE";"FALSE"`, 0, "FALSE"},
		{`"VERDADERO";"VERDADERO";"FALSO"`, 1, "TRUE"}, // LibreOffice's boolean format in Spanish
		{`"VERDADERO";"VERDADERO";"FALSO"`, 0, "FALSE"},
		{`"Sí";"No"`, 1, "Sí"},
		{`"Sí";"No"`, -1, "No"},
		{`"alto";"bajo";"cero"`, 0, "cero"},
		{`[Red]"alerta"`, 3, "alerta"},
		{`0.00`, 1, ""},
		{`"x"0`, 1, ""},
		{`[>1]"mucho";"poco"`, 5, ""},
		{`General`, 1, ""},
	}
	for _, tt := range tests {
		st := parseNumFormat(tt.code)
		got := ""
		if st.literal != nil {
			got = literalText(st.literal, tt.v)
		}
		if got != tt.want || st.kind != mapping.KindNumber {
			t.Errorf("format %q on %v: %q (kind %v), want %q", tt.code, tt.v, got, st.kind, tt.want)
		}
	}
}

func TestNumberText(t *testing.T) {
	for v, want := range map[float64]string{
		12345:                "12345",
		1234567890123:        "1234567890123",
		12.5:                 "12.5",
		-0.25:                "-0.25",
		0.1 + 0.2:            "0.3",
		1e20:                 "100000000000000000000",
		12345678901234567:    "12345678901234600", // Excel keeps 15 significant digits
		0.000001:             "0.000001",
		math.Copysign(0, -1): "0",
		45499.4375:           "45499.4375",
	} {
		if got := numberText(v); got != want {
			t.Errorf("numberText(%v) = %q, want %q", v, got, want)
		}
	}
}

func TestSerialTime(t *testing.T) {
	tests := []struct {
		v        float64
		date1904 bool
		want     string
	}{
		{45499.4375, false, "2024-07-26 10:30:00"},
		{45499.43749999, false, "2024-07-26 10:30:00"}, // a stored 10:29:59.999
		{45500.6249953704, false, "2024-07-27 15:00:00"},
		{45500.99999999, false, "2024-07-28 00:00:00"}, // rounds over midnight
		{44037.3958333333, true, "2024-07-26 09:30:00"},
		{35123, true, "2000-02-29 00:00:00"},
		{1, false, "1900-01-01 00:00:00"},
		{61, false, "1900-03-01 00:00:00"}, // after Excel's phantom 1900-02-29
		{0.4375, false, "1899-12-30 10:30:00"},
	}
	for _, tt := range tests {
		got, ok := serialTime(tt.v, tt.date1904)
		if !ok || got.Format("2006-01-02 15:04:05") != tt.want {
			t.Errorf("serialTime(%v, %v) = %v, %v; want %s", tt.v, tt.date1904, got, ok, tt.want)
		}
		// The same as excelize's own conversion, rounded to the second.
		ex, err := excelize.ExcelDateToTime(tt.v, tt.date1904)
		if err == nil && tt.v >= 1 && !ex.Round(time.Second).Equal(got) {
			t.Errorf("serialTime(%v) = %v, excelize says %v", tt.v, got, ex.Round(time.Second))
		}
	}
	for _, v := range []float64{-1, 3e6, math.NaN()} {
		if _, ok := serialTime(v, false); ok {
			t.Errorf("serialTime(%v) accepted", v)
		}
	}
}

// A workbook written by excelize covers what LibreOffice does not write: rows missing from
// the XML, a header below empty rows, inline strings (StreamWriter), built-in date formats,
// text that looks like a number, formulas without a cached value.
func TestXLSXExcelizeWorkbook(t *testing.T) {
	path := filepath.Join(t.TempDir(), "book.xlsx")
	f := excelize.NewFile()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetSheetName("Sheet1", "Primera"))
	idx, err := f.NewSheet("Datos")
	must(err)
	f.SetActiveSheet(idx) // excelize, like Excel, does not hide the active sheet
	must(f.SetSheetVisible("Primera", false))
	dt, err := f.NewStyle(&excelize.Style{NumFmt: 22}) // m/d/yy h:mm
	must(err)
	tm, err := f.NewStyle(&excelize.Style{NumFmt: 20}) // h:mm
	must(err)
	pct, err := f.NewStyle(&excelize.Style{NumFmt: 10}) // 0.00%
	must(err)
	custom := `dd/mm/yyyy hh:mm`
	cd, err := f.NewStyle(&excelize.Style{CustomNumFmt: &custom})
	must(err)
	set := func(cell string, v any, style int) {
		t.Helper()
		must(f.SetCellValue("Datos", cell, v))
		if style != 0 {
			must(f.SetCellStyle("Datos", cell, cell, style))
		}
	}
	// Rows 1-2 empty; header on row 3 (with a gap: C3 empty, E3 trailing empty).
	set("A3", "Asunto", 0)
	set("B3", "Inicio", 0)
	set("D3", "Caso", 0)
	set("A5", "Reunión", 0)
	set("B5", 45499.4375, dt)
	set("C5", 0.4375, tm)
	set("D5", "1e5", 0) // text, not a number
	set("A9", "Otra", 0)
	set("B9", time.Date(2024, 7, 26, 9, 30, 0, 0, time.UTC), cd)
	set("C9", 0.25, pct)
	set("D9", 12345678901234567, 0)
	must(f.SetCellBool("Datos", "E9", true))
	must(f.SetCellFormula("Datos", "A12", `"sin"&"valor"`)) // no cached value
	set("B12", 0.30000000000000004, 0)
	must(f.SaveAs(path))
	must(f.Close())

	r, rows := readAll(t, path, Options{})
	// E9 holds a value past the header: the width grows to echo it (SPEC: nothing typed is lost).
	if got, want := r.Header(), []string{"Asunto", "Inicio", "", "Caso", ""}; !reflect.DeepEqual(got, want) {
		t.Errorf("Header() = %q, want %q", got, want)
	}
	if got := r.Layout().Sheet; got != "Datos" {
		t.Errorf("SheetName() = %q, want Datos (Primera is hidden)", got)
	}
	checkRows(t, rows, []wantRow{
		// C5 is a time-only cell (h:mm, serial < 1): a time, not a date in 1899.
		{num: 5, texts: []string{"Reunión", "2024-07-26 10:30:00", "10:30", "1e5"},
			dates: map[int]string{1: "2024-07-26 10:30:00"}},
		// C9 is 0.25 in a 0.00% cell: what the cell shows.
		{num: 9, texts: []string{"Otra", "2024-07-26 09:30:00", "25.00%", "12345678901234600", "TRUE"}, dates: map[int]string{1: "2024-07-26 09:30:00"}},
		{num: 12, texts: []string{"", "0.3"}},
	}, 5)
}

// The stream writer writes inline strings and rows far apart.
func TestXLSXStreamWriterWorkbook(t *testing.T) {
	path := filepath.Join(t.TempDir(), "stream.xlsx")
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []struct {
		cell string
		vals []any
	}{
		{"A1", []any{"Asunto", "Caso"}},
		{"A2", []any{"Inline", 7}},
		{"A1000", []any{"Lejos", 8.5}},
	} {
		if err := sw.SetRow(r.cell, r.vals); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, rows := readAll(t, path, Options{})
	checkRows(t, rows, []wantRow{
		{num: 2, texts: []string{"Inline", "7"}},
		{num: 1000, texts: []string{"Lejos", "8.5"}},
	}, 2)
}

func TestXLSXEmptySheet(t *testing.T) {
	path := filepath.Join(t.TempDir(), "empty.xlsx")
	f := excelize.NewFile()
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, err := Open(path, Options{})
	if !errors.Is(err, ErrNoHeader) {
		t.Fatalf("Open = %v, want ErrNoHeader", err)
	}
	if want := `empty.xlsx: no header row: the sheet "Sheet1" is empty`; !strings.Contains(err.Error(), want) {
		t.Errorf("error %q, want it to say %q", err, want)
	}
}
