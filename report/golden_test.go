package report

import (
	"github.com/wolkvox-import/wolkvox-import/i18n"

	"archive/zip"
	"bytes"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/ from what the code writes now")

// checkGoldenText compares a text file (CSV, summary) with testdata/golden.
func checkGoldenText(t *testing.T, path, golden string) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	checkGoldenBytes(t, got, golden)
}

func checkGoldenBytes(t *testing.T, got []byte, golden string) {
	t.Helper()
	gp := goldenPath(golden)
	if *update {
		if err := os.WriteFile(gp, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(gp)
	if err != nil {
		t.Fatalf("%v (run go test ./report -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := range max(len(gl), len(wl)) {
			g, w := at(gl, i), at(wl, i)
			if g != w {
				t.Errorf("%s line %d:\n got %q\nwant %q", golden, i+1, g, w)
			}
		}
	}
}

func at(s []string, i int) string {
	if i < len(s) {
		return s[i]
	}
	return "<none>"
}

// goldenPath is testdata/NAME in the package folder, whatever the test's working folder.
var goldenDir = func() string {
	wd, err := os.Getwd()
	if err != nil {
		panic(err)
	}
	return filepath.Join(wd, "testdata")
}()

func goldenPath(name string) string { return filepath.Join(goldenDir, name) }

// checkGoldenWorkbook reads the workbook at path back with excelize and compares it, cell
// by cell and property by property, with the description in testdata/golden. An XLSX is
// a zip whose bytes change with every save: it is never compared byte by byte.
func checkGoldenWorkbook(t *testing.T, path, golden string) {
	t.Helper()
	got := describeWorkbook(t, path)
	gp := goldenPath(golden)
	if *update {
		if err := os.WriteFile(gp, []byte(strings.Join(got, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	b, err := os.ReadFile(gp)
	if err != nil {
		t.Fatalf("%v (run go test ./report -update to write it)", err)
	}
	want := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	key := func(line string) string { k, _, _ := strings.Cut(line, " = "); return k }
	index := func(lines []string) map[string]string {
		m := map[string]string{}
		for _, l := range lines {
			m[key(l)] = l
		}
		return m
	}
	gm, wm := index(got), index(want)
	for _, l := range want {
		if g, ok := gm[key(l)]; !ok {
			t.Errorf("%s: missing  %s", golden, l)
		} else if g != l {
			t.Errorf("%s:\n got %s\nwant %s", golden, g, l)
		}
	}
	for _, l := range got {
		if _, ok := wm[key(l)]; !ok {
			t.Errorf("%s: extra    %s", golden, l)
		}
	}
}

// describeWorkbook lists, one "key = value" line each: the sheets, the active sheet, the
// defined names, and per sheet its panes, autofilter, column widths and every cell that
// has a value or a style (value as shown, raw value, type, formula, bold, fill and font
// colours, number format).
func describeWorkbook(t *testing.T, path string) []string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	add := func(k, format string, a ...any) { out = append(out, k+" = "+fmt.Sprintf(format, a...)) }
	add("sheets", "%s", strings.Join(f.GetSheetList(), ", "))
	add("active", "%s", f.GetSheetName(f.GetActiveSheetIndex()))
	for _, dn := range f.GetDefinedName() {
		add("defined name "+dn.Name+" "+dn.Scope, "%s", dn.RefersTo)
	}
	filters := autoFilters(t, path)
	for i, sheet := range f.GetSheetList() {
		panes, err := f.GetPanes(sheet)
		if err != nil {
			t.Fatal(err)
		}
		add(sheet+" panes", "freeze=%v ySplit=%d topLeft=%s", panes.Freeze, panes.YSplit, panes.TopLeftCell)
		add(sheet+" autofilter", "%s", filters[fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1)])
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		width := 0
		for _, r := range rows {
			width = max(width, len(r))
		}
		for c := 1; c <= width; c++ {
			name, _ := excelize.ColumnNumberToName(c)
			w, err := f.GetColWidth(sheet, name)
			if err != nil {
				t.Fatal(err)
			}
			add(fmt.Sprintf("%s col %s width", sheet, name), "%g", w)
		}
		for r := 1; r <= len(rows); r++ {
			for c := 1; c <= width; c++ {
				cell, _ := excelize.CoordinatesToCellName(c, r)
				if d := describeCell(t, f, sheet, cell); d != "" {
					add(sheet+"!"+cell, "%s", d)
				}
			}
		}
	}
	return out
}

func describeCell(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	shown, err := f.GetCellValue(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	typ, _ := f.GetCellType(sheet, cell)
	formula, _ := f.GetCellFormula(sheet, cell)
	styleID, _ := f.GetCellStyle(sheet, cell)
	var parts []string
	if shown != "" || raw != "" {
		parts = append(parts, fmt.Sprintf("%q", shown))
		if raw != shown {
			parts = append(parts, fmt.Sprintf("raw=%q", raw))
		}
		parts = append(parts, "type="+cellTypeName(typ))
	}
	if formula != "" {
		parts = append(parts, fmt.Sprintf("FORMULA=%q", formula))
	}
	if styleID != 0 {
		style, err := f.GetStyle(styleID)
		if err != nil {
			t.Fatal(err)
		}
		if style.Font != nil && style.Font.Bold {
			parts = append(parts, "bold")
		}
		if style.Font != nil && style.Font.Size != 0 {
			parts = append(parts, fmt.Sprintf("size=%g", style.Font.Size))
		}
		if len(style.Fill.Color) > 0 {
			parts = append(parts, "fill="+strings.Join(style.Fill.Color, ","))
		}
		if style.Font != nil && style.Font.Color != "" {
			parts = append(parts, "font="+style.Font.Color)
		}
		if style.CustomNumFmt != nil {
			parts = append(parts, fmt.Sprintf("numfmt=%q", *style.CustomNumFmt))
		}
	}
	return strings.Join(parts, " ")
}

func cellTypeName(t excelize.CellType) string {
	switch t {
	case excelize.CellTypeUnset:
		return "number" // a cell with no t attribute holds a number (or a date serial)
	case excelize.CellTypeBool:
		return "bool"
	case excelize.CellTypeDate:
		return "date"
	case excelize.CellTypeError:
		return "error"
	case excelize.CellTypeFormula:
		return "formula"
	case excelize.CellTypeInlineString:
		return "inline-string"
	case excelize.CellTypeNumber:
		return "number"
	case excelize.CellTypeSharedString:
		return "shared-string"
	}
	return fmt.Sprint(int(t))
}

var (
	autoFilterRef = regexp.MustCompile(`<autoFilter ref="([^"]*)"`)
	colMin        = regexp.MustCompile(`<col [^>]*?min="(\d+)"`)
)

// autoFilters reads each worksheet's autoFilter element from the zip (excelize has no
// getter for it).
func autoFilters(t *testing.T, path string) map[string]string {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	out := map[string]string{}
	for _, file := range z.File {
		if !strings.HasPrefix(file.Name, "xl/worksheets/sheet") {
			continue
		}
		rc, err := file.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[file.Name] = "none"
		if m := autoFilterRef.FindSubmatch(b); m != nil {
			out[file.Name] = string(m[1])
		}
		// The <col> elements must come in ascending order (Excel repairs the file
		// otherwise); excelize's reader sorts them, so check the XML itself.
		last := 0
		for _, m := range colMin.FindAllSubmatch(b, -1) {
			n, _ := strconv.Atoi(string(m[1]))
			if n <= last {
				t.Errorf("%s: <col min=%d> after <col min=%d>: columns out of order", file.Name, n, last)
			}
			last = n
		}
	}
	return out
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("\uFEFF")) {
		t.Fatalf("%s: no UTF-8 BOM", path)
	}
	r := csv.NewReader(bytes.NewReader(b[3:]))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// grid shows rows padded to width, one per line, cells separated by " | ".
func grid(rows [][]string, width int) string {
	var b strings.Builder
	for _, r := range rows {
		r = slices.Clone(r)
		for len(r) < width {
			r = append(r, "")
		}
		b.WriteString(strings.Join(r, " | ") + "\n")
	}
	return b.String()
}

// The results workbook, its Summary sheet and the failed-rows workbook, cell by cell.
func TestXLSXGolden(t *testing.T) {
	t.Chdir(t.TempDir())
	sum := sampleSummary("reuniones.xlsx", "reuniones.results.xlsx")
	writeSample(t, "reuniones.results.xlsx", Options{Sheet: "Reuniones", Input: "reuniones.xlsx"}, sum)
	checkGoldenWorkbook(t, "reuniones.results.xlsx", "results.xlsx.golden")
	checkGoldenWorkbook(t, "reuniones.failed.xlsx", "failed.xlsx.golden")
}

// The same run in Spanish: the added columns, the status words, the sheets' names and the
// Summary sheet are Spanish, the input's cells as they were.
func TestXLSXGoldenSpanish(t *testing.T) {
	t.Chdir(t.TempDir())
	sum := sampleSummary("reuniones.xlsx", "reuniones.results.xlsx")
	sum.Lang = i18n.ES
	writeSample(t, "reuniones.results.xlsx", Options{Sheet: "Reuniones", Input: "reuniones.xlsx", Lang: i18n.ES}, sum)
	checkGoldenWorkbook(t, "reuniones.results.xlsx", "results.es.xlsx.golden")
	checkGoldenWorkbook(t, "reuniones.failed.xlsx", "failed.es.xlsx.golden")
}

// en is a catalog key in English (the sheets' names in the tests that do not say a language).
func en(key string) string { return i18n.New(i18n.EN).T(key) }

// What the golden files hold, said outright for the properties that matter most.
func TestXLSXLooks(t *testing.T) {
	t.Chdir(t.TempDir())
	writeSample(t, "r.results.xlsx", Options{}, sampleSummary("r.xlsx", "r.results.xlsx"))
	f, err := excelize.OpenFile("r.results.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	if got, want := f.GetSheetList(), []string{en(resultsSheet), en(summarySheet)}; !slices.Equal(got, want) {
		t.Fatalf("sheets %v, want %v", got, want)
	}
	if got := f.GetSheetName(f.GetActiveSheetIndex()); got != en(resultsSheet) {
		t.Errorf("active sheet %q, want %q", got, en(resultsSheet))
	}
	panes, _ := f.GetPanes(en(resultsSheet))
	if !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
		t.Errorf("panes %+v: want the header row frozen", panes)
	}
	for c := 'A'; c <= 'G'; c++ {
		if !cellBold(t, f, en(resultsSheet), string(c)+"1") {
			t.Errorf("header %c1 is not bold", c)
		}
	}
	// The autofilter covers the header and every row, each at its source_row (row 5 of
	// the input was blank): rows 1 to 9, 7 columns.
	if got := autoFilters(t, "r.results.xlsx")["xl/worksheets/sheet1.xml"]; strings.ReplaceAll(got, "$", "") != "A1:G9" {
		t.Errorf("autofilter %q, want A1:G9", got)
	}
	found := false
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm._FilterDatabase" && dn.Scope == en(resultsSheet) && strings.ReplaceAll(dn.RefersTo, "$", "") == "'Results'!A1:G9" {
			found = true
		}
	}
	if !found {
		t.Errorf("no _xlnm._FilterDatabase for Results!A1:G9 (LibreOffice shows no filter without it): %+v", f.GetDefinedName())
	}
	// import_status fills: created green, invalid and failed red, uncertain amber,
	// not_sent grey.
	for cell, want := range map[string]string{"E2": "C6EFCE", "E3": "FFC7CE", "E4": "FFC7CE", "E6": "FFEB9C", "E7": "D9D9D9", "E9": "C6EFCE"} {
		if got := cellFill(t, f, en(resultsSheet), cell); got != want {
			t.Errorf("%s fill %q, want %q", cell, got, want)
		}
	}
	// source_row is a number, not text.
	if typ, _ := f.GetCellType(en(resultsSheet), "D2"); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
		t.Errorf("source_row D2 has type %v, want a number", typ)
	}
	// A date cell of the input comes back as a date cell.
	if v, _ := f.GetCellValue(en(resultsSheet), "B2"); v != "2024-07-26 10:00:00" {
		t.Errorf("B2 = %q, want the date 2024-07-26 10:00:00", v)
	}
	if raw, _ := f.GetCellValue(en(resultsSheet), "B2", excelize.Options{RawCellValue: true}); raw != "45499.4166666667" {
		t.Errorf("B2 raw = %q, want the date serial", raw)
	}
	// Widths: from the header, within bounds; import_error wide.
	for col, want := range map[string]float64{"A": 20, "C": 24, "D": 14, "G": 80} {
		if got, _ := f.GetColWidth(en(resultsSheet), col); got != want {
			t.Errorf("column %s width %g, want %g", col, got, want)
		}
	}
	if got := headerWidth("ID"); got != minColWidth {
		t.Errorf("a 2-character header gets width %g, want the minimum %d", got, minColWidth)
	}
	if got := headerWidth(strings.Repeat("x", 100)); got != maxColWidth {
		t.Errorf("a 100-character header gets width %g, want the cap %d", got, maxColWidth)
	}
}

func cellBold(t *testing.T, f *excelize.File, sheet, cell string) bool {
	id, _ := f.GetCellStyle(sheet, cell)
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	return st.Font != nil && st.Font.Bold
}

func cellFill(t *testing.T, f *excelize.File, sheet, cell string) string {
	id, _ := f.GetCellStyle(sheet, cell)
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(st.Fill.Color, ",")
}

// The Summary sheet, checked here by its labels; the golden file checks every cell.
func TestSummarySheet(t *testing.T) {
	t.Chdir(t.TempDir())
	sum := sampleSummary("r.xlsx", "r.results.xlsx")
	writeSample(t, "r.results.xlsx", Options{}, sum)
	f, err := excelize.OpenFile("r.results.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(en(summarySheet))
	if err != nil {
		t.Fatal(err)
	}
	facts := map[string]string{}
	for _, r := range rows {
		if len(r) >= 2 {
			facts[r[0]] = r[1]
		}
	}
	for label, want := range map[string]string{
		"Input file":           "r.xlsx",
		"Sheet":                "Reuniones",
		"Mapping file":         "mapping.yaml",
		"Operation":            "Demo",
		"Started":              "2024-07-26 14:03:22",
		"Finished":             "2024-07-26 14:03:24",
		"Duration":             "2.5s",
		"Rows sent per second": "2.0",
		"Retries":              "1",
		"Rows to fix":          "r.failed.xlsx",
		"Outcome":              "finished",
		"created":              "2",
		"invalid":              "2",
		"not_sent":             "1",
		"Total":                "7",
		"2":                    `column "Inicio" (start_date): ambiguous date 03/04/2024: add a format`,
	} {
		if got := facts[label]; got != want {
			t.Errorf("Summary %q = %q, want %q", label, got, want)
		}
	}
}
