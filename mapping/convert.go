package mapping

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// converter turns a field's text, already trimmed, defaulted and translated, into
// its API value. It is resolved once per field, in Parse or Auto.
type converter struct {
	kind   kind
	split  string      // participants: every rune separates items; "" keeps one item
	format *dateFormat // dates: nil reads ISO-like dates only
	where  string      // where the user fixes the mapping, e.g. "start_date in the mapping"
	// values says that the field has a values: table in the mapping file, which an
	// unknown priority's fix adds a line to rather than a second values:.
	values bool
	// asIs says that the text is a default:, which values: does not translate.
	asIs bool
}

func (c *converter) convert(s string) (value, error) {
	if s == "" {
		return value{}, nil
	}
	switch c.kind {
	case kindPriority:
		return c.convertPriority(s)
	case kindDate:
		t, err := parseDate(s, c.format, c.where)
		if err != nil {
			return value{}, err
		}
		return value{text: t.Format(apiLayout)}, nil
	case kindBool:
		b, err := parseBool(s)
		if err != nil {
			return value{}, err
		}
		return value{text: strconv.FormatBool(b)}, nil
	case kindList:
		return value{list: splitList(s, c.split)}, nil
	}
	return value{text: s}, nil
}

func (c *converter) convertPriority(s string) (value, error) {
	if p, ok := priorityWord(s); ok {
		return value{text: p}, nil
	}
	var fix string
	switch {
	case c.asIs:
		fix = "write high, normal or low; a default: is sent as written, values: does not translate it"
	case c.values:
		fix = fmt.Sprintf("use high, normal or low, or translate it: add %s: high (or normal, low) to the values: of %s",
			yamlQuote(s), c.where)
	default:
		fix = fmt.Sprintf("use high, normal or low, or translate it: add values: { %q: high } to %s", s, c.where)
	}
	return value{}, wrapf(ErrInvalidPriority, "%q is not a priority; %s", s, fix)
}

// priorityWord returns the API's word for a priority written in any case.
func priorityWord(s string) (string, bool) {
	switch p := strings.ToLower(s); p {
	case "high", "normal", "low":
		return p, true
	}
	return "", false
}

// splitList cuts s at every rune of seps ("" keeps s whole), trims the items and
// drops the empty ones.
func splitList(s, seps string) []string {
	var items []string
	for s != "" {
		item, rest := s, ""
		if i := strings.IndexAny(s, seps); i >= 0 {
			_, size := utf8.DecodeRuneInString(s[i:])
			item, rest = s[:i], s[i+size:]
		}
		if item = strings.TrimSpace(item); item != "" {
			items = append(items, item)
		}
		s = rest
	}
	return items
}
