package i18n

import "golang.org/x/text/message/catalog"

func init() { register(ES, filesES) }

// filesES: los archivos que una ejecución lee y escribe.
var filesES = map[string]catalog.Message{
	"file.same":                   catalog.String("%[1]s %[2]s y %[3]s %[4]s son el mismo archivo: escribir %[5]s destruiría %[6]s; indique otro archivo en %[7]s"),
	"file.input":                  catalog.String("ENTRADA"),
	"file.failed_rows":            catalog.String("el archivo de filas por corregir"),
	"file.rename":                 catalog.String("%[1]s (¿está abierto en un programa de hojas de cálculo?)"),
	"results.over_input":          catalog.String("los resultados se escribirían sobre el archivo de entrada %[1]s: indique otro archivo con --results"),
	"results.cannot_write":        catalog.String("no se puede escribir la hoja de resultados %[1]s"),
	"results.failed.cannot_write": catalog.String("no se puede escribir el archivo de filas por corregir %[1]s"),
	"results.failed.not_written":  catalog.String("la hoja de resultados %[1]s quedó escrita, pero no el archivo de filas por corregir %[2]s"),
	"results.failed.stale":        catalog.String("no se puede eliminar %[1]s, que dejó una ejecución anterior (esta no tiene filas por corregir): %[2]s; bórrelo a mano"),
	"results.xlsx.too_many_rows":  catalog.String("%[1]s: más de %[2]d filas, el máximo que cabe en una hoja XLSX; escriba los resultados como CSV (--results NOMBRE.csv)"),
	"summary_json.cannot_write":   catalog.String("no se puede escribir el resumen %[1]s"),
	"cli.progress":                catalog.String("--progress %[1]q: use auto, always o never"),
	"run.xlsx.too_many_rows":      catalog.String("%[1]s tiene %[2]d filas, más de las que caben en una hoja XLSX (%[3]d): escriba los resultados como CSV con --results %[4]s"),
	"run.header.row":              catalog.String("la fila %[1]s"),
	"run.header.sheet_row":        catalog.String("la fila %[2]s de la hoja %[1]q"),
	"run.header.not_found":        catalog.String("%[1]s\n(ninguna de las primeras %[2]d filas tiene todas las columnas que nombra el mapeo; la que más se acercó fue %[3]s: si el encabezado está en otra fila, indíquela con --header-row N)"),
	"mapping.init.one_input":      catalog.String("mapping init recibe exactamente un archivo de entrada: wolkvox-import mapping init reuniones.xlsx"),
}
