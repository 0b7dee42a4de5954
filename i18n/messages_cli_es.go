package i18n

import "golang.org/x/text/message/catalog"

func init() { register(ES, cliES) }

// cliES: los mensajes propios de la línea de comandos.
var cliES = map[string]catalog.Message{
	"cli.input.hidden":          catalog.String("error: no se encontró el archivo de entrada indicado (su nombre no se muestra: no parece un nombre de archivo y podría ser el token mismo); indique el archivo .xlsx o .csv, y el token en WOLKVOX_TOKEN o --token-file"),
	"run.operation.placeholder": catalog.String("la operación del mapeo sigue siendo %[1]s: escriba el nombre de su operación de Wolkvox después de operation: antes de importar"),
}
