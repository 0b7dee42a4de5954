package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// Every text a person reads goes through the message catalog (i18n). This test reads the
// sources of the packages that speak to people and fails on a call that formats a literal
// sentence itself: fmt.Errorf, fmt.Sprintf, fmt.Fprintf, fmt.Fprintln, errors.New with a
// literal holding words. A literal that is not a sentence (a format of numbers, a
// separator, a file name) has no run of three letters and passes.
//
// It also fails on a run's stop reason or note built from text of its own: an argument
// of halt1 or note, or a line appended to a summary's Notes, that holds a literal with
// words or a fmt.Sprintf anywhere outside a catalog lookup (p.T(key, ...)), so that
// "no connection to the server: "+msg is caught as well as fmt.Sprintf("...", n).
//
// Exceptions, each with its reason, are listed in technical (one text) and codeFiles (a
// whole file). Log lines (slog's Info, Debug, Error) are not checked: their message is
// an event's name for whoever reads the logs ("insert", "token allowance"), with the
// details as attributes; what the run says at Warn level, shown by default, is a note,
// which is checked.
func TestUserTextIsInTheCatalog(t *testing.T) {
	fset := token.NewFileSet()
	for _, dir := range catalogDirs {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, path := range files {
			if strings.HasSuffix(path, "_test.go") {
				continue
			}
			where := filepath.ToSlash(path)
			if reason := notYetInCatalog[where]; reason != "" {
				continue
			}
			if reason := codeFiles[where]; reason != "" {
				continue
			}
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			f, err := parser.ParseFile(fset, path, src, 0)
			if err != nil {
				t.Fatal(err)
			}
			for _, problem := range userTextProblems(fset, f) {
				t.Errorf("%s:%s", where, problem)
			}
		}
	}
}

// userTextProblems are the places of f that format a person's text themselves.
func userTextProblems(fset *token.FileSet, f *ast.File) []string {
	var problems []string
	// Sentinel errors (package-level errors.New) are kinds that code tests with
	// errors.Is, not messages: their text is never what a person reads.
	sentinels := map[ast.Node]bool{}
	for _, d := range f.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.VAR {
			ast.Inspect(g, func(n ast.Node) bool {
				if c, ok := n.(*ast.CallExpr); ok {
					sentinels[c] = true
				}
				return true
			})
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || sentinels[call] {
			return true
		}
		for _, arg := range stopTextArgs(call) {
			ast.Inspect(arg, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.CallExpr:
					if sel, ok := n.Fun.(*ast.SelectorExpr); ok {
						if sel.Sel.Name == "T" {
							return false // a catalog lookup: its literal is a key
						}
						if pkg, ok := sel.X.(*ast.Ident); ok && pkg.Name == "fmt" && sel.Sel.Name == "Sprintf" {
							problems = append(problems, line(fset, n, "%s builds a stop reason or note with fmt.Sprintf: use the catalog (p.T)", calledName(call)))
							return false
						}
					}
				case *ast.BasicLit:
					if text, ok := sentence(n); ok && technical[text] == "" {
						problems = append(problems, line(fset, n, "%s gets the literal text %q: use the catalog (p.T)", calledName(call), text))
					}
				}
				return true
			})
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		pkg, ok := sel.X.(*ast.Ident)
		if !ok || !userFacing[pkg.Name+"."+sel.Sel.Name] {
			return true
		}
		for _, arg := range call.Args {
			lit, ok := arg.(*ast.BasicLit)
			if !ok {
				continue
			}
			if text, ok := sentence(lit); ok && technical[text] == "" {
				problems = append(problems, line(fset, lit, "%s.%s formats the text %q itself: put it in the catalog (i18n)", pkg.Name, sel.Sel.Name, text))
			}
		}
		return true
	})
	return problems
}

// stopTextArgs are the arguments of call that are a run's stop reason or note: halt1's
// reason (after its slot), note's message, and what is appended to a summary's Notes.
func stopTextArgs(call *ast.CallExpr) []ast.Expr {
	switch fun := call.Fun.(type) {
	case *ast.SelectorExpr:
		switch fun.Sel.Name {
		case "halt1":
			if len(call.Args) > 1 {
				return call.Args[1:]
			}
		case "note":
			return call.Args
		}
	case *ast.Ident:
		if fun.Name == "append" && len(call.Args) > 1 {
			if sel, ok := call.Args[0].(*ast.SelectorExpr); ok && sel.Sel.Name == "Notes" {
				return call.Args[1:]
			}
		}
	}
	return nil
}

