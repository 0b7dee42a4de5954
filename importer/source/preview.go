package source

import (
	"archive/zip"
	"io"

	"github.com/wolkvox-import/wolkvox-import/i18n"
	"github.com/wolkvox-import/wolkvox-import/mapping"
)

// Preview is the top of a sheet as a page shows it, for the user to check (or change)
// the header row and the sheet.
type Preview struct {
	// Sheets are the workbook's visible worksheets, in order (nil for a CSV file).
	Sheets []string
	Layout Layout
	Header []string
	// Rows are the rows above the header that hold something, the header itself, then
	// up to n data rows, in sheet order, with their row numbers.
	Rows []Row
	// Data are the data rows among Rows (the ones after the header).
	Data []Row
}

// ReadPreview opens path as Open does, with the same limits, and reads the top of the
// sheet: what is above the header, the header, and n data rows.
func ReadPreview(path string, opts Options, n int) (*Preview, error) {
	sheets, err := Sheets(path, opts.Lang)
	if err != nil {
		return nil, err
	}
	rd, err := Open(path, opts)
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	p := &Preview{Sheets: sheets, Layout: rd.Layout(), Header: rd.Header()}
	p.Rows = append(p.Rows, p.Layout.Above...)
	head := make([]mapping.Cell, len(p.Header))
	for i, h := range p.Header {
		head[i] = mapping.Cell{Text: h}
	}
	p.Rows = append(p.Rows, Row{Num: p.Layout.HeaderRow, Cells: head})
	for len(p.Data) < n {
		r, err := rd.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		p.Data = append(p.Data, r)
	}
	p.Rows = append(p.Rows, p.Data...)
	return p, nil
}

// Sheets lists the visible worksheets of an XLSX workbook, in order; nil for a text
// (CSV) file. Only the workbook's own parts are read, with the readers' size limits.
func Sheets(path string, lang i18n.Lang) ([]string, error) {
	kind, err := sniff(path, i18n.New(lang))
	if err != nil {
		return nil, err
	}
	if kind != kindXLSX {
		return nil, nil
	}
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, nil // Open says what is wrong with it
	}
	defer zr.Close()
	wb, err := readWorkbook(&zr.Reader)
	if err != nil {
		return nil, nil
	}
	var names []string
	for _, s := range wb.sheets {
		if !s.hidden && s.worksheet {
			names = append(names, s.name)
		}
	}
	return names, nil
}

// DataCells are the cells of the preview's data rows, for mapping.Suggest and
// mapping.StarterWith.
func (p *Preview) DataCells() [][]mapping.Cell {
	out := make([][]mapping.Cell, len(p.Data))
	for i, r := range p.Data {
		out[i] = r.Cells
	}
	return out
}
