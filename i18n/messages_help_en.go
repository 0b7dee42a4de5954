package i18n

import "golang.org/x/text/message/catalog"

func init() { register(EN, helpEN) }

// helpEN: the import command's --help (its text and each flag's).
var helpEN = map[string]catalog.Message{
	"flag.import.allow-duplicates":   catalog.String("send rows even when the ledger says they were already created"),
	"flag.import.burst":              catalog.String("requests allowed at once above the rate"),
	"flag.import.concurrency":        catalog.String("requests in flight at once (Wolkvox allows 2 per token)"),
	"flag.import.delimiter":          catalog.String("CSV delimiter: , ; tab | (default: detected)"),
	"flag.import.dry-run":            catalog.String("read, map and validate every row and write the results sheet; send nothing"),
	"flag.import.encoding":           catalog.String("CSV encoding: utf-8, utf-16, windows-1252 (default: detected)"),
	"flag.import.header-row":         catalog.String("the header is row `N` (default: found among the first 50 rows)"),
	"flag.import.lang":               catalog.String("language of messages and results: es or en (default: the user's locale)"),
	"flag.import.ledger":             catalog.String("local ledger `FILE` (default: ~/.local/state/wolkvox-import/ledger.db)"),
	"flag.import.log-format":         catalog.String("log lines on stderr as text or json"),
	"flag.import.mapping":            catalog.String("YAML mapping `FILE`; without it, headers are matched to fields by name"),
	"flag.import.max-wait":           catalog.String("the longest Retry-After to wait out, a `duration`; the server asking for more stops the run (rest not_sent)"),
	"flag.import.operation":          catalog.String("Wolkvox operation `NAME`, overrides the mapping's (env WOLKVOX_OPERATION)"),
	"flag.import.progress":           catalog.String("progress on stderr: auto (a bar on a terminal, else a line every 10 s), always, never"),
	"flag.import.rate":               catalog.String("requests per second at most (0 = no limit)"),
	"flag.import.results":            catalog.String("results sheet `FILE` (default: NAME.results.xlsx/.csv next to INPUT)"),
	"flag.import.resume":             catalog.String("finish an interrupted run of the same input (re-running does the same)"),
	"flag.import.retries":            catalog.String("retries of a retryable failure (overload, network)"),
	"flag.import.retry-uncertain":    catalog.String("re-send rows whose earlier attempt got no answer (risk: a duplicate)"),
	"flag.import.sandbox":            catalog.String("start the built-in sandbox on this machine and import into it; its meetings and its ledger are kept in the state directory, so a re-run remembers them"),
	"flag.import.sandbox-reset":      catalog.String("with --sandbox: forget the sandbox's meetings and ledger first"),
	"flag.import.server":             catalog.String("Wolkvox `HOST` or URL (env WOLKVOX_SERVER)"),
	"flag.import.sheet":              catalog.String("XLSX sheet `NAME` (default: the first visible sheet)"),
	"flag.import.skip-hidden-rows":   catalog.String("leave out rows hidden in the sheet (default: imported, and counted in the summary)"),
	"flag.import.summary-json":       catalog.String("also write the run's summary as JSON to `FILE` (for scheduled jobs)"),
	"flag.import.timeout":            catalog.String("per-request timeout, a `duration` such as 30s or 2m"),
	"flag.import.token-file":         catalog.String("read the token from `FILE` (else env WOLKVOX_TOKEN)"),
	"flag.import.verbose":            catalog.String("log every request's outcome on stderr"),
	"flag.import.wait-for-allowance": catalog.String("when the token's daily allowance is spent, wait until it restarts and go on (Ctrl-C stops), instead of stopping"),
	"help.import":                    catalog.String("Usage: wolkvox-import import [flags] INPUT\n\nReads every row of INPUT (.csv or .xlsx), maps it to a Wolkvox meeting, sends it, and\nwrites a results sheet (NAME.results.xlsx/.csv) with each row's wolkvox_id or error.\n\nExamples:\n  # try it against the built-in sandbox\n  wolkvox-import import --sandbox --mapping samples/mapping.yaml samples/meetings.xlsx\n  # check a sheet without sending anything\n  wolkvox-import import --dry-run --mapping mapping.yaml reuniones.xlsx\n  # a real import (the token comes from the environment, never from a flag)\n  export WOLKVOX_TOKEN=...   # or: --token-file ~/.wolkvox-token\n  wolkvox-import import --server wv0001.wolkvox.com --mapping mapping.yaml reuniones.xlsx\n\nEnvironment: WOLKVOX_TOKEN, WOLKVOX_SERVER, WOLKVOX_OPERATION.\n\nFlags:\n"),
}
