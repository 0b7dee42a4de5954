package mapping

import (
	"bytes"
	"encoding/binary"
	"hash/fnv"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// A meeting has two identities in the ledger: its content (the exact request) and its
// key, the fields that say which meeting it is. Same key with another content is the
// same meeting changed since it was imported (a typo fixed in last week's row), which
// must not become a second meeting.

// defaultKey is the key when the mapping has no key: (those of its fields it fills).
var defaultKey = []field{fName, fStartDate, fIDRecord, fNameModule}

// KeyFields are the API fields that identify a meeting: the mapping's key:, else
// name, start_date, id_record and name_module, those the mapping fills.
func (m *Mapping) KeyFields() []string {
	ids := m.key
	if ids == nil {
		for _, id := range defaultKey {
			if m.fields[id] != nil {
				ids = append(ids, id)
			}
		}
	}
	names := make([]string, len(ids))
	for i, id := range ids {
		names[i] = id.String()
	}
	return names
}

// SourceOf names where a field's value comes from, as the sheet's author knows it: the
// column's header as the mapping spells it, else the API field's name.
func (m *Mapping) SourceOf(apiField string) string {
	id, ok := fieldByName(apiField)
	if !ok || m.fields[id] == nil || m.fields[id].src != srcColumn {
		return apiField
	}
	return m.fields[id].column
}

// FromSheet reports whether a field's value comes from the sheet (a column or a
// template), not from a constant value: only those tell one row from another.
func (m *Mapping) FromSheet(apiField string) bool {
	id, ok := fieldByName(apiField)
	return ok && m.fields[id] != nil && m.fields[id].src != srcValue
}

// KeyValues is the text of each of names' fields in f (API names, as KeyFields gives
// them), canonical: a participants list joined by a unit separator, remember as
// true/false, a field left out as "".
func (f *Fields) KeyValues(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = f.Text(n)
	}
	return out
}

func (f *Fields) text(id field) string {
	switch id {
	case fRemember:
		if f.Remember == nil {
			return ""
		}
		return strconv.FormatBool(*f.Remember)
	case fParticipants:
		if f.Participants == nil {
			return ""
		}
		return strings.Join(f.Participants.Value, "\x1f")
	}
	if t := f.textOf(id); t != nil {
		return *t
	}
	return ""
}

// parseKey reads key: a list of API fields the mapping fills, each once.
func (p *parser) parseKey(m *Mapping, key, val *yaml.Node) {
	var items []*yaml.Node
	switch {
	case val.Kind == yaml.SequenceNode:
		items = val.Content
	case val.Kind == yaml.ScalarNode && val.Tag != "!!null" && val.Value != "":
		items = []*yaml.Node{val} // key: name
	}
	if len(items) == 0 {
		p.errorf(key, "mapping.key.empty")
		return
	}
	seen := map[field]bool{}
	ids := []field{}
	for _, it := range items {
		it = deref(it)
		if it.Kind != yaml.ScalarNode {
			p.errorf(it, "mapping.key.not_field", apiFieldList)
			continue
		}
		id, ok := fieldByName(it.Value)
		switch {
		case !ok:
			if near, ok := suggestField(it.Value); ok {
				p.errorf(it, "mapping.key.unknown_field_near", strconv.Quote(it.Value), near.String())
			} else {
				p.errorf(it, "mapping.key.unknown_field", strconv.Quote(it.Value), apiFieldList)
			}
			continue
		case seen[id]:
			p.errorf(it, "mapping.key.field_twice", id.String())
			continue
		}
		seen[id] = true
		ids = append(ids, id)
		m.keyNodes = append(m.keyNodes, it)
	}
	m.key = ids
}

// checkKey, once the fields are known, refuses a key field the mapping does not fill:
// every row would have it empty, and it would tell no meeting from another.
func (p *parser) checkKey(m *Mapping) {
	for i, id := range m.key {
		if m.fields[id] == nil {
			p.errorf(m.keyNodes[i], "mapping.key.not_filled", id.String())
		}
	}
	m.keyNodes = nil
}

// DigestSize is the length of a Digest: 4 bytes for each API field, in the API's order.
const DigestSize = 4 * int(numFields)

// Digest is a 4-byte hash (FNV-1a) of each field's canonical text (see KeyValues), in the
// API's order, a field left out hashing as 0: what tells later which fields of a meeting
// changed, without keeping their text.
func (f *Fields) Digest() []byte {
	d := make([]byte, DigestSize)
	for id := range numFields {
		t := f.text(id)
		if t == "" {
			continue
		}
		h := fnv.New32a()
		h.Write([]byte(t))
		binary.BigEndian.PutUint32(d[4*int(id):], h.Sum32())
	}
	return d
}

// DigestFields names the API fields whose hashes differ between two digests; nil when
// they have not the same size (one was not kept).
func DigestFields(a, b []byte) []string {
	if len(a) != DigestSize || len(b) != DigestSize {
		return nil
	}
	var names []string
	for id := range numFields {
		i := 4 * int(id)
		if !bytes.Equal(a[i:i+4], b[i:i+4]) {
			names = append(names, id.String())
		}
	}
	return names
}

// Text is the canonical text of an API field in f (see KeyValues).
func (f *Fields) Text(apiField string) string {
	id, ok := fieldByName(apiField)
	if !ok {
		return ""
	}
	return f.text(id)
}
