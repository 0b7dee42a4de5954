package mapping

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wolkvox-import/wolkvox-import/i18n"
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

// english renders Error(): the messages of logs and of callers that do not localize.
var english = i18n.New(i18n.EN)

// Kinds of row problems: stable keys of what is wrong, whatever the value, so that
// a summary can group the problems of a column by kind.
const (
	KindFormulaError    = "formula.error"
	KindNameEmpty       = "name.empty"
	KindNameTranslated  = "name.translated_empty"
	KindReminderNoDate  = "remember.no_date"
	KindPriorityUnknown = "priority.unknown"
	KindBoolUnknown     = "bool.unknown"
	KindDateDayFirst    = "date.day_first"
	KindDateMonthFirst  = "date.month_first"
	KindDateAmbiguous   = "date.ambiguous"
	KindDateUnreadable  = "date.unreadable"
	KindDateMismatch    = "date.format_mismatch"
	KindDateInvalid     = "date.invalid"
	KindDateOutOfRange  = "date.out_of_range"
	KindOther           = "other"
)

// problem is what is wrong with one value, in the catalog's words: what (the value
// and what is wrong with it), fix (what to type instead, for whoever fixes the sheet;
// the fix in the mapping file for a value written there) and mappingFix (the fix in
// the mapping, when there is one, for whoever keeps it). It unwraps to its sentinel.
type problem struct {
	kind       string
	sentinel   error
	what       i18n.Text
	fix        i18n.Text // Key "": none
	mappingFix i18n.Text // Key "": the fix is in the sheet
	inFile     bool      // the value is written in the mapping: its fix there is the fix
}

// inFile marks err, a value's problem, as one of a value written in the mapping
// file (value:, default:, values:), whose message then says the fix in the mapping.
func inFile(err error) error {
	if pr, ok := err.(*problem); ok {
		cp := *pr
		cp.inFile = true
		return &cp
	}
	return err
}

func newProblem(kind string, sentinel error, what, fix, mappingFix i18n.Text) *problem {
	return &problem{kind: kind, sentinel: sentinel, what: what, fix: fix, mappingFix: mappingFix}
}

// Error is the problem in English with its fix in the mapping, if any: what a caller
// without a row (ParseDate) needs to know.
func (e *problem) Error() string {
	s := e.localize(english)
	if !e.inFile && e.mappingFix.Key != "" {
		s += "; " + renderText(english, e.mappingFix)
	}
	return s
}

func (e *problem) Unwrap() error { return e.sentinel }

// localize is what is wrong and what to type.
func (e *problem) localize(p *i18n.Printer) string {
	s := renderText(p, e.what)
	if e.fix.Key != "" {
		s += "; " + renderText(p, e.fix)
	}
	if e.inFile && e.mappingFix.Key != "" {
		s += "; " + renderText(p, e.mappingFix)
	}
	return s
}

// textError is an error whose message is in the catalog and which may match a
// sentinel with errors.Is.
type textError struct {
	text i18n.Text
	err  error
}

func (e *textError) Error() string                   { return renderText(english, e.text) }
func (e *textError) Unwrap() error                   { return e.err }
func (e *textError) localize(p *i18n.Printer) string { return renderText(p, e.text) }

// errText returns an error with the catalog's message key and args; sentinel may be nil.
func errText(sentinel error, key string, args ...any) error {
	return &textError{text: txt(key, args...), err: sentinel}
}

// localizer is an error that renders in any language.
type localizer interface{ localize(p *i18n.Printer) string }

// localizeErr renders err in p's language when it can, else as its Error().
func localizeErr(p *i18n.Printer, err error) string {
	if l, ok := err.(localizer); ok {
		return l.localize(p)
	}
	return err.Error()
}

func txt(key string, args ...any) i18n.Text { return i18n.Text{Key: key, Args: args} }

// count is an argument that a plural message selects on; other ints are rendered
// as digits, as the sheet writes them.
type count int

// orList and andList are arguments rendered as a list: "A, B or C", "A, B y C".
type (
	orList  []any
	andList []any
)

// renderText renders t with p, rendering first the arguments that are themselves
// messages: Texts, lists, errors of this package.
func renderText(p *i18n.Printer, t i18n.Text) string {
	args := make([]any, len(t.Args))
	for i, a := range t.Args {
		args[i] = renderArg(p, a)
	}
	return p.T(t.Key, args...)
}

func renderArg(p *i18n.Printer, a any) any {
	switch a := a.(type) {
	case i18n.Text:
		return renderText(p, a)
	case orList:
		return joinList(p, "row.list.or", a)
	case andList:
		return joinList(p, "row.list.and", a)
	case localizer:
		return a.localize(p)
	case int:
		return strconv.Itoa(a) // as the sheet writes it: row 20000, year 2024, not 20,000
	case count:
		return int(a) // for plural.Selectf, written as the language writes numbers
	}
	return a
}

func joinList(p *i18n.Printer, key string, items []any) string {
	s := make([]string, len(items))
	for i, it := range items {
		s[i] = fmt.Sprint(renderArg(p, it))
	}
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	return p.T(key, strings.Join(s[:len(s)-1], ", "), s[len(s)-1])
}

