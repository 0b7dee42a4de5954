package mapping

import "testing"

func TestTemplate(t *testing.T) {
	cells := []Cell{{Text: " Hola "}, {Text: "ACME"}, {Text: ""}}
	headers := []string{"Notas", "Cliente", "Vacío"}
	for _, tc := range []struct {
		tmpl, want, err string
	}{
		{"{Notas} (cliente: {Cliente})", "Hola (cliente: ACME)", ""},
		{"{ notas }", "Hola", ""},
		{"{{literal}} {Cliente}", "{literal} ACME", ""},
		{"}}{Cliente}{{", "}ACME{", ""},
		{"{Vacío} - {Vacío}", "", ""},          // every placeholder empty: empty, so default applies
		{"{Vacío} - {Cliente}", " - ACME", ""}, // trimmed later, as every field is
		{"{Faltante}", "", ""},                 // a cell beyond the row is empty
		{"plain text", "", "it names no column; write {Header} for a column, or use value: for a fixed text"},
		{"{Notas", "", `the { at "{Notas" is not closed; write {Header} for a column, or {{ for a literal brace`},
		{"{a{b}", "", `the { at "{a{b}" is not closed; write {Header} for a column, or {{ for a literal brace`},
		{"a } b {Notas}", "", "a } closes no {; write }} for a literal brace"},
		{"{ }", "", "{} names no column; write {Header} with a header of the sheet"},
	} {
		t.Run(tc.tmpl, func(t *testing.T) {
			parts, err := parseTemplate(tc.tmpl)
			if got, want := errString(err), tc.err; got != want {
				t.Fatalf("error %q, want %q", got, want)
			}
			if err != nil {
				return
			}
			for i := range parts {
				if parts[i].column != "" {
					if parts[i].idx, _ = headerIndex(headers, parts[i].column, txt("")); parts[i].idx < 0 {
						parts[i].idx = len(headers) // as if the row were short
					}
				}
			}
			if got, _, _ := render(parts, cells); got != tc.want {
				want := tc.want
				t.Errorf("got %q, want %q", got, want)
			}
		})
	}
}
