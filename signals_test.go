package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/wolkvox-import/wolkvox-import/importer/sandbox"
)

// waitForInserts returns once the sandbox has seen n insert requests (or fails after a
// minute, far beyond what the runs below take: a bound, not a timing assertion).
func waitForInserts(t *testing.T, sb *sandbox.Server, n int) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		got := 0
		for _, r := range sb.Requests() {
			if strings.HasSuffix(r.Path, "insert.php") {
				got++
			}
		}
		if got >= n {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("the sandbox never saw %d insert requests", n)
}

// TestSIGHUPWritesResults: the SSH session closing (SIGHUP, which a closing session may
// send twice) stops the run like Ctrl-C: exit 130, the results sheet lists every row.
// The second request hangs until its --timeout, so the signal always comes mid-run.
func TestSIGHUPWritesResults(t *testing.T) {
	const rows = 10
	dir := t.TempDir()
	writeMeetings(t, filepath.Join(dir, "in.csv"), rows)
	sb, url := startSandbox(t, sandbox.Options{Faults: "ok,slow:1m*20"})
	cmd, stdout, stderr := startImport(t, dir, "--server", url, "--operation", "Demo", "--rate", "0",
		"--concurrency", "1", "--timeout", "1500ms", "in.csv")
	waitForInserts(t, sb, 2)
	cmd.Process.Signal(syscall.SIGHUP)
	cmd.Process.Signal(syscall.SIGHUP)
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
	if counts["created"] != 1 || counts["uncertain"] != 1 || counts["not_sent"] != rows-2 {
		t.Fatalf("statuses %v, want 1 created, 1 uncertain (in flight), the rest not_sent", counts)
	}
	if !strings.Contains(r.stdout, "interrupted") {
		t.Fatalf("the summary does not say the run was interrupted:\n%s", r.stdout)
	}
}

// TestSIGHUPIgnoredUnderNohup: started with SIGHUP ignored, as nohup does, the run
// keeps ignoring it.
func TestSIGHUPIgnoredUnderNohup(t *testing.T) {
	if _, err := exec.LookPath("nohup"); err != nil {
		t.Skip("no nohup")
	}
	const rows = 4
	dir := t.TempDir()
	writeMeetings(t, filepath.Join(dir, "in.csv"), rows)
	sb, url := startSandbox(t, sandbox.Options{Faults: "ok,slow:300ms"})
	cmd := exec.Command("nohup", binary(t), "import", "--server", url, "--operation", "Demo", "--rate", "0", "--concurrency", "1", "in.csv")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "WOLKVOX_TOKEN=e2e-token", "HOME="+dir, "XDG_STATE_HOME="+filepath.Join(dir, "state"))
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitForInserts(t, sb, 2)
	cmd.Process.Signal(syscall.SIGHUP)
	r := waitImport(cmd, nil, nil)
	if r.code != 0 {
		t.Fatalf("exit %d, want 0: SIGHUP was not ignored under nohup", r.code)
	}
}

// TestClosedOutputPipes: stdout and stderr are pipes nobody reads any more (`| head`
// that has exited): the import runs to the end, writes its results, exits 0.
func TestClosedOutputPipes(t *testing.T) {
	const rows = 20
	dir := t.TempDir()
	writeMeetings(t, filepath.Join(dir, "in.csv"), rows)
	sb, url := startSandbox(t, sandbox.Options{})
	cmd := exec.Command(binary(t), "import", "--server", url, "--operation", "Demo", "--rate", "0",
		"--verbose", "--progress", "always", "in.csv")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "WOLKVOX_TOKEN=e2e-token", "HOME="+dir, "XDG_STATE_HOME="+filepath.Join(dir, "state"))
	outR, outW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	errR, errW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	outR.Close() // the reader is gone before the first write
	errR.Close()
	cmd.Stdout, cmd.Stderr = outW, errW
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	outW.Close()
	errW.Close()
	err = cmd.Wait()
	if err != nil {
		t.Fatalf("the import did not finish: %v (%v)", err, cmd.ProcessState)
	}
	results := readResults(t, filepath.Join(dir, "in.results.csv"))
	created := 0
	for _, row := range results {
		if row["import_status"] == "created" {
			created++
		}
	}
	if len(results) != rows || created != rows || len(sb.Records()) != rows {
		t.Fatalf("results: %d rows, %d created; sandbox: %d meetings; want %d each", len(results), created, len(sb.Records()), rows)
	}
}
