package wolkvox

import "testing"

func TestFieldsOf(t *testing.T) {
	body, err := Body("op", "meet", map[string]any{"name": `a ,"fields": b`, "description": "x}"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(FieldsOf(body)), `{"description":"x}","name":"a ,\"fields\": b"}`; got != want {
		t.Errorf("FieldsOf = %s, want %s", got, want)
	}
	if got := FieldsOf([]byte(`{"operation":"op"}`)); got != nil {
		t.Errorf("FieldsOf without fields = %s, want nil", got)
	}
}
