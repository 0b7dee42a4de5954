// Command wolkvox-import bulk-imports meetings from CSV and XLSX files into Wolkvox CRM.
// This file holds only flags and wiring; the work is in importer/, mapping/ and report/.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

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
// SIGTERM (at least samePress later) then quits at once (exit 130), saying what it
// leaves behind; more SIGHUPs do
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
		first := time.Now()
		w.Say(os.Stderr, w.Stopping())
		cancel()
		for sig := range c {
			// One stop delivered twice is not a second press: GNU timeout signals the
			// command and then its whole process group, a few microseconds apart.
			if sig != syscall.SIGHUP && time.Since(first) >= samePress {
				w.Say(os.Stderr, w.Quitting())
				os.Exit(report.ExitInterrupted)
			}
		}
	}()
}

// samePress is how soon after the first stop signal another one is taken as the same
// press delivered twice; no person presses Ctrl-C twice that fast.
const samePress = 300 * time.Millisecond

// usage is the program's own help (no command given, or --help), in the user's locale.
func usage() string { return i18n.New(localeLang()).T("help.usage") }

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage())
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
			fmt.Fprint(stderr, i18n.New(localeLang()).T("help.mapping.usage"))
			return report.ExitConfig
		}
		return runMappingInit(args[2:], stdout, stderr)
	case "completion":
		return runCompletion(args[1:], stdout, stderr)
	case "version", "--version", "-version":
		fmt.Fprintln(stdout, cli.Version(version))
		return report.ExitOK
	case "help", "--help", "-help", "-h":
		fmt.Fprint(stdout, usage())
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
		fmt.Fprint(stdout, i18n.New(localeLang()).T("help.completion", `${fpath[1]}/_wolkvox-import`))
		return report.ExitOK
	}
	var f importFlags
	cmds := []cli.Command{
		{Name: "import", Flags: cli.FlagNames(newImportFlagSet(&f, io.Discard, i18n.EN))},
		{Name: "sandbox", Flags: []string{"daily-limit", "faults", "help", "latency", "listen", "max-in-flight", "quiet"}},
		{Name: "serve", Flags: []string{"help", "lang", "ledger", "listen", "no-open", "sandbox"}},
		{Name: "mapping", Flags: []string{"delimiter", "encoding", "help", "o", "sheet"}, Args: []string{"init"}},
		{Name: "ledger", Flags: []string{"help", "input", "lang", "ledger", "salvage", "since", "state", "subject", "uncertain"}},
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
	lang, onChange                                                string
}

func newImportFlagSet(f *importFlags, stderr io.Writer, lang i18n.Lang) *flag.FlagSet {
	p := i18n.New(lang)
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), p.T("help.import"))
		cli.PrintDefaults(fs, p)
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
	fs.Var(cli.Duration{D: &f.timeout, P: p}, "timeout", p.T("flag.import.timeout"))
	fs.Var(cli.Duration{D: &f.maxWait, P: p}, "max-wait", p.T("flag.import.max-wait"))
	fs.BoolVar(&f.dryRun, "dry-run", false, p.T("flag.import.dry-run"))
	fs.BoolVar(&f.resume, "resume", false, p.T("flag.import.resume"))
	fs.BoolVar(&f.allowDuplicates, "allow-duplicates", false, p.T("flag.import.allow-duplicates"))
	fs.BoolVar(&f.waitForAllowance, "wait-for-allowance", false, p.T("flag.import.wait-for-allowance"))
	fs.BoolVar(&f.retryUncertain, "retry-uncertain", false, p.T("flag.import.retry-uncertain"))
	fs.StringVar(&f.onChange, "on-change", "skip", p.T("flag.import.on-change"))
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
	lang, err := i18n.Detect(f.lang)
	fail := func(err error) int {
		fmt.Fprintf(stderr, "error: %s\n", localized(err, lang))
		return report.ExitConfig
	}
	if err != nil {
		return fail(err)
	}
	if err := report.CheckDistinct(runFiles(inputs[0], f, i18n.New(lang)), lang); err != nil {
		return fail(err)
	}
	if err := importer.CheckNumbers(f.rate, f.concurrency, f.burst, f.retries, lang); err != nil {
		return fail(err)
	}
	onChangeCreate, err := importer.ParseOnChange(f.onChange, lang)
	if err != nil {
		return fail(err)
	}
	// A missing input is said first, before any talk of the token, server or format;
	// without echoing a value that may be the token pasted in the wrong place.
	if err := source.Exists(inputs[0], lang); err != nil {
		if cli.ShownTokenFile(inputs[0], i18n.New(lang)) != fmt.Sprintf("%q", inputs[0]) && filepath.Ext(inputs[0]) == "" {
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
		OnChangeCreate:   onChangeCreate,
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
	if cfg.Source, err = sourceOptions(f, i18n.New(lang)); err != nil {
		return fail(err)
	}
	if f.mapping != "" {
		if cfg.Mapping, err = mapping.Load(f.mapping); err != nil {
			return fail(err)
		}
	}
	if err := report.CheckProgressMode(f.progress, lang); err != nil {
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
		return fail(errors.New(i18n.New(lang).T("cli.log_format", f.logFormat)))
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
			fmt.Fprintf(stderr, "error: %s: %v\n", "--summary-json", err)
		}
	}
	return code
}

