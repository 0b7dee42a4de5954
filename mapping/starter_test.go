package mapping

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/wolkvox-import/wolkvox-import/i18n"

	"go.yaml.in/yaml/v3"
)

// The headers of samples/meetings.csv.
var samplesHeaders = []string{"Asunto", "Prioridad", "Fecha inicio", "Fecha fin", "Recordar", "Recordatorio",
	"Notas", "Cliente", "Caso", "Lugar", "Responsable", "Participantes"}

func TestStarterText(t *testing.T) {
	for _, tc := range []struct {
		name      string
		headers   []string
		source    string
		want      string
		unmatched []string
	}{
		{"Spanish sample sheet", samplesHeaders, "samples/meetings.csv", `# Starter mapping for samples/meetings.csv, written by wolkvox-import mapping init.
# It says which column of the sheet fills each field of a Wolkvox meeting.
# Lines starting with # are notes that the tool skips. To use a line that is
# switched off with #, delete the # and the one space after it.
# Save it (e.g. as mapping.yaml), then try it without sending anything:
#   wolkvox-import import --dry-run --mapping mapping.yaml samples/meetings.csv

operation: CHANGE-ME  # your Wolkvox operation
type: meet  # a meeting; leave it as it is

# The fields that tell one meeting from another (these by default): a row uploaded
# again with the same ones and another value is reported changed, not created twice.
# key: [name, start_date, id_record]

fields:

  # The meeting's state in Wolkvox.
  # Without these lines every meeting is sent as created.
  # status:
  #   value: created

  # The meeting's title. Every meeting needs one.
  name:
    column: Asunto

  # How important the meeting is: high, normal or low.
  priority:
    column: Prioridad
    values: { Alta: high, Media: normal, Baja: low }  # the sheet's word: Wolkvox's word
    default: normal  # for empty cells

  # When the meeting ends.
  # Date cells are read as they are; dates typed as text, such as 26/07/2024 09:30,
  # need the format: line: delete its # and check the order of day and month.
  completion_date:
    column: Fecha fin
    # format: "DD/MM/YYYY HH:mm"  # DD day, MM month, YYYY year, HH hour, mm minutes

  # Whether Wolkvox reminds the owner: sí or no (also yes/no, x or empty).
  # A sí needs a reminder date (reminder_date).
  remember:
    column: Recordar

  # When the reminder goes off.
  # Date cells are read as they are; dates typed as text, such as 26/07/2024 09:30,
  # need the format: line: delete its # and check the order of day and month.
  reminder_date:
    column: Recordatorio
    # format: "DD/MM/YYYY HH:mm"  # DD day, MM month, YYYY year, HH hour, mm minutes

  # Notes about the meeting.
  description:
    column: Notas

  # The id of the record (in name_module) the meeting belongs to.
  id_record:
    column: Caso

  # Where the meeting is: a place or a video-call link.
  location:
    column: Lugar

  # When the meeting starts.
  # Date cells are read as they are; dates typed as text, such as 26/07/2024 09:30,
  # need the format: line: delete its # and check the order of day and month.
  start_date:
    column: Fecha inicio
    # format: "DD/MM/YYYY HH:mm"  # DD day, MM month, YYYY year, HH hour, mm minutes

  # The Wolkvox user who owns the meeting, e.g. ADMIN_@ventas.
  wolkvox_owner:
    column: Responsable

  # Who takes part.
  participants:
    column: Participantes
    split: ";,"  # a ; or a , separates two participants

  # No column matched this field. To send it, delete its #:
  # name_module: { value: cases }  # the module of the record, the same for every meeting

# Columns of the sheet that no field uses (their headers name no Wolkvox field):
#   "Cliente"
# To send one, put it in a field above, e.g. in description:
#     template: "{Notas} (Cliente: {Cliente})"
# (template: replaces column:; {Header} stands for that column's cell).
`, []string{"Cliente"}},

		{"Spanish sheet without a title column, with a repeated header and odd ones",
			[]string{"Título", " Fecha Inicio ", "Recordar", "Caso", "Caso", "Teléfono #1", ""}, "Reuniones julio.xlsx",
			`# Starter mapping for Reuniones julio.xlsx, written by wolkvox-import mapping init.
# It says which column of the sheet fills each field of a Wolkvox meeting.
# Lines starting with # are notes that the tool skips. To use a line that is
# switched off with #, delete the # and the one space after it.
# Save it (e.g. as mapping.yaml), then try it without sending anything:
#   wolkvox-import import --dry-run --mapping mapping.yaml "Reuniones julio.xlsx"

operation: CHANGE-ME  # your Wolkvox operation
type: meet  # a meeting; leave it as it is

# The fields that tell one meeting from another (these by default): a row uploaded
# again with the same ones and another value is reported changed, not created twice.
# key: [start_date, id_record]

fields:

  # The meeting's state in Wolkvox.
  # Without these lines every meeting is sent as created.
  # status:
  #   value: created

  # The meeting's title. Every meeting needs one.
  # No column was recognised as the title (Asunto, Nombre or name): write its header
  # instead of CHANGE-ME, then delete the # of both lines.
  # name:
  #   column: CHANGE-ME

  # How important the meeting is: high, normal or low.
  # No column was recognised (Prioridad or priority), so every meeting is sent as
  # normal. To take it from a column, write its header instead of CHANGE-ME and
  # delete the # of these lines.
  # priority:
  #   column: CHANGE-ME
  #   values: { Alta: high, Media: normal, Baja: low }  # the sheet's word: Wolkvox's word
  #   default: normal  # for empty cells

  # Whether Wolkvox reminds the owner: sí or no (also yes/no, x or empty).
  # A sí needs a reminder date, and no column was recognised for it
  # (Recordatorio or reminder_date): fill in reminder_date below.
  remember:
    column: Recordar

  # The id of the record (in name_module) the meeting belongs to.
  # The sheet has 2 columns named Caso (column D, column E): rename all but one in the
  # sheet, then delete the # of both lines.
  # id_record:
  #   column: Caso

  # When the meeting starts.
  # Date cells are read as they are; dates typed as text, such as 26/07/2024 09:30,
  # need the format: line: delete its # and check the order of day and month.
  start_date:
    column: " Fecha Inicio "
    # format: "DD/MM/YYYY HH:mm"  # DD day, MM month, YYYY year, HH hour, mm minutes

  # No column matched these fields. To fill one, delete its # and write the
  # header of its column instead of CHANGE-ME:
  # name_module:     { value: cases }                    # the module of the record, the same for every meeting
  # completion_date: { column: CHANGE-ME }               # when the meeting ends
  # reminder_date:   { column: CHANGE-ME }               # when the reminder goes off
  # description:     { column: CHANGE-ME }               # notes about the meeting
  # location:        { column: CHANGE-ME }               # a place or a video-call link
  # wolkvox_owner:   { column: CHANGE-ME }               # the Wolkvox user who owns the meeting
  # participants:    { column: CHANGE-ME, split: ";," }  # who takes part, separated by ; or ,

# Columns of the sheet that no field uses (their headers name no Wolkvox field):
#   "Título", "Teléfono #1"
# To send one, put it in a field above, e.g. in description:
#     template: "Título: {Título}"
# (template: replaces column:; {Header} stands for that column's cell).
`, []string{"Título", "Teléfono #1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, unmatched := Starter(tc.headers, tc.source)
			if string(got) != tc.want {
				t.Errorf("Starter text differs:\n%s", lineDiff(string(got), tc.want))
			}
			if !slices.Equal(unmatched, tc.unmatched) {
				t.Errorf("unmatched = %q, want %q", unmatched, tc.unmatched)
			}
			again, _ := Starter(tc.headers, tc.source)
			if string(again) != string(got) {
				t.Errorf("a second call wrote another text")
			}
		})
	}
}

