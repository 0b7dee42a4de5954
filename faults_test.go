package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/wolkvox-import/wolkvox-import/importer/sandbox"
)

// These tests make a real local write fault: the import runs under a file-size limit
// (prlimit --fsize, RLIMIT_FSIZE), so that a write past it fails with EFBIG as on a full
// disk; Go ignores the SIGXFSZ that comes with it.

func importLimited(t *testing.T, dir string, fsize int64, args ...string) runResult {
	t.Helper()
	prlimit, err := exec.LookPath("prlimit")
	if err != nil {
		t.Skip("no prlimit to limit the file size")
	}
	cmd := exec.Command(prlimit, append([]string{"--fsize=" + strconv.FormatInt(fsize, 10), "--", binary(t), "import"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "WOLKVOX_TOKEN=e2e-token", "HOME="+dir, "XDG_STATE_HOME="+filepath.Join(dir, "state"))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return waitImport(cmd, &stdout, &stderr)
}

func inserts(sb *sandbox.Server) int {
	n := 0
	for _, r := range sb.Requests() {
		if strings.HasSuffix(r.Path, "insert.php") {
			n++
		}
	}
	return n
}

var sentBefore = regexp.MustCompile(`Sending stopped at once: (\d+) rows? (?:was|were) sent before it`)

// checkFault checks a run that hit a local write fault: exit 3, the message says what
// could not be written and how many rows were sent (exactly as many as the server saw),
// and sending stopped well before the end.
func checkFault(t *testing.T, r runResult, sb *sandbox.Server, rows int, what string) int {
	t.Helper()
	if r.code != 3 {
		t.Fatalf("exit %d, want 3\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stderr, "could not write "+what) || !strings.Contains(r.stderr, "re-run the same command") ||
		!strings.Contains(r.stderr, "rebuilds the results from the ledger") {
		t.Fatalf("the message does not say what failed and how to recover:\n%s", r.stderr)
	}
	m := sentBefore.FindStringSubmatch(r.stderr)
	if m == nil {
		t.Fatalf("the message does not say how many rows were sent:\n%s", r.stderr)
	}
	sent, _ := strconv.Atoi(m[1])
	if got := inserts(sb); got != sent {
		t.Fatalf("the message says %d rows were sent, the server saw %d", sent, got)
	}
	// The window lets the senders run at most 256 rows ahead of the results writer.
	if sent >= rows {
		t.Fatalf("%d of %d rows sent: sending did not stop at the fault", sent, rows)
	}
	return sent
}

// checkRecovery re-runs the same command without the limit: it sends only the rows never
// sent, the server ends with each meeting once, and the results account for every row.
func checkRecovery(t *testing.T, dir string, sb *sandbox.Server, rows, sent int, args ...string) {
	t.Helper()
	cmd, stdout, stderr := startImport(t, dir, args...)
	r := waitImport(cmd, stdout, stderr)
	if r.code != 0 && r.code != 1 {
		t.Fatalf("re-run: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	if got := inserts(sb); got != rows {
		t.Fatalf("after the re-run the server saw %d inserts for %d rows (%d before): some row was sent twice, or never", got, rows, sent)
	}
	input := args[len(args)-1]
	results := readResults(t, filepath.Join(dir, strings.TrimSuffix(input, ".csv")+".results.csv"))
	counts := map[string]int{}
	for _, row := range results {
		counts[row["import_status"]]++
	}
	if len(results) != rows || counts["created"]+counts["uncertain"] != rows {
		t.Fatalf("re-run results: %d rows, statuses %v", len(results), counts)
	}
}

// TestLedgerWriteFault: the ledger cannot grow (its disk is full) while rows are being
// sent. Before, every row was still sent and each failed with "ledger: ..." (exit 2); now
// sending stops at once, exit 3, and the results sheet is written all the same.
func TestLedgerWriteFault(t *testing.T) {
	const rows = 1000
	dir := t.TempDir()

	// A first import (to another server) makes the ledger; the second may write no file
	// larger than it. The ledger's writes go to its WAL, which starts empty and grows by
	// whole pages with every commit, so it passes the limit within the first rows. (The
	// SQLite ledger holds ~100 bytes a row: 3000 rows keep the limit above the size of the
	// 1000-row results sheet, which must still be written.)
	_, first := startSandbox(t, sandbox.Options{MaxInFlight: -1})
	writeMeetings(t, filepath.Join(dir, "seed.csv"), 3000)
	writeMeetings(t, filepath.Join(dir, "in.csv"), rows)
	cmd, stdout, stderr := startImport(t, dir, "--server", first, "--operation", "Demo", "--rate", "0", "--ledger", "ledger.db", "seed.csv")
	if r := waitImport(cmd, stdout, stderr); r.code != 0 {
		t.Fatalf("first import: exit %d\n%s", r.code, r.stderr)
	}
	info, err := os.Stat(filepath.Join(dir, "ledger.db"))
	if err != nil {
		t.Fatal(err)
	}

	sb, url := startSandbox(t, sandbox.Options{MaxInFlight: -1})
	args := []string{"--server", url, "--operation", "Demo", "--rate", "0", "--ledger", "ledger.db", "in.csv"}
	r := importLimited(t, dir, info.Size(), args...)
	sent := checkFault(t, r, sb, rows, "the ledger")
	if !strings.Contains(r.stdout, "in.results.csv") {
		t.Fatalf("no summary of the written results sheet:\n%s\n%s", r.stdout, r.stderr)
	}
	if results := readResults(t, filepath.Join(dir, "in.results.csv")); len(results) != rows {
		t.Fatalf("results hold %d rows, want %d", len(results), rows)
	}
	checkRecovery(t, dir, sb, rows, sent, args...)
}

// TestResultsWriteFault: the results sheet cannot be written mid-run (rows with a 30 KB
// cell no field uses, so the results grow 100 times faster than the ledger: they pass the
// limit about row 4, the ledger would near row 46). Before, every row was still sent and
// the run ended "error: ..." with exit 2; now sending stops at once, exit 3, and a re-run
// rebuilds the results from the ledger without sending those rows again.
func TestResultsWriteFault(t *testing.T) {
	const rows = 300
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("Asunto,Inicio,Zzz\n")
	wide := strings.Repeat("x", 30_000)
	for i := range rows {
		fmt.Fprintf(&b, "Nota %d,2024-07-%02d 09:%02d,%s\n", i+1, i%28+1, i%60, wide)
	}
	if err := os.WriteFile(filepath.Join(dir, "wide.csv"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	sb, url := startSandbox(t, sandbox.Options{Latency: 10 * time.Millisecond})
	args := []string{"--server", url, "--operation", "Demo", "--rate", "0", "--ledger", "ledger.db", "wide.csv"}
	r := importLimited(t, dir, 100_000, args...)
	sent := checkFault(t, r, sb, rows, "the results sheet")
	if _, err := os.Stat(filepath.Join(dir, "wide.results.csv")); err == nil {
		t.Fatal("a results sheet was written after its write failed")
	}
	checkRecovery(t, dir, sb, rows, sent, args...)
}

// TestFewFileDescriptors: with only a handful of files allowed (ulimit -n), whichever open
// fails first (the ledger, the results sheet, the failed-rows file, a connection), the run
// says what and exits with a status, never a panic. Before, a failed-rows file that could
// not be created left a nil writer that Abort then called: a nil-pointer panic.
func TestFewFileDescriptors(t *testing.T) {
	prlimit, err := exec.LookPath("prlimit")
	if err != nil {
		t.Skip("no prlimit to limit the open files")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "in.csv"), []byte("Asunto,Inicio\nUno,2024-07-26 09:30\nDos,nope\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for n := 8; n <= 16; n++ {
		cmd := exec.Command(prlimit, "--nofile="+strconv.Itoa(n), "--", binary(t), "import", "--sandbox", "--operation", "Demo", "--rate", "0", "--timeout", "1s", "in.csv")
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "HOME="+dir, "XDG_STATE_HOME="+filepath.Join(dir, "state"))
		out, _ := cmd.CombinedOutput()
		if bytes.Contains(out, []byte("panic:")) || bytes.Contains(out, []byte("goroutine ")) {
			t.Fatalf("--nofile=%d: the run panicked:\n%s", n, out)
		}
		if code := cmd.ProcessState.ExitCode(); code != 1 && code != 2 && code != 3 {
			t.Errorf("--nofile=%d: exit %d, want 1 (a row invalid), 2 or 3:\n%s", n, code, out)
		}
	}
}
