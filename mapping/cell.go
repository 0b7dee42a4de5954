package mapping

import "time"

// Cell is one spreadsheet cell as a reader found it. Readers fill Text with what the
// user sees: numbers as their number format displays them without grouping separators or
// currency symbols ("00007", "15%", "12346"), times as "09:30", durations as "26:00".
// A typed XLSX cell also says what it is (Kind) and carries its value (Time for dates and
// times, already rounded to the second; Num and Format for numbers), so that no format
// string can misread a date and a results workbook can write numbers back as numbers.
type Cell struct {
	Text   string
	Kind   CellKind
	Time   time.Time // KindDate: the date and time; KindTime: the time of day on 0000-01-01
	Num    float64   // KindNumber, KindDate, KindTime, KindDuration: the stored value
	Format string    // the number format code of a typed cell ("" = General)
}

// CellKind is what a cell holds.
type CellKind uint8

const (
	KindText     CellKind = iota // text, or any cell of a CSV file
	KindNumber                   // a number cell
	KindDate                     // a number with a date (or date-time) format
	KindTime                     // a number below 1 with a time-only format: a time of day
	KindDuration                 // a number with an elapsed-time format ([h]:mm): text as shown
	KindError                    // a formula whose value could not be computed: #N/A, #VALUE!...
	KindBool                     // a boolean cell: Text is TRUE or FALSE
)

// IsDate reports whether the cell is a real date cell.
func (c Cell) IsDate() bool { return c.Kind == KindDate }

// ErrorValues are the texts a spreadsheet shows for a formula it could not compute.
var ErrorValues = []string{"#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NAME?", "#NULL!", "#NUM!", "#GETTING_DATA", "#SPILL!", "#CALC!"}

// IsErrorValue reports whether s is exactly one of ErrorValues.
func IsErrorValue(s string) bool {
	if len(s) < 4 || s[0] != '#' {
		return false
	}
	for _, e := range ErrorValues {
		if s == e {
			return true
		}
	}
	return false
}
