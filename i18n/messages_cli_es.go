package i18n

import "golang.org/x/text/message/catalog"

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
}
