package importer

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/wolkvox-import/wolkvox-import/i18n"
	"github.com/wolkvox-import/wolkvox-import/importer/ledger"
	"github.com/wolkvox-import/wolkvox-import/mapping"
	"github.com/wolkvox-import/wolkvox-import/report"
)

// Uncertain rows are settled one by one, in the failed-rows file: a wolkvox_id typed next
// to an uncertain row records it as created with that id (it is not sent); "no" there
// (report.NotCreatedMark) records it as not created, so it is sent. The settlement is read
// when a sheet with a wolkvox_id column (the failed-rows file, or a results sheet) is
// imported, and it applies only to a row the ledger holds as uncertain ("sending", from
// an earlier run): the ids a results sheet holds for created rows change nothing.

// idColumn is the index of the input's wolkvox_id column (either language), -1 if none.
func idColumn(header []string) int {
	for i, h := range header {
		h = strings.TrimSpace(h)
		for _, lang := range i18n.Langs {
			if h == i18n.New(lang).T("column.wolkvox_id") {
				return i
			}
		}
	}
	return -1
}

// applySettlement applies the row's settlement, if it has one and the ledger holds the row as
// uncertain. done means the row is reported as r (recorded as created) and not sent;
// otherwise r carries a note and the row goes on to be sent as usual.
func (s *sender) applySettlement(j job, r report.Row) (report.Row, bool) {
	if s.ledger == nil || j.settle == "" || s.cfg.AllowDuplicates {
		return r, false
	}
	prev, found, err := s.ledger.Get(j.key)
	if err != nil || !found || prev.State != ledger.Sending || prev.Run == s.run {
		return r, false // a read error is met again, and reported, by the send
	}
	p := i18n.New(s.cfg.Lang)
	col := p.T("column.wolkvox_id")
	if report.NotCreatedMark(j.settle) {
		e := s.entry(j, ledger.Failed, "", ledger.MarkedNotCreated+" in "+col)
		e.Run = "" // not this run's: the row may be claimed, and sent, by this run
		if err := s.ledger.Put(j.key, e); err != nil {
			s.ledgerFault(err)
			return s.notSent(r), true
		}
		r.Error = p.T("uncertain.not_found", col)
		return r, false
	}
	id := strings.TrimSpace(j.settle)
	e := s.entry(j, ledger.Created, id, "")
	e.DoneAt = e.SentAt
	if err := s.ledger.Put(j.key, e); err != nil {
		s.ledgerFault(err)
		return s.notSent(r), true
	}
	r.Status, r.WolkvoxID, r.FromLedger = report.Created, id, true
	r.Error = p.T("uncertain.recorded", id, col)
	return r, true
}

// searchOf is what the ledger keeps of a meeting to say later what to look for in
// Wolkvox: its name, start and record as sent, a small JSON object (nil: nothing).
func searchOf(f *mapping.Fields) json.RawMessage {
	if f == nil {
		return nil
	}
	b, _ := json.Marshal(struct {
		Name     string `json:"name,omitempty"`
		Start    string `json:"start_date,omitempty"`
		IDRecord string `json:"id_record,omitempty"`
	}{f.Name, f.StartDate, f.IDRecord})
	return b
}

// SearchTerms is what to look for in Wolkvox for a meeting sent without an answer, from
// what the ledger keeps of it (Entry.Search: the name, start and record sent), in lang.
func SearchTerms(fields json.RawMessage, lang i18n.Lang) string {
	return fieldTerms(fields, i18n.New(lang))
}

func fieldTerms(raw json.RawMessage, p *i18n.Printer) string {
	var fields map[string]any
	if json.Unmarshal(raw, &fields) != nil {
		return ""
	}
	var parts []string
	for _, f := range []struct{ field, key string }{{"name", "uncertain.subject"}, {"start_date", "uncertain.start"}, {"id_record", "uncertain.record"}} {
		if v, ok := fields[f.field].(string); ok && v != "" {
			parts = append(parts, p.T(f.key, v))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return p.T("uncertain.search", strings.Join(parts, ", "))
}

// uncertainNote is what an uncertain row's error adds: what to look for, and how to
// settle it.
func (s *sender) uncertainNote(j job) string {
	p := i18n.New(s.cfg.Lang)
	return joinNote(fieldTerms(searchOf(j.fields), p), p.T("uncertain.settle", p.T("column.wolkvox_id")))
}

// WriteUncertain lists the rows the ledger holds as uncertain (sent, no answer recorded),
// oldest first, each with what to look for in Wolkvox and how to settle it; it returns
// how many it listed. A row of an import still running is listed too: it is in flight.
func WriteUncertain(w io.Writer, l *ledger.Ledger, lang i18n.Lang) (int, error) {
	pending, _, err := l.Uncertain(math.MaxInt32) // few: at most the rows in flight when a run was killed
	if err != nil {
		return 0, err
	}
	rows := make([]ledger.Entry, len(pending))
	for i, p := range pending {
		rows[i] = p.Entry
	}
	p := i18n.New(lang)
	if len(rows) == 0 {
		fmt.Fprintln(w, p.T("ledger.uncertain.none"))
		return 0, nil
	}
	fmt.Fprintln(w, p.T("ledger.uncertain.head", len(rows)))
	for _, e := range rows {
		what := SearchTerms(e.Search, lang) // in this listing's language, when the ledger kept it
		if what == "" {
			what = e.Error
		}
		if what == "" {
			what = p.T("ledger.uncertain.no_terms")
		}
		fmt.Fprintln(w, p.T("ledger.uncertain.row", e.SentAt.Local().Format("2006-01-02 15:04"), e.Input, e.Row, what))
	}
	fmt.Fprintln(w, p.T("ledger.uncertain.how", p.T("column.wolkvox_id")))
	return len(rows), nil
}
