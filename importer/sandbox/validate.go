package sandbox

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"mime"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// meeting is what a valid insert request creates.
type meeting struct {
	operation string
	fields    json.RawMessage // a slice of the request body, exactly as received
}

type fieldKind int

const (
	textField fieldKind = iota
	priorityField
	dateField
	boolField
	participantsField
)

// meetingFields are the fields of a meeting, in the SPEC's order, which is
// also the order problems are reported in.
var meetingFields = []struct {
	name string
	kind fieldKind
}{
	{"name", textField},
	{"status", textField},
	{"priority", priorityField},
	{"name_module", textField},
	{"start_date", dateField},
	{"completion_date", dateField},
	{"remember", boolField},
	{"reminder_date", dateField},
	{"description", textField},
	{"id_record", textField},
	{"location", textField},
	{"wolkvox_owner", textField},
	{"participants", participantsField},
}

const dateLayout = time.DateTime // Wolkvox's YYYY-MM-DD HH:MM:SS

// validateInsert checks an insert request as strictly as Wolkvox documents
// it, so that a client bug shows in the sandbox rather than in production.
// The error is the msg of a 400 SOME PARAMETERS ARE REQUIRED: it names the
// parameter and says what to send instead.
func validateInsert(contentType string, body []byte, operation string) (meeting, error) {
	if mt, _, err := mime.ParseMediaType(contentType); err != nil || mt != "application/json" {
		return meeting{}, fmt.Errorf("the Content-Type header is %s: send application/json", quote(contentType))
	}
	// PHP's json_decode refuses invalid UTF-8, so Wolkvox does too.
	if !utf8.Valid(body) {
		return meeting{}, errors.New("the body is not valid UTF-8: send the text encoded as UTF-8")
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(body, &top); err != nil || top == nil {
		return meeting{}, errors.New("the body is not a JSON object: send {\"operation\": ..., \"module\": ..., \"type\": ..., \"fields\": {...}}")
	}
	if k := unknownKey(top, "operation", "module", "type", "fields"); k != "" {
		return meeting{}, fmt.Errorf("%s is not a parameter of this API: send only operation, module, type and fields", quote(k))
	}
	op, err := requiredText(top, "operation", "")
	if err != nil {
		return meeting{}, err
	}
	if operation != "" && op != operation {
		return meeting{}, fmt.Errorf("operation %s is not an operation of this token", quote(op))
	}
	if _, err := requiredText(top, "module", "wolkvox_activities"); err != nil {
		return meeting{}, err
	}
	if _, err := requiredText(top, "type", "meet"); err != nil {
		return meeting{}, err
	}
	raw, fields, err := fieldsObject(top["fields"])
	if err != nil {
		return meeting{}, err
	}
	if err := validateFields(fields); err != nil {
		return meeting{}, err
	}
	// Keep the fields as a slice of the body rather than the decoder's copy:
	// Requests already holds the body, and a million records should not hold
	// their fields twice. Any occurrence of the same bytes is the same value.
	if i := bytes.Index(body, raw); i >= 0 {
		raw = body[i : i+len(raw) : i+len(raw)]
	}
	return meeting{operation: op, fields: raw}, nil
}

// requiredText reads a top-level text parameter; want, if not "", is the
// only value accepted.
func requiredText(top map[string]json.RawMessage, name, want string) (string, error) {
	hint := fmt.Sprintf("send %q", want)
	if want == "" {
		hint = "send the name of the CRM operation"
	}
	raw, ok := top[name]
	if !ok {
		return "", fmt.Errorf("%s is required: %s", name, hint)
	}
	if t := jsonType(raw); t != "a text" {
		return "", fmt.Errorf("%s must be a text (a JSON string), not %s: %s", name, t, hint)
	}
	var v string
	if err := json.Unmarshal(raw, &v); err != nil {
		return "", fmt.Errorf("%s is not a valid JSON string: %s", name, hint)
	}
	switch {
	case v == "":
		return "", fmt.Errorf("%s is empty: %s", name, hint)
	case want != "" && v != want:
		return "", fmt.Errorf("%s %s is not supported by this API: %s", name, quote(v), hint)
	}
	return v, nil
}

func fieldsObject(raw json.RawMessage) (json.RawMessage, map[string]json.RawMessage, error) {
	if raw == nil || jsonType(raw) == "null" {
		return nil, nil, errors.New("fields is required: send the meeting's fields as a JSON object")
	}
	if jsonType(raw) != "an object" {
		return nil, nil, fmt.Errorf("fields must be a JSON object, not %s", jsonType(raw))
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil {
		return nil, nil, fmt.Errorf("fields is not a valid JSON object: %v", err)
	}
	return raw, fields, nil
}

func validateFields(fields map[string]json.RawMessage) error {
	known := make([]string, len(meetingFields))
	for i, f := range meetingFields {
		known[i] = f.name
	}
	if k := unknownKey(fields, known...); k != "" {
		return fmt.Errorf("fields.%s is not a field of a meeting (known: %s)", k, strings.Join(known, ", "))
	}
	if _, ok := fields["name"]; !ok {
		return errors.New("fields.name is required: send the meeting's name")
	}
	for _, f := range meetingFields {
		raw, ok := fields[f.name]
		if !ok {
			continue
		}
		if err := validateField("fields."+f.name, f.kind, raw); err != nil {
			return err
		}
	}
	if string(fields["remember"]) == "true" {
		if _, ok := fields["reminder_date"]; !ok {
			return errors.New("fields.remember is true but fields.reminder_date is missing: send the reminder date, or remember false")
		}
	}
	return nil
}

func validateField(name string, kind fieldKind, raw json.RawMessage) error {
	if kind == boolField {
		if t := jsonType(raw); t != "a boolean" {
			return fmt.Errorf("%s must be true or false (a JSON boolean), not %s", name, t)
		}
		return nil
	}
	if kind == participantsField {
		return validateParticipants(name, raw)
	}
	v, err := text(name, raw)
	if err != nil {
		return err
	}
	switch kind {
	case priorityField:
		if v != "high" && v != "normal" && v != "low" {
			return fmt.Errorf("%s is %s: send high, normal or low", name, quote(v))
		}
	case dateField:
		return validateDate(name, v)
	}
	return nil
}

func validateDate(name, v string) error {
	if !dateShaped(v) {
		return fmt.Errorf("%s is %s: send YYYY-MM-DD HH:MM:SS, e.g. 2023-07-26 09:30:00", name, quote(v))
	}
	if _, err := time.Parse(dateLayout, v); err != nil {
		return fmt.Errorf("%s is %s, which is not a real date and time", name, quote(v))
	}
	return nil
}

// dateShaped checks the exact shape, which time.Parse alone does not: it
// accepts a fractional second after the layout's seconds.
func dateShaped(v string) bool {
	if len(v) != len(dateLayout) {
		return false
	}
	for i := range len(v) {
		c := v[i]
		switch i {
		case 4, 7:
			if c != '-' {
				return false
			}
		case 10:
			if c != ' ' {
				return false
			}
		case 13, 16:
			if c != ':' {
				return false
			}
		default:
			if c < '0' || c > '9' {
				return false
			}
		}
	}
	return true
}

func validateParticipants(name string, raw json.RawMessage) error {
	const shape = `{"type": "participant", "value": ["user 1", "user 2"]}`
	if t := jsonType(raw); t != "an object" {
		return fmt.Errorf("%s must be %s, not %s", name, shape, t)
	}
	var p map[string]json.RawMessage
	if err := json.Unmarshal(raw, &p); err != nil {
		return fmt.Errorf("%s must be %s", name, shape)
	}
	if k := unknownKey(p, "type", "value"); k != "" {
		return fmt.Errorf("%s has an unknown key %s: send %s", name, quote(k), shape)
	}
	if t, err := text(name+".type", p["type"]); err != nil || t != "participant" {
		return fmt.Errorf("%s.type must be \"participant\": send %s", name, shape)
	}
	var values []json.RawMessage
	if t := jsonType(p["value"]); t != "an array" {
		return fmt.Errorf("%s.value must be an array of texts, not %s", name, t)
	}
	if err := json.Unmarshal(p["value"], &values); err != nil {
		return fmt.Errorf("%s.value must be an array of texts", name)
	}
	if len(values) == 0 {
		return fmt.Errorf("%s.value is empty: leave participants out when there are none", name)
	}
	for i, v := range values {
		if _, err := text(fmt.Sprintf("%s.value[%d]", name, i), v); err != nil {
			return err
		}
	}
	return nil
}

// text reads a non-empty JSON string. Empty values must be left out of the
// request, never sent as "" or null.
func text(name string, raw json.RawMessage) (string, error) {
	if t := jsonType(raw); t != "a text" {
		return "", fmt.Errorf("%s must be a text (a JSON string), not %s", name, t)
	}
	var v string
	if err := json.Unmarshal(raw, &v); err != nil {
		return "", fmt.Errorf("%s is not a valid JSON string", name)
	}
	if v == "" {
		return "", fmt.Errorf("%s is \"\": leave empty fields out of the request", name)
	}
	return v, nil
}

// jsonType names the type of a JSON value for messages.
func jsonType(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "nothing"
	}
	switch raw[0] {
	case '"':
		return "a text"
	case '{':
		return "an object"
	case '[':
		return "an array"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

// unknownKey returns the first key of m, in sorted order so messages are
// stable, that is not in known; "" if none.
func unknownKey(m map[string]json.RawMessage, known ...string) string {
	for _, k := range slices.Sorted(maps.Keys(m)) {
		if !slices.Contains(known, k) {
			return k
		}
	}
	return ""
}
