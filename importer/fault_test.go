package importer

import (
	"errors"
	"io/fs"
	"strings"
	"testing"

	"github.com/wolkvox-import/wolkvox-import/i18n"
)

// A local fault says itself in the run's language, and still unwraps to its cause.
func TestLocalFaultInSpanish(t *testing.T) {
	p := i18n.New(i18n.ES)
	e := &LocalFault{What: p.T("fault.what.ledger", "l.db"), Err: fs.ErrPermission, Ledger: true, Sent: 2, ResultsWritten: true, Results: "a.results.csv", lang: i18n.ES}
	msg := e.Error()
	for _, want := range []string{
		"no se pudo escribir el registro local l.db: permission denied. El envío se detuvo de inmediato: antes se habían enviado 2 filas. ",
		"La hoja de resultados a.results.csv dice qué pasó con cada fila",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("%s\nwant it to hold %q", msg, want)
		}
	}
	if !errors.Is(e, fs.ErrPermission) {
		t.Error("errors.Is lost the cause")
	}
	e.lang, e.What, e.Sent = i18n.EN, "the ledger l.db", 1
	if msg := e.Error(); !strings.HasPrefix(msg, "could not write the ledger l.db: permission denied. Sending stopped at once: 1 row was sent before it. The results sheet a.results.csv") {
		t.Error(msg)
	}
	if got := gaveUp(p, 2, "HTTP 500"); got != "se abandonó después de 3 intentos: HTTP 500" {
		t.Error(got)
	}
}