// localized is err in lang when it can say itself in any language (a mapping file's
// problems, one that cannot be read), else its message as it is. Only err itself is
// asked, not what it wraps: a wrapping error's own words would be lost.
func localized(err error, lang i18n.Lang) string {
	if l, ok := err.(interface{ Localize(*i18n.Printer) string }); ok {
		return l.Localize(i18n.New(lang))
	}
	return err.Error()
}

// runFiles are the files an import reads and writes, for report.CheckDistinct: checked
// before anything is read, so that no output can be written over the input, the ledger,
// or another output.
func runFiles(input string, f importFlags, p *i18n.Printer) []report.NamedFile {
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
		{Flag: p.T("file.input"), Path: input},
		{Flag: "--mapping", Path: f.mapping},
		{Flag: "--token-file", Path: f.tokenFile},
		{Flag: "--ledger", Path: ledgerPath, Writes: true},
		{Flag: "--results", Path: results, Writes: true},
		{Flag: "--summary-json", Path: f.summaryJSON, Writes: true},
	}
	if !f.dryRun { // a dry run writes no failed-rows file
		files = append(files, report.NamedFile{Flag: p.T("file.failed_rows"), Path: report.FailedPath(results), Writes: true, Fix: "--results"})
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
	p := i18n.New(cfg.Lang)
	token, err := cli.ReadToken(f.tokenFile, p)
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
	if err := cli.CheckServer(server, token, p); err != nil {
		closeAll()
		return nil, err
	}
	endpoint, err := wolkvox.ParseServer(server)
	if err != nil {
		closeAll()
		return nil, err
	}
	cfg.Client = wolkvox.NewClient(endpoint, token, f.timeout, f.concurrency)
	cfg.Client.SetLang(cfg.Lang)
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
	noteMigrated(cfg.Stderr, l, p)
	cfg.Ledger = l
	return closeAll, nil
}

// noteMigrated tells the user, once, that the ledger was carried over from bbolt.
func noteMigrated(w io.Writer, l *ledger.Ledger, p *i18n.Printer) {
	if l.Migrated != "" && w != nil {
		fmt.Fprintln(w, p.T("cli.ledger.migrated", l.Path(), l.Migrated))
	}
}

func sourceOptions(f importFlags, p *i18n.Printer) (source.Options, error) {
	o := source.Options{Sheet: f.sheet, Encoding: f.encoding, HeaderRow: f.headerRow}
	if f.headerRow < 0 {
		return o, errors.New(p.T("cli.header_row", f.headerRow))
	}
	switch strings.ToLower(f.delimiter) {
	case "":
	case "tab", `\t`, "\t":
		o.Delimiter = '\t'
	case ",", ";", "|":
		o.Delimiter = rune(f.delimiter[0])
	default:
		return o, errors.New(p.T("cli.delimiter", f.delimiter))
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
		cli.UsageError(stderr, fs.Name(), errors.New(i18n.New(localeLang()).T("cli.unexpected_argument", extra[0])))
		return report.ExitConfig, false
	}
	return code, ok
}

func runSandbox(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	p := i18n.New(localeLang())
	fs := flag.NewFlagSet("sandbox", flag.ContinueOnError)
	fs.SetOutput(stderr)
	listen := fs.String("listen", "127.0.0.1:8080", p.T("flag.sandbox.listen"))
	latency := fs.Duration("latency", 0, p.T("flag.sandbox.latency"))
	faults := fs.String("faults", "", p.T("flag.sandbox.faults"))
	maxInFlight := fs.Int("max-in-flight", 2, p.T("flag.sandbox.max-in-flight"))
	daily := fs.Int("daily-limit", 0, p.T("flag.sandbox.daily-limit"))
	quiet := fs.Bool("quiet", false, p.T("flag.sandbox.quiet"))
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), p.T("help.sandbox"))
		cli.PrintDefaults(fs, p)
		fmt.Fprint(fs.Output(), p.T("help.sandbox.admin"))
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
	fmt.Fprintln(stdout, p.T("sandbox.listening", url))
	<-ctx.Done()
	sb.Close()
	return report.ExitOK
}

