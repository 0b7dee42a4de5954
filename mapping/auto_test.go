package mapping

import (
	"errors"
	"testing"

	"github.com/wolkvox-import/wolkvox-import/i18n"
)

func TestAuto(t *testing.T) {
	for _, tc := range []struct {
		name    string
		headers []string
		cells   []Cell
		want    string
	}{
		{"Spanish headers",
			[]string{"Asunto", "Estado", "Prioridad", "Módulo", " Fecha Inicio ", "FECHA FIN", "Recordar", "Fecha recordatorio",
				"Descripción", "ID_Registro", "Ubicación", "Propietario", "Asistentes", "Cliente"},
			texts("Reunión", "created", "Alta", "cases", "2024-03-05 10:00", "2024-03-05 11:00", "sí", "2024-03-04",
				"Notas", "77", "Sala 1", "ADMIN", "Ana; Luis, Eva", "ignored"),
			`{"status":"created","name":"Reunión","priority":"high","name_module":"cases","completion_date":"2024-03-05 11:00:00",` +
				`"remember":true,"reminder_date":"2024-03-04 00:00:00","description":"Notas","id_record":"77","location":"Sala 1",` +
				`"start_date":"2024-03-05 10:00:00","wolkvox_owner":"ADMIN","participants":{"type":"participant","value":["Ana","Luis","Eva"]}}`},
		{"English headers with underscores or spaces",
			[]string{"name", "Start Date", "completion_date", "WOLKVOX_OWNER", "Id Record", "participants"},
			texts("R", "2024-03-05", "2024-03-06", "ADMIN", "9", "Ana"),
			`{"status":"created","name":"R","priority":"normal","completion_date":"2024-03-06 00:00:00","id_record":"9",` +
				`"start_date":"2024-03-05 00:00:00","wolkvox_owner":"ADMIN","participants":{"type":"participant","value":["Ana"]}}`},
		{"short aliases", []string{"Nombre", "Inicio", "Fin", "Lugar", "Notas", "Caso", "Responsable", "Participantes", "Recordatorio"},
			texts("R", "2024-03-05", "2024-03-06", "Zoom", "n", "1", "A", "B", "2024-03-01"),
			`{"status":"created","name":"R","priority":"normal","completion_date":"2024-03-06 00:00:00","reminder_date":"2024-03-01 00:00:00",` +
				`"description":"n","id_record":"1","location":"Zoom","start_date":"2024-03-05 00:00:00","wolkvox_owner":"A",` +
				`"participants":{"type":"participant","value":["B"]}}`},
		{"Asunto is preferred to Nombre", []string{"Nombre", "Asunto", "enlace", "ubicacion"}, texts("Ana", "Reunión", "https://x", "Sala"),
			`{"status":"created","name":"Reunión","priority":"normal","location":"Sala"}`},
		{"unmatched headers are ignored", []string{"Asunto", "Cliente", "Teléfono"}, texts("R", "ACME", "123"),
			`{"status":"created","name":"R","priority":"normal"}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := Auto(tc.headers)
			if got, want := m.Operation(), ""; got != want {
				t.Errorf("Operation() = %q, want %q", got, want)
			}
			if got, want := m.Type(), "meet"; got != want {
				t.Errorf("Type() = %q, want %q", got, want)
			}
			p, err := m.Bind(tc.headers)
			if err != nil {
				t.Fatal(err)
			}
			f, err := p.Build(2, tc.cells)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := jsonOf(t, f), tc.want; got != want {
				t.Errorf("got  %s\nwant %s", got, want)
			}
		})
	}
}

func TestAutoErrors(t *testing.T) {
	t.Run("no name column", func(t *testing.T) {
		_, err := Auto([]string{"Título", "Inicio"}).Bind([]string{"Título", "Inicio"})
		want := `no column for name, which every meeting needs: name a column Asunto, Nombre or name, or give a --mapping file that says which column holds it; the sheet's headers are: "Título", "Inicio"`
		if got := errString(err); got != want {
			t.Errorf("error\n got %s\nwant %s", got, want)
		}
		if !errors.Is(err, ErrUnknownColumn) {
			t.Errorf("error is not ErrUnknownColumn")
		}
	})
	headers := []string{"Asunto", "Fecha inicio", "Prioridad"}
	p, err := Auto(headers).Bind(headers)
	if err != nil {
		t.Fatal(err)
	}
	_, err = p.Build(4, texts("R", "03/04/2024", "Urgente"))
	// In the sheet's order; with no mapping file, a fix that writes one.
	want := `Row 4, column Fecha inicio: "03/04/2024" can be read as day/month/year or as month/day/year; type it as year-month-day: 2024-04-03 or 2024-03-04; ` +
		`Row 4, column Prioridad: "Urgente" is not a priority; type Alta, Media or Baja`
	if got := errString(err); got != want {
		t.Errorf("error\n got %s\nwant %s", got, want)
	}
	var es RowErrors
	if !errors.As(err, &es) || len(es) != 2 {
		t.Fatalf("error %v", err)
	}
	en := i18n.New(i18n.EN)
	if got, want := es[0].MappingFix(en), `add format: "DD/MM/YYYY" or "MM/DD/YYYY" to start_date in a --mapping file`; got != want {
		t.Errorf("MappingFix\n got %s\nwant %s", got, want)
	}
	if got, want := es[1].MappingFix(en), `add values: { "Urgente": high } (or normal, low) to priority in a --mapping file`; got != want {
		t.Errorf("MappingFix\n got %s\nwant %s", got, want)
	}
}
