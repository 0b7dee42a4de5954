package web

import (
	"encoding/hex"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/wolkvox-import/wolkvox-import/i18n"
	"github.com/wolkvox-import/wolkvox-import/importer"
	"github.com/wolkvox-import/wolkvox-import/importer/ledger"
	"github.com/wolkvox-import/wolkvox-import/importer/wolkvox"
)

// Past imports and the rows left uncertain, read from the ledger beside a running import
// (SQLite in WAL mode). Each uncertain row is settled on its own (SPEC "Uncertain rows"):
// the id found in Wolkvox records it as created; "not in Wolkvox" lets the next import
// send it.

// pendingShown bounds the uncertain rows the page lists (a kill leaves a few).
const pendingShown = 50

// pendingRow is one uncertain row in the page's list.
type pendingRow struct {
	Key, Date, File, Look string
	Row                   int
}

// renderHistory answers the history fragment, with done (a settlement made) or problem
// (one refused) above it.
func (s *Server) renderHistory(w http.ResponseWriter, r *http.Request, done, problem string) {
	p := s.printer(r)
	data := map[string]any{"Done": done, "Err": problem}
	if err := s.readHistory(p, data); err != nil && problem == "" {
		data["Err"] = localized(err, p)
	}
	s.render(w, r, http.StatusOK, "history", data)
}

// readHistory puts in data the past imports and the rows to settle, read beside any
// import running; with no ledger yet there is nothing to put.
func (s *Server) readHistory(p *i18n.Printer, data map[string]any) error {
	path, err := s.ledgerPath("")
	if err != nil {
		return err
	}
	if _, err := os.Stat(path); err != nil {
		return nil
	}
	l, err := ledger.Open(path)
	if err != nil {
		return err
	}
	defer l.Close()
	runs, err := l.Runs(historyRuns)
	if err != nil {
		return err
	}
	data["Runs"] = historyRows(runs)
	pending, total, err := l.Uncertain(pendingShown)
	if err != nil {
		return err
	}
	rows := make([]pendingRow, len(pending))
	for i, u := range pending {
		look := importer.SearchTerms(u.Entry.Search, p.Lang())
		if look == "" {
			look = u.Entry.Error
		}
		rows[i] = pendingRow{Key: hex.EncodeToString(u.Key[:]), Date: u.Entry.SentAt.Local().Format("2006-01-02 15:04"),
			File: filepath.Base(u.Entry.Input), Row: u.Entry.Row, Look: look}
	}
	data["Pending"] = rows
	if total > len(pending) {
		data["PendingMore"] = total - len(pending)
	}
	return nil
}

// handleSettle records one uncertain row's fate: key (hex), and id, or no=1.
func (s *Server) handleSettle(w http.ResponseWriter, r *http.Request) {
	p := s.printer(r)
	if err := parseForm(w, r); err != nil {
		s.fail(w, r, http.StatusRequestEntityTooLarge, p.T("page.error.form", formLimit>>20))
		return
	}
	var k ledger.Key
	if b, err := hex.DecodeString(r.FormValue("key")); err != nil || len(b) != len(k) {
		s.renderHistory(w, r, "", p.T("page.settle.gone"))
		return
	} else {
		copy(k[:], b)
	}
	id := strings.TrimSpace(r.FormValue("id"))
	notThere := r.FormValue("no") == "1"
	if id == "" && !notThere {
		s.renderHistory(w, r, "", p.T("page.settle.no_id"))
		return
	}
	if notThere {
		id = ""
	}
	// The page's own import holds the ledger's lock: a row in flight now must not be
	// settled under it.
	if !s.ledger.TryLock() {
		s.renderHistory(w, r, "", p.T("page.settle.busy"))
		return
	}
	defer s.ledger.Unlock()
	path, err := s.ledgerPath("")
	if err != nil {
		s.renderHistory(w, r, "", err.Error())
		return
	}
	l, err := ledger.Open(path)
	if err != nil {
		s.renderHistory(w, r, "", localized(err, p))
		return
	}
	e, _, gerr := l.Get(k)
	err = gerr
	if err == nil {
		err = l.Settle(k, id, p.T("page.settle.note"))
	}
	if cerr := l.Close(); err == nil {
		err = cerr
	}
	switch {
	case errors.Is(err, ledger.ErrNotUncertain):
		s.renderHistory(w, r, "", p.T("page.settle.gone"))
	case err != nil:
		s.renderHistory(w, r, "", localized(err, p))
	case id != "":
		s.renderHistory(w, r, p.T("page.settle.done_id", e.Row, filepath.Base(e.Input), id), "")
	default:
		s.renderHistory(w, r, p.T("page.settle.done_no", e.Row, filepath.Base(e.Input)), "")
	}
}

// checkLedger is the ledger of the server the form names, for a check, and the server's
// name in it; nil when there is no server or no ledger yet (a check never makes one).
func (s *Server) checkLedger(r *http.Request) (*ledger.Ledger, string) {
	server := strings.TrimSpace(r.FormValue("server"))
	if server == "" {
		return nil, ""
	}
	endpoint, err := wolkvox.ParseServer(server)
	if err != nil {
		return nil, "" // the import says what is wrong with it
	}
	path, err := s.ledgerPath(server)
	if err != nil {
		return nil, ""
	}
	if _, err := os.Stat(path); err != nil {
		return nil, ""
	}
	l, err := ledger.Open(path)
	if err != nil {
		return nil, "" // the import refuses a damaged ledger, and says why
	}
	return l, endpoint.String()
}
