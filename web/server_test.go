package web

import (
	"bytes"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wolkvox-import/wolkvox-import/i18n"
	"github.com/wolkvox-import/wolkvox-import/importer/sandbox"
	"github.com/wolkvox-import/wolkvox-import/mapping"
)

// page is a running page and a browser-like client that visited its address.
type page struct {
	t      *testing.T
	s      *Server
	base   string // http://127.0.0.1:PORT
	secret string
	c      *http.Client
	sb     *sandbox.Server
	seen   bytes.Buffer // every body answered, to look for the token in
}

func start(t *testing.T, opts Options) *page {
	t.Helper()
	if opts.TempDir == "" {
		opts.TempDir = t.TempDir()
	}
	s, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	ln, addr, err := s.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go s.Serve(ln)
	t.Cleanup(func() { s.Close() })
	u, _ := url.Parse(addr)
	jar, _ := cookiejar.New(nil)
	p := &page{t: t, s: s, base: "http://" + u.Host, secret: u.Query().Get("k"), c: &http.Client{Jar: jar}}
	res, err := p.c.Get(addr)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("first visit: %s", res.Status)
	}
	return p
}

func withSandbox(t *testing.T) (Options, *sandbox.Server) {
	sb, err := sandbox.New(sandbox.Options{Token: "sandbox-token"})
	if err != nil {
		t.Fatal(err)
	}
	u, err := sb.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sb.Close() })
	return Options{Sandbox: u, SandboxToken: "sandbox-token", Lang: i18n.EN}, sb
}

