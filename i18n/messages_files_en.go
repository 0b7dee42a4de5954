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
}
