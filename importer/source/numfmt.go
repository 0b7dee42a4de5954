package source

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/wolkvox-import/wolkvox-import/mapping"
)

// numFormat is a number format code, read once per style: what kind of value a number
// in that style is, and how its digits are shown.
type numFormat struct {
	code     string
	kind     mapping.CellKind // KindNumber, KindDate, KindTime (time-only), KindDuration
	seconds  bool             // a date or time format that shows seconds
	literal  []string         // every section shows fixed text only (LibreOffice's booleans)
	sections []numSection
	text     bool // "@": the cell is shown as text, a number in it as General
}

// numSection is one ";"-separated section of a number format, as far as the digits go.
type numSection struct {
	cond      func(float64) bool // a [<=9999999] condition; nil when none
	digits    bool               // has a digit placeholder (0 # ?)
	intZeros  int                // '0' before the decimal point: the least number of integer digits
	decZeros  int                // '0' after the point: decimals always shown
	decOpt    int                // '#' or '?' after the point: decimals shown when not zero
	percent   int                // '%' signs: each multiplies by 100
	general   bool               // scientific or fraction notation, or "General": shown as General
	negFormat bool               // the section is for negative numbers and shows its own sign
}

// parseNumFormat reads a format code. It never fails: what it does not understand is
// shown as General.
func parseNumFormat(code string) numFormat {
	f := numFormat{code: code, kind: mapping.KindNumber}
	if strings.EqualFold(strings.TrimSpace(code), "general") || code == "" {
		return f
	}
	if lit := literalSections(code); lit != nil {
		f.literal = lit
		return f
	}
	tokens := scanDateTokens(code)
	switch {
	case tokens.elapsed:
		f.kind = mapping.KindDuration
	case tokens.year || tokens.day || tokens.month:
		f.kind = mapping.KindDate
	case tokens.hour || tokens.second || tokens.minute:
		f.kind = mapping.KindTime
	}
	f.seconds = tokens.second
	if f.kind != mapping.KindNumber {
		return f
	}
	for _, s := range splitSections(code) {
		f.sections = append(f.sections, parseSection(s))
	}
	if len(f.sections) > 0 && strings.TrimSpace(code) == "@" {
		f.text = true
	}
	return f
}

// dateTokens are the date and time tokens a format code holds outside quoted text,
// escapes (\x, _x, *x) and brackets, except the elapsed-time brackets [h] [mm] [ss].
type dateTokens struct {
	year, month, day, hour, minute, second, elapsed bool
}

func scanDateTokens(code string) dateTokens {
	var t dateTokens
	prevHour := false // the last date token was h: an m after it is minutes
	for i := 0; i < len(code); i++ {
		switch c := code[i]; c {
		case '"':
			j := strings.IndexByte(code[i+1:], '"')
			if j < 0 {
				return t
			}
			i += j + 1
		case '\\', '_', '*':
			i++
		case '[':
			j := strings.IndexByte(code[i+1:], ']')
			if j < 0 {
				return t
			}
			inner := strings.ToLower(code[i+1 : i+1+j])
			if inner != "" && strings.Trim(inner, "hms") == "" {
				t.elapsed = true
			}
			i += j + 1
		case 'y', 'Y', 'e', 'E':
			if c == 'e' || c == 'E' { // E+00 is scientific notation, e is the era year
				if i+1 < len(code) && (code[i+1] == '+' || code[i+1] == '-') {
					continue
				}
			}
			t.year, prevHour = true, false
		case 'd', 'D':
			t.day, prevHour = true, false
		case 'h', 'H':
			t.hour, prevHour = true, true
		case 's', 'S':
			t.second, prevHour = true, false
		case 'm', 'M':
			if prevHour || followedBySeconds(code[i:]) {
				t.minute = true
			} else {
				t.month = true
			}
			for i+1 < len(code) && (code[i+1] == 'm' || code[i+1] == 'M') {
				i++
			}
			prevHour = false
		case 'a', 'A':
			if strings.HasPrefix(strings.ToUpper(code[i:]), "AM/PM") {
				i += 4
			} else if strings.HasPrefix(strings.ToUpper(code[i:]), "A/P") {
				i += 2
			}
		case 'g', 'G': // General inside a section
			if strings.HasPrefix(strings.ToLower(code[i:]), "general") {
				i += 6
			}
		case 'b', 'B': // Buddhist year: b, bb, b2
			t.year = true
		}
	}
	return t
}

