package i18n

import (
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/message/catalog"
)

func init() { register(EN, keyEN) }

// keyEN: a meeting's key (mapping key:), and the rows whose meeting changed since it
// was imported (status changed, --on-change).
var keyEN = map[string]catalog.Message{
	"starter.key.1":                  catalog.String("# The fields that tell one meeting from another (these by default): a row uploaded"),
	"starter.key.2":                  catalog.String("# again with the same ones and another value is reported changed, not created twice."),
	"flag.ledger.subject":            catalog.String("only the meetings whose subject holds `TEXT` (any case, with or without accents)"),
	"row.hidden.skipped":             catalog.String("hidden in the sheet: left out (--skip-hidden-rows)"),
	"changed.same_key_problem":       catalog.String("the same meeting as an earlier row of the sheet (the same %[1]s) with other values: keep one, or add to key: the field that tells them apart"),
	"mapping.key.empty":              catalog.String("key: lists no field; write the API fields that tell one meeting from another, e.g. key: [name, start_date, id_record]"),
	"mapping.key.not_field":          catalog.String("key: lists API fields by name (%[1]s)"),
	"mapping.key.unknown_field":      catalog.String("key: %[1]s is not an API field; API fields are: %[2]s"),
	"mapping.key.unknown_field_near": catalog.String("key: %[1]s is not an API field; did you mean %[2]s?"),
	"mapping.key.field_twice":        catalog.String("key: %[1]s is listed twice; keep one"),
	"mapping.key.not_filled":         catalog.String("key: %[1]s is not under fields:, so every row would have it empty; map it, or take it out of key:"),

	"flag.import.on-change": catalog.String("a row whose meeting was imported before (same key) with other values: skip (report it changed, send nothing) or create (send it as a new meeting)"),
	"cli.on_change":         catalog.String("--on-change %[1]q: write skip (a changed row is reported, not sent) or create (sent as a new meeting)"),

	"row.changed": plural.Selectf(1, "%d",
		"=1", "%[2]s changed since the meeting was imported on %[3]s as id %[4]s (row %[5]s of %[6]s): update it in Wolkvox, or re-run with --on-change create to create a new meeting",
		"other", "%[2]s changed since the meeting was imported on %[3]s as id %[4]s (row %[5]s of %[6]s): update it in Wolkvox, or re-run with --on-change create to create a new meeting"),
	"row.same_key":    catalog.String("the same meeting as row %[1]s (the same %[2]s) with other values: %[3]s; keep one of the two rows, or add to the mapping's key: the field that tells them apart (--on-change create sends both)"),
	"changed.field":   catalog.String("%[1]s (now \"%[2]s\")"),
	"changed.unknown": catalog.String("its content"),
	"changed.yes":     catalog.String("yes"),
	"changed.no":      catalog.String("no"),
	"changed.and":     catalog.String("%[1]s and %[2]s"),
	"changed.problem": catalog.String("changed since the meeting was imported; not sent"),
	"plan.changed":    plural.Selectf(1, "%d", "=1", ", %[1]d changed since it was imported (not sent: see --on-change)", "other", ", %[1]d changed since they were imported (not sent: see --on-change)"),

	"summary.dry.earlier": plural.Selectf(1, "%d",
		"=1", "  %[1]d of them was already imported (on %[2]s, the first): an import would not send it again",
		"other", "  %[1]d of them were already imported (on %[2]s, the first): an import would not send them again"),
	"summary.first.rows":    plural.Selectf(2, "%d", "=1", "%[1]s, %[2]d row", "other", "%[1]s, %[2]d rows"),
	"summary.first.new":     plural.Selectf(1, "%d", "=1", ": %[1]d new meeting created", "other", ": %[1]d new meetings created"),
	"summary.first.earlier": plural.Selectf(1, "%d", "=1", "; %[1]d already imported on %[2]s, not sent again", "other", "; %[1]d already imported on %[2]s, not sent again"),
	"summary.first.changed": plural.Selectf(1, "%d", "=1", "; %[1]d changed since it was imported, not sent", "other", "; %[1]d changed since they were imported, not sent"),
	"summary.advice.changed": plural.Selectf(1, "%d",
		"=1", "%[1]d row changed since its meeting was imported, and was not sent: update the meeting in Wolkvox (%[2]s holds its id, %[3]s what changed), or re-run with --on-change create to create it as a new meeting",
		"other", "%[1]d rows changed since their meetings were imported, and were not sent: update those meetings in Wolkvox (%[2]s holds their ids, %[3]s what changed), or re-run with --on-change create to create them as new meetings"),
}
