package mapping

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wolkvox-import/wolkvox-import/i18n"
)

func TestLoad(t *testing.T) {
	m, err := Load("testdata/spec.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := m.Operation(), "My-CRM-operation"; got != want {
		t.Errorf("Operation() = %q, want %q", got, want)
	}
	if got, want := m.Type(), "meet"; got != want {
		t.Errorf("Type() = %q, want %q", got, want)
	}
	_, err = Load("testdata/missing.yaml")
	if err == nil || !strings.HasPrefix(err.Error(), "cannot read the mapping file: ") || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Load of a missing file: %v", err)
	}
	var re *ReadError
	if !errors.As(err, &re) || !strings.HasPrefix(re.Localize(i18n.New(i18n.ES)), "no se puede leer el archivo de mapeo: ") {
		t.Errorf("Load of a missing file, in Spanish: %v", err)
	}
}

func TestParseTopLevel(t *testing.T) {
	for _, tc := range []struct {
		name, yaml, operation, typ string
	}{
		{"minimal", "fields:\n  name: { column: A }\n", "", "meet"},
		{"type", "type: call\nfields:\n  name: { column: A }\n", "", "call"},
		{"operation", "operation: Ventas\nfields:\n  name: { column: A }\n", "Ventas", "meet"},
		{"empty operation", "operation:\nfields:\n  name: { column: A }\n", "", "meet"},
		{"BOM and CRLF", "\uFEFFoperation: Ventas\r\nfields:\r\n  name: { column: A }\r\n", "Ventas", "meet"},
		{"anchors", "fields:\n  name: &n { column: A }\n  description: *n\n", "", "meet"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, err := Parse("m.yaml", []byte(tc.yaml))
			if err != nil {
				t.Fatal(err)
			}
			if got, want := m.Operation(), tc.operation; got != want {
				t.Errorf("Operation() = %q, want %q", got, want)
			}
			if got, want := m.Type(), tc.typ; got != want {
				t.Errorf("Type() = %q, want %q", got, want)
			}
		})
	}
}

// Every problem of a file is reported at once, in line order, with its position.
func TestParseErrorsAllAtOnce(t *testing.T) {
	data, err := os.ReadFile("testdata/errors.yaml")
	if err != nil {
		t.Fatal(err)
	}
	_, err = Parse("errors.yaml", data)
	if err == nil {
		t.Fatal("no error")
	}
	want := []string{
		`errors.yaml:1:12: operation must be a text, not a list or a set of keys`,
		`errors.yaml:2:1: unknown key "tipo"; the keys here are: operation, type, key, fields; did you mean type?`,
		`errors.yaml:4:9: name needs its keys in braces, e.g. name: { column: Asunto }`,
		`errors.yaml:5:3: unknown field "prioridad"; API fields are: ` + apiFieldList + `; did you mean priority?`,
		`errors.yaml:6:3: status has column: and value:; keep only one`,
		`errors.yaml:7:3: description needs one of column:, value: or template:`,
		`errors.yaml:8:41: format "dd/mm/yyyy" of start_date: mm means minutes and must come after the hour (HH); write the month as MM, in capitals; ` + tokensHelp,
		`errors.yaml:9:30: split: is only for participants`,
		`errors.yaml:10:3: participants needs one of column:, value: or template:`,
		`errors.yaml:10:19: unknown key "colum"; the keys here are: column, value, template, default, values, split, format; did you mean column?`,
		`errors.yaml:11:50: values of priority: "alta" is not a priority; after the colon write high, normal or low, e.g. Alta: high`,
		`errors.yaml:11:56: values of priority: "ALTA" is the same key as the one at line 11 (case and accents do not matter); keep one`,
		`errors.yaml:12:42: default of remember: "tal vez" is not a yes or a no; ` + boolHelp,
		`errors.yaml:13:26: template of id_record: put it in quotes, e.g. template: "{Notas} ({Cliente})"; without quotes YAML reads { } as keys`,
		`errors.yaml:14:32: format: is only for the dates start_date, completion_date and reminder_date`,
		`errors.yaml:15:3: status is given twice (also at line 6); keep one`,
	}
	got := strings.Split(err.Error(), "\n")
	for i := range max(len(got), len(want)) {
		var g, w string
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if g != w {
			t.Errorf("error %d\n got %s\nwant %s", i, g, w)
		}
	}
	var me *MappingError
	if !errors.As(err, &me) || me.File != "errors.yaml" || me.Line != 1 {
		t.Errorf("errors.As(*MappingError) = %+v", me)
	}
}

// yamlHint is how a YAML syntax error says to fix it, with an example that the
// file accepts.
const yamlHint = `check the indentation, and put in quotes any text with : { } [ ] , ? # or a leading - or *, e.g. { column: "¿Recordar?" }`

