package report

import (
	"strconv"
	"strings"

	"github.com/wolkvox-import/wolkvox-import/i18n"

	"github.com/xuri/excelize/v2"
)

// writeSummarySheet adds the "Summary" sheet to a results workbook: the run's facts,
// the rows by status, and the problems grouped by message. Every text goes in as a string
// cell (never a formula); counts and rates are numbers, times are date cells.
func writeSummarySheet(book *excelize.File, st *xlsxStyles, s *Summary) error {
	p := i18n.New(s.Lang)
	name := p.T(summarySheet)
	if _, err := book.NewSheet(name); err != nil {
		return err
	}
	sh := &sheetCursor{book: book, sheet: name, row: 1}
	sh.set(1, p.T("sheet.summary.title"), st.title)
	sh.row += 2

	fact := func(key string, value any, style int) {
		sh.set(1, p.T(key), st.bold)
		sh.set(2, value, style)
		sh.row++
	}
	fact("sheet.summary.input", s.Input, 0)
	if s.Sheet != "" {
		fact("sheet.summary.sheet", s.Sheet, 0)
	}
	if s.HeaderRow > 1 {
		fact("sheet.summary.header_row", s.HeaderRow, 0)
	}
	if s.Mapping != "" {
		fact("sheet.summary.mapping", s.Mapping, 0)
	} else {
		fact("sheet.summary.mapping", p.T("sheet.summary.mapping.none"), 0)
	}
	if s.Server != "" {
		fact("sheet.summary.server", s.Server, 0)
	} else {
		fact("sheet.summary.server", p.T("sheet.summary.server.none"), 0)
	}
	fact("sheet.summary.operation", s.Operation, 0)
	if !s.Start.IsZero() {
		fact("sheet.summary.started", st.dateCell(s.Start), 0)
	}
	if !s.End.IsZero() {
		fact("sheet.summary.finished", st.dateCell(s.End), 0)
	}
	fact("sheet.summary.duration", humanDuration(s.Duration()), 0)
	if !s.DryRun {
		fact("sheet.summary.rate", s.SentPerSecond(), st.number)
		fact("sheet.summary.requests", s.Attempts, 0)
		fact("sheet.summary.retries", s.Retries, 0)
	}
	fact("sheet.summary.results", s.Results, 0)
	switch {
	case s.DryRun:
		fact("sheet.summary.to_fix", p.T("sheet.summary.to_fix.dry_run"), 0)
	case s.FailedRows != "":
		fact("sheet.summary.to_fix", s.FailedRows, 0)
	case s.RemovedFailedRows != "":
		fact("sheet.summary.to_fix", p.T("sheet.summary.to_fix.removed", s.RemovedFailedRows), 0)
	default:
		fact("sheet.summary.to_fix", p.T("sheet.summary.none"), 0)
	}
	fact("sheet.summary.outcome", s.outcome(), 0)
	for _, n := range s.Notes {
		fact("sheet.summary.note", n, 0)
	}

	sh.row++
	sh.set(1, p.T("sheet.summary.status"), st.bold)
	sh.set(2, p.T("sheet.summary.rows"), st.bold)
	sh.row++
	shown := []Status{Created, Invalid, Failed, Uncertain, NotSent}
	if s.DryRun {
		shown = []Status{Valid, Invalid}
	}
	if s.Counts[Changed] > 0 {
		shown = append(shown[:1], append([]Status{Changed}, shown[1:]...)...)
	}
	for _, status := range shown {
		sh.set(1, status.In(p), st.status[status])
		sh.set(2, s.Counts[status], 0)
		sh.row++
	}
	sh.set(1, p.T("sheet.summary.total"), st.bold)
	sh.set(2, s.Rows, st.bold)
	sh.row += 2

	sh.set(1, p.T("sheet.summary.rows"), st.bold)
	sh.set(2, p.T("sheet.summary.problem"), st.bold)
	sh.set(3, p.T("sheet.summary.status"), st.bold)
	sh.set(4, p.T("sheet.summary.first_rows"), st.bold)
	sh.set(5, p.T("sheet.summary.fix"), st.bold)
	sh.row++
	rep := s.Errors()
	if len(rep.Groups) == 0 {
		sh.set(2, p.T("sheet.summary.none"), 0)
		sh.row++
	}
	for _, g := range rep.Groups {
		sh.set(1, g.Rows, 0)
		sh.set(2, g.Message, 0)
		sh.set(3, g.Status.In(p), st.status[g.Status])
		sh.set(4, intList(g.FirstRows), 0)
		if g.Fix != "" {
			sh.set(5, g.Fix, 0)
		}
		sh.row++
	}
	if rep.Other > 0 {
		sh.set(1, rep.Other, 0)
		sh.set(2, p.T("sheet.summary.other"), 0)
		sh.row++
	}
	if sh.err != nil {
		return sh.err
	}
	for _, c := range []struct {
		col   string
		width float64
	}{{"A", 22}, {"B", 90}, {"C", 12}, {"D", 24}, {"E", 60}} {
		if err := book.SetColWidth(name, c.col, c.col, c.width); err != nil {
			return err
		}
	}
	return nil
}

// intList is "3, 13, 15".
func intList(ns []int) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, ", ")
}

// sheetCursor writes cells row after row, keeping the first error.
type sheetCursor struct {
	book  *excelize.File
	sheet string
	row   int
	err   error
}

func (c *sheetCursor) set(col int, value any, style int) {
	if c.err != nil {
		return
	}
	cell, err := excelize.CoordinatesToCellName(col, c.row)
	if err != nil {
		c.err = err
		return
	}
	switch v := value.(type) {
	case string:
		// SetCellStr writes a string cell: text starting with = stays text.
		c.err = c.book.SetCellStr(c.sheet, cell, v)
	case excelize.Cell:
		if c.err = c.book.SetCellValue(c.sheet, cell, v.Value); c.err == nil {
			style = v.StyleID
		}
	default:
		c.err = c.book.SetCellValue(c.sheet, cell, v)
	}
	if c.err == nil && style != 0 {
		c.err = c.book.SetCellStyle(c.sheet, cell, cell, style)
	}
}
