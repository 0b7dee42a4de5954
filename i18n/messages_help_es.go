package i18n

import "golang.org/x/text/message/catalog"

func init() { register(ES, helpES) }

// helpES: the import command's --help (its text and each flag's).
var helpES = map[string]catalog.Message{
	"flag.import.allow-duplicates":   catalog.String("enviar las filas aunque el registro local diga que ya se crearon"),
	"flag.import.burst":              catalog.String("solicitudes permitidas de una vez por encima del ritmo"),
	"flag.import.concurrency":        catalog.String("solicitudes en curso a la vez (Wolkvox permite 2 por token)"),
	"flag.import.delimiter":          catalog.String("separador del CSV: , ; tab | (por omisión: detectado)"),
	"flag.import.dry-run":            catalog.String("leer, asociar y revisar cada fila y escribir la hoja de resultados; no enviar nada"),
	"flag.import.encoding":           catalog.String("codificación del CSV: utf-8, utf-16, windows-1252 (por omisión: detectada)"),
	"flag.import.header-row":         catalog.String("los encabezados están en la fila `N` (por omisión: se buscan en las primeras 50 filas)"),
	"flag.import.lang":               catalog.String("idioma de los mensajes y de los resultados: es o en (por omisión: el del sistema)"),
	"flag.import.ledger":             catalog.String("`ARCHIVO` del registro local (por omisión: ~/.local/state/wolkvox-import/ledger.db)"),
	"flag.import.log-format":         catalog.String("líneas de registro en stderr como text o json"),
	"flag.import.mapping":            catalog.String("`ARCHIVO` de mapeo YAML; sin él, los encabezados se asocian a los campos por su nombre"),
	"flag.import.max-wait":           catalog.String("la espera más larga de un Retry-After, una `duración`; si el servidor pide más, la ejecución se detiene (el resto queda no_enviada)"),
	"flag.import.operation":          catalog.String("`NOMBRE` de la operación de Wolkvox; reemplaza la del mapeo (variable WOLKVOX_OPERATION)"),
	"flag.import.progress":           catalog.String("progreso en stderr: auto (una barra en una terminal; si no, una línea cada 10 s), always, never"),
	"flag.import.rate":               catalog.String("solicitudes por segundo como máximo (0 = sin límite)"),
	"flag.import.results":            catalog.String("`ARCHIVO` de resultados (por omisión: NOMBRE.results.xlsx/.csv junto a la entrada)"),
	"flag.import.resume":             catalog.String("terminar una ejecución interrumpida de la misma entrada (ejecutar de nuevo hace lo mismo)"),
	"flag.import.retries":            catalog.String("reintentos de una falla que se puede reintentar (sobrecarga, red)"),
	"flag.import.retry-uncertain":    catalog.String("volver a enviar las filas cuyo intento anterior no tuvo respuesta (riesgo: un duplicado)"),
	"flag.import.sandbox":            catalog.String("iniciar el sandbox incluido en este computador e importar en él; sus reuniones y su registro se guardan en la carpeta de estado, así una nueva ejecución los recuerda"),
	"flag.import.sandbox-reset":      catalog.String("con --sandbox: olvidar primero las reuniones y el registro del sandbox"),
	"flag.import.server":             catalog.String("`HOST` o URL de Wolkvox (variable WOLKVOX_SERVER)"),
	"flag.import.sheet":              catalog.String("`NOMBRE` de la hoja del XLSX (por omisión: la primera hoja visible)"),
	"flag.import.skip-hidden-rows":   catalog.String("dejar por fuera las filas ocultas de la hoja (por omisión: se importan y se cuentan en el resumen)"),
	"flag.import.summary-json":       catalog.String("escribir también el resumen de la ejecución como JSON en `ARCHIVO` (para tareas programadas)"),
	"flag.import.timeout":            catalog.String("tiempo límite de cada solicitud, una `duración` como 30s o 2m"),
	"flag.import.token-file":         catalog.String("leer el token de `ARCHIVO` (si no, de la variable WOLKVOX_TOKEN)"),
	"flag.import.verbose":            catalog.String("registrar en stderr el resultado de cada solicitud"),
	"flag.import.wait-for-allowance": catalog.String("cuando se agote el cupo diario del token, esperar a que se reinicie y seguir (Ctrl-C detiene), en vez de detenerse"),
	"help.import":                    catalog.String("Uso: wolkvox-import import [opciones] ENTRADA\n\nLee cada fila de ENTRADA (.csv o .xlsx), la convierte en una reunión de Wolkvox, la envía y\nescribe una hoja de resultados (NOMBRE.results.xlsx/.csv) con el wolkvox_id o el error de cada fila.\n\nEjemplos:\n  # pruébelo con el sandbox incluido\n  wolkvox-import import --sandbox --mapping samples/mapping.yaml samples/meetings.xlsx\n  # revise una hoja sin enviar nada\n  wolkvox-import import --dry-run --mapping mapping.yaml reuniones.xlsx\n  # una importación real (el token viene del entorno, nunca de una opción)\n  export WOLKVOX_TOKEN=...   # o: --token-file ~/.wolkvox-token\n  wolkvox-import import --server wv0001.wolkvox.com --mapping mapping.yaml reuniones.xlsx\n\nEntorno: WOLKVOX_TOKEN, WOLKVOX_SERVER, WOLKVOX_OPERATION.\n\nOpciones:\n"),
}