func TestYAMLHintExample(t *testing.T) {
	_, example, _ := strings.Cut(yamlHint, "e.g. ")
	m, err := Parse("m.yaml", []byte("fields:\n  name: "+example+"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.Bind([]string{"¿Recordar?"}); err != nil {
		t.Error(err)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		name, yaml, want string
	}{
		{"empty", "", "m.yaml: the file is empty; it needs at least fields: with name: { column: <the header of the meeting's name> }"},
		{"comment only", "# nothing\n", "m.yaml: the file is empty; it needs at least fields: with name: { column: <the header of the meeting's name> }"},
		{"only a document start", "---\n", "m.yaml: the file is empty; it needs at least fields: with name: { column: <the header of the meeting's name> }"},
		{"not keys", "- a\n- b\n", "m.yaml:1:1: the file must hold keys such as operation:, type: and fields:, one per line"},
		{"no fields", "operation: x\n", "m.yaml:1:1: the file has no fields:; add fields: with name: { column: <the header of the meeting's name> }"},
		{"no name", "fields:\n  status: { value: created }\n", "m.yaml:1:1: fields has no name; every meeting needs one: add name: { column: <the header of the meeting's name> }"},
		{"fields not keys", "fields: [a]\n", "m.yaml:1:1: fields must hold one API field per line, indented, e.g. name: { column: Asunto }"},
		// Nothing under fields: the name is missing, the first thing to fix.
		{"empty fields", "operation: x\nfields:\n", "m.yaml:2:1: fields has no name; every meeting needs one: add name: { column: <the header of the meeting's name> }"},
		{"fields with only comments", "fields:\n  # name: { column: Asunto }\n", "m.yaml:1:1: fields has no name; every meeting needs one: add name: { column: <the header of the meeting's name> }"},
		{"empty fields in braces", "fields: {}\n", "m.yaml:1:1: fields has no name; every meeting needs one: add name: { column: <the header of the meeting's name> }"},
		{"fields not indented", "fields:\nname: { column: A }\n",
			"m.yaml:1:1: fields has no name; every meeting needs one: add name: { column: <the header of the meeting's name> }\n" +
				`m.yaml:2:1: unknown key "name"; the keys here are: operation, type, key, fields; API fields go under fields:, indented`},
		{"empty type", "type: ''\nfields:\n  name: { column: A }\n", "m.yaml:1:7: type is empty; write type: meet, or leave the line out"},
		{"field at top level", "start_date: { column: Inicio }\nfields:\n  name: { column: A }\n",
			`m.yaml:1:1: unknown key "start_date"; the keys here are: operation, type, key, fields; API fields go under fields:, indented`},
		{"Spanish field at top level", "Asunto: { column: A }\nfields:\n  name: { column: A }\n",
			`m.yaml:1:1: unknown key "Asunto"; the keys here are: operation, type, key, fields; API fields go under fields:, indented`},
		{"typo in a field", "fields:\n  name: { column: A }\n  start_dat: { column: B }\n",
			`m.yaml:3:3: unknown field "start_dat"; API fields are: ` + apiFieldList + `; did you mean start_date?`},
		{"unknown field", "fields:\n  name: { column: A }\n  cliente: { column: B }\n",
			`m.yaml:3:3: unknown field "cliente"; API fields are: ` + apiFieldList},
		{"empty column", "fields:\n  name: { column: '' }\n", "m.yaml:2:19: column of name is empty; write the header of the sheet's column"},
		{"empty name value", "fields:\n  name: { value: '  ' }\n", "m.yaml:2:18: value of name is empty; every meeting needs a name"},
		{"unquoted column braces", "fields:\n  name: { column: {Asunto} }\n",
			`m.yaml:2:19: column of name: put it in quotes, e.g. column: "{Notas} ({Cliente})"; without quotes YAML reads { } as keys`},
		{"bad template", "fields:\n  name: { template: '{Asunto' }\n",
			`m.yaml:2:21: template of name: the { at "{Asunto" is not closed; write {Header} for a column, or {{ for a literal brace`},
		{"bad value", "fields:\n  name: { value: x }\n  priority: { value: urgente }\n",
			`m.yaml:3:22: value of priority: "urgente" is not a priority; write high, normal or low`},
		{"bad value with values:", "fields:\n  name: { value: x }\n  priority: { value: urgente, values: { Alta: high } }\n",
			`m.yaml:3:22: value of priority: "urgente" is not a priority; write high, normal or low`},
		// values: does not translate a default: a fix must not offer it.
		{"bad default priority", "fields:\n  name: { value: x }\n  priority: { column: P, values: { Alta: high }, default: Alta }\n",
			`m.yaml:3:59: default of priority: "Alta" is not a priority; write high, normal or low; a default: is sent as written, values: does not translate it`},
		{"bad values target for priority", "fields:\n  name: { value: x }\n  priority: { column: P, values: { Muy alta: alta } }\n",
			`m.yaml:3:46: values of priority: "alta" is not a priority; after the colon write high, normal or low, e.g. Muy alta: high`},
		{"bad default date", "fields:\n  name: { value: x }\n  start_date: { column: A, default: 03/04/2024 }\n",
			`m.yaml:3:37: default of start_date: "03/04/2024" can be read as day/month/year or as month/day/year; type it as year-month-day: 2024-04-03 or 2024-03-04; add format: "DD/MM/YYYY" or "MM/DD/YYYY" to start_date`},
		{"values not pairs", "fields:\n  name: { column: A, values: [a] }\n", "m.yaml:2:22: values of name must be pairs like { Alta: high, Baja: low }"},
		{"empty values key", "fields:\n  name: { column: A, values: { '': x } }\n",
			"m.yaml:2:32: values of name: an empty key never matches, because empty cells take default:; use default: instead"},
		{"bad values target for remember", "fields:\n  name: { column: A }\n  remember: { column: B, values: { Pendiente: quizá } }\n",
			`m.yaml:3:47: values of remember: "quizá" is not a yes or a no; ` + boolHelp},
		{"empty split", "fields:\n  name: { column: A }\n  participants: { column: B, split: '' }\n",
			`m.yaml:3:37: split: is empty; write the characters that separate participants, e.g. split: ";,"`},
		{"syntax", "fields:\n  name: { column: A\n", "m.yaml:2: not valid YAML: did not find expected ',' or '}'; " + yamlHint},
		{"? in a header", "fields:\n  name: { column: A }\n  remember: { column: ¿Recordar? }\n",
			"m.yaml:3: not valid YAML: did not find expected ',' or '}'; " + yamlHint},
		{"unclosed list", "fields:\n  name: { column: A }\n  participants: { column: [a, b }\n  status: { value: x }\n",
			"m.yaml:3: not valid YAML: did not find expected ',' or ']'; " + yamlHint},
		{"list among keys", "fields:\n  name: { column: A }\n- status\n",
			"m.yaml:3: not valid YAML: did not find expected key; " + yamlHint},
		{"missing colon", "fields:\n  name: { column: A }\n  status\n  x: 1\n",
			"m.yaml:3: not valid YAML: could not find expected ':'; " + yamlHint},
		{"unclosed at the end", "fields:\n  name: { column: A }\n  participants: [\n\n",
			"m.yaml:3: not valid YAML: did not find expected node content; " + yamlHint},
		{"tabs", "fields:\n\tname: { column: A }\n", "m.yaml:2: not valid YAML: found character that cannot start any token; indent with spaces, not tabs"},
		{"not text", "\x00\x01", "m.yaml: the file is not UTF-8 text; a mapping is a YAML text file: save it as UTF-8 (in Notepad: Save as, Encoding: UTF-8)"},
		{"Windows-1252", "fields:\n  name: { column: Descripci\xf3n }\n", "m.yaml: the file is not UTF-8 text; a mapping is a YAML text file: save it as UTF-8 (in Notepad: Save as, Encoding: UTF-8)"},
		{"non-text key", "fields:\n  [a]: { column: A }\n  name: { column: A }\n", "m.yaml:2:3: a key must be a plain name"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("m.yaml", []byte(tc.yaml))
			if got, want := errString(err), tc.want; got != want {
				t.Errorf("error\n got %s\nwant %s", got, want)
			}
		})
	}
}

