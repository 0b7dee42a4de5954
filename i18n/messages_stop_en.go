package i18n

import (
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/message/catalog"
)

func init() { register(EN, stopEN) }

// stopEN: why the sender stopped a run, what it changed on the way (the notes of the
// summary), a row it gave up on, and a local file that could not be written (exit 3).
var stopEN = map[string]catalog.Message{
	"stop.no_connection":      catalog.String("no connection to the server: %[1]s; nothing was sent"),
	"stop.quota":              catalog.String("the token's daily allowance is spent (%[1]s): the rest is not_sent; re-run the same command when the allowance restarts%[2]s: rows already created are not sent again"),
	"stop.quota.restart_in":   catalog.String(" (in about %.0[1]f hours)"),
	"stop.lost_streak":        catalog.String("%[1]d answers in a row were lost (the last: %[2]s): the run stopped so as not to leave more rows uncertain; the rest is not_sent: re-run the same command when the server answers again (rows already created are not sent again)"),
	"stop.unreachable_streak": catalog.String("the server could not be reached %[1]d times in a row (the last: %[2]s): the rest is not_sent; re-run the same command when the server is reachable: rows already created are not sent again"),
	"stop.max_wait":           catalog.String("the server answered %[1]d asking to wait %[2]s (Retry-After) before the next request, longer than --max-wait %[3]s: the rest is not_sent; re-run the same command after %[4]s (or give a larger --max-wait): rows already created are not sent again"),

	"note.concurrency.simultaneous": catalog.String("the server refused simultaneous requests (%[1]s): concurrency lowered to %[2]d for the rest of the run"),
	"note.concurrency.overloaded":   catalog.String("the server answered %[1]d (overloaded): concurrency lowered to %[2]d for the rest of the run"),
	"note.rate.lowering":            catalog.String("the server answered %[1]d (overloaded): rate lowered to %.2[2]g requests/s until it keeps up again"),
	"note.rate.lowered": plural.Selectf(1, "%d",
		"=1", "the server answered overloaded (429/503): the rate was lowered %[1]d time, to %.3[2]g requests/s at the lowest, and was %.3[3]g at the end (--rate %[4]s)",
		"other", "the server answered overloaded (429/503): the rate was lowered %[1]d times, to %.3[2]g requests/s at the lowest, and was %.3[3]g at the end (--rate %[4]s)"),

	"row.gave_up": plural.Selectf(1, "%d",
		"=1", "gave up after %[1]d attempt: %[2]s",
		"other", "gave up after %[1]d attempts: %[2]s"),
	"ledger.not_sent.stopped":           catalog.String("not sent: the run stopped"),
	"ledger.not_sent.waiting_allowance": catalog.String("not sent: waiting for the daily allowance to restart"),

	"fault.what.results": catalog.String("the results sheet %[1]s"),
	"fault.what.ledger":  catalog.String("the ledger %[1]s"),
	"fault": plural.Selectf(3, "%d",
		"=1", "could not write %[1]s: %[2]s. Sending stopped at once: %[3]d row was sent before it. %[4]s",
		"other", "could not write %[1]s: %[2]s. Sending stopped at once: %[3]d rows were sent before it. %[4]s"),
	"fault.after.results": catalog.String("The ledger records each of them; no results sheet was written. Fix the cause (free disk space, make the folder writable, close %[1]s if a spreadsheet program has it open) and re-run the same command: it sends none of them again and rebuilds the results from the ledger"),
	"fault.after.ledger":  catalog.String("The results sheet %[1]s lists what happened to every row: keep it, it holds the ids of rows whose answer the ledger could not record. Fix the cause (free disk space) and re-run the same command: it sends only rows never sent and rebuilds the results from the ledger; rows whose answer was not recorded are reported uncertain (check them against this results sheet), never sent twice"),
	"fault.after.both":    catalog.String("Neither could the results sheet be written. Fix the cause (free disk space) and re-run the same command: it sends only rows never sent and rebuilds the results from the ledger; rows whose answer was not recorded are reported uncertain, never sent twice"),
}
