package web

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"github.com/wolkvox-import/wolkvox-import/i18n"
	"github.com/wolkvox-import/wolkvox-import/importer"
	"github.com/wolkvox-import/wolkvox-import/importer/source"
	"github.com/wolkvox-import/wolkvox-import/mapping"
)

// upload is one sheet opened on the page, and what the page did with it.
type upload struct {
	id, dir string
	path    string // the file, in the private folder
	name    string // as the user's computer named it (cleaned), for the page and downloads

	edits map[[2]int]importer.CellEdit // by row and column
	orig  map[[2]int]string            // what the file held in an edited cell
	check *checked
	run   *run
	runs  int
}

// checked is the last check of an upload.
type checked struct {
	header  []string
	rows    []importer.CheckedRow
	counts  map[string]int
	summary string
	err     string
}

// safeName is the base of a file name a browser sent, with nothing that could lead out
// of its folder or trouble a file system: letters, digits, spaces and ._-() only, and
// the extension kept when it is a sheet's.
func safeName(name string) string {
	name = strings.ReplaceAll(name, "\\", "/")
	name = name[strings.LastIndex(name, "/")+1:]
	var b strings.Builder
	for _, r := range name {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune(" ._-()", r) {
			b.WriteRune(r)
		}
	}
	out := strings.Trim(b.String(), " .")
	ext := strings.ToLower(filepath.Ext(out))
	switch ext {
	case ".xlsx", ".xlsm", ".csv", ".txt":
	default:
		out = strings.TrimSuffix(out, filepath.Ext(out))
		ext = ""
	}
	if strings.TrimSuffix(out, filepath.Ext(out)) == "" {
		out = "sheet" + ext
	}
	if len(out) > 120 {
		out = out[:100] + ext
	}
	return out
}

// errTooLarge is an upload past the cap; errNoFile a form without the file (the handler
// says either in the page's language).
var (
	errTooLarge = errors.New("upload too large")
	errNoFile   = errors.New("no file")
)

// saveUpload streams the multipart part named field into dir, at most max bytes; it
// returns the path and the cleaned name.
func saveUpload(r *http.Request, field, dir string, max int64) (path, name string, err error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return "", "", err
	}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return "", "", errNoFile
		}
		if err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				return "", "", errTooLarge
			}
			return "", "", err
		}
		if part.FormName() != field || part.FileName() == "" {
			part.Close()
			continue
		}
		name = safeName(part.FileName())
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return "", "", err
		}
		path = filepath.Join(dir, name)
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
		if err != nil {
			return "", "", err
		}
		n, err := io.Copy(f, io.LimitReader(part, max+1))
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) || n > max {
			os.Remove(path)
			return "", "", errTooLarge
		}
		if err != nil {
			os.Remove(path)
			return "", "", err
		}
		return path, name, nil
	}
}

func (s *Server) newUpload() *upload {
	id := randomHex(8)
	u := &upload{id: id, dir: filepath.Join(s.dir, id), edits: map[[2]int]importer.CellEdit{}, orig: map[[2]int]string{}}
	s.mu.Lock()
	s.uploads[id] = u
	s.mu.Unlock()
	return u
}

func (s *Server) upload(id string) *upload {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.uploads[id]
}

// headersKey names the set of headers a mapping was saved for.
func headersKey(headers []string) string {
	hs := make([]string, 0, len(headers))
	for _, h := range headers {
		if h = strings.TrimSpace(h); h != "" {
			hs = append(hs, strings.ToLower(h))
		}
	}
	sort.Strings(hs)
	sum := sha256.Sum256([]byte(strings.Join(hs, "\x00")))
	return hex.EncodeToString(sum[:12])
}

// savedMapping is the mapping saved on the page for these headers, if any.
func (s *Server) savedMapping(headers []string) (mapping.Spec, bool) {
	if s.opts.MappingsDir == "" {
		return mapping.Spec{}, false
	}
	data, err := os.ReadFile(filepath.Join(s.opts.MappingsDir, headersKey(headers)+".yaml"))
	if err != nil {
		return mapping.Spec{}, false
	}
	spec, err := mapping.SpecOf("", data)
	return spec, err == nil
}

func (s *Server) rememberMapping(headers []string, yaml []byte) error {
	if s.opts.MappingsDir == "" {
		return nil
	}
	if err := os.MkdirAll(s.opts.MappingsDir, 0o700); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(s.opts.MappingsDir, headersKey(headers)+".yaml"), yaml, 0o600)
}

// previewRows is how many data rows the first step shows.
const previewRows = 8

