package source

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/wolkvox-import/wolkvox-import/mapping"
)

type xlsxReader struct {
	path     string
	f        *excelize.File
	zr       *zip.ReadCloser
	rows     *sheetStream
	sheet    string
	date1904 bool
	styles   map[int]styleInfo // by style index: excelize's style lookups are not free
	header   []string
	width    int
	rowNum   int   // Excel row number of the row last read (= calls to rows.next)
	err      error // sticky fatal error
}

func openXLSX(path string, opts Options) (_ Reader, err error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, &FileError{Path: path, Err: ErrMalformed, Msg: "this is not a valid .xlsx workbook (" + err.Error() +
			"); if it is password-protected, save a copy without the password; if it is an .xls or a CSV file renamed to .xlsx, open it and save it as .xlsx"}
	}
	x := &xlsxReader{path: path, zr: zr, styles: map[int]styleInfo{}}
	defer func() {
		if err != nil {
			x.Close()
		}
	}()
	x.f, err = excelize.OpenFile(path)
	if err != nil {
		return nil, &FileError{Path: path, Err: ErrMalformed, Msg: "cannot open the workbook: " + err.Error()}
	}
	parts, err := readSheetParts(&zr.Reader)
	if err != nil {
		return nil, &FileError{Path: path, Err: ErrMalformed, Msg: "this workbook is damaged: " + err.Error()}
	}
	part, err := x.chooseSheet(parts, opts.Sheet)
	if err != nil {
		return nil, err
	}
	x.sheet = part.name
	if props, err := x.f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		x.date1904 = *props.Date1904
	}
	zf := lookupPart(partFiles(zr), part.path)
	if zf == nil {
		return nil, &FileError{Path: path, Err: ErrMalformed, Msg: fmt.Sprintf("this workbook is damaged: the sheet %q has no data part (%s)", part.name, part.path)}
	}
	sst, err := readSharedStrings(zr.File, x.f.CharsetReader)
	if err != nil {
		return nil, &FileError{Path: path, Err: ErrMalformed, Msg: "this workbook is damaged: cannot read its shared strings: " + err.Error()}
	}
	if x.rows, err = newSheetStream(zf, sst, x.f.CharsetReader); err != nil {
		return nil, &FileError{Path: path, Err: ErrMalformed, Msg: "cannot read the sheet: " + err.Error()}
	}
	for {
		_, cells, err := x.readRow()
		if err == io.EOF {
			return nil, &FileError{Path: path, Err: ErrNoHeader, Msg: fmt.Sprintf(
				"no header row: the sheet %q is empty; put the column names in its first row (or choose another sheet with --sheet)", x.sheet)}
		}
		if err != nil {
			return nil, err
		}
		if allBlank(cells) {
			continue
		}
		texts := make([]string, len(cells))
		for i, c := range cells {
			texts[i] = c.Text
		}
		x.header = header(texts)
		x.width = len(x.header)
		return x, nil
	}
}

func partFiles(zr *zip.ReadCloser) map[string]*zip.File {
	m := make(map[string]*zip.File, len(zr.File))
	for _, f := range zr.File {
		m[f.Name] = f
	}
	return m
}

// chooseSheet finds the sheet asked for (exactly, else ignoring case and surrounding
// spaces), or the first visible worksheet.
func (x *xlsxReader) chooseSheet(parts []sheetPart, want string) (sheetPart, error) {
	byName := map[string]sheetPart{}
	for _, p := range parts {
		byName[p.name] = p
	}
	names := x.f.GetSheetList()
	if want != "" {
		if p, ok := byName[want]; ok {
			return x.checkWorksheet(p, names)
		}
		for _, n := range names {
			if strings.EqualFold(strings.TrimSpace(n), strings.TrimSpace(want)) {
				if p, ok := byName[n]; ok {
					return x.checkWorksheet(p, names)
				}
			}
		}
		return sheetPart{}, &FileError{Path: x.path, Err: ErrUnknownSheet, Msg: fmt.Sprintf(
			"there is no sheet named %q; the sheets are: %s; pass one of them with --sheet", want, x.describeSheets(names, byName))}
	}
	for _, n := range names {
		p, ok := byName[n]
		if !ok || !p.worksheet {
			continue
		}
		if visible, err := x.f.GetSheetVisible(n); err == nil && visible {
			return p, nil
		}
	}
	return sheetPart{}, &FileError{Path: x.path, Err: ErrUnknownSheet, Msg: fmt.Sprintf(
		"the workbook has no visible worksheet; the sheets are: %s; pass one with --sheet", x.describeSheets(names, byName))}
}

