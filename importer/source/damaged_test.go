package source

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A sheet whose XML breaks off in the middle of a row is an error naming the sheet, not
// a quiet end of the rows (the two-pass reader used to stop there silently, losing the
// rest of the sheet).
func TestXLSXDamagedSheetIsAnError(t *testing.T) {
	src, err := zip.OpenReader(filepath.Join("..", "..", "testdata", "lo-1904.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	var buf bytes.Buffer
	dst := zip.NewWriter(&buf)
	for _, f := range src.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		if f.Name == "xl/worksheets/sheet1.xml" {
			// Break the XML right after row 2, where row 3 should start.
			i := bytes.Index(b, []byte(`<row r="3"`))
			if i < 0 {
				t.Fatal("fixture has no row 3")
			}
			b = append(b[:i], []byte(`<<broken`)...)
		}
		w, err := dst.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(b)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "damaged.xlsx")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	rd, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err) // the header is intact
	}
	defer rd.Close()
	var rows int
	for {
		_, err := rd.Next()
		if err == io.EOF {
			t.Fatalf("read %d rows and reached the end: the damage went unreported", rows)
		}
		if err != nil {
			if !strings.Contains(err.Error(), "sheet") {
				t.Fatalf("error %q does not name the sheet", err)
			}
			break
		}
		rows++
	}
	if rows != 1 {
		t.Fatalf("read %d rows before the damage, want the 1 intact one", rows)
	}
}
