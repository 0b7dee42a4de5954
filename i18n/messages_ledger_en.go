package i18n

import (
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/message/catalog"
)

func init() { register(EN, ledgerEN) }

// ledgerEN: what the ledger says of its file: damaged, in use.
var ledgerEN = map[string]catalog.Message{
	"ledger.damaged.empty":         catalog.String("the file is empty (0 bytes): a failed copy, a full disk or a crash emptied it"),
	"ledger.damaged.truncated":     catalog.String("the file is cut short (%[1]s)"),
	"ledger.damaged.not_ledger":    catalog.String("the file holds no ledger header and no ledger entries (%[1]s): --ledger may name another kind of file, or the ledger was overwritten"),
	"ledger.damaged.corrupt":       catalog.String("its pages are corrupted (%[1]s)"),
	"ledger.damaged.none_readable": catalog.String("No entry can be read from it any more"),
	"ledger.damaged.readable":      plural.Selectf(1, "%d", "=1", "%[1]d entry can still be read", "other", "%[1]d entries can still be read"),
	"ledger.damaged": catalog.String("ledger %[1]s is damaged: %[2]s. It is left as it is, and nothing is sent with it. " +
		"Do not start a fresh ledger in its place (deleting it, or a new --ledger FILE): a fresh ledger would send again every meeting this one remembers, creating duplicates. " +
		"%[3]s: export them with `wolkvox-import ledger --salvage --ledger %[1]s > ledger-salvage.csv` (it reads the file page by page on its own, and never modifies it), " +
		"then restore the ledger from a backup, or compare the export with Wolkvox before importing again"),
	"ledger.in_use":         catalog.String("ledger %[1]s: the ledger is in use by another wolkvox-import run that kept it locked too long; wait for it to finish, or give this run its own --ledger FILE (%[2]s)"),
	"ledger.file":           catalog.String("ledger %[1]s"),
	"ledger.no_place":       catalog.String("cannot find a place for the ledger (no home folder): set --ledger FILE"),
	"ledger.not_regular":    catalog.String("it is not a regular file: give --ledger FILE"),
	"ledger.migrate.keep":   catalog.String("keeping the old (bbolt) ledger as %[1]s before carrying it over"),
	"ledger.migrate.failed": catalog.String("carrying the old (bbolt) ledger over to SQLite failed; the old file is unchanged"),
	"ledger.newer":          catalog.String("this ledger was written by a newer wolkvox-import (schema %[1]d; this one knows %[2]d): use that version, or give this run its own --ledger FILE"),
}
