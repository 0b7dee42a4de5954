package report

import (
	"strings"

	"github.com/xuri/excelize/v2"
)

// writeSummarySheet adds the "Summary" sheet to a results workbook: the run's facts,
// the rows by status, and the problems grouped by message. Every text goes in as a string
// cell (never a formula); counts and rates are numbers, times are date cells.
func writeSummarySheet(book *excelize.File, st *xlsxStyles, s *Summary) error {
	if _, err := book.NewSheet(summarySheet); err != nil {
		return err
	}
	sh := &sheetCursor{book: book, sheet: summarySheet, row: 1}
	sh.set(1, "Import summary", st.title)
	sh.row += 2

	fact := func(label string, value any, style int) {
		sh.set(1, label, st.bold)
		sh.set(2, value, style)
		sh.row++
	}
	fact("Input file", s.Input, 0)
	if s.Sheet != "" {
		fact("Sheet", s.Sheet, 0)
	}
	if s.Mapping != "" {
		fact("Mapping file", s.Mapping, 0)
	} else {
		fact("Mapping file", "none: columns matched to fields by their header", 0)
	}
	if s.Server != "" {
		fact("Server", s.Server, 0)
	} else {
		fact("Server", "none: dry run, nothing sent", 0)
	}
	fact("Operation", s.Operation, 0)
	if !s.Start.IsZero() {
		fact("Started", st.dateCell(s.Start), 0)
	}
	if !s.End.IsZero() {
		fact("Finished", st.dateCell(s.End), 0)
	}
	fact("Duration", humanDuration(s.Duration()), 0)
	if !s.DryRun {
		fact("Rows sent per second", s.SentPerSecond(), st.number)
		fact("Requests", s.Attempts, 0)
		fact("Retries", s.Retries, 0)
	}
	fact("Results sheet", s.Results, 0)
	switch {
	case s.DryRun:
		fact("Rows to fix", "none written in a dry run: fix the invalid rows in the input", 0)
	case s.FailedRows != "":
		fact("Rows to fix", s.FailedRows, 0)
	case s.RemovedFailedRows != "":
		fact("Rows to fix", "none; "+s.RemovedFailedRows+", left by an earlier run, was removed", 0)
	default:
		fact("Rows to fix", "none", 0)
	}
	fact("Outcome", s.outcome(), 0)
	for _, n := range s.Notes {
		fact("Note", n, 0)
	}

	sh.row++
	sh.set(1, "Status", st.bold)
	sh.set(2, "Rows", st.bold)
	sh.row++
	shown := []Status{Created, Invalid, Failed, Uncertain, NotSent}
	if s.DryRun {
		shown = []Status{Valid, Invalid}
	}
	for _, status := range shown {
		sh.set(1, string(status), st.status[status])
		sh.set(2, s.Counts[status], 0)
		sh.row++
	}
	sh.set(1, "Total", st.bold)
	sh.set(2, s.Rows, st.bold)
	sh.row += 2

	sh.set(1, "Rows", st.bold)
	sh.set(2, "Problem", st.bold)
	sh.set(3, "Status", st.bold)
	sh.set(4, "First rows", st.bold)
	sh.row++
	rep := s.Errors()
	if len(rep.Groups) == 0 {
		sh.set(2, "none", 0)
		sh.row++
	}
	for _, g := range rep.Groups {
		sh.set(1, g.Rows, 0)
		sh.set(2, g.Message, 0)
		sh.set(3, string(g.Status), st.status[g.Status])
		sh.set(4, strings.TrimPrefix(strings.TrimPrefix(rowList(g), "rows "), "row "), 0)
		sh.row++
	}
	if rep.Other > 0 {
		sh.set(1, rep.Other, 0)
		sh.set(2, "other problems, not listed one by one: filter import_error in the results sheet", 0)
		sh.row++
	}
	if sh.err != nil {
		return sh.err
	}
	for _, c := range []struct {
		col   string
		width float64
	}{{"A", 22}, {"B", 90}, {"C", 12}, {"D", 24}} {
		if err := book.SetColWidth(summarySheet, c.col, c.col, c.width); err != nil {
			return err
		}
	}
	return nil
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
