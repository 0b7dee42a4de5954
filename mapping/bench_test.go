package mapping

import "testing"

func BenchmarkBuild(b *testing.B) {
	m, err := Load("testdata/spec.yaml")
	if err != nil {
		b.Fatal(err)
	}
	headers := []string{"Asunto", "Prioridad", "Inicio", "Fin", "Recordar", "Recordatorio", "Notas", "Cliente", "Caso", "Lugar", "Responsable", "Participantes"}
	p, err := m.Bind(headers)
	if err != nil {
		b.Fatal(err)
	}
	row := texts("Reunión de seguimiento", "Alta", "05/03/2024 10:30", "05/03/2024 11:30", "sí", "2024-03-04 09:00",
		"Revisar contrato", "ACME", "12345", "https://meet.example.com/x", "ADMIN_@cases", "ana@x.com; luis@x.com")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Build(2, row); err != nil {
			b.Fatal(err)
		}
	}
}
