package mapping

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

func FuzzParseDate(f *testing.F) {
	for _, s := range [][2]string{
		{"2024-03-05 10:30:00", ""}, {"03/04/2024", ""}, {"2024-02-30", ""}, {"2024-03-05T10:30:00.123", ""},
		{"05/03/2024 1:05 p. m.", "DD/MM/YYYY h:mm AM/PM"}, {"05032024", "DDMMYYYY"}, {"5.3.24", "D.M.YY"},
		{"05/03/2024", "DD/MM/YYYY HH:mm"}, {"31/12/9999 23:59:59", "DD/MM/YYYY HH:mm:ss"}, {"x", "dd/mm/yyyy"},
		{"26/07/2024 09:30", ""}, {"07/26/2024 1:30 p. m.", ""}, {"31/02/2024", ""},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, value, format string) {
		got, err := ParseDate(value, format)
		if err != nil {
			if _, ferr := compileFormat(format); (format == "" || ferr == nil) &&
				!errors.Is(err, ErrInvalidDate) && !errors.Is(err, ErrAmbiguousDate) {
				t.Fatalf("error %q is neither ErrInvalidDate nor ErrAmbiguousDate", err)
			}
			// A format the error offers reads the value.
			if errors.Is(err, ErrAmbiguousDate) {
				for _, f := range offeredFormats(err.Error()) {
					if _, ferr := ParseDate(value, f); ferr != nil {
						t.Fatalf("%q: %v offers format %q, which does not read it: %v", value, err, f, ferr)
					}
				}
			}
			return
		}
		out := got.Format(apiLayout)
		back, err := time.Parse(apiLayout, out)
		if err != nil {
			t.Fatalf("%q read as %q, which is not a valid API date: %v", value, out, err)
		}
		if !back.Equal(got) {
			t.Fatalf("%q read as %v, formatted %q, read back %v", value, got, out, back)
		}
		if y := got.Year(); y < minYear || y > 9999 {
			t.Fatalf("%q read as year %d", value, y)
		}
	})
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"fields:\n  name: { column: Asunto }\n",
		"operation: x\ntype: meet\nfields:\n  name: { template: \"{A} {{b}}\" }\n  start_date: { column: B, format: \"DD/MM/YYYY h:mm AM/PM\", default: 2024-01-01 }\n",
		"fields:\n  name: &n { column: A, values: { a: b } }\n  description: *n\n  participants: { value: \"a;b\", split: \";\" }\n",
		"fields:\n\tname: x\n", "- a\n", "a: [", "fields: {name: {column: [a]}}", "\xff\xfe",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		// Every error of the file or of binding it points inside the file.
		lines := len(yamlLines(data))
		check := func(err error) {
			for _, e := range unwrapAll(err) {
				me, ok := e.(*MappingError)
				if !ok {
					t.Fatalf("error %T %q is not a *MappingError", e, e)
				}
				if me.Line < 0 || me.Line > lines {
					t.Fatalf("error %q points at line %d of %d", me, me.Line, lines)
				}
			}
		}
		m, err := Parse("m.yaml", data)
		if err != nil {
			check(err)
			return
		}
		p, err := m.Bind([]string{"A", "B", "Asunto", "a"})
		if err != nil {
			check(err)
			return
		}
		_, _ = p.Build(2, texts("x", "2024-01-01", "", "sí"))
	})
}

// unwrapAll returns the errors an errors.Join holds, or err itself.
func unwrapAll(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// fuzzMapping uses every rule of a field.
const fuzzMapping = `fields:
  name:            { column: Asunto, default: Reunión }
  priority:        { column: Prioridad, values: { Alta: high, Media: normal, Baja: low } }
  start_date:      { column: Inicio, format: "DD/MM/YYYY HH:mm" }
  completion_date: { column: Fin }
  remember:        { column: Recordar, values: { Pendiente: sí } }
  reminder_date:   { column: Recordatorio, format: "D/M/YY h:mm:ss AM/PM" }
  description:     { template: "{Notas} ({Cliente}) {{x}}" }
  participants:    { column: Participantes, split: ";,|" }
`

func FuzzBuild(f *testing.F) {
	m, err := Parse("fuzz.yaml", []byte(fuzzMapping))
	if err != nil {
		f.Fatal(err)
	}
	headers := []string{"Asunto", "Prioridad", "Inicio", "Fin", "Recordar", "Recordatorio", "Notas", "Cliente", "Participantes"}
	p, err := m.Bind(headers)
	if err != nil {
		f.Fatal(err)
	}
	f.Add("R", "Alta", "05/03/2024 10:30", "2024-03-05", "sí", "4/3/24 9:00:00 PM", "n", "c", "a; b", false, int64(0))
	f.Add("", "urgente", "03/04/2024", "03/04/2024", "tal vez", "", "", "", ";;", true, int64(1709634600))
	f.Add(" ", "", "", "", "x", "", "", "", "", true, int64(-2209161600))
	f.Fuzz(func(t *testing.T, name, prio, start, end, remember, reminder, notes, client, participants string, isDate bool, unix int64) {
		cells := texts(name, prio, start, end, remember, reminder, notes, client, participants)
		if isDate {
			cells[2].Kind, cells[2].Time = KindDate, time.Unix(unix, 0).UTC()
		}
		// Rows may be shorter than the header.
		cells = cells[:len(name)%(len(cells)+1)]
		const row = 42
		fields, err := p.Build(row, cells)
		if err != nil {
			var rowErrs RowErrors
			if !errors.As(err, &rowErrs) || len(rowErrs) == 0 {
				t.Fatalf("error %T %q is not RowErrors", err, err)
			}
			last := -1
			for _, e := range rowErrs {
				if e.Row != row || e.Field == "" || e.Err == nil || e.Error() == "" {
					t.Fatalf("incomplete RowError %+v", e)
				}
				// Left to right; the fields without a column after.
				at := len(headers)
				if e.Column != "" {
					at = slices.Index(headers, e.Column)
				}
				if at < last {
					t.Fatalf("problems out of the sheet's order: %v", err)
				}
				last = at
			}
			if fields != nil {
				t.Fatal("fields with an error")
			}
			return
		}
		if _, err := json.Marshal(fields); err != nil {
			t.Fatal(err)
		}
		if fields.Name == "" {
			t.Fatal("no name without an error")
		}
		for _, d := range []string{fields.StartDate, fields.CompletionDate, fields.ReminderDate} {
			if _, err := time.Parse(apiLayout, d); d != "" && err != nil {
				t.Fatalf("date %q: %v", d, err)
			}
		}
		switch fields.Priority {
		case "", "high", "normal", "low":
		default:
			t.Fatalf("priority %q", fields.Priority)
		}
		if fields.Remember != nil && *fields.Remember && fields.ReminderDate == "" {
			t.Fatal("remember without reminder_date")
		}
		if ps := fields.Participants; ps != nil {
			for _, v := range ps.Value {
				if v == "" || v != strings.TrimSpace(v) || strings.ContainsAny(v, ";,|") {
					t.Fatalf("participant %q", v)
				}
			}
		}
	})
}
