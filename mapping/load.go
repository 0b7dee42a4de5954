package mapping

import (
	"bytes"
	"os"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/wolkvox-import/wolkvox-import/i18n"
)

// Mapping says where each API field comes from: a parsed mapping file, or Auto.
type Mapping struct {
	file      string // "" for an automatic mapping
	operation string
	typ       string
	fields    [numFields]*fieldSpec // nil: the field is not in the mapping
	key       []field               // key:, nil when the mapping has none (see KeyFields)
	keyNodes  []*yaml.Node          // key:'s items, while parsing
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

// Load reads and parses a mapping file. A file that cannot be read is a *ReadError;
// its problems are MappingErrors (see Parse).
func Load(path string) (*Mapping, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &ReadError{Path: path, Err: err}
	}
	return Parse(path, data)
}

// ReadError is a mapping file that cannot be read (not there, not allowed): Err is the
// system's error, which it unwraps to (errors.Is(err, fs.ErrNotExist)).
type ReadError struct {
	Path string
	Err  error
}

func (e *ReadError) Error() string { return e.Localize(english) }
func (e *ReadError) Unwrap() error { return e.Err }

// Localize is the message in p's language.
func (e *ReadError) Localize(p *i18n.Printer) string {
	return p.T("mapping.file.cannot_read", e.Err.Error())
}

// Parse parses a mapping file; filename is how errors name it. It reports every
// problem of the file at once, each as a *MappingError with its line, joined.
func Parse(filename string, data []byte) (*Mapping, error) {
	p := &parser{file: filename}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if !utf8.Valid(data) || bytes.IndexByte(data, 0) >= 0 {
		return nil, p.fail(nil, "mapping.file.not_utf8")
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, p.syntaxError(err, data)
	}
	if len(doc.Content) == 0 || doc.Content[0].Tag == "!!null" { // no text, or only "---"
		return nil, p.fail(nil, "mapping.file.empty")
	}
	root := deref(doc.Content[0])
	if root.Kind != yaml.MappingNode {
		return nil, p.fail(root, "mapping.file.not_keys")
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
				p.errorf(val, "mapping.type.empty")
			} else if ok {
				m.typ = t
			}
		case "fields":
			fields = key
			hasName = p.fields(m, key, val)
		case "key":
			p.parseKey(m, key, val)
		}
	})
	if fields != nil {
		p.checkKey(m)
	}
	switch {
	case fields == nil:
		p.errorf(root, "mapping.fields.none")
	case !hasName:
		p.errorf(fields, "mapping.fields.no_name")
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
	topKeys   = []string{"operation", "type", "key", "fields"}
	fieldKeys = []string{"column", "value", "template", "default", "values", "split", "format"}
)

// parser collects every problem of a mapping file.
type parser struct {
	file string
	errs []*MappingError
}

// errorf reports the catalog's message key with args at n.
func (p *parser) errorf(n *yaml.Node, key string, args ...any) {
	e := &MappingError{File: p.file, Err: errText(nil, key, args...)}
	if n != nil {
		e.Line, e.Column = n.Line, n.Column
	}
	p.errs = append(p.errs, e)
}

func (p *parser) fail(n *yaml.Node, key string) error {
	p.errorf(n, key)
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
	hint := txt("mapping.yaml.hint_quotes")
	if lines := yamlLines(data); e.Line >= 1 && e.Line <= len(lines) && bytes.ContainsRune(lines[e.Line-1], '\t') {
		hint = txt("mapping.yaml.hint_tabs")
	}
	e.Err = errText(nil, "mapping.yaml.invalid", msg, hint)
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
			p.errorf(key, "mapping.key.not_plain")
			continue
		}
		if line, dup := seen[key.Value]; dup {
			p.errorf(key, "mapping.key.twice", key.Value, line)
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
	keys := strings.Join(allowed, ", ")
	if _, isField := autoField(key.Value); isField && slices.Equal(allowed, topKeys) {
		p.errorf(key, "mapping.key.unknown_field_at_top", strconv.Quote(key.Value), keys)
	} else if i := closest(key.Value, allowed); i >= 0 {
		p.errorf(key, "mapping.key.unknown_near", strconv.Quote(key.Value), keys, allowed[i])
	} else {
		p.errorf(key, "mapping.key.unknown", strconv.Quote(key.Value), keys)
	}
}

