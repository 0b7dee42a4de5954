package report

import "strconv"

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
		if _, err := strconv.ParseFloat(s, 64); err == nil && s[0] != '=' && s[0] != '@' {
			return s
		}
		return "'" + s
	}
	return s
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
