package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wolkvox-import/wolkvox-import/importer/sandbox"
)

// TestLedgerBesideImports runs two imports of different inputs on one ledger at once,
// reads the ledger while they run (the ledger command, and the sqlite3 shell when there
// is one), then runs two imports of the same input at once: the claim decides which
// sends each row, so the server never holds a meeting twice.
func TestLedgerBesideImports(t *testing.T) {
	if testing.Short() {
		t.Skip("runs several imports at once")
	}
	const rows = 300
	dir := t.TempDir()
	writeMeetings(t, filepath.Join(dir, "a.csv"), rows)
	b, err := os.ReadFile(filepath.Join(dir, "a.csv"))
	if err != nil {
		t.Fatal(err)
	}
	// Other meetings: other subjects.
	if err := os.WriteFile(filepath.Join(dir, "b.csv"), bytes.ReplaceAll(b, []byte("Reunión"), []byte("Junta")), 0o644); err != nil {
		t.Fatal(err)
	}
	sb, url := startSandbox(t, sandbox.Options{Latency: 10 * time.Millisecond, MaxInFlight: -1})
	args := func(input string) []string {
		return []string{"--server", url, "--operation", "Demo", "--concurrency", "2", "--rate", "0", "--ledger", "shared.db", input}
	}

	a, aout, aerr := startImport(t, dir, args("a.csv")...)
	bc, bout, berr := startImport(t, dir, args("b.csv")...)
	for deadline := time.Now().Add(20 * time.Second); len(sb.Records()) < 40; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the imports sent %d rows in 20 s", len(sb.Records()))
		}
	}
	// The ledger command, while both write.
	cmd := exec.Command(binary(t), "ledger", "--ledger", "shared.db")
	cmd.Dir = dir
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("ledger during the imports: %v\n%s", err, errb.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if lines[0] != "sent_at,done_at,state,import_status,wolkvox_id,subject,server,operation,input,source_row,error" || len(lines) < 2 {
		t.Fatalf("ledger during the imports wrote:\n%s", out.String())
	}
	during := len(lines) - 1
	// A standard client, while both write.
	if sqlite3, err := exec.LookPath("sqlite3"); err == nil {
		cmd := exec.Command(sqlite3, "-readonly", "shared.db", "SELECT input, count(*) FROM imports WHERE state = 'created' GROUP BY input ORDER BY input")
		cmd.Dir = dir
		got, err := cmd.CombinedOutput()
		if err != nil || !strings.Contains(string(got), ".csv|") {
			t.Fatalf("sqlite3 during the imports: %v\n%s", err, got)
		}
		t.Logf("sqlite3 during the imports:\n%s", got)
	}
	for name, r := range map[string]runResult{"a.csv": waitImport(a, aout, aerr), "b.csv": waitImport(bc, bout, berr)} {
		if r.code != 0 {
			t.Fatalf("import of %s beside another: exit %d\n%s\n%s", name, r.code, r.stdout, r.stderr)
		}
	}
	if got := len(sb.Records()); got != 2*rows {
		t.Fatalf("the server holds %d meetings, want %d", got, 2*rows)
	}
	t.Logf("the ledger command listed %d entries while the imports ran", during)

	// The same rows, twice at once.
	writeMeetings(t, filepath.Join(dir, "c.csv"), rows)
	c, _ := os.ReadFile(filepath.Join(dir, "c.csv"))
	os.WriteFile(filepath.Join(dir, "c.csv"), bytes.ReplaceAll(c, []byte("Reunión"), []byte("Cita")), 0o644)
	os.WriteFile(filepath.Join(dir, "c2.csv"), bytes.ReplaceAll(c, []byte("Reunión"), []byte("Cita")), 0o644)
	before := len(sb.Records())
	x, xout, xerr := startImport(t, dir, args("c.csv")...)
	y, yout, yerr := startImport(t, dir, args("c2.csv")...)
	rx, ry := waitImport(x, xout, xerr), waitImport(y, yout, yerr)
	for _, r := range []runResult{rx, ry} {
		if r.code != 0 && r.code != 1 { // 1: rows the other run held "sending" are uncertain
			t.Fatalf("import of the same rows beside another: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
		}
	}
	seen := map[string]int{}
	for _, rec := range sb.Records()[before:] {
		seen[string(rec.Fields)]++
	}
	for name, n := range seen {
		if n > 1 {
			t.Fatalf("%s created %d times by two imports of the same rows", name, n)
		}
	}
	if len(seen) != rows {
		t.Fatalf("two imports of the same %d rows created %d meetings", rows, len(seen))
	}
}
