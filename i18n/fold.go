package i18n

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold is how the tool compares what people type (headers, values, yes/no words, a
// subject searched for): blind to case, accents (é→e, ñ→n) and surrounding spaces;
// inner spaces stay as they are.
func Fold(s string) string {
	s = strings.TrimSpace(s)
	upper := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return foldUnicode(s)
		}
		upper = upper || 'A' <= c && c <= 'Z'
	}
	if !upper {
		return s // the common case costs nothing
	}
	return strings.ToLower(s)
}

func foldUnicode(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}
