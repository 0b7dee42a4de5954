// Command wolkvox-import bulk-imports meetings from CSV and XLSX files into Wolkvox CRM.
// This file holds only flags and wiring; the work is in importer/, mapping/ and report/.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/term"

	"github.com/wolkvox-import/wolkvox-import/cli"
	"github.com/wolkvox-import/wolkvox-import/i18n"
	"github.com/wolkvox-import/wolkvox-import/importer"
	"github.com/wolkvox-import/wolkvox-import/importer/ledger"
	"github.com/wolkvox-import/wolkvox-import/importer/sandbox"
	"github.com/wolkvox-import/wolkvox-import/importer/source"
	"github.com/wolkvox-import/wolkvox-import/importer/wolkvox"
	"github.com/wolkvox-import/wolkvox-import/mapping"
	"github.com/wolkvox-import/wolkvox-import/report"
)

// exitLocalFault is SPEC's exit status 3: a local file (the results sheet, the ledger,
// the disk) could not be written after sending began.
const exitLocalFault = 3

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// watch is the running import, as the signal handler tells the user about it.
var watch = new(importer.Watch)

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	handleSignals(cancel, watch)
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// handleSignals makes Ctrl-C, SIGTERM and SIGHUP (the SSH session or terminal closed)
// stop the run the same way: cancel, finish the requests in flight, write the results,
// exit 130, saying so ("stopping: waiting for 2 requests in flight"). A second Ctrl-C or
// SIGTERM then quits at once (exit 130), saying what it leaves behind; more SIGHUPs do
// not (a closing session sends one from the kernel and one from the shell). A program
// started with SIGHUP ignored (nohup) keeps ignoring it.
//
// Without signal.Notify for SIGPIPE, Go kills the process on a write to a broken pipe on
// fd 1 or 2 (`wolkvox-import import ... 2>&1 | head`): with it, the write returns EPIPE,
// which the output code ignores, and the import goes on.
func handleSignals(cancel context.CancelFunc, w *importer.Watch) {
	signal.Notify(make(chan os.Signal, 1), syscall.SIGPIPE)
	stops := []os.Signal{os.Interrupt, syscall.SIGTERM}
	if !signal.Ignored(syscall.SIGHUP) {
		stops = append(stops, syscall.SIGHUP)
	}
	c := make(chan os.Signal, 4)
	signal.Notify(c, stops...)
	go func() {
		<-c
		w.Say(os.Stderr, w.Stopping())
		cancel()
		for sig := range c {
			if sig != syscall.SIGHUP {
				w.Say(os.Stderr, w.Quitting())
				os.Exit(report.ExitInterrupted)
			}
		}
	}()
}

const usage = `wolkvox-import: bulk-import meetings from CSV and XLSX files into Wolkvox CRM.

Usage:
  wolkvox-import import [flags] INPUT      import INPUT (.csv or .xlsx)
  wolkvox-import sandbox [--listen ADDR]   run the local Wolkvox stand-in
  wolkvox-import serve [--sandbox]         the page for back-office staff, in the browser
  wolkvox-import mapping init INPUT        write a starter mapping from INPUT's headers
  wolkvox-import ledger [--ledger FILE]    what was imported, when, with which ids (CSV)
  wolkvox-import completion SHELL          shell completion: bash, zsh, fish, powershell
  wolkvox-import version

Try it (no server, no token needed):
  wolkvox-import import --sandbox --mapping samples/mapping.yaml samples/meetings.xlsx

Run "wolkvox-import import --help" for the import flags.
`

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return report.ExitConfig
	}
	if strings.HasPrefix(args[0], "-") && !isHelpOrVersion(args[0]) {
		cli.UsageError(stderr, "", fmt.Errorf("flag provided but not defined: %s", args[0]))
		return report.ExitConfig
	}
	switch args[0] {
	case "import":
		return runImport(ctx, args[1:], stdout, stderr)
	case "sandbox":
		return runSandbox(ctx, args[1:], stdout, stderr)
	case "serve":
		return runServe(ctx, args[1:], stdout, stderr)
	case "ledger":
		return runLedger(args[1:], stdout, stderr)
	case "mapping":
		if len(args) < 2 || args[1] != "init" {
			fmt.Fprint(stderr, "usage: wolkvox-import mapping init [flags] INPUT\n")
			return report.ExitConfig
		}
		return runMappingInit(args[2:], stdout, stderr)
	case "completion":
		return runCompletion(args[1:], stdout, stderr)
	case "version", "--version", "-version":
		fmt.Fprintln(stdout, cli.Version(version))
		return report.ExitOK
	case "help", "--help", "-help", "-h":
		fmt.Fprint(stdout, usage)
		return report.ExitOK
	}
	cli.UsageError(stderr, "", errors.New(i18n.New(localeLang()).T("cli.unknown_command", args[0])))
	return report.ExitConfig
}

