package mapping

import (
	"reflect"
	"testing"
)

func TestSpecYAMLReadsBack(t *testing.T) {
	s := Spec{Operation: "Demo op", Fields: []FieldSpec{
		{Field: "name", Column: "Asunto"},
		{Field: "priority", Column: "Prioridad", Values: []Translation{{"Alta", "high"}, {"Urgente!", "high"}}, Default: "normal"},
		{Field: "start_date", Column: "Fecha inicio", Format: "DD/MM/YYYY HH:mm"},
		{Field: "name_module", Value: "cases"},
		{Field: "description", Template: `{Notas} (cliente: {Cliente})`},
		{Field: "participants", Column: "Participantes", Split: ";,"},
		{Field: "location", Column: "2024"},
	}}
	data := s.YAML()
	got, err := SpecOf("page.yaml", data)
	if err != nil {
		t.Fatalf("SpecOf: %v\n%s", err, data)
	}
	want := s
	want.Type = "meet"
	// SpecOf keeps the file's order, which is the API's.
	order := map[string]int{}
	for i, n := range FieldNames() {
		order[n] = i
	}
	w := make([]FieldSpec, len(fieldNames))
	for _, f := range s.Fields {
		w[order[f.Field]] = f
	}
	want.Fields = nil
	for _, f := range w {
		if f.Field != "" {
			want.Fields = append(want.Fields, f)
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("read back\n%+v\nwant\n%+v\nfrom\n%s", got, want, data)
	}
	m, err := Parse("page.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.Bind([]string{"Asunto", "Prioridad", "Fecha inicio", "Notas", "Cliente", "Participantes", "2024"}); err != nil {
		t.Error(err)
	}
}

func TestSuggest(t *testing.T) {
	headers := []string{"Asunto", "Prioridad", "Fecha inicio", "Recordar", "Participantes", "Otra"}
	row := func(cells ...string) []Cell {
		out := make([]Cell, len(cells))
		for i, c := range cells {
			out[i] = Cell{Text: c}
		}
		return out
	}
	rows := [][]Cell{
		row("A", "Alta", "26/07/2024 09:30", "sí", "x; y", "z"),
		row("B", "URGENTE", "02/07/2024 10:00", "tal vez", "", ""),
		row("C", "high", "", "no", "", ""),
	}
	s := Suggest(headers, rows)
	check := func(name string, want FieldSpec) {
		t.Helper()
		want.Field = name
		if got, _ := s.Field(name); !reflect.DeepEqual(got, want) {
			t.Errorf("%s = %+v, want %+v", name, got, want)
		}
	}
	check("name", FieldSpec{Column: "Asunto"})
	check("priority", FieldSpec{Column: "Prioridad", Default: "normal", Values: []Translation{{"Alta", "high"}, {"Media", "normal"}, {"Baja", "low"}, {"URGENTE", ""}}})
	check("start_date", FieldSpec{Column: "Fecha inicio", Format: "DD/MM/YYYY HH:mm"})
	check("remember", FieldSpec{Column: "Recordar", Values: []Translation{{"tal vez", ""}}})
	check("participants", FieldSpec{Column: "Participantes", Split: ";,"})
	if _, ok := s.Field("location"); ok {
		t.Error("location suggested without a column")
	}
	// Month first when only that order reads the dates; nothing for date cells.
	if got := guessFormat([]Cell{{Text: "07/26/2024"}, {Text: "07/02/2024"}}); got != "MM/DD/YYYY" {
		t.Errorf("month first: %q", got)
	}
	if got := guessFormat([]Cell{{Text: "x", Kind: KindDate}, {Text: "2024-07-26 10:00"}}); got != "" {
		t.Errorf("date cells and ISO: %q", got)
	}
}
