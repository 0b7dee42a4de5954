package report

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"

	"github.com/wolkvox-import/wolkvox-import/mapping"
)

// The workbook is a zip whose first entry is the streamed sheet and whose parts are all
// well-formed XML, named by [Content_Types].xml; styles.xml, made last, comes last.
func TestXLSXStreamedParts(t *testing.T) {
	t.Chdir(t.TempDir())
	writeSample(t, "r.results.xlsx", Options{}, sampleSummary("r.xlsx", "r.results.xlsx"))
	z, err := zip.OpenReader("r.results.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	var names []string
	parts := map[string][]byte{}
	for _, f := range z.File {
		names = append(names, f.Name)
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		parts[f.Name] = b
		dec := xml.NewDecoder(bytes.NewReader(b))
		for {
			if _, err := dec.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("%s is not well-formed XML: %v", f.Name, err)
			}
		}
	}
	if names[0] != streamedPart || names[len(names)-1] != "xl/styles.xml" {
		t.Errorf("entries %v: want %s first and xl/styles.xml last", names, streamedPart)
	}
	for _, want := range []string{"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet2.xml", "docProps/app.xml", "docProps/core.xml"} {
		if parts[want] == nil {
			t.Errorf("no part %s in %v", want, names)
		}
	}
	types := string(parts["[Content_Types].xml"])
	for name := range parts {
		if strings.HasSuffix(name, ".xml") && !strings.HasPrefix(name, "[") && !strings.Contains(types, `PartName="/`+name+`"`) {
			t.Errorf("[Content_Types].xml does not name %s", name)
		}
	}
	// One sheet part per sheet: the empty one excelize keeps for the streamed sheet is
	// not copied.
	if n := strings.Count(strings.Join(names, " "), streamedPart); n != 1 {
		t.Errorf("%d entries %s", n, streamedPart)
	}
}

// hostileTexts are texts an XML writer gets wrong: markup, entities, control characters
// (not allowed in XML 1.0: written as _xHHHH_), a literal _xHHHH_ (which must not read
// back as the character), white space at the ends, line ends, characters outside the BMP,
// U+FFFF.
var hostileTexts = []string{
	`a & b <c> "d" 'e'`,
	"]]> &amp; &#x41;",
	"bell\x07 nul\x00 esc\x1b end",
	"_x0041_ and _x005F_ and _x00", // literal escapes
	"  leading and trailing  ",
	"\ttab",
	"line\nbreak\r\nand CR\ronly",
	"emoji 😀 ñ 中文",
	"noncharacter \uFFFF here",
	"=1+1",
}

