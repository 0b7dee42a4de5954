package report

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/wolkvox-import/wolkvox-import/mapping"
)

func TestSafeText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"hola", "hola"},
		{"=1+1", "'=1+1"},
		{"=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"},
		{"+34 600", "'+34 600"},
		{"-sum", "'-sum"},
		{"@cmd", "'@cmd"},
		{"\t=1", "'\t=1"},
		{"-12.5", "-12.5"},
		{"+5", "+5"},
		{"a=b", "a=b"},
	}
	for _, tt := range tests {
		if got := SafeText(tt.in); got != tt.want {
			t.Errorf("SafeText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDefaultPath(t *testing.T) {
	for in, want := range map[string]string{
		"dir/reuniones.xlsx": "dir/reuniones.results.xlsx",
		"a.XLSX":             "a.results.xlsx",
		"b.csv":              "b.results.csv",
		"c.tsv":              "c.results.csv",
	} {
		if got := DefaultPath(in); got != want {
			t.Errorf("DefaultPath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFailedPath(t *testing.T) {
	for in, want := range map[string]string{
		"dir/reuniones.results.xlsx":        "dir/reuniones.failed.xlsx",
		"b.results.csv":                     "b.failed.csv",
		"B.RESULTS.CSV":                     "B.failed.CSV",
		"out.xlsx":                          "out.failed.xlsx",
		"reuniones.failed.results.xlsx":     "reuniones.failed.failed.xlsx", // never the input it came from
		filepath.Join("x.results", "y.csv"): filepath.Join("x.results", "y.failed.csv"),
	} {
		if got := FailedPath(in); got != want {
			t.Errorf("FailedPath(%q) = %q, want %q", in, got, want)
		}
	}
}

// sampleHeader and sampleRows cover every status, a date cell, text that looks like a
// formula, a row with two problems and a created row with a note in import_error.
var sampleHeader = []string{"Asunto", "Inicio", "Notas de la reunión"}

func sampleRows() []Row {
	start := time.Date(2024, 7, 26, 10, 0, 0, 0, time.UTC)
	return []Row{
		{Cells: []mapping.Cell{{Text: "Reunión"}, {Text: "2024-07-26 10:00:00", Kind: mapping.KindDate, Time: start}, {Text: "=1+1"}}, SourceRow: 2, Status: Created, WolkvoxID: "id-1"},
		{Cells: textCells("Visita", "03/04/2024", ""), SourceRow: 3, Status: Invalid, Error: `row 3, column "Inicio" (start_date): ambiguous date 03/04/2024: add a format`},
		{Cells: []mapping.Cell{{Text: "Llamada"}, {Text: "2024-07-27", Kind: mapping.KindDate, Time: start.AddDate(0, 0, 1).Add(-10 * time.Hour)}, {Text: "@x"}}, SourceRow: 4, Status: Failed, Error: "SOME PARAMETERS ARE REQUIRED"},
		{Cells: textCells("Cena", "2024-07-28", "-sum"), SourceRow: 6, Status: Uncertain, Error: "no answer within 30s: the server may have created it"},
		{Cells: textCells("Desayuno", "2024-07-29", "+34 600"), SourceRow: 7, Status: NotSent, Error: "not sent: the run stopped"},
		{Cells: textCells("", "03/04/2024", "=HYPERLINK(\"http://x\")"), SourceRow: 8, Status: Invalid, Error: `row 8, column "Inicio" (start_date): ambiguous date 03/04/2024: add a format; row 8, column "Asunto" (name): empty`},
		{Cells: textCells("Almuerzo", "2024-07-30", "ok"), SourceRow: 9, Status: Created, WolkvoxID: "id-2", Error: "already imported on 2024-07-20"},
	}
}

// sampleSummary is what the importer would have counted for sampleRows.
func sampleSummary(input, results string) *Summary {
	cot := time.FixedZone("COT", -5*3600)
	s := &Summary{
		Input:     input,
		Results:   results,
		Sheet:     "Reuniones",
		Mapping:   "mapping.yaml",
		Server:    "https://wv0001.wolkvox.com/server/API/v2/custom/insert.php",
		Operation: "Demo",
		Counts:    map[Status]int{},
		Attempts:  6,
		Retries:   1,
		Start:     time.Date(2024, 7, 26, 14, 3, 22, 0, cot),
		End:       time.Date(2024, 7, 26, 14, 3, 22, 0, cot).Add(2*time.Second + 500*time.Millisecond),
		Notes:     []string{"the server answered 403 EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS: concurrency lowered to 1 for the rest of the run"},
	}
	for _, r := range sampleRows() {
		s.Add(r)
	}
	return s
}

// writeSample writes sampleRows to a results sheet at path and finishes it with sum.
func writeSample(t *testing.T, path string, opts Options, sum *Summary) *Results {
	t.Helper()
	w, err := CreateWith(path, sampleHeader, opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range sampleRows() {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range []string{path, w.FailedPath()} {
		if _, err := os.Stat(p); err == nil {
			t.Fatalf("%s exists before Finish: a crash would leave half a sheet", p)
		}
	}
	if err := w.Finish(sum); err != nil {
		t.Fatal(err)
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*tmp"))
	if len(left) != 0 {
		t.Fatalf("temporary files left: %v", left)
	}
	return w
}

func TestCSVResults(t *testing.T) {
	t.Chdir(t.TempDir())
	sum := sampleSummary("reuniones.csv", "reuniones.results.csv")
	writeSample(t, "reuniones.results.csv", Options{Delimiter: ';'}, sum)
	checkGoldenText(t, "reuniones.results.csv", "results.csv.golden")
	checkGoldenText(t, "reuniones.failed.csv", "failed.csv.golden")
	if got, want := sum.FailedRows, "reuniones.failed.csv"; got != want {
		t.Errorf("sum.FailedRows = %q, want %q", got, want)
	}

	b, err := os.ReadFile("reuniones.results.csv")
	if err != nil {
		t.Fatal(err)
	}
	// LF line ends: encoding/csv's UseCRLF would also turn a line break inside a cell into
	// CRLF, and a cell must come back as it was.
	if !strings.HasPrefix(string(b), "\uFEFFAsunto;Inicio;") || strings.Contains(string(b), "\r") {
		t.Errorf("results CSV: want a BOM, the input's delimiter and LF line ends: %q", b[:40])
	}
}

// The failed-rows file holds the invalid, failed, not_sent and uncertain rows (to settle),
// with the original columns first and then source_row, wolkvox_id (where an uncertain
// row's id is typed) and import_error.
func TestFailedRowsContents(t *testing.T) {
	want := [][]string{
		{"Asunto", "Inicio", "Notas de la reunión", "source_row", "wolkvox_id", "import_error"},
		{"Visita", "03/04/2024", "", "3", "", `row 3, column "Inicio" (start_date): ambiguous date 03/04/2024: add a format`},
		{"Llamada", "2024-07-27", "@x", "4", "", "SOME PARAMETERS ARE REQUIRED"},
		{"Cena", "2024-07-28", "-sum", "6", "", "no answer within 30s: the server may have created it"},
		{"Desayuno", "2024-07-29", "+34 600", "7", "", "not sent: the run stopped"},
		{"", "03/04/2024", `=HYPERLINK("http://x")`, "8", "", `row 8, column "Inicio" (start_date): ambiguous date 03/04/2024: add a format; row 8, column "Asunto" (name): empty`},
	}
	t.Run("xlsx", func(t *testing.T) {
		t.Chdir(t.TempDir())
		writeSample(t, "r.results.xlsx", Options{Sheet: "Reuniones"}, sampleSummary("r.xlsx", "r.results.xlsx"))
		f, err := excelize.OpenFile("r.failed.xlsx")
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if got := f.GetSheetList(); len(got) != 1 || got[0] != "Reuniones" {
			t.Fatalf("sheets %v, want only Reuniones (the input's, so the same --sheet reads it)", got)
		}
		got, err := f.GetRows("Reuniones")
		if err != nil {
			t.Fatal(err)
		}
		if g, w := grid(got, 6), grid(want, 6); g != w {
			t.Fatalf("failed rows\n%s\nwant\n%s", g, w)
		}
	})
	t.Run("csv", func(t *testing.T) {
		t.Chdir(t.TempDir())
		writeSample(t, "r.results.csv", Options{}, sampleSummary("r.csv", "r.results.csv"))
		got := readCSV(t, "r.failed.csv")
		safe := make([][]string, len(want))
		for i, r := range want {
			for _, c := range r {
				safe[i] = append(safe[i], SafeText(c))
			}
		}
		if g, w := grid(got, 6), grid(safe, 6); g != w {
			t.Fatalf("failed rows\n%s\nwant\n%s", g, w)
		}
	})
}

func TestFailedRowsLifecycle(t *testing.T) {
	allGood := []Row{{Cells: textCells("a", "", ""), SourceRow: 2, Status: Created, WolkvoxID: "1"}}
	run := func(t *testing.T, path string, rows []Row, opts Options, sum *Summary) {
		t.Helper()
		w, err := CreateWith(path, sampleHeader, opts)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if err := w.Write(r); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Finish(sum); err != nil {
			t.Fatal(err)
		}
	}
	exists := func(p string) bool { _, err := os.Stat(p); return err == nil }

	for _, ext := range []string{".csv", ".xlsx"} {
		t.Run(ext, func(t *testing.T) {
			t.Chdir(t.TempDir())
			results, failed := "in.results"+ext, "in.failed"+ext

			sum := &Summary{Input: "in" + ext}
			run(t, results, allGood, Options{}, sum)
			if exists(failed) || sum.FailedRows != "" || sum.RemovedFailedRows != "" {
				t.Fatalf("no row to fix: want no failed-rows file (exists %v, sum %q %q)", exists(failed), sum.FailedRows, sum.RemovedFailedRows)
			}

			sum = &Summary{Input: "in" + ext}
			run(t, results, sampleRows(), Options{}, sum)
			if !exists(failed) || sum.FailedRows != failed {
				t.Fatalf("rows to fix: want %s (exists %v, sum %q)", failed, exists(failed), sum.FailedRows)
			}

			// A dry run neither writes nor removes it.
			before, _ := os.ReadFile(failed)
			sum = &Summary{Input: "in" + ext, DryRun: true}
			run(t, results, []Row{{Cells: textCells("", "", ""), SourceRow: 2, Status: Invalid, Error: "row 2, x"}}, Options{DryRun: true}, sum)
			after, _ := os.ReadFile(failed)
			if string(before) != string(after) || sum.FailedRows != "" || sum.RemovedFailedRows != "" {
				t.Fatalf("a dry run changed the failed-rows file (sum %q %q)", sum.FailedRows, sum.RemovedFailedRows)
			}
			// Even when only the summary says it is a dry run.
			sum = &Summary{Input: "in" + ext, DryRun: true}
			run(t, results, []Row{{Cells: textCells("", "", ""), SourceRow: 2, Status: Invalid, Error: "row 2, x"}}, Options{}, sum)
			if after, _ := os.ReadFile(failed); string(before) != string(after) {
				t.Fatal("a dry run (told by the summary) changed the failed-rows file")
			}

			// A later run with nothing to fix removes the earlier run's file, and says so.
			sum = &Summary{Input: "in" + ext}
			run(t, results, allGood, Options{}, sum)
			if exists(failed) || sum.RemovedFailedRows != failed {
				t.Fatalf("stale failed-rows file: exists %v, sum.RemovedFailedRows %q", exists(failed), sum.RemovedFailedRows)
			}
			var text strings.Builder
			sum.WriteText(&text)
			if !strings.Contains(text.String(), "removed "+failed) {
				t.Errorf("the summary does not say the old file was removed:\n%s", text.String())
			}

			// Abort leaves nothing behind.
			w, err := CreateWith("other.results"+ext, sampleHeader, Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range sampleRows() {
				w.Write(r)
			}
			w.Abort()
			left, _ := filepath.Glob("*other*")
			hidden, _ := filepath.Glob(".*tmp")
			if len(left)+len(hidden) != 0 {
				t.Fatalf("Abort left %v %v", left, hidden)
			}
		})
	}
}

func TestCreateRefusesTheInput(t *testing.T) {
	t.Chdir(t.TempDir())
	if err := os.WriteFile("x.failed.csv", []byte("a\n1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Importing x.failed.csv with --results x.results.csv would put the rows to fix over
	// the very file being imported.
	_, err := CreateWith("x.results.csv", []string{"a"}, Options{Input: "x.failed.csv"})
	if err == nil || !strings.Contains(err.Error(), "--results") {
		t.Fatalf("err = %v, want a refusal that names --results", err)
	}
	if _, err := CreateWith("x.failed.results.csv", []string{"a"}, Options{Input: "x.failed.csv"}); err != nil {
		t.Fatalf("default results path refused: %v", err)
	}
}

// Close (without a Summary) still finishes the sheet.
func TestCreateClose(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.xlsx")
	var w Writer
	w, err := CreateWith(path, []string{"Asunto"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(Row{Cells: textCells("x"), SourceRow: 2, Status: Created}); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 1 || got[0] != en(resultsSheet) {
		t.Fatalf("sheets %v: no summary given, want only %s", got, en(resultsSheet))
	}
	if err := w.Close(); err == nil {
		t.Fatal("a second Close succeeded")
	}
}

func TestXLSXRowLimit(t *testing.T) {
	w, err := CreateWith(filepath.Join(t.TempDir(), "big.xlsx"), []string{"a"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	x := w.main.(*xlsxWriter)
	x.next = maxXLSXRows + 1 // as if the sheet were full
	err = w.Write(Row{Cells: textCells("x"), SourceRow: 2, Status: Created})
	if err == nil || !strings.Contains(err.Error(), "--results NAME.csv") {
		t.Fatalf("err = %v, want advice to write CSV", err)
	}
	if errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
}

func TestUnescapeText(t *testing.T) {
	for _, s := range []string{"", "hola", "=1+1", "+34 600", "-sum", "@x", "\t=1", "-12.5", "'quoted'", "'", "'hola"} {
		if got := UnescapeText(SafeText(s)); got != s {
			t.Errorf("UnescapeText(SafeText(%q)) = %q", s, got)
		}
	}
	for in, want := range map[string]string{"'=1": "=1", "'hola": "'hola", "''=1": "''=1", "'-12.5": "'-12.5"} {
		if got := UnescapeText(in); got != want {
			t.Errorf("UnescapeText(%q) = %q, want %q", in, got, want)
		}
	}
}

// textCells are text cells, as a CSV input gives them.
func textCells(texts ...string) []mapping.Cell {
	out := make([]mapping.Cell, len(texts))
	for i, s := range texts {
		out[i] = mapping.Cell{Text: s}
	}
	return out
}

// A results sheet is readable like the sheet it came from (0644), not 0600 as a
// temporary file is made; over an earlier one, it keeps that one's mode.
func TestResultsFileMode(t *testing.T) {
	t.Chdir(t.TempDir())
	writeSample(t, "a.results.csv", Options{}, sampleSummary("a.csv", "a.results.csv"))
	if st, err := os.Stat("a.results.csv"); err != nil || st.Mode().Perm() != 0o644 {
		t.Fatalf("mode %v (%v), want 0644", st.Mode().Perm(), err)
	}
	if err := os.Chmod("a.results.csv", 0o640); err != nil {
		t.Fatal(err)
	}
	r, err := CreateWith("a.results.csv", []string{"Asunto"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Write(Row{Cells: textCells("x"), SourceRow: 2, Status: Created}); err != nil {
		t.Fatal(err)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat("a.results.csv"); st.Mode().Perm() != 0o640 {
		t.Fatalf("mode %v after a second run, want the earlier file's 0640", st.Mode().Perm())
	}
}

// What a killed run left (a temporary results file an hour old) is removed when the next
// run starts; a fresh one (a run that is alive) is not.
func TestStaleTempsRemoved(t *testing.T) {
	t.Chdir(t.TempDir())
	old, fresh := ".a.results.csv.123.tmp", ".a.results.csv.456.tmp"
	for _, name := range []string{old, fresh} {
		if err := os.WriteFile(name, []byte("half"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	past := time.Now().Add(-2 * time.Hour)
	if err := os.Chtimes(old, past, past); err != nil {
		t.Fatal(err)
	}
	r, err := CreateWith("a.results.csv", []string{"Asunto"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	r.Abort()
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Errorf("%s, left by a killed run, is still there", old)
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Errorf("%s, a live run's, was removed: %v", fresh, err)
	}
}
