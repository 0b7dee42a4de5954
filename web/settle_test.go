package web

import (
	"encoding/hex"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wolkvox-import/wolkvox-import/i18n"
	"github.com/wolkvox-import/wolkvox-import/importer/ledger"
)

// Uncertain rows are listed on the page with what to look for, in the page's language,
// and settled one by one: an id records the row as created, "not in Wolkvox" lets the
// next import send it; a row settled already is refused, and an empty id is asked for.
func TestSettleOnThePage(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ledger.db")
	l, err := ledger.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	keys := []ledger.Key{ledger.KeyOf("s", []byte("a")), ledger.KeyOf("s", []byte("b"))}
	for i, k := range keys {
		if err := l.Put(k, ledger.Entry{State: ledger.Sending, Run: "r1", Input: "/x/reuniones.xlsx", Row: 7 + i, SentAt: time.Now().Add(time.Duration(i) * time.Second),
			Search: []byte(`{"name":"Visita Acme","start_date":"2026-11-24 09:00:00","id_record":"C-1"}`)}); err != nil {
			t.Fatal(err)
		}
	}
	l.Close()
	p := start(t, Options{Ledger: path, Lang: i18n.ES})

	code, body := p.get("/history")
	if code != 200 || !strings.Contains(body, `data-testid="uncertain"`) || strings.Count(body, `data-settle="`+hex.EncodeToString(keys[0][:])+`"`) != 2 ||
		!strings.Contains(body, "Visita Acme") || !strings.Contains(body, "Filas por resolver") {
		t.Fatalf("history: %d\n%s", code, body)
	}
	settle := func(form url.Values) string {
		t.Helper()
		code, body := p.post("/settle", form)
		if code != 200 {
			t.Fatalf("settle %v: %d %s", form, code, body)
		}
		return body
	}
	k0, k1 := hex.EncodeToString(keys[0][:]), hex.EncodeToString(keys[1][:])
	if body := settle(url.Values{"key": {k0}, "id": {"  "}}); !strings.Contains(body, "Escriba el id que encontró en Wolkvox") {
		t.Errorf("an empty id: %s", body)
	}
	if body := settle(url.Values{"key": {k0}, "id": {"8812"}}); !strings.Contains(body, "La fila 7 de reuniones.xlsx quedó registrada como creada con el id 8812") ||
		strings.Contains(body, `data-settle="`+k0) {
		t.Errorf("settled with an id: %s", body)
	}
	if body := settle(url.Values{"key": {k0}, "no": {"1"}}); !strings.Contains(body, "Esa fila ya no está incierta") {
		t.Errorf("settled twice: %s", body)
	}
	if body := settle(url.Values{"key": {k1}, "no": {"1"}}); !strings.Contains(body, "La fila 8 de reuniones.xlsx quedó registrada como no creada") ||
		strings.Contains(body, `data-testid="uncertain"`) {
		t.Errorf("settled as not there: %s", body)
	}
	if body := settle(url.Values{"key": {"zz"}, "id": {"1"}}); !strings.Contains(body, "Esa fila ya no está incierta") {
		t.Errorf("a bad key: %s", body)
	}

	l, err = ledger.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if e, _, _ := l.Get(keys[0]); e.State != ledger.Created || e.WolkvoxID != "8812" {
		t.Errorf("row 7 in the ledger: %+v", e)
	}
	if e, _, _ := l.Get(keys[1]); e.State != ledger.Failed || !strings.HasPrefix(e.Error, ledger.MarkedNotCreated) {
		t.Errorf("row 8 in the ledger: %+v", e)
	}
}

// A sheet uploaded again on the page with one row corrected: that row is not created a
// second time, and the page counts and explains it.
func TestChangedRowOnThePage(t *testing.T) {
	opts, sb := withSandbox(t)
	p := start(t, opts)
	week1 := []byte("Asunto,Inicio,Notas\nVisita Acme,2026-11-24 09:00,Llamar\nVisita Beta,2026-11-25 10:00,\n")
	week2 := []byte("Asunto,Inicio,Notas\nVisita Acme,2026-11-24 09:00,Llamar al cliente\nVisita Beta,2026-11-25 10:00,\n")
	var check string
	importSheet := func(name string, data []byte) string {
		t.Helper()
		code, body := p.upload(name, data)
		if code != 200 {
			t.Fatalf("upload: %d %s", code, body)
		}
		id := uploadID(t, body)
		form := url.Values{"u": {id}, "sheet": {""}, "header_row": {"1"}, "operation": {"demo"}, "server": {opts.Sandbox},
			"col.name": {"Asunto"}, "col.start_date": {"Inicio"}, "format.start_date": {"YYYY-MM-DD HH:mm"}, "col.description": {"Notas"}, "token": {""}}
		if code, check = p.post("/check", form); code != 200 {
			t.Fatalf("check: %d %s", code, check)
		}
		if code, body = p.post("/import", form); code != 200 {
			t.Fatalf("import: %d %s", code, body)
		}
		return p.waitFinished(id, body)
	}
	if body := importSheet("semana.csv", week1); !strings.Contains(body, `data-testid="count-created">2<`) || strings.Contains(body, "count-changed") {
		t.Fatalf("week 1: %s", body)
	}
	body := importSheet("semana.csv", week2)
	// The check before the import said it: row 2 changed, row 3 already imported.
	if !strings.Contains(check, "Notas (now &#34;Llamar al cliente&#34;) changed since the meeting was imported on") ||
		!strings.Contains(check, "already imported on ") {
		t.Errorf("the check of week 2 does not tell: %s", check)
	}
	if !strings.Contains(body, `data-testid="count-changed">1<`) || !strings.Contains(body, `data-testid="changed-note"`) ||
		!strings.Contains(body, "1 row was imported before with other values: it was not sent.") {
		t.Errorf("week 2: %s", body)
	}
	if n := len(sb.Records()); n != 2 {
		t.Errorf("the sandbox holds %d meetings, want 2", n)
	}
}
