package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/xuri/excelize/v2"
	bolt "go.etcd.io/bbolt"

	"github.com/wolkvox-import/wolkvox-import/importer/ledger"
	"github.com/wolkvox-import/wolkvox-import/importer/sandbox"
)

var update = flag.Bool("update", false, "rewrite the expected files of testdata/script from what the tool does")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"wolkvox-import": main,
	})
}

// TestScripts runs the end-to-end scenarios of testdata/script: the real command, built
// into the test binary, against a sandbox served over loopback by this test process.
func TestScripts(t *testing.T) {
	root, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *update,
		Setup: func(env *testscript.Env) error {
			env.Setenv("ROOT", root)
			env.Setenv("HOME", env.WorkDir)
			env.Setenv("XDG_STATE_HOME", filepath.Join(env.WorkDir, "state"))
			env.Setenv("WOLKVOX_TOKEN", "")
			env.Setenv("WOLKVOX_SERVER", "")
			env.Setenv("WOLKVOX_OPERATION", "")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"status":   cmdStatus,
			"sandbox":  cmdSandbox,
			"records":  cmdRecords,
			"requests": cmdRequests,
			"calls":    cmdCalls,
			"waited":   cmdWaited,
			"redact":   cmdRedact,
			"nowhere":  cmdNowhere,
			"results":  cmdResults,
			"damage":   cmdDamage,
			"tobbolt":  cmdToBolt,
		},
	})
}

// status N PROG ARGS... runs PROG like exec and checks that it exits with status N;
// its output is then inspected with stdout and stderr as usual.
func cmdStatus(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: status N PROG [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			ts.Fatalf("%s: %v", args[1], err)
		}
		got = exit.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
	}
}

// damage MODE FILE damages a ledger file as disks and copies do: "half" truncates it to
// half its size (at most 3 pages), "meta" overwrites its two header pages with bytes that are the same on
// every run.
func cmdDamage(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: damage half|meta FILE")
	}
	path := ts.MkAbs(args[1])
	info, err := os.Stat(path)
	ts.Check(err)
	switch args[0] {
	case "half":
		// Half the file, and at most three 4 KiB pages: a ledger of a few rows may hold
		// all its live pages in its first half (how commits group changes the layout),
		// and a cut past the last live page is no damage at all. Three pages is always
		// short of the four any ledger has (two headers, the freelist, the root).
		ts.Check(os.Truncate(path, min(info.Size()/2, 3*4096)))
	case "meta":
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		ts.Check(err)
		junk := bytes.Repeat([]byte{0x5a, 0xc3, 0x17, 0xe8}, 2*4096/4)
		_, err = f.WriteAt(junk, 0)
		ts.Check(err)
		ts.Check(f.Close())
	default:
		ts.Fatalf("damage: unknown mode %q", args[0])
	}
}

// redact FILE replaces what changes from run to run in a summary (durations, rates) with
// <t>, so that a summary can be compared whole.
func cmdRedact(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: redact FILE")
	}
	path := ts.MkAbs(args[0])
	b, err := os.ReadFile(path)
	ts.Check(err)
	b = durationRE.ReplaceAll(b, []byte("<t>"))
	ts.Check(os.WriteFile(path, b, 0o644))
}

var durationRE = regexp.MustCompile(`\b[0-9]+(\.[0-9]+)?(ns|µs|ms|s|m[0-9.]+s|h[0-9ms.]+)\b`)

// tobbolt FILE rewrites the ledger FILE in the format of earlier versions (a bbolt file,
// an entry as JSON under its key), as a user upgrading from one would have it.
func cmdToBolt(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: tobbolt FILE")
	}
	path := ts.MkAbs(args[0])
	got, _, err := ledger.Salvage(path)
	ts.Check(err)
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		os.Remove(p)
	}
	db, err := bolt.Open(path, 0o600, nil)
	ts.Check(err)
	ts.Check(db.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucket([]byte("rows"))
		if err != nil {
			return err
		}
		for _, s := range got {
			v, err := json.Marshal(s.Entry)
			if err != nil {
				return err
			}
			if err := b.Put(s.Key[:], v); err != nil {
				return err
			}
		}
		return nil
	}))
	ts.Check(db.Close())
}

// nowhere TEXT DIR fails if any file under DIR holds TEXT (the token must never be
// written to results, ledger or logs).
func cmdNowhere(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: nowhere TEXT DIR")
	}
	files := 0
	err := filepath.WalkDir(ts.MkAbs(args[1]), func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		files++
		if bytes.Contains(b, []byte(args[0])) {
			return fmt.Errorf("%s holds %q", path, args[0])
		}
		return nil
	})
	ts.Check(err)
	if files == 0 {
		ts.Fatalf("nowhere: no files under %s", args[1])
	}
}

var (
	sandboxCount atomic.Int64
	sandboxesMu  sync.Mutex
	sandboxes    = map[*testscript.TestScript]*sandbox.Server{}
)

func sandboxOf(ts *testscript.TestScript) *sandbox.Server {
	sandboxesMu.Lock()
	defer sandboxesMu.Unlock()
	sb := sandboxes[ts]
	if sb == nil {
		ts.Fatalf("no sandbox: start one with the sandbox command first")
	}
	return sb
}

