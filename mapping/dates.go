package mapping

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/wolkvox-import/wolkvox-import/i18n"
)

// apiLayout is the one date form Wolkvox takes.
const apiLayout = "2006-01-02 15:04:05"

// apiText is t.Format(apiLayout), written digit by digit for the years 0 to 9999 (every
// date a field accepts): a row has up to three dates, and Format was a tenth of the
// mapping's time.
func apiText(t time.Time) string {
	year, month, day := t.Date()
	hour, minute, second := t.Clock()
	if year < 0 || year > 9999 {
		return t.Format(apiLayout)
	}
	var b [len(apiLayout)]byte
	two := func(i, v int) { b[i], b[i+1] = byte('0'+v/10), byte('0'+v%10) }
	two(0, year/100)
	two(2, year%100)
	b[4] = '-'
	two(5, int(month))
	b[7] = '-'
	two(8, day)
	b[10] = ' '
	two(11, hour)
	b[13] = ':'
	two(14, minute)
	b[16] = ':'
	two(17, second)
	return string(b[:])
}

// minYear rejects typos such as 0224 for 2024, and time-only spreadsheet cells,
// whose date part is 1899-12-30.
const minYear = 1900

// ParseDate reads a date as a date field does. format uses spreadsheet tokens
// (see the mapping file's format:); "" reads ISO-like dates only (2024-03-05,
// 2024-03-05 10:30, 2024-03-05T10:30:00, 2024/03/05 10:30:00) and reports any
// existing day-month date such as 03/04/2024, or 26/07/2024 which only one order
// reads, as ErrAmbiguousDate rather than guess; its message offers the formats
// that read it.
// The result is in UTC, with the wall-clock time as written.
func ParseDate(value, format string) (time.Time, error) {
	var f *dateFormat
	if format != "" {
		var err error
		if f, err = compileFormat(format); err != nil {
			return time.Time{}, errText(nil, "mapping.format.invalid_plain", strconv.Quote(format), err)
		}
	}
	return parseDate(strings.TrimSpace(value), f, &converter{kind: kindDate})
}

// parseDate reads trimmed s with f (nil: ISO-like only). c is the field's
// converter, which fixes in the mapping name.
func parseDate(s string, f *dateFormat, c *converter) (time.Time, error) {
	if f != nil {
		return f.parse(s, c)
	}
	if d, ok := parseISO(s); ok {
		if reason := d.check(); reason.Key != "" {
			return time.Time{}, invalidDate(s, reason)
		}
		return d.time(), nil
	}
	if dm, md, ok := suggestFormats(s); ok {
		if err := dayMonthError(s, dm, md, c); err != nil {
			return time.Time{}, err
		}
	}
	return time.Time{}, newProblem(KindDateUnreadable, ErrInvalidDate, txt("row.date.unreadable", quote(s)),
		txt("row.fix.type_iso"), i18n.Text{})
}

// invalidDate is the problem of a date that does not exist; the cell must change.
func invalidDate(s string, reason i18n.Text) error {
	return newProblem(KindDateInvalid, ErrInvalidDate, txt("row.date.invalid", quote(s), reason), txt("row.fix.date"), i18n.Text{})
}

// fromDateCell is the API value of a real date cell of a spreadsheet, which no
// format can misread.
func fromDateCell(t time.Time) (value, error) {
	t = t.Round(time.Second)
	if y := t.Year(); y < minYear || y > 9999 {
		return value{}, newProblem(KindDateOutOfRange, ErrInvalidDate, txt("row.date.out_of_range", t.Format(apiLayout)),
			txt("row.fix.full_date"), i18n.Text{})
	}
	return value{text: apiText(t)}, nil
}

// isoValue reads a date that date cells rendered (YYYY-MM-DD, then a time), whatever
// the field's format says: a template such as "{Fecha} {Hora}" over real date and time
// cells.
func isoValue(s string, c *converter) (value, error) {
	t, err := parseDate(s, nil, c)
	if err != nil {
		return value{}, err
	}
	return value{text: apiText(t)}, nil
}

// datetime is a date as read, before it is known to exist.
type datetime struct {
	year, month, day, hour, minute, second int
}

