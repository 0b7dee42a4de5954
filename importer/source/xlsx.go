package source

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/wolkvox-import/wolkvox-import/mapping"
)

// xlsxSheet is one worksheet's rows, every row number from 1 on (missing rows empty).
type xlsxSheet struct {
	path    string
	book    *workbook
	part    sheetPart
	rows    *sheetStream
	formats map[int]numFormat // by style index
	extras  sheetExtras
	rowNum  int   // Excel row number of the row last read (= calls to rows.next)
	err     error // sticky fatal error
}

func openXLSX(path string, opts Options) (_ Reader, err error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, &FileError{Path: path, Err: ErrMalformed, Msg: "this is not a valid .xlsx workbook (" + err.Error() +
			"); if it is password-protected, save a copy without the password; if it is an .xls or a CSV file renamed to .xlsx, open it and save it as .xlsx"}
	}
	keep := false
	defer func() {
		if !keep {
			zr.Close()
		}
	}()
	wb, err := readWorkbook(&zr.Reader)
	switch {
	case errors.Is(err, errODS):
		return nil, &FileError{Path: path, Err: ErrUnsupportedFormat,
			Msg: "this is an OpenDocument spreadsheet (.ods), which cannot be read; open it in LibreOffice and save it as .xlsx (or .csv)"}
	case errors.Is(err, ErrTooLarge):
		return nil, tooLarge(path, "its workbook or styles part")
	case err != nil && lookupPart(partMap(&zr.Reader), "[Content_Types].xml") == nil:
		return nil, &FileError{Path: path, Err: ErrNotSpreadsheet,
			Msg: "this is not a spreadsheet: it is a zip archive without a workbook; choose the .xlsx or .csv file with the meetings"}
	case err != nil:
		return nil, &FileError{Path: path, Err: ErrMalformed, Msg: "this workbook is damaged: " + err.Error()}
	}
	var sst *sharedStrings
	loadSST := func() error {
		if sst != nil {
			return nil
		}
		var err error
		if sst, err = readSharedStrings(wb.files, wb.sstPath); err != nil {
			if errors.Is(err, ErrTooLarge) {
				return tooLarge(path, "its shared strings")
			}
			return &FileError{Path: path, Err: ErrMalformed, Msg: "this workbook is damaged: cannot read its shared strings: " + err.Error()}
		}
		return nil
	}
	candidates, err := sheetCandidates(path, wb.sheets, opts.Sheet)
	if err != nil {
		return nil, err
	}
	if err := loadSST(); err != nil {
		return nil, err
	}

	type scanned struct {
		sheet *xlsxSheet
		scan  headerScan
	}
	var tried []scanned
	closeAll := func(except *xlsxSheet) {
		for _, t := range tried {
			if t.sheet != except {
				t.sheet.close()
			}
		}
	}
	pick := func(t scanned, first string) (Reader, error) {
		closeAll(t.sheet)
		if t.scan.reason != nil {
			t.sheet.close()
			return nil, &FileError{Path: path, Err: ErrNoHeader, Msg: fmt.Sprintf("sheet %q: %v", t.sheet.part.name, t.scan.reason)}
		}
		if t.scan.at < 0 {
			t.sheet.close()
			return nil, &FileError{Path: path, Err: ErrNoHeader, Msg: fmt.Sprintf(
				"no header row: the sheet %q is empty; put the column names in its first row (or choose another sheet with --sheet)", t.sheet.part.name)}
		}
		r := newReader(t.sheet, t.scan, t.sheet.extras.usedCols, t.sheet.extras.widths)
		r.layout.Sheet = t.sheet.part.name
		r.layout.FirstSheet = first
		r.merges = newMergeFill(t.sheet.extras.merges, r.layout.HeaderRow)
		r.closer = zr
		keep = true
		return r, nil
	}
	for i, p := range candidates {
		sh, err := openSheet(path, wb, p, sst)
		if err != nil {
			closeAll(nil)
			return nil, err
		}
		hs, err := scanHeader(sh, opts)
		tried = append(tried, scanned{sh, hs})
		if err != nil {
			closeAll(nil)
			return nil, err
		}
		// The first candidate is the sheet asked for, or the first visible one: it is
		// read unless its header lacks columns that another sheet has.
		if i == 0 && (hs.found || opts.Sheet != "" || opts.HeaderRow > 0 || opts.Header.Score == nil) {
			return pick(tried[0], "")
		}
	}
	var complete []scanned
	for _, t := range tried[1:] {
		if t.scan.found || opts.Header.Want == 0 && t.scan.score >= max(opts.Header.Min, 1) {
			complete = append(complete, t)
		}
	}
	switch len(complete) {
	case 0:
		// None has every column: the closest, so that binding names what it lacks.
		best := tried[0]
		for _, t := range tried[1:] {
			if t.scan.score > best.scan.score {
				best = t
			}
		}
		first := ""
		if best.sheet != tried[0].sheet {
			first = tried[0].sheet.part.name
		}
		return pick(best, first)
	case 1:
		return pick(complete[0], tried[0].sheet.part.name)
	}
	var names []string
	for _, t := range complete {
		names = append(names, strconv.Quote(t.sheet.part.name))
	}
	closeAll(nil)
	return nil, &FileError{Path: path, Err: ErrUnknownSheet, Msg: fmt.Sprintf(
		"the first sheet %q lacks the columns the mapping names, and the sheets %s all have them: choose one with --sheet",
		tried[0].sheet.part.name, strings.Join(names, ", "))}
}

