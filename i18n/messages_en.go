package i18n

import (
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/message/catalog"
)

// en is the English catalog. Keys say what a message is about; every key is in es too.
func init() { register(EN, en) }

var en = map[string]catalog.Message{
	// Status words and the columns the results add.
	"status.created":       catalog.String("created"),
	"status.invalid":       catalog.String("invalid"),
	"status.failed":        catalog.String("failed"),
	"status.uncertain":     catalog.String("uncertain"),
	"status.not_sent":      catalog.String("not_sent"),
	"status.valid":         catalog.String("valid"),
	"status.changed":       catalog.String("changed"),
	"column.source_row":    catalog.String("source_row"),
	"column.import_status": catalog.String("import_status"),
	"column.wolkvox_id":    catalog.String("wolkvox_id"),
	"column.import_error":  catalog.String("import_error"),
	"column.generated":     catalog.String("column %[1]s"),

	"rows": plural.Selectf(1, "%d", "=1", "%[1]d row", "other", "%[1]d rows"),
}
