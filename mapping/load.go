package mapping

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Mapping says where each API field comes from: a parsed mapping file, or Auto.
type Mapping struct {
	file      string // "" for an automatic mapping
	operation string
	typ       string
	fields    [numFields]*fieldSpec // nil: the field is not in the mapping
}

// source is where a field's text comes from.
type source uint8

const (
	srcColumn source = iota + 1
	srcValue
	srcTemplate
)

// fieldSpec is one field of a mapping, resolved as far as it can be without the
// sheet's headers.
type fieldSpec struct {
	src        source
	column     string     // srcColumn: the header as the mapping spells it
	tmpl       []tmplPart // srcTemplate
	via        string     // srcValue, srcTemplate: how errors name the source
	constant   value      // srcValue: the final API value
	def        value      // the final API value of default:, zero when none
	hasDefault bool       // the field has a default: (an empty remember is then not "no")
	values     map[string]string
	conv       converter
	line       int // the position of column: or template:'s text, for Bind's errors
	col        int
}

// Operation is the mapping's operation, "" when it has none.
func (m *Mapping) Operation() string { return m.operation }

// Type is the activity type, "meet" unless the mapping says otherwise.
func (m *Mapping) Type() string { return m.typ }

// Load reads and parses a mapping file.
func Load(path string) (*Mapping, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read the mapping file: %w", err)
	}
	return Parse(path, data)
}

// Parse parses a mapping file; filename is how errors name it. It reports every
// problem of the file at once, each as a *MappingError with its line, joined.
func Parse(filename string, data []byte) (*Mapping, error) {
	p := &parser{file: filename}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if !utf8.Valid(data) || bytes.IndexByte(data, 0) >= 0 {
		return nil, p.fail(nil, "the file is not UTF-8 text; a mapping is a YAML text file: save it as UTF-8 (in Notepad: Save as, Encoding: UTF-8)")
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, p.syntaxError(err, data)
	}
	if len(doc.Content) == 0 || doc.Content[0].Tag == "!!null" { // no text, or only "---"
		return nil, p.fail(nil, "the file is empty; it needs at least fields: with name: { column: <the header of the meeting's name> }")
	}
	root := deref(doc.Content[0])
	if root.Kind != yaml.MappingNode {
		return nil, p.fail(root, "the file must hold keys such as operation:, type: and fields:, one per line")
	}
	m := &Mapping{file: filename, typ: "meet"}
	var fields *yaml.Node
	hasName := false
	p.pairs(root, topKeys, func(key, val *yaml.Node) {
		switch key.Value {
		case "operation":
			m.operation, _ = p.text(key, val)
		case "type":
			if t, ok := p.text(key, val); ok && t == "" {
				p.errorf(val, "type is empty; write type: meet, or leave the line out")
			} else if ok {
				m.typ = t
			}
		case "fields":
			fields = key
			hasName = p.fields(m, key, val)
		}
	})
	switch {
	case fields == nil:
		p.errorf(root, "the file has no fields:; add fields: with name: { column: <the header of the meeting's name> }")
	case !hasName:
		p.errorf(fields, "fields has no name; every meeting needs one: add name: { column: <the header of the meeting's name> }")
	}
	if len(p.errs) > 0 {
		return nil, joinMappingErrors(p.errs)
	}
	m.addDefaults()
	return m, nil
}

// addDefaults gives status and priority the values the API expects when the
// mapping says nothing about them.
func (m *Mapping) addDefaults() {
	for _, d := range []struct {
		id field
		v  string
	}{{fStatus, "created"}, {fPriority, "normal"}} {
		if m.fields[d.id] == nil {
			m.fields[d.id] = &fieldSpec{src: srcValue, constant: value{text: d.v}, via: "default " + strconv.Quote(d.v)}
		}
	}
}

var (
	topKeys   = []string{"operation", "type", "fields"}
	fieldKeys = []string{"column", "value", "template", "default", "values", "split", "format"}
)

// parser collects every problem of a mapping file.
type parser struct {
	file string
	errs []*MappingError
}

