package mapping

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/wolkvox-import/wolkvox-import/i18n"
)

type tokKind uint8

const (
	tLit   tokKind = iota // one literal rune
	tSpace                // any run of white space, or none
	tYear
	tMonth
	tDay
	tHour
	tMinute
	tSecond
	tAMPM
	numTokKinds
)

// missingKeys are the messages of a format without its year, month or day.
var missingKeys = map[tokKind]string{tYear: "mapping.format.no_year", tMonth: "mapping.format.no_month", tDay: "mapping.format.no_day"}

// tokNames are the catalog's names of the tokens, for messages.
var tokNames = [numTokKinds]string{
	tYear: "mapping.format.tok.year", tMonth: "mapping.format.tok.month", tDay: "mapping.format.tok.day",
	tHour: "mapping.format.tok.hour", tMinute: "mapping.format.tok.minute", tSecond: "mapping.format.tok.second",
	tAMPM: "mapping.format.tok.ampm",
}

type dateTok struct {
	kind     tokKind
	letters  string // as written in the format, for messages
	min, max int    // digits a numeric token reads
	lit      rune
}

func (t dateTok) numeric() bool { return tYear <= t.kind && t.kind <= tSecond }

// dateFormat is a compiled format.
type dateFormat struct {
	src     string
	toks    []dateTok
	twelve  bool // hh/h: the hour is on a 12-hour clock
	dateEnd int  // tokens from here on are the time of day, which a value may leave out
}

// compileFormat reads a spreadsheet-style format such as "DD/MM/YYYY HH:mm".
func compileFormat(src string) (*dateFormat, error) {
	f := &dateFormat{src: src}
	var seen [numTokKinds]bool
	for i := 0; i < len(src); {
		c := src[i]
		switch c {
		case 'Y', 'M', 'D', 'H', 'h', 'm', 's':
			n := 1
			for i+n < len(src) && src[i+n] == c {
				n++
			}
			tok, err := letterToken(src[i:i+n], seen)
			if err != nil {
				return nil, err
			}
			seen[tok.kind] = true
			f.twelve = f.twelve || c == 'h'
			f.toks = append(f.toks, tok)
			i += n
		case ' ':
			for i < len(src) && src[i] == ' ' {
				i++
			}
			f.toks = append(f.toks, dateTok{kind: tSpace})
		default:
			if n := formatAMPMLen(src[i:]); n > 0 {
				if seen[tAMPM] {
					return nil, errText(nil, "mapping.format.ampm_twice")
				}
				seen[tAMPM] = true
				f.toks = append(f.toks, dateTok{kind: tAMPM, letters: src[i : i+n]})
				i += n
				continue
			}
			r, size := utf8.DecodeRuneInString(src[i:])
			f.toks = append(f.toks, dateTok{kind: tLit, lit: r})
			i += size
		}
	}
	if err := f.validate(seen); err != nil {
		return nil, err
	}
	for i := range f.toks {
		t := &f.toks[i]
		if t.kind == tYear || t.kind == tMonth || t.kind == tDay {
			f.dateEnd = i + 1
		}
		// DDMMYYYY: a two-letter token right before another number reads exactly two
		// digits; elsewhere one digit is enough (5/3/2024 with DD/MM/YYYY).
		if len(t.letters) == 2 && t.kind != tYear && i+1 < len(f.toks) && f.toks[i+1].numeric() {
			t.min = 2
		}
	}
	return f, nil
}

// formatAMPMLen recognises AM/PM (or a.m./p.m.) in a format, in any case.
func formatAMPMLen(s string) int {
	for _, t := range []string{"am/pm", "a.m./p.m."} {
		if len(s) >= len(t) && strings.EqualFold(s[:len(t)], t) {
			return len(t)
		}
	}
	return 0
}