// lineDiff shows the first lines where got and want differ.
func lineDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range max(len(g), len(w)) {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n got %q\nwant %q", i+1, gl, wl)
		}
	}
	return "(same lines)"
}

// Whatever the headers, the starter is a mapping Parse accepts and that binds to the
// sheet, and it maps a row exactly as Auto does (with a default priority on top).
func TestStarterParsesAndBinds(t *testing.T) {
	for _, tc := range []struct {
		name      string
		headers   []string
		unmatched []string
		autoFails bool // Auto cannot bind these headers: the starter switches the field off
	}{
		{"Spanish", samplesHeaders, []string{"Cliente"}, false},
		{"English", []string{"name", "status", "priority", "name_module", "start_date", "completion_date", "remember",
			"reminder_date", "description", "id_record", "location", "wolkvox_owner", "participants"}, nil, false},
		{"mixed, in another order, with case, accents and spaces",
			[]string{"PARTICIPANTES", "Start Date", "asunto", " Fecha Fin ", "Módulo", "Descripción", "ID_Registro",
				"Ubicación", "Propietario", "Estado", "priority", "Remember", "Fecha recordatorio"}, nil, false},
		{"unknown columns", []string{"Cliente", "Asunto", "Teléfono", "Inicio", "Comentario: interno", "null", "2024",
			"- guion", "a \"b\" c", "x #y"}, []string{"Cliente", "Teléfono", "Comentario: interno", "null", "2024", "- guion", "a \"b\" c", "x #y"}, false},
		{"Nombre when there is no Asunto", []string{"Nombre", "Notas"}, nil, false},
		{"the less preferred header is left for templates", []string{"Nombre", "Asunto", "Enlace", "Lugar"}, []string{"Nombre", "Enlace"}, false},
		{"a repeated header that no field uses", []string{"Asunto", "Cliente", "Cliente", ""}, []string{"Cliente", "Cliente"}, false},
		{"a repeated header of an optional field", []string{"Asunto", "Caso", "Caso"}, nil, true},
		{"headers YAML must quote", []string{"Asunto", " Lugar", "Notas\n", "Responsable\u2028"}, nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text, unmatched := Starter(tc.headers, "in.xlsx")
			if !slices.Equal(unmatched, tc.unmatched) {
				t.Errorf("unmatched = %q, want %q", unmatched, tc.unmatched)
			}
			m, err := Parse("mapping.yaml", text)
			if err != nil {
				t.Fatalf("Parse: %v\n%s", err, text)
			}
			if got, want := m.Operation(), "CHANGE-ME"; got != want {
				t.Errorf("Operation() = %q, want %q", got, want)
			}
			if got, want := m.Type(), "meet"; got != want {
				t.Errorf("Type() = %q, want %q", got, want)
			}
			p, err := m.Bind(tc.headers)
			if err != nil {
				t.Fatalf("Bind: %v\n%s", err, text)
			}
			cells := starterRow(tc.headers)
			got, err := p.Build(2, cells)
			if err != nil {
				t.Fatalf("Build: %v", err)
			}
			auto, err := Auto(tc.headers).Bind(tc.headers)
			if tc.autoFails {
				if err == nil {
					t.Errorf("Auto binds these headers")
				}
				return
			}
			if err != nil {
				t.Fatalf("Auto: %v", err)
			}
			want, err := auto.Build(2, cells)
			if err != nil {
				t.Fatalf("Auto's Build: %v", err)
			}
			if g, w := jsonOf(t, got), jsonOf(t, want); g != w {
				t.Errorf("the starter maps the row to\n%s\nAuto to\n%s", g, w)
			}
		})
	}
}

