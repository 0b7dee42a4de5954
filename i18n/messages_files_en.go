package i18n

import "golang.org/x/text/message/catalog"

func init() { register(EN, filesEN) }

// filesEN: the files a run reads and writes: the results sheet, the failed-rows file,
// --summary-json, the mapping file, and two of them that are one file.
var filesEN = map[string]catalog.Message{
	"file.same":                   catalog.String("%[1]s %[2]s and %[3]s %[4]s are the same file: writing %[5]s would destroy %[6]s; give %[7]s another file"),
	"file.input":                  catalog.String("INPUT"),
	"file.failed_rows":            catalog.String("the failed-rows file"),
	"file.rename":                 catalog.String("%[1]s (is it open in a spreadsheet program?)"),
	"results.over_input":          catalog.String("the results would be written over the input %[1]s: give another file with --results"),
	"results.cannot_write":        catalog.String("cannot write the results sheet %[1]s"),
	"results.failed.cannot_write": catalog.String("cannot write the failed-rows file %[1]s"),
	"results.failed.not_written":  catalog.String("the results sheet %[1]s is written, but not the failed-rows file %[2]s"),
	"results.failed.stale":        catalog.String("cannot remove %[1]s, left by an earlier run (this run has no rows to fix): %[2]s; delete it by hand"),
	"results.xlsx.too_many_rows":  catalog.String("%[1]s: more than %[2]d rows, the most an XLSX sheet holds; write the results as CSV (--results NAME.csv)"),
	"summary_json.cannot_write":   catalog.String("cannot write the summary %[1]s"),
	"cli.progress":                catalog.String("--progress %[1]q: use auto, always or never"),
	"run.xlsx.too_many_rows":      catalog.String("%[1]s has %[2]d rows, more than an XLSX sheet holds (%[3]d): write the results as CSV with --results %[4]s"),
	"run.header.row":              catalog.String("row %[1]s"),
	"run.header.sheet_row":        catalog.String("sheet %[1]q, row %[2]s"),
	"run.header.not_found":        catalog.String("%[1]s\n(no row among the first %[2]d holds every column the mapping names; %[3]s came closest: if the header is another row, give it with --header-row N)"),
	"mapping.init.one_input":      catalog.String("mapping init takes exactly one INPUT file: wolkvox-import mapping init reuniones.xlsx"),
}