// sheetView is what the first two steps show of an upload.
type sheetView struct {
	U         *upload
	ID, Name  string
	Server    string
	Sandbox   bool
	EnvToken  bool
	Preview   *source.Preview
	Sheet     string
	HeaderRow int // as asked (0 = found)
	Spec      mapping.Spec
	Saved     bool // Spec is a mapping saved for these headers
	Loaded    string
	Err       string
	Fields    []fieldRow
}

func (v *sheetView) prepare() {
	v.Fields = fieldRows(v.Spec, v.Preview.Header)
}

func (s *Server) openSheet(u *upload, sheet string, headerRow int, lang i18n.Lang) (*sheetView, error) {
	v := &sheetView{U: u, ID: u.id, Name: u.name, Sheet: sheet, HeaderRow: headerRow,
		Server: s.opts.Server, Sandbox: s.opts.Sandbox != "", EnvToken: s.opts.Token != ""}
	if v.Server == "" {
		v.Server = s.opts.Sandbox
	}
	p, err := source.ReadPreview(u.path, source.Options{Sheet: sheet, HeaderRow: headerRow, Lang: lang,
		Header: source.HeaderRule{Score: mapping.AutoScore, Min: 2}}, previewRows)
	if err != nil {
		return nil, err
	}
	v.Preview = p
	if v.Sheet == "" {
		v.Sheet = p.Layout.Sheet
	}
	if spec, ok := s.savedMapping(p.Header); ok {
		v.Spec, v.Saved = spec, true
	} else {
		data := make([][]mapping.Cell, len(p.Data))
		for i, r := range p.Data {
			data[i] = r.Cells
		}
		v.Spec = mapping.Suggest(p.Header, data)
	}
	if v.Spec.Operation == "" {
		v.Spec.Operation = s.defaultOperation()
	}
	return v, nil
}

func (s *Server) defaultOperation() string {
	if s.opts.Operation != "" {
		return s.opts.Operation
	}
	if s.opts.Sandbox != "" {
		return "sandbox-demo"
	}
	return ""
}

// fieldRow is one Wolkvox field in the mapping step.
type fieldRow struct {
	Name    string
	Kind    string // text, date, priority, bool, list
	Choice  string // the column's header, or choiceValue / choiceTemplate, "" = not sent
	Text    string // the value or template
	Spec    mapping.FieldSpec
	Columns []string
}

const (
	choiceValue    = "=value"
	choiceTemplate = "=template"
)

func fieldKind(name string) string {
	switch name {
	case "start_date", "completion_date", "reminder_date":
		return "date"
	case "priority":
		return "priority"
	case "remember":
		return "bool"
	case "participants":
		return "list"
	}
	return "text"
}

func fieldRows(spec mapping.Spec, header []string) []fieldRow {
	var cols []string
	for _, h := range header {
		if strings.TrimSpace(h) != "" {
			cols = append(cols, h)
		}
	}
	var rows []fieldRow
	for _, name := range mapping.FieldNames() {
		f, _ := spec.Field(name)
		fr := fieldRow{Name: name, Kind: fieldKind(name), Spec: f, Columns: cols}
		switch {
		case f.Column != "":
			fr.Choice = f.Column
		case f.Value != "":
			fr.Choice, fr.Text = choiceValue, f.Value
		case f.Template != "":
			fr.Choice, fr.Text = choiceTemplate, f.Template
		}
		rows = append(rows, fr)
	}
	// name first: it is the one every meeting needs.
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Name == "name" && rows[j].Name != "name" })
	return rows
}

// specFromForm reads the mapping step's form.
func specFromForm(r *http.Request) mapping.Spec {
	spec := mapping.Spec{Operation: strings.TrimSpace(r.FormValue("operation")), Type: "meet"}
	for _, name := range mapping.FieldNames() {
		f := mapping.FieldSpec{Field: name}
		text := r.FormValue("text." + name)
		switch choice := r.FormValue("col." + name); choice {
		case "":
			continue
		case choiceValue:
			f.Value = text
		case choiceTemplate:
			f.Template = text
		default:
			f.Column = choice
		}
		if !f.Set() {
			continue
		}
		f.Format = strings.TrimSpace(r.FormValue("format." + name))
		f.Default = strings.TrimSpace(r.FormValue("default." + name))
		f.Split = r.FormValue("split." + name)
		for i := 0; i < 50; i++ {
			from := r.FormValue(fmt.Sprintf("from.%s.%d", name, i))
			if from == "" {
				break
			}
			f.Values = append(f.Values, mapping.Translation{From: from, To: r.FormValue(fmt.Sprintf("to.%s.%d", name, i))})
		}
		spec.Fields = append(spec.Fields, f)
	}
	return spec
}

// sourceOpts reads the sheet and header row the first step shows.
func sourceOpts(v *sheetView) source.Options {
	return source.Options{Sheet: v.Sheet, HeaderRow: v.Preview.Layout.HeaderRow}
}
