package i18n

import (
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/message/catalog"
)

func init() { register(ES, ledgerES) }

// ledgerES: lo que dice el registro local de su archivo: dañado, en uso.
var ledgerES = map[string]catalog.Message{
	"ledger.damaged.empty":         catalog.String("el archivo está vacío (0 bytes): una copia fallida, un disco lleno o un cierre inesperado lo vació"),
	"ledger.damaged.truncated":     catalog.String("el archivo está cortado (%[1]s)"),
	"ledger.damaged.not_ledger":    catalog.String("el archivo no tiene encabezado ni entradas de registro local (%[1]s): puede que --ledger nombre otro tipo de archivo, o que el registro se haya sobrescrito"),
	"ledger.damaged.corrupt":       catalog.String("sus páginas están dañadas (%[1]s)"),
	"ledger.damaged.none_readable": catalog.String("Ya no se puede leer ninguna entrada"),
	"ledger.damaged.readable":      plural.Selectf(1, "%d", "=1", "Aún se puede leer %[1]d entrada", "other", "Aún se pueden leer %[1]d entradas"),
	"ledger.damaged": catalog.String("el registro local %[1]s está dañado: %[2]s. Se deja como está, y no se envía nada con él. " +
		"No empiece un registro nuevo en su lugar (borrándolo, o con otro --ledger ARCHIVO): uno nuevo enviaría otra vez cada reunión que este recuerda, y crearía duplicados. " +
		"%[3]s: expórtelas con `wolkvox-import ledger --salvage --ledger %[1]s > ledger-salvage.csv` (lee el archivo página por página por su cuenta, y nunca lo modifica), " +
		"y luego restaure el registro desde una copia de seguridad, o compare lo exportado con Wolkvox antes de importar de nuevo"),
	"ledger.in_use":         catalog.String("registro local %[1]s: otra ejecución de wolkvox-import lo mantuvo bloqueado demasiado tiempo; espere a que termine, o dé a esta ejecución su propio --ledger ARCHIVO (%[2]s)"),
	"ledger.file":           catalog.String("registro local %[1]s"),
	"ledger.no_place":       catalog.String("no hay dónde guardar el registro local (no hay carpeta personal): indique --ledger ARCHIVO"),
	"ledger.not_regular":    catalog.String("no es un archivo común: indique --ledger ARCHIVO"),
	"ledger.migrate.keep":   catalog.String("al guardar el registro anterior (bbolt) como %[1]s antes de pasarlo a SQLite"),
	"ledger.migrate.failed": catalog.String("no se pudo pasar el registro anterior (bbolt) a SQLite; el archivo anterior no cambió"),
	"ledger.newer":          catalog.String("este registro local lo escribió una versión más nueva de wolkvox-import (esquema %[1]d; esta conoce el %[2]d): use esa versión, o dé a esta ejecución su propio --ledger ARCHIVO"),
}