func letterToken(letters string, seen [numTokKinds]bool) (dateTok, error) {
	t := dateTok{letters: letters, min: 1, max: 2}
	switch letters[0] {
	case 'Y':
		t.kind = tYear
		t.min, t.max = len(letters), len(letters)
		if len(letters) != 4 && len(letters) != 2 {
			return t, errText(nil, "mapping.format.year_token", letters)
		}
	case 'M':
		t.kind = tMonth
	case 'D':
		t.kind = tDay
	case 'H', 'h':
		t.kind = tHour
	case 'm':
		t.kind = tMinute
		if !seen[tHour] {
			return t, errText(nil, "mapping.format.minutes_first", letters, txt("mapping.format.tokens"))
		}
	case 's':
		t.kind = tSecond
	}
	if len(letters) > 2 && t.kind != tYear {
		return t, errText(nil, "mapping.format.names", letters, txt("mapping.format.tokens"))
	}
	if seen[t.kind] {
		if t.kind == tMonth {
			return t, errText(nil, "mapping.format.month_twice")
		}
		return t, errText(nil, "mapping.format.twice", txt(tokNames[t.kind]))
	}
	return t, nil
}

func (f *dateFormat) validate(seen [numTokKinds]bool) error {
	for _, k := range []tokKind{tYear, tMonth, tDay} {
		if !seen[k] {
			return errText(nil, missingKeys[k], txt("mapping.format.tokens"))
		}
	}
	switch {
	case f.twelve && !seen[tAMPM]:
		return errText(nil, "mapping.format.hh_needs_ampm")
	case !f.twelve && seen[tHour] && seen[tAMPM]:
		return errText(nil, "mapping.format.hh24_with_ampm")
	case seen[tAMPM] && !seen[tHour]:
		return errText(nil, "mapping.format.ampm_needs_hour")
	case seen[tSecond] && !seen[tMinute]:
		return errText(nil, "mapping.format.seconds_need_minutes")
	}
	return nil
}

// parse reads trimmed s. A value that stops after the date, when the format goes
// on with a time, is at midnight: hand-filled sheets often leave the time out.
func (f *dateFormat) parse(s string, c *converter) (time.Time, error) {
	d, prob := f.read(s)
	switch {
	case prob == nil:
	case prob.mismatch:
		var fix i18n.Text
		if withTime := f.withTime(s); withTime != "" {
			fix = txt("mapping.fix.format_time", strconv.Quote(withTime), c.ref())
		}
		return time.Time{}, newProblem(KindDateMismatch, ErrInvalidDate, txt("row.date.format_mismatch", quote(s)),
			txt("row.fix.type_like", f.example()), fix)
	default:
		return time.Time{}, invalidDate(s, prob.reason)
	}
	if reason := d.check(); reason.Key != "" {
		return time.Time{}, invalidDate(s, reason)
	}
	return d.time(), nil
}

// readProblem is why read could not read a value: it does not match the format
// (mismatch), or its hour does not exist on the format's 12-hour clock (reason).
type readProblem struct {
	mismatch bool
	reason   i18n.Text
}

// read reads trimmed s with f, without checking that the date exists. After a
// problem of the 12-hour clock, d still holds the date as read.
func (f *dateFormat) read(s string) (d datetime, prob *readProblem) {
	pm, timeRead := false, false
	r := reader{s: s}
	for i, tok := range f.toks {
		if r.done() && i >= f.dateEnd && !timeRead {
			break
		}
		ok := true
		switch tok.kind {
		case tSpace:
			r.spaces()
		case tLit:
			c, size := utf8.DecodeRuneInString(s[r.pos:])
			ok = !r.done() && (c == tok.lit || unicode.ToLower(c) == unicode.ToLower(tok.lit))
			r.pos += size
		case tAMPM:
			var n int
			n, pm = ampm(s[r.pos:])
			ok = n > 0
			r.pos += n
			timeRead = true
		default:
			var n int
			n, ok = r.digits(tok.min, tok.max)
			switch tok.kind {
			case tYear:
				d.year = n
				if tok.max == 2 {
					d.year = expandYear(n)
				}
			case tMonth:
				d.month = n
			case tDay:
				d.day = n
			case tHour:
				d.hour = n
			case tMinute:
				d.minute = n
			case tSecond:
				d.second = n
			}
			timeRead = timeRead || tok.kind >= tHour
		}
		if !ok {
			return d, &readProblem{mismatch: true}
		}
	}
	if !r.done() {
		return d, &readProblem{mismatch: true}
	}
	if f.twelve && timeRead {
		if d.hour < 1 || d.hour > 12 {
			return d, &readProblem{reason: txt("row.reason.hour12", d.hour)}
		}
		d.hour %= 12
		if pm {
			d.hour += 12
		}
	}
	return d, nil
}

