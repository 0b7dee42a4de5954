package mapping

import (
	"errors"
	"strings"
	"testing"
)

func TestBindErrors(t *testing.T) {
	m, err := Load("testdata/spec.yaml")
	if err != nil {
		t.Fatal(err)
	}
	headers := []string{"Asunto", "prioridad", "PRIORIDAD", "Fecha  inicio", "Notas", "Cliente", "Caso", "Caso", "Lugar", "Responsable", "Participantes", "Recordar"}
	_, err = m.Bind(headers)
	if err == nil {
		t.Fatal("no error")
	}
	const have = `the sheet's headers are: "Asunto", "prioridad", "PRIORIDAD", "Fecha  inicio", "Notas", "Cliente", "Caso", "Caso", "Lugar", "Responsable", "Participantes", "Recordar"`
	want := []string{
		`testdata/spec.yaml:7:30: column "Prioridad" for priority matches several headers: "prioridad" (column B) and "PRIORIDAD" (column C); write the header exactly as in the sheet, or rename all but one`,
		`testdata/spec.yaml:9:30: column "Inicio" for start_date is not in the sheet; ` + have,
		`testdata/spec.yaml:10:30: column "Fin" for completion_date is not in the sheet; ` + have,
		`testdata/spec.yaml:12:30: column "Recordatorio" for reminder_date is not in the sheet; ` + have,
		`testdata/spec.yaml:14:30: column "Caso" for id_record: the sheet has 2 headers "Caso" (columns G and H); rename all but one`,
	}
	if got, want := err.Error(), strings.Join(want, "\n"); got != want {
		t.Errorf("error\n got %s\nwant %s", got, want)
	}
	if !errors.Is(err, ErrUnknownColumn) || !errors.Is(err, ErrAmbiguousColumn) {
		t.Errorf("error is not ErrUnknownColumn and ErrAmbiguousColumn")
	}
	var me *MappingError
	if !errors.As(err, &me) || me.Line != 7 {
		t.Errorf("errors.As(*MappingError) = %+v", me)
	}
}

func TestBindTypo(t *testing.T) {
	m, err := Parse("m.yaml", []byte("fields:\n  name: { column: Asunto }\n  start_date: { column: Fecha de inicio }\n  description: { template: \"{Notas} {Client}\" }\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = m.Bind([]string{"Asunto", "Fecha inicio", "Notas", "Cliente"})
	const have = `the sheet's headers are: "Asunto", "Fecha inicio", "Notas", "Cliente"`
	want := `m.yaml:3:25: column "Fecha de inicio" for start_date is not in the sheet; did you mean "Fecha inicio"?; ` + have + "\n" +
		`m.yaml:4:28: {Client} in the template of description is not in the sheet; did you mean "Cliente"?; ` + have
	if got := errString(err); got != want {
		t.Errorf("error\n got %s\nwant %s", got, want)
	}
}

func TestBindInnerSpacesMatter(t *testing.T) {
	m, err := Parse("m.yaml", []byte("fields:\n  name: { column: Fecha inicio }\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		header string
		ok     bool
	}{
		{"Fecha inicio", true}, {" FECHA  INICIO ", false}, {" FECHA INICIÓ\t", true}, {"Fecha_inicio", false},
	} {
		t.Run(tc.header, func(t *testing.T) {
			_, err := m.Bind([]string{tc.header})
			if got, want := err == nil, tc.ok; got != want {
				t.Errorf("bound = %v, want %v (%v)", got, want, err)
			}
		})
	}
}