func isHelpOrVersion(a string) bool {
	switch a {
	case "--help", "-help", "-h", "--version", "-version":
		return true
	}
	return false
}

func localeLang() i18n.Lang {
	lang, _ := i18n.Detect("")
	return lang
}

// runCompletion is `wolkvox-import completion SHELL`: the shell's completion script.
func runCompletion(args []string, stdout, stderr io.Writer) int {
	if len(args) == 1 && (args[0] == "--help" || args[0] == "-h") {
		fmt.Fprintf(stdout, "Usage: wolkvox-import completion bash|zsh|fish|powershell\n\nWrites the shell's completion script on stdout. For example:\n  wolkvox-import completion bash > ~/.local/share/bash-completion/completions/wolkvox-import\n  wolkvox-import completion zsh > \"${fpath[1]}/_wolkvox-import\"\n  wolkvox-import completion fish > ~/.config/fish/completions/wolkvox-import.fish\n  wolkvox-import completion powershell >> $PROFILE\n")
		return report.ExitOK
	}
	var f importFlags
	cmds := []cli.Command{
		{Name: "import", Flags: cli.FlagNames(newImportFlagSet(&f, io.Discard, i18n.EN))},
		{Name: "sandbox", Flags: []string{"daily-limit", "faults", "help", "latency", "listen", "max-in-flight", "quiet"}},
		{Name: "serve", Flags: []string{"help", "lang", "ledger", "listen", "no-open", "sandbox"}},
		{Name: "mapping", Flags: []string{"delimiter", "encoding", "help", "o", "sheet"}, Args: []string{"init"}},
		{Name: "ledger", Flags: []string{"help", "input", "lang", "ledger", "salvage", "since", "state", "uncertain"}},
		{Name: "completion", Args: cli.Shells},
		{Name: "version"},
		{Name: "help"},
	}
	if len(args) != 1 || !cli.Completion(stdout, args[0], cmds) {
		cli.UsageError(stderr, "completion", errors.New(i18n.New(localeLang()).T("cli.completion.usage")))
		return report.ExitConfig
	}
	return report.ExitOK
}

type importFlags struct {
	mapping, sheet, server, tokenFile, operation, results, ledger string
	encoding, delimiter, progress, summaryJSON, logFormat         string
	concurrency, burst, retries, headerRow                        int
	rate                                                          float64
	timeout, maxWait                                              time.Duration
	dryRun, resume, allowDuplicates, retryUncertain, useSandbox   bool
	verbose, skipHidden, waitForAllowance, sandboxReset           bool
	lang                                                          string
}

func newImportFlagSet(f *importFlags, stderr io.Writer, lang i18n.Lang) *flag.FlagSet {
	p := i18n.New(lang)
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), p.T("help.import"))
		fs.PrintDefaults()
	}
	fs.StringVar(&f.mapping, "mapping", "", p.T("flag.import.mapping"))
	fs.StringVar(&f.sheet, "sheet", "", p.T("flag.import.sheet"))
	fs.StringVar(&f.server, "server", os.Getenv("WOLKVOX_SERVER"), p.T("flag.import.server"))
	fs.StringVar(&f.tokenFile, "token-file", "", p.T("flag.import.token-file"))
	fs.StringVar(&f.operation, "operation", os.Getenv("WOLKVOX_OPERATION"), p.T("flag.import.operation"))
	fs.StringVar(&f.results, "results", "", p.T("flag.import.results"))
	fs.StringVar(&f.ledger, "ledger", "", p.T("flag.import.ledger"))
	fs.StringVar(&f.encoding, "encoding", "", p.T("flag.import.encoding"))
	fs.StringVar(&f.delimiter, "delimiter", "", p.T("flag.import.delimiter"))
	fs.IntVar(&f.headerRow, "header-row", 0, p.T("flag.import.header-row"))
	fs.BoolVar(&f.skipHidden, "skip-hidden-rows", false, p.T("flag.import.skip-hidden-rows"))
	fs.StringVar(&f.lang, "lang", "", p.T("flag.import.lang"))
	fs.IntVar(&f.concurrency, "concurrency", 2, p.T("flag.import.concurrency"))
	fs.Float64Var(&f.rate, "rate", 5, p.T("flag.import.rate"))
	fs.IntVar(&f.burst, "burst", 1, p.T("flag.import.burst"))
	fs.IntVar(&f.retries, "retries", 3, p.T("flag.import.retries"))
	f.timeout, f.maxWait = 30*time.Second, 10*time.Minute
	fs.Var(durationFlag{&f.timeout}, "timeout", p.T("flag.import.timeout"))
	fs.Var(durationFlag{&f.maxWait}, "max-wait", p.T("flag.import.max-wait"))
	fs.BoolVar(&f.dryRun, "dry-run", false, p.T("flag.import.dry-run"))
	fs.BoolVar(&f.resume, "resume", false, p.T("flag.import.resume"))
	fs.BoolVar(&f.allowDuplicates, "allow-duplicates", false, p.T("flag.import.allow-duplicates"))
	fs.BoolVar(&f.waitForAllowance, "wait-for-allowance", false, p.T("flag.import.wait-for-allowance"))
	fs.BoolVar(&f.retryUncertain, "retry-uncertain", false, p.T("flag.import.retry-uncertain"))
	fs.BoolVar(&f.useSandbox, "sandbox", false, p.T("flag.import.sandbox"))
	fs.BoolVar(&f.sandboxReset, "sandbox-reset", false, p.T("flag.import.sandbox-reset"))
	fs.BoolVar(&f.verbose, "verbose", false, p.T("flag.import.verbose"))
	fs.StringVar(&f.progress, "progress", report.ProgressAuto, p.T("flag.import.progress"))
	fs.StringVar(&f.logFormat, "log-format", "text", p.T("flag.import.log-format"))
	fs.StringVar(&f.summaryJSON, "summary-json", "", p.T("flag.import.summary-json"))
	return fs
}

