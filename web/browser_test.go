package web

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/xuri/excelize/v2"

	"github.com/wolkvox-import/wolkvox-import/importer/ledger"
	"github.com/wolkvox-import/wolkvox-import/importer/sandbox"
)

// The browser tests drive Debian's chromium with chromedp, as a person would use the
// page. Without chromium they are skipped, unless WOLKVOX_BROWSER_TESTS=require (CI),
// which makes a missing browser a failure.
func chromium(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("WOLKVOX_BROWSER_TESTS") == "require" {
		t.Fatal("WOLKVOX_BROWSER_TESTS=require, but no chromium found: apt-get install -y chromium")
	}
	t.Skip("no chromium on this machine (apt-get install -y chromium); WOLKVOX_BROWSER_TESTS=require makes this a failure")
	return ""
}

type session struct {
	t     *testing.T
	ctx   context.Context
	p     *page
	sb    *sandbox.Server
	url   string
	shots string
	step  int
	dl    chan string
	dlDir string
}

func newSession(t *testing.T) *session {
	exe := chromium(t)
	opts, sb := withSandbox(t)
	opts.MappingsDir = t.TempDir()
	p := start(t, opts)
	alloc, cancel := chromedp.NewExecAllocator(context.Background(), append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("lang", "es-CO"), chromedp.Flag("accept-lang", "es-CO,es"), chromedp.WindowSize(1280, 800))...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(alloc)
	t.Cleanup(cancel2)
	ctx, cancel3 := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancel3)
	s := &session{t: t, ctx: ctx, p: p, sb: sb, url: p.base + "/?k=" + p.secret, shots: t.ArtifactDir(), dl: make(chan string, 4), dlDir: t.TempDir()}
	events := chromedp.Events(ctx, browser.DownloadProgress)
	go func() {
		for ev, err := range events {
			if err != nil {
				return
			}
			if ev.State == browser.DownloadProgressStateCompleted {
				s.dl <- ev.GUID
			}
		}
	}()
	yes := true
	s.run(chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
			Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: s.dlDir, EventsEnabled: &yes})
		return err
	}))
	return s
}

func (s *session) run(actions ...chromedp.Action[chromedp.Void]) {
	s.t.Helper()
	if err := chromedp.Do(s.ctx, actions...); err != nil {
		s.shot("failure")
		s.t.Fatal(err)
	}
}

// shot saves a screenshot of the whole page as a test artifact.
func (s *session) shot(name string) {
	s.step++
	buf, err := chromedp.Run(s.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		s.t.Logf("screenshot %s: %v", name, err)
		return
	}
	path := filepath.Join(s.shots, fmt.Sprintf("%02d-%s.png", s.step, name))
	if err := os.WriteFile(path, buf, 0o644); err == nil {
		s.t.Logf("screenshot: %s", path)
	}
}

func (s *session) text(sel string) string {
	s.t.Helper()
	out, err := chromedp.Run(s.ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		s.t.Fatal(err)
	}
	return out
}

// upload opens a file on the page and waits for the mapping step.
func (s *session) upload(path string) {
	s.t.Helper()
	abs, err := filepath.Abs(path)
	if err != nil {
		s.t.Fatal(err)
	}
	// The new sheet replaces the steps below: the last import's progress goes.
	s.run(chromedp.SetUploadFiles(chromedp.CSS(`[data-testid="file-input"]`), []string{abs}),
		chromedp.WaitNotPresent(chromedp.CSS(`[data-testid="progress"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="field-name"]`)))
}

// importAll checks, imports and waits for the end; it returns the progress' counts.
func (s *session) importAndWait() {
	s.run(chromedp.Click(chromedp.CSS(`[data-testid="import-button"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="progress"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="import-done"]`)))
}

// download clicks a link and waits for the browser to save the file.
func (s *session) download(sel string) string {
	s.run(chromedp.Click(chromedp.CSS(sel)))
	select {
	case guid := <-s.dl:
		return filepath.Join(s.dlDir, guid)
	case <-s.ctx.Done():
		s.t.Fatal("the download never ended")
	}
	return ""
}

