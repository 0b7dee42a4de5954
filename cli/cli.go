// Package cli holds the command line's conventions, so that main only wires: flags parsed
// the same way by every command (--help to stdout, a usage error as the error and one line
// pointing at --help), the version line, and shell completion scripts.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/wolkvox-import/wolkvox-import/i18n"
)

// Exit statuses of a parse (SPEC's: 0 after --help, 2 for a usage error).
const (
	exitOK    = 0
	exitUsage = 2
)

// Program is the command's name, as people type it.
const Program = "wolkvox-import"

// Parse parses args with fs, letting flags come before or after the positional arguments
// (as people type them: "import file.xlsx --mapping m.yaml"). When ok is false the
// command returns code: 0 after --help (the usage went to stdout), 2 after a usage error
// (the error and one line pointing at --help went to stderr, not the 60 lines of flags).
// fs's Usage must write to fs.Output().
func Parse(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) (positional []string, code int, ok bool) {
	fs.SetOutput(io.Discard) // the flag package's own report is the usage: said here instead
	positional, err := parseInterspersed(fs, args)
	fs.SetOutput(stderr)
	switch {
	case errors.Is(err, flag.ErrHelp):
		fs.SetOutput(stdout)
		fs.Usage()
		fs.SetOutput(stderr)
		return nil, exitOK, false
	case err != nil:
		UsageError(stderr, fs.Name(), err)
		return nil, exitUsage, false
	}
	return positional, 0, true
}

// UsageError writes a usage error: the error, then one line pointing at --help. command
// is the subcommand ("import", "mapping init"), "" for the program itself.
func UsageError(stderr io.Writer, command string, err error) {
	p := locale()
	msg := err.Error()
	if name, found := strings.CutPrefix(msg, "flag provided but not defined: "); found {
		msg = p.T("cli.unknown_flag", "-"+strings.TrimLeft(name, "-"))
	} else if name, found := strings.CutPrefix(msg, "flag needs an argument: "); found {
		msg = p.T("cli.needs_argument", name)
	} else if m := invalidValue.FindStringSubmatch(msg); m != nil {
		msg = p.T("cli.invalid_value", m[1], m[2], m[3])
	}
	fmt.Fprintf(stderr, "error: %s\n%s\n", msg, p.T("cli.see_help", strings.TrimSpace(Program+" "+command)))
}

// invalidValue is the flag package's report of a value its flag refused (the reason, a
// Value's Set error, is already in the user's language).
var invalidValue = regexp.MustCompile(`^invalid value (".*") for flag (-\S+): (.*)$`)

// locale is the printer of the user's locale: a usage error comes before --lang is read.
func locale() *i18n.Printer {
	lang, _ := i18n.Detect("")
	return i18n.New(lang)
}

func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		if args[0] == "--" {
			return append(positional, args[1:]...), nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// Version is the version line: the version, the commit and its date (from the build's VCS
// stamp), and the Go version: "wolkvox-import v1.2.0 (commit 1a2b3c4d5e6f, 2026-11-30
// 10:00 UTC) go1.25.0 linux/amd64". A build without VCS information says so.
func Version(version string) string {
	info, ok := debug.ReadBuildInfo()
	goVersion := runtime.Version()
	var rev, when string
	modified := false
	if ok {
		if info.GoVersion != "" {
			goVersion = info.GoVersion
		}
		if version == "" || version == "dev" {
			if v := info.Main.Version; v != "" && v != "(devel)" {
				version = v
			}
		}
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.time":
				when = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
	}
	return versionLine(version, rev, when, modified, goVersion)
}

func versionLine(version, rev, when string, modified bool, goVersion string) string {
	if version == "" {
		version = "dev"
	}
	commit := "commit unknown (built without version control information)"
	if rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		commit = "commit " + rev
		if when != "" {
			commit += ", " + strings.Replace(strings.TrimSuffix(when, "Z"), "T", " ", 1)
			if strings.HasSuffix(when, "Z") {
				commit += " UTC"
			}
		}
		if modified {
			commit += ", with local changes"
		}
	}
	return fmt.Sprintf("%s %s (%s) %s %s/%s", Program, version, commit, goVersion, runtime.GOOS, runtime.GOARCH)
}
