package mapping

import "strings"

// Build maps one row. row is the row number the user sees in the spreadsheet;
// cells may be shorter than the header (missing cells are empty). When anything
// is wrong it returns no Fields and every problem of the row, as RowErrors.
// A Plan is read-only once bound, so Build may run on several goroutines at once.
func (p *Plan) Build(row int, cells []Cell) (*Fields, error) {
	f := &Fields{}
	var errs RowErrors
	var remember *boundField
	var rememberText string
	reminderFailed := false
	for i := range p.fields {
		b := &p.fields[i]
		v, text, err := b.eval(cells)
		if err == nil && b.id == fName && v.text == "" {
			err = wrapf(ErrRequired, "empty; every meeting needs a name")
		}
		if err != nil {
			errs = append(errs, b.rowError(row, text, err))
			reminderFailed = reminderFailed || b.id == fReminderDate
			continue
		}
		set(f, b.id, v)
		if b.id == fRemember {
			remember, rememberText = b, text
		}
	}
	if f.Remember != nil && *f.Remember && f.ReminderDate == "" && !reminderFailed {
		errs = append(errs, remember.rowError(row, rememberText, wrapf(ErrReminderWithoutDate,
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
	switch b.src {
	case srcValue:
		return b.constant, "", nil
	case srcColumn:
		if b.idx < len(cells) {
			c := &cells[b.idx]
			if c.IsDate && b.conv.kind == kindDate {
				v, err := fromDateCell(c.Time)
				return v, c.Text, err
			}
			text = c.Text
		}
	case srcTemplate:
		text = render(b.parts, cells)
	}
	text = strings.TrimSpace(text)
	if text == "" {
		return b.def, "", nil
	}
	v, err := b.conv.convert(b.translate(text))
	return v, text, err
}

func (b *boundField) rowError(row int, text string, err error) *RowError {
	return &RowError{Row: row, Column: b.header, Field: b.id.String(), Value: text, Err: err, via: b.via}
}
