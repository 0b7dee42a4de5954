package report

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
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

// Create opens a results sheet at path; the format follows the extension (.xlsx, else CSV).
// delimiter is used for CSV (0 means ',').
func Create(path string, header []string, delimiter rune) (Writer, error) {
	if strings.EqualFold(filepath.Ext(path), ".xlsx") {
		return createXLSX(path, header)
	}
	return createCSV(path, header, delimiter)
}

// createTemp makes the file the sheet is written to before it is renamed into place, in
// the same folder so that the rename is atomic.
func createTemp(path string) (*os.File, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("cannot write the results sheet %s: %w", path, err)
	}
	return f, nil
}

func commitTemp(f *os.File, path string) error {
	if err := f.Sync(); err != nil {
		abortTemp(f)
		return fmt.Errorf("results sheet %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("results sheet %s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("results sheet %s: %w (is it open in a spreadsheet program?)", path, err)
	}
	return nil
}

func abortTemp(f *os.File) {
	f.Close()
	os.Remove(f.Name())
}
