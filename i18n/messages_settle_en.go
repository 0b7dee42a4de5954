package i18n

import (
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/message/catalog"
)

func init() { register(EN, settleEN) }

// settleEN: the page's list of uncertain rows, settled one by one.
var settleEN = map[string]catalog.Message{
	"page.settle.title": catalog.String("Rows to settle"),
	"page.settle.intro": catalog.String("These rows were sent but no answer came: the meeting may exist. Look for each one in Wolkvox, then type the id you found, or say it is not there (the next import sends it)."),
	"page.settle.more": plural.Selectf(1, "%d", "=1", "and %[1]d more: wolkvox-import ledger --uncertain lists them all",
		"other", "and %[1]d more: wolkvox-import ledger --uncertain lists them all"),
	"page.settle.look":      catalog.String("Look for"),
	"page.settle.row":       catalog.String("Row"),
	"page.settle.id":        catalog.String("Id found in Wolkvox"),
	"page.settle.created":   catalog.String("It exists: record it"),
	"page.settle.not_there": catalog.String("It is not in Wolkvox"),
	"page.settle.done_id":   catalog.String("Row %[1]d of %[2]s recorded as created with id %[3]s: it will not be sent again."),
	"page.settle.done_no":   catalog.String("Row %[1]d of %[2]s recorded as not created: the next import of that sheet sends it."),
	"page.settle.no_id":     catalog.String("Type the id you found in Wolkvox, or press \"It is not in Wolkvox\"."),
	"page.settle.gone":      catalog.String("That row is no longer uncertain (it was settled or answered meanwhile)."),
	"page.settle.busy":      catalog.String("An import is running: settle the rows when it ends."),
	"page.settle.note":      catalog.String("settled on the page"),

	"page.check.ledger": catalog.String("From the ledger of this server: already imported (will not be sent again): %[1]d; changed since they were imported (will not be sent: see the message): %[2]d; uncertain (settle them below, in past imports): %[3]d."),
	"page.check.held": plural.Selectf(1, "%d", "=1", "%[1]d row will not be sent: it is in Wolkvox already, with other values, or uncertain; the message beside it says what to do.",
		"other", "%[1]d rows will not be sent: they are in Wolkvox already, with other values, or uncertain; the message beside each says what to do."),
	"page.progress.changed": catalog.String("Changed, not sent"),
	"page.progress.changed_note": plural.Selectf(1, "%d",
		"=1", "%[1]d row was imported before with other values: it was not sent. The results say what changed and the meeting's id: update it in Wolkvox.",
		"other", "%[1]d rows were imported before with other values: they were not sent. The results say what changed and each meeting's id: update them in Wolkvox."),
}
