package report

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
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

var rows = []Row{
	{Cells: []string{"Reunión", "=1+1"}, SourceRow: 2, Status: Created, WolkvoxID: "id-1"},
	{Cells: []string{"", "@x"}, SourceRow: 4, Status: Invalid, Error: `row 4, column "Asunto" (name): empty`},
}

func TestCSVResults(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.csv")
	w, err := Create(path, []string{"Asunto", "Notas"}, ';')
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := os.Stat(path); err == nil {
		t.Fatal("the results file exists before Close: a crash would leave half a sheet")
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := "\uFEFFAsunto;Notas;source_row;import_status;wolkvox_id;import_error\r\n" +
		"Reunión;'=1+1;2;created;id-1;\r\n" +
		";'@x;4;invalid;;\"row 4, column \"\"Asunto\"\" (name): empty\"\r\n"
	if got := string(b); got != want {
		t.Fatalf("got\n%q\nwant\n%q", got, want)
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*tmp"))
	if len(left) != 0 {
		t.Fatalf("temporary files left: %v", left)
	}
}

func TestXLSXResults(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.xlsx")
	w, err := Create(path, []string{"Asunto", "Notas"}, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := f.GetRows(resultsSheet)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"Asunto", "Notas", "source_row", "import_status", "wolkvox_id", "import_error"},
		{"Reunión", "=1+1", "2", "created", "id-1"},
		{"", "@x", "4", "invalid", "", `row 4, column "Asunto" (name): empty`},
	}
	if g, w := strings.Join(flat(got), "|"), strings.Join(flat(want), "|"); g != w {
		t.Fatalf("cells\n%s\nwant\n%s", g, w)
	}
	// "=1+1" is text in the sheet, never a formula.
	if formula, err := f.GetCellFormula(resultsSheet, "B2"); err != nil || formula != "" {
		t.Fatalf("B2 formula = %q (%v), want none", formula, err)
	}
	if v, _ := f.GetCellValue(resultsSheet, "B2"); v != "=1+1" {
		t.Fatalf("B2 = %q", v)
	}
}

func flat(rows [][]string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, strings.Join(r, ","))
	}
	return out
}
