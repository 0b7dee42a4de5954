package report

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Limits of the error groups, so that a million failing rows take bounded memory.
const (
	// MaxErrorGroups is how many groups summaries list, most frequent first.
	MaxErrorGroups = 50
	// FirstRowsPerGroup is how many source rows each group lists.
	FirstRowsPerGroup = 5
	// maxTrackedGroups is how many different messages are counted one by one; rows with
	// a message first seen after that are counted together as "other".
	maxTrackedGroups = 1000
	// maxMessageBytes clips very long messages (a server's HTML error page, say).
	maxMessageBytes = 500
)

// ErrorGroup is one problem and the rows that have it.
type ErrorGroup struct {
	Message   string // with the row-specific "row N, " taken out
	Fix       string // the fix in the mapping, said once for the group; "" when the fix is in the sheet
	Status    Status // the status of the rows that have it
	Rows      int    // how many rows have it
	FirstRows []int  // the first FirstRowsPerGroup of them (source rows, in input order)
}

// ErrorReport is the problems of a run, grouped by message.
type ErrorReport struct {
	Groups []ErrorGroup // most frequent first (then by first row), at most MaxErrorGroups
	// Other counts the problems not in Groups: those of less frequent groups, and those
	// whose message came after maxTrackedGroups different ones.
	Other int
}

type groupKey struct {
	status       Status
	msg          string // the message, for problems without a kind
	column, kind string // for the mapping's problems: one group per column and kind
}

// errorGroups counts problems by message, in bounded memory.
type errorGroups struct {
	groups    map[groupKey]*ErrorGroup
	untracked int
}

// problems splits a row's error into its problems, each without the "row N, " it starts
// with: a row's problems are joined by "; " and each starts with "row N, ". A message
// without that shape (a server's) is one problem, kept whole.
func problems(msg string) []string {
	var out []string
	add := func(p string) {
		p = clipMessage(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(p), ";")))
		if p != "" && !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	start := rowPrefixLen(msg) // where the current problem's text starts
	from := start              // where to look for the next "; row N, "
	for {
		i := strings.Index(msg[from:], "; row ")
		if i < 0 {
			add(msg[start:])
			if len(out) == 0 { // nothing after the prefix: keep the message as it is
				add(msg)
			}
			return out
		}
		i += from
		if n := rowPrefixLen(msg[i+2:]); n > 0 {
			add(msg[start:i])
			start = i + 2 + n
			from = start
		} else {
			from = i + 2
		}
	}
}

// rowPrefixLen is the length of the "row N, " s starts with, or 0.
func rowPrefixLen(s string) int {
	if !strings.HasPrefix(s, "row ") {
		return 0
	}
	i := len("row ")
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	if i == len("row ") || !strings.HasPrefix(s[i:], ", ") {
		return 0
	}
	return i + 2
}

func clipMessage(s string) string {
	if len(s) <= maxMessageBytes {
		return s
	}
	cut := maxMessageBytes
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

func (g *errorGroups) add(status Status, msg string, row int) {
	for _, p := range problems(msg) {
		g.count(groupKey{status: status, msg: p}, row, func() *ErrorGroup { return &ErrorGroup{Message: p, Status: status} })
	}
}

// addProblems counts a row's mapping problems, one group per column and kind: one
// mistake across 20,000 rows is one group, with the first row's text as its sample.
func (g *errorGroups) addProblems(status Status, probs []Problem, row int, inColumn func(column, text string) string) {
	for _, p := range probs {
		g.count(groupKey{status: status, column: p.Column, kind: p.Kind}, row, func() *ErrorGroup {
			return &ErrorGroup{Message: clipMessage(inColumn(p.Column, p.Text)), Fix: p.Fix, Status: status}
		})
	}
}

func (g *errorGroups) count(k groupKey, row int, group func() *ErrorGroup) {
	if g.groups == nil {
		g.groups = map[groupKey]*ErrorGroup{}
	}
	e, ok := g.groups[k]
	if !ok {
		if len(g.groups) >= maxTrackedGroups {
			g.untracked++
			return
		}
		e = group()
		g.groups[k] = e
	}
	e.Rows++
	if len(e.FirstRows) < FirstRowsPerGroup && (len(e.FirstRows) == 0 || e.FirstRows[len(e.FirstRows)-1] != row) {
		e.FirstRows = append(e.FirstRows, row)
	}
}

func (g *errorGroups) report(limit int) ErrorReport {
	all := make([]*ErrorGroup, 0, len(g.groups))
	for _, e := range g.groups {
		all = append(all, e)
	}
	slices.SortFunc(all, func(a, b *ErrorGroup) int {
		if c := cmp.Compare(b.Rows, a.Rows); c != 0 {
			return c
		}
		if c := cmp.Compare(a.FirstRows[0], b.FirstRows[0]); c != 0 {
			return c
		}
		return strings.Compare(a.Message, b.Message)
	})
	r := ErrorReport{Other: g.untracked}
	for i, e := range all {
		if i >= limit {
			r.Other += e.Rows
			continue
		}
		r.Groups = append(r.Groups, ErrorGroup{Message: e.Message, Fix: e.Fix, Status: e.Status, Rows: e.Rows, FirstRows: slices.Clone(e.FirstRows)})
	}
	return r
}
