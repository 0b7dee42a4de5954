package report

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"os"
	"strconv"
)

// csvWriter writes UTF-8 with a BOM, so that Excel reads accents right, with the
// input's delimiter, so that the user's spreadsheet opens it as it opened the input.
// Every text cell goes through SafeText.
type csvWriter struct {
	file   *os.File
	buf    *bufio.Writer
	csv    *csv.Writer
	final  string
	layout []column
	record []string
}

func createCSV(path string, header []string, layout []column, delimiter rune) (*csvWriter, error) {
	f, err := createTemp(path)
	if err != nil {
		return nil, err
	}
	w := &csvWriter{file: f, buf: bufio.NewWriterSize(f, 64<<10), final: path, layout: layout}
	w.buf.WriteString("\uFEFF")
	w.csv = csv.NewWriter(w.buf)
	if delimiter != 0 {
		w.csv.Comma = delimiter
	}
	w.csv.UseCRLF = true // what Excel writes and expects
	head := make([]string, 0, len(header)+len(layout))
	for _, h := range header {
		head = append(head, SafeText(h))
	}
	if err := w.csv.Write(append(head, names(layout)...)); err != nil {
		w.Abort()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return w, nil
}

func (w *csvWriter) Write(r Row) error {
	w.record = w.record[:0]
	for _, c := range r.Cells {
		w.record = append(w.record, SafeText(c))
	}
	for _, c := range w.layout {
		switch c {
		case colSourceRow:
			w.record = append(w.record, strconv.Itoa(r.SourceRow))
		case colStatus:
			w.record = append(w.record, string(r.Status))
		case colID:
			w.record = append(w.record, SafeText(r.WolkvoxID))
		case colError:
			w.record = append(w.record, SafeText(r.Error))
		}
	}
	if err := w.csv.Write(w.record); err != nil {
		return fmt.Errorf("%s: %w", w.final, err)
	}
	return nil
}

func (w *csvWriter) Close() error {
	w.csv.Flush()
	if err := w.csv.Error(); err != nil {
		w.Abort()
		return fmt.Errorf("%s: %w", w.final, err)
	}
	if err := w.buf.Flush(); err != nil {
		w.Abort()
		return fmt.Errorf("%s: %w", w.final, err)
	}
	return commitTemp(w.file, w.final)
}

func (w *csvWriter) Abort() { abortTemp(w.file) }
