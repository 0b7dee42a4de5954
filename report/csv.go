package report

import (
	"bufio"
	"encoding/csv"
	"os"
	"strconv"
)

// csvWriter writes UTF-8 with a BOM, so that Excel reads accents right, with the
// input's delimiter, so that the user's spreadsheet opens it as it opened the input.
type csvWriter struct {
	file   *os.File
	buf    *bufio.Writer
	csv    *csv.Writer
	final  string
	record []string
}

func createCSV(path string, header []string, delimiter rune) (*csvWriter, error) {
	f, err := createTemp(path)
	if err != nil {
		return nil, err
	}
	w := &csvWriter{file: f, buf: bufio.NewWriterSize(f, 64<<10), final: path}
	w.buf.WriteString("\uFEFF")
	w.csv = csv.NewWriter(w.buf)
	if delimiter != 0 {
		w.csv.Comma = delimiter
	}
	w.csv.UseCRLF = true // what Excel writes and expects
	head := make([]string, 0, len(header)+len(Columns))
	for _, h := range header {
		head = append(head, SafeText(h))
	}
	if err := w.csv.Write(append(head, Columns...)); err != nil {
		w.Abort()
		return nil, err
	}
	return w, nil
}

func (w *csvWriter) Write(r Row) error {
	w.record = w.record[:0]
	for _, c := range r.Cells {
		w.record = append(w.record, SafeText(c))
	}
	w.record = append(w.record, strconv.Itoa(r.SourceRow), string(r.Status), SafeText(r.WolkvoxID), SafeText(r.Error))
	return w.csv.Write(w.record)
}

func (w *csvWriter) Close() error {
	w.csv.Flush()
	if err := w.csv.Error(); err != nil {
		w.Abort()
		return err
	}
	if err := w.buf.Flush(); err != nil {
		w.Abort()
		return err
	}
	return commitTemp(w.file, w.final)
}

func (w *csvWriter) Abort() { abortTemp(w.file) }