// check says why d is not a real date and time, or has no Key when it is.
func (d datetime) check() i18n.Text {
	if reason := d.checkDate(); reason.Key != "" {
		return reason
	}
	return d.checkTime()
}

// checkDate says why d's year, month and day are not a real date, or has no Key
// when they are.
func (d datetime) checkDate() i18n.Text {
	switch {
	case d.year < minYear || d.year > 9999:
		return txt("row.reason.year", d.year, minYear)
	case d.month < 1 || d.month > 12:
		return txt("row.reason.month", d.month)
	case d.day < 1:
		return txt("row.reason.day0")
	case d.day > daysIn(d.year, d.month):
		return txt("row.reason.days_in", txt(monthKeys[d.month-1]), d.year, daysIn(d.year, d.month))
	}
	return i18n.Text{}
}

var monthKeys = [12]string{"row.month.1", "row.month.2", "row.month.3", "row.month.4", "row.month.5", "row.month.6",
	"row.month.7", "row.month.8", "row.month.9", "row.month.10", "row.month.11", "row.month.12"}

// checkTime says why d's time of day does not exist, or has no Key when it does.
func (d datetime) checkTime() i18n.Text {
	switch {
	case d.hour > 23:
		return txt("row.reason.hour", d.hour)
	case d.minute > 59:
		return txt("row.reason.minute", d.minute)
	case d.second > 59:
		return txt("row.reason.second", d.second)
	}
	return i18n.Text{}
}

func (d datetime) time() time.Time {
	return time.Date(d.year, time.Month(d.month), d.day, d.hour, d.minute, d.second, 0, time.UTC)
}

// daysIn is the number of days of month (1 to 12) in year, in the Gregorian calendar.
func daysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	case 1, 3, 5, 7, 8, 10, 12:
		return 31
	}
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// parseISO reads YYYY-M-D or YYYY/M/D, then optionally, after a T or spaces,
// H:mm, H:mm:ss or H:mm:ss.fff. It does not check that the date exists.
func parseISO(s string) (datetime, bool) {
	var d datetime
	var ok bool
	r := reader{s: s}
	if d.year, ok = r.digits(4, 4); !ok {
		return d, false
	}
	sep := r.peek()
	if sep != '-' && sep != '/' {
		return d, false
	}
	r.pos++
	if d.month, ok = r.digits(1, 2); !ok || !r.byte(sep) {
		return d, false
	}
	if d.day, ok = r.digits(1, 2); !ok {
		return d, false
	}
	if r.done() {
		return d, true
	}
	if !r.byte('T') && !r.spaces() {
		return d, false
	}
	if d.hour, ok = r.digits(1, 2); !ok || !r.byte(':') {
		return d, false
	}
	if d.minute, ok = r.digits(2, 2); !ok {
		return d, false
	}
	if r.byte(':') {
		if d.second, ok = r.digits(2, 2); !ok {
			return d, false
		}
		// Fractions of a second (exports write .000) are dropped: the API has none.
		if (r.byte('.') || r.byte(',')) && !r.skipDigits() {
			return d, false
		}
	}
	return d, r.done()
}

// dayMonthError is the error for a day-month date without a format, such as
// 03/04/2024, which dm (day first) and md (month first) read as far as their
// pattern goes. The tool never guesses the order, so it is an error even when
// only one order gives a real date (26/07/2024), but it offers only the formats
// that read s: both (ErrAmbiguousDate), the one that does (ErrAmbiguousDate too),
// or none, when the cell must change (ErrInvalidDate). It returns nil when s does
// not fit the formats' pattern after all.
func dayMonthError(s, dm, md string, c *converter) error {
	byDay, ok := readAs(s, dm)
	if !ok {
		return nil
	}
	byMonth, ok := readAs(s, md)
	if !ok {
		return nil
	}
	var fits []dateReading // the orders in which the date exists
	for _, r := range []dateReading{byDay, byMonth} {
		if r.date.Key == "" {
			fits = append(fits, r)
		}
	}
	switch {
	case len(fits) > 0 && fits[0].time.Key != "":
		// The time is read the same way in both orders: the cell must change first.
		return invalidDate(s, fits[0].time)
	case len(fits) == 2:
		return newProblem(KindDateAmbiguous, ErrAmbiguousDate, txt("row.date.ambiguous", quote(s)),
			txt("row.fix.type_date_either", byDay.iso, byMonth.iso),
			txt("mapping.fix.add_format_either", strconv.Quote(dm), strconv.Quote(md), c.ref()))
	case len(fits) == 1:
		r := fits[0]
		kind, what := KindDateDayFirst, "row.date.day_first"
		if r.monthFirst {
			kind, what = KindDateMonthFirst, "row.date.month_first"
		}
		return newProblem(kind, ErrAmbiguousDate, txt(what, quote(s)), txt("row.fix.type_date", r.iso),
			txt("mapping.fix.add_format", strconv.Quote(r.format), c.ref()))
	case sameText(byDay.date, byMonth.date):
		return invalidDate(s, byDay.date) // e.g. a year out of range
	}
	return invalidDate(s, txt("row.reason.orders", byDay.date, byMonth.date))
}

