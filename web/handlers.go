package web

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/wolkvox-import/wolkvox-import/i18n"
	"github.com/wolkvox-import/wolkvox-import/importer"
	"github.com/wolkvox-import/wolkvox-import/importer/ledger"
	"github.com/wolkvox-import/wolkvox-import/mapping"
	"github.com/wolkvox-import/wolkvox-import/report"
)

func (s *Server) routes() {
	m := http.NewServeMux()
	m.HandleFunc("GET /{$}", s.handlePage)
	m.Handle("GET /static/", http.FileServerFS(staticFS))
	m.HandleFunc("GET /lang/{lang}", s.handleLang)
	m.HandleFunc("POST /upload", s.handleUpload)
	m.HandleFunc("POST /sheet", s.handleSheet)
	m.HandleFunc("POST /mapping/load", s.handleMappingLoad)
	m.HandleFunc("POST /mapping/save", s.handleMappingSave)
	m.HandleFunc("POST /check", s.handleCheck)
	m.HandleFunc("GET /rows", s.handleRows)
	m.HandleFunc("POST /edit", s.handleEdit)
	m.HandleFunc("POST /import", s.handleImport)
	m.HandleFunc("GET /progress", s.handleProgress)
	m.HandleFunc("POST /stop", s.handleStop)
	m.HandleFunc("GET /download/{kind}", s.handleDownload)
	m.HandleFunc("GET /history", s.handleHistory)
	m.HandleFunc("POST /settle", s.handleSettle)
	s.mux = m
}

// formLimit caps a request that is not a sheet upload (a form, a mapping file).
const formLimit = 1 << 20

// parseForm reads a POST's form (URL-encoded or multipart), in memory, capped.
func parseForm(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, formLimit)
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
		return r.ParseMultipartForm(formLimit)
	}
	return r.ParseForm()
}

// formUpload is the request's upload (field u), or an error answered already.
func (s *Server) formUpload(w http.ResponseWriter, r *http.Request, p *i18n.Printer) *upload {
	if r.Method == http.MethodPost {
		if err := parseForm(w, r); err != nil {
			s.fail(w, r, http.StatusRequestEntityTooLarge, p.T("page.error.form", formLimit>>20))
			return nil
		}
	}
	u := s.upload(r.FormValue("u"))
	if u == nil {
		s.fail(w, r, http.StatusNotFound, p.T("page.error.nofile"))
		return nil
	}
	return u
}

// fail answers a fragment that says what went wrong.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, code int, msg string) {
	s.render(w, r, code, "error", msg)
}

func (s *Server) handlePage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "page", map[string]any{"MaxMB": s.opts.MaxUpload >> 20})
}

