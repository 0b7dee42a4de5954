package web

import (
	"bytes"
	"embed"
	"html/template"
	"io/fs"
	"net/http"
	"path/filepath"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/wolkvox-import/wolkvox-import/importer"
	"github.com/wolkvox-import/wolkvox-import/importer/ledger"
	"github.com/wolkvox-import/wolkvox-import/report"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var embedded embed.FS

// staticFS serves /static/... from the embedded files.
var staticFS = func() fs.FS { return embedded }()

var templates = template.Must(template.New("").Funcs(template.FuncMap{
	// T is replaced per request by the request's printer.
	"T":              func(key string, args ...any) string { return key },
	"lang":           func() string { return "en" },
	"colname":        colName,
	"add":            func(a, b int) int { return a + b },
	"sub":            func(a, b int) int { return a - b },
	"has":            slices.Contains[[]int],
	"isHeader":       func(v *sheetView, n int) bool { return v.Preview.Layout.HeaderRow == n },
	"choiceValue":    func() string { return choiceValue },
	"choiceTemplate": func() string { return choiceTemplate },
}).ParseFS(templateFS, "templates/*.html"))

func colName(i int) string {
	n, _ := excelize.ColumnNumberToName(i + 1)
	return n
}

// render writes the template name with data, in the request's language.
func (s *Server) render(w http.ResponseWriter, r *http.Request, code int, name string, data any) {
	p := s.printer(r)
	t, err := templates.Clone()
	if err == nil {
		t = t.Funcs(template.FuncMap{
			"T":    func(key string, args ...any) string { return p.T(key, args...) },
			"lang": func() string { return string(p.Lang()) },
		})
	}
	var b bytes.Buffer
	if err == nil {
		err = t.ExecuteTemplate(&b, name, data)
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	w.Write(b.Bytes())
}

// rowsView is one page of the check's table.
type rowsView struct {
	U            *upload
	ID           string
	Header       []string
	Rows         []rowView
	Page, Pages  int
	Counts       map[string]int
	Total        int
	Summary, Err string
	Only         bool
	Invalid      int
	Already      int // valid rows the ledger holds as created: an import would not send them
	Held         int // changed or uncertain rows: an import would not send them either
}

type rowView struct {
	Num    int
	Status string
	Error  string
	Cells  []cellView
	Edited bool
}

type cellView struct {
	Col    int
	Text   string
	Bad    bool
	Edited bool
}

func (s *Server) renderRows(w http.ResponseWriter, r *http.Request, u *upload, page int, only bool) {
	s.mu.Lock()
	c := u.check
	s.mu.Unlock()
	if c == nil {
		s.fail(w, r, http.StatusNotFound, s.printer(r).T("page.error.nocheck"))
		return
	}
	v := rowsView{U: u, ID: u.id, Header: c.header, Counts: c.counts, Summary: c.summary, Err: c.err, Only: only}
	rows := c.rows
	for _, cr := range rows {
		if cr.Status == report.Invalid {
			v.Invalid++
		}
		if cr.Status == report.Valid && cr.FromLedger {
			v.Already++
		}
		if cr.Status == report.Changed || cr.Status == report.Uncertain {
			v.Held++
		}
	}
	if only {
		rows = slices.DeleteFunc(slices.Clone(rows), func(cr importer.CheckedRow) bool { return cr.Status != report.Invalid })
	}
	v.Total = len(rows)
	v.Pages = max(1, (len(rows)+pageSize-1)/pageSize)
	v.Page = min(max(page, 1), v.Pages)
	lo := (v.Page - 1) * pageSize
	hi := min(lo+pageSize, len(rows))
	for _, cr := range rows[lo:hi] {
		rv := rowView{Num: cr.SourceRow, Status: string(cr.Status), Error: cr.Error}
		cells := cr.All
		if cells == nil {
			cells = cr.Cells
		}
		for i := range c.header {
			cv := cellView{Col: i}
			if i < len(cells) {
				cv.Text = cells[i].Text
			}
			cv.Bad = slices.Contains(cr.Bad, i)
			_, cv.Edited = u.edits[[2]int{cr.SourceRow, i}]
			rv.Edited = rv.Edited || cv.Edited
			rv.Cells = append(rv.Cells, cv)
		}
		v.Rows = append(v.Rows, rv)
	}
	s.render(w, r, http.StatusOK, "rows", v)
}

// historyRuns is how many past imports the page lists.
const historyRuns = 50

// historyRow is one past import in the history table.
type historyRow struct {
	Date, File     string
	Created, Other int
	IDs            string
}

func historyRows(runs []ledger.Run) []historyRow {
	out := make([]historyRow, len(runs))
	for i, r := range runs {
		ids := r.IDs
		more := ""
		if len(ids) > 12 {
			ids = ids[:12]
		}
		if len(ids) < r.Counts[ledger.Created] {
			more = " …"
		}
		out[i] = historyRow{
			Date: r.Start.Local().Format("2006-01-02 15:04"), File: filepath.Base(r.Input),
			Created: r.Counts[ledger.Created], Other: r.Counts[ledger.Failed] + r.Counts[ledger.Sending],
			IDs: strings.Join(ids, ", ") + more,
		}
	}
	return out
}
