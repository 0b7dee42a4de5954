package i18n

import (
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/message/catalog"
)

func init() { register(ES, cliES) }

// cliES: los mensajes propios de la línea de comandos.
var cliES = map[string]catalog.Message{
	"cli.input.hidden":                catalog.String("error: no se encontró el archivo de entrada indicado (su nombre no se muestra: no parece un nombre de archivo y podría ser el token mismo); indique el archivo .xlsx o .csv, y el token en WOLKVOX_TOKEN o --token-file"),
	"run.operation.placeholder":       catalog.String("la operación del mapeo sigue siendo %[1]s: escriba el nombre de su operación de Wolkvox después de operation: antes de importar"),
	"cli.token.flag":                  catalog.String("el token nunca se acepta como opción (quedaría en el historial y en la lista de procesos): defina WOLKVOX_TOKEN, o póngalo en un archivo y use --token-file ARCHIVO"),
	"cli.import.one_input":            catalog.String("import recibe exactamente un archivo de entrada (recibió %[1]d): wolkvox-import import [opciones] ARCHIVO.xlsx"),
	"cli.token.missing":               catalog.String("no hay token: defina WOLKVOX_TOKEN, o indique --token-file ARCHIVO (para probar la herramienta sin token, use --sandbox o --dry-run)"),
	"run.operation.missing":           catalog.String("no hay operación: escriba `operation: NOMBRE` en el archivo de mapeo, o indique --operation NOMBRE (o WOLKVOX_OPERATION)"),
	"run.operation.still_placeholder": catalog.String("la operación del mapeo sigue siendo %[1]s: escriba el nombre de su operación de Wolkvox después de operation: en el archivo de mapeo, o indique --operation NOMBRE"),
	"row.same_meeting":                catalog.String("la misma reunión que la fila %[1]s (todos los campos enviados son iguales): no se envía dos veces; si es otra reunión, cambie un campo, o use --allow-duplicates"),
	"row.already_imported":            catalog.String("ya importada el %[1]s (fila %[2]s de %[3]s); no se envía de nuevo"),
	"row.not_sent.fault":              catalog.String("no enviada: la ejecución se detuvo porque no se pudo escribir %[1]s; ejecute de nuevo el mismo comando cuando eso esté resuelto"),
	"row.not_sent.because":            catalog.String("no enviada: %[1]s"),
	"row.not_sent.quota":              catalog.String("no enviada: se agotó el cupo diario del token; ejecute de nuevo el mismo comando cuando se reinicie"),
	"row.not_sent.stopped":            catalog.String("no enviada: la ejecución se detuvo: %[1]s"),
	"row.not_sent.interrupted":        catalog.String("no enviada: la importación se interrumpió; ejecute de nuevo el mismo comando para enviarla"),
	"serve.listen.bad":                catalog.String("--listen %[1]q: %[2]s (por ejemplo, 127.0.0.1:8765)"),
	"serve.listen.not_loopback":       catalog.String("--listen %[1]q: la página escucha solo en este computador: use 127.0.0.1:PUERTO (o [::1]:PUERTO)"),
	"serve.open":                      catalog.String("la página está abierta en la dirección de arriba (solo en este computador); Ctrl-C la detiene"),
	"ledger.none":                     catalog.String("error: no hay registro local en %[1]s: todavía no se ha importado nada desde esta cuenta, o indique --ledger ARCHIVO"),
	"ledger.salvaged": plural.Selectf(1, "%d",
		"=1", "se recuperó %[1]d entrada de %[2]s (%[3]d páginas leídas, %[4]d de ellas con entradas; %[5]d entradas ilegibles omitidas); %[2]s no se modificó",
		"other", "se recuperaron %[1]d entradas de %[2]s (%[3]d páginas leídas, %[4]d de ellas con entradas; %[5]d entradas ilegibles omitidas); %[2]s no se modificó"),
	"mapping.init.exists":       catalog.String("(elija otro archivo con -o, o mueva el anterior a otra parte)"),
	"mapping.init.wrote":        catalog.String("se escribió %[1]s: revíselo y luego pruebe: wolkvox-import import --dry-run --mapping %[1]s %[2]s"),
	"mapping.init.unmatched":    catalog.String("columnas que ningún campo usa: %[1]s"),
	"cli.log_format":            catalog.String("--log-format %[1]q: use text o json"),
	"cli.ledger.migrated":       catalog.String("nota: el registro local %[1]s estaba en el formato anterior (bbolt); cada entrada se pasó al nuevo (SQLite), y el archivo anterior se conserva, sin cambios, como %[2]s"),
	"cli.token.env.bad":         catalog.String("WOLKVOX_TOKEN %[1]s: defínala solo con el token"),
	"cli.token_file.unreadable": catalog.String("--token-file %[1]s no se puede leer (%[2]s): indique el nombre de un archivo que contenga el token (o defina WOLKVOX_TOKEN)"),
	"cli.token_file.bad":        catalog.String("--token-file %[1]s %[2]s: ponga en el archivo solo el token, en su primera línea"),
	"cli.token_file.empty":      catalog.String("--token-file %[1]s está vacío: ponga el token en su primera línea"),
	"cli.token_file.hidden":     catalog.String("(el valor indicado no se muestra: no parece un nombre de archivo y podría ser el token mismo)"),
	"cli.token.lines":           catalog.String("tiene más de una línea (la línea %[1]d no está vacía)"),
	"cli.token.control":         catalog.String("tiene un carácter de control (código %[1]d en el carácter %[2]d), que un encabezado HTTP no puede llevar"),
	"cli.server.token":          catalog.String("--server (o WOLKVOX_SERVER) contiene el token mismo (no se muestra): indique allí el host de Wolkvox, como wv0001.wolkvox.com, y el token en WOLKVOX_TOKEN o --token-file"),
	"cli.server.not_host":       catalog.String("--server (o WOLKVOX_SERVER) no es un nombre de host (no se muestra, por si es el token): indique el host de Wolkvox, como wv0001.wolkvox.com"),
	"cli.duration.zero":         catalog.String("%[1]q: indique una duración mayor que cero, como 30s o 10m"),
	"cli.duration.no_unit":      catalog.String("%[1]q no tiene unidad: escriba %[1]ss para segundos (o %[1]sm para minutos)"),
	"cli.duration.bad":          catalog.String("%[1]q no es una duración: escríbala como 30s, 10m o 1h30m"),
	"cli.header_row":            catalog.String("--header-row %[1]d: indique el número de la fila de encabezados, 1 o más (o no lo indique, para que se busque)"),
	"cli.delimiter":             catalog.String("--delimiter %[1]q: use uno de , ; tab |"),
	"cli.unexpected_argument":   catalog.String("argumento inesperado %[1]q"),
	"cli.invalid_value":         catalog.String("valor inválido %[1]s para la opción %[2]s: %[3]s"),
	"cli.needs_argument":        catalog.String("la opción necesita un valor: %[1]s"),
	"cli.lang":                  catalog.String("--lang %[1]q: use es o en"),
	"ledger.since":              catalog.String("--since %[1]q: indique un día como AAAA-MM-DD, por ejemplo 2026-11-24"),
	"ledger.state":              catalog.String("--state %[1]q: use created, failed o uncertain (o creada, fallida, incierta)"),
}
