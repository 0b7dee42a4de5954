package i18n

import (
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/message/catalog"
)

// es is the Spanish catalog, as Colombia writes it (usted, fila, columna, reunión).
func init() { register(ES, es) }

var es = map[string]catalog.Message{
	"status.created":       catalog.String("creada"),
	"status.invalid":       catalog.String("inválida"),
	"status.failed":        catalog.String("fallida"),
	"status.uncertain":     catalog.String("incierta"),
	"status.not_sent":      catalog.String("no_enviada"),
	"status.valid":         catalog.String("válida"),
	"status.changed":       catalog.String("cambiada"),
	"column.source_row":    catalog.String("fila_origen"),
	"column.import_status": catalog.String("estado_importacion"),
	"column.wolkvox_id":    catalog.String("id_wolkvox"),
	"column.import_error":  catalog.String("error_importacion"),
	"column.generated":     catalog.String("columna %[1]s"),

	"rows": plural.Selectf(1, "%d", "=1", "%[1]d fila", "other", "%[1]d filas"),
}
