package report

import (
	"github.com/wolkvox-import/wolkvox-import/i18n"

	"bytes"
	"encoding/json"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestWriteTextGolden(t *testing.T) {
	sum := sampleSummary("reuniones.xlsx", "reuniones.results.xlsx")
	sum.FailedRows = "reuniones.failed.xlsx"
	var b bytes.Buffer
	sum.WriteText(&b)
	checkGoldenBytes(t, b.Bytes(), "summary.txt.golden")
}

// The phrases the CLI scenarios (testdata/script) look for stay as they were.
func TestWriteTextPhrases(t *testing.T) {
	text := func(s *Summary) string {
		var b bytes.Buffer
		s.WriteText(&b)
		return b.String()
	}
	dry := &Summary{Input: "in.csv", Results: "in.results.csv", DryRun: true}
	dry.Add(Row{SourceRow: 2, Status: Valid})
	dry.Add(Row{SourceRow: 3, Status: Invalid, Error: `row 3, column "Inicio" (start_date): not a date`})
	got := text(dry)
	for _, want := range []string{"2 rows checked", "valid 1, invalid 1", "1 row is invalid: fix it in in.csv"} {
		if !strings.Contains(got, want) {
			t.Errorf("dry run summary lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "server") || strings.Contains(got, "rows to fix") {
		t.Errorf("dry run summary talks of a server or a failed-rows file:\n%s", got)
	}

	run := &Summary{Input: "good.csv", Results: "good.results.csv", Server: "http://127.0.0.1:1/x", Operation: "Demo"}
	run.Add(Row{SourceRow: 2, Status: Created})
	run.Add(Row{SourceRow: 3, Status: Created})
	got = text(run)
	for _, want := range []string{"good.csv: 2 of 2 rows created (", "created 2", ", 0 requests"} {
		if !strings.Contains(got, want) {
			t.Errorf("summary lacks %q:\n%s", want, got)
		}
	}

	stopped := &Summary{Input: "in.csv", Results: "r.csv", FailedRows: "r.failed.csv", Interrupted: true}
	stopped.Add(Row{SourceRow: 2, Status: NotSent, Error: "not sent: interrupted"})
	stopped.Add(Row{SourceRow: 3, Status: Uncertain, Error: "no answer"})
	got = text(stopped)
	for _, want := range []string{"in.csv: 0 of 2 rows created; stopped by Ctrl-C", "rows to settle or send: r.failed.csv (2 rows: settle each uncertain row there, then import that file)",
		"1 row was not sent and needs no fix: run the same command again", "1 row is uncertain: the server may have created it without answering. Look for it in Wolkvox (its subject, start and record are in import_error), then in r.failed.csv type its id in wolkvox_id if it is there, or no if it is not, and import that file"} {
		if !strings.Contains(got, want) {
			t.Errorf("summary lacks %q:\n%s", want, got)
		}
	}

	// The same stopped run in Spanish: the first sentence tells the truth there too.
	stopped.Lang = i18n.ES
	got = text(stopped)
	for _, want := range []string{"in.csv: 0 de 2 filas creadas; detenida con Ctrl-C", "no_enviada 1", "incierta 1",
		"1 fila no se envió y no necesita corrección: ejecute de nuevo el mismo comando"} {
		if !strings.Contains(got, want) {
			t.Errorf("Spanish summary lacks %q:\n%s", want, got)
		}
	}

	one := &Summary{Input: "in.csv", Results: "r.csv", FailedRows: "r.failed.csv"}
	one.Add(Row{SourceRow: 2, Status: Failed, Error: "SOME PARAMETERS ARE REQUIRED"})
	if got, want := text(one), "rows to fix: r.failed.csv (1 row: correct it there, then import that file)"; !strings.Contains(got, want) {
		t.Errorf("summary lacks %q:\n%s", want, got)
	}
}

func TestWriteJSON(t *testing.T) {
	sum := sampleSummary("reuniones.xlsx", "reuniones.results.xlsx")
	sum.FailedRows = "reuniones.failed.xlsx"
	sum.ReadError = errors.New("row 90: broken quote")
	var b bytes.Buffer
	if err := sum.WriteJSON(&b, sum.ExitCode()); err != nil {
		t.Fatal(err)
	}
	checkGoldenBytes(t, b.Bytes(), "summary.json.golden")

	var got map[string]any
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	keys := func(m map[string]any) []string {
		var k []string
		for key := range m {
			k = append(k, key)
		}
		slices.Sort(k)
		return k
	}
	// The keys are a contract with scripts: present always, snake_case, only ever added.
	want := []string{"counts", "dry_run", "duration_seconds", "end", "errors", "exit_code", "failed_rows", "input", "interrupted", "mapping", "notes", "operation", "other_errors", "outcome", "rate_end", "rate_lowest", "read_error", "removed_failed_rows", "requests", "results", "retries", "rows", "rows_sent", "rows_sent_per_second", "server", "sheet", "start", "stopped"}
	if k := keys(got); !slices.Equal(k, want) {
		t.Errorf("keys %q\nwant %q", k, want)
	}
	if k := keys(got["counts"].(map[string]any)); !slices.Equal(k, []string{"already_imported", "changed", "created", "failed", "invalid", "not_sent", "uncertain", "valid"}) {
		t.Errorf("counts keys %q", k)
	}
	if got["exit_code"] != float64(ExitConfig) || got["start"] != "2024-07-26T14:03:22.000-05:00" || got["duration_seconds"] != 2.5 {
		t.Errorf("exit_code %v start %v duration %v", got["exit_code"], got["start"], got["duration_seconds"])
	}

	// An empty summary still has every key, with empty lists rather than null.
	b.Reset()
	if err := (&Summary{}).WriteJSON(&b, 0); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if k := keys(got); !slices.Equal(k, want) {
		t.Errorf("empty summary keys %q", k)
	}
	if strings.Contains(b.String(), "null") {
		t.Errorf("empty summary has nulls:\n%s", b.String())
	}
}

func TestWriteJSONFile(t *testing.T) {
	t.Chdir(t.TempDir())
	sum := &Summary{Input: "a.csv", Start: time.Now(), End: time.Now()}
	if err := sum.WriteJSONFile("sum.json", 0); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile("sum.json")
	if err != nil || !json.Valid(b) {
		t.Fatalf("sum.json: %v %q", err, b)
	}
	if err := sum.WriteJSONFile("no/such/dir/sum.json", 0); err == nil || !strings.Contains(err.Error(), "no/such/dir/sum.json") {
		t.Fatalf("err = %v, want one that names the file", err)
	}
}

func TestSummaryRate(t *testing.T) {
	s := &Summary{Attempts: 110, Retries: 10, Start: time.Unix(0, 0), End: time.Unix(20, 0)}
	if got := s.Sent(); got != 100 {
		t.Errorf("Sent = %d", got)
	}
	if got := s.SentPerSecond(); got != 5 {
		t.Errorf("SentPerSecond = %g", got)
	}
	if got := (&Summary{}).SentPerSecond(); got != 0 {
		t.Errorf("no duration: SentPerSecond = %g", got)
	}
}
