package source

import (
	"archive/zip"
	"errors"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/wolkvox-import/wolkvox-import/i18n"
	"github.com/wolkvox-import/wolkvox-import/mapping"
)

// xlsxSheet is one worksheet's rows, every row number from 1 on (missing rows empty).
type xlsxSheet struct {
	path    string
	book    *workbook
	part    sheetPart
	rows    *sheetStream
	formats map[int]numFormat // by style index
	p       *i18n.Printer     // the language of the messages
	extras  sheetExtras
	rowNum  int   // Excel row number of the row last read (= calls to rows.next)
	err     error // sticky fatal error
}

func openXLSX(path string, opts Options) (_ Reader, err error) {
	p := i18n.New(opts.Lang)
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, fileError(p, path, 0, ErrMalformed, "source.xlsx.not_valid", err.Error())
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
		return nil, fileError(p, path, 0, ErrUnsupportedFormat, "source.refuse.ods")
	case errors.Is(err, ErrTooLarge):
		return nil, tooLarge(p, path, p.T("source.part.workbook"))
	case err != nil && lookupPart(partMap(&zr.Reader), "[Content_Types].xml") == nil:
		return nil, fileError(p, path, 0, ErrNotSpreadsheet, "source.refuse.zip")
	case err != nil:
		return nil, fileError(p, path, 0, ErrMalformed, "source.xlsx.damaged", err.Error())
	}
	var sst *sharedStrings
	loadSST := func() error {
		if sst != nil {
			return nil
		}
		var err error
		if sst, err = readSharedStrings(wb.files, wb.sstPath); err != nil {
			if errors.Is(err, ErrTooLarge) {
				return tooLarge(p, path, p.T("source.part.sst"))
			}
			return fileError(p, path, 0, ErrMalformed, "source.xlsx.damaged", p.T("source.part.sst")+": "+err.Error())
		}
		return nil
	}
	candidates, err := sheetCandidates(p, path, wb.sheets, opts.Sheet)
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
		if t.scan.reason.Key != "" {
			t.sheet.close()
			return nil, fileError(p, path, 0, ErrNoHeader, "source.in_sheet", t.sheet.part.name, t.scan.reason.In(p))
		}
		if t.scan.at < 0 {
			t.sheet.close()
			return nil, fileError(p, path, 0, ErrNoHeader, "source.no_header.sheet", t.sheet.part.name)
		}
		r := newReader(t.sheet, t.scan, t.sheet.extras.usedCols, t.sheet.extras.widths, p)
		r.layout.Sheet = t.sheet.part.name
		r.layout.FirstSheet = first
		r.merges = newMergeFill(t.sheet.extras.merges, r.layout.HeaderRow)
		r.closer = zr
		keep = true
		return r, nil
	}
	pr := p
	for i, part := range candidates {
		sh, err := openSheet(pr, path, wb, part, sst)
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
	return nil, fileError(p, path, 0, ErrUnknownSheet, "source.sheets.several", tried[0].sheet.part.name, strings.Join(names, ", "))
}

func tooLarge(p *i18n.Printer, path, what string) error {
	return fileError(p, path, 0, ErrTooLarge, "source.too_large", what, sstLimit>>20)
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
func sheetCandidates(pr *i18n.Printer, path string, parts []sheetPart, want string) ([]sheetPart, error) {
	if want != "" {
		for _, exact := range []bool{true, false} {
			for _, p := range parts {
				if p.name == want || !exact && strings.EqualFold(strings.TrimSpace(p.name), strings.TrimSpace(want)) {
					if !p.worksheet {
						return nil, fileError(pr, path, 0, ErrUnknownSheet, "source.sheet.chart", p.name)
					}
					return []sheetPart{p}, nil
				}
			}
		}
		return nil, fileError(pr, path, 0, ErrUnknownSheet, "source.sheet.unknown", want, describeSheets(pr, parts))
	}
	var out []sheetPart
	for _, p := range parts {
		if p.worksheet && !p.hidden && p.path != "" {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return nil, fileError(pr, path, 0, ErrUnknownSheet, "source.sheet.none_visible", describeSheets(pr, parts))
	}
	return out, nil
}

func describeSheets(pr *i18n.Printer, parts []sheetPart) string {
	var out []string
	for _, p := range parts {
		d := strconv.Quote(p.name)
		if p.hidden {
			d += " " + pr.T("source.sheet.hidden")
		}
		if !p.worksheet {
			d += " " + pr.T("source.sheet.is_chart")
		}
		out = append(out, d)
	}
	if len(out) == 0 {
		return pr.T("source.sheet.no_sheets")
	}
	return strings.Join(out, ", ")
}

func openSheet(pr *i18n.Printer, path string, wb *workbook, p sheetPart, sst *sharedStrings) (*xlsxSheet, error) {
	zf := lookupPart(wb.files, p.path)
	if zf == nil {
		return nil, fileError(pr, path, 0, ErrMalformed, "source.xlsx.damaged", pr.T("source.sheet.no_part", p.name, p.path))
	}
	extras, err := readSheetExtras(zf)
	if err != nil {
		if errors.Is(err, ErrTooLarge) {
			return nil, tooLarge(pr, path, pr.T("source.part.sheet", p.name))
		}
		return nil, fileError(pr, path, 0, ErrMalformed, "source.sheet.unreadable", p.name, err.Error())
	}
	rows, err := newSheetStream(zf, sst)
	if err != nil {
		return nil, fileError(pr, path, 0, ErrMalformed, "source.sheet.unreadable", p.name, err.Error())
	}
	return &xlsxSheet{path: path, book: wb, part: p, rows: rows, formats: map[int]numFormat{}, extras: extras, p: pr}, nil
}

// read reads the next row of the sheet, empty or not, and converts its cells.
func (x *xlsxSheet) read() (rawRow, error) {
	if x.err != nil {
		return rawRow{}, x.err
	}
	ok, err := x.rows.next()
	if err != nil {
		x.err = x.damaged(x.p.T("source.where.after_row", strconv.Itoa(x.rowNum)), err)
		return rawRow{}, x.err
	}
	if !ok {
		x.err = io.EOF
		return rawRow{}, io.EOF
	}
	x.rowNum++
	raw, err := x.rows.columns()
	if err != nil {
		x.err = x.damaged(x.p.T("source.where.row", strconv.Itoa(x.rowNum)), err)
		return rawRow{}, x.err
	}
	row := rawRow{num: x.rowNum, hidden: x.rows.rowHidden(), cells: make([]mapping.Cell, len(raw))}
	for i, c := range raw {
		row.cells[i] = x.cell(c)
		if c.long > 0 && row.err == nil {
			row.err = cellLimitError(x.p, x.rowNum, i, c.long)
		}
	}
	return row, nil
}

func (x *xlsxSheet) damaged(where string, err error) error {
	if errors.Is(err, ErrTooLarge) {
		return tooLarge(x.p, x.path, x.p.T("source.part.sheet_at", x.part.name, where))
	}
	return fileError(x.p, x.path, 0, ErrMalformed, "source.sheet.damaged_at", x.part.name, where, err.Error())
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