// A mapping file written with every feature parses, and Load reports the name
// it was given.
func TestLoadNamesTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mapa.yaml")
	if err := os.WriteFile(path, []byte("fields:\n  nombre: { column: A }\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Load(path)
	if got, want := errString(err), path+`:2:3: unknown field "nombre"; API fields are: `+apiFieldList+"; did you mean name?"; got != want {
		t.Errorf("error\n got %s\nwant %s", got, want)
	}
}

func TestYAMLLines(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
	}{
		{"", 1}, {"a", 1}, {"a\n", 2}, {"a\r\nb", 2}, {"a\rb\rc", 3}, {"a\u2028b\u0085c", 3}, {"a\r\n\r\n", 3},
	} {
		if got := len(yamlLines([]byte(tc.in))); got != tc.want {
			t.Errorf("yamlLines(%q) has %d lines, want %d", tc.in, got, tc.want)
		}
	}
}

// Old Mac files end lines with \r alone; YAML counts those lines, and so do errors.
func TestParseErrorLinesWithCR(t *testing.T) {
	_, err := Parse("m.yaml", []byte("fields:\r  name: { column: A }\r  status: { value: [a, }\r"))
	if got, want := errString(err), "m.yaml:3: not valid YAML: did not find expected node content; "+yamlHint; got != want {
		t.Errorf("error\n got %s\nwant %s", got, want)
	}
}
