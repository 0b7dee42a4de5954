package sandbox

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

func TestValidation(t *testing.T) {
	tests := []struct {
		name        string
		contentType string // default application/json
		body        string
		wantMsg     string // "" means the meeting is created
	}{
		// Accepted.
		{name: "spec example", body: insertBody(specFields)},
		{name: "only name", body: insertBody(`{"name":"x"}`)},
		{name: "charset parameter", contentType: "application/json; charset=utf-8", body: insertBody(`{"name":"x"}`)},
		{name: "remember false alone", body: insertBody(`{"name":"x","remember":false}`)},
		{name: "leap day", body: insertBody(`{"name":"x","start_date":"2024-02-29 23:59:59"}`)},
		{name: "one participant", body: insertBody(`{"name":"x","participants":{"value":["a"],"type":"participant"}}`)},
		{name: "accents", body: insertBody(`{"name":"Reunión café","description":"año"}`)},

		// Request shape.
		{name: "text/plain", contentType: "text/plain", body: insertBody(`{"name":"x"}`), wantMsg: `the Content-Type header is "text/plain"`},
		{name: "no content type", contentType: "-", body: insertBody(`{"name":"x"}`), wantMsg: `the Content-Type header is ""`},
		{name: "form", contentType: "application/x-www-form-urlencoded", body: "operation=x", wantMsg: "send application/json"},
		{name: "empty body", body: "", wantMsg: "the body is not a JSON object"},
		{name: "not JSON", body: "<xml/>", wantMsg: "the body is not a JSON object"},
		{name: "truncated", body: insertBody(`{"name":"x"`), wantMsg: "the body is not a JSON object"},
		{name: "array", body: "[]", wantMsg: "the body is not a JSON object"},
		{name: "null", body: "null", wantMsg: "the body is not a JSON object"},
		{name: "Windows-1252 text", body: insertBody("{\"name\":\"Reuni\xf3n\"}"), wantMsg: "not valid UTF-8"},
		{name: "unknown parameter", body: `{"operation":"op","module":"wolkvox_activities","type":"meet","fields":{"name":"x"},"extra":1}`, wantMsg: `"extra" is not a parameter`},

		// operation, module, type.
		{name: "no operation", body: `{"module":"wolkvox_activities","type":"meet","fields":{"name":"x"}}`, wantMsg: "operation is required"},
		{name: "empty operation", body: `{"operation":"","module":"wolkvox_activities","type":"meet","fields":{"name":"x"}}`, wantMsg: "operation is empty: send the name of the CRM operation"},
		{name: "operation not text", body: `{"operation":7,"module":"wolkvox_activities","type":"meet","fields":{"name":"x"}}`, wantMsg: "operation must be a text (a JSON string), not a number"},
		{name: "empty module", body: `{"operation":"op","module":"","type":"meet","fields":{"name":"x"}}`, wantMsg: `module is empty: send "wolkvox_activities"`},
		{name: "no module", body: `{"operation":"op","type":"meet","fields":{"name":"x"}}`, wantMsg: `module is required: send "wolkvox_activities"`},
		{name: "wrong module", body: `{"operation":"op","module":"cases","type":"meet","fields":{"name":"x"}}`, wantMsg: `module "cases" is not supported`},
		{name: "no type", body: `{"operation":"op","module":"wolkvox_activities","fields":{"name":"x"}}`, wantMsg: `type is required: send "meet"`},
		{name: "task type", body: `{"operation":"op","module":"wolkvox_activities","type":"task","fields":{"name":"x"}}`, wantMsg: `type "task" is not supported`},

		// fields.
		{name: "no fields", body: `{"operation":"op","module":"wolkvox_activities","type":"meet"}`, wantMsg: "fields is required"},
		{name: "null fields", body: insertBody(`null`), wantMsg: "fields is required"},
		{name: "fields array", body: insertBody(`[{"name":"x"}]`), wantMsg: "fields must be a JSON object, not an array"},
		{name: "empty fields", body: insertBody(`{}`), wantMsg: "fields.name is required"},
		{name: "unknown field", body: insertBody(`{"name":"x","phone":"123"}`), wantMsg: "fields.phone is not a field of a meeting"},
		{name: "empty name", body: insertBody(`{"name":""}`), wantMsg: `fields.name is "": leave empty fields out`},
		{name: "null name", body: insertBody(`{"name":null}`), wantMsg: "fields.name must be a text (a JSON string), not null"},
		{name: "empty description", body: insertBody(`{"name":"x","description":""}`), wantMsg: `fields.description is ""`},
		{name: "numeric id_record", body: insertBody(`{"name":"x","id_record":12345}`), wantMsg: "fields.id_record must be a text (a JSON string), not a number"},
		{name: "priority", body: insertBody(`{"name":"x","priority":"urgent"}`), wantMsg: `fields.priority is "urgent": send high, normal or low`},
		{name: "priority case", body: insertBody(`{"name":"x","priority":"High"}`), wantMsg: `fields.priority is "High"`},
		{name: "date format", body: insertBody(`{"name":"x","start_date":"26/07/2023 09:30"}`), wantMsg: `fields.start_date is "26/07/2023 09:30": send YYYY-MM-DD HH:MM:SS`},
		{name: "date without time", body: insertBody(`{"name":"x","completion_date":"2023-07-30"}`), wantMsg: "fields.completion_date is"},
		{name: "date with T", body: insertBody(`{"name":"x","start_date":"2023-07-26T09:30:00"}`), wantMsg: "fields.start_date is"},
		{name: "date with fraction", body: insertBody(`{"name":"x","start_date":"2023-07-26 09:30:00.5"}`), wantMsg: "send YYYY-MM-DD HH:MM:SS"},
		{name: "impossible date", body: insertBody(`{"name":"x","start_date":"2023-02-30 00:00:00"}`), wantMsg: "not a real date and time"},
		{name: "impossible hour", body: insertBody(`{"name":"x","reminder_date":"2023-02-03 24:00:00"}`), wantMsg: "fields.reminder_date is \"2023-02-03 24:00:00\", which is not a real date"},
		{name: "remember text", body: insertBody(`{"name":"x","remember":"true"}`), wantMsg: "fields.remember must be true or false (a JSON boolean), not a text"},
		{name: "remember number", body: insertBody(`{"name":"x","remember":1}`), wantMsg: "not a number"},
		{name: "remember without reminder", body: insertBody(`{"name":"x","remember":true}`), wantMsg: "fields.remember is true but fields.reminder_date is missing"},
		{name: "participants list", body: insertBody(`{"name":"x","participants":["a"]}`), wantMsg: "fields.participants must be {"},
		{name: "participants text", body: insertBody(`{"name":"x","participants":"a;b"}`), wantMsg: "not a text"},
		{name: "participants type", body: insertBody(`{"name":"x","participants":{"type":"user","value":["a"]}}`), wantMsg: `fields.participants.type must be "participant"`},
		{name: "participants no type", body: insertBody(`{"name":"x","participants":{"value":["a"]}}`), wantMsg: `fields.participants.type must be`},
		{name: "participants extra key", body: insertBody(`{"name":"x","participants":{"type":"participant","value":["a"],"x":1}}`), wantMsg: `unknown key "x"`},
		{name: "participants value text", body: insertBody(`{"name":"x","participants":{"type":"participant","value":"a"}}`), wantMsg: "fields.participants.value must be an array of texts, not a text"},
		{name: "participants empty", body: insertBody(`{"name":"x","participants":{"type":"participant","value":[]}}`), wantMsg: "fields.participants.value is empty"},
		{name: "participant empty", body: insertBody(`{"name":"x","participants":{"type":"participant","value":["a",""]}}`), wantMsg: `fields.participants.value[1] is ""`},
		{name: "participant number", body: insertBody(`{"name":"x","participants":{"type":"participant","value":[1]}}`), wantMsg: "fields.participants.value[0] must be a text"},
	}
	s, base := start(t, Options{MaxInFlight: -1})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := newInsert(t, base, "tok", tt.body)
			switch tt.contentType {
			case "":
			case "-":
				req.Header.Del("Content-Type")
			default:
				req.Header.Set("Content-Type", tt.contentType)
			}
			before := len(s.Records())
			a, err := send(t, http.DefaultClient, req)
			if err != nil {
				t.Fatal(err)
			}
			created := len(s.Records()) - before
			if tt.wantMsg == "" {
				if a.status != 200 || created != 1 {
					t.Fatalf("got %d %s, %d created; want it created", a.status, a.body, created)
				}
				return
			}
			wantError(t, a, 400, textParams)
			if !strings.Contains(a.wv.Msg, tt.wantMsg) {
				t.Errorf("msg %q does not contain %q", a.wv.Msg, tt.wantMsg)
			}
			if created != 0 {
				t.Errorf("%d records created", created)
			}
		})
	}
}