func (p *page) do(req *http.Request) (int, string) {
	p.t.Helper()
	res, err := p.c.Do(req)
	if err != nil {
		p.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	p.seen.Write(b)
	for k, v := range res.Header {
		p.seen.WriteString(k + ": " + strings.Join(v, ",") + "\n")
	}
	return res.StatusCode, string(b)
}

func (p *page) post(path string, form url.Values) (int, string) {
	req, _ := http.NewRequest("POST", p.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", p.base)
	req.Header.Set(pageHeader, "1")
	return p.do(req)
}

func (p *page) get(path string) (int, string) {
	req, _ := http.NewRequest("GET", p.base+path, nil)
	return p.do(req)
}

func multipartBody(field, name string, data []byte) (*bytes.Buffer, string) {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	fw, _ := mw.CreateFormFile(field, name)
	fw.Write(data)
	mw.Close()
	return &b, mw.FormDataContentType()
}

func (p *page) upload(name string, data []byte) (int, string) {
	body, ct := multipartBody("file", name, data)
	req, _ := http.NewRequest("POST", p.base+"/upload", body)
	req.Header.Set("Content-Type", ct)
	req.Header.Set("Origin", p.base)
	req.Header.Set(pageHeader, "1")
	return p.do(req)
}

// waitFinished polls the progress of upload id, from body (the answer to /import), until
// the import has finished, and returns the last progress fragment.
func (p *page) waitFinished(id, body string) string {
	p.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(body, `data-finished="true"`) {
		if time.Now().After(deadline) {
			p.t.Fatalf("import never finished: %s", body)
		}
		time.Sleep(20 * time.Millisecond)
		_, body = p.get("/progress?u=" + id)
	}
	return body
}

func uploadID(t *testing.T, html string) string {
	t.Helper()
	_, rest, ok := strings.Cut(html, `name="u" value="`)
	if !ok {
		t.Fatalf("no upload id in\n%s", html)
	}
	return rest[:strings.IndexByte(rest, '"')]
}

func TestListenRefusesNonLoopback(t *testing.T) {
	s, err := New(Options{TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, addr := range []string{":0", "0.0.0.0:0", "[::]:0", "192.0.2.1:0", "example.com:80"} {
		if ln, _, err := s.Listen(addr); err == nil {
			ln.Close()
			t.Errorf("Listen(%q) accepted", addr)
		}
	}
	for _, addr := range []string{"127.0.0.1:0", "localhost:0"} {
		ln, u, err := s.Listen(addr)
		if err != nil {
			t.Errorf("Listen(%q): %v", addr, err)
			continue
		}
		ln.Close()
		if !strings.HasPrefix(u, "http://127.0.0.1:") || !strings.Contains(u, "/?k="+s.secret) {
			t.Errorf("address %q", u)
		}
	}
}

func TestSecretCookie(t *testing.T) {
	p := start(t, Options{})
	anon := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, path := range []string{"/", "/static/app.js", "/history", "/?k=wrong", "/download/results?u=x"} {
		res, err := anon.Get(p.base + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("%s without the secret: %s", path, res.Status)
		}
	}
	res, err := anon.Get(p.base + "/?k=" + p.secret)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/" {
		t.Errorf("first visit: %s to %q", res.Status, res.Header.Get("Location"))
	}
	var c *http.Cookie
	for _, x := range res.Cookies() {
		if x.Name == cookieName {
			c = x
		}
	}
	if c == nil || !c.HttpOnly || c.SameSite != http.SameSiteStrictMode || c.Value != p.secret {
		t.Fatalf("cookie %+v", c)
	}
	req, _ := http.NewRequest("GET", p.base+"/", nil)
	req.AddCookie(&http.Cookie{Name: cookieName, Value: p.secret + "x"})
	if res, _ := anon.Do(req); res.StatusCode != http.StatusForbidden {
		t.Errorf("wrong cookie: %s", res.Status)
	}
	if code, body := p.get("/"); code != 200 || !strings.Contains(body, `data-testid="file-input"`) {
		t.Errorf("with the cookie: %d", code)
	}
	if code, _ := p.get("/static/app.css"); code != 200 {
		t.Errorf("static: %d", code)
	}
}

func TestHostMustBeLoopbackWithThePort(t *testing.T) {
	p := start(t, Options{})
	_, port, _ := strings.Cut(strings.TrimPrefix(p.base, "http://"), ":")
	for host, want := range map[string]int{
		"127.0.0.1:" + port:        200,
		"localhost:" + port:        200,
		"[::1]:" + port:            200,
		"evil.example:" + port:     http.StatusMisdirectedRequest,
		"127.0.0.1.nip.io:" + port: http.StatusMisdirectedRequest,
		"127.0.0.1:1":              http.StatusMisdirectedRequest,
		"127.0.0.1":                http.StatusMisdirectedRequest,
	} {
		req, _ := http.NewRequest("GET", p.base+"/", nil)
		req.Host = host
		req.AddCookie(&http.Cookie{Name: cookieName, Value: p.secret}) // a browser's cookie for that name
		if code, _ := p.do(req); code != want {
			t.Errorf("Host %s: %d, want %d", host, code, want)
		}
	}
}

func TestCrossSitePostRefused(t *testing.T) {
	p := start(t, Options{})
	for name, set := range map[string]func(*http.Request){
		"other origin":   func(r *http.Request) { r.Header.Set("Origin", "http://evil.example"); r.Header.Set(pageHeader, "1") },
		"no origin":      func(r *http.Request) { r.Header.Set(pageHeader, "1") },
		"no page header": func(r *http.Request) { r.Header.Set("Origin", p.base) },
		"cross-site fetch": func(r *http.Request) {
			r.Header.Set("Origin", p.base)
			r.Header.Set(pageHeader, "1")
			r.Header.Set("Sec-Fetch-Site", "cross-site")
		},
	} {
		body, ct := multipartBody("file", "a.csv", []byte("Asunto\nx\n"))
		req, _ := http.NewRequest("POST", p.base+"/upload", body)
		req.Header.Set("Content-Type", ct)
		set(req)
		if code, _ := p.do(req); code != http.StatusForbidden {
			t.Errorf("%s: %d", name, code)
		}
	}
	if n := len(p.s.uploads); n != 0 {
		t.Errorf("%d uploads kept", n)
	}
}

func TestUploadCapped(t *testing.T) {
	p := start(t, Options{MaxUpload: 1 << 20})
	code, body := p.upload("big.csv", bytes.Repeat([]byte("Asunto\n"), (1<<20)/7+100))
	if code != http.StatusRequestEntityTooLarge || !strings.Contains(body, "1 MB") {
		t.Errorf("oversized upload: %d %s", code, body)
	}
	entries, _ := os.ReadDir(p.s.Dir())
	for _, e := range entries {
		files, _ := os.ReadDir(filepath.Join(p.s.Dir(), e.Name()))
		if len(files) > 0 {
			t.Errorf("the oversized upload left %v", files)
		}
	}
}

func TestUploadNameCannotLeaveTheFolder(t *testing.T) {
	p := start(t, Options{})
	for _, name := range []string{"../../escape.csv", `..\..\escape.csv`, "/etc/passwd", "..", ".hidden.csv", "a/../../b.csv"} {
		code, body := p.upload(name, []byte("Asunto;Prioridad\nUno;Alta\n"))
		if code != 200 {
			t.Errorf("%q: %d %s", name, code, body)
			continue
		}
		u := p.s.upload(uploadID(t, body))
		if rel, err := filepath.Rel(p.s.Dir(), u.path); err != nil || strings.HasPrefix(rel, "..") || filepath.Dir(u.path) != u.dir {
			t.Errorf("%q saved at %s", name, u.path)
		}
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(p.s.Dir()), "escape.csv")); err == nil {
		t.Error("escape.csv written outside the private folder")
	}
	for in, want := range map[string]string{"../../x.xlsx": "x.xlsx", `C:\Users\ana\Reuniones oct.xlsx`: "Reuniones oct.xlsx", "..": "sheet", "a.exe": "a", ".csv": "csv", "r<>|:*?.csv": "r.csv"} {
		if got := safeName(in); got != want {
			t.Errorf("safeName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPrivateFolderRemovedAtClose(t *testing.T) {
	s, err := New(Options{TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(s.Dir())
	if err != nil || st.Mode().Perm() != 0o700 {
		t.Fatalf("private folder: %v %v", st.Mode(), err)
	}
	s.Close()
	if _, err := os.Stat(s.Dir()); !os.IsNotExist(err) {
		t.Errorf("still there after Close: %v", err)
	}
}

func sampleCSV() []byte {
	return []byte("Reuniones octubre;;;;\n;;;;\nAsunto;Prioridad;Fecha inicio;Recordar;Participantes\n" +
		"Uno;Alta;26/07/2024 09:30;sí;Ana; Luis\n" +
		"Dos;URGENTE;27/07/2024 10:00;no;\n" +
		"Tres;Baja;28/07/2024 11:00;no;Marta\n")
}

// The whole flow over HTTP: upload, suggestion, check, edit, import, progress,
// results, history; and the token never comes back.
func TestFlow(t *testing.T) {
	opts, sb := withSandbox(t)
	opts.MappingsDir = t.TempDir()
	p := start(t, opts)
	code, body := p.upload("oct.csv", sampleCSV())
	if code != 200 {
		t.Fatalf("upload: %d %s", code, body)
	}
	id := uploadID(t, body)
	for _, want := range []string{`data-testid="header-row-3" data-change="/sheet" data-target="#work" checked`, `value="Asunto" selected`,
		`name="format.start_date" value="DD/MM/YYYY HH:mm"`, `name="from.priority.3" value="URGENTE"`, `value="sandbox-demo"`} {
		if !strings.Contains(body, want) {
			t.Errorf("upload: no %s", want)
		}
	}
	form := url.Values{"u": {id}, "sheet": {""}, "header_row": {"3"}, "operation": {"demo"}, "server": {opts.Sandbox},
		"col.name": {"Asunto"}, "col.priority": {"Prioridad"}, "default.priority": {"normal"},
		"from.priority.0": {"Alta"}, "to.priority.0": {"high"}, "from.priority.1": {"Media"}, "to.priority.1": {"normal"},
		"from.priority.2": {"Baja"}, "to.priority.2": {"low"}, "from.priority.3": {"URGENTE"}, "to.priority.3": {""},
		"col.start_date": {"Fecha inicio"}, "format.start_date": {"DD/MM/YYYY HH:mm"},
		"col.remember": {"Recordar"}, "col.name_module": {"=value"}, "text.name_module": {"cases"},
		"col.participants": {"Participantes"}, "split.participants": {";,"}}
	form.Set("col.remember", "") // sí needs a reminder date: leave remember out
	code, body = p.post("/check", form)
	if code != 200 || !strings.Contains(body, `data-testid="status-5"`) || !strings.Contains(body, `data-testid="invalid-5-1"`) {
		t.Fatalf("check: %d %s", code, body)
	}
	if !strings.Contains(body, `&#34;URGENTE&#34; is not a priority`) {
		t.Errorf("check: the message is not the pipeline's:\n%s", body)
	}
	edit := url.Values{}
	for k, v := range form {
		edit[k] = v
	}
	edit.Set("row", "5")
	edit.Set("col", "1")
	edit.Set("text", "Media")
	code, body = p.post("/edit", edit)
	if code != 200 || strings.Contains(body, `data-testid="invalid-5-1"`) || !strings.Contains(body, "Every row can be imported") {
		t.Fatalf("edit: %d %s", code, body)
	}
	code, body = p.post("/mapping/save", form)
	if code != 200 {
		t.Fatalf("save: %d %s", code, body)
	}
	if _, err := mapping.Parse("saved.yaml", []byte(body)); err != nil {
		t.Errorf("saved mapping: %v\n%s", err, body)
	}
	imp := url.Values{}
	for k, v := range form {
		imp[k] = v
	}
	imp.Set("token", "")
	code, body = p.post("/import", imp)
	if code != 200 || !strings.Contains(body, `data-testid="progress"`) {
		t.Fatalf("import: %d %s", code, body)
	}
	body = p.waitFinished(id, body)
	if !strings.Contains(body, `data-testid="count-created">3<`) {
		t.Errorf("progress: %s", body)
	}
	if n := len(sb.Records()); n != 3 {
		t.Errorf("sandbox has %d records", n)
	}
	code, results := p.get("/download/results?u=" + id)
	if code != 200 || !strings.Contains(results, "created") || !strings.Contains(results, "edited on the page") {
		t.Errorf("results: %d %s", code, results)
	}
	if code, _ := p.get("/download/failed?u=" + id); code != 404 {
		t.Errorf("failed rows with none: %d", code)
	}
	if code, _ := p.get("/download/..%2f..%2fetc%2fpasswd?u=" + id); code != 404 {
		t.Errorf("download of another kind: %d", code)
	}
	code, body = p.get("/history")
	if code != 200 || !strings.Contains(body, "oct.csv") || !strings.Contains(body, sb.Records()[0].ID) {
		t.Errorf("history: %d %s", code, body)
	}
	// The mapping saved is offered again for a sheet with the same headers.
	_, body = p.upload("nov.csv", sampleCSV())
	if !strings.Contains(body, "A mapping saved for a sheet with these same columns") || !strings.Contains(body, `value="cases"`) {
		t.Errorf("saved mapping not offered again")
	}
	// A token typed on the page is never answered back.
	imp.Set("token", "typed-secret-token")
	imp.Set("u", uploadID(t, body))
	p.post("/import", imp)
	if strings.Contains(p.seen.String(), "typed-secret-token") || strings.Contains(p.seen.String(), "sandbox-token") {
		t.Error("a token came back to the browser")
	}
}

func TestSpanishFromTheBrowser(t *testing.T) {
	p := start(t, Options{Lang: i18n.EN})
	req, _ := http.NewRequest("GET", p.base+"/", nil)
	req.Header.Set("Accept-Language", "es-CO,es;q=0.9,en;q=0.5")
	if _, body := p.do(req); !strings.Contains(body, `lang="es"`) || !strings.Contains(body, "Importar reuniones a Wolkvox") {
		t.Errorf("Accept-Language es: %.300s", body)
	}
	p.get("/lang/en")
	if _, body := p.do(req); !strings.Contains(body, "Import meetings into Wolkvox") {
		t.Error("the switch to English did not stick")
	}
}

// The --listen refusals in the page's language, still ErrNotLoopback for errors.Is.
func TestListenErrorsInSpanish(t *testing.T) {
	s, err := New(Options{TempDir: t.TempDir(), Lang: i18n.ES})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, _, err = s.Listen("0.0.0.0:0")
	if want := `--listen "0.0.0.0:0": la página escucha solo en este computador: use 127.0.0.1:PUERTO (o [::1]:PUERTO)`; err == nil || err.Error() != want || !errors.Is(err, ErrNotLoopback) {
		t.Errorf("err = %v\nwant %s (and ErrNotLoopback)", err, want)
	}
	_, _, err = s.Listen("8080")
	if err == nil || !strings.HasPrefix(err.Error(), `--listen "8080": `) || !strings.HasSuffix(err.Error(), "(por ejemplo, 127.0.0.1:8765)") {
		t.Errorf("err = %v", err)
	}
}