func tooLarge(path, what string) error {
	return &FileError{Path: path, Err: ErrTooLarge, Msg: fmt.Sprintf(
		"this workbook is too large or damaged: %s would expand past what a workbook of meetings needs (%d MB); open it in Excel or LibreOffice, check it, and save it again as .xlsx (or .csv)",
		what, sstLimit>>20)}
}

func partMap(zr *zip.Reader) map[string]*zip.File {
	m := make(map[string]*zip.File, len(zr.File))
	for _, f := range zr.File {
		m[f.Name] = f
	}
	return m
}

// sheetCandidates are the sheets to look for the header in: the one asked for (exactly,
// else ignoring case and surrounding spaces); else the first visible worksheet, then the
// other visible worksheets.
func sheetCandidates(path string, parts []sheetPart, want string) ([]sheetPart, error) {
	if want != "" {
		for _, exact := range []bool{true, false} {
			for _, p := range parts {
				if p.name == want || !exact && strings.EqualFold(strings.TrimSpace(p.name), strings.TrimSpace(want)) {
					if !p.worksheet {
						return nil, &FileError{Path: path, Err: ErrUnknownSheet, Msg: fmt.Sprintf(
							"the sheet %q is a chart, not a worksheet with rows; pass a worksheet with --sheet", p.name)}
					}
					return []sheetPart{p}, nil
				}
			}
		}
		return nil, &FileError{Path: path, Err: ErrUnknownSheet, Msg: fmt.Sprintf(
			"there is no sheet named %q; the sheets are: %s; pass one of them with --sheet", want, describeSheets(parts))}
	}
	var out []sheetPart
	for _, p := range parts {
		if p.worksheet && !p.hidden && p.path != "" {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return nil, &FileError{Path: path, Err: ErrUnknownSheet, Msg: fmt.Sprintf(
			"the workbook has no visible worksheet; the sheets are: %s; pass one with --sheet", describeSheets(parts))}
	}
	return out, nil
}

func describeSheets(parts []sheetPart) string {
	var out []string
	for _, p := range parts {
		d := strconv.Quote(p.name)
		if p.hidden {
			d += " (hidden)"
		}
		if !p.worksheet {
			d += " (chart)"
		}
		out = append(out, d)
	}
	if len(out) == 0 {
		return "(none)"
	}
	return strings.Join(out, ", ")
}

func openSheet(path string, wb *workbook, p sheetPart, sst *sharedStrings) (*xlsxSheet, error) {
	zf := lookupPart(wb.files, p.path)
	if zf == nil {
		return nil, &FileError{Path: path, Err: ErrMalformed, Msg: fmt.Sprintf("this workbook is damaged: the sheet %q has no data part (%s)", p.name, p.path)}
	}
	extras, err := readSheetExtras(zf)
	if err != nil {
		if errors.Is(err, ErrTooLarge) {
			return nil, tooLarge(path, fmt.Sprintf("the sheet %q", p.name))
		}
		return nil, &FileError{Path: path, Err: ErrMalformed, Msg: fmt.Sprintf("cannot read the sheet %q: %v", p.name, err)}
	}
	rows, err := newSheetStream(zf, sst)
	if err != nil {
		return nil, &FileError{Path: path, Err: ErrMalformed, Msg: "cannot read the sheet: " + err.Error()}
	}
	return &xlsxSheet{path: path, book: wb, part: p, rows: rows, formats: map[int]numFormat{}, extras: extras}, nil
}

// read reads the next row of the sheet, empty or not, and converts its cells.
func (x *xlsxSheet) read() (rawRow, error) {
	if x.err != nil {
		return rawRow{}, x.err
	}
	ok, err := x.rows.next()
	if err != nil {
		x.err = x.damaged(fmt.Sprintf("after row %d", x.rowNum), err)
		return rawRow{}, x.err
	}
	if !ok {
		x.err = io.EOF
		return rawRow{}, io.EOF
	}
	x.rowNum++
	raw, err := x.rows.columns()
	if err != nil {
		x.err = x.damaged(fmt.Sprintf("row %d", x.rowNum), err)
		return rawRow{}, x.err
	}
	row := rawRow{num: x.rowNum, hidden: x.rows.rowHidden(), cells: make([]mapping.Cell, len(raw))}
	for i, c := range raw {
		row.cells[i] = x.cell(c)
		if c.long > 0 && row.err == nil {
			row.err = cellLimitError(x.rowNum, i, c.long)
		}
	}
	return row, nil
}

func (x *xlsxSheet) damaged(where string, err error) error {
	if errors.Is(err, ErrTooLarge) {
		return tooLarge(x.path, fmt.Sprintf("the sheet %q, %s,", x.part.name, where))
	}
	return &FileError{Path: x.path, Err: ErrMalformed, Msg: fmt.Sprintf("sheet %q, %s: %v", x.part.name, where, err)}
}

// cell turns a raw value into what the user sees, by the cell's type and number format.
func (x *xlsxSheet) cell(c rawCell) mapping.Cell {
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
		f := x.format(c.s)
		cell := mapping.Cell{Num: v, Format: f.code}
		switch f.kind {
		case mapping.KindTime:
			if 0 <= v && v < 1 {
				cell.Kind, cell.Time = mapping.KindTime, timeOfDay(v)
				cell.Text = timeText(cell.Time, f.seconds)
				return cell
			}
			fallthrough // a time format on a whole date-time: the date is in it too
		case mapping.KindDate:
			if t, ok := serialTime(v, x.book.date1904); ok {
				cell.Kind, cell.Time, cell.Text = mapping.KindDate, t, dateText(t)
				return cell
			}
		case mapping.KindDuration:
			cell.Kind, cell.Text = mapping.KindDuration, durationText(v, f.code)
			return cell
		}
		cell.Kind, cell.Text = mapping.KindNumber, f.render(v)
		if f.literal != nil && (cell.Text == "TRUE" || cell.Text == "FALSE") {
			return mapping.Cell{Text: cell.Text, Kind: mapping.KindBool} // LibreOffice's booleans
		}
		return cell
	case "b":
		switch strings.TrimSpace(raw) {
		case "1", "true":
			return mapping.Cell{Text: "TRUE", Kind: mapping.KindBool}
		case "0", "false":
			return mapping.Cell{Text: "FALSE", Kind: mapping.KindBool}
		}
		return mapping.Cell{Text: raw}
	case "d":
		if cell, ok := parseISODate(raw); ok {
			return cell
		}
		return mapping.Cell{Text: raw}
	case "e":
		return errorCell(raw)
	default: // s, str, inlineStr: the text as read
		return mapping.Cell{Text: raw}
	}
}

