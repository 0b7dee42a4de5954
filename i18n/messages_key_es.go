package i18n

import (
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/message/catalog"
)

func init() { register(ES, keyES) }

// keyES: la clave de una reunión (key: del mapeo), y las filas cuya reunión cambió desde
// que se importó (estado cambiada, --on-change).
var keyES = map[string]catalog.Message{
	"starter.key.1":                  catalog.String("# Los campos que distinguen una reunión de otra (estos por omisión): una fila que se"),
	"starter.key.2":                  catalog.String("# sube de nuevo con los mismos y otro valor se informa como cambiada, no se crea dos veces."),
	"flag.ledger.subject":            catalog.String("solo las reuniones cuyo asunto contiene `TEXTO` (sin importar mayúsculas ni tildes)"),
	"row.hidden.skipped":             catalog.String("oculta en la hoja: se dejó fuera (--skip-hidden-rows)"),
	"changed.same_key_problem":       catalog.String("la misma reunión que una fila anterior de la hoja (igual %[1]s) con otros valores: deje una, o agregue a key: el campo que las distingue"),
	"mapping.key.empty":              catalog.String("key: no nombra ningún campo; escriba los campos de la API que distinguen una reunión de otra, por ejemplo key: [name, start_date, id_record]"),
	"mapping.key.not_field":          catalog.String("key: nombra campos de la API (%[1]s)"),
	"mapping.key.unknown_field":      catalog.String("key: %[1]s no es un campo de la API; los campos son: %[2]s"),
	"mapping.key.unknown_field_near": catalog.String("key: %[1]s no es un campo de la API; ¿quiso decir %[2]s?"),
	"mapping.key.field_twice":        catalog.String("key: %[1]s aparece dos veces; deje uno"),
	"mapping.key.not_filled":         catalog.String("key: %[1]s no está en fields:, así que todas las filas lo tendrían vacío; mapéelo, o quítelo de key:"),

	"flag.import.on-change": catalog.String("una fila cuya reunión ya se importó (misma clave) con otros valores: skip (se informa como cambiada, no se envía) o create (se envía como reunión nueva)"),
	"cli.on_change":         catalog.String("--on-change %[1]q: escriba skip (una fila cambiada se informa y no se envía) o create (se envía como reunión nueva)"),

	"row.changed": plural.Selectf(1, "%d",
		"=1", "%[2]s cambió desde que la reunión se importó el %[3]s con el id %[4]s (fila %[5]s de %[6]s): actualícela en Wolkvox, o vuelva a ejecutar con --on-change create para crear una reunión nueva",
		"other", "%[2]s cambiaron desde que la reunión se importó el %[3]s con el id %[4]s (fila %[5]s de %[6]s): actualícela en Wolkvox, o vuelva a ejecutar con --on-change create para crear una reunión nueva"),
	"row.same_key":    catalog.String("la misma reunión que la fila %[1]s (igual %[2]s) con otros valores: %[3]s; deje una de las dos filas, o agregue a key: del mapeo el campo que las distingue (--on-change create envía ambas)"),
	"changed.field":   catalog.String("%[1]s (ahora «%[2]s»)"),
	"changed.unknown": catalog.String("su contenido"),
	"changed.yes":     catalog.String("sí"),
	"changed.no":      catalog.String("no"),
	"changed.and":     catalog.String("%[1]s y %[2]s"),
	"changed.problem": catalog.String("cambió desde que la reunión se importó; no se envió"),
	"plan.changed":    plural.Selectf(1, "%d", "=1", ", %[1]d cambiada desde que se importó (no se envía: vea --on-change)", "other", ", %[1]d cambiadas desde que se importaron (no se envían: vea --on-change)"),

	"summary.dry.earlier": plural.Selectf(1, "%d",
		"=1", "  %[1]d de ellas ya estaba importada (el %[2]s, la primera): una importación no la enviaría de nuevo",
		"other", "  %[1]d de ellas ya estaban importadas (el %[2]s, la primera): una importación no las enviaría de nuevo"),
	"summary.first.rows":    plural.Selectf(2, "%d", "=1", "%[1]s, %[2]d fila", "other", "%[1]s, %[2]d filas"),
	"summary.first.new":     plural.Selectf(1, "%d", "=1", ": %[1]d reunión nueva creada", "other", ": %[1]d reuniones nuevas creadas"),
	"summary.first.earlier": plural.Selectf(1, "%d", "=1", "; %[1]d ya importada el %[2]s, no se envió de nuevo", "other", "; %[1]d ya importadas el %[2]s, no se enviaron de nuevo"),
	"summary.first.changed": plural.Selectf(1, "%d", "=1", "; %[1]d cambiada desde que se importó, no se envió", "other", "; %[1]d cambiadas desde que se importaron, no se enviaron"),
	"summary.advice.changed": plural.Selectf(1, "%d",
		"=1", "%[1]d fila cambió desde que su reunión se importó, y no se envió: actualice la reunión en Wolkvox (%[2]s tiene su id, %[3]s lo que cambió), o vuelva a ejecutar con --on-change create para crearla como reunión nueva",
		"other", "%[1]d filas cambiaron desde que sus reuniones se importaron, y no se enviaron: actualice esas reuniones en Wolkvox (%[2]s tiene sus ids, %[3]s lo que cambió), o vuelva a ejecutar con --on-change create para crearlas como reuniones nuevas"),
}
