package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/wolkvox-import/wolkvox-import/importer/sandbox"
)

// These tests run the binary as users do, built by `go build`, as a separate process
// that can be killed.

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

func binary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "wolkvox-import-bin")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "wolkvox-import")
		cmd := exec.Command("go", "build", "-o", binPath, ".")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// writeMeetings writes n distinct meetings as CSV.
func writeMeetings(t *testing.T, path string, n int) {
	t.Helper()
	var b strings.Builder
	b.WriteString("Asunto,Inicio,Participantes\n")
	for i := range n {
		fmt.Fprintf(&b, "Reunión %d,2024-07-%02d 09:%02d,Ana; Luis %d\n", i+1, i%28+1, i%60, i)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

type runResult struct {
	code           int
	stdout, stderr string
}

func startImport(t *testing.T, dir string, args ...string) (*exec.Cmd, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(binary(t), append([]string{"import"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "WOLKVOX_TOKEN=e2e-token", "HOME="+dir, "XDG_STATE_HOME="+filepath.Join(dir, "state"))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, &stdout, &stderr
}

func waitImport(cmd *exec.Cmd, stdout, stderr *bytes.Buffer) runResult {
	err := cmd.Wait()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	}
	return runResult{code, stdout.String(), stderr.String()}
}

func startSandbox(t *testing.T, opts sandbox.Options) (*sandbox.Server, string) {
	t.Helper()
	if opts.Token == "" {
		opts.Token = "e2e-token"
	}
	sb, err := sandbox.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	url, err := sb.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sb.Close() })
	return sb, url
}

// readResults reads a CSV results sheet into maps keyed by header.
func readResults(t *testing.T, path string) []map[string]string {
	t.Helper()
	rows, err := readSheet(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, r := range rows[1:] {
		m := map[string]string{}
		for i, h := range rows[0] {
			if i < len(r) {
				m[h] = r[i]
			}
		}
		out = append(out, m)
	}
	return out
}

// TestKillNineAndResume kills the import with SIGKILL at three different moments, then
// lets a final run finish, and checks the non-negotiables: every row accounted for
// once, nothing created twice, every id real, and only the rows the ledger can leave
// "sending" at a kill uncertain: the rows holding a request slot (the sender queues a
// row's outcome before freeing its slot, and the ledger commits in queue order), plus
// the rows waiting to retry a retryable answer.
func TestKillNineAndResume(t *testing.T) {
	if testing.Short() {
		t.Skip("kills a real process several times")
	}
	const rows, concurrency = 240, 2
	dir := t.TempDir()
	input := filepath.Join(dir, "big.csv")
	writeMeetings(t, input, rows)
	sb, url := startSandbox(t, sandbox.Options{Latency: 15 * time.Millisecond})
	args := []string{"--server", url, "--operation", "Demo", "--concurrency", strconv.Itoa(concurrency), "--rate", "0", "big.csv"}

	kills, retryable := 0, 0
	for _, after := range []time.Duration{300 * time.Millisecond, 700 * time.Millisecond, time.Duration(200+rand.IntN(600)) * time.Millisecond} {
		before, sent := len(sb.Records()), len(sb.Requests())
		cmd, stdout, stderr := startImport(t, dir, args...)
		time.Sleep(after)
		cmd.Process.Signal(syscall.SIGKILL)
		r := waitImport(cmd, stdout, stderr)
		if r.code == 0 {
			t.Fatalf("the run finished before the kill at %v: make the input bigger", after)
		}
		kills++
		for _, req := range sb.Requests()[sent:] {
			if req.Created == "" && strings.HasSuffix(req.Path, "insert.php") {
				retryable++ // an answer that created nothing: its row may be waiting to retry
			}
		}
		t.Logf("killed after %v: sandbox went from %d to %d meetings", after, before, len(sb.Records()))
	}

	cmd, stdout, stderr := startImport(t, dir, args...)
	r := waitImport(cmd, stdout, stderr)
	if r.code != 0 && r.code != 1 {
		t.Fatalf("final run: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}

	// Nothing created twice, as the server saw it.
	records := sb.Records()
	names := map[string]string{}
	for _, rec := range records {
		var f struct{ Name string }
		if err := json.Unmarshal(rec.Fields, &f); err != nil {
			t.Fatal(err)
		}
		if prev, dup := names[f.Name]; dup {
			t.Fatalf("%q created twice: ids %s and %s", f.Name, prev, rec.ID)
		}
		names[f.Name] = rec.ID
	}

	results := readResults(t, filepath.Join(dir, "big.results.csv"))
	if len(results) != rows {
		t.Fatalf("results hold %d rows, want %d", len(results), rows)
	}
	uncertain := 0
	for i, row := range results {
		if got, want := row["source_row"], strconv.Itoa(i+2); got != want {
			t.Fatalf("results row %d has source_row %s, want %s", i, got, want)
		}
		switch row["import_status"] {
		case "created":
			if id := names[row["Asunto"]]; id == "" || id != row["wolkvox_id"] {
				t.Errorf("row %s: id %q, the sandbox holds %q", row["source_row"], row["wolkvox_id"], id)
			}
		case "uncertain":
			uncertain++
		default:
			t.Errorf("row %s: status %s (%s)", row["source_row"], row["import_status"], row["import_error"])
		}
	}
	// At most `concurrency` rows held a slot at each kill, plus those waiting to retry.
	if bound := kills*concurrency + retryable; uncertain > bound {
		t.Fatalf("%d rows uncertain, but at most %d held a request slot at the %d kills (%d per kill) or waited to retry (%d answers created nothing)",
			uncertain, bound, kills, concurrency, retryable)
	}
	if got, want := len(records), rows-uncertain; got < want {
		t.Fatalf("sandbox holds %d meetings, want at least %d", got, want)
	}
	t.Logf("final: %d created by the server, %d uncertain (bound %d: %d kills × %d slots + %d retryable answers)",
		len(records), uncertain, kills*concurrency+retryable, kills, concurrency, retryable)
}

// TestInterruptWritesResults sends SIGINT mid-run: exit 130, in-flight requests finish,
// and the results sheet lists every row, the unsent ones as not_sent.
func TestInterruptWritesResults(t *testing.T) {
	const rows = 200
	dir := t.TempDir()
	writeMeetings(t, filepath.Join(dir, "in.csv"), rows)
	sb, url := startSandbox(t, sandbox.Options{Latency: 20 * time.Millisecond})
	cmd, stdout, stderr := startImport(t, dir, "--server", url, "--operation", "Demo", "--rate", "0", "in.csv")
	time.Sleep(400 * time.Millisecond)
	cmd.Process.Signal(os.Interrupt)
	r := waitImport(cmd, stdout, stderr)
	if r.code != 130 {
		t.Fatalf("exit %d, want 130\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	results := readResults(t, filepath.Join(dir, "in.results.csv"))
	if len(results) != rows {
		t.Fatalf("results hold %d rows, want %d", len(results), rows)
	}
	counts := map[string]int{}
	for _, row := range results {
		counts[row["import_status"]]++
	}
	if counts["created"] != len(sb.Records()) || counts["not_sent"] == 0 || counts["created"]+counts["not_sent"] != rows {
		t.Fatalf("statuses %v; sandbox created %d", counts, len(sb.Records()))
	}
}

// TestRateMeasuredAtServer checks the limiter as the server sees it: in no one-second
// window do more than rate+burst requests arrive. (An upper bound only: a lower bound on
// speed would be a timing assertion on a shared machine; bench/ measures that.)
func TestRateMeasuredAtServer(t *testing.T) {
	const rows, perSecond, burst = 60, 20, 2
	dir := t.TempDir()
	writeMeetings(t, filepath.Join(dir, "in.csv"), rows)
	sb, url := startSandbox(t, sandbox.Options{Latency: 5 * time.Millisecond, MaxInFlight: -1})
	cmd, stdout, stderr := startImport(t, dir, "--server", url, "--operation", "Demo",
		"--concurrency", "8", "--rate", strconv.Itoa(perSecond), "--burst", strconv.Itoa(burst), "in.csv")
	if r := waitImport(cmd, stdout, stderr); r.code != 0 {
		t.Fatalf("exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	var at []time.Time
	for _, r := range sb.Requests() {
		if strings.HasSuffix(r.Path, "insert.php") {
			at = append(at, r.At)
		}
	}
	if len(at) != rows {
		t.Fatalf("the server saw %d inserts, want %d", len(at), rows)
	}
	if worst := maxInWindow(at, time.Second); worst > perSecond+burst {
		t.Fatalf("%d requests arrived within one second, want at most %d", worst, perSecond+burst)
	}
}

// maxInWindow is the largest number of times within any window of length w.
func maxInWindow(at []time.Time, w time.Duration) int {
	sorted := append([]time.Time(nil), at...)
	slices.SortFunc(sorted, func(a, b time.Time) int { return a.Compare(b) })
	worst, lo := 0, 0
	for hi := range sorted {
		for sorted[hi].Sub(sorted[lo]) >= w {
			lo++
		}
		worst = max(worst, hi-lo+1)
	}
	return worst
}
