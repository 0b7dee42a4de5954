package mapping

import (
	"strconv"
	"strings"
)

// tmplPart is a literal text (column == "") or a {column} placeholder.
type tmplPart struct {
	lit    string
	column string
	idx    int    // the placeholder's header index, set by Bind
	header string // the placeholder's header as the sheet writes it, set by Bind
}

// parseTemplate splits "{Notas} (cliente: {Cliente})" into parts; {{ and }} are
// literal braces.
func parseTemplate(s string) ([]tmplPart, error) {
	var parts []tmplPart
	var lit strings.Builder
	placeholders := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case strings.HasPrefix(s[i:], "{{"), strings.HasPrefix(s[i:], "}}"):
			lit.WriteByte(c)
			i++
		case c == '}':
			return nil, errText(nil, "mapping.template.stray_close")
		case c == '{':
			end := strings.IndexAny(s[i+1:], "{}")
			if end < 0 || s[i+1+end] == '{' {
				return nil, errText(nil, "mapping.template.unclosed", strconv.Quote(s[i:]))
			}
			name := s[i+1 : i+1+end]
			if strings.TrimSpace(name) == "" {
				return nil, errText(nil, "mapping.template.empty_placeholder")
			}
			if lit.Len() > 0 {
				parts = append(parts, tmplPart{lit: lit.String()})
				lit.Reset()
			}
			parts = append(parts, tmplPart{column: name})
			placeholders++
			i += end + 1
		default:
			lit.WriteByte(c)
		}
	}
	if placeholders == 0 {
		return nil, errText(nil, "mapping.template.no_column")
	}
	if lit.Len() > 0 {
		parts = append(parts, tmplPart{lit: lit.String()})
	}
	return parts, nil
}

// render fills the placeholders with the trimmed cells (missing cells are empty): a
// date cell as YYYY-MM-DD (with its time when it has one), a time cell as HH:MM:SS, so
// that "{Fecha} {Hora}" makes a date and time. When every placeholder is empty the result
// is "", so that default applies. dated says a date cell went into it; bad is the
// placeholder of the first cell that shows a formula error.
func render(parts []tmplPart, cells []Cell) (text string, dated bool, bad *tmplPart) {
	var b strings.Builder
	filled := false
	for i := range parts {
		p := &parts[i]
		if p.column == "" {
			b.WriteString(p.lit)
			continue
		}
		if p.idx >= len(cells) {
			continue
		}
		c := &cells[p.idx]
		text := strings.TrimSpace(c.Text)
		switch c.Kind {
		case KindError:
			return "", false, p
		case KindDate:
			dated = true
		case KindTime:
			text = c.Time.Format("15:04:05")
		}
		filled = filled || text != ""
		b.WriteString(text)
	}
	if !filled {
		return "", false, nil
	}
	return b.String(), dated, nil
}
