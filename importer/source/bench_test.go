package source

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

const benchRows = 50000

var benchHeader = []any{"Asunto", "Prioridad", "Fecha inicio", "Fecha fin", "Recordar", "Recordatorio", "Notas", "Cliente", "Caso", "Lugar", "Responsable", "Participantes"}

// benchRow is one meeting row; some texts repeat (shared strings), some are unique.
func benchRow(i int) (texts []string, start time.Time) {
	start = time.Date(2024, 7, 1, 8, 0, 0, 0, time.UTC).Add(time.Duration(i) * 37 * time.Minute)
	prio := []string{"Alta", "Media", "Baja"}[i%3]
	return []string{
		fmt.Sprintf("Reunión de seguimiento %d", i), prio, "", "", []string{"sí", "no"}[i%2], "",
		fmt.Sprintf("Revisar pedido %d, con el cliente; llevar contrato", i), fmt.Sprintf("Cliente %d S.A.S.", i%500),
		"", "Sala 2 - Sede Norte", "ADMIN_@ventas", "Ana Gómez; Luis Pérez, Marta Ruiz",
	}, start
}

// writeBenchXLSX writes a workbook the way Excel and LibreOffice do (shared strings, real
// date cells with a date style, numbers), with excelize's normal API.
func writeBenchXLSX(b *testing.B, path string) {
	f := excelize.NewFile()
	defer f.Close()
	dateFmt := "dd/mm/yyyy hh:mm"
	ds, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	if err != nil {
		b.Fatal(err)
	}
	if err := f.SetSheetRow("Sheet1", "A1", &benchHeader); err != nil {
		b.Fatal(err)
	}
	for i := 0; i < benchRows; i++ {
		t, start := benchRow(i)
		row := make([]any, len(t))
		for j, s := range t {
			row[j] = s
		}
		row[2], row[3], row[5] = start, start.Add(time.Hour), start.Add(-time.Hour)
		row[8] = 10000 + i
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := f.SetSheetRow("Sheet1", cell, &row); err != nil {
			b.Fatal(err)
		}
	}
	last, _ := excelize.CoordinatesToCellName(12, benchRows+1)
	for _, col := range []string{"C", "D", "F"} {
		if err := f.SetCellStyle("Sheet1", col+"2", col+last[1:], ds); err != nil {
			b.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		b.Fatal(err)
	}
}

func writeBenchCSV(b *testing.B, path string) {
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "Asunto,Prioridad,Fecha inicio,Fecha fin,Recordar,Recordatorio,Notas,Cliente,Caso,Lugar,Responsable,Participantes")
	for i := 0; i < benchRows; i++ {
		t, start := benchRow(i)
		fmt.Fprintf(w, "%s,%s,%s,%s,%s,%s,\"%s\",%s,%d,%s,%s,\"%s\"\r\n", t[0], t[1],
			start.Format("02/01/2006 15:04"), start.Add(time.Hour).Format("02/01/2006 15:04"), t[4],
			start.Add(-time.Hour).Format("02/01/2006 15:04"), t[6], t[7], 10000+i, t[9], t[10], t[11])
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	f.Close()
}

func benchRead(b *testing.B, path string) {
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	for n := 0; n < b.N; n++ {
		r, err := Open(path, Options{})
		if err != nil {
			b.Fatal(err)
		}
		rows := 0
		for {
			row, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			if row.Err != nil || !(row.Cells[2].IsDate() || row.Cells[2].Text != "") {
				b.Fatalf("row %d: %+v", row.Num, row)
			}
			rows++
		}
		r.Close()
		if rows != benchRows {
			b.Fatalf("read %d rows, want %d", rows, benchRows)
		}
	}
	b.ReportMetric(float64(benchRows*b.N)/time.Since(start).Seconds(), "rows/s")
}

// BenchmarkXLSXRead reads a 50,000-row, 12-column sheet (shared strings, three date
// columns, a number column). go test -run '^$' -bench . -benchtime 3x ./importer/source/
func BenchmarkXLSXRead(b *testing.B) {
	path := filepath.Join(b.TempDir(), "bench.xlsx")
	writeBenchXLSX(b, path)
	benchRead(b, path)
}

// BenchmarkCSVRead reads the same rows as a UTF-8, comma-delimited CSV.
func BenchmarkCSVRead(b *testing.B) {
	path := filepath.Join(b.TempDir(), "bench.csv")
	writeBenchCSV(b, path)
	benchRead(b, path)
}
