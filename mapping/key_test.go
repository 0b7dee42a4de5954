package mapping

import (
	"slices"
	"testing"
)

func TestKeyFields(t *testing.T) {
	for _, tc := range []struct {
		name, yaml string
		want       []string
	}{
		{"default: those filled", "fields:\n  name: { column: A }\n  start_date: { column: B }\n  description: { column: C }\n",
			[]string{"name", "start_date"}},
		{"default, all four", "fields:\n  name: { column: A }\n  start_date: { column: B }\n  id_record: { column: C }\n  name_module: { value: cases }\n",
			[]string{"name", "start_date", "id_record", "name_module"}},
		{"given, flow list", "key: [id_record, start_date]\nfields:\n  name: { column: A }\n  start_date: { column: B }\n  id_record: { column: C }\n",
			[]string{"id_record", "start_date"}},
		{"given, block list, before fields", "key:\n  - name\nfields:\n  name: { column: A }\n", []string{"name"}},
		{"given after fields", "fields:\n  name: { column: A }\n  location: { column: L }\nkey: location\n", []string{"location"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, err := Parse("m.yaml", []byte(tc.yaml))
			if err != nil {
				t.Fatal(err)
			}
			if got := m.KeyFields(); !slices.Equal(got, tc.want) {
				t.Errorf("KeyFields() = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestKeyErrors(t *testing.T) {
	for _, tc := range []struct{ name, yaml, want string }{
		{"empty", "key: []\nfields:\n  name: { column: A }\n",
			"m.yaml:1:1: key: lists no field; write the API fields that tell one meeting from another, e.g. key: [name, start_date, id_record]"},
		{"unknown near", "key: [nombre]\nfields:\n  name: { column: A }\n", `m.yaml:1:7: key: "nombre" is not an API field; did you mean name?`},
		{"twice", "key: [name, name]\nfields:\n  name: { column: A }\n", "m.yaml:1:13: key: name is listed twice; keep one"},
		{"not filled", "key: [name, description]\nfields:\n  name: { column: A }\n",
			"m.yaml:1:13: key: description is not under fields:, so every row would have it empty; map it, or take it out of key:"},
		{"not a name", "key: [{a: b}]\nfields:\n  name: { column: A }\n", "m.yaml:1:7: key: lists API fields by name (" + apiFieldList + ")"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("m.yaml", []byte(tc.yaml))
			if got := errString(err); got != tc.want {
				t.Errorf("error\n got %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestKeyValues(t *testing.T) {
	yes := true
	f := Fields{Name: "Visita", StartDate: "2026-11-24 09:00:00", Remember: &yes,
		Participants: &Participants{Type: "participant", Value: []string{"ana", "luis"}}}
	got := f.KeyValues([]string{"name", "id_record", "remember", "participants", "start_date"})
	want := []string{"Visita", "", "true", "ana\x1fluis", "2026-11-24 09:00:00"}
	if !slices.Equal(got, want) {
		t.Errorf("KeyValues = %q, want %q", got, want)
	}
}

func TestSourceOf(t *testing.T) {
	m, err := Parse("m.yaml", []byte("fields:\n  name: { column: Asunto }\n  status: { value: created }\n"))
	if err != nil {
		t.Fatal(err)
	}
	for field, want := range map[string]string{"name": "Asunto", "status": "status", "location": "location"} {
		if got := m.SourceOf(field); got != want {
			t.Errorf("SourceOf(%s) = %q, want %q", field, got, want)
		}
	}
}

func TestFromSheet(t *testing.T) {
	m, err := Parse("m.yaml", []byte("fields:\n  name: { column: Asunto }\n  description: { template: \"{Asunto}\" }\n  name_module: { value: cases }\n"))
	if err != nil {
		t.Fatal(err)
	}
	for field, want := range map[string]bool{"name": true, "description": true, "name_module": false, "location": false, "nope": false} {
		if got := m.FromSheet(field); got != want {
			t.Errorf("FromSheet(%s) = %v, want %v", field, got, want)
		}
	}
}

func TestDigest(t *testing.T) {
	yes := true
	a := Fields{Name: "Visita", Description: "Llamar", Remember: &yes}
	b := a
	b.Description = "Llamar al cliente"
	b.Location = "Sala 2"
	if d := a.Digest(); len(d) != DigestSize {
		t.Fatalf("digest of %d bytes", len(d))
	}
	if got := DigestFields(a.Digest(), a.Digest()); got != nil {
		t.Errorf("the same fields differ in %v", got)
	}
	if got := DigestFields(a.Digest(), b.Digest()); !slices.Equal(got, []string{"description", "location"}) {
		t.Errorf("DigestFields = %v, want description and location", got)
	}
	if got := DigestFields(nil, b.Digest()); got != nil {
		t.Errorf("a digest not kept: %v", got)
	}
	if got := b.Text("location"); got != "Sala 2" {
		t.Errorf("Text(location) = %q", got)
	}
}