// followedBySeconds reports whether the m run at the start of s is followed, past
// separators, by an s token: "mm:ss" is minutes.
func followedBySeconds(s string) bool {
	i := 0
	for i < len(s) && (s[i] == 'm' || s[i] == 'M') {
		i++
	}
	for i < len(s) {
		switch s[i] {
		case ':', '.', ' ', '0':
			i++
		case 's', 'S':
			return true
		default:
			return false
		}
	}
	return false
}

// splitSections splits a format code at ";" outside quotes, escapes and brackets.
func splitSections(code string) []string {
	var out []string
	start := 0
	for i := 0; i < len(code); i++ {
		switch code[i] {
		case '"':
			if j := strings.IndexByte(code[i+1:], '"'); j >= 0 {
				i += j + 1
			} else {
				i = len(code)
			}
		case '\\':
			i++
		case '[':
			if j := strings.IndexByte(code[i+1:], ']'); j >= 0 {
				i += j + 1
			}
		case ';':
			out = append(out, code[start:i])
			start = i + 1
		}
	}
	return append(out, code[start:])
}

// parseSection reads the digit placeholders of one section.
func parseSection(s string) numSection {
	var sec numSection
	afterPoint := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"':
			j := strings.IndexByte(s[i+1:], '"')
			if j < 0 {
				return sec
			}
			i += j + 1
		case '\\', '_', '*':
			i++
		case '[':
			j := strings.IndexByte(s[i+1:], ']')
			if j < 0 {
				return sec
			}
			if cond := parseCondition(s[i+1 : i+1+j]); cond != nil {
				sec.cond = cond
			}
			i += j + 1
		case '0', '#', '?':
			sec.digits = true
			switch {
			case afterPoint && c == '0':
				sec.decZeros++
			case afterPoint:
				sec.decOpt++
			case c == '0':
				sec.intZeros++
			}
		case '.':
			afterPoint = true
		case '%':
			sec.percent++
		case 'E', 'e', '/':
			sec.general = true
		case 'g', 'G':
			if strings.HasPrefix(strings.ToLower(s[i:]), "general") {
				sec.general, sec.digits = true, true
				i += 6
			}
		case '-', '(':
			if !sec.digits {
				sec.negFormat = true
			}
		}
	}
	return sec
}

// parseCondition reads a section condition such as "<=9999999"; nil for anything else
// ([Red], [$-409], [h]).
func parseCondition(s string) func(float64) bool {
	var op string
	for _, o := range []string{"<=", ">=", "<>", "<", ">", "="} {
		if strings.HasPrefix(s, o) {
			op = o
			break
		}
	}
	if op == "" {
		return nil
	}
	n, err := strconv.ParseFloat(strings.TrimSpace(s[len(op):]), 64)
	if err != nil {
		return nil
	}
	switch op {
	case "<=":
		return func(v float64) bool { return v <= n }
	case ">=":
		return func(v float64) bool { return v >= n }
	case "<>":
		return func(v float64) bool { return v != n }
	case "<":
		return func(v float64) bool { return v < n }
	case ">":
		return func(v float64) bool { return v > n }
	}
	return func(v float64) bool { return v == n }
}

// section picks the section that shows v, by Excel's rules: conditions when a section has
// one; else one section for all, two for v >= 0 and v < 0, three for v > 0, v < 0, 0.
func (f *numFormat) section(v float64) (numSection, bool) {
	secs := f.sections
	if len(secs) == 0 {
		return numSection{}, false
	}
	if secs[0].cond != nil {
		for i, s := range secs {
			if s.cond == nil || s.cond(v) || i == len(secs)-1 {
				return s, true
			}
		}
	}
	switch {
	case len(secs) == 1, v > 0, v == 0 && len(secs) == 2:
		return secs[0], true
	case v < 0:
		return secs[1], true
	default:
		return secs[2], true
	}
}