// text reads a scalar value; null (an empty value) is "".
func (p *parser) text(key, val *yaml.Node) (string, bool) {
	if val.Kind != yaml.ScalarNode {
		p.errorf(val, "mapping.value.not_text", key.Value)
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
		p.errorf(key, "mapping.fields.not_pairs")
		return true // said already: no need to also say that name is missing
	}
	p.pairs(val, nil, func(key, val *yaml.Node) {
		id, ok := fieldByName(key.Value)
		if !ok {
			if id, ok := suggestField(key.Value); ok {
				p.errorf(key, "mapping.field.unknown_near", strconv.Quote(key.Value), apiFieldList, id.String())
				// "nombre" was meant as the name: saying that name is missing too would be noise.
				hasName = hasName || id == fName
			} else {
				p.errorf(key, "mapping.field.unknown", strconv.Quote(key.Value), apiFieldList)
			}
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
		p.errorf(val, "mapping.field.not_braces", name, example)
		return nil
	}
	nerrs := len(p.errs)
	spec := &fieldSpec{conv: converter{kind: id.kind(), name: name}}
	keys := map[string]*yaml.Node{} // key nodes, for errors about the key
	vals := map[string]*yaml.Node{} // value nodes, for errors about what it says
	texts := map[string]string{}
	p.pairs(val, fieldKeys, func(k, v *yaml.Node) {
		keys[k.Value], vals[k.Value] = k, v
		if k.Value == "values" {
			spec.values, spec.conv.words = p.values(id, k, v)
			return
		}
		if v.Kind == yaml.MappingNode && (k.Value == "template" || k.Value == "column") {
			p.errorf(v, "mapping.field.unquoted_braces", k.Value, name)
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
	var sources andList
	for _, s := range []string{"column", "value", "template"} {
		if keys[s] != nil {
			sources = append(sources, s+":")
		}
	}
	switch len(sources) {
	case 0:
		p.errorf(key, "mapping.field.no_source", name)
	case 1:
	default:
		p.errorf(key, "mapping.field.sources", name, sources)
	}
	if k := keys["split"]; k != nil {
		if id != fParticipants {
			p.errorf(k, "mapping.split.not_participants")
		} else if texts["split"] == "" {
			p.errorf(vals["split"], "mapping.split.empty")
		}
		spec.conv.split = texts["split"]
	}
	if k := keys["format"]; k != nil {
		if spec.conv.kind != kindDate {
			p.errorf(k, "mapping.format.not_date")
		} else if f, err := compileFormat(texts["format"]); err != nil {
			p.errorf(vals["format"], "mapping.format.invalid", strconv.Quote(texts["format"]), name, err)
		} else {
			spec.conv.format = f
		}
	}
	if len(p.errs) > nerrs {
		return nil // the rest would only repeat the problems above
	}
	if keys["default"] != nil {
		asIs := *spec // values: does not translate a default, so a fix must not offer it
		asIs.conv.asIs, asIs.conv.constant = true, true
		v, err := asIs.constantValue(texts["default"])
		if err != nil {
			p.errorf(vals["default"], "mapping.default.invalid", name, inFile(err))
		}
		spec.def, spec.hasDefault = v, true
	}
	switch {
	case keys["column"] != nil:
		spec.src, spec.column = srcColumn, texts["column"]
		if strings.TrimSpace(spec.column) == "" {
			p.errorf(vals["column"], "mapping.column.empty", name)
		}
	case keys["value"] != nil:
		spec.src = srcValue
		raw := strings.TrimSpace(texts["value"])
		spec.via = "value " + strconv.Quote(raw)
		spec.constant = spec.def
		if raw != "" {
			v, err := spec.constantValue(spec.translate(raw))
			if err != nil {
				p.errorf(vals["value"], "mapping.value.invalid", name, inFile(err))
			}
			spec.constant = v
		}
		if id == fName && spec.constant.text == "" {
			p.errorf(vals["value"], "mapping.value.name_empty")
		}
	case keys["template"] != nil:
		spec.src = srcTemplate
		spec.via = "template " + strconv.Quote(texts["template"])
		tmpl, err := parseTemplate(texts["template"])
		if err != nil {
			p.errorf(vals["template"], "mapping.template.invalid", name, err)
		}
		spec.tmpl = tmpl
	}
	if len(p.errs) > nerrs {
		return nil
	}
	return spec
}

// values reads a values: translation table; keys are folded as cells will be. words
// are its lines as the file writes them, in its order.
func (p *parser) values(id field, key, val *yaml.Node) (table map[string]string, words []valueWord) {
	if val.Kind != yaml.MappingNode {
		p.errorf(key, "mapping.values.not_pairs", id.String())
		return nil, nil
	}
	table = map[string]string{}
	lines := map[string]int{}
	conv := converter{kind: id.kind(), name: id.String(), constant: true}
	p.pairs(val, nil, func(k, v *yaml.Node) {
		from := fold(k.Value)
		if from == "" {
			p.errorf(k, "mapping.values.empty_key", id.String())
			return
		}
		if line, dup := lines[from]; dup {
			p.errorf(k, "mapping.values.twice", id.String(), strconv.Quote(k.Value), line)
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
			p.errorf(v, "mapping.values.not_priority", id.String(), quote(to), yamlQuote(k.Value))
			return
		}
		if conv.kind == kindBool {
			if _, err := conv.convert(to); err != nil {
				p.errorf(v, "mapping.values.invalid", id.String(), inFile(err))
				return
			}
		}
		table[from] = to
		words = append(words, valueWord{from: strings.TrimSpace(k.Value), to: to})
	})
	return table, words
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
	conv := s.conv
	conv.constant = true
	v, err := conv.convert(text)
	if err != nil && conv.format != nil {
		iso := conv
		iso.format = nil
		if v, isoErr := iso.convert(text); isoErr == nil {
			return v, nil
		}
	}
	return v, err
}
