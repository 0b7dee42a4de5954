package i18n

import (
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/message/catalog"
)

func init() { register(EN, cliEN) }

// cliEN: the command line's own messages.
var cliEN = map[string]catalog.Message{
	"cli.input.hidden":                catalog.String("error: the INPUT file given was not found (its name is not shown: it does not look like a file name, and may be the token itself); give the .xlsx or .csv file, and the token in WOLKVOX_TOKEN or --token-file"),
	"run.operation.placeholder":       catalog.String("the mapping's operation is still %[1]s: write your Wolkvox operation's name after operation: before importing"),
	"cli.token.flag":                  catalog.String("the token is never accepted as a flag (it would stay in shell history and process lists): set WOLKVOX_TOKEN, or put it in a file and use --token-file FILE"),
	"cli.import.one_input":            catalog.String("import takes exactly one INPUT file (got %[1]d): wolkvox-import import [flags] FILE.xlsx"),
	"cli.token.missing":               catalog.String("no token: set WOLKVOX_TOKEN, or give --token-file FILE (to try the tool without one, use --sandbox or --dry-run)"),
	"run.operation.missing":           catalog.String("no operation: write `operation: NAME` in the mapping file, or give --operation NAME (or WOLKVOX_OPERATION)"),
	"run.operation.still_placeholder": catalog.String("the mapping's operation is still %[1]s: write your Wolkvox operation's name after operation: in the mapping file, or give --operation NAME"),
	"row.same_meeting":                catalog.String("same meeting as row %[1]s (every field sent is identical): not sent twice; if it is a second meeting, change a field, or use --allow-duplicates"),
	"row.already_imported":            catalog.String("already imported on %[1]s (row %[2]s of %[3]s); not sent again"),
	"row.not_sent.fault":              catalog.String("not sent: the run stopped because %[1]s could not be written; re-run the same command once that is fixed"),
	"row.not_sent.because":            catalog.String("not sent: %[1]s"),
	"row.not_sent.quota":              catalog.String("not sent: the token's daily allowance is spent; re-run the same command when it restarts"),
	"row.not_sent.stopped":            catalog.String("not sent: the run stopped: %[1]s"),
	"row.not_sent.interrupted":        catalog.String("not sent: the import was interrupted; re-run the same command to send it"),
	"serve.listen.bad":                catalog.String("--listen %[1]q: %[2]s (e.g. 127.0.0.1:8765)"),
	"serve.listen.not_loopback":       catalog.String("--listen %[1]q: the page listens on this computer only: use 127.0.0.1:PORT (or [::1]:PORT)"),
	"serve.open":                      catalog.String("the page is open at the address above (on this computer only); Ctrl-C stops it"),
	"ledger.none":                     catalog.String("error: no ledger at %[1]s: nothing was imported from this account yet, or give --ledger FILE"),
	"ledger.salvaged": plural.Selectf(1, "%d",
		"=1", "salvaged %[1]d entry from %[2]s (%[3]d pages read, %[4]d of them holding entries; %[5]d unreadable entries skipped); %[2]s was not changed",
		"other", "salvaged %[1]d entries from %[2]s (%[3]d pages read, %[4]d of them holding entries; %[5]d unreadable entries skipped); %[2]s was not changed"),
	"mapping.init.exists":    catalog.String("(choose another -o FILE, or move the old one away)"),
	"mapping.init.wrote":     catalog.String("wrote %[1]s: check it, then try: wolkvox-import import --dry-run --mapping %[1]s %[2]s"),
	"mapping.init.unmatched": catalog.String("columns no field uses: %[1]s"),
}