func TestOperationAccepted(t *testing.T) {
	_, base := start(t, Options{Operation: "My-CRM-operation"})
	if a := insert(t, base, "tok", insertBody(`{"name":"x"}`)); a.status != 200 {
		t.Fatalf("got %d %s", a.status, a.body)
	}
	a := insert(t, base, "tok", strings.Replace(insertBody(`{"name":"x"}`), "My-CRM-operation", "Other", 1))
	wantError(t, a, 400, textParams)
	if want := `operation "Other" is not an operation of this token`; !strings.Contains(a.wv.Msg, want) {
		t.Errorf("msg %q", a.wv.Msg)
	}
}

func TestLongValuesAreShortenedInMessages(t *testing.T) {
	_, err := validateInsert("application/json", []byte(insertBody(`{"name":"x","priority":"`+strings.Repeat("é", 500)+`"}`)), "")
	if err == nil || len(err.Error()) > 200 {
		t.Errorf("err = %v", err)
	}
}

// FuzzValidateInsert: never panics, and what it accepts is a meeting whose
// fields are the body's own bytes.
func FuzzValidateInsert(f *testing.F) {
	f.Add([]byte(insertBody(specFields)))
	f.Add([]byte(insertBody(`{"name":"x","remember":true,"reminder_date":"2024-01-01 00:00:00"}`)))
	f.Add([]byte(insertBody(`{"name":"x","participants":{"type":"participant","value":["a"]}}`)))
	f.Add([]byte(`{"operation":"op","module":"wolkvox_activities","type":"meet","fields":{"name":"x"},"fields":{"name":"y"}}`))
	f.Add([]byte(`{"fields":null}`))
	f.Add([]byte("\xff"))
	f.Fuzz(func(t *testing.T, body []byte) {
		m, err := validateInsert("application/json", body, "")
		if err != nil {
			return
		}
		var fields map[string]any
		if err := json.Unmarshal(m.fields, &fields); err != nil {
			t.Fatalf("accepted fields %q: %v", m.fields, err)
		}
		if name, _ := fields["name"].(string); name == "" || m.operation == "" {
			t.Fatalf("accepted %q without a name or operation", body)
		}
		if !bytes.Contains(body, m.fields) {
			t.Fatalf("fields %q are not from the body", m.fields)
		}
	})
}
