package report

import (
	"github.com/wolkvox-import/wolkvox-import/i18n"

	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/wolkvox-import/wolkvox-import/importer/source"
)

// Text that starts with = + - @ is never a formula: in XLSX every text cell is a string
// cell (no formula), in CSV it gets the apostrophe. Checked in every file the run writes,
// header, input cells, wolkvox_id, import_error and the Summary sheet included.
func TestFormulaTextIsNeverAFormula(t *testing.T) {
	evil := []string{"=1+1", `=HYPERLINK("http://x","y")`, "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1"}
	header := []string{"=Asunto", "Notas"}
	var rows []Row
	for i, e := range evil {
		rows = append(rows, Row{Cells: textCells(e, e), SourceRow: i + 2, Status: Failed, WolkvoxID: e, Error: e})
	}

	t.Run("xlsx", func(t *testing.T) {
		t.Chdir(t.TempDir())
		w, err := CreateWith("e.results.xlsx", header, Options{})
		if err != nil {
			t.Fatal(err)
		}
		sum := &Summary{Input: e0(evil), Operation: "=op", Notes: evil}
		for _, r := range rows {
			if err := w.Write(r); err != nil {
				t.Fatal(err)
			}
			sum.Add(r)
		}
		if err := w.Finish(sum); err != nil {
			t.Fatal(err)
		}
		for _, path := range []string{"e.results.xlsx", "e.failed.xlsx"} {
			f, err := excelize.OpenFile(path)
			if err != nil {
				t.Fatal(err)
			}
			seen := map[string]bool{}
			for _, sheet := range f.GetSheetList() {
				all, err := f.GetRows(sheet)
				if err != nil {
					t.Fatal(err)
				}
				for r, row := range all {
					for c, v := range row {
						cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
						if formula, err := f.GetCellFormula(sheet, cell); err != nil || formula != "" {
							t.Errorf("%s %s!%s holds the formula %q (%v)", path, sheet, cell, formula, err)
						}
						if typ, _ := f.GetCellType(sheet, cell); typ == excelize.CellTypeFormula {
							t.Errorf("%s %s!%s has type formula", path, sheet, cell)
						}
						seen[v] = true
					}
				}
			}
			f.Close()
			// The text is kept exactly, not escaped: in XLSX it needs no apostrophe.
			for _, e := range evil {
				if !seen[e] {
					t.Errorf("%s: %q is not kept as it was", path, e)
				}
			}
		}
	})

	t.Run("csv", func(t *testing.T) {
		t.Chdir(t.TempDir())
		w, err := CreateWith("e.results.csv", header, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if err := w.Write(r); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Finish(&Summary{}); err != nil {
			t.Fatal(err)
		}
		for _, path := range []string{"e.results.csv", "e.failed.csv"} {
			got := readCSV(t, path)
			if got[0][0] != "'=Asunto" {
				t.Errorf("%s header %q, want '=Asunto", path, got[0][0])
			}
			for _, rec := range got[1:] {
				for i, v := range rec {
					if v == "" || strings.HasPrefix(v, "'") || isNumber(v) || isStatus(v) {
						continue
					}
					t.Errorf("%s column %d: %q is not escaped", path, i+1, v)
				}
			}
			if !slices.Contains(got[1], "'=1+1") {
				t.Errorf("%s row 2 %q: want '=1+1", path, got[1])
			}
		}
	})
}

func e0(s []string) string { return s[0] }

func isNumber(s string) bool { return strings.Trim(s, "0123456789") == "" }

func isStatus(s string) bool { return slices.Contains(Statuses, Status(s)) }

// The failed-rows file reads back, through the importer's own reader, with the input's
// columns and cells as they were: a date cell as a date, text exactly, and the added
// columns named so that the importer leaves them out.
func TestFailedRowsReadBack(t *testing.T) {
	t.Chdir(t.TempDir())
	writeSample(t, "r.results.xlsx", Options{Sheet: "Reuniones"}, sampleSummary("r.xlsx", "r.results.xlsx"))
	rd, err := source.Open("r.failed.xlsx", source.Options{Sheet: "Reuniones"})
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	failedColumns := names(failedLayout, i18n.New(i18n.EN))
	if got, want := rd.Header(), append(slices.Clone(sampleHeader), failedColumns...); !slices.Equal(got, want) {
		t.Fatalf("header %q, want %q", got, want)
	}
	for _, lang := range i18n.Langs {
		for _, c := range names(failedLayout, i18n.New(lang)) {
			if !IsAddedColumn(c) {
				t.Errorf("%s is not an added column: the importer would take it for an input column", c)
			}
		}
	}
	var nums []int
	for {
		row, err := rd.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		nums = append(nums, row.Num)
		if row.Num == 3 { // the failed row: Inicio was a date cell, Notas "@x"
			if c := row.Cells[1]; !c.IsDate() || !c.Time.Equal(time.Date(2024, 7, 27, 0, 0, 0, 0, time.UTC)) {
				t.Errorf("Inicio reads back as %+v, want the date 2024-07-27", c)
			}
			if got := row.Cells[2].Text; got != "@x" {
				t.Errorf("Notas reads back as %q, want @x", got)
			}
		}
	}
	if want := []int{2, 3, 4, 5, 6}; !slices.Equal(nums, want) {
		t.Errorf("rows %v, want %v (four rows to fix and one uncertain row to settle)", nums, want)
	}
}
