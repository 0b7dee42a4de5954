package mapping

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// tokensHelp is appended to format errors: users write formats from memory.
const tokensHelp = "format tokens are case-sensitive: YYYY or YY year, MM or M month, DD or D day, " +
	"HH or H hour (0-23), hh or h hour (1-12, with AM/PM), mm or m minutes, ss or s seconds, AM/PM"

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

var tokNames = [numTokKinds]string{
	tYear: "the year", tMonth: "the month", tDay: "the day", tHour: "the hour",
	tMinute: "the minutes", tSecond: "the seconds", tAMPM: "AM or PM",
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
					return nil, errors.New("AM/PM appears twice")
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
			return t, fmt.Errorf("%s is not a year token: write YYYY (2024) or YY (24)", letters)
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
			return t, fmt.Errorf("%s means minutes and must come after the hour (HH); write the month as MM, in capitals; %s", letters, tokensHelp)
		}
	case 's':
		t.kind = tSecond
	}
	if len(letters) > 2 && t.kind != tYear {
		return t, fmt.Errorf("%s is not supported (names of months and days cannot be read); %s", letters, tokensHelp)
	}
	if seen[t.kind] {
		msg := fmt.Sprintf("%s appears twice", tokNames[t.kind])
		if t.kind == tMonth {
			msg += "; minutes are mm, in lower case"
		}
		return t, errors.New(msg)
	}
	return t, nil
}

func (f *dateFormat) validate(seen [numTokKinds]bool) error {
	for _, k := range []tokKind{tYear, tMonth, tDay} {
		if !seen[k] {
			return fmt.Errorf("it has no %s; %s", strings.TrimPrefix(tokNames[k], "the "), tokensHelp)
		}
	}
	switch {
	case f.twelve && !seen[tAMPM]:
		return errors.New("hh is the 12-hour clock and needs AM/PM in the format; for a 24-hour clock write HH")
	case !f.twelve && seen[tHour] && seen[tAMPM]:
		return errors.New("HH is the 24-hour clock; with AM/PM write hh")
	case seen[tAMPM] && !seen[tHour]:
		return errors.New("AM/PM needs an hour (hh)")
	case seen[tSecond] && !seen[tMinute]:
		return errors.New("seconds (ss) need minutes (mm) before them")
	}
	return nil
}

// parse reads trimmed s. A value that stops after the date, when the format goes
// on with a time, is at midnight: hand-filled sheets often leave the time out.
func (f *dateFormat) parse(s, where string) (time.Time, error) {
	d, prob := f.read(s)
	switch {
	case prob == nil:
	case prob.mismatch:
		return time.Time{}, f.mismatch(s, where, prob.text)
	default:
		return time.Time{}, wrapf(ErrInvalidDate, "invalid date %q: %s; fix the cell, or the format of %s", s, prob.text, where)
	}
	if reason := d.check(); reason != "" {
		return time.Time{}, wrapf(ErrInvalidDate, "invalid date %q: %s (format %q); fix the cell, or the format of %s", s, reason, f.src, where)
	}
	return d.time(), nil
}

// readProblem is why read could not read a value: it does not match the format
// (mismatch, text says what was expected where), or its hour does not exist on
// the format's 12-hour clock.
type readProblem struct {
	mismatch bool
	text     string
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
		start := r.pos
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
			return d, &readProblem{mismatch: true, text: "expected " + f.describe(tok) + " " + at(s, start)}
		}
	}
	if !r.done() {
		return d, &readProblem{mismatch: true, text: fmt.Sprintf("unexpected %q at the end", s[r.pos:])}
	}
	if f.twelve && timeRead {
		if d.hour < 1 || d.hour > 12 {
			return d, &readProblem{text: fmt.Sprintf("hour %d does not exist on a 12-hour clock", d.hour)}
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

func (f *dateFormat) mismatch(s, where, detail string) error {
	return wrapf(ErrInvalidDate, "invalid date %q: it does not match format %q (%s); fix the cell, or the format of %s",
		s, f.src, detail, where)
}

func (f *dateFormat) describe(t dateTok) string {
	switch t.kind {
	case tLit:
		return strconv.Quote(string(t.lit))
	case tAMPM:
		return tokNames[t.kind]
	}
	return fmt.Sprintf("%s (%s)", tokNames[t.kind], t.letters)
}

// at points at the place in s where reading stopped.
func at(s string, pos int) string {
	if pos >= len(s) {
		return "at the end"
	}
	return fmt.Sprintf("at %q", s[pos:])
}
