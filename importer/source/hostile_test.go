package source

import (
	"archive/zip"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Hostile inputs, made at test time (nothing big is committed): each is refused or marks
// its row, within the readers' limits, never by reading it whole. Peak memory per hostile
// file is measured in bench/ (BenchmarkHostile), not here.

// writeXLSX makes a workbook with one sheet whose sheetData is rows, plus extra parts.
func writeXLSX(t *testing.T, rows string, sst string, extra map[string]string, corrupt ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "book.xlsx")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	add := func(name, content string) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, content)
	}
	add("[Content_Types].xml", `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`)
	add("_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	add("xl/workbook.xml", `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Hoja1" sheetId="1" r:id="rId1"/></sheets></workbook>`)
	add("xl/_rels/workbook.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`)
	add("xl/worksheets/sheet1.xml", `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`+rows+`</sheetData></worksheet>`)
	if sst != "" {
		add("xl/sharedStrings.xml", `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`+sst+`</sst>`)
	}
	for name, content := range extra {
		add(name, content)
	}
	for _, name := range corrupt {
		// Stored, not deflated, with bytes that are no deflate stream: opening it as
		// deflate fails. The reader must never open it.
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(strings.Repeat("x", 100)))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return path
}

const hostileHeader = `<row r="1"><c r="A1" t="inlineStr"><is><t>Asunto</t></is></c><c r="B1" t="inlineStr"><is><t>Notas</t></is></c></row>`

func TestHostileXLSX(t *testing.T) {
	t.Run("a cell of 5 MB is refused as too large, not read whole", func(t *testing.T) {
		path := writeXLSX(t, hostileHeader+`<row r="2"><c r="A2" t="inlineStr"><is><t>`+strings.Repeat("a", 5<<20)+`</t></is></c></row>`, "", nil)
		r, err := Open(path, Options{})
		if err == nil {
			_, err = r.Next()
			r.Close()
		}
		if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "too large or damaged") {
			t.Fatalf("got %v, want a too-large error", err)
		}
	})
	t.Run("a cell over 32,767 characters makes its row invalid", func(t *testing.T) {
		path := writeXLSX(t, hostileHeader+`<row r="2"><c r="A2" t="s"><v>0</v></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>ok</t></is></c><c r="B3" t="inlineStr"><is><t>`+strings.Repeat("é", 40000)+`</t></is></c></row>`,
			`<si><t>`+strings.Repeat("b", 40000)+`</t></si>`, nil)
		_, rows := readAll(t, path, Options{})
		if len(rows) != 2 {
			t.Fatalf("%d rows, want 2", len(rows))
		}
		for _, row := range rows {
			if !errors.Is(row.Err, ErrCellTooLong) || !strings.Contains(row.Err.Error(), "40,000 characters") {
				t.Errorf("row %d: %v, want a cell-too-long error", row.Num, row.Err)
			}
			for _, c := range row.Cells {
				if n := len([]rune(c.Text)); n > maxCellChars {
					t.Errorf("row %d holds a cell of %d characters", row.Num, n)
				}
			}
		}
	})
	t.Run("a part the reader does not use is never decompressed", func(t *testing.T) {
		path := writeXLSX(t, hostileHeader+`<row r="2"><c r="A2" t="inlineStr"><is><t>ok</t></is></c></row>`, "", nil, "xl/media/huge.bin", "xl/drawings/drawing1.xml")
		_, rows := readAll(t, path, Options{})
		if len(rows) != 1 || rows[0].Cells[0].Text != "ok" {
			t.Fatalf("rows %v", rows)
		}
	})
	t.Run("shared strings past the memory limit are refused", func(t *testing.T) {
		defer func(v int) { sstTextLimit = v }(sstTextLimit)
		sstTextLimit = 1 << 20
		path := writeXLSX(t, hostileHeader, strings.Repeat(`<si><t>`+strings.Repeat("c", 1000)+`</t></si>`, 2000), nil)
		if _, err := Open(path, Options{}); !errors.Is(err, ErrTooLarge) {
			t.Fatalf("got %v, want a too-large error", err)
		}
	})
	t.Run("a row past XFD is an error, not 100,000 cells", func(t *testing.T) {
		path := writeXLSX(t, hostileHeader+`<row r="2">`+strings.Repeat(`<c t="inlineStr"><is><t>x</t></is></c>`, 20000)+`</row>`, "", nil)
		r, err := Open(path, Options{})
		if err == nil {
			_, err = r.Next()
			r.Close()
		}
		if !errors.Is(err, ErrMalformed) || !strings.Contains(err.Error(), "XFD") {
			t.Fatalf("got %v, want an error naming the last column", err)
		}
	})
	t.Run("rows without r past the sheet's last row", func(t *testing.T) {
		// 1,048,577 empty rows without r: the check holds as it does with r.
		path := writeXLSX(t, hostileHeader+strings.Repeat("<row/>", 1_048_577), "", nil)
		r, err := Open(path, Options{})
		if err == nil {
			for err == nil {
				_, err = r.Next()
			}
			r.Close()
		}
		if err == io.EOF || !strings.Contains(err.Error(), "row") {
			t.Fatalf("got %v, want the row limit", err)
		}
	})
}

