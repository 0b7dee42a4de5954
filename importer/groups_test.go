package importer

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wolkvox-import/wolkvox-import/i18n"
	"github.com/wolkvox-import/wolkvox-import/mapping"
)

// One mapping mistake across 20,000 rows is one problem, not 20,000: the groups are by
// column and kind, not by value, and the fix in the mapping is said once, in each language.
func TestOneMistakeIsOneGroup(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "migracion.csv")
	var b strings.Builder
	b.WriteString("Asunto;Inicio\n")
	for i := range 20000 {
		fmt.Fprintf(&b, "Reunión %d;%02d/%02d/2024 09:%02d\n", i, i%28+1, i%12+1, i%60)
	}
	if err := os.WriteFile(in, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := mapping.Parse("mapping.yaml", []byte("operation: Demo\nfields:\n  name: { column: Asunto }\n  start_date: { column: Inicio }\n"))
	if err != nil {
		t.Fatal(err)
	}
	for lang, fix := range map[i18n.Lang]string{i18n.EN: `add format: "DD/MM/YYYY HH:mm" to start_date`, i18n.ES: `agregue format: "DD/MM/YYYY HH:mm" a start_date`} {
		sum, err := Run(context.Background(), Config{Input: in, Mapping: m, DryRun: true, Lang: lang,
			Results: filepath.Join(dir, string(lang)+".results.csv")})
		if err != nil {
			t.Fatal(err)
		}
		rep := sum.Errors()
		// Dates such as 03/04/2024 read both ways (ambiguous), the others only day-first:
		// two kinds in one column, so at most two groups, whatever the 20,000 values.
		if len(rep.Groups) > 2 || rep.Other != 0 {
			t.Fatalf("%s: %d groups (other %d), want at most 2: %+v", lang, len(rep.Groups), rep.Other, rep.Groups)
		}
		total := 0
		for _, g := range rep.Groups {
			total += g.Rows
		}
		if total != 20000 {
			t.Errorf("%s: the groups count %d rows, want 20000", lang, total)
		}
		if g := rep.Groups[0]; !strings.Contains(g.Fix, fix) {
			t.Errorf("%s: the first group's fix is %q, want it to say %q", lang, g.Fix, fix)
		}
	}
}

// Ctrl-C during a dry run stops reading at once (it was ignored until the last row): the
// run says it was interrupted and has not read the whole file.
func TestDryRunStopsAtCtrlC(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "big.csv")
	var b strings.Builder
	b.WriteString("Asunto,Inicio\n")
	for i := range 200000 {
		fmt.Fprintf(&b, "Reunión %d,2024-07-26 09:30\n", i)
	}
	if err := os.WriteFile(in, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // Ctrl-C before the first row
	sum, err := Run(ctx, Config{Input: in, DryRun: true, Results: filepath.Join(dir, "r.csv")})
	if err != nil {
		t.Fatal(err)
	}
	if !sum.Interrupted || sum.Rows >= 200000 {
		t.Fatalf("interrupted %v after %d rows: want the dry run to stop reading", sum.Interrupted, sum.Rows)
	}
}
