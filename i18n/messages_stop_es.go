package i18n

import (
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/message/catalog"
)

func init() { register(ES, stopES) }

// stopES: por qué se detuvo una ejecución, qué cambió en el camino, una fila abandonada y
// un archivo local que no se pudo escribir.
var stopES = map[string]catalog.Message{
	"stop.no_connection":      catalog.String("no hay conexión con el servidor: %[1]s; no se envió nada"),
	"stop.quota":              catalog.String("se agotó el cupo diario del token (%[1]s): el resto queda no_enviada; ejecute de nuevo el mismo comando cuando el cupo se reinicie%[2]s: las filas ya creadas no se envían otra vez"),
	"stop.quota.restart_in":   catalog.String(" (en unas %.0[1]f horas)"),
	"stop.lost_streak":        catalog.String("se perdieron %[1]d respuestas seguidas (la última: %[2]s): la ejecución se detuvo para no dejar más filas inciertas; el resto queda no_enviada: ejecute de nuevo el mismo comando cuando el servidor vuelva a responder (las filas ya creadas no se envían otra vez)"),
	"stop.unreachable_streak": catalog.String("no se pudo contactar al servidor %[1]d veces seguidas (la última: %[2]s): el resto queda no_enviada; ejecute de nuevo el mismo comando cuando el servidor esté disponible: las filas ya creadas no se envían otra vez"),
	"stop.max_wait":           catalog.String("el servidor respondió %[1]d y pidió esperar %[2]s (Retry-After) antes de la siguiente solicitud, más que --max-wait %[3]s: el resto queda no_enviada; ejecute de nuevo el mismo comando después de %[4]s (o indique un --max-wait mayor): las filas ya creadas no se envían otra vez"),

	"note.concurrency.simultaneous": catalog.String("el servidor rechazó solicitudes simultáneas (%[1]s): la concurrencia se bajó a %[2]d por el resto de la ejecución"),
	"note.concurrency.overloaded":   catalog.String("el servidor respondió %[1]d (sobrecargado): la concurrencia se bajó a %[2]d por el resto de la ejecución"),
	"note.rate.lowering":            catalog.String("el servidor respondió %[1]d (sobrecargado): el ritmo se bajó a %.2[2]g solicitudes/s hasta que vuelva a dar abasto"),
	"note.rate.lowered": plural.Selectf(1, "%d",
		"=1", "el servidor respondió sobrecargado (429/503): el ritmo se bajó %[1]d vez, hasta %.3[2]g solicitudes/s como mínimo, y al final era %.3[3]g (--rate %[4]s)",
		"other", "el servidor respondió sobrecargado (429/503): el ritmo se bajó %[1]d veces, hasta %.3[2]g solicitudes/s como mínimo, y al final era %.3[3]g (--rate %[4]s)"),

	"row.gave_up": plural.Selectf(1, "%d",
		"=1", "se abandonó después de %[1]d intento: %[2]s",
		"other", "se abandonó después de %[1]d intentos: %[2]s"),
	"ledger.not_sent.stopped":           catalog.String("no enviada: la ejecución se detuvo"),
	"ledger.not_sent.waiting_allowance": catalog.String("no enviada: en espera de que se reinicie el cupo diario"),

	"fault.what.results": catalog.String("la hoja de resultados %[1]s"),
	"fault.what.ledger":  catalog.String("el registro local %[1]s"),
	"fault": plural.Selectf(3, "%d",
		"=1", "no se pudo escribir %[1]s: %[2]s. El envío se detuvo de inmediato: antes se había enviado %[3]d fila. %[4]s",
		"other", "no se pudo escribir %[1]s: %[2]s. El envío se detuvo de inmediato: antes se habían enviado %[3]d filas. %[4]s"),
	"fault.after.results": catalog.String("El registro local guarda cada una; no se escribió ninguna hoja de resultados. Corrija la causa (libere espacio en el disco, dé permiso de escritura en la carpeta, cierre %[1]s si un programa de hojas de cálculo lo tiene abierto) y ejecute de nuevo el mismo comando: no envía ninguna otra vez y reconstruye los resultados desde el registro local"),
	"fault.after.ledger":  catalog.String("La hoja de resultados %[1]s dice qué pasó con cada fila: consérvela, tiene los ids de las filas cuya respuesta el registro local no pudo guardar. Corrija la causa (libere espacio en el disco) y ejecute de nuevo el mismo comando: envía solo las filas nunca enviadas y reconstruye los resultados desde el registro local; las filas cuya respuesta no quedó guardada se informan como inciertas (compárelas con esta hoja de resultados), nunca se envían dos veces"),
	"fault.after.both":    catalog.String("Tampoco se pudo escribir la hoja de resultados. Corrija la causa (libere espacio en el disco) y ejecute de nuevo el mismo comando: envía solo las filas nunca enviadas y reconstruye los resultados desde el registro local; las filas cuya respuesta no quedó guardada se informan como inciertas, nunca se envían dos veces"),
}
