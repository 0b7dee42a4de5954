package mapping

import (
	"encoding/json"
	"errors"
	"testing"
	"time"
)

// plan parses a mapping made of the given fields: lines and binds it.
func plan(t *testing.T, fields string, headers []string) *Plan {
	t.Helper()
	m, err := Parse("m.yaml", []byte("fields:\n"+fields))
	if err != nil {
		t.Fatal(err)
	}
	p, err := m.Bind(headers)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func texts(s ...string) []Cell {
	cells := make([]Cell, len(s))
	for i, v := range s {
		cells[i] = Cell{Text: v}
	}
	return cells
}

func jsonOf(t *testing.T, f *Fields) string {
	t.Helper()
	b, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var march5 = time.Date(2024, 3, 5, 10, 30, 0, 0, time.UTC)

func TestBuild(t *testing.T) {
	const name = "  name: { column: Asunto }\n"
	for _, tc := range []struct {
		name    string
		fields  string
		headers []string
		cells   []Cell
		want    string
	}{
		{"status and priority default", name, []string{"Asunto"}, texts("Reunión"),
			`{"status":"created","name":"Reunión","priority":"normal"}`},
		{"trimmed", name, []string{"Asunto"}, texts("  Reunión \t"),
			`{"status":"created","name":"Reunión","priority":"normal"}`},
		{"extra cells ignored", name, []string{"Asunto"}, texts("R", "x", "y"),
			`{"status":"created","name":"R","priority":"normal"}`},
		{"short row: missing cells are empty", name + "  description: { column: Notas, default: Sin notas }\n",
			[]string{"Asunto", "Notas"}, texts("R"),
			`{"status":"created","name":"R","priority":"normal","description":"Sin notas"}`},
		{"name from default", "  name: { column: Asunto, default: Reunión }\n", []string{"Asunto"}, texts(" "),
			`{"status":"created","name":"Reunión","priority":"normal"}`},
		{"header folding", "  name: { column: asunto }\n  location: { column: ubicacion }\n",
			[]string{" ASUNTO ", "Ubicación"}, texts("R", "Sala 1"),
			`{"status":"created","name":"R","priority":"normal","location":"Sala 1"}`},
		{"numbers stay as written", name + "  id_record: { column: Caso }\n", []string{"Asunto", "Caso"}, texts("R", "00123"),
			`{"status":"created","name":"R","priority":"normal","id_record":"00123"}`},
		{"constants", name + "  status: { value: in progress }\n  name_module: { value: cases }\n",
			[]string{"Asunto"}, texts("R"),
			`{"status":"in progress","name":"R","priority":"normal","name_module":"cases"}`},
		// values: and default:
		{"values translate blind to case, accents and spaces", name + "  priority: { column: P, values: { Alta: high, Media: normal } }\n",
			[]string{"Asunto", "P"}, texts("R", " ALTA "),
			`{"status":"created","name":"R","priority":"high"}`},
		{"values keys with accents", name + "  priority: { column: P, values: { Crítica: high } }\n",
			[]string{"Asunto", "P"}, texts("R", "CRITICA"),
			`{"status":"created","name":"R","priority":"high"}`},
		{"priority words in any case", name + "  priority: { column: P, values: { Alta: high } }\n",
			[]string{"Asunto", "P"}, texts("R", "LOW"),
			`{"status":"created","name":"R","priority":"low"}`},
		{"a value without translation passes", name + "  status: { column: E, values: { Abierta: created } }\n",
			[]string{"Asunto", "E"}, texts("R", "Cerrada"),
			`{"status":"Cerrada","name":"R","priority":"normal"}`},
		{"default is not translated", name + "  status: { column: E, values: { created: closed }, default: created }\n",
			[]string{"Asunto", "E"}, texts("R", ""),
			`{"status":"created","name":"R","priority":"normal"}`},
		{"a mapped priority left empty is left out", name + "  priority: { column: P }\n",
			[]string{"Asunto", "P"}, texts("R", ""),
			`{"status":"created","name":"R"}`},
		{"translation to empty leaves the field out", name + "  location: { column: L, values: { N/A: '' } }\n",
			[]string{"Asunto", "L"}, texts("R", "n/a"),
			`{"status":"created","name":"R","priority":"normal"}`},
		// Templates.
		{"template", name + "  description: { template: \"{Notas} (cliente: {Cliente})\" }\n",
			[]string{"Asunto", "Notas", "Cliente"}, texts("R", " Hola ", "ACME"),
			`{"status":"created","name":"R","priority":"normal","description":"Hola (cliente: ACME)"}`},
		{"template placeholders fold like columns", name + "  description: { template: \"{ notas } - {CLIENTE}\" }\n",
			[]string{"Asunto", "Notas", "Cliente"}, texts("R", "Hola", "ACME"),
			`{"status":"created","name":"R","priority":"normal","description":"Hola - ACME"}`},
		{"template with literal braces", name + "  description: { template: \"{{{Notas}}}\" }\n",
			[]string{"Asunto", "Notas"}, texts("R", "x"),
			`{"status":"created","name":"R","priority":"normal","description":"{x}"}`},
		{"template all empty takes default", name + "  description: { template: \"{Notas} (cliente: {Cliente})\", default: Sin notas }\n",
			[]string{"Asunto", "Notas", "Cliente"}, texts("R", "", " "),
			`{"status":"created","name":"R","priority":"normal","description":"Sin notas"}`},
		{"template partly empty is trimmed", name + "  description: { template: \"{Notas} {Cliente}\" }\n",
			[]string{"Asunto", "Notas", "Cliente"}, texts("R", "", "ACME"),
			`{"status":"created","name":"R","priority":"normal","description":"ACME"}`},
		{"date from a template", name + "  start_date: { template: \"{Fecha} {Hora}\", format: \"DD/MM/YYYY HH:mm\" }\n",
			[]string{"Asunto", "Fecha", "Hora"}, texts("R", "05/03/2024", "10:30"),
			`{"status":"created","name":"R","priority":"normal","start_date":"2024-03-05 10:30:00"}`},
		// Dates.
		{"dates with format", name + "  start_date: { column: I, format: \"DD/MM/YYYY HH:mm\" }\n  completion_date: { column: F, format: \"D/M/YYYY h:mm AM/PM\" }\n",
			[]string{"Asunto", "I", "F"}, texts("R", "05/03/2024 10:30", "5/3/2024 1:15 p. m."),
			`{"status":"created","name":"R","priority":"normal","completion_date":"2024-03-05 13:15:00","start_date":"2024-03-05 10:30:00"}`},
		{"ISO dates without format", name + "  start_date: { column: I }\n",
			[]string{"Asunto", "I"}, texts("R", "2024-03-05"),
			`{"status":"created","name":"R","priority":"normal","start_date":"2024-03-05 00:00:00"}`},
		{"date cell whatever the format", name + "  start_date: { column: I, format: \"MM/DD/YYYY\" }\n",
			[]string{"Asunto", "I"}, []Cell{{Text: "R"}, {Text: "05/03/2024", Kind: KindDate, Time: march5}},
			`{"status":"created","name":"R","priority":"normal","start_date":"2024-03-05 10:30:00"}`},
		{"date cell rounded to the second", name + "  start_date: { column: I }\n",
			[]string{"Asunto", "I"}, []Cell{{Text: "R"}, {Kind: KindDate, Time: march5.Add(-400 * time.Millisecond)}},
			`{"status":"created","name":"R","priority":"normal","start_date":"2024-03-05 10:30:00"}`},
		{"a date cell in a text field is its text", "  name: { column: I }\n",
			[]string{"I"}, []Cell{{Text: "05/03/2024", Kind: KindDate, Time: march5}},
			`{"status":"created","name":"05/03/2024","priority":"normal"}`},
		{"date default in the API form despite the format", name + "  start_date: { column: I, format: \"DD/MM/YYYY\", default: 2024-01-02 }\n",
			[]string{"Asunto", "I"}, texts("R", ""),
			`{"status":"created","name":"R","priority":"normal","start_date":"2024-01-02 00:00:00"}`},
		{"date default in the format", name + "  start_date: { column: I, format: \"DD/MM/YYYY\", default: 02/01/2024 }\n",
			[]string{"Asunto", "I"}, texts("R", ""),
			`{"status":"created","name":"R","priority":"normal","start_date":"2024-01-02 00:00:00"}`},
		// remember.
		{"remember yes with a date", name + "  remember: { column: Rec }\n  reminder_date: { column: F }\n",
			[]string{"Asunto", "Rec", "F"}, texts("R", "Sí", "2024-03-04 09:00"),
			`{"status":"created","name":"R","priority":"normal","remember":true,"reminder_date":"2024-03-04 09:00:00"}`},
		{"remember no", name + "  remember: { column: Rec }\n", []string{"Asunto", "Rec"}, texts("R", "NO"),
			`{"status":"created","name":"R","priority":"normal","remember":false}`},
		// SPEC: a column of x marks: the mark means yes, the blank means no.
		{"remember empty is false", name + "  remember: { column: Rec }\n", []string{"Asunto", "Rec"}, texts("R", ""),
			`{"status":"created","name":"R","priority":"normal","remember":false}`},
		{"remember x is true", name + "  remember: { column: Rec }\n  reminder_date: { value: 2024-03-04 }\n", []string{"Asunto", "Rec"}, texts("R", "x"),
			`{"status":"created","name":"R","priority":"normal","remember":true,"reminder_date":"2024-03-04 00:00:00"}`},
		{"remember default", name + "  remember: { column: Rec, default: falso }\n", []string{"Asunto", "Rec"}, texts("R"),
			`{"status":"created","name":"R","priority":"normal","remember":false}`},
		{"remember default yes fills the blank", name + "  remember: { column: Rec, default: sí }\n  reminder_date: { value: 2024-03-04 }\n", []string{"Asunto", "Rec"}, texts("R", ""),
			`{"status":"created","name":"R","priority":"normal","remember":true,"reminder_date":"2024-03-04 00:00:00"}`},
		{"remember translated", name + "  remember: { column: Rec, values: { Pendiente: sí } }\n  reminder_date: { value: 2024-03-04 }\n",
			[]string{"Asunto", "Rec"}, texts("R", "pendiente"),
			`{"status":"created","name":"R","priority":"normal","remember":true,"reminder_date":"2024-03-04 00:00:00"}`},
		// participants.
		{"participants split", name + "  participants: { column: P, split: \";,\" }\n",
			[]string{"Asunto", "P"}, texts("R", " Ana; Luis,, Eva ;"),
			`{"status":"created","name":"R","priority":"normal","participants":{"type":"participant","value":["Ana","Luis","Eva"]}}`},
		{"participants without split", name + "  participants: { column: P }\n",
			[]string{"Asunto", "P"}, texts("R", "Ana; Luis"),
			`{"status":"created","name":"R","priority":"normal","participants":{"type":"participant","value":["Ana; Luis"]}}`},
		{"participants only separators", name + "  participants: { column: P, split: \";\" }\n",
			[]string{"Asunto", "P"}, texts("R", " ; ;"),
			`{"status":"created","name":"R","priority":"normal"}`},
		{"participants default is split", name + "  participants: { column: P, split: \";\", default: \"Ana;Luis\" }\n",
			[]string{"Asunto", "P"}, texts("R", ""),
			`{"status":"created","name":"R","priority":"normal","participants":{"type":"participant","value":["Ana","Luis"]}}`},
		{"participants constant", name + "  participants: { value: \"Ana|Luis\", split: \"|\" }\n",
			[]string{"Asunto"}, texts("R"),
			`{"status":"created","name":"R","priority":"normal","participants":{"type":"participant","value":["Ana","Luis"]}}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := plan(t, tc.fields, tc.headers).Build(2, tc.cells)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := jsonOf(t, f), tc.want; got != want {
				t.Errorf("got  %s\nwant %s", got, want)
			}
		})
	}
}

func TestBuildErrors(t *testing.T) {
	const name = "  name: { column: Asunto }\n"
	for _, tc := range []struct {
		name      string
		fields    string
		headers   []string
		row       int
		cells     []Cell
		want      string
		sentinels []error
	}{
		{"name required", name, []string{"Asunto"}, 5, texts("  "),
			`Row 5, column Asunto: the meeting has no name; type the name in this cell`, []error{ErrRequired}},
		{"name required in a short row", name, []string{"Notas", "Asunto"}, 5, texts("x"),
			`Row 5, column Asunto: the meeting has no name; type the name in this cell`, []error{ErrRequired}},
		{"name required from a template", "  name: { template: \"{A} {B} {a}\" }\n", []string{"A", "B"}, 2, texts("", ""),
			`Row 2, columns A and B: the meeting has no name; fill in the column A or B`, []error{ErrRequired}},
		{"name required from a one-column template names the header as in the sheet", "  name: { template: \"Reunión: {asunto}\" }\n",
			[]string{"Notas", "Asunto"}, 2, texts("x", ""),
			`Row 2, column Asunto: the meeting has no name; fill in the column Asunto`, []error{ErrRequired}},
		{"name translated to nothing", "  name: { column: Asunto, values: { N/A: '' } }\n", []string{"Asunto"}, 2, texts(" n/a "),
			`Row 2, column Asunto: "n/a" counts as no name, and every meeting needs one; type the name in this cell`,
			[]error{ErrRequired}},
		{"ambiguous date names the header as in the sheet", name + "  start_date: { column: fecha inicio }\n",
			[]string{"Asunto", "Fecha inicio"}, 7, texts("R", "03/04/2024"),
			`Row 7, column Fecha inicio: "03/04/2024" can be read as day/month/year or as month/day/year; type it as year-month-day: 2024-04-03 or 2024-03-04`,
			[]error{ErrAmbiguousDate}},
		{"a day-first date offers only the day-first format", name + "  start_date: { column: Inicio }\n",
			[]string{"Asunto", "Inicio"}, 3, texts("R", "26/07/2024 09:30"),
			`Row 3, column Inicio: "26/07/2024 09:30" is written day/month/year; type it as 2024-07-26 09:30 (year-month-day)`,
			[]error{ErrAmbiguousDate}},
		{"a month-first date offers only the month-first format", name + "  start_date: { column: Inicio }\n",
			[]string{"Asunto", "Inicio"}, 3, texts("R", "07/26/2024"),
			`Row 3, column Inicio: "07/26/2024" is written month/day/year; type it as 2024-07-26 (year-month-day)`,
			[]error{ErrAmbiguousDate}},
		{"a day-month date that no order reads", name + "  start_date: { column: Inicio }\n",
			[]string{"Asunto", "Inicio"}, 3, texts("R", "31/02/2024"),
			`Row 3, column Inicio: "31/02/2024" is not a valid date: as day/month/year, February 2024 has 29 days; as month/day/year, month 31 does not exist; correct the date`,
			[]error{ErrInvalidDate}},
		{"impossible date", name + "  start_date: { column: I, format: \"DD/MM/YYYY\" }\n",
			[]string{"Asunto", "I"}, 3, texts("R", "31/02/2024"),
			`Row 3, column I: "31/02/2024" is not a valid date: February 2024 has 29 days; correct the date`,
			[]error{ErrInvalidDate}},
		{"date from a template", name + "  start_date: { template: \"{Fecha} {Hora}\", format: \"DD/MM/YYYY HH:mm\" }\n",
			[]string{"Asunto", "Fecha", "Hora"}, 3, texts("R", "05/03/2024", "25:00"),
			`Row 3, columns Fecha and Hora: "05/03/2024 25:00" is not a valid date: hour 25 does not exist; correct the date`,
			[]error{ErrInvalidDate}},
		{"time-only date cell", name + "  start_date: { column: I }\n",
			[]string{"Asunto", "I"}, 3, []Cell{{Text: "R"}, {Text: "10:30", Kind: KindDate, Time: time.Date(1899, 12, 30, 10, 30, 0, 0, time.UTC)}},
			`Row 3, column I: the cell holds 1899-12-30 10:30:00, which is not a meeting date; type the full date and time`,
			[]error{ErrInvalidDate}},
		{"invalid yes/no", name + "  remember: { column: Recordar }\n", []string{"Asunto", "Recordar"}, 4, texts("R", "tal vez"),
			`Row 4, column Recordar: "tal vez" is not a yes or a no; type Yes or No`, []error{ErrInvalidBool}},
		{"invalid priority", name + "  priority: { column: Prioridad }\n", []string{"Asunto", "Prioridad"}, 4, texts("R", "Urgente"),
			`Row 4, column Prioridad: "Urgente" is not a priority; type high, normal or low`,
			[]error{ErrInvalidPriority}},
		// A second values: would make the mapping invalid ("given twice"): the fix adds a line to it.
		{"invalid priority with values:", name + "  priority: { column: Prioridad, values: { Alta: high } }\n", []string{"Asunto", "Prioridad"}, 4, texts("R", "Urgente"),
			`Row 4, column Prioridad: "Urgente" is not a priority; type Alta, normal or low`,
			[]error{ErrInvalidPriority}},
		{"invalid priority with values:, in quotes when YAML needs them", name + "  priority:\n    column: Prioridad\n    values:\n      Alta: high\n",
			[]string{"Asunto", "Prioridad"}, 4, texts("R", "¡Urgente!"),
			`Row 4, column Prioridad: "¡Urgente!" is not a priority; type Alta, normal or low`,
			[]error{ErrInvalidPriority}},
		{"invalid priority from a template with values:", name + "  priority: { template: \"{P}\", values: {} }\n", []string{"Asunto", "P"}, 4, texts("R", "Muy alta"),
			`Row 4, column P: "Muy alta" is not a priority; type high, normal or low`,
			[]error{ErrInvalidPriority}},
		{"reminder without date", name + "  remember: { column: Recordar }\n  reminder_date: { column: Recordatorio }\n",
			[]string{"Asunto", "recordar", "Recordatorio"}, 6, texts("R", "x", ""),
			`Row 6, column recordar: a reminder is asked for, but there is no reminder date; fill in the column Recordatorio or type No`,
			[]error{ErrReminderWithoutDate}},
		{"reminder not in the mapping", name + "  remember: { value: sí }\n",
			[]string{"Asunto"}, 6, texts("R"),
			`Row 6: a reminder is asked for, but there is no reminder date`,
			[]error{ErrReminderWithoutDate}},
		{"an invalid reminder date is one problem, not two", name + "  remember: { column: Recordar }\n  reminder_date: { column: Recordatorio }\n",
			[]string{"Asunto", "Recordar", "Recordatorio"}, 6, texts("R", "sí", "mañana"),
			`Row 6, column Recordatorio: "mañana" is not a date; type it as year-month-day, e.g. 2024-03-25 14:30`,
			[]error{ErrInvalidDate}},
		{"every problem of the row, in the sheet's order", name + "  priority: { column: P }\n  start_date: { column: I }\n  remember: { column: Rec }\n",
			[]string{"Asunto", "P", "I", "Rec"}, 9, texts("", "urgente", "1/2/2024", "quizás"),
			`Row 9, column Asunto: the meeting has no name; type the name in this cell; Row 9, column P: "urgente" is not a priority; type high, normal or low; Row 9, column I: "1/2/2024" can be read as day/month/year or as month/day/year; type it as year-month-day: 2024-02-01 or 2024-01-02; Row 9, column Rec: "quizás" is not a yes or a no; type Yes or No`,
			[]error{ErrRequired, ErrInvalidPriority, ErrInvalidBool, ErrAmbiguousDate}},
		// Left to right, whatever the API's order; the missing reminder date is remember's
		// problem, at its column; fields without a column come last, in the API's order.
		{"problems left to right, then fields without a column",
			"  start_date: { template: \"{F} {H}\", format: \"DD/MM/YYYY HH:mm\" }\n  priority: { template: \"{P}\" }\n" + name +
				"  completion_date: { column: Fin, format: \"DD/MM/YYYY\" }\n  remember: { column: Rec }\n  reminder_date: { column: Aviso }\n" +
				"  status: { value: created }\n",
			[]string{"Aviso", "Rec", "Fin", "Asunto", "P", "F", "H"}, 9, texts("", "sí", "31/02/2024", "", "Urgente", "05/03/2024", "25:00"),
			`Row 9, column Rec: a reminder is asked for, but there is no reminder date; fill in the column Aviso or type No; Row 9, column Fin: "31/02/2024" is not a valid date: February 2024 has 29 days; correct the date; Row 9, column Asunto: the meeting has no name; type the name in this cell; Row 9, column P: "Urgente" is not a priority; type high, normal or low; Row 9, columns F and H: "05/03/2024 25:00" is not a valid date: hour 25 does not exist; correct the date`,
			[]error{ErrReminderWithoutDate, ErrInvalidDate, ErrRequired, ErrInvalidPriority}},
		{"the missing reminder date after an earlier column's problem",
			name + "  remember: { column: Rec }\n  reminder_date: { column: Aviso }\n  start_date: { column: Inicio }\n",
			[]string{"Asunto", "Rec", "Inicio", "Aviso"}, 4, texts("", "x", "26/07/2024", ""),
			`Row 4, column Asunto: the meeting has no name; type the name in this cell; Row 4, column Rec: a reminder is asked for, but there is no reminder date; fill in the column Aviso or type No; Row 4, column Inicio: "26/07/2024" is written day/month/year; type it as 2024-07-26 (year-month-day)`,
			[]error{ErrRequired, ErrReminderWithoutDate, ErrAmbiguousDate}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := plan(t, tc.fields, tc.headers).Build(tc.row, tc.cells)
			if f != nil {
				t.Errorf("got fields %s with the error", jsonOf(t, f))
			}
			if got, want := errString(err), tc.want; got != want {
				t.Errorf("error\n got %s\nwant %s", got, want)
			}
			var rowErrs RowErrors
			if !errors.As(err, &rowErrs) {
				t.Fatalf("error %T is not RowErrors", err)
			}
			for _, e := range rowErrs {
				if e.Row != tc.row {
					t.Errorf("Row = %d, want %d", e.Row, tc.row)
				}
			}
			for _, s := range tc.sentinels {
				if !errors.Is(err, s) {
					t.Errorf("error is not %v", s)
				}
			}
		})
	}
}

func TestRowErrorFields(t *testing.T) {
	p := plan(t, "  name: { column: asunto }\n  priority: { column: Prioridad }\n", []string{"Asunto", "Prioridad"})
	_, err := p.Build(12, texts("R", " Urgente "))
	var rowErrs RowErrors
	if !errors.As(err, &rowErrs) || len(rowErrs) != 1 {
		t.Fatalf("error %v", err)
	}
	e := rowErrs[0]
	if got, want := *e, (RowError{Row: 12, Column: "Prioridad", Field: "priority", Value: "Urgente", Err: e.Err}); got != want {
		t.Errorf("got %+v, want %+v", got, want)
	}
	if !errors.Is(e, ErrInvalidPriority) {
		t.Errorf("%v is not ErrInvalidPriority", e)
	}
}

func TestFieldsJSON(t *testing.T) {
	yes, no := true, false
	for _, tc := range []struct {
		name   string
		fields Fields
		want   string
	}{
		{"empty", Fields{}, `{}`},
		{"remember false is sent", Fields{Name: "R", Remember: &no}, `{"name":"R","remember":false}`},
		{"every field, in the API's order", Fields{
			Status: "created", Name: "R", Priority: "high", NameModule: "cases",
			CompletionDate: "2023-07-30 00:00:00", Remember: &yes, ReminderDate: "2023-07-29 00:00:00",
			Description: "text", IDRecord: "42", Location: "Zoom", StartDate: "2023-07-26 00:00:00",
			WolkvoxOwner: "ADMIN_@mymodule", Participants: &Participants{Type: "participant", Value: []string{"user 1", "user 2"}},
		}, `{"status":"created","name":"R","priority":"high","name_module":"cases","completion_date":"2023-07-30 00:00:00",` +
			`"remember":true,"reminder_date":"2023-07-29 00:00:00","description":"text","id_record":"42","location":"Zoom",` +
			`"start_date":"2023-07-26 00:00:00","wolkvox_owner":"ADMIN_@mymodule","participants":{"type":"participant","value":["user 1","user 2"]}}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got, want := jsonOf(t, &tc.fields), tc.want; got != want {
				t.Errorf("got  %s\nwant %s", got, want)
			}
		})
	}
}

// Rows built from a constant list must not share it.
func TestConstantListNotShared(t *testing.T) {
	p := plan(t, "  name: { value: R }\n  participants: { value: \"Ana;Luis\", split: \";\" }\n", nil)
	a, err := p.Build(2, nil)
	if err != nil {
		t.Fatal(err)
	}
	a.Participants.Value[0] = "changed"
	b, err := p.Build(3, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := b.Participants.Value[0], "Ana"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestBuildConcurrent(t *testing.T) {
	m, err := Load("testdata/spec.yaml")
	if err != nil {
		t.Fatal(err)
	}
	headers := []string{"Asunto", "Prioridad", "Inicio", "Fin", "Recordar", "Recordatorio", "Notas", "Cliente", "Caso", "Lugar", "Responsable", "Participantes"}
	p, err := m.Bind(headers)
	if err != nil {
		t.Fatal(err)
	}
	row := texts("R", "Baja", "05/03/2024 10:30", "", "sí", "2024-03-04", "n", "c", "1", "l", "o", "a;b")
	want := `{"status":"created","name":"R","priority":"low","name_module":"cases","remember":true,"reminder_date":"2024-03-04 00:00:00",` +
		`"description":"n (cliente: c)","id_record":"1","location":"l","start_date":"2024-03-05 10:30:00","wolkvox_owner":"o",` +
		`"participants":{"type":"participant","value":["a","b"]}}`
	done := make(chan string)
	for range 4 {
		go func() {
			var got string
			for range 100 {
				f, err := p.Build(2, row)
				if err != nil {
					got = err.Error()
					break
				}
				b, _ := json.Marshal(f)
				got = string(b)
			}
			done <- got
		}()
	}
	for range 4 {
		if got := <-done; got != want {
			t.Errorf("got  %s\nwant %s", got, want)
		}
	}
}
