package mapping

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/wolkvox-import/wolkvox-import/i18n"
)

// converter turns a field's text, already trimmed, defaulted and translated, into
// its API value. It is resolved once per field, in Parse or Auto.
type converter struct {
	kind   kind
	split  string      // participants: every rune separates items; "" keeps one item
	format *dateFormat // dates: nil reads ISO-like dates only
	name   string      // the API field, for fixes in the mapping; "" in ParseDate
	auto   bool        // an automatic mapping: a fix in the mapping means writing a --mapping file
	// values says that the field has a values: table in the mapping file, which an
	// unknown priority's fix adds a line to rather than a second values:.
	values bool
	// words are the sheet's words of values:, in the file's order, which messages
	// offer instead of the API's (Alta rather than high).
	words []valueWord
	// asIs says that the text is a default:, which values: does not translate.
	asIs bool
	// constant says that the text is written in the mapping (value:, default:,
	// values:), where it is fixed, rather than in a cell.
	constant bool
}

// valueWord is one line of a values: table, as the mapping writes it.
type valueWord struct{ from, to string }

// ref names the field in a fix of the mapping: "start_date", "start_date in a
// --mapping file".
func (c *converter) ref() i18n.Text {
	switch {
	case c.name == "":
		return txt("mapping.field.date")
	case c.auto:
		return txt("mapping.field.auto", c.name)
	}
	return txt("mapping.field", c.name)
}

func (c *converter) convert(s string) (value, error) {
	if s == "" {
		return value{}, nil
	}
	switch c.kind {
	case kindPriority:
		return c.convertPriority(s)
	case kindDate:
		t, err := parseDate(s, c.format, c)
		if err != nil {
			return value{}, err
		}
		return value{text: apiText(t)}, nil
	case kindBool:
		b, err := c.parseBool(s)
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
	what := txt("row.priority.unknown", quote(s))
	switch {
	case c.asIs:
		return value{}, newProblem(KindPriorityUnknown, ErrInvalidPriority, what, txt("mapping.fix.default_priority"), i18n.Text{})
	case c.constant:
		return value{}, newProblem(KindPriorityUnknown, ErrInvalidPriority, what, txt("mapping.fix.write_priority"), i18n.Text{})
	}
	var fix i18n.Text
	if c.values {
		fix = txt("mapping.fix.add_values_line", yamlQuote(s), c.ref())
	} else {
		fix = txt("mapping.fix.add_values", strconv.Quote(s), c.ref())
	}
	return value{}, newProblem(KindPriorityUnknown, ErrInvalidPriority, what, txt("row.fix.type", c.priorityWords()), fix)
}

// priorityWords are the words a cell may hold for each priority: the sheet's, where
// values: translates one to it, else the API's.
func (c *converter) priorityWords() orList {
	var words orList
	for _, p := range []string{"high", "normal", "low"} {
		w := p
		for _, v := range c.words {
			if to, ok := priorityWord(v.to); ok && to == p {
				w = v.from
				break
			}
		}
		words = append(words, w)
	}
	return words
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