// starterRow is a row whose cells suit the field each header names.
func starterRow(headers []string) []Cell {
	cells := make([]Cell, len(headers))
	for i, h := range headers {
		id, ok := autoField(h)
		switch {
		case !ok:
			cells[i].Text = fmt.Sprintf("cell %d", i)
		case id.kind() == kindDate:
			cells[i].Text = fmt.Sprintf("2024-07-%02d 09:30", 10+i)
		case id.kind() == kindBool:
			cells[i].Text = "sí"
		case id.kind() == kindPriority:
			cells[i].Text = "Alta"
		case id.kind() == kindList:
			cells[i].Text = "Ana; Luis, Marta"
		default:
			cells[i].Text = fmt.Sprintf("text %d", i)
		}
	}
	return cells
}

// Without a title column (or with two), the name lines are switched off, so Parse says
// that every meeting needs one, at the fields: line.
func TestStarterWithoutName(t *testing.T) {
	for _, tc := range []struct {
		name, want string
		headers    []string
	}{
		{"no title column", `mapping.yaml:15:1: fields has no name; every meeting needs one: add name: { column: <the header of the meeting's name> }`,
			[]string{"Título", "Fecha inicio", "Cliente"}},
		{"two title columns", `mapping.yaml:15:1: fields has no name; every meeting needs one: add name: { column: <the header of the meeting's name> }`,
			[]string{"Asunto", "Prioridad", "Asunto"}},
		// Every field line is switched off: fields: holds nothing, so it has no name.
		{"no header names a field", `mapping.yaml:15:1: fields has no name; every meeting needs one: add name: { column: <the header of the meeting's name> }`,
			[]string{"Título", "Cliente"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text, _ := Starter(tc.headers, "in.csv")
			if !strings.Contains(string(text), "\n  # name:\n") {
				t.Errorf("no switched-off name line in\n%s", text)
			}
			_, err := Parse("mapping.yaml", text)
			if got := errString(err); got != tc.want {
				t.Errorf("Parse error\n got %s\nwant %s", got, tc.want)
			}
			// Once the user fills in the title's header and deletes the #, the mapping works.
			fixed := strings.Replace(string(text), "  # name:\n  #   column: CHANGE-ME\n", "  name:\n    column: Título\n", 1)
			fixed = strings.Replace(fixed, "  # name:\n  #   column: Asunto\n", "  name:\n    column: Título\n", 1)
			headers := append(slices.Clone(tc.headers), "Título")
			if slices.Contains(tc.headers, "Título") {
				headers = tc.headers
			}
			m, err := Parse("mapping.yaml", []byte(fixed))
			if err != nil {
				t.Fatalf("Parse after the fix: %v\n%s", err, fixed)
			}
			if _, err := m.Bind(headers); err != nil {
				t.Errorf("Bind after the fix: %v", err)
			}
		})
	}
}

