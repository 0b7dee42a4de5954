package mapping

import (
	"bytes"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Spec is a mapping as a form shows it: for each API field, what the mapping file says
// about it, as text. Spec.YAML writes the mapping file that says exactly that, and
// SpecOf reads one back, so that a page can edit a mapping and save the same YAML the
// command reads with --mapping. Parse stays the only judge of what a mapping means.
type Spec struct {
	Operation string
	Type      string      // "" = meet
	Fields    []FieldSpec // in API order (FieldNames); a field left out is not in the mapping
}

// FieldSpec is one field of a Spec. At most one of Column, Value and Template is set;
// with none, the field is left out.
type FieldSpec struct {
	Field                   string // the API field: name, start_date...
	Column, Value, Template string
	Default, Format, Split  string
	Values                  []Translation // values:, in the order the file gives them
}

// Translation is one line of a field's values: table.
type Translation struct{ From, To string }

// Set reports whether the field takes its text from somewhere.
func (f FieldSpec) Set() bool { return f.Column != "" || f.Value != "" || f.Template != "" }

// FieldNames are the API fields, in the order of the request (and of a Spec's Fields).
func FieldNames() []string { return append([]string(nil), fieldNames[:]...) }

// Field returns the spec of the named field, and whether the Spec has it.
func (s Spec) Field(name string) (FieldSpec, bool) {
	for _, f := range s.Fields {
		if f.Field == name {
			return f, true
		}
	}
	return FieldSpec{Field: name}, false
}

// YAML writes the mapping file of s: one line per field, in API order, in the flow form
// of the SPEC's example. Parse reads it back as s says.
func (s Spec) YAML() []byte {
	var b bytes.Buffer
	if s.Operation != "" {
		fmt.Fprintf(&b, "operation: %s\n", yamlQuote(s.Operation))
	}
	typ := s.Type
	if typ == "" {
		typ = "meet"
	}
	fmt.Fprintf(&b, "type: %s\n", yamlQuote(typ))
	b.WriteString("fields:\n")
	for _, name := range fieldNames {
		f, ok := s.Field(name)
		if !ok || !f.Set() {
			continue
		}
		var parts []string
		add := func(key, v string) {
			if v != "" {
				parts = append(parts, key+": "+yamlQuote(v))
			}
		}
		switch {
		case f.Column != "":
			add("column", f.Column)
		case f.Value != "":
			add("value", f.Value)
		default:
			parts = append(parts, "template: "+doubleQuote(f.Template))
		}
		if len(f.Values) > 0 {
			vs := make([]string, 0, len(f.Values))
			for _, t := range f.Values {
				if strings.TrimSpace(t.From) != "" && strings.TrimSpace(t.To) != "" {
					vs = append(vs, yamlQuote(t.From)+": "+yamlQuote(t.To))
				}
			}
			if len(vs) > 0 {
				parts = append(parts, "values: { "+strings.Join(vs, ", ")+" }")
			}
		}
		add("default", f.Default)
		add("format", f.Format)
		add("split", f.Split)
		fmt.Fprintf(&b, "  %s:%s { %s }\n", name, strings.Repeat(" ", 16-len(name)), strings.Join(parts, ", "))
	}
	return b.Bytes()
}

// SpecOf reads a mapping file into a Spec. It first parses it with Parse, so that a file
// the command refuses is refused here too, with the same errors.
func SpecOf(filename string, data []byte) (Spec, error) {
	if _, err := Parse(filename, data); err != nil {
		return Spec{}, err
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	var doc struct {
		Operation string    `yaml:"operation"`
		Type      string    `yaml:"type"`
		Fields    yaml.Node `yaml:"fields"`
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return Spec{}, err
	}
	s := Spec{Operation: doc.Operation, Type: doc.Type}
	fields := deref(&doc.Fields)
	for i := 0; i+1 < len(fields.Content); i += 2 {
		f := FieldSpec{Field: fields.Content[i].Value}
		val := deref(fields.Content[i+1])
		for j := 0; j+1 < len(val.Content); j += 2 {
			k, v := val.Content[j].Value, deref(val.Content[j+1])
			switch k {
			case "column":
				f.Column = v.Value
			case "value":
				f.Value = v.Value
			case "template":
				f.Template = v.Value
			case "default":
				f.Default = v.Value
			case "format":
				f.Format = v.Value
			case "split":
				f.Split = v.Value
			case "values":
				for n := 0; n+1 < len(v.Content); n += 2 {
					f.Values = append(f.Values, Translation{From: v.Content[n].Value, To: deref(v.Content[n+1]).Value})
				}
			}
		}
		s.Fields = append(s.Fields, f)
	}
	return s, nil
}