func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	for _, a := range args {
		if name := strings.TrimLeft(strings.SplitN(a, "=", 2)[0], "-"); strings.HasPrefix(a, "-") && name == "token" {
			lang, _ := i18n.Detect(langArg(args))
			fmt.Fprintln(stderr, i18n.New(lang).T("cli.token.flag"))
			return report.ExitConfig
		}
	}
	var f importFlags
	helpLang, _ := i18n.Detect(langArg(args))
	fs := newImportFlagSet(&f, stderr, helpLang)
	inputs, code, ok := parseArgs(fs, args, stdout, stderr)
	if !ok {
		return code
	}
	if len(inputs) != 1 {
		lang, _ := i18n.Detect(f.lang)
		fmt.Fprintln(stderr, i18n.New(lang).T("cli.import.one_input", len(inputs)))
		return report.ExitConfig
	}
	fail := func(err error) int {
		fmt.Fprintf(stderr, "error: %v\n", err)
		return report.ExitConfig
	}
	if err := report.CheckDistinct(runFiles(inputs[0], f)); err != nil {
		return fail(err)
	}
	lang, err := i18n.Detect(f.lang)
	if err != nil {
		return fail(err)
	}
	if err := importer.CheckNumbers(f.rate, f.concurrency, f.burst, f.retries, lang); err != nil {
		return fail(err)
	}
	// A missing input is said first, before any talk of the token, server or format;
	// without echoing a value that may be the token pasted in the wrong place.
	if err := source.Exists(inputs[0], lang); err != nil {
		if shownTokenFile(inputs[0]) != fmt.Sprintf("%q", inputs[0]) && filepath.Ext(inputs[0]) == "" {
			fmt.Fprintln(stderr, i18n.New(lang).T("cli.input.hidden"))
			return report.ExitConfig
		}
		return fail(err)
	}

	cfg := importer.Config{
		Input:            inputs[0],
		Operation:        f.operation,
		Results:          f.results,
		DryRun:           f.dryRun,
		AllowDuplicates:  f.allowDuplicates,
		RetryUncertain:   f.retryUncertain,
		WaitForAllowance: f.waitForAllowance,
		SkipHiddenRows:   f.skipHidden,
		Lang:             lang,
		Concurrency:      f.concurrency,
		Rate:             f.rate,
		Burst:            f.burst,
		Retries:          f.retries,
		MaxWait:          f.maxWait,
		Stderr:           stderr,
		MappingPath:      f.mapping,
	}
	if cfg.Source, err = sourceOptions(f); err != nil {
		return fail(err)
	}
	if f.mapping != "" {
		if cfg.Mapping, err = mapping.Load(f.mapping); err != nil {
			return fail(err)
		}
	}
	if err := report.CheckProgressMode(f.progress); err != nil {
		return fail(err)
	}
	progress := report.NewProgress(stderr, 0, f.progress, isTerminal(stderr))
	defer progress.Finish()
	progress.SetLang(lang)
	cfg.OnResult, cfg.OnTotal, cfg.Stderr = progress.Result, progress.SetTotal, progress.Writer()
	cfg.OnWait = progress.Waiting
	cfg.Watch = watch
	watch.SetOutput(progress.Writer())
	defer watch.SetOutput(nil)
	level := slog.LevelWarn
	if f.verbose {
		level = slog.LevelDebug
	}
	logOpts := &slog.HandlerOptions{Level: level}
	switch f.logFormat {
	case "text":
		cfg.Log = slog.New(slog.NewTextHandler(progress.Writer(), logOpts))
	case "json":
		cfg.Log = slog.New(slog.NewJSONHandler(progress.Writer(), logOpts))
	default:
		return fail(fmt.Errorf("--log-format %q: use text or json", f.logFormat))
	}

	if !f.dryRun {
		closeAll, err := wireDelivery(&cfg, f)
		if err != nil {
			return fail(err)
		}
		defer closeAll()
	}

	defer dryRunGC(f.dryRun)()
	sum, err := importer.Run(ctx, cfg)
	progress.Finish()
	var fault *importer.LocalFault
	switch {
	case errors.As(err, &fault):
		// Sending began, then a local file could not be written: say what was sent and
		// how a re-run recovers, after the summary when the results sheet was written.
		if fault.ResultsWritten {
			sum.WriteText(stdout)
		}
		fmt.Fprintf(stderr, "error: %v\n", err)
		code = exitLocalFault
	case err != nil:
		return fail(err)
	default:
		sum.WriteText(stdout)
		code = sum.ExitCode()
	}
	if f.summaryJSON != "" {
		if err := sum.WriteJSONFile(f.summaryJSON, code); err != nil {
			fmt.Fprintf(stderr, "error: --summary-json: %v\n", err)
		}
	}
	return code
}

