package report

import (
	"github.com/wolkvox-import/wolkvox-import/i18n"

	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestProblems(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"SOME PARAMETERS ARE REQUIRED", []string{"SOME PARAMETERS ARE REQUIRED"}},
		{`row 12, column "Fecha inicio" (start_date): ambiguous date 03/04/2024: add a format`, []string{`column "Fecha inicio" (start_date): ambiguous date 03/04/2024: add a format`}},
		{`row 8, column "A" (name): empty; row 8, column "B" (priority): unknown value "x"`, []string{`column "A" (name): empty`, `column "B" (priority): unknown value "x"`}},
		{`row 4 has 5 cells but the header has 3 columns: remove them; row 4, column "A" (name): empty`, []string{"row 4 has 5 cells but the header has 3 columns: remove them", `column "A" (name): empty`}},
		{`row 9, column "A" (name): empty; row 9, column "A" (name): empty`, []string{`column "A" (name): empty`}},
		{"the server said: see row 5, x; and so on", []string{"the server said: see row 5, x; and so on"}},
		{"a; row x, b; row 7,c; row 7, d", []string{"a; row x, b; row 7,c", "d"}},
		{"row 3, ", []string{"row 3,"}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := problems(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("problems(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
	long := strings.Repeat("é", 400)
	if got := problems(long)[0]; len(got) > maxMessageBytes+len("…") || !strings.HasSuffix(got, "…") {
		t.Errorf("a %d-byte message is kept as %d bytes", len(long), len(got))
	}
}

func TestErrorGroups(t *testing.T) {
	s := &Summary{}
	for row := 2; row < 49; row++ { // 47 rows
		s.Add(Row{SourceRow: row, Status: Invalid, Error: fmt.Sprintf(`row %d, column "Fecha inicio" (start_date): ambiguous date 03/04/2024: add a format`, row)})
	}
	s.Add(Row{SourceRow: 60, Status: Failed, Error: "SOME PARAMETERS ARE REQUIRED"})
	s.Add(Row{SourceRow: 61, Status: Created, Error: "already imported on 2024-07-20"}) // not a problem
	s.Add(Row{SourceRow: 62, Status: Failed, Error: "SOME PARAMETERS ARE REQUIRED"})
	rep := s.Errors()
	if len(rep.Groups) != 2 || rep.Other != 0 {
		t.Fatalf("groups %+v", rep)
	}
	g := rep.Groups[0]
	if g.Rows != 47 || g.Status != Invalid || !slices.Equal(g.FirstRows, []int{2, 3, 4, 5, 6}) ||
		g.Message != `column "Fecha inicio" (start_date): ambiguous date 03/04/2024: add a format` {
		t.Errorf("first group %+v", g)
	}
	if g := rep.Groups[1]; g.Rows != 2 || !slices.Equal(g.FirstRows, []int{60, 62}) {
		t.Errorf("second group %+v", g)
	}
	for lang, want := range map[i18n.Lang]string{i18n.EN: "rows 2, 3, 4, 5, 6, …", i18n.ES: "filas 2, 3, 4, 5, 6, …"} {
		if got := s.rowList(i18n.New(lang), rep.Groups[0]); got != want {
			t.Errorf("%s rowList = %q, want %q", lang, got, want)
		}
	}
}

// A million rows with a million different messages: the groups stay bounded, the top
// groups are listed, and every other problem is counted.
func TestErrorGroupsBounded(t *testing.T) {
	s := &Summary{}
	const n = 1_000_000
	for row := 2; row < n+2; row++ {
		msg := fmt.Sprintf("row %d, column \"Caso\" (id_record): unknown record %d", row, row)
		if row%10 == 0 {
			msg = fmt.Sprintf("row %d, column \"Asunto\" (name): empty", row)
		}
		s.Add(Row{SourceRow: row, Status: Invalid, Error: msg})
	}
	if got := len(s.errs.groups); got > maxTrackedGroups {
		t.Fatalf("%d groups tracked, want at most %d", got, maxTrackedGroups)
	}
	rep := s.Errors()
	if len(rep.Groups) != MaxErrorGroups {
		t.Fatalf("%d groups listed, want %d", len(rep.Groups), MaxErrorGroups)
	}
	if g := rep.Groups[0]; g.Message != `column "Asunto" (name): empty` || g.Rows != n/10 {
		t.Errorf("top group %+v, want the empty Asunto in %d rows", g, n/10)
	}
	total := rep.Other
	for _, g := range rep.Groups {
		total += g.Rows
	}
	if total != n {
		t.Errorf("listed + other = %d, want every one of %d problems counted", total, n)
	}
	if s.Rows != n || s.Counts[Invalid] != n {
		t.Errorf("counts %d %v", s.Rows, s.Counts)
	}
}