func (s *Server) handleLang(w http.ResponseWriter, r *http.Request) {
	if l, ok := i18n.Parse(r.PathValue("lang")); ok {
		http.SetCookie(w, &http.Cookie{Name: "lang", Value: string(l), Path: "/", SameSite: http.SameSiteStrictMode, HttpOnly: true})
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func (s *Server) handleUpload(w http.ResponseWriter, r *http.Request) {
	p := s.printer(r)
	maxMB := s.opts.MaxUpload >> 20
	if r.ContentLength > s.opts.MaxUpload+formLimit {
		s.fail(w, r, http.StatusRequestEntityTooLarge, p.T("page.error.toolarge", maxMB))
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.opts.MaxUpload+formLimit)
	u := s.newUpload()
	path, name, err := saveUpload(r, "file", u.dir, s.opts.MaxUpload)
	switch {
	case errors.Is(err, errTooLarge):
		s.drop(u)
		s.fail(w, r, http.StatusRequestEntityTooLarge, p.T("page.error.toolarge", maxMB))
		return
	case err != nil:
		s.drop(u)
		s.fail(w, r, http.StatusBadRequest, p.T("page.error.nofile"))
		return
	}
	u.path, u.name = path, name
	v, err := s.openSheet(u, "", 0, p.Lang())
	if err != nil {
		s.drop(u)
		s.fail(w, r, http.StatusUnprocessableEntity, p.T("page.error.read", name, err.Error()))
		return
	}
	s.renderSheet(w, r, v)
}

func (s *Server) drop(u *upload) {
	s.mu.Lock()
	delete(s.uploads, u.id)
	s.mu.Unlock()
	os.RemoveAll(u.dir)
}

func (s *Server) renderSheet(w http.ResponseWriter, r *http.Request, v *sheetView) {
	v.prepare()
	s.render(w, r, http.StatusOK, "work", v)
}

// handleSheet: another sheet or header row; the mapping is suggested again for it.
func (s *Server) handleSheet(w http.ResponseWriter, r *http.Request) {
	p := s.printer(r)
	u := s.formUpload(w, r, p)
	if u == nil {
		return
	}
	v, err := s.openSheet(u, r.FormValue("sheet"), atoi(r.FormValue("header_row")), p.Lang())
	if err != nil {
		s.fail(w, r, http.StatusUnprocessableEntity, p.T("page.error.read", u.name, err.Error()))
		return
	}
	u.edits, u.orig = map[[2]int]importer.CellEdit{}, map[[2]int]string{} // edits were for another reading of the sheet
	s.renderSheet(w, r, v)
}

// formSheet is the upload's sheet as the form chose it, with the form's mapping.
func (s *Server) formSheet(w http.ResponseWriter, r *http.Request, p *i18n.Printer, u *upload) *sheetView {
	v, err := s.openSheet(u, r.FormValue("sheet"), atoi(r.FormValue("header_row")), p.Lang())
	if err != nil {
		s.fail(w, r, http.StatusUnprocessableEntity, p.T("page.error.read", u.name, err.Error()))
		return nil
	}
	v.Spec, v.Saved = specFromForm(r), false
	return v
}

func (s *Server) handleMappingLoad(w http.ResponseWriter, r *http.Request) {
	p := s.printer(r)
	u := s.formUpload(w, r, p)
	if u == nil {
		return
	}
	v := s.formSheet(w, r, p, u)
	if v == nil {
		return
	}
	f, hdr, err := r.FormFile("mapping_file")
	if err != nil {
		v.Err = p.T("page.mapping.choose")
		s.renderSheet(w, r, v)
		return
	}
	defer f.Close()
	var buf bytes.Buffer
	buf.ReadFrom(f)
	name := safeName(hdr.Filename)
	spec, err := mapping.SpecOf(name, buf.Bytes())
	if err != nil {
		v.Err = localized(err, p)
	} else {
		v.Spec, v.Loaded = spec, name
	}
	s.renderSheet(w, r, v)
}

// handleMappingSave answers the mapping file (the same YAML --mapping reads) and keeps
// it for the next sheet with these headers.
func (s *Server) handleMappingSave(w http.ResponseWriter, r *http.Request) {
	p := s.printer(r)
	u := s.formUpload(w, r, p)
	if u == nil {
		return
	}
	v := s.formSheet(w, r, p, u)
	if v == nil {
		return
	}
	data := v.Spec.YAML()
	if _, err := mapping.Parse("", data); err != nil {
		s.fail(w, r, http.StatusUnprocessableEntity, localized(err, p))
		return
	}
	s.rememberMapping(v.Preview.Header, data)
	w.Header().Set("Content-Type", "application/yaml; charset=utf-8")
	w.Header().Set("Content-Disposition", attachment(strings.TrimSuffix(u.name, filepath.Ext(u.name))+".mapping.yaml"))
	w.Write(data)
}

// config is the import of the form's sheet and mapping (no delivery yet).
func (s *Server) config(r *http.Request, p *i18n.Printer, u *upload, v *sheetView, results string) (importer.Config, error) {
	data := v.Spec.YAML()
	m, err := mapping.Parse("", data)
	if err != nil {
		return importer.Config{}, err
	}
	cfg := importer.Config{
		Input:   u.path,
		Source:  sourceOpts(v),
		Mapping: m,
		Results: results,
		Lang:    p.Lang(), // row messages, the results' columns and the summary in the page's language
	}
	for _, e := range u.edits {
		cfg.Edits = append(cfg.Edits, e)
	}
	return cfg, nil
}

func (s *Server) handleCheck(w http.ResponseWriter, r *http.Request) {
	p := s.printer(r)
	u := s.formUpload(w, r, p)
	if u == nil {
		return
	}
	s.check(w, r, p, u, 1)
}

// check runs the dry run and renders the page of rows.
func (s *Server) check(w http.ResponseWriter, r *http.Request, p *i18n.Printer, u *upload, page int) {
	v := s.formSheet(w, r, p, u)
	if v == nil {
		return
	}
	c := &checked{}
	cfg, err := s.config(r, p, u, v, filepath.Join(u.dir, "check", resultsName(u.name)))
	if err == nil {
		// With the server known and its ledger there, the check says which rows an import
		// would not send (already imported, changed, uncertain): read beside any import.
		if l, server := s.checkLedger(r); l != nil {
			defer l.Close()
			cfg.Ledger, cfg.ServerID = l, server
		}
		os.MkdirAll(filepath.Dir(cfg.Results), 0o700)
		var sum *report.Summary
		sum, c.header, c.rows, err = importer.Check(r.Context(), cfg)
		if err == nil {
			c.counts = map[string]int{}
			for st, n := range sum.Counts {
				c.counts[string(st)] = n
			}
			var b bytes.Buffer
			sum.WriteText(&b)
			c.summary = b.String()
		}
	}
	if err != nil {
		c.err = localized(err, p)
	}
	s.mu.Lock()
	u.check = c
	s.mu.Unlock()
	s.renderRows(w, r, u, page, false)
}

func resultsName(input string) string {
	return filepath.Base(report.DefaultPath(input))
}

func (s *Server) handleRows(w http.ResponseWriter, r *http.Request) {
	p := s.printer(r)
	u := s.formUpload(w, r, p)
	if u == nil {
		return
	}
	s.renderRows(w, r, u, atoi(r.FormValue("page")), r.FormValue("only") == "1")
}

// handleEdit changes one cell and checks again.
func (s *Server) handleEdit(w http.ResponseWriter, r *http.Request) {
	p := s.printer(r)
	u := s.formUpload(w, r, p)
	if u == nil {
		return
	}
	row, col := atoi(r.FormValue("row")), atoi(r.FormValue("col"))
	key := [2]int{row, col}
	s.mu.Lock()
	c := u.check
	s.mu.Unlock()
	if c == nil || col < 0 || col >= len(c.header) {
		s.fail(w, r, http.StatusBadRequest, p.T("page.error.nocheck"))
		return
	}
	if _, ok := u.orig[key]; !ok {
		for _, cr := range c.rows {
			if cr.SourceRow == row && col < len(cr.All) {
				u.orig[key] = cr.All[col].Text
			}
		}
	}
	note := p.T("page.edited", c.header[col], row, u.orig[key])
	u.edits[key] = importer.CellEdit{Row: row, Col: col, Text: r.FormValue("text"), Note: note}
	s.check(w, r, p, u, pageOf(u, row))
}

// pageSize is how many rows the check's table shows at once.
const pageSize = 50

func pageOf(u *upload, row int) int {
	if u.check == nil {
		return 1
	}
	for i, cr := range u.check.rows {
		if cr.SourceRow == row {
			return i/pageSize + 1
		}
	}
	return 1
}

// attachment is a Content-Disposition header for a download named name.
func attachment(name string) string {
	name = safeName(name)
	return fmt.Sprintf(`attachment; filename="%s"`, strings.ReplaceAll(name, `"`, ""))
}

func (s *Server) handleDownload(w http.ResponseWriter, r *http.Request) {
	p := s.printer(r)
	u := s.formUpload(w, r, p)
	if u == nil {
		return
	}
	s.mu.Lock()
	run := u.run
	s.mu.Unlock()
	if run == nil || !run.finished() {
		s.fail(w, r, http.StatusNotFound, p.T("page.error.noresults"))
		return
	}
	path := run.results
	if r.PathValue("kind") == "failed" {
		path = report.FailedPath(run.results)
	} else if r.PathValue("kind") != "results" {
		http.NotFound(w, r)
		return
	}
	f, err := os.Open(path)
	if err != nil {
		s.fail(w, r, http.StatusNotFound, p.T("page.error.noresults"))
		return
	}
	defer f.Close()
	st, _ := f.Stat()
	w.Header().Set("Content-Disposition", attachment(filepath.Base(path)))
	http.ServeContent(w, r, "", st.ModTime(), f)
}

func (s *Server) handleHistory(w http.ResponseWriter, r *http.Request) {
	s.renderHistory(w, r, "", "")
}

// ledgerPath is the ledger of imports into server ("" = the page's usual one): the
// sandbox's, in the private folder (it forgets when the page stops, as the sandbox
// does), else Options.Ledger or the user's default ledger.
func (s *Server) ledgerPath(server string) (string, error) {
	switch {
	case s.opts.Ledger != "":
		return s.opts.Ledger, nil
	case s.opts.Sandbox != "" && (server == "" || server == s.opts.Sandbox):
		return filepath.Join(s.dir, "sandbox-ledger.db"), nil
	}
	return ledger.DefaultPath()
}

// localized is err in p's language when it can say itself in one (the mapping's errors),
// else its own text (the readers' errors already are in the page's language).
func localized(err error, p *i18n.Printer) string {
	var l interface{ Localize(*i18n.Printer) string }
	if errors.As(err, &l) {
		return l.Localize(p)
	}
	return err.Error()
}
