package mapping

import (
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
}

func (c *converter) convert(s string) (value, error) {
	if s == "" {
		return value{}, nil
	}
	switch c.kind {
	case kindPriority:
		return convertPriority(s, c.where)
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

func convertPriority(s, where string) (value, error) {
	switch p := strings.ToLower(s); p {
	case "high", "normal", "low":
		return value{text: p}, nil
	}
	return value{}, wrapf(ErrInvalidPriority,
		"%q is not a priority; use high, normal or low, or translate it: add values: { %q: high } to %s",
		s, s, where)
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
