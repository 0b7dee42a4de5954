// Package bench measures wolkvox-import against the issue "Performance, measured":
// throughput against the sandbox, the rate as the server sees it, memory and local speed
// of a dry run, side by side with the simplest alternative (one request after another).
//
// The package holds what the measuring programs (bench/gen, bench/measure), the Go
// benchmarks (bench_test.go) and bench/run.sh share: the generated inputs, the statistics
// of the sandbox's request log, and a sequential "curl in a loop" sender.
package bench

import (
	"archive/zip"
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// Header is the header row of every generated input: the columns of samples/meetings.*.
var Header = []string{"Asunto", "Prioridad", "Fecha inicio", "Fecha fin", "Recordar", "Recordatorio", "Notas", "Cliente", "Caso", "Lugar", "Responsable", "Participantes"}

// Mapping is samples/mapping.yaml (copied so that the benchmarks do not move when the
// sample does).
const Mapping = `operation: Bench-CRM-operation
type: meet
fields:
  name:            { column: Asunto }
  status:          { value: created }
  priority:        { column: Prioridad, values: { Alta: high, Media: normal, Baja: low }, default: normal }
  name_module:     { value: cases }
  start_date:      { column: Fecha inicio, format: "DD/MM/YYYY HH:mm" }
  completion_date: { column: Fecha fin, format: "DD/MM/YYYY HH:mm" }
  remember:        { column: Recordar }
  reminder_date:   { column: Recordatorio, format: "DD/MM/YYYY HH:mm" }
  description:     { template: "{Notas} (cliente: {Cliente})" }
  id_record:       { column: Caso }
  location:        { column: Lugar }
  wolkvox_owner:   { column: Responsable }
  participants:    { column: Participantes, split: ";," }
`

// WriteMapping writes Mapping to path.
func WriteMapping(path string) error {
	return os.WriteFile(path, []byte(Mapping), 0o644)
}

// row is data row i (0-based): every row is a distinct meeting (the ledger refuses
// identical rows in one run); some texts repeat (shared strings), some are unique.
type row struct {
	texts []string // by Header; the date and number columns are left empty
	start time.Time
	caso  int
}

func makeRow(i int) row {
	start := time.Date(2024, 7, 1, 8, 0, 0, 0, time.UTC).Add(time.Duration(i%200000) * 37 * time.Minute)
	return row{
		texts: []string{
			"Reunión de seguimiento " + strconv.Itoa(i),
			[]string{"Alta", "Media", "Baja"}[i%3],
			"", "",
			[]string{"sí", "no"}[i%2],
			"",
			"Revisar pedido " + strconv.Itoa(i) + ", con el cliente; llevar contrato",
			"Cliente " + strconv.Itoa(i%500) + " S.A.S.",
			"",
			[]string{"Sala 2 - Sede Norte", "https://meet.google.com/abc-defg-hij", "Oficina 301"}[i%3],
			[]string{"ADMIN_@ventas", "SOPORTE_@postventa"}[i%2],
			"Ana Gómez; Luis Pérez, Marta Ruiz",
		},
		start: start,
		caso:  10000 + i,
	}
}

const csvDate = "02/01/2006 15:04"

// WriteCSV writes a UTF-8, comma-delimited CSV of n data rows (CRLF, as Excel saves).
func WriteCSV(w io.Writer, n int) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.WriteString(strings.Join(Header, ",") + "\r\n")
	for i := range n {
		r := makeRow(i)
		t := r.texts
		fmt.Fprintf(bw, "%s,%s,%s,%s,%s,%s,\"%s\",%s,%d,%s,%s,\"%s\"\r\n", t[0], t[1],
			r.start.Format(csvDate), r.start.Add(time.Hour).Format(csvDate), t[4],
			r.start.Add(-time.Hour).Format(csvDate), t[6], t[7], r.caso, t[9], t[10], t[11])
	}
	return bw.Flush()
}

