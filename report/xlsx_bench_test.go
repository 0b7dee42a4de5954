package report

import (
	"flag"
	"fmt"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wolkvox-import/wolkvox-import/mapping"
)

var benchRows = flag.Int("xlsx-rows", 100_000, "rows BenchmarkXLSXResults writes (at most 1,048,575)")

// BenchmarkXLSXResults writes -xlsx-rows rows like bench/gen's (twelve input columns, two
// of them dates) to an XLSX results sheet with a Summary, and reports rows/s and the peak
// heap in use, sampled every 10 ms (runtime.ReadMemStats HeapInuse). A million rows:
//
//	go test ./report -run '^$' -bench XLSXResults -benchtime 1x -xlsx-rows 1000000
func BenchmarkXLSXResults(b *testing.B) {
	rows := min(*benchRows, MaxXLSXDataRows)
	header := []string{"Asunto", "Prioridad", "Fecha inicio", "Fecha fin", "Recordar", "Recordatorio", "Notas", "Cliente", "Caso", "Lugar", "Responsable", "Participantes"}
	start := time.Date(2024, 7, 1, 8, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	var peak atomic.Uint64
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		var ms runtime.MemStats
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak.Load() {
				peak.Store(ms.HeapInuse)
			}
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()
	var busy time.Duration
	for i := 0; b.Loop(); i++ {
		path := filepath.Join(b.TempDir(), fmt.Sprintf("r%d.results.xlsx", i))
		t0 := time.Now()
		w, err := CreateWith(path, header, Options{DryRun: true})
		if err != nil {
			b.Fatal(err)
		}
		sum := &Summary{Input: "in.csv", Operation: "Bench", Counts: map[Status]int{}, DryRun: true}
		cells := make([]mapping.Cell, len(header))
		for n := range rows {
			t := start.Add(time.Duration(n) * 37 * time.Minute)
			cells[0] = mapping.Cell{Text: fmt.Sprintf("Reunión de seguimiento %d", n)}
			cells[1] = mapping.Cell{Text: "Alta"}
			cells[2] = mapping.Cell{Text: t.Format("02/01/2006 15:04")}
			cells[3] = mapping.Cell{Text: t.Add(time.Hour).Format("02/01/2006 15:04")}
			cells[4] = mapping.Cell{Text: "sí"}
			cells[5] = mapping.Cell{Kind: mapping.KindDate, Time: t.Add(-time.Hour), Format: "dd/mm/yyyy hh:mm"}
			cells[6] = mapping.Cell{Text: fmt.Sprintf("Revisar pedido %d, con el cliente; llevar contrato", n)}
			cells[7] = mapping.Cell{Text: fmt.Sprintf("Cliente %d S.A.S.", n%500)}
			cells[8] = mapping.Cell{Kind: mapping.KindNumber, Num: float64(10000 + n)}
			cells[9] = mapping.Cell{Text: "Sala 2 - Sede Norte"}
			cells[10] = mapping.Cell{Text: "ADMIN_@ventas"}
			cells[11] = mapping.Cell{Text: "Ana Gómez; Luis Pérez, Marta Ruiz"}
			row := Row{Cells: cells, SourceRow: n + 2, Status: Valid}
			if n%1000 == 999 {
				row.Status, row.Error = Invalid, `row 1000, column "Inicio" (start_date): ambiguous date 03/04/2024: add a format`
			}
			if err := w.Write(row); err != nil {
				b.Fatal(err)
			}
			sum.Add(row)
		}
		if err := w.Finish(sum); err != nil {
			b.Fatal(err)
		}
		busy += time.Since(t0)
	}
	close(stop)
	<-sampled
	b.ReportMetric(float64(rows*b.N)/busy.Seconds(), "rows/s")
	b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
}