// Every line switched off with "# " works once the user deletes the # and the space after
// it, as the file says, and writes a header instead of CHANGE-ME; the notes stay notes.
func TestStarterSwitchedOffLines(t *testing.T) {
	headers := []string{"Título", "Inicio", "Prioridad del caso"}
	text, _ := Starter(headers, "")
	switchedOff := regexp.MustCompile(`^( +)# ( *([a-z_]+):(?: |$).*)$`)
	cells := map[string]string{"Título": "sin uso", "Inicio": "26/07/2024 09:30", "Prioridad del caso": "sin uso"}
	var lines []string
	field := ""
	for l := range strings.SplitSeq(string(text), "\n") {
		if m := switchedOff.FindStringSubmatch(l); m != nil {
			l = m[1] + m[2]
			if len(m[1]) == 2 && !strings.HasPrefix(m[2], " ") { // a field's key, not one of its keys
				field = m[3]
			}
			if strings.Contains(l, "CHANGE-ME") {
				header := "col " + field
				l = strings.Replace(l, "CHANGE-ME", header, 1)
				id, _ := fieldByName(field)
				cells[header] = map[kind]string{kindText: "texto " + field, kindPriority: "Baja", kindDate: "2024-07-25 18:00",
					kindBool: "sí", kindList: "Ana, Luis"}[id.kind()]
			}
		}
		lines = append(lines, l)
	}
	data := strings.Join(lines, "\n")
	m, err := Parse("m.yaml", []byte(data))
	if err != nil {
		t.Fatalf("Parse: %v\n%s", err, data)
	}
	var all []string
	var row []Cell
	for h, c := range cells {
		all = append(all, h)
		row = append(row, Cell{Text: c})
	}
	p, err := m.Bind(all)
	if err != nil {
		t.Fatalf("Bind: %v\n%s", err, data)
	}
	f, err := p.Build(2, row)
	if err != nil {
		t.Fatalf("Build: %v\n%s", err, data)
	}
	want := `{"status":"created","name":"texto name","priority":"low","name_module":"cases","completion_date":"2024-07-25 18:00:00",` +
		`"remember":true,"reminder_date":"2024-07-25 18:00:00","description":"texto description","id_record":"texto id_record",` +
		`"location":"texto location","start_date":"2024-07-26 09:30:00","wolkvox_owner":"texto wolkvox_owner",` +
		`"participants":{"type":"participant","value":["Ana","Luis"]}}`
	if got := jsonOf(t, f); got != want {
		t.Errorf("row\n got %s\nwant %s", got, want)
	}
}

func TestStarterQuotes(t *testing.T) {
	for _, s := range []string{"Asunto", "Fecha inicio", "Año (2024)", "ID_Registro", "null", "Null", "true", "no", "y",
		"2024", "1e3", " x", "x ", "a: b", "#x", "x #y", "a\"b\\c", "tab\there", "line\nbreak", "-x", "'x", "x'y",
		"\u2028", "\u0085", "\uFEFFAsunto", "*a", "&a", "!a", "%a", "@a", "`a", "{a}", "[a]", "a,b", "?", "|", ">", "~", ""} {
		q := yamlQuote(s)
		var got map[string]string
		if err := yaml.Unmarshal([]byte("k: "+q+"\n"), &got); err != nil {
			t.Errorf("yamlQuote(%q) = %s: %v", s, q, err)
			continue
		}
		if got["k"] != s {
			t.Errorf("yamlQuote(%q) = %s, which YAML reads as %q", s, q, got["k"])
		}
	}
}

// The starter's key line, switched on, is a key the mapping accepts: only fields it fills.
func TestStarterKeyLineParses(t *testing.T) {
	b, _ := StarterWith(samplesHeaders, nil, "samples/meetings.csv", i18n.EN)
	text := string(b)
	on := strings.Replace(text, "# key: [", "key: [", 1)
	on = strings.Replace(on, "operation: "+Placeholder, "operation: Demo", 1)
	if on == text {
		t.Fatal("no key line in the starter")
	}
	m, err := Parse("mapping.yaml", []byte(on))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(m.KeyFields(), ","); got != "name,start_date,id_record" {
		t.Errorf("KeyFields = %s", got)
	}
}
