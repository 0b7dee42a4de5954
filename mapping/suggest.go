package mapping

import (
	"strings"

	"github.com/wolkvox-import/wolkvox-import/i18n"
)

// Suggest is the mapping a page offers for a sheet: the same matching of headers to
// fields as Auto and Starter (mapping init), plus what the first data rows tell: the
// date format their text dates are written in, translations for the priority and yes/no
// words the column holds, and the participants separator. rows are data rows, their
// cells in the order of headers.
//
// A day/month order is only suggested when the dates read one way and not the other;
// when every date reads both ways (all days up to 12), day first is offered, as
// Colombia writes dates, and the page shows it for the user to confirm.
func Suggest(headers []string, rows [][]Cell) Spec {
	s := Spec{Type: "meet"}
	column := func(i int) []Cell {
		var out []Cell
		for _, r := range rows {
			if i < len(r) && strings.TrimSpace(r[i].Text) != "" {
				out = append(out, r[i])
			}
		}
		return out
	}
	for id := range numFields {
		h, ok := autoHeader(id, headers)
		if !ok {
			continue
		}
		i, err := headerIndex(headers, h, i18n.Text{})
		if err != nil || i < 0 {
			continue // several columns share the header: the user picks one
		}
		f := FieldSpec{Field: id.String(), Column: h}
		cells := column(i)
		switch id.kind() {
		case kindDate:
			f.Format = guessFormat(cells)
		case kindPriority:
			// The Spanish words, as Auto and Starter translate them, then the column's others.
			f.Default = "normal"
			f.Values = []Translation{{"Alta", "high"}, {"Media", "normal"}, {"Baja", "low"}}
			for _, w := range distinct(cells) {
				if _, ok := priorityWord(w); ok || autoPriorities[fold(w)] != "" {
					continue
				}
				f.Values = append(f.Values, Translation{From: w})
			}
		case kindBool:
			for _, w := range distinct(cells) {
				if _, err := parseBool(w); err != nil {
					f.Values = append(f.Values, Translation{From: w})
				}
			}
		case kindList:
			f.Split = ";,"
		}
		s.Fields = append(s.Fields, f)
	}
	return s
}

// maxDistinct bounds the words offered for translation (a column of free text is not a
// column of priorities).
const maxDistinct = 12

// distinct are the trimmed texts of cells, once each as fold compares them, in order.
func distinct(cells []Cell) []string {
	var out []string
	seen := map[string]bool{}
	for _, c := range cells {
		t := strings.TrimSpace(c.Text)
		if k := fold(t); !seen[k] {
			seen[k] = true
			out = append(out, t)
			if len(out) == maxDistinct {
				break
			}
		}
	}
	return out
}

// guessFormat is the format that reads every text date of cells: "" when they are date
// cells or ISO-like (read without one), or when no one format reads them all.
func guessFormat(cells []Cell) string {
	var dm, md string
	dmOK, mdOK := true, true
	for _, c := range cells {
		if c.Kind == KindDate {
			continue
		}
		t := strings.TrimSpace(c.Text)
		if _, ok := parseISO(t); ok {
			continue
		}
		d, m, ok := suggestFormats(t)
		if !ok {
			return ""
		}
		if dm == "" {
			dm, md = d, m
		} else if d != dm {
			return "" // written in several ways: the user chooses
		}
		if r, ok := readAs(t, d); !ok || r.date.Key != "" || r.time.Key != "" {
			dmOK = false
		}
		if r, ok := readAs(t, m); !ok || r.date.Key != "" || r.time.Key != "" {
			mdOK = false
		}
	}
	switch {
	case dm == "":
		return ""
	case dmOK:
		return dm
	case mdOK:
		return md
	}
	return ""
}
