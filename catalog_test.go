package main

import (
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
// Exceptions, each with its reason, are listed in catalogExceptions.
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
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			f, err := parser.ParseFile(fset, path, src, 0)
			if err != nil {
				t.Fatal(err)
			}
			where := filepath.ToSlash(path)
			if reason := notYetInCatalog[where]; reason != "" {
				continue
			}
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
					if !ok || lit.Kind != token.STRING {
						continue
					}
					text, _ := strconv.Unquote(lit.Value)
					if !words.MatchString(text) {
						continue
					}
					pos := fset.Position(lit.Pos())
					if technical[text] != "" {
						continue
					}
					t.Errorf("%s:%d: %s.%s formats the text %q itself: put it in the catalog (i18n)", where, pos.Line, pkg.Name, sel.Sel.Name, text)
				}
				return true
			})
		}
	}
}

// userFacing are the calls whose literal text reaches a person.
var userFacing = map[string]bool{
	"fmt.Errorf": true, "fmt.Sprintf": true, "fmt.Fprintf": true, "fmt.Fprintln": true, "fmt.Fprint": true, "errors.New": true,
}

// words is a run of three letters: a sentence, not a format of numbers or a separator.
var words = regexp.MustCompile(`\pL{3,}`)

// catalogDirs are the packages that speak to people.
var catalogDirs = []string{"importer/source", "report", "mapping", "web"}

// technical are literals that may stay as they are, with the reason.
var technical = map[string]string{
	"line %d: record too long":         "an internal error type's Error(); the reader turns it into a catalog message",
	"reading the workbook part %s: %w": "a detail inside the catalog's \"this workbook is damaged: %s\"",
	"reading the styles: %w":           "a detail inside the catalog's \"this workbook is damaged: %s\"",
	"reading %s: %w":                   "a detail inside the catalog's \"this workbook is damaged: %s\"",
	"%s is missing":                    "a detail inside the catalog's \"this workbook is damaged: %s\"",
	"a row has a cell beyond column XFD, the last a sheet can have (%d cells)": "a detail inside the catalog's \"sheet %s, %s: %s\"",
	"operation: %s\n":             "YAML written for the tool to read back, not a sentence",
	"type: %s\n":                  "YAML written for the tool to read back, not a sentence",
	"attachment; filename=\"%s\"": "an HTTP header",
	"from.%s.%d":                  "a form field's name",
	"%d min":                      "unit symbols, the same in Spanish and English (report.Span)",
	"%d h %02d min":               "unit symbols, the same in Spanish and English (report.Span)",
}

// notYetInCatalog are files whose messages still format their own (English) text, with
// what is left; each is a line of the Spanish issue's closing note.
var notYetInCatalog = map[string]string{}
