package mapping

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Plan is a mapping bound to one sheet's headers: what Build does for every row,
// with every column already found.
type Plan struct {
	// fields are in the order of their columns in the sheet, then the fields
	// without a column in API order, so that a row's problems come left to right.
	fields []boundField
	// remindWhere says how to fill in a reminder date, for ErrReminderWithoutDate.
	remindWhere string
	// nameWhere says how to give a row the name it lacks, for ErrRequired.
	nameWhere string
}

type boundField struct {
	*fieldSpec
	id     field
	header string     // the column's header as written in the sheet, "" without a column
	idx    int        // the column's index
	parts  []tmplPart // the template, with its placeholders' indexes
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
		errs = append(errs, &MappingError{File: m.file, Err: wrapf(ErrUnknownColumn,
			"no column for name, which every meeting needs: name a column Asunto, Nombre or name, or give a --mapping file that says which column holds it; %s",
			listHeaders(headers))})
	}
	// Missing columns are reported once every column is known, so that a
	// suggestion never points at a header another field uses.
	type missing struct {
		spec       *fieldSpec
		name, what string
	}
	var missed []missing
	used := make([]bool, len(headers))
	find := func(s *fieldSpec, name, what string) int {
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
			if b.idx = find(s, s.column, fmt.Sprintf("column %q for %s", s.column, b.id)); b.idx >= 0 {
				b.header = headers[b.idx]
			}
		case srcTemplate:
			b.parts = append([]tmplPart(nil), s.tmpl...)
			for j := range b.parts {
				if t := &b.parts[j]; t.column != "" {
					t.idx = find(s, t.column, fmt.Sprintf("{%s} in the template of %s", t.column, b.id))
				}
			}
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
	p.remindWhere = p.reminderHint(m)
	p.nameWhere = p.nameHint(headers)
	return p, nil
}

// sheetOrder is the column's index; fields without a column come after.
func (b *boundField) sheetOrder() int {
	if b.src == srcColumn {
		return b.idx
	}
	return math.MaxInt
}

// nameHint says where a row's name goes: in its cell, or in a column of the
// name's template (by the headers as the sheet writes them).
func (p *Plan) nameHint(headers []string) string {
	for _, b := range p.fields {
		if b.id != fName || b.src != srcTemplate {
			continue
		}
		var cols []string
		for _, t := range b.parts {
			if t.column == "" {
				continue
			}
			if q := strconv.Quote(headers[t.idx]); !slices.Contains(cols, q) {
				cols = append(cols, q)
			}
		}
		if len(cols) == 1 {
			return "fill in the column " + cols[0]
		}
		return "fill in one of the columns " + strings.Join(cols[:len(cols)-1], ", ") + " or " + cols[len(cols)-1]
	}
	return "write one in this cell"
}

// reminderHint says where a row's reminder date goes.
func (p *Plan) reminderHint(m *Mapping) string {
	for _, b := range p.fields {
		if b.id != fReminderDate {
			continue
		}
		var cols []string
		if b.header != "" {
			cols = append(cols, fmt.Sprintf("%q", b.header))
		}
		for _, t := range b.parts {
			if t.column != "" {
				cols = append(cols, fmt.Sprintf("%q", t.column))
			}
		}
		if len(cols) > 0 {
			return "fill in the column " + strings.Join(cols, " or ")
		}
	}
	if m.file == "" {
		return "add a column Recordatorio (or reminder_date) with the date"
	}
	return "add reminder_date: { column: <its header> } to the mapping"
}