func runLedger(args []string, stdout, stderr io.Writer) int {
	helpLang, _ := i18n.Detect(langArg(args))
	p := i18n.New(helpLang)
	fs := flag.NewFlagSet("ledger", flag.ContinueOnError)
	fs.SetOutput(stderr)
	path := fs.String("ledger", "", p.T("flag.import.ledger"))
	salvage := fs.Bool("salvage", false, p.T("flag.ledger.salvage"))
	uncertain := fs.Bool("uncertain", false, p.T("flag.ledger.uncertain"))
	langFlag := fs.String("lang", "", p.T("flag.ledger.lang"))
	inputFlag := fs.String("input", "", p.T("flag.ledger.input"))
	sinceFlag := fs.String("since", "", p.T("flag.ledger.since"))
	stateFlag := fs.String("state", "", p.T("flag.ledger.state"))
	subjectFlag := fs.String("subject", "", p.T("flag.ledger.subject"))
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), p.T("help.ledger"))
		cli.PrintDefaults(fs, p)
	}
	if code, ok := parseFlagsOnly(fs, args, stdout, stderr); !ok {
		return code
	}
	// The filters are checked first: a usage error before any talk of the ledger file.
	hist, err := ledger.ParseHistory(*inputFlag, *sinceFlag, *stateFlag, p.Lang())
	if err != nil {
		cli.UsageError(stderr, fs.Name(), err)
		return report.ExitConfig
	}
	hist.Subject = strings.TrimSpace(*subjectFlag)
	if hist.Lang, err = i18n.Detect(*langFlag); err != nil {
		cli.UsageError(stderr, fs.Name(), err)
		return report.ExitConfig
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
		fmt.Fprintln(stderr, p.T("ledger.none", *path))
		return report.ExitConfig
	}
	if *salvage {
		n, st, err := ledger.SalvageCSV(stdout, *path)
		if err != nil {
			fmt.Fprintf(stderr, "error: %v\n", err)
			return report.ExitConfig
		}
		fmt.Fprintln(stderr, p.T("ledger.salvaged", n, *path, st.Pages, st.LeafPages, st.Unreadable))
		return report.ExitOK
	}
	l, err := ledger.Open(*path)
	if err != nil {
		fmt.Fprintf(stderr, "error: %s\n", localized(err, hist.Lang))
		return report.ExitConfig
	}
	defer l.Close()
	noteMigrated(stderr, l, p)
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
	helpLang, _ := i18n.Detect(langArg(args))
	p := i18n.New(helpLang)
	fs := flag.NewFlagSet("mapping init", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "", p.T("flag.mapping_init.o"))
	fs.StringVar(&f.sheet, "sheet", "", p.T("flag.import.sheet"))
	fs.StringVar(&f.encoding, "encoding", "", p.T("flag.import.encoding"))
	fs.StringVar(&f.delimiter, "delimiter", "", p.T("flag.import.delimiter"))
	fs.StringVar(&f.lang, "lang", "", p.T("flag.mapping_init.lang"))
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), p.T("help.mapping_init"))
		cli.PrintDefaults(fs, p)
	}
	inputs, code, ok := parseArgs(fs, args, stdout, stderr)
	if !ok {
		return code
	}
	if len(inputs) != 1 {
		fmt.Fprintln(stderr, p.T("mapping.init.one_input"))
		return report.ExitConfig
	}
	fail := func(err error) int {
		fmt.Fprintf(stderr, "error: %v\n", err)
		return report.ExitConfig
	}
	opts, err := sourceOptions(f, p)
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
			return fail(fmt.Errorf("%w %s", err, p.T("mapping.init.exists")))
		}
		_, werr := file.Write(text)
		if cerr := file.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			return fail(werr)
		}
		fmt.Fprintln(stderr, p.T("mapping.init.wrote", *out, inputs[0]))
	}
	if len(unmatched) > 0 {
		fmt.Fprintln(stderr, p.T("mapping.init.unmatched", strings.Join(quoteAll(unmatched), ", ")))
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
