package importer

import (
	"context"
	"errors"
	"io"

	"github.com/wolkvox-import/wolkvox-import/importer/source"
	"github.com/wolkvox-import/wolkvox-import/mapping"
	"github.com/wolkvox-import/wolkvox-import/report"
)

// CellEdit is a cell a person changed on the page before importing: the import reads
// Text instead of what the file holds, and the row's error column says Note (that the
// cell was edited, and what it held), in the results and the failed-rows file.
type CellEdit struct {
	Row  int // the row number the user sees
	Col  int // the column's index in the header
	Text string
	Note string
}

// withEdits makes rd hand out the edited cells.
func withEdits(rd source.Reader, edits []CellEdit) source.Reader {
	if len(edits) == 0 {
		return rd
	}
	byRow := map[int][]CellEdit{}
	for _, e := range edits {
		byRow[e.Row] = append(byRow[e.Row], e)
	}
	e := &editedReader{Reader: rd, edits: byRow}
	if info, ok := rd.(source.CSVInfo); ok {
		return editedCSV{e, info} // the results mirror the CSV's delimiter
	}
	return e
}

type editedCSV struct {
	*editedReader
	info source.CSVInfo
}

func (e editedCSV) Delimiter() rune  { return e.info.Delimiter() }
func (e editedCSV) Encoding() string { return e.info.Encoding() }

type editedReader struct {
	source.Reader
	edits map[int][]CellEdit
}

func (r *editedReader) Next() (source.Row, error) {
	row, err := r.Reader.Next()
	if err != nil {
		return row, err
	}
	for _, e := range r.edits[row.Num] {
		if e.Col < 0 || e.Col >= len(row.Cells) {
			continue
		}
		// A typed cell that was edited is text now, read as the user typed it.
		row.Cells[e.Col] = mapping.Cell{Text: e.Text}
		row.Warning = joinNote(row.Warning, e.Note)
	}
	return row, nil
}

// tee hands every row written to the results to fn as well.
type tee struct {
	report.Writer
	fn func(report.Row)
}

func (t tee) Write(r report.Row) error {
	if err := t.Writer.Write(r); err != nil {
		return err
	}
	t.fn(r)
	return nil
}

func (cfg *Config) writer(out report.Writer) report.Writer {
	if cfg.OnResult == nil {
		return out
	}
	return tee{out, cfg.OnResult}
}

// CheckedRow is one row of a dry run as a page shows it.
type CheckedRow struct {
	report.Row
	// All are the row's cells as read (with the edits), parallel to the header.
	All []mapping.Cell
	// Bad are the header indexes of the cells a problem of the row names.
	Bad []int
}

// Check is a dry run of cfg (Run with DryRun, writing cfg.Results) that also returns
// every row with its cells and the cells its problems name, for a page to show.
func Check(ctx context.Context, cfg Config) (*report.Summary, []string, []CheckedRow, error) {
	cfg.DryRun = true
	var rows []CheckedRow
	cfg.OnResult = func(r report.Row) { rows = append(rows, CheckedRow{Row: r}) }
	sum, err := Run(ctx, cfg)
	if err != nil {
		return sum, nil, nil, err
	}
	// A second reading of the rows, for their cells and the columns of their problems.
	cfg.defaults()
	rd, err := source.Open(cfg.Input, cfg.sourceOptions())
	if err != nil {
		return sum, nil, nil, err
	}
	defer rd.Close()
	rd = withEdits(rd, cfg.Edits)
	header := rd.Header()
	m := cfg.Mapping
	if m == nil {
		m = mapping.Auto(header)
	}
	plan, err := m.Bind(header)
	if err != nil {
		return sum, nil, nil, err
	}
	at := map[int]int{}
	for i, r := range rows {
		at[r.SourceRow] = i
	}
	for {
		row, err := rd.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			break // Run's summary says it (ReadError)
		}
		i, ok := at[row.Num]
		if !ok {
			continue
		}
		rows[i].All = row.Cells
		if rows[i].Status != report.Invalid {
			continue
		}
		if _, err := plan.Build(row.Num, row.Cells); err != nil {
			var errs mapping.RowErrors
			if errors.As(err, &errs) {
				for _, e := range errs {
					if c := headerAt(header, e.Column); c >= 0 {
						rows[i].Bad = append(rows[i].Bad, c)
					}
				}
			}
		}
	}
	return sum, header, rows, nil
}

func headerAt(header []string, col string) int {
	if col == "" {
		return -1
	}
	for i, h := range header {
		if h == col {
			return i
		}
	}
	return -1
}