// Cells read back exactly as written (through excelize, as the golden tests and the
// importer's reader do): hostile text, numbers, booleans, dates before 1900.
func TestXLSXCellsReadBack(t *testing.T) {
	t.Chdir(t.TempDir())
	header := []string{"text", "number", "bool", "date"}
	w, err := CreateWith("c.results.xlsx", header, Options{})
	if err != nil {
		t.Fatal(err)
	}
	nums := []float64{0, -12.5, 1e20, 1.0 / 3, 123456789.123456789, math.NaN()}
	for i, s := range hostileTexts {
		cells := []mapping.Cell{
			{Text: s},
			{Kind: mapping.KindNumber, Num: nums[i%len(nums)], Format: "0.00"},
			{Kind: mapping.KindBool, Text: []string{"TRUE", "FALSE"}[i%2]},
			{Kind: mapping.KindDate, Time: time.Date(1850+i*20, 1, 2, 3, 4, 5, 0, time.UTC)},
		}
		if err := w.Write(Row{Cells: cells, SourceRow: i + 2, Status: Failed, WolkvoxID: s, Error: s}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Finish(nil); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile("c.results.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := en(resultsSheet)
	get := func(cell string, raw bool) string {
		t.Helper()
		v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: raw})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for i, s := range hostileTexts {
		r := i + 2
		want := strings.ReplaceAll(s, "\r\n", "\n") // excelize's reader gives CR LF as LF
		want = strings.ReplaceAll(want, "\r", "\n")
		for _, col := range []string{"A", "G", "H"} { // text, wolkvox_id, import_error
			cell := col + strconv.Itoa(r)
			if got := get(cell, true); got != s && got != want {
				t.Errorf("%s = %q, want %q", cell, got, s)
			}
			if typ, _ := f.GetCellType(sheet, cell); typ != excelize.CellTypeInlineString {
				t.Errorf("%s type %v, want an inline string", cell, typ)
			}
		}
		n := nums[i%len(nums)]
		got := get("B"+strconv.Itoa(r), true)
		switch {
		case math.IsNaN(n):
			if got != "NaN" {
				t.Errorf("B%d = %q, want NaN as text", r, got)
			}
		default:
			if want := string(appendCellFloat(nil, n)); got != want {
				t.Errorf("B%d = %q, want %q", r, got, want)
			}
		}
		if got, want := get("C"+strconv.Itoa(r), false), []string{"TRUE", "FALSE"}[i%2]; got != want {
			t.Errorf("C%d = %q, want %q", r, got, want)
		}
		date := time.Date(1850+i*20, 1, 2, 3, 4, 5, 0, time.UTC)
		got = get("D"+strconv.Itoa(r), false)
		if date.Year() < 1900 {
			if got != date.Format(time.RFC3339Nano) {
				t.Errorf("D%d = %q, want the date before 1900 as text", r, got)
			}
		} else if want := date.Format("2006-01-02 15:04:05"); got != want {
			t.Errorf("D%d = %q, want %q", r, got, want)
		}
	}
}

// A text longer than a cell holds is cut, with a mark, to 32,767 UTF-16 units (what Excel
// counts), also when it holds characters outside the BMP.
func TestXLSXLongText(t *testing.T) {
	t.Chdir(t.TempDir())
	w, err := CreateWith("l.results.xlsx", []string{"a", "b"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ascii := strings.Repeat("x", 40000)
	astral := strings.Repeat("😀", 20000) // 40,000 UTF-16 units in 20,000 characters
	if err := w.Write(Row{Cells: textCells(ascii, astral), SourceRow: 2, Status: Valid}); err != nil {
		t.Fatal(err)
	}
	if err := w.Finish(nil); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile("l.results.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, cell := range []string{"A2", "B2"} {
		v, _ := f.GetCellValue(en(resultsSheet), cell)
		if n := len(utf16.Encode([]rune(v))); n > excelize.TotalCellChars || n < excelize.TotalCellChars-1 {
			t.Errorf("%s holds %d UTF-16 units, want at most %d (and nearly that)", cell, n, excelize.TotalCellChars)
		}
		if !strings.HasSuffix(v, "…[cut]") {
			t.Errorf("%s does not end with the cut mark: …%q", cell, v[len(v)-20:])
		}
	}
}

// A write error (the disk full) is returned, and the file is not put in place.
func TestXLSXWriteError(t *testing.T) {
	t.Chdir(t.TempDir())
	w, err := CreateWith("e.results.xlsx", []string{"a"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	x := w.main.(*xlsxWriter)
	x.out.Close()
	x.out = newAsyncWriter(failingWriter{})
	var werr error
	for i := 0; werr == nil && i < 100000; i++ {
		werr = w.Write(Row{Cells: textCells(strings.Repeat("x", 100)), SourceRow: i + 2, Status: Valid})
	}
	if werr == nil {
		werr = w.Finish(nil)
	} else if err := w.Finish(nil); err == nil {
		t.Error("Finish after a write error succeeded")
	}
	if !errors.Is(werr, errDiskFull) {
		t.Fatalf("err = %v, want the disk's error", werr)
	}
	if _, err := os.Stat("e.results.xlsx"); err == nil {
		t.Error("a broken workbook was put in place")
	}
	if left, _ := filepath.Glob(".*tmp"); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

var errDiskFull = errors.New("no space left on device")

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errDiskFull }

// LibreOffice opens the workbook and shows the cells: the results sheet converted to CSV
// by soffice (skipped when soffice is not on PATH).
func TestXLSXOpensInLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice is not on PATH: the LibreOffice check is skipped (Debian: apt-get install libreoffice-calc)")
	}
	if testing.Short() {
		t.Skip("-short: LibreOffice takes seconds to start")
	}
	dir := t.TempDir()
	t.Chdir(dir)
	sum := sampleSummary("r.xlsx", "r.results.xlsx")
	opts := Options{HeaderRow: 2, Above: []SheetRow{{Num: 1, Cells: textCells("Exported by", "=cmd")}}}
	w, err := CreateWith("r.results.xlsx", sampleHeader, opts)
	if err != nil {
		t.Fatal(err)
	}
	rows := sampleRows()
	for i := range rows {
		rows[i].SourceRow++ // below the header, now row 2
	}
	rows[1].Cells[2] = mapping.Cell{Text: hostileTexts[2] + " " + hostileTexts[3]}
	rows[3].Cells[2] = mapping.Cell{Kind: mapping.KindNumber, Num: 1234.5, Format: "#,##0.00"}
	for _, r := range rows {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
		sum.Add(r)
	}
	if err := w.Finish(sum); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	// A profile of its own, so that a LibreOffice already running (or another test) does
	// not take the conversion over; UTF-8 (76), comma-separated, quoted.
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", filepath.Join(dir, "out"), "r.results.xlsx")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	b, err := os.ReadFile(filepath.Join(dir, "out", "r.results.csv"))
	t.Logf("LibreOffice's CSV of the results sheet:\n%s", b)
	if err != nil {
		t.Fatalf("soffice wrote no CSV: %v\n%s", err, out)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\uFEFF"))))
	r.FieldsPerRecord = -1
	got, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	cell := func(ref string) string {
		col, row, _ := excelize.CellNameToCoordinates(ref)
		if row > len(got) || col > len(got[row-1]) {
			return ""
		}
		return got[row-1][col-1]
	}
	for ref, want := range map[string]string{
		"A1":  "Exported by",
		"B1":  "=cmd",
		"A2":  "Asunto",
		"D2":  "source_row",
		"G2":  "import_error",
		"A3":  "Reunión",
		"B3":  "2024-07-26 10:00:00", // a date cell, shown with its format
		"C3":  "=1+1",                // text, not a formula
		"D3":  "3",
		"E3":  "created",
		"F3":  "id-1",
		"C4":  "bell\x07 nul\x00 esc\x1b end _x0041_ and _x005F_ and _x00",
		"B5":  "2024-07-27",
		"C7":  "1,234.50",
		"C9":  `=HYPERLINK("http://x")`,
		"E9":  "invalid",
		"G10": "already imported on 2024-07-20",
	} {
		if g := cell(ref); g != want {
			t.Errorf("LibreOffice shows %s = %q, want %q", ref, g, want)
		}
	}
	if len(got) != 10 {
		t.Errorf("LibreOffice shows %d rows, want 10:\n%s", len(got), b)
	}

	// Saved again by LibreOffice, the workbook keeps what it understood of the sheet: the
	// autofilter, the widths, both sheets. (Not the frozen pane: a headless conversion
	// writes no view settings, for excelize's own workbooks neither.)
	cmd = exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--headless", "--convert-to", "xlsx", "--outdir", filepath.Join(dir, "lo"), "r.results.xlsx")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	saved := filepath.Join(dir, "lo", "r.results.xlsx")
	f, err := excelize.OpenFile(saved)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), ", "); got != en(resultsSheet)+", "+en(summarySheet) {
		t.Errorf("LibreOffice saved the sheets %s", got)
	}
	if got := strings.ReplaceAll(autoFilters(t, saved)["xl/worksheets/sheet1.xml"], "$", ""); got != "A2:G10" {
		t.Errorf("LibreOffice saved the autofilter %q, want A2:G10", got)
	}
	if w, _ := f.GetColWidth(en(resultsSheet), "G"); math.Abs(w-80) > 1 {
		t.Errorf("LibreOffice saved import_error %g wide, want 80", w)
	}
}

// Rows above the header are copied as they were, also when they are wider than the
// sheet, and the header and the rows go below them.
func TestXLSXRowsAbove(t *testing.T) {
	t.Chdir(t.TempDir())
	wide := textCells("title", "", "", "", "", "", "", "", "", "", "", "far right")
	opts := Options{HeaderRow: 3, Above: []SheetRow{{Num: 1, Cells: wide}, {Num: 2, Cells: []mapping.Cell{{Kind: mapping.KindDate, Time: time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC)}}}}}
	w, err := CreateWith("a.results.xlsx", []string{"x"}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(Row{Cells: textCells("v"), SourceRow: 5, Status: Valid}); err != nil {
		t.Fatal(err)
	}
	if err := w.Finish(nil); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile("a.results.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for cell, want := range map[string]string{"A1": "title", "L1": "far right", "A2": "2024-07-01", "A3": "x", "B3": "source_row", "A5": "v", "B5": "5"} {
		if got, _ := f.GetCellValue(en(resultsSheet), cell); got != want {
			t.Errorf("%s = %q, want %q", cell, got, want)
		}
	}
	if got := autoFilters(t, "a.results.xlsx")[streamedPart]; got != "$A$3:$E$5" {
		t.Errorf("autofilter %s, want $A$3:$E$5", got)
	}
}

// A run that writes nothing for hours (waiting for the daily allowance) keeps its
// temporary file fresh: another run starting beside it does not take it for a killed
// run's leftover and remove it.
func TestXLSXTempKeptFresh(t *testing.T) { testTempKeptFresh(t, "k.results.xlsx") }

// The same for a CSV results sheet, whose run may wait hours for the allowance too.
func TestCSVTempKeptFresh(t *testing.T) { testTempKeptFresh(t, "k.results.csv") }

func testTempKeptFresh(t *testing.T, name string) {
	t.Chdir(t.TempDir())
	defer func(d time.Duration) { freshEvery = d }(freshEvery)
	freshEvery = 10 * time.Millisecond
	w, err := CreateWith(name, []string{"a"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	tmp, _ := filepath.Glob("." + name + ".*.tmp")
	if len(tmp) != 1 {
		t.Fatalf("temporary files %v, want one", tmp)
	}
	old := time.Now().Add(-2 * staleAfter)
	if err := os.Chtimes(tmp[0], old, old); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if st, err := os.Stat(tmp[0]); err == nil && time.Since(st.ModTime()) < staleAfter {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the temporary file was not touched")
		}
	}
	if n := removeStaleTemps(name); n != 0 {
		t.Fatalf("another run removed %d live temporary files", n)
	}
	if err := w.Write(Row{Cells: textCells("x"), SourceRow: 2, Status: Valid}); err != nil {
		t.Fatal(err)
	}
	if err := w.Finish(nil); err != nil {
		t.Fatal(err)
	}
}
