package mapping

import (
	"fmt"
	"strings"
	"time"
)

// apiLayout is the one date form Wolkvox takes.
const apiLayout = "2006-01-02 15:04:05"

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
			return time.Time{}, fmt.Errorf("format %q: %w", format, err)
		}
	}
	return parseDate(strings.TrimSpace(value), f, "the date field in the mapping")
}

// parseDate reads trimmed s with f (nil: ISO-like only). where names the place in
// the mapping to fix, e.g. "start_date in the mapping".
func parseDate(s string, f *dateFormat, where string) (time.Time, error) {
	if f != nil {
		return f.parse(s, where)
	}
	if d, ok := parseISO(s); ok {
		if reason := d.check(); reason != "" {
			return time.Time{}, wrapf(ErrInvalidDate, "invalid date %q: %s", s, reason)
		}
		return d.time(), nil
	}
	if dm, md, ok := suggestFormats(s); ok {
		if err := dayMonthError(s, dm, md, where); err != nil {
			return time.Time{}, err
		}
	}
	return time.Time{}, wrapf(ErrInvalidDate,
		"%q is not a date that can be read without a format; write it as YYYY-MM-DD HH:MM (e.g. 2024-03-05 10:30), or add format: (e.g. \"DD/MM/YYYY HH:mm\") to %s",
		s, where)
}

// fromDateCell is the API value of a real date cell of a spreadsheet, which no
// format can misread.
func fromDateCell(t time.Time) (value, error) {
	t = t.Round(time.Second)
	if y := t.Year(); y < minYear || y > 9999 {
		return value{}, wrapf(ErrInvalidDate, "the cell holds %s, which is not a meeting date; type the full date and time",
			t.Format(apiLayout))
	}
	return value{text: t.Format(apiLayout)}, nil
}

// isoValue reads a date that date cells rendered (YYYY-MM-DD, then a time), whatever
// the field's format says: a template such as "{Fecha} {Hora}" over real date and time
// cells.
func isoValue(s, where string) (value, error) {
	t, err := parseDate(s, nil, where)
	if err != nil {
		return value{}, err
	}
	return value{text: t.Format(apiLayout)}, nil
}

// datetime is a date as read, before it is known to exist.
type datetime struct {
	year, month, day, hour, minute, second int
}

// check says why d is not a real date and time, or "" when it is.
func (d datetime) check() string {
	if reason := d.checkDate(); reason != "" {
		return reason
	}
	return d.checkTime()
}

// checkDate says why d's year, month and day are not a real date, or "" when they are.
func (d datetime) checkDate() string {
	switch {
	case d.year < minYear || d.year > 9999:
		return fmt.Sprintf("year %d is out of range (%d to 9999)", d.year, minYear)
	case d.month < 1 || d.month > 12:
		return fmt.Sprintf("month %d does not exist", d.month)
	case d.day < 1:
		return "day 0 does not exist"
	case d.day > daysIn(d.year, d.month):
		return fmt.Sprintf("%s %d has %d days", time.Month(d.month), d.year, daysIn(d.year, d.month))
	}
	return ""
}

// checkTime says why d's time of day does not exist, or "" when it does.
func (d datetime) checkTime() string {
	switch {
	case d.hour > 23:
		return fmt.Sprintf("hour %d does not exist", d.hour)
	case d.minute > 59:
		return fmt.Sprintf("minute %d does not exist", d.minute)
	case d.second > 59:
		return fmt.Sprintf("second %d does not exist", d.second)
	}
	return ""
}

func (d datetime) time() time.Time {
	return time.Date(d.year, time.Month(d.month), d.day, d.hour, d.minute, d.second, 0, time.UTC)
}

func daysIn(year, month int) int {
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
func dayMonthError(s, dm, md, where string) error {
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
		if r.date == "" {
			fits = append(fits, r)
		}
	}
	switch {
	case len(fits) > 0 && fits[0].time != "":
		// The time is read the same way in both orders: the cell must change first.
		return wrapf(ErrInvalidDate, "invalid date %q: %s; fix the cell", s, fits[0].time)
	case len(fits) == 2:
		return wrapf(ErrAmbiguousDate, "ambiguous date %q: add format: %q or %q to %s", s, dm, md, where)
	case len(fits) == 1:
		return wrapf(ErrAmbiguousDate, "%q is written %s: add format: %q to %s", s, fits[0].order, fits[0].format, where)
	case byDay.date == byMonth.date: // e.g. a year out of range
		return wrapf(ErrInvalidDate, "invalid date %q: %s; fix the cell", s, byDay.date)
	}
	return wrapf(ErrInvalidDate, "invalid date %q: as %s, %s; as %s, %s; fix the cell",
		s, byDay.order, byDay.date, byMonth.order, byMonth.date)
}

// dateReading is how a day-month date reads in one order.
type dateReading struct {
	format, order string // e.g. "DD/MM/YYYY", "day/month/year"
	date, time    string // why the date, or the time of day, does not exist; "" when it does
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
	r = dateReading{format: format, order: "day/month/year", date: d.checkDate()}
	if f.toks[0].kind == tMonth {
		r.order = "month/day/year"
	}
	if prob != nil {
		r.time = prob.text
	} else {
		r.time = d.checkTime()
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
