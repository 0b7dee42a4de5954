package i18n

import (
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/message/catalog"
)

func init() { register(ES, runsES) }

// runsES: lo que dice una importación mientras avanza y cuando se detiene: Ctrl-C, la
// línea de avance, el plan antes de enviar, el sandbox.
var runsES = map[string]catalog.Message{
	"stop.first.in_flight": plural.Selectf(1, "%d",
		"=1", "deteniendo: esperando %[1]d solicitud en curso (a lo sumo %[2]s); oprima Ctrl-C otra vez para salir ya",
		"other", "deteniendo: esperando %[1]d solicitudes en curso (a lo sumo %[2]s); oprima Ctrl-C otra vez para salir ya"),
	"stop.first": catalog.String("deteniendo: escribiendo los resultados; oprima Ctrl-C otra vez para salir ya"),
	"stop.quit.sending": plural.Selectf(1, "%d",
		"=0", "salida inmediata: la hoja de resultados %[2]s no se escribió (una anterior allí queda como estaba). Ejecute de nuevo el mismo comando para reconstruirla desde el registro local: las filas ya creadas no se envían otra vez",
		"=1", "salida inmediata: %[1]d solicitud estaba en curso: su fila queda incierta (una nueva ejecución la informa y no la envía otra vez); la hoja de resultados %[2]s no se escribió (una anterior allí queda como estaba). Ejecute de nuevo el mismo comando para reconstruirla desde el registro local: las filas ya creadas no se envían otra vez",
		"other", "salida inmediata: %[1]d solicitudes estaban en curso: sus filas quedan inciertas (una nueva ejecución las informa y no las envía otra vez); la hoja de resultados %[2]s no se escribió (una anterior allí queda como estaba). Ejecute de nuevo el mismo comando para reconstruirla desde el registro local: las filas ya creadas no se envían otra vez"),
	"stop.quit.unsent":  catalog.String("salida inmediata: no se envió nada; la hoja de resultados %[1]s no se escribió"),
	"stop.quit.nothing": catalog.String("salida inmediata: no se envió nada"),

	// La línea de avance (y la descripción de la barra).
	"progress.rows.of":   catalog.String("%[1]d/%[2]d filas"),
	"progress.rows":      plural.Selectf(1, "%d", "=1", "%[1]d fila", "other", "%[1]d filas"),
	"progress.created":   catalog.String("creadas %[1]d"),
	"progress.earlier":   catalog.String("ya importadas %[1]d"),
	"progress.valid":     catalog.String("válidas %[1]d"),
	"progress.invalid":   catalog.String("inválidas %[1]d"),
	"progress.failed":    catalog.String("fallidas %[1]d"),
	"progress.uncertain": catalog.String("inciertas %[1]d"),
	"progress.not_sent":  catalog.String("no enviadas %[1]d"),
	"progress.changed":   catalog.String("cambiadas %[1]d"),
	"progress.elapsed":   catalog.String("transcurrido %[1]s"),
	"progress.rate":      catalog.String("%[1]s filas/s enviadas"),
	"progress.rate.read": catalog.String("%[1]s filas/s revisadas"),
	"progress.left":      catalog.String("faltan unos %[1]s"),

	// El plan, antes de enviar.
	"plan.rows":                plural.Selectf(1, "%d", "=1", "plan: %[1]d fila, %[2]d por enviar", "other", "plan: %[1]d filas, %[2]d por enviar"),
	"plan.already":             catalog.String(", %[1]d ya importadas (no se envían de nuevo)"),
	"plan.uncertain":           catalog.String(", %[1]d inciertas de una ejecución anterior (no se envían: resuélvalas primero, vea wolkvox-import ledger)"),
	"plan.invalid":             catalog.String(", %[1]d inválidas"),
	"plan.nothing":             catalog.String("nada por enviar: no se hace ninguna solicitud"),
	"plan.at_rate":             catalog.String("a %[1]s filas/s, unos %[2]s"),
	"plan.at_concurrency":      catalog.String("con %[1]d en curso, unos %[2]s"),
	"plan.faster":              catalog.String("; el servidor permite %[1]d en curso: con --rate 0 tomaría unos %[2]s"),
	"plan.allowance.days":      catalog.String("al token le quedan %[1]d llamadas hoy (de %[2]d al día): %[3]d filas toman %[4]d días de cupo; el cupo se reinicia en unos %[5]s. Ejecute de nuevo el mismo comando cada día, o agregue --wait-for-allowance para esperar cada reinicio y seguir"),
	"plan.allowance.days.wait": catalog.String("al token le quedan %[1]d llamadas hoy (de %[2]d al día): %[3]d filas toman %[4]d días de cupo; el cupo se reinicia en unos %[5]s, y la importación espera cada reinicio y sigue (Ctrl-C la detiene; ejecutar de nuevo el mismo comando continúa)"),
	"allowance.waiting":        catalog.String("el cupo diario está agotado: esperando hasta %[1]s (unos %[2]s) a que se reinicie, y luego sigue (--wait-for-allowance); Ctrl-C detiene la importación, y ejecutar de nuevo el mismo comando continúa"),
	"allowance.waited":         plural.Selectf(1, "%d", "=1", "la importación esperó una vez a que se reiniciara el cupo diario (--wait-for-allowance)", "other", "la importación esperó %[1]d veces a que se reiniciara el cupo diario (--wait-for-allowance)"),
	"progress.waiting":         catalog.String("esperando el cupo diario: sigue el %[1]s"),
	// Filas inciertas, resueltas una por una.
	"summary.failed_file.settle": plural.Selectf(2, "%d", "=1", "  filas por resolver o enviar: %[1]s (%[2]d fila: resuelva allí cada fila incierta y luego importe ese archivo)",
		"other", "  filas por resolver o enviar: %[1]s (%[2]d filas: resuelva allí cada fila incierta y luego importe ese archivo)"),
	"summary.advice.uncertain.settle": plural.Selectf(1, "%d",
		"=1", "%[1]d fila es incierta: el servidor pudo crearla sin responder. Búsquela en Wolkvox (su asunto, inicio y registro están en %[4]s); luego, en %[2]s, escriba su id en %[3]s si está, o no si no está, e importe ese archivo: queda registrada como creada, o se envía (--retry-uncertain envía todas las filas inciertas, con el riesgo de un duplicado)",
		"other", "%[1]d filas son inciertas: el servidor pudo crearlas sin responder. Busque cada una en Wolkvox (su asunto, inicio y registro están en %[4]s); luego, en %[2]s, escriba su id en %[3]s si está, o no si no está, e importe ese archivo: cada una queda registrada como creada, o se envía (--retry-uncertain envía todas las filas inciertas, con el riesgo de duplicados)"),
	"uncertain.search":          catalog.String("búsquela en Wolkvox: %[1]s"),
	"uncertain.subject":         catalog.String("asunto «%[1]s»"),
	"uncertain.start":           catalog.String("inicio %[1]s"),
	"uncertain.record":          catalog.String("registro %[1]s"),
	"uncertain.settle":          catalog.String("si está, escriba su id en %[1]s; si no, escriba no allí; luego importe el archivo de filas por corregir"),
	"uncertain.earlier":         catalog.String("se envió el %[1]s pero no quedó registrada la respuesta, así que la reunión puede existir"),
	"uncertain.recorded":        catalog.String("registrada como creada con el id %[1]s, como se escribió en %[2]s: no se envió"),
	"uncertain.not_found":       catalog.String("marcada como no creada en %[1]s: se envía de nuevo"),
	"ledger.uncertain.none":     catalog.String("no hay filas inciertas: cada fila enviada recibió su respuesta"),
	"ledger.uncertain.head":     plural.Selectf(1, "%d", "=1", "%[1]d fila incierta (enviada, sin respuesta registrada: la reunión puede existir en Wolkvox):", "other", "%[1]d filas inciertas (enviadas, sin respuesta registrada: la reunión puede existir en Wolkvox):"),
	"ledger.uncertain.row":      catalog.String("  %[1]s  %[2]s fila %[3]d: %[4]s"),
	"ledger.uncertain.no_terms": catalog.String("sin respuesta registrada (búsquela por la fila en su hoja)"),
	"ledger.uncertain.how":      catalog.String("Resuelva cada una en el archivo de filas por corregir de su importación: escriba en %[1]s el id que encontró en Wolkvox, o no si no está, y luego importe ese archivo."),
	"plan.faster.concurrency":   catalog.String("; con %[1]d en curso, con --rate 0 tomaría unos %[2]s"),
	// Las convenciones de la línea de comandos.
	"cli.unknown_flag":     catalog.String("opción desconocida %[1]s"),
	"cli.see_help":         catalog.String("vea: %[1]s --help"),
	"cli.unknown_command":  catalog.String("comando desconocido %[1]q"),
	"cli.rate":             catalog.String("--rate %[1]v: indique las solicitudes por segundo, 0 o más (0: sin límite)"),
	"cli.concurrency":      catalog.String("--concurrency %[1]d: indique las solicitudes en curso a la vez, 1 o más (Wolkvox permite 2)"),
	"cli.burst":            catalog.String("--burst %[1]d: indique 1 o más"),
	"cli.retries":          catalog.String("--retries %[1]d: indique 0 o más"),
	"cli.completion.usage": catalog.String("completion recibe un intérprete: bash, zsh, fish o powershell"),
	"summary.sandbox":      catalog.String("  ese servidor es el sandbox incorporado: nada llegó a Wolkvox; sus reuniones y su registro local se guardan en %[1]s (--sandbox-reset los olvida)"),
}