// sandbox [-token T] [-faults SCRIPT] [-latency D] [-max-in-flight N] [-daily-limit N]
// starts a sandbox for this script and sets $SERVER to its URL.
func cmdSandbox(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! sandbox")
	}
	fs := flag.NewFlagSet("sandbox", flag.ContinueOnError)
	var opts sandbox.Options
	fs.StringVar(&opts.Token, "token", "test-token", "")
	fs.StringVar(&opts.Faults, "faults", "", "")
	fs.DurationVar(&opts.Latency, "latency", 0, "")
	fs.IntVar(&opts.MaxInFlight, "max-in-flight", 0, "")
	fs.IntVar(&opts.DailyLimit, "daily-limit", 0, "")
	ts.Check(fs.Parse(args))
	sb, err := sandbox.New(opts)
	ts.Check(err)
	url, err := sb.Start("127.0.0.1:0")
	ts.Check(err)
	sandboxesMu.Lock()
	if prev := sandboxes[ts]; prev != nil {
		prev.Close() // a script starts a fresh sandbox for each case
	} else {
		ts.Defer(func() {
			sandboxesMu.Lock()
			defer sandboxesMu.Unlock()
			sandboxes[ts].Close()
			delete(sandboxes, ts)
		})
	}
	sandboxes[ts] = sb
	sandboxesMu.Unlock()
	ts.Setenv("SERVER", url)
	// A fresh ledger with each sandbox: a new sandbox may get a port an earlier one had,
	// and the ledger, keyed on the server's address, would take it for the same server.
	ts.Setenv("XDG_STATE_HOME", ts.MkAbs(fmt.Sprintf("state-%d", sandboxCount.Add(1))))
}

// waited N D checks that insert request N+1 arrived at least D after request N (1-based),
// as the server measured it.
func cmdWaited(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: waited N DURATION")
	}
	n, err := strconv.Atoi(args[0])
	ts.Check(err)
	want, err := time.ParseDuration(args[1])
	ts.Check(err)
	var at []time.Time
	for _, r := range sandboxOf(ts).Requests() {
		if strings.HasSuffix(r.Path, "insert.php") {
			at = append(at, r.At)
		}
	}
	if n < 1 || n >= len(at) {
		ts.Fatalf("waited %d: the sandbox saw %d insert requests", n, len(at))
	}
	if got := at[n].Sub(at[n-1]); got < want {
		ts.Fatalf("request %d came %v after request %d, want at least %v", n+1, got, n, want)
	}
}

// records FILE writes the fields of every meeting the sandbox created, one JSON object a
// line, sorted (senders run concurrently, so creation order varies).
func cmdRecords(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: records FILE")
	}
	var lines []string
	for _, r := range sandboxOf(ts).Records() {
		var buf bytes.Buffer
		ts.Check(json.Compact(&buf, r.Fields))
		lines = append(lines, r.Operation+" "+buf.String())
	}
	sort.Strings(lines)
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte(strings.Join(lines, "\n")+"\n"), 0o644))
}

// requests N checks that the sandbox received exactly N insert requests.
func cmdRequests(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: requests N")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	got := 0
	for _, r := range sandboxOf(ts).Requests() {
		if strings.HasSuffix(r.Path, "insert.php") {
			got++
		}
	}
	if (got == want) == neg {
		ts.Fatalf("sandbox received %d insert requests, want %s%d", got, map[bool]string{true: "not ", false: ""}[neg], want)
	}
}

// calls N checks that the sandbox received N requests of any kind (inserts and
// tokenInformation: both count against the daily allowance).
func cmdCalls(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: calls N")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	if got := sandboxOf(ts).CallsToday(ts.Getenv("WOLKVOX_TOKEN")); got != want {
		ts.Fatalf("sandbox received %d requests (inserts and tokenInformation), want %d", got, want)
	}
}

// results SHEET FILE writes the results sheet as text, one row a line, cells joined by
// " | ". A wolkvox_id the sandbox holds is written as <id>; any other id stays as it is,
// so that a comparison with the expected text fails on an id the server never gave.
// Each id must appear on one row only.
func cmdResults(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: results SHEET FILE")
	}
	rows, err := readSheet(ts.MkAbs(args[0]))
	ts.Check(err)
	known := map[string]bool{}
	sandboxesMu.Lock()
	sb := sandboxes[ts]
	sandboxesMu.Unlock()
	if sb != nil {
		for _, r := range sb.Records() {
			known[r.ID] = true
		}
	}
	idCol := -1
	seen := map[string]int{}
	var out strings.Builder
	for i, row := range rows {
		if idCol < 0 { // the header: row 1, or lower when the input had rows above its own
			for c, h := range row {
				if h == "wolkvox_id" || h == "id_wolkvox" {
					idCol = c
				}
			}
		} else if idCol >= 0 && idCol < len(row) && row[idCol] != "" {
			id := row[idCol]
			if prev, dup := seen[id]; dup {
				ts.Fatalf("wolkvox_id %s is on rows %d and %d", id, prev, i+1)
			}
			seen[id] = i + 1
			if known[id] {
				row[idCol] = "<id>"
			}
		}
		fmt.Fprintln(&out, strings.Join(row, " | "))
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), []byte(out.String()), 0o644))
}

func readSheet(path string) ([][]string, error) {
	if strings.HasSuffix(path, ".xlsx") {
		f, err := excelize.OpenFile(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		rows, err := f.GetRows(f.GetSheetName(0))
		if err != nil {
			return nil, err
		}
		// GetRows drops trailing empty cells: pad to the header's width.
		for i := range rows {
			for len(rows[i]) < len(rows[0]) {
				rows[i] = append(rows[i], "")
			}
		}
		return rows, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(b, []byte("\uFEFF")) {
		return nil, fmt.Errorf("%s: a CSV results sheet must start with a UTF-8 BOM", path)
	}
	r := csv.NewReader(bytes.NewReader(b[3:]))
	r.Comma = detectComma(b[3:])
	return r.ReadAll()
}

func detectComma(b []byte) rune {
	line, _, _ := bytes.Cut(b, []byte("\n"))
	best, n := ',', 0
	for _, c := range []rune{',', ';', '\t', '|'} {
		if k := bytes.Count(line, []byte(string(c))); k > n {
			best, n = c, k
		}
	}
	return best
}
