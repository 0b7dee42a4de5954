package report

import (
	"math"
	"strconv"
	"time"
	"unicode/utf16"
	"unicode/utf8"
)

// This file writes the cells of a streamed worksheet part as SpreadsheetML, byte for byte
// what excelize's StreamWriter would have written for the same values (numbers, date
// serials, inline strings), so that every reader sees the same cells.

// appendCellText appends s XML-escaped for the text of a <t> element. Characters XML 1.0
// does not allow (control characters other than tab, newline and carriage return, U+FFFE,
// U+FFFF) are written as the spreadsheet escape _xHHHH_, which Excel, LibreOffice and
// excelize decode; a literal "_xHHHH_" in s has its underscore escaped (_x005F_) so that
// it reads back as written. Bytes that are not UTF-8 become U+FFFD.
func appendCellText(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '&':
				b = append(b, "&amp;"...)
			case c == '<':
				b = append(b, "&lt;"...)
			case c == '>':
				b = append(b, "&gt;"...)
			case c == '\t':
				b = append(b, "&#x9;"...)
			case c == '\r':
				b = append(b, "&#xD;"...) // a raw CR would read back as a newline
			case c == '\n':
				b = append(b, '\n')
			case c < 0x20:
				b = appendBSTR(b, rune(c))
			case c == '_' && isBSTR(s[i:]):
				b = append(b, "_x005F"...)
				b = append(b, '_')
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, "\uFFFD"...)
		case r == 0xFFFE || r == 0xFFFF:
			b = appendBSTR(b, r)
		default:
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return b
}

// isBSTR reports whether s starts with an escape _xHHHH_.
func isBSTR(s string) bool {
	if len(s) < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_' {
		return false
	}
	for _, c := range []byte(s[2:6]) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

func appendBSTR(b []byte, r rune) []byte {
	const hex = "0123456789ABCDEF"
	return append(b, '_', 'x', hex[r>>12&15], hex[r>>8&15], hex[r>>4&15], hex[r&15], '_')
}

// needsPreserve reports whether s starts or ends with white space, which an XML reader
// drops unless the element says xml:space="preserve".
func needsPreserve(s string) bool {
	if s == "" {
		return false
	}
	isSpace := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
	return isSpace(s[0]) || isSpace(s[len(s)-1])
}

// utf16Len is the length of s in UTF-16 code units, the unit of a cell's length limit.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// truncateUTF16 is s cut to at most n UTF-16 code units, at a character boundary.
func truncateUTF16(s string, n int) string {
	cnt := 0
	for i, r := range s {
		if cnt += utf16.RuneLen(r); cnt > n {
			return s[:i]
		}
	}
	return s
}

// appendCellFloat appends v as excelize writes a float64 cell: the shortest decimal that
// reads back as v, cut to 15 significant digits (what a spreadsheet keeps).
func appendCellFloat(b []byte, v float64) []byte {
	start := len(b)
	b = strconv.AppendFloat(b, v, 'f', -1, 64)
	if math.Abs(v) == math.MaxFloat64 {
		return b
	}
	str := b[start:]
	const maxPrec = 15
	decimal := -1
	for i, c := range str {
		if c == '.' {
			decimal = i
			break
		}
	}
	significant := 0
	for idx := range str {
		if str[idx] < '0' || str[idx] > '9' || significant == 0 && str[idx] == '0' {
			continue
		}
		significant++
		if significant <= maxPrec {
			continue
		}
		if decimal >= 0 && idx > decimal {
			end := idx
			if str[end-1] == '.' {
				end--
			}
			return b[:start+end]
		}
		if decimal < 0 {
			decimal = len(str)
		}
		for ; idx < decimal; idx++ {
			str[idx] = '0'
		}
		return b[:start+decimal]
	}
	return b
}

var (
	excelEpoch1900  = time.Date(1899, time.December, 31, 0, 0, 0, 0, time.UTC)
	excelBuggyStart = time.Date(1900, time.March, 1, 0, 0, 0, 0, time.UTC).Add(-time.Nanosecond)
)

// excelSerial is t (a wall-clock time, in UTC) as a date serial of a 1900-based workbook,
// computed as excelize does; ok is false before 1900, which a serial cannot show.
func excelSerial(t time.Time) (serial float64, ok bool) {
	const day = 24 * time.Hour
	const maxDuration = 290 * 364 * day
	if t.Before(excelEpoch1900) {
		return 0, false
	}
	tt, diff, result := t, t.Sub(excelEpoch1900), 0.0
	for diff >= maxDuration {
		result += float64(maxDuration / day)
		tt = tt.Add(-maxDuration)
		diff = tt.Sub(excelEpoch1900)
	}
	rem := diff % day
	result += float64(diff-rem)/float64(day) + float64(rem)/float64(day)
	if t.After(excelBuggyStart) {
		result++ // Excel counts a 29 February 1900 that never was
	}
	return result, result > 0
}

// columnNames are the letters of columns 1 to n ("A", "B", ... "AA").
func columnNames(n int) []string {
	out := make([]string, n)
	for i := range out {
		var name []byte
		for c := i + 1; c > 0; c = (c - 1) / 26 {
			name = append([]byte{byte('A' + (c-1)%26)}, name...)
		}
		out[i] = string(name)
	}
	return out
}
