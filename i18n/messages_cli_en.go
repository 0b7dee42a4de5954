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
	"mapping.init.exists":       catalog.String("(choose another -o FILE, or move the old one away)"),
	"mapping.init.wrote":        catalog.String("wrote %[1]s: check it, then try: wolkvox-import import --dry-run --mapping %[1]s %[2]s"),
	"mapping.init.unmatched":    catalog.String("columns no field uses: %[1]s"),
	"cli.log_format":            catalog.String("--log-format %[1]q: use text or json"),
	"cli.ledger.migrated":       catalog.String("note: the ledger %[1]s was in the old format (bbolt); every entry was carried over to the new one (SQLite), and the old file is kept, unchanged, as %[2]s"),
	"cli.token.env.bad":         catalog.String("WOLKVOX_TOKEN %[1]s: set it to the token alone"),
	"cli.token_file.unreadable": catalog.String("--token-file %[1]s cannot be read (%[2]s): give the name of a file that holds the token (or set WOLKVOX_TOKEN)"),
	"cli.token_file.bad":        catalog.String("--token-file %[1]s %[2]s: put only the token in the file, on its first line"),
	"cli.token_file.empty":      catalog.String("--token-file %[1]s is empty: put the token on its first line"),
	"cli.token_file.hidden":     catalog.String("(the value given is not shown: it does not look like a file name, and may be the token itself)"),
	"cli.token.lines":           catalog.String("holds more than one line (line %[1]d is not empty)"),
	"cli.token.control":         catalog.String("holds a control character (code %[1]d at character %[2]d), which an HTTP header cannot carry"),
	"cli.server.token":          catalog.String("--server (or WOLKVOX_SERVER) holds the token itself (not shown): give the Wolkvox host there, such as wv0001.wolkvox.com, and the token in WOLKVOX_TOKEN or --token-file"),
	"cli.server.not_host":       catalog.String("--server (or WOLKVOX_SERVER) is not a host name (not shown, in case it is the token): give the Wolkvox host, such as wv0001.wolkvox.com"),
	"cli.duration.zero":         catalog.String("%[1]q: give a duration above zero, such as 30s or 10m"),
	"cli.duration.no_unit":      catalog.String("%[1]q has no unit: write %[1]ss for seconds (or %[1]sm for minutes)"),
	"cli.duration.bad":          catalog.String("%[1]q is not a duration: write it as 30s, 10m or 1h30m"),
	"cli.header_row":            catalog.String("--header-row %[1]d: give the header's row number, 1 or more (or leave it out to find the header)"),
	"cli.delimiter":             catalog.String("--delimiter %[1]q: use one of , ; tab |"),
	"cli.unexpected_argument":   catalog.String("unexpected argument %[1]q"),
	"cli.invalid_value":         catalog.String("invalid value %[1]s for flag %[2]s: %[3]s"),
	"cli.needs_argument":        catalog.String("flag needs an argument: %[1]s"),
	"cli.lang":                  catalog.String("--lang %[1]q: use es or en"),
	"ledger.since":              catalog.String("--since %[1]q: give a day as YYYY-MM-DD, such as 2026-11-24"),
	"ledger.state":              catalog.String("--state %[1]q: use created, failed or uncertain"),
}
