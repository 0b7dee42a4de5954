package report

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wolkvox-import/wolkvox-import/i18n"
)

// TestCheckDistinct: two of the files a run touches that are one file, however named,
// are refused when the run writes one of them.
func TestCheckDistinct(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	write := func(name string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	input := write("in.csv")
	ledgerDB := write("ledger.db")
	mapping := write("m.yaml")
	if err := os.Symlink(input, filepath.Join(dir, "link.csv")); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(ledgerDB, filepath.Join(dir, "hard.db")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(dir, filepath.Join(dir, "alias")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "later.json"), filepath.Join(dir, "dangling.json")); err != nil {
		t.Fatal(err)
	}
	in := NamedFile{Flag: "INPUT", Path: input}
	led := NamedFile{Flag: "--ledger", Path: ledgerDB, Writes: true}
	cases := []struct {
		name  string
		files []NamedFile
		want  string // "" for no error; else text the message holds
	}{
		{"all distinct", []NamedFile{in, led, {Flag: "--results", Path: "out.csv", Writes: true}, {Flag: "--summary-json", Path: "s.json", Writes: true}}, ""},
		{"summary onto the input", []NamedFile{in, {Flag: "--summary-json", Path: input, Writes: true}}, "writing --summary-json would destroy INPUT; give --summary-json another file"},
		{"results onto the ledger", []NamedFile{in, led, {Flag: "--results", Path: ledgerDB, Writes: true}}, "writing --results would destroy --ledger"},
		{"relative and absolute", []NamedFile{in, {Flag: "--results", Path: "./in.csv", Writes: true}}, "same file"},
		{"through a symbolic link", []NamedFile{in, {Flag: "--summary-json", Path: "link.csv", Writes: true}}, "same file"},
		{"through a hard link", []NamedFile{led, {Flag: "--results", Path: "hard.db", Writes: true}}, "writing --results would destroy --ledger"},
		{"not yet created, via a linked folder", []NamedFile{{Flag: "--results", Path: "new.csv", Writes: true}, {Flag: "--summary-json", Path: filepath.Join("alias", "new.csv"), Writes: true}}, "same file"},
		{"not yet created, via a dangling link", []NamedFile{{Flag: "--results", Path: "later.json", Writes: true}, {Flag: "--summary-json", Path: "dangling.json", Writes: true}}, "same file"},
		{"ledger onto the input", []NamedFile{in, {Flag: "--ledger", Path: "in.csv", Writes: true}}, "give --ledger another file"},
		{"failed-rows file onto the input", []NamedFile{{Flag: "INPUT", Path: "a.failed.csv"}, {Flag: "the failed-rows file", Path: FailedPath("a.results.csv"), Writes: true, Fix: "--results"}}, "give --results another file"},
		{"two files only read", []NamedFile{in, {Flag: "--mapping", Path: input}}, ""},
		{"empty paths are skipped", []NamedFile{in, {Flag: "--summary-json", Writes: true}, {Flag: "--ledger", Writes: true}}, ""},
		{"mapping kept from results", []NamedFile{{Flag: "--mapping", Path: mapping}, {Flag: "--results", Path: filepath.Join("alias", "m.yaml"), Writes: true}}, "would destroy --mapping"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := CheckDistinct(c.files, i18n.EN)
			switch {
			case c.want == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case c.want != "" && err == nil:
				t.Fatal("accepted")
			case c.want != "" && !strings.Contains(err.Error(), c.want):
				t.Fatalf("%v\nwant it to say %q", err, c.want)
			}
		})
	}
}

// The refusal and the file errors in Spanish: the words from the catalog, the structure
// (the files, the error underneath) kept for errors.As and errors.Is.
func TestFileErrorsInSpanish(t *testing.T) {
	t.Chdir(t.TempDir())
	err := CheckDistinct([]NamedFile{{Flag: "ENTRADA", Path: "in.csv"}, {Flag: "--results", Path: "./in.csv", Writes: true}}, i18n.ES)
	want := "ENTRADA in.csv y --results ./in.csv son el mismo archivo: escribir --results destruiría ENTRADA; indique otro archivo en --results"
	if err == nil || err.Error() != want {
		t.Fatalf("err = %v\nwant %s", err, want)
	}
	var same *SameFileError
	if !errors.As(err, &same) || same.Written.Flag != "--results" || same.Other.Flag != "ENTRADA" {
		t.Fatalf("errors.As: %#v", same)
	}

	sum := &Summary{Lang: i18n.ES}
	err = sum.WriteJSONFile(filepath.Join("no", "such", "dir", "sum.json"), 0)
	if err == nil || !strings.HasPrefix(err.Error(), "no se puede escribir el resumen ") || !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("err = %v, want the Spanish message wrapping fs.ErrNotExist", err)
	}
	_, err = CreateWith(filepath.Join("no", "such", "x.results.csv"), []string{"a"}, Options{Lang: i18n.ES})
	if err == nil || !strings.HasPrefix(err.Error(), "no se puede escribir la hoja de resultados ") || !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("err = %v, want the Spanish message wrapping fs.ErrNotExist", err)
	}
}
