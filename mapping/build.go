package mapping

import (
	"slices"
	"strings"
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
		v, text, err := b.eval(cells)
		if err == nil && b.id == fName && v.text == "" {
			err = p.noName(b, text)
		}
		if err != nil {
			errs = append(errs, b.rowError(row, text, err))
			reminderFailed = reminderFailed || b.id == fReminderDate
			continue
		}
		set(f, b.id, v)
		if b.id == fRemember {
			remember, rememberText, rememberAt = b, text, len(errs)
		}
	}
	if f.Remember != nil && *f.Remember && f.ReminderDate == "" && !reminderFailed {
		errs = slices.Insert(errs, rememberAt, remember.rowError(row, rememberText, wrapf(ErrReminderWithoutDate,
			"a reminder is asked for but reminder_date is empty; %s, or answer no",
			p.remindWhere)))
	}
	if errs != nil {
		return nil, errs
	}
	return f, nil
}

// eval runs a field's rules on a row: take the cell (or value/template), trim,
// use default if empty, else translate with values, then convert. It also returns
// the text it read, for errors.
func (b *boundField) eval(cells []Cell) (value, string, error) {
	var text string
	iso := false // the text is a date as a date cell renders it: read it as ISO, whatever the format
	switch b.src {
	case srcValue:
		return b.constant, "", nil
	case srcColumn:
		if b.idx < len(cells) {
			c := &cells[b.idx]
			switch {
			case c.Kind == KindError:
				return value{}, c.Text, formulaError(c.Text)
			case c.Kind == KindDate && b.conv.kind == kindDate:
				v, err := fromDateCell(c.Time)
				return v, c.Text, err
			}
			text = c.Text
		}
	case srcTemplate:
		var bad *Cell
		text, iso, bad = render(b.parts, cells)
		if bad != nil {
			return value{}, bad.Text, formulaError(bad.Text)
		}
	}
	text = strings.TrimSpace(text)
	if text == "" {
		if b.id == fRemember && !b.hasDefault {
			return value{text: "false"}, "", nil // a column of x marks: the blank means no
		}
		return b.def, "", nil
	}
	if iso && b.conv.kind == kindDate {
		v, err := isoValue(text, b.conv.where)
		return v, text, err
	}
	v, err := b.conv.convert(b.translate(text))
	return v, text, err
}

// noName is the error for a row whose name is empty; text is what the row had
// before values: translated it to nothing, if anything.
func (p *Plan) noName(b *boundField, text string) error {
	if text != "" {
		return wrapf(ErrRequired, "%q is translated to an empty name by the values: of %s; every meeting needs a name: %s",
			text, b.conv.where, p.nameWhere)
	}
	return wrapf(ErrRequired, "empty; every meeting needs a name: %s", p.nameWhere)
}

func (b *boundField) rowError(row int, text string, err error) *RowError {
	return &RowError{Row: row, Column: b.header, Field: b.id.String(), Value: text, Err: err, via: b.via}
}
