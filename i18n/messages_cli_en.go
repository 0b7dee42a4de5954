package i18n

import "golang.org/x/text/message/catalog"

func init() { register(EN, cliEN) }

// cliEN: the command line's own messages.
var cliEN = map[string]catalog.Message{
	"cli.input.hidden":          catalog.String("error: the INPUT file given was not found (its name is not shown: it does not look like a file name, and may be the token itself); give the .xlsx or .csv file, and the token in WOLKVOX_TOKEN or --token-file"),
	"run.operation.placeholder": catalog.String("the mapping's operation is still %[1]s: write your Wolkvox operation's name after operation: before importing"),
}
