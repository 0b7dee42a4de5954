package mapping

import "time"

// Cell is one spreadsheet cell as a reader found it. Readers fill Text with what the
// user sees (numbers as their digits, "12345" not "12345.0"); a real date cell of an
// XLSX (a serial with a date style) also sets IsDate and Time, already rounded to the
// second, so that no format string can misread it.
type Cell struct {
	Text   string
	IsDate bool
	Time   time.Time
}
