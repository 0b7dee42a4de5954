package i18n

import "golang.org/x/text/message/catalog"

func init() { register(EN, helpMoreEN) }

// helpMoreEN: the other commands' --help (their text and each flag's), the program's
// usage, and how the flag package's lists are worded: a value's type, its default.
var helpMoreEN = map[string]catalog.Message{
	"flag.default":               catalog.String(" (default %[1]s)"),
	"flag.type.int":              catalog.String("int"),
	"flag.type.uint":             catalog.String("uint"),
	"flag.type.int64":            catalog.String("int64"),
	"flag.type.uint64":           catalog.String("uint64"),
	"flag.type.float":            catalog.String("float"),
	"flag.type.string":           catalog.String("string"),
	"flag.type.duration":         catalog.String("duration"),
	"flag.type.value":            catalog.String("value"),
	"help.usage":                 catalog.String("wolkvox-import: bulk-import meetings from CSV and XLSX files into Wolkvox CRM.\n\nUsage:\n  wolkvox-import import [flags] INPUT      import INPUT (.csv or .xlsx)\n  wolkvox-import sandbox [--listen ADDR]   run the local Wolkvox stand-in\n  wolkvox-import serve [--sandbox]         the page for back-office staff, in the browser\n  wolkvox-import mapping init INPUT        write a starter mapping from INPUT's headers\n  wolkvox-import ledger [--ledger FILE]    what was imported, when, with which ids (CSV)\n  wolkvox-import completion SHELL          shell completion: bash, zsh, fish, powershell\n  wolkvox-import version\n\nTry it (no server, no token needed):\n  wolkvox-import import --sandbox --mapping samples/mapping.yaml samples/meetings.xlsx\n\nRun \"wolkvox-import import --help\" for the import flags.\n"),
	"help.completion":            catalog.String("Usage: wolkvox-import completion bash|zsh|fish|powershell\n\nWrites the shell's completion script on stdout. For example:\n  wolkvox-import completion bash > ~/.local/share/bash-completion/completions/wolkvox-import\n  wolkvox-import completion zsh > \"%[1]s\"\n  wolkvox-import completion fish > ~/.config/fish/completions/wolkvox-import.fish\n  wolkvox-import completion powershell >> $PROFILE\n"),
	"help.sandbox":               catalog.String("Usage: wolkvox-import sandbox [flags]\n\nA local stand-in of Wolkvox's insert and tokenInformation APIs, with switchable faults.\nIt accepts the token in WOLKVOX_TOKEN if set, else any token. It forgets everything when\nit stops (import --sandbox keeps its meetings: see import --help, --sandbox-reset).\n\nExample:\n  wolkvox-import sandbox --listen 127.0.0.1:8080 --faults \"429:1,ok*5,500\"\n  WOLKVOX_TOKEN=x wolkvox-import import --server http://127.0.0.1:8080 --operation demo sheet.csv\n\nFlags:\n"),
	"help.sandbox.admin":         catalog.String("\nAdmin endpoints (to inspect and steer it from tests or a shell):\n  GET  /sandbox/records    the meetings created, as JSON (wolkvox_id, operation, fields, created_at)\n  GET  /sandbox/requests   every insert request received, with its status, fault, arrival and answer times\n  POST /sandbox/faults     the body is a fault script (below) that replaces the queued one\n  POST /sandbox/reset      forget records, requests, queued faults and daily counts\nThey take no token. For example:\n  curl -s http://127.0.0.1:8080/sandbox/records\n  curl -s -d '429:2,ok*3,drop' http://127.0.0.1:8080/sandbox/faults\n\nFaults (--faults, or POST /sandbox/faults), e.g. \"429:1,ok*5,500\":\n  ok               answer normally\n  429[:S]          429, Retry-After: S seconds (none without :S), nothing created\n  429date:S        429, Retry-After as an HTTP-date at least S seconds ahead\n  503[:S], 503date:S   the same with 503\n  500, 502, 504    that status (502 and 504 with a proxy's HTML page), nothing created\n  slow:D           create normally, then wait the Go duration D before answering\n  drop             create normally, then close the connection without an answer\n  dropbefore       close the connection without an answer, nothing created\n  malformed        200 with a body that is not JSON, nothing created\n  noid             200 success without data.wolkvox_id, nothing created\n  code500body      HTTP 200 with body code \"500\" (a string), nothing created\n  badrequest, badtoken, notoken, noapi, quota, simultaneous\n                   the documented Wolkvox error, nothing created\n  echotoken        400 whose msg echoes the Wolkvox-Token header, nothing created\n  phpwarning       create normally, answer a PHP warning before the JSON\n  huge             create normally, answer the JSON followed by 2 MiB of padding\n  lost502, lost504 create normally, then a gateway's 502/504 page instead of the answer\n  NAME*N           the entry N times; entries are separated by commas and consumed one\n                   per insert request, in arrival order; then requests are answered normally\n"),
	"flag.sandbox.listen":        catalog.String("`ADDR` to listen on (loopback)"),
	"flag.sandbox.latency":       catalog.String("added before every answer"),
	"flag.sandbox.faults":        catalog.String("fault script, e.g. \"429:2,500,drop,ok*10\""),
	"flag.sandbox.max-in-flight": catalog.String("simultaneous requests per token before 403 (negative: no limit)"),
	"flag.sandbox.daily-limit":   catalog.String("calls per token per day (0: unlimited)"),
	"flag.sandbox.quiet":         catalog.String("do not log each request"),
	"sandbox.listening":          catalog.String("sandbox listening on %[1]s (insert API at %[1]s/server/API/v2/custom/insert.php); Ctrl-C stops it"),
	"help.serve":                 catalog.String("Usage: wolkvox-import serve [--listen 127.0.0.1:0] [--no-open] [--sandbox]\n\nA page in the browser to import a sheet step by step: open it, match its columns,\ncheck every row, import, download the results. It listens on this computer only;\nits address, with a secret, is the first line printed. Ctrl-C stops it.\n\nTry it (no server, no token needed):\n  wolkvox-import serve --sandbox\n\nEnvironment: WOLKVOX_TOKEN, WOLKVOX_SERVER, WOLKVOX_OPERATION.\n\nFlags:\n"),
	"flag.serve.listen":          catalog.String("loopback `ADDR` to listen on (port 0: any free port)"),
	"flag.serve.no-open":         catalog.String("do not open the browser"),
	"flag.serve.sandbox":         catalog.String("start the built-in sandbox and offer it as the server"),
	"flag.serve.lang":            catalog.String("the page's language when the browser asks for none: es or en (default: the user's locale)"),
	"flag.serve.ledger":          catalog.String("local ledger `FILE` (default: ~/.local/state/wolkvox-import/ledger.db; with --sandbox, one that forgets when the page stops)"),
	"help.ledger":                catalog.String("Usage: wolkvox-import ledger [--ledger FILE] [--input TEXT] [--since DATE] [--state STATE] [--subject TEXT] [--salvage | --uncertain] > history.csv\n\nWrites every row the ledger remembers as CSV, oldest first: when it was sent (with the\ntime zone), its state and the results' status word (in --lang), its wolkvox_id, the\nmeeting's subject, the server, operation, input file and row; --input, --since, --state\nand --subject choose the rows.\n\nWith --uncertain, lists the rows sent without an answer recorded (the meeting may exist),\neach with what to look for in Wolkvox (subject, start, record) and how to settle it.\n\nWith --salvage, reads a damaged ledger (one an import refused) page by page, without\nlocking or changing it, and writes every entry it can still read in the same columns.\n\nFlags:\n"),
	"flag.ledger.salvage":        catalog.String("read what can still be read from a damaged ledger, page by page, without changing it"),
	"flag.ledger.uncertain":      catalog.String("list the uncertain rows (sent, no answer recorded) with what to look for in Wolkvox, and how to settle them"),
	"flag.ledger.lang":           catalog.String("language of --uncertain and of the status words: es or en (default: the user's locale)"),
	"flag.ledger.input":          catalog.String("only the rows of input files whose name holds `TEXT` (any case)"),
	"flag.ledger.since":          catalog.String("only the rows sent on or after `DATE` (YYYY-MM-DD, this machine's time)"),
	"flag.ledger.state":          catalog.String("only the rows in `STATE`: created, failed or uncertain (sent, no answer recorded)"),
	"help.mapping_init":          catalog.String("Usage: wolkvox-import mapping init [flags] INPUT\n\nReads INPUT's headers and writes a commented starter mapping: the columns it matched to\nWolkvox fields, and the ones it could not.\n\nExample:\n  wolkvox-import mapping init -o mapping.yaml reuniones.xlsx\n\nFlags:\n"),
	"help.mapping.usage":         catalog.String("usage: wolkvox-import mapping init [flags] INPUT\n"),
	"flag.mapping_init.o":        catalog.String("write the mapping to `FILE` (default: standard output); an existing file is never overwritten"),
	"flag.mapping_init.lang":     catalog.String("language of the mapping's comments: es or en (default: the user's locale)"),
}
