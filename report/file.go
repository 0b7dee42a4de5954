package report

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/wolkvox-import/wolkvox-import/i18n"
)

// DefaultPath is NAME.results.EXT next to the input, in the input's format.
func DefaultPath(input string) string {
	ext := filepath.Ext(input)
	base := strings.TrimSuffix(input, ext)
	switch strings.ToLower(ext) {
	case ".xlsx", ".xlsm":
		return base + ".results.xlsx"
	default:
		return base + ".results.csv"
	}
}

// FailedPath is where the failed-rows file of a results sheet goes: NAME.failed.EXT for
// NAME.results.EXT (and OTHER.failed.EXT for any other OTHER.EXT), in the same folder
// and format.
func FailedPath(results string) string {
	ext := filepath.Ext(results)
	base := strings.TrimSuffix(results, ext)
	if n := len(base) - len(".results"); n >= 0 && strings.EqualFold(base[n:], ".results") {
		base = base[:n]
	}
	return base + ".failed" + ext
}

func isXLSX(path string) bool {
	return strings.EqualFold(filepath.Ext(path), ".xlsx")
}

// Options says how to write the results sheet and the failed-rows file.
type Options struct {
	// Delimiter is the CSV delimiter, the input's own (0 means ',').
	Delimiter rune
	// Sheet is the input's sheet name, if it is an XLSX: the failed-rows file names its
	// sheet the same, so that the same --sheet flag reads it back. "" names it "Rows to fix".
	Sheet string
	// DryRun writes no failed-rows file and leaves an earlier one alone: a dry run's
	// invalid rows are fixed in the input, which is then imported whole.
	DryRun bool
	// Input is the file being imported: Create refuses to put a sheet in its place.
	Input string
	// HeaderRow is the input's header row (0 = 1): the results sheet puts its header
	// there, the Above rows above it, and each row at its SourceRow, so that "row 38"
	// means the same row in the input, the results and every message.
	HeaderRow int
	Above     []SheetRow
	// Widths are the input's column widths, parallel to the header (0 = not set).
	Widths []float64

	// Lang is the language of the added columns, the status words and the Summary sheet.
	Lang i18n.Lang

	aligned bool // the results sheet: rows at their SourceRow (the failed-rows file lists them one after the other)
}

// staleAfter is how old a temporary results file must be to be taken for the leftover
// of a run that was killed: a run that is alive writes to its file far more often.
const staleAfter = time.Hour

// removeStaleTemps removes what killed runs left of path's temporary files (".NAME.*.tmp"
// beside it, untouched for staleAfter); it says how many it removed.
func removeStaleTemps(path string) int {
	matches, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "."+globEscape(filepath.Base(path))+".*.tmp"))
	n := 0
	for _, m := range matches {
		if st, err := os.Stat(m); err == nil && time.Since(st.ModTime()) > staleAfter && os.Remove(m) == nil {
			n++
		}
	}
	return n
}

// freshEvery is how often keepFresh touches a file (a variable for the tests).
var freshEvery = staleAfter / 4

// keepFresh touches the temporary file at path every freshEvery until stop is called, so
// that another run's removeStaleTemps never takes a live run's file for a killed run's
// leftover: a run can go hours without writing to it (waiting for the daily allowance, or
// a compressed stream holding back what it has). stop may be called more than once.
func keepFresh(path string) (stop func()) {
	done := make(chan struct{})
	var once sync.Once
	tick := time.NewTicker(freshEvery)
	go func() {
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case now := <-tick.C:
				os.Chtimes(path, now, now)
			}
		}
	}()
	return func() { once.Do(func() { close(done) }) }
}

func globEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, "*", `\*`, "?", `\?`, "[", `\[`).Replace(s)
}

// createTemp makes the file a sheet is written to before it is renamed into place, in
// the same folder so that the rename is atomic.
func createTemp(path string) (*os.File, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return f, nil
}