func (x *xlsxReader) checkWorksheet(p sheetPart, names []string) (sheetPart, error) {
	if !p.worksheet {
		return sheetPart{}, &FileError{Path: x.path, Err: ErrUnknownSheet, Msg: fmt.Sprintf(
			"the sheet %q is a chart, not a worksheet with rows; pass a worksheet with --sheet", p.name)}
	}
	return p, nil
}

func (x *xlsxReader) describeSheets(names []string, byName map[string]sheetPart) string {
	var out []string
	for _, n := range names {
		d := strconv.Quote(n)
		if visible, err := x.f.GetSheetVisible(n); err == nil && !visible {
			d += " (hidden)"
		}
		if p, ok := byName[n]; ok && !p.worksheet {
			d += " (chart)"
		}
		out = append(out, d)
	}
	if len(out) == 0 {
		return "(none)"
	}
	return strings.Join(out, ", ")
}

// readRow reads the next row of the sheet, empty or not, and converts its cells.
func (x *xlsxReader) readRow() (int, []mapping.Cell, error) {
	if x.err != nil {
		return 0, nil, x.err
	}
	ok, err := x.rows.next()
	if err != nil {
		x.err = &FileError{Path: x.path, Err: ErrMalformed, Msg: fmt.Sprintf("sheet %q, after row %d: %v", x.sheet, x.rowNum, err)}
		return 0, nil, x.err
	}
	if !ok {
		x.err = io.EOF
		return 0, nil, io.EOF
	}
	x.rowNum++
	raw, err := x.rows.columns()
	if err != nil {
		x.err = &FileError{Path: x.path, Err: ErrMalformed, Msg: fmt.Sprintf("sheet %q, row %d: %v", x.sheet, x.rowNum, err)}
		return 0, nil, x.err
	}
	cells := make([]mapping.Cell, len(raw), max(len(raw), x.width))
	for i, c := range raw {
		cells[i] = x.cell(c)
	}
	return x.rowNum, cells, nil
}

// cell turns a raw value into what the user sees, by the cell's type and style.
func (x *xlsxReader) cell(c rawCell) mapping.Cell {
	raw := c.v
	switch c.t {
	case "", "n":
		if raw == "" {
			return mapping.Cell{}
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(raw), 64)
		if err != nil {
			return mapping.Cell{Text: raw}
		}
		st := x.style(c.s)
		if st.date {
			if t, ok := serialTime(v, x.date1904); ok {
				return mapping.Cell{Text: dateText(t), IsDate: true, Time: t}
			}
		}
		if st.literal != nil {
			return mapping.Cell{Text: literalText(st.literal, v)}
		}
		return mapping.Cell{Text: numberText(v)}
	case "b":
		switch strings.TrimSpace(raw) {
		case "1", "true":
			return mapping.Cell{Text: "TRUE"}
		case "0", "false":
			return mapping.Cell{Text: "FALSE"}
		}
		return mapping.Cell{Text: raw}
	case "d":
		if t, ok := parseISODate(raw); ok {
			return mapping.Cell{Text: dateText(t), IsDate: true, Time: t}
		}
		return mapping.Cell{Text: raw}
	default: // s, str, inlineStr, e: the text as read
		return mapping.Cell{Text: raw}
	}
}

// style returns what the number format of a style index says, cached by index.
func (x *xlsxReader) style(id int) styleInfo {
	if st, ok := x.styles[id]; ok {
		return st
	}
	var st styleInfo
	if s, err := x.f.GetStyle(id); err == nil && s != nil {
		switch {
		case s.CustomNumFmt != nil:
			st = classifyFormat(*s.CustomNumFmt)
		default:
			st.date = isBuiltinDateFormat(s.NumFmt)
		}
	}
	x.styles[id] = st
	return st
}

func (x *xlsxReader) Header() []string { return x.header }

func (x *xlsxReader) Next() (Row, error) {
	for {
		num, cells, err := x.readRow()
		if err != nil {
			return Row{}, err
		}
		if allBlank(cells) {
			continue
		}
		return fitRow(num, cells, x.width), nil
	}
}

func (x *xlsxReader) Close() error {
	var errs []error
	if x.rows != nil {
		errs = append(errs, x.rows.Close())
		x.rows = nil
	}
	if x.f != nil {
		errs = append(errs, x.f.Close())
		x.f = nil
	}
	if x.zr != nil {
		errs = append(errs, x.zr.Close())
		x.zr = nil
	}
	return errors.Join(errs...)
}

func (x *xlsxReader) SheetName() string { return x.sheet }
