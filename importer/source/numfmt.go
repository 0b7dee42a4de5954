package source

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// styleInfo is what a cell style says about how a number in it is shown.
type styleInfo struct {
	date    bool     // a date/time number format: the number is a date serial
	literal []string // the sections of a format that shows fixed text (nil when not such a format)
}

// isBuiltinDateFormat reports whether a built-in number format ID is a date or time
// format: 14-22 and 45-47 (ECMA-376 18.8.30), and 27-36 and 50-58, the East Asian date
// formats Excel writes under those IDs.
func isBuiltinDateFormat(id int) bool {
	return (14 <= id && id <= 22) || (27 <= id && id <= 36) || (45 <= id && id <= 47) || (50 <= id && id <= 58)
}

// classifyFormat reads a custom number format code.
func classifyFormat(code string) styleInfo {
	if isDateFormat(code) {
		return styleInfo{date: true}
	}
	return styleInfo{literal: literalSections(code)}
}

// isDateFormat reports whether a number format code has a date or time token (y, m, d, h,
// s) outside quoted text, escapes (\x, _x, *x) and brackets ([Red], [$-409], [>100]).
func isDateFormat(code string) bool {
	if strings.EqualFold(strings.TrimSpace(code), "general") {
		return false
	}
	for i := 0; i < len(code); i++ {
		switch c := code[i]; c {
		case '"':
			if j := strings.IndexByte(code[i+1:], '"'); j >= 0 {
				i += j + 1
			} else {
				return false
			}
		case '\\', '_', '*':
			i++
		case '[':
			if j := strings.IndexByte(code[i+1:], ']'); j >= 0 {
				i += j + 1
			} else {
				return false
			}
		case 'y', 'Y', 'm', 'M', 'd', 'D', 'h', 'H', 's', 'S':
			return true
		}
	}
	return false
}

// literalSections splits a format code into its sections (";" outside quotes) and returns
// them when every section shows only fixed text ("TRUE", \x, [Red] aside): LibreOffice
// formats booleans as numbers with the code "TRUE";"TRUE";"FALSE". It returns nil for any
// format with a digit or text placeholder, or with a condition.
func literalSections(code string) []string {
	var sections []string
	var cur strings.Builder
	for i := 0; i < len(code); i++ {
		switch c := code[i]; c {
		case '"':
			j := strings.IndexByte(code[i+1:], '"')
			if j < 0 {
				return nil
			}
			cur.WriteString(code[i+1 : i+1+j])
			i += j + 1
		case '\\':
			if i+1 < len(code) {
				cur.WriteByte(code[i+1])
			}
			i++
		case '[':
			j := strings.IndexByte(code[i+1:], ']')
			if j < 0 {
				return nil
			}
			if inner := code[i+1 : i+1+j]; strings.ContainsAny(inner, "<>=") {
				return nil // a condition: which section applies is not the plain rule
			}
			i += j + 1
		case ';':
			sections = append(sections, cur.String())
			cur.Reset()
		case ' ':
			cur.WriteByte(' ')
		default:
			return nil
		}
	}
	sections = append(sections, cur.String())
	for _, s := range sections {
		if strings.TrimSpace(s) != "" {
			return sections
		}
	}
	return nil
}

// literalText is the text a literal format shows for v (Excel's section rules: one
// section for all; two: v >= 0, v < 0; three or more: v > 0, v < 0, v == 0). LibreOffice's
// boolean format ("X";"X";"Y" on 1 and 0, in whatever language) gives TRUE or FALSE, as a
// boolean cell does.
func literalText(sections []string, v float64) string {
	if len(sections) >= 3 && sections[0] == sections[1] && sections[0] != sections[2] && (v == 0 || v == 1) {
		if v == 1 {
			return "TRUE"
		}
		return "FALSE"
	}
	switch {
	case len(sections) == 1:
		return sections[0]
	case len(sections) == 2:
		if v < 0 {
			return sections[1]
		}
		return sections[0]
	case v > 0:
		return sections[0]
	case v < 0:
		return sections[1]
	default:
		return sections[2]
	}
}

// numberText is the text of a number as a user sees it in a cell with the General format:
// its digits, at most 15 significant (Excel shows no more, and a raw 0.30000000000000004
// is the 0.3 the user typed), never in exponent form: 12345, 1234567890123, 12.5, -0.25.
func numberText(v float64) string {
	v, _ = strconv.ParseFloat(strconv.FormatFloat(v, 'g', 15, 64), 64)
	if v == 0 {
		v = 0 // no "-0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// maxSerial is 9999-12-31, the last day a spreadsheet date can hold.
const maxSerial = 2958465

// serialTime converts a date serial to a time, rounded to the nearest second (spreadsheets
// store times as fractions of a day: 10:30 may be stored as 0.43749999999).
func serialTime(v float64, date1904 bool) (time.Time, bool) {
	if v < 0 || v >= maxSerial+1 || math.IsNaN(v) {
		return time.Time{}, false
	}
	days := math.Floor(v)
	secs := math.Round((v - days) * 86400)
	day, err := excelize.ExcelDateToTime(days, date1904)
	if err != nil {
		return time.Time{}, false
	}
	day = time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.UTC)
	return day.Add(time.Duration(secs) * time.Second), true
}

// dateText is how a date cell's text reads: "2006-01-02 15:04:05", or "2006-01-02" at
// midnight.
func dateText(t time.Time) string {
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		return t.Format("2006-01-02")
	}
	return t.Format("2006-01-02 15:04:05")
}

// isoDateLayouts are the forms of an ISO 8601 date cell (t="d").
var isoDateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02",
	"15:04:05.999999999",
	"15:04:05",
}

func parseISODate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range isoDateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			t = t.Round(time.Second)
			return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC), true
		}
	}
	return time.Time{}, false
}
