package mapping

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Sentinels that callers test with errors.Is. The messages users read come from
// the wrapping errors, which say where the problem is and how to fix it.
var (
	// ErrAmbiguousDate is a day-month date such as 03/04/2024 without a format:
	// the tool never guesses the order, even when only one order reads the date
	// (26/07/2024); the message says which format to add.
	ErrAmbiguousDate       = errors.New("ambiguous date")
	ErrInvalidDate         = errors.New("invalid date")
	ErrRequired            = errors.New("required field is empty")
	ErrInvalidBool         = errors.New("not a yes/no value")
	ErrInvalidPriority     = errors.New("invalid priority")
	ErrReminderWithoutDate = errors.New("remember without reminder_date")
	ErrUnknownColumn       = errors.New("column not in the sheet")
	ErrAmbiguousColumn     = errors.New("column matches several headers")
	// ErrFormula is a cell that shows a formula error (#N/A, #VALUE!...): its value
	// could not be computed, and the error text is never sent.
	ErrFormula = errors.New("formula error")
)

// formulaError is the problem of a cell that shows a formula error.
func formulaError(shown string) error {
	return wrapf(ErrFormula, "the cell shows %s: a formula could not be computed; fix the formula in the sheet or type the value", shown)
}

// RowError is one problem of one spreadsheet row.
type RowError struct {
	Row    int    // spreadsheet row number, as the user sees it
	Column string // header text as written in the sheet ("" for a constant/template-only field)
	Field  string // API field name
	Value  string // the offending cell text, if any
	Err    error  // wraps one of the sentinels where one applies

	via string // where a field without a column comes from, e.g. `template "{A} {B}"`
}

func (e *RowError) Error() string {
	switch {
	case e.Column != "":
		return fmt.Sprintf("row %d, column %q (%s): %v", e.Row, e.Column, e.Field, e.Err)
	case e.via != "":
		return fmt.Sprintf("row %d, %s (%s): %v", e.Row, e.Field, e.via, e.Err)
	default:
		return fmt.Sprintf("row %d, %s: %v", e.Row, e.Field, e.Err)
	}
}

func (e *RowError) Unwrap() error { return e.Err }

// RowErrors is every problem of one row, in the order of the sheet's columns, for
// the user to fix left to right; the problems of fields without a column (value:,
// template:) come after, in API field order.
type RowErrors []*RowError

func (es RowErrors) Error() string {
	msgs := make([]string, len(es))
	for i, e := range es {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "; ")
}

// Unwrap lets errors.Is find a sentinel in any of the row's problems.
func (es RowErrors) Unwrap() []error {
	errs := make([]error, len(es))
	for i, e := range es {
		errs[i] = e
	}
	return errs
}

// MappingError is one problem of a mapping file (or of an automatic mapping, which
// has no file), at the place in the file where it can be fixed.
type MappingError struct {
	File         string // "" for an automatic mapping
	Line, Column int    // 1-based; 0 when unknown
	Err          error
}

func (e *MappingError) Error() string {
	switch {
	case e.File == "":
		return e.Err.Error()
	case e.Line == 0:
		return fmt.Sprintf("%s: %v", e.File, e.Err)
	case e.Column == 0:
		return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
	default:
		return fmt.Sprintf("%s:%d:%d: %v", e.File, e.Line, e.Column, e.Err)
	}
}

func (e *MappingError) Unwrap() error { return e.Err }

// explained is an error whose message is written for the user but which still
// matches a sentinel with errors.Is.
type explained struct {
	msg string
	err error
}

func (e *explained) Error() string { return e.msg }
func (e *explained) Unwrap() error { return e.err }

// wrapf returns an error with the formatted message that unwraps to sentinel.
func wrapf(sentinel error, format string, args ...any) error {
	return &explained{msg: fmt.Sprintf(format, args...), err: sentinel}
}

// joinMappingErrors joins errs in the order of the file, for the user to fix top
// to bottom.
func joinMappingErrors(errs []*MappingError) error {
	slices.SortStableFunc(errs, func(a, b *MappingError) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
	})
	joined := make([]error, len(errs))
	for i, e := range errs {
		joined[i] = e
	}
	return errors.Join(joined...)
}