// format returns the number format of a style index, cached by index.
func (x *xlsxSheet) format(style int) numFormat {
	if f, ok := x.formats[style]; ok {
		return f
	}
	f := x.book.formatOf(style)
	x.formats[style] = f
	return f
}

func (x *xlsxSheet) close() error {
	if x.rows == nil {
		return nil
	}
	err := x.rows.Close()
	x.rows = nil
	return err
}

// mergeFill gives the value of a merged area below the header to every row it covers:
// staff merge "Responsable" down over a week of meetings, and the sheet stores the value
// in the area's first cell only.
type mergeFill struct {
	pending []mergeArea // by top row, not reached yet
	active  []activeMerge
}

type activeMerge struct {
	mergeArea
	value mapping.Cell
}

func newMergeFill(areas []mergeArea, headerRow int) *mergeFill {
	var below []mergeArea
	for _, a := range areas {
		if a.top > headerRow && a.bottom > a.top {
			below = append(below, a)
		}
	}
	if len(below) == 0 {
		return nil
	}
	sort.Slice(below, func(i, j int) bool { return below[i].top < below[j].top })
	return &mergeFill{pending: below}
}

// fill applies the areas to a row (rows come in ascending order; blank rows may be
// skipped). It fills the area's first column only: the value belongs to that column.
func (m *mergeFill) fill(num int, cells []mapping.Cell) []mapping.Cell {
	for len(m.pending) > 0 && m.pending[0].top <= num {
		a := m.pending[0]
		m.pending = m.pending[1:]
		var v mapping.Cell
		if a.top == num && a.left-1 < len(cells) {
			v = cells[a.left-1]
		}
		m.active = append(m.active, activeMerge{a, v})
	}
	kept := m.active[:0]
	for _, a := range m.active {
		if a.bottom < num {
			continue
		}
		kept = append(kept, a)
		if a.top == num || isBlank(a.value.Text) {
			continue
		}
		col := a.left - 1
		for len(cells) <= col {
			cells = append(cells, mapping.Cell{})
		}
		if isBlank(cells[col].Text) {
			cells[col] = a.value
		}
	}
	m.active = kept
	return cells
}