// The SPEC's flow as a person follows it, from opening the page to the results: a copy
// of samples/meetings.xlsx with one priority mistyped, the suggested mapping accepted,
// the cell fixed on the page, everything created in the sandbox.
func TestBrowserImportSample(t *testing.T) {
	s := newSession(t)
	input := filepath.Join(t.TempDir(), "meetings.xlsx")
	book, err := excelize.OpenFile("../samples/meetings.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	book.SetCellValue(book.GetSheetName(0), "B3", "URGENTE") // row 3's Prioridad was Media
	if err := book.SaveAs(input); err != nil {
		t.Fatal(err)
	}
	book.Close()

	start := time.Now()
	s.run(chromedp.Navigate(s.url), chromedp.WaitVisible(chromedp.CSS(`[data-testid="file-input"]`)))
	if title := s.text("h1"); title != "Importar reuniones a Wolkvox" {
		t.Errorf("the page is not in the browser's language (es-CO): %q", title)
	}
	s.shot("open-page")
	s.upload(input)
	s.run(chromedp.WaitVisible(chromedp.CSS(`[data-testid="header-row-1"]:checked`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="sheet-select"]`)))
	s.shot("sheet-and-header-row")
	name, _ := chromedp.Run(s.ctx, chromedp.Value(chromedp.CSS(`[data-testid="field-name"]`)))
	start_, _ := chromedp.Run(s.ctx, chromedp.Value(chromedp.CSS(`[data-testid="field-start_date"]`)))
	s.run(chromedp.ScrollIntoView(chromedp.CSS(`[data-testid="field-participants"]`)))
	if name != "Asunto" || start_ != "Fecha inicio" {
		t.Errorf("suggested: name %q, start_date %q", name, start_)
	}
	s.shot("mapping-suggested")

	s.run(chromedp.Click(chromedp.CSS(`[data-testid="check-button"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="invalid-3-1"]`)))
	if st := s.text(`[data-testid="status-3"]`); !strings.Contains(st, "inválida") {
		t.Errorf("status-3 = %q", st)
	}
	if st := s.text(`[data-testid="status-2"]`); !strings.Contains(st, "válida") {
		t.Errorf("status-2 = %q", st)
	}
	s.run(chromedp.ScrollIntoView(chromedp.CSS(`[data-testid="invalid-3-1"]`)))
	s.shot("check-one-invalid")

	s.run(chromedp.Focus(chromedp.CSS(`[data-testid="edit-3-1"]`)),
		chromedp.Clear(chromedp.CSS(`[data-testid="edit-3-1"]`)),
		chromedp.SendKeys(chromedp.CSS(`[data-testid="edit-3-1"]`), "Media"+kb.Enter),
		chromedp.WaitNotPresent(chromedp.CSS(`[data-testid="invalid-3-1"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="check-summary"].ok`)))
	if st := s.text(`[data-testid="status-3"]`); !strings.Contains(st, "válida") {
		t.Errorf("after the fix, status-3 = %q", st)
	}
	s.shot("fixed-and-checked-again")

	s.importAndWait()
	elapsed := time.Since(start)
	s.shot("imported")
	t.Logf("time from opening the page to the results: %s", elapsed.Round(10*time.Millisecond))
	if c := s.text(`[data-testid="count-created"]`); c != "8" {
		t.Errorf("created: %q", c)
	}

	results := s.download(`[data-testid="download-results"]`)
	ids := map[string]bool{}
	for _, r := range s.sb.Records() {
		ids[r.ID] = true
	}
	if len(ids) != 8 {
		t.Fatalf("the sandbox holds %d meetings", len(ids))
	}
	book, err = excelize.OpenFile(results)
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	rows, err := book.GetRows(book.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	col := func(name string) int {
		for i, h := range rows[0] {
			if h == name {
				return i
			}
		}
		t.Fatalf("no %s column in %v", name, rows[0])
		return -1
	}
	// The browser speaks es-CO: the results' added columns and statuses are Spanish.
	st, id, msg := col("estado_importacion"), col("id_wolkvox"), col("error_importacion")
	for _, r := range rows[1:] {
		for len(r) <= msg {
			r = append(r, "")
		}
		if r[st] != "creada" || !ids[r[id]] {
			t.Errorf("results row %v: status %q, id %q", r[0], r[st], r[id])
		}
	}
	if len(rows) != 9 || !strings.Contains(rows[2][msg], "URGENTE") {
		t.Errorf("%d rows; row 3's note: %q", len(rows), rows[2][msg])
	}
	s.run(chromedp.WaitVisible(chromedp.CSS(`[data-testid="history"]`)), chromedp.ScrollIntoView(chromedp.CSS(`[data-testid="history"]`)))
	s.shot("results-and-history")
}

// Last week's sheet uploaded again: nothing is sent twice.
func TestBrowserReuploadSendsNothingTwice(t *testing.T) {
	s := newSession(t)
	s.run(chromedp.Navigate(s.url), chromedp.WaitVisible(chromedp.CSS(`[data-testid="file-input"]`)))
	for round := 1; round <= 2; round++ {
		s.upload("../samples/meetings.xlsx")
		s.run(chromedp.Click(chromedp.CSS(`[data-testid="check-button"]`)),
			chromedp.WaitVisible(chromedp.CSS(`[data-testid="check-summary"].ok`)))
		s.importAndWait()
		s.shot(fmt.Sprintf("import-%d", round))
		if c := s.text(`[data-testid="count-created"]`); c != "8" {
			t.Errorf("round %d: created %q", round, c)
		}
		if n := len(s.sb.Records()); n != 8 {
			t.Errorf("round %d: the sandbox holds %d meetings", round, n)
		}
	}
	details, err := chromedp.Run(s.ctx, chromedp.Evaluate[string](`document.querySelector('[data-testid="progress"]').textContent`))
	if err != nil || !strings.Contains(details, "0 solicitudes") {
		t.Errorf("the second import's summary does not say it sent nothing (0 solicitudes): %v\n%s", err, details)
	}
}

// An uncertain row left by an earlier import is settled on the page: the id typed beside
// it, one click, and the ledger holds it as created (it is never sent again).
func TestBrowserSettlesAnUncertainRow(t *testing.T) {
	s := newSession(t)
	path := filepath.Join(s.p.s.dir, "sandbox-ledger.db")
	l, err := ledger.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	k := ledger.KeyOf("s", []byte("uncertain"))
	if err := l.Put(k, ledger.Entry{State: ledger.Sending, Run: "r1", Input: "meetings.xlsx", Row: 5, SentAt: time.Now(),
		Search: []byte(`{"name":"Revisión de contrato","start_date":"2026-11-24 09:00:00"}`)}); err != nil {
		t.Fatal(err)
	}
	l.Close()
	s.run(chromedp.Navigate(s.url), chromedp.WaitVisible(chromedp.CSS(`[data-testid="uncertain"]`)),
		chromedp.ScrollIntoView(chromedp.CSS(`[data-testid="uncertain"]`)))
	if got := s.text(`[data-testid="uncertain"]`); !strings.Contains(got, "Revisión de contrato") || !strings.Contains(got, "2026-11-24 09:00:00") {
		t.Errorf("the uncertain row shows %q", got)
	}
	s.shot("uncertain-row")
	s.run(chromedp.SendKeys(chromedp.CSS(`input[name="settle-id"]`), "8812"),
		chromedp.Click(chromedp.CSS(`button[data-settle]:not([data-no])`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="settled"]`)))
	if got := s.text(`[data-testid="settled"]`); !strings.Contains(got, "La fila 5 de meetings.xlsx quedó registrada como creada con el id 8812") {
		t.Errorf("after settling: %q", got)
	}
	s.shot("uncertain-settled")
	l, err = ledger.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if e, _, _ := l.Get(k); e.State != ledger.Created || e.WolkvoxID != "8812" {
		t.Errorf("the ledger holds %+v", e)
	}
}