// sameText reports whether a and b say the same.
func sameText(a, b i18n.Text) bool {
	return a.Key == b.Key && fmt.Sprint(a.Args...) == fmt.Sprint(b.Args...)
}

// dateReading is how a day-month date reads in one order.
type dateReading struct {
	format     string    // e.g. "DD/MM/YYYY"
	monthFirst bool      // the format reads month/day/year
	date, time i18n.Text // why the date, or the time of day, does not exist; no Key when it does
	iso        string    // the date as year-month-day, when it exists
}

// readAs reads s with format, whose pattern it must fit for ok.
func readAs(s, format string) (r dateReading, ok bool) {
	f, err := compileFormat(format)
	if err != nil {
		return r, false
	}
	d, prob := f.read(s)
	if prob != nil && prob.mismatch {
		return r, false
	}
	r = dateReading{format: format, monthFirst: f.toks[0].kind == tMonth, date: d.checkDate()}
	if prob != nil {
		r.time = prob.reason
	} else {
		r.time = d.checkTime()
	}
	if r.date.Key == "" && r.time.Key == "" {
		r.iso = d.time().Format(f.isoLayout())
	}
	return r, true
}

// suggestFormats recognises a day-month date such as 03/04/2024, 3.4.24 or
// 03-04-2024 10:30 and returns the two formats that could read it: day first and
// month first.
func suggestFormats(s string) (dm, md string, ok bool) {
	r := reader{s: s}
	if _, ok := r.digits(1, 2); !ok {
		return "", "", false
	}
	sep := r.peek()
	if sep != '/' && sep != '.' && sep != '-' {
		return "", "", false
	}
	r.pos++
	if _, ok := r.digits(1, 2); !ok || !r.byte(sep) {
		return "", "", false
	}
	year := "YYYY"
	start := r.pos
	if _, ok := r.digits(2, 4); !ok {
		return "", "", false
	}
	switch r.pos - start {
	case 2:
		year = "YY"
	case 3:
		return "", "", false
	}
	clock := timeTokens(s[r.pos:])
	sp := string(sep)
	return "DD" + sp + "MM" + sp + year + clock, "MM" + sp + "DD" + sp + year + clock, true
}

// timeTokens describes the time after a date (" 10:30", " 3:05:00 p. m.") in
// format tokens, or returns "" when it does not look like a time.
func timeTokens(s string) string {
	twelve := false
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; (c == 'a' || c == 'p') && ampmLen(s[i:]) > 0 {
			twelve = true
		}
	}
	hour := "HH"
	if twelve {
		hour = "h"
	}
	next := []string{hour, "mm", "ss"}
	var b strings.Builder
	r := reader{s: s}
	for !r.done() {
		switch c := r.peek(); {
		case r.spaces():
			b.WriteByte(' ')
		case c >= '0' && c <= '9':
			if len(next) == 0 {
				return ""
			}
			r.digits(1, 9)
			b.WriteString(next[0])
			next = next[1:]
		case c == ':' || c == 'T':
			r.pos++
			b.WriteByte(c)
		case ampmLen(s[r.pos:]) > 0:
			r.pos += ampmLen(s[r.pos:])
			b.WriteString("AM/PM")
		default:
			return ""
		}
	}
	return b.String()
}