// commitTemp puts the written file in place. os.CreateTemp makes it 0600; a results sheet
// is shared like the sheet it came from, so it gets the mode of the file it replaces, or
// 0644 (read by all, written by the owner, as a spreadsheet program saves it).
func commitTemp(f *os.File, path string, p *i18n.Printer) error {
	mode := os.FileMode(0o644)
	if st, err := os.Stat(path); err == nil {
		mode = st.Mode().Perm()
	}
	if err := f.Chmod(mode); err != nil {
		abortTemp(f)
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		abortTemp(f)
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		os.Remove(f.Name())
		return errorIn(p, err, "file.rename", fmt.Sprintf("%s: %v", path, err))
	}
	return nil
}

func abortTemp(f *os.File) {
	f.Close()
	os.Remove(f.Name())
}

// sameFile reports whether a and b name the same file: the same existing file (through
// links too), or, for files not yet there, the same place once links are followed.
func sameFile(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	if sa, err := os.Stat(a); err == nil {
		if sb, err := os.Stat(b); err == nil {
			return os.SameFile(sa, sb)
		}
	}
	return canonical(a) == canonical(b)
}

// NamedFile is a file a run reads or writes, as the user named it: Flag says which
// (for messages, "--results"), Writes whether the run writes it, Fix which flag chooses
// it ("" means Flag).
type NamedFile struct {
	Flag   string
	Path   string
	Writes bool
	Fix    string
}

// CheckDistinct returns an error, in lang, when two of files are one file (the same path
// written two ways, a symbolic or hard link to it, or a name in a linked folder) and the
// run writes at least one of them: writing it would destroy the other. Empty paths are
// skipped. It reads no file's contents.
func CheckDistinct(files []NamedFile, lang i18n.Lang) error {
	for i, a := range files {
		for _, b := range files[i+1:] {
			if a.Path == "" || b.Path == "" || !(a.Writes || b.Writes) || !sameFile(a.Path, b.Path) {
				continue
			}
			w, other := b, a
			if a.Writes && !b.Writes {
				w, other = a, b
			}
			fix := w.Fix
			if fix == "" {
				fix = w.Flag
			}
			return &SameFileError{Written: w, Other: other, msg: i18n.New(lang).T("file.same",
				a.Flag, a.Path, b.Flag, b.Path, w.Flag, other.Flag, fix)}
		}
	}
	return nil
}

// SameFileError is CheckDistinct's refusal: writing Written would destroy Other.
type SameFileError struct {
	Written, Other NamedFile
	msg            string // in the language CheckDistinct was asked for
}

func (e *SameFileError) Error() string { return e.msg }

// fileError is an error about a file the run writes, in the catalog's words, that
// unwraps to the error underneath it (a *fs.PathError, a full disk), so that callers
// can still test it with errors.Is and errors.As.
type fileError struct {
	msg string
	err error
}

func (e *fileError) Error() string { return e.msg }
func (e *fileError) Unwrap() error { return e.err }

// errorIn is err told with the catalog's key and args, in p's language.
func errorIn(p *i18n.Printer, err error, key string, args ...any) error {
	return &fileError{msg: p.T(key, args...), err: err}
}

// canonical is path made absolute, through its symbolic links, as far as they exist: a
// file not yet created is named by where its folder really is.
func canonical(path string) string {
	p, err := filepath.Abs(path)
	if err != nil {
		return filepath.Clean(path)
	}
	for range 40 { // a dangling link: the file would be created where it points
		t, err := os.Readlink(p)
		if err != nil {
			break
		}
		if !filepath.IsAbs(t) {
			t = filepath.Join(filepath.Dir(p), t)
		}
		p = filepath.Clean(t)
	}
	if dir, err := filepath.EvalSymlinks(filepath.Dir(p)); err == nil {
		return filepath.Join(dir, filepath.Base(p))
	}
	return p
}
