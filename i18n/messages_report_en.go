package i18n

import "golang.org/x/text/message/catalog"

func init() { register(EN, reportEN) }

// reportEN: the results workbook's sheets and the Summary sheet.
var reportEN = map[string]catalog.Message{
	"sheet.results":                catalog.String("Results"),
	"sheet.failed":                 catalog.String("Rows to fix"),
	"sheet.summary":                catalog.String("Summary"),
	"sheet.summary.title":          catalog.String("Import summary"),
	"sheet.summary.input":          catalog.String("Input file"),
	"sheet.summary.sheet":          catalog.String("Sheet"),
	"sheet.summary.header_row":     catalog.String("Header row"),
	"sheet.summary.mapping":        catalog.String("Mapping file"),
	"sheet.summary.mapping.none":   catalog.String("none: columns matched to fields by their header"),
	"sheet.summary.server":         catalog.String("Server"),
	"sheet.summary.server.none":    catalog.String("none: dry run, nothing sent"),
	"sheet.summary.operation":      catalog.String("Operation"),
	"sheet.summary.started":        catalog.String("Started"),
	"sheet.summary.finished":       catalog.String("Finished"),
	"sheet.summary.duration":       catalog.String("Duration"),
	"sheet.summary.rate":           catalog.String("Rows sent per second"),
	"sheet.summary.requests":       catalog.String("Requests"),
	"sheet.summary.retries":        catalog.String("Retries"),
	"sheet.summary.results":        catalog.String("Results sheet"),
	"sheet.summary.to_fix":         catalog.String("Rows to fix"),
	"sheet.summary.to_fix.dry_run": catalog.String("none written in a dry run: fix the invalid rows in the input"),
	"sheet.summary.to_fix.removed": catalog.String("none; %[1]s, left by an earlier run, was removed"),
	"sheet.summary.none":           catalog.String("none"),
	"sheet.summary.outcome":        catalog.String("Outcome"),
	"sheet.summary.note":           catalog.String("Note"),
	"sheet.summary.status":         catalog.String("Status"),
	"sheet.summary.rows":           catalog.String("Rows"),
	"sheet.summary.total":          catalog.String("Total"),
	"sheet.summary.problem":        catalog.String("Problem"),
	"sheet.summary.first_rows":     catalog.String("First rows"),
	"sheet.summary.fix":            catalog.String("Fix in the mapping"),
	"sheet.summary.other":          catalog.String("other problems, not listed one by one: filter the import_error column in the results sheet"),
}