// runFiles are the files an import reads and writes, for report.CheckDistinct: checked
// before anything is read, so that no output can be written over the input, the ledger,
// or another output.
func runFiles(input string, f importFlags) []report.NamedFile {
	results := f.results
	if results == "" {
		results = report.DefaultPath(input)
	}
	ledgerPath := f.ledger
	if ledgerPath == "" && !f.useSandbox && !f.dryRun {
		ledgerPath, _ = ledger.DefaultPath() // without one, wireDelivery says so
	}
	if f.dryRun {
		ledgerPath = "" // not opened
	}
	files := []report.NamedFile{
		{Flag: "INPUT", Path: input},
		{Flag: "--mapping", Path: f.mapping},
		{Flag: "--token-file", Path: f.tokenFile},
		{Flag: "--ledger", Path: ledgerPath, Writes: true},
		{Flag: "--results", Path: results, Writes: true},
		{Flag: "--summary-json", Path: f.summaryJSON, Writes: true},
	}
	if !f.dryRun { // a dry run writes no failed-rows file
		files = append(files, report.NamedFile{Flag: "the failed-rows file", Path: report.FailedPath(results), Writes: true, Fix: "--results"})
	}
	return files
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// wireDelivery sets up the client (and sandbox) and the ledger for a real run.
// langArg is the value of a --lang among args, before they are parsed ("" if none).
func langArg(args []string) string {
	for i, a := range args {
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || name != "lang" {
			continue
		}
		if hasValue {
			return value
		}
		if i+1 < len(args) {
			return args[i+1]
		}
	}
	return ""
}

func wireDelivery(cfg *importer.Config, f importFlags) (func(), error) {
	var closers []func()
	closeAll := func() {
		for i := len(closers) - 1; i >= 0; i-- {
			closers[i]()
		}
	}
	token, err := readToken(f.tokenFile)
	if err != nil {
		return nil, err
	}
	server := f.server
	ledgerPath := f.ledger
	if f.useSandbox {
		if token == "" {
			token = "sandbox-token"
		}
		real, err := ledger.DefaultPath()
		if err != nil {
			return nil, err
		}
		// The sandbox's meetings and ledger are kept apart from the real ledger.
		store, sandboxLedger := sandbox.StateFiles(real)
		if f.sandboxReset {
			if err := sandbox.ResetState(store, sandboxLedger); err != nil {
				return nil, err
			}
		}
		sb, err := sandbox.New(sandbox.Options{Token: token, Store: store})
		if err != nil {
			return nil, err
		}
		if server, err = sb.Start("127.0.0.1:0"); err != nil {
			return nil, err
		}
		closers = append(closers, func() { sb.Close() })
		cfg.SandboxStore, cfg.ServerID = filepath.Dir(store), "sandbox (built in)"
		if ledgerPath == "" {
			ledgerPath = sandboxLedger
		}
	}
	if token == "" {
		closeAll()
		return nil, errors.New(i18n.New(cfg.Lang).T("cli.token.missing"))
	}
	if err := checkServerValue(server, token); err != nil {
		closeAll()
		return nil, err
	}
	endpoint, err := wolkvox.ParseServer(server)
	if err != nil {
		closeAll()
		return nil, err
	}
	cfg.Client = wolkvox.NewClient(endpoint, token, f.timeout, f.concurrency)
	if ledgerPath == "" {
		if ledgerPath, err = ledger.DefaultPath(); err != nil {
			closeAll()
			return nil, err
		}
	}
	l, err := ledger.Open(ledgerPath)
	if err != nil {
		closeAll()
		return nil, err
	}
	closers = append(closers, func() { l.Close() })
	noteMigrated(cfg.Stderr, l)
	cfg.Ledger = l
	return closeAll, nil
}

// noteMigrated tells the user, once, that the ledger was carried over from bbolt.
func noteMigrated(w io.Writer, l *ledger.Ledger) {
	if l.Migrated != "" && w != nil {
		fmt.Fprintf(w, "note: the ledger %s was in the old format (bbolt); every entry was carried over to the new one (SQLite), and the old file is kept, unchanged, as %s\n", l.Path(), l.Migrated)
	}
}

// readToken reads the token from WOLKVOX_TOKEN, or from file when one is given: a byte
// order mark and surrounding spaces and line breaks are dropped (Notepad saves both);
// anything that cannot go in an HTTP header is refused here, before any request, with a
// message that names the source and never shows the token.
func readToken(file string) (string, error) {
	if file == "" {
		t, err := cleanToken([]byte(os.Getenv("WOLKVOX_TOKEN")))
		if err != nil {
			return "", fmt.Errorf("WOLKVOX_TOKEN %w: set it to the token alone", err)
		}
		return t, nil
	}
	name := shownTokenFile(file)
	b, err := os.ReadFile(file)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // its Path is the value given, shown (or not) by name
		}
		return "", fmt.Errorf("--token-file %s cannot be read (%v): give the name of a file that holds the token (or set WOLKVOX_TOKEN)", name, err)
	}
	t, err := cleanToken(b)
	if err != nil {
		return "", fmt.Errorf("--token-file %s %w: put only the token in the file, on its first line", name, err)
	}
	if t == "" {
		return "", fmt.Errorf("--token-file %s is empty: put the token on its first line", name)
	}
	return t, nil
}