// maxShown bounds how much of a cell a message quotes: a 40,000-character cell is
// in the results already.
const maxShown = 80

// quote is a value as messages show it, in the language's quotes ("x", «x»), on one
// line and cut when long.
func quote(s string) i18n.Text {
	var b strings.Builder
	n := 0
	for _, r := range s {
		if n == maxShown {
			b.WriteString("…")
			break
		}
		n++
		switch {
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case unicode.IsControl(r) || r == utf8.RuneError:
			b.WriteString(strconv.QuoteRuneToASCII(r)[1 : len(strconv.QuoteRuneToASCII(r))-1])
		default:
			b.WriteRune(r)
		}
	}
	return txt("row.quoted", b.String())
}

// RowError is one problem of one spreadsheet row.
type RowError struct {
	Row    int    // spreadsheet row number, as the user sees it
	Column string // header text as written in the sheet ("" for a constant/template-only field)
	Field  string // API field name
	Value  string // the offending cell text, if any
	Err    error  // wraps one of the sentinels where one applies

	// cols are the headers of a field without a column, e.g. a template's
	// "{Fecha} {Hora}": Fecha and Hora, as the sheet writes them, joined by colSep.
	cols string
}

// colSep joins RowError.cols (which keeps RowError comparable).
const colSep = "\x00"

// Error is the English message: Localize in English.
func (e *RowError) Error() string { return e.Localize(english) }

func (e *RowError) Unwrap() error { return e.Err }

// Kind is a stable key of what is wrong, whatever the value ("date.day_first",
// "priority.unknown"), for grouping the problems of a column.
func (e *RowError) Kind() string {
	var pr *problem
	if errors.As(e.Err, &pr) {
		return pr.kind
	}
	return KindOther
}

// Localize is the whole message for whoever fixes the sheet: the row, the column as
// the sheet heads it, what is wrong and what to type.
func (e *RowError) Localize(p *i18n.Printer) string {
	return renderText(p, e.where(e.Problem(p)))
}

func (e *RowError) where(problem string) i18n.Text {
	switch {
	case e.Column != "":
		return txt("row.at.column", e.Row, e.Column, problem)
	case e.cols == "":
		return txt("row.at.row", e.Row, problem)
	}
	cols := strings.Split(e.cols, colSep)
	if len(cols) == 1 {
		return txt("row.at.column", e.Row, cols[0], problem)
	}
	list := make(andList, len(cols))
	for i, c := range cols {
		list[i] = c
	}
	return txt("row.at.columns", e.Row, list, problem)
}

// Problem is Localize without the row and column: what is wrong and what to type.
func (e *RowError) Problem(p *i18n.Printer) string {
	var pr *problem
	if errors.As(e.Err, &pr) {
		return pr.localize(p)
	}
	return localizeErr(p, e.Err)
}

// MappingFix is the fix in the mapping file ("add format: "DD/MM/YYYY HH:mm" to
// start_date"), for whoever keeps it; "" when the fix is in the sheet.
func (e *RowError) MappingFix(p *i18n.Printer) string {
	var pr *problem
	if errors.As(e.Err, &pr) && pr.mappingFix.Key != "" {
		return renderText(p, pr.mappingFix)
	}
	return ""
}

// RowErrors is every problem of one row, in the order of the sheet's columns, for
// the user to fix left to right; the problems of fields without a column (value:,
// template:) come after, in API field order.
type RowErrors []*RowError

func (es RowErrors) Error() string { return es.Localize(english) }

// Localize is every problem of the row, each as RowError.Localize, joined by "; ".
func (es RowErrors) Localize(p *i18n.Printer) string {
	msgs := make([]string, len(es))
	for i, e := range es {
		msgs[i] = e.Localize(p)
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

func (e *MappingError) Error() string { return e.Localize(english) }

// Localize is the message in p's language, after the file and line.
func (e *MappingError) Localize(p *i18n.Printer) string {
	msg := localizeErr(p, e.Err)
	switch {
	case e.File == "":
		return msg
	case e.Line == 0:
		return fmt.Sprintf("%s: %s", e.File, msg)
	case e.Column == 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, msg)
	default:
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, msg)
	}
}

func (e *MappingError) Unwrap() error { return e.Err }

// MappingErrors is every problem of a mapping file, in the order of the file.
type MappingErrors []*MappingError

func (es MappingErrors) Error() string { return es.Localize(english) }

// Localize is every problem, one a line.
func (es MappingErrors) Localize(p *i18n.Printer) string {
	msgs := make([]string, len(es))
	for i, e := range es {
		msgs[i] = e.Localize(p)
	}
	return strings.Join(msgs, "\n")
}

// Unwrap lets errors.Is and errors.As find any of the problems.
func (es MappingErrors) Unwrap() []error {
	errs := make([]error, len(es))
	for i, e := range es {
		errs[i] = e
	}
	return errs
}

// joinMappingErrors joins errs in the order of the file, for the user to fix top
// to bottom.
func joinMappingErrors(errs []*MappingError) error {
	slices.SortStableFunc(errs, func(a, b *MappingError) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
	})
	return MappingErrors(errs)
}