func (p *parser) errorf(n *yaml.Node, format string, args ...any) {
	e := &MappingError{File: p.file, Err: fmt.Errorf(format, args...)}
	if n != nil {
		e.Line, e.Column = n.Line, n.Column
	}
	p.errs = append(p.errs, e)
}

func (p *parser) fail(n *yaml.Node, msg string) error {
	p.errorf(n, "%s", msg)
	return p.errs[0]
}

// syntaxError turns the YAML library's message into one that points at the line.
func (p *parser) syntaxError(err error, data []byte) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	e := &MappingError{File: p.file}
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if n, after, ok := strings.Cut(rest, ": "); ok {
			if line, err := strconv.Atoi(n); err == nil {
				e.Line, msg = line, after
				if isParserProblem(msg) {
					e.Line++ // the YAML parser counts these lines from 0, its scanner from 1
				}
				// At the end of the file, point at its last line, where something is unclosed.
				e.Line = min(e.Line, len(yamlLines(bytes.TrimRight(data, " \t\r\n"))))
			}
		}
	}
	hint := `check the indentation, and put in quotes any text with : { } [ ] , ? # or a leading - or *, e.g. { column: "¿Recordar?" }`
	if lines := yamlLines(data); e.Line >= 1 && e.Line <= len(lines) && bytes.ContainsRune(lines[e.Line-1], '\t') {
		hint = "indent with spaces, not tabs"
	}
	e.Err = fmt.Errorf("not valid YAML: %s; %s", msg, hint)
	return e
}

// yamlLines splits data into lines as YAML counts them: at \r\n, \r, \n and the
// Unicode line breaks NEL, LS and PS.
func yamlLines(data []byte) [][]byte {
	var lines [][]byte
	start := 0
	for i := 0; i < len(data); {
		n := breakLen(data[i:])
		if n == 0 {
			i++
			continue
		}
		lines = append(lines, data[start:i])
		i += n
		start = i
	}
	return append(lines, data[start:])
}

// breakLen is the length of the line break at the start of b, 0 when none.
func breakLen(b []byte) int {
	switch {
	case bytes.HasPrefix(b, []byte("\r\n")):
		return 2
	case b[0] == '\r' || b[0] == '\n':
		return 1
	}
	for _, br := range []string{"\u0085", "\u2028", "\u2029"} {
		if bytes.HasPrefix(b, []byte(br)) {
			return len(br)
		}
	}
	return 0
}

// parserProblems start the messages of the YAML library's parser (as opposed to
// its scanner).
var parserProblems = []string{
	"did not find expected ',' or", "did not find expected '-' indicator", "did not find expected <",
	"did not find expected key", "did not find expected node content",
	"found duplicate %", "found incompatible YAML", "found undefined tag handle",
}