// WriteCSVFile writes WriteCSV's rows to path.
func WriteCSVFile(path string, n int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := WriteCSV(f, n); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// WriteXLSX writes a workbook of n data rows with excelize's StreamWriter: three real date
// cells (a date style), a number column (Caso) and text. StreamWriter writes text as
// inline strings, which Excel and LibreOffice never do: a second pass moves every text
// into a shared string table (xl/sharedStrings.xml), as they save it, so the reader pays
// what it pays on a real workbook.
func WriteXLSX(path string, n int) error {
	tmp := path + ".inline.xlsx"
	if err := writeInlineXLSX(tmp, n); err != nil {
		return err
	}
	defer os.Remove(tmp)
	return shareStrings(tmp, path)
}

func writeInlineXLSX(path string, n int) error {
	f := excelize.NewFile()
	defer f.Close()
	dateFmt := "dd/mm/yyyy hh:mm"
	ds, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	head := make([]any, len(Header))
	for i, h := range Header {
		head[i] = h
	}
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	vals := make([]any, len(Header))
	for i := range n {
		r := makeRow(i)
		for j, s := range r.texts {
			vals[j] = s
		}
		vals[2] = excelize.Cell{StyleID: ds, Value: r.start}
		vals[3] = excelize.Cell{StyleID: ds, Value: r.start.Add(time.Hour)}
		vals[5] = excelize.Cell{StyleID: ds, Value: r.start.Add(-time.Hour)}
		vals[8] = r.caso
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, vals); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.SaveAs(path)
}

const (
	sheetPart   = "xl/worksheets/sheet1.xml"
	sstPart     = "xl/sharedStrings.xml"
	typesPart   = "[Content_Types].xml"
	wbRelsPart  = "xl/_rels/workbook.xml.rels"
	sstType     = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
	sstRelType  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
	inlineOpen  = ` t="inlineStr"><is><t`
	inlineClose = `</t></is></c>`
)

// shareStrings copies the workbook at src to dst with every inline string cell of the
// sheet turned into a shared string cell.
func shareStrings(src, dst string) error {
	zr, err := zip.OpenReader(src)
	if err != nil {
		return err
	}
	defer zr.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	defer out.Close()
	zw := zip.NewWriter(out)

	index := map[string]int{}
	var table []string // escaped XML text, in index order
	for _, f := range zr.File {
		if f.Name == sstPart {
			return errors.New("bench: the streamed workbook already has a shared string table")
		}
	}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return err
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			rc.Close()
			return err
		}
		switch f.Name {
		case sheetPart:
			err = rewriteSheet(rc, w, index, &table)
		case typesPart:
			err = insertBefore(rc, w, "</Types>", `<Override PartName="/xl/sharedStrings.xml" ContentType="`+sstType+`"/>`)
		case wbRelsPart:
			err = insertBefore(rc, w, "</Relationships>", `<Relationship Id="rIdBenchSST" Type="`+sstRelType+`" Target="sharedStrings.xml"/>`)
		default:
			_, err = io.Copy(w, rc)
		}
		rc.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
	}
	w, err := zw.Create(sstPart)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+
		`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, len(table), len(table))
	for _, s := range table {
		bw.WriteString(`<si><t xml:space="preserve">`)
		bw.WriteString(s)
		bw.WriteString(`</t></si>`)
	}
	bw.WriteString(`</sst>`)
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return out.Close()
}

// rewriteSheet streams the sheet XML, replacing
// `<c r="A2" t="inlineStr"><is><t>TEXT</t></is></c>` (or `<t xml:space="preserve">`)
// by `<c r="A2" t="s"><v>INDEX</v></c>`.
func rewriteSheet(r io.Reader, w io.Writer, index map[string]int, table *[]string) error {
	data, err := io.ReadAll(r) // the inline sheet of 200,000 rows is ~100 MB: fine for a generator
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	for {
		i := bytes.Index(data, []byte(inlineOpen))
		if i < 0 {
			bw.Write(data)
			break
		}
		bw.Write(data[:i])
		rest := data[i+len(inlineOpen):]
		gt := bytes.IndexByte(rest, '>') // end of <t ...>
		end := bytes.Index(rest, []byte(inlineClose))
		if gt < 0 || end < gt {
			return errors.New("unexpected inline string cell")
		}
		text := string(rest[gt+1 : end])
		k, ok := index[text]
		if !ok {
			k = len(*table)
			index[text] = k
			*table = append(*table, text)
		}
		bw.WriteString(` t="s"><v>`)
		bw.WriteString(strconv.Itoa(k))
		bw.WriteString(`</v></c>`)
		data = rest[end+len(inlineClose):]
	}
	return bw.Flush()
}

func insertBefore(r io.Reader, w io.Writer, closing, add string) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	i := bytes.LastIndex(data, []byte(closing))
	if i < 0 {
		return fmt.Errorf("no %s", closing)
	}
	if _, err := w.Write(data[:i]); err != nil {
		return err
	}
	if _, err := io.WriteString(w, add); err != nil {
		return err
	}
	_, err = w.Write(data[i:])
	return err
}
