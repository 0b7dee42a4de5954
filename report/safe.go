package report

import (
	"strconv"
	"strings"
)

// SafeText returns s so that a spreadsheet shows it as text and never runs it as a
// formula: text starting with = + - @ (or a tab or carriage return, which some programs
// skip before looking for =) gets a leading apostrophe, the spreadsheet convention for
// "this is text". Plain numbers such as -12.5 are left alone: they are not formulas.
func SafeText(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		if (s[0] == '-' || s[0] == '+') && looksNumeric(s[1:]) {
			return s
		}
		return "'" + s
	}
	return s
}

// looksNumeric reports whether s is a number as people write it, in any locale: digits
// with "." and "," as decimal or grouping marks, an optional exponent or percent sign
// (-1.234,50, -12.5, +3%). Such a text cannot run as a formula.
func looksNumeric(s string) bool {
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return true
	}
	s = strings.TrimSuffix(s, "%")
	digits := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case '0' <= c && c <= '9':
			digits = true
		case c == '.' || c == ',':
			if i == 0 || i == len(s)-1 {
				return false
			}
		default:
			return false
		}
	}
	return digits
}

// UnescapeText undoes SafeText: it drops the apostrophe SafeText puts before text that
// would run as a formula, so that a CSV results or failed-rows file imported again sends
// "+34 600", not "'+34 600". Text SafeText would not have changed is returned as it is.
// (A cell a person typed as '=x, apostrophe included, also loses its apostrophe: the two
// cannot be told apart.)
func UnescapeText(s string) string {
	if len(s) > 1 && s[0] == '\'' && SafeText(s[1:]) == s {
		return s[1:]
	}
	return s
}