func TestHostileCSV(t *testing.T) {
	write := func(t *testing.T, content string) string {
		p := filepath.Join(t.TempDir(), "in.csv")
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	t.Run("a line of 2 MiB of commas is refused with its line", func(t *testing.T) {
		path := write(t, "Asunto,Notas\nok,1\n"+strings.Repeat(",", 2<<20)+"\nnext,2\n")
		// With the rule of a run without a mapping too, which looks past the first row for
		// the header: the rows before the damage are served, then the error.
		r, err := Open(path, Options{Header: autoRule})
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		var rowErr error
		n := 0
		for {
			_, err := r.Next()
			if err != nil {
				rowErr = err
				break
			}
			n++
		}
		var fe *FileError
		if !errors.Is(rowErr, ErrRowTooLong) || !errors.As(rowErr, &fe) || fe.Line != 3 || n != 1 {
			t.Fatalf("after %d rows: %v, want a record-too-long error on line 3", n, rowErr)
		}
	})
	t.Run("a quoted field running over many short lines past 1 MiB is refused too", func(t *testing.T) {
		path := write(t, "Asunto,Notas\n\"x"+strings.Repeat("línea\n", 300000)+"\",1\n")
		r, err := Open(path, Options{})
		if err == nil {
			_, err = r.Next()
			r.Close()
		}
		if !errors.Is(err, ErrRowTooLong) {
			t.Fatalf("got %v, want a record-too-long error", err)
		}
	})
	t.Run("a row of 20,000 cells is invalid, the next row is read", func(t *testing.T) {
		path := write(t, "Asunto,Notas\n"+strings.Repeat("x,", 20000)+"\nok,1\n")
		_, rows := readAll(t, path, Options{})
		if len(rows) != 2 || !errors.Is(rows[0].Err, ErrRowTooLong) || rows[1].Err != nil {
			t.Fatalf("rows: %d; first err %v", len(rows), rows[0].Err)
		}
	})
	t.Run("a cell of 40,000 characters is invalid, never cut and sent", func(t *testing.T) {
		path := write(t, "Asunto,Notas\nok,"+strings.Repeat("ñ", 40000)+"\n")
		_, rows := readAll(t, path, Options{})
		if len(rows) != 1 || !errors.Is(rows[0].Err, ErrCellTooLong) {
			t.Fatalf("rows %d, err %v", len(rows), rows[0].Err)
		}
	})
	t.Run("invalid UTF-8 with --encoding utf-8 is warned on its row", func(t *testing.T) {
		path := write(t, "Asunto,Notas\nCaf\xe9,1\nok,2\n")
		_, rows := readAll(t, path, Options{Encoding: "utf-8"})
		if len(rows) != 2 || rows[0].Cells[0].Text != "Caf\uFFFD" || !strings.Contains(rows[0].Warning, "not UTF-8") || rows[1].Warning != "" {
			t.Fatalf("rows %+v", rows)
		}
	})
}
