package i18n

import (
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/message/catalog"
)

func init() { register(ES, settleES) }

// settleES: la lista de filas inciertas de la página, que se resuelven una por una.
var settleES = map[string]catalog.Message{
	"page.settle.title": catalog.String("Filas por resolver"),
	"page.settle.intro": catalog.String("Estas filas se enviaron pero no llegó respuesta: la reunión puede existir. Busque cada una en Wolkvox y escriba el id que encontró, o indique que no está (la próxima importación la envía)."),
	"page.settle.more": plural.Selectf(1, "%d", "=1", "y %[1]d más: wolkvox-import ledger --uncertain las lista todas",
		"other", "y %[1]d más: wolkvox-import ledger --uncertain las lista todas"),
	"page.settle.look":      catalog.String("Buscar"),
	"page.settle.row":       catalog.String("Fila"),
	"page.settle.id":        catalog.String("Id encontrado en Wolkvox"),
	"page.settle.created":   catalog.String("Existe: registrarla"),
	"page.settle.not_there": catalog.String("No está en Wolkvox"),
	"page.settle.done_id":   catalog.String("La fila %[1]d de %[2]s quedó registrada como creada con el id %[3]s: no se enviará de nuevo."),
	"page.settle.done_no":   catalog.String("La fila %[1]d de %[2]s quedó registrada como no creada: la próxima importación de esa hoja la envía."),
	"page.settle.no_id":     catalog.String("Escriba el id que encontró en Wolkvox, o pulse «No está en Wolkvox»."),
	"page.settle.gone":      catalog.String("Esa fila ya no está incierta (se resolvió o llegó su respuesta mientras tanto)."),
	"page.settle.busy":      catalog.String("Hay una importación en curso: resuelva las filas cuando termine."),
	"page.settle.note":      catalog.String("resuelta en la página"),

	"page.check.ledger": catalog.String("Según el registro local de este servidor: ya importadas (no se enviarán de nuevo): %[1]d; cambiadas desde que se importaron (no se enviarán: vea el mensaje): %[2]d; inciertas (resuélvalas abajo, en importaciones anteriores): %[3]d."),
	"page.check.held": plural.Selectf(1, "%d", "=1", "%[1]d fila no se enviará: ya está en Wolkvox con otros valores, o está incierta; el mensaje a su lado dice qué hacer.",
		"other", "%[1]d filas no se enviarán: ya están en Wolkvox con otros valores, o están inciertas; el mensaje al lado de cada una dice qué hacer."),
	"page.progress.changed": catalog.String("Cambiadas, no enviadas"),
	"page.progress.changed_note": plural.Selectf(1, "%d",
		"=1", "%[1]d fila ya se había importado con otros valores: no se envió. Los resultados dicen qué cambió y el id de la reunión: actualícela en Wolkvox.",
		"other", "%[1]d filas ya se habían importado con otros valores: no se enviaron. Los resultados dicen qué cambió y el id de cada reunión: actualícelas en Wolkvox."),
}