func isParserProblem(msg string) bool {
	for _, p := range parserProblems {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}

// deref follows YAML aliases (*name) to the node they stand for.
func deref(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

// pairs calls fn for every key of the mapping node n that is one of allowed (nil:
// any), reporting unknown and repeated keys.
func (p *parser) pairs(n *yaml.Node, allowed []string, fn func(key, val *yaml.Node)) {
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := deref(n.Content[i]), deref(n.Content[i+1])
		if key.Kind != yaml.ScalarNode {
			p.errorf(key, "a key must be a plain name")
			continue
		}
		if line, dup := seen[key.Value]; dup {
			p.errorf(key, "%s is given twice (also at line %d); keep one", key.Value, line)
			continue
		}
		seen[key.Value] = key.Line
		if allowed != nil && !slices.Contains(allowed, key.Value) {
			p.unknownKey(key, allowed)
			continue
		}
		fn(key, val)
	}
}

func (p *parser) unknownKey(key *yaml.Node, allowed []string) {
	msg := fmt.Sprintf("unknown key %q; the keys here are: %s", key.Value, strings.Join(allowed, ", "))
	if _, isField := autoField(key.Value); isField && slices.Equal(allowed, topKeys) {
		msg += "; API fields go under fields:, indented"
	} else if i := closest(key.Value, allowed); i >= 0 {
		msg += fmt.Sprintf("; did you mean %s?", allowed[i])
	}
	p.errorf(key, "%s", msg)
}

// text reads a scalar value; null (an empty value) is "".
func (p *parser) text(key, val *yaml.Node) (string, bool) {
	if val.Kind != yaml.ScalarNode {
		p.errorf(val, "%s must be a text, not a list or a set of keys", key.Value)
		return "", false
	}
	if val.Tag == "!!null" {
		return "", true
	}
	return val.Value, true
}

// fields parses the fields: section and says whether it has a name.
func (p *parser) fields(m *Mapping, key, val *yaml.Node) (hasName bool) {
	if val.Kind == yaml.ScalarNode && (val.Tag == "!!null" || val.Value == "") {
		return false // nothing under fields:, so no name, the first thing to add
	}
	if val.Kind != yaml.MappingNode {
		p.errorf(key, "fields must hold one API field per line, indented, e.g. name: { column: Asunto }")
		return true // said already: no need to also say that name is missing
	}
	p.pairs(val, nil, func(key, val *yaml.Node) {
		id, ok := fieldByName(key.Value)
		if !ok {
			msg := fmt.Sprintf("unknown field %q; API fields are: %s", key.Value, apiFieldList)
			if id, ok := suggestField(key.Value); ok {
				msg += fmt.Sprintf("; did you mean %s?", id)
				// "nombre" was meant as the name: saying that name is missing too would be noise.
				hasName = hasName || id == fName
			}
			p.errorf(key, "%s", msg)
			return
		}
		hasName = hasName || id == fName
		if spec := p.field(id, key, val); spec != nil {
			m.fields[id] = spec
		}
	})
	return hasName
}

// suggestField guesses the API field meant by an unknown one: a Spanish header
// name, or a typo.
func suggestField(name string) (field, bool) {
	if id, ok := autoField(name); ok {
		return id, true
	}
	if i := closest(name, fieldNames[:]); i >= 0 {
		return field(i), true
	}
	return 0, false
}

// field parses one API field's keys, or returns nil after reporting its problems.
func (p *parser) field(id field, key, val *yaml.Node) *fieldSpec {
	name := id.String()
	if val.Kind != yaml.MappingNode {
		example := "Asunto"
		if val.Kind == yaml.ScalarNode && val.Value != "" {
			example = val.Value
		}
		p.errorf(val, "%s needs its keys in braces, e.g. %s: { column: %s }", name, name, example)
		return nil
	}
	nerrs := len(p.errs)
	spec := &fieldSpec{conv: converter{kind: id.kind(), where: name + " in the mapping"}}
	keys := map[string]*yaml.Node{} // key nodes, for errors about the key
	vals := map[string]*yaml.Node{} // value nodes, for errors about what it says
	texts := map[string]string{}
	p.pairs(val, fieldKeys, func(k, v *yaml.Node) {
		keys[k.Value], vals[k.Value] = k, v
		if k.Value == "values" {
			spec.values = p.values(id, k, v)
			return
		}
		if v.Kind == yaml.MappingNode && (k.Value == "template" || k.Value == "column") {
			p.errorf(v, "%s of %s: put it in quotes, e.g. %s: \"{Notas} ({Cliente})\"; without quotes YAML reads { } as keys", k.Value, name, k.Value)
			return
		}
		if t, ok := p.text(k, v); ok {
			texts[k.Value] = t
			if k.Value == "column" || k.Value == "template" {
				spec.line, spec.col = v.Line, v.Column
			}
		}
	})
	spec.conv.values = keys["values"] != nil
	var sources []string
	for _, s := range []string{"column", "value", "template"} {
		if keys[s] != nil {
			sources = append(sources, s+":")
		}
	}
	switch len(sources) {
	case 0:
		p.errorf(key, "%s needs one of column:, value: or template:", name)
	case 1:
	default:
		p.errorf(key, "%s has %s; keep only one", name, strings.Join(sources, " and "))
	}
	if k := keys["split"]; k != nil {
		if id != fParticipants {
			p.errorf(k, "split: is only for participants")
		} else if texts["split"] == "" {
			p.errorf(vals["split"], "split: is empty; write the characters that separate participants, e.g. split: \";,\"")
		}
		spec.conv.split = texts["split"]
	}
	if k := keys["format"]; k != nil {
		if spec.conv.kind != kindDate {
			p.errorf(k, "format: is only for the dates start_date, completion_date and reminder_date")
		} else if f, err := compileFormat(texts["format"]); err != nil {
			p.errorf(vals["format"], "format %q of %s: %v", texts["format"], name, err)
		} else {
			spec.conv.format = f
		}
	}
	if len(p.errs) > nerrs {
		return nil // the rest would only repeat the problems above
	}
	if keys["default"] != nil {
		asIs := *spec // values: does not translate a default, so a fix must not offer it
		asIs.conv.asIs = true
		v, err := asIs.constantValue(texts["default"])
		if err != nil {
			p.errorf(vals["default"], "default of %s: %v", name, err)
		}
		spec.def, spec.hasDefault = v, true
	}
	switch {
	case keys["column"] != nil:
		spec.src, spec.column = srcColumn, texts["column"]
		if strings.TrimSpace(spec.column) == "" {
			p.errorf(vals["column"], "column of %s is empty; write the header of the sheet's column", name)
		}
	case keys["value"] != nil:
		spec.src = srcValue
		raw := strings.TrimSpace(texts["value"])
		spec.via = "value " + strconv.Quote(raw)
		spec.constant = spec.def
		if raw != "" {
			v, err := spec.constantValue(spec.translate(raw))
			if err != nil {
				p.errorf(vals["value"], "value of %s: %v", name, err)
			}
			spec.constant = v
		}
		if id == fName && spec.constant.text == "" {
			p.errorf(vals["value"], "value of name is empty; every meeting needs a name")
		}
	case keys["template"] != nil:
		spec.src = srcTemplate
		spec.via = "template " + strconv.Quote(texts["template"])
		tmpl, err := parseTemplate(texts["template"])
		if err != nil {
			p.errorf(vals["template"], "template of %s: %v", name, err)
		}
		spec.tmpl = tmpl
	}
	if len(p.errs) > nerrs {
		return nil
	}
	return spec
}

// values reads a values: translation table; keys are folded as cells will be.
func (p *parser) values(id field, key, val *yaml.Node) map[string]string {
	if val.Kind != yaml.MappingNode {
		p.errorf(key, "values of %s must be pairs like { Alta: high, Baja: low }", id)
		return nil
	}
	table := map[string]string{}
	lines := map[string]int{}
	conv := converter{kind: id.kind(), where: id.String() + " in the mapping"}
	p.pairs(val, nil, func(k, v *yaml.Node) {
		from := fold(k.Value)
		if from == "" {
			p.errorf(k, "values of %s: an empty key never matches, because empty cells take default:; use default: instead", id)
			return
		}
		if line, dup := lines[from]; dup {
			p.errorf(k, "values of %s: %q is the same key as the one at line %d (case and accents do not matter); keep one", id, k.Value, line)
			return
		}
		lines[from] = k.Line
		to, ok := p.text(k, v)
		if !ok {
			return
		}
		to = strings.TrimSpace(to)
		// Translations into priority or remember must be values the API takes; dates
		// and lists are read with the field's format and split, as cells are.
		if _, ok := priorityWord(to); conv.kind == kindPriority && to != "" && !ok {
			p.errorf(v, "values of %s: %q is not a priority; after the colon write high, normal or low, e.g. %s: high",
				id, to, yamlQuote(k.Value))
			return
		}
		if conv.kind == kindBool {
			if _, err := conv.convert(to); err != nil {
				p.errorf(v, "values of %s: %v", id, err)
				return
			}
		}
		table[from] = to
	})
	return table
}

// translate applies values: to a trimmed, non-empty text; unknown texts pass.
func (s *fieldSpec) translate(text string) string {
	if s.values != nil {
		if to, ok := s.values[fold(text)]; ok {
			return to
		}
	}
	return text
}

// constantValue converts a text written in the mapping. A date there may follow
// the field's format or be ISO-like.
func (s *fieldSpec) constantValue(text string) (value, error) {
	text = strings.TrimSpace(text)
	v, err := s.conv.convert(text)
	if err != nil && s.conv.format != nil {
		iso := s.conv
		iso.format = nil
		if v, isoErr := iso.convert(text); isoErr == nil {
			return v, nil
		}
	}
	return v, err
}
