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