// The weekly sheet uploaded again with one cell corrected: the check says, before
// importing, that the row changed and what changed, and the import creates nothing twice.
func TestBrowserCorrectedReupload(t *testing.T) {
	s := newSession(t)
	s.run(chromedp.Navigate(s.url), chromedp.WaitVisible(chromedp.CSS(`[data-testid="file-input"]`)))
	s.upload("../samples/meetings.xlsx")
	s.run(chromedp.Click(chromedp.CSS(`[data-testid="check-button"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="check-summary"].ok`)))
	s.importAndWait()

	corrected := filepath.Join(t.TempDir(), "meetings.xlsx")
	book, err := excelize.OpenFile("../samples/meetings.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	sheet := book.GetSheetName(0)
	header, _ := book.GetRows(sheet)
	lugar := -1
	for i, h := range header[0] {
		if h == "Lugar" {
			lugar = i
		}
	}
	if lugar < 0 {
		t.Fatalf("no Lugar column in %v", header[0])
	}
	cell, _ := excelize.CoordinatesToCellName(lugar+1, 4)
	if old, _ := book.GetCellValue(sheet, cell); old == "Sala 9" {
		t.Fatalf("row 4's Lugar is already %q", old)
	}
	book.SetCellValue(sheet, cell, "Sala 9") // row 4's place, fixed a week later
	if err := book.SaveAs(corrected); err != nil {
		t.Fatal(err)
	}
	book.Close()

	s.upload(corrected)
	s.run(chromedp.Click(chromedp.CSS(`[data-testid="check-button"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="status-4"]`)))
	if st := s.text(`[data-testid="status-4"]`); !strings.Contains(st, "cambiada") {
		t.Errorf("status-4 = %q", st)
	}
	page, _ := chromedp.Run(s.ctx, chromedp.Evaluate[string](`document.getElementById("check").textContent`))
	if want := "Lugar (ahora «Sala 9») cambió desde que la reunión se importó"; !strings.Contains(page, want) {
		t.Errorf("the check does not say %q:\n%s", want, page)
	}
	if got := s.text(`[data-testid="check-summary"]`); !strings.Contains(got, "1 fila no se enviará: ya está en Wolkvox con otros valores") {
		t.Errorf("check-summary: %q", got)
	}
	if got := s.text(`[data-testid="check-ledger"]`); !strings.Contains(got, "ya importadas (no se enviarán de nuevo): 7; cambiadas desde que se importaron (no se enviarán: vea el mensaje): 1; inciertas") {
		t.Errorf("check-ledger: %q", got)
	}
	s.run(chromedp.ScrollIntoView(chromedp.CSS(`[data-testid="check-ledger"]`)))
	s.shot("check-changed-row")
	s.importAndWait()
	s.shot("imported-changed-row")
	if c := s.text(`[data-testid="count-changed"]`); c != "1" {
		t.Errorf("changed: %q", c)
	}
	if n := len(s.sb.Records()); n != 8 {
		t.Errorf("the sandbox holds %d meetings, want 8", n)
	}
}
