package mapping

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/wolkvox-import/wolkvox-import/i18n"
)

// Plan is a mapping bound to one sheet's headers: what Build does for every row,
// with every column already found.
type Plan struct {
	// fields are in the order of their columns in the sheet, then the fields
	// without a column in API order, so that a row's problems come left to right.
	fields []boundField
	// reminderCols are the headers a reminder date comes from, as the sheet writes
	// them, for ErrReminderWithoutDate; none when reminder_date has no column.
	reminderCols orList
	// auto says that the mapping is automatic: it has no file to fix.
	auto bool
	// nameFix says how to give a row the name it lacks, for ErrRequired.
	nameFix i18n.Text
}

type boundField struct {
	*fieldSpec
	id     field
	header string     // the column's header as written in the sheet, "" without a column
	idx    int        // the column's index
	parts  []tmplPart // the template, with its placeholders' indexes
	cols   string     // the template's headers as the sheet writes them, joined by colSep
}

// Bind finds every column and template placeholder of m among the sheet's
// headers. It reports every missing or ambiguous column at once, each with the
// mapping file's line and the headers the sheet has.
func (m *Mapping) Bind(headers []string) (*Plan, error) {
	p := &Plan{}
	var errs []*MappingError
	fail := func(s *fieldSpec, err error) {
		errs = append(errs, &MappingError{File: m.file, Line: s.line, Column: s.col, Err: err})
	}
	if m.fields[fName] == nil { // only Auto can lack a name: Parse requires one
		errs = append(errs, &MappingError{File: m.file, Err: errText(ErrUnknownColumn, "mapping.auto.no_name", listHeaders(headers))})
	}
	// Missing columns are reported once every column is known, so that a
	// suggestion never points at a header another field uses.
	type missing struct {
		spec *fieldSpec
		name string
		what i18n.Text
	}
	var missed []missing
	used := make([]bool, len(headers))
	find := func(s *fieldSpec, name string, what i18n.Text) int {
		i, err := headerIndex(headers, name, what)
		switch {
		case err != nil:
			fail(s, err)
		case i < 0:
			missed = append(missed, missing{s, name, what})
		default:
			used[i] = true
		}
		return i
	}
	for id, s := range m.fields {
		if s == nil {
			continue
		}
		b := boundField{fieldSpec: s, id: field(id)}
		switch s.src {
		case srcColumn:
			if b.idx = find(s, s.column, txt("mapping.what.column", strconv.Quote(s.column), b.id.String())); b.idx >= 0 {
				b.header = headers[b.idx]
			}
		case srcTemplate:
			b.parts = append([]tmplPart(nil), s.tmpl...)
			for j := range b.parts {
				if t := &b.parts[j]; t.column != "" {
					if t.idx = find(s, t.column, txt("mapping.what.placeholder", "{"+t.column+"}", b.id.String())); t.idx >= 0 {
						t.header = headers[t.idx]
					}
				}
			}
			b.cols = strings.Join(b.templateHeaders(), colSep)
		}
		p.fields = append(p.fields, b)
	}
	for _, ms := range missed {
		fail(ms.spec, notInSheet(headers, used, ms.name, ms.what))
	}
	if len(errs) > 0 {
		return nil, joinMappingErrors(errs)
	}
	slices.SortStableFunc(p.fields, func(a, b boundField) int {
		return cmp.Compare(a.sheetOrder(), b.sheetOrder())
	})
	p.auto = m.file == ""
	p.nameFix = p.nameHint()
	p.reminderCols = p.reminderHint()
	return p, nil
}

// sheetOrder is the column's index; fields without a column come after.
func (b *boundField) sheetOrder() int {
	if b.src == srcColumn {
		return b.idx
	}
	return math.MaxInt
}

// templateHeaders are the distinct headers of a template's placeholders, as the
// sheet writes them.
func (b *boundField) templateHeaders() []string {
	var cols []string
	for _, t := range b.parts {
		if t.column != "" && !slices.Contains(cols, t.header) {
			cols = append(cols, t.header)
		}
	}
	return cols
}

// nameHint says where a row's name goes: in its cell, or in a column of the
// name's template.
func (p *Plan) nameHint() i18n.Text {
	for _, b := range p.fields {
		if b.id == fName && b.src == srcTemplate {
			var cols orList
			for _, h := range b.templateHeaders() {
				cols = append(cols, h)
			}
			return txt("row.fix.fill_column", cols)
		}
	}
	return txt("row.fix.name_cell")
}

// reminderHint is the headers a row's reminder date goes in.
func (p *Plan) reminderHint() orList {
	var cols orList
	for _, b := range p.fields {
		if b.id != fReminderDate {
			continue
		}
		if b.header != "" {
			cols = append(cols, b.header)
		}
		for _, h := range b.templateHeaders() {
			cols = append(cols, h)
		}
	}
	return cols
}