// expandYear reads a two-digit year as spreadsheets do: 00-29 is 2000-2029,
// 30-99 is 1930-1999.
func expandYear(yy int) int {
	if yy < 30 {
		return 2000 + yy
	}
	return 1900 + yy
}

// withTime is f with the time of day that s has after its date, when f has no time
// and that format reads s ("DD/MM/YYYY HH:mm" for "DD/MM/YYYY" and 05/03/2024 10:30);
// else "". Since a value may leave out its time, it reads what f reads too.
func (f *dateFormat) withTime(s string) string {
	if f.dateEnd != len(f.toks) {
		return ""
	}
	dm, md, ok := suggestFormats(s)
	if !ok {
		return ""
	}
	for _, g := range []string{dm, md} {
		if g == f.src || !strings.HasPrefix(g, f.src) {
			continue
		}
		if r, ok := readAs(s, g); ok && r.date.Key == "" && r.time.Key == "" {
			return g
		}
	}
	return ""
}

// exampleDate is the date messages write in a format, to show how to type one: a
// day past 12, so that the order shows, and an afternoon hour.
var exampleDate = time.Date(2024, 3, 25, 14, 30, 0, 0, time.UTC)

// example is exampleDate written in f, e.g. "25/03/2024 14:30" for DD/MM/YYYY HH:mm.
func (f *dateFormat) example() string {
	var b strings.Builder
	t := exampleDate
	for _, tok := range f.toks {
		switch tok.kind {
		case tLit:
			b.WriteRune(tok.lit)
		case tSpace:
			b.WriteByte(' ')
		case tAMPM:
			b.WriteString(exampleAMPM(tok.letters))
		case tYear:
			if tok.max == 2 {
				b.WriteString(t.Format("06"))
			} else {
				b.WriteString(t.Format("2006"))
			}
		default:
			n := map[tokKind]int{tMonth: int(t.Month()), tDay: t.Day(), tHour: t.Hour(), tMinute: t.Minute(), tSecond: t.Second()}[tok.kind]
			if tok.kind == tHour && f.twelve {
				n = (n+11)%12 + 1
			}
			if len(tok.letters) == 2 {
				fmt.Fprintf(&b, "%02d", n)
			} else {
				fmt.Fprintf(&b, "%d", n)
			}
		}
	}
	return b.String()
}

// exampleAMPM is the afternoon as the format spells AM/PM: PM, pm, p.m.
func exampleAMPM(letters string) string {
	pm := "PM"
	if strings.Contains(letters, ".") {
		pm = "P.M."
	}
	if letters == strings.ToLower(letters) {
		pm = strings.ToLower(pm)
	}
	return pm
}

// isoLayout is how the date of a value f reads is written year-month-day: with the
// minutes and seconds that f has.
func (f *dateFormat) isoLayout() string {
	layout := "2006-01-02"
	for _, t := range f.toks {
		switch t.kind {
		case tMinute:
			layout = "2006-01-02 15:04"
		case tSecond:
			return "2006-01-02 15:04:05"
		}
	}
	return layout
}
