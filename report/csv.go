package report

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"os"
	"strconv"

	"github.com/wolkvox-import/wolkvox-import/i18n"
	"github.com/wolkvox-import/wolkvox-import/mapping"
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
	next   int  // the row number the next record is (1-based)
	align  bool // rows go at their SourceRow (the results sheet), not one after the other
	p      *i18n.Printer
	words  statusWords // the status words in p's language
	fresh  func()      // stops touching the temporary file
}

func createCSV(path string, header []string, layout []column, opts *Options) (*csvWriter, error) {
	f, err := createTemp(path)
	if err != nil {
		return nil, err
	}
	w := &csvWriter{file: f, buf: bufio.NewWriterSize(f, 64<<10), final: path, layout: layout, next: 1}
	// A live run may go hours without a write (waiting for the allowance): keep its file
	// from looking like a killed run's leftover to another run's clean-up.
	w.fresh = keepFresh(f.Name())
	w.buf.WriteString("\uFEFF")
	w.csv = csv.NewWriter(w.buf) // writes into w.buf itself (bufio reuses a large enough Writer), so gaps written there stay in order
	if opts.Delimiter != 0 {
		w.csv.Comma = opts.Delimiter
	}
	// Lines end with LF: with UseCRLF, encoding/csv also turns a line break inside a cell
	// into CRLF, and the cell must come back as it was. Excel reads LF lines.
	w.csv.UseCRLF = false
	for _, above := range opts.Above {
		if err := w.gapTo(above.Num); err != nil {
			w.Abort()
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		w.record = w.record[:0]
		for _, c := range above.Cells {
			w.record = append(w.record, SafeText(c.Text))
		}
		if err := w.writeRecord(); err != nil {
			w.Abort()
			return nil, fmt.Errorf("%s: %w", path, err)
		}
	}
	if err := w.gapTo(opts.HeaderRow); err != nil {
		w.Abort()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	head := make([]string, 0, len(header)+len(layout))
	for _, h := range header {
		head = append(head, SafeText(h))
	}
	w.p = i18n.New(opts.Lang)
	w.words = statusWords{p: w.p}
	w.record = append(head, names(layout, w.p)...)
	if err := w.writeRecord(); err != nil {
		w.Abort()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	w.align = opts.aligned
	return w, nil
}

// gapTo writes empty lines up to (not including) row num, so that the next record is
// row num as a spreadsheet shows the file.
func (w *csvWriter) gapTo(num int) error {
	for w.next < num {
		if _, err := w.buf.WriteString("\n"); err != nil {
			return err
		}
		w.next++
	}
	return nil
}

func (w *csvWriter) writeRecord() error {
	w.next++
	if len(w.record) == 0 {
		_, err := w.buf.WriteString("\n")
		return err
	}
	return w.csv.Write(w.record)
}

func (w *csvWriter) Write(r Row) error {
	if w.align {
		if err := w.gapTo(r.SourceRow); err != nil {
			return fmt.Errorf("%s: %w", w.final, err)
		}
	}
	w.record = w.record[:0]
	for _, c := range r.Cells {
		if c.Kind == mapping.KindText {
			w.record = append(w.record, SafeText(c.Text))
		} else {
			w.record = append(w.record, c.Text)
		}
	}
	for _, c := range w.layout {
		switch c {
		case colSourceRow:
			w.record = append(w.record, strconv.Itoa(r.SourceRow))
		case colStatus:
			w.record = append(w.record, w.words.in(r.Status))
		case colID:
			w.record = append(w.record, SafeText(r.WolkvoxID))
		case colError:
			w.record = append(w.record, SafeText(r.Error))
		}
	}
	if err := w.writeRecord(); err != nil {
		return fmt.Errorf("%s: %w", w.final, err)
	}
	return nil
}

func (w *csvWriter) Close() error {
	w.fresh()
	w.csv.Flush()
	if err := w.csv.Error(); err != nil {
		w.Abort()
		return fmt.Errorf("%s: %w", w.final, err)
	}
	if err := w.buf.Flush(); err != nil {
		w.Abort()
		return fmt.Errorf("%s: %w", w.final, err)
	}
	return commitTemp(w.file, w.final, w.p)
}

func (w *csvWriter) Abort() {
	w.fresh()
	abortTemp(w.file)
}
