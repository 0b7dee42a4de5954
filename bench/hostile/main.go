// Command hostile writes the hostile inputs of the hardening issue into a folder, for
// bench/hostile.sh to measure the importer's peak memory on each. Big parts are streamed
// through the compressor: the files are small on disk, huge when expanded.
//
//	go run ./bench/hostile -dir /tmp/hostile
package main

import (
	"archive/zip"
	"bufio"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	dir := flag.String("dir", "", "write the files into `DIR`")
	scale := flag.Int("scale", 1, "divide the sizes by `N` (for a quick run)")
	flag.Parse()
	if *dir == "" {
		log.Fatal("hostile: -dir is required")
	}
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		log.Fatal(err)
	}
	mb := int64(1<<20) / int64(*scale)
	cases := []struct {
		name  string
		write func(w io.Writer) error
		xlsx  bool
		parts func(zw *zip.Writer) error
	}{
		{name: "csv-line-10MB-commas.csv", write: func(w io.Writer) error { return csvLine(w, 10*mb) }},
		{name: "csv-line-200MB-commas.csv", write: func(w io.Writer) error { return csvLine(w, 200*mb) }},
		{name: "xlsx-cell-1GB.xlsx", parts: func(zw *zip.Writer) error {
			return book(zw, func(w io.Writer) error {
				io.WriteString(w, `<row r="2"><c r="A2" t="inlineStr"><is><t>`)
				if err := repeat(w, "a", 1024*mb); err != nil {
					return err
				}
				_, err := io.WriteString(w, `</t></is></c></row>`)
				return err
			}, nil)
		}},
		{name: "xlsx-unused-part-2GB.xlsx", parts: func(zw *zip.Writer) error {
			return book(zw, func(w io.Writer) error {
				_, err := io.WriteString(w, `<row r="2"><c r="A2" t="inlineStr"><is><t>ok</t></is></c></row>`)
				return err
			}, func(zw *zip.Writer) error {
				w, err := zw.Create("xl/media/image1.bin")
				if err != nil {
					return err
				}
				return repeat(w, "\x00", 2048*mb)
			})
		}},
		{name: "xlsx-shared-strings-2GB.xlsx", parts: func(zw *zip.Writer) error {
			return book(zw, func(w io.Writer) error {
				_, err := io.WriteString(w, `<row r="2"><c r="A2" t="s"><v>0</v></c></row>`)
				return err
			}, func(zw *zip.Writer) error {
				w, err := zw.Create("xl/sharedStrings.xml")
				if err != nil {
					return err
				}
				bw := bufio.NewWriterSize(w, 1<<20)
				io.WriteString(bw, `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
				item := `<si><t>` + strings.Repeat("s", 1000) + `</t></si>`
				for n := int64(0); n < 2048*mb; n += int64(len(item)) {
					bw.WriteString(item)
				}
				io.WriteString(bw, `</sst>`)
				return bw.Flush()
			})
		}},
	}
	for _, c := range cases {
		path := filepath.Join(*dir, c.name)
		f, err := os.Create(path)
		if err != nil {
			log.Fatal(err)
		}
		if c.parts != nil {
			zw := zip.NewWriter(f)
			if err := c.parts(zw); err != nil {
				log.Fatal(err)
			}
			if err := zw.Close(); err != nil {
				log.Fatal(err)
			}
		} else {
			bw := bufio.NewWriterSize(f, 1<<20)
			if err := c.write(bw); err != nil {
				log.Fatal(err)
			}
			if err := bw.Flush(); err != nil {
				log.Fatal(err)
			}
		}
		if err := f.Close(); err != nil {
			log.Fatal(err)
		}
		fmt.Println(path)
	}
}

func csvLine(w io.Writer, n int64) error {
	io.WriteString(w, "Asunto,Inicio\nReunión,2026-10-05 09:30\n")
	if err := repeat(w, ",", n); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\nOtra,2026-10-06 10:00\n")
	return err
}

func repeat(w io.Writer, s string, n int64) error {
	chunk := []byte(strings.Repeat(s, 1<<16))
	for n > 0 {
		k := min(n, int64(len(chunk)))
		if _, err := w.Write(chunk[:k]); err != nil {
			return err
		}
		n -= k
	}
	return nil
}

// book writes a one-sheet workbook whose sheet holds a header and what rows writes, plus
// the parts more adds.
func book(zw *zip.Writer, rows func(io.Writer) error, more func(*zip.Writer) error) error {
	add := func(name, content string) error {
		w, err := zw.Create(name)
		if err != nil {
			return err
		}
		_, err = io.WriteString(w, content)
		return err
	}
	for name, content := range map[string]string{
		"[Content_Types].xml":        `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"_rels/.rels":                `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml":            `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Hoja1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
	} {
		if err := add(name, content); err != nil {
			return err
		}
	}
	w, err := zw.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		return err
	}
	io.WriteString(w, `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Asunto</t></is></c><c r="B1" t="inlineStr"><is><t>Inicio</t></is></c></row>`)
	if err := rows(w); err != nil {
		return err
	}
	io.WriteString(w, `</sheetData></worksheet>`)
	if more != nil {
		return more(zw)
	}
	return nil
}