// cleanToken is b without a BOM (UTF-8, or UTF-16 as Windows' "Unicode" saves) or
// surrounding white space; an error says what else is wrong, without the token.
func cleanToken(b []byte) (string, error) {
	var s string
	switch {
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		s = decodeUTF16(b)
	default:
		s = string(bytes.TrimPrefix(b, []byte("\uFEFF")))
	}
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		return "", fmt.Errorf("holds more than one line (line %d is not empty)", strings.Count(s[:i], "\n")+2)
	}
	for i, r := range s {
		if r < 0x20 && r != '\t' || r == 0x7F {
			return "", fmt.Errorf("holds a control character (code %d at character %d), which an HTTP header cannot carry", r, utf8.RuneCountInString(s[:i])+1)
		}
	}
	return s, nil
}

func decodeUTF16(b []byte) string {
	big := b[0] == 0xFE
	b = b[2:]
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		if big {
			u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
		} else {
			u = append(u, uint16(b[i+1])<<8|uint16(b[i]))
		}
	}
	return string(utf16.Decode(u))
}

// shownTokenFile is how a --token-file value appears in messages. A token pasted where
// its file's name goes must not be echoed, so the value is shown only when it looks
// like a file name: it has a directory, starts with "." or "~", or ends in a short
// extension such as .txt; and never when it is WOLKVOX_TOKEN, or has a long run of
// mixed letters and digits, as tokens do.
func shownTokenFile(v string) string {
	const hidden = "(the value given is not shown: it does not look like a file name, and may be the token itself)"
	if env := strings.TrimSpace(os.Getenv("WOLKVOX_TOKEN")); env != "" && strings.Contains(v, env) {
		return hidden
	}
	if !looksLikePath(v) {
		return hidden
	}
	// In a directory that exists, only the file's own name must not look like a token
	// (temporary and synced folders have long mixed names).
	if dir, base := filepath.Split(v); dir != "" && !tokenLike(base) {
		if st, err := os.Stat(dir); err == nil && st.IsDir() {
			return fmt.Sprintf("%q", v)
		}
	}
	if tokenLike(v) {
		return hidden
	}
	return fmt.Sprintf("%q", v)
}

