package i18n

import "golang.org/x/text/message/catalog"

func init() { register(ES, reportES) }

// reportES: las hojas del libro de resultados y la hoja Resumen.
var reportES = map[string]catalog.Message{
	"sheet.results":                catalog.String("Resultados"),
	"sheet.failed":                 catalog.String("Filas por corregir"),
	"sheet.summary":                catalog.String("Resumen"),
	"sheet.summary.title":          catalog.String("Resumen de la importación"),
	"sheet.summary.input":          catalog.String("Archivo de entrada"),
	"sheet.summary.sheet":          catalog.String("Hoja"),
	"sheet.summary.header_row":     catalog.String("Fila de encabezados"),
	"sheet.summary.mapping":        catalog.String("Archivo de mapeo"),
	"sheet.summary.mapping.none":   catalog.String("ninguno: columnas asociadas a los campos por su encabezado"),
	"sheet.summary.server":         catalog.String("Servidor"),
	"sheet.summary.server.none":    catalog.String("ninguno: prueba sin envío, no se envió nada"),
	"sheet.summary.operation":      catalog.String("Operación"),
	"sheet.summary.started":        catalog.String("Inicio"),
	"sheet.summary.finished":       catalog.String("Fin"),
	"sheet.summary.duration":       catalog.String("Duración"),
	"sheet.summary.rate":           catalog.String("Filas enviadas por segundo"),
	"sheet.summary.requests":       catalog.String("Solicitudes"),
	"sheet.summary.retries":        catalog.String("Reintentos"),
	"sheet.summary.results":        catalog.String("Hoja de resultados"),
	"sheet.summary.to_fix":         catalog.String("Filas por corregir"),
	"sheet.summary.to_fix.dry_run": catalog.String("no se escriben en una prueba sin envío: corrija las filas inválidas en el archivo de entrada"),
	"sheet.summary.to_fix.removed": catalog.String("ninguna; se eliminó %[1]s, que dejó una ejecución anterior"),
	"sheet.summary.none":           catalog.String("ninguno"),
	"sheet.summary.outcome":        catalog.String("Resultado"),
	"sheet.summary.note":           catalog.String("Nota"),
	"sheet.summary.status":         catalog.String("Estado"),
	"sheet.summary.rows":           catalog.String("Filas"),
	"sheet.summary.total":          catalog.String("Total"),
	"sheet.summary.problem":        catalog.String("Problema"),
	"sheet.summary.first_rows":     catalog.String("Primeras filas"),
	"sheet.summary.fix":            catalog.String("Corrección en el mapeo"),
	"sheet.summary.other":          catalog.String("otros problemas, no listados uno por uno: filtre la columna error_importacion en la hoja de resultados"),
}
