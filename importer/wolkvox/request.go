package wolkvox

import (
	"bytes"
	"encoding/json"
)

// Module is the Wolkvox module activities live in.
const Module = "wolkvox_activities"

type request struct {
	Operation string `json:"operation"`
	Module    string `json:"module"`
	Type      string `json:"type"`
	Fields    any    `json:"fields"`
}

// Body encodes one insert request. It is built once per row: retries send the same bytes,
// and the ledger keys the row on them.
func Body(operation, activityType string, fields any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // "&" in a description stays "&" on the wire
	if err := enc.Encode(request{Operation: operation, Module: Module, Type: activityType, Fields: fields}); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// FieldsOf is the "fields" object of a body Body encoded, as it was sent: the last
// member of the request, so it is found without decoding the whole body again.
func FieldsOf(body []byte) json.RawMessage {
	const member = `,"fields":`
	i := bytes.LastIndex(body, []byte(member))
	if i < 0 || len(body) == 0 || body[len(body)-1] != '}' {
		return nil
	}
	f := body[i+len(member) : len(body)-1]
	if !json.Valid(f) {
		return nil
	}
	return json.RawMessage(f)
}