// render is the text a number in this format shows, as far as its digits go: zero
// padding, decimal places and percent, never grouping separators, currency symbols or
// other literal text (the id a user typed is "00007", not "$ 00007").
func (f *numFormat) render(v float64) string {
	if f.literal != nil {
		return literalText(f.literal, v)
	}
	sec, ok := f.section(v)
	if !ok || sec.general || !sec.digits || f.text {
		return numberText(v)
	}
	neg := v < 0
	a := math.Abs(v)
	for range min(sec.percent, 3) {
		a *= 100
	}
	// Excel shows at most 30 decimals; a code of a million zeros must not cost a million
	// steps per cell.
	decZeros, decimals, intZeros := min(sec.decZeros, 30), min(sec.decZeros+sec.decOpt, 30), min(sec.intZeros, 64)
	s := strconv.FormatFloat(roundHalfUp(a, decimals), 'f', decimals, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	if decimals > decZeros {
		frac = strings.TrimRight(frac, "0")
		frac += strings.Repeat("0", max(decZeros-len(frac), 0))
	}
	if intPart == "0" && intZeros == 0 && frac != "" {
		intPart = "" // "#.00" shows 0.5 as ".50"
	}
	intPart = strings.Repeat("0", max(intZeros-len(intPart), 0)) + intPart
	out := intPart
	if frac != "" {
		out += "." + frac
	}
	if neg && strings.Trim(out, "0.") != "" {
		out = "-" + out
	}
	if sec.percent > 0 {
		out += strings.Repeat("%", min(sec.percent, 3))
	}
	return out
}

// isBuiltinDateFormat reports whether a built-in number format ID is a date or time
// format: 14-22 and 45-47 (ECMA-376 18.8.30), and 27-36 and 50-58, the East Asian date
// formats Excel writes under those IDs.
func isBuiltinDateFormat(id int) bool {
	return (14 <= id && id <= 22) || (27 <= id && id <= 36) || (45 <= id && id <= 47) || (50 <= id && id <= 58)
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

// timeOfDay converts a serial below 1 to a time of day on 0000-01-01 (a day no date cell
// can be), rounded to the second; 0.99999 rounds to 23:59:59, never to the next day.
func timeOfDay(v float64) time.Time {
	secs := min(math.Round(v*86400), 86399)
	return time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(secs) * time.Second)
}

// timeText is how a time cell reads: "09:30", or "09:30:15" when the format shows seconds
// or the time has them.
func timeText(t time.Time, seconds bool) string {
	if seconds || t.Second() != 0 {
		return t.Format("15:04:05")
	}
	return t.Format("15:04")
}

// durationText is an elapsed time as a [h]:mm format shows it: "26:00", "1:30:15";
// minutes-first formats ([mm]:ss) show total minutes.
func durationText(v float64, code string) string {
	neg := v < 0
	total := int64(math.Round(math.Abs(v) * 86400))
	lower := strings.ToLower(code)
	var s string
	switch {
	case strings.Contains(lower, "[h"):
		s = strconv.FormatInt(total/3600, 10) + ":" + pad2(total%3600/60)
		if strings.Contains(lower, "s") {
			s += ":" + pad2(total%60)
		}
	case strings.Contains(lower, "[m"):
		s = strconv.FormatInt(total/60, 10) + ":" + pad2(total%60)
	default:
		s = strconv.FormatInt(total, 10)
	}
	if neg && total != 0 {
		s = "-" + s
	}
	return s
}

// roundHalfUp rounds v >= 0 to decimals places as a spreadsheet shows it: on the value's
// 15 significant digits (2.675 is stored as 2.67499999..., shown as 2.68), halves away
// from zero (2.5 shows as 3).
func roundHalfUp(v float64, decimals int) float64 {
	v, _ = strconv.ParseFloat(strconv.FormatFloat(v, 'g', 15, 64), 64)
	scale := math.Pow10(decimals)
	x := v * scale
	if math.IsInf(x, 0) || x > 1e15 {
		return v
	}
	return math.Round(x*(1+1e-15)) / scale
}

func pad2(n int64) string {
	if n < 10 {
		return "0" + strconv.FormatInt(n, 10)
	}
	return strconv.FormatInt(n, 10)
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
}

// isoTimeLayouts are the forms of an ISO 8601 time-only cell (t="d").
var isoTimeLayouts = []string{"15:04:05.999999999", "15:04:05", "15:04"}

func parseISODate(s string) (mapping.Cell, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range isoDateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			t = t.Round(time.Second)
			t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
			return mapping.Cell{Text: dateText(t), Kind: mapping.KindDate, Time: t}, true
		}
	}
	for _, layout := range isoTimeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			t = timeOfDay(float64(t.Hour()*3600+t.Minute()*60+t.Second()) / 86400)
			return mapping.Cell{Text: timeText(t, false), Kind: mapping.KindTime, Time: t}, true
		}
	}
	return mapping.Cell{}, false
}
