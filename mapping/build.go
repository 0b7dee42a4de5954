package mapping

import (
	"slices"
	"strings"

	"github.com/wolkvox-import/wolkvox-import/i18n"
)

// Build maps one row. row is the row number the user sees in the spreadsheet;
// cells may be shorter than the header (missing cells are empty). When anything
// is wrong it returns no Fields and every problem of the row, as RowErrors, in
// the order of the sheet's columns (see Plan.fields). A Plan is read-only once
// bound, so Build may run on several goroutines at once.
func (p *Plan) Build(row int, cells []Cell) (*Fields, error) {
	f := &Fields{}
	var errs RowErrors
	var remember *boundField
	var rememberText string
	rememberAt := 0 // where remember's problem goes among errs: the fields are in sheet order
	reminderFailed := false
	for i := range p.fields {
		b := &p.fields[i]
		v, text, column, err := b.eval(cells)
		if err == nil && b.id == fName && v.text == "" {
			err = p.noName(text)
		}
		if err != nil {
			e := b.rowError(row, text, err)
			if column != "" {
				e.Column, e.cols = column, ""
			}
			errs = append(errs, e)
			reminderFailed = reminderFailed || b.id == fReminderDate
			continue
		}
		set(f, b.id, v)
		if b.id == fRemember {
			remember, rememberText, rememberAt = b, text, len(errs)
		}
	}
	if f.Remember != nil && *f.Remember && f.ReminderDate == "" && !reminderFailed {
		errs = slices.Insert(errs, rememberAt, remember.rowError(row, rememberText, p.noReminder(remember)))
	}
	if errs != nil {
		return nil, errs
	}
	return f, nil
}

// eval runs a field's rules on a row: take the cell (or value/template), trim,
// use default if empty, else translate with values, then convert. It also returns
// the text it read, for errors, and the header of the cell that shows a formula
// error in a template.
func (b *boundField) eval(cells []Cell) (v value, text, column string, err error) {
	iso := false // the text is a date as a date cell renders it: read it as ISO, whatever the format
	switch b.src {
	case srcValue:
		return b.constant, "", "", nil
	case srcColumn:
		if b.idx < len(cells) {
			c := &cells[b.idx]
			switch {
			case c.Kind == KindError:
				return value{}, c.Text, "", formulaError(c.Text)
			case c.Kind == KindDate && b.conv.kind == kindDate:
				v, err := fromDateCell(c.Time)
				return v, c.Text, "", err
			}
			text = c.Text
		}
	case srcTemplate:
		var bad *tmplPart
		text, iso, bad = render(b.parts, cells)
		if bad != nil {
			shown := cells[bad.idx].Text
			return value{}, shown, bad.header, formulaError(shown)
		}
	}
	text = strings.TrimSpace(text)
	if text == "" {
		if b.id == fRemember && !b.hasDefault {
			return value{text: "false"}, "", "", nil // a column of x marks: the blank means no
		}
		return b.def, "", "", nil
	}
	if iso && b.conv.kind == kindDate {
		v, err := isoValue(text, &b.conv)
		return v, text, "", err
	}
	v, err = b.conv.convert(b.translate(text))
	return v, text, "", err
}

// formulaError is the problem of a cell that shows a formula error.
func formulaError(shown string) error {
	return newProblem(KindFormulaError, ErrFormula, txt("row.formula.error", shown), txt("row.fix.formula"), i18n.Text{})
}

// noName is the error for a row whose name is empty; text is what the row had
// before values: translated it to nothing, if anything.
func (p *Plan) noName(text string) error {
	if text != "" {
		return newProblem(KindNameTranslated, ErrRequired, txt("row.name.translated_empty", quote(text)), p.nameFix, i18n.Text{})
	}
	return newProblem(KindNameEmpty, ErrRequired, txt("row.name.empty"), p.nameFix, i18n.Text{})
}

// noReminder is the problem of a row that asks for a reminder without its date.
func (p *Plan) noReminder(remember *boundField) error {
	no := remember.conv.boolWord(false)
	fromCells := remember.src != srcValue // a cell can say no instead
	var fix, mappingFix i18n.Text
	switch {
	case len(p.reminderCols) > 0 && fromCells:
		fix = txt("row.fix.fill_or_type", p.reminderCols, no)
	case len(p.reminderCols) > 0:
		fix = txt("row.fix.fill_column", p.reminderCols)
	case p.auto:
		fix = txt("row.fix.add_reminder_column", no)
	default:
		if fromCells {
			fix = txt("row.fix.type", no)
		}
		mappingFix = txt("mapping.fix.add_reminder")
	}
	return newProblem(KindReminderNoDate, ErrReminderWithoutDate, txt("row.remember.no_date"), fix, mappingFix)
}

func (b *boundField) rowError(row int, text string, err error) *RowError {
	return &RowError{Row: row, Column: b.header, Field: b.id.String(), Value: text, Err: err, cols: b.cols}
}