func looksLikePath(v string) bool {
	if len(v) > 255 || strings.ContainsAny(v, "\r\n") {
		return false
	}
	if strings.ContainsAny(v, `/\`) || strings.HasPrefix(v, ".") || strings.HasPrefix(v, "~") {
		return true
	}
	ext := filepath.Ext(v)
	return len(ext) >= 2 && len(ext) <= 6 && strings.IndexFunc(ext[1:], func(r rune) bool {
		return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9')
	}) < 0
}

// tokenLike reports whether v holds a run of 20 or more letters and digits (and
// -_+=) that mixes letters and digits, as tokens do and file names rarely do.
func tokenLike(v string) bool {
	for _, part := range strings.FieldsFunc(v, func(r rune) bool { return strings.ContainsRune(`/\. `, r) }) {
		if len(part) < 20 {
			continue
		}
		letters := strings.IndexFunc(part, func(r rune) bool { return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' }) >= 0
		digits := strings.IndexFunc(part, func(r rune) bool { return '0' <= r && r <= '9' }) >= 0
		if letters && digits {
			return true
		}
	}
	return false
}

// checkServerValue refuses a --server (or WOLKVOX_SERVER) that holds the token, or
// that looks like a token rather than a host, without echoing it: the server's
// address is printed in the summary and written to the ledger.
func checkServerValue(server, token string) error {
	if token != "" && strings.Contains(server, token) {
		return errors.New("--server (or WOLKVOX_SERVER) holds the token itself (not shown): give the Wolkvox host there, such as wv0001.wolkvox.com, and the token in WOLKVOX_TOKEN or --token-file")
	}
	host := strings.TrimSpace(server)
	if strings.Contains(host, "://") || strings.ContainsAny(host, ".:[") || strings.EqualFold(host, "localhost") {
		return nil
	}
	if tokenLike(host) || strings.ContainsAny(host, "+=/") {
		return errors.New("--server (or WOLKVOX_SERVER) is not a host name (not shown, in case it is the token): give the Wolkvox host, such as wv0001.wolkvox.com")
	}
	return nil
}

// durationFlag is a positive duration flag whose errors say how to write one: a bare
// number ("--timeout 5") is met with the unit it lacks.
type durationFlag struct{ d *time.Duration }

func (f durationFlag) String() string {
	if f.d == nil {
		return ""
	}
	return f.d.String()
}

func (f durationFlag) Set(v string) error {
	v = strings.TrimSpace(v)
	d, err := time.ParseDuration(v)
	switch {
	case err == nil && d > 0:
		*f.d = d
		return nil
	case err == nil:
		return fmt.Errorf("%q: give a duration above zero, such as 30s or 10m", v)
	}
	if _, nerr := strconv.ParseFloat(v, 64); nerr == nil {
		return fmt.Errorf("%q has no unit: write %ss for seconds (or %sm for minutes)", v, v, v)
	}
	return fmt.Errorf("%q is not a duration: write it as 30s, 10m or 1h30m", v)
}

func sourceOptions(f importFlags) (source.Options, error) {
	o := source.Options{Sheet: f.sheet, Encoding: f.encoding, HeaderRow: f.headerRow}
	if f.headerRow < 0 {
		return o, fmt.Errorf("--header-row %d: give the header's row number, 1 or more (or leave it out to find the header)", f.headerRow)
	}
	switch strings.ToLower(f.delimiter) {
	case "":
	case "tab", `\t`, "\t":
		o.Delimiter = '\t'
	case ",", ";", "|":
		o.Delimiter = rune(f.delimiter[0])
	default:
		return o, fmt.Errorf("--delimiter %q: use one of , ; tab |", f.delimiter)
	}
	return o, nil
}

// parseArgs parses args with fs (see cli.Parse): --help to stdout, a usage error as one
// error line and one line pointing at --help.
func parseArgs(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) (positional []string, code int, ok bool) {
	return cli.Parse(fs, args, stdout, stderr)
}

// parseFlagsOnly is parseArgs for a command that takes no positional argument.
func parseFlagsOnly(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) (code int, ok bool) {
	extra, code, ok := parseArgs(fs, args, stdout, stderr)
	if ok && len(extra) > 0 {
		cli.UsageError(stderr, fs.Name(), fmt.Errorf("unexpected argument %q", extra[0]))
		return report.ExitConfig, false
	}
	return code, ok
}

func runSandbox(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("sandbox", flag.ContinueOnError)
	fs.SetOutput(stderr)
	listen := fs.String("listen", "127.0.0.1:8080", "`ADDR` to listen on (loopback)")
	latency := fs.Duration("latency", 0, "added before every answer")
	faults := fs.String("faults", "", "fault script, e.g. \"429:2,500,drop,ok*10\"")
	maxInFlight := fs.Int("max-in-flight", 2, "simultaneous requests per token before 403 (negative: no limit)")
	daily := fs.Int("daily-limit", 0, "calls per token per day (0: unlimited)")
	quiet := fs.Bool("quiet", false, "do not log each request")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "Usage: wolkvox-import sandbox [flags]\n\nA local stand-in of Wolkvox's insert and tokenInformation APIs, with switchable faults.\nIt accepts the token in WOLKVOX_TOKEN if set, else any token. It forgets everything when\nit stops (import --sandbox keeps its meetings: see import --help, --sandbox-reset).\n\nExample:\n  wolkvox-import sandbox --listen 127.0.0.1:8080 --faults \"429:1,ok*5,500\"\n  WOLKVOX_TOKEN=x wolkvox-import import --server http://127.0.0.1:8080 --operation demo sheet.csv\n\nFlags:\n")
		fs.PrintDefaults()
		fmt.Fprint(fs.Output(), "\nAdmin endpoints (to inspect and steer it from tests or a shell):\n"+sandbox.AdminHelp+"\nFaults (--faults, or POST /sandbox/faults), e.g. \"429:1,ok*5,500\":\n"+sandbox.FaultTable)
	}
	if code, ok := parseFlagsOnly(fs, args, stdout, stderr); !ok {
		return code
	}
	opts := sandbox.Options{
		Token:       os.Getenv("WOLKVOX_TOKEN"),
		Latency:     *latency,
		MaxInFlight: *maxInFlight,
		DailyLimit:  *daily,
		Faults:      *faults,
	}
	if !*quiet {
		opts.Logf = func(format string, a ...any) { fmt.Fprintf(stderr, format+"\n", a...) }
	}
	sb, err := sandbox.New(opts)
	if err != nil {
		fmt.Fprintf(stderr, "error: %v\n", err)
		return report.ExitConfig
	}
	url, err := sb.Start(*listen)
	if err != nil {
		fmt.Fprintf(stderr, "error: %v\n", err)
		return report.ExitConfig
	}
	fmt.Fprintf(stdout, "sandbox listening on %s (insert API at %s/server/API/v2/custom/insert.php); Ctrl-C stops it\n", url, url)
	<-ctx.Done()
	sb.Close()
	return report.ExitOK
}

func runLedger(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("ledger", flag.ContinueOnError)
	fs.SetOutput(stderr)
	path := fs.String("ledger", "", "local ledger `FILE` (default: ~/.local/state/wolkvox-import/ledger.db)")
	salvage := fs.Bool("salvage", false, "read what can still be read from a damaged ledger, page by page, without changing it")
	uncertain := fs.Bool("uncertain", false, "list the uncertain rows (sent, no answer recorded) with what to look for in Wolkvox, and how to settle them")
	langFlag := fs.String("lang", "", "language of --uncertain: es or en (default: the user's locale)")
	inputFlag := fs.String("input", "", "only the rows of input files whose name holds `TEXT` (any case)")
	sinceFlag := fs.String("since", "", "only the rows sent on or after `DATE` (YYYY-MM-DD, this machine's time)")
	stateFlag := fs.String("state", "", "only the rows in `STATE`: created, failed or uncertain (sent, no answer recorded)")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "Usage: wolkvox-import ledger [--ledger FILE] [--input TEXT] [--since DATE] [--state STATE] [--salvage | --uncertain] > history.csv\n\nWrites every row the ledger remembers as CSV, oldest first: when it was sent (with the\ntime zone), its state, its wolkvox_id, the server, operation, input file and row;\n--input, --since and --state choose the rows.\n\nWith --uncertain, lists the rows sent without an answer recorded (the meeting may exist),\neach with what to look for in Wolkvox (subject, start, record) and how to settle it.\n\nWith --salvage, reads a damaged ledger (one an import refused) page by page, without\nlocking or changing it, and writes every entry it can still read in the same columns.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if code, ok := parseFlagsOnly(fs, args, stdout, stderr); !ok {
		return code
	}
	if *path == "" {
		p, err := ledger.DefaultPath()
		if err != nil {
			fmt.Fprintf(stderr, "error: %v\n", err)
			return report.ExitConfig
		}
		*path = p
	}
	if _, err := os.Stat(*path); err != nil {
		fmt.Fprintf(stderr, "error: no ledger at %s: nothing was imported from this account yet, or give --ledger FILE\n", *path)
		return report.ExitConfig
	}
	if *salvage {
		n, st, err := ledger.SalvageCSV(stdout, *path)
		if err != nil {
			fmt.Fprintf(stderr, "error: %v\n", err)
			return report.ExitConfig
		}
		fmt.Fprintf(stderr, "salvaged %s from %s (%d pages read, %d of them holding entries; %d unreadable entries skipped); %s was not changed\n",
			report.Plural(n, "entry", "entries"), *path, st.Pages, st.LeafPages, st.Unreadable, *path)
		return report.ExitOK
	}
	l, err := ledger.Open(*path)
	if err != nil {
		fmt.Fprintf(stderr, "error: %v\n", err)
		return report.ExitConfig
	}
	defer l.Close()
	noteMigrated(stderr, l)
	if *uncertain {
		lang, err := i18n.Detect(*langFlag)
		if err != nil {
			fmt.Fprintf(stderr, "error: %v\n", err)
			return report.ExitConfig
		}
		if _, err := importer.WriteUncertain(stdout, l, lang); err != nil {
			fmt.Fprintf(stderr, "error: %v\n", err)
			return report.ExitConfig
		}
		return report.ExitOK
	}
	hist, err := ledger.ParseHistory(*inputFlag, *sinceFlag, *stateFlag)
	if err != nil {
		cli.UsageError(stderr, fs.Name(), err)
		return report.ExitConfig
	}
	if err := l.ExportCSV(stdout, hist); err != nil {
		fmt.Fprintf(stderr, "error: %v\n", err)
		return report.ExitConfig
	}
	return report.ExitOK
}

// starterRows is how many data rows mapping init looks at for formats and words.
const starterRows = 300

func runMappingInit(args []string, stdout, stderr io.Writer) int {
	var f importFlags
	fs := flag.NewFlagSet("mapping init", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "", "write the mapping to `FILE` (default: standard output); an existing file is never overwritten")
	fs.StringVar(&f.sheet, "sheet", "", "XLSX sheet `NAME` (default: the first visible sheet)")
	fs.StringVar(&f.encoding, "encoding", "", "CSV encoding: utf-8, utf-16, windows-1252 (default: detected)")
	fs.StringVar(&f.delimiter, "delimiter", "", "CSV delimiter: , ; tab | (default: detected)")
	fs.StringVar(&f.lang, "lang", "", "language of the mapping's comments: es or en (default: the user's locale)")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "Usage: wolkvox-import mapping init [flags] INPUT\n\nReads INPUT's headers and writes a commented starter mapping: the columns it matched to\nWolkvox fields, and the ones it could not.\n\nExample:\n  wolkvox-import mapping init -o mapping.yaml reuniones.xlsx\n\nFlags:\n")
		fs.PrintDefaults()
	}
	inputs, code, ok := parseArgs(fs, args, stdout, stderr)
	if !ok {
		return code
	}
	if len(inputs) != 1 {
		fmt.Fprintln(stderr, "mapping init takes exactly one INPUT file: wolkvox-import mapping init reuniones.xlsx")
		return report.ExitConfig
	}
	fail := func(err error) int {
		fmt.Fprintf(stderr, "error: %v\n", err)
		return report.ExitConfig
	}
	opts, err := sourceOptions(f)
	if err != nil {
		return fail(err)
	}
	opts.Header = source.HeaderRule{Score: mapping.AutoScore, Min: 2}
	preview, err := source.ReadPreview(inputs[0], opts, starterRows)
	if err != nil {
		return fail(err)
	}
	lang, err := i18n.Detect(f.lang)
	if err != nil {
		return fail(err)
	}
	text, unmatched := mapping.StarterWith(preview.Header, preview.DataCells(), inputs[0], lang)
	if *out == "" {
		stdout.Write(text)
	} else {
		file, err := os.OpenFile(*out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return fail(fmt.Errorf("%w (choose another -o FILE, or move the old one away)", err))
		}
		_, werr := file.Write(text)
		if cerr := file.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			return fail(werr)
		}
		fmt.Fprintf(stderr, "wrote %s: check it, then try: wolkvox-import import --dry-run --mapping %s %s\n", *out, *out, inputs[0])
	}
	if len(unmatched) > 0 {
		fmt.Fprintf(stderr, "columns no field uses: %s\n", strings.Join(quoteAll(unmatched), ", "))
	}
	return report.ExitOK
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}
