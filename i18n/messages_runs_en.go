package i18n

import (
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/message/catalog"
)

func init() { register(EN, runsEN) }

// runsEN: what a run says while it goes and when it is stopped: Ctrl-C, the progress
// line, the plan before sending, the sandbox.
var runsEN = map[string]catalog.Message{
	"stop.first.in_flight": plural.Selectf(1, "%d",
		"=1", "stopping: waiting for %[1]d request in flight (at most %[2]s); Ctrl-C again to quit now",
		"other", "stopping: waiting for %[1]d requests in flight (at most %[2]s); Ctrl-C again to quit now"),
	"stop.first": catalog.String("stopping: writing the results; Ctrl-C again to quit now"),
	"stop.quit.sending": plural.Selectf(1, "%d",
		"=0", "quit at once: the results sheet %[2]s was not written (an earlier one there is left as it was). Re-run the same command to rebuild it from the ledger: rows already created are not sent again",
		"=1", "quit at once: %[1]d request was in flight: its row stays uncertain (a re-run reports it, and does not send it again); the results sheet %[2]s was not written (an earlier one there is left as it was). Re-run the same command to rebuild it from the ledger: rows already created are not sent again",
		"other", "quit at once: %[1]d requests were in flight: their rows stay uncertain (a re-run reports them, and does not send them again); the results sheet %[2]s was not written (an earlier one there is left as it was). Re-run the same command to rebuild it from the ledger: rows already created are not sent again"),
	"stop.quit.unsent":  catalog.String("quit at once: nothing was sent; the results sheet %[1]s was not written"),
	"stop.quit.nothing": catalog.String("quit at once: nothing was sent"),

	// The progress line (and the bar's description).
	"progress.rows.of":   catalog.String("%[1]d/%[2]d rows"),
	"progress.rows":      plural.Selectf(1, "%d", "=1", "%[1]d row", "other", "%[1]d rows"),
	"progress.created":   catalog.String("created %[1]d"),
	"progress.earlier":   catalog.String("already imported %[1]d"),
	"progress.valid":     catalog.String("valid %[1]d"),
	"progress.invalid":   catalog.String("invalid %[1]d"),
	"progress.failed":    catalog.String("failed %[1]d"),
	"progress.uncertain": catalog.String("uncertain %[1]d"),
	"progress.not_sent":  catalog.String("not sent %[1]d"),
	"progress.changed":   catalog.String("changed %[1]d"),
	"progress.elapsed":   catalog.String("elapsed %[1]s"),
	"progress.rate":      catalog.String("%[1]s rows/s sent"),
	"progress.rate.read": catalog.String("%[1]s rows/s checked"),
	"progress.left":      catalog.String("about %[1]s left"),

	// The plan, before sending.
	"plan.rows":                plural.Selectf(1, "%d", "=1", "plan: %[1]d row, %[2]d to send", "other", "plan: %[1]d rows, %[2]d to send"),
	"plan.already":             catalog.String(", %[1]d already imported (not sent again)"),
	"plan.uncertain":           catalog.String(", %[1]d uncertain from an earlier run (not sent: settle them first, see wolkvox-import ledger)"),
	"plan.invalid":             catalog.String(", %[1]d invalid"),
	"plan.nothing":             catalog.String("nothing to send: no request is made"),
	"plan.at_rate":             catalog.String("at %[1]s rows/s about %[2]s"),
	"plan.at_concurrency":      catalog.String("with %[1]d in flight about %[2]s"),
	"plan.faster":              catalog.String("; the server allows %[1]d in flight: --rate 0 would take about %[2]s"),
	"plan.allowance.days":      catalog.String("the token has %[1]d calls left today (of %[2]d a day): %[3]d rows take %[4]d days of allowance; the allowance restarts in about %[5]s. Re-run the same command each day, or add --wait-for-allowance to wait for each restart and go on"),
	"plan.allowance.days.wait": catalog.String("the token has %[1]d calls left today (of %[2]d a day): %[3]d rows take %[4]d days of allowance; the allowance restarts in about %[5]s, and the run waits for each restart and goes on (Ctrl-C stops it; re-running the same command continues)"),
	"allowance.waiting":        catalog.String("the daily allowance is spent: waiting until %[1]s (about %[2]s) for it to restart, then going on (--wait-for-allowance); Ctrl-C stops the run, and re-running the same command continues"),
	"allowance.waited":         plural.Selectf(1, "%d", "=1", "the run waited once for the daily allowance to restart (--wait-for-allowance)", "other", "the run waited %[1]d times for the daily allowance to restart (--wait-for-allowance)"),
	"progress.waiting":         catalog.String("waiting for the daily allowance: going on at %[1]s"),
	// Uncertain rows, settled one by one.
	"summary.failed_file.settle": plural.Selectf(2, "%d", "=1", "  rows to settle or send: %[1]s (%[2]d row: settle each uncertain row there, then import that file)",
		"other", "  rows to settle or send: %[1]s (%[2]d rows: settle each uncertain row there, then import that file)"),
	"summary.advice.uncertain.settle": plural.Selectf(1, "%d",
		"=1", "%[1]d row is uncertain: the server may have created it without answering. Look for it in Wolkvox (its subject, start and record are in %[4]s), then in %[2]s type its id in %[3]s if it is there, or no if it is not, and import that file: it is recorded as created, or sent (--retry-uncertain sends every uncertain row, at the risk of a duplicate)",
		"other", "%[1]d rows are uncertain: the server may have created them without answering. Look for each in Wolkvox (its subject, start and record are in %[4]s), then in %[2]s type its id in %[3]s if it is there, or no if it is not, and import that file: each is recorded as created, or sent (--retry-uncertain sends every uncertain row, at the risk of duplicates)"),
	"uncertain.search":          catalog.String("look for it in Wolkvox: %[1]s"),
	"uncertain.subject":         catalog.String("subject «%[1]s»"),
	"uncertain.start":           catalog.String("start %[1]s"),
	"uncertain.record":          catalog.String("record %[1]s"),
	"uncertain.settle":          catalog.String("if it is there, type its id in %[1]s; if not, type no there; then import the failed-rows file"),
	"uncertain.earlier":         catalog.String("sent on %[1]s but no answer was recorded, so the meeting may exist"),
	"uncertain.recorded":        catalog.String("recorded as created with id %[1]s, as typed in %[2]s: not sent"),
	"uncertain.not_found":       catalog.String("marked not created in %[1]s: sent again"),
	"ledger.uncertain.none":     catalog.String("no uncertain rows: every row sent got its answer"),
	"ledger.uncertain.head":     plural.Selectf(1, "%d", "=1", "%[1]d uncertain row (sent, no answer recorded: the meeting may exist in Wolkvox):", "other", "%[1]d uncertain rows (sent, no answer recorded: the meeting may exist in Wolkvox):"),
	"ledger.uncertain.row":      catalog.String("  %[1]s  %[2]s row %[3]d: %[4]s"),
	"ledger.uncertain.no_terms": catalog.String("no answer recorded (look for it by the row in its sheet)"),
	"ledger.uncertain.how":      catalog.String("Settle each in the failed-rows file of its import: type the id found in Wolkvox in %[1]s, or no if it is not there, then import that file."),
	"plan.faster.concurrency":   catalog.String("; with %[1]d in flight, --rate 0 would take about %[2]s"),
	// The command line's conventions.
	"cli.unknown_flag":     catalog.String("unknown flag %[1]s"),
	"cli.see_help":         catalog.String("see: %[1]s --help"),
	"cli.unknown_command":  catalog.String("unknown command %[1]q"),
	"cli.rate":             catalog.String("--rate %[1]v: give the requests per second, 0 or more (0: no limit)"),
	"cli.concurrency":      catalog.String("--concurrency %[1]d: give the requests in flight at once, 1 or more (Wolkvox allows 2)"),
	"cli.burst":            catalog.String("--burst %[1]d: give 1 or more"),
	"cli.retries":          catalog.String("--retries %[1]d: give 0 or more"),
	"cli.completion.usage": catalog.String("completion takes one shell: bash, zsh, fish or powershell"),
	"summary.sandbox":      catalog.String("  that server is the built-in sandbox: nothing reached Wolkvox; its meetings and ledger are kept in %[1]s (--sandbox-reset forgets them)"),
}