func calledName(call *ast.CallExpr) string {
	switch fun := call.Fun.(type) {
	case *ast.SelectorExpr:
		return fun.Sel.Name
	case *ast.Ident:
		return fun.Name + " to Notes"
	}
	return "a call"
}

// sentence is lit's text when it is a string literal with words.
func sentence(lit *ast.BasicLit) (string, bool) {
	if lit.Kind != token.STRING {
		return "", false
	}
	text, _ := strconv.Unquote(lit.Value)
	return text, words.MatchString(text)
}

func line(fset *token.FileSet, n ast.Node, format string, args ...any) string {
	return strconv.Itoa(fset.Position(n.Pos()).Line) + ": " + fmt.Sprintf(format, args...)
}

// TestUserTextCheckCatchesStopReasons: the check itself, on the shapes it must catch in a
// sender, and on the catalog's way, which it must let through.
func TestUserTextCheckCatchesStopReasons(t *testing.T) {
	const src = `package importer

func (s *sender) f(n int, msg string, sum *report.Summary) {
	s.halt1(&s.stopped, fmt.Sprintf("%d answers in a row were lost", n))
	s.halt1(&s.fatal, "no connection to the server: "+msg+"; nothing was sent")
	s.note(fmt.Sprintf("concurrency lowered to %d", n))
	sum.Notes = append(sum.Notes, fmt.Sprintf("the rate was lowered %d times", n))
	sum.Notes = append(sum.Notes, "the rate was lowered")
	s.halt1(&s.stopped, s.p.T("stop.lost_streak", n, msg))
	s.note(s.p.T("note.concurrency.overloaded", 503, n))
	sum.Notes = append(sum.Notes, s.p.T("note.rate.lowered", n, 1.0, 2.0, "5"))
	s.halt1(&s.fatal, msg)
}
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "sender.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	got := userTextProblems(fset, f)
	var lines []string
	for _, p := range got {
		lines = append(lines, p[:strings.IndexByte(p, ':')])
	}
	// Line 4's Sprintf is reported twice: as a stop reason, and as fmt.Sprintf with text.
	want := []string{"4", "4", "5", "5", "6", "6", "7", "7", "8"}
	if strings.Join(lines, " ") != strings.Join(want, " ") {
		t.Errorf("problems on lines %v, want %v:\n%s", lines, want, strings.Join(got, "\n"))
	}
}

// userFacing are the calls whose literal text reaches a person.
var userFacing = map[string]bool{
	"fmt.Errorf": true, "fmt.Sprintf": true, "fmt.Fprintf": true, "fmt.Fprintln": true, "fmt.Fprint": true, "errors.New": true,
}

// words is a run of three letters: a sentence, not a format of numbers or a separator.
var words = regexp.MustCompile(`\pL{3,}`)

// catalogDirs are the packages that speak to people: the command (main), its
// conventions (cli), the run (importer), the reader, the mapping, the results and the
// page, the Wolkvox client's words about answers (importer/wolkvox), and the catalog's
// own errors (i18n). importer/ledger and importer/sandbox are not in it yet: the ledger's
// file errors are still English, and the sandbox speaks as the server it stands in for.
var catalogDirs = []string{"importer/source", "report", "mapping", "web", "importer", ".", "cli", "i18n", "importer/wolkvox", "importer/ledger"}

// technical are literals that may stay as they are, with the reason.
var technical = map[string]string{
	"line %d: record too long":         "an internal error type's Error(); the reader turns it into a catalog message",
	"reading the workbook part %s: %w": "a detail inside the catalog's \"this workbook is damaged: %s\"",
	"reading the styles: %w":           "a detail inside the catalog's \"this workbook is damaged: %s\"",
	"reading %s: %w":                   "a detail inside the catalog's \"this workbook is damaged: %s\"",
	"%s is missing":                    "a detail inside the catalog's \"this workbook is damaged: %s\"",
	"a row has a cell beyond column XFD, the last a sheet can have (%d cells)": "a detail inside the catalog's \"sheet %s, %s: %s\"",
	"operation: %s\n":                   "YAML written for the tool to read back, not a sentence",
	"type: %s\n":                        "YAML written for the tool to read back, not a sentence",
	"attachment; filename=\"%s\"":       "an HTTP header",
	"from.%s.%d":                        "a form field's name",
	"%d min":                            "unit symbols, the same in Spanish and English (report.Span)",
	"%d h %02d min":                     "unit symbols, the same in Spanish and English (report.Span)",
	"error: %v\n":                       "the prefix of an error line: the same word in Spanish and English; the error is the catalog's",
	"error: %s\n":                       "the prefix of an error line: the same word in Spanish and English; the error is the catalog's",
	"error: %s: %v\n":                   "the prefix of an error line: the same word in Spanish and English; the error is the catalog's",
	"error: %s\n%s\n":                   "the prefix of an error line: the same word in Spanish and English; the error and the help line are the catalog's",
	"--summary-json":                    "a flag's name",
	"flag provided but not defined: %s": "the flag package's own wording, which cli.UsageError turns into the catalog's cli.unknown_flag",
	"HTTP %d":                           "an HTTP status, written the same in Spanish and English (a row's error when the server said nothing else)",
	"token information: HTTP %d %s":     "logged at Info level only (\"importing anyway\"): the run goes on without the allowance",
	"token information: unexpected answer %s":                 "logged at Info level only (\"importing anyway\"): the run goes on without the allowance",
	"i18n: %s %s: %v":                                         "a panic at start-up over a malformed catalog entry: for the developer, never shown in a release",
	"reading it failed: %v":                                   "a fact about the ledger file's bytes, inside the catalog's ledger.damaged (its Detail), as the system's own error texts are",
	"%d bytes":                                                "a fact about the ledger file's bytes, inside the catalog's ledger.damaged (its Detail), as the system's own error texts are",
	"%d bytes, less than the two header pages":                "a fact about the ledger file's bytes, inside the catalog's ledger.damaged (its Detail), as the system's own error texts are",
	"%d bytes, but its header says %d":                        "a fact about the ledger file's bytes, inside the catalog's ledger.damaged (its Detail), as the system's own error texts are",
	"%w (bucket %q)":                                          "a fact about the ledger file's bytes, inside the catalog's ledger.damaged (its Detail), as the system's own error texts are",
	"an entry with a %d-byte key":                             "a fact about the ledger file's bytes, inside the catalog's ledger.damaged (its Detail), as the system's own error texts are",
	"an entry does not decode: %v":                            "a fact about the ledger file's bytes, inside the catalog's ledger.damaged (its Detail), as the system's own error texts are",
	"an entry has a %d-byte key":                              "a fact about the ledger file's bytes, inside the catalog's ledger.damaged (its Detail), as the system's own error texts are",
	"an entry has the unknown state %q":                       "a fact about the ledger file's bytes, inside the catalog's ledger.damaged (its Detail), as the system's own error texts are",
	"%d bytes, less than its 100-byte header":                 "a fact about the ledger file's bytes, inside the catalog's ledger.damaged (its Detail), as the system's own error texts are",
	"%d bytes, not a whole number of %d-byte pages":           "a fact about the ledger file's bytes, inside the catalog's ledger.damaged (its Detail), as the system's own error texts are",
	"a SQLite database of another program, application_id %d": "a fact about the ledger file's bytes, inside the catalog's ledger.damaged (its Detail), as the system's own error texts are",
	"Damage(%d)":                                              "the String of an unknown Damage value, for the developer",
	"PRAGMA user_version = %d;":                               "SQL",
	"PRAGMA application_id = %d; PRAGMA user_version = %d;":   "SQL",
	"%s.bbolt.%d":                                             "a file name",
}

// codeFiles are files whose literals are code for another program, not text a person
// reads, with the reason.
var codeFiles = map[string]string{
	"cli/completion.go": "shell completion scripts: code for bash, zsh, fish and PowerShell",
}

// notYetInCatalog are files whose messages still format their own (English) text, with
// what is left; each is a line of the Spanish issue's closing note. Empty: every file of
// catalogDirs speaks through the catalog.
var notYetInCatalog = map[string]string{}
