package importer

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wolkvox-import/wolkvox-import/report"
)

func TestCheckMarksCellsAndEditsFixThem(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.csv")
	os.WriteFile(in, []byte("Asunto;Prioridad;Inicio\nUno;Alta;2024-07-26 09:30\nDos;URGENTE;2024-07-27 09:30\n"), 0o600)
	cfg := Config{Input: in, Results: filepath.Join(dir, "check.csv")}
	sum, header, rows, err := Check(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(header) != 3 || len(rows) != 2 || sum.Counts[report.Invalid] != 1 {
		t.Fatalf("header %v, %d rows, counts %v", header, len(rows), sum.Counts)
	}
	if r := rows[1]; r.SourceRow != 3 || r.Status != report.Invalid || len(r.Bad) != 1 || r.Bad[0] != 1 || r.All[1].Text != "URGENTE" {
		t.Errorf("row 3: %+v", r)
	}
	cfg.Edits = []CellEdit{{Row: 3, Col: 1, Text: "Baja", Note: "edited on the page"}}
	sum, _, rows, err = Check(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Counts[report.Valid] != 2 || rows[1].All[1].Text != "Baja" || !strings.Contains(rows[1].Error, "edited on the page") {
		t.Errorf("after the edit: %v, %+v", sum.Counts, rows[1])
	}
	b, _ := os.ReadFile(cfg.Results)
	if !strings.Contains(string(b), "Dos;Baja;") || !strings.Contains(string(b), "edited on the page") {
		t.Errorf("results:\n%s", b)
	}
}
