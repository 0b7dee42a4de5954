package wolkvox

import (
	"bytes"
	"encoding/json"
	"strconv"
	"unicode/utf8"

	"github.com/wolkvox-import/wolkvox-import/mapping"
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
//
// The fields of a mapping (*mapping.Fields) are written by hand, byte for byte what
// encoding/json writes for them (SetEscapeHTML(false)): the ledger's keys of earlier runs
// depend on those bytes, and a test compares the two on hostile text. Any other fields go
// through encoding/json.
func Body(operation, activityType string, fields any) ([]byte, error) {
	if f, ok := fields.(*mapping.Fields); ok && f != nil {
		return appendRequest(make([]byte, 0, sizeHint(operation, activityType, f)), operation, activityType, f), nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // "&" in a description stays "&" on the wire
	if err := enc.Encode(request{Operation: operation, Module: Module, Type: activityType, Fields: fields}); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// appendRequest is encoding/json's encoding of request{operation, Module, activityType, f}.
func appendRequest(b []byte, operation, activityType string, f *mapping.Fields) []byte {
	b = append(b, `{"operation":`...)
	b = appendString(b, operation)
	b = append(b, `,"module":`...)
	b = appendString(b, Module)
	b = append(b, `,"type":`...)
	b = appendString(b, activityType)
	b = append(b, `,"fields":{`...)
	n := len(b) // a comma goes before every member but the first
	// In the order of the struct's fields, with their json names; omitempty.
	b = appendText(b, n, "status", f.Status)
	b = appendText(b, n, "name", f.Name)
	b = appendText(b, n, "priority", f.Priority)
	b = appendText(b, n, "name_module", f.NameModule)
	b = appendText(b, n, "completion_date", f.CompletionDate)
	if f.Remember != nil {
		b = appendKey(b, n, "remember")
		b = strconv.AppendBool(b, *f.Remember)
	}
	b = appendText(b, n, "reminder_date", f.ReminderDate)
	b = appendText(b, n, "description", f.Description)
	b = appendText(b, n, "id_record", f.IDRecord)
	b = appendText(b, n, "location", f.Location)
	b = appendText(b, n, "start_date", f.StartDate)
	b = appendText(b, n, "wolkvox_owner", f.WolkvoxOwner)
	if p := f.Participants; p != nil {
		b = appendKey(b, n, "participants")
		b = append(b, `{"type":`...)
		b = appendString(b, p.Type)
		b = append(b, `,"value":`...)
		if p.Value == nil {
			b = append(b, "null"...)
		} else {
			b = append(b, '[')
			for i, v := range p.Value {
				if i > 0 {
					b = append(b, ',')
				}
				b = appendString(b, v)
			}
			b = append(b, ']')
		}
		b = append(b, '}')
	}
	return append(b, "}}"...)
}

// appendKey writes "name": in an object that began at len(b) == start.
func appendKey(b []byte, start int, name string) []byte {
	if len(b) > start {
		b = append(b, ',')
	}
	b = append(b, '"')
	b = append(b, name...)
	return append(b, '"', ':')
}

// appendText writes "name":"v", unless v is empty.
func appendText(b []byte, start int, name, v string) []byte {
	if v == "" {
		return b
	}
	return appendString(appendKey(b, start, name), v)
}

// sizeHint is about the length of the body (the names and punctuation, a little room
// for escapes), so that it is made in one allocation.
func sizeHint(operation, activityType string, f *mapping.Fields) int {
	n := 384 + len(operation) + len(activityType) + len(f.Status) + len(f.Name) + len(f.Priority) + len(f.NameModule) +
		len(f.CompletionDate) + len(f.ReminderDate) + len(f.Description) + len(f.IDRecord) + len(f.Location) +
		len(f.StartDate) + len(f.WolkvoxOwner)
	if f.Participants != nil {
		for _, v := range f.Participants.Value {
			n += len(v) + 3
		}
	}
	return n + n/8
}

const hex = "0123456789abcdef"

// appendString is encoding/json's string encoding without HTML escaping: quotes,
// backslashes and control characters escaped (\b \f \n \r \t by name), invalid UTF-8 as
// \ufffd, U+2028 and U+2029 escaped.
func appendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '\\', '"':
				dst = append(dst, '\\', c)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
