package ledger

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gocarina/gocsv"

	"github.com/wolkvox-import/wolkvox-import/i18n"
)

// historyRow is one line of the ledger's history export: a fixed schema, which is what
// gocsv's struct tags are for.
type historyRow struct {
	SentAt    string `csv:"sent_at"`
	DoneAt    string `csv:"done_at"`
	State     State  `csv:"state"`
	Status    string `csv:"import_status"` // the results' word for the state
	WolkvoxID string `csv:"wolkvox_id"`
	Subject   string `csv:"subject"` // the meeting's name, as sent
	Server    string `csv:"server"`
	Operation string `csv:"operation"`
	Input     string `csv:"input"`
	Row       int    `csv:"source_row"`
	Error     string `csv:"error"`
}

// historyHeader is historyRow's columns, in order.
var historyHeader = []string{"sent_at", "done_at", "state", "import_status", "wolkvox_id", "subject", "server", "operation", "input", "source_row", "error"}

// History chooses the entries ExportCSV lists; the zero History lists them all.
type History struct {
	Input string    // a part of the input file's name, in any case
	Since time.Time // sent at or after
	State State     // Created, Failed or Sending ("" = any)
	// Subject is a part of the meeting's name, in any case and with or without accents
	// ("" = any); entries from before the ledger kept the fields have no name.
	Subject string
	Lang    i18n.Lang // of the import_status words
}

func (h History) keeps(e Entry) bool {
	return (h.Input == "" || strings.Contains(strings.ToLower(e.Input), strings.ToLower(h.Input))) &&
		(h.Since.IsZero() || !e.SentAt.Before(h.Since)) &&
		(h.State == "" || e.State == h.State) &&
		(h.Subject == "" || strings.Contains(i18n.Fold(subjectOf(e)), i18n.Fold(h.Subject)))
}

// subjectOf is the name the meeting was sent with, "" when the fields were not kept.
func subjectOf(e Entry) string {
	var sent struct {
		Name string `json:"name"`
	}
	json.Unmarshal(e.Search, &sent)
	return sent.Name
}

// ExportCSV writes the entries h keeps as CSV, oldest sent first, answering "what did we
// import, when, and with which ids". It streams: memory does not grow with the ledger.
func (l *Ledger) ExportCSV(w io.Writer, hist History) error {
	cw := csv.NewWriter(w)
	p := i18n.New(hist.Lang)
	if err := cw.Write(historyHeader); err != nil {
		return err
	}
	err := l.eachInTimeOrder(func(e Entry) error {
		if !hist.keeps(e) {
			return nil
		}
		h := historyOf(e, p)
		return cw.Write([]string{h.SentAt, h.DoneAt, string(h.State), h.Status, h.WolkvoxID, h.Subject, h.Server, h.Operation, h.Input, strconv.Itoa(h.Row), h.Error})
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// SalvageCSV writes, in ExportCSV's columns, every entry Salvage can read from the
// ledger file at path, damaged or not, oldest first.
func SalvageCSV(w io.Writer, path string) (int, SalvageStats, error) {
	got, st, err := Salvage(path)
	if err != nil {
		return 0, st, err
	}
	slices.SortStableFunc(got, func(a, b Salvaged) int { return a.Entry.SentAt.Compare(b.Entry.SentAt) })
	rows := make([]historyRow, len(got))
	for i, s := range got {
		rows[i] = historyOf(s.Entry, i18n.New(i18n.EN))
	}
	if len(rows) == 0 {
		// gocsv writes nothing at all for no rows: the header still says what the file is.
		_, err := io.WriteString(w, strings.Join(historyHeader, ",")+"\n")
		return 0, st, err
	}
	return len(rows), st, gocsv.Marshal(rows, w)
}

func historyOf(e Entry, p *i18n.Printer) historyRow {
	return historyRow{
		SentAt: stamp(e.SentAt), DoneAt: stamp(e.DoneAt), State: e.State, Status: p.T("status." + statusOf(e)),
		WolkvoxID: e.WolkvoxID, Subject: subjectOf(e),
		Server: e.Server, Operation: e.Operation, Input: e.Input, Row: e.Row, Error: e.Error,
	}
}

// statusOf is the results' status an entry stands for: a row left "sending" is
// uncertain, and a row the server never saw (the run stopped first, or it was marked
// not created) is not_sent rather than failed.
func statusOf(e Entry) string {
	switch {
	case e.State == Created:
		return "created"
	case e.State == Sending:
		return "uncertain"
	case neverSent(e.Error) || strings.HasPrefix(e.Error, MarkedNotCreated):
		return "not_sent"
	}
	return "failed"
}

// MarkedNotCreated starts the note of an uncertain row the user marked as not created
// (in the failed-rows file or on the page): the server never saw it.
const MarkedNotCreated = "marked not created"

// notSentKeys are the catalog's notes of rows released before their request left (the
// run stopped, or waits for the daily allowance), in whichever language the run spoke.
var notSentKeys = []string{"ledger.not_sent.stopped", "ledger.not_sent.waiting_allowance"}

func neverSent(note string) bool {
	for _, lang := range i18n.Langs {
		p := i18n.New(lang)
		for _, k := range notSentKeys {
			if note == p.T(k) {
				return true
			}
		}
	}
	return false
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Local().Format("2006-01-02 15:04:05 -0700") // with the zone: a ledger moves between machines
}

// ParseHistory reads the ledger command's filters: a part of the input's name, a day
// (YYYY-MM-DD, local time) and a state word (created, failed, uncertain or sending; or
// the results' Spanish words, creada, fallida, incierta). Its errors are in lang.
func ParseHistory(input, since, state string, lang i18n.Lang) (History, error) {
	h := History{Input: strings.TrimSpace(input)}
	p := i18n.New(lang)
	if since = strings.TrimSpace(since); since != "" {
		t, err := time.ParseInLocation("2006-01-02", since, time.Local)
		if err != nil {
			return h, errors.New(p.T("ledger.since", since))
		}
		h.Since = t
	}
	switch strings.ToLower(strings.TrimSpace(state)) {
	case "":
	case "created", "creada":
		h.State = Created
	case "failed", "fallida":
		h.State = Failed
	case "uncertain", "sending", "incierta":
		h.State = Sending
	default:
		return h, errors.New(p.T("ledger.state", state))
	}
	return h, nil
}
