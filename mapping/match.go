package mapping

import (
	"strconv"
	"strings"

	"github.com/wolkvox-import/wolkvox-import/i18n"
)

// fold is how headers, values keys and yes/no words are compared (i18n.Fold): blind to
// case, accents (é→e, ñ→n) and surrounding spaces; inner spaces stay as they are.
func fold(s string) string { return i18n.Fold(s) }

// autoFold also treats underscores as spaces, so that "start_date" and
// "Start date" name the same field when there is no mapping file.
func autoFold(s string) string {
	return strings.ReplaceAll(fold(s), "_", " ")
}

// headerIndex finds header name among headers: an exact match first, then one
// that folds the same. It returns the index; -1 and no error when no header
// matches (see notInSheet); an error when several do (what says what the name is
// for, e.g. `column "Asunto" for name`).
func headerIndex(headers []string, name string, what i18n.Text) (int, error) {
	var exact []int
	for i, h := range headers {
		if h == name {
			exact = append(exact, i)
		}
	}
	if len(exact) == 1 {
		return exact[0], nil
	}
	if len(exact) > 1 {
		return -1, errText(ErrAmbiguousColumn, "mapping.column.repeated", what, count(len(exact)), strconv.Quote(name), letters(exact))
	}
	want := fold(name)
	var folded []int
	for i, h := range headers {
		if fold(h) == want {
			folded = append(folded, i)
		}
	}
	switch len(folded) {
	case 1:
		return folded[0], nil
	case 0:
		return -1, nil
	}
	quoted := make(andList, len(folded))
	for i, j := range folded {
		quoted[i] = txt("mapping.column.at", strconv.Quote(headers[j]), letter(j))
	}
	return -1, errText(ErrAmbiguousColumn, "mapping.column.ambiguous", what, quoted)
}

// notInSheet is the error for a name no header matches. It lists the headers and
// suggests a near one that no other field uses (used: by header index).
func notInSheet(headers []string, used []bool, name string, what i18n.Text) error {
	free := make([]string, len(headers))
	for i, h := range headers {
		if !used[i] {
			free[i] = h
		}
	}
	if i := closest(name, free); i >= 0 {
		return errText(ErrUnknownColumn, "mapping.column.missing_near", what, strconv.Quote(headers[i]), listHeaders(headers))
	}
	return errText(ErrUnknownColumn, "mapping.column.missing", what, listHeaders(headers))
}

// maxListed bounds the headers an error lists, for sheets with hundreds of columns.
const maxListed = 40

func listHeaders(headers []string) i18n.Text {
	var quoted []string
	for _, h := range headers {
		if strings.TrimSpace(h) != "" {
			quoted = append(quoted, strconv.Quote(h))
		}
	}
	switch {
	case len(quoted) == 0:
		return txt("mapping.headers.none")
	case len(quoted) > maxListed:
		return txt("mapping.headers.more", strings.Join(quoted[:maxListed], ", "), count(len(quoted)-maxListed))
	}
	return txt("mapping.headers", strings.Join(quoted, ", "))
}

// closest returns the index of the candidate nearest to name (both folded) when it
// is near enough to be a likely typo ("Fecha de inicio" for "Fecha inicio"), else -1.
func closest(name string, candidates []string) int {
	want := fold(name)
	best, bestDist := -1, len([]rune(want))/3+1
	for i, c := range candidates {
		if strings.TrimSpace(c) == "" {
			continue
		}
		if d := distance(fold(c), want); d < bestDist || d == bestDist && best < 0 {
			best, bestDist = i, d
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b, in runes.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// letter is the spreadsheet name of the i-th column (0 → A, 26 → AA), which users
// can find in Excel when two headers look alike.
func letter(i int) string {
	var b []byte
	for i++; i > 0; i = (i - 1) / 26 {
		b = append([]byte{byte('A' + (i-1)%26)}, b...)
	}
	return string(b)
}

// columnLetter is the i-th column as the starter mapping's comments name it.
func columnLetter(i int) string { return "column " + letter(i) }

func columnLetters(idx []int) string {
	s := make([]string, len(idx))
	for i, j := range idx {
		s[i] = columnLetter(j)
	}
	return strings.Join(s, ", ")
}

// letters are the columns idx as a list for messages.
func letters(idx []int) andList {
	s := make(andList, len(idx))
	for i, j := range idx {
		s[i] = letter(j)
	}
	return s
}

// Columns are the distinct headers the mapping names (its columns and template
// placeholders), in field order: the header of a sheet is the row that holds them all.
func (m *Mapping) Columns() []string {
	var cols []string
	seen := map[string]bool{}
	add := func(c string) {
		if k := fold(c); !seen[k] {
			seen[k] = true
			cols = append(cols, c)
		}
	}
	for _, s := range m.fields {
		if s == nil {
			continue
		}
		switch s.src {
		case srcColumn:
			add(s.column)
		case srcTemplate:
			for _, t := range s.tmpl {
				if t.column != "" {
					add(t.column)
				}
			}
		}
	}
	return cols
}

// HeaderScore counts how many of cols a row of cells holds as headers, matched as a
// mapping's column is (exactly, else ignoring case, accents and surrounding spaces).
func HeaderScore(cols []string) func(cells []string) int {
	return func(cells []string) int {
		n := 0
		for _, c := range cols {
			if i, err := headerIndex(cells, c, i18n.Text{}); i >= 0 || err != nil {
				n++
			}
		}
		return n
	}
}

// AutoScore counts the cells of a row that name an API field (in English or Spanish),
// as the automatic mapping recognises them: how much the row looks like a header.
func AutoScore(cells []string) int {
	n := 0
	for _, c := range cells {
		if _, ok := autoField(c); ok {
			n++
		}
	}
	return n
}
